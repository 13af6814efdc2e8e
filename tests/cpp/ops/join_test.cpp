// Joining and repeating ops (cat, stack, repeat, repeat_interleave, flip,
// roll, rot90): rules, dtypes, out= variants and PyTorch's error messages.
// Their result values and strides on fixed inputs are in shape_test.cpp's table.
#include <gtest/gtest.h>

#include "test_utils.h"
#include "wick/wick.h"

using namespace wick;
using wick::test::values;

namespace {

std::string error_of(const std::function<void()>& fn) {
  try {
    fn();
  } catch (const Error& e) {
    return e.what();
  }
  return "<no error>";
}

template <typename E>
bool throws_as(const std::function<void()>& fn) {
  try {
    fn();
  } catch (const E&) {
    return true;
  } catch (...) {
    return false;
  }
  return false;
}

// 0, 1, ..., n-1 (arange lives in another op family).
Tensor iota_tensor(int64_t n, ScalarType dtype = kLong) {
  std::vector<double> v(n);
  for (int64_t i = 0; i < n; ++i) v[i] = static_cast<double>(i);
  Tensor t = empty({n}, kDouble);
  if (n > 0) std::copy(v.begin(), v.end(), t.data_ptr<double>());
  return t.to(dtype);
}

}  // namespace

TEST(JoinOps, CatRulesAndErrors) {
  Tensor a = iota_tensor(4, kFloat).reshape({2, 2});
  // Legacy [0]-shaped tensors are skipped whatever the rank of the others.
  EXPECT_EQ(cat({a, empty({0}, kDouble)}).sizes(), IntArrayRef({2, 2}));
  EXPECT_EQ(cat({a, empty({0}, kDouble)}).dtype(), kDouble);
  EXPECT_EQ(cat({empty({0}), empty({0})}, 1).sizes(), IntArrayRef({0}));
  EXPECT_EQ(cat({empty({0}, kInt), empty({0})}).dtype(), kFloat);
  // Promotion across inputs.
  Tensor mixed = cat({tensor({true, false}), tensor({3, 4}), tensor({int64_t{5}})});
  EXPECT_EQ(mixed.dtype(), kLong);
  EXPECT_EQ(values(mixed), (std::vector<double>{1, 0, 3, 4, 5}));
  Tensor halfs = cat({ones({2}, kHalf), full({1}, 2.5, kBFloat16)});
  EXPECT_EQ(halfs.dtype(), kFloat);
  EXPECT_EQ(values(halfs), (std::vector<double>{1, 1, 2.5}));
  EXPECT_EQ(concat({a, a}, 1).sizes(), IntArrayRef({2, 4}));
  EXPECT_EQ(concatenate({a, a}, -2).sizes(), IntArrayRef({4, 2}));
  // Broadcast (expanded) and sliced inputs are read through their strides.
  Tensor expanded = tensor({1.f, 2.f}).expand({3, 2});
  EXPECT_EQ(values(cat({expanded, a.slice(0, 0, 2, 2)})), (std::vector<double>{1, 2, 1, 2, 1, 2, 0, 1}));

  EXPECT_EQ(error_of([&] { cat({ones({2, 2}), ones({3, 2})}, 1); }),
            "Sizes of tensors must match except in dimension 1. Expected size 2 but got size 3 "
            "for tensor number 1 in the list.");
  EXPECT_EQ(error_of([&] { cat({ones({2, 2}), ones({2})}, 0); }),
            "Tensors must have same number of dimensions: got 2 and 1");
  EXPECT_EQ(error_of([&] { cat(std::vector<Tensor>{}); }),
            "torch.cat(): expected a non-empty list of Tensors");
  EXPECT_EQ(error_of([&] { cat({scalar_tensor(1.0), scalar_tensor(2.0)}); }),
            "zero-dimensional tensor (at position 0) cannot be concatenated");
  EXPECT_TRUE(throws_as<IndexError>([&] { cat({a}, 3); }));
}

