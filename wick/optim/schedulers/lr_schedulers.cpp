#include "wick/optim/schedulers/lr_schedulers.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace wick::optim {

namespace {

constexpr double kPi = std::numbers::pi;

std::vector<LRLambda> lambda_list(const Optimizer& optimizer, std::vector<LRLambda> lambdas) {
  const size_t n = optimizer.param_groups().size();
  if (lambdas.size() == 1) return std::vector<LRLambda>(n, lambdas[0]);
  WICK_CHECK_T(ValueError, lambdas.size() == n, "Expected ", n, " lr_lambdas, but got ",
               lambdas.size());
  for (const auto& f : lambdas) WICK_CHECK_T(TypeError, static_cast<bool>(f), "lr_lambda must be callable");
  return lambdas;
}

template <typename F>
std::vector<double> map_lrs(const std::vector<double>& lrs, F f) {
  std::vector<double> out;
  out.reserve(lrs.size());
  for (size_t i = 0; i < lrs.size(); ++i) out.push_back(f(lrs[i], i));
  return out;
}

}  // namespace

// ---- LambdaLR / MultiplicativeLR -------------------------------------------

LambdaLR::LambdaLR(Optimizer& optimizer, LRLambda lr_lambda, int64_t last_epoch)
    : LambdaLR(optimizer, std::vector<LRLambda>{std::move(lr_lambda)}, last_epoch) {}

LambdaLR::LambdaLR(Optimizer& optimizer, std::vector<LRLambda> lr_lambdas, int64_t last_epoch)
    : LRScheduler(optimizer, last_epoch), lr_lambdas_(lambda_list(optimizer, std::move(lr_lambdas))) {
  initial_step();
}

std::vector<double> LambdaLR::get_lrs() {
  return map_lrs(base_lrs_, [&](double b, size_t i) { return b * lr_lambdas_[i](last_epoch_); });
}

MultiplicativeLR::MultiplicativeLR(Optimizer& optimizer, LRLambda lr_lambda, int64_t last_epoch)
    : MultiplicativeLR(optimizer, std::vector<LRLambda>{std::move(lr_lambda)}, last_epoch) {}

MultiplicativeLR::MultiplicativeLR(Optimizer& optimizer, std::vector<LRLambda> lr_lambdas,
                                   int64_t last_epoch)
    : LRScheduler(optimizer, last_epoch), lr_lambdas_(lambda_list(optimizer, std::move(lr_lambdas))) {
  initial_step();
}

std::vector<double> MultiplicativeLR::get_lrs() {
  if (last_epoch_ <= 0) return get_current_lrs();
  return map_lrs(get_current_lrs(), [&](double lr, size_t i) { return lr * lr_lambdas_[i](last_epoch_); });
}

// ---- MultiStepLR -------------------------------------------------------------

MultiStepLR::MultiStepLR(Optimizer& optimizer, const std::vector<int64_t>& milestones, double gamma,
                         int64_t last_epoch)
    : LRScheduler(optimizer, last_epoch), gamma_(gamma) {
  for (int64_t m : milestones) ++milestones_[m];
  initial_step();
}

std::vector<double> MultiStepLR::get_lrs() {
  auto it = milestones_.find(last_epoch_);
  if (it == milestones_.end()) return get_current_lrs();
  const double f = std::pow(gamma_, static_cast<double>(it->second));
  return map_lrs(get_current_lrs(), [&](double lr, size_t) { return lr * f; });
}

std::optional<std::vector<double>> MultiStepLR::get_closed_form_lrs() {
  int64_t passed = 0;  // bisect_right over the sorted milestones (with repeats)
  for (const auto& [m, count] : milestones_)
    if (m <= last_epoch_) passed += count;
  const double f = std::pow(gamma_, static_cast<double>(passed));
  return map_lrs(base_lrs_, [&](double b, size_t) { return b * f; });
}

// ---- ConstantLR / LinearLR ---------------------------------------------------

ConstantLR::ConstantLR(Optimizer& optimizer, double factor, int64_t total_iters, int64_t last_epoch)
    : LRScheduler(optimizer, last_epoch), factor_(factor), total_iters_(total_iters) {
  WICK_CHECK_T(ValueError, factor <= 1.0 && factor >= 0,
               "Constant multiplicative factor expected to be between 0 and 1.");
  initial_step();
}

