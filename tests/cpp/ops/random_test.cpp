// Shapes, dtypes, edge cases, error messages and distribution sanity of the
// random ops. Exact streams against PyTorch live in random_stream_test.cpp.
#include <algorithm>
#include <cmath>
#include <numeric>
#include <set>

#include "test_utils.h"
#include "wick/ops/random.h"

using namespace wick;

namespace {
struct Moments {
  double mean, std, min, max;
};
Moments moments(const Tensor& t) {
  auto v = test::values(t);
  double sum = std::accumulate(v.begin(), v.end(), 0.0);
  double mean = sum / v.size();
  double sq = 0;
  for (double x : v) sq += (x - mean) * (x - mean);
  return {mean, std::sqrt(sq / (v.size() - 1)), *std::min_element(v.begin(), v.end()),
          *std::max_element(v.begin(), v.end())};
}
#define EXPECT_THROW_MSG(stmt, msg)                                            \
  do {                                                                         \
    try {                                                                      \
      stmt;                                                                    \
      ADD_FAILURE() << "no exception from " #stmt;                             \
    } catch (const Error& e) {                                                 \
      EXPECT_NE(std::string(e.what()).find(msg), std::string::npos) << e.what(); \
    }                                                                          \
  } while (0)
}  // namespace

TEST(Random, ShapesAndDefaultDtypes) {
  EXPECT_EQ(rand({2, 3}).sizes().vec(), (std::vector<int64_t>{2, 3}));
  EXPECT_EQ(rand({2, 3}).dtype(), kFloat);
  EXPECT_EQ(randn({4}, kDouble).dtype(), kDouble);
  EXPECT_EQ(randint(5, {3}).dtype(), kLong);
  EXPECT_EQ(randint(0, 5, {3}, kInt).dtype(), kInt);
  EXPECT_EQ(randperm(4).dtype(), kLong);
  EXPECT_EQ(normal(0., 1., {2, 2}).dtype(), kFloat);
  EXPECT_EQ(rand({}).dim(), 0);
  EXPECT_EQ(randn({}).numel(), 1);
  EXPECT_EQ(rand({0, 3}).numel(), 0);
  EXPECT_EQ(randn({0}).numel(), 0);
  EXPECT_EQ(randperm(0).numel(), 0);
  EXPECT_EQ(rand_like(zeros({2}, kDouble)).dtype(), kDouble);
  EXPECT_EQ(randn_like(zeros({2}), kHalf).dtype(), kHalf);
  EXPECT_EQ(randint_like(zeros({2, 2}, kInt), 7).dtype(), kInt);
  EXPECT_EQ(multinomial(ones({3}), 2).sizes().vec(), (std::vector<int64_t>{2}));
  EXPECT_EQ(multinomial(ones({4, 3}), 5, true).sizes().vec(), (std::vector<int64_t>{4, 5}));
  EXPECT_EQ(multinomial(ones({4, 3}), 5, true).dtype(), kLong);
}

TEST(Random, InPlaceOpsReturnSelfAndBumpVersion) {
  Tensor t = zeros({32});
  auto v0 = t._version();
  Tensor& r = t.normal_();
  EXPECT_TRUE(r.is_same(t));
  EXPECT_GT(t._version(), v0);
  v0 = t._version();
  t.uniform_();
  EXPECT_GT(t._version(), v0);
  v0 = t._version();
  t.exponential_();
  EXPECT_GT(t._version(), v0);
}

TEST(Random, UniformStatistics) {
  for (ScalarType dt : {kFloat, kDouble, kHalf, kBFloat16}) {
    manual_seed(123);
    auto m = moments(empty({100000}, dt).uniform_(-1, 3));
    EXPECT_NEAR(m.mean, 1.0, 0.02) << to_string(dt);
    EXPECT_NEAR(m.std, 4 / std::sqrt(12.0), 0.02) << to_string(dt);
    EXPECT_GE(m.min, -1.0);
    EXPECT_LT(m.max, 3.0);
  }
}

