#pragma once
// wick::data::make_data_loader and the DataLoader behind it, shaped like
// LibTorch's torch/data/dataloader*.h:
//
//   auto loader = wick::data::make_data_loader(
//       dataset.map(wick::data::transforms::Stack<>()),
//       wick::data::DataLoaderOptions().batch_size(64).workers(2));
//   for (auto& batch : *loader) { ... batch.data, batch.target ... }
//
// Stateless datasets (Dataset, BatchDataset, MapDataset of them) are read in
// the order of a sampler (RandomSampler by default); each batch request is the
// sampler's next(batch_size), dropped when short and drop_last is set.
// Stateful datasets (StatefulDataset) are asked for batch_size examples until
// they return nullopt.
//
// Note [DataLoader threads]: with workers > 0, each worker is a std::thread
// that pops batch requests from a job queue and pushes results (a batch or the
// exception its get_batch threw) to a result queue. At most max_jobs requests
// (default 2 * workers) are in flight: one new request is queued per batch
// handed out. Stateless datasets are copied into every worker; stateful ones
// are shared (so they must be thread-safe). With enforce_ordering (default)
// results are handed out in request order (early ones wait in a buffer);
// without, in the order they finish. A worker's exception is rethrown in the
// iterating thread as WorkerException, at the batch it belongs to. A timeout
// bounds each wait for a result. begin() drains what is in flight and starts
// a new epoch; the destructor drains, stops and joins every worker.
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <exception>
#include <functional>
#include <iterator>
#include <memory>
#include <mutex>
#include <optional>
#include <queue>
#include <string>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

#include "wick/core/error.h"
#include "wick/data/datasets.h"
#include "wick/data/samplers.h"
#include "wick/nn/pimpl.h"  // WICK_ARG

namespace wick::data {

struct DataLoaderOptions {
  DataLoaderOptions() = default;
  DataLoaderOptions(size_t batch_size) : batch_size_(batch_size) {}  // NOLINT: LibTorch's

  // Examples per batch (the sampler's next(batch_size)).
  WICK_ARG(size_t, batch_size) = 1;
  // Worker threads; 0 loads every batch in the iterating thread.
  WICK_ARG(size_t, workers) = 0;
  // The most batch requests in flight at once; default 2 * workers.
  WICK_ARG(std::optional<size_t>, max_jobs);
  // The longest wait for one batch from the workers; default forever.
  WICK_ARG(std::optional<std::chrono::milliseconds>, timeout);
  // Hand batches out in sampler order (true) or as workers finish them.
  WICK_ARG(bool, enforce_ordering) = true;
  // Drop the last batch of an epoch when it is short (stateless datasets).
  WICK_ARG(bool, drop_last) = false;
};

// DataLoaderOptions with the defaults filled in and checked.
struct FullDataLoaderOptions {
  explicit FullDataLoaderOptions(const DataLoaderOptions& options);

  size_t batch_size;
  size_t workers;
  size_t max_jobs;
  std::optional<std::chrono::milliseconds> timeout;
  bool enforce_ordering;
  bool drop_last;
};

// What a worker's exception becomes in the iterating thread. what() is
// "Caught exception in DataLoader worker thread. Original message: <what()>";
// original_exception can be rethrown to get the worker's own exception.
struct WorkerException : public Error {
  explicit WorkerException(std::exception_ptr original);
  std::exception_ptr original_exception;
};

namespace detail {

[[noreturn]] void throw_queue_timeout(std::chrono::milliseconds timeout);

// A blocking FIFO shared by the iterating thread and the workers.
template <typename T>
class Queue {
 public:
  void push(T value) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      queue_.push(std::move(value));
    }
    cv_.notify_one();
  }
  // Waits for a value (at most `timeout`, then throws the timeout error).
  T pop(std::optional<std::chrono::milliseconds> timeout = std::nullopt) {
    std::unique_lock<std::mutex> lock(mutex_);
    auto ready = [this] { return !queue_.empty(); };
    if (timeout) {
      if (!cv_.wait_for(lock, *timeout, ready)) throw_queue_timeout(*timeout);
    } else {
      cv_.wait(lock, ready);
    }
    T value = std::move(queue_.front());
    queue_.pop();
    return value;
  }
  // Removes every value; returns how many there were.
  size_t clear() {
    std::lock_guard<std::mutex> lock(mutex_);
    const size_t n = queue_.size();
    while (!queue_.empty()) queue_.pop();
    return n;
  }

