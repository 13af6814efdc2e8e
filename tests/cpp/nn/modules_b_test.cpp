// C++ activation and loss modules against PyTorch (modules_b_test_data.h):
// forward values and input gradients on fixed inputs, plus printing, options,
// in-place forms, train/eval behaviour and argument errors.
#include <sstream>

#include "modules_b_test_data.h"
#include "test_utils.h"

using namespace wick;
using wick::test::error_of;

namespace {

using Forward = std::function<Tensor(const std::vector<Tensor>&)>;

struct Built {
  std::shared_ptr<nn::Module> module;
  Forward forward;
};

template <typename Holder>
Built one(Holder h) {
  auto p = h.ptr();
  return {p, [p](const std::vector<Tensor>& x) { return p->forward(x[0]); }};
}
template <typename Holder>
Built two(Holder h) {
  auto p = h.ptr();
  return {p, [p](const std::vector<Tensor>& x) { return p->forward(x[0], x[1]); }};
}
template <typename Holder>
Built three(Holder h) {
  auto p = h.ptr();
  return {p, [p](const std::vector<Tensor>& x) { return p->forward(x[0], x[1], x[2]); }};
}

Tensor cos_distance(const Tensor& a, const Tensor& b) { return 1.0 - cosine_similarity(a, b); }

Built make(const std::string& n) {
  using namespace wick::nn;
  if (n == "elu") return one(ELU(ELUOptions().alpha(1.5)));
  if (n == "elu_default") return one(ELU());
  if (n == "selu") return one(SELU());
  if (n == "celu") return one(CELU(CELUOptions().alpha(0.7)));
  if (n == "glu") return one(GLU(1));
  if (n == "hardshrink") return one(Hardshrink(0.8));
  if (n == "hardtanh") return one(Hardtanh(HardtanhOptions().min_val(-0.5).max_val(1.2)));
  if (n == "leaky_relu") return one(LeakyReLU(LeakyReLUOptions().negative_slope(0.2)));
  if (n == "logsigmoid") return one(LogSigmoid());
  if (n == "relu6") return one(ReLU6());
  if (n == "rrelu_eval") {
    RReLU m(RReLUOptions().lower(0.1).upper(0.3));
    m->eval();
    return one(m);
  }
  if (n == "rrelu_train") return one(RReLU(RReLUOptions().lower(0.1).upper(0.3)));
  if (n == "mish") return one(Mish());
  if (n == "softplus") return one(Softplus(SoftplusOptions().beta(2).threshold(1)));
  if (n == "softshrink") return one(Softshrink(0.6));
  if (n == "softsign") return one(Softsign());
  if (n == "tanhshrink") return one(Tanhshrink());
  if (n == "threshold") return one(Threshold(0.1, 20));
  if (n == "softmin") return one(Softmin(1));
  if (n == "softmax2d" || n == "softmax2d_3d") return one(Softmax2d());
  if (n == "hardsigmoid") return one(Hardsigmoid());
  if (n == "hardswish") return one(Hardswish());
  if (n == "gelu_tanh") return one(GELU(GELUOptions().approximate("tanh")));
  if (n == "silu") return one(SiLU());
  if (n == "softmax") return one(Softmax(2));
  if (n == "log_softmax") return one(LogSoftmax(0));
  if (n == "l1") return two(L1Loss(kSum));
  if (n == "mse") return two(MSELoss(MSELossOptions(kNone)));
  if (n == "kl_div_batchmean") return two(KLDivLoss(KLDivLossOptions(kBatchMean)));
  if (n == "kl_div_log_target") return two(KLDivLoss(KLDivLossOptions().log_target(true)));
  if (n == "kl_div_none") return two(KLDivLoss(KLDivLossOptions(kNone)));
  if (n == "hinge_embedding") return two(HingeEmbeddingLoss(HingeEmbeddingLossOptions().margin(0.5)));
  if (n == "multi_margin") return two(MultiMarginLoss());
  if (n == "multi_margin_p2_weight")
    return two(MultiMarginLoss(MultiMarginLossOptions()
                                   .p(2)
                                   .margin(0.7)
                                   .weight(tensor(std::vector<float>{1.0f, 0.5f, 2.0f, 1.5f, 0.3f}))
                                   .reduction(kSum)));
  if (n == "cosine_embedding") return three(CosineEmbeddingLoss(CosineEmbeddingLossOptions().margin(0.2)));
  if (n == "smooth_l1") return two(SmoothL1Loss(SmoothL1LossOptions().beta(0.5)));
  if (n == "huber") return two(HuberLoss(HuberLossOptions(kSum).delta(0.7)));
  if (n == "multilabel_margin") return two(MultiLabelMarginLoss());
  if (n == "soft_margin") return two(SoftMarginLoss());
  if (n == "multilabel_soft_margin")
    return two(MultiLabelSoftMarginLoss(
        MultiLabelSoftMarginLossOptions().weight(tensor(std::vector<float>{1.0f, 2.0f, 0.5f, 1.5f}))));
  if (n == "triplet_margin")
    return three(TripletMarginLoss(TripletMarginLossOptions().margin(2.0).p(1).swap(true)));
  if (n == "triplet_distance_default")
    return three(TripletMarginWithDistanceLoss(TripletMarginWithDistanceLossOptions().margin(3.0)));
  if (n == "triplet_distance_cosine")
    return three(TripletMarginWithDistanceLoss(TripletMarginWithDistanceLossOptions()
                                                   .distance_function(cos_distance)
                                                   .margin(0.5)
                                                   .swap(true)
                                                   .reduction(kNone)));
  if (n == "ctc" || n == "ctc_sum_blank") {
    CTCLoss m = n == "ctc" ? CTCLoss() : CTCLoss(CTCLossOptions().blank(3).reduction(kSum).zero_infinity(true));
    auto p = m.ptr();
    return {p, [p](const std::vector<Tensor>& x) { return p->forward(x[0], x[1], x[2], x[3]); }};
  }
  if (n == "poisson_nll") return two(PoissonNLLLoss());
  if (n == "poisson_nll_full")
    return two(PoissonNLLLoss(PoissonNLLLossOptions().log_input(false).full(true).reduction(kSum)));
  if (n == "margin_ranking") return three(MarginRankingLoss(MarginRankingLossOptions().margin(0.1)));
  if (n == "gaussian_nll") return three(GaussianNLLLoss());
  if (n == "gaussian_nll_full")
    return three(GaussianNLLLoss(GaussianNLLLossOptions().full(true).eps(0.01).reduction(kNone)));
  if (n == "cross_entropy")
    return two(CrossEntropyLoss(CrossEntropyLossOptions()
                                    .weight(tensor(std::vector<float>{1.0f, 0.5f, 2.0f, 1.5f}))
                                    .ignore_index(2)
                                    .label_smoothing(0.1)));
  if (n == "cross_entropy_probs") return two(CrossEntropyLoss(CrossEntropyLossOptions().reduction(kSum)));
  if (n == "nll")
    return two(NLLLoss(NLLLossOptions().weight(tensor(std::vector<float>{1.0f, 0.5f, 2.0f, 1.5f})).reduction(kSum)));
  if (n == "bce") return two(BCELoss(BCELossOptions().weight(tensor(std::vector<float>{1.0f, 0.5f, 2.0f, 1.5f}))));
  if (n == "bce_logits")
    return two(BCEWithLogitsLoss(
        BCEWithLogitsLossOptions().pos_weight(tensor(std::vector<float>{1.0f, 3.0f, 0.5f, 2.0f})).reduction(kSum)));
  ADD_FAILURE() << "no case " << n;
  return {};
}

Tensor from(const ModuleBTensor& t) {
  Tensor v = tensor(t.values).view(t.shape);
  return v.to(t.integral ? kLong : kFloat);
}

}  // namespace

