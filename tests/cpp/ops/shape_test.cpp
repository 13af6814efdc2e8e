// Shape and joining ops. Expected sizes, strides and values come from PyTorch
// (1.13, run on the same inputs); view semantics (shared storage, shared
// version counter) and error messages are checked separately.
#include <gtest/gtest.h>

#include "test_utils.h"
#include "wick/wick.h"

using namespace wick;
using wick::test::values;

namespace {

struct ShapeCase {
  const char* name;
  Tensor result;
  std::vector<int64_t> sizes;
  std::vector<int64_t> strides;
  ScalarType dtype;
  std::vector<double> values;
};

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

bool shares_storage(const Tensor& a, const Tensor& b) {
  return a.storage().get() == b.storage().get();
}

}  // namespace

TEST(ShapeOps, MatchPyTorchSizesStridesValues) {
  Tensor a = iota_tensor(6, kFloat).reshape({2, 3});
  Tensor b = iota_tensor(24, kFloat).reshape({2, 3, 4});
  Tensor v = iota_tensor(5, kFloat);
  std::vector<ShapeCase> cases = {
  {"view_infer", a.view({3, -1}), {3, 2}, {2, 1}, kFloat,
   {0, 1, 2, 3, 4, 5}},
  {"view_t_split", b.transpose(1, 2).view({2, 2, 2, 3}), {2, 2, 2, 3}, {12, 2, 1, 4}, kFloat,
   {0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11, 12, 16, 20, 13, 17, 21, 14, 18, 22, 15, 19, 23}},
  {"view_slice_merge", b.slice(2, 0, 4, 2).view({6, 2}), {6, 2}, {4, 2}, kFloat,
   {0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22}},
  {"view_unit_dims", a.t().view({3, 1, 2, 1}), {3, 1, 2, 1}, {1, 6, 3, 3}, kFloat,
   {0, 3, 1, 4, 2, 5}},
  {"view_0d", scalar_tensor(5.0).view({1, 1}), {1, 1}, {1, 1}, kFloat,
   {5}},
  {"reshape_copy", a.t().reshape({6}), {6}, {1}, kFloat,
   {0, 3, 1, 4, 2, 5}},
  {"reshape_view", b.transpose(0, 1).reshape({3, 2, 2, 2}), {3, 2, 2, 2}, {4, 12, 2, 1}, kFloat,
   {0, 1, 2, 3, 12, 13, 14, 15, 4, 5, 6, 7, 16, 17, 18, 19, 8, 9, 10, 11, 20, 21, 22, 23}},
  {"permute", b.permute({2, 0, 1}), {4, 2, 3}, {1, 12, 4}, kFloat,
   {0, 4, 8, 12, 16, 20, 1, 5, 9, 13, 17, 21, 2, 6, 10, 14, 18, 22, 3, 7, 11, 15, 19, 23}},
  {"permute_neg", b.permute({-1, 1, 0}), {4, 3, 2}, {1, 4, 12}, kFloat,
   {0, 12, 4, 16, 8, 20, 1, 13, 5, 17, 9, 21, 2, 14, 6, 18, 10, 22, 3, 15, 7, 19, 11, 23}},
  {"transpose", b.transpose(0, 2), {4, 3, 2}, {1, 4, 12}, kFloat,
   {0, 12, 4, 16, 8, 20, 1, 13, 5, 17, 9, 21, 2, 14, 6, 18, 10, 22, 3, 15, 7, 19, 11, 23}},
  {"t2", a.t(), {3, 2}, {1, 3}, kFloat,
   {0, 3, 1, 4, 2, 5}},
  {"t1", v.t(), {5}, {1}, kFloat,
   {0, 1, 2, 3, 4}},
  {"t_contig", a.t().contiguous(), {3, 2}, {2, 1}, kFloat,
   {0, 3, 1, 4, 2, 5}},
  {"mT", b.mT(), {2, 4, 3}, {12, 1, 4}, kFloat,
   {0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11, 12, 16, 20, 13, 17, 21, 14, 18, 22, 15, 19, 23}},
  {"mH", b.mH(), {2, 4, 3}, {12, 1, 4}, kFloat,
   {0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11, 12, 16, 20, 13, 17, 21, 14, 18, 22, 15, 19, 23}},
  {"T", b.T(), {4, 3, 2}, {1, 4, 12}, kFloat,
   {0, 12, 4, 16, 8, 20, 1, 13, 5, 17, 9, 21, 2, 14, 6, 18, 10, 22, 3, 15, 7, 19, 11, 23}},
  {"expand", v.expand({2, 5}), {2, 5}, {0, 1}, kFloat,
   {0, 1, 2, 3, 4, 0, 1, 2, 3, 4}},
  {"expand_keep", a.unsqueeze(1).expand({-1, 4, -1}), {2, 4, 3}, {3, 0, 1}, kFloat,
   {0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 3, 4, 5, 3, 4, 5, 3, 4, 5, 3, 4, 5}},
  {"expand_0d", scalar_tensor(2.0).expand({2, 2}), {2, 2}, {0, 0}, kFloat,
   {2, 2, 2, 2}},
  {"expand_zero", ones({1, 3}).expand({0, 3}), {0, 3}, {0, 1}, kFloat,
   {}},
  {"squeeze_all", ones({1, 2, 1, 3}).squeeze(), {2, 3}, {3, 1}, kFloat,
   {1, 1, 1, 1, 1, 1}},
  {"squeeze_dim", ones({1, 2, 1, 3}).squeeze(2), {1, 2, 3}, {6, 3, 1}, kFloat,
   {1, 1, 1, 1, 1, 1}},
  {"squeeze_dim_noop", ones({1, 2, 1, 3}).squeeze(1), {1, 2, 1, 3}, {6, 3, 3, 1}, kFloat,
   {1, 1, 1, 1, 1, 1}},
  {"squeeze_dims", iota_tensor(6, kFloat).reshape({1, 2, 1, 3, 1}).squeeze({0, -1, 1}), {2, 1, 3}, {3, 3, 1}, kFloat,
   {0, 1, 2, 3, 4, 5}},
  {"unsqueeze0", a.unsqueeze(0), {1, 2, 3}, {6, 3, 1}, kFloat,
   {0, 1, 2, 3, 4, 5}},
  {"unsqueeze1", a.unsqueeze(1), {2, 1, 3}, {3, 3, 1}, kFloat,
   {0, 1, 2, 3, 4, 5}},
  {"unsqueeze_last", a.unsqueeze(-1), {2, 3, 1}, {3, 1, 1}, kFloat,
   {0, 1, 2, 3, 4, 5}},
  {"unsqueeze_t", a.t().unsqueeze(1), {3, 1, 2}, {1, 6, 3}, kFloat,
   {0, 3, 1, 4, 2, 5}},
  {"flatten", b.flatten(), {24}, {1}, kFloat,
   {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23}},
  {"flatten_mid", b.flatten(1), {2, 12}, {12, 1}, kFloat,
   {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23}},
  {"flatten_t", b.transpose(0, 2).flatten(0, 1), {12, 2}, {2, 1}, kFloat,
   {0, 12, 4, 16, 8, 20, 1, 13, 5, 17, 9, 21, 2, 14, 6, 18, 10, 22, 3, 15, 7, 19, 11, 23}},
  {"flatten_0d", scalar_tensor(3.0).flatten(), {1}, {1}, kFloat,
   {3}},
  {"unflatten", b.unflatten(2, {2, -1}), {2, 3, 2, 2}, {12, 4, 2, 1}, kFloat,
   {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23}},
  {"ravel_t", a.t().ravel(), {6}, {1}, kFloat,
   {0, 3, 1, 4, 2, 5}},
  {"narrow", b.narrow(2, 1, 2), {2, 3, 2}, {12, 4, 1}, kFloat,
   {1, 2, 5, 6, 9, 10, 13, 14, 17, 18, 21, 22}},
  {"narrow_neg", b.narrow(1, -2, 2), {2, 2, 4}, {12, 4, 1}, kFloat,
   {4, 5, 6, 7, 8, 9, 10, 11, 16, 17, 18, 19, 20, 21, 22, 23}},
  {"narrow_copy", b.narrow_copy(2, 1, 2), {2, 3, 2}, {6, 2, 1}, kFloat,
   {1, 2, 5, 6, 9, 10, 13, 14, 17, 18, 21, 22}},
  {"select", b.select(1, -1), {2, 4}, {12, 1}, kFloat,
   {8, 9, 10, 11, 20, 21, 22, 23}},
  {"select2", b.select(2, 2), {2, 3}, {12, 4}, kFloat,
   {2, 6, 10, 14, 18, 22}},
  {"slice_step", b.slice(2, 1, std::nullopt, 2), {2, 3, 2}, {12, 4, 2}, kFloat,
   {1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23}},
  {"slice_neg", b.slice(1, -2), {2, 2, 4}, {12, 4, 1}, kFloat,
   {4, 5, 6, 7, 8, 9, 10, 11, 16, 17, 18, 19, 20, 21, 22, 23}},
  {"slice_clamp", v.slice(0, -100, 100, 3), {2}, {3}, kFloat,
   {0, 3}},
  {"slice_empty", v.slice(0, 4, 2), {0}, {1}, kFloat,
   {}},
  {"diag", a.diagonal(), {2}, {4}, kFloat,
   {0, 4}},
  {"diag_off", a.diagonal(1), {2}, {4}, kFloat,
   {1, 5}},
  {"diag_negoff", a.diagonal(-1), {1}, {4}, kFloat,
   {3}},
  {"diag_big", a.diagonal(5), {0}, {4}, kFloat,
   {}},
  {"diag_3d", b.diagonal(1, 2, 0), {3, 1}, {4, 13}, kFloat,
   {12, 16, 20}},
  {"movedim", b.movedim(0, 2), {3, 4, 2}, {4, 1, 12}, kFloat,
   {0, 12, 1, 13, 2, 14, 3, 15, 4, 16, 5, 17, 6, 18, 7, 19, 8, 20, 9, 21, 10, 22, 11, 23}},
  {"movedim_list", b.movedim({0, 1}, {2, 0}), {3, 4, 2}, {4, 1, 12}, kFloat,
   {0, 12, 1, 13, 2, 14, 3, 15, 4, 16, 5, 17, 6, 18, 7, 19, 8, 20, 9, 21, 10, 22, 11, 23}},
  {"moveaxis", b.moveaxis(-1, 0), {4, 2, 3}, {1, 12, 4}, kFloat,
   {0, 4, 8, 12, 16, 20, 1, 5, 9, 13, 17, 21, 2, 6, 10, 14, 18, 22, 3, 7, 11, 15, 19, 23}},
  {"swapaxes", b.swapaxes(0, 1), {3, 2, 4}, {4, 12, 1}, kFloat,
   {0, 1, 2, 3, 12, 13, 14, 15, 4, 5, 6, 7, 16, 17, 18, 19, 8, 9, 10, 11, 20, 21, 22, 23}},
  {"as_strided", a.as_strided({2, 2}, {1, 2}, 1), {2, 2}, {1, 2}, kFloat,
   {1, 3, 2, 4}},
  {"unfold", v.unfold(0, 2, 2), {2, 2}, {2, 1}, kFloat,
   {0, 1, 2, 3}},
  {"unfold2", b.unfold(2, 3, 1), {2, 3, 2, 3}, {12, 4, 1, 1}, kFloat,
   {0, 1, 2, 1, 2, 3, 4, 5, 6, 5, 6, 7, 8, 9, 10, 9, 10, 11, 12, 13, 14, 13, 14, 15, 16, 17, 18, 17, 18, 19, 20, 21, 22, 21, 22, 23}},
  {"unfold_t", a.t().unfold(0, 2, 1), {2, 2, 2}, {1, 3, 1}, kFloat,
   {0, 1, 3, 4, 1, 2, 4, 5}},
  {"view_dtype_int", a.view(kInt), {2, 3}, {3, 1}, kInt,
   {0, 1065353216, 1073741824, 1077936128, 1082130432, 1084227584}},
  {"view_dtype_short", a.view(kShort).slice(1, 0, 2), {2, 2}, {6, 1}, kShort,
   {0, 0, 0, 16448}},
  {"view_dtype_double", iota_tensor(8, kFloat).reshape({2, 4}).view(kDouble), {2, 2}, {2, 1}, kDouble,
   {0.0078125, 32.00000762939453, 2048.0004920959473, 32768.007904052734}},
  {"cat0", cat({a, full({2, 3}, 10.0)}, 0), {4, 3}, {3, 1}, kFloat,
   {0, 1, 2, 3, 4, 5, 10, 10, 10, 10, 10, 10}},
  {"cat1", cat({a, a.slice(1, 0, 1)}, 1), {2, 4}, {4, 1}, kFloat,
   {0, 1, 2, 0, 3, 4, 5, 3}},
  {"cat_t", cat({a.t(), a.t()}, 0), {6, 2}, {2, 1}, kFloat,
   {0, 3, 1, 4, 2, 5, 0, 3, 1, 4, 2, 5}},
  {"cat_neg", cat({b, b.narrow(2, 0, 1)}, -1), {2, 3, 5}, {15, 5, 1}, kFloat,
   {0, 1, 2, 3, 0, 4, 5, 6, 7, 4, 8, 9, 10, 11, 8, 12, 13, 14, 15, 12, 16, 17, 18, 19, 16, 20, 21, 22, 23, 20}},
  {"cat_legacy", cat({empty({0}), a, empty({0})}, 1), {2, 3}, {3, 1}, kFloat,
   {0, 1, 2, 3, 4, 5}},
  {"cat_promote", cat({iota_tensor(2), iota_tensor(2, kFloat)}), {4}, {1}, kFloat,
   {0, 1, 0, 1}},
  {"stack0", stack({v, v.flip({0})}), {2, 5}, {5, 1}, kFloat,
   {0, 1, 2, 3, 4, 4, 3, 2, 1, 0}},
  {"stack1", stack({a, a.t().t()}, 1), {2, 2, 3}, {6, 3, 1}, kFloat,
   {0, 1, 2, 0, 1, 2, 3, 4, 5, 3, 4, 5}},
  {"stack_last", stack({a, a}, -1), {2, 3, 2}, {6, 2, 1}, kFloat,
   {0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5}},
  {"hstack1d", hstack({v, v.slice(0, 0, 2)}), {7}, {1}, kFloat,
   {0, 1, 2, 3, 4, 0, 1}},
  {"hstack2d", hstack({a, a}), {2, 6}, {6, 1}, kFloat,
   {0, 1, 2, 0, 1, 2, 3, 4, 5, 3, 4, 5}},
  {"vstack", vstack({v.slice(0, 0, 3), a}), {3, 3}, {3, 1}, kFloat,
   {0, 1, 2, 0, 1, 2, 3, 4, 5}},
  {"dstack", dstack({v.slice(0, 0, 3), v.slice(0, 2, 5)}), {1, 3, 2}, {6, 2, 1}, kFloat,
   {0, 2, 1, 3, 2, 4}},
  {"dstack2", dstack({a, a}), {2, 3, 2}, {6, 2, 1}, kFloat,
   {0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5}},
  {"column_stack", column_stack({v.slice(0, 0, 2), a.slice(1, 0, 2).t(), scalar_tensor(9.0).expand({2})}), {2, 4}, {4, 1}, kFloat,
   {0, 0, 3, 9, 1, 1, 4, 9}},
  {"repeat", a.repeat({2, 1, 2}), {2, 2, 6}, {12, 6, 1}, kFloat,
   {0, 1, 2, 0, 1, 2, 3, 4, 5, 3, 4, 5, 0, 1, 2, 0, 1, 2, 3, 4, 5, 3, 4, 5}},
  {"repeat_t", a.t().repeat({1, 2}), {3, 4}, {4, 1}, kFloat,
   {0, 3, 0, 3, 1, 4, 1, 4, 2, 5, 2, 5}},
  {"repeat_0d", scalar_tensor(7.0).repeat({3}), {3}, {1}, kFloat,
   {7, 7, 7}},
  {"tile", a.tile({2}), {2, 6}, {6, 1}, kFloat,
   {0, 1, 2, 0, 1, 2, 3, 4, 5, 3, 4, 5}},
  {"ri_int", a.repeat_interleave(2), {12}, {1}, kFloat,
   {0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5}},
  {"ri_int_dim", a.repeat_interleave(2, 1), {2, 6}, {6, 1}, kFloat,
   {0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5}},
  {"ri_int_dim_t", a.t().repeat_interleave(3, 0), {9, 2}, {2, 1}, kFloat,
   {0, 3, 0, 3, 0, 3, 1, 4, 1, 4, 1, 4, 2, 5, 2, 5, 2, 5}},
  {"ri_tensor", a.repeat_interleave(tensor({1, 0, 2}), 1), {2, 3}, {3, 1}, kFloat,
   {0, 2, 2, 3, 5, 5}},
  {"ri_tensor_t", a.t().repeat_interleave(tensor({int64_t{2}, int64_t{1}, int64_t{0}}), 0), {3, 2}, {2, 1}, kFloat,
   {0, 3, 0, 3, 1, 4}},
  {"ri_tensor_flat", a.repeat_interleave(scalar_tensor(2, kLong)), {12}, {1}, kFloat,
   {0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5}},
  {"ri_index", repeat_interleave(tensor({int64_t{1}, int64_t{0}, int64_t{3}})), {4}, {1}, kLong,
   {0, 2, 2, 2}},
  {"flip0", b.flip({0, 2}), {2, 3, 4}, {12, 4, 1}, kFloat,
   {15, 14, 13, 12, 19, 18, 17, 16, 23, 22, 21, 20, 3, 2, 1, 0, 7, 6, 5, 4, 11, 10, 9, 8}},
  {"flip_t", a.t().flip({0}), {3, 2}, {1, 3}, kFloat,
   {2, 5, 1, 4, 0, 3}},
  {"flip_slice", b.slice(2, 0, 4, 2).flip({-1}), {2, 3, 2}, {6, 2, 1}, kFloat,
   {2, 0, 6, 4, 10, 8, 14, 12, 18, 16, 22, 20}},
  {"fliplr", a.fliplr(), {2, 3}, {3, 1}, kFloat,
   {2, 1, 0, 5, 4, 3}},
  {"flipud", a.flipud(), {2, 3}, {3, 1}, kFloat,
   {3, 4, 5, 0, 1, 2}},
  {"roll_flat", a.roll({1}), {2, 3}, {3, 1}, kFloat,
   {5, 0, 1, 2, 3, 4}},
  {"roll_dim", a.roll({-1}, {1}), {2, 3}, {3, 1}, kFloat,
   {1, 2, 0, 4, 5, 3}},
  {"roll_dims", b.roll({1, 5}, {0, 2}), {2, 3, 4}, {12, 4, 1}, kFloat,
   {15, 12, 13, 14, 19, 16, 17, 18, 23, 20, 21, 22, 3, 0, 1, 2, 7, 4, 5, 6, 11, 8, 9, 10}},
  {"roll_t", a.t().roll({1}, {0}), {3, 2}, {2, 1}, kFloat,
   {2, 5, 0, 3, 1, 4}},
  {"rot90", a.rot90(), {3, 2}, {1, 3}, kFloat,
   {2, 5, 1, 4, 0, 3}},
  {"rot90_2", a.rot90(2), {2, 3}, {3, 1}, kFloat,
   {5, 4, 3, 2, 1, 0}},
  {"rot90_3", a.rot90(-1), {3, 2}, {1, 3}, kFloat,
   {3, 0, 4, 1, 5, 2}},
  {"rot90_0", a.t().rot90(4), {3, 2}, {2, 1}, kFloat,
   {0, 3, 1, 4, 2, 5}},
  {"rot90_dims", b.rot90(1, {2, 0}), {4, 3, 2}, {1, 4, 12}, kFloat,
   {12, 0, 16, 4, 20, 8, 13, 1, 17, 5, 21, 9, 14, 2, 18, 6, 22, 10, 15, 3, 19, 7, 23, 11}},
  };
  EXPECT_GE(cases.size(), 90u);
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(c.result.sizes(), IntArrayRef(c.sizes));
    EXPECT_EQ(c.result.strides(), IntArrayRef(c.strides));
    EXPECT_EQ(c.result.dtype(), c.dtype);
    EXPECT_EQ(values(c.result), c.values);
  }
}

