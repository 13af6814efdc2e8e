#pragma once
// wick::data::datasets: the dataset interfaces and the stock datasets, shaped
// like LibTorch's torch/data/datasets/*.h.
//
//  BatchDataset<Self, Batch, BatchRequest>  get_batch(request), size(); the root
//  Dataset<Self, Example>                   get(index); get_batch = get per index
//  StreamDataset<Self, Batch>               a BatchDataset asked for a batch *size*
//  StatefulDataset<Self, Batch, Request>    get_batch(request) -> optional<Batch>
//                                           (nullopt ends the epoch), reset()
//  MapDataset<Source, Transform>            dataset.map(transform), chainable
//  TensorDataset                            the rows of one tensor (TensorExample)
//  TensorPairDataset                        rows of data and targets (Example<>)
//  SharedBatchDataset<D>                    a dataset shared by pointer
//                                           (make_shared_dataset<D>(args...))
//
// A dataset is copied into each DataLoader worker thread (stateless datasets)
// or shared by all of them (stateful ones, which must then be thread-safe), as
// in LibTorch.
#include <cstddef>
#include <memory>
#include <optional>
#include <type_traits>
#include <utility>
#include <vector>

#include "wick/core/array_ref.h"
#include "wick/core/error.h"
#include "wick/data/example.h"
#include "wick/tensor/tensor.h"

namespace wick::data::transforms {
template <typename T>
struct Stack;
}  // namespace wick::data::transforms

namespace wick::data::datasets {

template <typename Source, typename Transform>
class MapDataset;
struct TensorDataset;
struct TensorPairDataset;
template <typename D, typename T>
MapDataset<D, T> map(D dataset, T transform);

namespace detail {
template <typename T>
struct is_optional : std::false_type {};
template <typename T>
struct is_optional<std::optional<T>> : std::true_type {};
template <bool C, typename T>
using optional_if_t = std::conditional_t<C, std::optional<T>, T>;
// The batch a transform sees: BatchType, or its value_type for stateful datasets.
template <typename D, bool = D::is_stateful>
struct unwrapped_batch {
  using type = typename D::BatchType;
};
template <typename D>
struct unwrapped_batch<D, true> {
  using type = typename D::BatchType::value_type;
};
// Note [stacked tensor rows]: TensorDataset.map(Stack<TensorExample>()) and
// TensorPairDataset.map(Stack<>()) batch by one index_select per tensor instead
// of a row view per example and a stack: the same values, dtype and layout.
template <typename D, typename T>
inline constexpr bool stacks_tensor_rows =
    std::is_same_v<D, TensorDataset> && std::is_same_v<T, transforms::Stack<TensorExample>>;
template <typename D, typename T>
inline constexpr bool stacks_tensor_pair_rows =
    std::is_same_v<D, TensorPairDataset> && std::is_same_v<T, transforms::Stack<Example<>>>;
// The rows `indices` of t, checked as t[i] checks them.
Tensor gather_rows(const Tensor& t, ArrayRef<size_t> indices);
}  // namespace detail

// The root of all datasets. A dataset whose Batch is an optional is stateful:
// it decides itself when an epoch ends.
template <typename Self, typename Batch = std::vector<Example<>>,
          typename BatchRequest = ArrayRef<size_t>>
class BatchDataset {
 public:
  using SelfType = Self;
  using BatchType = Batch;
  using BatchRequestType = BatchRequest;
  static constexpr bool is_stateful = detail::is_optional<BatchType>::value;

  virtual ~BatchDataset() = default;
  virtual Batch get_batch(BatchRequest request) = 0;
  // The number of examples, or nullopt when not known (streams).
  virtual std::optional<size_t> size() const = 0;

  // A MapDataset applying `transform` to every batch of this dataset (copied,
  // or moved from an rvalue).
  template <typename TransformType>
  MapDataset<Self, TransformType> map(TransformType transform) & {
    return datasets::map(static_cast<Self&>(*this), std::move(transform));
  }
  template <typename TransformType>
  MapDataset<Self, TransformType> map(TransformType transform) && {
    return datasets::map(std::move(static_cast<Self&>(*this)), std::move(transform));
  }
};

// A dataset of single examples: get(index) returns one; a batch is the vector
// of get(i) for the requested indices.
template <typename Self, typename SingleExample = Example<>>
class Dataset : public BatchDataset<Self, std::vector<SingleExample>> {
 public:
  using ExampleType = SingleExample;

  virtual ExampleType get(size_t index) = 0;

