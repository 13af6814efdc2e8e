// TensorIndex indexing (t.index({...}) / t.index_put_({...}, v)) against
// PyTorch: values from gen_indexing_data.py, plus views, dtypes and errors.
#include <gtest/gtest.h>

#include <functional>
#include <string>

#include "tensor/index_put_random.h"
#include "tensor/indexing_random_data.h"
#include "tensor/indexing_test_data.h"
#include "test_utils.h"
#include "wick/wick.h"

using namespace wick;
using namespace wick::indexing;

namespace {

Tensor expect(const indexing_data::Case& c, ScalarType dt) {
  return tensor(c.values, TensorOptions(kDouble)).to(dt).reshape(c.shape);
}
Tensor L(std::vector<int64_t> v) { return tensor(v); }
Tensor x() { return arange(24, TensorOptions(kLong)).reshape({2, 3, 4}); }
Tensor y() { return zeros({2, 3, 4}, TensorOptions(kDouble)); }
Tensor m23() { return tensor({{true, false, true}, {false, true, true}}); }
Tensor m3() { return tensor({true, false, true}); }
Tensor ia() { return L({0, 1, 1}); }
Tensor ib() { return L({3, 2, 0}); }

using test::error_of;
using test::raises;

#define EXPECT_CASE(actual, name, dt) EXPECT_TENSOR_EQ(actual, expect(indexing_data::name, dt))

}  // namespace

TEST(Indexing, TensorIndexKinds) {
  EXPECT_TRUE(TensorIndex(None).is_none());
  EXPECT_TRUE(TensorIndex(Ellipsis).is_ellipsis());
  EXPECT_TRUE(TensorIndex("...").is_ellipsis());
  EXPECT_TRUE(TensorIndex(3).is_integer());
  EXPECT_EQ(TensorIndex(int64_t(-2)).integer(), -2);
  EXPECT_TRUE(TensorIndex(true).is_boolean());
  EXPECT_TRUE(TensorIndex(Slice(1, None)).is_slice());
  EXPECT_TRUE(TensorIndex(L({1})).is_tensor());
  Slice s;
  EXPECT_EQ(s.start(), 0);
  EXPECT_EQ(s.stop(), std::numeric_limits<int64_t>::max());
  EXPECT_EQ(s.step(), 1);
  Slice s2(None, 5, 2);
  EXPECT_EQ(s2.start(), 0);
  EXPECT_EQ(s2.stop(), 5);
  EXPECT_EQ(s2.step(), 2);
  EXPECT_EQ(error_of([] { Slice(0, 3, 0); }), "slice step cannot be zero");
  EXPECT_TRUE(raises<ValueError>([] { Slice(0, 3, 0); }));
  EXPECT_THROW(TensorIndex("..x"), Error);
}

TEST(Indexing, BasicGet) {
  EXPECT_CASE(x().index({1}), g_int, kLong);
  EXPECT_CASE(x()[1], g_int, kLong);
  EXPECT_CASE(x().index({-1, 2}), g_int2, kLong);
  EXPECT_CASE(x().index({Slice(), Slice(1, 3)}), g_slice, kLong);
  EXPECT_CASE(x().index({"...", Slice(None, None, 2)}), g_step, kLong);
  EXPECT_CASE(x().index({Slice(), Slice(-2, None), Slice(1, -1)}), g_slice_neg, kLong);
  EXPECT_CASE(x().index({None, 0, Ellipsis, None}), g_none, kLong);
  EXPECT_CASE(x().index({true}), g_true, kLong);
  EXPECT_CASE(x().index({false}), g_false, kLong);
  EXPECT_CASE(x().index({0, true}), g_int_true, kLong);
  EXPECT_CASE(x().index({L({1}).reshape({})}), g_t0, kLong);
  EXPECT_CASE(x().index({tensor(true)}), g_t0_bool, kLong);
  // Out-of-range slice bounds clamp.
  EXPECT_EQ(x().index({Slice(10, 20)}).sizes(), IntArrayRef({0, 3, 4}));
  EXPECT_EQ(x().index({Slice(-10, 2)}).sizes(), IntArrayRef({2, 3, 4}));
  EXPECT_EQ(x().index({Slice(1, 0)}).sizes(), IntArrayRef({0, 3, 4}));
  // 0-dim tensor
  Tensor s = tensor(3.0);
  EXPECT_EQ(s.index({None}).sizes(), IntArrayRef({1}));
  EXPECT_EQ(s.index({"..."}).sizes(), IntArrayRef({}));
  EXPECT_TENSOR_EQ(s.index({tensor(true)}), tensor({3.0}));
}

