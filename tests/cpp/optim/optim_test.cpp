// wick::optim against PyTorch: baked trajectories (gen_optim_data.py), the
// Optimizer base (groups, zero_grad, closure, state_dict) and error messages.
#include <cmath>

#include "optim_test_data.h"
#include "test_utils.h"
#include "wick/optim/optim.h"

namespace wick {
namespace {

using namespace wick::optim;
using test::error_of;

Tensor from(const std::vector<double>& v, size_t begin, IntArrayRef shape, ScalarType dt) {
  int64_t n = 1;
  for (int64_t d : shape) n *= d;
  std::vector<double> part(v.begin() + begin, v.begin() + begin + n);
  return tensor(part, TensorOptions(kDouble)).reshape(shape).to(dt);
}

struct Trial {
  std::vector<Tensor> params, grads;
};

Trial make_run(ScalarType dt) {
  Trial r;
  r.params = {from(optim_data::p0, 0, {2, 3}, dt).requires_grad_(),
              from(optim_data::p0, 6, {4}, dt).requires_grad_()};
  r.grads = {from(optim_data::grad, 0, {2, 3}, dt), from(optim_data::grad, 6, {4}, dt)};
  return r;
}

void run_steps(Optimizer& opt, Trial& r, int steps, int start = 0) {
  for (int i = start; i < start + steps; ++i) {
    for (size_t k = 0; k < r.params.size(); ++k)
      r.params[k].set_grad(r.grads[k] * (1.0 + (i % 3)) - 0.25 * (i % 2));
    opt.step();
  }
}

Tensor flat(const std::vector<Tensor>& ts) {
  std::vector<Tensor> f;
  for (const auto& t : ts) f.push_back(t.detach().reshape({-1}).to(kDouble));
  return cat(f);
}

Tensor expected(const std::vector<double>& v) { return tensor(v, TensorOptions(kDouble)); }

double rtol(bool f64) { return f64 ? 1e-12 : 2e-5; }
double atol(bool f64) { return f64 ? 1e-12 : 2e-6; }

TEST(Optim, SGDMatchesPyTorchTrajectories) {
  for (const auto& c : optim_data::sgd_cases) {
    SCOPED_TRACE(str("lr=", c.opts.lr, " momentum=", c.opts.momentum, " nesterov=", c.opts.nesterov,
                     " float64=", c.float64));
    Trial r = make_run(c.float64 ? kDouble : kFloat);
    SGD opt(r.params, SGDOptions(c.opts.lr)
                          .momentum(c.opts.momentum)
                          .dampening(c.opts.dampening)
                          .weight_decay(c.opts.weight_decay)
                          .nesterov(c.opts.nesterov)
                          .maximize(c.opts.maximize));
    run_steps(opt, r, optim_data::kSteps);
    EXPECT_TENSOR_CLOSE(flat(r.params), expected(c.params), rtol(c.float64), atol(c.float64));
    if (c.opts.momentum != 0) {
      std::vector<Tensor> bufs;
      for (const auto& p : r.params)
        bufs.push_back(static_cast<SGDParamState&>(*opt.state().at(p.unsafeGetTensorImpl()))
                           .momentum_buffer());
      EXPECT_TENSOR_CLOSE(flat(bufs), expected(c.state), rtol(c.float64), atol(c.float64));
    } else {
      EXPECT_TRUE(opt.state().empty());  // PyTorch 2.x keeps no state without momentum
    }
  }
}

template <typename Opt, typename Options>
void check_adam(const std::vector<optim_data::Case>& cases) {
  for (const auto& c : cases) {
    SCOPED_TRACE(str("amsgrad=", c.opts.amsgrad, " maximize=", c.opts.maximize,
                     " wd=", c.opts.weight_decay, " float64=", c.float64));
    Trial r = make_run(c.float64 ? kDouble : kFloat);
    Options o(c.opts.lr);
    o.betas({c.opts.beta1, c.opts.beta2})
        .eps(c.opts.eps)
        .weight_decay(c.opts.weight_decay)
        .amsgrad(c.opts.amsgrad)
        .maximize(c.opts.maximize);
    Opt opt(r.params, o);
    run_steps(opt, r, optim_data::kSteps);
    EXPECT_TENSOR_CLOSE(flat(r.params), expected(c.params), rtol(c.float64), atol(c.float64));
    std::vector<Tensor> st;
    auto state = [&](const Tensor& p) -> AdamParamState& {
      return static_cast<AdamParamState&>(*opt.state().at(p.unsafeGetTensorImpl()));
    };
    for (const auto& p : r.params) st.push_back(state(p).exp_avg());
    for (const auto& p : r.params) st.push_back(state(p).exp_avg_sq());
    if (c.opts.amsgrad)
      for (const auto& p : r.params) st.push_back(state(p).max_exp_avg_sq());
    EXPECT_TENSOR_CLOSE(flat(st), expected(c.state), rtol(c.float64), c.float64 ? 1e-14 : 1e-7);
    for (const auto& p : r.params) {
      EXPECT_EQ(state(p).step().dtype(), kFloat);
      EXPECT_EQ(state(p).step().template item<double>(), optim_data::kSteps);
      EXPECT_EQ(state(p).max_exp_avg_sq().defined(), c.opts.amsgrad);
    }
  }
}

TEST(Optim, AdamMatchesPyTorchTrajectories) { check_adam<Adam, AdamOptions>(optim_data::adam_cases); }
TEST(Optim, AdamWMatchesPyTorchTrajectories) {
  check_adam<AdamW, AdamWOptions>(optim_data::adamw_cases);
}

TEST(Optim, NonContiguousAndLargeParameters) {
  // A transposed parameter goes through a contiguous copy; a big one is split
  // over threads. Both must match the same update on plain contiguous copies.
  Tensor base = arange(0.0, 1.0, 1.0 / 40000, TensorOptions(kFloat));
  Tensor big = base.clone().requires_grad_();
  Tensor nc = base.narrow(0, 0, 12).reshape({4, 3}).clone().t().requires_grad_();
  ASSERT_FALSE(nc.is_contiguous());
  Tensor ref_big = base.clone().requires_grad_();
  Tensor ref_nc = nc.detach().contiguous().requires_grad_();
  Adam a({big, nc}, AdamOptions(0.1).amsgrad(true).weight_decay(0.1));
  Adam b({ref_big, ref_nc}, AdamOptions(0.1).amsgrad(true).weight_decay(0.1));
  for (int i = 0; i < 3; ++i) {
    big.set_grad(ones_like(big) * (i + 1.0) - base);
    ref_big.set_grad(ones_like(big) * (i + 1.0) - base);
    nc.set_grad(nc.detach() * 2.0);
    ref_nc.set_grad(ref_nc.detach() * 2.0);
    a.step();
    b.step();
  }
  EXPECT_TENSOR_EQ(big.detach(), ref_big.detach());
  EXPECT_TENSOR_EQ(nc.detach().contiguous(), ref_nc.detach());
  EXPECT_FALSE(nc.is_contiguous());
}

TEST(Optim, ClosureRunsWithGradAndReturnsLoss) {
  Tensor w = tensor({1.0, -2.0, 3.0}).requires_grad_();
  SGD opt({w}, SGDOptions(0.1));
  int calls = 0;
  Tensor loss = opt.step([&] {
    ++calls;
    EXPECT_TRUE(autograd::GradMode::is_enabled());
    opt.zero_grad();
    Tensor l = (w * w).sum();
    l.backward();
    return l;
  });
  EXPECT_EQ(calls, 1);
  EXPECT_DOUBLE_EQ(loss.item<double>(), 14.0);
  // w <- w - 0.1 * 2w
  EXPECT_TENSOR_CLOSE(w.detach(), tensor({0.8, -1.6, 2.4}));
  EXPECT_FALSE(opt.step().defined());
  EXPECT_TRUE(w.is_leaf() && w.requires_grad());
}

TEST(Optim, ZeroGrad) {
  Tensor w = ones({3}).requires_grad_();
  SGD opt({w}, SGDOptions(0.1));
  (w * 2.0).sum().backward();
  ASSERT_TRUE(w.grad().defined());
  opt.zero_grad();  // set_to_none
  EXPECT_FALSE(w.grad().defined());
  (w * 2.0).sum().backward();
  void* g = w.grad().unsafeGetTensorImpl();
  opt.zero_grad(false);
  ASSERT_TRUE(w.grad().defined());
  EXPECT_EQ(w.grad().unsafeGetTensorImpl(), g);
  EXPECT_TENSOR_EQ(w.grad(), zeros({3}));
}

TEST(Optim, ParamGroupsWithTheirOwnOptions) {
  Tensor a = ones({2}).requires_grad_(), b = ones({2}).requires_grad_();
  std::vector<OptimizerParamGroup> groups;
  groups.emplace_back(std::vector<Tensor>{a});
  groups.emplace_back(std::vector<Tensor>{b}, std::make_unique<SGDOptions>(SGDOptions(0.5)));
  SGD opt(groups, SGDOptions(0.1));
  ASSERT_EQ(opt.param_groups().size(), 2u);
  EXPECT_DOUBLE_EQ(opt.param_groups()[0].options().get_lr(), 0.1);
  EXPECT_DOUBLE_EQ(opt.param_groups()[1].options().get_lr(), 0.5);
  a.set_grad(ones({2}));
  b.set_grad(ones({2}));
  opt.step();
  EXPECT_TENSOR_CLOSE(a.detach(), full({2}, 0.9));
  EXPECT_TENSOR_CLOSE(b.detach(), full({2}, 0.5));
  // options are per group copies: changing one (as a scheduler does) leaves the others
  opt.param_groups()[0].options().set_lr(0.0);
  EXPECT_DOUBLE_EQ(opt.defaults().get_lr(), 0.1);
  opt.step();
  EXPECT_TENSOR_CLOSE(a.detach(), full({2}, 0.9));
  // add_param_group takes the defaults
  Tensor c = ones({1}).requires_grad_();
  opt.add_param_group(OptimizerParamGroup({c}));
  EXPECT_DOUBLE_EQ(opt.param_groups()[2].options().get_lr(), 0.1);
  EXPECT_EQ(opt.size(), 3u);
}

TEST(Optim, StateDictStructureAndRoundTrip) {
  Trial r = make_run(kFloat);
  Adam opt(r.params, AdamOptions(0.01).amsgrad(true));
  run_steps(opt, r, 5);
  OptimizerStateDict sd = opt.state_dict();
  ASSERT_EQ(sd.state.size(), 2u);
  ASSERT_EQ(sd.param_groups.size(), 1u);
  EXPECT_EQ(sd.param_groups[0].params, (std::vector<int64_t>{0, 1}));
  std::vector<std::string> keys;
  for (const auto& [k, v] : sd.param_groups[0].options) keys.push_back(k);
  EXPECT_EQ(keys, (std::vector<std::string>{"lr", "betas", "eps", "weight_decay", "amsgrad",
                                            "maximize", "foreach", "capturable",
                                            "differentiable", "fused"}));
  std::vector<std::string> names;
  for (const auto& [k, v] : sd.state.at(1)) names.push_back(k);
  EXPECT_EQ(names, (std::vector<std::string>{"step", "exp_avg", "exp_avg_sq", "max_exp_avg_sq"}));
  EXPECT_EQ(sd.state.at(1)[0].second.dim(), 0);
  EXPECT_EQ(sd.state.at(1)[0].second.item<double>(), 5.0);

  // a fresh optimizer on copies of the parameters continues identically; the
  // state_dict shares tensors (as PyTorch's), so hand it copies (as a checkpoint would)
  OptimizerStateDict copy = sd;
  for (auto& [k, entries] : copy.state)
    for (auto& e : entries) e.second = e.second.clone();
  Trial r2 = make_run(kFloat);
  for (size_t i = 0; i < r.params.size(); ++i) {
    NoGradGuard ng;
    r2.params[i].copy_(r.params[i]);
  }
  Adam opt2(r2.params, AdamOptions(123.0));
  opt2.load_state_dict(copy);
  EXPECT_DOUBLE_EQ(opt2.param_groups()[0].options().get_lr(), 0.01);
  EXPECT_TRUE(static_cast<AdamOptions&>(opt2.param_groups()[0].options()).amsgrad());
  run_steps(opt, r, 5, 5);
  run_steps(opt2, r2, 5, 5);
  EXPECT_TENSOR_EQ(flat(r2.params), flat(r.params));
}

TEST(Optim, LoadStateDictCastsToParamDtypeButKeepsStep) {
  Trial r = make_run(kDouble);
  SGD opt(r.params, SGDOptions(0.1).momentum(0.9));
  run_steps(opt, r, 2);
  Trial r32 = make_run(kFloat);
  SGD opt32(r32.params, SGDOptions(0.1).momentum(0.9));
  opt32.load_state_dict(opt.state_dict());
  auto& s = static_cast<SGDParamState&>(*opt32.state().at(r32.params[0].unsafeGetTensorImpl()));
  EXPECT_EQ(s.momentum_buffer().dtype(), kFloat);

  Trial a64 = make_run(kDouble);
  Adam adam(a64.params, AdamOptions(0.1));
  run_steps(adam, a64, 2);
  Trial a32 = make_run(kFloat);
  Adam adam32(a32.params);
  adam32.load_state_dict(adam.state_dict());
  auto& as = static_cast<AdamParamState&>(*adam32.state().at(a32.params[1].unsafeGetTensorImpl()));
  EXPECT_EQ(as.exp_avg().dtype(), kFloat);
  EXPECT_EQ(as.step().dtype(), kFloat);
  EXPECT_EQ(as.step().item<double>(), 2.0);
}

TEST(Optim, LoadStateDictErrors) {
  Tensor a = ones({2}).requires_grad_(), b = ones({2}).requires_grad_();
  SGD two({a, b}, SGDOptions(0.1).momentum(0.9));
  OptimizerStateDict sd = two.state_dict();
  std::vector<OptimizerParamGroup> groups{OptimizerParamGroup({a}), OptimizerParamGroup({b})};
  SGD split(groups, SGDOptions(0.1));
  EXPECT_EQ(error_of([&] { split.load_state_dict(sd); }),
            "loaded state dict has a different number of parameter groups");
  SGD one({a}, SGDOptions(0.1));
  EXPECT_EQ(error_of([&] { one.load_state_dict(sd); }),
            "loaded state dict contains a parameter group that doesn't match the size of "
            "optimizer's group");
  OptimizerStateDict bad = one.state_dict();
  bad.state[0] = {{"exp_avg", ones({2})}};
  EXPECT_EQ(error_of([&] { one.load_state_dict(bad); }),
            "loaded state dict has an unknown SGD state entry 'exp_avg'");
  EXPECT_TRUE(one.state().empty());  // nothing half-loaded
  OptimizerStateDict bad_opt = one.state_dict();
  bad_opt.param_groups[0].options[0].second = std::string("x");
  EXPECT_TRUE(test::raises<TypeError>([&] { one.load_state_dict(bad_opt); }));
}

TEST(Optim, ConstructorErrors) {
  Tensor p = ones({2}).requires_grad_();
  EXPECT_EQ(error_of([&] { SGD({p}, SGDOptions(-0.1)); }), "Invalid learning rate: -0.1");
  EXPECT_EQ(error_of([&] { SGD({p}, SGDOptions(0.1).momentum(-1)); }), "Invalid momentum value: -1");
  EXPECT_EQ(error_of([&] { SGD({p}, SGDOptions(0.1).weight_decay(-1)); }),
            "Invalid weight_decay value: -1");
  EXPECT_EQ(error_of([&] { SGD({p}, SGDOptions(0.1).nesterov(true)); }),
            "Nesterov momentum requires a momentum and zero dampening");
  EXPECT_EQ(error_of([&] { Adam({p}, AdamOptions(-1)); }), "Invalid learning rate: -1");
  EXPECT_EQ(error_of([&] { Adam({p}, AdamOptions().eps(-1)); }), "Invalid epsilon value: -1");
  EXPECT_EQ(error_of([&] { Adam({p}, AdamOptions().betas({1.0, 0.9})); }),
            "Invalid beta parameter at index 0: 1");
  EXPECT_EQ(error_of([&] { AdamW({p}, AdamWOptions().betas({0.9, -0.5})); }),
            "Invalid beta parameter at index 1: -0.5");
  EXPECT_EQ(error_of([&] { AdamW({p}, AdamWOptions().weight_decay(-0.5)); }),
            "Invalid weight_decay value: -0.5");
  EXPECT_TRUE(test::raises<ValueError>([&] { SGD({p}, SGDOptions(-0.1)); }));
  EXPECT_EQ(error_of([&] { SGD(std::vector<OptimizerParamGroup>{}, SGDOptions(0.1)); }),
            "optimizer got an empty parameter list");
  Tensor nonleaf = p * 2.0;
  EXPECT_EQ(error_of([&] { SGD({nonleaf}, SGDOptions(0.1)); }), "can't optimize a non-leaf Tensor");
  SGD opt({p}, SGDOptions(0.1));
  EXPECT_EQ(error_of([&] { opt.add_param_group(OptimizerParamGroup({p})); }),
            "some parameters appear in more than one parameter group");
  EXPECT_EQ(opt.param_groups().size(), 1u);
  EXPECT_EQ(AdamWOptions().weight_decay(), 1e-2);
  EXPECT_EQ(SGDOptions().lr(), 1e-3);
}

TEST(Optim, FunctionalChecks) {
  Tensor p = ones({3});
  std::vector<Tensor> bufs{Tensor()};
  EXPECT_EQ(error_of([&] { functional::sgd({p}, {}, bufs, 0.1, 0, 0, 0, false, false); }),
            "sgd: expected 1 grads (one per parameter), got 0");
  EXPECT_EQ(error_of([&] { functional::sgd({p}, {ones({2})}, bufs, 0.1, 0, 0, 0, false, false); }),
            "sgd: grads 0 has size [2] but its parameter has size [3]");
  EXPECT_EQ(error_of([&] {
              functional::sgd({p}, {ones({3}, TensorOptions(kDouble))}, bufs, 0.1, 0, 0, 0, false,
                              false);
            }),
            "sgd: grads 0 has dtype Double but its parameter has dtype Float");
  Tensor z = zeros({3});
  EXPECT_EQ(error_of([&] {
              functional::adam({p}, {p}, {z}, {z}, {}, {zeros({2})}, false, 0.9, 0.99, 0.1, 0,
                               1e-8, false);
            }),
            "adam: state_steps[0] must be a one-element floating point tensor");
  EXPECT_TENSOR_EQ(p, ones({3}));
  // momentum creates the buffer from the first step's d_p
  functional::sgd({p}, {full({3}, 2.0)}, bufs, 0.5, 0.9, 0, 0, false, false);
  ASSERT_TRUE(bufs[0].defined());
  EXPECT_TENSOR_EQ(bufs[0], full({3}, 2.0));
  EXPECT_TENSOR_EQ(p, zeros({3}));
}

}  // namespace
}  // namespace wick

