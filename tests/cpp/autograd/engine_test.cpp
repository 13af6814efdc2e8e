// The autograd engine: graph building, backward and grad(), higher-order
// gradients, grad modes, version checks, hooks and error messages. Expected
// values are the seed notes' (../shared/seeds/003) and PyTorch 1.13's output.
#include <gtest/gtest.h>

#include <thread>

#include "test_utils.h"
#include "wick/wick.h"

namespace wick {
namespace {

using autograd::variable_list;

Tensor scalar(double v, bool requires_grad = true) {
  Tensor t = tensor({v}).reshape({});
  if (requires_grad) t.requires_grad_();
  return t;
}

double val(const Tensor& t) { return t.item<double>(); }

template <typename F>
std::string error_of(F&& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.what();
  }
  return "no error";
}

TEST(Autograd, SeedBackwardAddMul) {
  Tensor x = scalar(2);
  Tensor a = add(x, 1);
  Tensor b = add(x, 2);
  Tensor y = mul(a, b);
  y.backward();
  EXPECT_TRUE(x.requires_grad() && a.requires_grad() && b.requires_grad() && y.requires_grad());
  EXPECT_TRUE(x.is_leaf());
  EXPECT_FALSE(a.is_leaf() || b.is_leaf() || y.is_leaf());
  EXPECT_DOUBLE_EQ(val(x.grad()), 7.0);
  EXPECT_FALSE(a.grad().defined());
  EXPECT_FALSE(y.grad().defined());
  EXPECT_EQ(y.grad_fn()->name(), "MulBackward0");
  EXPECT_EQ(a.grad_fn()->name(), "AddBackward0");
}

TEST(Autograd, SeedGradRetainGraph) {
  Tensor x = scalar(2), y = scalar(3);
  Tensor z = x * x * y;
  z.backward();
  EXPECT_DOUBLE_EQ(val(x.grad()), 12.0);
  EXPECT_DOUBLE_EQ(val(y.grad()), 4.0);

  Tensor x2 = scalar(2), y2 = scalar(3);
  Tensor z2 = x2 * x2 * y2;
  variable_list gx = autograd::grad({z2}, {x2}, {}, /*retain_graph=*/true);
  variable_list gy = autograd::grad({z2}, {y2});
  EXPECT_DOUBLE_EQ(val(gx[0]), 12.0);
  EXPECT_DOUBLE_EQ(val(gy[0]), 4.0);
  EXPECT_FALSE(x2.grad().defined());  // grad() leaves .grad alone
  EXPECT_EQ(error_of([&] { autograd::grad({z2}, {x2}); }),
            "Trying to backward through the graph a second time (or directly access saved "
            "tensors after they have already been freed). Saved intermediate values of the graph "
            "are freed when you call .backward() or autograd.grad(). Specify retain_graph=True if "
            "you need to backward through the graph a second time or if you need to access saved "
            "tensors after calling backward.");
}

TEST(Autograd, SeedSecondDerivatives) {
  {
    Tensor x = scalar(2), y = scalar(3);
    Tensor z = x * x * y;
    variable_list gx = autograd::grad({z}, {x}, {}, std::nullopt, /*create_graph=*/true);
    EXPECT_DOUBLE_EQ(val(gx[0]), 12.0);
    EXPECT_TRUE(gx[0].requires_grad());
    variable_list gxx = autograd::grad({gx[0]}, {x});
    EXPECT_DOUBLE_EQ(val(gxx[0]), 6.0);
  }
  {  // grad then backward
    Tensor x = scalar(2), y = scalar(3);
    Tensor z = x * x * y;
    variable_list gx = autograd::grad({z}, {x}, {}, std::nullopt, true);
    gx[0].backward();
    EXPECT_DOUBLE_EQ(val(x.grad()), 6.0);
  }
  {  // backward(create_graph) then grad
    Tensor x = scalar(2), y = scalar(3);
    Tensor z = x * x * y;
    z.backward({}, std::nullopt, /*create_graph=*/true);
    EXPECT_DOUBLE_EQ(val(x.grad()), 12.0);
    ASSERT_TRUE(x.grad().grad_fn());
    EXPECT_EQ(x.grad().grad_fn()->name(), "CopyBackwards");
    variable_list gxx = autograd::grad({x.grad()}, {x});
    EXPECT_DOUBLE_EQ(val(gxx[0]), 6.0);
  }
  {  // two backwards, zeroing .grad through .data in between
    Tensor x = scalar(2), y = scalar(3);
    Tensor z = x * x * y;
    z.backward({}, std::nullopt, true);
    x.grad().data().zero_();
    x.grad().backward();
    EXPECT_DOUBLE_EQ(val(x.grad()), 6.0);
    EXPECT_EQ(x.grad().grad_fn()->name(), "CopyBackwards");
  }
  {  // without zeroing: 12 + 6
    Tensor x = scalar(2), y = scalar(3);
    Tensor z = x * x * y;
    z.backward({}, std::nullopt, true);
    x.grad().backward();
    EXPECT_DOUBLE_EQ(val(x.grad()), 18.0);
  }
}

TEST(Autograd, GradientsAccumulateAcrossCalls) {
  Tensor x = scalar(2);
  Tensor z = x * x * 3;
  z.backward({}, /*retain_graph=*/true);
  EXPECT_DOUBLE_EQ(val(x.grad()), 12.0);
  z.backward();
  EXPECT_DOUBLE_EQ(val(x.grad()), 24.0);
  EXPECT_FALSE(x.grad().requires_grad());
  // create_graph accumulation records the sum.
  Tensor w = scalar(2);
  (w * w * 3).backward();
  (w * w).backward({}, std::nullopt, true);
  EXPECT_DOUBLE_EQ(val(w.grad()), 16.0);
  EXPECT_EQ(w.grad().grad_fn()->name(), "AddBackward0");
}

TEST(Autograd, NextFunctionsStructure) {
  Tensor x = tensor({1.0, 2.0}).requires_grad_();
  Tensor y = x * 2;
  const auto& edges = y.grad_fn()->next_edges();
  ASSERT_EQ(edges.size(), 2u);
  ASSERT_TRUE(edges[0].is_valid());
  EXPECT_EQ(edges[0].function->name(), "wick::autograd::AccumulateGrad");
  EXPECT_FALSE(edges[1].is_valid());  // the scalar 2
  // Every use of a leaf shares its one AccumulateGrad.
  Tensor y2 = x + 1;
  EXPECT_EQ(y2.grad_fn()->next_edge(0).function.get(), edges[0].function.get());
  EXPECT_EQ(y.output_nr(), 0);
}

TEST(Autograd, SharedSubexpressionsAndOrder) {
  // y = (x*x) used on three paths, each a different depth.
  Tensor x = scalar(3);
  Tensor s = x * x;
  Tensor a = s * 2;
  Tensor b = (s + 1) * (s - 1);
  Tensor out = a + b + s;
  out.backward();
  // d/dx [2s + s^2 - 1 + s] = (3 + 2s) * 2x with s = 9, x = 3
  EXPECT_DOUBLE_EQ(val(x.grad()), (3 + 2 * 9) * 6.0);
}

TEST(Autograd, MultipleRootsAndGradOutputs) {
  Tensor x = tensor({1.0, 2.0, 3.0}).requires_grad_();
  Tensor y1 = x * 2, y2 = x * x;
  autograd::backward({y1, y2}, {tensor({1.0, 1.0, 1.0}), tensor({1.0, 0.5, 0.0})});
  EXPECT_TENSOR_EQ(x.grad(), tensor({2.0 + 2.0, 2.0 + 2.0, 2.0}));
}

TEST(Autograd, UnusedBranchAndAllowUnused) {
  Tensor x = scalar(1), y = scalar(2), u = scalar(5);
  Tensor z = x * y;
  EXPECT_EQ(error_of([&] { autograd::grad({z}, {x, u}, {}, true); }),
            "One of the differentiated Tensors appears to not have been used in the graph. Set "
            "allow_unused=True if this is the desired behavior.");
  variable_list g = autograd::grad({z}, {x, u}, {}, true, false, /*allow_unused=*/true);
  EXPECT_DOUBLE_EQ(val(g[0]), 2.0);
  EXPECT_FALSE(g[1].defined());
  EXPECT_EQ(error_of([&] { autograd::grad({z}, {tensor({1.0})}); }),
            "One of the differentiated Tensors does not require grad");
  // backward(inputs=) accumulates only into the listed leaves.
  Tensor w = x * y;
  w.backward({}, std::nullopt, false, TensorList{y});
  EXPECT_DOUBLE_EQ(val(y.grad()), 1.0);
  EXPECT_FALSE(x.grad().defined());
}

TEST(Autograd, ErrorMessages) {
  EXPECT_EQ(error_of([] { tensor({1.0, 2.0}).sum().backward(); }),
            "element 0 of tensors does not require grad and does not have a grad_fn");
  EXPECT_EQ(error_of([] { (tensor({1.0, 2.0}).requires_grad_() * 2).backward(); }),
            "grad can be implicitly created only for scalar outputs");
  Tensor x = tensor({1.0, 2.0}).requires_grad_();
  Tensor y = x * 2;
  EXPECT_EQ(error_of([&] { y.backward(ones({3})); }),
            "Mismatch in shape: grad_output[0] has a shape of torch.Size([3]) and output[0] has "
            "a shape of torch.Size([2]).");
  EXPECT_EQ(error_of([] { tensor({1, 2}).requires_grad_(); }),
            "only Tensors of floating point and complex dtype can require gradients");
  EXPECT_EQ(error_of([&] { y.requires_grad_(false); }),
            "you can only change requires_grad flags of leaf variables. If you want to use a "
            "computed variable in a subgraph that doesn't require differentiation use "
            "var_no_grad = var.detach().");
}

TEST(Autograd, InPlaceOnLeafAndNoGrad) {
  Tensor a = tensor({10.0, 5.0, 2.0, 3.0}).requires_grad_();
  EXPECT_EQ(error_of([&] { a.add_(10.0); }),
            "a leaf Variable that requires grad is being used in an in-place operation.");
  EXPECT_EQ(error_of([&] { a.mul_(2.0); }),
            "a leaf Variable that requires grad is being used in an in-place operation.");
  EXPECT_EQ(error_of([&] { a.exp_(); }),
            "a leaf Variable that requires grad is being used in an in-place operation.");
  // The seed's ways around it: .data, detach(), no_grad.
  TensorImpl* before = a.unsafeGetTensorImpl();
  a.data().fill_(10.0);
  EXPECT_EQ(a.unsafeGetTensorImpl(), before);
  EXPECT_TRUE(a.is_leaf() && a.requires_grad());
  Tensor loss = (a * a).sum() / 4.0;
  loss.backward();
  EXPECT_TENSOR_EQ(a.grad(), tensor({5.0, 5.0, 5.0, 5.0}));
  a.detach().fill_(1.0);
  {
    NoGradGuard g;
    a.mul_(3.0);
    EXPECT_FALSE((a * 2).requires_grad());
  }
  EXPECT_TENSOR_EQ(a.detach(), tensor({3.0, 3.0, 3.0, 3.0}));
  EXPECT_TRUE(a.is_leaf());
}

TEST(Autograd, VersionCounterChecks) {
  Tensor x = tensor({1.0, 2.0}).requires_grad_();
  Tensor y = x.exp();
  y.add_(1);
  EXPECT_EQ(y._version(), 1u);
  EXPECT_EQ(error_of([&] { y.sum().backward(); }),
            "one of the variables needed for gradient computation has been modified by an "
            "inplace operation: [torch.FloatTensor [2]], which is output 0 of ExpBackward0, is at "
            "version 1; expected version 0 instead. Hint: enable anomaly detection to find the "
            "operation that failed to compute its gradient, with "
            "wick.autograd.set_detect_anomaly(True).");
  Tensor w = tensor({1.0, 2.0}).requires_grad_();
  Tensor z = w * w;
  {
    NoGradGuard g;
    w.mul_(2);
  }
  EXPECT_EQ(error_of([&] { z.sum().backward(); }),
            "one of the variables needed for gradient computation has been modified by an "
            "inplace operation: [torch.FloatTensor [2]] is at version 1; expected version 0 "
            "instead. Hint: enable anomaly detection to find the operation that failed to compute "
            "its gradient, with wick.autograd.set_detect_anomaly(True).");
  // detach() shares the counter (writes are caught); .data does not.
  Tensor p = tensor({1.0, 2.0}).requires_grad_();
  Tensor q = p.sigmoid();
  q.detach().zero_();
  EXPECT_NE(error_of([&] { q.sum().backward(); }), "no error");
  Tensor p2 = tensor({1.0, 2.0}).requires_grad_();
  Tensor q2 = p2.sigmoid();
  q2.data().fill_(0.5);  // unseen: backward uses the new values
  q2.sum().backward();
  EXPECT_TENSOR_EQ(p2.grad(), tensor({0.25, 0.25}));
}

TEST(Autograd, InPlaceOnNonLeafRebasesHistory) {
  Tensor x = tensor({1.0, 2.0}).requires_grad_();
  Tensor b = x * 3;
  Tensor c = b.detach().clone();
  b.mul_(c);  // b = 3x * c, c = 3x held constant
  EXPECT_EQ(b.grad_fn()->name(), "MulBackward0");
  b.add_(x);
  EXPECT_EQ(b.grad_fn()->name(), "AddBackward0");
  b.sum().backward();
  // d/dx [3x * c + x] = 3c + 1, c = 3x
  EXPECT_TENSOR_EQ(x.grad(), tensor({10.0, 19.0}));
  // A leaf without requires_grad becomes a non-leaf when it absorbs one that does.
  Tensor acc = zeros({2});
  acc.add_(x, 2.0);
  EXPECT_FALSE(acc.is_leaf());
  EXPECT_TRUE(acc.requires_grad());
}

TEST(Autograd, GradModeGuards) {
  Tensor x = scalar(1);
  EXPECT_TRUE(autograd::GradMode::is_enabled());
  {
    NoGradGuard g;
    EXPECT_FALSE(autograd::GradMode::is_enabled());
    Tensor y = x * 2;
    EXPECT_FALSE(y.requires_grad());
    EXPECT_TRUE(y.is_leaf());
    {
      AutoGradMode enable(true);
      EXPECT_TRUE((x * 2).requires_grad());
    }
  }
  {
    InferenceMode g;
    EXPECT_TRUE(InferenceMode::is_enabled());
    EXPECT_FALSE((x * 2).requires_grad());
  }
  EXPECT_FALSE(InferenceMode::is_enabled());
  // Grad mode is per thread.
  bool other_thread = false;
  {
    NoGradGuard g;
    std::thread t([&] { other_thread = autograd::GradMode::is_enabled(); });
    t.join();
  }
  EXPECT_TRUE(other_thread);
}

TEST(Autograd, TensorHooks) {
  Tensor x = tensor({1.0, 2.0}).requires_grad_();
  Tensor y = x * 2;
  Tensor seen;
  unsigned h1 = y.register_hook([&](const Tensor& g) { seen = g.clone(); });
  y.register_hook([](const Tensor& g) { return g * 10; });
  (y * y).sum().backward();  // dy = 2y = [4, 8]
  EXPECT_TENSOR_EQ(seen, tensor({4.0, 8.0}));
  EXPECT_TENSOR_EQ(x.grad(), tensor({80.0, 160.0}));
  // Removed hooks no longer run; hooks on leaves see the leaf's gradient.
  Tensor x2 = tensor({1.0, 2.0}).requires_grad_();
  Tensor y2 = x2 * 2;
  int calls = 0;
  unsigned h = y2.register_hook([&](const Tensor&) { ++calls; });
  y2.remove_hook(h);
  x2.register_hook([](const Tensor& g) { return g + 1; });
  y2.sum().backward();
  EXPECT_EQ(calls, 0);
  EXPECT_TENSOR_EQ(x2.grad(), tensor({3.0, 3.0}));
  (void)h1;
  EXPECT_EQ(error_of([] { tensor({1.0}).register_hook([](const Tensor&) {}); }),
            "cannot register a hook on a tensor that doesn't require gradient");
  // Post-accumulate hooks see the leaf after its .grad was updated.
  Tensor w = tensor({1.0}).requires_grad_();
  double after = 0;
  w.register_post_accumulate_grad_hook([&](const Tensor& t) { after = val(t.grad()); });
  (w * 5).sum().backward();
  EXPECT_DOUBLE_EQ(after, 5.0);
}

TEST(Autograd, RetainGrad) {
  Tensor x = tensor({1.0, 2.0}).requires_grad_();
  Tensor y = x * 3;
  y.retain_grad();
  EXPECT_TRUE(y.retains_grad());
  Tensor z = (y * y).sum();
  z.backward({}, true);
  EXPECT_TENSOR_EQ(y.grad(), tensor({6.0, 12.0}));
  z.backward();
  EXPECT_TENSOR_EQ(y.grad(), tensor({12.0, 24.0}));
  EXPECT_FALSE(x.retains_grad());
}

TEST(Autograd, NodeHooks) {
  Tensor x = tensor({1.0, 2.0}).requires_grad_();
  Tensor y = x * 2;
  variable_list pre_seen, post_in;
  y.grad_fn()->register_prehook([&](const variable_list& g) {
    pre_seen = g;
    return variable_list{g[0] * 0.5};
  });
  y.grad_fn()->register_hook([&](const variable_list& grad_inputs, const variable_list&) {
    post_in = grad_inputs;
    return variable_list{};
  });
  y.sum().backward();
  EXPECT_TENSOR_EQ(pre_seen[0], tensor({1.0, 1.0}));
  EXPECT_TENSOR_EQ(post_in[0], tensor({1.0, 1.0}));
  EXPECT_TENSOR_EQ(x.grad(), tensor({1.0, 1.0}));
}

TEST(Autograd, BroadcastGradientsReduceToInputShape) {
  Tensor a = ones({2, 3}).requires_grad_();
  Tensor b = tensor({1.0, 2.0, 3.0}).requires_grad_();
  Tensor c = tensor({2.0}).reshape({1, 1}).requires_grad_();
  ((a * b) * c).sum().backward();
  EXPECT_TENSOR_EQ(b.grad(), tensor({4.0, 4.0, 4.0}));
  EXPECT_TENSOR_EQ(c.grad(), tensor({12.0}).reshape({1, 1}));
  EXPECT_TENSOR_EQ(a.grad(), tensor({2.0, 4.0, 6.0, 2.0, 4.0, 6.0}).reshape({2, 3}));
}

TEST(Autograd, DtypeConversionsCarryGradients) {
  Tensor x = tensor({1.0f, 2.0f}).requires_grad_();
  Tensor d = x.to(kDouble);
  EXPECT_EQ(d.grad_fn()->name(), "ToCopyBackward0");
  (d * d).sum().backward();
  EXPECT_EQ(x.grad().dtype(), kFloat);
  EXPECT_TENSOR_EQ(x.grad(), tensor({2.0f, 4.0f}));
  EXPECT_FALSE(x.to(kLong).requires_grad());
  Tensor c = x.clone();
  EXPECT_EQ(c.grad_fn()->name(), "CloneBackward0");
}

TEST(Autograd, UnaryFormulas) {
  Tensor x = tensor({0.5, 1.5}).requires_grad_();
  struct Case {
    const char* name;
    std::function<Tensor(const Tensor&)> f;
    std::function<Tensor(const Tensor&)> df;
  };
  std::vector<Case> cases = {
      {"ExpBackward0", [](const Tensor& t) { return t.exp(); }, [](const Tensor& t) { return t.exp(); }},
      {"LogBackward0", [](const Tensor& t) { return t.log(); }, [](const Tensor& t) { return 1 / t; }},
      {"SinBackward0", [](const Tensor& t) { return t.sin(); }, [](const Tensor& t) { return t.cos(); }},
      {"TanhBackward0", [](const Tensor& t) { return t.tanh(); },
       [](const Tensor& t) { return 1 - t.tanh() * t.tanh(); }},
      {"SigmoidBackward0", [](const Tensor& t) { return t.sigmoid(); },
       [](const Tensor& t) { return t.sigmoid() * (1 - t.sigmoid()); }},
      {"SqrtBackward0", [](const Tensor& t) { return t.sqrt(); },
       [](const Tensor& t) { return 0.5 / t.sqrt(); }},
      {"NegBackward0", [](const Tensor& t) { return -t; }, [](const Tensor& t) { return -ones_like(t); }},
      {"ReluBackward0", [](const Tensor& t) { return (t - 1).relu(); },
       [](const Tensor& t) { return (t > 1).to(t.dtype()); }},
  };
  for (auto& c : cases) {
    Tensor xi = x.detach().clone().requires_grad_();
    Tensor y = c.f(xi);
    if (std::string(c.name) != "ReluBackward0") EXPECT_EQ(y.grad_fn()->name(), c.name);
    y.sum().backward();
    EXPECT_TENSOR_CLOSE(xi.grad(), c.df(x.detach()), 1e-12, 1e-12) << c.name;
  }
}

TEST(Autograd, AnomalyModeNamesTheNode) {
  autograd::DetectAnomalyGuard guard;
  Tensor x = tensor({1.0, 2.0}).requires_grad_();
  Tensor y = (x - 1).sqrt() * 0;
  // Note [Anomaly trace]: what the forward op saw stands in for PyTorch's traceback.
  EXPECT_EQ(error_of([&] { div(y, y).sum().backward(); }),
            "Function 'DivBackward0' returned nan values in its 1th output.\n"
            "Forward call that created DivBackward0: inputs Float[2] from MulBackward0, "
            "Float[2] from MulBackward0");
}

TEST(Autograd, AnomalyModeNamesTheNodeThatRaised) {
  Tensor w = tensor({0.5, 2.0}, TensorOptions(kDouble));
  Tensor idx = tensor({0L, 0L});
  auto run = [&] {
    Tensor x = tensor({1.0, 2.0}, TensorOptions(kDouble)).requires_grad_();
    (x * 2).scatter(0, idx, w, "add").sum().backward();
  };
  EXPECT_EQ(error_of(run), "derivative for aten::scatter is not implemented");
  autograd::DetectAnomalyGuard guard;
  EXPECT_EQ(error_of(run),
            "derivative for aten::scatter is not implemented\n\nError detected in "
            "wick::autograd::NotImplemented. Forward call that created "
            "wick::autograd::NotImplemented: inputs Double[2] from MulBackward0, "
            "Double[2] (constant)");
  // Off again: nothing is recorded.
  autograd::AnomalyMode::set_enabled(false);
  Tensor z = tensor({1.0}).requires_grad_() * 2;
  EXPECT_TRUE(z.grad_fn()->anomaly_trace().empty());
}

TEST(Autograd, IndependentGraphsOnThreads) {
  std::vector<double> results(4);
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([i, &results] {
      Tensor x = scalar(i + 1);
      Tensor y = x;
      for (int k = 0; k < 200; ++k) y = y * 1.01 + x;
      y.backward();
      results[i] = val(x.grad());
    });
  }
  for (auto& t : threads) t.join();
  for (int i = 1; i < 4; ++i) EXPECT_DOUBLE_EQ(results[i], results[0]);
}

