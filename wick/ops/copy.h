#pragma once
// Copying and dtype/device conversion. copy_ is the one kernel that reads any
// dtype and writes any dtype; everything that casts goes through it.
#include "wick/tensor/tensor.h"

namespace wick {

// self <- src, broadcasting src to self's shape and casting to self's dtype.
Tensor& copy_(Tensor& self, const Tensor& src, bool non_blocking = false);
Tensor clone(const Tensor& self);
Tensor contiguous(const Tensor& self);
Tensor to(const Tensor& self, const TensorOptions& options, bool non_blocking = false,
          bool copy = false);

}  // namespace wick