TEST(ShapeOps, ViewsShareStorageAndVersion) {
  Tensor base = iota_tensor(12, kFloat).reshape({3, 4});
  std::vector<Tensor> views = {
      base.view({4, 3}),       base.t(),          base.transpose(0, 1), base.permute({1, 0}),
      base.narrow(1, 1, 2),    base.select(0, 1), base.slice(1, 0, 4, 2), base.diagonal(),
      base.unsqueeze(0),       base.expand({2, 3, 4}), base.unfold(1, 2, 1), base.reshape({12}),
      base.as_strided({2}, {5}, 1), base.unflatten(1, {2, 2}), base.flatten(), base.mT(),
      base.T(),                base.movedim(0, 1), base.squeeze(), base.view(kInt)};
  for (const auto& v : views) EXPECT_TRUE(shares_storage(v, base));
  for (auto& part : base.split(2, 1)) EXPECT_TRUE(shares_storage(part, base));
  for (auto& part : base.chunk(3, 0)) EXPECT_TRUE(shares_storage(part, base));
  for (auto& part : base.unbind(1)) EXPECT_TRUE(shares_storage(part, base));

  // Writes through a view show in the base; the version counter is shared.
  Tensor row = base.select(0, 2);
  const auto version = base._version();
  row.fill_(-1);
  EXPECT_GT(base._version(), version);
  EXPECT_EQ(row._version(), base._version());
  EXPECT_EQ(values(base.select(0, 2)), (std::vector<double>{-1, -1, -1, -1}));
  Tensor col = base.t().select(0, 1);
  col.copy_(tensor({10.f, 20.f, 30.f}));
  EXPECT_EQ(values(base), (std::vector<double>{0, 10, 2, 3, 4, 20, 6, 7, -1, 30, -1, -1}));
  base.diagonal().zero_();
  EXPECT_EQ(values(base), (std::vector<double>{0, 10, 2, 3, 4, 0, 6, 7, -1, 30, 0, -1}));

  // Copies do not share storage.
  EXPECT_FALSE(shares_storage(base.t().reshape({12}), base));
  EXPECT_FALSE(shares_storage(base.narrow_copy(0, 0, 1), base));
  EXPECT_FALSE(shares_storage(cat({base}), base));
  EXPECT_FALSE(shares_storage(base.repeat({1, 1}), base));
  EXPECT_FALSE(shares_storage(base.flip({}), base));
  EXPECT_FALSE(shares_storage(base.rot90(0), base));
  EXPECT_FALSE(shares_storage(base.roll({0}), base));
}

