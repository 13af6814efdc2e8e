#pragma once
// CPU reduction driver. A reduction is a small functor (identity, reduce,
// combine, store) run by one driver over any strided input:
//
//   struct Op {
//     using in_t = ...; using acc_t = ...;
//     static constexpr bool kIndexed = false;  // reduce() needs the element index
//     static constexpr bool kCascade = false;  // float sums: pairwise combining
//     acc_t identity() const;
//     acc_t reduce(acc_t a, in_t x, int64_t idx) const;
//     acc_t combine(acc_t a, acc_t b) const;  // a covers earlier indices than b
//     void store(int64_t out_offset, acc_t a) const;  // writes the outputs
//   };
//
// Note [Reduction geometry]
// plan_reduction() drops size-1 dims, splits the rest into kept (output) and
// reduced dims, orders each group by input stride and coalesces runs that are
// one dense block. Then:
//  - inner mode: the innermost reduced dim has the smallest input stride; each
//    output reduces runs along it (contiguous runs use several accumulators
//    the compiler vectorises);
//  - outer mode: the innermost kept dim has the smaller stride; a tile of
//    outputs is kept in an accumulator row and whole input rows are folded in
//    with a vectorisable loop (dim 0 of a row-major matrix);
// and the work is split across threads over outputs or, when there are too
// few outputs, over chunks of the reduced space with a final combine.
// Indexed ops (argmax, max(dim)) need at most one reduced dim: the index is
// the position along it. Contiguous float/double runs of sum, max/min and
// argmax/argmin go to the kernels::simd loops at the end of this header (AVX2 /
// AVX-512 copies picked at run time) through the ops' contiguous_reduce /
// contiguous_indexed hooks. Include only from .cpp files.
#include <algorithm>
#include <cstdint>
#include <memory>
#include <vector>

#include "wick/core/parallel.h"
#include "wick/tensor/tensor.h"

