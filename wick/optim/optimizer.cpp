#include "wick/optim/optimizer.h"

#include <unordered_set>

#include "wick/autograd/grad_mode.h"

namespace wick::optim {

double option_to_double(const OptionValue& v, const std::string& key) {
  if (const auto* d = std::get_if<double>(&v)) return *d;
  if (const auto* i = std::get_if<int64_t>(&v)) return static_cast<double>(*i);
  if (const auto* b = std::get_if<bool>(&v)) return *b ? 1.0 : 0.0;
  WICK_CHECK_T(TypeError, false, "optimizer option '", key, "' must be a number");
  return 0;
}

bool option_to_bool(const OptionValue& v, const std::string& key) {
  if (const auto* b = std::get_if<bool>(&v)) return *b;
  if (const auto* i = std::get_if<int64_t>(&v)) return *i != 0;
  WICK_CHECK_T(TypeError, false, "optimizer option '", key, "' must be a bool");
  return false;
}

StateEntries OptimizerParamState::named_values() const {
  StateEntries out;
  for (auto& [k, t] : named_tensors()) out.emplace_back(k, t);
  return out;
}

bool OptimizerParamState::set_value(const std::string& name, const StateValue& value) {
  if (const auto* t = std::get_if<Tensor>(&value)) return set_tensor(name, *t);
  return false;
}

const OptionValue* OptimizerOptions::find_extra(const std::string& key) const {
  for (const auto& [k, v] : extra_)
    if (k == key) return &v;
  return nullptr;
}

void OptimizerOptions::set_extra(const std::string& key, OptionValue value) {
  for (auto& [k, v] : extra_) {
    if (k == key) {
      v = std::move(value);
      return;
    }
  }
  extra_.emplace_back(key, std::move(value));
}

OptimizerParamGroup& OptimizerParamGroup::operator=(const OptimizerParamGroup& g) {
  if (this != &g) {
    params_ = g.params_;
    options_ = g.options_ ? g.options_->clone() : nullptr;
  }
  return *this;
}

OptimizerOptions& OptimizerParamGroup::options() {
  WICK_CHECK(options_ != nullptr, "this param group has no options");
  return *options_;
}

const OptimizerOptions& OptimizerParamGroup::options() const {
  WICK_CHECK(options_ != nullptr, "this param group has no options");
  return *options_;
}

Optimizer::Optimizer(std::vector<OptimizerParamGroup> param_groups,
                     std::unique_ptr<OptimizerOptions> defaults)
    : defaults_(std::move(defaults)) {
  WICK_CHECK_T(ValueError, !param_groups.empty(), "optimizer got an empty parameter list");
  for (const auto& g : param_groups) add_param_group(g);
}

void Optimizer::add_param_group(const OptimizerParamGroup& param_group) {
  std::unordered_set<const TensorImpl*> existing;
  for (const auto& g : param_groups_)
    for (const auto& p : g.params()) existing.insert(p.unsafeGetTensorImpl());
  std::unordered_set<const TensorImpl*> mine;
  for (const auto& p : param_group.params()) {
    WICK_CHECK_T(TypeError, p.defined(), "optimizer can only optimize Tensors, but one of the params is undefined");
    WICK_CHECK_T(ValueError, p.is_leaf() || p.retains_grad(), "can't optimize a non-leaf Tensor");
    WICK_CHECK_T(ValueError, existing.count(p.unsafeGetTensorImpl()) == 0,
                 "some parameters appear in more than one parameter group");
    mine.insert(p.unsafeGetTensorImpl());
  }
  std::vector<Tensor> params;  // duplicates inside the group are dropped (PyTorch warns)
  std::unordered_set<const TensorImpl*> seen;
  for (const auto& p : param_group.params())
    if (seen.insert(p.unsafeGetTensorImpl()).second) params.push_back(p);
  OptimizerParamGroup g(std::move(params));
  g.set_options(param_group.has_options() ? param_group.options().clone() : defaults_->clone());
  param_groups_.push_back(std::move(g));
}

void Optimizer::add_parameters(const std::vector<Tensor>& parameters) {
  WICK_CHECK(!param_groups_.empty(), "optimizer has no param group to add parameters to");
  std::vector<Tensor> all = param_groups_[0].params();
  all.insert(all.end(), parameters.begin(), parameters.end());
  OptimizerParamGroup g(parameters);
  // Reuse add_param_group's checks, then merge into the first group.
  add_param_group(g);
  param_groups_.pop_back();
  param_groups_[0].params() = std::move(all);
}

void Optimizer::zero_grad(bool set_to_none) {
  for (auto& g : param_groups_) {
    for (auto& p : g.params()) {
      Tensor& grad = p.mutable_grad();
      if (!grad.defined()) continue;
      if (set_to_none) {
        grad.reset();
      } else {
        if (grad.grad_fn()) {
          grad.detach_();
        } else {
          grad.requires_grad_(false);
        }
        autograd::NoGradGuard no_grad;
        grad.zero_();
      }
    }
  }
}

const std::vector<Tensor>& Optimizer::parameters() const noexcept {
  return param_groups_.at(0).params();
}
std::vector<Tensor>& Optimizer::parameters() noexcept { return param_groups_.at(0).params(); }

size_t Optimizer::size() const noexcept {
  size_t n = 0;
  for (const auto& g : param_groups_) n += g.params().size();
  return n;
}

OptimizerParamState* Optimizer::find_state(const Tensor& p) const {
  auto it = state_.find(p.unsafeGetTensorImpl());
  return it == state_.end() ? nullptr : it->second.get();
}

OptimizerStateDict Optimizer::state_dict() const {
  OptimizerStateDict sd;
  std::unordered_map<const TensorImpl*, int64_t> index;
  int64_t next = 0;
  for (const auto& g : param_groups_) {
    OptimizerStateDict::ParamGroup pg;
    pg.options = g.options().to_dict();
    for (const auto& kv : g.options().extra()) pg.options.push_back(kv);
    for (const auto& p : g.params()) {
      auto [it, added] = index.emplace(p.unsafeGetTensorImpl(), next);
      if (added) ++next;
      pg.params.push_back(it->second);
      if (added) {
        if (const OptimizerParamState* s = find_state(p)) {
          sd.state[it->second] = s->named_tensors();
          StateEntries extra;
          for (auto& kv : s->named_values())
            if (!std::holds_alternative<Tensor>(kv.second)) extra.push_back(std::move(kv));
          if (!extra.empty()) sd.state_extra[it->second] = std::move(extra);
        }
      }
    }
    sd.param_groups.push_back(std::move(pg));
  }
  return sd;
}

void Optimizer::load_state_dict(const OptimizerStateDict& sd) {
  WICK_CHECK_T(ValueError, sd.param_groups.size() == param_groups_.size(),
               "loaded state dict has a different number of parameter groups");
  for (size_t i = 0; i < param_groups_.size(); ++i) {
    WICK_CHECK_T(ValueError, sd.param_groups[i].params.size() == param_groups_[i].params().size(),
                 "loaded state dict contains a parameter group that doesn't match the size of "
                 "optimizer's group");
  }
  std::map<int64_t, Tensor> id_map;
  for (size_t i = 0; i < param_groups_.size(); ++i) {
    const auto& ids = sd.param_groups[i].params;
    const auto& ps = param_groups_[i].params();
    for (size_t j = 0; j < ids.size(); ++j) id_map[ids[j]] = ps[j];
  }
  // Build everything first so a bad entry leaves this optimizer unchanged.
  std::unordered_map<void*, std::unique_ptr<OptimizerParamState>> state;
  auto cast_like = [](const Tensor& v, const Tensor& p) {
    autograd::NoGradGuard no_grad;
    return p.is_floating_point() ? v.to(p.device(), p.dtype()) : v.to(p.device());
  };
  std::vector<int64_t> ids;
  for (const auto& kv : sd.state) ids.push_back(kv.first);
  for (const auto& kv : sd.state_extra)
    if (!sd.state.count(kv.first)) ids.push_back(kv.first);
  static const std::vector<std::pair<std::string, Tensor>> kNoTensors;
  for (int64_t id : ids) {
    auto it = id_map.find(id);
    WICK_CHECK_T(ValueError, it != id_map.end(), "loaded state dict has state for parameter ", id,
                 ", which is in none of its parameter groups");
    const Tensor& p = it->second;
    auto s = make_state();
    auto st = sd.state.find(id);
    const auto& entries = st == sd.state.end() ? kNoTensors : st->second;
    auto ex = sd.state_extra.find(id);
    if (ex != sd.state_extra.end()) {
      for (const auto& [key, value] : ex->second) {
        StateValue v = value;
        if (auto* list = std::get_if<std::vector<Tensor>>(&v))
          for (auto& t : *list)
            if (t.defined()) t = cast_like(t, p);
        WICK_CHECK_T(ValueError, s->set_value(key, v), "loaded state dict has an unknown ", name(),
                     " state entry '", key, "'");
      }
    }
    for (const auto& [key, value] : entries) {
      Tensor v = value;
      if (v.defined() && key != "step") v = cast_like(v, p);
      WICK_CHECK_T(ValueError, s->set_tensor(key, v), "loaded state dict has an unknown ", name(),
                   " state entry '", key, "'");
    }
    state[p.unsafeGetTensorImpl()] = std::move(s);
  }
  std::vector<std::unique_ptr<OptimizerOptions>> options;
  for (size_t i = 0; i < param_groups_.size(); ++i) {
    auto o = param_groups_[i].options().clone();
    o->from_dict(sd.param_groups[i].options);
    // Keys beyond the optimizer's own options ('initial_lr', ...) become extras.
    o->clear_extra();
    OptionDict own = o->to_dict();
    for (const auto& [k, v] : sd.param_groups[i].options) {
      if (k == "params") continue;
      bool known = false;
      for (const auto& kv : own) known = known || kv.first == k;
      if (!known) o->set_extra(k, v);
    }
    options.push_back(std::move(o));
  }
  for (size_t i = 0; i < param_groups_.size(); ++i) param_groups_[i].set_options(std::move(options[i]));
  state_ = std::move(state);
}

}  // namespace wick::optim
