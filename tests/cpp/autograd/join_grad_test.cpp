// Derivatives of the joining and repeating ops: gradcheck and gradgradcheck on
// float64 and PyTorch's node names.
#include "grad_test_utils.h"

namespace wick {
namespace {

using namespace grad_test;

TEST(JoinGrad, CatStack) {
  Tensor a = rnd({2, 3}, -1, 1, 1), b = rnd({2, 1}, -1, 1, 2), c = rnd({2, 2}, -1, 1, 3);
  check_both("cat dim 1", [](const variable_list& in) { return cat({in[0], in[1], in[2]}, 1); }, {a, b, c});
  check_both("cat dim -2", [](const variable_list& in) { return cat({in[0], in[1].t()}, -2); },
             {a, rnd({3, 1}, -1, 1, 4)});
  // A legacy 1-d empty input is skipped; its gradient is empty.
  Tensor e = rnd({0}, -1, 1, 5);
  check_both("cat legacy empty", [](const variable_list& in) { return cat({in[0], in[1]}, 0); }, {a, e});
  check_both("stack", [](const variable_list& in) { return stack({in[0], in[1]}, 1); },
             {a, rnd({2, 3}, -1, 1, 6)});
  check_both("stack -1", [](const variable_list& in) { return stack({in[0], in[1].t()}, -1); },
             {a, rnd({3, 2}, -1, 1, 7)});
  Tensor v = rnd({3}, -1, 1, 8), w = rnd({3}, -1, 1, 9);
  check_both("hstack", [](const variable_list& in) { return hstack({in[0], in[1]}); }, {v, w});
  check_both("vstack", [](const variable_list& in) { return vstack({in[0], in[1]}); }, {v, w});
  check_both("dstack", [](const variable_list& in) { return dstack({in[0], in[1]}); }, {v, w});
  check_both("column_stack", [](const variable_list& in) { return column_stack({in[0], in[1]}); }, {v, w});
  // Mixed dtypes: the float32 input's gradient comes back float32.
  Tensor f = tensor({1.0f, 2.0f}).requires_grad_();
  (cat({f, v}, 0) * rnd({5}, -1, 1, 10).detach()).sum().backward();
  EXPECT_EQ(f.grad().dtype(), kFloat);
  EXPECT_EQ(node_name(cat({a, c}, 1)), "CatBackward0");
  EXPECT_EQ(node_name(stack({v, w})), "StackBackward0");
  EXPECT_EQ(node_name(hstack({v, w})), "CatBackward0");
  EXPECT_EQ(node_name(vstack({v, w})), "CatBackward0");
  EXPECT_EQ(node_name(dstack({v, w})), "CatBackward0");
}

TEST(JoinGrad, Repeat) {
  Tensor a = rnd({2, 3}, -1, 1, 11);
  check_both("repeat", [](const variable_list& in) { return in[0].repeat({2, 1, 3}); }, {a});
  check_both("repeat 1s", [](const variable_list& in) { return in[0].repeat({1, 1}); }, {a});
  check_both("tile", [](const variable_list& in) { return in[0].tile({2}); }, {a});
  Tensor at = rnd({3, 2}, -1, 1, 12).detach().t().requires_grad_();
  check_both("repeat transposed", [](const variable_list& in) { return in[0].repeat({2, 2}); }, {at});
  check_both("repeat_interleave", [](const variable_list& in) { return in[0].repeat_interleave(2); }, {a});
  check_both("repeat_interleave dim",
             [](const variable_list& in) { return in[0].repeat_interleave(3, 1); }, {at});
  Tensor counts = tensor({1, 0, 2}, TensorOptions(kLong));
  check_both("repeat_interleave tensor",
             [&](const variable_list& in) { return in[0].repeat_interleave(counts, 1); }, {a});
  EXPECT_EQ(node_name(a.repeat({2, 2})), "RepeatBackward0");
  EXPECT_EQ(node_name(a.tile({2})), "RepeatBackward0");
  EXPECT_EQ(node_name(a.repeat_interleave(2)), "IndexSelectBackward0");
  EXPECT_EQ(node_name(a.repeat_interleave(counts, 1)), "IndexSelectBackward0");
  // Each source element's gradient counts its copies.
  auto g = grads_of([&](const variable_list& in) { return in[0].repeat_interleave(counts, 0); },
                    {leaf({1, 2, 3})});
  EXPECT_TRUE(same_values(g[0], {1, 0, 2}));
  auto gr = grads_of([](const variable_list& in) { return in[0].repeat({3}); }, {leaf({1, 2})});
  EXPECT_TRUE(same_values(gr[0], {3, 3}));
}

TEST(JoinGrad, FlipRollRot90) {
  Tensor a = rnd({2, 3, 4}, -1, 1, 13);
  check_both("flip", [](const variable_list& in) { return in[0].flip({0, 2}); }, {a});
  check_both("fliplr", [](const variable_list& in) { return in[0].fliplr(); }, {a});
  check_both("flipud", [](const variable_list& in) { return in[0].flipud(); }, {a});
  check_both("roll flat", [](const variable_list& in) { return in[0].roll({5}); }, {a});
  check_both("roll dims", [](const variable_list& in) { return in[0].roll({1, -2}, {0, 2}); }, {a});
  for (int64_t k : {-1, 0, 1, 2, 3, 5}) {
    SCOPED_TRACE(k);
    check_both("rot90", [k](const variable_list& in) { return in[0].rot90(k, {0, 2}); }, {a});
  }
  Tensor at = rnd({3, 2}, -1, 1, 14).detach().t().requires_grad_();
  check_both("flip transposed", [](const variable_list& in) { return in[0].flip({1}); }, {at});
  check_both("roll transposed", [](const variable_list& in) { return in[0].roll({1}, {1}); }, {at});
  EXPECT_EQ(node_name(a.flip({0})), "FlipBackward0");
  EXPECT_EQ(node_name(a.roll({1})), "RollBackward0");
  EXPECT_EQ(node_name(a.roll({1, 1}, {0, 1})), "RollBackward0");
  EXPECT_EQ(node_name(a.rot90(1, {0, 1})), "Rot90Backward0");
  EXPECT_EQ(node_name(a.rot90(0, {0, 1})), "Rot90Backward0");
  EXPECT_EQ(node_name(a.rot90(2, {0, 1})), "Rot90Backward0");
}

TEST(JoinGrad, MeshgridBroadcastTensors) {
  Tensor x = rnd({3}, -1, 1, 15), y = rnd({2}, -1, 1, 16);
  for (const char* indexing : {"ij", "xy"}) {
    SCOPED_TRACE(indexing);
    check_both("meshgrid", [&](const variable_list& in) {
      auto g = meshgrid({in[0], in[1]}, indexing);
      return g[0] * g[1].exp();
    }, {x, y});
  }
  Tensor m = rnd({2, 3}, -1, 1, 17);
  check_both("broadcast_tensors", [](const variable_list& in) {
    auto b = broadcast_tensors({in[0], in[1]});
    return b[0] * b[1] + b[1];
  }, {m, rnd({3}, -1, 1, 18)});
  EXPECT_EQ(node_name(broadcast_tensors({m, x})[1]), "ExpandBackward0");
  EXPECT_EQ(node_name(meshgrid({x, y}, "ij")[0]), "ExpandBackward0");
}

}  // namespace
}  // namespace wick
