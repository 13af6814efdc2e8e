// wick::nn::functional (activation, loss) against PyTorch's torch.nn.functional
// (modules_b_test_data.h, the same cases as modules_b_test.cpp): each F:: form
// gives PyTorch's values and gradients, and equals the module form; plus the
// in-place and dtype options, gumbel_softmax with a seeded generator, errors.
#include <sstream>

#include "modules_b_test_data.h"
#include "test_utils.h"

using namespace wick;
using wick::test::error_of;
namespace F = wick::nn::functional;

namespace {

using Forward = std::function<Tensor(const std::vector<Tensor>&)>;
using V = const std::vector<Tensor>&;

Tensor cos_distance(const Tensor& a, const Tensor& b) { return 1.0 - cosine_similarity(a, b); }
Tensor w4() { return tensor(std::vector<float>{1.0f, 0.5f, 2.0f, 1.5f}); }

Forward functional_form(const std::string& n) {
  if (n == "elu") return [](V x) { return F::elu(x[0], F::ELUFuncOptions().alpha(1.5)); };
  if (n == "elu_default") return [](V x) { return F::elu(x[0]); };
  if (n == "selu") return [](V x) { return F::selu(x[0]); };
  if (n == "celu") return [](V x) { return F::celu(x[0], F::CELUFuncOptions().alpha(0.7)); };
  if (n == "glu") return [](V x) { return F::glu(x[0], 1); };
  if (n == "hardshrink") return [](V x) { return F::hardshrink(x[0], F::HardshrinkFuncOptions().lambda(0.8)); };
  if (n == "hardtanh")
    return [](V x) { return F::hardtanh(x[0], F::HardtanhFuncOptions().min_val(-0.5).max_val(1.2)); };
  if (n == "leaky_relu")
    return [](V x) { return F::leaky_relu(x[0], F::LeakyReLUFuncOptions().negative_slope(0.2)); };
  if (n == "logsigmoid") return [](V x) { return F::logsigmoid(x[0]); };
  if (n == "relu6") return [](V x) { return F::relu6(x[0]); };
  if (n == "rrelu_eval") return [](V x) { return F::rrelu(x[0], F::RReLUFuncOptions().lower(0.1).upper(0.3)); };
  if (n == "rrelu_train")
    return [](V x) { return F::rrelu(x[0], F::RReLUFuncOptions().lower(0.1).upper(0.3).training(true)); };
  if (n == "mish") return [](V x) { return F::mish(x[0]); };
  if (n == "softplus") return [](V x) { return F::softplus(x[0], F::SoftplusFuncOptions().beta(2).threshold(1)); };
  if (n == "softshrink") return [](V x) { return F::softshrink(x[0], 0.6); };
  if (n == "softsign") return [](V x) { return F::softsign(x[0]); };
  if (n == "tanhshrink") return [](V x) { return F::tanhshrink(x[0]); };
  if (n == "threshold") return [](V x) { return F::threshold(x[0], F::ThresholdFuncOptions(0.1, 20)); };
  if (n == "softmin") return [](V x) { return F::softmin(x[0], 1); };
  if (n == "softmax2d" || n == "softmax2d_3d") return [](V x) { return F::softmax(x[0], -3); };
  if (n == "hardsigmoid") return [](V x) { return F::hardsigmoid(x[0]); };
  if (n == "hardswish") return [](V x) { return F::hardswish(x[0]); };
  if (n == "gelu_tanh") return [](V x) { return F::gelu(x[0], F::GELUFuncOptions().approximate("tanh")); };
  if (n == "silu") return [](V x) { return F::silu(x[0]); };
  if (n == "softmax") return [](V x) { return F::softmax(x[0], F::SoftmaxFuncOptions(2)); };
  if (n == "log_softmax") return [](V x) { return F::log_softmax(x[0], 0); };
  if (n == "l1") return [](V x) { return F::l1_loss(x[0], x[1], kSum); };
  if (n == "mse") return [](V x) { return F::mse_loss(x[0], x[1], F::MSELossFuncOptions(kNone)); };
  if (n == "kl_div_batchmean") return [](V x) { return F::kl_div(x[0], x[1], F::KLDivFuncOptions(kBatchMean)); };
  if (n == "kl_div_log_target")
    return [](V x) { return F::kl_div(x[0], x[1], F::KLDivFuncOptions().log_target(true)); };
  if (n == "kl_div_none") return [](V x) { return F::kl_div(x[0], x[1], kNone); };
  if (n == "hinge_embedding")
    return [](V x) { return F::hinge_embedding_loss(x[0], x[1], F::HingeEmbeddingLossFuncOptions().margin(0.5)); };
  if (n == "multi_margin") return [](V x) { return F::multi_margin_loss(x[0], x[1]); };
  if (n == "multi_margin_p2_weight")
    return [](V x) {
      return F::multi_margin_loss(x[0], x[1],
                                  F::MultiMarginLossFuncOptions()
                                      .p(2)
                                      .margin(0.7)
                                      .weight(tensor(std::vector<float>{1.0f, 0.5f, 2.0f, 1.5f, 0.3f}))
                                      .reduction(kSum));
    };
  if (n == "cosine_embedding")
    return [](V x) {
      return F::cosine_embedding_loss(x[0], x[1], x[2], F::CosineEmbeddingLossFuncOptions().margin(0.2));
    };
  if (n == "smooth_l1")
    return [](V x) { return F::smooth_l1_loss(x[0], x[1], F::SmoothL1LossFuncOptions().beta(0.5)); };
  if (n == "huber") return [](V x) { return F::huber_loss(x[0], x[1], F::HuberLossFuncOptions(kSum).delta(0.7)); };
  if (n == "multilabel_margin") return [](V x) { return F::multilabel_margin_loss(x[0], x[1]); };
  if (n == "soft_margin") return [](V x) { return F::soft_margin_loss(x[0], x[1]); };
  if (n == "multilabel_soft_margin")
    return [](V x) {
      return F::multilabel_soft_margin_loss(
          x[0], x[1], F::MultilabelSoftMarginLossFuncOptions().weight(tensor(std::vector<float>{1, 2, 0.5f, 1.5f})));
    };
  if (n == "triplet_margin")
    return [](V x) {
      return F::triplet_margin_loss(x[0], x[1], x[2], F::TripletMarginLossFuncOptions().margin(2.0).p(1).swap(true));
    };
  if (n == "triplet_distance_default")
    return [](V x) {
      return F::triplet_margin_with_distance_loss(x[0], x[1], x[2],
                                                  F::TripletMarginWithDistanceLossFuncOptions().margin(3.0));
    };
  if (n == "triplet_distance_cosine")
    return [](V x) {
      return F::triplet_margin_with_distance_loss(
          x[0], x[1], x[2],
          F::TripletMarginWithDistanceLossFuncOptions().distance_function(cos_distance).margin(0.5).swap(true).reduction(
              kNone));
    };
  if (n == "ctc") return [](V x) { return F::ctc_loss(x[0], x[1], x[2], x[3]); };
  if (n == "ctc_sum_blank")
    return [](V x) {
      return F::ctc_loss(x[0], x[1], x[2], x[3], F::CTCLossFuncOptions().blank(3).reduction(kSum).zero_infinity(true));
    };
  if (n == "poisson_nll") return [](V x) { return F::poisson_nll_loss(x[0], x[1]); };
  if (n == "poisson_nll_full")
    return [](V x) {
      return F::poisson_nll_loss(x[0], x[1], F::PoissonNLLLossFuncOptions().log_input(false).full(true).reduction(kSum));
    };
  if (n == "margin_ranking")
    return [](V x) { return F::margin_ranking_loss(x[0], x[1], x[2], F::MarginRankingLossFuncOptions().margin(0.1)); };
  if (n == "gaussian_nll") return [](V x) { return F::gaussian_nll_loss(x[0], x[1], x[2]); };
  if (n == "gaussian_nll_full")
    return [](V x) {
      return F::gaussian_nll_loss(x[0], x[1], x[2], F::GaussianNLLLossFuncOptions().full(true).eps(0.01).reduction(kNone));
    };
  if (n == "cross_entropy")
    return [](V x) {
      return F::cross_entropy(x[0], x[1], F::CrossEntropyFuncOptions().weight(w4()).ignore_index(2).label_smoothing(0.1));
    };
  if (n == "cross_entropy_probs")
    return [](V x) { return F::cross_entropy(x[0], x[1], F::CrossEntropyFuncOptions().reduction(kSum)); };
  if (n == "nll")
    return [](V x) { return F::nll_loss(x[0], x[1], F::NLLLossFuncOptions().weight(w4()).reduction(kSum)); };
  if (n == "bce")
    return [](V x) { return F::binary_cross_entropy(x[0], x[1], F::BinaryCrossEntropyFuncOptions().weight(w4())); };
  if (n == "bce_logits")
    return [](V x) {
      return F::binary_cross_entropy_with_logits(
          x[0], x[1],
          F::BinaryCrossEntropyWithLogitsFuncOptions().pos_weight(tensor(std::vector<float>{1, 3, 0.5f, 2})).reduction(
              kSum));
    };
  if (n == "f_gumbel_soft") return [](V x) { return F::gumbel_softmax(x[0], F::GumbelSoftmaxFuncOptions().tau(0.5)); };
  if (n == "f_gumbel_hard")
    return [](V x) { return F::gumbel_softmax(x[0], F::GumbelSoftmaxFuncOptions().tau(2.0).hard(true).dim(0)); };
  if (n == "f_softmax_double")
    return [](V x) {
      Tensor y = F::softmax(x[0], F::SoftmaxFuncOptions(1).dtype(kDouble));
      EXPECT_EQ(y.dtype(), kDouble);
      return y.to(kFloat);
    };
  if (n == "f_rrelu_train")
    return [](V x) { return F::rrelu(x[0], F::RReLUFuncOptions().lower(0.2).upper(0.6).training(true)); };
  if (n == "f_threshold") return [](V x) { return F::threshold(x[0], F::ThresholdFuncOptions(-0.5, 7.0)); };
  ADD_FAILURE() << "no case " << n;
  return nullptr;
}

Tensor from(const ModuleBTensor& t) {
  Tensor v = tensor(t.values).view(t.shape);
  return v.to(t.integral ? kLong : kFloat);
}

}  // namespace