namespace wick {
namespace {

using namespace wick::optim;

template <typename Opt, typename State>
State& state_of(Opt& opt, const Tensor& p) {
  return static_cast<State&>(*opt.state().at(p.unsafeGetTensorImpl()));
}

TEST(Optim, RMSpropMatchesPyTorchTrajectories) {
  for (const auto& c : optim_data::rmsprop_cases) {
    SCOPED_TRACE(str("momentum=", c.opts.momentum, " centered=", c.opts.centered,
                     " float64=", c.float64));
    Trial r = make_run(c.float64 ? kDouble : kFloat);
    RMSprop opt(r.params, RMSpropOptions(c.opts.lr)
                              .alpha(c.opts.alpha)
                              .eps(c.opts.eps)
                              .weight_decay(c.opts.weight_decay)
                              .momentum(c.opts.momentum)
                              .centered(c.opts.centered)
                              .maximize(c.opts.maximize));
    run_steps(opt, r, optim_data::kSteps);
    // centered RMSprop's sqrt(square_avg - grad_avg^2) cancels: 1.13's mul_/add_
    // and 2.x's lerp_ for grad_avg round apart a little more there
    const double rt = c.float64 ? 1e-11 : (c.opts.centered ? 1e-4 : 2e-5);
    EXPECT_TENSOR_CLOSE(flat(r.params), expected(c.params), rt, c.float64 ? 1e-12 : 2e-5);
    std::vector<Tensor> st;
    using S = RMSpropParamState;
    for (const auto& p : r.params) st.push_back(state_of<RMSprop, S>(opt, p).square_avg());
    if (c.opts.momentum > 0)
      for (const auto& p : r.params) st.push_back(state_of<RMSprop, S>(opt, p).momentum_buffer());
    if (c.opts.centered)
      for (const auto& p : r.params) st.push_back(state_of<RMSprop, S>(opt, p).grad_avg());
    EXPECT_TENSOR_CLOSE(flat(st), expected(c.state), rt, c.float64 ? 1e-12 : 2e-5);
    const double steps = state_of<RMSprop, S>(opt, r.params[0]).step().item<double>();
    EXPECT_EQ(steps, optim_data::kSteps);
  }
}

TEST(Optim, AdagradMatchesPyTorchTrajectories) {
  for (const auto& c : optim_data::adagrad_cases) {
    SCOPED_TRACE(str("lr_decay=", c.opts.lr_decay, " float64=", c.float64));
    Trial r = make_run(c.float64 ? kDouble : kFloat);
    Adagrad opt(r.params, AdagradOptions(c.opts.lr)
                              .lr_decay(c.opts.lr_decay)
                              .weight_decay(c.opts.weight_decay)
                              .initial_accumulator_value(c.opts.initial_accumulator_value)
                              .eps(c.opts.eps)
                              .maximize(c.opts.maximize));
    // the state exists before the first step, as PyTorch's
    EXPECT_EQ(opt.state().size(), 2u);
    run_steps(opt, r, optim_data::kSteps);
    EXPECT_TENSOR_CLOSE(flat(r.params), expected(c.params), rtol(c.float64), atol(c.float64));
    std::vector<Tensor> st;
    for (const auto& p : r.params) st.push_back(state_of<Adagrad, AdagradParamState>(opt, p).sum());
    EXPECT_TENSOR_CLOSE(flat(st), expected(c.state), rtol(c.float64), c.float64 ? 1e-11 : 1e-4);
  }
}

TEST(Optim, RMSpropAndAdagradErrorsAndStateDict) {
  Tensor p = ones({2}).requires_grad_();
  EXPECT_EQ(test::error_of([&] { RMSprop({p}, RMSpropOptions().alpha(-1)); }),
            "Invalid alpha value: -1");
  EXPECT_EQ(test::error_of([&] { Adagrad({p}, AdagradOptions().lr_decay(-1)); }),
            "Invalid lr_decay value: -1");
  EXPECT_EQ(test::error_of([&] { Adagrad({p}, AdagradOptions().initial_accumulator_value(-1)); }),
            "Invalid initial_accumulator_value value: -1");
  RMSprop opt({p}, RMSpropOptions(0.1).momentum(0.9).centered(true));
  p.set_grad(ones({2}));
  opt.step();
  auto sd = opt.state_dict();
  std::vector<std::string> names;
  for (const auto& [k, v] : sd.state.at(0)) names.push_back(k);
  EXPECT_EQ(names, (std::vector<std::string>{"step", "square_avg", "momentum_buffer", "grad_avg"}));
  Adagrad ada({p}, AdagradOptions(0.1).initial_accumulator_value(0.5));
  auto asd = ada.state_dict();
  ASSERT_EQ(asd.state.at(0).size(), 2u);
  EXPECT_EQ(asd.state.at(0)[1].first, "sum");
  EXPECT_TENSOR_CLOSE(asd.state.at(0)[1].second, full({2}, 0.5));
}

}  // namespace
}  // namespace wick