TEST(Indexing, BasicIndexingGivesViews) {
  Tensor t = x();
  Tensor v = t.index({1, Slice(1, None), None, Slice(None, None, 2)});
  EXPECT_EQ(v.sizes(), IntArrayRef({2, 1, 2}));
  EXPECT_EQ(v.storage().get(), t.storage().get());
  EXPECT_EQ(v.storage_offset(), 12 + 4);
  EXPECT_EQ(v.strides(), IntArrayRef({4, 4, 2}));
  Tensor e = t.index({"..."});
  EXPECT_FALSE(e.is_same(t));
  EXPECT_EQ(e.data_ptr(), t.data_ptr());
  // A 0-dim integer tensor selects, sharing memory.
  Tensor sel = t.index({L({1}).reshape({})});
  EXPECT_EQ(sel.data_ptr(), t[1].data_ptr());
  // Writing through the view reaches the base and bumps the shared version.
  auto before = t._version();
  t.index({0, 0}).fill_(100);
  EXPECT_EQ(t.index({0, 0, 3}).item<int64_t>(), 100);
  EXPECT_GT(t._version(), before);
  // Advanced indexing copies.
  Tensor adv = t.index({L({0, 1})});
  EXPECT_NE(adv.data_ptr(), t.data_ptr());
}

TEST(Indexing, AdvancedGet) {
  EXPECT_CASE(x().index({Slice(1, None), None, "...", L({3, 0, 1})}), g_mixed, kLong);
  EXPECT_CASE(x().index({ia(), Slice(), ib()}), g_sep, kLong);
  EXPECT_CASE(x().index({ia(), None, L({2, 1, 0})}), g_sep_none, kLong);
  EXPECT_CASE(x().index({Slice(), L({0, 2}).reshape({2, 1}), L({1, 3})}), g_adj_bcast, kLong);
  EXPECT_CASE(x().index({m23()}), g_mask, kLong);
  EXPECT_CASE(x()[m23()], g_mask, kLong);
  EXPECT_CASE(x().index({Slice(), m3()}), g_mask_dim1, kLong);
  EXPECT_CASE(x().index({x().remainder(5).eq(0)}), g_mask_full, kLong);
  EXPECT_CASE(x().index({L({-1, -2})}), g_neg_tensor, kLong);
  EXPECT_CASE(x()[L({-1, -2})], g_neg_tensor, kLong);
  EXPECT_CASE(x().index({L({0, 1, 1, 0}).reshape({2, 2})}), g_2d_index, kLong);
  EXPECT_CASE(x().index({ia(), 1, ib()}), g_int_between, kLong);
  EXPECT_CASE(x().index({ia(), Slice(), 1}), g_tensor_int, kLong);
  EXPECT_CASE(x().index({Slice(1, None), ia(), None, ib()}), g_tensor_slice_tensor, kLong);
  EXPECT_CASE(x().index({L({0, 1}), L({2, 0}), L({3, 1})}), g_three, kLong);
  EXPECT_CASE(x().index({"...", L({0, 3})}), g_ell_tensor, kLong);
  EXPECT_CASE(x().index({tensor({uint8_t(1), uint8_t(0)})}), g_uint8, kLong);
  // numpy / PyTorch 2.x: a 2-d mask covers two dims, the slice applies to the third.
  EXPECT_CASE(x().index({m23(), Slice(1, None)}), g_mask_then_slice, kLong);
  // int32 index tensors index like int64 ones (2.x).
  EXPECT_TENSOR_EQ(x().index({ia().to(kInt), Slice(), ib().to(kInt)}),
                   expect(indexing_data::g_sep, kLong));
  // Empty index tensors.
  EXPECT_EQ(x().index({empty({0}, TensorOptions(kLong))}).sizes(), IntArrayRef({0, 3, 4}));
  EXPECT_EQ(x().index({Slice(), empty({0, 2}, TensorOptions(kLong))}).sizes(),
            IntArrayRef({2, 0, 2, 4}));
}

