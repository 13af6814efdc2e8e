// wick::data datasets, transforms and samplers. Sampler orders are PyTorch's and
// LibTorch's (data_test_data.h, from gen_data_test_data.py).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "data/data_test_data.h"
#include "test_utils.h"
#include "wick/data/data.h"

namespace wick {
namespace {

using namespace wick::data;
namespace dv = wick::test::data_values;

template <typename S>
std::vector<size_t> drain(S& sampler, size_t batch_size, std::vector<size_t>* sizes = nullptr) {
  std::vector<size_t> all;
  while (auto batch = sampler.next(batch_size)) {
    if (sizes) sizes->push_back(batch->size());
    all.insert(all.end(), batch->begin(), batch->end());
  }
  return all;
}

std::vector<int64_t> longs(const Tensor& t) {
  std::vector<int64_t> out;
  for (double v : test::values(t)) out.push_back(static_cast<int64_t>(v));
  return out;
}

// ---- Example and datasets ----

TEST(DataExample, DataAndTarget) {
  Example<> e(wick::tensor({1, 2}), wick::tensor({3}));
  EXPECT_EQ(longs(e.data), (std::vector<int64_t>{1, 2}));
  EXPECT_EQ(longs(e.target), (std::vector<int64_t>{3}));
  TensorExample t = wick::tensor({5, 6});  // implicit, as LibTorch's
  Tensor& back = t;
  EXPECT_EQ(longs(back), (std::vector<int64_t>{5, 6}));
  static_assert(std::is_same_v<TensorExample::TargetType, example::NoTarget>);
  Example<int, std::string> custom(1, "one");
  EXPECT_EQ(custom.target, "one");
}

TEST(DataTensorDataset, RowsAreExamples) {
  datasets::TensorDataset ds(wick::arange(6).reshape({3, 2}));
  EXPECT_EQ(ds.size(), std::optional<size_t>(3));
  EXPECT_EQ(longs(ds.get(1).data), (std::vector<int64_t>{2, 3}));
  auto batch = ds.get_batch(std::vector<size_t>{2, 0});
  ASSERT_EQ(batch.size(), 2u);
  EXPECT_EQ(longs(batch[0].data), (std::vector<int64_t>{4, 5}));
  EXPECT_EQ(longs(batch[1].data), (std::vector<int64_t>{0, 1}));
  WICK_EXPECT_THROW_MSG(ds.get(3), Error, "index 3 is out of bounds for dimension 0 with size 3");
  // From a list of tensors: stacked.
  datasets::TensorDataset stacked(std::vector<Tensor>{wick::tensor({1, 2}), wick::tensor({3, 4})});
  EXPECT_EQ(stacked.tensor.sizes().vec(), (std::vector<int64_t>{2, 2}));
  WICK_EXPECT_THROW_MSG(datasets::TensorDataset(wick::tensor(1)), Error, "0-dim");
}

TEST(DataTensorDataset, PairForm) {
  datasets::TensorPairDataset ds(wick::arange(8.).reshape({4, 2}), wick::arange(4) * 10);
  EXPECT_EQ(*ds.size(), 4u);
  Example<> e = ds.get(2);
  EXPECT_EQ(longs(e.data), (std::vector<int64_t>{4, 5}));
  EXPECT_EQ(longs(e.target), (std::vector<int64_t>{20}));
  EXPECT_EQ(e.target.dim(), 0);
  WICK_EXPECT_THROW_MSG(datasets::TensorPairDataset(wick::zeros({3, 2}), wick::zeros({4})), Error,
                   "Size mismatch between tensors");
}

TEST(DataMapDataset, StackedTensorRowsFastPath) {
  // Note [stacked tensor rows]: the same batch as a row view per example + stack,
  // also from a non-contiguous tensor.
  Tensor base = wick::arange(24.).reshape({4, 6}).t();  // 6 x 4, non-contiguous
  auto identity = transforms::Lambda<TensorExample>([](TensorExample e) { return e; });
  auto fast = datasets::TensorDataset(base).map(transforms::Stack<TensorExample>());
  auto slow = datasets::TensorDataset(base).map(identity).map(transforms::Stack<TensorExample>());
  const std::vector<size_t> idx = {5, 0, 3, 3};
  Tensor f = fast.get_batch(idx).data, s = slow.get_batch(idx).data;
  EXPECT_TRUE(test::tensors_close(f, s, 0, 0));
  EXPECT_TRUE(f.is_contiguous());
  EXPECT_EQ(f.sizes().vec(), (std::vector<int64_t>{4, 4}));
  WICK_EXPECT_THROW_MSG(fast.get_batch(std::vector<size_t>{1, 6}), IndexError,
                   "index 6 is out of bounds for dimension 0 with size 6");
  WICK_EXPECT_THROW_MSG(slow.get_batch(std::vector<size_t>{1, 6}), IndexError,
                   "index 6 is out of bounds for dimension 0 with size 6");

  datasets::TensorPairDataset pairs(base, wick::arange(6) * 2);
  auto pair_fast = pairs.map(transforms::Stack<>());
  auto pair_slow = pairs.map(transforms::Lambda<Example<>>([](Example<> e) { return e; }))
                       .map(transforms::Stack<>());
  Example<> a = pair_fast.get_batch(idx), b = pair_slow.get_batch(idx);
  EXPECT_TRUE(test::tensors_close(a.data, b.data, 0, 0));
  EXPECT_TRUE(test::tensors_close(a.target, b.target, 0, 0));
  EXPECT_EQ(longs(a.target), (std::vector<int64_t>{10, 0, 6, 6}));
}

// A dataset of i -> {[i, i], i * 10}.
struct PairDataset : datasets::Dataset<PairDataset> {
  explicit PairDataset(size_t n) : n(n) {}
  Example<> get(size_t i) override {
    auto v = static_cast<int64_t>(i);
    return {wick::full({2}, v), wick::scalar_tensor(v * 10)};
  }
  std::optional<size_t> size() const override { return n; }
  size_t n;
};

TEST(DataMapDataset, ChainsTransforms) {
  PairDataset base(5);
  auto mapped = base.map(transforms::Lambda<Example<>>([](Example<> e) {
                      e.data = e.data + 1;
                      return e;
                    }))
                    .map(transforms::Stack<>());
  EXPECT_EQ(mapped.size(), std::optional<size_t>(5));
  Example<> batch = mapped.get_batch(std::vector<size_t>{1, 3});
  EXPECT_EQ(batch.data.sizes().vec(), (std::vector<int64_t>{2, 2}));
  EXPECT_EQ(longs(batch.data), (std::vector<int64_t>{2, 2, 4, 4}));
  EXPECT_EQ(longs(batch.target), (std::vector<int64_t>{10, 30}));
  auto inner = mapped.dataset().transform();  // a copy of the first transform
  EXPECT_EQ(inner.apply(Example<>(wick::tensor({1}), wick::tensor({0}))).data.item<int64_t>(), 2);
  // rvalue map moves the dataset in.
  auto moved = PairDataset(2).map(transforms::Stack<>());
  EXPECT_EQ(*moved.size(), 2u);
  EXPECT_EQ(*moved.dataset().size(), 2u);
}

// Counts up to `limit` in batches; reset() starts over.
struct CountingStateful : datasets::StatefulDataset<CountingStateful, std::vector<int64_t>> {
  explicit CountingStateful(int64_t limit) : limit(limit) {}
  std::optional<std::vector<int64_t>> get_batch(size_t n) override {
    std::lock_guard<std::mutex> lock(*mutex);
    if (next >= limit) return std::nullopt;
    std::vector<int64_t> out;
    for (size_t i = 0; i < n && next < limit; ++i) out.push_back(next++);
    return out;
  }
  std::optional<size_t> size() const override { return std::nullopt; }
  void reset() override {
    next = 0;
    ++resets;
  }
  int64_t limit, next = 0;
  int resets = 0;
  std::shared_ptr<std::mutex> mutex = std::make_shared<std::mutex>();
};

TEST(DataStatefulDataset, MapKeepsOptionalAndReset) {
  static_assert(CountingStateful::is_stateful);
  static_assert(!PairDataset::is_stateful);
  auto mapped = CountingStateful(5).map(
      transforms::BatchLambda<std::vector<int64_t>, int64_t>([](std::vector<int64_t> b) {
        int64_t s = 0;
        for (auto v : b) s += v;
        return s;
      }));
  static_assert(decltype(mapped)::is_stateful);
  EXPECT_EQ(mapped.get_batch(2), std::optional<int64_t>(1));  // 0 + 1
  EXPECT_EQ(mapped.get_batch(2), std::optional<int64_t>(5));  // 2 + 3
  EXPECT_EQ(mapped.get_batch(2), std::optional<int64_t>(4));  // 4
  EXPECT_EQ(mapped.get_batch(2), std::nullopt);
  mapped.reset();
  EXPECT_EQ(mapped.dataset().resets, 1);
  EXPECT_EQ(mapped.get_batch(5), std::optional<int64_t>(10));
}

TEST(DataSharedDataset, CopiesShareOneDataset) {
  auto shared = datasets::make_shared_dataset<CountingStateful>(4);
  auto copy = shared;
  EXPECT_EQ(shared.get_batch(3)->size(), 3u);
  EXPECT_EQ(copy.get_batch(3)->size(), 1u);  // the same counter
  EXPECT_EQ(copy->next, 4);
  EXPECT_EQ((*shared).limit, 4);
  copy.reset();
  EXPECT_EQ(shared->resets, 1);
  EXPECT_EQ(shared.size(), std::nullopt);
  WICK_EXPECT_THROW_MSG(datasets::SharedBatchDataset<CountingStateful>(nullptr), Error, "null");
}

// ---- transforms ----

TEST(DataTransforms, StackExamples) {
  std::vector<Example<>> batch = {{wick::tensor({1., 2.}), wick::tensor(0)},
                                  {wick::tensor({3., 4.}), wick::tensor(1)}};
  Example<> out = transforms::Stack<>().apply_batch(batch);
  EXPECT_EQ(out.data.sizes().vec(), (std::vector<int64_t>{2, 2}));
  EXPECT_EQ(out.target.sizes().vec(), (std::vector<int64_t>{2}));
  EXPECT_EQ(longs(out.data), (std::vector<int64_t>{1, 2, 3, 4}));
  EXPECT_EQ(out.target.dtype(), kInt);
  std::vector<TensorExample> tensors = {wick::tensor({1, 2}), wick::tensor({3, 4}),
                                        wick::tensor({5, 6})};
  TensorExample t = transforms::Stack<TensorExample>().apply_batch(tensors);
  EXPECT_EQ(t.data.sizes().vec(), (std::vector<int64_t>{3, 2}));
  // Shapes must agree (wick::stack's error).
  std::vector<TensorExample> ragged = {wick::tensor({1, 2}), wick::tensor({3})};
  EXPECT_THROW(transforms::Stack<TensorExample>().apply_batch(ragged), Error);
}

TEST(DataTransforms, Lambdas) {
  transforms::Lambda<int, std::string> to_string([](int i) { return std::to_string(i); });
  EXPECT_EQ(to_string.apply(7), "7");
  EXPECT_EQ(to_string.apply_batch({1, 2}), (std::vector<std::string>{"1", "2"}));
  transforms::BatchLambda<std::vector<int>, int> sum([](std::vector<int> v) {
    int s = 0;
    for (int x : v) s += x;
    return s;
  });
  EXPECT_EQ(sum.apply_batch({1, 2, 3}), 6);
  transforms::Collate<int> collate([](std::vector<int> v) { return static_cast<int>(v.size()); });
  EXPECT_EQ(collate.apply_batch({4, 5}), 2);
  transforms::TensorLambda<> twice([](Tensor t) { return t * 2; });
  Example<> e = twice.apply(Example<>(wick::tensor({1, 2}), wick::tensor(9)));
  EXPECT_EQ(longs(e.data), (std::vector<int64_t>{2, 4}));
  EXPECT_EQ(e.target.item<int64_t>(), 9);  // targets untouched
  transforms::TensorLambda<example::NoTarget> neg([](Tensor t) { return -t; });
  TensorExample n = neg.apply(TensorExample(wick::tensor({3})));
  EXPECT_EQ(n.data.item<int64_t>(), -3);
}

TEST(DataTransforms, NormalizePerChannel) {
  // Hand values: channel 0 (x - 0.5) / 2, channel 1 (x - 1) / 4 (LibTorch 1.13 prints the same).
  transforms::Normalize<> norm({0.5, 1.0}, {2.0, 4.0});
  EXPECT_EQ(norm.mean.sizes().vec(), (std::vector<int64_t>{2, 1, 1}));
  EXPECT_EQ(norm.mean.dtype(), kFloat);
  Tensor out = norm(wick::arange(8.).reshape({2, 2, 2}));
  EXPECT_EQ(out.dtype(), kFloat);
  EXPECT_EQ(test::values(out),
            (std::vector<double>{-0.25, 0.25, 0.75, 1.25, 0.75, 1.0, 1.25, 1.5}));
  // A single value applies to every channel; integer input promotes to float.
  transforms::Normalize<> one(0.5, 0.25);
  Tensor o = one(wick::tensor({{{1, 2}}, {{3, 4}}}));
  EXPECT_EQ(o.dtype(), kFloat);
  EXPECT_EQ(test::values(o), (std::vector<double>{2, 6, 10, 14}));
  // Through apply: the target stays.
  Example<> e = norm.apply(Example<>(wick::ones({2, 1, 1}), wick::tensor(3)));
  EXPECT_EQ(test::values(e.data), (std::vector<double>{0.25, 0.0}));
  EXPECT_EQ(e.target.item<int64_t>(), 3);
  // Per-channel values that do not broadcast against the input.
  EXPECT_THROW(norm(wick::ones({3, 2, 2})), Error);
  WICK_EXPECT_THROW_MSG(transforms::Normalize<>({0.5}, {0.0}), ValueError,
                   "std evaluated to zero after conversion to float32, leading to division by zero.");
  WICK_EXPECT_THROW_MSG(transforms::Normalize<>(std::vector<double>{}, {1.0}), Error,
                   "mean must hold at least one value");
}

// ---- samplers ----

TEST(DataSamplers, Sequential) {
  samplers::SequentialSampler s(10);
  std::vector<size_t> sizes;
  EXPECT_EQ(drain(s, 4, &sizes), (std::vector<size_t>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}));
  EXPECT_EQ(sizes, (std::vector<size_t>{4, 4, 2}));
  EXPECT_EQ(s.index(), 10u);
  EXPECT_EQ(s.next(4), std::nullopt);
  s.reset();
  EXPECT_EQ(s.index(), 0u);
  EXPECT_EQ(drain(s, 100), (std::vector<size_t>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}));
  s.reset(3);
  EXPECT_EQ(drain(s, 2), (std::vector<size_t>{0, 1, 2}));
  samplers::SequentialSampler empty(0);
  EXPECT_EQ(empty.next(1), std::nullopt);
}

