// Optimizer checkpoints in PyTorch's format (wick/serialize/optimizer.h): files
// torch.save(optimizer.state_dict()) wrote (gen_optimizer_serialize_data.py)
// load into SGD / Adam / LBFGS and continue torch's trajectory; the trees
// wick writes equal torch's (keys, order, types, values); wick's own files
// round-trip. tests/cpp/optim/check_wick_files_in_torch.py loads the files
// these tests leave in the gtest temp dir into torch optimizers.
#include <cmath>
#include <cstdio>

#include "optimizer_serialize_test_data.h"
#include "test_utils.h"
#include "wick/optim/lbfgs.h"
#include "wick/optim/optim.h"
#include "wick/optim/schedulers/schedulers.h"
#include "wick/serialize/optimizer.h"
#include "wick/serialize/serialize.h"

namespace wick {
namespace {

using namespace wick::optim;
using serialize::Value;
using test::error_of;
namespace data = optimizer_serialize_data;

std::string temp_path(const std::string& name) { return ::testing::TempDir() + "/wick_optim_" + name; }

std::string write_temp(const std::string& name, const unsigned char* bytes, size_t n) {
  std::string path = temp_path(name);
  FILE* f = std::fopen(path.c_str(), "wb");
  EXPECT_NE(f, nullptr);
  std::fwrite(bytes, 1, n, f);
  std::fclose(f);
  return path;
}

Value torch_tree(const unsigned char* bytes, size_t n) {
  return serialize::load_from_bytes(std::string_view(reinterpret_cast<const char*>(bytes), n));
}

std::vector<Tensor> params_from(const std::vector<double>& v, ScalarType dt = kFloat) {
  std::vector<double> a(v.begin(), v.begin() + 6), b(v.begin() + 6, v.begin() + 10);
  return {tensor(a, TensorOptions(kDouble)).reshape({2, 3}).to(dt).requires_grad_(),
          tensor(b, TensorOptions(kDouble)).to(dt).requires_grad_()};
}

void train(std::vector<Tensor>& ps, Optimizer& opt, int start, int n) {
  std::vector<Tensor> g = params_from(data::g, kDouble);
  for (int i = start; i < start + n; ++i) {
    for (size_t k = 0; k < ps.size(); ++k)
      ps[k].set_grad((g[k].detach() * (1.0 + (i % 3)) - 0.25 * (i % 2)).to(ps[k].dtype()));
    opt.step();
  }
}

std::vector<double> flat(const std::vector<Tensor>& ps) {
  std::vector<double> out;
  for (const auto& p : ps)
    for (double v : test::values(p.detach())) out.push_back(v);
  return out;
}

void expect_near(const std::vector<double>& got, const std::vector<double>& want, double tol) {
  ASSERT_EQ(got.size(), want.size());
  for (size_t i = 0; i < got.size(); ++i) EXPECT_NEAR(got[i], want[i], tol * (1 + std::fabs(want[i]))) << i;
}

// Recursive equality of two pickle trees: kinds, dict keys in order, numbers,
// strings, tensors (dtype, sizes, values).
::testing::AssertionResult same_tree(const Value& a, const Value& b, const std::string& where = "") {
  if (a.kind() != b.kind())
    return ::testing::AssertionFailure() << where << ": " << Value::kind_name(a.kind()) << " vs "
                                         << Value::kind_name(b.kind());
  switch (a.kind()) {
    case Value::Kind::None: return ::testing::AssertionSuccess();
    case Value::Kind::Bool:
      if (a.to_bool() != b.to_bool()) return ::testing::AssertionFailure() << where << ": bool differs";
      return ::testing::AssertionSuccess();
    case Value::Kind::Int:
      if (a.to_int() != b.to_int())
        return ::testing::AssertionFailure() << where << ": " << a.to_int() << " vs " << b.to_int();
      return ::testing::AssertionSuccess();
    case Value::Kind::Float:
      if (std::fabs(a.to_float() - b.to_float()) > 1e-6 * (1 + std::fabs(b.to_float())))
        return ::testing::AssertionFailure() << where << ": " << a.to_float() << " vs " << b.to_float();
      return ::testing::AssertionSuccess();
    case Value::Kind::String:
      if (a.to_string() != b.to_string())
        return ::testing::AssertionFailure() << where << ": '" << a.to_string() << "' vs '" << b.to_string() << "'";
      return ::testing::AssertionSuccess();
    case Value::Kind::List:
    case Value::Kind::Tuple: {
      if (a.items().size() != b.items().size())
        return ::testing::AssertionFailure() << where << ": " << a.items().size() << " vs " << b.items().size()
                                             << " items";
      for (size_t i = 0; i < a.items().size(); ++i) {
        auto r = same_tree(a.items()[i], b.items()[i], where + "[" + std::to_string(i) + "]");
        if (!r) return r;
      }
      return ::testing::AssertionSuccess();
    }
    case Value::Kind::Dict: {
      const auto &da = a.dict_items(), &db = b.dict_items();
      if (da.size() != db.size()) {
        auto f = ::testing::AssertionFailure() << where << ": " << da.size() << " vs " << db.size() << " keys:";
        for (const auto& kv : da) f << " " << (kv.first.is_string() ? kv.first.to_string() : "?");
        f << " /";
        for (const auto& kv : db) f << " " << (kv.first.is_string() ? kv.first.to_string() : "?");
        return f;
      }
      for (size_t i = 0; i < da.size(); ++i) {
        auto r = same_tree(da[i].first, db[i].first, where + ".key" + std::to_string(i));
        if (!r) return r;
        std::string k = da[i].first.is_string() ? da[i].first.to_string()
                                                : da[i].first.is_int() ? std::to_string(da[i].first.to_int()) : "?";
        r = same_tree(da[i].second, db[i].second, where + "." + k);
        if (!r) return r;
      }
      return ::testing::AssertionSuccess();
    }
    case Value::Kind::Tensor: {
      auto r = test::tensors_close(a.to_tensor(), b.to_tensor(), 1e-6, 1e-7);
      if (!r) return ::testing::AssertionFailure() << where << ": " << r.message();
      return ::testing::AssertionSuccess();
    }
    default: return ::testing::AssertionFailure() << where << ": unexpected kind";
  }
}

// The 1.13 -> 2.x differences in param group keys (wick writes 2.x's): SGD
// gained 'fused' (None) after 'differentiable'; Adam's 'fused' default became None.
Value as_torch2(const Value& torch_tree, const std::string& optimizer) {
  for (const Value& g : torch_tree.at("param_groups").items()) {
    auto& items = g.dict_items();
    for (size_t i = 0; i < items.size(); ++i) {
      const std::string& k = items[i].first.to_string();
      if (optimizer == "SGD" && k == "differentiable") {
        items.insert(items.begin() + static_cast<std::ptrdiff_t>(i) + 1, {Value("fused"), Value()});
        break;
      }
      if (optimizer == "Adam" && k == "fused") items[i].second = Value();
    }
  }
  return torch_tree;
}

std::unique_ptr<SGD> two_group_sgd(std::vector<Tensor>& ps) {
  std::vector<OptimizerParamGroup> gs;
  gs.emplace_back(std::vector<Tensor>{ps[0]}, std::make_unique<SGDOptions>(0.1));
  gs.emplace_back(std::vector<Tensor>{ps[1]}, std::make_unique<SGDOptions>(0.05));
  return std::make_unique<SGD>(std::move(gs), SGDOptions(0.1));
}

TEST(OptimizerSerialize, TorchSGDFileLoadsAndContinues) {
  std::string path = write_temp("torch_sgd.pt", data::k_sgd, data::k_sgd_size);
  auto ps = params_from(data::k_sgd_mid);
  auto opt = two_group_sgd(ps);
  load(*opt, path);
  const auto& o = static_cast<const SGDOptions&>(opt->param_groups()[1].options());
  EXPECT_DOUBLE_EQ(o.lr(), 0.0125);  // StepLR had halved it twice
  EXPECT_EQ(o.momentum(), 0.9);
  EXPECT_TRUE(o.nesterov());
  EXPECT_EQ(o.weight_decay(), 0.01);
  ASSERT_NE(o.find_extra("initial_lr"), nullptr);
  EXPECT_EQ(std::get<double>(*o.find_extra("initial_lr")), 0.05);
  train(ps, *opt, data::kFirst, data::kMore);
  expect_near(flat(ps), data::k_sgd_end, 2e-6);
  // A scheduler can resume from the loaded 'initial_lr' (PyTorch's last_epoch rule).
  StepLR resumed(*opt, 2, 0.5, data::kFirst);
  EXPECT_EQ(resumed.base_lrs(), (std::vector<double>{0.1, 0.05}));
}

TEST(OptimizerSerialize, TorchAdamFileLoadsAndContinues) {
  std::string path = write_temp("torch_adam.pt", data::k_adam, data::k_adam_size);
  auto ps = params_from(data::k_adam_mid);
  Adam opt(ps, AdamOptions(0.5));
  load(opt, path);
  const auto& o = static_cast<const AdamOptions&>(opt.param_groups()[0].options());
  EXPECT_EQ(o.lr(), 0.01);
  EXPECT_EQ(std::get<0>(o.betas()), 0.8);
  EXPECT_EQ(std::get<1>(o.betas()), 0.99);
  EXPECT_TRUE(o.amsgrad());
  EXPECT_TRUE(o.extra().empty());  // every 1.13 key is one of wick's
  auto& st = static_cast<AdamParamState&>(*opt.state().at(ps[1].unsafeGetTensorImpl()));
  EXPECT_EQ(st.step().item<double>(), 5.0);
  EXPECT_EQ(st.step().scalar_type(), kFloat);
  train(ps, opt, data::kFirst, data::kMore);
  expect_near(flat(ps), data::k_adam_end, 2e-6);
}

Tensor rosen(const Tensor& x) {
  Tensor a = x.select(0, 0), b = x.select(0, 1);
  return (1 - a).pow(2) + 100 * (b - a.pow(2)).pow(2);
}

TEST(OptimizerSerialize, TorchLBFGSFileLoadsAndContinues) {
  std::string path = write_temp("torch_lbfgs.pt", data::k_lbfgs, data::k_lbfgs_size);
  Tensor x = tensor(data::k_lbfgs_mid, TensorOptions(kDouble)).requires_grad_();
  LBFGS opt({x});
  load(opt, path);
  const auto& o = static_cast<const LBFGSOptions&>(opt.param_groups()[0].options());
  EXPECT_EQ(o.max_iter(), 6);
  EXPECT_EQ(*o.max_eval(), 7);
  EXPECT_EQ(*o.line_search_fn(), "strong_wolfe");
  opt.step([&] {
    opt.zero_grad();
    Tensor l = rosen(x);
    l.backward();
    return l;
  });
  expect_near(test::values(x.detach()), data::k_lbfgs_end, 1e-9);
}

TEST(OptimizerSerialize, WickTreesEqualTorchTrees) {
  {
    std::string path = write_temp("torch_sgd.pt", data::k_sgd, data::k_sgd_size);
    auto ps = params_from(data::k_sgd_mid);
    auto opt = two_group_sgd(ps);
    load(*opt, path);
    EXPECT_TRUE(same_tree(serialize::optimizer_state_to_value(*opt),
                          as_torch2(torch_tree(data::k_sgd, data::k_sgd_size), "SGD")));
  }
  {
    std::string path = write_temp("torch_adam.pt", data::k_adam, data::k_adam_size);
    auto ps = params_from(data::k_adam_mid);
    Adam opt(ps);
    load(opt, path);
    EXPECT_TRUE(same_tree(serialize::optimizer_state_to_value(opt),
                          as_torch2(torch_tree(data::k_adam, data::k_adam_size), "Adam")));
  }
  {
    // LBFGS from scratch: the same iterates as torch, so the same state tree.
    Tensor x = tensor(std::vector<double>{-1.5, 2.0}, TensorOptions(kDouble)).requires_grad_();
    LBFGS opt({x}, LBFGSOptions(1.0).max_iter(6).history_size(4).line_search_fn("strong_wolfe"));
    opt.step([&] {
      opt.zero_grad();
      Tensor l = rosen(x);
      l.backward();
      return l;
    });
    expect_near(test::values(x.detach()), data::k_lbfgs_mid, 1e-9);
    EXPECT_TRUE(same_tree(serialize::optimizer_state_to_value(opt), torch_tree(data::k_lbfgs, data::k_lbfgs_size)));
  }
  // The top level: a plain dict {'state': {int: dict}, 'param_groups': [dict]}.
  Tensor p = ones({2}).requires_grad_();
  SGD opt({p}, SGDOptions(0.1).momentum(0.5));
  p.set_grad(ones({2}));
  opt.step();
  Value v = serialize::optimizer_state_to_value(opt);
  ASSERT_TRUE(v.is_dict());
  EXPECT_FALSE(v.is_ordered_dict());
  EXPECT_EQ(v.dict_items()[0].first.to_string(), "state");
  EXPECT_EQ(v.dict_items()[1].first.to_string(), "param_groups");
  EXPECT_TRUE(v.at("state").dict_items()[0].first.is_int());
  EXPECT_TRUE(v.at("param_groups").is_list());
  const Value& g = v.at("param_groups").items()[0];
  EXPECT_EQ(g.dict_items().back().first.to_string(), "params");
  EXPECT_TRUE(g.at("foreach").is_none());
  EXPECT_TRUE(g.at("nesterov").is_bool());
}

// wick -> file -> wick continues exactly as the original; the files stay in the
// temp dir for check_wick_files_in_torch.py.
TEST(OptimizerSerialize, WickFilesRoundTrip) {
  {
    auto ps = params_from(data::k_sgd_mid);
    auto opt = two_group_sgd(ps);
    load(*opt, write_temp("torch_sgd.pt", data::k_sgd, data::k_sgd_size));
    const std::string path = temp_path("wick_sgd.pt");
    save(*opt, path);
    EXPECT_TRUE(same_tree(wick::load(path), serialize::optimizer_state_to_value(*opt)));
    auto qs = params_from(data::k_sgd_mid);
    auto fresh = two_group_sgd(qs);
    load(*fresh, path);
    train(ps, *opt, data::kFirst, data::kMore);
    train(qs, *fresh, data::kFirst, data::kMore);
    EXPECT_EQ(flat(ps), flat(qs));
    expect_near(flat(qs), data::k_sgd_end, 2e-6);
  }
  {
    auto ps = params_from(data::k_adam_mid);
    Adam opt(ps);
    load(opt, write_temp("torch_adam.pt", data::k_adam, data::k_adam_size));
    const std::string path = temp_path("wick_adam.pt");
    save(opt, path);
    auto qs = params_from(data::k_adam_mid);
    Adam fresh(qs);
    load(fresh, path);
    train(qs, fresh, data::kFirst, data::kMore);
    expect_near(flat(qs), data::k_adam_end, 2e-6);
  }
  {
    Tensor x = tensor(std::vector<double>{-1.5, 2.0}, TensorOptions(kDouble)).requires_grad_();
    LBFGS opt({x}, LBFGSOptions(1.0).max_iter(6).history_size(4).line_search_fn("strong_wolfe"));
    auto closure = [&] {
      opt.zero_grad();
      Tensor l = rosen(x);
      l.backward();
      return l;
    };
    opt.step(closure);
    const std::string path = temp_path("wick_lbfgs.pt");
    save(opt, path);
    Tensor y = x.detach().clone().requires_grad_();
    LBFGS fresh({y});
    load(fresh, path);
    fresh.step([&] {
      fresh.zero_grad();
      Tensor l = rosen(y);
      l.backward();
      return l;
    });
    expect_near(test::values(y.detach()), data::k_lbfgs_end, 1e-9);
  }
}

TEST(OptimizerSerialize, Errors) {
  Tensor p = ones({2}).requires_grad_();
  SGD opt({p}, SGDOptions(0.1));
  const std::string tpath = temp_path("not_an_optimizer.pt");
  save(ones({3}), tpath);
  EXPECT_EQ(error_of([&] { load(opt, tpath); }),
            "optimizer state_dict: expected a dict with 'state' and 'param_groups', got Tensor");
  // Two groups into a one-group optimizer: PyTorch's message.
  EXPECT_EQ(error_of([&] { load(opt, write_temp("torch_sgd.pt", data::k_sgd, data::k_sgd_size)); }),
            "loaded state dict has a different number of parameter groups");
  // Group sizes must match.
  Tensor q = ones({3}).requires_grad_();
  Adam adam({p, q, ones({1}).requires_grad_()});
  EXPECT_EQ(error_of([&] { load(adam, write_temp("torch_adam.pt", data::k_adam, data::k_adam_size)); }),
            "loaded state dict contains a parameter group that doesn't match the size of optimizer's group");
  // Odd structures are refused with a clear message.
  Value bad = Value::dict({{Value("state"), Value::dict({{Value("zero"), Value::dict()}})},
                           {Value("param_groups"), Value::list()}});
  EXPECT_EQ(error_of([&] { serialize::optimizer_state_from_value(bad); }),
            "optimizer state_dict: 'state' keys must be parameter indices (int), got str");
  Value bad_group = Value::dict({{Value("state"), Value::dict()},
                                 {Value("param_groups"),
                                  Value::list({Value::dict({{Value("lr"), Value::dict()},
                                                            {Value("params"), Value::list({Value(0)})}})})}});
  EXPECT_EQ(error_of([&] { serialize::optimizer_state_from_value(bad_group); }),
            "optimizer state_dict: param group option 'lr' has unsupported type dict");
}

}  // namespace
}  // namespace wick
