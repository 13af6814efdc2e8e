#include "wick/vision/draw.h"

#include <algorithm>
#include <cmath>

#include "wick/core/error.h"
#include "wick/ops/creation.h"
#include "wick/vision/canvas.h"

namespace wick::vision::utils {

namespace {

using detail::Canvas;

// Coordinates are clamped to +-2^40 before any arithmetic: far beyond any image,
// and sums of a few of them cannot overflow.
constexpr int64_t kFar = int64_t{1} << 40;
inline int64_t clamp_coord(int64_t v) { return std::clamp(v, -kFar, kFar); }

// The offsets of a round brush `width` pixels across (width 1: the pixel itself).
std::vector<std::pair<int64_t, int64_t>> brush(int64_t width) {
  std::vector<std::pair<int64_t, int64_t>> offsets;
  const int64_t lo = -(width - 1) / 2, hi = width / 2;
  const double c = (hi + lo) / 2.0, r2 = width * width / 4.0;
  for (int64_t dy = lo; dy <= hi; ++dy)
    for (int64_t dx = lo; dx <= hi; ++dx)
      if ((dx - c) * (dx - c) + (dy - c) * (dy - c) <= r2 + 1e-9) offsets.emplace_back(dx, dy);
  return offsets;
}

// Clips the segment to the rectangle [lo_x, hi_x] x [lo_y, hi_y] (Liang-Barsky);
// false when it misses it.
bool clip_segment(double& x0, double& y0, double& x1, double& y1, double lo_x, double lo_y, double hi_x,
                  double hi_y) {
  double t0 = 0, t1 = 1;
  const double dx = x1 - x0, dy = y1 - y0;
  const double p[4] = {-dx, dx, -dy, dy}, q[4] = {x0 - lo_x, hi_x - x0, y0 - lo_y, hi_y - y0};
  for (int k = 0; k < 4; ++k) {
    if (p[k] == 0) {
      if (q[k] < 0) return false;
      continue;
    }
    const double t = q[k] / p[k];
    if (p[k] < 0) t0 = std::max(t0, t);
    else t1 = std::min(t1, t);
    if (t0 > t1) return false;
  }
  const double ax = x0 + t0 * dx, ay = y0 + t0 * dy, bx = x0 + t1 * dx, by = y0 + t1 * dy;
  x0 = ax;
  y0 = ay;
  x1 = bx;
  y1 = by;
  return true;
}

void line_on(Canvas& canvas, int64_t x0, int64_t y0, int64_t x1, int64_t y1, int64_t width) {
  x0 = clamp_coord(x0);
  y0 = clamp_coord(y0);
  x1 = clamp_coord(x1);
  y1 = clamp_coord(y1);
  const int64_t w = canvas.width(), h = canvas.height();
  if (w == 0 || h == 0) return;
  // An end far outside the image: clip the segment to the image grown by the
  // brush first, so the loop below stays as long as the image is wide. Ends
  // inside that frame are kept exactly.
  const int64_t m = width + 2;
  auto outside = [&](int64_t x, int64_t y) { return x < -m || y < -m || x > w - 1 + m || y > h - 1 + m; };
  if (outside(x0, y0) || outside(x1, y1)) {
    double ax = x0, ay = y0, bx = x1, by = y1;
    if (!clip_segment(ax, ay, bx, by, -m, -m, w - 1 + m, h - 1 + m)) return;
    x0 = std::llround(ax);
    y0 = std::llround(ay);
    x1 = std::llround(bx);
    y1 = std::llround(by);
  }
  const auto offsets = brush(width);
  auto plot = [&](int64_t x, int64_t y) {
    for (const auto& [dx, dy] : offsets) canvas.put(x + dx, y + dy);
  };
  const int64_t dx = std::abs(x1 - x0), dy = -std::abs(y1 - y0);
  const int64_t sx = x0 < x1 ? 1 : -1, sy = y0 < y1 ? 1 : -1;
  int64_t err = dx + dy;
  for (;;) {
    plot(x0, y0);
    if (x0 == x1 && y0 == y1) break;
    const int64_t e2 = 2 * err;
    if (e2 >= dy) {
      err += dy;
      x0 += sx;
    }
    if (e2 <= dx) {
      err += dx;
      y0 += sy;
    }
  }
}

void check_width(int64_t width, const char* fn) {
  WICK_CHECK_T(ValueError, width >= 1, fn, ": width must be positive, got ", width);
}

// PIL's rectangle outline (ImageDraw.rectangle(xy, outline=..., width=w)):
// for i in 0..w-1 the rows y0 + i and y1 - i from x0 to x1, and the columns
// x1 - i and x0 + i from y0 + w stepping towards y1 - w + 1, that end excluded
// (so a width over half the box reaches past it, as in PIL). Clipped loops.
void outline_on(Canvas& canvas, int64_t x0, int64_t y0, int64_t x1, int64_t y1, int64_t width) {
  if (width == 0) return;
  width = std::min(width, kFar);
  x0 = clamp_coord(x0);
  y0 = clamp_coord(y0);
  x1 = clamp_coord(x1);
  y1 = clamp_coord(y1);
  if (x0 > x1) std::swap(x0, x1);  // (torchvision's boxes are ordered already)
  if (y0 > y1) std::swap(y0, y1);
  const int64_t w = canvas.width(), h = canvas.height();
  // rows y0 + i and y1 - i, i in [0, width), kept to the image's rows
  for (int64_t i = std::max<int64_t>(0, -y0); i < std::min(width, h - y0); ++i) canvas.hspan(x0, x1, y0 + i);
  for (int64_t i = std::max<int64_t>(0, y1 - (h - 1)); i < std::min(width, y1 + 1); ++i) canvas.hspan(x0, x1, y1 - i);
  // the column segment: from ys towards ye, ye excluded
  const int64_t ys = y0 + width, ye = y1 - width + 1;
  if (ys == ye) return;
  const int64_t top = std::max<int64_t>(ys < ye ? ys : ye + 1, 0);
  const int64_t bottom = std::min<int64_t>(ys < ye ? ye - 1 : ys, h - 1);
  auto column = [&](int64_t x) {
    for (int64_t y = top; y <= bottom; ++y) canvas.put(x, y);
  };
  for (int64_t i = std::max<int64_t>(0, x1 - (w - 1)); i < std::min(width, x1 + 1); ++i) column(x1 - i);
  for (int64_t i = std::max<int64_t>(0, -x0); i < std::min(width, w - x0); ++i) column(x0 + i);
}

// float -> uint8 as torch's .to(torch.uint8) does on x86: truncate, keep the low byte.
inline uint8_t to_uint8(float v) {
  if (!(v > -9.0e18f && v < 9.0e18f)) return 0;
  return static_cast<uint8_t>(static_cast<int64_t>(v) & 0xFF);
}

// The boxes as truncated integers (torch's .to(torch.int64)), clamped to +-2^40.
std::vector<int64_t> box_coords(const Tensor& boxes) {
  std::vector<int64_t> out(boxes.numel());
  if (boxes.is_floating_point()) {
    Tensor d = boxes.to(Device("cpu")).to(kDouble).contiguous();
    const double* p = d.data_ptr<double>();
    for (size_t i = 0; i < out.size(); ++i)
      out[i] = std::isnan(p[i]) ? -kFar : static_cast<int64_t>(std::clamp(std::trunc(p[i]), -double(kFar), double(kFar)));
  } else {
    Tensor l = boxes.to(Device("cpu")).to(kLong).contiguous();
    const int64_t* p = l.data_ptr<int64_t>();
    for (size_t i = 0; i < out.size(); ++i) out[i] = clamp_coord(p[i]);
  }
  return out;
}

// torchvision's colors argument resolved to one color per object.
std::vector<Color> colors_for(const Colors& colors, int64_t n) {
  if (colors.is_default()) return generate_color_palette(n);
  if (colors.single) return std::vector<Color>(static_cast<size_t>(n), colors.list->front());
  return *colors.list;
}

}  // namespace

void draw_line(const Tensor& image, int64_t x0, int64_t y0, int64_t x1, int64_t y1, const Color& color,
               int64_t width) {
  Canvas canvas(image, "draw_line");
  check_width(width, "draw_line");
  WICK_CHECK_T(ValueError, width <= 4096, "draw_line: width must be at most 4096, got ", width);
  canvas.set_ink(color);
  line_on(canvas, x0, y0, x1, y1, width);
}

void draw_polyline(const Tensor& image, const std::vector<std::pair<int64_t, int64_t>>& points, const Color& color,
                   int64_t width) {
  Canvas canvas(image, "draw_polyline");
  check_width(width, "draw_polyline");
  WICK_CHECK_T(ValueError, width <= 4096, "draw_polyline: width must be at most 4096, got ", width);
  canvas.set_ink(color);
  for (size_t i = 1; i < points.size(); ++i)
    line_on(canvas, points[i - 1].first, points[i - 1].second, points[i].first, points[i].second, width);
}

void draw_rectangle(const Tensor& image, int64_t x0, int64_t y0, int64_t x1, int64_t y1, const Color& color,
                    int64_t width, bool fill) {
  Canvas canvas(image, "draw_rectangle");
  WICK_CHECK_T(ValueError, width >= 0, "draw_rectangle: width must be non-negative, got ", width);
  canvas.set_ink(color);
  if (fill) canvas.fill(clamp_coord(x0), clamp_coord(y0), clamp_coord(x1), clamp_coord(y1));
  else outline_on(canvas, x0, y0, x1, y1, width);
}

void fill_rectangle(const Tensor& image, int64_t x0, int64_t y0, int64_t x1, int64_t y1, const Color& color,
                    int64_t alpha) {
  Canvas canvas(image, "fill_rectangle");
  WICK_CHECK_T(ValueError, alpha >= 0 && alpha <= 255, "fill_rectangle: alpha must be in 0..255, got ", alpha);
  canvas.set_ink(color);
  canvas.fill(clamp_coord(x0), clamp_coord(y0), clamp_coord(x1), clamp_coord(y1), static_cast<uint8_t>(alpha));
}

void fill_circle(const Tensor& image, int64_t cx, int64_t cy, int64_t radius, const Color& color) {
  Canvas canvas(image, "fill_circle");
  WICK_CHECK_T(ValueError, radius >= 0, "fill_circle: radius must be non-negative, got ", radius);
  canvas.set_ink(color);
  cx = clamp_coord(cx);
  cy = clamp_coord(cy);
  radius = std::min(radius, kFar);
  const int64_t y_lo = std::max<int64_t>(cy - radius, 0), y_hi = std::min<int64_t>(cy + radius, canvas.height() - 1);
  const int64_t x_lo = std::max<int64_t>(cx - radius, 0), x_hi = std::min<int64_t>(cx + radius, canvas.width() - 1);
  const double limit = double(radius) * double(radius + 1);
  for (int64_t y = y_lo; y <= y_hi; ++y) {
    const double dy = double(y - cy);
    for (int64_t x = x_lo; x <= x_hi; ++x) {
      const double dx = double(x - cx);
      if (dx * dx + dy * dy <= limit) canvas.put(x, y);
    }
  }
}

std::vector<Color> generate_color_palette(int64_t num_objects) {
  WICK_CHECK_T(ValueError, num_objects >= 0, "the number of objects must be non-negative, got ", num_objects);
  constexpr int64_t palette[3] = {(int64_t{1} << 25) - 1, (int64_t{1} << 15) - 1, (int64_t{1} << 21) - 1};
  std::vector<Color> colors;
  colors.reserve(static_cast<size_t>(num_objects));
  for (int64_t i = 0; i < num_objects; ++i) {
    // (i * p) % 255 without overflow: (i % 255) * (p % 255) % 255
    const int64_t k = i % 255;
    colors.emplace_back(static_cast<int>(k * (palette[0] % 255) % 255), static_cast<int>(k * (palette[1] % 255) % 255),
                        static_cast<int>(k * (palette[2] % 255) % 255));
  }
  return colors;
}

Tensor draw_bounding_boxes(const Tensor& image, const Tensor& boxes, const std::vector<std::string>& labels,
                           const Colors& colors, bool fill, int64_t width) {
  WICK_CHECK_T(TypeError, image.defined(), "Tensor expected, got an undefined tensor");
  WICK_CHECK_T(ValueError, image.scalar_type() == kByte, "Tensor uint8 expected, got torch.",
               python_name(image.scalar_type()));
  WICK_CHECK_T(ValueError, image.dim() == 3, "Pass individual images, not batches");
  WICK_CHECK_T(ValueError, image.size(0) == 1 || image.size(0) == 3, "Only grayscale and RGB images are supported");
  WICK_CHECK_T(TypeError, boxes.defined(), "boxes: Tensor expected, got an undefined tensor");
  WICK_CHECK_T(ValueError, boxes.dim() == 2 && boxes.size(1) == 4,
               "boxes must be a tensor of shape (N, 4) in (xmin, ymin, xmax, ymax) format, got shape ", boxes.sizes());
  WICK_CHECK_T(ValueError, boxes.scalar_type() != kBool, "boxes must be a real tensor, got torch.bool");
  const int64_t num_boxes = boxes.size(0);
  const std::vector<int64_t> box = box_coords(boxes);
  {
    // the check is on the values as given (before truncation), as torchvision's
    Tensor d = boxes.to(Device("cpu")).to(kDouble).contiguous();
    const double* p = d.data_ptr<double>();
    for (int64_t i = 0; i < num_boxes; ++i)
      WICK_CHECK_T(ValueError, !(p[4 * i] > p[4 * i + 2]) && !(p[4 * i + 1] > p[4 * i + 3]),
                   "Boxes need to be in (xmin, ymin, xmax, ymax) format. Use torchvision.ops.box_convert to convert "
                   "them");
  }
  if (num_boxes == 0) return image;  // torchvision: warns "boxes doesn't contain any box. No box was drawn"
  WICK_CHECK_T(ValueError, labels.empty() || static_cast<int64_t>(labels.size()) == num_boxes, "Number of boxes (",
               num_boxes, ") and labels (", labels.size(), ") mismatch. Please specify labels for each box.");
  if (!colors.is_default() && !colors.single)
    WICK_CHECK_T(ValueError, static_cast<int64_t>(colors.list->size()) >= num_boxes, "Number of colors (",
                 colors.list->size(), ") is less than number of boxes (", num_boxes, "). ");
  const std::vector<Color> palette = colors_for(colors, num_boxes);

  const int64_t h = image.size(1), w = image.size(2);
  Tensor out = empty({3, h, w}, TensorOptions(kByte));
  Tensor src = image.to(Device("cpu"));
  out.copy_(image.size(0) == 1 ? src.expand({3, h, w}) : src);
  Canvas canvas(out, "draw_bounding_boxes");
  for (int64_t i = 0; i < num_boxes; ++i) {
    const int64_t* b = &box[4 * i];
    canvas.set_ink(palette[i]);
    if (fill) canvas.fill(b[0], b[1], b[2], b[3], 100);
    outline_on(canvas, b[0], b[1], b[2], b[3], width < 0 ? 0 : width);
    if (!labels.empty()) {
      const int64_t margin = std::clamp<int64_t>(width, -kFar, kFar) + 1;
      draw_text(out, labels[i], b[0] + margin, b[1] + margin, palette[i]);
    }
  }
  return out;
}

Tensor draw_segmentation_masks(const Tensor& image, const Tensor& masks_in, double alpha, const Colors& colors) {
  WICK_CHECK_T(TypeError, image.defined(), "The image must be a tensor, got an undefined tensor");
  WICK_CHECK_T(ValueError, image.scalar_type() == kByte, "The image dtype must be uint8, got torch.",
               python_name(image.scalar_type()));
  WICK_CHECK_T(ValueError, image.dim() == 3, "Pass individual images, not batches");
  WICK_CHECK_T(ValueError, image.size(0) == 3, "Pass an RGB image. Other Image formats are not supported");
  WICK_CHECK_T(TypeError, masks_in.defined(), "masks: Tensor expected, got an undefined tensor");
  Tensor masks = masks_in.dim() == 2 ? masks_in.unsqueeze(0) : masks_in;
  WICK_CHECK_T(ValueError, masks.dim() == 3, "masks must be of shape (H, W) or (batch_size, H, W)");
  WICK_CHECK_T(ValueError, masks.scalar_type() == kBool, "The masks must be of dtype bool. Got torch.",
               python_name(masks.scalar_type()));
  WICK_CHECK_T(ValueError, masks.size(1) == image.size(1) && masks.size(2) == image.size(2),
               "The image and the masks must have the same height and width");
  const int64_t num_masks = masks.size(0);
  if (!colors.is_default() && !colors.single)
    WICK_CHECK_T(ValueError, num_masks <= static_cast<int64_t>(colors.list->size()), "There are more masks (",
                 num_masks, ") than colors (", colors.list->size(), ")");
  if (num_masks == 0) return image;  // torchvision: warns "masks doesn't contain any mask. No mask was drawn"
  const std::vector<Color> palette = colors_for(colors, num_masks);

  const int64_t hw = image.size(1) * image.size(2);
  Tensor img = image.to(Device("cpu")).contiguous();
  Tensor m = masks.to(Device("cpu")).contiguous();
  const uint8_t* src = img.data_ptr<uint8_t>();
  const bool* mp = m.data_ptr<bool>();
  // drawn: the color of the last mask covering each pixel (-1: none)
  std::vector<int32_t> top(static_cast<size_t>(hw), -1);
  for (int64_t k = 0; k < num_masks; ++k)
    for (int64_t p = 0; p < hw; ++p)
      if (mp[k * hw + p]) top[p] = static_cast<int32_t>(k);
  // torchvision: image * (1 - alpha) + drawn * alpha, float32 with the scalars rounded to float
  const float a = static_cast<float>(1.0 - alpha), b = static_cast<float>(alpha);
  Tensor out = empty({3, image.size(1), image.size(2)}, TensorOptions(kByte));
  uint8_t* dst = out.data_ptr<uint8_t>();
  for (int64_t c = 0; c < 3; ++c) {
    for (int64_t p = 0; p < hw; ++p) {
      const uint8_t v = src[c * hw + p];
      const uint8_t d = top[p] < 0 ? v : palette[top[p]].rgb()[c];
      const float x = static_cast<float>(v) * a;
      const float y = static_cast<float>(d) * b;
      dst[c * hw + p] = to_uint8(x + y);
    }
  }
  return image.is_cpu() ? out : out.to(image.device());
}

}  // namespace wick::vision::utils