namespace wick {
namespace {

using namespace wick::optim;

// The optimizers that exist only in Python call the same functional:: kernels;
// drive those directly with PyTorch's initial state and compare the trajectory.
TEST(OptimFunctional, MatchesPyTorchTrajectories) {
  for (const auto& c : optim_data::functional_cases) {
    const std::string kind = c.kind;
    const auto& a = c.args;
    SCOPED_TRACE(kind);
    Trial r = make_run(kFloat);
    const size_t n = r.params.size();
    auto zeros_state = [&] {
      std::vector<Tensor> v;
      for (const auto& p : r.params) v.push_back(zeros_like(p));
      return v;
    };
    auto scalars = [&](double value) {
      std::vector<Tensor> v;
      for (size_t i = 0; i < n; ++i) v.push_back(scalar_tensor(value, TensorOptions(kFloat)));
      return v;
    };
    std::vector<Tensor> s1 = zeros_state(), s2 = zeros_state(), steps = scalars(0.0);
    std::vector<Tensor> mus = scalars(1.0), etas = scalars(a[0]);
    if (kind == "rprop") {
      s2.clear();
      for (const auto& p : r.params) s2.push_back(full_like(p, a[0]));
    }
    for (int i = 0; i < optim_data::kSteps; ++i) {
      std::vector<Tensor> grads;
      for (size_t k = 0; k < n; ++k) grads.push_back(r.grads[k] * (1.0 + (i % 3)) - 0.25 * (i % 2));
      NoGradGuard ng;
      if (kind == "adamax") {
        functional::adamax(r.params, grads, s1, s2, steps, a[3], a[1], a[2], a[0], a[4], a[5] != 0);
      } else if (kind == "adadelta") {
        functional::adadelta(r.params, grads, s1, s2, steps, a[0], a[1], a[2], a[3], a[4] != 0);
      } else if (kind == "radam") {
        functional::radam(r.params, grads, s1, s2, steps, a[1], a[2], a[0], a[4], a[3], false,
                          false);
      } else if (kind == "rprop") {
        functional::rprop(r.params, grads, s1, s2, steps, a[3], a[4], a[1], a[2], a[5] != 0);
      } else if (kind == "asgd") {
        functional::asgd(r.params, grads, s1, mus, etas, steps, a[1], a[0], a[3], a[2], a[4],
                         a[5] != 0);
      } else {
        FAIL() << "unknown kind " << kind;
      }
    }
    EXPECT_TENSOR_CLOSE(flat(r.params), expected(c.params), 2e-5, 2e-6);
    EXPECT_EQ(steps[0].item<double>(), optim_data::kSteps);
  }
}

}  // namespace
}  // namespace wick