TEST(ShapeOps, InPlaceMetadataOps) {
  Tensor x = iota_tensor(6, kFloat).reshape({2, 3});
  Tensor alias = x;
  x.transpose_(0, 1);
  EXPECT_TRUE(alias.is_same(x));
  EXPECT_EQ(x.sizes(), IntArrayRef({3, 2}));
  EXPECT_EQ(x.strides(), IntArrayRef({1, 3}));
  x.t_();
  EXPECT_EQ(x.strides(), IntArrayRef({3, 1}));
  x.unsqueeze_(1);
  EXPECT_EQ(x.sizes(), IntArrayRef({2, 1, 3}));
  EXPECT_EQ(x.strides(), IntArrayRef({3, 3, 1}));
  x.squeeze_(0);  // size 2: unchanged
  EXPECT_EQ(x.sizes(), IntArrayRef({2, 1, 3}));
  x.squeeze_(1);
  EXPECT_EQ(x.sizes(), IntArrayRef({2, 3}));
  x.unsqueeze_(0).unsqueeze_(-1);
  EXPECT_EQ(x.sizes(), IntArrayRef({1, 2, 3, 1}));
  x.squeeze_();
  EXPECT_EQ(x.sizes(), IntArrayRef({2, 3}));
  EXPECT_TRUE(x.is_contiguous());
  Tensor s = scalar_tensor(1.0);
  s.t_();
  EXPECT_EQ(s.dim(), 0);
  EXPECT_EQ(error_of([&] { ones({2, 2, 2}).t_(); }),
            "t() expects a tensor with <= 2 dimensions, but self is 3D");
}

