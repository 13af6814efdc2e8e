// examples/demo_plots (the Fashion-MNIST demo's charts, drawn by wick's C++ code):
// both PNGs written, decoded back with wick::vision::io::read_image, sized as laid
// out, with the curve colors and the green / red titles present; bad input raises.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <string>
#include <vector>

#include "demo_plots.h"
#include "test_utils.h"
#include "wick/vision/io.h"

namespace {

using namespace wick;
namespace fs = std::filesystem;

fs::path out_dir() {
  fs::path d = fs::temp_directory_path() / "wick_demo_plots_test";
  fs::create_directories(d);
  return d;
}

// How many pixels of the 3 x H x W uint8 image have exactly this color, in columns [x0, x1).
int64_t count_color(const Tensor& img, const uint8_t (&c)[3], int64_t x0 = 0, int64_t x1 = -1) {
  Tensor t = img.contiguous();
  const int64_t h = t.size(1), w = t.size(2);
  if (x1 < 0) x1 = w;
  const uint8_t* p = t.data_ptr<uint8_t>();
  int64_t n = 0;
  for (int64_t y = 0; y < h; ++y)
    for (int64_t x = x0; x < x1; ++x)
      n += p[y * w + x] == c[0] && p[(h + y) * w + x] == c[1] && p[(2 * h + y) * w + x] == c[2];
  return n;
}

const std::vector<std::string> kClasses = {"T-Shirt", "Trouser", "Pullover", "Dress", "Coat",
                                           "Sandal",  "Shirt",   "Sneaker",  "Bag",   "Ankle Boot"};

TEST(DemoPlots, Curves) {
  const std::string path = (out_dir() / "curves.png").string();
  for (const auto& [losses, accs] : std::vector<std::pair<std::vector<double>, std::vector<double>>>{
           {{0.9, 0.55, 0.47, 0.41, 0.38}, {0.71, 0.80, 0.83, 0.85, 0.86}},
           {{0.5}, {0.8}},                      // one epoch
           {{0.3, 0.3, 0.3}, {0.9, 0.9, 0.9}},  // constant values
           {{1.0, NAN, 0.5}, {0.5, 0.6, INFINITY}}}) {
    fs::remove(path);
    demo::plot_curves(path, losses, accs);
    Tensor img = vision::io::read_image(path);
    ASSERT_EQ(img.sizes().vec(), (std::vector<int64_t>{3, 260, 720}));
    // the loss curve (and its dots) in the left panel, the accuracy in the right one
    EXPECT_GT(count_color(img, demo::kLossColor, 0, 360), 20);
    EXPECT_EQ(count_color(img, demo::kLossColor, 360), 0);
    EXPECT_GT(count_color(img, demo::kAccuracyColor, 360), 20);
    EXPECT_EQ(count_color(img, demo::kAccuracyColor, 0, 360), 0);
    const uint8_t black[3] = {0, 0, 0}, white[3] = {255, 255, 255};
    EXPECT_GT(count_color(img, black), 1000);  // frames, titles, tick labels
    EXPECT_GT(count_color(img, white), 150000);
  }
  WICK_EXPECT_THROW_MSG(demo::plot_curves(path, {}, {}), ValueError, "plot_curves: no epochs to plot");
  WICK_EXPECT_THROW_MSG(demo::plot_curves(path, {0.5, 0.4}, {0.8}), ValueError,
                        "train_losses and test_accuracies must have the same length, got 2 and 1");
  WICK_EXPECT_THROW_MSG(demo::plot_curves((out_dir() / "no" / "such" / "dir.png").string(), {0.5}, {0.8}), Error, "");
}

TEST(DemoPlots, Predictions) {
  const std::string path = (out_dir() / "predictions.png").string();
  Tensor images = rand({8, 1, 28, 28});
  std::vector<int64_t> predicted = {0, 1, 2, 3, 4, 5, 9, 8}, targets = {0, 1, 2, 9, 4, 5, 9, 7};
  demo::plot_predictions(path, images, predicted, targets, kClasses);
  Tensor img = vision::io::read_image(path);
  // 6 columns of 140 x 104 cells (fashion_mnist.py's layout), 2 rows; the cells
  // widen to 143 for "Ankle Boot / Ankle Boot" (4 + 137 + 2 pixels)
  ASSERT_EQ(img.sizes().vec(), (std::vector<int64_t>{3, 2 * 104, 6 * 143}));
  EXPECT_GT(count_color(img, demo::kRightColor), 6 * 40);  // green titles
  EXPECT_GT(count_color(img, demo::kWrongColor), 2 * 40);  // red ones
  // in the first row, the second cell's title is green, the fourth's red (Dress / Ankle Boot)
  Tensor row = img.narrow(1, 0, 104);
  EXPECT_GT(count_color(row, demo::kRightColor, 143, 286), 0);
  EXPECT_EQ(count_color(row, demo::kWrongColor, 143, 286), 0);
  EXPECT_GT(count_color(row, demo::kWrongColor, 429, 572), 0);
  EXPECT_EQ(count_color(row, demo::kRightColor, 429, 572), 0);
  // the first image, scaled 3x (nearest) at ((143 - 84) / 2, 18), as (x * 255).round()
  Tensor first = images[0][0].mul(255).round().to(kByte);
  for (int64_t y : {0, 1, 2, 40, 83})
    for (int64_t x : {0, 2, 3, 50, 83})
      EXPECT_EQ(img[1][18 + y][29 + x].item<int64_t>(), first[y / 3][x / 3].item<int64_t>()) << x << "," << y;
  // fewer images than columns: one row of them; 3-channel and uint8 images work
  demo::plot_predictions(path, rand({2, 3, 10, 12}).mul(255).to(kByte), {1, 2}, {1, 3}, kClasses, 6);
  // (the titles fit in 140)
  Tensor small = vision::io::read_image(path);
  EXPECT_EQ(small.sizes().vec(), (std::vector<int64_t>{3, 18 + 30 + 2, 2 * 140}));
  // long titles widen the cells
  demo::plot_predictions(path, images.narrow(0, 0, 1), {0}, {0}, {std::string(40, 'W')});
  EXPECT_EQ(vision::io::read_image(path).size(2), 83 * 6 - 1 + 6);  // 40 + 3 + 40 characters

  WICK_EXPECT_THROW_MSG(demo::plot_predictions(path, images, {0, 1}, targets, kClasses), ValueError,
                        "plot_predictions: got 8 images, 2 predictions and 8 targets");
  WICK_EXPECT_THROW_MSG(demo::plot_predictions(path, images.narrow(0, 0, 0), {}, {}, kClasses), ValueError,
                        "plot_predictions: no images");
  WICK_EXPECT_THROW_MSG(demo::plot_predictions(path, images[0], predicted, targets, kClasses), ValueError,
                        "images must be N x 1 x H x W or N x 3 x H x W, got shape [1, 28, 28]");
  WICK_EXPECT_THROW_MSG(demo::plot_predictions(path, rand({2, 2, 4, 4}), {0, 0}, {0, 0}, kClasses), ValueError,
                        "got shape [2, 2, 4, 4]");
  WICK_EXPECT_THROW_MSG(demo::plot_predictions(path, images, predicted, targets, kClasses, 0), ValueError,
                        "cols must be positive, got 0");
  std::vector<int64_t> bad = predicted;
  bad[3] = 10;
  WICK_EXPECT_THROW_MSG(demo::plot_predictions(path, images, bad, targets, kClasses), IndexError,
                        "class index 10 is out of range for 10 class names");
  bad[3] = -1;
  WICK_EXPECT_THROW_MSG(demo::plot_predictions(path, images, predicted, bad, kClasses), IndexError, "class index -1");
}

}  // namespace