std::vector<double> ConstantLR::get_lrs() {
  if (last_epoch_ == 0) return map_lrs(get_current_lrs(), [&](double lr, size_t) { return lr * factor_; });
  if (last_epoch_ != total_iters_) return get_current_lrs();
  return map_lrs(get_current_lrs(), [&](double lr, size_t) { return lr * (1.0 / factor_); });
}

std::optional<std::vector<double>> ConstantLR::get_closed_form_lrs() {
  const double f = factor_ + (last_epoch_ >= total_iters_ ? 1.0 : 0.0) * (1 - factor_);
  return map_lrs(base_lrs_, [&](double b, size_t) { return b * f; });
}

LinearLR::LinearLR(Optimizer& optimizer, double start_factor, double end_factor, int64_t total_iters,
                   int64_t last_epoch)
    : LRScheduler(optimizer, last_epoch),
      start_factor_(start_factor),
      end_factor_(end_factor),
      total_iters_(total_iters) {
  WICK_CHECK_T(ValueError, start_factor <= 1.0 && start_factor > 0,
               "Starting multiplicative factor expected to be greater than 0 and less or equal to 1.");
  WICK_CHECK_T(ValueError, end_factor <= 1.0 && end_factor >= 0,
               "Ending multiplicative factor expected to be between 0 and 1.");
  initial_step();
}

std::vector<double> LinearLR::get_lrs() {
  if (last_epoch_ == 0)
    return map_lrs(get_current_lrs(), [&](double lr, size_t) { return lr * start_factor_; });
  if (last_epoch_ > total_iters_) return get_current_lrs();
  const double d = end_factor_ - start_factor_;
  const double f = 1.0 + d / (static_cast<double>(total_iters_) * start_factor_ +
                              static_cast<double>(last_epoch_ - 1) * d);
  return map_lrs(get_current_lrs(), [&](double lr, size_t) { return lr * f; });
}

std::optional<std::vector<double>> LinearLR::get_closed_form_lrs() {
  const double f = start_factor_ + (end_factor_ - start_factor_) *
                                       static_cast<double>(std::min(total_iters_, last_epoch_)) /
                                       static_cast<double>(total_iters_);
  return map_lrs(base_lrs_, [&](double b, size_t) { return b * f; });
}

// ---- ExponentialLR / PolynomialLR --------------------------------------------

ExponentialLR::ExponentialLR(Optimizer& optimizer, double gamma, int64_t last_epoch)
    : LRScheduler(optimizer, last_epoch), gamma_(gamma) {
  initial_step();
}

std::vector<double> ExponentialLR::get_lrs() {
  if (last_epoch_ == 0) return get_current_lrs();
  return map_lrs(get_current_lrs(), [&](double lr, size_t) { return lr * gamma_; });
}

std::optional<std::vector<double>> ExponentialLR::get_closed_form_lrs() {
  const double f = std::pow(gamma_, static_cast<double>(last_epoch_));
  return map_lrs(base_lrs_, [&](double b, size_t) { return b * f; });
}

PolynomialLR::PolynomialLR(Optimizer& optimizer, int64_t total_iters, double power, int64_t last_epoch)
    : LRScheduler(optimizer, last_epoch), total_iters_(total_iters), power_(power) {
  initial_step();
}

std::vector<double> PolynomialLR::get_lrs() {
  if (last_epoch_ == 0 || last_epoch_ > total_iters_) return get_current_lrs();
  const double n = static_cast<double>(total_iters_), e = static_cast<double>(last_epoch_);
  const double decay = std::pow((1.0 - e / n) / (1.0 - (e - 1) / n), power_);
  return map_lrs(get_current_lrs(), [&](double lr, size_t) { return lr * decay; });
}

std::optional<std::vector<double>> PolynomialLR::get_closed_form_lrs() {
  const double f = std::pow(1.0 - static_cast<double>(std::min(total_iters_, last_epoch_)) /
                                      static_cast<double>(total_iters_),
                            power_);
  return map_lrs(base_lrs_, [&](double b, size_t) { return b * f; });
}

// ---- CosineAnnealingLR -------------------------------------------------------

CosineAnnealingLR::CosineAnnealingLR(Optimizer& optimizer, int64_t T_max, double eta_min,
                                     int64_t last_epoch)
    : LRScheduler(optimizer, last_epoch), T_max_(T_max), eta_min_(eta_min) {
  WICK_CHECK_T(ValueError, T_max != 0, "CosineAnnealingLR: T_max must not be 0");
  initial_step();
}