TEST(NnFunctionalB, MatchesPyTorch) {
  int checked = 0;
  for (const ModuleBCase& c : module_b_cases()) {
    SCOPED_TRACE(c.name);
    Forward f = functional_form(c.name);
    ASSERT_TRUE(f);
    std::vector<Tensor> xs;
    for (size_t i = 0; i < c.inputs.size(); ++i) {
      Tensor x = from(c.inputs[i]);
      if (std::find(c.grad_inputs.begin(), c.grad_inputs.end(), static_cast<int>(i)) != c.grad_inputs.end())
        x.set_requires_grad(true);
      xs.push_back(x);
    }
    if (c.seed >= 0) manual_seed(static_cast<uint64_t>(c.seed));
    Tensor y = f(xs);
    EXPECT_TENSOR_CLOSE(y.detach(), from(c.output), 1e-4, 1e-5);
    Tensor w = cos(arange(y.numel()).to(kFloat)).view(y.sizes());
    (y * w).sum().backward();
    for (size_t k = 0; k < c.grad_inputs.size(); ++k) {
      SCOPED_TRACE("grad of input " + std::to_string(c.grad_inputs[k]));
      Tensor g = xs[c.grad_inputs[k]].grad();
      ASSERT_TRUE(g.defined());
      EXPECT_TENSOR_CLOSE(g, from(c.grads[k]), 1e-4, 1e-5);
    }
    ++checked;
  }
  EXPECT_EQ(checked, 61);
}

