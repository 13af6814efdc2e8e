// wick::data::datasets::ChunkDataset: preloaders, batching across chunks,
// samplers, cross-chunk shuffling, preprocessing, errors, epochs and teardown.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "test_utils.h"
#include "wick/data/data.h"

namespace wick {
namespace {

using namespace wick::data;
using namespace std::chrono_literals;

// Chunks of the given sizes holding consecutive integers; chunk `bad` throws.
struct Reader : datasets::ChunkDataReader<int> {
  explicit Reader(std::vector<size_t> sizes, std::optional<size_t> bad = std::nullopt)
      : sizes(std::move(sizes)), bad(bad) {}
  std::vector<int> read_chunk(size_t index) override {
    if (bad && index == *bad) throw std::runtime_error("cannot read chunk " + std::to_string(index));
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
    int start = 0;
    for (size_t i = 0; i < index; ++i) start += static_cast<int>(sizes[i]);
    std::vector<int> out(sizes[index]);
    for (size_t i = 0; i < out.size(); ++i) out[i] = start + static_cast<int>(i);
    return out;
  }
  size_t chunk_count() override { return sizes.size(); }
  void reset() override { ++*resets; }
  std::vector<size_t> sizes;
  std::optional<size_t> bad;
  int delay_ms = 0;
  std::shared_ptr<std::atomic<int>> resets = std::make_shared<std::atomic<int>>(0);
};

using SeqChunks = datasets::ChunkDataset<Reader, samplers::SequentialSampler,
                                         samplers::SequentialSampler>;

template <typename Loader>
std::vector<std::vector<int>> epoch(Loader& loader) {
  std::vector<std::vector<int>> out;
  for (auto& batch : loader) out.push_back(batch);
  return out;
}

std::vector<int> flat_sorted(const std::vector<std::vector<int>>& batches) {
  std::vector<int> all;
  for (auto& b : batches) all.insert(all.end(), b.begin(), b.end());
  std::sort(all.begin(), all.end());
  return all;
}

std::vector<int> iota(int n) {
  std::vector<int> v(n);
  for (int i = 0; i < n; ++i) v[i] = i;
  return v;
}

TEST(DataChunkDataset, SequentialBatchesSpanChunks) {
  // Chunks 3, 5, 0 (skipped), 4, 2 examples: batches of 4 top up across chunks.
  auto ds = datasets::make_shared_dataset<SeqChunks>(
      Reader({3, 5, 0, 4, 2}), samplers::SequentialSampler(0), samplers::SequentialSampler(0),
      datasets::ChunkDatasetOptions(1, 4));
  auto loader = make_data_loader(ds, DataLoaderOptions(4));
  const std::vector<std::vector<int>> expected = {
      {0, 1, 2, 3}, {4, 5, 6, 7}, {8, 9, 10, 11}, {12, 13}};
  EXPECT_EQ(epoch(*loader), expected);
  EXPECT_EQ(epoch(*loader), expected);  // a second epoch
  EXPECT_EQ(ds->chunk_sampler().index(), 5u);
}

TEST(DataChunkDataset, DirectUse) {
  SeqChunks ds(Reader({2, 2}), samplers::SequentialSampler(0), samplers::SequentialSampler(0),
               datasets::ChunkDatasetOptions(1, 3));
  WICK_EXPECT_THROW_MSG(ds.get_batch(3), Error,
                   "Dataset needs to call reset() before calling get_batch().");
  ds.reset();
  WICK_EXPECT_THROW_MSG(ds.get_batch(2), Error,
                   "The requested batch size does not match with the initialized batch size.\n"
                   " The requested batch size is 2, while the dataset is created with batch size "
                   "equal to 3");
  EXPECT_EQ(ds.get_batch(), (std::optional<std::vector<int>>(std::vector<int>{0, 1, 2})));
  EXPECT_EQ(ds.get_batch(), (std::optional<std::vector<int>>(std::vector<int>{3})));
  EXPECT_EQ(ds.get_batch(), std::nullopt);
  EXPECT_EQ(ds.size(), std::nullopt);
}

TEST(DataChunkDataset, RandomSamplersAndPreloaders) {
  for (size_t preloaders : {1, 3}) {
    SCOPED_TRACE(preloaders);
    wick::manual_seed(0);
    auto ds = datasets::make_shared_dataset<datasets::ChunkDataset<Reader>>(
        Reader({7, 5, 9, 3, 6, 10}), samplers::RandomSampler(0), samplers::RandomSampler(0),
        datasets::ChunkDatasetOptions(preloaders, 4, /*cache_size=*/8));
    for (size_t workers : {0, 2}) {
      auto loader = make_data_loader(ds, DataLoaderOptions(4).workers(workers));
      auto batches = epoch(*loader);
      EXPECT_EQ(flat_sorted(batches), iota(40));  // every example once
      size_t short_batches = 0;
      for (auto& b : batches) short_batches += b.size() < 4;
      EXPECT_EQ(short_batches, 0u);  // 40 = 10 full batches
      if (preloaders == 1) {
        EXPECT_NE(batches, epoch(*loader));  // reshuffled per epoch
      }
    }
  }
}

TEST(DataChunkDataset, CrossChunkShuffleAndPreprocessing) {
  // Two chunks at a time, merged, then sorted descending by the policy.
  auto ds = datasets::make_shared_dataset<SeqChunks>(
      Reader({2, 3, 4, 1}), samplers::SequentialSampler(0), samplers::SequentialSampler(0),
      datasets::ChunkDatasetOptions(1, 5, 2048, /*cross_chunk_shuffle_count=*/2),
      [](std::vector<int>& data) { std::sort(data.rbegin(), data.rend()); });
  auto loader = make_data_loader(ds, DataLoaderOptions(5));
  EXPECT_EQ(epoch(*loader), (std::vector<std::vector<int>>{{4, 3, 2, 1, 0}, {9, 8, 7, 6, 5}}));
}

TEST(DataChunkDataset, ReaderExceptionReachesTheLoop) {
  auto ds = datasets::make_shared_dataset<SeqChunks>(
      Reader({4, 4, 4}, /*bad=*/1), samplers::SequentialSampler(0), samplers::SequentialSampler(0),
      datasets::ChunkDatasetOptions(1, 4));
  auto loader = make_data_loader(ds, DataLoaderOptions(4));
  std::vector<std::vector<int>> seen;
  try {
    for (auto& b : *loader) seen.push_back(b);
    ADD_FAILURE() << "no exception";
  } catch (const WorkerException& e) {
    EXPECT_EQ(std::string(e.what()),
              "Caught exception in DataLoader worker thread. Original message: cannot read chunk 1");
  }
  EXPECT_EQ(seen, (std::vector<std::vector<int>>{{0, 1, 2, 3}}));
}

TEST(DataChunkDataset, StopMidEpochDoesNotHang) {
  // A small cache keeps the preloaders waiting; leaving the loop, a new epoch
  // and destruction must all stop them.
  Reader reader(std::vector<size_t>(50, 8));
  reader.delay_ms = 1;
  auto resets = reader.resets;
  {
    auto ds = datasets::make_shared_dataset<datasets::ChunkDataset<Reader>>(
        reader, samplers::RandomSampler(0), samplers::RandomSampler(0),
        datasets::ChunkDatasetOptions(2, 4, /*cache_size=*/8));
    auto loader = make_data_loader(ds, DataLoaderOptions(4).workers(2));
    for (int e = 0; e < 3; ++e) {
      int n = 0;
      for (auto& b : *loader) {
        EXPECT_EQ(b.size(), 4u);
        if (++n == 3) break;
      }
    }
  }
  EXPECT_EQ(resets->load(), 3);
}

TEST(DataChunkDataset, OptionChecks) {
  using O = datasets::ChunkDatasetOptions;
  WICK_EXPECT_THROW_MSG(O(0, 4), Error, "Preloader count is 0. At least one preloader needs to be specified.");
  WICK_EXPECT_THROW_MSG(O(1, 0), Error, "Batch size is 0. A positive batch size needs to be specified.");
  WICK_EXPECT_THROW_MSG(O(1, 4, 0), Error, "Cache size is 0. A positive cache size needs to be specified.");
  WICK_EXPECT_THROW_MSG(O(1, 4, 2), Error, "Cache size is less than batch size.");
  WICK_EXPECT_THROW_MSG(O(1, 4, 8, 0), Error, "cross_chunk_shuffle_count needs to be greater than 0.");
  O o(2, 4);
  EXPECT_EQ(o.cache_size(), 2048u);
  EXPECT_EQ(o.cross_chunk_shuffle_count(), 1u);
  EXPECT_EQ(o.preloader_count(5).preloader_count(), 5u);
}

}  // namespace
}  // namespace wick