std::vector<double> CosineAnnealingLR::get_lrs() {
  const double T = static_cast<double>(T_max_), e = static_cast<double>(last_epoch_);
  if (last_epoch_ == 0) return get_current_lrs();
  if (step_count_ == 1 && last_epoch_ > 0)
    return map_lrs(base_lrs_, [&](double b, size_t) {
      return eta_min_ + (b - eta_min_) * (1 + std::cos(e * kPi / T)) / 2;
    });
  // Python's modulo is non-negative for a positive divisor.
  int64_t r = (last_epoch_ - 1 - T_max_) % (2 * T_max_);
  if (r == 0) {
    std::vector<double> cur = get_current_lrs();
    return map_lrs(cur, [&](double lr, size_t i) {
      return lr + (base_lrs_[i] - eta_min_) * (1 - std::cos(kPi / T)) / 2;
    });
  }
  return map_lrs(get_current_lrs(), [&](double lr, size_t) {
    return (1 + std::cos(kPi * e / T)) / (1 + std::cos(kPi * (e - 1) / T)) * (lr - eta_min_) + eta_min_;
  });
}

std::optional<std::vector<double>> CosineAnnealingLR::get_closed_form_lrs() {
  const double T = static_cast<double>(T_max_), e = static_cast<double>(last_epoch_);
  return map_lrs(base_lrs_, [&](double b, size_t) {
    return eta_min_ + (b - eta_min_) * (1 + std::cos(kPi * e / T)) / 2;
  });
}

// ---- CosineAnnealingWarmRestarts ---------------------------------------------

CosineAnnealingWarmRestarts::CosineAnnealingWarmRestarts(Optimizer& optimizer, int64_t T_0,
                                                         int64_t T_mult, double eta_min,
                                                         int64_t last_epoch)
    : LRScheduler(optimizer, last_epoch),
      T_0_(T_0),
      T_i_(T_0),
      T_mult_(T_mult),
      eta_min_(eta_min),
      T_cur_(static_cast<double>(last_epoch)) {
  WICK_CHECK_T(ValueError, T_0 > 0, "Expected positive integer T_0, but got ", T_0);
  WICK_CHECK_T(ValueError, T_mult >= 1, "Expected integer T_mult >= 1, but got ", T_mult);
  initial_step();
}

std::vector<double> CosineAnnealingWarmRestarts::get_lrs() {
  return map_lrs(base_lrs_, [&](double b, size_t) {
    return eta_min_ + (b - eta_min_) * (1 + std::cos(kPi * T_cur_ / static_cast<double>(T_i_))) / 2;
  });
}

void CosineAnnealingWarmRestarts::do_step(std::optional<double> epoch_arg) {
  ++step_count_;
  double epoch;
  if (!epoch_arg && last_epoch_ < 0) epoch_arg = 0.0;
  if (!epoch_arg) {
    epoch = static_cast<double>(last_epoch_ + 1);
    T_cur_ += 1;
    if (T_cur_ >= static_cast<double>(T_i_)) {
      T_cur_ -= static_cast<double>(T_i_);
      T_i_ *= T_mult_;
    }
  } else {
    epoch = *epoch_arg;
    WICK_CHECK_T(ValueError, epoch >= 0, "Expected non-negative epoch, but got ", epoch);
    const double T0 = static_cast<double>(T_0_);
    if (epoch >= T0) {
      if (T_mult_ == 1) {
        T_cur_ = std::fmod(epoch, T0);
      } else {
        const double m = static_cast<double>(T_mult_);
        const auto n = static_cast<int64_t>(std::log(epoch / T0 * (m - 1) + 1) / std::log(m));
        const double mn = std::pow(m, static_cast<double>(n));
        T_cur_ = epoch - T0 * (mn - 1) / (m - 1);
        T_i_ = T_0_ * static_cast<int64_t>(mn);
      }
    } else {
      T_i_ = T_0_;
      T_cur_ = epoch;
    }
  }
  last_epoch_ = static_cast<int64_t>(std::floor(epoch));
  set_optimizer_lrs(get_lrs());
  last_lr_ = get_current_lrs();
}

// ---- CyclicLR ----------------------------------------------------------------