TEST(JoinOps, OutVariants) {
  Tensor a = iota_tensor(4, kFloat).reshape({2, 2});
  Tensor out = empty({0}, kDouble);
  Tensor& r = cat_out(out, {a, a}, 1);
  EXPECT_TRUE(r.is_same(out));
  EXPECT_EQ(out.sizes(), IntArrayRef({2, 4}));
  EXPECT_EQ(out.dtype(), kDouble);
  EXPECT_EQ(values(out), (std::vector<double>{0, 1, 0, 1, 2, 3, 2, 3}));
  // Writing into a view of a bigger tensor goes through its strides.
  Tensor big = zeros({3, 4});
  Tensor window = big.slice(0, 1, 3);
  const auto version = big._version();
  cat_out(window, {a, a}, 1);
  EXPECT_GT(big._version(), version);
  EXPECT_EQ(values(big), (std::vector<double>{0, 0, 0, 0, 0, 1, 0, 1, 2, 3, 2, 3}));
  Tensor sout = empty({2, 2, 2});
  stack_out(sout, {a, a.t()}, 2);
  EXPECT_EQ(values(sout), (std::vector<double>{0, 0, 1, 2, 2, 1, 3, 3}));
  Tensor lout = empty({4}, kLong);
  EXPECT_EQ(error_of([&] { cat_out(lout, {ones({2}), ones({2})}); }),
            "torch.cat(): input types can't be cast to the desired output type Long");
  EXPECT_EQ(error_of([&] { stack_out(lout, {ones({2}), ones({2})}); }),
            "torch.cat(): input types can't be cast to the desired output type Long");
  Tensor self_out = iota_tensor(4, kFloat);
  EXPECT_EQ(error_of([&] { cat_out(self_out, {self_out.slice(0, 0, 2), self_out.slice(0, 2, 4)}); }),
            "unsupported operation: some elements of the input tensor and the written-to tensor "
            "refer to a single memory location. Please clone() the tensor before performing the "
            "operation.");
}

TEST(JoinOps, StackFamiliesErrors) {
  EXPECT_EQ(error_of([&] { stack({ones({2}), ones({3})}); }),
            "stack expects each tensor to be equal size, but got [2] at entry 0 and [3] at entry 1");
  EXPECT_EQ(error_of([&] { stack(std::vector<Tensor>{}); }), "stack expects a non-empty TensorList");
  EXPECT_TRUE(throws_as<IndexError>([&] { stack({ones({2})}, 3); }));
  EXPECT_EQ(stack({ones({2}, kInt), ones({2}, kDouble)}).dtype(), kDouble);
  EXPECT_EQ(stack({scalar_tensor(1.0), scalar_tensor(2.0)}).sizes(), IntArrayRef({2}));
  EXPECT_EQ(error_of([&] { hstack(std::vector<Tensor>{}); }), "hstack expects a non-empty TensorList");
  EXPECT_EQ(error_of([&] { vstack(std::vector<Tensor>{}); }), "vstack expects a non-empty TensorList");
  EXPECT_EQ(error_of([&] { dstack(std::vector<Tensor>{}); }), "dstack expects a non-empty TensorList");
  EXPECT_EQ(error_of([&] { column_stack(std::vector<Tensor>{}); }),
            "column_stack expects a non-empty TensorList");
  EXPECT_EQ(hstack({scalar_tensor(1.0), scalar_tensor(2.0)}).sizes(), IntArrayRef({2}));
  EXPECT_EQ(vstack({scalar_tensor(1.0), scalar_tensor(2.0)}).sizes(), IntArrayRef({2, 1}));
  EXPECT_EQ(row_stack({ones({3}), ones({3})}).sizes(), IntArrayRef({2, 3}));
  EXPECT_EQ(dstack({ones({2, 2}), ones({2, 2, 3})}).sizes(), IntArrayRef({2, 2, 4}));
}

TEST(JoinOps, RepeatErrorsAndDtypes) {
  Tensor x = iota_tensor(6, kFloat).reshape({2, 3});
  EXPECT_EQ(error_of([&] { x.repeat({2}); }),
            "Number of dimensions of repeat dims can not be smaller than number of dimensions of "
            "tensor");
  EXPECT_EQ(error_of([&] { x.repeat({2, -1}); }),
            "Trying to create tensor with negative dimension -3: [4, -3]");
  EXPECT_EQ(error_of([&] { x.repeat_interleave(-1); }), "repeats can not be negative");
  EXPECT_EQ(error_of([&] { ones({2}).repeat_interleave(tensor({1, -1})); }),
            "repeats can not be negative");
  EXPECT_EQ(error_of([&] { ones({2}).repeat_interleave(tensor({1, 2, 3})); }),
            "repeats must have the same size as input along dim");
  EXPECT_EQ(error_of([&] { ones({2}).repeat_interleave(tensor({{1, 2}})); }),
            "repeats must be 0-dim or 1-dim tensor");
  EXPECT_EQ(error_of([&] { ones({2}).repeat_interleave(tensor({1.f, 2.f})); }),
            "\"repeat_interleave_cpu\" not implemented for 'Float'");
  EXPECT_EQ(error_of([&] { repeat_interleave(tensor({{3}})); }),
            "repeat_interleave only accept 1D vector as repeat");
  EXPECT_EQ(repeat_interleave(tensor({1, 2})).dtype(), kInt);
  EXPECT_EQ(values(repeat_interleave(tensor({1, 2}))), (std::vector<double>{0, 1, 1}));
  // A one-element repeats tensor applies to every row.
  EXPECT_EQ(x.repeat_interleave(tensor({2}), 1).sizes(), IntArrayRef({2, 6}));
  // Every dtype is copied bit for bit.
  for (ScalarType dt : {kBool, kByte, kChar, kShort, kInt, kLong, kHalf, kBFloat16, kFloat, kDouble}) {
    SCOPED_TRACE(to_string(dt));
    Tensor y = tensor({{0, 1}, {1, 0}}).to(dt);
    EXPECT_EQ(y.repeat({1, 2}).dtype(), dt);
    EXPECT_EQ(values(y.repeat({1, 2})), (std::vector<double>{0, 1, 0, 1, 1, 0, 1, 0}));
    EXPECT_EQ(values(y.repeat_interleave(tensor({2, 1}), 0)),
              (std::vector<double>{0, 1, 0, 1, 1, 0}));
    EXPECT_EQ(values(y.flip({1})), (std::vector<double>{1, 0, 0, 1}));
    EXPECT_EQ(values(cat({y, y.t()}, 1)), (std::vector<double>{0, 1, 0, 1, 1, 0, 1, 0}));
    EXPECT_EQ(values(y.roll({1}, {0})), (std::vector<double>{1, 0, 0, 1}));
  }
  EXPECT_EQ(x.tile({2, 1, 1}).sizes(), IntArrayRef({2, 2, 3}));
  EXPECT_EQ(error_of([&] { x.tile({2, -1}); }),
            "Trying to create tensor with negative dimension -3: [4, -3]");
}

