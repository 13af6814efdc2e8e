#include "wick/optim/sgd.h"

#include "wick/autograd/grad_mode.h"
#include "wick/optim/functional.h"

namespace wick::optim {

SGDOptions::SGDOptions(double lr) : lr_(lr) {}

OptionDict SGDOptions::to_dict() const {
  return {{"lr", lr()},
          {"momentum", momentum()},
          {"dampening", dampening()},
          {"weight_decay", weight_decay()},
          {"nesterov", nesterov()},
          {"maximize", maximize()},
          {"foreach", std::monostate{}},
          {"differentiable", false},
          {"fused", std::monostate{}}};
}

void SGDOptions::from_dict(const OptionDict& d) {
  for (const auto& [k, v] : d) {
    if (k == "lr") lr(option_to_double(v, k));
    else if (k == "momentum") momentum(option_to_double(v, k));
    else if (k == "dampening") dampening(option_to_double(v, k));
    else if (k == "weight_decay") weight_decay(option_to_double(v, k));
    else if (k == "nesterov") nesterov(option_to_bool(v, k));
    else if (k == "maximize") maximize(option_to_bool(v, k));
  }
}

std::vector<std::pair<std::string, Tensor>> SGDParamState::named_tensors() const {
  if (!momentum_buffer().defined()) return {};
  return {{"momentum_buffer", momentum_buffer()}};
}

bool SGDParamState::set_tensor(const std::string& name, const Tensor& value) {
  if (name != "momentum_buffer") return false;
  momentum_buffer(value);
  return true;
}

namespace {
std::unique_ptr<OptimizerOptions> checked(const SGDOptions& o) {
  WICK_CHECK_T(ValueError, o.lr() >= 0, "Invalid learning rate: ", o.lr());
  WICK_CHECK_T(ValueError, o.momentum() >= 0, "Invalid momentum value: ", o.momentum());
  WICK_CHECK_T(ValueError, o.weight_decay() >= 0, "Invalid weight_decay value: ", o.weight_decay());
  WICK_CHECK_T(ValueError, !o.nesterov() || (o.momentum() > 0 && o.dampening() == 0),
               "Nesterov momentum requires a momentum and zero dampening");
  return std::make_unique<SGDOptions>(o);
}
}  // namespace

SGD::SGD(std::vector<OptimizerParamGroup> param_groups, SGDOptions defaults)
    : Optimizer(std::move(param_groups), checked(defaults)) {}

Tensor SGD::step(LossClosure closure) {
  Tensor loss;
  if (closure) {
    autograd::AutoGradMode enable(true);
    loss = closure();
  }
  autograd::NoGradGuard no_grad;
  for (auto& group : param_groups_) {
    const auto& o = static_cast<const SGDOptions&>(group.options());
    std::vector<Tensor> params, grads, bufs;
    for (const auto& p : group.params()) {
      if (!p.grad().defined()) continue;
      params.push_back(p);
      grads.push_back(p.grad());
      auto* s = static_cast<SGDParamState*>(find_state(p));
      bufs.push_back(s ? s->momentum_buffer() : Tensor());
    }
    if (params.empty()) continue;
    functional::sgd(params, grads, bufs, o.lr(), o.momentum(), o.dampening(), o.weight_decay(),
                    o.nesterov(), o.maximize());
    if (o.momentum() != 0) {
      for (size_t i = 0; i < params.size(); ++i) {
        auto& slot = state_[params[i].unsafeGetTensorImpl()];
        if (!slot) slot = std::make_unique<SGDParamState>();
        static_cast<SGDParamState&>(*slot).momentum_buffer(bufs[i]);
      }
    }
  }
  return loss;
}

}  // namespace wick::optim
