#pragma once
// The C++ API of wick, in one include (LibTorch's <torch/torch.h>).
#include "wick/core/array_ref.h"
#include "wick/core/device.h"
#include "wick/core/dtype.h"
#include "wick/core/error.h"
#include "wick/core/generator.h"
#include "wick/core/parallel.h"
#include "wick/core/scalar.h"
#include "wick/ops/copy.h"
#include "wick/ops/creation.h"
#include "wick/tensor/tensor.h"
#include "wick/tensor/tensor_iterator.h"