TEST(NnFunctionalB, EqualsModuleForms) {
  Tensor x = sin(arange(24).to(kFloat) * 0.7).view({2, 3, 4}) * 2;
  Tensor t = cos(arange(24).to(kFloat)).view({2, 3, 4});
  EXPECT_TENSOR_EQ(F::elu(x, F::ELUFuncOptions().alpha(2)), nn::ELU(nn::ELUOptions().alpha(2))(x));
  EXPECT_TENSOR_EQ(F::celu(x), nn::CELU()(x));
  EXPECT_TENSOR_EQ(F::selu(x), nn::SELU()(x));
  EXPECT_TENSOR_EQ(F::relu(x), nn::ReLU()(x));
  EXPECT_TENSOR_EQ(F::softmin(x, 2), nn::Softmin(2)(x));
  EXPECT_TENSOR_EQ(F::softmax(x, -3), nn::Softmax2d()(x));
  EXPECT_TENSOR_EQ(F::log_softmax(x, 1), nn::LogSoftmax(1)(x));
  EXPECT_TENSOR_EQ(F::glu(x, 2), nn::GLU(2)(x));
  EXPECT_TENSOR_EQ(F::softplus(x, F::SoftplusFuncOptions().beta(3)), nn::Softplus(nn::SoftplusOptions().beta(3))(x));
  EXPECT_TENSOR_EQ(F::rrelu(x), [&] {
    nn::RReLU m;
    m->eval();
    return m(x);
  }());
  EXPECT_TENSOR_EQ(F::smooth_l1_loss(x, t), nn::SmoothL1Loss()(x, t));
  EXPECT_TENSOR_EQ(F::huber_loss(x, t, kNone), nn::HuberLoss(kNone)(x, t));
  EXPECT_TENSOR_EQ(F::soft_margin_loss(x, t), nn::SoftMarginLoss()(x, t));
  EXPECT_TENSOR_EQ(F::kl_div(x, t.abs()), nn::KLDivLoss()(x, t.abs()));
  EXPECT_TENSOR_EQ(F::triplet_margin_loss(x, t, x * 0.5), nn::TripletMarginLoss()(x, t, x * 0.5));
  // Seeded: the module in training draws as the functional form does.
  manual_seed(7);
  Tensor a = F::rrelu(x, F::RReLUFuncOptions().training(true));
  manual_seed(7);
  Tensor b = nn::RReLU()(x);
  EXPECT_TENSOR_EQ(a, b);
  // Default triplet distance is pairwise_distance.
  EXPECT_TENSOR_CLOSE(
      F::triplet_margin_with_distance_loss(x[0], t[0], x[1], F::TripletMarginWithDistanceLossFuncOptions().reduction(kNone)),
      clamp_min(pairwise_distance(x[0], t[0]) + 1.0 - pairwise_distance(x[0], x[1]), 0.0));
}

