// wick::optim learning-rate schedulers against PyTorch: baked lr / momentum
// sequences (gen_lr_scheduler_data.py builds the same schedulers in torch),
// the protocol (initial step, 'initial_lr', get_last_lr, last_epoch, resume)
// and PyTorch's errors.
#include <cmath>
#include <map>

#include "lr_scheduler_test_data.h"
#include "test_utils.h"
#include "wick/optim/optim.h"
#include "wick/optim/schedulers/schedulers.h"

namespace wick {
namespace {

using namespace wick::optim;
using test::error_of;
namespace data = lr_scheduler_data;

// Two groups (lr 0.1 and 0.05), as the generator's make_opt.
struct TwoGroups {
  Tensor p1 = zeros({2}).requires_grad_();
  Tensor p2 = zeros({3}).requires_grad_();
  std::unique_ptr<Optimizer> opt;
  explicit TwoGroups(bool adam = false) {
    if (adam) {
      std::vector<OptimizerParamGroup> gs;
      gs.emplace_back(std::vector<Tensor>{p1}, std::make_unique<AdamOptions>(0.1));
      gs.emplace_back(std::vector<Tensor>{p2}, std::make_unique<AdamOptions>(0.05));
      opt = std::make_unique<Adam>(std::move(gs), AdamOptions(0.1));
    } else {
      std::vector<OptimizerParamGroup> gs;
      gs.emplace_back(std::vector<Tensor>{p1}, std::make_unique<SGDOptions>(SGDOptions(0.1).momentum(0.9)));
      gs.emplace_back(std::vector<Tensor>{p2}, std::make_unique<SGDOptions>(SGDOptions(0.05).momentum(0.9)));
      opt = std::make_unique<SGD>(std::move(gs), SGDOptions(0.1).momentum(0.9));
    }
  }
};

double momentum_of(const OptimizerParamGroup& g) {
  for (const auto& [k, v] : g.options().to_dict()) {
    if (k == "betas") return std::get<std::vector<double>>(v)[0];
    if (k == "momentum") return option_to_double(v, k);
  }
  return NAN;
}

// One scheduler step, whatever the kind.
struct Any {
  std::shared_ptr<LRScheduler> s;
  std::shared_ptr<ReduceLROnPlateauScheduler> plateau;
};

using Factory = std::function<Any(Optimizer&)>;

template <typename S, typename... A>
Any mk(Optimizer& o, A&&... a) {
  return {std::make_shared<S>(o, std::forward<A>(a)...), nullptr};
}

std::map<std::string, std::pair<bool, Factory>> factories() {
  using P = ReduceLROnPlateauScheduler;
  std::map<std::string, std::pair<bool, Factory>> f;
  auto sgd = [&](const std::string& name, Factory fn) { f[name] = {false, std::move(fn)}; };
  sgd("StepLR", [](Optimizer& o) { return mk<StepLR>(o, 3, 0.5); });
  sgd("StepLRDefaultGamma", [](Optimizer& o) { return mk<StepLR>(o, 4); });
  sgd("MultiStepLR", [](Optimizer& o) { return mk<MultiStepLR>(o, std::vector<int64_t>{2, 5, 5, 9}, 0.3); });
  sgd("ConstantLR", [](Optimizer& o) { return mk<ConstantLR>(o, 0.25, 4); });
  sgd("ConstantLRDefaults", [](Optimizer& o) { return mk<ConstantLR>(o); });
  sgd("LinearLR", [](Optimizer& o) { return mk<LinearLR>(o, 0.2, 0.9, 7); });
  sgd("LinearLRDefaults", [](Optimizer& o) { return mk<LinearLR>(o); });
  sgd("ExponentialLR", [](Optimizer& o) { return mk<ExponentialLR>(o, 0.9); });
  sgd("PolynomialLR", [](Optimizer& o) { return mk<PolynomialLR>(o, 10, 2.0); });
  sgd("PolynomialLRDefaults", [](Optimizer& o) { return mk<PolynomialLR>(o); });
  sgd("CosineAnnealingLR", [](Optimizer& o) { return mk<CosineAnnealingLR>(o, 6, 0.001); });
  sgd("CosineAnnealingWarmRestarts", [](Optimizer& o) { return mk<CosineAnnealingWarmRestarts>(o, 4, 2, 0.01); });
  sgd("CosineAnnealingWarmRestartsMult1", [](Optimizer& o) { return mk<CosineAnnealingWarmRestarts>(o, 5); });
  sgd("LambdaLR", [](Optimizer& o) {
    return mk<LambdaLR>(o, LRLambda([](int64_t e) { return std::pow(0.95, static_cast<double>(e)); }));
  });
  sgd("LambdaLRPerGroup", [](Optimizer& o) {
    return mk<LambdaLR>(o, std::vector<LRLambda>{[](int64_t e) { return 1.0 / static_cast<double>(e + 1); },
                                                 [](int64_t e) { return e % 2 ? 0.5 : 1.0; }});
  });
  sgd("MultiplicativeLR", [](Optimizer& o) { return mk<MultiplicativeLR>(o, LRLambda([](int64_t) { return 0.9; })); });
  sgd("CyclicLRTriangular", [](Optimizer& o) {
    return mk<CyclicLR>(o, std::vector<double>{0.01}, std::vector<double>{0.1, 0.2}, 4.0, 3.0);
  });
  sgd("CyclicLRTriangular2", [](Optimizer& o) {
    return mk<CyclicLR>(o, std::vector<double>{0.01, 0.02}, std::vector<double>{0.1}, 3.0, std::nullopt,
                        "triangular2", 1.0, nullptr, "cycle", true, std::vector<double>{0.7},
                        std::vector<double>{0.9, 0.95});
  });
  sgd("CyclicLRExpRange", [](Optimizer& o) {
    return mk<CyclicLR>(o, std::vector<double>{0.01}, std::vector<double>{0.1}, 5.0, std::nullopt, "exp_range", 0.95);
  });
  sgd("CyclicLRNoMomentum", [](Optimizer& o) {
    return mk<CyclicLR>(o, std::vector<double>{0.01}, std::vector<double>{0.1}, 2.0, std::nullopt, "triangular",
                        1.0, nullptr, "cycle", false);
  });
  sgd("CyclicLRScaleFn", [](Optimizer& o) {
    return mk<CyclicLR>(o, std::vector<double>{0.01}, std::vector<double>{0.1}, 3.0, std::nullopt, "triangular",
                        1.0, [](double x) { return 1.0 / (1.0 + x); }, "iterations");
  });
  sgd("OneCycleLR", [](Optimizer& o) { return mk<OneCycleLR>(o, std::vector<double>{0.5, 0.3}, data::kSteps); });
  sgd("OneCycleLRLinearThreePhase", [](Optimizer& o) {
    return mk<OneCycleLR>(o, std::vector<double>{0.4}, std::nullopt, 5, 6, 0.25, "linear", true,
                          std::vector<double>{0.85}, std::vector<double>{0.95}, 10.0, 100.0, true);
  });
  f["OneCycleLRAdam"] = {true, [](Optimizer& o) {
                           return mk<OneCycleLR>(o, std::vector<double>{0.2}, data::kSteps + 2, std::nullopt,
                                                 std::nullopt, 0.3, "cos", true, std::vector<double>{0.8},
                                                 std::vector<double>{0.9});
                         }};
  sgd("SequentialLR", [](Optimizer& o) {
    std::vector<std::shared_ptr<LRScheduler>> ss{std::make_shared<ConstantLR>(o, 0.5, 3),
                                                 std::make_shared<ExponentialLR>(o, 0.8)};
    return mk<SequentialLR>(o, ss, std::vector<int64_t>{4});
  });
  sgd("SequentialLRThree", [](Optimizer& o) {
    std::vector<std::shared_ptr<LRScheduler>> ss{std::make_shared<LinearLR>(o, 0.1, 1.0, 4),
                                                 std::make_shared<StepLR>(o, 2, 0.5),
                                                 std::make_shared<CosineAnnealingLR>(o, 5)};
    return mk<SequentialLR>(o, ss, std::vector<int64_t>{5, 12});
  });
  sgd("ChainedScheduler", [](Optimizer& o) {
    std::vector<std::shared_ptr<LRScheduler>> ss{std::make_shared<ConstantLR>(o, 0.5, 3),
                                                 std::make_shared<ExponentialLR>(o, 0.9)};
    return Any{std::make_shared<ChainedScheduler>(ss), nullptr};
  });
  sgd("ChainedSchedulerStepCosine", [](Optimizer& o) {
    std::vector<std::shared_ptr<LRScheduler>> ss{std::make_shared<StepLR>(o, 4, 0.5),
                                                 std::make_shared<CosineAnnealingLR>(o, 8, 0.0)};
    return Any{std::make_shared<ChainedScheduler>(ss, o), nullptr};
  });
  sgd("ReduceLROnPlateau", [](Optimizer& o) { return Any{nullptr, std::make_shared<P>(o, P::min, 0.1, 2)}; });
  sgd("ReduceLROnPlateauMaxAbs", [](Optimizer& o) {
    return Any{nullptr, std::make_shared<P>(o, P::max, 0.5, 1, 0.01, P::abs, 2)};
  });
  sgd("ReduceLROnPlateauMinLr", [](Optimizer& o) {
    return Any{nullptr, std::make_shared<P>(o, P::min, 0.2, 0, 1e-4, P::abs, 0, std::vector<double>{0.003, 0.0005})};
  });
  sgd("ReduceLROnPlateauEps", [](Optimizer& o) {
    return Any{nullptr, std::make_shared<P>(o, P::min, 0.5, 0, 1e-4, P::rel, 0, std::vector<double>{0.04}, 0.006)};
  });
  sgd("StepLREpochs", [](Optimizer& o) { return mk<StepLR>(o, 3, 0.5); });
  sgd("MultiStepLREpochs", [](Optimizer& o) { return mk<MultiStepLR>(o, std::vector<int64_t>{2, 5, 5}, 0.3); });
  sgd("ExponentialLREpochs", [](Optimizer& o) { return mk<ExponentialLR>(o, 0.9); });
  sgd("CosineAnnealingLREpochs", [](Optimizer& o) { return mk<CosineAnnealingLR>(o, 6, 0.001); });
  sgd("LinearLREpochs", [](Optimizer& o) { return mk<LinearLR>(o, 0.2, 1.0, 4); });
  sgd("ConstantLREpochs", [](Optimizer& o) { return mk<ConstantLR>(o, 0.4, 3); });
  sgd("PolynomialLREpochs", [](Optimizer& o) { return mk<PolynomialLR>(o, 6, 0.5); });
  sgd("CosineAnnealingWarmRestartsEpochs", [](Optimizer& o) { return mk<CosineAnnealingWarmRestarts>(o, 3, 2, 0.001); });
  sgd("CosineAnnealingWarmRestartsEpochsMult1", [](Optimizer& o) { return mk<CosineAnnealingWarmRestarts>(o, 4); });
  return f;
}

void record(const Optimizer& o, std::vector<double>& lrs, std::vector<double>& ms) {
  for (const auto& g : o.param_groups()) {
    lrs.push_back(g.options().get_lr());
    ms.push_back(momentum_of(g));
  }
}

void expect_seq(const std::vector<double>& got, const std::vector<double>& want) {
  ASSERT_EQ(got.size(), want.size());
  for (size_t i = 0; i < got.size(); ++i)
    EXPECT_NEAR(got[i], want[i], 1e-12 + 1e-10 * std::fabs(want[i])) << "entry " << i << " (record "
                                                                       << i / 2 << ", group " << i % 2 << ")";
}

TEST(LRScheduler, SequencesMatchPyTorch) {
  auto fs = factories();
  ASSERT_EQ(fs.size(), data::seqs.size());
  for (const auto& c : data::seqs) {
    SCOPED_TRACE(c.name);
    auto it = fs.find(c.name);
    ASSERT_NE(it, fs.end());
    TwoGroups setup(it->second.first);
    Optimizer& o = *setup.opt;
    Any s = it->second.second(o);
    std::vector<double> lrs, ms;
    record(o, lrs, ms);
    if (!c.epochs.empty()) {
      for (double e : c.epochs) {
        o.step();
        s.s->step(e);
        record(o, lrs, ms);
      }
    } else {
      for (int i = 0; i < data::kSteps; ++i) {
        o.step();
        if (s.plateau) {
          s.plateau->step(data::metrics[i]);
        } else {
          s.s->step();
        }
        record(o, lrs, ms);
      }
      const auto& last = s.plateau ? s.plateau->get_last_lr() : s.s->get_last_lr();
      ASSERT_EQ(last.size(), 2u);
      EXPECT_EQ(last[0], lrs[lrs.size() - 2]);
      EXPECT_EQ(last[1], lrs[lrs.size() - 1]);
    }
    expect_seq(lrs, c.lr);
    expect_seq(ms, c.momentum);
  }
}

// PyTorch 2.x cycles Adam's beta1 in CyclicLR (1.13 raised): beta1 follows the
// sequence SGD's momentum follows (baked from torch as CyclicLRTriangular).
TEST(LRScheduler, CyclicLRCyclesAdamBeta1) {
  const data::Seq* ref = nullptr;
  for (const auto& c : data::seqs)
    if (std::string(c.name) == "CyclicLRTriangular") ref = &c;
  ASSERT_NE(ref, nullptr);
  TwoGroups setup(/*adam=*/true);
  CyclicLR s(*setup.opt, {0.01}, {0.1, 0.2}, 4.0, 3.0);
  std::vector<double> lrs, ms;
  record(*setup.opt, lrs, ms);
  for (int i = 0; i < data::kSteps; ++i) {
    setup.opt->step();
    s.step();
    record(*setup.opt, lrs, ms);
  }
  expect_seq(lrs, ref->lr);
  expect_seq(ms, ref->momentum);
  // beta2 untouched, and the group extras PyTorch 2.x adds are there (1.13's
  // CyclicLR stored neither momentum key).
  auto d = setup.opt->param_groups()[1].options().to_dict();
  for (const auto& [k, v] : d)
    if (k == "betas") EXPECT_EQ(std::get<std::vector<double>>(v)[1], 0.999);
  const auto& extra = setup.opt->param_groups()[1].options().extra();
  ASSERT_EQ(extra.size(), 3u);
  EXPECT_EQ(extra[0].first, "max_momentum");
  EXPECT_EQ(extra[1].first, "base_momentum");
  EXPECT_EQ(extra[2].first, "initial_lr");
}

// The keys torch's OneCycleLR adds to each group, in torch's order, saved by state_dict().
TEST(LRScheduler, OneCycleLRGroupKeys) {
  TwoGroups setup;
  OneCycleLR s(*setup.opt, {0.5}, 10);
  auto sd = setup.opt->state_dict();
  std::vector<std::string> keys;
  for (const auto& [k, v] : sd.param_groups[0].options) keys.push_back(k);
  EXPECT_EQ(keys, (std::vector<std::string>{"lr", "momentum", "dampening", "weight_decay", "nesterov", "maximize",
                                            "foreach", "differentiable", "fused", "initial_lr", "max_lr", "min_lr",
                                            "max_momentum", "base_momentum"}));
  EXPECT_EQ(std::get<double>(*setup.opt->param_groups()[0].options().find_extra("initial_lr")), 0.02);
  EXPECT_DOUBLE_EQ(std::get<double>(*setup.opt->param_groups()[0].options().find_extra("min_lr")), 2e-6);
  EXPECT_EQ(s.total_steps(), 10);
  // Loading the optimizer's state_dict elsewhere carries the keys as extras.
  TwoGroups other;
  other.opt->load_state_dict(sd);
  EXPECT_EQ(other.opt->param_groups()[0].options().extra().size(), 5u);
  OneCycleLR resumed(*other.opt, {0.5}, 10, std::nullopt, std::nullopt, 0.3, "cos", true, {0.85}, {0.95},
                     25.0, 1e4, false, /*last_epoch=*/0);
  EXPECT_EQ(resumed.last_epoch(), 1);
  s.step();  // the original at epoch 1
  EXPECT_EQ(resumed.get_last_lr(), s.get_last_lr());
  EXPECT_EQ(momentum_of(other.opt->param_groups()[1]), momentum_of(setup.opt->param_groups()[1]));
}

TEST(LRScheduler, InitialStepAndInitialLr) {
  TwoGroups setup;
  StepLR s(*setup.opt, 2, 0.5);
  EXPECT_EQ(s.last_epoch(), 0);
  EXPECT_EQ(s.get_last_lr(), (std::vector<double>{0.1, 0.05}));
  EXPECT_EQ(s.base_lrs(), (std::vector<double>{0.1, 0.05}));
  EXPECT_EQ(s.name(), "StepLR");
  const OptionValue* init = setup.opt->param_groups()[1].options().find_extra("initial_lr");
  ASSERT_NE(init, nullptr);
  EXPECT_EQ(std::get<double>(*init), 0.05);
  s.step();
  s.step();
  EXPECT_EQ(s.last_epoch(), 2);
  EXPECT_EQ(s.get_last_lr(), (std::vector<double>{0.05, 0.025}));
  // 'initial_lr' is saved with the optimizer's param groups, as PyTorch's state_dict.
  auto sd = setup.opt->state_dict();
  EXPECT_EQ(sd.param_groups[0].options.back().first, "initial_lr");
  // A second scheduler keeps the first 'initial_lr' (setdefault) for its base lrs.
  ExponentialLR e(*setup.opt, 0.5);
  EXPECT_EQ(e.base_lrs(), (std::vector<double>{0.1, 0.05}));
  EXPECT_EQ(e.get_last_lr(), (std::vector<double>{0.05, 0.025}));  // the chainable form starts from the current lr
}

TEST(LRScheduler, ResumeNeedsInitialLr) {
  TwoGroups setup;
  EXPECT_EQ(error_of([&] { StepLR(*setup.opt, 2, 0.5, 3); }),
            "param 'initial_lr' is not specified in param_groups[0] when resuming an optimizer");
  // Resuming continues from last_epoch with the groups' current lrs.
  setup.opt->param_groups()[0].options().set_extra("initial_lr", 0.1);
  setup.opt->param_groups()[1].options().set_extra("initial_lr", 0.05);
  setup.opt->param_groups()[0].options().set_lr(0.05);
  setup.opt->param_groups()[1].options().set_lr(0.025);
  StepLR s(*setup.opt, 2, 0.5, 2);  // the initial step goes to epoch 3
  EXPECT_EQ(s.last_epoch(), 3);
  EXPECT_EQ(s.get_last_lr(), (std::vector<double>{0.05, 0.025}));
  s.step();
  EXPECT_EQ(s.get_last_lr(), (std::vector<double>{0.025, 0.0125}));
}

TEST(LRScheduler, ReduceLROnPlateauCounters) {
  using P = ReduceLROnPlateauScheduler;
  TwoGroups setup;
  P s(*setup.opt, P::min, 0.5, 1, 1e-4, P::rel, 1);
  EXPECT_EQ(s.best(), INFINITY);
  s.step(1.0);
  EXPECT_EQ(s.best(), 1.0);
  EXPECT_EQ(s.num_bad_epochs(), 0);
  s.step(1.0);
  EXPECT_EQ(s.num_bad_epochs(), 1);
  s.step(1.0);  // 2 > patience: reduce, then cooldown 1
  EXPECT_EQ(s.get_last_lr(), (std::vector<double>{0.05, 0.025}));
  EXPECT_TRUE(s.in_cooldown());
  EXPECT_EQ(s.num_bad_epochs(), 0);
  s.step(1.0);
  EXPECT_FALSE(s.in_cooldown());
  EXPECT_EQ(s.last_epoch(), 4);
  // Verbose prints PyTorch 1.x's line.
  P v(*setup.opt, P::max, 0.5, 0, 1e-4, P::rel, 0, {}, 1e-8, true);
  testing::internal::CaptureStdout();
  v.step(1.0);
  v.step(0.5);
  EXPECT_EQ(testing::internal::GetCapturedStdout(),
            "Epoch 00002: reducing learning rate of group 0 to 2.5000e-02.\n"
            "Epoch 00002: reducing learning rate of group 1 to 1.2500e-02.\n");
}

TEST(LRScheduler, Errors) {
  using P = ReduceLROnPlateauScheduler;
  TwoGroups setup;
  Optimizer& o = *setup.opt;
  EXPECT_EQ(error_of([&] { P(o, P::min, 1.0); }), "Factor should be < 1.0.");
  EXPECT_EQ(error_of([&] { P(o, P::min, 0.1, 10, 1e-4, P::rel, 0, {1, 2, 3}); }), "expected 2 min_lrs, got 3");
  EXPECT_EQ(error_of([&] { ConstantLR(o, 1.5); }),
            "Constant multiplicative factor expected to be between 0 and 1.");
  EXPECT_EQ(error_of([&] { LinearLR(o, 0.0); }),
            "Starting multiplicative factor expected to be greater than 0 and less or equal to 1.");
  EXPECT_EQ(error_of([&] { LinearLR(o, 0.5, 1.5); }),
            "Ending multiplicative factor expected to be between 0 and 1.");
  EXPECT_EQ(error_of([&] { CosineAnnealingWarmRestarts(o, 0); }), "Expected positive integer T_0, but got 0");
  EXPECT_EQ(error_of([&] { CosineAnnealingWarmRestarts(o, 2, 0); }), "Expected integer T_mult >= 1, but got 0");
  EXPECT_EQ(error_of([&] {
              CosineAnnealingWarmRestarts s(o, 2);
              s.step(-1.0);
            }),
            "Expected non-negative epoch, but got -1");
  EXPECT_EQ(error_of([&] { LambdaLR(o, std::vector<LRLambda>(3, [](int64_t) { return 1.0; })); }),
            "Expected 2 lr_lambdas, but got 3");
  EXPECT_EQ(error_of([&] { CyclicLR(o, {0.1, 0.2, 0.3}, {1.0}); }),
            "base_lr must have the same length as optimizer.param_groups. base_lr has 3 values, "
            "param_groups has 2.");
  EXPECT_EQ(error_of([&] { CyclicLR(o, {0.1}, {1.0}, 2000, std::nullopt, "zigzag"); }),
            "mode is invalid and scale_fn is None");
  {
    Tensor p = zeros({1}).requires_grad_();
    Adagrad ada({p}, AdagradOptions(0.1));
    EXPECT_EQ(error_of([&] { CyclicLR(ada, {0.1}, {1.0}); }),
              "optimizer must support momentum or beta1 with `cycle_momentum` option enabled");
    EXPECT_EQ(error_of([&] { OneCycleLR(ada, {1.0}, 10); }),
              "optimizer must support momentum or beta1 with `cycle_momentum` option enabled");
  }
  EXPECT_EQ(error_of([&] { OneCycleLR(o, {1.0}); }),
            "You must define either total_steps OR (epochs AND steps_per_epoch)");
  EXPECT_EQ(error_of([&] { OneCycleLR(o, {1.0}, 0); }), "Expected positive integer total_steps, but got 0");
  EXPECT_EQ(error_of([&] { OneCycleLR(o, {1.0}, std::nullopt, 0, 3); }),
            "Expected positive integer epochs, but got 0");
  EXPECT_EQ(error_of([&] { OneCycleLR(o, {1.0}, std::nullopt, 2, -1); }),
            "Expected positive integer steps_per_epoch, but got -1");
  EXPECT_EQ(error_of([&] { OneCycleLR(o, {1.0}, 10, std::nullopt, std::nullopt, 1.5); }),
            "Expected float between 0 and 1 pct_start, but got 1.5");
  EXPECT_EQ(error_of([&] { OneCycleLR(o, {1.0}, 10, std::nullopt, std::nullopt, 0.3, "step"); }),
            "anneal_strategy must be one of 'cos' or 'linear', instead got step");
  EXPECT_EQ(error_of([&] {
              OneCycleLR s(o, {1.0}, 3);
              for (int i = 0; i < 4; ++i) s.step();
            }),
            "Tried to step 4 times. The specified number of total steps is 3");  // 2.x wording
  EXPECT_EQ(error_of([&] { SequentialLR(o, {}, {}); }),
            "SequentialLR expects at least one scheduler, but got no scheduler.");
  EXPECT_EQ(error_of([&] { ChainedScheduler(std::vector<std::shared_ptr<LRScheduler>>{}); }),
            "ChainedScheduler expects at least one scheduler to be chained, but got no scheduler.");
  auto a = std::make_shared<StepLR>(o, 2);
  EXPECT_EQ(error_of([&] { SequentialLR(o, {a, a}, {}); }),
            "Sequential Schedulers expects number of schedulers provided to be one more than the number "
            "of milestone points, but got number of schedulers 2 and the number of milestones to be "
            "equal to 0");
  TwoGroups other;
  auto b = std::make_shared<StepLR>(*other.opt, 2);
  EXPECT_EQ(error_of([&] { SequentialLR(o, {a, b}, {3}); }),
            "SequentialLR expects all schedulers to belong to the same optimizer, but got scheduler "
            "StepLR at index 1 has SGD, which is different from SGD.");
  EXPECT_EQ(error_of([&] { ChainedScheduler({a, b}); }),
            "ChainedScheduler expects all schedulers to belong to the same optimizer, but got scheduler "
            "StepLR at index 1 has SGD, which is different from SGD.");
  EXPECT_EQ(error_of([&] { StepLR(o, 0); }), "StepLR: step_size must be positive, got 0");
  SequentialLR seq(o, {a}, {});
  EXPECT_EQ(error_of([&] { seq.step(3.0); }), "SequentialLR.step() takes no epoch argument");
  ChainedScheduler chain({a});
  EXPECT_EQ(error_of([&] { chain.step(3.0); }), "ChainedScheduler.step() takes no epoch argument");
}

}  // namespace
}  // namespace wick
