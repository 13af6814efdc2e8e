#pragma once
// Drawing on uint8 C x H x W images in C++: the primitives wick's plots use
// (lines, rectangles, circles; text is in font.h) and torchvision.utils'
// draw_bounding_boxes / draw_segmentation_masks.
//
//   Tensor img = wick::full({3, 100, 150}, 255, wick::kByte);
//   namespace vu = wick::vision::utils;
//   vu::draw_line(img, 0, 99, 149, 0, "blue", 2);
//   vu::fill_circle(img, 75, 50, 3, {214, 39, 40});
//   Tensor boxes = wick::tensor({10, 10, 60, 40, 80, 20, 140, 90}).reshape({2, 4});
//   Tensor out = vu::draw_bounding_boxes(img, boxes, {"cat", "dog"}, {"red", "#00ff00"}, true, 2);
//
// The primitives draw in place (the handle is const as for LibTorch's in-place
// ops; the pixels change) on images with C = 1 (gray), 2 (gray+alpha), 3 (RGB)
// or 4 (RGBA), any strides: RGB(A) images get the color, 1- and 2-channel ones its
// luma, alpha channels are never written. Everything is clipped to the image:
// shapes partly or wholly outside draw what falls inside. A bad image (undefined,
// not uint8, not 3-D, other channel counts, not on the CPU) raises wick::Error.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "wick/tensor/tensor.h"
#include "wick/vision/color.h"
#include "wick/vision/font.h"

namespace wick::vision::utils {

using vision::Color;
using vision::Colors;

// A line from (x0, y0) to (x1, y1), both ends included (Bresenham), `width`
// pixels thick (a round brush: width 1 is the thin line, a horizontal line of
// width w covers w rows). ValueError unless width >= 1.
void draw_line(const Tensor& image, int64_t x0, int64_t y0, int64_t x1, int64_t y1, const Color& color,
               int64_t width = 1);
// Lines joining consecutive points (nothing for fewer than 2 points).
void draw_polyline(const Tensor& image, const std::vector<std::pair<int64_t, int64_t>>& points, const Color& color,
                   int64_t width = 1);

// PIL's ImageDraw.rectangle([x0, y0, x1, y1]): corners included (in any order). With fill, the
// whole rectangle; otherwise its outline, `width` pixels wide inside the
// rectangle (width 0 draws nothing, as PIL; a width over half the rectangle
// follows PIL's rule too). ValueError for a negative width.
void draw_rectangle(const Tensor& image, int64_t x0, int64_t y0, int64_t x1, int64_t y1, const Color& color,
                    int64_t width = 1, bool fill = false);
// The rectangle (corners included) filled with color at opacity alpha (0..255),
// blended as PIL's RGBA ImageDraw does: out = (in * (255 - alpha) + color * alpha) / 255
// rounded as PIL.
void fill_rectangle(const Tensor& image, int64_t x0, int64_t y0, int64_t x1, int64_t y1, const Color& color,
                    int64_t alpha = 255);
// The disc of pixels (x, y) with (x - cx)^2 + (y - cy)^2 <= radius * (radius + 1)
// (radius 0: one pixel). ValueError for a negative radius.
void fill_circle(const Tensor& image, int64_t cx, int64_t cy, int64_t radius, const Color& color);

// torchvision's _generate_color_palette: color i is (i * p) % 255 for p in
// (2**25 - 1, 2**15 - 1, 2**21 - 1).
std::vector<Color> generate_color_palette(int64_t num_objects);

// torchvision.utils.draw_bounding_boxes (0.14): boxes (N x 4, any real dtype, in
// (xmin, ymin, xmax, ymax) pixels, truncated to integers) drawn on a uint8 1- or
// 3-channel image; returns a new 3 x H x W uint8 image (a gray image is repeated
// to RGB first) and leaves `image` as it is. labels: none ({}) or one per box,
// drawn in the box's color with wick's font at (xmin + width + 1, ymin + width + 1)
// (torchvision's margin; torchvision draws PIL's default font, so label pixels
// differ). colors: {} for the default palette, one color for every box, or a
// list with at least one per box. fill: the box is also filled with its color at
// alpha 100 (PIL's blend). No boxes: `image` itself comes back (torchvision
// also warns; C++ has no warning channel). Errors: torchvision's messages.
Tensor draw_bounding_boxes(const Tensor& image, const Tensor& boxes, const std::vector<std::string>& labels = {},
                           const Colors& colors = {}, bool fill = false, int64_t width = 1);

// torchvision.utils.draw_segmentation_masks (0.14): boolean masks (H x W or
// N x H x W) drawn on a uint8 RGB image with opacity alpha: out =
// uint8(image * (1 - alpha) + drawn * alpha) in float32 as torchvision computes it,
// where `drawn` is the image with each mask's pixels set to its color (later masks
// on top). colors: {} for the default palette, one color for every mask, or a
// list with at least one per mask. No masks: `image` itself comes back.
Tensor draw_segmentation_masks(const Tensor& image, const Tensor& masks, double alpha = 0.8,
                               const Colors& colors = {});

}  // namespace wick::vision::utils
