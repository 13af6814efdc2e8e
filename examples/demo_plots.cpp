#include "demo_plots.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "wick/core/error.h"
#include "wick/ops/creation.h"
#include "wick/vision/draw.h"
#include "wick/vision/font.h"
#include "wick/vision/io.h"

namespace demo {

namespace {

using wick::Tensor;
using wick::vision::Color;
namespace vu = wick::vision::utils;

Color color_of(const uint8_t (&c)[3]) { return Color(c[0], c[1], c[2]); }

std::string format_g3(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3g", v);
  return buf;
}

Tensor white_image(int64_t h, int64_t w) { return wick::full({3, h, w}, 255, wick::TensorOptions(wick::kByte)); }

// One panel of plot_curves at x offset x0, laid out as fashion_mnist.py's.
void draw_panel(const Tensor& img, int64_t x0, const std::string& title, const std::vector<double>& ys,
                const Color& color) {
  constexpr int64_t w = 360, h = 260, m = 40;
  const Color black(0, 0, 0);
  double lo = INFINITY, hi = -INFINITY;
  for (double y : ys)
    if (std::isfinite(y)) lo = std::min(lo, y), hi = std::max(hi, y);
  if (!(lo <= hi)) lo = 0, hi = 1;  // nothing finite
  if (hi - lo < 1e-9) lo -= 1, hi += 1;
  const int64_t left = x0 + m, right = x0 + w - 10, top = m, bottom = h - m;
  vu::draw_rectangle(img, left, top, right, bottom, black);
  wick::vision::draw_text(img, title, left, 14, black);
  // y axis: the maximum at the top, the minimum at the bottom, right-aligned
  // before their ticks
  const int64_t half = wick::vision::text_height() / 2;
  auto y_label = [&](double v, int64_t y) {
    const std::string s = format_g3(v);
    wick::vision::draw_text(img, s, std::max(x0 + 1, left - 6 - wick::vision::text_width(s)), y - half, black);
  };
  y_label(hi, top);
  y_label(lo, bottom);
  vu::draw_line(img, left - 3, top, left, top, black);
  vu::draw_line(img, left - 3, bottom, left, bottom, black);
  // x axis: the first and the last epoch
  const int64_t n = static_cast<int64_t>(ys.size());
  wick::vision::draw_text(img, "epoch 1", left, bottom + 8, black);
  vu::draw_line(img, left, bottom, left, bottom + 3, black);
  if (n > 1) {
    const std::string last = "epoch " + std::to_string(n);
    wick::vision::draw_text(img, last, right - wick::vision::text_width(last), bottom + 8, black);
    vu::draw_line(img, right, bottom, right, bottom + 3, black);
  }
  // the curve and its dots
  const double span = static_cast<double>(std::max<int64_t>(n - 1, 1));
  std::vector<std::pair<int64_t, int64_t>> pts;
  std::vector<bool> finite;
  for (int64_t i = 0; i < n; ++i) {
    finite.push_back(std::isfinite(ys[i]));
    const double y = finite.back() ? ys[i] : lo;
    pts.emplace_back(std::llround(left + (right - left) * (i / span)),
                     std::llround(bottom - (bottom - top) * (y - lo) / (hi - lo)));
  }
  for (int64_t i = 1; i < n; ++i)
    if (finite[i - 1] && finite[i])
      vu::draw_line(img, pts[i - 1].first, pts[i - 1].second, pts[i].first, pts[i].second, color, 2);
  for (int64_t i = 0; i < n; ++i)
    if (finite[i]) vu::fill_circle(img, pts[i].first, pts[i].second, 3, color);
}

}  // namespace

void plot_curves(const std::string& path, const std::vector<double>& train_losses,
                 const std::vector<double>& test_accuracies) {
  WICK_CHECK_T(ValueError, !train_losses.empty(), "plot_curves: no epochs to plot (train_losses is empty)");
  WICK_CHECK_T(ValueError, train_losses.size() == test_accuracies.size(),
               "plot_curves: train_losses and test_accuracies must have the same length, got ", train_losses.size(),
               " and ", test_accuracies.size());
  Tensor img = white_image(260, 720);
  std::vector<double> percent;
  for (double a : test_accuracies) percent.push_back(100 * a);
  draw_panel(img, 0, "training loss", train_losses, color_of(kLossColor));
  draw_panel(img, 360, "test accuracy (%)", percent, color_of(kAccuracyColor));
  wick::vision::io::write_png(img, path);
}

void plot_predictions(const std::string& path, const Tensor& images, const std::vector<int64_t>& predicted,
                      const std::vector<int64_t>& targets, const std::vector<std::string>& class_names,
                      int64_t cols) {
  WICK_CHECK_T(TypeError, images.defined(), "plot_predictions: images is an undefined tensor");
  WICK_CHECK_T(ValueError, images.dim() == 4 && (images.size(1) == 1 || images.size(1) == 3),
               "plot_predictions: images must be N x 1 x H x W or N x 3 x H x W, got shape ", images.sizes());
  const int64_t n = images.size(0), channels = images.size(1), h = images.size(2), w = images.size(3);
  WICK_CHECK_T(ValueError, n > 0, "plot_predictions: no images");
  WICK_CHECK_T(ValueError, h > 0 && w > 0, "plot_predictions: empty images of shape ", images.sizes());
  WICK_CHECK_T(ValueError,
               static_cast<int64_t>(predicted.size()) == n && static_cast<int64_t>(targets.size()) == n,
               "plot_predictions: got ", n, " images, ", predicted.size(), " predictions and ", targets.size(),
               " targets");
  WICK_CHECK_T(ValueError, cols >= 1, "plot_predictions: cols must be positive, got ", cols);
  const int64_t num_classes = static_cast<int64_t>(class_names.size());
  std::vector<std::string> titles;
  int64_t widest = 0;
  for (int64_t i = 0; i < n; ++i) {
    for (int64_t c : {predicted[i], targets[i]})
      WICK_CHECK_T(IndexError, c >= 0 && c < num_classes, "plot_predictions: class index ", c,
                   " is out of range for ", num_classes, " class names");
    titles.push_back(class_names[predicted[i]] + " / " + class_names[targets[i]]);
    widest = std::max(widest, wick::vision::text_width(titles.back()));
  }
  // fashion_mnist.py's layout: 140 x 104 cells for 28 x 28 images at 3x, the
  // title in an 18-pixel band above the image; wider cells for titles that would
  // not fit (4 pixels before, 2 after).
  constexpr int64_t scale = 3, band = 18;
  const int64_t cell_w = std::max({int64_t{140}, w * scale + 8, widest + 6});
  const int64_t cell_h = band + h * scale + 2;
  const int64_t ncols = std::min(cols, n), nrows = (n + ncols - 1) / ncols;
  Tensor grid = white_image(nrows * cell_h, ncols * cell_w);
  Tensor pixels = images.scalar_type() == wick::kByte
                      ? images.contiguous()
                      : images.to(wick::kFloat).mul(255).round().clamp(0, 255).to(wick::kByte).contiguous();
  const uint8_t* src = pixels.data_ptr<uint8_t>();
  uint8_t* dst = grid.data_ptr<uint8_t>();
  const int64_t gh = grid.size(1), gw = grid.size(2);
  for (int64_t i = 0; i < n; ++i) {
    const int64_t r = i / ncols, c = i % ncols;
    const int64_t ox = c * cell_w + (cell_w - w * scale) / 2, oy = r * cell_h + band;
    for (int64_t y = 0; y < h * scale; ++y) {
      for (int64_t x = 0; x < w * scale; ++x) {
        for (int64_t k = 0; k < 3; ++k) {
          const int64_t ck = channels == 1 ? 0 : k;
          dst[(k * gh + oy + y) * gw + ox + x] = src[((i * channels + ck) * h + y / scale) * w + x / scale];
        }
      }
    }
    const bool right = predicted[i] == targets[i];
    wick::vision::draw_text(grid, titles[i], c * cell_w + 4, r * cell_h + 4,
                            color_of(right ? kRightColor : kWrongColor));
  }
  wick::vision::io::write_png(grid, path);
}

}  // namespace demo