 private:
  std::queue<T> queue_;
  std::mutex mutex_;
  std::condition_variable cv_;
};

// Jobs out to the workers, results back; counts the jobs not yet answered.
template <typename Job, typename Result>
class DataShuttle {
 public:
  void push_job(Job job) {
    jobs_.push(std::move(job));
    ++in_flight_;
  }
  void push_result(Result result) { results_.push(std::move(result)); }
  Job pop_job() { return jobs_.pop(); }
  // The next result, or nullopt when nothing is in flight.
  std::optional<Result> pop_result(std::optional<std::chrono::milliseconds> timeout = std::nullopt) {
    if (in_flight_ == 0) return std::nullopt;
    Result r = results_.pop(timeout);
    --in_flight_;
    return r;
  }
  // Drops the jobs not yet started and waits for the results of the others.
  void drain() {
    in_flight_ -= jobs_.clear();
    while (in_flight_ > 0) pop_result();
  }
  size_t in_flight_jobs() const noexcept { return in_flight_; }

 private:
  Queue<Job> jobs_;
  Queue<Result> results_;
  size_t in_flight_ = 0;
};

// Hands results out by sequence number, buffering the early ones (a ring of
// max_jobs slots: no more are ever in flight).
template <typename Result>
class OrderedSequencer {
 public:
  explicit OrderedSequencer(size_t max_jobs) : buffer_(std::max<size_t>(max_jobs, 1)) {}
  template <typename Producer>
  std::optional<Result> next(Producer&& produce) {
    if (auto& slot = at(next_); slot) {
      std::optional<Result> r = std::move(slot);
      slot.reset();
      ++next_;
      return r;
    }
    while (std::optional<Result> r = produce()) {
      if (r->sequence_number == next_) {
        ++next_;
        return r;
      }
      at(r->sequence_number) = std::move(r);
    }
    return std::nullopt;
  }

 private:
  std::optional<Result>& at(size_t sequence_number) {
    return buffer_[sequence_number % buffer_.size()];
  }
  size_t next_ = 0;
  std::vector<std::optional<Result>> buffer_;
};

}  // namespace detail

// The DataLoader's input iterator: `for (auto& batch : *loader)`. A batch is
// fetched when first looked at; ++ fetches the next. Comparing with end() is
// true once the epoch is over.
template <typename Batch>
class Iterator {
 public:
  using difference_type = std::ptrdiff_t;
  using value_type = Batch;
  using pointer = Batch*;
  using reference = Batch&;
  using iterator_category = std::input_iterator_tag;
  using Producer = std::function<std::optional<Batch>()>;

  Iterator() = default;  // the past-the-end sentinel
  explicit Iterator(Producer produce) : state_(std::make_shared<State>()) {
    state_->produce = std::move(produce);
  }

  Iterator& operator++() {
    WICK_CHECK(state_, "Incrementing the DataLoader's past-the-end iterator is not allowed");
    state_->fetch_first();
    WICK_CHECK(state_->batch.has_value(), "Attempted to increment iterator past the end");
    state_->batch.reset();
    state_->batch = state_->produce();
    return *this;
  }
  Batch& operator*() { return get(); }
  Batch* operator->() { return &get(); }

  bool operator==(const Iterator& other) const {
    if (state_ && other.state_) return state_ == other.state_;
    if (!state_ && !other.state_) return true;
    const State& s = state_ ? *state_ : *other.state_;
    s.fetch_first();
    return !s.batch.has_value();
  }
  bool operator!=(const Iterator& other) const { return !(*this == other); }

 private:
  struct State {
    Producer produce;
    mutable std::optional<Batch> batch;
    mutable bool started = false;
    void fetch_first() const {
      if (!started) {
        started = true;
        batch = const_cast<Producer&>(produce)();
      }
    }
  };
  Batch& get() {
    WICK_CHECK(state_, "Dereferencing the DataLoader's past-the-end iterator is not allowed");
    state_->fetch_first();
    WICK_CHECK(state_->batch.has_value(), "Attempted to dereference iterator that was past the end");
    return *state_->batch;
  }
  std::shared_ptr<State> state_;
};

