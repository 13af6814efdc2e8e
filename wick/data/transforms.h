#pragma once
// wick::data::transforms: what dataset.map(...) applies to each batch, shaped
// like LibTorch's torch/data/transforms/*.h.
//
//  BatchTransform<In, Out>     apply_batch(In) -> Out, the root
//  Transform<In, Out>          apply(one example); apply_batch maps it over a vector
//  Lambda<In, Out>             a Transform from a std::function
//  BatchLambda<In, Out>        a BatchTransform from a std::function
//  Collation<T> / Collate<T>   vector<T> -> T (interface / from a function)
//  Stack<Example<>>            stacks data and targets along a new first dim
//  Stack<TensorExample>        stacks the tensors
//  TensorTransform<Target>     changes the data tensor of an Example<Tensor, Target>
//  TensorLambda<Target>        a TensorTransform from a std::function
//  Normalize<Target>           (data - mean) / stddev, per channel (dim 0)
#include <functional>
#include <utility>
#include <vector>

#include "wick/core/array_ref.h"
#include "wick/data/example.h"
#include "wick/tensor/tensor.h"

namespace wick::data::transforms {

template <typename InputBatch, typename OutputBatch>
class BatchTransform {
 public:
  using InputBatchType = InputBatch;
  using OutputBatchType = OutputBatch;

  virtual ~BatchTransform() = default;
  virtual OutputBatch apply_batch(InputBatch input_batch) = 0;
};

template <typename Input, typename Output>
class Transform : public BatchTransform<std::vector<Input>, std::vector<Output>> {
 public:
  using InputType = Input;
  using OutputType = Output;

  virtual OutputType apply(InputType input) = 0;

  std::vector<Output> apply_batch(std::vector<Input> input_batch) override {
    std::vector<Output> output_batch;
    output_batch.reserve(input_batch.size());
    for (auto& input : input_batch) output_batch.push_back(apply(std::move(input)));
    return output_batch;
  }
};

template <typename Input, typename Output = Input>
class BatchLambda : public BatchTransform<Input, Output> {
 public:
  using typename BatchTransform<Input, Output>::InputBatchType;
  using typename BatchTransform<Input, Output>::OutputBatchType;
  using FunctionType = std::function<OutputBatchType(InputBatchType)>;

  explicit BatchLambda(FunctionType function) : function_(std::move(function)) {}
  OutputBatchType apply_batch(InputBatchType input_batch) override {
    return function_(std::move(input_batch));
  }

 private:
  FunctionType function_;
};

template <typename Input, typename Output = Input>
class Lambda : public Transform<Input, Output> {
 public:
  using typename Transform<Input, Output>::InputType;
  using typename Transform<Input, Output>::OutputType;
  using FunctionType = std::function<Output(Input)>;

  explicit Lambda(FunctionType function) : function_(std::move(function)) {}
  OutputType apply(InputType input) override { return function_(std::move(input)); }

 private:
  FunctionType function_;
};

// A transform that turns a batch (vector) of T into one T.
template <typename T, typename BatchType = std::vector<T>>
using Collation = BatchTransform<BatchType, T>;
// A Collation from a function: Collate<Example<>>([](std::vector<Example<>> b) {...}).
template <typename T, typename BatchType = std::vector<T>>
using Collate = BatchLambda<BatchType, T>;

namespace detail {
// wick::stack of the data (and targets) of a batch of examples, in .cpp.
Example<> stack_examples(std::vector<Example<>>& examples);
TensorExample stack_tensor_examples(std::vector<TensorExample>& examples);
}  // namespace detail

template <typename T = Example<>>
struct Stack;

// {data, target} pairs -> {stack(data), stack(targets)}.
template <>
struct Stack<Example<>> : public Collation<Example<>> {
  Example<> apply_batch(std::vector<Example<>> examples) override {
    return detail::stack_examples(examples);
  }
};

// Tensors -> stack(tensors).
template <>
struct Stack<TensorExample> : public Collation<TensorExample> {
  TensorExample apply_batch(std::vector<TensorExample> examples) override {
    return detail::stack_tensor_examples(examples);
  }
};

template <typename Target = Tensor>
class TensorTransform : public Transform<Example<Tensor, Target>, Example<Tensor, Target>> {
 public:
  using E = Example<Tensor, Target>;
  using typename Transform<E, E>::InputType;
  using typename Transform<E, E>::OutputType;

  virtual Tensor operator()(Tensor input) = 0;
  OutputType apply(InputType input) override {
    input.data = (*this)(std::move(input.data));
    return input;
  }
};

template <typename Target = Tensor>
class TensorLambda : public TensorTransform<Target> {
 public:
  using FunctionType = std::function<Tensor(Tensor)>;

  explicit TensorLambda(FunctionType function) : function_(std::move(function)) {}
  Tensor operator()(Tensor input) override { return function_(std::move(input)); }

 private:
  FunctionType function_;
};

namespace detail {
// mean / stddev as a float32 tensor of shape [C, 1, 1]; a zero stddev is an error.
Tensor normalize_parameter(ArrayRef<double> values, bool is_stddev);
Tensor normalize(const Tensor& input, const Tensor& mean, const Tensor& stddev);
}  // namespace detail

// (input - mean) / stddev with one mean and stddev per channel: both are
// float32 tensors of shape [C, 1, 1] that broadcast against a [C, H, W] (or
// [N, C, H, W]) input; a single value applies to every channel.
template <typename Target = Tensor>
struct Normalize : public TensorTransform<Target> {
  Normalize(ArrayRef<double> mean, ArrayRef<double> stddev)
      : mean(detail::normalize_parameter(mean, false)),
        stddev(detail::normalize_parameter(stddev, true)) {}
  Tensor operator()(Tensor input) override { return detail::normalize(input, mean, stddev); }

  Tensor mean, stddev;
};

}  // namespace wick::data::transforms