TEST(ShapeOps, ViewStrideRules) {
  Tensor b = iota_tensor(24, kFloat).reshape({2, 3, 4});
  // Merging dims that are not contiguous with each other needs a copy.
  EXPECT_EQ(error_of([&] { b.permute({1, 0, 2}).view({3, 8}); }),
            "view size is not compatible with input tensor's size and stride (at least one "
            "dimension spans across two contiguous subspaces). Use .reshape(...) instead.");
  Tensor r = b.permute({1, 0, 2}).reshape({3, 8});
  EXPECT_TRUE(r.is_contiguous());
  EXPECT_EQ(values(r.select(0, 1)), (std::vector<double>{4, 5, 6, 7, 16, 17, 18, 19}));
  // Splitting a strided dim is fine, and size-1 dims go anywhere.
  EXPECT_EQ(b.permute({1, 0, 2}).view({3, 2, 2, 2}).strides(), IntArrayRef({4, 12, 2, 1}));
  EXPECT_EQ(b.slice(2, 0, 4, 2).view({2, 3, 1, 2}).strides(), IntArrayRef({12, 4, 4, 2}));
  EXPECT_EQ(error_of([&] { b.view({5, 5}); }), "shape '[5, 5]' is invalid for input of size 24");
  EXPECT_EQ(error_of([&] { iota_tensor(6).view({2, 5}); }),
            "shape '[2, 5]' is invalid for input of size 6");
  EXPECT_EQ(error_of([&] { b.view({-1, -1}); }), "only one dimension can be inferred");
  EXPECT_EQ(error_of([&] { b.view({-2, 12}); }), "invalid shape dimension -2");
  EXPECT_EQ(error_of([&] { empty({0, 3}).view({-1, 0}); }),
            "cannot reshape tensor of 0 elements into shape [-1, 0] because the unspecified "
            "dimension size -1 can be any value and is ambiguous");
  // Empty tensors view freely; -1 against a nonzero product infers 0.
  EXPECT_EQ(empty({0, 3}).view({3, -1}).sizes(), IntArrayRef({3, 0}));
  EXPECT_EQ(empty({0, 3}).t().view({0, 3}).strides(), IntArrayRef({3, 1}));
  EXPECT_EQ(scalar_tensor(2.0).view(IntArrayRef{}).dim(), 0);
  EXPECT_EQ(ones({1}).view(IntArrayRef{}).dim(), 0);
  Tensor x = iota_tensor(6, kFloat).reshape({2, 3});
  EXPECT_EQ(x.view_as(ones({3, 2})).sizes(), IntArrayRef({3, 2}));
  EXPECT_EQ(x.reshape_as(ones({6})).sizes(), IntArrayRef({6}));
}