TEST(NnFunctionalB, InplaceOptions) {
  Tensor x = tensor(std::vector<float>{-1, 0.5f, 3});
  Tensor y = F::relu(x, F::ReLUFuncOptions().inplace(true));
  EXPECT_TRUE(y.is_same(x));
  EXPECT_TENSOR_EQ(x, tensor(std::vector<float>{0, 0.5f, 3}));
  Tensor z = tensor(std::vector<float>{-1, 0.5f, 3});
  Tensor r = F::relu(z);
  EXPECT_FALSE(r.is_same(z));
  EXPECT_TENSOR_EQ(z, tensor(std::vector<float>{-1, 0.5f, 3}));
  Tensor e = tensor(std::vector<float>{-1, 2});
  F::elu(e, F::ELUFuncOptions().alpha(2).inplace(true));
  EXPECT_TENSOR_CLOSE(e, tensor(std::vector<float>{static_cast<float>(2 * (std::exp(-1.0) - 1)), 2}));
  Tensor h = tensor(std::vector<float>{-3, 0, 3});
  F::hardswish(h, true);
  EXPECT_TENSOR_EQ(h, tensor(std::vector<float>{0, 0, 3}));
  Tensor s = tensor(std::vector<float>{-3, 0, 3});
  F::hardsigmoid(s, true);
  EXPECT_TENSOR_EQ(s, tensor(std::vector<float>{0, 0.5f, 1}));
  Tensor th = tensor(std::vector<float>{-3, 0, 3});
  F::threshold(th, F::ThresholdFuncOptions(0, -5).inplace(true));
  EXPECT_TENSOR_EQ(th, tensor(std::vector<float>{-5, -5, 3}));
  Tensor l = tensor(std::vector<float>{-10, 1});
  F::leaky_relu(l, F::LeakyReLUFuncOptions().negative_slope(0.5).inplace(true));
  EXPECT_TENSOR_EQ(l, tensor(std::vector<float>{-5, 1}));
  Tensor r6 = tensor(std::vector<float>{-1, 9});
  F::relu6(r6, true);
  EXPECT_TENSOR_EQ(r6, tensor(std::vector<float>{0, 6}));
  Tensor ht = tensor(std::vector<float>{-1, 9});
  F::hardtanh(ht, F::HardtanhFuncOptions().min_val(0).max_val(2).inplace(true));
  EXPECT_TENSOR_EQ(ht, tensor(std::vector<float>{0, 2}));
  Tensor rr = tensor(std::vector<float>{-1, 9});
  F::rrelu(rr, F::RReLUFuncOptions().lower(0.5).upper(0.5).inplace(true));
  EXPECT_TENSOR_EQ(rr, tensor(std::vector<float>{-0.5f, 9}));
}

