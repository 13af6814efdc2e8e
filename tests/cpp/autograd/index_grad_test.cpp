// Derivatives of the indexing ops: advanced indexing and index_put, gather /
// scatter, index_select/add/copy/fill, the masked ops, take/put. gradcheck and
// gradgradcheck on float64, node names, and PyTorch's values where indices
// repeat or masks leave positions out (gen_grad_conventions.py).
#include "grad_test_utils.h"

namespace wick {
namespace {

using namespace grad_test;
using indexing::Slice;

Tensor longs(const std::vector<int64_t>& v) { return tensor(v, TensorOptions(kLong)); }

TEST(IndexGrad, AdvancedIndex) {
  Tensor x = rnd({4, 3}, -1, 1, 1);
  Tensor i = longs({0, 2, 0}), j = longs({1, 1, 2});
  Tensor mask = tensor({true, false, true, true});
  check_both("x[i]", [&](const variable_list& in) { return in[0].index({i}); }, {x});
  check_both("x[i, j]", [&](const variable_list& in) { return in[0].index({i, j}); }, {x});
  check_both("x[:, j]", [&](const variable_list& in) { return in[0].index({Slice(), j}); }, {x});
  check_both("x[mask]", [&](const variable_list& in) { return in[0].index({mask}); }, {x});
  check_both("x[2-d index]", [&](const variable_list& in) { return in[0].index({i.view({3, 1})}); }, {x});
  Tensor xt = rnd({3, 4}, -1, 1, 2).detach().t().requires_grad_();
  check_both("transposed x[mask]", [&](const variable_list& in) { return in[0].index({mask}); }, {xt});
  EXPECT_EQ(node_name(x.index({i})), "IndexBackward0");
  EXPECT_EQ(node_name(x.index({mask})), "IndexBackward0");
  // Repeated indices accumulate.
  auto g = grads_of([&](const variable_list& in) { return in[0].index({longs({0, 2, 0})}); },
                    {leaf({1, 2, 3})});
  EXPECT_TRUE(same_values(g[0], {2, 0, 1}));
}

// x[...] and x.alias() are views with their own AliasBackward0 node (they once
// returned tensors without history).
TEST(IndexGrad, EllipsisAndAliasKeepHistory) {
  Tensor x = rnd({2, 3}, -1, 1, 7);
  check_both("x[...]", [](const variable_list& in) { return in[0].index({"..."}); }, {x});
  check_both("alias(x)", [](const variable_list& in) { return alias(in[0]); }, {x});
  Tensor leaf = rnd({2}, -1, 1, 8).requires_grad_();
  Tensor a = leaf.index({"..."});
  ASSERT_TRUE(a.grad_fn());
  EXPECT_EQ(a.grad_fn()->name(), "AliasBackward0");
  EXPECT_EQ(alias(leaf * 2).grad_fn()->name(), "AliasBackward0");
  EXPECT_TRUE(alias(leaf).is_view());
}

TEST(IndexGrad, IndexPut) {
  Tensor x = rnd({4, 3}, -1, 1, 3);
  Tensor i = longs({0, 2}), j = longs({1, 2});
  Tensor mask = tensor({true, false, true, true});
  for (bool acc : {false, true}) {
    SCOPED_TRACE(acc);
    check_both("index_put rows", [&](const variable_list& in) { return index_put(in[0], {i}, in[1], acc); },
               {x, rnd({2, 3}, -1, 1, 4)});
    check_both("index_put broadcast", [&](const variable_list& in) { return index_put(in[0], {i}, in[1], acc); },
               {x, rnd({3}, -1, 1, 5)});
    check_both("index_put pairs", [&](const variable_list& in) { return index_put(in[0], {i, j}, in[1], acc); },
               {x, rnd({2}, -1, 1, 6)});
    check_both("index_put mask", [&](const variable_list& in) { return index_put(in[0], {mask}, in[1], acc); },
               {x, rnd({3, 3}, -1, 1, 7)});
    check_both("index_put_ view", [&](const variable_list& in) {
      Tensor y = in[0] * 1;
      y.narrow(1, 0, 2).index_put_({i}, in[1], acc);
      return y;
    }, {x, rnd({2, 2}, -1, 1, 8)});
  }
  // Setting items: x[mask] = 0-dim tensor, x[i] = tensor.
  check_both("set_item mask", [&](const variable_list& in) {
    Tensor y = in[0] * 1;
    y.index_put_({mask}, in[1]);
    return y;
  }, {x, rnd({}, -1, 1, 9)});
  check_both("set_item scalar", [&](const variable_list& in) {
    Tensor y = in[0] * 1;
    y.index_put_({mask}, 1.5);
    return y;
  }, {x});
  Tensor v = rnd({2, 3}, -1, 1, 10);
  EXPECT_EQ(node_name(index_put(x, {i}, v)), "IndexPutBackward0");
  Tensor y = x * 1;
  y.index_put_({i}, v);
  EXPECT_EQ(node_name(y), "IndexPutBackward0");
  // PyTorch: without accumulate, every copy of a repeated index passes g to
  // values and self's overwritten positions get 0.
  const std::vector<double> w = {1, 2, 3, 4};
  auto weighted = [&](bool acc) {
    return [&, acc](const variable_list& in) {
      return index_put(in[0], {longs({0, 2, 0})}, in[1], acc) * tensor(w, TensorOptions(kDouble));
    };
  };
  auto g = grads_of(weighted(false), {leaf({1, 2, 3, 4}), leaf({10, 20, 30})});
  EXPECT_TRUE(same_values(g[0], {0, 2, 0, 4}));
  EXPECT_TRUE(same_values(g[1], {1, 3, 1}));
  auto ga = grads_of(weighted(true), {leaf({1, 2, 3, 4}), leaf({10, 20, 30})});
  EXPECT_TRUE(same_values(ga[0], {1, 2, 3, 4}));
  EXPECT_TRUE(same_values(ga[1], {1, 3, 1}));
}

TEST(IndexGrad, GatherScatter) {
  Tensor x = rnd({3, 4}, -1, 1, 11);
  Tensor idx = longs({0, 1, 3, 2, 2, 0}).view({3, 2});
  Tensor uniq = longs({0, 1, 2, 2, 0, 1}).view({2, 3});  // distinct along dim 0 per column
  check_both("gather", [&](const variable_list& in) { return in[0].gather(1, idx); }, {x});
  check_both("gather dim 0", [&](const variable_list& in) { return in[0].gather(0, uniq); }, {x});
  Tensor xt = rnd({4, 3}, -1, 1, 12).detach().t().requires_grad_();
  check_both("gather transposed", [&](const variable_list& in) { return in[0].gather(-1, idx); }, {xt});
  Tensor src = rnd({3, 2}, -1, 1, 13);
  check_both("scatter src", [&](const variable_list& in) { return in[0].scatter(1, idx, in[1]); }, {x, src});
  check_both("scatter value", [&](const variable_list& in) { return in[0].scatter(1, idx, 2.5); }, {x});
  check_both("scatter_add", [&](const variable_list& in) { return scatter_add(in[0], 1, idx, in[1]); }, {x, src});
  check_both("scatter_ view", [&](const variable_list& in) {
    Tensor y = in[0] * 1;
    y.narrow(0, 0, 3).scatter_(1, idx, in[1]);
    return y;
  }, {x, src});
  check_both("scatter_add_", [&](const variable_list& in) {
    Tensor y = in[0] * 1;
    y.scatter_add_(1, idx, in[1]);
    return y;
  }, {x, src});
  check_both("scatter_ value", [&](const variable_list& in) {
    Tensor y = in[0] * 1;
    y.scatter_(0, uniq, -1.0);
    return y;
  }, {x});
  EXPECT_EQ(node_name(x.gather(1, idx)), "GatherBackward0");
  EXPECT_EQ(node_name(x.scatter(1, idx, src)), "ScatterBackward0");
  EXPECT_EQ(node_name(x.scatter(1, idx, 1.5)), "ScatterBackward1");
  EXPECT_EQ(node_name(scatter_add(x, 1, idx, src)), "ScatterAddBackward0");
  // scatter with reduce= has no derivative, as in PyTorch.
  Tensor r = x.scatter(1, idx, src, "add");
  try {
    r.sum().backward();
    ADD_FAILURE() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()), "derivative for aten::scatter is not implemented");
  }
}

