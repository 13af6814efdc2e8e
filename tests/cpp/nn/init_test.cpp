// nn::init against PyTorch's values for the same seeds (init_test_data.h) and
// nn::utils gradient clipping.
#include <cmath>

#include "init_test_data.h"
#include "test_utils.h"

using namespace wick;
using wick::test::error_of;

namespace {
Tensor run_case(const std::string& name, Tensor w) {
  namespace I = nn::init;
  if (name == "kaiming_uniform_a_sqrt5") return I::kaiming_uniform_(w, std::sqrt(5.0));
  if (name == "kaiming_normal_fan_out_relu") return I::kaiming_normal_(w, 0, kFanOut, kReLU);
  if (name == "xavier_normal") return I::xavier_normal_(w);
  if (name == "xavier_uniform_gain2") return I::xavier_uniform_(w, 2.0);
  if (name == "orthogonal") return I::orthogonal_(w);
  if (name == "orthogonal_tall") return I::orthogonal_(w, 0.5);
  if (name == "trunc_normal") return I::trunc_normal_(w);
  if (name == "sparse") return I::sparse_(w, 0.5);
  if (name == "dirac_groups2") return I::dirac_(w, 2);
  if (name == "eye") return I::eye_(w);
  ADD_FAILURE() << "no case " << name;
  return w;
}
}  // namespace

TEST(NnInit, MatchesPyTorchForTheSameSeed) {
  for (const InitCase& c : init_cases()) {
    SCOPED_TRACE(c.name);
    manual_seed(c.seed);
    Tensor w = wick::empty(c.shape).requires_grad_();
    Tensor out = run_case(c.name, w);
    EXPECT_EQ(out.unsafeGetTensorImpl(), w.unsafeGetTensorImpl());
    EXPECT_TRUE(w.is_leaf());  // no history recorded
    Tensor expected = tensor(c.values).view(c.shape);
    EXPECT_TENSOR_CLOSE(w.detach(), expected, 1e-5, 1e-6);
  }
}

TEST(NnInit, GainsAndFans) {
  EXPECT_DOUBLE_EQ(nn::init::calculate_gain(kLeakyReLU, 0.2), std::sqrt(2.0 / 1.04));
  EXPECT_DOUBLE_EQ(nn::init::calculate_gain(kTanh), 5.0 / 3.0);
  EXPECT_DOUBLE_EQ(nn::init::calculate_gain(kSELU), 0.75);
  EXPECT_DOUBLE_EQ(nn::init::calculate_gain(kConv2D), 1.0);
  auto [in, out] = nn::init::_calculate_fan_in_and_fan_out(empty({6, 3, 5, 5}));
  EXPECT_EQ(in, 75);
  EXPECT_EQ(out, 150);
  EXPECT_EQ(error_of([] { nn::init::xavier_uniform_(empty({3})); }),
            "Fan in and fan out can not be computed for tensor with fewer than 2 dimensions");
  EXPECT_EQ(error_of([] { nn::init::eye_(empty({3})); }), "Only tensors with 2 dimensions are supported");
}

TEST(NnUtils, ClipGradNorm) {
  Tensor a = tensor(std::vector<float>{3, 0}).requires_grad_();
  Tensor b = tensor(std::vector<float>{0, 4}).requires_grad_();
  Tensor unused = ones({1}).requires_grad_();
  ((a * a).sum() / 2 + (b * b).sum() / 2).backward();  // grads = values
  double norm = nn::utils::clip_grad_norm_({a, b, unused}, 1.0);
  EXPECT_NEAR(norm, 5.0, 1e-6);
  EXPECT_TENSOR_CLOSE(a.grad(), tensor(std::vector<float>{0.6f, 0}), 1e-5, 1e-6);
  EXPECT_TENSOR_CLOSE(b.grad(), tensor(std::vector<float>{0, 0.8f}), 1e-5, 1e-6);
  // Below the limit the gradients stay (times a clamped coefficient of 1).
  EXPECT_NEAR(nn::utils::clip_grad_norm_({a, b}, 10.0, INFINITY), 0.8, 1e-6);
  EXPECT_TENSOR_CLOSE(b.grad(), tensor(std::vector<float>{0, 0.8f}), 1e-5, 1e-6);

  a.mutable_grad().fill_(INFINITY);
  EXPECT_EQ(error_of([&] { nn::utils::clip_grad_norm_({a}, 1.0, 2.0, true); }).substr(0, 40),
            "The total norm of order 2.0 for gradient");
  EXPECT_EQ(nn::utils::clip_grad_norm_(std::vector<Tensor>{unused.detach()}, 1.0), 0.0);
}

TEST(NnUtils, ClipGradValueAndVectors) {
  Tensor a = tensor(std::vector<float>{-3, 0.5f, 2}).requires_grad_();
  (a * a).sum().backward();
  nn::utils::clip_grad_value_(a, 1.0);
  EXPECT_TENSOR_EQ(a.grad(), tensor(std::vector<float>{-1, 1, 1}));

  Tensor w = zeros({2, 2}), v = zeros({3});
  Tensor flat = nn::utils::parameters_to_vector({w, v});
  EXPECT_EQ(flat.size(0), 7);
  nn::utils::vector_to_parameters(arange(7).to(kFloat), {w, v});
  EXPECT_TENSOR_EQ(w, tensor(std::vector<float>{0, 1, 2, 3}).view({2, 2}));
  EXPECT_TENSOR_EQ(v, tensor(std::vector<float>{4, 5, 6}));
}