TEST(JoinOps, FlipRollRot90Errors) {
  Tensor x = iota_tensor(6, kFloat).reshape({2, 3});
  EXPECT_EQ(error_of([&] { x.flip({0, -2}); }), "dim 0 appears multiple times in the list of dims");
  EXPECT_TRUE(throws_as<IndexError>([&] { x.flip({3}); }));
  EXPECT_EQ(error_of([&] { ones({3}).fliplr(); }), "Input must be >= 2-d.");
  EXPECT_EQ(error_of([&] { scalar_tensor(1.0).flipud(); }), "Input must be >= 1-d.");
  EXPECT_EQ(error_of([&] { x.roll({1, 2}, {0}); }), "shifts and dimensions must align. shifts: 2, dims:1");
  EXPECT_EQ(error_of([&] { x.roll({1, 2}); }), "shifts and dimensions must align. shifts: 2, dims:0");
  EXPECT_EQ(error_of([&] { x.roll({}); }), "`shifts` required");
  EXPECT_EQ(values(x.roll({7}, {1})), (std::vector<double>{2, 0, 1, 5, 3, 4}));
  EXPECT_EQ(values(x.roll({-7})), (std::vector<double>{1, 2, 3, 4, 5, 0}));
  EXPECT_EQ(error_of([&] { x.rot90(1, {0}); }), "expected total rotation dims == 2, but got dims = 1");
  EXPECT_EQ(error_of([&] { x.rot90(1, {0, 0}); }),
            "expected rotation dims to be different, but got dim0 = 0 and dim1 = 0");
  EXPECT_EQ(error_of([&] { ones({3}).rot90(); }), "expected total dims >= 2, but got total dims = 1");
  EXPECT_EQ(error_of([&] { x.rot90(1, {0, 3}); }), "Rotation dim1 out of range, dim1 = 3");
}

TEST(JoinOps, LargeCopiesMatchSmallPath) {
  // Big enough to split across threads in copy_.
  Tensor big = iota_tensor(300000, kFloat).reshape({600, 500});
  Tensor c = cat({big.t(), big.t()}, 1);
  EXPECT_EQ(c.sizes(), IntArrayRef({500, 1200}));
  EXPECT_EQ(c.select(0, 7).select(0, 603).item<double>(), big.select(0, 3).select(0, 7).item<double>());
  Tensor f = big.flip({0, 1});
  EXPECT_EQ(f.select(0, 0).select(0, 0).item<double>(), 299999.0);
  EXPECT_EQ(f.select(0, 599).select(0, 1).item<double>(), 498.0);
  Tensor ri = big.repeat_interleave(tensor({int64_t{3}}), 0);
  EXPECT_EQ(ri.sizes(), IntArrayRef({1800, 500}));
  EXPECT_EQ(ri.select(0, 1799).select(0, 499).item<double>(), 299999.0);
  EXPECT_EQ(ri.select(0, 4).select(0, 2).item<double>(), 502.0);
  // Chunks of the row gather start in the middle of an outer index.
  Tensor ri1 = big.repeat_interleave(2, 1);
  EXPECT_EQ(ri1.sizes(), IntArrayRef({600, 1000}));
  EXPECT_EQ(values(ri1), values(big.unsqueeze(2).expand({600, 500, 2}).reshape({600, 1000})));
  Tensor ri_t = big.t().repeat_interleave(tensor({3}), 1);
  EXPECT_EQ(values(ri_t), values(big.t().unsqueeze(2).expand({500, 600, 3}).reshape({500, 1800})));
  Tensor rp = big.repeat({2, 1});
  EXPECT_EQ(rp.select(0, 600).select(0, 1).item<double>(), 1.0);
}