CyclicLR::CyclicLR(Optimizer& optimizer, std::vector<double> base_lr, std::vector<double> max_lr,
                   double step_size_up, std::optional<double> step_size_down,
                   const std::string& mode, double gamma, ScaleFn scale_fn,
                   const std::string& scale_mode, bool cycle_momentum,
                   std::vector<double> base_momentum, std::vector<double> max_momentum,
                   int64_t last_epoch)
    : LRScheduler((
          [&]() -> Optimizer& {
            // As PyTorch, before the base class reads 'initial_lr': each group's lr
            // becomes base_lr and, with cycle_momentum, its momentum max_momentum
            // (with the 'max_momentum' / 'base_momentum' keys).
            std::vector<double> b = detail::format_param("base_lr", optimizer, base_lr);
            if (last_epoch == -1)
              for (size_t i = 0; i < b.size(); ++i) optimizer.param_groups()[i].options().set_lr(b[i]);
            detail::format_param("max_lr", optimizer, max_lr);
            WICK_CHECK_T(ValueError,
                         scale_fn || mode == "triangular" || mode == "triangular2" || mode == "exp_range",
                         "mode is invalid and scale_fn is None");
            if (cycle_momentum) {
              const bool beta1 = detail::uses_beta1(optimizer);
              std::vector<double> bm = detail::format_param("base_momentum", optimizer, base_momentum);
              std::vector<double> mm = detail::format_param("max_momentum", optimizer, max_momentum);
              if (last_epoch == -1) {
                auto& groups = optimizer.param_groups();
                for (size_t i = 0; i < groups.size(); ++i) {
                  detail::set_momentum(groups[i].options(), beta1, mm[i]);
                  groups[i].options().set_extra("max_momentum", mm[i]);
                  groups[i].options().set_extra("base_momentum", bm[i]);
                }
              }
            }
            return optimizer;
          }()),
                    last_epoch),
      max_lrs_(detail::format_param("max_lr", optimizer, max_lr)),
      mode_(mode),
      gamma_(gamma),
      scale_fn_(std::move(scale_fn)),
      scale_mode_(scale_mode),
      cycle_momentum_(cycle_momentum) {
  const double down = step_size_down ? *step_size_down : step_size_up;
  total_size_ = step_size_up + down;
  step_ratio_ = step_size_up / total_size_;
  if (!scale_fn_) scale_mode_ = mode == "exp_range" ? "iterations" : "cycle";
  if (cycle_momentum_) {
    use_beta1_ = detail::uses_beta1(optimizer);
    base_momentums_ = detail::format_param("base_momentum", optimizer, base_momentum);
    max_momentums_ = detail::format_param("max_momentum", optimizer, max_momentum);
  }
  // As PyTorch: the initial step runs from 'initial_lr', then base_lrs become base_lr.
  initial_step();
  base_lrs_ = detail::format_param("base_lr", optimizer, base_lr);
}

double CyclicLR::scale(double x) const {
  if (scale_fn_) return scale_fn_(x);
  if (mode_ == "triangular") return 1.0;
  if (mode_ == "triangular2") return 1 / std::pow(2.0, x - 1);
  return std::pow(gamma_, x);
}

std::vector<double> CyclicLR::get_lrs() {
  const double e = static_cast<double>(last_epoch_);
  const double cycle = std::floor(1 + e / total_size_);
  const double x = 1.0 + e / total_size_ - cycle;
  const double scale_factor = x <= step_ratio_ ? x / step_ratio_ : (x - 1) / (step_ratio_ - 1);
  const double s = scale(scale_mode_ == "cycle" ? cycle : e);
  std::vector<double> lrs = map_lrs(base_lrs_, [&](double b, size_t i) {
    return b + (max_lrs_[i] - b) * scale_factor * s;
  });
  if (cycle_momentum_) {
    auto& groups = optimizer_.param_groups();
    for (size_t i = 0; i < groups.size() && i < base_momentums_.size(); ++i) {
      const double m = max_momentums_[i] - (max_momentums_[i] - base_momentums_[i]) * scale_factor * s;
      detail::set_momentum(groups[i].options(), use_beta1_, m);
    }
  }
  return lrs;
}

// ---- OneCycleLR --------------------------------------------------------------

int64_t OneCycleLR::checked_total_steps(std::optional<int64_t> total_steps,
                                        std::optional<int64_t> epochs,
                                        std::optional<int64_t> steps_per_epoch) {
  if (total_steps) {
    WICK_CHECK_T(ValueError, *total_steps > 0, "Expected positive integer total_steps, but got ",
                 *total_steps);
    return *total_steps;
  }
  WICK_CHECK_T(ValueError, epochs && steps_per_epoch,
               "You must define either total_steps OR (epochs AND steps_per_epoch)");
  WICK_CHECK_T(ValueError, *epochs > 0, "Expected positive integer epochs, but got ", *epochs);
  WICK_CHECK_T(ValueError, *steps_per_epoch > 0, "Expected positive integer steps_per_epoch, but got ",
               *steps_per_epoch);
  return *epochs * *steps_per_epoch;
}

