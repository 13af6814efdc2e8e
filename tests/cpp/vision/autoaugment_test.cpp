// wick::vision::transforms' AutoAugment / RandAugment / TrivialAugmentWide / AugMix and
// wick::_standard_gamma / _sample_dirichlet against torchvision 0.14 / torch 1.13, seeded the
// same way; expected values baked by gen_autoaugment_data.py.
#include <gtest/gtest.h>

#include <functional>
#include <map>

#include "test_utils.h"
#include "vision/autoaugment_test_data.h"
#include "wick/ops/distributions.h"
#include "wick/vision/transforms/autoaugment.h"
#include "wick/wick.h"

namespace {
namespace VT = wick::vision::transforms;
namespace D = autoaugment_data;
using wick::Tensor;
using Mode = VT::InterpolationMode;
using Policy = VT::AutoAugmentPolicy;
using Fill = std::optional<std::vector<double>>;

Tensor make(const D::Case& c) { return wick::tensor(c.values, wick::kDouble).reshape(c.shape).to(c.dtype); }

// The transforms gen_autoaugment_data.py builds, by key.
std::map<std::string, std::function<VT::TransformPtr()>> transforms() {
  using std::make_shared;
  return {
      {"aa_imagenet", [] { return make_shared<VT::AutoAugment>(); }},
      {"aa_cifar10", [] { return make_shared<VT::AutoAugment>(Policy::CIFAR10, Mode::Nearest, Fill{{7}}); }},
      {"aa_svhn", [] { return make_shared<VT::AutoAugment>(Policy::SVHN, Mode::Nearest, Fill{{1, 2, 3}}); }},
      {"aa_cifar10_bilinear", [] { return make_shared<VT::AutoAugment>(Policy::CIFAR10, Mode::Bilinear); }},
      {"ra_default", [] { return make_shared<VT::RandAugment>(); }},
      {"ra_custom", [] { return make_shared<VT::RandAugment>(3, 5, 11, Mode::Nearest, Fill{{1, 2, 3}}); }},
      {"ta_default", [] { return make_shared<VT::TrivialAugmentWide>(); }},
      {"ta_custom", [] { return make_shared<VT::TrivialAugmentWide>(15, Mode::Nearest, Fill{{7}}); }},
      {"am_default", [] { return make_shared<VT::AugMix>(); }},
      {"am_nearest", [] { return make_shared<VT::AugMix>(3, 3, -1, 1.0, true, Mode::Nearest); }},
      {"am_custom", [] { return make_shared<VT::AugMix>(7, 2, 2, 0.5, false, Mode::Nearest, Fill{{1, 2, 3}}); }},
      {"am_wide", [] { return make_shared<VT::AugMix>(1, 4, 1, 2.0, true, Mode::Nearest, Fill{{9}}); }},
  };
}

// Bilinear uint8 results may differ from torchvision's by a grey level in a few pixels
// (rounding of float sums), which a following AutoContrast / Equalize can widen.
bool bilinear(const std::string& key) { return key == "am_default" || key == "aa_cifar10_bilinear"; }

TEST(VisionAutoAugment, SeededRunsMatchTorchvision) {
  auto ts = transforms();
  int checked = 0, raised = 0;
  for (const D::Run& r : D::runs) {
    SCOPED_TRACE(std::string(r.transform) + " seed " + std::to_string(r.seed));
    auto t = ts.at(r.transform)();
    const Tensor input = make(*r.input);
    wick::manual_seed(static_cast<uint64_t>(r.seed));
    if (!r.output) {  // torchvision raised TypeError (a uint8-only op drawn for a float image)
      std::string msg = wick::test::error_of([&] { (*t)(input); });
      EXPECT_TRUE(wick::test::raises<wick::TypeError>([&] {
        wick::manual_seed(static_cast<uint64_t>(r.seed));
        (*t)(input);
      }));
      EXPECT_EQ(msg.substr(0, 30), std::string(r.error).substr(0, 30)) << msg << " vs " << r.error;
      ++raised;
    } else {
      const Tensor out = (*t)(input);
      const Tensor expected = make(*r.output);
      if (bilinear(r.transform)) {
        EXPECT_TRUE(wick::test::tensors_close(out, expected, 0, 255));
        const double differ = out.ne(expected).to(wick::kDouble).mean().item<double>();
        EXPECT_LT(differ, 0.01);
      } else if (r.input->dtype == wick::kFloat) {
        EXPECT_TRUE(wick::test::tensors_close(out, expected, 0, 1e-6));
      } else {
        EXPECT_TRUE(wick::test::tensors_close(out, expected, 0, 0));
      }
      ++checked;
    }
    // the generator is left where torchvision leaves it
    EXPECT_EQ(wick::rand({1}).item<double>(), r.next);
  }
  EXPECT_GT(checked, 90);
  EXPECT_GT(raised, 0);
}

TEST(VisionAutoAugment, Repr) {
  auto ts = transforms();
  const std::map<std::string, std::string> reprs{
      {"aa_imagenet", D::repr_aa_imagenet}, {"aa_cifar10", D::repr_aa_cifar10},
      {"aa_svhn", D::repr_aa_svhn},         {"aa_cifar10_bilinear", D::repr_aa_cifar10_bilinear},
      {"ra_default", D::repr_ra_default},   {"ra_custom", D::repr_ra_custom},
      {"ta_default", D::repr_ta_default},   {"ta_custom", D::repr_ta_custom},
      {"am_default", D::repr_am_default},   {"am_nearest", D::repr_am_nearest},
      {"am_custom", D::repr_am_custom},     {"am_wide", D::repr_am_wide},
  };
  for (const auto& [key, expected] : reprs) EXPECT_EQ(ts.at(key)()->repr(), expected);
}

TEST(VisionAutoAugment, PoliciesAndErrors) {
  for (Policy p : {Policy::ImageNet, Policy::CIFAR10, Policy::SVHN}) {
    auto subs = VT::AutoAugment::get_policies(p);
    ASSERT_EQ(subs.size(), 25u);
    for (const auto& sp : subs)
      for (const auto& op : sp) {
        EXPECT_GE(op.p, 0.0);
        EXPECT_LE(op.p, 1.0);
        EXPECT_NO_THROW(VT::apply_augment_op(make(D::u8), op.name, 0.0, Mode::Nearest, std::nullopt));
      }
  }
  // spot checks against the published tables
  auto imagenet = VT::AutoAugment::get_policies(Policy::ImageNet);
  EXPECT_EQ(imagenet[0][0].name, "Posterize");
  EXPECT_EQ(imagenet[0][0].p, 0.4);
  EXPECT_EQ(*imagenet[0][0].magnitude_id, 8);
  EXPECT_FALSE(imagenet[1][1].magnitude_id.has_value());
  auto svhn = VT::AutoAugment::get_policies(Policy::SVHN);
  EXPECT_EQ(svhn[24][0].name, "ShearX");
  EXPECT_EQ(svhn[24][1].name, "Invert");
  EXPECT_EQ(svhn[24][1].p, 0.1);
  EXPECT_EQ(VT::AutoAugment().policies().size(), 25u);

  WICK_EXPECT_THROW_MSG(VT::AugMix(0), wick::ValueError, "The severity must be between [1, 10]. Got 0 instead.");
  WICK_EXPECT_THROW_MSG(VT::AugMix(11), wick::ValueError, "The severity must be between [1, 10]. Got 11 instead.");
  WICK_EXPECT_THROW_MSG(VT::apply_augment_op(make(D::u8), "Blur", 1.0, Mode::Nearest, std::nullopt), wick::ValueError,
                        "The provided operator Blur is not recognized.");
  // AutoAugment's space: no Identity, Invert last, 10 bins; TranslateX scales with the width
  auto space = VT::AutoAugment::augmentation_space(10, 20, 30);
  EXPECT_EQ(std::get<0>(space.front()), "ShearX");
  EXPECT_EQ(std::get<0>(space.back()), "Invert");
  EXPECT_FLOAT_EQ(std::get<1>(space[2]).select(0, 9).item<float>(), static_cast<float>(150.0 / 331.0 * 30));
  EXPECT_EQ(VT::RandAugment::augmentation_space(31, 8, 8).size(), 14u);
  EXPECT_EQ(VT::TrivialAugmentWide::augmentation_space(31).size(), 14u);
  EXPECT_EQ(VT::AugMix(3, 3, -1, 1.0, false).augmentation_space(10, 8, 8).size(), 9u);
  EXPECT_EQ(VT::AugMix().augmentation_space(10, 8, 8).size(), 13u);
  // posterize bins as torchvision: 8 - round(arange(31) / 7.5) for RandAugment
  Tensor post = std::get<1>(VT::RandAugment::augmentation_space(31, 8, 8)[10]);
  EXPECT_EQ(post.dtype(), wick::kInt);
  EXPECT_EQ(post.select(0, 0).item<int64_t>(), 8);
  EXPECT_EQ(post.select(0, 30).item<int64_t>(), 4);
}

TEST(Distributions, StandardGammaMatchesTorch) {
  wick::manual_seed(0);
  EXPECT_TRUE(wick::test::tensors_close(wick::_standard_gamma(make(D::gamma_alpha_f32)), make(D::gamma_f32), 0, 0));
  EXPECT_TRUE(wick::test::tensors_close(wick::randn({3}, wick::kDouble), make(D::gamma_f32_next), 0, 0));
  wick::manual_seed(1);
  EXPECT_TRUE(wick::test::tensors_close(wick::_standard_gamma(make(D::gamma_alpha_f64)), make(D::gamma_f64), 0, 0));
  EXPECT_TRUE(wick::test::tensors_close(wick::randn({3}, wick::kDouble), make(D::gamma_f64_next), 0, 0));
  EXPECT_TRUE(wick::test::tensors_close(
      wick::_standard_gamma(wick::tensor(std::vector<double>{0.0, -1.0, NAN, INFINITY}, wick::kFloat)),
      make(D::gamma_edges), 0, 0));
  // a generator of one's own, empty input
  wick::Generator g1, g2;
  g1.manual_seed(5);
  g2.manual_seed(5);
  EXPECT_TRUE(wick::test::tensors_close(wick::_standard_gamma(wick::ones({4}), g1),
                                        wick::_standard_gamma(wick::ones({4}), g2), 0, 0));
  EXPECT_EQ(wick::_standard_gamma(wick::zeros({2, 0})).sizes().vec(), (std::vector<int64_t>{2, 0}));
  WICK_EXPECT_THROW_MSG(wick::_standard_gamma(wick::ones({2}, wick::kLong)), wick::Error,
                        "\"gamma_cpu\" not implemented for 'Long'");
}

TEST(Distributions, SampleDirichletMatchesTorch) {
  wick::manual_seed(2);
  Tensor a = wick::tensor(std::vector<double>{0.3, 2.0, 5.0}, wick::kFloat).expand({4, -1});
  EXPECT_TRUE(wick::test::tensors_close(wick::_sample_dirichlet(a), make(D::dirichlet_f32), 0, 0));
  EXPECT_TRUE(wick::test::tensors_close(wick::randn({3}, wick::kDouble), make(D::dirichlet_f32_next), 0, 0));
  wick::manual_seed(3);
  EXPECT_TRUE(wick::test::tensors_close(wick::_sample_dirichlet(wick::full({2, 3, 4}, 0.7, wick::kDouble)),
                                        make(D::dirichlet_f64), 0, 0));
  EXPECT_TRUE(wick::test::tensors_close(wick::randn({3}, wick::kDouble), make(D::dirichlet_f64_next), 0, 0));
  // rows sum to one; all-zero concentrations split evenly
  Tensor x = wick::_sample_dirichlet(wick::full({500, 3}, 2.0));
  EXPECT_TRUE(wick::test::tensors_close(x.sum(-1), wick::ones({500}), 0, 1e-6));
  EXPECT_NEAR(x.mean().item<double>(), 1.0 / 3, 1e-6);
  EXPECT_TRUE(wick::test::tensors_close(wick::_sample_dirichlet(wick::zeros({2})), wick::full({2}, 0.5), 0, 0));
  WICK_EXPECT_THROW_MSG(wick::_sample_dirichlet(wick::ones({2}, wick::kHalf)), wick::Error,
                        "\"dirichlet\" not implemented for 'Half'");
}

}  // namespace