TEST(ShapeOps, ViewAsDtype) {
  Tensor f = tensor({1.0f, -2.0f});
  Tensor i = f.view(kInt);
  EXPECT_EQ(i.dtype(), kInt);
  EXPECT_EQ(values(i), (std::vector<double>{1065353216, -1073741824}));
  EXPECT_TRUE(shares_storage(i, f));
  i.fill_(0);
  EXPECT_EQ(values(f), (std::vector<double>{0, 0}));
  Tensor x = iota_tensor(6, kFloat).reshape({2, 3});
  EXPECT_EQ(x.view(kShort).sizes(), IntArrayRef({2, 6}));
  EXPECT_EQ(x.view(kShort).strides(), IntArrayRef({6, 1}));
  EXPECT_EQ(x.narrow(1, 1, 2).view(kByte).storage_offset(), 4);
  EXPECT_EQ(error_of([&] { x.view(kDouble); }),
            "self.size(-1) must be divisible by 2 to view Float as Double (different element "
            "sizes), but got 3");
  EXPECT_EQ(error_of([&] { x.t().view(kShort); }),
            "self.stride(-1) must be 1 to view Float as Short (different element sizes), but "
            "got 3");
  EXPECT_EQ(error_of([&] { scalar_tensor(1.0).view(kShort); }),
            "self.dim() cannot be 0 to view Float as Short (different element sizes)");
  EXPECT_EQ(error_of([&] { x.narrow(1, 1, 2).view(kDouble); }),
            "self.storage_offset() must be divisible by 2 to view Float as Double (different "
            "element sizes), but got 1");
}