TEST(NnFunctionalB, GumbelSoftmaxProperties) {
  manual_seed(0);
  Tensor logits = zeros({4, 6});
  Tensor soft = F::gumbel_softmax(logits);
  EXPECT_TENSOR_CLOSE(soft.sum(1), ones({4}), 1e-5, 1e-6);
  Tensor hard = F::gumbel_softmax(logits, F::GumbelSoftmaxFuncOptions().hard(true));
  EXPECT_TENSOR_EQ(hard.sum(1), ones({4}));
  EXPECT_TENSOR_EQ((hard == 0).logical_or(hard == 1).all(), tensor(true));
}

TEST(NnFunctionalB, Errors) {
  EXPECT_EQ(error_of([] { F::multi_margin_loss(ones({2, 3}), zeros({2}).to(kLong), F::MultiMarginLossFuncOptions().p(3)); }),
            "only p == 1 and p == 2 supported");
  EXPECT_TRUE(wick::test::raises<ValueError>([] {
    F::multi_margin_loss(ones({2, 3}), zeros({2}).to(kLong), F::MultiMarginLossFuncOptions().weight(ones({3, 1})));
  }));
  EXPECT_TRUE(wick::test::raises<ValueError>([] { F::binary_cross_entropy(ones({2}), ones({1, 2})); }));
  EXPECT_TRUE(wick::test::raises<ValueError>([] { F::mse_loss(ones({2}), ones({2}), 5); }));
  EXPECT_EQ(error_of([] { F::glu(ones({3})); }), "Halving dimension must be even, but dimension 0 is size 3");
  EXPECT_NE(error_of([] { F::celu(ones({3}), F::CELUFuncOptions().alpha(0)); }), "<no error>");
  EXPECT_NE(error_of([] { F::softmax(ones({2, 2}), 5); }), "<no error>");
  EXPECT_NE(error_of([] { F::cross_entropy(ones({2, 3}), tensor(std::vector<int64_t>{0, 3})); }), "<no error>");
}

