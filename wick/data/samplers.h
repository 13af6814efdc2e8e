#pragma once
// wick::data::samplers: what decides which examples form the next batch,
// shaped like LibTorch's torch/data/samplers/*.h.
//
//  Sampler<BatchRequest>          reset(new_size), next(batch_size) -> optional<request>
//  SequentialSampler(size)        0, 1, 2, ...
//  RandomSampler(size, dtype)     a wick::randperm(size) drawn from the default
//                                 generator at construction and at every reset(),
//                                 as LibTorch (so the DataLoader's first epoch is
//                                 the second permutation after manual_seed)
//  DistributedSequentialSampler   rank's contiguous share of 0..size-1
//  DistributedRandomSampler       rank's share of a shuffle seeded with the epoch
//  StreamSampler(epoch_size)      batch sizes (BatchSize) for StreamDatasets
//  SubsetRandomSampler(indices)   a permutation of the given indices (Python's)
//  WeightedRandomSampler(...)     indices drawn by wick::multinomial (Python's)
//
// Python's BatchSampler is what the DataLoader does with batch_size/drop_last.
// The Python-style samplers (Subset, Weighted) draw once per epoch, at reset()
// (or at the first next() when never reset), with torch.utils.data's calls, so
// the same seed gives Python's order.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "wick/core/dtype.h"
#include "wick/core/generator.h"
#include "wick/tensor/tensor.h"

namespace wick::data::samplers {

template <typename BatchRequest = std::vector<size_t>>
class Sampler {
 public:
  using BatchRequestType = BatchRequest;

  virtual ~Sampler() = default;
  // Starts a new epoch, over new_size examples when given.
  virtual void reset(std::optional<size_t> new_size) = 0;
  // The next batch of at most batch_size indices, or nullopt at the end of the epoch.
  virtual std::optional<BatchRequest> next(size_t batch_size) = 0;
};

class SequentialSampler : public Sampler<> {
 public:
  explicit SequentialSampler(size_t size);
  void reset(std::optional<size_t> new_size = std::nullopt) override;
  std::optional<std::vector<size_t>> next(size_t batch_size) override;
  size_t index() const noexcept { return index_; }

 private:
  size_t size_;
  size_t index_ = 0;
};

class RandomSampler : public Sampler<> {
 public:
  // index_dtype: the dtype of the stored permutation (int64 by default; a
  // narrower one saves memory, as in LibTorch).
  explicit RandomSampler(int64_t size, Dtype index_dtype = kLong);
  void reset(std::optional<size_t> new_size = std::nullopt) override;
  std::optional<std::vector<size_t>> next(size_t batch_size) override;
  size_t index() const noexcept { return static_cast<size_t>(index_); }

 private:
  Tensor indices_;
  int64_t index_ = 0;
};

// The share of one replica (rank) of num_replicas. With allow_duplicates every
// replica gets ceil(size / num_replicas) examples (the first ones repeat to fill
// the last shares); without, floor(size / num_replicas) (the rest is dropped).
template <typename BatchRequest = std::vector<size_t>>
class DistributedSampler : public Sampler<BatchRequest> {
 public:
  DistributedSampler(size_t size, size_t num_replicas = 1, size_t rank = 0,
                     bool allow_duplicates = true)
      : size_(size), num_replicas_(num_replicas), rank_(rank), allow_duplicates_(allow_duplicates) {
    WICK_CHECK(num_replicas_ > 0, "DistributedSampler: num_replicas must be positive, but got ",
               num_replicas_);
    WICK_CHECK(rank_ < num_replicas_, "Invalid rank ", rank_,
               ", rank should be in the interval [0, ", num_replicas_ - 1, "]");
  }
  // The epoch seeds DistributedRandomSampler's shuffle at the next reset().
  void set_epoch(size_t epoch) { epoch_ = epoch; }
  size_t epoch() const { return epoch_; }

 protected:
  size_t local_sample_count() const {
    return allow_duplicates_ ? (size_ + num_replicas_ - 1) / num_replicas_ : size_ / num_replicas_;
  }

