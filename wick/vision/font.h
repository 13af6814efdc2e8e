#pragma once
// wick::vision's built-in bitmap font: printable ASCII (32..126) as 5 x 9 glyphs
// (7 rows above the baseline, 2 for descenders) on a 6-pixel advance, drawn on
// uint8 C x H x W images (C = 1 gray, 2 gray+alpha, 3 RGB, 4 RGBA), each glyph
// pixel a scale x scale block. Legible at scale 1.
//
//   Tensor img = wick::full({3, 40, 120}, 255, wick::kByte);
//   wick::vision::draw_text(img, "Sneaker / Bag", 4, 4, "red");
//   int64_t w = wick::vision::text_width("Sneaker / Bag");   // 77
#include <cstdint>
#include <string>

#include "wick/tensor/tensor.h"
#include "wick/vision/color.h"

namespace wick::vision {

constexpr int64_t kGlyphWidth = 5;    // lit columns of a glyph
constexpr int64_t kGlyphHeight = 9;   // rows of a glyph, descenders included
constexpr int64_t kGlyphAdvance = 6;  // from one character to the next (one blank column)

// The number of characters draw_text draws for text: one per byte, except that
// a UTF-8 multi-byte character counts (and draws as '?') once.
int64_t text_length(const std::string& text);
// Width in pixels of text drawn at scale: text_length * 6 * scale less the blank
// column after the last character (0 for ""). ValueError unless scale >= 1.
int64_t text_width(const std::string& text, int64_t scale = 1);
// Height in pixels of a line at scale: 9 * scale (ascenders to descenders).
int64_t text_height(int64_t scale = 1);

// Draws text with its top-left corner at (x, y), in place (the handle is const as
// for LibTorch's in-place ops; the pixels change). Only the lit pixels of the
// glyphs are written; characters outside 32..126 draw as '?'. Text partly or
// wholly outside the image draws what falls inside. RGB(A) images get the color,
// 1- and 2-channel images its luma; alpha channels are left as they are.
// Raises wick::ValueError for an image that is not uint8 C x H x W with C = 1..4
// (TypeError if undefined) and for scale < 1.
void draw_text(const Tensor& image, const std::string& text, int64_t x, int64_t y, const Color& color,
               int64_t scale = 1);

namespace detail {
// The 9 rows of the glyph for c (bit 4 = leftmost column); '?' for c outside 32..126.
const uint8_t* glyph_rows(unsigned char c);
}  // namespace detail

}  // namespace wick::vision