TEST(Autograd, DeepGraphsDoNotOverflowTheStack) {
  Tensor x = scalar(1);
  Tensor y = x;
  for (int i = 0; i < 200000; ++i) y = y + 0.0;
  y.backward();
  EXPECT_DOUBLE_EQ(val(x.grad()), 1.0);
  // Dropping the last handle tears the chain down without recursion.
  Tensor z = x;
  for (int i = 0; i < 200000; ++i) z = z * 1.0;
  z.reset();
  SUCCEED();
}

TEST(Autograd, SavedOutputsDoNotKeepTheirNodeAlive) {
  std::weak_ptr<autograd::Node> weak;
  {
    Tensor x = tensor({1.0}).requires_grad_();
    Tensor y = x.exp();  // saves its own output
    weak = y.grad_fn();
    EXPECT_FALSE(weak.expired());
  }
  EXPECT_TRUE(weak.expired());
}

}  // namespace
}  // namespace wick

namespace wick {
namespace {

std::string err_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.what();
  }
  return "no error";
}

TEST(AutogradViews, ViewOpsPassGradientsBack) {
  Tensor x = arange(6.0).reshape({2, 3}).to(kDouble).requires_grad_();
  Tensor w = arange(6.0).to(kDouble).reshape({3, 2});
  EXPECT_EQ(x.view({3, 2}).grad_fn()->name(), "ViewBackward0");
  EXPECT_EQ(x.t().grad_fn()->name(), "TransposeBackward0");
  EXPECT_EQ(x.permute({1, 0}).grad_fn()->name(), "PermuteBackward0");
  EXPECT_EQ(x.select(0, 1).grad_fn()->name(), "SelectBackward0");
  EXPECT_EQ(x.slice(1, 0, 2).grad_fn()->name(), "SliceBackward0");
  EXPECT_EQ(x.unsqueeze(0).grad_fn()->name(), "UnsqueezeBackward0");
  EXPECT_EQ(x.unsqueeze(0).squeeze(0).grad_fn()->name(), "SqueezeBackward1");
  EXPECT_EQ(x.select(0, 0).expand({4, 3}).grad_fn()->name(), "ExpandBackward0");
  // sum(view(x) * w) has gradient w viewed back.
  (x.view({3, 2}) * w).sum().backward();
  EXPECT_TENSOR_EQ(x.grad(), w.reshape({2, 3}));
  x.mutable_grad().reset();
  (x.t() * w).sum().backward();
  EXPECT_TENSOR_EQ(x.grad(), w.t());
  x.mutable_grad().reset();
  // Picking views scatter into zeros; expand sums; unfold windows overlap.
  (x.select(0, 1) * 2).sum().backward();
  EXPECT_TENSOR_EQ(x.grad(), tensor({0.0, 0.0, 0.0, 2.0, 2.0, 2.0}).reshape({2, 3}).to(kDouble));
  x.mutable_grad().reset();
  x.slice(1, 0, 3, 2).expand({5, 2, 2}).sum().backward();
  EXPECT_TENSOR_EQ(x.grad(), tensor({5.0, 0.0, 5.0, 5.0, 0.0, 5.0}).reshape({2, 3}).to(kDouble));
  x.mutable_grad().reset();
  x.reshape({-1}).unfold(0, 3, 1).sum().backward();  // windows of 3, step 1, over 6
  EXPECT_TENSOR_EQ(x.grad(), tensor({1.0, 2.0, 3.0, 3.0, 2.0, 1.0}).reshape({2, 3}).to(kDouble));
  x.mutable_grad().reset();
  x.diagonal().sum().backward();
  EXPECT_TENSOR_EQ(x.grad(), tensor({1.0, 0.0, 0.0, 0.0, 1.0, 0.0}).reshape({2, 3}).to(kDouble));
}

