#pragma once
// Internal to wick/vision's drawing code (font.cpp, draw.cpp): a checked view of
// a uint8 C x H x W image (any strides) that sets clipped pixels to one ink.
// Not part of the public API.
#include <cstdint>

#include "wick/tensor/tensor.h"
#include "wick/vision/color.h"

namespace wick::vision::detail {

class Canvas {
 public:
  // Checks the image (defined, CPU, uint8, 3-D, C = 1, 2, 3 or 4) and raises a
  // wick::Error naming `fn` otherwise.
  Canvas(const Tensor& image, const char* fn);

  int64_t height() const { return h_; }
  int64_t width() const { return w_; }

  // The ink: RGB on 3- and 4-channel images, the color's luma on 1- and 2-channel
  // ones. Alpha channels (the 2nd of 2, the 4th of 4) are never written.
  void set_ink(const Color& c);

  // One pixel; nothing outside the image.
  void put(int64_t x, int64_t y) {
    if (x < 0 || y < 0 || x >= w_ || y >= h_) return;
    uint8_t* p = data_ + y * sh_ + x * sw_;
    for (int64_t k = 0; k < ink_channels_; ++k) p[k * sc_] = ink_[k];
  }
  // PIL's blend of the ink over the pixel with opacity alpha (ImageDraw's RGBA
  // drawing): out = (in * (255 - alpha) + ink * alpha) / 255, rounded as PIL does.
  void blend(int64_t x, int64_t y, uint8_t alpha);
  // Pixels (x0..x1, y), both ends included, in either order; clipped.
  void hspan(int64_t x0, int64_t x1, int64_t y, uint8_t alpha = 255);
  // The block x0..x1 x y0..y1 (ends included); clipped.
  void fill(int64_t x0, int64_t y0, int64_t x1, int64_t y1, uint8_t alpha = 255);

 private:
  uint8_t* data_;
  int64_t h_, w_, sc_, sh_, sw_;
  int64_t ink_channels_ = 1;
  uint8_t ink_[3] = {0, 0, 0};
  int64_t channels_;
};

}  // namespace wick::vision::detail
