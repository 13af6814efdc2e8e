#pragma once
// wick::data::datasets::ChunkDataset: a stateful dataset over data stored in
// chunks (files, shards), read by preloader threads, shaped like LibTorch's
// torch/data/datasets/chunk.h.
//
//   ChunkDataReader<Example, Chunk>  read_chunk(i), chunk_count(), reset(); the
//                                    user's reader (called from several preloader
//                                    threads at once when preloader_count > 1)
//   ChunkDatasetOptions(preloader_count, batch_size, cache_size = 2048,
//                       cross_chunk_shuffle_count = 1)
//   ChunkDataset<Reader, ChunkSampler = RandomSampler, ExampleSampler = RandomSampler>
//
// At every reset() the chunk sampler is rewound over chunk_count() chunks and
// preloader_count threads start: each takes the next cross_chunk_shuffle_count
// chunk indices, reads and concatenates those chunks, applies the optional
// preprocessing policy, and cuts the examples, in the example sampler's order,
// into batches of batch_size (topping up the previous short batch first) in a
// buffer of at most cache_size examples. get_batch(batch_size) pops a batch
// (waiting for the preloaders), or returns nullopt once every chunk is used. An
// exception from the reader comes out of get_batch as a WorkerException.
//
// A ChunkDataset owns threads and cannot be copied or moved: hand it to a
// DataLoader through make_shared_dataset<ChunkDataset<...>>(...), as in LibTorch.
#include <atomic>
#include <condition_variable>
#include <exception>
#include <functional>
#include <iterator>
#include <memory>
#include <mutex>
#include <optional>
#include <queue>
#include <thread>
#include <utility>
#include <vector>

#include "wick/data/dataloader.h"  // WorkerException
#include "wick/data/datasets.h"
#include "wick/data/samplers.h"
#include "wick/nn/pimpl.h"  // WICK_ARG

namespace wick::data::datasets {

template <typename ExampleType_, typename ChunkType_ = std::vector<ExampleType_>>
class ChunkDataReader {
 public:
  using ChunkType = ChunkType_;
  using BatchType = ChunkType_;  // what ChunkDataset hands out per batch
  using ExampleType = ExampleType_;

  virtual ~ChunkDataReader() = default;
  virtual ChunkType read_chunk(size_t chunk_index) = 0;
  virtual size_t chunk_count() = 0;
  // Clears the reader's state; called at every ChunkDataset::reset().
  virtual void reset() = 0;
};

namespace detail {

// The preloaded batches: filled by the preloaders, emptied by get_batch.
template <typename UnwrappedBatch, typename ExampleSampler>
class BatchDataBuffer {
 public:
  BatchDataBuffer(size_t batch_size, ExampleSampler& example_sampler, size_t capacity)
      : batch_size_(batch_size), example_sampler_(example_sampler), capacity_(capacity) {}

  // The next batch; nullopt when the preloaders are done and nothing is left.
  std::optional<UnwrappedBatch> get_batch() {
    std::unique_lock<std::mutex> lock(mutex_);
    cv_read_.wait(lock, [this] {
      return examples_ >= batch_size_ || stop_ ||
             (!queue_.empty() && queue_.front().exception);
    });
    if (queue_.empty()) return std::nullopt;
    Entry entry = std::move(queue_.front());
    queue_.pop();
    if (entry.exception) throw WorkerException(entry.exception);
    examples_ -= entry.batch.size();
    lock.unlock();
    cv_write_.notify_all();
    return std::move(entry.batch);
  }

  // Cuts one (merged) chunk into batches, waiting while the buffer is full.
  void add_chunk_data(UnwrappedBatch data) {
    std::unique_lock<std::mutex> lock(mutex_);
    cv_write_.wait(lock, [this] { return examples_ < capacity_ || stop_; });
    if (stop_) return;
    const size_t n = data.size();
    size_t remaining = n;
    example_sampler_.reset(n);
    auto fill = [&](size_t count, UnwrappedBatch& batch) {
      auto indices = example_sampler_.next(count);
      WICK_CHECK(indices && indices->size() == count,
                 "ChunkDataset: the example sampler returned ", indices ? indices->size() : 0,
                 " indices where ", count, " were asked for");
      for (size_t i : *indices) {
        WICK_CHECK(i < n, "Index out of range");
        batch.emplace_back(std::move(data[i]));
      }
      remaining -= count;
    };
    // Top up the last batch first (it is short when the previous chunk ended in it).
    if (!queue_.empty() && !queue_.back().exception && queue_.back().batch.size() < batch_size_) {
      fill(std::min(remaining, batch_size_ - queue_.back().batch.size()), queue_.back().batch);
    }
    while (remaining > 0) {
      Entry entry;
      entry.batch.reserve(batch_size_);
      fill(std::min(remaining, batch_size_), entry.batch);
      queue_.push(std::move(entry));
    }
    examples_ += n;
    lock.unlock();
    cv_read_.notify_all();
  }

  void add_chunk_data(std::exception_ptr exception) {
    std::unique_lock<std::mutex> lock(mutex_);
    cv_write_.wait(lock, [this] { return examples_ < capacity_ || stop_; });
    if (stop_) return;
    Entry entry;
    entry.exception = std::move(exception);
    queue_.push(std::move(entry));
    lock.unlock();
    cv_read_.notify_all();
  }

  // No more data: wakes every waiting reader and writer (under the lock, so no
  // wake-up is lost between a waiter's check and its sleep).
  void stop() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stop_ = true;
    }
    cv_write_.notify_all();
    cv_read_.notify_all();
  }