TEST(AutogradViews, SeedInPlaceThroughViewIsCaught) {
  Tensor a = tensor({1.0, 3.0}).requires_grad_();
  Tensor b = a + 2;
  EXPECT_EQ(b._version(), 0u);
  Tensor loss = (b * b).sum();
  b.select(0, 0).fill_(1000.0);
  EXPECT_EQ(b._version(), 1u);
  EXPECT_EQ(b.grad_fn()->name(), "wick::autograd::CopySlices");
  EXPECT_EQ(err_of([&] { loss.backward(); }),
            "one of the variables needed for gradient computation has been modified by an "
            "inplace operation: [torch.FloatTensor [2]], which is output 0 of wick::autograd::CopySlices, is at "
            "version 1; expected version 0 instead. Hint: enable anomaly detection to find the "
            "operation that failed to compute its gradient, with "
            "wick.autograd.set_detect_anomaly(True).");
}

TEST(AutogradViews, InPlaceThroughViewRebasesTheBase) {
  // x.narrow(0, 0, 2).mul_(2) on a non-leaf: gradient 2 on the slice, 1 elsewhere.
  Tensor x = tensor({1.0, 2.0, 3.0}).requires_grad_();
  Tensor y = x * 1;
  y.narrow(0, 0, 2).mul_(2);
  EXPECT_EQ(y.grad_fn()->name(), "wick::autograd::CopySlices");
  (y * tensor({1.0, 10.0, 100.0})).sum().backward();
  EXPECT_TENSOR_EQ(x.grad(), tensor({2.0, 20.0, 100.0}));
  // Overwritten elements get no gradient.
  Tensor x2 = tensor({1.0, 2.0, 3.0}).requires_grad_();
  Tensor y2 = x2 * 3;
  y2.select(0, 1).fill_(7.0);
  y2.sum().backward();
  EXPECT_TENSOR_EQ(x2.grad(), tensor({3.0, 0.0, 3.0}));
  // Writing a value that requires grad into a plain buffer makes it require grad.
  Tensor w = tensor({4.0, 5.0}).requires_grad_();
  Tensor buf = zeros({3, 2});
  buf.select(0, 2).copy_(w * w);
  EXPECT_TRUE(buf.requires_grad());
  (buf * 2).sum().backward();
  EXPECT_TENSOR_EQ(w.grad(), tensor({16.0, 20.0}));
  // Other views of the base read the new history too.
  Tensor x3 = tensor({1.0, 2.0}).requires_grad_();
  Tensor y3 = x3 * 1;
  Tensor v0 = y3.select(0, 0);
  y3.select(0, 1).mul_(5);
  Tensor v1 = y3.select(0, 1);
  (v0 + v1).backward();
  EXPECT_TENSOR_EQ(x3.grad(), tensor({1.0, 5.0}));
  // Views of a leaf that requires grad may not be written.
  Tensor leaf = tensor({1.0, 2.0}).requires_grad_();
  EXPECT_EQ(err_of([&] { leaf.select(0, 0).fill_(3.0); }),
            "a view of a leaf Variable that requires grad is being used in an in-place "
            "operation.");
}

}  // namespace
}  // namespace wick
