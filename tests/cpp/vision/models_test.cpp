// wick::vision::models against torchvision 0.14: state_dict names and shapes,
// outputs with every parameter/buffer set by gen_models_data.py's formula, the
// seeded init, save/load round trips and the constructors' errors.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <string>

#include "test_utils.h"
#include "vision/models_test_data.h"
#include "wick/vision/models/models.h"

namespace {

using namespace wick;
namespace vm = wick::vision::models;

struct Built {
  std::shared_ptr<nn::Module> module;
  std::function<Tensor(const Tensor&)> forward;
};

template <typename Holder>
Built built(Holder h) {
  auto p = h.ptr();
  return {p, [p](const Tensor& x) { return p->forward(x); }};
}

Built build(const std::string& name) {
  if (name == "resnet18" || name == "resnet18_train") return built(vm::resnet18(10));
  if (name == "resnet50") return built(vm::resnet50(10));
  if (name == "mobilenet_v2") return built(vm::mobilenet_v2(10));
  if (name == "squeezenet1_1") return built(vm::squeezenet1_1(10));
  if (name == "densenet121") return built(vm::densenet121(10));
  if (name == "vgg11_bn") return built(vm::vgg11_bn(10));
  if (name == "alexnet") return built(vm::alexnet(10));
  ADD_FAILURE() << "unknown case " << name;
  return {};
}

// gen_models_data.py's formula, entry k of the state_dict in order.
void set_formula(nn::Module& m) {
  autograd::NoGradGuard g;
  int64_t k = 0;
  for (const auto& item : m.state_dict()) {
    const std::string& name = item.key();
    Tensor t = item.value();
    if (t.dtype() == kFloat) {
      const int64_t n = t.numel();
      Tensor v = empty({n}, kFloat);
      float* p = v.data_ptr<float>();
      auto ends = [&](const std::string& s) {
        return name.size() >= s.size() && name.compare(name.size() - s.size(), s.size(), s) == 0;
      };
      for (int64_t i = 0; i < n; ++i) {
        const double x = std::sin(0.37 * static_cast<double>(i % 9973) *
                                      static_cast<double>(i % 7 + 1) +
                                  0.1 * static_cast<double>(k));
        double r;
        if (ends("running_var")) {
          r = 0.75 + 0.25 * x;
        } else if (ends("running_mean")) {
          r = 0.1 * x;
        } else if (t.dim() == 1 && ends("weight")) {
          r = 1 + 0.2 * x;
        } else if (ends("bias")) {
          r = 0.1 * x;
        } else {
          const int64_t fan_in = n / t.size(0);
          r = x * std::sqrt(3.0 / static_cast<double>(fan_in));
        }
        p[i] = static_cast<float>(r);
      }
      t.copy_(v.view(t.sizes()));
    }
    ++k;
  }
}

Tensor make_input(const std::vector<int64_t>& shape) {
  int64_t n = 1;
  for (auto s : shape) n *= s;
  Tensor v = empty({n}, kFloat);
  float* p = v.data_ptr<float>();
  for (int64_t i = 0; i < n; ++i) p[i] = static_cast<float>(std::sin(0.11 * static_cast<double>(i)));
  return v.view(shape);
}

const models_data::Case& find_case(const std::string& name) {
  for (const auto& c : models_data::cases())
    if (name == c.name) return c;
  throw std::runtime_error("no case " + name);
}

class VisionModels : public ::testing::TestWithParam<std::string> {};

TEST_P(VisionModels, StateDictNamesAndShapesAreTorchvisions) {
  const auto& c = find_case(GetParam());
  Built b = build(c.name);
  auto sd = b.module->state_dict();
  ASSERT_EQ(sd.size(), c.state.size());
  size_t i = 0;
  for (const auto& item : sd) {
    EXPECT_EQ(item.key(), c.state[i].name) << i;
    EXPECT_EQ(item.value().sizes().vec(), c.state[i].shape) << item.key();
    ++i;
  }
}

class VisionModelOutputs : public ::testing::TestWithParam<std::string> {};

TEST_P(VisionModelOutputs, EqualTorchvisionOnFormulaWeights) {
  const auto& c = find_case(GetParam());
  ASSERT_FALSE(c.output.empty());
  Built b = build(c.name);
  set_formula(*b.module);
  b.module->train(c.train);
  autograd::NoGradGuard g;
  Tensor y = b.forward(make_input(c.input_shape));
  Tensor expected = tensor(c.output).view(c.output_shape);
  double scale = 0;
  for (float v : c.output) scale = std::max(scale, static_cast<double>(std::fabs(v)));
  EXPECT_TRUE(test::tensors_close(y, expected, 1e-4, 1e-4 * scale));
}

INSTANTIATE_TEST_SUITE_P(Torchvision, VisionModels,
                         ::testing::Values("resnet18", "resnet18_train", "resnet50", "mobilenet_v2",
                                           "squeezenet1_1", "densenet121", "vgg11_bn", "alexnet"));
// vgg11_bn: names and shapes only (filling its 130M parameters dominates the time);
// AlexNet runs the same features/avgpool/classifier structure.
INSTANTIATE_TEST_SUITE_P(Torchvision, VisionModelOutputs,
                         ::testing::Values("resnet18", "resnet18_train", "resnet50", "mobilenet_v2",
                                           "squeezenet1_1", "densenet121", "alexnet"));

TEST(VisionModelsInit, SeededInitIsTorchvisions) {
  // torch.manual_seed(0); torchvision.models.squeezenet1_1(num_classes=10)
  manual_seed(0);
  auto m = vm::squeezenet1_1(10);
  std::vector<double> sums;
  for (const auto& item : m->state_dict())
    if (item.value().dtype() == kFloat) sums.push_back(item.value().abs().sum().item<double>());
  const auto& expected = models_data::squeezenet1_1_seed0_abs_sums;
  ASSERT_EQ(sums.size(), expected.size());
  for (size_t i = 0; i < sums.size(); ++i) EXPECT_NEAR(sums[i], expected[i], 1e-4 * (1 + expected[i])) << i;
}

TEST(VisionModelsInit, ZeroInitResidualAndBatchNormInit) {
  auto m = vm::ResNet(vm::ResNetOptions(vm::ResNetBlock::kBasic, {1, 1, 1, 1}).zero_init_residual(true));
  auto sd = m->state_dict();
  EXPECT_EQ(sd["layer1.0.bn2.weight"].abs().sum().item<double>(), 0.0);
  EXPECT_EQ(sd["layer1.0.bn1.weight"].sum().item<double>(), 64.0);
  EXPECT_EQ(sd["bn1.bias"].abs().sum().item<double>(), 0.0);
}

TEST(VisionModelsIO, SaveLoadRoundTrip) {
  auto a = vm::mobilenet_v2(10);
  set_formula(*a);
  auto path = (std::filesystem::temp_directory_path() / "wick_models_test_mnv2.pt").string();
  save(a, path);
  auto b = vm::mobilenet_v2(10);
  load(b, path);
  a->eval();
  b->eval();
  autograd::NoGradGuard g;
  Tensor x = make_input({1, 3, 32, 32});
  EXPECT_TRUE(a->forward(x).equal(b->forward(x)));
  auto wrong = vm::mobilenet_v2(1000);  // classifier shape differs: strict load fails
  EXPECT_NE(test::error_of([&] { load(wrong, path); }).find("classifier.1.weight"), std::string::npos);
  std::filesystem::remove(path);
}

TEST(VisionModelsOptions, VariantsHaveTorchvisionsShapes) {
  auto rx = vm::resnext50_32x4d(10);
  EXPECT_EQ(rx->state_dict()["layer1.0.conv2.weight"].sizes().vec(), (std::vector<int64_t>{128, 4, 3, 3}));
  auto wide = vm::wide_resnet50_2(10);
  EXPECT_EQ(wide->state_dict()["layer1.0.conv1.weight"].sizes().vec(), (std::vector<int64_t>{128, 64, 1, 1}));
  auto dil = vm::ResNet(vm::ResNetOptions(vm::ResNetBlock::kBottleneck, {1, 1, 1, 1})
                            .num_classes(3)
                            .replace_stride_with_dilation({false, true, true}));
  autograd::NoGradGuard g;
  dil->eval();
  EXPECT_EQ(dil->layer4->ptr<vm::BottleneckImpl>(0)->conv2->options.dilation()[0], 2);
  EXPECT_EQ(dil->forward(make_input({1, 3, 32, 32})).sizes().vec(), (std::vector<int64_t>{1, 3}));
  auto half = vm::mobilenet_v2(10, 0.5);
  EXPECT_EQ(half->last_channel, 1280);
  EXPECT_EQ(half->state_dict()["features.0.0.weight"].size(0), 16);
  EXPECT_EQ(vm::make_divisible(32 * 0.35, 8), 16);
  EXPECT_EQ(vm::make_divisible(1280 * 1.4, 8), 1792);
  EXPECT_EQ(vm::squeezenet1_0(5)->state_dict()["classifier.1.weight"].sizes().vec(),
            (std::vector<int64_t>{5, 512, 1, 1}));
  EXPECT_EQ(vm::densenet161(4)->state_dict()["classifier.weight"].sizes().vec(),
            (std::vector<int64_t>{4, 2208}));
}

TEST(VisionModelsErrors, TorchvisionsMessages) {
  EXPECT_TRUE(test::raises<ValueError>([] { vm::SqueezeNet("1_2"); }));
  EXPECT_NE(test::error_of([] { vm::SqueezeNet("1_2"); }).find("Unsupported SqueezeNet version 1_2: 1_0 or 1_1 expected"),
            std::string::npos);
  EXPECT_TRUE(test::raises<ValueError>([] { vm::BasicBlock(64, 64, 1, nullptr, 2); }));
  EXPECT_NE(test::error_of([] { vm::BasicBlock(64, 64, 1, nullptr, 2); }).find("BasicBlock only supports groups=1 and base_width=64"),
            std::string::npos);
  EXPECT_TRUE(test::raises<NotImplementedError>([] {
    vm::ResNet(vm::ResNetOptions(vm::ResNetBlock::kBasic, {2, 2, 2, 2}).replace_stride_with_dilation({false, false, true}));
  }));
  EXPECT_NE(test::error_of([] {
              vm::ResNet(vm::ResNetOptions(vm::ResNetBlock::kBasic, {1, 1, 1, 1}).replace_stride_with_dilation({true}));
            }).find("replace_stride_with_dilation should be None or a 3-element tuple, got [True]"),
            std::string::npos);
  EXPECT_NE(test::error_of([] { vm::InvertedResidual(8, 8, 3, 6); }).find("stride should be 1 or 2 instead of 3"),
            std::string::npos);
}

}  // namespace
