// Activations (wick/ops/activation.h): values and gradients from PyTorch (baked by
// gen_activation_data.py into activation_test_data.h), dtypes, in-place forms,
// grad_fn names, gradcheck/gradgradcheck in float64, and PyTorch's error messages.
#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <string>

#include "activation_test_data.h"
#include "autograd/grad_test_utils.h"
#include "test_utils.h"
#include "wick/wick.h"

namespace wick {
namespace {

namespace D = activation_data;
using autograd::variable_list;
using grad_test::leaf;
using grad_test::node_name;
using grad_test::same_values;
using test::error_of;
using test::values;

using Act = std::function<Tensor(const Tensor&)>;

const std::map<std::string, Act>& ops() {
  static const std::map<std::string, Act> m = {
      {"relu6", [](const Tensor& x) { return relu6(x); }},
      {"leaky_relu", [](const Tensor& x) { return leaky_relu(x, 0.2); }},
      {"elu", [](const Tensor& x) { return elu(x, 0.7); }},
      {"selu", [](const Tensor& x) { return selu(x); }},
      {"celu", [](const Tensor& x) { return celu(x, 1.5); }},
      {"threshold", [](const Tensor& x) { return threshold(x, 0.5, -7.0); }},
      {"hardsigmoid", [](const Tensor& x) { return hardsigmoid(x); }},
      {"hardswish", [](const Tensor& x) { return hardswish(x); }},
      {"softsign", [](const Tensor& x) { return softsign(x); }},
      {"tanhshrink", [](const Tensor& x) { return tanhshrink(x); }},
      {"softshrink", [](const Tensor& x) { return softshrink(x, 0.5); }},
      {"hardshrink", [](const Tensor& x) { return hardshrink(x, 0.5); }},
      {"log_sigmoid", [](const Tensor& x) { return log_sigmoid(x); }},
      {"rrelu_eval", [](const Tensor& x) { return rrelu(x, 0.1, 0.3); }},
  };
  return m;
}

Tensor dbl(const std::vector<double>& v) { return tensor(v, TensorOptions(kDouble)); }

TEST(ActivationTest, ValuesAndGradientsMatchPyTorch) {
  for (const auto& c : D::cases) {
    SCOPED_TRACE(c.name);
    const Act& f = ops().at(c.name);
    EXPECT_TRUE(same_values(values(f(dbl(D::x))), c.value));
    // float32 agrees to float precision.
    Tensor y32 = f(tensor(D::x, TensorOptions(kDouble)).to(kFloat));
    EXPECT_EQ(y32.scalar_type(), kFloat);
    EXPECT_TRUE(same_values(values(y32), c.value, 1e-6));
    Tensor x = leaf(D::xf);
    (f(x) * dbl(D::g)).sum().backward();
    // (PyTorch's hardsigmoid gradient uses a float 1/6 even in float64.)
    EXPECT_TRUE(same_values(values(x.grad()), c.grad, 1e-7));
  }
}

TEST(ActivationTest, NegativeZeroAndNaN) {
  // -0 keeps its sign where PyTorch keeps it; NaN propagates.
  Tensor z = dbl({-0.0});
  EXPECT_TRUE(std::signbit(values(leaky_relu(z))[0]));
  EXPECT_TRUE(std::signbit(values(relu(z))[0]));
  EXPECT_FALSE(std::signbit(values(softshrink(z))[0]));
  EXPECT_TRUE(std::isnan(values(softshrink(dbl({D::kNaN})))[0]));
  EXPECT_TRUE(std::isnan(values(hardswish(dbl({-D::kInf})))[0]));
}

TEST(ActivationTest, HalfDtypesComputeInFloat) {
  for (ScalarType dt : {kHalf, kBFloat16}) {
    for (const auto& c : D::cases) {
      SCOPED_TRACE(c.name);
      std::vector<double> xs, want;
      for (size_t i = 0; i < D::x.size(); ++i) {
        if (std::fabs(D::x[i]) < 10) {
          xs.push_back(D::x[i]);
          want.push_back(c.value[i]);
        }
      }
      Tensor y = ops().at(c.name)(dbl(xs).to(dt));
      EXPECT_EQ(y.scalar_type(), dt);
      EXPECT_TRUE(same_values(values(y), want, 2e-2));
    }
  }
}

TEST(ActivationTest, NonContiguousInput) {
  Tensor base = linspace(-4, 4, 24, TensorOptions(kDouble)).reshape({4, 6});
  for (const auto& [name, f] : ops()) {
    SCOPED_TRACE(name);
    EXPECT_TENSOR_CLOSE(f(base.t()), f(base.t().contiguous()));
    EXPECT_TENSOR_CLOSE(f(base.narrow(1, 1, 3)), f(base.narrow(1, 1, 3).contiguous()));
  }
}

TEST(ActivationTest, GradFnNames) {
  Tensor x = leaf({-1.0, 0.5, 2.0});
  EXPECT_EQ(node_name(relu6(x)), "HardtanhBackward0");
  EXPECT_EQ(node_name(leaky_relu(x)), "LeakyReluBackward0");
  EXPECT_EQ(node_name(elu(x)), "EluBackward0");
  EXPECT_EQ(node_name(selu(x)), "EluBackward0");
  EXPECT_EQ(node_name(celu(x)), "CeluBackward0");
  EXPECT_EQ(node_name(threshold(x, 0, 1)), "ThresholdBackward0");
  EXPECT_EQ(node_name(hardsigmoid(x)), "HardsigmoidBackward0");
  EXPECT_EQ(node_name(hardswish(x)), "HardswishBackward0");
  EXPECT_EQ(node_name(softsign(x)), "DivBackward0");
  EXPECT_EQ(node_name(tanhshrink(x)), "SubBackward0");
  EXPECT_EQ(node_name(softshrink(x)), "SoftshrinkBackward0");
  EXPECT_EQ(node_name(hardshrink(x)), "HardshrinkBackward0");
  EXPECT_EQ(node_name(log_sigmoid(x)), "LogSigmoidBackward0");
  EXPECT_EQ(node_name(rrelu(x)), "RreluWithNoiseBackward0");
  EXPECT_EQ(node_name(rrelu(x, 0.1, 0.3, true)), "RreluWithNoiseBackward0");
  EXPECT_EQ(node_name(prelu(x, dbl({0.25}))), "PreluBackward0");
  EXPECT_EQ(node_name(glu(dbl({1, 2, 3, 4}).requires_grad_())), "GluBackward0");
  auto inplace = [&](const std::function<void(Tensor&)>& f) {
    Tensor z = x * 1;
    f(z);
    return node_name(z);
  };
  EXPECT_EQ(inplace([](Tensor& z) { leaky_relu_(z); }), "LeakyReluBackward1");
  EXPECT_EQ(inplace([](Tensor& z) { elu_(z); }), "EluBackward1");
  EXPECT_EQ(inplace([](Tensor& z) { selu_(z); }), "EluBackward1");
  EXPECT_EQ(inplace([](Tensor& z) { celu_(z); }), "CeluBackward1");
  EXPECT_EQ(inplace([](Tensor& z) { threshold_(z, 0, 1); }), "ThresholdBackward1");
  EXPECT_EQ(inplace([](Tensor& z) { hardsigmoid_(z); }), "HardsigmoidBackward0");
  EXPECT_EQ(inplace([](Tensor& z) { hardswish_(z); }), "HardswishBackward0");
  EXPECT_EQ(inplace([](Tensor& z) { relu6_(z); }), "HardtanhBackward0");
  EXPECT_EQ(inplace([](Tensor& z) { rrelu_(z, 0.1, 0.3, true); }), "RreluWithNoiseBackward1");
}

TEST(ActivationTest, InPlaceFormsMatchFunctional) {
  const std::vector<std::pair<std::function<Tensor(const Tensor&)>, std::function<void(Tensor&)>>>
      pairs = {
          {[](const Tensor& x) { return leaky_relu(x, 0.3); }, [](Tensor& x) { leaky_relu_(x, 0.3); }},
          {[](const Tensor& x) { return elu(x, 0.5); }, [](Tensor& x) { elu_(x, 0.5); }},
          {[](const Tensor& x) { return selu(x); }, [](Tensor& x) { selu_(x); }},
          {[](const Tensor& x) { return celu(x, 2.0); }, [](Tensor& x) { celu_(x, 2.0); }},
          {[](const Tensor& x) { return threshold(x, 0.1, 4); }, [](Tensor& x) { threshold_(x, 0.1, 4); }},
          {[](const Tensor& x) { return hardsigmoid(x); }, [](Tensor& x) { hardsigmoid_(x); }},
          {[](const Tensor& x) { return hardswish(x); }, [](Tensor& x) { hardswish_(x); }},
          {[](const Tensor& x) { return relu6(x); }, [](Tensor& x) { relu6_(x); }},
          {[](const Tensor& x) { return rrelu(x); }, [](Tensor& x) { rrelu_(x); }},
      };
  for (const auto& [f, f_] : pairs) {
    Tensor x = leaf({-2.0, -0.5, 0.25, 1.5, 4.0});
    Tensor z = x * 1;
    f_(z);
    EXPECT_TENSOR_CLOSE(z, f(x));
    z.sum().backward();
    Tensor x2 = leaf({-2.0, -0.5, 0.25, 1.5, 4.0});
    f(x2).sum().backward();
    EXPECT_TENSOR_CLOSE(x.grad(), x2.grad());
  }
}

TEST(ActivationTest, GradcheckAndGradgradcheck) {
  const std::vector<double> smooth = {-2.7, -1.3, -0.6, -0.2, 0.15, 0.7, 1.9, 4.1};
  for (const auto& [name, f] : ops()) {
    grad_test::check_both(name.c_str(), [&](const variable_list& in) { return f(in[0]); },
                          {leaf(smooth)});
  }
  grad_test::check_both("rrelu train",
                        [](const variable_list& in) { return rrelu(in[0], 0.2, 0.2, true); },
                        {leaf(smooth)});
  Tensor px = (linspace(-3, 2, 24, TensorOptions(kDouble)) + 0.01).reshape({2, 3, 4}).requires_grad_();
  grad_test::check_both("prelu", [](const variable_list& in) { return prelu(in[0], in[1]); },
                        {px, leaf({0.2, -0.4, 0.6})});
  grad_test::check_both("prelu scalar weight",
                        [](const variable_list& in) { return prelu(in[0], in[1]); },
                        {px, dbl({0.3}).reshape({}).requires_grad_()});
  grad_test::check_both("glu", [](const variable_list& in) { return glu(in[0], 0); },
                        {grad_test::rnd({4, 3}, -2, 2, 5)});
}

TEST(ActivationTest, PreluMatchesPyTorch) {
  Tensor x = dbl(D::prelu_x).reshape({2, 3, 2}).requires_grad_();
  Tensor w = leaf({0.2, -0.4, 0.6});
  Tensor y = prelu(x, w);
  EXPECT_TRUE(same_values(values(y), D::prelu_y));
  y.backward(full_like(y, 1.5));
  EXPECT_TRUE(same_values(values(x.grad()), D::prelu_gx));
  EXPECT_TRUE(same_values(values(w.grad()), D::prelu_gw));
  // 0-D and 1-D inputs take a one-element weight.
  EXPECT_TRUE(same_values(values(prelu(dbl({-2.0}).reshape({}), dbl({0.5}))), {-1.0}));
  EXPECT_TRUE(same_values(values(prelu(dbl({-2.0, 3.0}), dbl({0.5}).reshape({}))), {-1.0, 3.0}));
}

TEST(ActivationTest, PreluErrors) {
  EXPECT_EQ(error_of([] { prelu(zeros({2, 3}), zeros({2})); }),
            "Mismatch of parameter numbers and input channel size. Found parameter numbers = 2 "
            "and channel size = 3.");
  EXPECT_EQ(error_of([] { prelu(zeros({2, 3}), zeros({3, 1})); }),
            "prelu: Expected `weight` to be a scalar or 1D tensor, but got ndim = 2");
  EXPECT_EQ(error_of([] { prelu(zeros({}), zeros({3})); }), "Not allow zero-dim input tensor.");
  EXPECT_EQ(error_of([] { prelu(zeros({3}), zeros({3})); }),
            "Mismatch of parameter numbers and input channel size. Found parameter numbers = 3 "
            "and channel size = 1.");
  EXPECT_EQ(error_of([] { prelu(zeros({3}), zeros({1}, TensorOptions(kDouble))); }),
            "Found dtype Double but expected Float");
  EXPECT_EQ(error_of([] { prelu(zeros({3}, TensorOptions(kLong)), zeros({1}, TensorOptions(kLong))); }),
            "\"prelu_cpu\" not implemented for 'Long'");
}

TEST(ActivationTest, GluMatchesPyTorchAndErrors) {
  Tensor x = dbl(D::glu_x).reshape({2, 4}).requires_grad_();
  Tensor y = glu(x, 1);
  EXPECT_TRUE(same_values(values(y), D::glu_y));
  y.backward(full_like(y, 0.5));
  EXPECT_TRUE(same_values(values(x.grad()), D::glu_gx));
  EXPECT_EQ(error_of([] { glu(zeros({2, 3})); }),
            "Halving dimension must be even, but dimension 1 is size 3");
  EXPECT_EQ(error_of([] { glu(zeros({})); }),
            "glu does not support scalars because halving size must be even");
  EXPECT_EQ(error_of([] { glu(zeros({2}, TensorOptions(kLong))); }),
            "\"glu_cpu\" not implemented for 'Long'");
  Tensor out = empty({0});
  glu_out(out, dbl({1, 2, 3, 4}).to(kFloat));
  EXPECT_EQ(out.sizes().vec(), std::vector<int64_t>{2});
}

TEST(ActivationTest, RreluTrainingUsesTheGeneratorAsPyTorch) {
  manual_seed(1234);
  Tensor y = rrelu(dbl(D::rrelu_x), 0.1, 0.4, true);
  EXPECT_TRUE(same_values(values(y), D::rrelu_y));
  EXPECT_TRUE(same_values(values(rand({2}, std::nullopt, TensorOptions(kDouble))), D::rrelu_after));
  EXPECT_EQ(error_of([] { rrelu(zeros({2}), 0.5, 0.1, true); }),
            "Lower bound should be less than or equal to the upper bound");
  EXPECT_EQ(error_of([] { rrelu(zeros({2}, TensorOptions(kLong))); }),
            "\"leaky_relu_cpu\" not implemented for 'Long'");
}

TEST(ActivationTest, Errors) {
  Tensor i = tensor(std::vector<int64_t>{1, -2});
  EXPECT_EQ(error_of([&] { leaky_relu(i); }), "\"leaky_relu_cpu\" not implemented for 'Long'");
  EXPECT_EQ(error_of([&] { elu(i); }), "\"elu_cpu\" not implemented for 'Long'");
  EXPECT_EQ(error_of([&] { hardswish(i); }), "\"hardswish_cpu\" not implemented for 'Long'");
  EXPECT_EQ(error_of([&] { log_sigmoid(i); }), "\"log_sigmoid_cpu\" not implemented for 'Long'");
  EXPECT_EQ(error_of([] { threshold(tensor(std::vector<bool>{true}), 1, 2); }),
            "\"threshold_cpu\" not implemented for 'Bool'");
  EXPECT_EQ(values(threshold(i, 0, 9)), (std::vector<double>{1, 9}));
  EXPECT_EQ(threshold(i, 0, 9).scalar_type(), kLong);
  EXPECT_EQ(error_of([] { softshrink(zeros({2}), -1.0); }),
            "lambda must be greater or equal to 0, but found to be -1.");
  EXPECT_EQ(error_of([] { celu(zeros({2}), 0.0); }), "ZeroDivisionError: alpha cannot be 0 for CELU");
  EXPECT_EQ(error_of([] { Tensor x = leaf({1.0}); leaky_relu_(x); }),
            "a leaf Variable that requires grad is being used in an in-place operation.");
  EXPECT_NE(error_of([] {
              Tensor z = leaf({-1.0, 2.0}) * 1;
              leaky_relu_(z, -0.1);
              z.sum().backward();
            }).find("In-place leakyReLu backward calculation is triggered with a negative slope"),
            std::string::npos);
  EXPECT_NE(error_of([] {
              Tensor z = leaf({-1.0, 2.0}) * 1;
              elu_(z, -0.1);
              z.sum().backward();
            }).find("In-place elu backward calculation is triggered with a negative slope"),
            std::string::npos);
}

}  // namespace
}  // namespace wick
