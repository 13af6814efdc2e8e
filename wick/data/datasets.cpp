// The non-template parts of wick::data's datasets and transforms.
#include "wick/data/datasets.h"

#include <cmath>

#include "wick/data/transforms.h"
#include "wick/ops/creation.h"
#include "wick/ops/index.h"
#include "wick/ops/shape.h"

namespace wick::data {

namespace datasets {

namespace detail {

Tensor gather_rows(const Tensor& t, ArrayRef<size_t> indices) {
  const int64_t rows = t.size(0);
  Tensor index = wick::empty({static_cast<int64_t>(indices.size())}, kLong);
  int64_t* p = index.data_ptr<int64_t>();
  for (size_t i = 0; i < indices.size(); ++i) {
    const auto v = static_cast<int64_t>(indices[i]);
    WICK_CHECK_T(IndexError, v >= 0 && v < rows, "index ", v, " is out of bounds for dimension 0 with size ",
                 rows);
    p[i] = v;
  }
  // An empty batch stacks nothing: wick::stack's error, as the per-row path.
  WICK_CHECK(!indices.empty(), "stack expects a non-empty TensorList");
  return wick::index_select(t, 0, index);
}

}  // namespace detail

TensorDataset::TensorDataset(const std::vector<Tensor>& tensors)
    : TensorDataset(wick::stack(tensors)) {}

TensorDataset::TensorDataset(Tensor tensor) : tensor(std::move(tensor)) {
  WICK_CHECK(this->tensor.defined(), "TensorDataset: the tensor is undefined");
  WICK_CHECK(this->tensor.dim() > 0, "TensorDataset: expected a tensor with at least one "
             "dimension (its rows are the examples), but got a 0-dim tensor");
}

TensorExample TensorDataset::get(size_t index) { return tensor[static_cast<int64_t>(index)]; }

std::optional<size_t> TensorDataset::size() const { return static_cast<size_t>(tensor.size(0)); }

TensorPairDataset::TensorPairDataset(Tensor data, Tensor target)
    : data(std::move(data)), target(std::move(target)) {
  WICK_CHECK(this->data.defined() && this->target.defined(),
             "TensorPairDataset: data and target must be defined tensors");
  WICK_CHECK(this->data.dim() > 0 && this->target.dim() > 0,
             "TensorPairDataset: expected tensors with at least one dimension, but got a 0-dim "
             "tensor");
  // Python's TensorDataset wording.
  WICK_CHECK(this->data.size(0) == this->target.size(0), "Size mismatch between tensors");
}

Example<> TensorPairDataset::get(size_t index) {
  const auto i = static_cast<int64_t>(index);
  return {data[i], target[i]};
}

std::optional<size_t> TensorPairDataset::size() const {
  return static_cast<size_t>(data.size(0));
}

}  // namespace datasets

namespace transforms::detail {

Example<> stack_examples(std::vector<Example<>>& examples) {
  std::vector<Tensor> data, targets;
  data.reserve(examples.size());
  targets.reserve(examples.size());
  for (auto& e : examples) {
    data.push_back(std::move(e.data));
    targets.push_back(std::move(e.target));
  }
  return {wick::stack(data), wick::stack(targets)};
}

TensorExample stack_tensor_examples(std::vector<TensorExample>& examples) {
  std::vector<Tensor> data;
  data.reserve(examples.size());
  for (auto& e : examples) data.push_back(std::move(e.data));
  return wick::stack(data);
}

Tensor normalize_parameter(ArrayRef<double> values, bool is_stddev) {
  WICK_CHECK(!values.empty(), "Normalize: ", is_stddev ? "stddev" : "mean",
             " must hold at least one value");
  Tensor t = wick::empty({static_cast<int64_t>(values.size())}, kFloat);
  float* p = t.data_ptr<float>();
  for (size_t i = 0; i < values.size(); ++i) {
    p[i] = static_cast<float>(values[i]);
    // torchvision's Normalize wording.
    WICK_CHECK_T(ValueError, !is_stddev || p[i] != 0.0f,
                 "std evaluated to zero after conversion to float32, leading to division by zero.");
  }
  return t.unsqueeze(1).unsqueeze(2);
}

Tensor normalize(const Tensor& input, const Tensor& mean, const Tensor& stddev) {
  return input.sub(mean).div(stddev);
}

}  // namespace transforms::detail

}  // namespace wick::data
