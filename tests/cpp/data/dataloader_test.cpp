// wick::data::make_data_loader: orders, drop_last, workers, ordering, worker
// exceptions, timeouts, epochs and teardown.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "data/data_test_data.h"
#include "test_utils.h"
#include "wick/data/data.h"

namespace wick {
namespace {

using namespace wick::data;
using namespace std::chrono_literals;
namespace dv = wick::test::data_values;

std::vector<int64_t> longs(const Tensor& t) {
  std::vector<int64_t> out;
  for (double v : test::values(t)) out.push_back(static_cast<int64_t>(v));
  return out;
}

auto range_dataset(int64_t n) {
  return datasets::TensorDataset(wick::arange(n)).map(transforms::Stack<TensorExample>());
}

// The indices of every batch of one epoch, and the batch sizes.
template <typename Loader>
std::vector<size_t> epoch(Loader& loader, std::vector<size_t>* sizes = nullptr) {
  std::vector<size_t> all;
  for (auto& batch : loader) {
    auto v = longs(batch.data);
    if (sizes) sizes->push_back(v.size());
    all.insert(all.end(), v.begin(), v.end());
  }
  return all;
}

std::vector<size_t> iota(size_t n) {
  std::vector<size_t> v(n);
  for (size_t i = 0; i < n; ++i) v[i] = i;
  return v;
}

// i -> [i], sleeping delay(i) first; throws for index `bad`; counts calls.
struct SlowDataset : datasets::Dataset<SlowDataset, TensorExample> {
  SlowDataset(size_t n, std::function<std::chrono::milliseconds(size_t)> delay,
              std::optional<size_t> bad = std::nullopt)
      : n(n), delay(std::move(delay)), bad(bad) {}
  TensorExample get(size_t i) override {
    calls->fetch_add(1);
    std::this_thread::sleep_for(delay(i));
    if (bad && i == *bad) throw std::runtime_error("bad index " + std::to_string(i));
    return wick::tensor({static_cast<int64_t>(i)});
  }
  std::optional<size_t> size() const override { return n; }
  size_t n;
  std::function<std::chrono::milliseconds(size_t)> delay;
  std::optional<size_t> bad;
  std::shared_ptr<std::atomic<int>> calls = std::make_shared<std::atomic<int>>(0);
};

auto no_delay = [](size_t) { return 0ms; };

TEST(DataLoader, DefaultRandomSamplerMatchesLibTorch) {
  // make_data_loader(dataset, 8) after manual_seed(7): LibTorch's two epochs.
  for (size_t workers : {0, 2}) {
    SCOPED_TRACE(workers);
    wick::manual_seed(7);
    auto loader = make_data_loader(range_dataset(37), DataLoaderOptions(8).workers(workers));
    std::vector<size_t> sizes;
    EXPECT_EQ(epoch(*loader, &sizes), dv::loader_seed7_epoch0);
    EXPECT_EQ(sizes, (std::vector<size_t>{8, 8, 8, 8, 5}));
    EXPECT_EQ(epoch(*loader), dv::loader_seed7_epoch1);
  }
  // The loader's first epoch is the second randperm after the seed.
  wick::manual_seed(1);
  auto loader = make_data_loader(range_dataset(200), DataLoaderOptions(16));
  EXPECT_EQ(epoch(*loader), dv::randperm_seed1_200_b);
}

TEST(DataLoader, SequentialBatchesAndDropLast) {
  auto loader = make_data_loader<samplers::SequentialSampler>(range_dataset(10),
                                                              DataLoaderOptions().batch_size(4));
  std::vector<size_t> sizes;
  EXPECT_EQ(epoch(*loader, &sizes), iota(10));
  EXPECT_EQ(sizes, (std::vector<size_t>{4, 4, 2}));
  for (size_t workers : {0, 3}) {
    auto dropping = make_data_loader<samplers::SequentialSampler>(
        range_dataset(10), DataLoaderOptions(4).drop_last(true).workers(workers));
    sizes.clear();
    EXPECT_EQ(epoch(*dropping, &sizes), iota(8));
    EXPECT_EQ(sizes, (std::vector<size_t>{4, 4}));
  }
  // Batch size larger than the dataset: one short batch, or none with drop_last.
  auto big = make_data_loader<samplers::SequentialSampler>(range_dataset(3), DataLoaderOptions(5));
  EXPECT_EQ(epoch(*big), iota(3));
  auto none = make_data_loader<samplers::SequentialSampler>(range_dataset(3),
                                                            DataLoaderOptions(5).drop_last(true));
  EXPECT_TRUE(epoch(*none).empty());
}

TEST(DataLoader, ExamplesWithTargets) {
  datasets::TensorPairDataset pairs(wick::arange(12.).reshape({6, 2}), wick::arange(6) * 10);
  auto loader = make_data_loader(pairs.map(transforms::Stack<>()),
                                 samplers::SequentialSampler(6), DataLoaderOptions(4).workers(2));
  std::vector<std::vector<int64_t>> targets;
  for (Example<>& batch : *loader) {
    EXPECT_EQ(batch.data.size(1), 2);
    targets.push_back(longs(batch.target));
  }
  EXPECT_EQ(targets, (std::vector<std::vector<int64_t>>{{0, 10, 20, 30}, {40, 50}}));
}

TEST(DataLoader, WorkersKeepSamplerOrder) {
  // Early batches are the slowest, so they finish last; enforce_ordering still
  // hands them out first.
  SlowDataset ds(24, [](size_t i) { return std::chrono::milliseconds(i < 8 ? 30 : 0); });
  auto loader = make_data_loader(ds.map(transforms::Stack<TensorExample>()),
                                 samplers::SequentialSampler(24),
                                 DataLoaderOptions(2).workers(4).max_jobs(8));
  EXPECT_EQ(loader->options().max_jobs, 8u);
  EXPECT_EQ(epoch(*loader), iota(24));
  EXPECT_EQ(epoch(*loader), iota(24));
}

TEST(DataLoader, WithoutOrderingBatchesComeAsTheyFinish) {
  // Batch 0 takes 300 ms; without ordering the others overtake it.
  SlowDataset ds(8, [](size_t i) { return std::chrono::milliseconds(i == 0 ? 300 : 0); });
  auto loader = make_data_loader(ds.map(transforms::Stack<TensorExample>()),
                                 samplers::SequentialSampler(8),
                                 DataLoaderOptions(1).workers(2).enforce_ordering(false));
  auto order = epoch(*loader);
  EXPECT_NE(order, iota(8));
  EXPECT_NE(order.front(), 0u);
  std::sort(order.begin(), order.end());
  EXPECT_EQ(order, iota(8));  // every batch exactly once
}

TEST(DataLoader, WorkerExceptionIsRethrownAtItsBatch) {
  for (bool ordered : {true, false}) {
    SCOPED_TRACE(ordered);
    SlowDataset ds(10, no_delay, /*bad=*/5);
    auto loader = make_data_loader(ds.map(transforms::Stack<TensorExample>()),
                                   samplers::SequentialSampler(10),
                                   DataLoaderOptions(1).workers(2).enforce_ordering(ordered));
    std::vector<size_t> seen;
    try {
      for (auto& batch : *loader) seen.push_back(longs(batch.data)[0]);
      ADD_FAILURE() << "no exception";
    } catch (const WorkerException& e) {
      EXPECT_EQ(std::string(e.what()),
                "Caught exception in DataLoader worker thread. Original message: bad index 5");
      WICK_EXPECT_THROW_MSG(std::rethrow_exception(e.original_exception), std::runtime_error,
                       "bad index 5");
    }
    if (ordered) {
      EXPECT_EQ(seen, iota(5));
    }
    EXPECT_EQ(std::count(seen.begin(), seen.end(), 5u), 0);
    // The loader is still usable: a new epoch meets the same error.
    WICK_EXPECT_THROW_MSG(epoch(*loader), Error, "Original message: bad index 5");
  }
}

TEST(DataLoader, TransformExceptionInWorker) {
  auto ds = range_dataset(6).map(transforms::BatchLambda<TensorExample>([](TensorExample b) {
    WICK_CHECK(b.data.numel() == 2, "short batch of ", b.data.numel());
    return b;
  }));
  auto loader = make_data_loader(std::move(ds), samplers::SequentialSampler(5),
                                 DataLoaderOptions(2).workers(1));
  WICK_EXPECT_THROW_MSG(epoch(*loader), WorkerException,
                   "Caught exception in DataLoader worker thread. Original message: short batch of 1");
}

TEST(DataLoader, NonStandardWorkerException) {
  auto ds = range_dataset(4).map(transforms::BatchLambda<TensorExample>([](TensorExample b) {
    if (b.data.numel() > 0) throw 42;
    return b;
  }));
  auto loader = make_data_loader(std::move(ds), samplers::SequentialSampler(4),
                                 DataLoaderOptions(2).workers(1));
  try {
    epoch(*loader);
    ADD_FAILURE() << "no exception";
  } catch (const WorkerException& e) {
    EXPECT_EQ(std::string(e.what()), "Caught exception in DataLoader worker thread.");
    EXPECT_THROW(std::rethrow_exception(e.original_exception), int);
  }
}

TEST(DataLoader, EmptyDataset) {
  for (size_t workers : {0, 2}) {
    auto loader = make_data_loader(range_dataset(0), DataLoaderOptions(4).workers(workers));
    EXPECT_TRUE(epoch(*loader).empty());
    EXPECT_TRUE(loader->begin() == loader->end());
  }
  EXPECT_THROW(samplers::RandomSampler(-1), Error);
}

TEST(DataLoader, ExceptionWithoutWorkersIsTheOriginal) {
  SlowDataset ds(4, no_delay, /*bad=*/2);
  auto loader = make_data_loader(ds.map(transforms::Stack<TensorExample>()),
                                 samplers::SequentialSampler(4), DataLoaderOptions(1));
  WICK_EXPECT_THROW_MSG(epoch(*loader), std::runtime_error, "bad index 2");
}

TEST(DataLoader, Timeout) {
  SlowDataset ds(4, [](size_t) { return 300ms; });
  auto loader = make_data_loader(ds.map(transforms::Stack<TensorExample>()),
                                 samplers::SequentialSampler(4),
                                 DataLoaderOptions(1).workers(1).timeout(20ms));
  try {
    epoch(*loader);
    ADD_FAILURE() << "no timeout";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()),
              "Timeout in DataLoader queue while waiting for next batch (timeout was 20 ms)");
  }
  // A generous timeout is no error.
  SlowDataset quick(4, [](size_t) { return 1ms; });
  auto patient = make_data_loader(quick.map(transforms::Stack<TensorExample>()),
                                  samplers::SequentialSampler(4),
                                  DataLoaderOptions(2).workers(2).timeout(10000ms));
  EXPECT_EQ(epoch(*patient), iota(4));
}  // the loaders join their workers here (the slow one finishes its jobs first)