TEST(ShapeOps, SplitFamilies) {
  Tensor v = iota_tensor(7, kFloat);
  auto sizes_of = [](const std::vector<Tensor>& parts, int64_t dim) {
    std::vector<int64_t> s;
    for (const auto& p : parts) s.push_back(p.size(dim));
    return s;
  };
  EXPECT_EQ(sizes_of(v.split(3), 0), (std::vector<int64_t>{3, 3, 1}));
  EXPECT_EQ(sizes_of(v.split(7), 0), (std::vector<int64_t>{7}));
  EXPECT_EQ(sizes_of(v.split(10), 0), (std::vector<int64_t>{7}));
  EXPECT_EQ(sizes_of(v.split(std::vector<int64_t>{2, 0, 5}), 0), (std::vector<int64_t>{2, 0, 5}));
  EXPECT_EQ(sizes_of(v.split_with_sizes({4, 3}), 0), (std::vector<int64_t>{4, 3}));
  EXPECT_EQ(sizes_of(v.chunk(3), 0), (std::vector<int64_t>{3, 3, 1}));
  EXPECT_EQ(sizes_of(v.chunk(4), 0), (std::vector<int64_t>{2, 2, 2, 1}));
  EXPECT_EQ(sizes_of(iota_tensor(6).chunk(4), 0), (std::vector<int64_t>{2, 2, 2}));
  EXPECT_EQ(sizes_of(empty({0}).chunk(3), 0), (std::vector<int64_t>{0, 0, 0}));
  EXPECT_EQ(sizes_of(empty({0}).split(0), 0), (std::vector<int64_t>{0}));
  EXPECT_EQ(sizes_of(v.tensor_split(3), 0), (std::vector<int64_t>{3, 2, 2}));
  EXPECT_EQ(sizes_of(v.tensor_split(9), 0), (std::vector<int64_t>{1, 1, 1, 1, 1, 1, 1, 0, 0}));
  EXPECT_EQ(sizes_of(v.tensor_split(std::vector<int64_t>{1, 5}), 0),
            (std::vector<int64_t>{1, 4, 2}));
  EXPECT_EQ(sizes_of(v.tensor_split(std::vector<int64_t>{-2, 3, 9}), 0),
            (std::vector<int64_t>{5, 0, 4, 0}));
  auto parts = v.tensor_split(std::vector<int64_t>{1, 5});
  EXPECT_EQ(values(parts[2]), (std::vector<double>{5, 6}));
  Tensor m = iota_tensor(12, kFloat).reshape({3, 4});
  auto cols = m.split(3, 1);
  ASSERT_EQ(cols.size(), 2u);
  EXPECT_EQ(cols[1].sizes(), IntArrayRef({3, 1}));
  EXPECT_EQ(cols[1].storage_offset(), 3);
  EXPECT_EQ(values(cols[1]), (std::vector<double>{3, 7, 11}));
  auto rows = m.unbind(-1);
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(values(rows[2]), (std::vector<double>{2, 6, 10}));
  EXPECT_EQ(rows[2].strides(), IntArrayRef({4}));

  EXPECT_EQ(error_of([&] { m.chunk(0); }),
            "chunk expects `chunks` to be greater than 0, got: 0");
  EXPECT_EQ(error_of([&] { scalar_tensor(1.0).chunk(2); }),
            "chunk expects at least a 1-dimensional tensor");
  EXPECT_EQ(error_of([&] { m.split(-1); }),
            "split expects split_size be non-negative, but got split_size=-1");
  EXPECT_EQ(error_of([&] { m.split(0, 1); }),
            "split_size can only be 0 if dimension size is 0, but got dimension size of 4");
  EXPECT_EQ(error_of([&] { m.split(std::vector<int64_t>{1, 1}, 1); }),
            "split_with_sizes expects split_sizes to sum exactly to 4 (input tensor's size at "
            "dimension 1), but got split_sizes=[1, 1]");
  EXPECT_EQ(error_of([&] { m.split(std::vector<int64_t>{5, -1}, 1); }),
            "split_with_sizes expects split_sizes have only non-negative entries, but got "
            "split_sizes=[5, -1]");
  EXPECT_EQ(error_of([&] { m.tensor_split(0); }), "number of sections must be larger than 0, got 0");
  EXPECT_EQ(error_of([&] { scalar_tensor(1.0).tensor_split(1); }),
            "tensor_split expected at least a 1-dimensional tensor, but got a tensor with 0 dims");
  EXPECT_TRUE(throws_as<IndexError>([&] { scalar_tensor(1.0).unbind(); }));
  EXPECT_EQ(error_of([&] { scalar_tensor(1.0).unbind(); }),
            "Dimension specified as 0 but tensor has no dimensions");
}