TEST(NnModulesB, ForwardAndBackwardMatchPyTorch) {
  int checked = 0;
  for (const ModuleBCase& c : module_b_cases()) {
    if (std::string(c.name).rfind("f_", 0) == 0) continue;  // functional-only cases
    SCOPED_TRACE(c.name);
    Built b = make(c.name);
    ASSERT_TRUE(b.module);
    std::vector<Tensor> xs;
    for (size_t i = 0; i < c.inputs.size(); ++i) {
      Tensor x = from(c.inputs[i]);
      bool g = std::find(c.grad_inputs.begin(), c.grad_inputs.end(), static_cast<int>(i)) != c.grad_inputs.end();
      if (g) x.set_requires_grad(true);
      xs.push_back(x);
    }
    if (c.seed >= 0) manual_seed(static_cast<uint64_t>(c.seed));
    Tensor y = b.forward(xs);
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
  EXPECT_EQ(checked, 56);
}

TEST(NnModulesB, ActivationPrettyPrint) {
  using namespace wick::nn;
  auto str = [](const Module& m) {
    std::ostringstream s;
    m.pretty_print(s);
    return s.str();
  };
  EXPECT_EQ(str(*ELU()), "wick::nn::ELU(alpha=1)");
  EXPECT_EQ(str(*ELU(ELUOptions().alpha(0.5).inplace(true))), "wick::nn::ELU(alpha=0.5, inplace=true)");
  EXPECT_EQ(str(*SELU()), "wick::nn::SELU()");
  EXPECT_EQ(str(*SELU(true)), "wick::nn::SELU(inplace=true)");
  EXPECT_EQ(str(*CELU(CELUOptions().alpha(2))), "wick::nn::CELU(alpha=2)");
  EXPECT_EQ(str(*GLU()), "wick::nn::GLU(dim=-1)");
  EXPECT_EQ(str(*Hardshrink()), "wick::nn::Hardshrink(0.5)");
  EXPECT_EQ(str(*Hardtanh()), "wick::nn::Hardtanh(min_val=-1, max_val=1)");
  EXPECT_EQ(str(*Hardtanh(HardtanhOptions().min_val(0).max_val(6).inplace(true))),
            "wick::nn::Hardtanh(min_val=0, max_val=6, inplace=true)");
  EXPECT_EQ(str(*LeakyReLU()), "wick::nn::LeakyReLU(negative_slope=0.01)");
  EXPECT_EQ(str(*LogSigmoid()), "wick::nn::LogSigmoid()");
  EXPECT_EQ(str(*ReLU6()), "wick::nn::ReLU6()");
  EXPECT_EQ(str(*ReLU6(true)), "wick::nn::ReLU6(inplace=true)");
  EXPECT_EQ(str(*RReLU()), "wick::nn::RReLU(lower=0.125, upper=0.333333)");
  EXPECT_EQ(str(*RReLU(RReLUOptions().inplace(true))), "wick::nn::RReLU(lower=0.125, upper=0.333333, inplace=true)");
  EXPECT_EQ(str(*Mish()), "wick::nn::Mish()");
  EXPECT_EQ(str(*Softplus()), "wick::nn::Softplus(beta=1, threshold=20)");
  EXPECT_EQ(str(*Softshrink(0.25)), "wick::nn::Softshrink(0.25)");
  EXPECT_EQ(str(*Softsign()), "wick::nn::Softsign()");
  EXPECT_EQ(str(*Tanhshrink()), "wick::nn::Tanhshrink()");
  EXPECT_EQ(str(*Threshold(0.1, 20)), "wick::nn::Threshold(threshold=0.1, value=20)");
  EXPECT_EQ(str(*Threshold(ThresholdOptions(1, 2).inplace(true))),
            "wick::nn::Threshold(threshold=1, value=2, inplace=true)");
  EXPECT_EQ(str(*Softmin(1)), "wick::nn::Softmin(dim=1)");
  EXPECT_EQ(str(*Softmax2d()), "wick::nn::Softmax2d()");
  EXPECT_EQ(str(*Hardsigmoid()), "wick::nn::Hardsigmoid()");
  EXPECT_EQ(str(*Hardswish(true)), "wick::nn::Hardswish(inplace=true)");
  EXPECT_EQ(str(*ReLU(true)), "wick::nn::ReLU(inplace=true)");
  EXPECT_EQ(str(*LogSoftmax(LogSoftmaxOptions(2))), "wick::nn::LogSoftmax(dim=2)");
  // In a container, as operator<< prints the tree.
  Sequential seq(ELU(), Softmin(0));
  std::ostringstream s;
  s << seq;
  EXPECT_EQ(s.str(), "wick::nn::Sequential(\n  (0): wick::nn::ELU(alpha=1)\n  (1): wick::nn::Softmin(dim=0)\n)");
}

TEST(NnModulesB, LossPrettyPrint) {
  using namespace wick::nn;
  auto str = [](const Module& m) {
    std::ostringstream s;
    m.pretty_print(s);
    return s.str();
  };
  EXPECT_EQ(str(*KLDivLoss()), "wick::nn::KLDivLoss()");
  EXPECT_EQ(str(*HingeEmbeddingLoss()), "wick::nn::HingeEmbeddingLoss(margin=1)");
  EXPECT_EQ(str(*MultiMarginLoss()),
            "wick::nn::MultiMarginLoss(p=1, margin=1, weight=[ Tensor (undefined) ], reduction=kMean)");
  EXPECT_EQ(str(*CosineEmbeddingLoss(CosineEmbeddingLossOptions().margin(0.5))),
            "wick::nn::CosineEmbeddingLoss(margin=0.5)");
  EXPECT_EQ(str(*SmoothL1Loss()), "wick::nn::SmoothL1Loss");
  EXPECT_EQ(str(*HuberLoss()), "wick::nn::HuberLoss");
  EXPECT_EQ(str(*MultiLabelMarginLoss()), "wick::nn::MultiLabelMarginLoss()");
  EXPECT_EQ(str(*SoftMarginLoss()), "wick::nn::SoftMarginLoss()");
  EXPECT_EQ(str(*MultiLabelSoftMarginLoss()), "wick::nn::MultiLabelSoftMarginLoss()");
  EXPECT_EQ(str(*TripletMarginLoss()), "wick::nn::TripletMarginLoss(margin=1, p=2, eps=1e-06, swap=false)");
  EXPECT_EQ(str(*TripletMarginWithDistanceLoss(TripletMarginWithDistanceLossOptions().swap(true))),
            "wick::nn::TripletMarginWithDistanceLoss(margin=1, swap=true)");
  EXPECT_EQ(str(*CTCLoss()), "wick::nn::CTCLoss()");
  EXPECT_EQ(str(*PoissonNLLLoss()), "wick::nn::PoissonNLLLoss()");
  EXPECT_EQ(str(*MarginRankingLoss()), "wick::nn::MarginRankingLoss()");
  EXPECT_EQ(str(*GaussianNLLLoss()), "wick::nn::GaussianNLLLoss()");
  EXPECT_EQ(str(*CrossEntropyLoss()), "wick::nn::CrossEntropyLoss()");
  EXPECT_EQ(str(*NLLLoss()), "wick::nn::NLLLoss()");
  EXPECT_EQ(str(*BCELoss()), "wick::nn::BCELoss()");
  EXPECT_EQ(str(*BCEWithLogitsLoss()), "wick::nn::BCEWithLogitsLoss()");
  EXPECT_EQ(str(*L1Loss()), "wick::nn::L1Loss()");
  EXPECT_EQ(str(*MSELoss()), "wick::nn::MSELoss()");
}

TEST(NnModulesB, OptionGettersAndDefaults) {
  using namespace wick::nn;
  EXPECT_EQ(ELU()->options.alpha(), 1.0);
  EXPECT_FALSE(ELU()->options.inplace());
  EXPECT_TRUE(SELU(true)->options.inplace());
  EXPECT_EQ(CELU()->options.alpha(), 1.0);
  EXPECT_EQ(GLU()->options.dim(), -1);
  EXPECT_EQ(Hardshrink()->options.lambda(), 0.5);
  EXPECT_EQ(Softshrink()->options.lambda(), 0.5);
  EXPECT_EQ(Hardtanh()->options.min_val(), -1.0);
  EXPECT_EQ(Hardtanh()->options.max_val(), 1.0);
  EXPECT_DOUBLE_EQ(RReLU()->options.lower(), 1.0 / 8);
  EXPECT_DOUBLE_EQ(RReLU()->options.upper(), 1.0 / 3);
  EXPECT_EQ(Softplus()->options.beta(), 1.0);
  EXPECT_EQ(Softplus()->options.threshold(), 20.0);
  Threshold th(ThresholdOptions(0.5, -1).inplace(true));
  EXPECT_EQ(th->options.threshold(), 0.5);
  EXPECT_EQ(th->options.value(), -1.0);
  EXPECT_TRUE(th->options.inplace());
  EXPECT_EQ(Softmin(3)->options.dim(), 3);

  EXPECT_EQ(KLDivLoss()->options.reduction(), kMean);
  EXPECT_FALSE(KLDivLoss()->options.log_target());
  EXPECT_EQ(HingeEmbeddingLoss()->options.margin(), 1.0);
  EXPECT_EQ(MultiMarginLoss()->options.p(), 1);
  EXPECT_EQ(MultiMarginLoss()->options.margin(), 1.0);
  EXPECT_FALSE(MultiMarginLoss()->options.weight().defined());
  EXPECT_EQ(CosineEmbeddingLoss()->options.margin(), 0.0);
  EXPECT_EQ(SmoothL1Loss()->options.beta(), 1.0);
  EXPECT_EQ(SmoothL1Loss(kSum)->options.reduction(), kSum);
  EXPECT_EQ(HuberLoss()->options.delta(), 1.0);
  EXPECT_EQ(SoftMarginLoss(kNone)->options.reduction(), kNone);
  EXPECT_EQ(TripletMarginLoss()->options.p(), 2.0);
  EXPECT_EQ(TripletMarginLoss()->options.eps(), 1e-6);
  EXPECT_FALSE(TripletMarginLoss()->options.swap());
  EXPECT_FALSE(TripletMarginWithDistanceLoss()->options.distance_function().has_value());
  EXPECT_EQ(TripletMarginWithDistanceLoss()->options.margin(), 1.0);
  EXPECT_EQ(CTCLoss()->options.blank(), 0);
  EXPECT_FALSE(CTCLoss()->options.zero_infinity());
  EXPECT_TRUE(PoissonNLLLoss()->options.log_input());
  EXPECT_FALSE(PoissonNLLLoss()->options.full());
  EXPECT_EQ(PoissonNLLLoss()->options.eps(), 1e-8);
  EXPECT_EQ(GaussianNLLLoss()->options.eps(), 1e-6);
  EXPECT_FALSE(GaussianNLLLoss()->options.full());
  EXPECT_EQ(MarginRankingLoss()->options.margin(), 0.0);
  EXPECT_EQ(CrossEntropyLoss()->options.ignore_index(), -100);
  EXPECT_EQ(CrossEntropyLoss()->options.label_smoothing(), 0.0);
  EXPECT_EQ(NLLLoss()->options.ignore_index(), -100);
  EXPECT_EQ(BCEWithLogitsLoss()->options.reduction(), kMean);
}

TEST(NnModulesB, WeightsAreBuffers) {
  using namespace wick::nn;
  Tensor w = tensor(std::vector<float>{1, 2, 3});
  MultiMarginLoss mm(MultiMarginLossOptions().weight(w));
  EXPECT_EQ(mm->state_dict().keys(), std::vector<std::string>{"weight"});
  EXPECT_TRUE(mm->parameters().empty());
  MultiLabelSoftMarginLoss ml(MultiLabelSoftMarginLossOptions().weight(w));
  EXPECT_EQ(ml->state_dict().keys(), std::vector<std::string>{"weight"});
  BCEWithLogitsLoss bl(BCEWithLogitsLossOptions().weight(w).pos_weight(w));
  EXPECT_EQ(bl->state_dict().keys(), (std::vector<std::string>{"weight", "pos_weight"}));
  // Unset weights are skipped.
  EXPECT_TRUE(MultiMarginLoss()->state_dict().keys().empty());
}

TEST(NnModulesB, InplaceOptionsModifyTheInput) {
  using namespace wick::nn;
  Tensor expect_elu = elu(tensor(std::vector<float>{-1, 0.5f, 2}), 1.0);
  Tensor x = tensor(std::vector<float>{-1, 0.5f, 2});
  Tensor y = ELU(ELUOptions().inplace(true))(x);
  EXPECT_TRUE(y.is_same(x));
  EXPECT_TENSOR_CLOSE(x, expect_elu);

  Tensor a = tensor(std::vector<float>{-2, 0.05f, 3});
  Threshold(ThresholdOptions(0.1, 9).inplace(true))(a);
  EXPECT_TENSOR_EQ(a, tensor(std::vector<float>{9, 9, 3}));

  Tensor b = tensor(std::vector<float>{-2, 3, 7});
  ReLU6(true)(b);
  EXPECT_TENSOR_EQ(b, tensor(std::vector<float>{0, 3, 6}));

  Tensor c = tensor(std::vector<float>{-2, 0.5f, 2});
  Hardtanh(HardtanhOptions().inplace(true))(c);
  EXPECT_TENSOR_EQ(c, tensor(std::vector<float>{-1, 0.5f, 1}));

  for (auto mk : std::vector<std::function<Tensor(Tensor)>>{
           [](Tensor t) { return SELU(true)(t); }, [](Tensor t) { return CELU(CELUOptions().inplace(true))(t); },
           [](Tensor t) { return Hardsigmoid(true)(t); }, [](Tensor t) { return Hardswish(true)(t); },
           [](Tensor t) { return LeakyReLU(LeakyReLUOptions().inplace(true))(t); },
           [](Tensor t) { return RReLU(RReLUOptions().inplace(true))(t); }}) {
    Tensor t = tensor(std::vector<float>{-1.5f, 0.25f, 2});
    Tensor out = mk(t);
    EXPECT_TRUE(out.is_same(t));
  }
  // Without inplace the input is untouched.
  Tensor d = tensor(std::vector<float>{-1, 2});
  Tensor e = SELU()(d);
  EXPECT_FALSE(e.is_same(d));
  EXPECT_TENSOR_EQ(d, tensor(std::vector<float>{-1, 2}));
}

TEST(NnModulesB, RReLUTrainAndEval) {
  using namespace wick::nn;
  RReLU m(RReLUOptions().lower(0.1).upper(0.3));
  Tensor x = -ones({1000});
  Tensor y = m(x);
  // Training: each negative slope drawn from [0.1, 0.3].
  EXPECT_GE((-y).min().item<double>(), 0.1);
  EXPECT_LE((-y).max().item<double>(), 0.3);
  EXPECT_GT((-y).std().item<double>(), 0.03);
  m->eval();
  EXPECT_TENSOR_CLOSE(m(x), full({1000}, -0.2f));
  EXPECT_TENSOR_EQ(m(ones({3})), ones({3}));
}

TEST(NnModulesB, Errors) {
  using namespace wick::nn;
  EXPECT_EQ(error_of([] { Hardtanh(HardtanhOptions().min_val(1).max_val(1)); }),
            "max_val must be greater than min_val");
  EXPECT_EQ(error_of([] { Softmax2d()(ones({2, 3})); }), "Softmax2d: expected input to be 3D or 4D, got 2D instead");
  EXPECT_EQ(error_of([] { MultiMarginLoss(MultiMarginLossOptions().p(3)); }), "only p == 1 and p == 2 supported");
  EXPECT_EQ(error_of([] { MultiMarginLoss(MultiMarginLossOptions().weight(ones({2, 2}))); }),
            "weight must be one-dimensional");
  EXPECT_EQ(error_of([] { GLU()(ones({2, 3})); }),
            "Halving dimension must be even, but dimension 1 is size 3");
  EXPECT_EQ(error_of([] { BCELoss()(full({2}, 0.5f), ones({3})); }),
            "Using a target size ([3]) that is different to the input size ([2]) is deprecated. "
            "Please ensure they have the same size.");
  EXPECT_TRUE(wick::test::raises<ValueError>([] { BCEWithLogitsLoss()(ones({2}), ones({2, 1})); }));
  EXPECT_EQ(error_of([] { BCEWithLogitsLoss()(ones({2}), ones({2, 1})); }),
            "Target size ([2, 1]) must be the same as input size ([2])");
  EXPECT_EQ(error_of([] { MarginRankingLoss()(ones({2}), ones({2}), ones({2, 1})); }),
            "margin_ranking_loss : All input tensors should have same dimension but got sizes: input1: [2], "
            "input2: [2], target: [2, 1] ");
  EXPECT_EQ(error_of([] {
              TripletMarginWithDistanceLoss(TripletMarginWithDistanceLossOptions().margin(0))(ones({2, 3}), ones({2, 3}),
                                                                                            ones({2, 3}));
            }),
            "triplet_margin_with_distance_loss: expected margin to be greater than 0, got 0 instead");
  EXPECT_EQ(error_of([] { TripletMarginWithDistanceLoss()(ones({2, 3}), ones({2, 3}), ones({3})); }),
            "The anchor, positive, and negative tensors are expected to have the same number of dimensions, but "
            "got: anchor 2D, positive 2D, and negative 1D inputs");
  EXPECT_EQ(error_of([] { L1Loss(7)(ones({2}), ones({2})); }).find("is not a valid value for reduction") !=
                std::string::npos,
            true);
  EXPECT_EQ(error_of([] { (void)KLDivLoss(kBatchMean)(ones({2}), ones({2})); }), "<no error>");
}

TEST(NnModulesB, KLDivBatchMeanIsSumOverBatch) {
  using namespace wick::nn;
  Tensor input = log_softmax(sin(arange(12).to(kFloat)).view({3, 4}), 1);
  Tensor target = softmax(cos(arange(12).to(kFloat)).view({3, 4}), 1);
  Tensor sum = KLDivLoss(kSum)(input, target);
  EXPECT_TENSOR_CLOSE(KLDivLoss(kBatchMean)(input, target), sum / 3.0);
  // A 0-d input: batchmean is the sum.
  EXPECT_TENSOR_CLOSE(KLDivLoss(kBatchMean)(tensor(-1.0f), tensor(0.5f)), KLDivLoss(kSum)(tensor(-1.0f), tensor(0.5f)));
}