TEST(DataLoader, DestroyMidEpochJoinsWorkers) {
  SlowDataset ds(1000, [](size_t) { return 1ms; });
  auto calls = ds.calls;
  {
    auto loader = make_data_loader(ds.map(transforms::Stack<TensorExample>()),
                                   samplers::SequentialSampler(1000),
                                   DataLoaderOptions(2).workers(3));
    int n = 0;
    for (auto& batch : *loader) {
      (void)batch;
      if (++n == 3) break;
    }
  }
  // Only the batches in flight (max_jobs = 6 by default) were loaded, not the epoch.
  const int after = calls->load();
  EXPECT_LE(after, 2 * (3 + 6 + 1));
  std::this_thread::sleep_for(20ms);
  EXPECT_EQ(calls->load(), after);  // nothing runs any more
}

TEST(DataLoader, SecondBeginStartsANewEpoch) {
  auto loader = make_data_loader<samplers::SequentialSampler>(range_dataset(20),
                                                              DataLoaderOptions(3).workers(2));
  auto it = loader->begin();
  EXPECT_EQ(longs(it->data), (std::vector<int64_t>{0, 1, 2}));
  ++it;
  EXPECT_EQ(longs((*it).data), (std::vector<int64_t>{3, 4, 5}));
  // Mid-epoch, begin() drains the rest and starts over.
  EXPECT_EQ(epoch(*loader), iota(20));
  EXPECT_EQ(epoch(*loader), iota(20));
}

