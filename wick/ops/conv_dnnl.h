#pragma once
// float32 convolutions through oneDNN (when wick is built with it: WICK_HAVE_DNNL).
// Internal to wick/ops/conv.cpp; see Note [Convolution backends] in conv_dnnl.cpp.
#include <cstdint>

#include "wick/core/function_ref.h"

namespace wick::detail {

// The geometry of one convolution in conv.cpp's terms: always three spatial
// dims (leading 1s for 1-d/2-d), low-side padding only; nd is the user's count.
struct DnnlGeom {
  int64_t nd, groups;
  const int64_t *stride, *pad, *dil, *in, *out, *k;
};

// kind 0: out = y (N, Cout, out) from a = x (N, C, in), b = w
// kind 1: out = gx (N, C, in) from a = gy (N, Cout, out), b = w
// kind 2: out = gw (Cout, C/G, k) from a = x, b = gy
// All buffers contiguous float32; `bias` (Cout values, or null) is added to
// the forward map's output (kind 0), or set to the bias grad (kind 2, the sum
// of b = gy over batch and space); `fallback` must do the same. Runs the convolution, through oneDNN or
// through `fallback` (wick's im2col kernel), whichever the plan cached for this
// shape says; returns false (having done nothing) when oneDNN is not built in
// or does not take the case, so the caller runs its own kernel.
bool dnnl_conv(int kind, const float* a, const float* b, float* bias, float* out,
               int64_t N, int64_t C, int64_t Cout, const DnnlGeom& g,
               FunctionRef<void()> fallback);

// Whether wick was built with oneDNN, and a switch for tests (default on):
// off makes dnnl_conv return false.
bool dnnl_available();
void set_dnnl_enabled(bool on);
bool dnnl_enabled();
// Which backend the cached plan of the last dnnl_conv call ran (tests):
// -1 none, 0 oneDNN blocked layouts, 1 oneDNN channels-last, 2 fallback.
int dnnl_last_choice();
// Forces the choice of new plans (tests): -1 timed (default), 0, 1 or 2.
void set_dnnl_force_choice(int choice);

}  // namespace wick::detail