namespace wick::kernels {

struct ReducePlan {
  // outer -> inner; element strides. Never empty: a missing group is {1}, stride 0.
  DimVector ksize, kistr, kostr;
  DimVector rsize, ristr;
  int64_t M = 1;  // number of outputs
  int64_t N = 1;  // elements reduced into each output
  bool outer_mode = false;
};

// `reduced[d]` marks reduced dims of `in`; `out_strides[d]` is the output
// stride for kept dim d (ignored for reduced dims). in.numel() must be > 0.
ReducePlan plan_reduction(const Tensor& in, const std::vector<bool>& reduced,
                          IntArrayRef out_strides);

namespace detail {

// Walks a flat range [b, e) of an nd index space (sizes outer->inner) in runs
// along the innermost dim: f(offset, offset2, run_length, flat_start).
template <typename F>
inline void walk_runs(const DimVector& size, const DimVector& s1, const DimVector& s2, int64_t b,
                      int64_t e, const F& f) {
  if (b >= e) return;
  const int nd = static_cast<int>(size.size());
  int64_t idx[64];
  int64_t rem = b, off1 = 0, off2 = 0;
  for (int d = nd - 1; d >= 0; --d) {
    idx[d] = rem % size[d];
    rem /= size[d];
    off1 += idx[d] * s1[d];
    off2 += idx[d] * s2[d];
  }
  int64_t cur = b;
  const int64_t inner = size[nd - 1];
  while (cur < e) {
    int64_t n = std::min(inner - idx[nd - 1], e - cur);
    f(off1, off2, n, cur);
    cur += n;
    if (cur >= e) break;
    // advance the counter by n along the innermost dim, carrying outward
    off1 += n * s1[nd - 1];
    off2 += n * s2[nd - 1];
    idx[nd - 1] += n;
    for (int d = nd - 1; d > 0 && idx[d] == size[d]; --d) {
      off1 -= size[d] * s1[d];
      off2 -= size[d] * s2[d];
      idx[d] = 0;
      ++idx[d - 1];
      off1 += s1[d - 1];
      off2 += s2[d - 1];
    }
  }
}

// Binary-counter pairwise combining: push() blocks in order, total() at the end.
// The error of a float sum then grows with log(#blocks), not #blocks.
template <typename Op>
struct Cascade {
  using acc_t = typename Op::acc_t;
  const Op& op;
  acc_t level[64];
  uint64_t count = 0;
  explicit Cascade(const Op& o) : op(o) {}
  void push(acc_t v) {
    int l = 0;
    for (uint64_t c = count; c & 1; c >>= 1, ++l) v = op.combine(level[l], v);
    level[l] = v;
    ++count;
  }
  acc_t total() const {
    if (count == 0) return op.identity();
    // the occupied levels, highest first
    int l = 63 - __builtin_clzll(count);
    acc_t r = level[l];
    for (uint64_t c = count & ~(uint64_t{1} << l); c != 0; c &= ~(uint64_t{1} << l)) {
      l = 63 - __builtin_clzll(c);
      r = op.combine(r, level[l]);
    }
    return r;
  }
};

constexpr int kLanes = 16;
constexpr int64_t kCascadeBlock = 1024;

// Reduces n elements at p (stride s) with kLanes independent accumulators.
template <typename Op>
inline typename Op::acc_t lanes_reduce(const Op& op, const typename Op::in_t* p, int64_t s,
                                       int64_t n) {
  using acc_t = typename Op::acc_t;
  // An op may bring its own contiguous loop (explicit SIMD where the compiler
  // cannot vectorise the scalar form, e.g. NaN-aware float compares).
  if constexpr (requires { op.contiguous_reduce(p, n); }) {
    if (s == 1) return op.contiguous_reduce(p, n);
  }
  acc_t lane[kLanes];
  for (int j = 0; j < kLanes; ++j) lane[j] = op.identity();
  int64_t i = 0;
  if (s == 1) {
    for (; i + kLanes <= n; i += kLanes)
      for (int j = 0; j < kLanes; ++j) lane[j] = op.reduce(lane[j], p[i + j], 0);
  } else {
    for (; i + kLanes <= n; i += kLanes)
      for (int j = 0; j < kLanes; ++j) lane[j] = op.reduce(lane[j], p[(i + j) * s], 0);
  }
  for (int j = 0; i < n; ++i, ++j) lane[j] = op.reduce(lane[j], p[i * s], 0);
  for (int w = kLanes / 2; w > 0; w /= 2)
    for (int j = 0; j < w; ++j) lane[j] = op.combine(lane[j], lane[j + w]);
  return lane[0];
}

// acc folded with the n elements at p (stride s); idx0 is the first element's index.
template <typename Op>
inline typename Op::acc_t reduce_run(const Op& op, typename Op::acc_t acc,
                                     const typename Op::in_t* p, int64_t s, int64_t n,
                                     int64_t idx0) {
  if constexpr (Op::kIndexed) {
    if constexpr (requires { op.contiguous_indexed(acc, p, n, idx0); }) {
      if (s == 1) return op.contiguous_indexed(acc, p, n, idx0);
    }
    for (int64_t i = 0; i < n; ++i) acc = op.reduce(acc, p[i * s], idx0 + i);
    return acc;
  } else if constexpr (Op::kCascade) {
    if (n <= kCascadeBlock) return op.combine(acc, lanes_reduce(op, p, s, n));
    Cascade<Op> c(op);
    for (int64_t i = 0; i < n; i += kCascadeBlock)
      c.push(lanes_reduce(op, p + i * s, s, std::min(kCascadeBlock, n - i)));
    return op.combine(acc, c.total());
  } else {
    return op.combine(acc, lanes_reduce(op, p, s, n));
  }
}

// Inner mode, outputs [mb, me) each reducing the reduced range [rb, re);
// results go to acc_out[m - mb] when given, else are stored.
template <typename Op>
void inner_outputs(const Op& op, const ReducePlan& P, const typename Op::in_t* base, int64_t mb,
                   int64_t me, int64_t rb, int64_t re, typename Op::acc_t* acc_out) {
  using acc_t = typename Op::acc_t;
  const int64_t rs = P.ristr.back();
  walk_runs(P.ksize, P.kistr, P.kostr, mb, me, [&](int64_t ioff, int64_t ooff, int64_t n,
                                                   int64_t m0) {
    const int64_t ks = P.kistr.back(), kos = P.kostr.back();
    for (int64_t k = 0; k < n; ++k) {
      const typename Op::in_t* p = base + ioff + k * ks;
      acc_t acc = op.identity();
      walk_runs(P.rsize, P.ristr, P.ristr, rb, re,
                [&](int64_t roff, int64_t, int64_t rn, int64_t r0) {
                  acc = reduce_run(op, acc, p + roff, rs, rn, r0);
                });
      if (acc_out) acc_out[m0 + k - mb] = acc;
      else op.store(ooff + k * kos, acc);
    }
  });
}

// Outer mode keeps a tile of output accumulators; 16 KiB of them (4096 floats:
// a whole 4096-wide row, so the input is read in order rather than in 2 KiB
// pieces one page apart) stays in L1 and bounds the stack arrays.
template <typename Op>
constexpr int64_t kTile = std::max<int64_t>(64, 16384 / sizeof(typename Op::acc_t));
constexpr int64_t kCascadeRows = 64;

// Outer mode: one work item is (outer kept index, tile of the inner kept dim).
// Folds reduced rows [rb, re) into acc[0, w).
template <typename Op>
void outer_tile(const Op& op, const ReducePlan& P, const typename Op::in_t* p, int64_t w,
                int64_t rb, int64_t re, typename Op::acc_t* acc) {
  using acc_t = typename Op::acc_t;
  const int64_t cs = P.kistr.back();
  const int64_t rs = P.ristr.back();
  for (int64_t j = 0; j < w; ++j) acc[j] = op.identity();
  auto fold_rows = [&](acc_t* a, int64_t r_begin, int64_t r_end) {
    walk_runs(P.rsize, P.ristr, P.ristr, r_begin, r_end,
              [&](int64_t roff, int64_t, int64_t rn, int64_t r0) {
                for (int64_t i = 0; i < rn; ++i) {
                  const typename Op::in_t* row = p + roff + i * rs;
                  const int64_t idx = r0 + i;
                  if (cs == 1) {
                    for (int64_t j = 0; j < w; ++j) a[j] = op.reduce(a[j], row[j], idx);
                  } else {
                    for (int64_t j = 0; j < w; ++j) a[j] = op.reduce(a[j], row[j * cs], idx);
                  }
                }
              });
  };
  if constexpr (Op::kCascade) {
    if (re - rb > kCascadeRows) {
      // blocks of rows summed into `blk`, blocks combined pairwise per column
      const uint64_t nblocks = static_cast<uint64_t>((re - rb + kCascadeRows - 1) / kCascadeRows);
      const int nlevels = 65 - __builtin_clzll(nblocks);
      std::unique_ptr<acc_t[]> levels(new acc_t[static_cast<size_t>(nlevels * w)]);
      acc_t blk[kTile<Op>];
      uint64_t count = 0;
      for (int64_t r = rb; r < re; r += kCascadeRows) {
        for (int64_t j = 0; j < w; ++j) blk[j] = op.identity();
        fold_rows(blk, r, std::min(re, r + kCascadeRows));
        int l = 0;
        for (uint64_t c = count; c & 1; c >>= 1, ++l)
          for (int64_t j = 0; j < w; ++j) blk[j] = op.combine(levels[l * w + j], blk[j]);
        std::copy(blk, blk + w, levels.get() + l * w);
        ++count;
      }
      bool any = false;
      for (int l = nlevels - 1; l >= 0; --l)
        if (count >> l & 1) {
          for (int64_t j = 0; j < w; ++j)
            acc[j] = any ? op.combine(acc[j], levels[l * w + j]) : levels[l * w + j];
          any = true;
        }
      return;
    }
  }
  fold_rows(acc, rb, re);
}

}  // namespace detail

// Runs `op` over the plan. `in` points at element [0, ..., 0] of the input.
template <typename Op>
void run_reduction(const Op& op, const ReducePlan& P, const typename Op::in_t* in) {
  using acc_t = typename Op::acc_t;
  const int64_t nthreads = in_parallel_region() ? 1 : get_num_threads();
  const int64_t total = P.M * P.N;
  const bool par = nthreads > 1 && total >= kGrainSize;
  if (!P.outer_mode) {
    if (!par || P.M >= 4 * nthreads) {
      int64_t grain = std::max<int64_t>(1, kGrainSize / std::max<int64_t>(P.N, 1));
      parallel_for(0, P.M, grain, [&](int64_t b, int64_t e) {
        detail::inner_outputs(op, P, in, b, e, 0, P.N, nullptr);
      });
      return;
    }
    // few outputs: each chunk of the reduced space gets its own accumulators
    const int64_t chunks = nthreads;
    std::unique_ptr<acc_t[]> part(new acc_t[static_cast<size_t>(chunks * P.M)]);
    for (int64_t i = 0; i < chunks * P.M; ++i) part[i] = op.identity();
    parallel_for(0, chunks, 1, [&](int64_t cb, int64_t ce) {
      for (int64_t c = cb; c < ce; ++c) {
        int64_t rb = P.N * c / chunks, re = P.N * (c + 1) / chunks;
        if (rb < re) detail::inner_outputs(op, P, in, 0, P.M, rb, re, &part[c * P.M]);
      }
    });
    detail::walk_runs(P.ksize, P.kostr, P.kostr, 0, P.M,
                      [&](int64_t ooff, int64_t, int64_t n, int64_t m0) {
                        for (int64_t k = 0; k < n; ++k) {
                          acc_t a = part[m0 + k];
                          for (int64_t c = 1; c < chunks; ++c)
                            a = op.combine(a, part[c * P.M + m0 + k]);
                          op.store(ooff + k * P.kostr.back(), a);
                        }
                      });
    return;
  }
  // outer mode
  const int64_t W = P.ksize.back();
  const int64_t ntiles = (W + detail::kTile<Op> - 1) / detail::kTile<Op>;
  const int64_t Mo = P.M / W;  // outputs of the outer kept dims
  DimVector osize(P.ksize.begin(), P.ksize.end() - 1), oistr(P.kistr.begin(), P.kistr.end() - 1),
      oostr(P.kostr.begin(), P.kostr.end() - 1);
  if (osize.empty()) {
    osize = {1};
    oistr = {0};
    oostr = {0};
  }
  const int64_t cs = P.kistr.back(), cos = P.kostr.back();
  const int64_t items = Mo * ntiles;
  auto item_offsets = [&](int64_t it, int64_t& ioff, int64_t& ooff) {
    int64_t o = it / ntiles;
    int64_t t = it % ntiles;
    ioff = 0;
    ooff = 0;
    detail::walk_runs(osize, oistr, oostr, o, o + 1, [&](int64_t a, int64_t b, int64_t, int64_t) {
      ioff = a;
      ooff = b;
    });
    ioff += t * detail::kTile<Op> * cs;
    ooff += t * detail::kTile<Op> * cos;
  };
  auto tile_width = [&](int64_t it) {
    return std::min(detail::kTile<Op>, W - (it % ntiles) * detail::kTile<Op>);
  };
  if (!par || items >= 2 * nthreads) {
    int64_t grain = std::max<int64_t>(1, kGrainSize / std::max<int64_t>(P.N * detail::kTile<Op>, 1));
    parallel_for(0, items, grain, [&](int64_t b, int64_t e) {
      acc_t acc[detail::kTile<Op>];
      for (int64_t it = b; it < e; ++it) {
        int64_t ioff, ooff;
        item_offsets(it, ioff, ooff);
        const int64_t w = tile_width(it);
        detail::outer_tile(op, P, in + ioff, w, 0, P.N, acc);
        for (int64_t j = 0; j < w; ++j) op.store(ooff + j * cos, acc[j]);
      }
    });
    return;
  }
  // few tiles: split the reduced rows across threads, then combine
  const int64_t chunks = nthreads;
  std::unique_ptr<acc_t[]> part(new acc_t[static_cast<size_t>(chunks * items * detail::kTile<Op>)]);
  parallel_for(0, chunks, 1, [&](int64_t cb, int64_t ce) {
    for (int64_t c = cb; c < ce; ++c) {
      int64_t rb = P.N * c / chunks, re = P.N * (c + 1) / chunks;
      for (int64_t it = 0; it < items; ++it) {
        acc_t* a = &part[(c * items + it) * detail::kTile<Op>];
        int64_t ioff, ooff;
        item_offsets(it, ioff, ooff);
        detail::outer_tile(op, P, in + ioff, tile_width(it), rb, re, a);
      }
    }
  });
  for (int64_t it = 0; it < items; ++it) {
    int64_t ioff, ooff;
    item_offsets(it, ioff, ooff);
    const int64_t w = tile_width(it);
    for (int64_t j = 0; j < w; ++j) {
      acc_t a = part[it * detail::kTile<Op> + j];
      for (int64_t c = 1; c < chunks; ++c) a = op.combine(a, part[(c * items + it) * detail::kTile<Op> + j]);
      op.store(ooff + j * cos, a);
    }
  }
}

}  // namespace wick::kernels

// Contiguous float/double loops with AVX2/AVX-512 copies, picked at run time by
// cpu_capability() (wick/core/cpu_capability.h). Defined in reduce.cpp for
// float and double. The default (SSE2) copies round exactly like the generic
// loops above: sum uses the same 16 lanes and tree; the wider copies use more
// lanes (one lane sums fewer elements, so the error bound is no worse).
namespace wick::kernels::simd {

// Sum of p[0, n): 4 vector accumulators (at least 16 lanes), the tail folded
// into the first lanes, then a pairwise tree over the lanes.
template <typename T>
T sum(const T* p, int64_t n);

// NaN-propagating max (IsMax) or min of p[0, n); -inf/+inf when n == 0.
template <typename T, bool IsMax>
T extreme(const T* p, int64_t n);

template <typename T>
struct ArgResult {
  T value;
  int64_t index;
};
// The first extreme element of p[0, n), n > 0: the first NaN if there is one,
// else the first element equal to the max (min); -0.0 and 0.0 compare equal.
template <typename T, bool IsMax>
ArgResult<T> arg_extreme(const T* p, int64_t n);

}  // namespace wick::kernels::simd
