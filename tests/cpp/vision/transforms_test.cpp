// wick::vision::transforms (functional ops and classes) against torchvision 0.14's tensor path,
// baked by gen_transforms_data.py.
#include <gtest/gtest.h>

#include "test_utils.h"
#include "vision/transforms_test_data.h"
#include "wick/vision/transforms/functional.h"
#include "wick/vision/transforms/transforms.h"
#include "wick/wick.h"

namespace {
namespace VF = wick::vision::transforms::functional;
namespace VT = wick::vision::transforms;
namespace D = transforms_data;
using wick::Tensor;
using Mode = VF::InterpolationMode;

Tensor make(const D::Case& c) { return wick::tensor(c.values, wick::kDouble).reshape(c.shape).to(c.dtype); }

// Same sizes and dtype; values within atol (uint8 interpolation may differ by one grey level).
::testing::AssertionResult same(const Tensor& actual, const D::Case& expected, double atol = 0) {
  return wick::test::tensors_close(actual, make(expected), 0, atol);
}

const Tensor& u8() {
  static Tensor t = make(D::u8);
  return t;
}
const Tensor& f32() {
  static Tensor t = make(D::f32);
  return t;
}

struct Img {
  const char* tag;
  Tensor img;
  double interp_tol;  // bilinear / bicubic tolerance
};
std::vector<Img> images() { return {{"u8", u8(), 1.0}, {"f32", f32(), 1e-5}}; }

#define CASE(prefix, tag) (std::string(tag) == "u8" ? D::prefix##_u8 : D::prefix##_f32)

TEST(VisionTransformsF, Resize) {
  for (auto& [tag, img, tol] : images()) {
    SCOPED_TRACE(tag);
    EXPECT_TRUE(same(VF::resize(img, {10, 13}, Mode::Nearest), CASE(resize_nearest_up, tag)));
    EXPECT_TRUE(same(VF::resize(img, {4, 5}, Mode::Nearest), CASE(resize_nearest_down, tag)));
    EXPECT_TRUE(same(VF::resize(img, {5}, Mode::Nearest), CASE(resize_nearest_edge, tag)));
    EXPECT_TRUE(same(VF::resize(img, {10, 13}, Mode::Bilinear), CASE(resize_bilinear_up, tag), tol));
    EXPECT_TRUE(same(VF::resize(img, {4, 5}, Mode::Bilinear), CASE(resize_bilinear_down, tag), tol));
    EXPECT_TRUE(same(VF::resize(img, {5}, Mode::Bilinear), CASE(resize_bilinear_edge, tag), tol));
    EXPECT_TRUE(same(VF::resize(img, {10, 13}, Mode::Bicubic), CASE(resize_bicubic_up, tag), tol));
    EXPECT_TRUE(same(VF::resize(img, {4, 5}, Mode::Bicubic), CASE(resize_bicubic_down, tag), tol));
    EXPECT_TRUE(same(VF::resize(img, {5}, Mode::Bicubic), CASE(resize_bicubic_edge, tag), tol));
    EXPECT_TRUE(same(VF::resize(img, {3, 4}, Mode::Bilinear, std::nullopt, true), CASE(resize_aa_bilinear, tag), tol));
    EXPECT_TRUE(same(VF::resize(img, {3, 4}, Mode::Bicubic, std::nullopt, true), CASE(resize_aa_bicubic, tag), tol));
    EXPECT_TRUE(same(VF::resize(img, {5}, Mode::Bilinear, 6), CASE(resize_max_size, tag), tol));
  }
  EXPECT_TRUE(VF::resize(u8(), {7, 9}).is_same(u8()));
  EXPECT_TRUE(same(VF::resize(make(D::batch_u8), {5, 6}), D::batch_resize_bilinear, 1.0));
  // several leading dims: [1, 2, 3, H, W]
  Tensor five = VF::resize(make(D::batch_u8).unsqueeze(0), {5, 6});
  EXPECT_TRUE(same(five.squeeze(0), D::batch_resize_bilinear, 1.0));
}

TEST(VisionTransformsF, ResizeErrors) {
  try {
    VF::resize(f32(), {5}, Mode::Bilinear, 5);
    FAIL();
  } catch (const wick::ValueError& e) {
    EXPECT_STREQ(e.what(), "max_size = 5 must be strictly greater than the requested size for the smaller edge size = [5]");
  }
  EXPECT_THROW(VF::resize(f32(), {5, 6}, Mode::Bilinear, 9), wick::ValueError);
  EXPECT_THROW(VF::resize(f32(), {1, 2, 3}), wick::ValueError);
  try {
    VF::resize(f32(), {4, 4}, Mode::Nearest, std::nullopt, true);
    FAIL();
  } catch (const wick::ValueError& e) {
    EXPECT_STREQ(e.what(), "Antialias option is supported for bilinear and bicubic interpolation modes only");
  }
  try {
    VF::resize(wick::zeros({3}), {2, 2});
    FAIL();
  } catch (const wick::TypeError& e) {
    EXPECT_STREQ(e.what(), "Tensor is not a torch image.");
  }
}

TEST(VisionTransformsF, CropsPadsFlips) {
  for (auto& [tag, img, tol] : images()) {
    SCOPED_TRACE(tag);
    EXPECT_TRUE(same(VF::crop(img, -2, 3, 6, 10), CASE(crop_out, tag)));
    EXPECT_TRUE(same(VF::center_crop(img, {4, 6}), CASE(center_crop, tag)));
    EXPECT_TRUE(same(VF::center_crop(img, {10, 8}), CASE(center_crop_pad, tag)));
    EXPECT_TRUE(same(VF::pad(img, {1, 2, 3, 4}, 7, "constant"), CASE(pad_constant, tag)));
    EXPECT_TRUE(same(VF::pad(img, {1, 2, 3, 4}, 7, "edge"), CASE(pad_edge, tag)));
    EXPECT_TRUE(same(VF::pad(img, {1, 2, 3, 4}, 7, "reflect"), CASE(pad_reflect, tag)));
    EXPECT_TRUE(same(VF::pad(img, {1, 2, 3, 4}, 7, "symmetric"), CASE(pad_symmetric, tag)));
    EXPECT_TRUE(same(VF::pad(img, {-1, 2, 0, 3}, 0, "symmetric"), CASE(pad_symmetric_neg, tag)));
    EXPECT_TRUE(same(VF::pad(img, {2, 1}, 3), CASE(pad_two, tag)));
    EXPECT_TRUE(VF::hflip(img).equal(img.flip({-1})));
    EXPECT_TRUE(VF::vflip(img).equal(img.flip({-2})));
    auto five = VF::five_crop(img, {3, 4});
    ASSERT_EQ(five.size(), 5u);
    EXPECT_TRUE(five[0].equal(img.slice(-2, 0, 3).slice(-1, 0, 4)));
    EXPECT_TRUE(five[3].equal(img.slice(-2, 4, 7).slice(-1, 5, 9)));
    EXPECT_TRUE(same(five[4], CASE(five_center, tag)));
    auto ten = VF::ten_crop(img, {3, 4}, true);
    ASSERT_EQ(ten.size(), 10u);
    EXPECT_TRUE(same(ten[9], CASE(ten_last, tag)));
  }
  try {
    VF::pad(f32(), {1}, 0, "wrap");
    FAIL();
  } catch (const wick::ValueError& e) {
    EXPECT_STREQ(e.what(), "Padding mode should be either constant, edge, reflect or symmetric");
  }
  try {
    VF::pad(f32(), {1, 2, 3});
    FAIL();
  } catch (const wick::ValueError& e) {
    EXPECT_STREQ(e.what(), "Padding must be an int or a 1, 2, or 4 element tuple, not a 3 element tuple");
  }
  try {
    VF::five_crop(f32(), {8, 2});
    FAIL();
  } catch (const wick::ValueError& e) {
    EXPECT_STREQ(e.what(), "Requested crop size (8, 2) is bigger than input size (7, 9)");
  }
}

TEST(VisionTransformsF, RotateAffine) {
  for (auto& [tag, img, tol] : images()) {
    SCOPED_TRACE(tag);
    EXPECT_TRUE(same(VF::rotate(img, 30, Mode::Nearest), CASE(rotate_nearest, tag)));
    EXPECT_TRUE(same(VF::rotate(img, 30, Mode::Bilinear), CASE(rotate_bilinear, tag), tol));
    std::vector<double> fill3 = {1.0, 2.0, 3.0};
    EXPECT_TRUE(same(VF::rotate(img, -45.5, Mode::Nearest, true, std::nullopt, fill3), CASE(rotate_expand_nearest, tag)));
    EXPECT_TRUE(same(VF::rotate(img, -45.5, Mode::Bilinear, true, std::nullopt, fill3), CASE(rotate_expand_bilinear, tag), tol));
    std::vector<double> c = {2, 3}, f5 = {5.0};
    EXPECT_TRUE(same(VF::rotate(img, 90, Mode::Nearest, false, c, f5), CASE(rotate_center_nearest, tag)));
    EXPECT_TRUE(same(VF::rotate(img, 90, Mode::Bilinear, false, c, f5), CASE(rotate_center_bilinear, tag), tol));
    std::vector<double> c34 = {3, 4};
    EXPECT_TRUE(same(VF::affine(img, 20, {1, 2}, 1.2, {5, 3}, Mode::Nearest, std::nullopt, c34), CASE(affine_nearest, tag)));
    EXPECT_TRUE(same(VF::affine(img, 20, {1, 2}, 1.2, {5, 3}, Mode::Bilinear, std::nullopt, c34), CASE(affine_bilinear, tag), tol));
    std::vector<double> f9 = {9.0};
    EXPECT_TRUE(same(VF::affine(img, -10, {0, -3}, 0.8, {12.0}, Mode::Nearest, f9), CASE(affine_fill_nearest, tag)));
    EXPECT_TRUE(same(VF::affine(img, -10, {0, -3}, 0.8, {12.0}, Mode::Bilinear, f9), CASE(affine_fill_bilinear, tag), tol));
  }
  EXPECT_TRUE(same(VF::rotate(make(D::batch_u8).to(wick::kFloat), 20, Mode::Bilinear), D::batch_rotate_bilinear, 1e-3));  // 0..255 floats
  try {
    VF::rotate(f32(), 10, Mode::Nearest, false, std::nullopt, std::vector<double>{1, 2});
    FAIL();
  } catch (const wick::ValueError& e) {
    EXPECT_STREQ(e.what(), "The number of elements in 'fill' cannot broadcast to match the number of channels of the image (2 != 3)");
  }
  EXPECT_THROW(VF::rotate(f32(), 10, Mode::Bicubic), wick::ValueError);
  try {
    VF::affine(f32(), 0, {0, 0}, 0.0, {0});
    FAIL();
  } catch (const wick::ValueError& e) {
    EXPECT_STREQ(e.what(), "Argument scale should be positive");
  }
}

TEST(VisionTransformsF, Perspective) {
  // float32 least squares by LAPACK gels, as torchvision
  std::vector<std::vector<double>> sp = {{0, 0}, {8, 0}, {8, 6}, {0, 6}}, ep = {{1, 1}, {7, 0}, {6, 5}, {2, 6}};
  EXPECT_TRUE(same(wick::tensor(VF::perspective_coeffs(sp, ep), wick::kDouble), D::perspective_coeffs, 1e-5));
  for (auto& [tag, img, tol] : images()) {
    SCOPED_TRACE(tag);
    EXPECT_TRUE(same(VF::perspective(img, sp, ep, Mode::Nearest, std::vector<double>{1, 2, 3}),
                     CASE(perspective_nearest, tag)));
    EXPECT_TRUE(same(VF::perspective(img, sp, ep, Mode::Bilinear), CASE(perspective_bilinear, tag),
                     std::string(tag) == "u8" ? 1.0 : 1e-4));
  }
  EXPECT_THROW(VF::perspective_coeffs({{0, 0}}, ep), wick::ValueError);
}

TEST(VisionTransformsF, ElasticTransform) {
  Tensor disp = make(D::elastic_disp);
  for (auto& [tag, img, tol] : images()) {
    SCOPED_TRACE(tag);
    EXPECT_TRUE(same(VF::elastic_transform(img, disp), CASE(elastic_bilinear, tag), tol));
    EXPECT_TRUE(same(VF::elastic_transform(img, disp, Mode::Nearest, std::vector<double>{4}), CASE(elastic_nearest, tag)));
  }
  try {
    VF::elastic_transform(f32(), wick::zeros({1, 2, 2, 2}));
    FAIL();
  } catch (const wick::ValueError& e) {
    EXPECT_STREQ(e.what(), "Argument displacement shape should be (1, 7, 9, 2), but given torch.Size([1, 2, 2, 2])");
  }
}

TEST(VisionTransformsF, Color) {
  for (auto& [tag, img, tol] : images()) {
    SCOPED_TRACE(tag);
    EXPECT_TRUE(same(VF::rgb_to_grayscale(img), CASE(gray1, tag)));
    EXPECT_TRUE(same(VF::rgb_to_grayscale(img, 3), CASE(gray3, tag)));
    EXPECT_TRUE(same(VF::adjust_brightness(img, 1.3), CASE(brightness, tag)));
    EXPECT_TRUE(same(VF::adjust_contrast(img, 0.7), CASE(contrast, tag), tol));
    EXPECT_TRUE(same(VF::adjust_saturation(img, 0.4), CASE(saturation, tag), tol));
    EXPECT_TRUE(same(VF::adjust_hue(img, 0.2), CASE(hue, tag), tol));
    EXPECT_TRUE(same(VF::adjust_hue(img, -0.45), CASE(hue_neg, tag), tol));
    EXPECT_TRUE(same(VF::adjust_gamma(img, 0.5, 1.1), CASE(gamma, tag), tol));
    EXPECT_TRUE(same(VF::invert(img), CASE(invert, tag)));
    EXPECT_TRUE(same(VF::gaussian_blur(img, {3, 5}, std::vector<double>{0.8, 1.2}), CASE(blur, tag), tol));
    EXPECT_TRUE(same(VF::gaussian_blur(img, {5, 3}), CASE(blur_default, tag), tol));
  }
  EXPECT_TRUE(same(VF::adjust_hue(make(D::batch_u8), 0.1), D::batch_hue, 1.0));
  try {
    VF::adjust_brightness(f32(), -1);
    FAIL();
  } catch (const wick::ValueError& e) {
    EXPECT_STREQ(e.what(), "brightness_factor (-1) is not non-negative.");
  }
  try {
    VF::adjust_hue(f32(), 0.7);
    FAIL();
  } catch (const wick::ValueError& e) {
    EXPECT_STREQ(e.what(), "hue_factor (0.7) is not in [-0.5, 0.5].");
  }
  try {
    VF::rgb_to_grayscale(wick::zeros({2, 4, 4}));
    FAIL();
  } catch (const wick::TypeError& e) {
    EXPECT_STREQ(e.what(), "Input image tensor permitted channel values are [1, 3], but found 2");
  }
  try {
    VF::gaussian_blur(f32(), {4});
    FAIL();
  } catch (const wick::ValueError& e) {
    EXPECT_STREQ(e.what(), "kernel_size should have odd and positive integers. Got [4, 4]");
  }
}

TEST(VisionTransformsF, SharpnessSolarizeAutocontrastPosterizeEqualize) {
  Tensor u8c = make(D::u8c), f32c = u8c.to(wick::kFloat) / 255;
  EXPECT_TRUE(same(VF::solarize(u8c, 100), D::solarize_u8));
  EXPECT_TRUE(same(VF::solarize(f32c, 0.4), D::solarize_f32));
  EXPECT_TRUE(same(VF::adjust_sharpness(u8c, 1.7), D::sharpness_u8, 1.0));
  EXPECT_TRUE(same(VF::adjust_sharpness(f32c, 1.7), D::sharpness_f32, 1e-6));
  EXPECT_TRUE(same(VF::autocontrast(u8c), D::autocontrast_u8));
  EXPECT_TRUE(same(VF::autocontrast(f32c), D::autocontrast_f32, 1e-6));
  EXPECT_TRUE(same(VF::posterize(u8c, 3), D::posterize3));
  EXPECT_TRUE(same(VF::posterize(u8c, 0), D::posterize0));
  EXPECT_TRUE(same(VF::equalize(u8c), D::equalize));
  EXPECT_TRUE(same(VF::equalize(u8c.unsqueeze(0)).squeeze(0), D::equalize));
  try {
    VF::posterize(f32c, 3);
    FAIL();
  } catch (const wick::TypeError& e) {
    EXPECT_STREQ(e.what(), "Only torch.uint8 image tensors are supported, but found torch.float32");
  }
  try {
    VF::solarize(u8c, 300);
    FAIL();
  } catch (const wick::TypeError& e) {
    EXPECT_STREQ(e.what(), "Threshold should be less than bound of img.");
  }
  EXPECT_THROW(VF::posterize(u8c, 9), wick::ValueError);
  EXPECT_THROW(VF::equalize(u8c[0]), wick::TypeError);
}

TEST(VisionTransformsF, DtypeNormalizeErase) {
  EXPECT_TRUE(same(VF::convert_image_dtype(u8(), wick::kDouble), D::convert_u8_f64));
  EXPECT_TRUE(same(VF::convert_image_dtype(f32(), wick::kByte), D::convert_f32_u8));
  EXPECT_TRUE(same(VF::convert_image_dtype(u8(), wick::kShort), D::convert_u8_i16));
  EXPECT_TRUE(same(VF::convert_image_dtype(VF::convert_image_dtype(u8(), wick::kShort) + 100, wick::kByte),
                   D::convert_i16_u8));
  EXPECT_TRUE(same(VF::convert_image_dtype(f32().to(wick::kDouble), wick::kInt), D::convert_f64_i32));
  EXPECT_TRUE(VF::convert_image_dtype(f32(), wick::kFloat).is_same(f32()));
  try {
    VF::convert_image_dtype(f32(), wick::kLong);
    FAIL();
  } catch (const wick::Error& e) {
    EXPECT_STREQ(e.what(), "The cast from torch.float32 to torch.int64 cannot be performed safely.");
  }
  EXPECT_TRUE(same(VF::normalize(f32(), {0.5, 0.4, 0.3}, {0.2, 0.3, 0.4}), D::normalize, 1e-6));
  Tensor x = f32().clone();
  Tensor y = VF::normalize(x, {0.5}, {0.25}, true);
  EXPECT_TRUE(y.is_same(x));
  EXPECT_FALSE(x.equal(f32()));
  try {
    VF::normalize(u8(), {0.5}, {0.5});
    FAIL();
  } catch (const wick::TypeError& e) {
    EXPECT_STREQ(e.what(), "Input tensor should be a float tensor. Got torch.uint8.");
  }
  try {
    VF::normalize(f32(), {0.5}, {0.0});
    FAIL();
  } catch (const wick::ValueError& e) {
    EXPECT_STREQ(e.what(), "std evaluated to zero after conversion to torch.float32, leading to division by zero.");
  }
  Tensor e = VF::erase(u8(), 1, 2, 3, 4, wick::zeros({3, 1, 1}, wick::kByte));
  EXPECT_EQ(e.slice(-2, 1, 4).slice(-1, 2, 6).sum().item<int64_t>(), 0);
  EXPECT_TRUE(e.slice(-2, 4, 7).equal(u8().slice(-2, 4, 7)));
  EXPECT_FALSE(u8().equal(e));  // not in place
}

// Seeded random transforms: the same output and generator state as torchvision after torch.manual_seed.
void check_seeded(const std::string& name, VT::Transform& t, const std::vector<const D::Case*>& out,
                  const std::vector<const D::Case*>& next) {
  double atol = 1e-5;
  for (size_t k = 0; k < D::seeds.size(); ++k) {
    SCOPED_TRACE(name + " seed " + std::to_string(D::seeds[k]));
    wick::manual_seed(D::seeds[k]);
    EXPECT_TRUE(same(t(f32()), *out[k], atol));
    EXPECT_TRUE(same(wick::rand({1}), *next[k]));
  }
}
#define SEEDED(name, ...)                                                                               \
  do {                                                                                                   \
    auto t = __VA_ARGS__;                                                                                \
    check_seeded(#name, t, {&D::seed_##name##_0, &D::seed_##name##_1, &D::seed_##name##_2, &D::seed_##name##_7}, \
                 {&D::seed_##name##_0_next, &D::seed_##name##_1_next, &D::seed_##name##_2_next,          \
                  &D::seed_##name##_7_next});                                                            \
  } while (0)

TEST(VisionTransforms, SeededLikeTorchvision) {
  SEEDED(RandomCrop, VT::RandomCrop({5}, std::vector<int64_t>{1, 2}, false, 3));
  SEEDED(RandomCropPad, VT::RandomCrop({9, 11}, std::nullopt, true, 0, "reflect"));
  SEEDED(RandomResizedCrop, VT::RandomResizedCrop({5}));
  SEEDED(RandomResizedCropTall, VT::RandomResizedCrop({6, 3}, {0.9, 1.0}, {0.2, 0.3}));
  SEEDED(RandomHorizontalFlip, VT::RandomHorizontalFlip());
  SEEDED(RandomVerticalFlip, VT::RandomVerticalFlip());
  SEEDED(RandomRotation, VT::RandomRotation({40}, Mode::Bilinear, true, std::nullopt, {2}));
  SEEDED(RandomAffine, VT::RandomAffine({20}, std::vector<double>{0.2, 0.1}, std::vector<double>{0.7, 1.3},
                                        std::vector<double>{-5, 5, -3, 3}));
  SEEDED(RandomGrayscale, VT::RandomGrayscale(0.5));
  SEEDED(ColorJitter, VT::ColorJitter({0.4}, {0.4}, {0.4}, {0.1}));
  SEEDED(GaussianBlur, VT::GaussianBlur({3, 5}));
  SEEDED(RandomErasing, VT::RandomErasing(0.9, {0.02, 0.33}, {0.3, 3.3}, {0}, false, true));
  SEEDED(RandomErasingValue, VT::RandomErasing(0.9, {0.02, 0.33}, {0.3, 3.3}, {1, 2, 3}));
  SEEDED(RandomApply, VT::RandomApply({std::make_shared<VT::RandomHorizontalFlip>(1.0),
                                       std::make_shared<VT::CenterCrop>(std::vector<int64_t>{5})}, 0.5));
  SEEDED(RandomInvert, VT::RandomInvert());
  SEEDED(RandomPerspective, VT::RandomPerspective(0.6, 0.8, Mode::Bilinear, {1, 2, 3}));
  SEEDED(RandomSolarize, VT::RandomSolarize(0.4));
  SEEDED(RandomAdjustSharpness, VT::RandomAdjustSharpness(2.0));
  SEEDED(RandomAutocontrast, VT::RandomAutocontrast());
  SEEDED(Compose, VT::Compose({std::make_shared<VT::RandomResizedCrop>(std::vector<int64_t>{6}),
                               std::make_shared<VT::RandomHorizontalFlip>(),
                               std::make_shared<VT::Normalize>(std::vector<double>{0.5, 0.5, 0.5},
                                                               std::vector<double>{0.2, 0.2, 0.2})}));
}

TEST(VisionTransforms, ElasticTransformSeeded) {
  VT::ElasticTransform t({20.0}, {2.0}, Mode::Bilinear, 0.5);
  const D::Case* out[] = {&D::seed_Elastic_0, &D::seed_Elastic_1, &D::seed_Elastic_2, &D::seed_Elastic_7};
  const D::Case* next[] = {&D::seed_Elastic_0_next, &D::seed_Elastic_1_next, &D::seed_Elastic_2_next,
                           &D::seed_Elastic_7_next};
  for (size_t k = 0; k < D::seeds.size(); ++k) {
    wick::manual_seed(D::seeds[k]);
    EXPECT_TRUE(same(t(make(D::big)), *out[k], 1e-4));
    EXPECT_TRUE(same(wick::rand({1}), *next[k]));
  }
  EXPECT_EQ(VT::ElasticTransform().repr(), D::repr_ElasticTransform);
}

TEST(VisionTransforms, Reprs) {
  using std::make_shared;
  EXPECT_EQ(VT::Compose({make_shared<VT::CenterCrop>(std::vector<int64_t>{3}),
                         make_shared<VT::Normalize>(std::vector<double>{0.5}, std::vector<double>{0.5})}).repr(),
            D::repr_Compose);
  EXPECT_EQ(VT::Resize({8}).repr(), D::repr_Resize);
  EXPECT_EQ(VT::Resize({8, 9}, Mode::Bicubic, std::nullopt, true).repr(), D::repr_Resize2);
  EXPECT_EQ(VT::CenterCrop({5}).repr(), D::repr_CenterCrop);
  EXPECT_EQ(VT::Pad({1, 2}, 3, "edge").repr(), D::repr_Pad);
  EXPECT_EQ(VT::RandomCrop({5}, std::vector<int64_t>{2}).repr(), D::repr_RandomCrop);
  EXPECT_EQ(VT::RandomResizedCrop({6}, {0.5, 1.0}).repr(), D::repr_RandomResizedCrop);
  EXPECT_EQ(VT::RandomHorizontalFlip().repr(), D::repr_RandomHorizontalFlip);
  EXPECT_EQ(VT::RandomVerticalFlip(0.3).repr(), D::repr_RandomVerticalFlip);
  EXPECT_EQ(VT::RandomRotation({30}).repr(), D::repr_RandomRotation);
  EXPECT_EQ(VT::RandomAffine({20}, std::vector<double>{0.1, 0.2}, std::vector<double>{0.8, 1.2},
                             std::vector<double>{10}, Mode::Bilinear, {1}).repr(),
            D::repr_RandomAffine);
  EXPECT_EQ(VT::Grayscale(3).repr(), D::repr_Grayscale);
  EXPECT_EQ(VT::RandomGrayscale().repr(), D::repr_RandomGrayscale);
  EXPECT_EQ(VT::ColorJitter({0.4}, {0.5, 1.5}, {0}, {0.1}).repr(), D::repr_ColorJitter);
  EXPECT_EQ(VT::GaussianBlur({3}, {0.5, 1.0}).repr(), D::repr_GaussianBlur);
  EXPECT_EQ(VT::RandomErasing().repr(), D::repr_RandomErasing);
  EXPECT_EQ(VT::RandomApply({make_shared<VT::RandomHorizontalFlip>()}, 0.3).repr(), D::repr_RandomApply);
  EXPECT_EQ(VT::FiveCrop({3}).repr(), D::repr_FiveCrop);
  EXPECT_EQ(VT::TenCrop({3, 4}, true).repr(), D::repr_TenCrop);
  EXPECT_EQ(VT::ConvertImageDtype(wick::kFloat).repr(), D::repr_ConvertImageDtype);
  EXPECT_EQ(VT::Normalize({0.485, 0.456, 0.406}, {0.229, 0.224, 0.225}).repr(), D::repr_Normalize);
  EXPECT_EQ(VT::RandomInvert().repr(), D::repr_RandomInvert);
  EXPECT_EQ(VT::RandomPosterize(3, 0.3).repr(), D::repr_RandomPosterize);
  EXPECT_EQ(VT::RandomSolarize(0.4).repr(), D::repr_RandomSolarize);
  EXPECT_EQ(VT::RandomAdjustSharpness(2.0).repr(), D::repr_RandomAdjustSharpness);
  EXPECT_EQ(VT::RandomAutocontrast().repr(), D::repr_RandomAutocontrast);
  EXPECT_EQ(VT::RandomEqualize(0.2).repr(), D::repr_RandomEqualize);
}

TEST(VisionTransforms, ClassesAndErrors) {
  EXPECT_TRUE(VT::ConvertImageDtype(wick::kDouble)(u8()).equal(make(D::convert_u8_f64)));
  EXPECT_TRUE(VT::Lambda([](const Tensor& t) { return t.flip({0}); })(u8()).equal(u8().flip({0})));
  EXPECT_TRUE(VT::Grayscale()(u8()).equal(make(D::gray1_u8)));
  EXPECT_EQ(VT::TenCrop({3, 4})(u8()).size(), 10u);
  EXPECT_TRUE(VT::FiveCrop({3, 4})(f32())[4].equal(make(D::five_center_f32)));
  // RandomChoice / RandomOrder draw from wick's generator (torchvision uses Python's random)
  VT::RandomChoice choice({std::make_shared<VT::CenterCrop>(std::vector<int64_t>{3}),
                           std::make_shared<VT::CenterCrop>(std::vector<int64_t>{5})}, std::vector<double>{0, 1});
  EXPECT_EQ(choice(f32()).size(-1), 5);
  VT::RandomOrder order({std::make_shared<VT::Pad>(std::vector<int64_t>{1}), std::make_shared<VT::CenterCrop>(std::vector<int64_t>{5})});
  int64_t w = order(f32()).size(-1);  // pad then crop: 5 wide; crop then pad: 7 wide
  EXPECT_TRUE(w == 5 || w == 7) << w;
  try {
    VT::RandomCrop({8})(f32());
    FAIL();
  } catch (const wick::ValueError& e) {
    EXPECT_STREQ(e.what(), "Required crop size (8, 8) is larger than input image size (7, 9)");
  }
  try {
    VT::RandomRotation({-3});
    FAIL();
  } catch (const wick::ValueError& e) {
    EXPECT_STREQ(e.what(), "If degrees is a single number, it must be positive.");
  }
  try {
    VT::RandomAffine({0}, std::nullopt, std::nullopt, std::vector<double>{1, 2, 3});
    FAIL();
  } catch (const wick::ValueError& e) {
    EXPECT_STREQ(e.what(), "shear should be a sequence of length 2 or 4.");
  }
  try {
    VT::ColorJitter({-1});
    FAIL();
  } catch (const wick::ValueError& e) {
    EXPECT_STREQ(e.what(), "If brightness is a single number, it must be non negative.");
  }
  try {
    VT::ColorJitter({0}, {0}, {0}, {0, 0.7});
    FAIL();
  } catch (const wick::ValueError& e) {
    EXPECT_STREQ(e.what(), "hue values should be between (-0.5, 0.5)");
  }
  try {
    VT::GaussianBlur({4});
    FAIL();
  } catch (const wick::ValueError& e) {
    EXPECT_STREQ(e.what(), "Kernel size value should be an odd and positive number.");
  }
  try {
    VT::RandomErasing(2.0);
    FAIL();
  } catch (const wick::ValueError& e) {
    EXPECT_STREQ(e.what(), "Random erasing probability should be between 0 and 1");
  }
  try {
    VT::CenterCrop({1, 2, 3});
    FAIL();
  } catch (const wick::ValueError& e) {
    EXPECT_STREQ(e.what(), "Please provide only two dimensions (h, w) for size.");
  }
}

TEST(VisionTransforms, AsDataMapTransform) {
  // A Compose works as a wick::data map transform through TensorLambda.
  auto compose = std::make_shared<VT::Compose>(std::vector<VT::TransformPtr>{
      std::make_shared<VT::ConvertImageDtype>(wick::kFloat), std::make_shared<VT::CenterCrop>(std::vector<int64_t>{4})});
  wick::data::transforms::TensorLambda<> lambda([compose](Tensor t) { return (*compose)(t); });
  auto out = lambda.apply({u8(), wick::tensor({3})});
  EXPECT_TRUE(out.data.equal(VF::center_crop(VF::convert_image_dtype(u8()), {4})));
  EXPECT_EQ(out.target.item<int64_t>(), 3);
}

}  // namespace

// torchvision's to_tensor on an ndarray: H x W (x C) -> C x H x W, uint8 / 255, other dtypes kept.
TEST(VisionTransformsF, ToTensor) {
  Tensor gray = wick::tensor({0, 255, 51, 102}, wick::kByte).reshape({2, 2});
  Tensor t = VT::ToTensor()(gray);
  EXPECT_EQ(t.sizes(), (std::vector<int64_t>{1, 2, 2}));
  EXPECT_EQ(t.scalar_type(), wick::kFloat);
  EXPECT_TRUE(t.equal(wick::tensor({0.f, 1.f, 0.2f, 0.4f}).reshape({1, 2, 2})));
  Tensor hwc = wick::arange(6, wick::kInt).reshape({1, 2, 3});
  Tensor chw = VF::to_tensor(hwc);
  EXPECT_EQ(chw.sizes(), (std::vector<int64_t>{3, 1, 2}));
  EXPECT_EQ(chw.scalar_type(), wick::kInt);
  EXPECT_TRUE(chw.is_contiguous());
  EXPECT_EQ(chw[2][0][1].item<int64_t>(), 5);
  EXPECT_EQ(VT::ToTensor().repr(), "ToTensor()");
  try {
    VF::to_tensor(wick::zeros({1, 1, 1, 1}));
    FAIL();
  } catch (const wick::ValueError& e) {
    EXPECT_STREQ(e.what(), "pic should be 2/3 dimensional. Got 4 dimensions.");
  }
}
