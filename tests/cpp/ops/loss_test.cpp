// softmax family and losses vs PyTorch 1.13 (loss_test_data.h, from gen_loss_data.py):
// values, input gradients of sum(loss), gradcheck/gradgradcheck, errors.
#include <gtest/gtest.h>

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

}  // namespace
