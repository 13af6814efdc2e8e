#include "wick/optim/adam.h"

#include "wick/autograd/grad_mode.h"
#include "wick/ops/creation.h"
#include "wick/optim/functional.h"

namespace wick::optim {

namespace {

template <typename O>
OptionDict adam_dict(const O& o) {
  return {{"lr", o.lr()},
          {"betas", std::vector<double>{std::get<0>(o.betas()), std::get<1>(o.betas())}},
          {"eps", o.eps()},
          {"weight_decay", o.weight_decay()},
          {"amsgrad", o.amsgrad()},
          {"maximize", o.maximize()},
          {"foreach", std::monostate{}},
          {"capturable", false},
          {"differentiable", false},
          {"fused", std::monostate{}}};
}

template <typename O>
void adam_from_dict(O& o, const OptionDict& d) {
  for (const auto& [k, v] : d) {
    if (k == "lr") {
      o.lr(option_to_double(v, k));
    } else if (k == "betas") {
      const auto* b = std::get_if<std::vector<double>>(&v);
      WICK_CHECK_T(TypeError, b && b->size() == 2, "optimizer option 'betas' must be a pair of floats");
      o.betas(std::make_tuple((*b)[0], (*b)[1]));
    } else if (k == "eps") {
      o.eps(option_to_double(v, k));
    } else if (k == "weight_decay") {
      o.weight_decay(option_to_double(v, k));
    } else if (k == "amsgrad") {
      o.amsgrad(option_to_bool(v, k));
    } else if (k == "maximize") {
      o.maximize(option_to_bool(v, k));
    }
  }
}

template <typename O>
void check_adam(const O& o) {
  WICK_CHECK_T(ValueError, o.lr() >= 0, "Invalid learning rate: ", o.lr());
  WICK_CHECK_T(ValueError, o.eps() >= 0, "Invalid epsilon value: ", o.eps());
  const double b0 = std::get<0>(o.betas()), b1 = std::get<1>(o.betas());
  WICK_CHECK_T(ValueError, b0 >= 0 && b0 < 1, "Invalid beta parameter at index 0: ", b0);
  WICK_CHECK_T(ValueError, b1 >= 0 && b1 < 1, "Invalid beta parameter at index 1: ", b1);
  WICK_CHECK_T(ValueError, o.weight_decay() >= 0, "Invalid weight_decay value: ", o.weight_decay());
}

// One functional::adam call per group; creates missing state as PyTorch does.
template <typename O>
Tensor adam_step(std::vector<OptimizerParamGroup>& groups,
                 std::unordered_map<void*, std::unique_ptr<OptimizerParamState>>& state,
                 const LossClosure& closure, bool decoupled) {
  Tensor loss;
  if (closure) {
    autograd::AutoGradMode enable(true);
    loss = closure();
  }
  autograd::NoGradGuard no_grad;
  for (auto& group : groups) {
    const auto& o = static_cast<const O&>(group.options());
    std::vector<Tensor> params, grads, m, v, vmax, steps;
    for (const auto& p : group.params()) {
      if (!p.grad().defined()) continue;
      auto& slot = state[p.unsafeGetTensorImpl()];
      if (!slot) slot = std::make_unique<AdamParamState>();
      auto& s = static_cast<AdamParamState&>(*slot);
      if (!s.step().defined()) {
        s.step(scalar_tensor(0.0, TensorOptions(kFloat)));
        s.exp_avg(zeros_like(p));
        s.exp_avg_sq(zeros_like(p));
        if (o.amsgrad()) s.max_exp_avg_sq(zeros_like(p));
      }
      if (o.amsgrad() && !s.max_exp_avg_sq().defined()) s.max_exp_avg_sq(zeros_like(p));
      params.push_back(p);
      grads.push_back(p.grad());
      m.push_back(s.exp_avg());
      v.push_back(s.exp_avg_sq());
      if (o.amsgrad()) vmax.push_back(s.max_exp_avg_sq());
      steps.push_back(s.step());
    }
    if (params.empty()) continue;
    functional::adam(params, grads, m, v, vmax, steps, o.amsgrad(), std::get<0>(o.betas()),
                     std::get<1>(o.betas()), o.lr(), o.weight_decay(), o.eps(), o.maximize(),
                     decoupled);
  }
  return loss;
}

std::unique_ptr<OptimizerOptions> checked(const AdamOptions& o) {
  check_adam(o);
  return std::make_unique<AdamOptions>(o);
}
std::unique_ptr<OptimizerOptions> checked(const AdamWOptions& o) {
  check_adam(o);
  return std::make_unique<AdamWOptions>(o);
}

}  // namespace

AdamOptions::AdamOptions(double lr) : lr_(lr) {}
OptionDict AdamOptions::to_dict() const { return adam_dict(*this); }
void AdamOptions::from_dict(const OptionDict& d) { adam_from_dict(*this, d); }

AdamWOptions::AdamWOptions(double lr) : lr_(lr) {}
OptionDict AdamWOptions::to_dict() const { return adam_dict(*this); }
void AdamWOptions::from_dict(const OptionDict& d) { adam_from_dict(*this, d); }

std::vector<std::pair<std::string, Tensor>> AdamParamState::named_tensors() const {
  std::vector<std::pair<std::string, Tensor>> out;
  if (step().defined()) out.emplace_back("step", step());
  if (exp_avg().defined()) out.emplace_back("exp_avg", exp_avg());
  if (exp_avg_sq().defined()) out.emplace_back("exp_avg_sq", exp_avg_sq());
  if (max_exp_avg_sq().defined()) out.emplace_back("max_exp_avg_sq", max_exp_avg_sq());
  return out;
}

bool AdamParamState::set_tensor(const std::string& name, const Tensor& value) {
  if (name == "step") step(value);
  else if (name == "exp_avg") exp_avg(value);
  else if (name == "exp_avg_sq") exp_avg_sq(value);
  else if (name == "max_exp_avg_sq") max_exp_avg_sq(value);
  else return false;
  return true;
}

Adam::Adam(std::vector<OptimizerParamGroup> param_groups, AdamOptions defaults)
    : Optimizer(std::move(param_groups), checked(defaults)) {}

Tensor Adam::step(LossClosure closure) {
  return adam_step<AdamOptions>(param_groups_, state_, closure, false);
}

AdamW::AdamW(std::vector<OptimizerParamGroup> param_groups, AdamWOptions defaults)
    : Optimizer(std::move(param_groups), checked(defaults)) {}

Tensor AdamW::step(LossClosure closure) {
  return adam_step<AdamWOptions>(param_groups_, state_, closure, true);
}

}  // namespace wick::optim