TEST(Indexing, EveryDtypeAndNonContiguous) {
  for (ScalarType dt : {kBool, kByte, kChar, kShort, kInt, kLong, kHalf, kBFloat16, kFloat, kDouble}) {
    SCOPED_TRACE(to_string(dt));
    Tensor t = x().to(dt);
    EXPECT_TENSOR_EQ(t.index({ia(), Slice(), ib()}), expect(indexing_data::g_sep, kLong).to(dt));
    EXPECT_TENSOR_EQ(t.index({m23()}), expect(indexing_data::g_mask, kLong).to(dt));
    EXPECT_TENSOR_EQ(t.index({Slice(), m3()}), expect(indexing_data::g_mask_dim1, kLong).to(dt));
    Tensor z = zeros({2, 3, 4}, TensorOptions(dt));
    z.index_put_({m23()}, 1);
    EXPECT_TENSOR_EQ(z, expect(indexing_data::s_mask_scalar, kDouble).ne(0).to(dt));
  }
  // Transposed (non-contiguous) source gives the same as its contiguous copy.
  Tensor t = x().transpose(0, 2);  // [4, 3, 2]
  Tensor c = t.contiguous();
  Tensor i = L({3, 0, 2});
  EXPECT_TENSOR_EQ(t.index({i, Slice(), L({1, 0, 1})}), c.index({i, Slice(), L({1, 0, 1})}));
  EXPECT_TENSOR_EQ(t.index({Slice(), L({2, 0})}), c.index({Slice(), L({2, 0})}));
  EXPECT_TENSOR_EQ(t.index({L({1, 1, 0}).reshape({3, 1}), L({0, 2}), Slice()}),
                   c.index({L({1, 1, 0}).reshape({3, 1}), L({0, 2}), Slice()}));
  // Non-contiguous index tensor.
  Tensor it = L({0, 1, 1, 0, 2, 1}).reshape({2, 3}).t();
  EXPECT_TENSOR_EQ(x().index({0, it}), x().index({0, it.contiguous()}));
  // Large: parallel paths agree with a per-row reference.
  Tensor big = arange(200000, TensorOptions(kFloat)).reshape({1000, 200});
  Tensor rows = arange(999, -1, -3, TensorOptions(kLong));
  Tensor got = big.index({rows});
  EXPECT_EQ(got.sizes(), IntArrayRef({334, 200}));
  EXPECT_TENSOR_EQ(got[5], big[999 - 15]);
  Tensor got2 = big.index({rows, L({7})});
  EXPECT_EQ(got2.index({10}).item<float>(), big.index({999 - 30, 7}).item<float>());
  Tensor bt = big.t();
  Tensor g3 = bt.index({Slice(), rows});
  EXPECT_TENSOR_EQ(g3, bt.contiguous().index({Slice(), rows}));
}

TEST(Indexing, Set) {
  Tensor t = y();
  t.index_put_({1}, 5.0);
  EXPECT_CASE(t, s_int, kDouble);
  t = y();
  t.index_put_({Slice(), Slice(1, 3)}, arange(8, TensorOptions(kDouble)).reshape({2, 1, 4}));
  EXPECT_CASE(t, s_slice_bcast, kDouble);
  t = y();
  t.index_put_({ia(), Slice(), ib()}, arange(9, TensorOptions(kDouble)).reshape({3, 3}));
  EXPECT_CASE(t, s_sep, kDouble);
  t = y();
  t.index_put_({m23()}, 7.0);
  EXPECT_CASE(t, s_mask_scalar, kDouble);
  t = y();
  t.index_put_({m23()}, arange(16, TensorOptions(kDouble)).reshape({4, 4}));
  EXPECT_CASE(t, s_mask_rows, kDouble);
  t = y();
  t.index_put_({0}, arange(4, TensorOptions(kDouble)).reshape({1, 1, 4}));
  EXPECT_CASE(t, s_lead1, kDouble);
  t = y();
  t.index_put_({None, 1, "...", L({0, 3})}, tensor({1.0, 2.0}, TensorOptions(kDouble)));
  EXPECT_CASE(t, s_none_int_tensor, kDouble);
  t = y();
  t.index_put_({"...", Slice(None, None, 3)}, -1);
  EXPECT_CASE(t, s_slice_step, kDouble);
  // Basic-index targets cast the value; a 0-dim value is cast for advanced targets too.
  t = y();
  t.index_put_({1}, full({3, 4}, 5, TensorOptions(kLong)));
  EXPECT_CASE(t, s_int, kDouble);
  t = y();
  t.index_put_({m23()}, tensor(int64_t(7)));
  EXPECT_CASE(t, s_mask_scalar, kDouble);
  // False selects nothing; True adds a dim.
  t = y();
  t.index_put_({false}, 3.0);
  EXPECT_TENSOR_EQ(t, y());
  t.index_put_({true}, 1.0);
  EXPECT_TENSOR_EQ(t, ones({2, 3, 4}, TensorOptions(kDouble)));
  // Version bump on writes.
  auto v0 = t._version();
  t.index_put_({L({0})}, 2.0);
  EXPECT_GT(t._version(), v0);
}

