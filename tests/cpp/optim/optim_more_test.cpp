// wick::optim Adamax, NAdam, RAdam, Adadelta, Rprop and ASGD against PyTorch:
// baked trajectories (gen_optim_more_data.py), state_dict structure and round
// trip, defaults and constructor errors.
#include <functional>
#include <memory>

#include "optim_more_test_data.h"
#include "optim_test_data.h"
#include "test_utils.h"
#include "wick/optim/optim_more.h"

namespace wick {
namespace {

using namespace wick::optim;
using test::error_of;

Tensor from_data(const std::vector<double>& v, size_t begin, IntArrayRef shape) {
  int64_t n = 1;
  for (int64_t d : shape) n *= d;
  std::vector<double> part(v.begin() + begin, v.begin() + begin + n);
  return tensor(part, TensorOptions(kDouble)).reshape(shape).to(kFloat);
}

struct Trial {
  std::vector<Tensor> params, grads;
};

Trial make_params() {
  Trial r;
  r.params = {from_data(optim_data::p0, 0, {2, 3}).requires_grad_(),
              from_data(optim_data::p0, 6, {4}).requires_grad_()};
  r.grads = {from_data(optim_data::grad, 0, {2, 3}), from_data(optim_data::grad, 6, {4})};
  return r;
}

void steps(Optimizer& opt, Trial& r, int n, int start = 0, double sign = 1.0) {
  for (int i = start; i < start + n; ++i) {
    for (size_t k = 0; k < r.params.size(); ++k)
      r.params[k].set_grad((r.grads[k] * (1.0 + (i % 3)) - 0.25 * (i % 2)) * sign);
    opt.step();
  }
}

Tensor flat(const std::vector<Tensor>& ts) {
  std::vector<Tensor> f;
  for (const auto& t : ts) f.push_back(t.detach().reshape({-1}).to(kDouble));
  return cat(f);
}

Tensor expected(const std::vector<double>& v) { return tensor(v, TensorOptions(kDouble)); }

// The optimizer of a baked case and the names of the state it is compared on.
std::unique_ptr<Optimizer> make(const std::string& kind, const std::vector<double>& a,
                                const std::vector<Tensor>& ps, std::vector<std::string>& keys) {
  if (kind == "adamax") {
    keys = {"exp_avg", "exp_inf"};
    return std::make_unique<Adamax>(
        ps, AdamaxOptions(a[0]).betas({a[1], a[2]}).eps(a[3]).weight_decay(a[4]).maximize(a[5] != 0));
  }
  if (kind == "nadam") {
    keys = {"mu_product", "exp_avg", "exp_avg_sq"};
    return std::make_unique<NAdam>(
        ps, NAdamOptions(a[0]).betas({a[1], a[2]}).weight_decay(a[3]).momentum_decay(a[4]));
  }
  if (kind == "radam") {
    keys = {"exp_avg", "exp_avg_sq"};
    return std::make_unique<RAdam>(
        ps, RAdamOptions(a[0]).betas({a[1], a[2]}).eps(a[3]).weight_decay(a[4]));
  }
  if (kind == "adadelta") {
    keys = {"square_avg", "acc_delta"};
    return std::make_unique<Adadelta>(
        ps, AdadeltaOptions(a[0]).rho(a[1]).eps(a[2]).weight_decay(a[3]).maximize(a[4] != 0));
  }
  if (kind == "rprop") {
    keys = {"prev", "step_size"};
    return std::make_unique<Rprop>(
        ps, RpropOptions(a[0]).etas({a[1], a[2]}).step_sizes({a[3], a[4]}).maximize(a[5] != 0));
  }
  keys = {"eta", "mu", "ax"};
  return std::make_unique<ASGD>(ps, ASGDOptions(a[0])
                                        .lambd(a[1])
                                        .alpha(a[2])
                                        .t0(a[3])
                                        .weight_decay(a[4])
                                        .maximize(a[5] != 0));
}

Tensor state_of(Optimizer& opt, const Tensor& p, const std::string& key) {
  for (const auto& [k, v] : opt.state().at(p.unsafeGetTensorImpl())->named_tensors())
    if (k == key) return v;
  return Tensor();
}

TEST(OptimMore, MatchesPyTorchTrajectories) {
  for (const auto& c : optim_more_data::cases) {
    SCOPED_TRACE(str(c.kind, " args[0..1]=", c.args[0], ",", c.args[1]));
    Trial r = make_params();
    std::vector<std::string> keys;
    auto opt = make(c.kind, c.args, r.params, keys);
    steps(*opt, r, optim_data::kSteps);
    EXPECT_TENSOR_CLOSE(flat(r.params), expected(c.params), 2e-5, 2e-6);
    std::vector<Tensor> st;
    for (const auto& k : keys)
      for (const auto& p : r.params) st.push_back(state_of(*opt, p, k));
    EXPECT_TENSOR_CLOSE(flat(st), expected(c.state), 2e-5, 1e-6);
    for (const auto& p : r.params) {
      Tensor s = state_of(*opt, p, "step");
      EXPECT_EQ(s.dtype(), kFloat);
      EXPECT_EQ(s.dim(), 0);
      EXPECT_EQ(s.item<double>(), optim_data::kSteps);
    }
  }
}

// PyTorch 1.13's NAdam and RAdam have no maximize: 2.x negates the gradient.
TEST(OptimMore, NAdamRAdamMaximizeNegatesTheGradient) {
  for (bool decoupled : {false, true}) {
    Trial a = make_params(), b = make_params();
    NAdam na(a.params, NAdamOptions(0.01).weight_decay(0.05).maximize(true)
                           .decoupled_weight_decay(decoupled));
    NAdam nb(b.params, NAdamOptions(0.01).weight_decay(0.05).decoupled_weight_decay(decoupled));
    steps(na, a, 20);
    steps(nb, b, 20, 0, -1.0);
    EXPECT_TENSOR_CLOSE(flat(a.params), flat(b.params), 1e-6, 1e-7);
    Trial c = make_params(), d = make_params();
    RAdam rc(c.params, RAdamOptions(0.01).weight_decay(0.05).maximize(true)
                           .decoupled_weight_decay(decoupled));
    RAdam rd(d.params, RAdamOptions(0.01).weight_decay(0.05).decoupled_weight_decay(decoupled));
    steps(rc, c, 20);
    steps(rd, d, 20, 0, -1.0);
    EXPECT_TENSOR_CLOSE(flat(c.params), flat(d.params), 1e-6, 1e-7);
  }
  // decoupled weight decay changes the trajectory
  Trial e = make_params(), f = make_params();
  RAdam re(e.params, RAdamOptions(0.01).weight_decay(0.5));
  RAdam rf(f.params, RAdamOptions(0.01).weight_decay(0.5).decoupled_weight_decay(true));
  steps(re, e, 10);
  steps(rf, f, 10);
  EXPECT_FALSE(flat(e.params).allclose(flat(f.params)));
}

std::vector<std::string> option_keys(const Optimizer& opt) {
  std::vector<std::string> keys;
  for (const auto& [k, v] : opt.defaults().to_dict()) keys.push_back(k);
  return keys;
}

std::vector<std::string> state_keys(Optimizer& opt) {
  std::vector<std::string> keys;
  const OptimizerStateDict sd = opt.state_dict();
  for (const auto& [k, v] : sd.state.at(0)) keys.push_back(k);
  return keys;
}

using Names = std::vector<std::string>;

TEST(OptimMore, StateDictStructureAndDefaults) {
  auto check = [&](auto make, const std::string& name, double lr, const Names& options,
                   const Names& state) {
    SCOPED_TRACE(name);
    Trial r = make_params();
    auto opt = make(r.params);
    EXPECT_EQ(opt->name(), name);
    EXPECT_DOUBLE_EQ(opt->defaults().get_lr(), lr);
    EXPECT_EQ(option_keys(*opt), options);
    steps(*opt, r, 5);
    EXPECT_EQ(state_keys(*opt), state);

    // a fresh optimizer on copies of the parameters continues identically
    OptimizerStateDict copy = opt->state_dict();
    for (auto& [k, entries] : copy.state)
      for (auto& en : entries) en.second = en.second.clone();
    Trial r2 = make_params();
    for (size_t i = 0; i < r.params.size(); ++i) {
      NoGradGuard ng;
      r2.params[i].copy_(r.params[i]);
    }
    auto opt2 = make(r2.params);
    opt2->param_groups()[0].options().set_lr(123.0);
    opt2->load_state_dict(copy);
    EXPECT_DOUBLE_EQ(opt2->param_groups()[0].options().get_lr(), lr);
    steps(*opt, r, 5, 5);
    steps(*opt2, r2, 5, 5);
    EXPECT_TENSOR_EQ(flat(r2.params), flat(r.params));
  };
  check([](auto ps) { return std::make_unique<Adamax>(ps); }, "Adamax", 2e-3,
       Names{"lr", "betas", "eps", "weight_decay", "foreach", "maximize", "differentiable",
        "capturable"},
       Names{"step", "exp_avg", "exp_inf"});
  check([](auto ps) { return std::make_unique<NAdam>(ps); }, "NAdam", 2e-3,
       Names{"lr", "betas", "eps", "weight_decay", "momentum_decay", "decoupled_weight_decay",
        "maximize", "foreach", "capturable", "differentiable"},
       Names{"step", "mu_product", "exp_avg", "exp_avg_sq"});
  check([](auto ps) { return std::make_unique<RAdam>(ps); }, "RAdam", 1e-3,
       Names{"lr", "betas", "eps", "weight_decay", "foreach", "maximize", "capturable",
        "decoupled_weight_decay", "differentiable"},
       Names{"step", "exp_avg", "exp_avg_sq"});
  check([](auto ps) { return std::make_unique<Adadelta>(ps); }, "Adadelta", 1.0,
       Names{"lr", "rho", "eps", "weight_decay", "maximize", "capturable", "foreach",
        "differentiable"},
       Names{"step", "square_avg", "acc_delta"});
  check([](auto ps) { return std::make_unique<Rprop>(ps); }, "Rprop", 1e-2,
       Names{"lr", "etas", "step_sizes", "foreach", "maximize", "differentiable", "capturable"},
       Names{"step", "prev", "step_size"});
  check([](auto ps) { return std::make_unique<ASGD>(ps); }, "ASGD", 1e-2,
       Names{"lr", "lambd", "alpha", "t0", "weight_decay", "foreach", "maximize", "differentiable",
        "capturable"},
       Names{"step", "eta", "mu", "ax"});
}

TEST(OptimMore, OptionsRoundTripThroughDict) {
  NAdamOptions n(0.5);
  n.betas({0.8, 0.9}).momentum_decay(0.2).decoupled_weight_decay(true).maximize(true);
  NAdamOptions n2;
  n2.from_dict(n.to_dict());
  EXPECT_DOUBLE_EQ(n2.lr(), 0.5);
  EXPECT_DOUBLE_EQ(std::get<0>(n2.betas()), 0.8);
  EXPECT_DOUBLE_EQ(n2.momentum_decay(), 0.2);
  EXPECT_TRUE(n2.decoupled_weight_decay() && n2.maximize());
  RpropOptions r;
  r.etas({0.3, 1.5}).step_sizes({1e-3, 0.05});
  RpropOptions r2;
  r2.from_dict(r.to_dict());
  EXPECT_DOUBLE_EQ(std::get<0>(r2.etas()), 0.3);
  EXPECT_DOUBLE_EQ(std::get<1>(r2.step_sizes()), 0.05);
  ASGDOptions a;
  a.lambd(0.5).t0(3).alpha(0.5);
  ASGDOptions a2;
  a2.from_dict(a.to_dict());
  EXPECT_DOUBLE_EQ(a2.lambd(), 0.5);
  EXPECT_DOUBLE_EQ(a2.t0(), 3);
  EXPECT_DOUBLE_EQ(a2.alpha(), 0.5);
  // Rprop's step_size starts at lr; ASGD's eta at lr and mu at 1
  Tensor p = ones({2}).requires_grad_();
  Rprop rp({p}, RpropOptions(0.25));
  ASGD as({p}, ASGDOptions(0.125));
  p.set_grad(zeros({2}));
  rp.step();
  as.step();
  EXPECT_TENSOR_CLOSE(state_of(rp, p, "step_size"), full({2}, 0.25));
  EXPECT_EQ(state_of(as, p, "mu").dtype(), kFloat);
}

TEST(OptimMore, ConstructorErrors) {
  Tensor p = ones({2}).requires_grad_();
  EXPECT_EQ(error_of([&] { Adamax({p}, AdamaxOptions(-1)); }), "Invalid learning rate: -1");
  EXPECT_EQ(error_of([&] { Adamax({p}, AdamaxOptions().betas({1.0, 0.9})); }),
            "Invalid beta parameter at index 0: 1");
  EXPECT_EQ(error_of([&] { NAdam({p}, NAdamOptions().momentum_decay(-1)); }),
            "Invalid momentum_decay value: -1");
  EXPECT_EQ(error_of([&] { RAdam({p}, RAdamOptions().eps(-1)); }), "Invalid epsilon value: -1");
  EXPECT_EQ(error_of([&] { RAdam({p}, RAdamOptions().betas({0.9, 1.5})); }),
            "Invalid beta parameter at index 1: 1.5");
  EXPECT_EQ(error_of([&] { Adadelta({p}, AdadeltaOptions().rho(2)); }), "Invalid rho value: 2");
  EXPECT_EQ(error_of([&] { Adadelta({p}, AdadeltaOptions().weight_decay(-1)); }),
            "Invalid weight_decay value: -1");
  EXPECT_EQ(error_of([&] { Rprop({p}, RpropOptions().etas({1.5, 1.2})); }),
            "Invalid eta values: 1.5, 1.2");
  EXPECT_EQ(error_of([&] { ASGD({p}, ASGDOptions().weight_decay(-1)); }),
            "Invalid weight_decay value: -1");
  EXPECT_TRUE(test::raises<ValueError>([&] { ASGD({p}, ASGDOptions(-0.5)); }));
}

}  // namespace
}  // namespace wick
