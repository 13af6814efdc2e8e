#include "wick/optim/lbfgs.h"

#include <algorithm>
#include <cmath>

#include "wick/autograd/grad_mode.h"
#include "wick/ops/creation.h"
#include "wick/ops/shape.h"

namespace wick::optim {

LBFGSOptions::LBFGSOptions(double lr) : lr_(lr) {}

OptionDict LBFGSOptions::to_dict() const {
  return {{"lr", lr()},
          {"max_iter", max_iter()},
          {"max_eval", max_eval() ? OptionValue(*max_eval()) : OptionValue(max_iter() * 5 / 4)},
          {"tolerance_grad", tolerance_grad()},
          {"tolerance_change", tolerance_change()},
          {"history_size", history_size()},
          {"line_search_fn", line_search_fn() ? OptionValue(*line_search_fn()) : OptionValue()}};
}

namespace {
int64_t option_to_int(const OptionValue& v, const std::string& key) {
  if (const auto* i = std::get_if<int64_t>(&v)) return *i;
  const double d = option_to_double(v, key);
  WICK_CHECK_T(TypeError, d == std::floor(d), "optimizer option '", key, "' must be an int");
  return static_cast<int64_t>(d);
}
}  // namespace

void LBFGSOptions::from_dict(const OptionDict& d) {
  for (const auto& [k, v] : d) {
    if (k == "lr") {
      lr(option_to_double(v, k));
    } else if (k == "max_iter") {
      max_iter(option_to_int(v, k));
    } else if (k == "max_eval") {
      if (std::holds_alternative<std::monostate>(v)) max_eval(std::nullopt);
      else max_eval(option_to_int(v, k));
    } else if (k == "tolerance_grad") {
      tolerance_grad(option_to_double(v, k));
    } else if (k == "tolerance_change") {
      tolerance_change(option_to_double(v, k));
    } else if (k == "history_size") {
      history_size(option_to_int(v, k));
    } else if (k == "line_search_fn") {
      if (std::holds_alternative<std::monostate>(v)) {
        line_search_fn(std::nullopt);
      } else {
        const auto* s = std::get_if<std::string>(&v);
        WICK_CHECK_T(TypeError, s != nullptr, "optimizer option 'line_search_fn' must be None or a str");
        line_search_fn(*s);
      }
    }
  }
}

// ---- state -------------------------------------------------------------------

std::vector<std::pair<std::string, Tensor>> LBFGSParamState::named_tensors() const {
  std::vector<std::pair<std::string, Tensor>> out;
  if (d().defined()) out.emplace_back("d", d());
  if (H_diag().defined()) out.emplace_back("H_diag", H_diag());
  if (prev_flat_grad().defined()) out.emplace_back("prev_flat_grad", prev_flat_grad());
  return out;
}

bool LBFGSParamState::set_tensor(const std::string& name, const Tensor& value) {
  if (name == "d") d(value);
  else if (name == "H_diag") H_diag(value);
  else if (name == "prev_flat_grad") prev_flat_grad(value);
  // PyTorch may hold t (and, in odd cases, the others) as 0-dim tensors.
  else if (name == "t" || name == "prev_loss" || name == "func_evals" || name == "n_iter")
    return set_value(name, StateValue(value));
  else return false;
  return true;
}

StateEntries LBFGSParamState::named_values() const {
  StateEntries out;  // PyTorch's insertion order
  out.emplace_back("func_evals", func_evals());
  out.emplace_back("n_iter", n_iter());
  if (al()) out.emplace_back("al", *al());
  if (d().defined()) out.emplace_back("d", d());
  if (t()) out.emplace_back("t", *t());
  if (d().defined()) {
    out.emplace_back("old_dirs", old_dirs());
    out.emplace_back("old_stps", old_stps());
    out.emplace_back("ro", ro());
  }
  if (H_diag().defined()) out.emplace_back("H_diag", H_diag());
  if (prev_flat_grad().defined()) out.emplace_back("prev_flat_grad", prev_flat_grad());
  if (prev_loss()) out.emplace_back("prev_loss", *prev_loss());
  return out;
}

bool LBFGSParamState::set_value(const std::string& name, const StateValue& value) {
  auto number = [&](const char* what) -> double {
    if (const auto* i = std::get_if<int64_t>(&value)) return static_cast<double>(*i);
    if (const auto* f = std::get_if<double>(&value)) return *f;
    if (const auto* t = std::get_if<Tensor>(&value)) {
      WICK_CHECK_T(TypeError, t->defined() && t->numel() == 1, "LBFGS state '", what,
                   "' must be a number");
      return t->item<double>();
    }
    WICK_CHECK_T(TypeError, false, "LBFGS state '", what, "' must be a number");
    return 0;
  };
  auto list = [&](const char* what) -> const std::vector<Tensor>& {
    const auto* l = std::get_if<std::vector<Tensor>>(&value);
    WICK_CHECK_T(TypeError, l != nullptr, "LBFGS state '", what, "' must be a list of tensors");
    return *l;
  };
  if (name == "func_evals") {
    func_evals(static_cast<int64_t>(number("func_evals")));
  } else if (name == "n_iter") {
    n_iter(static_cast<int64_t>(number("n_iter")));
  } else if (name == "t") {
    t(number("t"));
  } else if (name == "prev_loss") {
    prev_loss(number("prev_loss"));
  } else if (name == "old_dirs") {
    old_dirs(list("old_dirs"));
  } else if (name == "old_stps") {
    old_stps(list("old_stps"));
  } else if (name == "ro") {
    ro(list("ro"));
  } else if (name == "al") {
    al(list("al"));
  } else if (name == "H_diag" && !std::holds_alternative<Tensor>(value)) {
    // PyTorch holds the int 1 before the first curvature pair.
    H_diag(scalar_tensor(number("H_diag"), TensorOptions(kDouble)));
  } else if (const auto* t = std::get_if<Tensor>(&value)) {
    return set_tensor(name, *t);
  } else {
    return false;
  }
  return true;
}

// ---- optimizer ---------------------------------------------------------------

namespace {
std::unique_ptr<OptimizerOptions> checked(LBFGSOptions o) {
  WICK_CHECK_T(ValueError, o.lr() >= 0, "Invalid learning rate: ", o.lr());
  if (!o.max_eval()) o.max_eval(o.max_iter() * 5 / 4);
  return std::make_unique<LBFGSOptions>(o);
}

double dot(const Tensor& a, const Tensor& b) { return a.dot(b).item<double>(); }
double abs_max(const Tensor& a) { return a.abs().max().item<double>(); }

// Minimiser of the cubic through (x1, f1, g1) and (x2, f2, g2) within bounds
// (default: between x1 and x2); the middle of the bounds when it has none.
double cubic_interpolate(double x1, double f1, double g1, double x2, double f2, double g2,
                         std::optional<std::pair<double, double>> bounds = std::nullopt) {
  double lo, hi;
  if (bounds) {
    std::tie(lo, hi) = *bounds;
  } else {
    lo = std::min(x1, x2);
    hi = std::max(x1, x2);
  }
  const double d1 = g1 + g2 - 3 * (f1 - f2) / (x1 - x2);
  const double disc = d1 * d1 - g1 * g2;
  if (disc >= 0) {
    const double d2 = std::sqrt(disc);
    const double x = x1 <= x2 ? x2 - (x2 - x1) * ((g2 + d2 - d1) / (g2 - g1 + 2 * d2))
                              : x1 - (x1 - x2) * ((g1 + d2 - d1) / (g1 - g2 + 2 * d2));
    return std::min(std::max(x, lo), hi);
  }
  return (lo + hi) / 2.;
}

struct LineSearchResult {
  double f;
  Tensor g;
  double t;
  int64_t evals;
};

// A step t along d meeting the strong Wolfe conditions: bracketing, then zoom
// with cubic interpolation (Nocedal & Wright, Alg. 3.5 and 3.6), as torch's
// _strong_wolfe.
template <typename Obj>
LineSearchResult strong_wolfe(Obj obj_func, double t, const Tensor& d, double f, Tensor g,
                              double gtd, double c1 = 1e-4, double c2 = 0.9,
                              double tolerance_change = 1e-9, int64_t max_ls = 25) {
  const double d_norm = abs_max(d);
  g = g.clone();
  auto [f_new, g_new] = obj_func(t);
  int64_t evals = 1;
  double gtd_new = dot(g_new, d);

  double t_prev = 0, f_prev = f, gtd_prev = gtd;
  Tensor g_prev = g;
  bool done = false;
  int64_t ls_iter = 0;
  std::vector<double> brk, brk_f, brk_gtd;
  std::vector<Tensor> brk_g;
  while (ls_iter < max_ls) {
    if (f_new > (f + c1 * t * gtd) || (ls_iter > 1 && f_new >= f_prev)) {
      brk = {t_prev, t};
      brk_f = {f_prev, f_new};
      brk_g = {g_prev, g_new.clone()};
      brk_gtd = {gtd_prev, gtd_new};
      break;
    }
    if (std::fabs(gtd_new) <= -c2 * gtd) {
      brk = {t};
      brk_f = {f_new};
      brk_g = {g_new};
      done = true;
      break;
    }
    if (gtd_new >= 0) {
      brk = {t_prev, t};
      brk_f = {f_prev, f_new};
      brk_g = {g_prev, g_new.clone()};
      brk_gtd = {gtd_prev, gtd_new};
      break;
    }
    const double min_step = t + 0.01 * (t - t_prev);
    const double max_step = t * 10;
    const double t_old = t;
    t = cubic_interpolate(t_prev, f_prev, gtd_prev, t, f_new, gtd_new, std::make_pair(min_step, max_step));
    t_prev = t_old;
    f_prev = f_new;
    g_prev = g_new.clone();
    gtd_prev = gtd_new;
    std::tie(f_new, g_new) = obj_func(t);
    ++evals;
    gtd_new = dot(g_new, d);
    ++ls_iter;
  }
  if (ls_iter == max_ls) {
    brk = {0, t};
    brk_f = {f, f_new};
    brk_g = {g, g_new};
  }

  bool insuf_progress = false;
  size_t low = 0, high = 1;
  if (!(brk_f.front() <= brk_f.back())) std::swap(low, high);
  while (!done && ls_iter < max_ls) {
    if (std::fabs(brk[1] - brk[0]) * d_norm < tolerance_change) break;
    t = cubic_interpolate(brk[0], brk_f[0], brk_gtd[0], brk[1], brk_f[1], brk_gtd[1]);
    const double b_max = std::max(brk[0], brk[1]), b_min = std::min(brk[0], brk[1]);
    const double eps = 0.1 * (b_max - b_min);
    if (std::min(b_max - t, t - b_min) < eps) {
      if (insuf_progress || t >= b_max || t <= b_min) {
        t = std::fabs(t - b_max) < std::fabs(t - b_min) ? b_max - eps : b_min + eps;
        insuf_progress = false;
      } else {
        insuf_progress = true;
      }
    } else {
      insuf_progress = false;
    }
    std::tie(f_new, g_new) = obj_func(t);
    ++evals;
    gtd_new = dot(g_new, d);
    ++ls_iter;
    if (f_new > (f + c1 * t * gtd) || f_new >= brk_f[low]) {
      brk[high] = t;
      brk_f[high] = f_new;
      brk_g[high] = g_new.clone();
      brk_gtd[high] = gtd_new;
      if (brk_f[0] <= brk_f[1]) {
        low = 0;
        high = 1;
      } else {
        low = 1;
        high = 0;
      }
    } else {
      if (std::fabs(gtd_new) <= -c2 * gtd) {
        done = true;
      } else if (gtd_new * (brk[high] - brk[low]) >= 0) {
        brk[high] = brk[low];
        brk_f[high] = brk_f[low];
        brk_g[high] = brk_g[low];
        brk_gtd[high] = brk_gtd[low];
      }
      brk[low] = t;
      brk_f[low] = f_new;
      brk_g[low] = g_new.clone();
      brk_gtd[low] = gtd_new;
    }
  }
  if (brk.size() == 1) low = 0;
  return {brk_f[low], brk_g[low], brk[low], evals};
}
}  // namespace

LBFGS::LBFGS(std::vector<OptimizerParamGroup> param_groups, LBFGSOptions defaults)
    : Optimizer(std::move(param_groups), checked(std::move(defaults))) {
  WICK_CHECK_T(ValueError, param_groups_.size() == 1,
               "LBFGS doesn't support per-parameter options (parameter groups)");
  auto& o = static_cast<LBFGSOptions&>(param_groups_[0].options());
  if (!o.max_eval()) o.max_eval(o.max_iter() * 5 / 4);
}

int64_t LBFGS::numel() const {
  int64_t n = 0;
  for (const auto& p : param_groups_[0].params()) n += p.numel();
  return n;
}

Tensor LBFGS::gather_flat_grad() const {
  std::vector<Tensor> views;
  for (const auto& p : param_groups_[0].params()) {
    if (!p.grad().defined()) {
      views.push_back(zeros({p.numel()}, TensorOptions(p.dtype()).device(p.device())));
    } else {
      views.push_back(p.grad().reshape({-1}));
    }
  }
  return cat(views, 0);
}

void LBFGS::add_grad(double step_size, const Tensor& update) {
  int64_t offset = 0;
  for (auto& p : param_groups_[0].params()) {
    const int64_t n = p.numel();
    p.add_(update.slice(0, offset, offset + n).view_as(p), step_size);
    offset += n;
  }
}

std::vector<Tensor> LBFGS::clone_params() const {
  std::vector<Tensor> out;
  for (const auto& p : param_groups_[0].params()) out.push_back(p.clone());
  return out;
}

void LBFGS::set_params(const std::vector<Tensor>& values) {
  auto& ps = param_groups_[0].params();
  for (size_t i = 0; i < ps.size(); ++i) ps[i].copy_(values[i]);
}

std::pair<double, Tensor> LBFGS::directional_evaluate(const LossClosure& closure,
                                                      const std::vector<Tensor>& x, double t,
                                                      const Tensor& d) {
  add_grad(t, d);
  const double loss = closure().item<double>();
  Tensor flat_grad = gather_flat_grad();
  set_params(x);
  return {loss, flat_grad};
}

Tensor LBFGS::step(LossClosure closure) {
  WICK_CHECK_T(TypeError, static_cast<bool>(closure),
               "LBFGS.step() missing 1 required positional argument: 'closure'");
  WICK_CHECK_T(ValueError, param_groups_.size() == 1,
               "LBFGS doesn't support per-parameter options (parameter groups)");
  autograd::NoGradGuard no_grad;
  auto eval = [&closure]() {
    autograd::AutoGradMode enable(true);
    return closure();
  };
  const auto& o = static_cast<const LBFGSOptions&>(param_groups_[0].options());
  const double lr = o.lr();
  const int64_t max_iter = o.max_iter();
  const int64_t max_eval = o.max_eval() ? *o.max_eval() : max_iter * 5 / 4;
  const double tolerance_grad = o.tolerance_grad(), tolerance_change = o.tolerance_change();
  const std::optional<std::string> line_search_fn = o.line_search_fn();
  const auto history_size = static_cast<size_t>(o.history_size());

  const Tensor& p0 = param_groups_[0].params().at(0);
  auto& slot = state_[p0.unsafeGetTensorImpl()];
  if (!slot) slot = std::make_unique<LBFGSParamState>();
  auto& state = static_cast<LBFGSParamState&>(*slot);

  Tensor orig_loss = eval();
  WICK_CHECK(orig_loss.defined() && orig_loss.numel() == 1,
             "LBFGS: the closure must return the loss as a one-element tensor");
  double loss = orig_loss.item<double>();
  int64_t current_evals = 1;
  state.func_evals(state.func_evals() + 1);

  Tensor flat_grad = gather_flat_grad();
  if (abs_max(flat_grad) <= tolerance_grad) return orig_loss;

  Tensor d = state.d();
  double t = state.t().value_or(0.0);
  std::vector<Tensor> old_dirs = state.old_dirs(), old_stps = state.old_stps(), ro = state.ro();
  Tensor H_diag = state.H_diag();
  Tensor prev_flat_grad = state.prev_flat_grad();
  std::optional<double> prev_loss = state.prev_loss();
  const ScalarType dt = flat_grad.scalar_type();
  auto scalar = [&](double v) { return scalar_tensor(v, TensorOptions(dt).device(flat_grad.device())); };

  int64_t n_iter = 0;
  bool opt_cond = false;
  while (n_iter < max_iter) {
    ++n_iter;
    state.n_iter(state.n_iter() + 1);

    // ---- search direction ----
    if (state.n_iter() == 1) {
      d = flat_grad.neg();
      old_dirs.clear();
      old_stps.clear();
      ro.clear();
      H_diag = scalar(1.0);
    } else {
      Tensor y = flat_grad.sub(prev_flat_grad);
      Tensor s = d.mul(t);
      const Tensor ys_t = y.dot(s);
      const double ys = ys_t.item<double>();
      if (ys > 1e-10) {
        if (old_dirs.size() == history_size && !old_dirs.empty()) {
          old_dirs.erase(old_dirs.begin());
          old_stps.erase(old_stps.begin());
          ro.erase(ro.begin());
        }
        old_dirs.push_back(y);
        old_stps.push_back(s);
        ro.push_back(scalar(1. / ys));
        H_diag = scalar(ys / dot(y, y));
      }
      const size_t num_old = old_dirs.size();
      if (!state.al()) state.al(std::vector<Tensor>(history_size));
      std::vector<Tensor>& al = *state.al();
      if (al.size() < num_old) al.resize(num_old);

      // two-loop recursion: d = -H g
      Tensor q = flat_grad.neg();
      std::vector<double> al_v(num_old);
      for (size_t k = num_old; k-- > 0;) {
        al_v[k] = dot(old_stps[k], q) * ro[k].item<double>();
        al[k] = scalar(al_v[k]);
        q.add_(old_dirs[k], -al_v[k]);
      }
      Tensor r = q.mul(H_diag);
      for (size_t k = 0; k < num_old; ++k) {
        const double be_i = dot(old_dirs[k], r) * ro[k].item<double>();
        r.add_(old_stps[k], al_v[k] - be_i);
      }
      d = r;
    }

    if (!prev_flat_grad.defined()) {
      prev_flat_grad = flat_grad.clone();
    } else {
      prev_flat_grad.copy_(flat_grad);
    }
    prev_loss = loss;

    // ---- step length ----
    if (state.n_iter() == 1) {
      t = std::min(1., 1. / flat_grad.abs().sum().item<double>()) * lr;
    } else {
      t = lr;
    }

    const double gtd = dot(flat_grad, d);
    if (gtd > -tolerance_change) break;

    int64_t ls_func_evals = 0;
    if (line_search_fn) {
      WICK_CHECK(*line_search_fn == "strong_wolfe", "only 'strong_wolfe' is supported");
      const std::vector<Tensor> x_init = clone_params();
      auto obj = [&](double step) { return directional_evaluate(eval, x_init, step, d); };
      LineSearchResult ls = strong_wolfe(obj, t, d, loss, flat_grad, gtd);
      loss = ls.f;
      flat_grad = ls.g;
      t = ls.t;
      ls_func_evals = ls.evals;
      add_grad(t, d);
      opt_cond = abs_max(flat_grad) <= tolerance_grad;
    } else {
      add_grad(t, d);
      if (n_iter != max_iter) {
        // The last iteration skips the re-evaluation, as PyTorch.
        loss = eval().item<double>();
        flat_grad = gather_flat_grad();
        opt_cond = abs_max(flat_grad) <= tolerance_grad;
        ls_func_evals = 1;
      }
    }
    current_evals += ls_func_evals;
    state.func_evals(state.func_evals() + ls_func_evals);

    // ---- stopping tests ----
    if (n_iter == max_iter) break;
    if (current_evals >= max_eval) break;
    if (opt_cond) break;
    if (abs_max(d.mul(t)) <= tolerance_change) break;
    if (std::fabs(loss - *prev_loss) < tolerance_change) break;
  }

  state.d(d);
  state.t(t);
  state.old_dirs(std::move(old_dirs));
  state.old_stps(std::move(old_stps));
  state.ro(std::move(ro));
  state.H_diag(H_diag);
  state.prev_flat_grad(prev_flat_grad);
  state.prev_loss(prev_loss);
  return orig_loss;
}

}  // namespace wick::optim
