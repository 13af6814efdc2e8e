#include "wick/optim/optim_more.h"

#include "wick/autograd/grad_mode.h"
#include "wick/ops/creation.h"
#include "wick/optim/functional.h"

namespace wick::optim {

namespace {

using pair_t = std::tuple<double, double>;

std::vector<double> as_list(const pair_t& t) { return {std::get<0>(t), std::get<1>(t)}; }

pair_t as_pair(const OptionValue& v, const std::string& key) {
  const auto* b = std::get_if<std::vector<double>>(&v);
  WICK_CHECK_T(TypeError, b && b->size() == 2, "optimizer option '", key,
               "' must be a pair of floats");
  return std::make_tuple((*b)[0], (*b)[1]);
}

Tensor scalar_state(double v) { return scalar_tensor(v, TensorOptions(kFloat)); }

// Runs the closure with grad, then per group: creates missing state with init(p, s)
// and hands the group's params, grads and states to call(options, params, grads, states).
template <typename O, typename S, typename Init, typename Call>
Tensor drive(std::vector<OptimizerParamGroup>& groups,
             std::unordered_map<void*, std::unique_ptr<OptimizerParamState>>& state,
             const LossClosure& closure, Init init, Call call) {
  Tensor loss;
  if (closure) {
    autograd::AutoGradMode enable(true);
    loss = closure();
  }
  autograd::NoGradGuard no_grad;
  for (auto& group : groups) {
    const auto& o = static_cast<const O&>(group.options());
    std::vector<Tensor> params, grads;
    std::vector<S*> states;
    for (const auto& p : group.params()) {
      if (!p.grad().defined()) continue;
      auto& slot = state[p.unsafeGetTensorImpl()];
      if (!slot) slot = std::make_unique<S>();
      auto& s = static_cast<S&>(*slot);
      if (!s.step().defined()) init(o, p, s);
      params.push_back(p);
      grads.push_back(p.grad());
      states.push_back(&s);
    }
    if (params.empty()) continue;
    call(o, params, grads, states);
  }
  return loss;
}

template <typename S, typename F>
std::vector<Tensor> collect(const std::vector<S*>& states, F f) {
  std::vector<Tensor> out;
  out.reserve(states.size());
  for (auto* s : states) out.push_back(f(*s));
  return out;
}

template <typename O>
void check_adam_like(const O& o) {
  WICK_CHECK_T(ValueError, o.lr() >= 0, "Invalid learning rate: ", o.lr());
  WICK_CHECK_T(ValueError, o.eps() >= 0, "Invalid epsilon value: ", o.eps());
  const double b0 = std::get<0>(o.betas()), b1 = std::get<1>(o.betas());
  WICK_CHECK_T(ValueError, b0 >= 0 && b0 < 1, "Invalid beta parameter at index 0: ", b0);
  WICK_CHECK_T(ValueError, b1 >= 0 && b1 < 1, "Invalid beta parameter at index 1: ", b1);
  WICK_CHECK_T(ValueError, o.weight_decay() >= 0, "Invalid weight_decay value: ", o.weight_decay());
}

std::unique_ptr<OptimizerOptions> checked(const AdamaxOptions& o) {
  check_adam_like(o);
  return std::make_unique<AdamaxOptions>(o);
}
std::unique_ptr<OptimizerOptions> checked(const NAdamOptions& o) {
  check_adam_like(o);
  WICK_CHECK_T(ValueError, o.momentum_decay() >= 0, "Invalid momentum_decay value: ",
               o.momentum_decay());
  return std::make_unique<NAdamOptions>(o);
}
std::unique_ptr<OptimizerOptions> checked(const RAdamOptions& o) {
  check_adam_like(o);
  return std::make_unique<RAdamOptions>(o);
}
std::unique_ptr<OptimizerOptions> checked(const AdadeltaOptions& o) {
  WICK_CHECK_T(ValueError, o.lr() >= 0, "Invalid learning rate: ", o.lr());
  WICK_CHECK_T(ValueError, o.rho() >= 0 && o.rho() <= 1, "Invalid rho value: ", o.rho());
  WICK_CHECK_T(ValueError, o.eps() >= 0, "Invalid epsilon value: ", o.eps());
  WICK_CHECK_T(ValueError, o.weight_decay() >= 0, "Invalid weight_decay value: ", o.weight_decay());
  return std::make_unique<AdadeltaOptions>(o);
}
std::unique_ptr<OptimizerOptions> checked(const RpropOptions& o) {
  WICK_CHECK_T(ValueError, o.lr() >= 0, "Invalid learning rate: ", o.lr());
  const double em = std::get<0>(o.etas()), ep = std::get<1>(o.etas());
  WICK_CHECK_T(ValueError, 0 < em && em < 1 && 1 < ep, "Invalid eta values: ", em, ", ", ep);
  return std::make_unique<RpropOptions>(o);
}
std::unique_ptr<OptimizerOptions> checked(const ASGDOptions& o) {
  WICK_CHECK_T(ValueError, o.lr() >= 0, "Invalid learning rate: ", o.lr());
  WICK_CHECK_T(ValueError, o.weight_decay() >= 0, "Invalid weight_decay value: ", o.weight_decay());
  return std::make_unique<ASGDOptions>(o);
}

}  // namespace

#define WICK_STATE_GET(field) \
  if (field().defined()) out.emplace_back(#field, field());
#define WICK_STATE_SET(field) \
  if (name == #field) {       \
    field(value);             \
    return true;              \
  }

// ---- Adamax -------------------------------------------------------------------

AdamaxOptions::AdamaxOptions(double lr) : lr_(lr) {}
OptionDict AdamaxOptions::to_dict() const {
  return {{"lr", lr()},           {"betas", as_list(betas())},   {"eps", eps()},
          {"weight_decay", weight_decay()}, {"foreach", std::monostate{}},
          {"maximize", maximize()}, {"differentiable", false}, {"capturable", false}};
}
void AdamaxOptions::from_dict(const OptionDict& d) {
  for (const auto& [k, v] : d) {
    if (k == "lr") lr(option_to_double(v, k));
    else if (k == "betas") betas(as_pair(v, k));
    else if (k == "eps") eps(option_to_double(v, k));
    else if (k == "weight_decay") weight_decay(option_to_double(v, k));
    else if (k == "maximize") maximize(option_to_bool(v, k));
  }
}
std::vector<std::pair<std::string, Tensor>> AdamaxParamState::named_tensors() const {
  std::vector<std::pair<std::string, Tensor>> out;
  WICK_STATE_GET(step) WICK_STATE_GET(exp_avg) WICK_STATE_GET(exp_inf)
  return out;
}
bool AdamaxParamState::set_tensor(const std::string& name, const Tensor& value) {
  WICK_STATE_SET(step) WICK_STATE_SET(exp_avg) WICK_STATE_SET(exp_inf)
  return false;
}
Adamax::Adamax(std::vector<OptimizerParamGroup> param_groups, AdamaxOptions defaults)
    : Optimizer(std::move(param_groups), checked(defaults)) {}
Tensor Adamax::step(LossClosure closure) {
  using S = AdamaxParamState;
  return drive<AdamaxOptions, S>(
      param_groups_, state_, closure,
      [](const AdamaxOptions&, const Tensor& p, S& s) {
        s.step(scalar_state(0.0));
        s.exp_avg(zeros_like(p));
        s.exp_inf(zeros_like(p));
      },
      [](const AdamaxOptions& o, TensorList params, TensorList grads, const std::vector<S*>& st) {
        functional::adamax(params, grads, collect(st, [](S& s) { return s.exp_avg(); }),
                           collect(st, [](S& s) { return s.exp_inf(); }),
                           collect(st, [](S& s) { return s.step(); }), o.eps(),
                           std::get<0>(o.betas()), std::get<1>(o.betas()), o.lr(),
                           o.weight_decay(), o.maximize());
      });
}

// ---- NAdam --------------------------------------------------------------------

NAdamOptions::NAdamOptions(double lr) : lr_(lr) {}
OptionDict NAdamOptions::to_dict() const {
  return {{"lr", lr()},
          {"betas", as_list(betas())},
          {"eps", eps()},
          {"weight_decay", weight_decay()},
          {"momentum_decay", momentum_decay()},
          {"decoupled_weight_decay", decoupled_weight_decay()},
          {"maximize", maximize()},
          {"foreach", std::monostate{}},
          {"capturable", false},
          {"differentiable", false}};
}
void NAdamOptions::from_dict(const OptionDict& d) {
  for (const auto& [k, v] : d) {
    if (k == "lr") lr(option_to_double(v, k));
    else if (k == "betas") betas(as_pair(v, k));
    else if (k == "eps") eps(option_to_double(v, k));
    else if (k == "weight_decay") weight_decay(option_to_double(v, k));
    else if (k == "momentum_decay") momentum_decay(option_to_double(v, k));
    else if (k == "decoupled_weight_decay") decoupled_weight_decay(option_to_bool(v, k));
    else if (k == "maximize") maximize(option_to_bool(v, k));
  }
}
std::vector<std::pair<std::string, Tensor>> NAdamParamState::named_tensors() const {
  std::vector<std::pair<std::string, Tensor>> out;
  WICK_STATE_GET(step) WICK_STATE_GET(mu_product) WICK_STATE_GET(exp_avg)
  WICK_STATE_GET(exp_avg_sq)
  return out;
}
bool NAdamParamState::set_tensor(const std::string& name, const Tensor& value) {
  WICK_STATE_SET(step) WICK_STATE_SET(mu_product) WICK_STATE_SET(exp_avg)
  WICK_STATE_SET(exp_avg_sq)
  return false;
}
NAdam::NAdam(std::vector<OptimizerParamGroup> param_groups, NAdamOptions defaults)
    : Optimizer(std::move(param_groups), checked(defaults)) {}
Tensor NAdam::step(LossClosure closure) {
  using S = NAdamParamState;
  return drive<NAdamOptions, S>(
      param_groups_, state_, closure,
      [](const NAdamOptions&, const Tensor& p, S& s) {
        s.step(scalar_state(0.0));
        s.mu_product(scalar_state(1.0));
        s.exp_avg(zeros_like(p));
        s.exp_avg_sq(zeros_like(p));
      },
      [](const NAdamOptions& o, TensorList params, TensorList grads, const std::vector<S*>& st) {
        functional::nadam(params, grads, collect(st, [](S& s) { return s.exp_avg(); }),
                          collect(st, [](S& s) { return s.exp_avg_sq(); }),
                          collect(st, [](S& s) { return s.mu_product(); }),
                          collect(st, [](S& s) { return s.step(); }), std::get<0>(o.betas()),
                          std::get<1>(o.betas()), o.lr(), o.weight_decay(), o.momentum_decay(),
                          o.eps(), o.decoupled_weight_decay(), o.maximize());
      });
}

// ---- RAdam --------------------------------------------------------------------

RAdamOptions::RAdamOptions(double lr) : lr_(lr) {}
OptionDict RAdamOptions::to_dict() const {
  return {{"lr", lr()},
          {"betas", as_list(betas())},
          {"eps", eps()},
          {"weight_decay", weight_decay()},
          {"foreach", std::monostate{}},
          {"maximize", maximize()},
          {"capturable", false},
          {"decoupled_weight_decay", decoupled_weight_decay()},
          {"differentiable", false}};
}
void RAdamOptions::from_dict(const OptionDict& d) {
  for (const auto& [k, v] : d) {
    if (k == "lr") lr(option_to_double(v, k));
    else if (k == "betas") betas(as_pair(v, k));
    else if (k == "eps") eps(option_to_double(v, k));
    else if (k == "weight_decay") weight_decay(option_to_double(v, k));
    else if (k == "decoupled_weight_decay") decoupled_weight_decay(option_to_bool(v, k));
    else if (k == "maximize") maximize(option_to_bool(v, k));
  }
}
std::vector<std::pair<std::string, Tensor>> RAdamParamState::named_tensors() const {
  std::vector<std::pair<std::string, Tensor>> out;
  WICK_STATE_GET(step) WICK_STATE_GET(exp_avg) WICK_STATE_GET(exp_avg_sq)
  return out;
}
bool RAdamParamState::set_tensor(const std::string& name, const Tensor& value) {
  WICK_STATE_SET(step) WICK_STATE_SET(exp_avg) WICK_STATE_SET(exp_avg_sq)
  return false;
}
RAdam::RAdam(std::vector<OptimizerParamGroup> param_groups, RAdamOptions defaults)
    : Optimizer(std::move(param_groups), checked(defaults)) {}
Tensor RAdam::step(LossClosure closure) {
  using S = RAdamParamState;
  return drive<RAdamOptions, S>(
      param_groups_, state_, closure,
      [](const RAdamOptions&, const Tensor& p, S& s) {
        s.step(scalar_state(0.0));
        s.exp_avg(zeros_like(p));
        s.exp_avg_sq(zeros_like(p));
      },
      [](const RAdamOptions& o, TensorList params, TensorList grads, const std::vector<S*>& st) {
        functional::radam(params, grads, collect(st, [](S& s) { return s.exp_avg(); }),
                          collect(st, [](S& s) { return s.exp_avg_sq(); }),
                          collect(st, [](S& s) { return s.step(); }), std::get<0>(o.betas()),
                          std::get<1>(o.betas()), o.lr(), o.weight_decay(), o.eps(),
                          o.decoupled_weight_decay(), o.maximize());
      });
}

// ---- Adadelta -----------------------------------------------------------------

AdadeltaOptions::AdadeltaOptions(double lr) : lr_(lr) {}
OptionDict AdadeltaOptions::to_dict() const {
  return {{"lr", lr()},           {"rho", rho()},
          {"eps", eps()},         {"weight_decay", weight_decay()},
          {"maximize", maximize()}, {"capturable", false},
          {"foreach", std::monostate{}}, {"differentiable", false}};
}
void AdadeltaOptions::from_dict(const OptionDict& d) {
  for (const auto& [k, v] : d) {
    if (k == "lr") lr(option_to_double(v, k));
    else if (k == "rho") rho(option_to_double(v, k));
    else if (k == "eps") eps(option_to_double(v, k));
    else if (k == "weight_decay") weight_decay(option_to_double(v, k));
    else if (k == "maximize") maximize(option_to_bool(v, k));
  }
}
std::vector<std::pair<std::string, Tensor>> AdadeltaParamState::named_tensors() const {
  std::vector<std::pair<std::string, Tensor>> out;
  WICK_STATE_GET(step) WICK_STATE_GET(square_avg) WICK_STATE_GET(acc_delta)
  return out;
}
bool AdadeltaParamState::set_tensor(const std::string& name, const Tensor& value) {
  WICK_STATE_SET(step) WICK_STATE_SET(square_avg) WICK_STATE_SET(acc_delta)
  return false;
}
Adadelta::Adadelta(std::vector<OptimizerParamGroup> param_groups, AdadeltaOptions defaults)
    : Optimizer(std::move(param_groups), checked(defaults)) {}
Tensor Adadelta::step(LossClosure closure) {
  using S = AdadeltaParamState;
  return drive<AdadeltaOptions, S>(
      param_groups_, state_, closure,
      [](const AdadeltaOptions&, const Tensor& p, S& s) {
        s.step(scalar_state(0.0));
        s.square_avg(zeros_like(p));
        s.acc_delta(zeros_like(p));
      },
      [](const AdadeltaOptions& o, TensorList params, TensorList grads,
         const std::vector<S*>& st) {
        functional::adadelta(params, grads, collect(st, [](S& s) { return s.square_avg(); }),
                             collect(st, [](S& s) { return s.acc_delta(); }),
                             collect(st, [](S& s) { return s.step(); }), o.lr(), o.rho(),
                             o.eps(), o.weight_decay(), o.maximize());
      });
}

// ---- Rprop --------------------------------------------------------------------

RpropOptions::RpropOptions(double lr) : lr_(lr) {}
OptionDict RpropOptions::to_dict() const {
  return {{"lr", lr()},
          {"etas", as_list(etas())},
          {"step_sizes", as_list(step_sizes())},
          {"foreach", std::monostate{}},
          {"maximize", maximize()},
          {"differentiable", false},
          {"capturable", false}};
}
void RpropOptions::from_dict(const OptionDict& d) {
  for (const auto& [k, v] : d) {
    if (k == "lr") lr(option_to_double(v, k));
    else if (k == "etas") etas(as_pair(v, k));
    else if (k == "step_sizes") step_sizes(as_pair(v, k));
    else if (k == "maximize") maximize(option_to_bool(v, k));
  }
}
std::vector<std::pair<std::string, Tensor>> RpropParamState::named_tensors() const {
  std::vector<std::pair<std::string, Tensor>> out;
  WICK_STATE_GET(step) WICK_STATE_GET(prev) WICK_STATE_GET(step_size)
  return out;
}
bool RpropParamState::set_tensor(const std::string& name, const Tensor& value) {
  WICK_STATE_SET(step) WICK_STATE_SET(prev) WICK_STATE_SET(step_size)
  return false;
}
Rprop::Rprop(std::vector<OptimizerParamGroup> param_groups, RpropOptions defaults)
    : Optimizer(std::move(param_groups), checked(defaults)) {}
Tensor Rprop::step(LossClosure closure) {
  using S = RpropParamState;
  return drive<RpropOptions, S>(
      param_groups_, state_, closure,
      [](const RpropOptions& o, const Tensor& p, S& s) {
        s.step(scalar_state(0.0));
        s.prev(zeros_like(p));
        s.step_size(full_like(p, o.lr()));
      },
      [](const RpropOptions& o, TensorList params, TensorList grads, const std::vector<S*>& st) {
        functional::rprop(params, grads, collect(st, [](S& s) { return s.prev(); }),
                          collect(st, [](S& s) { return s.step_size(); }),
                          collect(st, [](S& s) { return s.step(); }),
                          std::get<0>(o.step_sizes()), std::get<1>(o.step_sizes()),
                          std::get<0>(o.etas()), std::get<1>(o.etas()), o.maximize());
      });
}

// ---- ASGD ---------------------------------------------------------------------

ASGDOptions::ASGDOptions(double lr) : lr_(lr) {}
OptionDict ASGDOptions::to_dict() const {
  return {{"lr", lr()},           {"lambd", lambd()},
          {"alpha", alpha()},     {"t0", t0()},
          {"weight_decay", weight_decay()}, {"foreach", std::monostate{}},
          {"maximize", maximize()}, {"differentiable", false},
          {"capturable", false}};
}
void ASGDOptions::from_dict(const OptionDict& d) {
  for (const auto& [k, v] : d) {
    if (k == "lr") lr(option_to_double(v, k));
    else if (k == "lambd") lambd(option_to_double(v, k));
    else if (k == "alpha") alpha(option_to_double(v, k));
    else if (k == "t0") t0(option_to_double(v, k));
    else if (k == "weight_decay") weight_decay(option_to_double(v, k));
    else if (k == "maximize") maximize(option_to_bool(v, k));
  }
}
std::vector<std::pair<std::string, Tensor>> ASGDParamState::named_tensors() const {
  std::vector<std::pair<std::string, Tensor>> out;
  WICK_STATE_GET(step) WICK_STATE_GET(eta) WICK_STATE_GET(mu) WICK_STATE_GET(ax)
  return out;
}
bool ASGDParamState::set_tensor(const std::string& name, const Tensor& value) {
  WICK_STATE_SET(step) WICK_STATE_SET(eta) WICK_STATE_SET(mu) WICK_STATE_SET(ax)
  return false;
}
ASGD::ASGD(std::vector<OptimizerParamGroup> param_groups, ASGDOptions defaults)
    : Optimizer(std::move(param_groups), checked(defaults)) {}
Tensor ASGD::step(LossClosure closure) {
  using S = ASGDParamState;
  return drive<ASGDOptions, S>(
      param_groups_, state_, closure,
      [](const ASGDOptions& o, const Tensor& p, S& s) {
        s.step(scalar_state(0.0));
        s.eta(scalar_state(o.lr()));
        s.mu(scalar_state(1.0));
        s.ax(zeros_like(p));
      },
      [](const ASGDOptions& o, TensorList params, TensorList grads, const std::vector<S*>& st) {
        functional::asgd(params, grads, collect(st, [](S& s) { return s.ax(); }),
                         collect(st, [](S& s) { return s.mu(); }),
                         collect(st, [](S& s) { return s.eta(); }),
                         collect(st, [](S& s) { return s.step(); }), o.lambd(), o.lr(), o.t0(),
                         o.alpha(), o.weight_decay(), o.maximize());
      });
}

#undef WICK_STATE_GET
#undef WICK_STATE_SET

}  // namespace wick::optim