TEST(Random, NormalStatistics) {
  for (ScalarType dt : {kFloat, kDouble, kHalf, kBFloat16}) {
    manual_seed(321);
    auto m = moments(empty({100000}, dt).normal_(2, 3));
    EXPECT_NEAR(m.mean, 2.0, 0.05) << to_string(dt);
    EXPECT_NEAR(m.std, 3.0, 0.05) << to_string(dt);
  }
  // The per-element path (non-contiguous) has the same distribution.
  Tensor strided = empty_strided({50000}, {2}, kDouble);
  auto m = moments(strided.normal_(-1, 0.5));
  EXPECT_NEAR(m.mean, -1.0, 0.02);
  EXPECT_NEAR(m.std, 0.5, 0.02);
}

TEST(Random, NormalTensorArgumentsBroadcast) {
  manual_seed(1);
  Tensor mean = tensor({0.f, 100.f, -100.f});
  Tensor out = normal(mean, ones({4, 1}));
  EXPECT_EQ(out.sizes().vec(), (std::vector<int64_t>{4, 3}));
  auto v = test::values(out);
  for (int r = 0; r < 4; ++r) {
    EXPECT_NEAR(v[r * 3 + 0], 0, 6);
    EXPECT_NEAR(v[r * 3 + 1], 100, 6);
    EXPECT_NEAR(v[r * 3 + 2], -100, 6);
  }
  // std = 0 gives the mean exactly.
  EXPECT_TENSOR_EQ(normal(mean, 0.0), mean);
  EXPECT_TENSOR_EQ(normal(5.0, zeros({3})), full({3}, 5.f));
}

TEST(Random, ExponentialStatistics) {
  manual_seed(5);
  auto m = moments(empty({100000}, kDouble).exponential_(4));
  EXPECT_NEAR(m.mean, 0.25, 0.005);
  EXPECT_NEAR(m.std, 0.25, 0.005);
  EXPECT_GE(m.min, 0.0);
}

TEST(Random, BernoulliStatistics) {
  manual_seed(6);
  EXPECT_NEAR(moments(empty({100000}).bernoulli_(0.3)).mean, 0.3, 0.01);
  EXPECT_NEAR(moments(bernoulli(full({100000}, 0.8, kDouble))).mean, 0.8, 0.01);
  // Every dtype takes 0/1 values.
  for (ScalarType dt : {kBool, kByte, kInt, kLong, kHalf, kDouble}) {
    auto v = test::values(empty({200}, dt).bernoulli_(0.5));
    for (double x : v) EXPECT_TRUE(x == 0 || x == 1) << to_string(dt);
  }
  // p = 0 and p = 1 are certain.
  EXPECT_TENSOR_EQ(empty({10}).bernoulli_(0.0), zeros({10}));
  EXPECT_TENSOR_EQ(empty({10}).bernoulli_(1.0), ones({10}));
  EXPECT_TENSOR_EQ(bernoulli(tensor({0.f, 1.f, 0.f, 1.f})), tensor({0.f, 1.f, 0.f, 1.f}));
}

TEST(Random, IntegerRanges) {
  manual_seed(7);
  for (ScalarType dt : {kByte, kChar, kShort, kInt, kLong, kFloat, kDouble, kHalf, kBFloat16}) {
    const int64_t lo = dt == kByte ? 3 : -4;
    auto v = test::values(randint(lo, 9, {2000}, dt));
    std::set<double> seen(v.begin(), v.end());
    EXPECT_EQ(static_cast<int64_t>(seen.size()), 9 - lo) << to_string(dt);
    EXPECT_EQ(*seen.begin(), lo);
    EXPECT_EQ(*seen.rbegin(), 8);
  }
  // random_() stays within [0, max] of the dtype.
  auto v = test::values(empty({1000}, kChar).random_());
  for (double x : v) EXPECT_TRUE(x >= 0 && x <= 127);
  auto h = test::values(empty({1000}, kHalf).random_());
  for (double x : h) EXPECT_TRUE(x >= 0 && x <= 2048);
  auto b = test::values(empty({1000}, kBool).random_());
  EXPECT_EQ(std::set<double>(b.begin(), b.end()).size(), 2u);
  auto t = test::values(empty({1000}, kInt).random_(5));
  for (double x : t) EXPECT_TRUE(x >= 0 && x < 5);
  // Ranges of 2^32 or more use 64-bit draws and reach past 2^32.
  auto w = test::values(randint(0, int64_t{1} << 40, {1000}));
  EXPECT_GT(*std::max_element(w.begin(), w.end()), 4294967296.0);
}

