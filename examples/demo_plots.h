#pragma once
// The Fashion-MNIST demo's two pictures, drawn with wick's own C++ code
// (wick/vision/draw.h, font.h) and written with wick::vision::io::write_png:
// the C++ twins of plot_curves / plot_predictions in examples/fashion_mnist.py.
// Link the `demo_plots` library (examples/CMakeLists.txt).
#include <cstdint>
#include <string>
#include <vector>

#include "wick/tensor/tensor.h"

namespace demo {

// Two panels side by side (720 x 260 RGB): the training loss per epoch and the
// test accuracy in percent per epoch (accuracies are fractions 0..1), each with
// a frame, a title, its minimum and maximum value at the y axis, the first and
// last epoch at the x axis, the curve and a dot per epoch. One epoch or constant
// values draw too (a flat range is widened by 1 on each side); non-finite values
// are left out. ValueError for empty or different-length inputs.
void plot_curves(const std::string& path, const std::vector<double>& train_losses,
                 const std::vector<double>& test_accuracies /* 0..1 */);

// The images (N x 1 x H x W or N x 3 x H x W; floating point 0..1, clamped, or
// uint8) scaled up 3x (nearest) in a grid of min(cols, N) columns, each titled
// "<predicted> / <true>" with class_names, in green when right and red when
// wrong. ValueError for bad shapes, mismatched lengths, no images or cols < 1;
// IndexError for a class index outside class_names.
void plot_predictions(const std::string& path, const wick::Tensor& images, const std::vector<int64_t>& predicted,
                      const std::vector<int64_t>& targets, const std::vector<std::string>& class_names,
                      int64_t cols = 6);

// The colors used, for tests.
inline constexpr uint8_t kLossColor[3] = {31, 119, 180};
inline constexpr uint8_t kAccuracyColor[3] = {214, 39, 40};
inline constexpr uint8_t kRightColor[3] = {0, 128, 0};
inline constexpr uint8_t kWrongColor[3] = {200, 0, 0};

}  // namespace demo
