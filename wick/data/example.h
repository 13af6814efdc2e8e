#pragma once
// wick::data::Example: one sample (or one collated batch) of a dataset, a data
// value and a target value (LibTorch's torch/data/example.h). Example<T, NoTarget>
// carries data only and converts to and from it; TensorExample is that for one
// Tensor.
#include <utility>

#include "wick/tensor/tensor.h"

namespace wick::data {

template <typename Data = Tensor, typename Target = Tensor>
struct Example {
  using DataType = Data;
  using TargetType = Target;

  Example() = default;
  Example(Data data, Target target) : data(std::move(data)), target(std::move(target)) {}

  Data data;
  Target target;
};

namespace example {
using NoTarget = void;
}  // namespace example

template <typename Data>
struct Example<Data, example::NoTarget> {
  using DataType = Data;
  using TargetType = example::NoTarget;

  Example() = default;
  Example(Data data) : data(std::move(data)) {}  // NOLINT: a TensorExample is its tensor

  operator Data&() { return data; }              // NOLINT
  operator const Data&() const { return data; }  // NOLINT

  Data data;
};

using TensorExample = Example<Tensor, example::NoTarget>;

}  // namespace wick::data