TEST(ShapeOps, ViewErrors) {
  Tensor x = iota_tensor(6, kFloat).reshape({2, 3});
  EXPECT_EQ(error_of([&] { x.permute({0}); }),
            "permute(sparse_coo): number of dimensions in the tensor input does not match the "
            "length of the desired ordering of dimensions i.e. input.dim() = 2 is not equal to "
            "len(dims) = 1");
  EXPECT_EQ(error_of([&] { x.permute({0, -2}); }), "permute(): duplicate dims are not allowed.");
  EXPECT_EQ(error_of([&] { ones({3}).expand({2, 4}); }),
            "The expanded size of the tensor (4) must match the existing size (3) at "
            "non-singleton dimension 1.  Target sizes: [2, 4].  Tensor sizes: [3]");
  EXPECT_EQ(error_of([&] { x.expand({3}); }),
            "expand(torch.FloatTensor{[2, 3]}, size=[3]): the number of sizes provided (1) must "
            "be greater or equal to the number of dimensions in the tensor (2)");
  EXPECT_EQ(error_of([&] { ones({3}).expand({-1, 3}); }),
            "The expanded size of the tensor (-1) isn't allowed in a leading, non-existing "
            "dimension 0");
  EXPECT_EQ(error_of([&] { x.broadcast_to({3, 3}); }),
            "The expanded size of the tensor (3) must match the existing size (2) at "
            "non-singleton dimension 0.  Target sizes: [3, 3].  Tensor sizes: [2, 3]");
  EXPECT_EQ(error_of([&] { ones({2, 2, 2}).t(); }),
            "t() expects a tensor with <= 2 dimensions, but self is 3D");
  EXPECT_EQ(error_of([&] { ones({3}).mT(); }),
            "tensor.mT is only supported on matrices or batches of matrices. Got 1-D tensor.");
  EXPECT_TRUE(throws_as<IndexError>([&] { ones({3}).select(0, 5); }));
  EXPECT_EQ(error_of([&] { ones({3}).select(0, 5); }),
            "select(): index 5 out of range for tensor of size [3] at dimension 0");
  EXPECT_EQ(error_of([&] { ones({3}).select(0, -4); }),
            "select(): index -4 out of range for tensor of size [3] at dimension 0");
  EXPECT_EQ(error_of([&] { scalar_tensor(1.0).select(0, 0); }),
            "select() cannot be applied to a 0-dim tensor.");
  EXPECT_TRUE(throws_as<IndexError>([&] { x.transpose(0, 5); }));
  EXPECT_EQ(error_of([&] { x.transpose(0, 5); }),
            "Dimension out of range (expected to be in range of [-2, 1], but got 5)");
  EXPECT_EQ(error_of([&] { x.narrow(1, 2, 3); }), "start (2) + length (3) exceeds dimension size (3).");
  EXPECT_EQ(error_of([&] { x.narrow(1, 4, 0); }),
            "start out of range (expected to be in range of [-3, 3], but got 4)");
  EXPECT_EQ(x.narrow(1, 3, 0).sizes(), IntArrayRef({2, 0}));
  EXPECT_EQ(error_of([&] { scalar_tensor(1.0).narrow(0, 0, 1); }),
            "narrow() cannot be applied to a 0-dim tensor.");
  EXPECT_EQ(error_of([&] { x.slice(1, 0, 3, 0); }), "slice step must be positive");
  EXPECT_EQ(error_of([&] { x.slice(1, 0, 3, -1); }), "slice step must be positive");
  EXPECT_EQ(error_of([&] { x.diagonal(0, 0, -2); }), "diagonal dimensions cannot be identical 0, 0");
  EXPECT_TRUE(throws_as<IndexError>([&] { ones({3}).diagonal(); }));
  EXPECT_EQ(error_of([&] { x.movedim({0, 0}, {0, 1}); }), "movedim: repeated dim in `source` ([0, 0])");
  EXPECT_EQ(error_of([&] { x.movedim({0, 1}, {1, 1}); }),
            "movedim: repeated dim in `destination` ([1, 1])");
  EXPECT_EQ(error_of([&] { x.movedim({0, 1}, {1}); }),
            "movedim: Invalid source or destination dims: source ([0, 1] dims) should contain "
            "the same number of dims as destination ([1] dims)");
  EXPECT_EQ(error_of([&] { x.as_strided({2, 2}, {-1, 1}); }),
            "as_strided: Negative strides are not supported at the moment, got strides: [-1, 1]");
  EXPECT_EQ(error_of([&] { x.as_strided({2, 2}, {1}); }), "mismatch in length of strides and shape");
  EXPECT_EQ(error_of([&] { x.as_strided({3, 3}, {3, 1}); }),
            "setStorage: sizes [3, 3], strides [3, 1], storage offset 0, and itemsize 4 requiring "
            "a storage size of 36 are out of bounds for storage of size 24");
  EXPECT_EQ(error_of([&] { x.as_strided({2}, {1}, -1); }), "Tensor: invalid storage offset -1");
  EXPECT_EQ(x.as_strided({0, 9}, {100, 100}).numel(), 0);
  EXPECT_EQ(error_of([&] { x.unfold(1, 4, 1); }),
            "maximum size for tensor at dimension 1 is 3 but size is 4");
  EXPECT_EQ(error_of([&] { x.unfold(1, 2, 0); }), "step is 0 but must be > 0");
  EXPECT_EQ(error_of([&] { x.unflatten(1, {2, 2}); }),
            "unflatten: Provided sizes [2, 2] don't multiply up to the size of dim 1 (3) in the "
            "input tensor");
  EXPECT_EQ(error_of([&] { x.unflatten(1, {}); }), "unflatten: sizes must be non-empty");
  EXPECT_EQ(error_of([&] { x.unflatten(1, {-1, -1}); }),
            "unflatten got an unexpected error:\nonly one dimension can be inferred");
  EXPECT_EQ(error_of([&] { x.flatten(1, 0); }),
            "flatten() has invalid args: start_dim cannot come after end_dim");
  EXPECT_TRUE(throws_as<IndexError>([&] { x.squeeze(3); }));
  EXPECT_TRUE(throws_as<IndexError>([&] { x.unsqueeze(4); }));
  EXPECT_EQ(x.unsqueeze(-3).sizes(), IntArrayRef({1, 2, 3}));
}