TEST(NnFunctionalB, GradcheckFloat64) {
  using autograd::gradcheck;
  using autograd::gradgradcheck;
  using autograd::variable_list;
  manual_seed(3);
  auto req = [](Tensor t) {
    t.set_requires_grad(true);
    return t;
  };
  Tensor x = req(randn({3, 4}, kDouble));
  Tensor y = req(randn({3, 4}, kDouble));
  Tensor pm = (randn({3}, kDouble) > 0).to(kDouble) * 2 - 1;
  Tensor p01 = rand({3, 4}, kDouble);
  Tensor logp = req(log_softmax(randn({3, 4}, kDouble), 1));
  Tensor q = softmax(randn({3, 4}, kDouble), 1);
  Tensor var = req(rand({3, 4}, kDouble) + 0.5);
  Tensor cls = tensor(std::vector<int64_t>{0, 3, 1});
  using Fn = std::function<Tensor(const variable_list&)>;
  struct Case {
    const char* name;
    Fn f;
    variable_list inputs;
    bool second;  // also gradgradcheck
  };
  std::vector<Case> cases = {
      {"elu", [](const variable_list& v) { return F::elu(v[0], F::ELUFuncOptions().alpha(1.3)); }, {x}, true},
      {"celu", [](const variable_list& v) { return F::celu(v[0], F::CELUFuncOptions().alpha(0.6)); }, {x}, true},
      {"selu", [](const variable_list& v) { return F::selu(v[0]); }, {x}, true},
      {"glu", [](const variable_list& v) { return F::glu(v[0], 1); }, {x}, true},
      {"softplus", [](const variable_list& v) { return F::softplus(v[0], F::SoftplusFuncOptions().beta(2)); }, {x}, true},
      {"logsigmoid", [](const variable_list& v) { return F::logsigmoid(v[0]); }, {x}, true},
      {"softsign", [](const variable_list& v) { return F::softsign(v[0]); }, {x}, true},
      {"tanhshrink", [](const variable_list& v) { return F::tanhshrink(v[0]); }, {x}, true},
      {"mish", [](const variable_list& v) { return F::mish(v[0]); }, {x}, false},
      {"softmin", [](const variable_list& v) { return F::softmin(v[0], 1); }, {x}, true},
      {"log_softmax", [](const variable_list& v) { return F::log_softmax(v[0], 0); }, {x}, true},
      {"kl_div", [&](const variable_list& v) { return F::kl_div(v[0], q, F::KLDivFuncOptions(kBatchMean)); }, {logp}, true},
      {"huber", [](const variable_list& v) { return F::huber_loss(v[0], v[1], F::HuberLossFuncOptions().delta(0.3)); },
       {x, y}, false},
      {"smooth_l1",
       [](const variable_list& v) { return F::smooth_l1_loss(v[0], v[1], F::SmoothL1LossFuncOptions().beta(0.3)); },
       {x, y}, false},
      {"cosine_embedding", [&](const variable_list& v) { return F::cosine_embedding_loss(v[0], v[1], pm); }, {x, y}, false},
      {"triplet_cosine",
       [](const variable_list& v) {
         return F::triplet_margin_with_distance_loss(
             v[0], v[1], v[1].flip({0}),
             F::TripletMarginWithDistanceLossFuncOptions().distance_function(cos_distance).margin(1.5));
       },
       {x, y}, false},
      {"poisson_nll", [&](const variable_list& v) { return F::poisson_nll_loss(v[0], p01 * 4); }, {x}, true},
      {"gaussian_nll", [](const variable_list& v) { return F::gaussian_nll_loss(v[0], v[1], v[2]); }, {x, y, var}, false},
      {"multilabel_soft_margin", [&](const variable_list& v) { return F::multilabel_soft_margin_loss(v[0], p01); },
       {x}, true},
      {"bce", [&](const variable_list& v) { return F::binary_cross_entropy(v[0].sigmoid(), p01); }, {x}, false},
      {"bce_logits",
       [&](const variable_list& v) {
         return F::binary_cross_entropy_with_logits(
             v[0], p01, F::BinaryCrossEntropyWithLogitsFuncOptions().pos_weight(full({4}, 2.0, kDouble)));
       },
       {x}, true},
      {"cross_entropy",
       [&](const variable_list& v) {
         return F::cross_entropy(v[0], cls, F::CrossEntropyFuncOptions().label_smoothing(0.2));
       },
       {x}, true},
      {"multi_margin_p2",
       [&](const variable_list& v) { return F::multi_margin_loss(v[0], cls, F::MultiMarginLossFuncOptions().p(2)); },
       {x}, false},
  };
  autograd::GradcheckOptions opt;
  opt.raise_exception = false;
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    auto fn = [&c](const variable_list& v) { return variable_list{c.f(v)}; };
    EXPECT_TRUE(gradcheck(fn, c.inputs, opt));
    if (c.second) EXPECT_TRUE(gradgradcheck(fn, c.inputs, {}, opt));
  }
}
