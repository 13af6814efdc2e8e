// wick::vision::utils make_grid / save_image: layouts checked by hand (torchvision's
// rules: nrow per row, padding around every image, 1 channel repeated to 3), and
// a PNG round trip through wick's decoder.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "test_utils.h"
#include "wick/vision/io.h"
#include "wick/vision/utils.h"

namespace {

using namespace wick;
namespace vu = wick::vision::utils;
namespace fs = std::filesystem;

Tensor from(const std::vector<float>& v, std::vector<int64_t> shape) {
  return tensor(v).reshape(shape);
}

TEST(VisionUtils, MakeGridLayout) {
  // 3 one-channel 2x2 images, nrow 2, padding 1: a 3 x (2*3+1) x (2*3+1) grid.
  Tensor b = from({1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, {3, 1, 2, 2});
  Tensor g = vu::make_grid(b, vu::MakeGridOptions().nrow(2).padding(1).pad_value(-1));
  ASSERT_EQ(g.sizes().vec(), (std::vector<int64_t>{3, 7, 7}));
  std::vector<double> row1 = {-1, 1, 2, -1, 5, 6, -1};
  std::vector<double> row4 = {-1, 9, 10, -1, -1, -1, -1};
  std::vector<double> row5 = {-1, 11, 12, -1, -1, -1, -1};
  for (int c = 0; c < 3; ++c) {
    EXPECT_EQ(test::values(g.select(0, c).select(0, 1)), row1);
    EXPECT_EQ(test::values(g.select(0, c).select(0, 4)), row4);
    EXPECT_EQ(test::values(g.select(0, c).select(0, 5)), row5);
    EXPECT_EQ(test::values(g.select(0, c).select(0, 0)), std::vector<double>(7, -1));
  }
  // nrow larger than the batch: one row; padding 0 concatenates.
  Tensor flat = vu::make_grid(b, vu::MakeGridOptions().nrow(10).padding(0));
  EXPECT_EQ(flat.sizes().vec(), (std::vector<int64_t>{3, 2, 6}));
  EXPECT_EQ(test::values(flat.select(0, 2).select(0, 1)), (std::vector<double>{3, 4, 7, 8, 11, 12}));
  // A single image comes back unpadded (H x W -> 3 x H x W).
  Tensor one = vu::make_grid(from({1, 2, 3, 4}, {2, 2}));
  EXPECT_EQ(one.sizes().vec(), (std::vector<int64_t>{3, 2, 2}));
  // A list stacks.
  Tensor l = vu::make_grid(std::vector<Tensor>{b[0], b[1]}, vu::MakeGridOptions().padding(0));
  EXPECT_EQ(l.sizes().vec(), (std::vector<int64_t>{3, 2, 4}));
  EXPECT_THROW(vu::make_grid(b, vu::MakeGridOptions().nrow(0)), ValueError);
}

TEST(VisionUtils, MakeGridNormalize) {
  Tensor b = from({0, 2, 4, 8, -2, 2, 6, 10}, {2, 1, 2, 2});
  Tensor g = vu::make_grid(b, vu::MakeGridOptions().padding(0).normalize(true));  // over all: (-2, 10)
  EXPECT_TENSOR_CLOSE(g.select(0, 0).select(0, 0), from({2 / 12.f, 4 / 12.f, 0, 4 / 12.f}, {4}), 1e-6, 1e-6);
  Tensor each = vu::make_grid(b, vu::MakeGridOptions().padding(0).normalize(true).scale_each(true));
  EXPECT_TENSOR_CLOSE(each.select(0, 1).select(0, 1), from({0.5f, 1, 8 / 12.f, 1}, {4}), 1e-6, 1e-6);
  Tensor ranged = vu::make_grid(b, vu::MakeGridOptions().padding(0).normalize(true).value_range(std::pair{0.0, 4.0}));
  EXPECT_TENSOR_CLOSE(ranged.select(0, 0).select(0, 0), from({0, 0.5f, 0, 0.5f}, {4}), 1e-6, 1e-6);
  EXPECT_EQ(test::values(b)[3], 8);  // the input is not modified
  // constant images divide by 1e-5, not 0
  Tensor c = vu::make_grid(from({3, 3, 3, 3}, {1, 1, 2, 2}), vu::MakeGridOptions().normalize(true));
  EXPECT_EQ(test::values(c), std::vector<double>(12, 0));
}

TEST(VisionUtils, SaveImageRoundTrip) {
  fs::path dir = fs::temp_directory_path() / "wick_vision_utils";
  fs::create_directories(dir);
  Tensor b = from({0, 0.25f, 0.5f, 1, 1.5f, -1, 0.999f, 0.001f}, {2, 1, 2, 2});
  Tensor u8 = vu::grid_to_uint8(vu::make_grid(b, vu::MakeGridOptions().padding(1)));
  // mul(255).add_(0.5).clamp_(0, 255): 0.25 -> 64, 0.5 -> 128, 1.5 -> 255, -1 -> 0, 0.999 -> 255, 0.001 -> 0
  EXPECT_EQ(test::values(u8.select(0, 0).select(0, 1)), (std::vector<double>{0, 0, 64, 0, 255, 0, 0}));
  EXPECT_EQ(test::values(u8.select(0, 0).select(0, 2)), (std::vector<double>{0, 128, 255, 0, 255, 0, 0}));
  std::string png = (dir / "grid.PNG").string();
  vu::save_image(b, png, vu::MakeGridOptions().padding(1));
  Tensor back = vision::io::read_image(png);
  EXPECT_TENSOR_EQ(back, u8);
  std::string jpg = (dir / "grid.jpg").string();
  vu::save_image(std::vector<Tensor>{b[0], b[1]}, jpg);
  EXPECT_EQ(vision::io::read_image(jpg).sizes().vec(), (std::vector<int64_t>{3, 6, 10}));
  vu::save_image(b, (dir / "noext").string(), {}, "png");
  EXPECT_TENSOR_EQ(vision::io::read_image((dir / "noext").string()), vu::grid_to_uint8(vu::make_grid(b)));
  EXPECT_THROW(vu::save_image(b, (dir / "x.bmp").string()), ValueError);
  EXPECT_THROW(vu::save_image(b, (dir / "x").string()), ValueError);
  fs::remove_all(dir);
}

}  // namespace