TEST(Indexing, AtenIndexAndIndexPut) {
  Tensor a = arange(6, TensorOptions(kLong)).reshape({2, 3});
  EXPECT_TENSOR_EQ(a.index(std::vector<std::optional<Tensor>>{std::nullopt, L({2, 0})}),
                   tensor({{int64_t(2), int64_t(0)}, {int64_t(5), int64_t(3)}}));
  Tensor t = y();
  t.index_put_(std::vector<std::optional<Tensor>>{L({0, 0, 1}), L({1, 1, 2})},
               arange(12, TensorOptions(kDouble)).reshape({3, 4}), /*accumulate=*/true);
  EXPECT_CASE(t, s_acc, kDouble);
  t = y();
  index_put_(t, {L({0, 1}), std::nullopt, L({3})}, tensor({1.0, 2.0, 3.0}, TensorOptions(kDouble)));
  EXPECT_CASE(t, s_noacc_bcast, kDouble);
  // Accumulate in every dtype, duplicates summed.
  for (ScalarType dt : {kBool, kByte, kChar, kShort, kInt, kLong, kHalf, kBFloat16, kFloat, kDouble}) {
    SCOPED_TRACE(to_string(dt));
    Tensor z = zeros({3}, TensorOptions(dt));
    z.index_put_(std::vector<std::optional<Tensor>>{L({0, 0, 2, 0})}, ones({4}, TensorOptions(dt)), true);
    Tensor want = dt == kBool ? tensor({true, false, true}) : tensor({3.0, 0.0, 1.0}).to(dt);
    EXPECT_TENSOR_EQ(z, want);
  }
  Tensor r = index_put(a, {L({1})}, tensor(int64_t(-1)));
  EXPECT_TENSOR_EQ(r, tensor({{int64_t(0), int64_t(1), int64_t(2)}, {int64_t(-1), int64_t(-1), int64_t(-1)}}));
  EXPECT_EQ(a.index({1, 0}).item<int64_t>(), 3);  // index_put copies
}