// What StatelessDataLoader and StatefulDataLoader share: the workers, the
// queues, the ordering and the iteration (Note [DataLoader threads]).
template <typename Dataset, typename Batch, typename BatchRequest>
class DataLoaderBase {
 public:
  using BatchType = Batch;
  using BatchRequestType = BatchRequest;

  DataLoaderBase(const DataLoaderOptions& options,
                 std::unique_ptr<Dataset> main_thread_dataset = nullptr)
      : options_(options),
        main_thread_dataset_(std::move(main_thread_dataset)),
        sequencer_(options_.max_jobs) {}
  virtual ~DataLoaderBase() { join(); }
  DataLoaderBase(const DataLoaderBase&) = delete;
  DataLoaderBase& operator=(const DataLoaderBase&) = delete;

  // Starts an epoch (draining one still in flight) and returns its iterator.
  Iterator<Batch> begin() {
    WICK_CHECK(!joined_, "Attempted to get a new DataLoader iterator after join()");
    reset();
    return Iterator<Batch>([this] { return this->next(); });
  }
  Iterator<Batch> end() { return Iterator<Batch>(); }

  // Drains the jobs in flight, stops the workers and joins them. Called by
  // the destructor; the loader cannot be iterated afterwards.
  void join() {
    if (joined_) return;
    joined_ = true;
    shuttle_.drain();
    for (size_t w = 0; w < workers_.size(); ++w) shuttle_.push_job(Job{});
    for (auto& worker : workers_) worker.join();
  }

  const FullDataLoaderOptions& options() const noexcept { return options_; }

 protected:
  struct Job {
    std::optional<BatchRequest> request;  // nullopt: the worker quits
    size_t sequence_number = 0;
  };
  struct Result {
    std::optional<Batch> batch;
    std::exception_ptr exception;
    size_t sequence_number = 0;
  };

  // The next request of this epoch, or nullopt when it is over.
  virtual std::optional<BatchRequest> get_batch_request() = 0;

  virtual void reset() {
    shuttle_.drain();
    sequence_number_ = 0;
    sequencer_ = detail::OrderedSequencer<Result>(options_.max_jobs);
    reset_source();
    prefetch(options_.max_jobs);
  }
  // Rewinds the sampler or the stateful dataset (nothing is in flight).
  virtual void reset_source() = 0;

  void prefetch(size_t jobs) {
    if (options_.workers == 0) return;
    for (size_t i = 0; i < jobs; ++i) {
      auto request = get_batch_request();
      if (!request) break;
      shuttle_.push_job(Job{std::move(request), sequence_number_++});
    }
  }

  std::optional<Batch> next() {
    if (options_.workers == 0) {
      if (auto request = get_batch_request()) {
        return main_thread_dataset_->get_batch(std::move(*request));
      }
      return std::nullopt;
    }
    while (std::optional<Result> result = pop_result()) {
      if (result->exception) {
        prefetch(1);  // keep the pipeline full should the caller go on
        throw WorkerException(result->exception);
      }
      if (result->batch) {
        prefetch(1);
        return std::move(result->batch);
      }
      // An empty result: a stateful dataset ran out; no new request.
    }
    return std::nullopt;
  }

  void worker_thread(Dataset& dataset) {
    while (true) {
      Job job = shuttle_.pop_job();
      if (!job.request) break;
      Result result;
      result.sequence_number = job.sequence_number;
      try {
        result.batch = dataset.get_batch(std::move(*job.request));
      } catch (...) {
        result.exception = std::current_exception();
      }
      shuttle_.push_result(std::move(result));
    }
  }

  std::optional<Result> pop_result() {
    auto produce = [this] { return shuttle_.pop_result(options_.timeout); };
    if (options_.enforce_ordering) return sequencer_.next(produce);
    return produce();
  }

  const FullDataLoaderOptions options_;
  std::unique_ptr<Dataset> main_thread_dataset_;
  size_t sequence_number_ = 0;
  std::vector<std::thread> workers_;
  detail::DataShuttle<Job, Result> shuttle_;
  detail::OrderedSequencer<Result> sequencer_;
  bool joined_ = false;
};