TEST(DataLoader, IteratorEnds) {
  auto loader = make_data_loader<samplers::SequentialSampler>(range_dataset(2),
                                                              DataLoaderOptions(2));
  auto it = loader->begin();
  auto end = loader->end();
  EXPECT_TRUE(it != end);
  ++it;
  EXPECT_TRUE(it == end);
  EXPECT_TRUE(end == it);
  WICK_EXPECT_THROW_MSG(++it, Error, "Attempted to increment iterator past the end");
  WICK_EXPECT_THROW_MSG(*it, Error, "Attempted to dereference iterator that was past the end");
  WICK_EXPECT_THROW_MSG(++end, Error, "Incrementing the DataLoader's past-the-end iterator is not allowed");
  WICK_EXPECT_THROW_MSG(*end, Error,
                   "Dereferencing the DataLoader's past-the-end iterator is not allowed");
  EXPECT_TRUE(loader->end() == loader->end());
  loader->join();
  WICK_EXPECT_THROW_MSG(loader->begin(), Error, "after join()");
}

TEST(DataLoader, StatefulDataset) {
  // 0..limit-1 in batches of batch_size, one reset per epoch, shared by the workers.
  struct Counter : datasets::StatefulDataset<Counter, TensorExample> {
    std::optional<TensorExample> get_batch(size_t n) override {
      std::lock_guard<std::mutex> lock(*mutex);
      if (*next >= 11) return std::nullopt;
      const int64_t end = std::min<int64_t>(*next + static_cast<int64_t>(n), 11);
      Tensor t = wick::arange(*next, end);
      *next = end;
      return TensorExample(t);
    }
    std::optional<size_t> size() const override { return std::nullopt; }
    void reset() override {
      *next = 0;
      ++*resets;
    }
    std::shared_ptr<std::mutex> mutex = std::make_shared<std::mutex>();
    std::shared_ptr<int64_t> next = std::make_shared<int64_t>(0);
    std::shared_ptr<int> resets = std::make_shared<int>(0);
  };
  for (size_t workers : {0, 3}) {
    SCOPED_TRACE(workers);
    Counter counter;
    auto resets = counter.resets;
    auto loader = make_data_loader(counter, DataLoaderOptions(4).workers(workers));
    for (int e = 0; e < 2; ++e) {
      std::vector<size_t> sizes;
      auto all = epoch(*loader, &sizes);
      if (workers == 0) {
        EXPECT_EQ(all, iota(11));
      } else {
        std::sort(all.begin(), all.end());
        EXPECT_EQ(all, iota(11));
      }
      EXPECT_EQ(sizes.size(), 3u);
    }
    EXPECT_EQ(*resets, 2);
  }
}