TEST(IndexGrad, ScatterReduce) {
  Tensor x = rnd({3, 4}, -1, 1, 14);
  Tensor idx = longs({0, 1, 3, 3, 2, 0}).view({3, 2});
  Tensor src = rnd({3, 2}, -1, 1, 15);
  for (const char* reduce : {"sum", "mean", "amax", "amin"}) {
    for (bool include_self : {true, false}) {
      SCOPED_TRACE(std::string(reduce) + (include_self ? " with self" : " without self"));
      check_both("scatter_reduce", [&](const variable_list& in) {
        return scatter_reduce(in[0], 1, idx, in[1], reduce, include_self);
      }, {x, src});
      check_both("scatter_reduce_", [&](const variable_list& in) {
        Tensor y = in[0] * 1;
        y.scatter_reduce_(1, idx, in[1], reduce, include_self);
        return y;
      }, {x, src});
    }
  }
  EXPECT_EQ(node_name(scatter_reduce(x, 1, idx, src, "sum")), "ScatterReduceBackward0");
  // Values from PyTorch: ties in amax/amin share the gradient.
  const Tensor w = tensor({1., 2., 3., 4., 5., 6.}, TensorOptions(kDouble)).view({2, 3});
  const Tensor i2 = longs({0, 1, 2, 2}).view({2, 2});
  struct Case {
    const char* reduce;
    bool include_self;
    std::vector<double> gs, gsrc;
  };
  const std::vector<Case> cases = {
      {"sum", true, {1, 2, 3, 4, 5, 6}, {1, 2, 6, 6}},
      {"sum", false, {0, 0, 3, 4, 5, 0}, {1, 2, 6, 6}},
      {"mean", true, {0.5, 1, 3, 4, 5, 2}, {0.5, 1, 2, 2}},
      {"mean", false, {0, 0, 3, 4, 5, 0}, {1, 2, 3, 3}},
      {"amax", true, {0, 2, 3, 4, 5, 0}, {1, 0, 0, 6}},
      {"amax", false, {0, 0, 3, 4, 5, 0}, {1, 2, 0, 6}},
      {"amin", true, {1, 0, 3, 4, 5, 6}, {0, 2, 0, 0}},
      {"amin", false, {0, 0, 3, 4, 5, 0}, {1, 2, 6, 0}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(std::string(c.reduce) + (c.include_self ? " with self" : " without self"));
    auto g = grads_of([&](const variable_list& in) {
      return scatter_reduce(in[0], 1, i2, in[1], c.reduce, c.include_self) * w;
    }, {leaf({1, 5, 2, 3, 3, 0}).detach().view({2, 3}).requires_grad_(),
        leaf({5, 1, 3, 7}).detach().view({2, 2}).requires_grad_()});
    EXPECT_TRUE(same_values(g[0], c.gs));
    EXPECT_TRUE(same_values(g[1], c.gsrc));
  }
  // prod: see missing_grad_test.cpp (values with zeros, gradcheck).
  EXPECT_EQ(node_name(scatter_reduce(x, 1, idx, src, "prod")), "ScatterReduceBackward0");
}

TEST(IndexGrad, IndexSelectAddCopyFill) {
  Tensor x = rnd({4, 3}, -1, 1, 16);
  Tensor i = longs({2, 0, 2});
  Tensor u = longs({3, 0});
  check_both("index_select", [&](const variable_list& in) { return in[0].index_select(0, i); }, {x});
  check_both("index_select dim 1", [&](const variable_list& in) { return in[0].index_select(-1, i); }, {x});
  check_both("index_select 0-dim", [&](const variable_list& in) { return in[0].index_select(0, zeros({}, TensorOptions(kLong))); },
             {rnd({}, -1, 1, 17)});
  Tensor xt = rnd({3, 4}, -1, 1, 18).detach().t().requires_grad_();
  check_both("index_select transposed", [&](const variable_list& in) { return in[0].index_select(1, i); }, {xt});
  check_both("index_add", [&](const variable_list& in) { return index_add(in[0], 0, i, in[1], 0.5); },
             {x, rnd({3, 3}, -1, 1, 19)});
  check_both("index_add_", [&](const variable_list& in) {
    Tensor y = in[0] * 1;
    y.index_add_(1, longs({0, 2}), in[1]);
    return y;
  }, {x, rnd({4, 2}, -1, 1, 20)});
  check_both("index_copy", [&](const variable_list& in) { return index_copy(in[0], 0, u, in[1]); },
             {x, rnd({2, 3}, -1, 1, 21)});
  check_both("index_copy_ view", [&](const variable_list& in) {
    Tensor y = in[0] * 1;
    y.narrow(1, 1, 2).index_copy_(0, u, in[1]);
    return y;
  }, {x, rnd({2, 2}, -1, 1, 22)});
  check_both("index_fill", [&](const variable_list& in) { return in[0].index_fill(1, i, -2.0); }, {x});
  check_both("index_fill tensor", [&](const variable_list& in) { return index_fill(in[0], 0, i, in[1]); },
             {x, rnd({}, -1, 1, 23)});
  check_both("index_fill_", [&](const variable_list& in) {
    Tensor y = in[0] * 1;
    index_fill_(y, 0, u, in[1]);
    return y;
  }, {x, rnd({}, -1, 1, 24)});
  EXPECT_EQ(node_name(x.index_select(0, i)), "IndexSelectBackward0");
  EXPECT_EQ(node_name(index_add(x, 0, i, x.index_select(0, i))), "IndexAddBackward0");
  EXPECT_EQ(node_name(index_copy(x, 0, u, x.index_select(0, u))), "IndexCopyBackward0");
  EXPECT_EQ(node_name(x.index_fill(0, i, 1.0)), "IndexFillBackward0");
  EXPECT_EQ(node_name(index_fill(x, 0, i, tensor(1.0, TensorOptions(kDouble)))), "IndexFillBackward1");
  // Values from PyTorch (repeated index 0 in index_copy; index_fill's value
  // sums g over the filled positions once each).
  const Tensor w = tensor({1., 2., 3., 4.}, TensorOptions(kDouble));
  auto gc = grads_of([&](const variable_list& in) { return index_copy(in[0], 0, longs({0, 2, 0}), in[1]) * w; },
                     {leaf({1, 2, 3, 4}), leaf({10, 20, 30})});
  EXPECT_TRUE(same_values(gc[0], {0, 2, 0, 4}));
  EXPECT_TRUE(same_values(gc[1], {1, 3, 1}));
  auto gf = grads_of([&](const variable_list& in) { return index_fill(in[0], 0, longs({0, 2, 0}), in[1]) * w; },
                     {leaf({1, 2, 3, 4}), rnd({}, 5, 5, 40)});
  EXPECT_TRUE(same_values(gf[0], {0, 2, 0, 4}));
  EXPECT_TRUE(same_values(gf[1], {4}));
}

TEST(IndexGrad, Masked) {
  Tensor x = rnd({3, 4}, -1, 1, 25);
  Tensor mask = tensor({true, false, true, true, false, false, true, false, true, true, true, false}).view({3, 4});
  Tensor row = tensor({true, false, false, true});
  check_both("masked_fill", [&](const variable_list& in) { return in[0].masked_fill(mask, 0.5); }, {x});
  check_both("masked_fill broadcast", [&](const variable_list& in) { return in[0].masked_fill(row, 0.5); }, {x});
  check_both("masked_fill tensor", [&](const variable_list& in) { return in[0].masked_fill(mask, in[1]); },
             {x, rnd({}, -1, 1, 26)});
  check_both("masked_fill_ view", [&](const variable_list& in) {
    Tensor y = in[0] * 1;
    y.select(0, 1).masked_fill_(row, in[1]);
    return y;
  }, {x, rnd({}, -1, 1, 27)});
  check_both("masked_select", [&](const variable_list& in) { return in[0].masked_select(mask); }, {x});
  check_both("masked_select broadcast", [&](const variable_list& in) { return in[0].masked_select(row); },
             {rnd({4}, -1, 1, 28)});
  Tensor xt = rnd({4, 3}, -1, 1, 29).detach().t().requires_grad_();
  check_both("masked_select transposed", [&](const variable_list& in) { return in[0].masked_select(mask); }, {xt});
  check_both("masked_scatter", [&](const variable_list& in) { return in[0].masked_scatter(mask, in[1]); },
             {x, rnd({3, 3}, -1, 1, 30)});
  check_both("masked_scatter_", [&](const variable_list& in) {
    Tensor y = in[0] * 1;
    y.masked_scatter_(row, in[1]);
    return y;
  }, {x, rnd({7}, -1, 1, 31)});
  EXPECT_EQ(node_name(x.masked_fill(mask, 1.0)), "MaskedFillBackward0");
  EXPECT_EQ(node_name(x.masked_fill(mask, tensor(1.0, TensorOptions(kDouble)))), "MaskedFillBackward1");
  EXPECT_EQ(node_name(x.masked_select(mask)), "MaskedSelectBackward0");
  EXPECT_EQ(node_name(x.masked_scatter(mask, x)), "MaskedScatterBackward0");
  Tensor y = x * 1;
  EXPECT_EQ(node_name(y.masked_fill_(mask, 1.0)), "MaskedFillBackward0");
  // Values from PyTorch: source elements past the mask's count get 0.
  const Tensor w = tensor({1., 2., 3., 4.}, TensorOptions(kDouble));
  const Tensor m = tensor({true, false, true, true});
  auto gs = grads_of([&](const variable_list& in) { return in[0].masked_scatter(m, in[1]) * w; },
                     {leaf({1, 2, 3, 4}), leaf({10, 20, 30, 40})});
  EXPECT_TRUE(same_values(gs[0], {0, 2, 0, 0}));
  EXPECT_TRUE(same_values(gs[1], {1, 3, 4, 0}));
  auto gf = grads_of([&](const variable_list& in) { return in[0].masked_fill(m, in[1]) * w; },
                     {leaf({1, 2, 3, 4}), rnd({}, 5, 5, 40)});
  EXPECT_TRUE(same_values(gf[0], {0, 2, 0, 0}));
  EXPECT_TRUE(same_values(gf[1], {8}));
}

TEST(IndexGrad, TakePut) {
  Tensor x = rnd({3, 4}, -1, 1, 32);
  Tensor i = longs({0, 5, -1, 5});
  check_both("take", [&](const variable_list& in) { return in[0].take(i.view({2, 2})); }, {x});
  Tensor xt = rnd({4, 3}, -1, 1, 33).detach().t().requires_grad_();
  check_both("take transposed", [&](const variable_list& in) { return in[0].take(i); }, {xt});
  Tensor u = longs({1, 6, -2});
  for (bool acc : {false, true}) {
    SCOPED_TRACE(acc);
    check_both("put", [&](const variable_list& in) { return in[0].put(u, in[1], acc); },
               {x, rnd({3}, -1, 1, 34)});
    check_both("put_ view", [&](const variable_list& in) {
      Tensor y = in[0] * 1;
      y.narrow(1, 1, 3).put_(u, in[1], acc);
      return y;
    }, {x, rnd({3}, -1, 1, 35)});
  }
  check_both("put accumulate repeated", [&](const variable_list& in) { return in[0].put(i, in[1], true); },
             {x, rnd({2, 2}, -1, 1, 36)});
  EXPECT_EQ(node_name(x.take(i)), "TakeBackward0");
  EXPECT_EQ(node_name(x.put(u, x.take(u))), "PutBackward0");
  // Values from PyTorch for a repeated index.
  const Tensor w = tensor({1., 2., 3., 4.}, TensorOptions(kDouble));
  auto gp = grads_of([&](const variable_list& in) { return in[0].put(longs({0, 2, 0}), in[1]) * w; },
                     {leaf({1, 2, 3, 4}), leaf({10, 20, 30})});
  EXPECT_TRUE(same_values(gp[0], {0, 2, 0, 4}));
  EXPECT_TRUE(same_values(gp[1], {1, 3, 1}));
  auto gt = grads_of([&](const variable_list& in) { return in[0].take(longs({0, 2, 0})); }, {leaf({1, 2, 3})});
  EXPECT_TRUE(same_values(gt[0], {2, 0, 1}));
}

}  // namespace
}  // namespace wick
