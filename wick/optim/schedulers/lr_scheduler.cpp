#include "wick/optim/schedulers/lr_scheduler.h"

#include <cmath>

namespace wick::optim {

LRScheduler::LRScheduler(Optimizer& optimizer, int64_t last_epoch)
    : optimizer_(optimizer), last_epoch_(last_epoch) {
  auto& groups = optimizer_.param_groups();
  if (last_epoch == -1) {
    for (auto& g : groups)
      if (!g.options().find_extra("initial_lr")) g.options().set_extra("initial_lr", g.options().get_lr());
  } else {
    for (size_t i = 0; i < groups.size(); ++i)
      WICK_CHECK(groups[i].options().find_extra("initial_lr") != nullptr,
                 "param 'initial_lr' is not specified in param_groups[", i,
                 "] when resuming an optimizer");
  }
  for (auto& g : groups) base_lrs_.push_back(detail::extra_number(g.options(), "initial_lr"));
}

void LRScheduler::initial_step() {
  step_count_ = 0;
  step();
}

void LRScheduler::do_step(std::optional<double> epoch) {
  ++step_count_;
  std::vector<double> values;
  if (!epoch) {
    ++last_epoch_;
    values = get_lrs();
  } else {
    last_epoch_ = static_cast<int64_t>(std::floor(*epoch));
    auto closed = get_closed_form_lrs();
    values = closed ? std::move(*closed) : get_lrs();
  }
  set_optimizer_lrs(values);
  last_lr_ = get_current_lrs();
}

std::vector<double> LRScheduler::get_current_lrs() const {
  std::vector<double> lrs;
  for (const auto& g : optimizer_.param_groups()) lrs.push_back(g.options().get_lr());
  return lrs;
}

void LRScheduler::set_optimizer_lrs(const std::vector<double>& learning_rates) {
  auto& groups = optimizer_.param_groups();
  WICK_CHECK(learning_rates.size() == groups.size(), "Number of learning rates (",
             learning_rates.size(), ") not equal to number of param groups (", groups.size(), ")");
  for (size_t i = 0; i < groups.size(); ++i) groups[i].options().set_lr(learning_rates[i]);
}

namespace detail {

std::vector<double> format_param(const std::string& name, const Optimizer& optimizer,
                                 const std::vector<double>& values) {
  const size_t n = optimizer.param_groups().size();
  if (values.size() == 1) return std::vector<double>(n, values[0]);
  WICK_CHECK_T(ValueError, values.size() == n, name,
               " must have the same length as optimizer.param_groups. ", name, " has ",
               values.size(), " values, param_groups has ", n, ".");
  return values;
}

namespace {
const OptionValue* find_key(const OptionDict& d, const std::string& key) {
  for (const auto& [k, v] : d)
    if (k == key) return &v;
  return nullptr;
}
}  // namespace

bool uses_beta1(const Optimizer& optimizer) {
  OptionDict d = optimizer.defaults().to_dict();
  const bool momentum = find_key(d, "momentum") != nullptr;
  const bool betas = find_key(d, "betas") != nullptr;
  WICK_CHECK_T(ValueError, momentum || betas,
               "optimizer must support momentum or beta1 with `cycle_momentum` option enabled");
  return betas;
}

void set_momentum(OptimizerOptions& options, bool use_beta1, double momentum) {
  if (!use_beta1) {
    options.from_dict({{"momentum", momentum}});
    return;
  }
  OptionDict d = options.to_dict();
  const OptionValue* b = find_key(d, "betas");
  WICK_CHECK(b && std::holds_alternative<std::vector<double>>(*b), "param group has no 'betas'");
  std::vector<double> betas = std::get<std::vector<double>>(*b);
  betas.at(0) = momentum;
  options.from_dict({{"betas", betas}});
}

double get_momentum(const OptimizerOptions& options, bool use_beta1) {
  OptionDict d = options.to_dict();
  const OptionValue* v = find_key(d, use_beta1 ? "betas" : "momentum");
  WICK_CHECK(v != nullptr, "param group has no '", use_beta1 ? "betas" : "momentum", "'");
  if (use_beta1) return std::get<std::vector<double>>(*v).at(0);
  return option_to_double(*v, "momentum");
}

double extra_number(const OptimizerOptions& options, const std::string& key) {
  const OptionValue* v = options.find_extra(key);
  WICK_CHECK(v != nullptr, "param group has no '", key, "'");
  return option_to_double(*v, key);
}

}  // namespace detail
}  // namespace wick::optim