// A loader over a stateless dataset, in the order of `Sampler`.
template <typename Dataset, typename Sampler>
class StatelessDataLoader
    : public DataLoaderBase<Dataset, typename Dataset::BatchType, typename Sampler::BatchRequestType> {
 public:
  using super =
      DataLoaderBase<Dataset, typename Dataset::BatchType, typename Sampler::BatchRequestType>;
  using typename super::BatchRequestType;

  StatelessDataLoader(Dataset dataset, Sampler sampler, const DataLoaderOptions& options)
      : super(options), sampler_(std::move(sampler)) {
    if (this->options_.workers == 0) {
      this->main_thread_dataset_ = std::make_unique<Dataset>(std::move(dataset));
      return;
    }
    // Each worker gets its own copy of the dataset.
    for (size_t w = 0; w < this->options_.workers; ++w) {
      this->workers_.emplace_back([this, dataset]() mutable { this->worker_thread(dataset); });
    }
  }
  // Joins here, before sampler_ goes.
  ~StatelessDataLoader() override { this->join(); }

  Sampler& sampler() noexcept { return sampler_; }

 private:
  void reset_source() override { sampler_.reset(); }
  std::optional<BatchRequestType> get_batch_request() override {
    auto request = sampler_.next(this->options_.batch_size);
    if (!request || request->size() == 0 ||
        (request->size() < this->options_.batch_size && this->options_.drop_last)) {
      return std::nullopt;
    }
    return request;
  }

  Sampler sampler_;
};

// A loader over a stateful dataset: batch_size requests until it returns nullopt.
template <typename Dataset>
class StatefulDataLoader
    : public DataLoaderBase<Dataset, typename Dataset::BatchType::value_type,
                            typename Dataset::BatchRequestType> {
 public:
  using super = DataLoaderBase<Dataset, typename Dataset::BatchType::value_type,
                               typename Dataset::BatchRequestType>;
  using typename super::BatchRequestType;

  StatefulDataLoader(Dataset dataset, const DataLoaderOptions& options)
      : super(options, std::make_unique<Dataset>(std::move(dataset))) {
    // The workers share the one dataset.
    for (size_t w = 0; w < this->options_.workers; ++w) {
      this->workers_.emplace_back([this] { this->worker_thread(*this->main_thread_dataset_); });
    }
  }

 private:
  void reset_source() override { this->main_thread_dataset_->reset(); }
  std::optional<BatchRequestType> get_batch_request() override {
    return BatchRequestType(this->options_.batch_size);
  }
};

namespace detail {
void check_sized(const std::optional<size_t>& size);
}  // namespace detail

// A loader over a stateless dataset in the order of `sampler`.
template <typename Dataset, typename Sampler>
std::enable_if_t<!Dataset::is_stateful, std::unique_ptr<StatelessDataLoader<Dataset, Sampler>>>
make_data_loader(Dataset dataset, Sampler sampler, DataLoaderOptions options = DataLoaderOptions()) {
  return std::make_unique<StatelessDataLoader<Dataset, Sampler>>(std::move(dataset),
                                                                 std::move(sampler), options);
}

// A loader over a sized stateless dataset with a Sampler(size) (RandomSampler
// by default, as LibTorch).
template <typename Sampler = samplers::RandomSampler, typename Dataset>
std::enable_if_t<!Dataset::is_stateful && std::is_constructible_v<Sampler, size_t>,
                 std::unique_ptr<StatelessDataLoader<Dataset, Sampler>>>
make_data_loader(Dataset dataset, DataLoaderOptions options = DataLoaderOptions()) {
  const std::optional<size_t> size = dataset.size();
  detail::check_sized(size);
  FullDataLoaderOptions checked(options);  // check the options before drawing the sampler
  (void)checked;
  return make_data_loader(std::move(dataset), Sampler(*size), std::move(options));
}

// A loader over a stateful dataset.
template <typename Dataset, typename = std::enable_if_t<Dataset::is_stateful>>
std::unique_ptr<StatefulDataLoader<Dataset>> make_data_loader(
    Dataset dataset, DataLoaderOptions options = DataLoaderOptions()) {
  return std::make_unique<StatefulDataLoader<Dataset>>(std::move(dataset), options);
}

}  // namespace wick::data
