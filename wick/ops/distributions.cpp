// Gamma and Dirichlet sampling, draw for draw as torch 1.13's CPU kernels:
//
// - uniforms are 53-bit doubles from random64(), as at::uniform_real_distribution<double>;
// - normals are double Box-Muller pairs whose second value waits in the
//   generator (the same cache randn and normal_ use);
// - a gamma sample boosts alpha < 1 to alpha + 1 with a (1 - u)^(1/alpha) scale,
//   then runs Marsaglia-Tsang: repeat { x = normal until 1 + c x > 0;
//   v = (1 + c x)^3; u = 1 - uniform; accept if u < 1 - 0.0331 x^4 or
//   log u < x^2 / 2 + d (1 - v + log v) }, returning scale * d * v.
// The constants 1/3 and 0.0331 are single-precision literals there and are kept
// so here, so the accept/reject decisions (and thus the stream) stay the same.
#include "wick/ops/distributions.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <mutex>
#include <vector>

#include "wick/core/dispatch.h"
#include "wick/ops/creation.h"

namespace wick {

namespace {

constexpr double kPi = 3.14159265358979323846;

inline double uniform53(GeneratorImpl* g) {
  return static_cast<double>(g->random64() & ((uint64_t{1} << 53) - 1)) *
         (1.0 / static_cast<double>(uint64_t{1} << 53));
}

inline double standard_normal(GeneratorImpl* g) {
  if (g->next_double_normal) {
    const double cached = *g->next_double_normal;
    g->next_double_normal.reset();
    return cached;
  }
  const double u1 = uniform53(g);
  const double u2 = uniform53(g);
  const double radius = std::sqrt(-2.0 * std::log(1.0 - u2));
  const double theta = 2.0 * kPi * u1;
  g->next_double_normal = radius * std::sin(theta);
  return radius * std::cos(theta);
}

// T is the type alpha arrives in (float for float tensors, double for double
// tensors and for Dirichlet's samples); the arithmetic on alpha itself stays in
// T, the rest is double, as in PyTorch.
template <typename T>
T sample_gamma(T alpha, GeneratorImpl* g) {
  double scale = 1.0;
  if (alpha < 1.0f) {
    if (alpha == 0.f) return 0.f;
    scale *= std::pow(1.0 - uniform53(g), static_cast<double>(T(1.0f / alpha)));
    alpha += 1.0f;
  }
  const double d = static_cast<double>(T(alpha - 1.0f / 3.0f));
  const double c = 1.0f / std::sqrt(9.0f * d);
  for (;;) {
    double x, y;
    do {
      x = standard_normal(g);
      y = 1.0f + c * x;
    } while (y <= 0);
    const double v = y * y * y;
    const double u = 1.0 - uniform53(g);
    const double xx = x * x;
    if (u < 1.0f - 0.0331f * xx * xx) return static_cast<T>(scale * d * v);
    if (std::log(u) < 0.5f * xx + d * (1.0f - v + std::log(v))) return static_cast<T>(scale * d * v);
  }
}

}  // namespace

Tensor _standard_gamma(const Tensor& alpha, std::optional<Generator> generator) {
  Tensor ret = empty(alpha.sizes(), alpha.options());
  if (alpha.numel() == 0) return ret;
  return WICK_DISPATCH_FLOATING_TYPES(alpha.scalar_type(), "gamma_cpu", [&] {
    const Tensor a = alpha.contiguous();
    const scalar_t* in = a.data_ptr<scalar_t>();
    scalar_t* out = ret.data_ptr<scalar_t>();
    const int64_t n = alpha.numel();
    GeneratorImpl* g = get_generator_or_default(generator);
    std::lock_guard<std::mutex> lock(g->mutex);
    for (int64_t i = 0; i < n; ++i)
      out[i] = std::max(std::numeric_limits<scalar_t>::min(), sample_gamma<scalar_t>(in[i], g));
    return ret;
  });
}

Tensor _sample_dirichlet(const Tensor& alpha, std::optional<Generator> generator) {
  Tensor ret = empty(alpha.sizes(), alpha.options());
  if (alpha.numel() == 0) return ret;
  return WICK_DISPATCH_FLOATING_TYPES(alpha.scalar_type(), "dirichlet", [&] {
    const Tensor a = alpha.contiguous();
    const scalar_t* in = a.data_ptr<scalar_t>();
    scalar_t* out = ret.data_ptr<scalar_t>();
    const int64_t n = alpha.numel();
    const int64_t row = alpha.dim() == 0 ? 1 : alpha.sizes().back();
    std::vector<double> gamma(static_cast<size_t>(n));
    {
      GeneratorImpl* g = get_generator_or_default(generator);
      std::lock_guard<std::mutex> lock(g->mutex);
      for (int64_t i = 0; i < n; ++i)
        gamma[i] = std::max(std::numeric_limits<double>::min(),
                            sample_gamma<double>(static_cast<double>(in[i]), g));
    }
    const scalar_t lo = std::numeric_limits<scalar_t>::min();
    const scalar_t hi = std::nextafter(scalar_t(1), scalar_t(0));
    for (int64_t r = 0; r < n; r += row) {
      double sum = 0;
      for (int64_t j = 0; j < row; ++j) sum += gamma[r + j];
      for (int64_t j = 0; j < row; ++j)
        out[r + j] = std::min(hi, std::max(lo, static_cast<scalar_t>(gamma[r + j] / sum)));
    }
    return ret;
  });
}

}  // namespace wick