  size_t size_;
  size_t num_replicas_;
  size_t rank_;
  size_t epoch_ = 0;
  bool allow_duplicates_;
};

class DistributedRandomSampler : public DistributedSampler<> {
 public:
  DistributedRandomSampler(size_t size, size_t num_replicas = 1, size_t rank = 0,
                           bool allow_duplicates = true);
  // Reshuffles with std::mt19937(epoch) and std::shuffle, as LibTorch.
  void reset(std::optional<size_t> new_size = std::nullopt) override;
  std::optional<std::vector<size_t>> next(size_t batch_size) override;
  size_t index() const noexcept { return sample_index_; }

 private:
  void populate_indices();
  size_t begin_index_ = 0;
  size_t end_index_ = 0;
  size_t sample_index_ = 0;
  std::vector<size_t> all_indices_;
};

class DistributedSequentialSampler : public DistributedSampler<> {
 public:
  DistributedSequentialSampler(size_t size, size_t num_replicas = 1, size_t rank = 0,
                               bool allow_duplicates = true);
  void reset(std::optional<size_t> new_size = std::nullopt) override;
  std::optional<std::vector<size_t>> next(size_t batch_size) override;
  size_t index() const noexcept { return sample_index_; }

 private:
  void populate_indices();
  size_t begin_index_ = 0;
  size_t end_index_ = 0;
  size_t sample_index_ = 0;
};

// The base of batch requests that are not index lists: size() is the number of
// examples asked for.
struct CustomBatchRequest {
  virtual ~CustomBatchRequest() = default;
  virtual size_t size() const = 0;
};

// A request for a number of examples (StreamSampler's BatchRequest); converts to size_t.
struct BatchSize : public CustomBatchRequest {
  explicit BatchSize(size_t size) : size_(size) {}
  size_t size() const noexcept override { return size_; }
  operator size_t() const noexcept { return size_; }  // NOLINT
  size_t size_;
};

// Hands out batch sizes until epoch_size examples have been asked for.
class StreamSampler : public Sampler<BatchSize> {
 public:
  explicit StreamSampler(size_t epoch_size);
  void reset(std::optional<size_t> new_size = std::nullopt) override;
  std::optional<BatchSize> next(size_t batch_size) override;

 private:
  size_t examples_retrieved_so_far_ = 0;
  size_t epoch_size_;
};

// Python's SubsetRandomSampler: the given indices in the order of a
// randperm(len(indices)) per epoch.
class SubsetRandomSampler : public Sampler<> {
 public:
  explicit SubsetRandomSampler(std::vector<size_t> indices,
                               std::optional<Generator> generator = std::nullopt);
  // new_size must be absent: the subset is fixed.
  void reset(std::optional<size_t> new_size = std::nullopt) override;
  std::optional<std::vector<size_t>> next(size_t batch_size) override;
  const std::vector<size_t>& indices() const noexcept { return indices_; }

 private:
  std::vector<size_t> indices_;
  std::optional<Generator> generator_;
  std::vector<size_t> order_;
  bool drawn_ = false;
  size_t index_ = 0;
};

// Python's WeightedRandomSampler: num_samples indices drawn per epoch by
// wick::multinomial(weights (float64), num_samples, replacement, generator).
class WeightedRandomSampler : public Sampler<> {
 public:
  WeightedRandomSampler(std::vector<double> weights, size_t num_samples, bool replacement = true,
                        std::optional<Generator> generator = std::nullopt);
  WeightedRandomSampler(const Tensor& weights, size_t num_samples, bool replacement = true,
                        std::optional<Generator> generator = std::nullopt);
  // new_size, when given, becomes num_samples.
  void reset(std::optional<size_t> new_size = std::nullopt) override;
  std::optional<std::vector<size_t>> next(size_t batch_size) override;
  const Tensor& weights() const noexcept { return weights_; }
  size_t num_samples() const noexcept { return num_samples_; }

 private:
  Tensor weights_;
  size_t num_samples_;
  bool replacement_;
  std::optional<Generator> generator_;
  std::vector<size_t> order_;
  bool drawn_ = false;
  size_t index_ = 0;
};

}  // namespace wick::data::samplers