OneCycleLR::OneCycleLR(Optimizer& optimizer, std::vector<double> max_lr,
                       std::optional<int64_t> total_steps, std::optional<int64_t> epochs,
                       std::optional<int64_t> steps_per_epoch, double pct_start,
                       const std::string& anneal_strategy, bool cycle_momentum,
                       std::vector<double> base_momentum, std::vector<double> max_momentum,
                       double div_factor, double final_div_factor, bool three_phase,
                       int64_t last_epoch)
    : LRScheduler((
          [&]() -> Optimizer& {
            // Validation and the group extras come before the base class reads 'initial_lr'.
            const int64_t n = checked_total_steps(total_steps, epochs, steps_per_epoch);
            (void)n;
            WICK_CHECK_T(ValueError, pct_start >= 0 && pct_start <= 1,
                         "Expected float between 0 and 1 pct_start, but got ", pct_start);
            WICK_CHECK_T(ValueError, anneal_strategy == "cos" || anneal_strategy == "linear",
                         "anneal_strategy must be one of 'cos' or 'linear', instead got ",
                         anneal_strategy);
            std::vector<double> m = detail::format_param("max_lr", optimizer, max_lr);
            if (last_epoch == -1) {
              auto& groups = optimizer.param_groups();
              for (size_t i = 0; i < groups.size(); ++i) {
                auto& o = groups[i].options();
                o.set_extra("initial_lr", m[i] / div_factor);
                o.set_extra("max_lr", m[i]);
                o.set_extra("min_lr", m[i] / div_factor / final_div_factor);
              }
            }
            return optimizer;
          }()),
                    last_epoch),
      total_steps_(checked_total_steps(total_steps, epochs, steps_per_epoch)),
      cos_(anneal_strategy == "cos"),
      cycle_momentum_(cycle_momentum) {
  const double n = static_cast<double>(total_steps_);
  if (three_phase) {
    phases_ = {{pct_start * n - 1, "initial_lr", "max_lr", "max_momentum", "base_momentum"},
               {2 * pct_start * n - 2, "max_lr", "initial_lr", "base_momentum", "max_momentum"},
               {n - 1, "initial_lr", "min_lr", "max_momentum", "max_momentum"}};
  } else {
    phases_ = {{pct_start * n - 1, "initial_lr", "max_lr", "max_momentum", "base_momentum"},
               {n - 1, "max_lr", "min_lr", "base_momentum", "max_momentum"}};
  }
  if (cycle_momentum_) {
    use_beta1_ = detail::uses_beta1(optimizer);
    std::vector<double> bm = detail::format_param("base_momentum", optimizer, base_momentum);
    std::vector<double> mm = detail::format_param("max_momentum", optimizer, max_momentum);
    if (last_epoch == -1) {
      auto& groups = optimizer.param_groups();
      for (size_t i = 0; i < groups.size(); ++i) {
        detail::set_momentum(groups[i].options(), use_beta1_, mm[i]);
        groups[i].options().set_extra("max_momentum", mm[i]);
        groups[i].options().set_extra("base_momentum", bm[i]);
      }
    }
  }
  initial_step();
}

double OneCycleLR::anneal(double start, double end, double pct) const {
  if (cos_) return end + (start - end) / 2.0 * (std::cos(kPi * pct) + 1);
  return (end - start) * pct + start;
}

std::vector<double> OneCycleLR::get_lrs() {
  const int64_t step_num = last_epoch_;
  // PyTorch 2.x's wording (1.13 printed step_num + 1).
  WICK_CHECK_T(ValueError, step_num <= total_steps_, "Tried to step ", step_num,
               " times. The specified number of total steps is ", total_steps_);
  std::vector<double> lrs;
  for (auto& group : optimizer_.param_groups()) {
    auto& o = group.options();
    double start_step = 0, lr = 0, momentum = 0;
    for (size_t i = 0; i < phases_.size(); ++i) {
      const Phase& ph = phases_[i];
      if (static_cast<double>(step_num) <= ph.end_step || i + 1 == phases_.size()) {
        const double pct = (static_cast<double>(step_num) - start_step) / (ph.end_step - start_step);
        lr = anneal(detail::extra_number(o, ph.start_lr), detail::extra_number(o, ph.end_lr), pct);
        if (cycle_momentum_)
          momentum = anneal(detail::extra_number(o, ph.start_momentum),
                            detail::extra_number(o, ph.end_momentum), pct);
        break;
      }
      start_step = ph.end_step;
    }
    lrs.push_back(lr);
    if (cycle_momentum_) detail::set_momentum(o, use_beta1_, momentum);
  }
  return lrs;
}