TEST(ShapeOps, ZeroDimAndEmpty) {
  Tensor s = scalar_tensor(4.0);
  EXPECT_EQ(s.unsqueeze(0).sizes(), IntArrayRef({1}));
  EXPECT_EQ(s.squeeze().dim(), 0);
  EXPECT_EQ(s.squeeze(0).dim(), 0);
  EXPECT_EQ(s.squeeze(-1).dim(), 0);
  EXPECT_EQ(s.transpose(0, -1).dim(), 0);
  EXPECT_EQ(s.permute({}).dim(), 0);
  EXPECT_EQ(s.T().dim(), 0);
  EXPECT_EQ(s.t().dim(), 0);
  EXPECT_EQ(s.expand({}).dim(), 0);
  EXPECT_EQ(s.reshape({1, 1, 1}).sizes(), IntArrayRef({1, 1, 1}));
  EXPECT_EQ(s.ravel().sizes(), IntArrayRef({1}));
  EXPECT_EQ(s.unfold(0, 1, 1).sizes(), IntArrayRef({1}));
  EXPECT_EQ(s.unfold(0, 1, 1).strides(), IntArrayRef({1}));
  EXPECT_EQ(s.movedim(0, 0).dim(), 0);
  EXPECT_EQ(s.flip({0}).item<double>(), 4.0);
  EXPECT_EQ(s.roll({3}).item<double>(), 4.0);
  EXPECT_EQ(s.roll({3}).dim(), 0);
  EXPECT_EQ(s.repeat({2, 2}).sizes(), IntArrayRef({2, 2}));
  EXPECT_EQ(values(s.repeat_interleave(3)), (std::vector<double>{4, 4, 4}));
  EXPECT_TRUE(throws_as<IndexError>([&] { s.repeat_interleave(3, 0); }));
  EXPECT_EQ(error_of([&] { s.repeat_interleave(3, 0); }),
            "Dimension specified as 0 but tensor has no dimensions");
  EXPECT_EQ(error_of([&] { ones({1, 2}).squeeze({0, -2}); }),
            "dim 0 appears multiple times in the list of dims");

  Tensor e = empty({2, 0, 3});
  EXPECT_EQ(e.transpose(0, 2).sizes(), IntArrayRef({3, 0, 2}));
  EXPECT_EQ(e.reshape({0, 5}).sizes(), IntArrayRef({0, 5}));
  EXPECT_EQ(e.flatten().sizes(), IntArrayRef({0}));
  EXPECT_EQ(e.flip({0, 1}).sizes(), IntArrayRef({2, 0, 3}));
  EXPECT_EQ(e.roll({1}, {2}).sizes(), IntArrayRef({2, 0, 3}));
  EXPECT_EQ(e.roll({1}).sizes(), IntArrayRef({2, 0, 3}));
  EXPECT_EQ(e.repeat({2, 2, 2}).sizes(), IntArrayRef({4, 0, 6}));
  EXPECT_EQ(e.repeat_interleave(2, 2).sizes(), IntArrayRef({2, 0, 6}));
  EXPECT_EQ(e.diagonal(0, 0, 2).sizes(), IntArrayRef({0, 2}));
  EXPECT_EQ(cat({e, e}, 1).sizes(), IntArrayRef({2, 0, 3}));
  EXPECT_EQ(stack({e, e}, 3).sizes(), IntArrayRef({2, 0, 3, 2}));
  EXPECT_EQ(e.unbind(1).size(), 0u);
}

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

TEST(ShapeOps, BroadcastAndMeshgrid) {
  EXPECT_EQ(broadcast_shapes({{2, 1}, {3}, {1, 1, 1}}), (DimVector{1, 2, 3}));
  EXPECT_EQ(broadcast_shapes({{0, 1}, {1, 4}}), (DimVector{0, 4}));
  EXPECT_EQ(broadcast_shapes({}), DimVector{});
  EXPECT_EQ(error_of([&] { broadcast_shapes({{2, 3}, {4}}); }),
            "Shape mismatch: objects cannot be broadcast to a single shape");
  auto bt = broadcast_tensors({ones({2, 1}), iota_tensor(3, kFloat), scalar_tensor(1.0)});
  ASSERT_EQ(bt.size(), 3u);
  for (const auto& t : bt) EXPECT_EQ(t.sizes(), IntArrayRef({2, 3}));
  EXPECT_EQ(bt[0].strides(), IntArrayRef({1, 0}));
  EXPECT_EQ(bt[1].strides(), IntArrayRef({0, 1}));
  EXPECT_EQ(bt[2].strides(), IntArrayRef({0, 0}));
  EXPECT_EQ(error_of([&] { broadcast_tensors({ones({2, 3}), ones({4})}); }),
            "The size of tensor a (3) must match the size of tensor b (4) at non-singleton "
            "dimension 1");

  Tensor xs = iota_tensor(3, kFloat), ys = tensor({10.f, 11.f});
  auto ij = meshgrid({xs, ys}, "ij");
  EXPECT_EQ(ij[0].sizes(), IntArrayRef({3, 2}));
  EXPECT_EQ(ij[0].strides(), IntArrayRef({1, 0}));
  EXPECT_EQ(values(ij[0]), (std::vector<double>{0, 0, 1, 1, 2, 2}));
  EXPECT_EQ(values(ij[1]), (std::vector<double>{10, 11, 10, 11, 10, 11}));
  EXPECT_TRUE(shares_storage(ij[0], xs));
  auto xy = meshgrid({xs, ys, scalar_tensor(5.0)}, "xy");
  EXPECT_EQ(xy[0].sizes(), IntArrayRef({2, 3, 1}));
  EXPECT_EQ(xy[0].strides(), IntArrayRef({0, 1, 1}));
  EXPECT_EQ(xy[1].strides(), IntArrayRef({1, 0, 1}));
  EXPECT_EQ(xy[2].strides(), IntArrayRef({0, 0, 1}));
  EXPECT_EQ(values(xy[0]), (std::vector<double>{0, 1, 2, 0, 1, 2}));
  EXPECT_EQ(values(xy[1]), (std::vector<double>{10, 10, 10, 11, 11, 11}));
  EXPECT_EQ(values(xy[2]), (std::vector<double>{5, 5, 5, 5, 5, 5}));
  EXPECT_EQ(error_of([&] { meshgrid({xs}, "foo"); }),
            "torch.meshgrid: indexing must be one of \"xy\" or \"ij\", but received: foo");
  EXPECT_EQ(error_of([&] { meshgrid(std::vector<Tensor>{}); }), "meshgrid expects a non-empty TensorList");
  EXPECT_EQ(error_of([&] { meshgrid({xs, iota_tensor(2)}); }),
            "meshgrid expects all tensors to have the same dtype");
  EXPECT_EQ(error_of([&] { meshgrid({ones({2, 2})}); }).rfind(
                "torch.meshgrid: Expected 0D or 1D tensor in the tensor list but got: ", 0),
            0u);
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