TEST(DataLoader, StreamDatasetWithStreamSampler) {
  // A StreamDataset is asked for a count: here it returns that many copies of the count.
  struct Stream : datasets::StreamDataset<Stream, std::vector<int64_t>> {
    std::vector<int64_t> get_batch(size_t n) override {
      return std::vector<int64_t>(n, static_cast<int64_t>(n));
    }
    std::optional<size_t> size() const override { return 10; }
  };
  auto loader = make_data_loader(Stream(), samplers::StreamSampler(10), DataLoaderOptions(4));
  std::vector<std::vector<int64_t>> batches;
  for (auto& b : *loader) batches.push_back(b);
  EXPECT_EQ(batches, (std::vector<std::vector<int64_t>>{{4, 4, 4, 4}, {4, 4, 4, 4}, {2, 2}}));
}

TEST(DataLoader, DistributedSamplerAndSharedDataset) {
  auto shared = datasets::make_shared_dataset<datasets::TensorDataset>(wick::arange(10));
  auto loader = make_data_loader(shared.map(transforms::Stack<TensorExample>()),
                                 samplers::DistributedSequentialSampler(10, 3, 2),
                                 DataLoaderOptions(3).workers(2));
  EXPECT_EQ(epoch(*loader), dv::dseq_3_2_dup);
  EXPECT_EQ(shared->tensor.numel(), 10);
}

TEST(DataLoader, OptionChecks) {
  DataLoaderOptions defaults;
  EXPECT_EQ(defaults.batch_size(), 1u);
  EXPECT_EQ(defaults.workers(), 0u);
  EXPECT_FALSE(defaults.max_jobs().has_value());
  EXPECT_FALSE(defaults.timeout().has_value());
  EXPECT_TRUE(defaults.enforce_ordering());
  EXPECT_FALSE(defaults.drop_last());
  FullDataLoaderOptions full(DataLoaderOptions(5).workers(3));
  EXPECT_EQ(full.max_jobs, 6u);
  EXPECT_EQ(full.batch_size, 5u);

  WICK_EXPECT_THROW_MSG(make_data_loader(range_dataset(4), DataLoaderOptions(0)), ValueError,
                   "batch_size should be a positive integer value, but got batch_size=0");
  WICK_EXPECT_THROW_MSG(make_data_loader(range_dataset(4), DataLoaderOptions(2).workers(2).max_jobs(0)),
                   ValueError, "max_jobs should be a positive integer value");
  WICK_EXPECT_THROW_MSG(make_data_loader(range_dataset(4), DataLoaderOptions(2).timeout(-5ms)),
                   ValueError, "timeout option should be non-negative");

  struct Unsized : datasets::Dataset<Unsized, TensorExample> {
    TensorExample get(size_t) override { return wick::tensor({1}); }
    std::optional<size_t> size() const override { return std::nullopt; }
  };
  WICK_EXPECT_THROW_MSG(make_data_loader(Unsized()), Error,
                   "Expected the dataset to be sized in order to construct the Sampler");
}

}  // namespace
}  // namespace wick
