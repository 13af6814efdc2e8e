// softmax family and losses vs PyTorch 1.13 (loss_test_data.h, from gen_loss_data.py):
// values, input gradients of sum(loss), gradcheck/gradgradcheck, errors.
#include <gtest/gtest.h>

#include <cmath>
#include <functional>

#include "ops/loss_test_data.h"
#include "test_utils.h"
#include "wick/autograd/autograd.h"
#include "wick/autograd/gradcheck.h"
#include "wick/ops/creation.h"
#include "wick/ops/loss.h"

namespace {
using namespace wick;
namespace D = loss_data;
using autograd::variable_list;
using namespace wick::test;

Tensor mk(const D::Case& c, ScalarType dt = kDouble) {
  Tensor flat = empty({static_cast<int64_t>(c.values.size())}, TensorOptions(kDouble));
  std::copy(c.values.begin(), c.values.end(), flat.data_ptr<double>());
  return flat.reshape(IntArrayRef(c.shape.data(), c.shape.size())).to(dt);
}

using Fn = std::function<Tensor(const variable_list&)>;

// Runs f on leaf copies of inputs, compares the output with `out` and each
// input's gradient of sum(output) with grads[i].
void check(const Fn& f, std::vector<Tensor> inputs, const D::Case& out,
           std::vector<const D::Case*> grads, double tol = 1e-10) {
  variable_list xs;
  for (auto& t : inputs) xs.push_back(t.detach().clone().requires_grad_(true));
  Tensor y = f(xs);
  EXPECT_TRUE(tensors_close(y, mk(out), tol, tol));
  y.sum().backward();
  for (size_t i = 0; i < grads.size(); ++i) EXPECT_TRUE(tensors_close(xs[i].grad(), mk(*grads[i]), tol, tol)) << i;
}

Tensor T() { return mk(D::T, kLong); }

TEST(LossSoftmax, MatchesTorch) {
  check([](auto& v) { return softmax(v[0], 1); }, {mk(D::X)}, D::softmax1, {&D::softmax1_g0});
  check([](auto& v) { return softmax(v[0], 0); }, {mk(D::X)}, D::softmax0, {&D::softmax0_g0});
  Tensor ar = arange(5, TensorOptions(kDouble));
  check([&](auto& v) { return log_softmax(v[0], 1) * ar; }, {mk(D::X)}, D::log_softmax1, {&D::log_softmax1_g0});
  check([&](auto& v) { return log_softmax(v[0], 0) * ar; }, {mk(D::X)}, D::log_softmax0, {&D::log_softmax0_g0});
  // float32 and non-contiguous
  EXPECT_TRUE(tensors_close(softmax(mk(D::X, kFloat).t(), 0), mk(D::softmax1, kFloat).t(), 1e-6, 1e-7));
  EXPECT_TRUE(tensors_close(mk(D::X).softmax(1), mk(D::softmax1)));
  EXPECT_EQ(softmax(mk(D::X), 1).grad_fn(), nullptr);
}

TEST(LossSoftmax, NamesAndGradcheck) {
  Tensor x = mk(D::X).requires_grad_(true);
  EXPECT_EQ(softmax(x, 1).grad_fn()->name(), "SoftmaxBackward0");
  EXPECT_EQ(log_softmax(x, 0).grad_fn()->name(), "LogSoftmaxBackward0");
  for (int64_t d : {0, 1}) {
    EXPECT_TRUE(autograd::gradcheck([d](const variable_list& v) { return variable_list{softmax(v[0], d)}; }, {x}));
    EXPECT_TRUE(autograd::gradgradcheck([d](const variable_list& v) { return variable_list{log_softmax(v[0], d)}; }, {x}));
    EXPECT_TRUE(autograd::gradgradcheck([d](const variable_list& v) { return variable_list{softmin(v[0], d)}; }, {x}));
  }
}

TEST(LossSoftmax, Errors) {
  EXPECT_TRUE(raises<IndexError>([] { softmax(mk(D::X), 2); }));
  EXPECT_NE(error_of([] { softmax(ones({2}, TensorOptions(kLong)), 0); }).find("not implemented for 'Long'"),
            std::string::npos);
}

TEST(LossNll, MatchesTorch) {
  check([](auto& v) { return nll_loss(v[0], T()); }, {mk(D::X)}, D::nll, {&D::nll_g0});
  check([](auto& v) { return nll_loss(v[0], T(), mk(D::W), Reduction::Mean, 2); }, {mk(D::X)}, D::nll_w_ign,
        {&D::nll_w_ign_g0});
  Tensor s = tensor({1.0, 2.0, 3.0}).to(kDouble);
  check([&](auto& v) { return nll_loss(v[0], T(), {}, Reduction::None) * s; }, {mk(D::X)}, D::nll_none,
        {&D::nll_none_g0});
  Tensor w3 = mk(D::W).narrow(0, 0, 3);
  check([&](auto& v) { return nll_loss_nd(v[0], mk(D::T4, kLong), w3); }, {mk(D::X4)}, D::nll2d, {&D::nll2d_g0});
  check([](auto& v) { return cross_entropy_loss(v[0], T()); }, {mk(D::X)}, D::ce, {&D::ce_g0});
  check([](auto& v) { return cross_entropy_loss(v[0], T(), mk(D::W), Reduction::Mean, -100, 0.2); }, {mk(D::X)},
        D::ce_ls, {&D::ce_ls_g0});
  check([](auto& v) { return cross_entropy_loss(v[0], mk(D::P)); }, {mk(D::X)}, D::ce_prob, {&D::ce_prob_g0});
}

TEST(LossNll, GraphAndGradcheck) {
  Tensor x = mk(D::X).requires_grad_(true);
  Tensor ce = cross_entropy_loss(x, T());
  EXPECT_EQ(ce.grad_fn()->name(), "NllLossBackward0");
  EXPECT_EQ(ce.grad_fn()->next_edges()[0].function->name(), "LogSoftmaxBackward0");
  EXPECT_EQ(nll_loss_nd(mk(D::X4).requires_grad_(true), mk(D::T4, kLong)).grad_fn()->name(), "NllLoss2DBackward0");
  for (int64_t r : {0, 1, 2}) {
    auto f = [r](const variable_list& v) { return variable_list{cross_entropy_loss(v[0], T(), {}, r, 2, 0.1)}; };
    EXPECT_TRUE(autograd::gradcheck(f, {x}));
    EXPECT_TRUE(autograd::gradgradcheck(f, {x}));
  }
}

TEST(LossNll, Errors) {
  Tensor x = mk(D::X);
  EXPECT_EQ(error_of([&] { nll_loss(x, ones({3}, TensorOptions(kLong)) * 5); }), "Target 5 is out of bounds.");
  EXPECT_TRUE(raises<IndexError>([&] { nll_loss(x, ones({3}, TensorOptions(kLong)) * -1); }));
  EXPECT_EQ(error_of([&] { nll_loss_nd(x, ones({2}, TensorOptions(kLong))); }),
            "Expected input batch_size (3) to match target batch_size (2).");
  EXPECT_TRUE(raises<ValueError>([&] { nll_loss_nd(x, ones({2}, TensorOptions(kLong))); }));
  EXPECT_EQ(error_of([&] { nll_loss(x, ones({3})); }), "expected scalar type Long but found Float");
  EXPECT_EQ(error_of([&] { nll_loss(x, T(), ones({4}, TensorOptions(kDouble))); }),
            "weight tensor should be defined either for all 5 classes or no classes but got weight tensor of shape: [4]");
  EXPECT_EQ(error_of([&] { nll_loss(x, T(), ones({5})); }), "expected scalar type Double but found Float");
  EXPECT_EQ(error_of([&] { reduction_from_string("foo"); }), "foo is not a valid value for reduction");
  EXPECT_TRUE(raises<ValueError>([&] { reduction_from_string("foo"); }));
  EXPECT_EQ(error_of([&] { nll_loss_nd(zeros({2, 3, 4}, TensorOptions(kDouble)), zeros({2, 5}, TensorOptions(kLong))); }),
            "Expected target size [2, 4], got [2, 5]");
}

TEST(LossPointwise, MatchesTorch) {
  check([](auto& v) { return mse_loss(v[0], v[1]); }, {mk(D::X), mk(D::Y)}, D::mse, {&D::mse_g0, &D::mse_g1});
  check([](auto& v) { return smooth_l1_loss(v[0], v[1], Reduction::Sum, 0.5); }, {mk(D::X), mk(D::Y)}, D::smooth_l1,
        {&D::smooth_l1_g0, &D::smooth_l1_g1});
  check([](auto& v) { return huber_loss(v[0], v[1], Reduction::None, 0.5); }, {mk(D::X), mk(D::Y)}, D::huber,
        {&D::huber_g0, &D::huber_g1});
  check([](auto& v) { return binary_cross_entropy(v[0], mk(D::P), mk(D::W)); }, {mk(D::P).flip({0})}, D::bce,
        {&D::bce_g0});
  check([](auto& v) { return binary_cross_entropy_with_logits(v[0], v[1], {}, mk(D::W)); }, {mk(D::X), mk(D::P)},
        D::bce_logits, {&D::bce_logits_g0, &D::bce_logits_g1});
  check([](auto& v) { return kl_div(v[0], mk(D::P), Reduction::Sum); }, {mk(D::X)}, D::kl, {&D::kl_g0});
  check([](auto& v) { return soft_margin_loss(v[0], mk(D::Y).sign()); }, {mk(D::X)}, D::soft_margin,
        {&D::soft_margin_g0});
  Tensor x = mk(D::X).requires_grad_(true);
  EXPECT_EQ(mse_loss(x, mk(D::Y)).grad_fn()->name(), "MseLossBackward0");
  EXPECT_EQ(huber_loss(x, mk(D::Y)).grad_fn()->name(), "HuberLossBackward0");
}

TEST(LossPointwise, Gradgradcheck) {
  Tensor x = mk(D::X).requires_grad_(true), y = mk(D::Y).requires_grad_(true);
  std::vector<std::function<Tensor(const Tensor&, const Tensor&)>> fs = {
      [](const Tensor& a, const Tensor& b) { return mse_loss(a, b); },
      [](const Tensor& a, const Tensor& b) { return smooth_l1_loss(a, b, Reduction::Sum, 0.7); },
      [](const Tensor& a, const Tensor& b) { return huber_loss(a, b, Reduction::None, 0.7); },
      [](const Tensor& a, const Tensor& b) { return binary_cross_entropy_with_logits(a, b.sigmoid()); },
  };
  for (auto& f : fs) {
    auto g = [&f](const variable_list& v) { return variable_list{f(v[0], v[1])}; };
    EXPECT_TRUE(autograd::gradcheck(g, {x, y}));
    EXPECT_TRUE(autograd::gradgradcheck(g, {x, y}));
  }
}

TEST(LossPointwise, Errors) {
  EXPECT_EQ(error_of([] { binary_cross_entropy(ones({2}) * 1.5, ones({2})); }),
            "all elements of input should be between 0 and 1");
  // log clamped at -100
  Tensor r = binary_cross_entropy(zeros({1}), ones({1}), {}, Reduction::None);
  EXPECT_DOUBLE_EQ(r.item<float>(), 100.0);
}

TEST(LossMargin, MatchesTorch) {
  check([](auto& v) { return multi_margin_loss(v[0], T(), 2, 1, mk(D::W)); }, {mk(D::X)}, D::multi_margin,
        {&D::multi_margin_g0});
  Tensor tgt = mk(D::T, kLong);
  std::vector<int64_t> t = {1, 3, -1, 0, 0, 4, -1, 0, 0, 0, 0, 1, 2, 3, 4};
  Tensor mt = tensor(t).reshape({3, 5});
  check([&](auto& v) { return multilabel_margin_loss(v[0], mt); }, {mk(D::X)}, D::multilabel_margin,
        {&D::multilabel_margin_g0});
  EXPECT_EQ(error_of([] { multi_margin_loss(mk(D::X), T(), 3); }), "only p == 1 and p == 2 supported");
}

// ---- ctc_loss ----

Tensor CT() { return mk(D::CT, kLong); }
const std::vector<int64_t> kIL = {6, 5, 6}, kTL = {4, 2, 3};

TEST(LossCtc, MatchesTorch) {
  Tensor w = tensor({1.0, 2.0, 3.0}).to(kDouble);
  check([](auto& v) { return ctc_loss(v[0], CT(), kIL, kTL); }, {mk(D::LP)}, D::ctc_mean, {&D::ctc_mean_g0});
  check([](auto& v) { return ctc_loss(v[0], CT(), kIL, kTL, 0, Reduction::Sum); }, {mk(D::LP)}, D::ctc_sum,
        {&D::ctc_sum_g0});
  check([&](auto& v) { return ctc_loss(v[0], CT(), kIL, kTL, 0, Reduction::None) * w; }, {mk(D::LP)}, D::ctc_none,
        {&D::ctc_none_g0});
  // concatenated targets (int32), lengths as tensors
  check([](auto& v) {
          return ctc_loss(v[0], mk(D::CTC, kInt), tensor(kIL), tensor(kTL).to(kInt));
        },
        {mk(D::LP)}, D::ctc_cat, {&D::ctc_cat_g0});
  check([&](auto& v) { return ctc_loss(v[0], CT().clamp_max(3), kIL, kTL, 4, Reduction::None) * w; }, {mk(D::LP)},
        D::ctc_blank, {&D::ctc_blank_g0});
  // impossible alignments (items 0 and 2) under zero_infinity: loss and gradient 0
  const std::vector<int64_t> short_il = {4, 5, 2};
  check([&](auto& v) { return ctc_loss(v[0], CT(), short_il, kTL, 0, Reduction::None, true) * w; }, {mk(D::LP)},
        D::ctc_zinf, {&D::ctc_zinf_g0});
  check([&](auto& v) { return ctc_loss(v[0], CT(), short_il, kTL, 0, Reduction::Mean, true); }, {mk(D::LP)},
        D::ctc_zinf_mean, {&D::ctc_zinf_mean_g0});
  // unbatched (T, C) with 1-D targets
  check([](auto& v) { return ctc_loss(v[0], CT().select(0, 0), IntArrayRef{6}, IntArrayRef{4}, 0, Reduction::None); },
        {mk(D::LP).select(1, 0)}, D::ctc_unbatched, {&D::ctc_unbatched_g0});
  // float32, non-contiguous log_probs
  Tensor lpf = mk(D::LP, kFloat).permute({1, 0, 2}).contiguous().permute({1, 0, 2});
  EXPECT_TRUE(tensors_close(ctc_loss(lpf, CT(), kIL, kTL), mk(D::ctc_mean, kFloat), 1e-5, 1e-5));
  // without zero_infinity the impossible items are inf, their gradients NaN
  Tensor x = mk(D::LP).requires_grad_(true);
  Tensor l = ctc_loss(x, CT(), short_il, kTL, 0, Reduction::None);
  EXPECT_TRUE(std::isinf(l.select(0, 0).item<double>()));
  EXPECT_FALSE(std::isinf(l.select(0, 1).item<double>()));
  l.sum().backward();
  EXPECT_TRUE(std::isnan(x.grad().select(1, 0).select(0, 0).sum().item<double>()));
  EXPECT_EQ(x.grad().select(1, 0).narrow(0, 4, 2).abs().sum().item<double>(), 0.0);  // t >= input_length
}

TEST(LossCtc, GraphAndGradcheck) {
  Tensor x = mk(D::LP).requires_grad_(true);
  Tensor m = ctc_loss(x, CT(), kIL, kTL);
  EXPECT_EQ(m.grad_fn()->name(), "MeanBackward0");
  EXPECT_EQ(m.grad_fn()->next_edges()[0].function->name(), "DivBackward0");
  EXPECT_EQ(m.grad_fn()->next_edges()[0].function->next_edges()[0].function->name(), "CtcLossBackward0");
  EXPECT_EQ(ctc_loss(x, CT(), kIL, kTL, 0, Reduction::Sum).grad_fn()->name(), "SumBackward0");
  EXPECT_EQ(ctc_loss(x, CT(), kIL, kTL, 0, Reduction::None).grad_fn()->name(), "CtcLossBackward0");
  EXPECT_EQ(ctc_loss(x, CT(), kIL, kTL, 0, Reduction::None, true).grad_fn()->name(), "WhereBackward0");
  Tensor u = ctc_loss(mk(D::LP).select(1, 0).requires_grad_(true), CT().select(0, 0), IntArrayRef{6}, IntArrayRef{4},
                      0, Reduction::None);
  EXPECT_EQ(u.dim(), 0);
  EXPECT_EQ(u.grad_fn()->name(), "SqueezeBackward1");
  // PyTorch's gradient assumes normalised log-probabilities (its exp(lp) term
  // cancels through log_softmax), so gradcheck goes through log_softmax.
  for (int64_t r : {0, 1, 2})
    for (bool zi : {false, true}) {
      auto f = [r, zi](const variable_list& v) {
        return variable_list{
            ctc_loss(log_softmax(v[0], 2), CT(), std::vector<int64_t>{6, 5, zi ? 2 : 3}, kTL, 0, r, zi)};
      };
      EXPECT_TRUE(autograd::gradcheck(f, {x})) << r << zi;
    }
  // double backward is not supported (as in PyTorch)
  Tensor l = ctc_loss(x, CT(), kIL, kTL);
  auto g = autograd::grad({l}, {x}, {}, std::nullopt, true);
  EXPECT_EQ(error_of([&] { g[0].sum().backward(); }), "derivative for aten::_ctc_loss_backward is not implemented");
}

TEST(LossCtc, EdgeCases) {
  // zero input length: loss 0 for an empty target, inf otherwise (PyTorch 2.x)
  Tensor lp = mk(D::LP);
  Tensor l = ctc_loss(lp, CT(), std::vector<int64_t>{0, 0, 6}, std::vector<int64_t>{0, 2, 3}, 0, Reduction::None);
  EXPECT_EQ(l.select(0, 0).item<double>(), 0.0);
  EXPECT_TRUE(std::isinf(l.select(0, 1).item<double>()));
  // empty target: the all-blank path
  Tensor e = ctc_loss(lp, CT(), std::vector<int64_t>{6, 5, 6}, std::vector<int64_t>{0, 0, 0}, 0, Reduction::None);
  Tensor blank_path = -lp.select(2, 0).narrow(0, 0, 5).sum({0});
  EXPECT_NEAR(e.select(0, 1).item<double>(), blank_path.select(0, 1).item<double>(), 1e-12);
  // empty batch
  EXPECT_EQ(ctc_loss(lp.narrow(1, 0, 0), CT().narrow(0, 0, 0), IntArrayRef{}, IntArrayRef{}, 0, Reduction::None)
                .numel(),
            0);
}

TEST(LossCtc, Errors) {
  Tensor lp = mk(D::LP);
  const char* w = " (while checking arguments for ctc_loss_cpu)";
  EXPECT_EQ(error_of([&] { ctc_loss(lp, CT(), IntArrayRef{6}, kTL); }), "input_lengths must be of size batch_size");
  EXPECT_EQ(error_of([&] { ctc_loss(lp, CT(), kIL, IntArrayRef{4}); }), "target_lengths must be of size batch_size");
  EXPECT_EQ(error_of([&] { ctc_loss(lp, CT(), std::vector<int64_t>{7, 5, 6}, kTL); }),
            std::string("Expected input_lengths to have value at most 6, but got value 7") + w);
  EXPECT_EQ(error_of([&] { ctc_loss(lp, CT(), kIL, std::vector<int64_t>{5, 2, 3}); }),
            std::string("Expected tensor to have size at least 5 at dimension 1, but got size 4 for argument #2 'targets'") + w);
  EXPECT_EQ(error_of([&] { ctc_loss(lp, CT().narrow(0, 0, 2), kIL, kTL); }),
            std::string("Expected tensor to have size 3 at dimension 0, but got size 2 for argument #2 'targets'") + w);
  EXPECT_EQ(error_of([&] { ctc_loss(lp, mk(D::CTC, kLong).narrow(0, 0, 8), kIL, kTL); }),
            std::string("Expected tensor to have size 9 at dimension 0, but got size 8 for argument #2 'targets'") + w);
  EXPECT_EQ(error_of([&] { ctc_loss(lp, CT().unsqueeze(0), kIL, kTL); }),
            std::string("Expected 1 to 2 dimensions, but got 3-dimensional tensor for argument #2 'targets'") + w);
  EXPECT_EQ(error_of([&] { ctc_loss(lp.unsqueeze(0), CT(), kIL, kTL); }),
            std::string("Expected 3-dimensional tensor, but got 4-dimensional tensor for argument #1 'log_probs'") + w);
  EXPECT_EQ(error_of([&] { ctc_loss(lp, CT(), kIL, kTL, 5); }), "blank must be in label range");
  EXPECT_EQ(error_of([&] { ctc_loss(lp, CT(), kIL, kTL, -1); }), "blank must be in label range");
  EXPECT_EQ(error_of([&] { ctc_loss(lp.to(kHalf), CT(), kIL, kTL); }), "\"ctc_loss_cpu\" not implemented for 'Half'");
  EXPECT_EQ(error_of([&] { ctc_loss(lp.to(kInt), CT(), kIL, kTL); }), "\"ctc_loss_cpu\" not implemented for 'Int'");
  EXPECT_EQ(error_of([&] { ctc_loss(lp, CT(), tensor({6.0, 5.0, 6.0}), tensor(kTL)); }), "input_lengths must be integral");
  EXPECT_EQ(error_of([&] { ctc_loss(lp, CT(), tensor(kIL), tensor({4.0, 2.0, 3.0})); }), "target_lengths must be integral");
  EXPECT_EQ(error_of([&] { ctc_loss(lp, CT(), std::vector<int64_t>{-1, 5, 6}, kTL); }), "input_lengths must be non-negative");
  EXPECT_EQ(error_of([&] { ctc_loss(lp, CT(), kIL, std::vector<int64_t>{-1, 2, 3}); }), "target_lengths must be non-negative");
  EXPECT_EQ(error_of([&] { ctc_loss(lp, CT() * 2, kIL, kTL); }),
            std::string("Expected targets to have values in [0, 5), but got value 6") + w);
  EXPECT_TRUE(raises<ValueError>([&] { ctc_loss(lp, CT(), kIL, kTL, 0, 3); }));
}

}  // namespace
