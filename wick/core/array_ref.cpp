#include "wick/core/array_ref.h"

#include "wick/core/error.h"

namespace wick {

int64_t maybe_wrap_dim(int64_t dim, int64_t ndim, bool wrap_scalar) {
  if (ndim <= 0) {
    WICK_CHECK_T(IndexError, wrap_scalar,
                 "Dimension specified as ", dim, " but tensor has no dimensions");
    ndim = 1;
  }
  int64_t lo = -ndim, hi = ndim - 1;
  WICK_CHECK_T(IndexError, dim >= lo && dim <= hi, "Dimension out of range (expected to be in range of [",
               lo, ", ", hi, "], but got ", dim, ")");
  return dim < 0 ? dim + ndim : dim;
}

}  // namespace wick
