#include "wick/vision/canvas.h"

#include <algorithm>

#include "wick/core/error.h"

namespace wick::vision::detail {

Canvas::Canvas(const Tensor& image, const char* fn) {
  WICK_CHECK_T(TypeError, image.defined(), fn, ": expected an image tensor, got an undefined tensor");
  WICK_CHECK_T(ValueError, image.is_cpu(), fn, ": expected a CPU image, got one on ", image.device());
  WICK_CHECK_T(ValueError, image.scalar_type() == kByte, fn, ": expected a uint8 image, got torch.",
               python_name(image.scalar_type()));
  WICK_CHECK_T(ValueError, image.dim() == 3, fn, ": expected a C x H x W image, got a tensor with ", image.dim(),
               " dimensions");
  channels_ = image.size(0);
  WICK_CHECK_T(ValueError, channels_ >= 1 && channels_ <= 4, fn,
               ": expected an image with 1, 2, 3 or 4 channels (gray, gray+alpha, RGB, RGBA), got ", channels_);
  data_ = image.numel() == 0 ? nullptr : image.data_ptr<uint8_t>();
  h_ = image.size(1);
  w_ = image.size(2);
  if (data_ == nullptr) h_ = w_ = 0;  // nothing to draw on
  sc_ = image.stride(0);
  sh_ = image.stride(1);
  sw_ = image.stride(2);
  ink_channels_ = channels_ >= 3 ? 3 : 1;
}

void Canvas::set_ink(const Color& c) {
  if (ink_channels_ == 3) {
    ink_[0] = c.r;
    ink_[1] = c.g;
    ink_[2] = c.b;
  } else {
    ink_[0] = c.luma();
  }
}

namespace {
// PIL's rounded division by 255 of a blend sum (at most 255 * 255).
inline uint8_t div255(uint32_t v) {
  const uint32_t t = v + 128;
  return static_cast<uint8_t>(((t >> 8) + t) >> 8);
}
}  // namespace

void Canvas::blend(int64_t x, int64_t y, uint8_t alpha) {
  if (x < 0 || y < 0 || x >= w_ || y >= h_) return;
  if (alpha == 255) return put(x, y);
  uint8_t* p = data_ + y * sh_ + x * sw_;
  for (int64_t k = 0; k < ink_channels_; ++k) {
    uint8_t& v = p[k * sc_];
    v = div255(uint32_t{v} * (255u - alpha) + uint32_t{ink_[k]} * alpha);
  }
}

void Canvas::hspan(int64_t x0, int64_t x1, int64_t y, uint8_t alpha) {
  if (y < 0 || y >= h_) return;
  if (x0 > x1) std::swap(x0, x1);
  x0 = std::max<int64_t>(x0, 0);
  x1 = std::min<int64_t>(x1, w_ - 1);
  for (int64_t x = x0; x <= x1; ++x) blend(x, y, alpha);
}

void Canvas::fill(int64_t x0, int64_t y0, int64_t x1, int64_t y1, uint8_t alpha) {
  if (y0 > y1) std::swap(y0, y1);
  y0 = std::max<int64_t>(y0, 0);
  y1 = std::min<int64_t>(y1, h_ - 1);
  for (int64_t y = y0; y <= y1; ++y) hspan(x0, x1, y, alpha);
}

}  // namespace wick::vision::detail