TEST(Indexing, Errors) {
  Tensor t = x();
  EXPECT_EQ(error_of([&] { t.index({5}); }), "index 5 is out of bounds for dimension 0 with size 2");
  EXPECT_TRUE(raises<IndexError>([&] { t.index({5}); }));
  EXPECT_EQ(error_of([&] { t.index({0, 5}); }), "index 5 is out of bounds for dimension 1 with size 3");
  EXPECT_EQ(error_of([&] { t.index({None, 0, 5}); }),
            "index 5 is out of bounds for dimension 2 with size 3");
  EXPECT_EQ(error_of([&] { t.index({"...", 7}); }), "index 7 is out of bounds for dimension 1 with size 4");
  EXPECT_EQ(error_of([&] { t.index({0, -4}); }), "index -4 is out of bounds for dimension 1 with size 3");
  EXPECT_EQ(error_of([&] { t.index({0, 0, 0, 0}); }), "too many indices for tensor of dimension 3");
  EXPECT_TRUE(raises<IndexError>([&] { t.index({0, 0, 0, 0}); }));
  EXPECT_EQ(error_of([&] { t.index({m23(), 0, 0}); }), "too many indices for tensor of dimension 3");
  EXPECT_EQ(error_of([&] { arange(3).index({tensor({true, false})}); }),
            "The shape of the mask [2] at index 0 does not match the shape of the indexed tensor [3] at index 0");
  EXPECT_TRUE(raises<IndexError>([&] { arange(3).index({tensor({true, false})}); }));
  EXPECT_EQ(error_of([&] { t.index({Slice(), tensor({true, false})}); }),
            "The shape of the mask [2] at index 0 does not match the shape of the indexed tensor [2, 3, 4] at index 1");
  EXPECT_EQ(error_of([&] { t.index({0, tensor({true, false})}); }),
            "The shape of the mask [2] at index 0 does not match the shape of the indexed tensor [3, 4] at index 0");
  EXPECT_EQ(error_of([&] { t.index({L({0, 1}), L({0, 1, 2})}); }),
            "shape mismatch: indexing tensors could not be broadcast together with shapes [2], [3]");
  EXPECT_EQ(error_of([&] { t.index({tensor({0.0})}); }),
            "tensors used as indices must be long, int, byte or bool tensors");
  EXPECT_EQ(error_of([&] { t.index({Slice(), L({5})}); }),
            "index 5 is out of bounds for dimension 0 with size 3");
  EXPECT_EQ(error_of([&] { t.index({L({0}), L({1}), L({9})}); }),
            "index 9 is out of bounds for dimension 2 with size 4");
  EXPECT_EQ(error_of([&] { t.index({Slice(), L({0}), L({9})}); }),
            "index 9 is out of bounds for dimension 1 with size 4");
  EXPECT_EQ(error_of([&] { t.index({L({-3})}); }), "index -3 is out of bounds for dimension 0 with size 2");
  EXPECT_EQ(error_of([&] { t.index({L({5}).reshape({})}); }),
            "index 5 is out of bounds for dimension 0 with size 2");
  EXPECT_EQ(error_of([&] { t.index({Slice(None, None, -1)}); }), "step must be greater than zero");
  Tensor s = tensor(5);
  EXPECT_EQ(error_of([&] { s.index({0}); }),
            "invalid index of a 0-dim tensor. Use `tensor.item()` in Python or `tensor.item<T>()` "
            "in C++ to convert a 0-dim tensor to a number");
  EXPECT_EQ(error_of([&] { s.index({1}); }), "index 1 is out of bounds for dimension 0 with size 0");
  EXPECT_EQ(error_of([&] { s.index({L({0})}); }), "too many indices for tensor of dimension 0");
  // index (ATen form)
  EXPECT_EQ(error_of([&] { index(zeros({2}), {L({0}), L({0})}); }),
            "too many indices for tensor of dimension 1 (got 2)");
  // index_put_
  Tensor z = zeros({3});
  EXPECT_EQ(error_of([&] { z.index_put_({L({0, 2})}, tensor({1.0, 2.0, 3.0}).to(kFloat)); }),
            "shape mismatch: value tensor of shape [3] cannot be broadcast to indexing result of shape [2]");
  EXPECT_EQ(error_of([&] { z.index_put_({L({0, 2})}, L({1, 2})); }),
            "Index put requires the source and destination dtypes match, got Float for the "
            "destination and Long for the source.");
  EXPECT_EQ(error_of([&] { z.index_put_({Slice(1, None)}, tensor({1.0f, 2.0f, 3.0f})); }),
            "The expanded size of the tensor (2) must match the existing size (3) at non-singleton "
            "dimension 0.  Target sizes: [2].  Tensor sizes: [3]");
  Tensor z2 = zeros({2, 3});
  EXPECT_EQ(error_of([&] { z2.index_put_(std::vector<std::optional<Tensor>>{L({0, 1}), L({0, 9})}, tensor(1.0f)); }),
            "index 9 is out of bounds for dimension 1 with size 3");
  EXPECT_EQ(error_of([&] { z2.index_put_(std::vector<std::optional<Tensor>>{L({0, 5})}, tensor(1.0f), true); }),
            "index 5 is out of bounds for dimension 0 with size 2");
  // Nothing was written by the failing calls.
  EXPECT_TENSOR_EQ(z2, zeros({2, 3}));
}

// ---- random index lists against PyTorch (indexing_random_data.h) ----------------


namespace {

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  size_t at = 0;
  while (true) {
    size_t n = s.find(sep, at);
    out.push_back(s.substr(at, n == std::string::npos ? std::string::npos : n - at));
    if (n == std::string::npos) break;
    at = n + 1;
  }
  return out;
}
std::vector<int64_t> ints(const std::string& s) {
  std::vector<int64_t> v;
  if (s.empty()) return v;
  for (const auto& p : split(s, ',')) v.push_back(static_cast<int64_t>(std::stoll(p)));
  return v;
}
std::optional<int64_t> bound(const std::string& s) {
  if (s == "_") return std::nullopt;
  return static_cast<int64_t>(std::stoll(s));
}