TEST(DataSamplers, RandomMatchesTorchRandperm) {
  // LibTorch draws one randperm at construction and one per reset().
  wick::manual_seed(0);
  samplers::RandomSampler s(10);
  std::vector<size_t> sizes;
  EXPECT_EQ(drain(s, 4, &sizes), dv::randperm_seed0_a);
  EXPECT_EQ(sizes, (std::vector<size_t>{4, 4, 2}));
  EXPECT_EQ(s.index(), 10u);
  s.reset();
  EXPECT_EQ(drain(s, 3), dv::randperm_seed0_b);
  s.reset(7);
  EXPECT_EQ(drain(s, 3), dv::randperm_seed0_c);

  wick::manual_seed(42);
  samplers::RandomSampler narrow(12, kInt);
  EXPECT_EQ(drain(narrow, 5), dv::randperm_seed42_int32);
}

TEST(DataSamplers, DistributedMatchLibTorch) {
  struct Case {
    size_t replicas, rank;
    bool dup;
    const std::vector<size_t> *e0, *e1, *e1_7, *seq, *seq_4;
  };
  const Case cases[] = {
      {1, 0, true, &dv::drand_1_0_dup_e0, &dv::drand_1_0_dup_e1, &dv::drand_1_0_dup_e1_size7,
       &dv::dseq_1_0_dup, &dv::dseq_1_0_dup_size4},
      {1, 0, false, &dv::drand_1_0_nodup_e0, &dv::drand_1_0_nodup_e1,
       &dv::drand_1_0_nodup_e1_size7, &dv::dseq_1_0_nodup, &dv::dseq_1_0_nodup_size4},
      {3, 0, true, &dv::drand_3_0_dup_e0, &dv::drand_3_0_dup_e1, &dv::drand_3_0_dup_e1_size7,
       &dv::dseq_3_0_dup, &dv::dseq_3_0_dup_size4},
      {3, 0, false, &dv::drand_3_0_nodup_e0, &dv::drand_3_0_nodup_e1,
       &dv::drand_3_0_nodup_e1_size7, &dv::dseq_3_0_nodup, &dv::dseq_3_0_nodup_size4},
      {3, 1, true, &dv::drand_3_1_dup_e0, &dv::drand_3_1_dup_e1, &dv::drand_3_1_dup_e1_size7,
       &dv::dseq_3_1_dup, &dv::dseq_3_1_dup_size4},
      {3, 1, false, &dv::drand_3_1_nodup_e0, &dv::drand_3_1_nodup_e1,
       &dv::drand_3_1_nodup_e1_size7, &dv::dseq_3_1_nodup, &dv::dseq_3_1_nodup_size4},
      {3, 2, true, &dv::drand_3_2_dup_e0, &dv::drand_3_2_dup_e1, &dv::drand_3_2_dup_e1_size7,
       &dv::dseq_3_2_dup, &dv::dseq_3_2_dup_size4},
      {3, 2, false, &dv::drand_3_2_nodup_e0, &dv::drand_3_2_nodup_e1,
       &dv::drand_3_2_nodup_e1_size7, &dv::dseq_3_2_nodup, &dv::dseq_3_2_nodup_size4},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(testing::Message() << c.replicas << " replicas, rank " << c.rank << ", dup "
                                    << c.dup);
    samplers::DistributedRandomSampler r(10, c.replicas, c.rank, c.dup);
    EXPECT_EQ(drain(r, 3), *c.e0);
    r.set_epoch(1);
    EXPECT_EQ(r.epoch(), 1u);
    r.reset();
    EXPECT_EQ(drain(r, 3), *c.e1);
    r.reset(7);
    EXPECT_EQ(drain(r, 3), *c.e1_7);
    samplers::DistributedSequentialSampler q(10, c.replicas, c.rank, c.dup);
    EXPECT_EQ(drain(q, 3), *c.seq);
    q.reset();
    EXPECT_EQ(drain(q, 3), *c.seq);
    q.reset(4);
    EXPECT_EQ(drain(q, 3), *c.seq_4);
  }
  WICK_EXPECT_THROW_MSG(samplers::DistributedRandomSampler(10, 2, 2), Error,
                   "Invalid rank 2, rank should be in the interval [0, 1]");
  WICK_EXPECT_THROW_MSG(samplers::DistributedSequentialSampler(10, 0, 0), Error,
                   "num_replicas must be positive");
}