 private:
  struct Entry {
    UnwrappedBatch batch;
    std::exception_ptr exception;
  };
  size_t batch_size_;
  ExampleSampler& example_sampler_;
  size_t capacity_;
  size_t examples_ = 0;  // examples in queue_
  bool stop_ = false;
  std::queue<Entry> queue_;
  std::mutex mutex_;
  std::condition_variable cv_read_, cv_write_;
};

}  // namespace detail

struct ChunkDatasetOptions {
  ChunkDatasetOptions() = delete;
  ChunkDatasetOptions(size_t preloader_count, size_t batch_size, size_t cache_size = 2048,
                      size_t cross_chunk_shuffle_count = 1);

  // Threads reading chunks.
  WICK_ARG(size_t, preloader_count);
  // Examples per batch; get_batch must ask for exactly this many.
  WICK_ARG(size_t, batch_size);
  // The most examples held in the buffer.
  WICK_ARG(size_t, cache_size) = 2048;
  // Chunks read together and shuffled as one (1: no cross-chunk shuffling).
  WICK_ARG(size_t, cross_chunk_shuffle_count) = 1;
};

template <typename ChunkReader, typename ChunkSampler = samplers::RandomSampler,
          typename ExampleSampler = samplers::RandomSampler>
class ChunkDataset final
    : public StatefulDataset<ChunkDataset<ChunkReader, ChunkSampler, ExampleSampler>,
                             typename ChunkReader::BatchType, size_t> {
 public:
  using BatchType = std::optional<typename ChunkReader::BatchType>;
  using UnwrappedBatchType = typename ChunkReader::BatchType;
  using BatchRequestType = size_t;
  using ChunkSamplerType = ChunkSampler;
  using ExampleSamplerType = ExampleSampler;

  ChunkDataset(ChunkReader chunk_reader, ChunkSampler chunk_sampler, ExampleSampler example_sampler,
               ChunkDatasetOptions options,
               std::function<void(UnwrappedBatchType&)> preprocessing_policy = {})
      : chunk_reader_(std::move(chunk_reader)),
        chunk_sampler_(std::move(chunk_sampler)),
        example_sampler_(std::move(example_sampler)),
        options_(std::move(options)),
        preprocessing_policy_(std::move(preprocessing_policy)) {}
  ChunkDataset(const ChunkDataset&) = delete;
  ChunkDataset& operator=(const ChunkDataset&) = delete;
  ~ChunkDataset() override { stop_preloaders(); }

  BatchType get_batch(size_t batch_size) override {
    WICK_CHECK(batch_buffer_ != nullptr, "Dataset needs to call reset() before calling get_batch().");
    WICK_CHECK(batch_size == options_.batch_size(),
               "The requested batch size does not match with the initialized batch size.\n"
               " The requested batch size is ",
               batch_size, ", while the dataset is created with batch size equal to ",
               options_.batch_size());
    return batch_buffer_->get_batch();
  }
  BatchType get_batch() { return get_batch(options_.batch_size()); }

  // Stops the preloaders of the last epoch (finished or not), rewinds the
  // reader and the chunk sampler, and starts new preloaders.
  void reset() override {
    stop_preloaders();
    chunk_reader_.reset();
    chunk_sampler_.reset(chunk_reader_.chunk_count());
    batch_buffer_ = std::make_unique<detail::BatchDataBuffer<UnwrappedBatchType, ExampleSampler>>(
        options_.batch_size(), example_sampler_, options_.cache_size());
    quit_ = false;
    running_ = options_.preloader_count();
    for (size_t i = 0; i < options_.preloader_count(); ++i) {
      preloaders_.emplace_back([this] { preload(); });
    }
  }

  std::optional<size_t> size() const override { return std::nullopt; }

  // The chunk sampler (e.g. to set_epoch of a distributed one).
  ChunkSamplerType& chunk_sampler() { return chunk_sampler_; }

 private:
  void preload() {
    while (!quit_.load()) {
      std::exception_ptr error;
      try {
        std::vector<size_t> chunks;
        {
          std::lock_guard<std::mutex> lock(chunk_index_mutex_);
          auto next = chunk_sampler_.next(options_.cross_chunk_shuffle_count());
          if (!next) break;
          chunks = std::move(*next);
        }
        UnwrappedBatchType data = chunk_reader_.read_chunk(chunks[0]);
        for (size_t i = 1; i < chunks.size(); ++i) {
          auto more = chunk_reader_.read_chunk(chunks[i]);
          std::move(more.begin(), more.end(), std::back_inserter(data));
        }
        if (preprocessing_policy_) preprocessing_policy_(data);
        if (!data.empty()) batch_buffer_->add_chunk_data(std::move(data));
      } catch (...) {
        error = std::current_exception();
      }
      // Queued after the handler has ended, so this thread no longer holds the
      // exception when the iterating thread takes it.
      if (error) batch_buffer_->add_chunk_data(std::move(error));
    }
    if (--running_ == 0) batch_buffer_->stop();  // the last one out ends the epoch
  }

  void stop_preloaders() {
    if (batch_buffer_) batch_buffer_->stop();
    quit_ = true;
    for (auto& t : preloaders_) t.join();
    preloaders_.clear();
  }

  ChunkReader chunk_reader_;
  ChunkSamplerType chunk_sampler_;
  ExampleSamplerType example_sampler_;
  std::unique_ptr<detail::BatchDataBuffer<UnwrappedBatchType, ExampleSampler>> batch_buffer_;
  std::vector<std::thread> preloaders_;
  const ChunkDatasetOptions options_;
  std::function<void(UnwrappedBatchType&)> preprocessing_policy_;
  std::atomic<bool> quit_{false};
  std::atomic<size_t> running_{0};
  std::mutex chunk_index_mutex_;
};

}  // namespace wick::data::datasets
