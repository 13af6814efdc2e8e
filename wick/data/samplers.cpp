// The samplers of wick::data (samplers.h).
#include "wick/data/samplers.h"

#include <algorithm>
#include <numeric>
#include <random>

#include "wick/core/error.h"
#include "wick/ops/creation.h"
#include "wick/ops/random.h"

namespace wick::data::samplers {

namespace {
// The int64 values of a 1-d integer tensor as indices.
std::vector<size_t> to_indices(const Tensor& t, int64_t start, int64_t end) {
  Tensor s = t.slice(0, start, end).to(kLong).contiguous();
  const int64_t* p = s.data_ptr<int64_t>();
  return std::vector<size_t>(p, p + s.numel());
}
// The next batch_size entries of `order` from `index` (advanced), nullopt at the end.
std::optional<std::vector<size_t>> take(const std::vector<size_t>& order, size_t& index,
                                        size_t batch_size) {
  if (index >= order.size()) return std::nullopt;
  const size_t n = std::min(batch_size, order.size() - index);
  std::vector<size_t> batch(order.begin() + index, order.begin() + index + n);
  index += n;
  return batch;
}
}  // namespace

// ---- SequentialSampler ----

SequentialSampler::SequentialSampler(size_t size) : size_(size) {}

void SequentialSampler::reset(std::optional<size_t> new_size) {
  if (new_size) size_ = *new_size;
  index_ = 0;
}

std::optional<std::vector<size_t>> SequentialSampler::next(size_t batch_size) {
  if (index_ >= size_) return std::nullopt;
  std::vector<size_t> batch(std::min(batch_size, size_ - index_));
  std::iota(batch.begin(), batch.end(), index_);
  index_ += batch.size();
  return batch;
}

// ---- RandomSampler ----

RandomSampler::RandomSampler(int64_t size, Dtype index_dtype)
    : indices_(wick::randperm(size, TensorOptions(index_dtype))) {}

void RandomSampler::reset(std::optional<size_t> new_size) {
  const int64_t size = new_size ? static_cast<int64_t>(*new_size) : indices_.numel();
  indices_ = wick::randperm(size, TensorOptions(indices_.dtype()));
  index_ = 0;
}

std::optional<std::vector<size_t>> RandomSampler::next(size_t batch_size) {
  const int64_t remaining = indices_.numel() - index_;
  if (remaining <= 0) return std::nullopt;
  const int64_t n = std::min(static_cast<int64_t>(batch_size), remaining);
  auto batch = to_indices(indices_, index_, index_ + n);
  index_ += n;
  return batch;
}

// ---- DistributedRandomSampler ----

DistributedRandomSampler::DistributedRandomSampler(size_t size, size_t num_replicas, size_t rank,
                                                   bool allow_duplicates)
    : DistributedSampler(size, num_replicas, rank, allow_duplicates) {
  reset(size_);
}

void DistributedRandomSampler::populate_indices() {
  const size_t local = local_sample_count();
  const size_t count = num_replicas_ == 1 ? size_ : local * num_replicas_;
  all_indices_.resize(count);
  std::iota(all_indices_.begin(), all_indices_.end(), 0);
  // With duplicates the padding repeats the first examples.
  for (size_t i = size_; i < count; ++i) all_indices_[i] = i - size_;
  begin_index_ = rank_ * local;
  end_index_ = begin_index_ + local;
  sample_index_ = begin_index_;
}

void DistributedRandomSampler::reset(std::optional<size_t> new_size) {
  if (new_size) size_ = *new_size;
  populate_indices();
  std::mt19937 engine(static_cast<std::mt19937::result_type>(epoch_));
  std::shuffle(all_indices_.begin(), all_indices_.end(), engine);
  sample_index_ = begin_index_;
}

std::optional<std::vector<size_t>> DistributedRandomSampler::next(size_t batch_size) {
  if (sample_index_ >= end_index_) return std::nullopt;
  const size_t end = std::min(sample_index_ + batch_size, end_index_);
  std::vector<size_t> batch(all_indices_.begin() + sample_index_, all_indices_.begin() + end);
  sample_index_ = end;
  return batch;
}

// ---- DistributedSequentialSampler ----

DistributedSequentialSampler::DistributedSequentialSampler(size_t size, size_t num_replicas,
                                                           size_t rank, bool allow_duplicates)
    : DistributedSampler(size, num_replicas, rank, allow_duplicates) {
  populate_indices();
}

void DistributedSequentialSampler::populate_indices() {
  begin_index_ = rank_ * local_sample_count();
  end_index_ = begin_index_ + local_sample_count();
  sample_index_ = begin_index_;
}

void DistributedSequentialSampler::reset(std::optional<size_t> new_size) {
  if (new_size && *new_size != size_) {
    size_ = *new_size;
    populate_indices();
  } else {
    sample_index_ = begin_index_;
  }
}

std::optional<std::vector<size_t>> DistributedSequentialSampler::next(size_t batch_size) {
  if (sample_index_ >= end_index_) return std::nullopt;
  const size_t end = std::min(sample_index_ + batch_size, end_index_);
  std::vector<size_t> batch(end - sample_index_);
  std::iota(batch.begin(), batch.end(), sample_index_);
  // Past the end (allow_duplicates) the share wraps around to the first examples.
  if (end > size_) {
    for (size_t& i : batch) i %= size_;
  }
  sample_index_ = end;
  return batch;
}

// ---- StreamSampler ----

StreamSampler::StreamSampler(size_t epoch_size) : epoch_size_(epoch_size) {}

void StreamSampler::reset(std::optional<size_t> new_size) {
  if (new_size) epoch_size_ = *new_size;
  examples_retrieved_so_far_ = 0;
}

std::optional<BatchSize> StreamSampler::next(size_t batch_size) {
  if (examples_retrieved_so_far_ >= epoch_size_) return std::nullopt;
  batch_size = std::min(batch_size, epoch_size_ - examples_retrieved_so_far_);
  examples_retrieved_so_far_ += batch_size;
  return BatchSize(batch_size);
}

// ---- SubsetRandomSampler ----

SubsetRandomSampler::SubsetRandomSampler(std::vector<size_t> indices,
                                         std::optional<Generator> generator)
    : indices_(std::move(indices)), generator_(std::move(generator)) {}

void SubsetRandomSampler::reset(std::optional<size_t> new_size) {
  WICK_CHECK(!new_size || *new_size == indices_.size(),
             "SubsetRandomSampler cannot be resized (it samples ", indices_.size(),
             " given indices), but reset was asked for size ", *new_size);
  // for i in torch.randperm(len(self.indices), generator=self.generator): yield self.indices[i]
  Tensor perm = wick::randperm(static_cast<int64_t>(indices_.size()), generator_);
  auto order = to_indices(perm, 0, perm.numel());
  order_.resize(order.size());
  for (size_t i = 0; i < order.size(); ++i) order_[i] = indices_[order[i]];
  drawn_ = true;
  index_ = 0;
}

std::optional<std::vector<size_t>> SubsetRandomSampler::next(size_t batch_size) {
  if (!drawn_) reset();
  return take(order_, index_, batch_size);
}

// ---- WeightedRandomSampler ----

namespace {
Tensor weights_tensor(const std::vector<double>& weights) {
  Tensor t = wick::empty({static_cast<int64_t>(weights.size())}, kDouble);
  std::copy(weights.begin(), weights.end(), t.data_ptr<double>());
  return t;
}
}  // namespace

WeightedRandomSampler::WeightedRandomSampler(std::vector<double> weights, size_t num_samples,
                                             bool replacement, std::optional<Generator> generator)
    : WeightedRandomSampler(weights_tensor(weights), num_samples, replacement,
                            std::move(generator)) {}

WeightedRandomSampler::WeightedRandomSampler(const Tensor& weights, size_t num_samples,
                                             bool replacement, std::optional<Generator> generator)
    : num_samples_(num_samples), replacement_(replacement), generator_(std::move(generator)) {
  WICK_CHECK_T(ValueError, num_samples > 0,
               "num_samples should be a positive integer value, but got num_samples=",
               num_samples);
  WICK_CHECK(weights.defined(), "WeightedRandomSampler: weights is an undefined tensor");
  weights_ = weights.to(kDouble);
  if (weights_.dim() != 1) {
    std::string shape = "(";
    for (int64_t d = 0; d < weights_.dim(); ++d)
      shape += (d ? ", " : "") + std::to_string(weights_.size(d));
    shape += ")";
    WICK_CHECK_T(ValueError, false,
                 "weights should be a 1d sequence but given weights have shape ", shape);
  }
}

void WeightedRandomSampler::reset(std::optional<size_t> new_size) {
  if (new_size) {
    WICK_CHECK_T(ValueError, *new_size > 0,
                 "num_samples should be a positive integer value, but got num_samples=",
                 *new_size);
    num_samples_ = *new_size;
  }
  // torch.multinomial(self.weights, self.num_samples, self.replacement, generator=self.generator)
  Tensor drawn = wick::multinomial(weights_, static_cast<int64_t>(num_samples_), replacement_,
                                   generator_);
  order_ = to_indices(drawn, 0, drawn.numel());
  drawn_ = true;
  index_ = 0;
}

std::optional<std::vector<size_t>> WeightedRandomSampler::next(size_t batch_size) {
  if (!drawn_) reset();
  return take(order_, index_, batch_size);
}

}  // namespace wick::data::samplers