TEST(DataSamplers, Stream) {
  samplers::StreamSampler s(10);
  std::vector<size_t> sizes;
  while (auto b = s.next(4)) sizes.push_back(*b);
  EXPECT_EQ(sizes, (std::vector<size_t>{4, 4, 2}));
  s.reset(5);
  auto b = s.next(8);
  ASSERT_TRUE(b);
  EXPECT_EQ(b->size(), 5u);
  EXPECT_EQ(s.next(8), std::nullopt);
}

TEST(DataSamplers, SubsetRandomMatchesTorch) {
  wick::manual_seed(5);
  samplers::SubsetRandomSampler s({10, 20, 30, 40, 50, 60, 70, 80});
  EXPECT_EQ(drain(s, 3), dv::subset_seed5_e0);  // first next() draws
  s.reset();
  EXPECT_EQ(drain(s, 8), dv::subset_seed5_e1);
  EXPECT_EQ(s.indices().size(), 8u);
  Generator g;
  g.manual_seed(9);
  samplers::SubsetRandomSampler with_gen({0, 1, 2, 3, 4, 5}, g);
  EXPECT_EQ(drain(with_gen, 4), dv::subset_gen9);
  s.reset(8);  // the same size is fine
  WICK_EXPECT_THROW_MSG(s.reset(3), Error, "SubsetRandomSampler cannot be resized");
}

