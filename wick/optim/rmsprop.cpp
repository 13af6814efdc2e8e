#include "wick/optim/rmsprop.h"

#include "wick/autograd/grad_mode.h"
#include "wick/ops/creation.h"
#include "wick/optim/functional.h"

namespace wick::optim {

namespace {

Tensor run_closure(const LossClosure& closure) {
  if (!closure) return Tensor();
  autograd::AutoGradMode enable(true);
  return closure();
}

Tensor new_step() { return scalar_tensor(0.0, TensorOptions(kFloat)); }

std::unique_ptr<OptimizerOptions> checked(const RMSpropOptions& o) {
  WICK_CHECK_T(ValueError, o.lr() >= 0, "Invalid learning rate: ", o.lr());
  WICK_CHECK_T(ValueError, o.eps() >= 0, "Invalid epsilon value: ", o.eps());
  WICK_CHECK_T(ValueError, o.momentum() >= 0, "Invalid momentum value: ", o.momentum());
  WICK_CHECK_T(ValueError, o.weight_decay() >= 0, "Invalid weight_decay value: ", o.weight_decay());
  WICK_CHECK_T(ValueError, o.alpha() >= 0, "Invalid alpha value: ", o.alpha());
  return std::make_unique<RMSpropOptions>(o);
}

std::unique_ptr<OptimizerOptions> checked(const AdagradOptions& o) {
  WICK_CHECK_T(ValueError, o.lr() >= 0, "Invalid learning rate: ", o.lr());
  WICK_CHECK_T(ValueError, o.lr_decay() >= 0, "Invalid lr_decay value: ", o.lr_decay());
  WICK_CHECK_T(ValueError, o.weight_decay() >= 0, "Invalid weight_decay value: ", o.weight_decay());
  WICK_CHECK_T(ValueError, o.initial_accumulator_value() >= 0,
               "Invalid initial_accumulator_value value: ", o.initial_accumulator_value());
  WICK_CHECK_T(ValueError, o.eps() >= 0, "Invalid epsilon value: ", o.eps());
  return std::make_unique<AdagradOptions>(o);
}

}  // namespace

// ---- RMSprop ------------------------------------------------------------------

RMSpropOptions::RMSpropOptions(double lr) : lr_(lr) {}

OptionDict RMSpropOptions::to_dict() const {
  return {{"lr", lr()},           {"momentum", momentum()},
          {"alpha", alpha()},     {"eps", eps()},
          {"centered", centered()}, {"weight_decay", weight_decay()},
          {"capturable", false},  {"foreach", std::monostate{}},
          {"maximize", maximize()}, {"differentiable", false}};
}

void RMSpropOptions::from_dict(const OptionDict& d) {
  for (const auto& [k, v] : d) {
    if (k == "lr") lr(option_to_double(v, k));
    else if (k == "momentum") momentum(option_to_double(v, k));
    else if (k == "alpha") alpha(option_to_double(v, k));
    else if (k == "eps") eps(option_to_double(v, k));
    else if (k == "centered") centered(option_to_bool(v, k));
    else if (k == "weight_decay") weight_decay(option_to_double(v, k));
    else if (k == "maximize") maximize(option_to_bool(v, k));
  }
}

std::vector<std::pair<std::string, Tensor>> RMSpropParamState::named_tensors() const {
  std::vector<std::pair<std::string, Tensor>> out;
  if (step().defined()) out.emplace_back("step", step());
  if (square_avg().defined()) out.emplace_back("square_avg", square_avg());
  if (momentum_buffer().defined()) out.emplace_back("momentum_buffer", momentum_buffer());
  if (grad_avg().defined()) out.emplace_back("grad_avg", grad_avg());
  return out;
}

bool RMSpropParamState::set_tensor(const std::string& name, const Tensor& value) {
  if (name == "step") step(value);
  else if (name == "square_avg") square_avg(value);
  else if (name == "momentum_buffer") momentum_buffer(value);
  else if (name == "grad_avg") grad_avg(value);
  else return false;
  return true;
}

RMSprop::RMSprop(std::vector<OptimizerParamGroup> param_groups, RMSpropOptions defaults)
    : Optimizer(std::move(param_groups), checked(defaults)) {}

Tensor RMSprop::step(LossClosure closure) {
  Tensor loss = run_closure(closure);
  autograd::NoGradGuard no_grad;
  for (auto& group : param_groups_) {
    const auto& o = static_cast<const RMSpropOptions&>(group.options());
    std::vector<Tensor> params, grads, sq, ga, bufs, steps;
    for (const auto& p : group.params()) {
      if (!p.grad().defined()) continue;
      auto& slot = state_[p.unsafeGetTensorImpl()];
      if (!slot) slot = std::make_unique<RMSpropParamState>();
      auto& s = static_cast<RMSpropParamState&>(*slot);
      if (!s.step().defined()) {
        s.step(new_step());
        s.square_avg(zeros_like(p));
        if (o.momentum() > 0) s.momentum_buffer(zeros_like(p));
        if (o.centered()) s.grad_avg(zeros_like(p));
      }
      params.push_back(p);
      grads.push_back(p.grad());
      sq.push_back(s.square_avg());
      steps.push_back(s.step());
      if (o.momentum() > 0) bufs.push_back(s.momentum_buffer());
      if (o.centered()) ga.push_back(s.grad_avg());
    }
    if (params.empty()) continue;
    functional::rmsprop(params, grads, sq, ga, bufs, steps, o.lr(), o.alpha(), o.eps(),
                        o.weight_decay(), o.momentum(), o.centered(), o.maximize());
  }
  return loss;
}

// ---- Adagrad ------------------------------------------------------------------

AdagradOptions::AdagradOptions(double lr) : lr_(lr) {}

OptionDict AdagradOptions::to_dict() const {
  return {{"lr", lr()},
          {"lr_decay", lr_decay()},
          {"eps", eps()},
          {"weight_decay", weight_decay()},
          {"initial_accumulator_value", initial_accumulator_value()},
          {"foreach", std::monostate{}},
          {"maximize", maximize()},
          {"differentiable", false},
          {"fused", std::monostate{}}};
}

void AdagradOptions::from_dict(const OptionDict& d) {
  for (const auto& [k, v] : d) {
    if (k == "lr") lr(option_to_double(v, k));
    else if (k == "lr_decay") lr_decay(option_to_double(v, k));
    else if (k == "eps") eps(option_to_double(v, k));
    else if (k == "weight_decay") weight_decay(option_to_double(v, k));
    else if (k == "initial_accumulator_value") initial_accumulator_value(option_to_double(v, k));
    else if (k == "maximize") maximize(option_to_bool(v, k));
  }
}

std::vector<std::pair<std::string, Tensor>> AdagradParamState::named_tensors() const {
  std::vector<std::pair<std::string, Tensor>> out;
  if (step().defined()) out.emplace_back("step", step());
  if (sum().defined()) out.emplace_back("sum", sum());
  return out;
}

bool AdagradParamState::set_tensor(const std::string& name, const Tensor& value) {
  if (name == "step") step(value);
  else if (name == "sum") sum(value);
  else return false;
  return true;
}

Adagrad::Adagrad(std::vector<OptimizerParamGroup> param_groups, AdagradOptions defaults)
    : Optimizer(std::move(param_groups), checked(defaults)) {
  autograd::NoGradGuard no_grad;
  for (auto& group : param_groups_) {
    const auto& o = static_cast<const AdagradOptions&>(group.options());
    for (const auto& p : group.params()) {
      auto s = std::make_unique<AdagradParamState>();
      s->step(new_step());
      s->sum(full_like(p, o.initial_accumulator_value()));
      state_[p.unsafeGetTensorImpl()] = std::move(s);
    }
  }
}

Tensor Adagrad::step(LossClosure closure) {
  Tensor loss = run_closure(closure);
  autograd::NoGradGuard no_grad;
  for (auto& group : param_groups_) {
    const auto& o = static_cast<const AdagradOptions&>(group.options());
    std::vector<Tensor> params, grads, sums, steps;
    for (const auto& p : group.params()) {
      if (!p.grad().defined()) continue;
      auto& slot = state_[p.unsafeGetTensorImpl()];
      if (!slot) {  // a group added after construction
        auto s = std::make_unique<AdagradParamState>();
        s->step(new_step());
        s->sum(full_like(p, o.initial_accumulator_value()));
        slot = std::move(s);
      }
      auto& s = static_cast<AdagradParamState&>(*slot);
      params.push_back(p);
      grads.push_back(p.grad());
      sums.push_back(s.sum());
      steps.push_back(s.step());
    }
    if (params.empty()) continue;
    functional::adagrad(params, grads, sums, steps, o.lr(), o.weight_decay(), o.lr_decay(),
                        o.eps(), o.maximize());
  }
  return loss;
}

}  // namespace wick::optim