// ---- SequentialLR / ChainedScheduler -----------------------------------------

namespace {
void check_children(const std::string& who, const Optimizer& optimizer,
                    const std::vector<std::shared_ptr<LRScheduler>>& schedulers) {
  for (size_t i = 0; i < schedulers.size(); ++i) {
    WICK_CHECK_T(TypeError, schedulers[i] != nullptr, who, " at index ", i,
                 " should have `optimizer` as its attribute.");
    WICK_CHECK_T(ValueError, &schedulers[i]->optimizer() == &optimizer, who,
                 " expects all schedulers to belong to the same optimizer, but got scheduler ",
                 schedulers[i]->name(), " at index ", i, " has ", schedulers[i]->optimizer().name(),
                 ", which is different from ", optimizer.name(), ".");
  }
}

Optimizer& first_optimizer(const std::vector<std::shared_ptr<LRScheduler>>& schedulers) {
  WICK_CHECK_T(ValueError, !schedulers.empty(),
               "ChainedScheduler expects at least one scheduler to be chained, but got no scheduler.");
  WICK_CHECK_T(TypeError, schedulers[0] != nullptr,
               "ChainedScheduler at index 0 should have `optimizer` as its attribute.");
  return schedulers[0]->optimizer();
}
}  // namespace

SequentialLR::SequentialLR(Optimizer& optimizer, std::vector<std::shared_ptr<LRScheduler>> schedulers,
                           std::vector<int64_t> milestones, int64_t last_epoch)
    : LRScheduler(optimizer, -1), schedulers_(std::move(schedulers)), milestones_(std::move(milestones)) {
  WICK_CHECK_T(ValueError, !schedulers_.empty(),
               "SequentialLR expects at least one scheduler, but got no scheduler.");
  check_children("SequentialLR", optimizer, schedulers_);
  WICK_CHECK_T(ValueError, milestones_.size() == schedulers_.size() - 1,
               "Sequential Schedulers expects number of schedulers provided to be one more than the "
               "number of milestone points, but got number of schedulers ",
               schedulers_.size(), " and the number of milestones to be equal to ", milestones_.size());
  last_epoch_ = last_epoch + 1;
  // Undo the children's construction: back to 'initial_lr', their initial steps taken back.
  auto& groups = optimizer.param_groups();
  for (auto& g : groups) g.options().set_lr(detail::extra_number(g.options(), "initial_lr"));
  for (auto& s : schedulers_) s->last_epoch_ -= 1;
  schedulers_[0]->initial_step();
  last_lr_ = schedulers_[0]->get_last_lr();
}

void SequentialLR::do_step(std::optional<double> epoch) {
  WICK_CHECK_T(TypeError, !epoch, "SequentialLR.step() takes no epoch argument");
  ++last_epoch_;
  const size_t idx = static_cast<size_t>(
      std::upper_bound(milestones_.begin(), milestones_.end(), last_epoch_) - milestones_.begin());
  auto& s = schedulers_[idx];
  if (idx > 0 && milestones_[idx - 1] == last_epoch_) {
    s->step(0.0);
  } else {
    s->step();
  }
  last_lr_ = s->get_last_lr();
}

ChainedScheduler::ChainedScheduler(std::vector<std::shared_ptr<LRScheduler>> schedulers)
    : ChainedScheduler(schedulers, first_optimizer(schedulers)) {}

ChainedScheduler::ChainedScheduler(std::vector<std::shared_ptr<LRScheduler>> schedulers,
                                   Optimizer& optimizer)
    : LRScheduler(optimizer, -1), schedulers_(std::move(schedulers)) {
  WICK_CHECK_T(ValueError, !schedulers_.empty(),
               "ChainedScheduler expects at least one scheduler to be chained, but got no scheduler.");
  check_children("ChainedScheduler", optimizer, schedulers_);
  last_lr_ = get_current_lrs();
}

void ChainedScheduler::do_step(std::optional<double> epoch) {
  WICK_CHECK_T(TypeError, !epoch, "ChainedScheduler.step() takes no epoch argument");
  for (auto& s : schedulers_) s->step();
  last_lr_ = get_current_lrs();
}

}  // namespace wick::optim