  std::vector<ExampleType> get_batch(ArrayRef<size_t> indices) override {
    std::vector<ExampleType> batch;
    batch.reserve(indices.size());
    for (size_t i : indices) batch.push_back(get(i));
    return batch;
  }
};

// A dataset asked for a number of examples rather than for indices (used with
// samplers::StreamSampler).
template <typename Self, typename Batch = std::vector<Example<>>>
using StreamDataset = BatchDataset<Self, Batch, /*BatchRequest=*/size_t>;

// A dataset that keeps its own position: get_batch(batch_size) returns the next
// batch or nullopt at the end of the epoch; reset() starts a new epoch (the
// DataLoader calls it at every begin()).
template <typename Self, typename Batch = std::vector<Example<>>, typename BatchRequest = size_t>
class StatefulDataset : public BatchDataset<Self, std::optional<Batch>, BatchRequest> {
 public:
  virtual void reset() = 0;
};

// dataset.map(transform): the batches of `dataset` passed through
// transform.apply_batch. Stateful sources stay stateful (nullopt passes through).
template <typename SourceDataset, typename AppliedTransform>
class MapDataset
    : public BatchDataset<MapDataset<SourceDataset, AppliedTransform>,
                          detail::optional_if_t<SourceDataset::is_stateful,
                                                typename AppliedTransform::OutputBatchType>,
                          typename SourceDataset::BatchRequestType> {
 public:
  using DatasetType = SourceDataset;
  using TransformType = AppliedTransform;
  using BatchRequestType = typename SourceDataset::BatchRequestType;
  using OutputBatchType = detail::optional_if_t<SourceDataset::is_stateful,
                                                typename AppliedTransform::OutputBatchType>;

  MapDataset(DatasetType dataset, TransformType transform)
      : dataset_(std::move(dataset)), transform_(std::move(transform)) {}

  OutputBatchType get_batch(BatchRequestType request) override {
    if constexpr (SourceDataset::is_stateful) {
      if (auto batch = dataset_.get_batch(std::move(request))) {
        return transform_.apply_batch(std::move(*batch));
      }
      return std::nullopt;
    } else if constexpr (detail::stacks_tensor_rows<SourceDataset, AppliedTransform>) {
      return TensorExample(detail::gather_rows(dataset_.tensor, request));
    } else if constexpr (detail::stacks_tensor_pair_rows<SourceDataset, AppliedTransform>) {
      return Example<>(detail::gather_rows(dataset_.data, request),
                       detail::gather_rows(dataset_.target, request));
    } else {
      return transform_.apply_batch(dataset_.get_batch(std::move(request)));
    }
  }
  std::optional<size_t> size() const override { return dataset_.size(); }
  // Resets the source (stateful sources only).
  void reset() { dataset_.reset(); }

  const SourceDataset& dataset() const noexcept { return dataset_; }
  const AppliedTransform& transform() const noexcept { return transform_; }

 private:
  SourceDataset dataset_;
  AppliedTransform transform_;
};

template <typename DatasetType, typename TransformType>
MapDataset<DatasetType, TransformType> map(DatasetType dataset, TransformType transform) {
  using Input = typename detail::unwrapped_batch<DatasetType>::type;
  static_assert(std::is_same_v<Input, typename TransformType::InputBatchType>,
                "BatchType type of dataset does not match input type of transform");
  return {std::move(dataset), std::move(transform)};
}

// The rows of one tensor: get(i) is tensor[i], a TensorExample (no target), as
// LibTorch's TensorDataset.
struct TensorDataset : public Dataset<TensorDataset, TensorExample> {
  // The tensors stacked along a new first dimension.
  explicit TensorDataset(const std::vector<Tensor>& tensors);
  explicit TensorDataset(Tensor tensor);

  TensorExample get(size_t index) override;
  std::optional<size_t> size() const override;

  Tensor tensor;
};

// Rows of a data tensor and a target tensor of the same length: get(i) is
// Example<>{data[i], target[i]} (the two-tensor form of Python's TensorDataset).
struct TensorPairDataset : public Dataset<TensorPairDataset, Example<>> {
  TensorPairDataset(Tensor data, Tensor target);

  Example<> get(size_t index) override;
  std::optional<size_t> size() const override;

  Tensor data;
  Tensor target;
};

// A dataset held by shared_ptr, so that copies (one per DataLoader worker)
// share one underlying dataset. That dataset must be thread-safe with workers.
template <typename UnderlyingDataset>
class SharedBatchDataset
    : public BatchDataset<SharedBatchDataset<UnderlyingDataset>,
                          typename UnderlyingDataset::BatchType,
                          typename UnderlyingDataset::BatchRequestType> {
 public:
  using BatchType = typename UnderlyingDataset::BatchType;
  using BatchRequestType = typename UnderlyingDataset::BatchRequestType;

  SharedBatchDataset(std::shared_ptr<UnderlyingDataset> shared_dataset)  // NOLINT
      : dataset_(std::move(shared_dataset)) {
    WICK_CHECK(dataset_ != nullptr, "SharedBatchDataset: the shared dataset is null");
  }

  BatchType get_batch(BatchRequestType request) override {
    return dataset_->get_batch(std::move(request));
  }
  std::optional<size_t> size() const override { return dataset_->size(); }

  UnderlyingDataset& operator*() { return *dataset_; }
  const UnderlyingDataset& operator*() const { return *dataset_; }
  UnderlyingDataset* operator->() { return dataset_.get(); }
  const UnderlyingDataset* operator->() const { return dataset_.get(); }

  void reset() { dataset_->reset(); }

 private:
  std::shared_ptr<UnderlyingDataset> dataset_;
};

template <typename UnderlyingDataset, typename... Args>
SharedBatchDataset<UnderlyingDataset> make_shared_dataset(Args&&... args) {
  return std::make_shared<UnderlyingDataset>(std::forward<Args>(args)...);
}

}  // namespace wick::data::datasets