TEST(Random, RandpermIsAPermutation) {
  manual_seed(8);
  for (int64_t n : {1, 2, 17, 10000}) {
    auto v = test::values(randperm(n));
    std::sort(v.begin(), v.end());
    for (int64_t i = 0; i < n; ++i) ASSERT_EQ(v[i], i);
  }
  auto f = test::values(randperm(100, kDouble));
  std::sort(f.begin(), f.end());
  EXPECT_EQ(f.back(), 99);
}

TEST(Random, MultinomialFrequencies) {
  manual_seed(9);
  Tensor p = tensor({1.f, 2.f, 3.f, 4.f});
  auto v = test::values(multinomial(p, 100000, true));
  double counts[4] = {0, 0, 0, 0};
  for (double x : v) counts[static_cast<int>(x)] += 1;
  for (int i = 0; i < 4; ++i) EXPECT_NEAR(counts[i] / 100000, (i + 1) / 10.0, 0.01);
  // Without replacement every index appears at most once, zero weights never
  // before all positive ones.
  for (int trial = 0; trial < 50; ++trial) {
    auto s = test::values(multinomial(tensor({0.f, 1.f, 5.f, 0.f, 2.f}), 3));
    std::set<double> uniq(s.begin(), s.end());
    EXPECT_EQ(uniq, (std::set<double>{1, 2, 4}));
  }
  // Zero-probability categories are never drawn with replacement.
  auto z = test::values(multinomial(tensor({0.f, 1.f, 0.f}), 100, true));
  for (double x : z) EXPECT_EQ(x, 1);
}

TEST(Random, Errors) {
  EXPECT_THROW_MSG(empty({3}).uniform_(2, 1),
                   "uniform_ expects to return a [from, to) range, but found from=2 > to=1");
  EXPECT_THROW_MSG(empty({3}).normal_(0, -1), "normal expects std >= 0.0, but found std -1");
  EXPECT_THROW_MSG(normal(zeros({3}), full({3}, -1.f)),
                   "normal expects all elements of std >= 0.0");
  EXPECT_THROW_MSG(normal(zeros({3}), -1.0), "normal expects std >= 0.0, but found std -1");
  EXPECT_THROW_MSG(empty({3}).exponential_(-1),
                   "exponential_ expects lambda >= 0.0, but found lambda=-1");
  EXPECT_THROW_MSG(empty({3}).bernoulli_(1.5), "bernoulli_ expects p to be in [0, 1], but got p=1.5");
  EXPECT_THROW_MSG(bernoulli(tensor({0.5f, 1.5f})),
                   "Expected p_in >= 0 && p_in <= 1 to be true, but got false.");
  EXPECT_THROW_MSG(empty({3}).random_(5, 3),
                   "random_ expects 'from' to be less than 'to', but got from=5 >= to=3");
  EXPECT_THROW_MSG(randint(5, 3, {2}),
                   "random_ expects 'from' to be less than 'to', but got from=5 >= to=3");
  EXPECT_THROW_MSG(randint(0, 0, {2}),
                   "random_ expects 'from' to be less than 'to', but got from=0 >= to=0");
  EXPECT_THROW_MSG(empty({3}, kChar).random_(0, 300), "to - 1 is out of bounds for signed char");
  EXPECT_THROW_MSG(empty({3}, kChar).random_(-200, 5), "from is out of bounds for signed char");
  EXPECT_THROW_MSG(empty({3}, kByte).random_(-1, 5), "from is out of bounds for unsigned char");
  EXPECT_THROW_MSG(empty({3}, kChar).random_(200, std::optional<int64_t>()),
                   "from is out of bounds for signed char");
  // Floating dtypes accept bounds past 2^digits (PyTorch only warns).
  EXPECT_NO_THROW(randint(0, int64_t{1} << 25, {3}, kFloat));
  EXPECT_NO_THROW(empty({3}, kHalf).random_(0, 5000));
  EXPECT_NO_THROW(randint(0, 2, {2}, kBool));  // bool holds [0, 1]: to=2 is fine
  EXPECT_THROW_MSG(randint(0, 5, {2}, kBool), "to - 1 is out of bounds for bool");
  EXPECT_THROW_MSG(rand({3}, kLong), "\"check_uniform_bounds\" not implemented for 'Long'");
  EXPECT_THROW_MSG(randn({3}, kInt), "\"normal_kernel_cpu\" not implemented for 'Int'");
  EXPECT_THROW_MSG(empty({3}, kBool).uniform_(), "\"check_uniform_bounds\" not implemented for 'Bool'");
  EXPECT_THROW_MSG(randperm(-1), "n must be non-negative, got-1");
  EXPECT_THROW_MSG(randperm(300, kChar), "value cannot be converted to type int8_t without overflow");
  EXPECT_THROW_MSG(multinomial(tensor({0.1f, -0.2f}), 1),
                   "probability tensor contains either `inf`, `nan` or element < 0");
  EXPECT_THROW_MSG(multinomial(tensor({0.1f, INFINITY}), 1),
                   "probability tensor contains either `inf`, `nan` or element < 0");
  EXPECT_THROW_MSG(multinomial(tensor({0.f, 0.f}), 1),
                   "invalid multinomial distribution (sum of probabilities <= 0)");
  EXPECT_THROW_MSG(multinomial(tensor({0.1f, -0.2f}), 1, true),
                   "invalid multinomial distribution (encountering probability entry < 0)");
  EXPECT_THROW_MSG(multinomial(tensor({0.1f, NAN}), 2, true),
                   "invalid multinomial distribution (encountering probability entry < 0)");
  EXPECT_THROW_MSG(multinomial(tensor({0.1f, INFINITY}), 2, true),
                   "invalid multinomial distribution (encountering probability entry = infinity or NaN)");
  EXPECT_THROW_MSG(multinomial(tensor({0.f, 0.f}), 2, true),
                   "invalid multinomial distribution (sum of probabilities <= 0)");
  EXPECT_THROW_MSG(multinomial(tensor({0.3f, 0.2f}), 3),
                   "cannot sample n_sample > prob_dist.size(-1) samples without replacement");
  EXPECT_THROW_MSG(multinomial(tensor({0.3f, 0.2f}), 0), "cannot sample n_sample <= 0 samples");
  EXPECT_THROW_MSG(multinomial(zeros({2, 2, 2}), 1), "prob_dist must be 1 or 2 dim");
  EXPECT_THROW_MSG(multinomial(scalar_tensor(0.5), 1), "prob_dist must be 1 or 2 dim");
  EXPECT_THROW_MSG(multinomial(tensor({1, 2}), 1),
                   "multinomial only supports floating-point dtypes for input, got: Int");
}