TEST(DataSamplers, WeightedRandomMatchesTorch) {
  const std::vector<double> w = {0.1, 0.9, 0.4, 0.7, 3.0, 0.6};
  wick::manual_seed(3);
  samplers::WeightedRandomSampler s(w, 10);
  EXPECT_EQ(drain(s, 4), dv::weighted_seed3_e0);
  s.reset();
  EXPECT_EQ(drain(s, 4), dv::weighted_seed3_e1);
  EXPECT_EQ(s.num_samples(), 10u);
  EXPECT_EQ(s.weights().dtype(), kDouble);

  wick::manual_seed(3);
  samplers::WeightedRandomSampler norepl(w, 5, /*replacement=*/false);
  EXPECT_EQ(drain(norepl, 2), dv::weighted_seed3_norepl);

  Generator g;
  g.manual_seed(11);
  samplers::WeightedRandomSampler gen(wick::tensor(w, kDouble), 8, true, g);
  EXPECT_EQ(drain(gen, 8), dv::weighted_gen11);
  gen.reset(3);
  EXPECT_EQ(drain(gen, 8).size(), 3u);

  WICK_EXPECT_THROW_MSG(samplers::WeightedRandomSampler(w, 0), ValueError,
                   "num_samples should be a positive integer value, but got num_samples=0");
  WICK_EXPECT_THROW_MSG(samplers::WeightedRandomSampler(wick::ones({2, 3}), 2), ValueError,
                   "weights should be a 1d sequence but given weights have shape (2, 3)");
  // Without replacement, more samples than weights is multinomial's error.
  samplers::WeightedRandomSampler too_many(w, 7, false);
  EXPECT_THROW(too_many.reset(), Error);
}

}  // namespace
}  // namespace wick