// "i:1;s:_:3:2;N;E;b:1;t:2,2:0,1,1,0;m:3:1,0,1;z:2" -> a TensorIndex list.
std::vector<TensorIndex> parse(const std::string& spec) {
  std::vector<TensorIndex> out;
  for (const auto& item : split(spec, ';')) {
    auto f = split(item, ':');
    const std::string& k = f[0];
    if (k == "i") out.emplace_back(static_cast<int64_t>(std::stoll(f[1])));
    else if (k == "s") out.emplace_back(Slice(bound(f[1]), bound(f[2]), bound(f[3])));
    else if (k == "N") out.emplace_back(None);
    else if (k == "E") out.emplace_back(Ellipsis);
    else if (k == "b") out.emplace_back(f[1] == "1");
    else if (k == "z") out.emplace_back(tensor(std::vector<int64_t>{static_cast<int64_t>(std::stoll(f[1]))}).reshape({}));
    else if (k == "t" || k == "m") {
      auto shape = ints(f[1]);
      auto vals = ints(f[2]);
      Tensor t = vals.empty() ? empty({0}, TensorOptions(kLong)) : tensor(vals);
      t = t.reshape(shape);
      out.emplace_back(k == "m" ? t.to(kBool) : t);
    } else {
      ADD_FAILURE() << "bad spec item " << item;
    }
  }
  return out;
}

}  // namespace

TEST(Indexing, RandomListsMatchPyTorch) {
  Tensor x = arange(60, TensorOptions(kLong)).reshape({3, 4, 5});
  int checked = 0, tensor_sets = 0;
  for (const auto& c : indexing_random::cases) {
    SCOPED_TRACE(c.spec);
    auto idx = parse(c.spec);
    if (std::string(c.error).empty()) {
      Tensor got = x.index(idx);
      Tensor want = tensor(c.values, TensorOptions(kDouble)).to(kLong).reshape(c.shape);
      EXPECT_TENSOR_EQ(got, want);
    } else {
      EXPECT_EQ(error_of([&] { x.index(idx); }), c.error);
    }
    Tensor y = zeros({3, 4, 5}, TensorOptions(kDouble));
    if (std::string(c.set_error).empty()) {
      y.index_put_(idx, -1.0);
      EXPECT_TENSOR_EQ(y, tensor(c.set_values, TensorOptions(kDouble)).reshape({3, 4, 5}));
    } else {
      EXPECT_EQ(error_of([&] { y.index_put_(idx, -1.0); }), c.set_error);
    }
    if (!c.tensor_set_values.empty()) {
      Tensor z = zeros({3, 4, 5}, TensorOptions(kDouble));
      int64_t n = 1;
      for (auto d : c.shape) n *= d;
      z.index_put_(idx, arange(1, n + 1, TensorOptions(kDouble)).reshape(c.shape));
      EXPECT_TENSOR_EQ(z, tensor(c.tensor_set_values, TensorOptions(kDouble)).reshape({3, 4, 5}));
      ++tensor_sets;
    }
    ++checked;
  }
  EXPECT_EQ(checked, 400);
  EXPECT_GT(tensor_sets, 200);
}

TEST(Indexing, RandomAccumulatingPutsMatchPyTorch) {
  int checked = 0;
  for (const auto& c : index_put_random::cases) {
    SCOPED_TRACE(c.spec);
    std::vector<std::optional<Tensor>> list;
    for (const auto& item : parse(c.spec)) {
      if (item.is_none()) list.emplace_back(std::nullopt);
      else list.emplace_back(item.tensor());
    }
    int64_t n = 1;
    for (auto d : c.value_shape) n *= d;
    Tensor values = arange(1, n + 1, TensorOptions(kDouble)).reshape(c.value_shape);
    Tensor y = zeros({3, 4, 5}, TensorOptions(kDouble));
    y.index_put_(list, values, /*accumulate=*/true);
    EXPECT_TENSOR_EQ(y, tensor(c.values, TensorOptions(kDouble)).reshape({3, 4, 5}));
    // The same through a transposed (non-contiguous) target.
    Tensor yt = zeros({5, 4, 3}, TensorOptions(kDouble)).permute({2, 1, 0});
    yt.index_put_(list, values, true);
    EXPECT_TENSOR_EQ(yt, y);
    ++checked;
  }
  EXPECT_EQ(checked, 80);
}