TEST(Random, FailedOpLeavesStreamUntouched) {
  manual_seed(10);
  Tensor expected = rand({3});
  manual_seed(10);
  EXPECT_THROW(multinomial(tensor({0.f, -1.f}), 2, true), Error);
  EXPECT_THROW(empty({3}).uniform_(1, 0), Error);
  EXPECT_TENSOR_EQ(rand({3}), expected);
}

TEST(Random, OutFormsMatchFunctionalForms) {
  auto same_stream = [](auto functional, auto out_form) {
    manual_seed(21);
    Tensor expected = functional();
    manual_seed(21);
    Tensor got = out_form();
    EXPECT_TENSOR_EQ(got, expected);
  };
  same_stream([] { return rand({2, 3}); }, [] { Tensor o = empty({0}); return rand_out(o, {2, 3}); });
  same_stream([] { return randn({40}, kDouble); },
              [] { Tensor o = empty({5}, kDouble); return randn_out(o, {40}); });
  same_stream([] { return randint(-3, 9, {7}); },
              [] { Tensor o = empty({1}, kLong); return randint_out(o, -3, 9, {7}); });
  same_stream([] { return randperm(12, kInt); },
              [] { Tensor o = empty({0}, kInt); return randperm_out(o, 12); });
  same_stream([] { return normal(zeros({20}), ones({20})); },
              [] { Tensor o = empty({0}); return normal_out(o, zeros({20}), ones({20})); });
  same_stream([] { return bernoulli(full({9}, 0.5)); },
              [] { Tensor o = empty({0}); return bernoulli_out(o, full({9}, 0.5)); });
  same_stream([] { return multinomial(ones({2, 5}), 3); },
              [] { Tensor o = empty({0}, kLong); return multinomial_out(o, ones({2, 5}), 3); });
}
