// wick::optim::LBFGS against PyTorch: baked iterates on Rosenbrock and a small
// least squares fit, with and without the strong-Wolfe line search
// (gen_lbfgs_data.py), the state's counters, a state_dict round trip that
// continues the same iterates, options and errors.
#include <cmath>

#include "lbfgs_test_data.h"
#include "test_utils.h"
#include "wick/optim/lbfgs.h"
#include "wick/optim/optim.h"

namespace wick {
namespace {

using namespace wick::optim;
using test::error_of;
namespace data = lbfgs_data;

struct Problem {
  std::vector<Tensor> params;
  std::function<Tensor()> loss;
};

Problem make(bool rosenbrock, ScalarType dt) {
  Problem p;
  if (rosenbrock) {
    Tensor x = tensor(data::rosen0, TensorOptions(kDouble)).to(dt).requires_grad_();
    p.params = {x};
    p.loss = [x] {
      Tensor a = x.select(0, 0), b = x.select(0, 1);
      return (1 - a).pow(2) + 100 * (b - a.pow(2)).pow(2);
    };
  } else {
    std::vector<double> w0(data::lsq0.begin(), data::lsq0.begin() + 3);
    Tensor w = tensor(w0, TensorOptions(kDouble)).to(dt).requires_grad_();
    Tensor b = tensor(std::vector<double>{data::lsq0[3]}, TensorOptions(kDouble)).to(dt).requires_grad_();
    Tensor X = tensor(data::X, TensorOptions(kDouble)).reshape({8, 3}).to(dt);
    Tensor Y = tensor(data::Y, TensorOptions(kDouble)).to(dt);
    p.params = {w, b};
    p.loss = [=] { return (matmul(X, w) + b - Y).pow(2).mean(); };
  }
  return p;
}

LBFGSOptions options_of(const data::Case& c) {
  LBFGSOptions o(c.lr);
  o.max_iter(c.max_iter).max_eval(c.max_eval).history_size(c.history_size);
  if (c.strong_wolfe) o.line_search_fn("strong_wolfe");
  return o;
}

LossClosure closure_for(Optimizer& opt, const Problem& p) {
  return [&opt, &p] {
    opt.zero_grad();
    Tensor l = p.loss();
    l.backward();
    return l;
  };
}

std::vector<double> flat(const std::vector<Tensor>& ps) {
  std::vector<double> out;
  for (const auto& p : ps)
    for (double v : test::values(p.detach())) out.push_back(v);
  return out;
}

void expect_close(const std::vector<double>& got, const double* want, size_t n, double tol) {
  ASSERT_GE(got.size(), n);
  for (size_t i = 0; i < n; ++i)
    EXPECT_NEAR(got[i], want[i], tol * (1 + std::fabs(want[i]))) << "entry " << i;
}

TEST(LBFGS, MatchesPyTorchIterates) {
  for (const auto& c : data::cases) {
    SCOPED_TRACE(c.name);
    // Plain LBFGS on Rosenbrock for 60 iterations amplifies rounding: in torch
    // itself moving the start by 1e-15 moves the third step's iterate by 1e-7.
    const bool chaotic = std::string(c.name) == "RosenbrockDefault";
    const double tol = c.float64 ? (chaotic ? 1e-6 : 1e-9) : 2e-4;
    Problem p = make(c.rosenbrock, c.float64 ? kDouble : kFloat);
    LBFGS opt(p.params, options_of(c));
    auto closure = closure_for(opt, p);
    const size_t n = c.iterates.size() / data::kSteps;
    for (int s = 0; s < data::kSteps; ++s) {
      Tensor loss = opt.step(closure);
      EXPECT_NEAR(loss.item<double>(), c.losses[s], tol * (1 + std::fabs(c.losses[s]))) << "step " << s;
      expect_close(flat(p.params), c.iterates.data() + s * n, n, tol);
    }
    ASSERT_EQ(opt.state().size(), 1u);  // all of it under the first parameter
    auto& st = static_cast<LBFGSParamState&>(*opt.state().at(p.params[0].unsafeGetTensorImpl()));
    if (c.float64) {
      EXPECT_EQ(st.func_evals(), static_cast<int64_t>(c.state[0]));
      EXPECT_EQ(st.n_iter(), static_cast<int64_t>(c.state[1]));
      EXPECT_EQ(static_cast<double>(st.old_dirs().size()), c.state[5]);
    }
    EXPECT_NEAR(*st.t(), c.state[2], tol * (1 + std::fabs(c.state[2])));
    EXPECT_NEAR(*st.prev_loss(), c.state[3], tol * (1 + std::fabs(c.state[3])));
    EXPECT_NEAR(st.H_diag().item<double>(), c.state[4], tol * (1 + std::fabs(c.state[4])));
    EXPECT_EQ(st.old_stps().size(), st.old_dirs().size());
    EXPECT_EQ(st.ro().size(), st.old_dirs().size());
    EXPECT_LE(static_cast<int64_t>(st.old_dirs().size()), c.history_size);
  }
}

// Note [LBFGS state]: state_dict() carries the whole history (state_extra for
// the counters, floats and tensor lists); loading it into a fresh optimizer
// over parameters at the same point continues PyTorch's iterates.
TEST(LBFGS, StateDictRoundTripContinuesIterates) {
  for (const char* name : {"RosenbrockHistory3", "RosenbrockWolfe", "LeastSquaresWolfe"}) {
    SCOPED_TRACE(name);
    const data::Case* c = nullptr;
    for (const auto& k : data::cases)
      if (std::string(k.name) == name) c = &k;
    ASSERT_NE(c, nullptr);
    Problem p = make(c->rosenbrock, kDouble);
    LBFGS opt(p.params, options_of(*c));
    opt.step(closure_for(opt, p));
    OptimizerStateDict sd = opt.state_dict();
    ASSERT_EQ(sd.state.size(), 1u);
    std::vector<std::string> keys;
    for (const auto& [k, v] : opt.state().begin()->second->named_values()) keys.push_back(k);
    EXPECT_EQ(keys, (std::vector<std::string>{"func_evals", "n_iter", "al", "d", "t", "old_dirs", "old_stps",
                                              "ro", "H_diag", "prev_flat_grad", "prev_loss"}));
    ASSERT_EQ(sd.state_extra.at(0).size(), 8u);  // everything but the three tensors
    EXPECT_EQ(sd.param_groups[0].options.size(), 7u);

    // A second problem at the same point, loading the (deep-copied) state.
    Problem q = make(c->rosenbrock, kDouble);
    {
      NoGradGuard ng;
      for (size_t i = 0; i < q.params.size(); ++i) q.params[i].copy_(p.params[i]);
    }
    LBFGS fresh(q.params, LBFGSOptions(123.0));  // options come from the state_dict
    for (auto& [id, entries] : sd.state)
      for (auto& [k, t] : entries) t = t.clone();
    fresh.load_state_dict(sd);
    EXPECT_EQ(static_cast<const LBFGSOptions&>(fresh.param_groups()[0].options()).lr(), c->lr);
    const size_t n = c->iterates.size() / data::kSteps;
    for (int s = 1; s < data::kSteps; ++s) {
      Tensor loss = fresh.step(closure_for(fresh, q));
      EXPECT_NEAR(loss.item<double>(), c->losses[s], 1e-9 * (1 + std::fabs(c->losses[s])));
      expect_close(flat(q.params), c->iterates.data() + s * n, n, 1e-9);
    }
    auto& st = static_cast<LBFGSParamState&>(*fresh.state().at(q.params[0].unsafeGetTensorImpl()));
    EXPECT_EQ(st.func_evals(), static_cast<int64_t>(c->state[0]));
    EXPECT_EQ(st.n_iter(), static_cast<int64_t>(c->state[1]));
  }
}

TEST(LBFGS, OptionsAndDefaults) {
  LBFGSOptions o;
  EXPECT_EQ(o.lr(), 1.0);
  EXPECT_EQ(o.max_iter(), 20);
  EXPECT_FALSE(o.max_eval().has_value());
  EXPECT_EQ(o.tolerance_grad(), 1e-7);
  EXPECT_EQ(o.tolerance_change(), 1e-9);
  EXPECT_EQ(o.history_size(), 100);
  EXPECT_FALSE(o.line_search_fn().has_value());
  Tensor x = ones({2}).requires_grad_();
  LBFGS opt({x}, LBFGSOptions().max_iter(8));
  EXPECT_EQ(opt.name(), "LBFGS");
  // max_eval resolves to max_iter * 5 / 4, as PyTorch's defaults hold it.
  OptionDict d = opt.param_groups()[0].options().to_dict();
  std::vector<std::string> keys;
  for (const auto& [k, v] : d) keys.push_back(k);
  EXPECT_EQ(keys, (std::vector<std::string>{"lr", "max_iter", "max_eval", "tolerance_grad",
                                            "tolerance_change", "history_size", "line_search_fn"}));
  EXPECT_EQ(std::get<int64_t>(d[2].second), 10);
  EXPECT_TRUE(std::holds_alternative<std::monostate>(d[6].second));
  LBFGSOptions back;
  back.from_dict({{"line_search_fn", std::string("strong_wolfe")}, {"max_eval", int64_t{7}}, {"lr", 0.5}});
  EXPECT_EQ(*back.line_search_fn(), "strong_wolfe");
  EXPECT_EQ(*back.max_eval(), 7);
  EXPECT_EQ(back.lr(), 0.5);
}

TEST(LBFGS, StopsAtAnOptimumAndAcceptsMissingGrads) {
  Tensor x = zeros({3}).requires_grad_();
  Tensor unused = ones({2}).requires_grad_();  // never gets a grad: counts as zeros
  LBFGS opt({x, unused}, LBFGSOptions());
  int calls = 0;
  auto closure = [&] {
    ++calls;
    opt.zero_grad();
    Tensor l = (x - 2).pow(2).sum();
    l.backward();
    return l;
  };
  Tensor l0 = opt.step(closure);
  EXPECT_DOUBLE_EQ(l0.item<double>(), 12.0);
  EXPECT_TRUE(test::tensors_close(x.detach(), full({3}, 2.0), 1e-5, 1e-5));
  EXPECT_TRUE(test::tensors_close(unused.detach(), ones({2})));
  const int before = calls;
  opt.step(closure);  // gradient ~0: one evaluation, then returns
  EXPECT_EQ(calls, before + 1);
}

TEST(LBFGS, Errors) {
  Tensor x = ones({2}).requires_grad_();
  LBFGS opt({x});
  EXPECT_EQ(error_of([&] { opt.step(); }), "LBFGS.step() missing 1 required positional argument: 'closure'");
  EXPECT_TRUE(test::raises<TypeError>([&] { opt.step(); }));
  EXPECT_EQ(error_of([&] { LBFGS({x}, LBFGSOptions(-1)); }), "Invalid learning rate: -1");
  Tensor y = ones({2}).requires_grad_();
  EXPECT_EQ(error_of([&] { LBFGS({OptimizerParamGroup({x}), OptimizerParamGroup({y})}); }),
            "LBFGS doesn't support per-parameter options (parameter groups)");
  LBFGS bad({x}, LBFGSOptions().line_search_fn("backtracking"));
  auto closure = [&] {
    bad.zero_grad();
    Tensor l = (x * x).sum();
    l.backward();
    return l;
  };
  EXPECT_EQ(error_of([&] { bad.step(closure); }), "only 'strong_wolfe' is supported");
  // A group added later is refused at step, as PyTorch's LBFGS does.
  Tensor z = ones({1}).requires_grad_();
  LBFGS grown({x});
  grown.add_param_group(OptimizerParamGroup({z}));
  EXPECT_EQ(error_of([&] { grown.step(closure); }),
            "LBFGS doesn't support per-parameter options (parameter groups)");
  OptimizerStateDict sd = opt.state_dict();
  sd.state_extra[0] = {{"old_dirs", int64_t{3}}};
  EXPECT_EQ(error_of([&] { opt.load_state_dict(sd); }), "LBFGS state 'old_dirs' must be a list of tensors");
  sd.state_extra[0] = {{"bogus", 1.0}};
  EXPECT_EQ(error_of([&] { opt.load_state_dict(sd); }), "loaded state dict has an unknown LBFGS state entry 'bogus'");
  EXPECT_TRUE(opt.state().empty());
}

}  // namespace
}  // namespace wick
