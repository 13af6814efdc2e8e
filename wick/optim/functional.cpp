// The optimizers' update math (see functional.h). Each kernel is one pass over
// contiguous data; half and bfloat16 compute in float and round wherever
// PyTorch's single-tensor path stores an intermediate tensor, so the result is
// the same op-for-op sequence PyTorch runs.
// CMakeLists.txt compiles this file with -fno-math-errno: sqrt of the
// (non-negative) second moments never sets errno, and without errno handling
// the compiler vectorises the update loops.
#include "wick/optim/functional.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <type_traits>

#include "wick/autograd/grad_mode.h"
#include "wick/core/dispatch.h"
#include "wick/core/parallel.h"
#include "wick/ops/creation.h"

namespace wick::optim::functional {

namespace {

// A contiguous tensor to update in place; a non-contiguous one is updated
// through a contiguous copy written back at finish().
struct Slot {
  Tensor orig, work;
  explicit Slot(const Tensor& t) : orig(t), work(t.is_contiguous() ? t : t.contiguous()) {}
  void finish() {
    if (work.is_same(orig)) {
      orig.bump_version();
    } else {
      orig.copy_(work);
    }
  }
};

Tensor contiguous_input(const Tensor& t) { return t.is_contiguous() ? t : t.contiguous(); }

void check_list(const char* fn, const char* what, TensorList params, TensorList list) {
  WICK_CHECK(list.size() == params.size(), fn, ": expected ", params.size(), " ", what,
             " (one per parameter), got ", list.size());
  for (size_t i = 0; i < params.size(); ++i) {
    const Tensor& p = params[i];
    const Tensor& t = list[i];
    WICK_CHECK(p.defined(), fn, ": parameter ", i, " is undefined");
    WICK_CHECK(t.defined(), fn, ": ", what, " ", i, " is undefined");
    WICK_CHECK(t.dtype() == p.dtype(), fn, ": ", what, " ", i, " has dtype ", to_string(t.dtype()),
               " but its parameter has dtype ", to_string(p.dtype()));
    WICK_CHECK(t.sizes() == p.sizes(), fn, ": ", what, " ", i, " has size ", t.sizes(),
               " but its parameter has size ", p.sizes());
  }
}

void check_params(const char* fn, TensorList params) {
  for (size_t i = 0; i < params.size(); ++i) {
    WICK_CHECK(params[i].defined(), fn, ": parameter ", i, " is undefined");
    WICK_CHECK(params[i].is_floating_point(), fn, ": parameter ", i,
               " must be a floating point tensor, got ", to_string(params[i].dtype()));
  }
}

void check_steps(const char* fn, TensorList params, TensorList state_steps) {
  WICK_CHECK(state_steps.size() == params.size(), fn, ": expected ", params.size(),
             " state_steps (one per parameter), got ", state_steps.size());
  for (size_t i = 0; i < state_steps.size(); ++i) {
    WICK_CHECK(state_steps[i].defined() && state_steps[i].is_floating_point() &&
                   state_steps[i].numel() == 1,
               fn, ": state_steps[", i, "] must be a one-element floating point tensor");
  }
}

// step_t += 1; returns the new value (as PyTorch's _get_value(step_t)).
double increment_step(const Tensor& s) {
  WICK_CHECK(s.numel() == 1, "state_steps must hold one-element tensors, got one with ", s.numel(),
             " elements");
  if (s.dtype() == kFloat) {
    float* d = s.data_ptr<float>();
    *d += 1.0f;
    s.bump_version();
    return *d;
  }
  double v = s.item<double>() + 1.0;
  Tensor(s).fill_(v);
  return s.item<double>();
}

// Weight decay, the momentum mode (0: none, 1: the first step, which starts the
// buffer at d, 2: the running buffer) and nesterov are template flags so the loop
// has no branches and vectorises; maximize is an exact multiplication by -1 or 1.
template <typename T, bool kWd, int kMom, bool kNesterov>
void sgd_loop(T* p, const T* g, T* b, int64_t n, double lr, double momentum, double dampening,
              double weight_decay, bool maximize) {
  using opm = opmath_t<T>;
  auto r = [](opm x) { return static_cast<opm>(static_cast<T>(x)); };
  const opm neg_lr = static_cast<opm>(-lr);
  const opm wd = static_cast<opm>(weight_decay);
  const opm mom = static_cast<opm>(momentum);
  const opm damp1 = static_cast<opm>(1.0 - dampening);
  const opm sign = maximize ? opm(-1) : opm(1);
  parallel_for(0, n, kGrainSize, [=](int64_t s, int64_t e) {
    for (int64_t i = s; i < e; ++i) {
      opm d = static_cast<opm>(g[i]) * sign;
      if constexpr (kWd) d = r(d + wd * static_cast<opm>(p[i]));
      if constexpr (kMom != 0) {
        opm bv = d;
        if constexpr (kMom == 2) bv = r(r(static_cast<opm>(b[i]) * mom) + damp1 * d);
        b[i] = static_cast<T>(bv);
        if constexpr (kNesterov) {
          d = r(d + mom * bv);
        } else {
          d = bv;
        }
      }
      p[i] = static_cast<T>(static_cast<opm>(p[i]) + neg_lr * d);
    }
  });
}

template <typename T, bool kWd>
void sgd_kernel_wd(T* p, const T* g, T* b, int64_t n, bool first, double lr, double momentum,
                   double dampening, double weight_decay, bool nesterov, bool maximize) {
  if (momentum == 0) {
    sgd_loop<T, kWd, 0, false>(p, g, b, n, lr, momentum, dampening, weight_decay, maximize);
  } else if (first) {
    (nesterov ? sgd_loop<T, kWd, 1, true> : sgd_loop<T, kWd, 1, false>)(
        p, g, b, n, lr, momentum, dampening, weight_decay, maximize);
  } else {
    (nesterov ? sgd_loop<T, kWd, 2, true> : sgd_loop<T, kWd, 2, false>)(
        p, g, b, n, lr, momentum, dampening, weight_decay, maximize);
  }
}

template <typename T>
void sgd_kernel(T* p, const T* g, T* b, int64_t n, bool first, double lr, double momentum,
                double dampening, double weight_decay, bool nesterov, bool maximize) {
  (weight_decay != 0 ? sgd_kernel_wd<T, true> : sgd_kernel_wd<T, false>)(
      p, g, b, n, first, lr, momentum, dampening, weight_decay, nesterov, maximize);
}

struct AdamScalars {
  double beta1, beta2, lr, weight_decay, eps;
  double step_size, bias_correction2_sqrt;
  bool amsgrad, maximize, decoupled;
};

// amsgrad and coupled weight decay are template flags so the loop has no
// branches and vectorises; maximize and AdamW's decay are exact multiplications
// (by -1 or 1 when off).
template <typename T, bool amsgrad, bool coupled_wd>
void adam_kernel(T* p, const T* g, T* m, T* v, T* vmax, int64_t n, const AdamScalars& a) {
  using opm = opmath_t<T>;
  const opm w = static_cast<opm>(1.0 - a.beta1);  // lerp weight
  const opm one_minus_w = static_cast<opm>(1) - w;
  const bool small_w = std::abs(w) < static_cast<opm>(0.5);
  const opm b2 = static_cast<opm>(a.beta2);
  const opm omb2 = static_cast<opm>(1.0 - a.beta2);
  const opm wd = static_cast<opm>(a.weight_decay);
  const opm decay = a.decoupled ? static_cast<opm>(1.0 - a.lr * a.weight_decay) : opm(1);
  const opm sign = a.maximize ? opm(-1) : opm(1);
  const opm bc2s = static_cast<opm>(a.bias_correction2_sqrt);
  const opm eps = static_cast<opm>(a.eps);
  const opm neg_step = static_cast<opm>(-a.step_size);
  parallel_for(0, n, kGrainSize, [=](int64_t s, int64_t e) {
    auto r = [](opm x) { return static_cast<opm>(static_cast<T>(x)); };
    for (int64_t i = s; i < e; ++i) {
      opm gv = static_cast<opm>(g[i]) * sign;
      const opm pv = r(static_cast<opm>(p[i]) * decay);
      if constexpr (coupled_wd) gv = r(gv + wd * pv);
      opm mv = static_cast<opm>(m[i]);
      const opm diff = gv - mv;
      // both lerp forms, then a select (no speculated float ops: the loop vectorises)
      const opm lo = mv + w * diff;
      const opm hi = gv - diff * one_minus_w;
      mv = r(small_w ? lo : hi);
      opm vv = r(static_cast<opm>(v[i]) * b2);
      vv = r(vv + omb2 * gv * gv);
      m[i] = static_cast<T>(mv);
      v[i] = static_cast<T>(vv);
      opm src = vv;
      if constexpr (amsgrad) {
        opm mx = static_cast<opm>(vmax[i]);
        mx = ((mx > vv) | (mx != mx)) ? mx : vv;  // torch.maximum propagates NaN
        vmax[i] = static_cast<T>(mx);
        src = mx;
      }
      opm denom = r(r(std::sqrt(src)) / bc2s);
      denom = r(denom + eps);
      p[i] = static_cast<T>(pv + neg_step * mv / denom);
    }
  });
}

// Runs f(std::bool_constant<a>{}, std::bool_constant<b>{}).
template <typename F>
void with_flags(bool a, bool b, F&& f) {
  if (a) {
    if (b) f(std::true_type{}, std::true_type{});
    else f(std::true_type{}, std::false_type{});
  } else {
    if (b) f(std::false_type{}, std::true_type{});
    else f(std::false_type{}, std::false_type{});
  }
}

struct RmspropScalars {
  double lr, alpha, eps, weight_decay, momentum;
  bool maximize;
};

template <typename T, bool centered, bool use_momentum>
void rmsprop_kernel(T* p, const T* g, T* sq, T* ga, T* buf, int64_t n, const RmspropScalars& a) {
  using opm = opmath_t<T>;
  const opm sign = a.maximize ? opm(-1) : opm(1);
  const bool use_wd = a.weight_decay != 0;
  const opm wd = static_cast<opm>(a.weight_decay);
  const opm alpha = static_cast<opm>(a.alpha);
  const opm one_minus_alpha = static_cast<opm>(1.0 - a.alpha);
  const opm w = one_minus_alpha;  // grad_avg.lerp_(grad, 1 - alpha)
  const opm one_minus_w = opm(1) - w;
  const bool small_w = std::abs(w) < opm(0.5);
  const opm eps = static_cast<opm>(a.eps);
  const opm mom = static_cast<opm>(a.momentum);
  const opm neg_lr = static_cast<opm>(-a.lr);
  parallel_for(0, n, kGrainSize, [=](int64_t s, int64_t e) {
    auto r = [](opm x) { return static_cast<opm>(static_cast<T>(x)); };
    for (int64_t i = s; i < e; ++i) {
      opm gv = static_cast<opm>(g[i]) * sign;
      const opm pv = static_cast<opm>(p[i]);
      const opm gw = r(gv + wd * pv);
      gv = use_wd ? gw : gv;
      opm sv = r(static_cast<opm>(sq[i]) * alpha);
      sv = r(sv + one_minus_alpha * gv * gv);
      sq[i] = static_cast<T>(sv);
      opm avg;
      if constexpr (centered) {
        opm gav = static_cast<opm>(ga[i]);
        const opm diff = gv - gav;
        const opm lo = gav + w * diff;
        const opm hi = gv - diff * one_minus_w;
        gav = r(small_w ? lo : hi);
        ga[i] = static_cast<T>(gav);
        avg = r(std::sqrt(r(sv + opm(-1) * gav * gav)));
      } else {
        avg = r(std::sqrt(sv));
      }
      avg = r(avg + eps);
      if constexpr (use_momentum) {
        opm bv = r(static_cast<opm>(buf[i]) * mom);
        bv = r(bv + opm(1) * gv / avg);
        buf[i] = static_cast<T>(bv);
        p[i] = static_cast<T>(pv + neg_lr * bv);
      } else {
        p[i] = static_cast<T>(pv + neg_lr * gv / avg);
      }
    }
  });
}

template <typename T, bool use_wd>
void adagrad_kernel(T* p, const T* g, T* sum, int64_t n, double clr, double weight_decay,
                    double eps_d, bool maximize) {
  using opm = opmath_t<T>;
  const opm sign = maximize ? opm(-1) : opm(1);
  const opm wd = static_cast<opm>(weight_decay);
  const opm eps = static_cast<opm>(eps_d);
  const opm neg_clr = static_cast<opm>(-clr);
  parallel_for(0, n, kGrainSize, [=](int64_t s, int64_t e) {
    auto r = [](opm x) { return static_cast<opm>(static_cast<T>(x)); };
    for (int64_t i = s; i < e; ++i) {
      opm gv = static_cast<opm>(g[i]) * sign;
      const opm pv = static_cast<opm>(p[i]);
      if constexpr (use_wd) gv = r(gv + wd * pv);
      const opm sv = r(static_cast<opm>(sum[i]) + opm(1) * gv * gv);
      sum[i] = static_cast<T>(sv);
      const opm std_ = r(r(std::sqrt(sv)) + eps);
      p[i] = static_cast<T>(pv + neg_clr * gv / std_);
    }
  });
}

template <typename T, bool use_wd>
void adamax_kernel(T* p, const T* g, T* m, T* u, int64_t n, double beta1, double beta2,
                   double eps_d, double clr, double weight_decay, bool maximize) {
  using opm = opmath_t<T>;
  const opm sign = maximize ? opm(-1) : opm(1);
  const opm wd = static_cast<opm>(weight_decay);
  const opm w = static_cast<opm>(1.0 - beta1);
  const opm one_minus_w = opm(1) - w;
  const bool small_w = std::abs(w) < opm(0.5);
  const opm b2 = static_cast<opm>(beta2);
  const opm eps = static_cast<opm>(eps_d);
  const opm neg_clr = static_cast<opm>(-clr);
  parallel_for(0, n, kGrainSize, [=](int64_t s, int64_t e) {
    auto r = [](opm x) { return static_cast<opm>(static_cast<T>(x)); };
    for (int64_t i = s; i < e; ++i) {
      opm gv = static_cast<opm>(g[i]) * sign;
      const opm pv = static_cast<opm>(p[i]);
      if constexpr (use_wd) gv = r(gv + wd * pv);
      opm mv = static_cast<opm>(m[i]);
      const opm diff = gv - mv;
      const opm lo = mv + w * diff;
      const opm hi = gv - diff * one_minus_w;
      mv = r(small_w ? lo : hi);
      m[i] = static_cast<T>(mv);
      const opm decayed = r(static_cast<opm>(u[i]) * b2);
      const opm ag = r(std::abs(gv) + eps);
      // torch.maximum(exp_inf * beta2, |grad| + eps), NaN propagating
      const opm uv = ((decayed > ag) | (decayed != decayed)) ? decayed : ag;
      u[i] = static_cast<T>(uv);
      p[i] = static_cast<T>(pv + neg_clr * mv / uv);
    }
  });
}

template <typename T, bool use_wd>
void adadelta_kernel(T* p, const T* g, T* sq, T* acc, int64_t n, double lr_d, double rho_d,
                     double eps_d, double weight_decay, bool maximize) {
  using opm = opmath_t<T>;
  const opm sign = maximize ? opm(-1) : opm(1);
  const opm wd = static_cast<opm>(weight_decay);
  const opm rho = static_cast<opm>(rho_d);
  const opm omr = static_cast<opm>(1.0 - rho_d);
  const opm eps = static_cast<opm>(eps_d);
  const opm neg_lr = static_cast<opm>(-lr_d);
  parallel_for(0, n, kGrainSize, [=](int64_t s, int64_t e) {
    auto r = [](opm x) { return static_cast<opm>(static_cast<T>(x)); };
    for (int64_t i = s; i < e; ++i) {
      opm gv = static_cast<opm>(g[i]) * sign;
      const opm pv = static_cast<opm>(p[i]);
      if constexpr (use_wd) gv = r(gv + wd * pv);
      const opm sv = r(r(static_cast<opm>(sq[i]) * rho) + omr * gv * gv);
      sq[i] = static_cast<T>(sv);
      const opm std_ = r(std::sqrt(r(sv + eps)));
      opm delta = r(std::sqrt(r(static_cast<opm>(acc[i]) + eps)));
      delta = r(r(delta / std_) * gv);
      acc[i] = static_cast<T>(r(static_cast<opm>(acc[i]) * rho) + omr * delta * delta);
      p[i] = static_cast<T>(pv + neg_lr * delta);
    }
  });
}

struct AdamLikeScalars {
  double beta1, beta2, eps, weight_decay, decay;  // decay: AdamW-style 1 - lr * wd, or 1
  bool maximize;
};

template <typename T, bool coupled_wd>
void nadam_kernel(T* p, const T* g, T* m, T* v, int64_t n, const AdamLikeScalars& a, double bc2_d,
                  double c1_d, double c2_d) {
  using opm = opmath_t<T>;
  const opm sign = a.maximize ? opm(-1) : opm(1);
  const opm wd = static_cast<opm>(a.weight_decay);
  const opm decay = static_cast<opm>(a.decay);
  const opm w = static_cast<opm>(1.0 - a.beta1);
  const opm one_minus_w = opm(1) - w;
  const bool small_w = std::abs(w) < opm(0.5);
  const opm b2 = static_cast<opm>(a.beta2);
  const opm omb2 = static_cast<opm>(1.0 - a.beta2);
  const opm eps = static_cast<opm>(a.eps);
  const opm bc2 = static_cast<opm>(bc2_d);
  const opm c1 = static_cast<opm>(c1_d);
  const opm c2 = static_cast<opm>(c2_d);
  parallel_for(0, n, kGrainSize, [=](int64_t s, int64_t e) {
    auto r = [](opm x) { return static_cast<opm>(static_cast<T>(x)); };
    for (int64_t i = s; i < e; ++i) {
      opm gv = static_cast<opm>(g[i]) * sign;
      const opm pv = r(static_cast<opm>(p[i]) * decay);
      if constexpr (coupled_wd) gv = r(gv + wd * pv);
      opm mv = static_cast<opm>(m[i]);
      const opm diff = gv - mv;
      const opm lo = mv + w * diff;
      const opm hi = gv - diff * one_minus_w;
      mv = r(small_w ? lo : hi);
      m[i] = static_cast<T>(mv);
      const opm vv = r(r(static_cast<opm>(v[i]) * b2) + omb2 * gv * gv);
      v[i] = static_cast<T>(vv);
      const opm denom = r(r(std::sqrt(r(vv / bc2))) + eps);
      const opm p1 = r(pv + c1 * gv / denom);
      p[i] = static_cast<T>(p1 + c2 * mv / denom);
    }
  });
}

template <typename T, bool coupled_wd, bool rectify>
void radam_kernel(T* p, const T* g, T* m, T* v, int64_t n, const AdamLikeScalars& a, double lr_d,
                  double bc1_d, double sqrt_bc2_d, double rect_d) {
  using opm = opmath_t<T>;
  const opm sign = a.maximize ? opm(-1) : opm(1);
  const opm wd = static_cast<opm>(a.weight_decay);
  const opm decay = static_cast<opm>(a.decay);
  const opm w = static_cast<opm>(1.0 - a.beta1);
  const opm one_minus_w = opm(1) - w;
  const bool small_w = std::abs(w) < opm(0.5);
  const opm b2 = static_cast<opm>(a.beta2);
  const opm omb2 = static_cast<opm>(1.0 - a.beta2);
  const opm eps = static_cast<opm>(a.eps);
  const opm lr = static_cast<opm>(lr_d);
  const opm bc1 = static_cast<opm>(bc1_d);
  const opm sqrt_bc2 = static_cast<opm>(sqrt_bc2_d);
  const opm rect = static_cast<opm>(rect_d);
  parallel_for(0, n, kGrainSize, [=](int64_t s, int64_t e) {
    auto r = [](opm x) { return static_cast<opm>(static_cast<T>(x)); };
    for (int64_t i = s; i < e; ++i) {
      opm gv = static_cast<opm>(g[i]) * sign;
      const opm pv = r(static_cast<opm>(p[i]) * decay);
      if constexpr (coupled_wd) gv = r(gv + wd * pv);
      opm mv = static_cast<opm>(m[i]);
      const opm diff = gv - mv;
      const opm lo = mv + w * diff;
      const opm hi = gv - diff * one_minus_w;
      mv = r(small_w ? lo : hi);
      m[i] = static_cast<T>(mv);
      const opm vv = r(r(static_cast<opm>(v[i]) * b2) + omb2 * gv * gv);
      v[i] = static_cast<T>(vv);
      const opm bcm = r(mv / bc1);
      opm upd;
      if constexpr (rectify) {
        const opm sq = r(r(std::sqrt(vv)) + eps);
        const opm alr = r(r(opm(1) / sq) * sqrt_bc2);  // float / tensor is reciprocal * float
        upd = r(r(r(bcm * lr) * alr) * rect);
      } else {
        upd = r(bcm * lr);
      }
      p[i] = static_cast<T>(pv + opm(-1) * upd);
    }
  });
}

template <typename T>
void rprop_kernel(T* p, const T* g, T* prev, T* ss, int64_t n, double min_d, double max_d,
                  double etaminus_d, double etaplus_d, bool maximize) {
  using opm = opmath_t<T>;
  const opm sign = maximize ? opm(-1) : opm(1);
  // the sign tensor holds the grad's dtype: etas are rounded to it
  const opm etaminus = static_cast<opm>(static_cast<T>(etaminus_d));
  const opm etaplus = static_cast<opm>(static_cast<T>(etaplus_d));
  const opm lo = static_cast<opm>(min_d);
  const opm hi = static_cast<opm>(max_d);
  parallel_for(0, n, kGrainSize, [=](int64_t s, int64_t e) {
    auto r = [](opm x) { return static_cast<opm>(static_cast<T>(x)); };
    auto sgn = [](opm x) { return static_cast<opm>((opm(0) < x) - (x < opm(0))); };
    for (int64_t i = s; i < e; ++i) {
      const opm gv = static_cast<opm>(g[i]) * sign;
      const opm sv = sgn(r(gv * static_cast<opm>(prev[i])));
      const opm factor = sv > 0 ? etaplus : (sv < 0 ? etaminus : opm(1));
      opm st = r(static_cast<opm>(ss[i]) * factor);
      st = st < lo ? lo : st;  // clamp_, NaN stays NaN
      st = st > hi ? hi : st;
      ss[i] = static_cast<T>(st);
      const opm gz = factor == etaminus ? opm(0) : gv;
      prev[i] = static_cast<T>(gz);
      p[i] = static_cast<T>(static_cast<opm>(p[i]) + r(opm(-1) * sgn(gz)) * st);
    }
  });
}

template <typename T, bool use_wd>
void asgd_kernel(T* p, const T* g, T* ax, int64_t n, double decay_d, double neg_eta_d, double mu_d,
                 double weight_decay, bool maximize) {
  using opm = opmath_t<T>;
  const opm sign = maximize ? opm(-1) : opm(1);
  const opm wd = static_cast<opm>(weight_decay);
  const opm decay = static_cast<opm>(decay_d);
  const opm neg_eta = static_cast<opm>(neg_eta_d);
  const opm mu = static_cast<opm>(mu_d);
  const bool average = mu_d != 1;
  parallel_for(0, n, kGrainSize, [=](int64_t s, int64_t e) {
    auto r = [](opm x) { return static_cast<opm>(static_cast<T>(x)); };
    for (int64_t i = s; i < e; ++i) {
      opm gv = static_cast<opm>(g[i]) * sign;
      opm pv = static_cast<opm>(p[i]);
      if constexpr (use_wd) gv = r(gv + wd * pv);
      pv = r(pv * decay);
      pv = r(pv + neg_eta * gv);
      p[i] = static_cast<T>(pv);
      const opm av = static_cast<opm>(ax[i]);
      const opm moved = r(av + r(r(pv - av) * mu));
      ax[i] = static_cast<T>(average ? moved : pv);
    }
  });
}

}  // namespace

void sgd(TensorList params, TensorList grads, std::vector<Tensor>& momentum_buffers, double lr,
         double momentum, double dampening, double weight_decay, bool nesterov, bool maximize) {
  constexpr const char* fn = "sgd";
  autograd::NoGradGuard no_grad;
  check_params(fn, params);
  check_list(fn, "grads", params, grads);
  WICK_CHECK(momentum_buffers.size() == params.size(), fn, ": expected ", params.size(),
             " momentum_buffers (one per parameter), got ", momentum_buffers.size());
  for (size_t i = 0; i < params.size(); ++i) {
    const Tensor& b = momentum_buffers[i];
    if (!b.defined()) continue;
    WICK_CHECK(b.dtype() == params[i].dtype() && b.sizes() == params[i].sizes(), fn,
               ": momentum_buffer ", i, " must match its parameter's dtype and size");
  }
  for (size_t i = 0; i < params.size(); ++i) {
    Slot p(params[i]);
    Tensor g = contiguous_input(grads[i]);
    const bool first = !momentum_buffers[i].defined();
    if (momentum != 0 && first) momentum_buffers[i] = empty_like(p.work);
    std::optional<Slot> b;
    if (momentum != 0) b.emplace(momentum_buffers[i]);
    WICK_DISPATCH_FLOATING_AND_HALF(p.work.dtype(), "sgd", [&] {
      sgd_kernel<scalar_t>(p.work.data_ptr<scalar_t>(), g.data_ptr<scalar_t>(),
                           b ? b->work.data_ptr<scalar_t>() : nullptr, p.work.numel(), first, lr,
                           momentum, dampening, weight_decay, nesterov, maximize);
    });
    p.finish();
    if (b) b->finish();
  }
}

void adam(TensorList params, TensorList grads, TensorList exp_avgs, TensorList exp_avg_sqs,
          TensorList max_exp_avg_sqs, TensorList state_steps, bool amsgrad, double beta1,
          double beta2, double lr, double weight_decay, double eps, bool maximize,
          bool decoupled_weight_decay) {
  const char* fn = decoupled_weight_decay ? "adamw" : "adam";
  autograd::NoGradGuard no_grad;
  check_params(fn, params);
  check_list(fn, "grads", params, grads);
  check_list(fn, "exp_avgs", params, exp_avgs);
  check_list(fn, "exp_avg_sqs", params, exp_avg_sqs);
  if (amsgrad) check_list(fn, "max_exp_avg_sqs", params, max_exp_avg_sqs);
  WICK_CHECK(state_steps.size() == params.size(), fn, ": expected ", params.size(),
             " state_steps (one per parameter), got ", state_steps.size());
  for (size_t i = 0; i < state_steps.size(); ++i) {
    WICK_CHECK(state_steps[i].defined() && state_steps[i].is_floating_point() &&
                   state_steps[i].numel() == 1,
               fn, ": state_steps[", i, "] must be a one-element floating point tensor");
  }
  for (size_t i = 0; i < params.size(); ++i) {
    const double step = increment_step(state_steps[i]);
    AdamScalars a{beta1, beta2, lr, weight_decay, eps, 0, 0, amsgrad, maximize,
                  decoupled_weight_decay};
    const double bias_correction1 = 1 - std::pow(beta1, step);
    const double bias_correction2 = 1 - std::pow(beta2, step);
    a.step_size = lr / bias_correction1;
    a.bias_correction2_sqrt = std::sqrt(bias_correction2);
    Slot p(params[i]);
    Tensor g = contiguous_input(grads[i]);
    Slot m(exp_avgs[i]);
    Slot v(exp_avg_sqs[i]);
    std::optional<Slot> vmax;
    if (amsgrad) vmax.emplace(max_exp_avg_sqs[i]);
    WICK_DISPATCH_FLOATING_AND_HALF(p.work.dtype(), fn, [&] {
      scalar_t* pp = p.work.data_ptr<scalar_t>();
      const scalar_t* gp = g.data_ptr<scalar_t>();
      scalar_t* mp = m.work.data_ptr<scalar_t>();
      scalar_t* vp = v.work.data_ptr<scalar_t>();
      scalar_t* xp = vmax ? vmax->work.data_ptr<scalar_t>() : nullptr;
      const int64_t n = p.work.numel();
      const bool coupled = !decoupled_weight_decay && weight_decay != 0;
      if (amsgrad) {
        if (coupled) adam_kernel<scalar_t, true, true>(pp, gp, mp, vp, xp, n, a);
        else adam_kernel<scalar_t, true, false>(pp, gp, mp, vp, xp, n, a);
      } else {
        if (coupled) adam_kernel<scalar_t, false, true>(pp, gp, mp, vp, xp, n, a);
        else adam_kernel<scalar_t, false, false>(pp, gp, mp, vp, xp, n, a);
      }
    });
    p.finish();
    m.finish();
    v.finish();
    if (vmax) vmax->finish();
  }
}

void rmsprop(TensorList params, TensorList grads, TensorList square_avgs, TensorList grad_avgs,
             TensorList momentum_buffer_list, TensorList state_steps, double lr, double alpha,
             double eps, double weight_decay, double momentum, bool centered, bool maximize) {
  constexpr const char* fn = "rmsprop";
  autograd::NoGradGuard no_grad;
  check_params(fn, params);
  check_list(fn, "grads", params, grads);
  check_list(fn, "square_avgs", params, square_avgs);
  if (centered) check_list(fn, "grad_avgs", params, grad_avgs);
  if (momentum > 0) check_list(fn, "momentum_buffer_list", params, momentum_buffer_list);
  check_steps(fn, params, state_steps);
  const RmspropScalars a{lr, alpha, eps, weight_decay, momentum, maximize};
  for (size_t i = 0; i < params.size(); ++i) {
    increment_step(state_steps[i]);
    Slot p(params[i]);
    Tensor g = contiguous_input(grads[i]);
    Slot sq(square_avgs[i]);
    std::optional<Slot> ga, buf;
    if (centered) ga.emplace(grad_avgs[i]);
    if (momentum > 0) buf.emplace(momentum_buffer_list[i]);
    WICK_DISPATCH_FLOATING_AND_HALF(p.work.dtype(), fn, [&] {
      scalar_t* gap = ga ? ga->work.data_ptr<scalar_t>() : nullptr;
      scalar_t* bp = buf ? buf->work.data_ptr<scalar_t>() : nullptr;
      with_flags(centered, momentum > 0, [&](auto c, auto m) {
        rmsprop_kernel<scalar_t, decltype(c)::value, decltype(m)::value>(
            p.work.data_ptr<scalar_t>(), g.data_ptr<scalar_t>(), sq.work.data_ptr<scalar_t>(),
            gap, bp, p.work.numel(), a);
      });
    });
    p.finish();
    sq.finish();
    if (ga) ga->finish();
    if (buf) buf->finish();
  }
}

void adagrad(TensorList params, TensorList grads, TensorList state_sums, TensorList state_steps,
             double lr, double weight_decay, double lr_decay, double eps, bool maximize) {
  constexpr const char* fn = "adagrad";
  autograd::NoGradGuard no_grad;
  check_params(fn, params);
  check_list(fn, "grads", params, grads);
  check_list(fn, "state_sums", params, state_sums);
  check_steps(fn, params, state_steps);
  for (size_t i = 0; i < params.size(); ++i) {
    const double step = increment_step(state_steps[i]);
    const double clr = lr / (1 + (step - 1) * lr_decay);
    Slot p(params[i]);
    Tensor g = contiguous_input(grads[i]);
    Slot sum(state_sums[i]);
    WICK_DISPATCH_FLOATING_AND_HALF(p.work.dtype(), fn, [&] {
      with_flags(weight_decay != 0, false, [&](auto wd, auto) {
        adagrad_kernel<scalar_t, decltype(wd)::value>(
            p.work.data_ptr<scalar_t>(), g.data_ptr<scalar_t>(), sum.work.data_ptr<scalar_t>(),
            p.work.numel(), clr, weight_decay, eps, maximize);
      });
    });
    p.finish();
    sum.finish();
  }
}

void adamax(TensorList params, TensorList grads, TensorList exp_avgs, TensorList exp_infs,
            TensorList state_steps, double eps, double beta1, double beta2, double lr,
            double weight_decay, bool maximize) {
  constexpr const char* fn = "adamax";
  autograd::NoGradGuard no_grad;
  check_params(fn, params);
  check_list(fn, "grads", params, grads);
  check_list(fn, "exp_avgs", params, exp_avgs);
  check_list(fn, "exp_infs", params, exp_infs);
  check_steps(fn, params, state_steps);
  for (size_t i = 0; i < params.size(); ++i) {
    const double step = increment_step(state_steps[i]);
    const double clr = lr / (1 - std::pow(beta1, step));
    Slot p(params[i]);
    Tensor g = contiguous_input(grads[i]);
    Slot m(exp_avgs[i]);
    Slot u(exp_infs[i]);
    WICK_DISPATCH_FLOATING_AND_HALF(p.work.dtype(), fn, [&] {
      with_flags(weight_decay != 0, false, [&](auto wd, auto) {
        adamax_kernel<scalar_t, decltype(wd)::value>(
            p.work.data_ptr<scalar_t>(), g.data_ptr<scalar_t>(), m.work.data_ptr<scalar_t>(),
            u.work.data_ptr<scalar_t>(), p.work.numel(), beta1, beta2, eps, clr, weight_decay,
            maximize);
      });
    });
    p.finish();
    m.finish();
    u.finish();
  }
}

void adadelta(TensorList params, TensorList grads, TensorList square_avgs, TensorList acc_deltas,
              TensorList state_steps, double lr, double rho, double eps, double weight_decay,
              bool maximize) {
  constexpr const char* fn = "adadelta";
  autograd::NoGradGuard no_grad;
  check_params(fn, params);
  check_list(fn, "grads", params, grads);
  check_list(fn, "square_avgs", params, square_avgs);
  check_list(fn, "acc_deltas", params, acc_deltas);
  check_steps(fn, params, state_steps);
  for (size_t i = 0; i < params.size(); ++i) {
    increment_step(state_steps[i]);
    Slot p(params[i]);
    Tensor g = contiguous_input(grads[i]);
    Slot sq(square_avgs[i]);
    Slot acc(acc_deltas[i]);
    WICK_DISPATCH_FLOATING_AND_HALF(p.work.dtype(), fn, [&] {
      with_flags(weight_decay != 0, false, [&](auto wd, auto) {
        adadelta_kernel<scalar_t, decltype(wd)::value>(
            p.work.data_ptr<scalar_t>(), g.data_ptr<scalar_t>(), sq.work.data_ptr<scalar_t>(),
            acc.work.data_ptr<scalar_t>(), p.work.numel(), lr, rho, eps, weight_decay, maximize);
      });
    });
    p.finish();
    sq.finish();
    acc.finish();
  }
}

void nadam(TensorList params, TensorList grads, TensorList exp_avgs, TensorList exp_avg_sqs,
           TensorList mu_products, TensorList state_steps, double beta1, double beta2, double lr,
           double weight_decay, double momentum_decay, double eps, bool decoupled_weight_decay,
           bool maximize) {
  constexpr const char* fn = "nadam";
  autograd::NoGradGuard no_grad;
  check_params(fn, params);
  check_list(fn, "grads", params, grads);
  check_list(fn, "exp_avgs", params, exp_avgs);
  check_list(fn, "exp_avg_sqs", params, exp_avg_sqs);
  check_steps(fn, params, state_steps);
  check_steps(fn, params, mu_products);
  const bool decoupled = decoupled_weight_decay && weight_decay != 0;
  const bool coupled = !decoupled_weight_decay && weight_decay != 0;
  const AdamLikeScalars a{beta1, beta2, eps, weight_decay,
                          decoupled ? 1.0 - lr * weight_decay : 1.0, maximize};
  for (size_t i = 0; i < params.size(); ++i) {
    const double step = increment_step(state_steps[i]);
    const double bc2 = 1 - std::pow(beta2, step);
    const double mu = beta1 * (1. - 0.5 * std::pow(0.96, step * momentum_decay));
    const double mu_next = beta1 * (1. - 0.5 * std::pow(0.96, (step + 1) * momentum_decay));
    // mu_product *= mu, in the state tensor's dtype (float32), as PyTorch
    Tensor(mu_products[i]).mul_(mu);
    const double mu_product = mu_products[i].item<double>();
    const double mu_product_next = mu_product * mu_next;
    const double c1 = -lr * (1. - mu) / (1. - mu_product);
    const double c2 = (-lr * mu_next) / (1. - mu_product_next);
    Slot p(params[i]);
    Tensor g = contiguous_input(grads[i]);
    Slot m(exp_avgs[i]);
    Slot v(exp_avg_sqs[i]);
    WICK_DISPATCH_FLOATING_AND_HALF(p.work.dtype(), fn, [&] {
      with_flags(coupled, false, [&](auto cw, auto) {
        nadam_kernel<scalar_t, decltype(cw)::value>(
            p.work.data_ptr<scalar_t>(), g.data_ptr<scalar_t>(), m.work.data_ptr<scalar_t>(),
            v.work.data_ptr<scalar_t>(), p.work.numel(), a, bc2, c1, c2);
      });
    });
    p.finish();
    m.finish();
    v.finish();
  }
}

void radam(TensorList params, TensorList grads, TensorList exp_avgs, TensorList exp_avg_sqs,
           TensorList state_steps, double beta1, double beta2, double lr, double weight_decay,
           double eps, bool decoupled_weight_decay, bool maximize) {
  constexpr const char* fn = "radam";
  autograd::NoGradGuard no_grad;
  check_params(fn, params);
  check_list(fn, "grads", params, grads);
  check_list(fn, "exp_avgs", params, exp_avgs);
  check_list(fn, "exp_avg_sqs", params, exp_avg_sqs);
  check_steps(fn, params, state_steps);
  const bool decoupled = decoupled_weight_decay && weight_decay != 0;
  const bool coupled = !decoupled_weight_decay && weight_decay != 0;
  const AdamLikeScalars a{beta1, beta2, eps, weight_decay,
                          decoupled ? 1.0 - lr * weight_decay : 1.0, maximize};
  for (size_t i = 0; i < params.size(); ++i) {
    const double step = increment_step(state_steps[i]);
    const double bc1 = 1 - std::pow(beta1, step);
    const double bc2 = 1 - std::pow(beta2, step);
    const double rho_inf = 2 / (1 - beta2) - 1;
    const double rho_t = rho_inf - 2 * step * std::pow(beta2, step) / bc2;
    const bool rectify = rho_t > 5.;
    const double rect =
        rectify ? std::sqrt((rho_t - 4) * (rho_t - 2) * rho_inf /
                            ((rho_inf - 4) * (rho_inf - 2) * rho_t))
                : 0.0;
    Slot p(params[i]);
    Tensor g = contiguous_input(grads[i]);
    Slot m(exp_avgs[i]);
    Slot v(exp_avg_sqs[i]);
    WICK_DISPATCH_FLOATING_AND_HALF(p.work.dtype(), fn, [&] {
      with_flags(coupled, rectify, [&](auto cw, auto rf) {
        radam_kernel<scalar_t, decltype(cw)::value, decltype(rf)::value>(
            p.work.data_ptr<scalar_t>(), g.data_ptr<scalar_t>(), m.work.data_ptr<scalar_t>(),
            v.work.data_ptr<scalar_t>(), p.work.numel(), a, lr, bc1, std::sqrt(bc2), rect);
      });
    });
    p.finish();
    m.finish();
    v.finish();
  }
}

void rprop(TensorList params, TensorList grads, TensorList prevs, TensorList step_sizes,
           TensorList state_steps, double step_size_min, double step_size_max, double etaminus,
           double etaplus, bool maximize) {
  constexpr const char* fn = "rprop";
  autograd::NoGradGuard no_grad;
  check_params(fn, params);
  check_list(fn, "grads", params, grads);
  check_list(fn, "prevs", params, prevs);
  check_list(fn, "step_sizes", params, step_sizes);
  check_steps(fn, params, state_steps);
  for (size_t i = 0; i < params.size(); ++i) {
    increment_step(state_steps[i]);
    Slot p(params[i]);
    Tensor g = contiguous_input(grads[i]);
    Slot prev(prevs[i]);
    Slot ss(step_sizes[i]);
    WICK_DISPATCH_FLOATING_AND_HALF(p.work.dtype(), fn, [&] {
      rprop_kernel<scalar_t>(p.work.data_ptr<scalar_t>(), g.data_ptr<scalar_t>(),
                             prev.work.data_ptr<scalar_t>(), ss.work.data_ptr<scalar_t>(),
                             p.work.numel(), step_size_min, step_size_max, etaminus, etaplus,
                             maximize);
    });
    p.finish();
    prev.finish();
    ss.finish();
  }
}

void asgd(TensorList params, TensorList grads, TensorList axs, TensorList mus, TensorList etas,
          TensorList state_steps, double lambd, double lr, double t0, double alpha,
          double weight_decay, bool maximize) {
  constexpr const char* fn = "asgd";
  autograd::NoGradGuard no_grad;
  check_params(fn, params);
  check_list(fn, "grads", params, grads);
  check_list(fn, "axs", params, axs);
  check_steps(fn, params, state_steps);
  check_steps(fn, params, mus);
  check_steps(fn, params, etas);
  for (size_t i = 0; i < params.size(); ++i) {
    const double step = increment_step(state_steps[i]);
    const double eta = etas[i].item<double>();
    const double mu = mus[i].item<double>();
    Slot p(params[i]);
    Tensor g = contiguous_input(grads[i]);
    Slot ax(axs[i]);
    WICK_DISPATCH_FLOATING_AND_HALF(p.work.dtype(), fn, [&] {
      with_flags(weight_decay != 0, false, [&](auto wd, auto) {
        asgd_kernel<scalar_t, decltype(wd)::value>(
            p.work.data_ptr<scalar_t>(), g.data_ptr<scalar_t>(), ax.work.data_ptr<scalar_t>(),
            p.work.numel(), 1 - lambd * eta, -eta, mu, weight_decay, maximize);
      });
    });
    p.finish();
    ax.finish();
    Tensor(etas[i]).fill_(lr / std::pow(1 + lambd * lr * step, alpha));
    Tensor(mus[i]).fill_(1 / std::max(1.0, step - t0));
  }
}

}  // namespace wick::optim::functional
