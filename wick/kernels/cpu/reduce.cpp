#include "wick/kernels/cpu/reduce.h"

#include <algorithm>
#include <numeric>

namespace wick::kernels {

namespace {
struct Dim {
  int64_t size, istr, ostr;
};

// Sorts by input stride (outer first) and merges dims that form one dense
// block in the input (and, for kept dims, in the output too).
void order_and_coalesce(std::vector<Dim>& dims, bool check_out) {
  std::stable_sort(dims.begin(), dims.end(), [](const Dim& a, const Dim& b) {
    return std::abs(a.istr) > std::abs(b.istr);
  });
  std::vector<Dim> res;
  for (const Dim& d : dims) {
    if (!res.empty()) {
      Dim& o = res.back();
      if (o.istr == d.istr * d.size && (!check_out || o.ostr == d.ostr * d.size)) {
        o.size *= d.size;
        o.istr = d.istr;
        o.ostr = d.ostr;
        continue;
      }
    }
    res.push_back(d);
  }
  dims = std::move(res);
}
}  // namespace

ReducePlan plan_reduction(const Tensor& in, const std::vector<bool>& reduced,
                          IntArrayRef out_strides) {
  std::vector<Dim> kept, red;
  for (int64_t d = 0; d < in.dim(); ++d) {
    int64_t sz = in.size(d);
    if (sz == 1) continue;
    if (reduced[d]) red.push_back({sz, in.stride(d), 0});
    else kept.push_back({sz, in.stride(d), out_strides[d]});
  }
  order_and_coalesce(kept, true);
  order_and_coalesce(red, false);
  WICK_CHECK(kept.size() <= 64 && red.size() <= 64, "reduction: too many dimensions");
  ReducePlan P;
  P.ksize.clear();
  for (const Dim& d : kept) {
    P.ksize.push_back(d.size);
    P.kistr.push_back(d.istr);
    P.kostr.push_back(d.ostr);
  }
  for (const Dim& d : red) {
    P.rsize.push_back(d.size);
    P.ristr.push_back(d.istr);
  }
  if (P.ksize.empty()) {
    P.ksize = {1};
    P.kistr = {0};
    P.kostr = {0};
  }
  if (P.rsize.empty()) {
    P.rsize = {1};
    P.ristr = {0};
  }
  P.M = multiply_integers(P.ksize);
  P.N = multiply_integers(P.rsize);
  // Outer mode when a kept dim is the one walked fastest in memory.
  const int64_t kin = std::abs(P.kistr.back()), rin = std::abs(P.ristr.back());
  P.outer_mode = !kept.empty() && !red.empty() && kin < rin && P.ksize.back() >= 4;
  return P;
}

}  // namespace wick::kernels
