// wick::vision::utils drawing: draw_bounding_boxes and draw_segmentation_masks
// against torchvision 0.14's pixels (draw_test_data.h from gen_draw_data.py:
// outlines, fills blended as PIL's RGBA ImageDraw, width > 1 and PIL's rule for
// widths over half a box, degenerate and partly outside boxes, gray images,
// palettes, named colors), their checks and messages; labels at torchvision's
// margin; colors; and the primitives (lines, rectangles, circles) checked by hand.
#include <gtest/gtest.h>

#include <limits>
#include <string>
#include <vector>

#include "draw_test_data.h"
#include "test_utils.h"
#include "wick/vision/draw.h"

namespace {

using namespace wick;
namespace wv = wick::vision;
namespace vu = wick::vision::utils;
using wv::Color;
using wv::Colors;

Tensor u8(const uint8_t* data, std::vector<int64_t> shape) {
  return from_blob(const_cast<uint8_t*>(data), shape, TensorOptions(kByte)).clone();
}
Tensor blank(int64_t c, int64_t h, int64_t w, int64_t value = 0) { return full({c, h, w}, value, TensorOptions(kByte)); }
std::vector<uint8_t> bytes(const Tensor& t) {
  Tensor c = t.contiguous();
  const uint8_t* p = c.data_ptr<uint8_t>();
  return std::vector<uint8_t>(p, p + c.numel());
}
// The first (channel, y, x) where a and b differ, for failure messages.
std::string first_difference(const Tensor& a, const Tensor& b) {
  auto x = bytes(a), y = bytes(b);
  const int64_t h = a.size(1), w = a.size(2);
  for (size_t i = 0; i < x.size() && i < y.size(); ++i)
    if (x[i] != y[i])
      return str("c ", i / (h * w), " y ", i / w % h, " x ", i % w, ": ", int(x[i]), " vs ", int(y[i]));
  return "none";
}

Colors colors_of(int kind, int64_t n, const char* const* specs) {
  if (kind == 0) return {};
  std::vector<std::string> v(specs, specs + n);
  if (kind == 1) return Colors(v[0]);
  return Colors(v);
}

TEST(VisionDraw, BoundingBoxesMatchTorchvision) {
  using namespace draw_data;
  for (const BoxCase& c : kBoxCases) {
    SCOPED_TRACE(c.name);
    Tensor image = c.gray ? u8(kGray, {1, kH, kW}) : u8(kImage, {3, kH, kW});
    Tensor before = image.clone();
    Tensor boxes = from_blob(const_cast<double*>(c.boxes), {c.num_boxes, 4}, TensorOptions(kDouble)).clone();
    Tensor out = vu::draw_bounding_boxes(image, boxes, {}, colors_of(c.colors_kind, c.num_colors, c.colors), c.fill,
                                         c.width);
    Tensor expected = u8(c.expected, {3, kH, kW});
    ASSERT_EQ(out.sizes().vec(), (std::vector<int64_t>{3, kH, kW}));
    EXPECT_EQ(out.scalar_type(), kByte);
    EXPECT_EQ(bytes(out), bytes(expected)) << first_difference(out, expected);
    EXPECT_EQ(bytes(image), bytes(before)) << "the input changed";
    // float32 boxes give the same pixels
    Tensor out32 = vu::draw_bounding_boxes(image, boxes.to(kFloat), {}, colors_of(c.colors_kind, c.num_colors, c.colors),
                                           c.fill, c.width);
    EXPECT_EQ(bytes(out32), bytes(expected));
  }
}

TEST(VisionDraw, BoundingBoxesIntegerBoxesAndStrides) {
  using namespace draw_data;
  const BoxCase& c = kBoxCases[0];  // integer boxes, the default palette
  Tensor boxes = from_blob(const_cast<double*>(c.boxes), {c.num_boxes, 4}, TensorOptions(kDouble)).clone();
  Tensor expected = u8(c.expected, {3, kH, kW});
  for (ScalarType t : {kLong, kInt, kShort}) {
    Tensor out = vu::draw_bounding_boxes(u8(kImage, {3, kH, kW}), boxes.to(t));
    EXPECT_EQ(bytes(out), bytes(expected)) << to_string(t);
  }
  // a channels-last image and transposed boxes (non-contiguous inputs)
  Tensor hwc = u8(kImage, {3, kH, kW}).permute({1, 2, 0}).contiguous();
  Tensor out = vu::draw_bounding_boxes(hwc.permute({2, 0, 1}), boxes.t().contiguous().t());
  EXPECT_EQ(bytes(out), bytes(expected));
}

TEST(VisionDraw, BoundingBoxesNoBoxes) {
  Tensor image = blank(1, 4, 5, 7);
  Tensor out = vu::draw_bounding_boxes(image, zeros({0, 4}));
  // torchvision returns the image itself (one channel, not tiled)
  EXPECT_EQ(out.data_ptr(), image.data_ptr());
  EXPECT_EQ(out.size(0), 1);
  // the checks before it still run
  WICK_EXPECT_THROW_MSG(vu::draw_bounding_boxes(zeros({3, 4, 5}), zeros({0, 4})), ValueError,
                        "Tensor uint8 expected, got torch.float32");
}

TEST(VisionDraw, BoundingBoxLabels) {
  // Labels use wick's font: the label is the text drawn in the box's color at
  // torchvision's margin (xmin + width + 1, ymin + width + 1), over the box.
  Tensor image = blank(3, 40, 60);
  Tensor boxes = tensor({2, 3, 50, 30, 30, 20, 59, 39}).reshape({2, 4});
  for (int64_t width : {1, 3}) {
    for (bool fill : {false, true}) {
      Tensor plain = vu::draw_bounding_boxes(image, boxes, {}, {"red", "#00ff00"}, fill, width);
      Tensor labelled = vu::draw_bounding_boxes(image, boxes, {"Tx", "Bag"}, {"red", "#00ff00"}, fill, width);
      Tensor expected = plain.clone();
      wv::draw_text(expected, "Tx", 2 + width + 1, 3 + width + 1, "red");
      wv::draw_text(expected, "Bag", 30 + width + 1, 20 + width + 1, "#00ff00");
      EXPECT_EQ(bytes(labelled), bytes(expected)) << "width " << width;
      // the first label's pixels start exactly at the margin ('T' lights its top-left pixel)
      int64_t min_x = 1 << 30, min_y = 1 << 30, max_x = -1, max_y = -1;
      for (int64_t y = 0; y < 20; ++y)
        for (int64_t x = 0; x < 29; ++x)
          if (labelled[0][y][x].item<int64_t>() != plain[0][y][x].item<int64_t>())
            min_x = std::min(min_x, x), min_y = std::min(min_y, y), max_x = std::max(max_x, x), max_y = std::max(max_y, y);
      EXPECT_EQ(min_x, 2 + width + 1);
      EXPECT_EQ(min_y, 3 + width + 1);
      EXPECT_LT(max_x, 50 - width);  // inside the box
      EXPECT_LT(max_y, 30 - width);
    }
  }
}

TEST(VisionDraw, BoundingBoxErrors) {
  Tensor img = blank(3, 10, 10);
  Tensor boxes = tensor({1, 1, 5, 5}).reshape({1, 4});
  WICK_EXPECT_THROW_MSG(vu::draw_bounding_boxes(Tensor(), boxes), TypeError, "Tensor expected");
  WICK_EXPECT_THROW_MSG(vu::draw_bounding_boxes(img.to(kFloat), boxes), ValueError,
                        "Tensor uint8 expected, got torch.float32");
  WICK_EXPECT_THROW_MSG(vu::draw_bounding_boxes(img.unsqueeze(0), boxes), ValueError,
                        "Pass individual images, not batches");
  WICK_EXPECT_THROW_MSG(vu::draw_bounding_boxes(blank(4, 10, 10), boxes), ValueError,
                        "Only grayscale and RGB images are supported");
  WICK_EXPECT_THROW_MSG(vu::draw_bounding_boxes(blank(2, 10, 10), boxes), ValueError,
                        "Only grayscale and RGB images are supported");
  WICK_EXPECT_THROW_MSG(
      vu::draw_bounding_boxes(img, tensor({5, 1, 1, 5}).reshape({1, 4})), ValueError,
      "Boxes need to be in (xmin, ymin, xmax, ymax) format. Use torchvision.ops.box_convert to convert them");
  WICK_EXPECT_THROW_MSG(vu::draw_bounding_boxes(img, tensor({1.0, 5.5, 2.0, 5.25}).reshape({1, 4})), ValueError,
                        "Boxes need to be in (xmin, ymin, xmax, ymax) format");
  WICK_EXPECT_THROW_MSG(vu::draw_bounding_boxes(img, tensor({1, 1, 5, 5})), ValueError,
                        "boxes must be a tensor of shape (N, 4)");
  WICK_EXPECT_THROW_MSG(vu::draw_bounding_boxes(img, zeros({2, 3})), ValueError, "got shape [2, 3]");
  Tensor two = tensor({1, 1, 5, 5, 2, 2, 3, 3}).reshape({2, 4});
  WICK_EXPECT_THROW_MSG(vu::draw_bounding_boxes(img, two, {"a"}), ValueError,
                        "Number of boxes (2) and labels (1) mismatch. Please specify labels for each box.");
  WICK_EXPECT_THROW_MSG(vu::draw_bounding_boxes(img, two, {}, {"red"}), ValueError,
                        "Number of colors (1) is less than number of boxes (2). ");
  WICK_EXPECT_THROW_MSG(vu::draw_bounding_boxes(img, two, {}, {"red", "nocolor"}), ValueError,
                        "unknown color specifier: 'nocolor'");
  // one color for every box (a string or a Color, not a list)
  Tensor a = vu::draw_bounding_boxes(img, two, {}, "red");
  Tensor b = vu::draw_bounding_boxes(img, two, {}, {"red", "red"});
  Tensor c = vu::draw_bounding_boxes(img, two, {}, Color(255, 0, 0));
  EXPECT_EQ(bytes(a), bytes(b));
  EXPECT_EQ(bytes(a), bytes(c));
}

TEST(VisionDraw, SegmentationMasksMatchTorchvision) {
  using namespace draw_data;
  Tensor image = u8(kMaskImage, {3, kMH, kMW});
  Tensor masks = u8(kMasks, {3, kMH, kMW}).to(kBool);
  Tensor mask2d = u8(kMask2d, {kMH, kMW}).to(kBool);
  for (const MaskCase& c : kMaskCases) {
    SCOPED_TRACE(c.name);
    Tensor out = vu::draw_segmentation_masks(image, c.single2d ? mask2d : masks, c.alpha,
                                             colors_of(c.colors_kind, c.num_colors, c.colors));
    Tensor expected = u8(c.expected, {3, kMH, kMW});
    EXPECT_EQ(bytes(out), bytes(expected)) << first_difference(out, expected);
    EXPECT_EQ(bytes(image), bytes(u8(kMaskImage, {3, kMH, kMW})));
  }
  // non-contiguous image and masks
  const MaskCase& c = kMaskCases[0];
  Tensor t_out = vu::draw_segmentation_masks(image.transpose(1, 2).contiguous().transpose(1, 2),
                                             masks.transpose(1, 2).contiguous().transpose(1, 2), c.alpha);
  EXPECT_EQ(bytes(t_out), bytes(u8(c.expected, {3, kMH, kMW})));
}

TEST(VisionDraw, SegmentationMasksSingleColorAndNoMasks) {
  // One color colors every mask (torchvision >= 0.15; 0.14 compared the color
  // string's length with the number of masks and drew only the first mask).
  Tensor image = blank(3, 2, 2, 10);
  Tensor masks = tensor({true, false, false, false, false, false, false, true}).reshape({2, 2, 2});
  Tensor out = vu::draw_segmentation_masks(image, masks, 1.0, "red");
  EXPECT_EQ(bytes(out), (std::vector<uint8_t>{255, 10, 10, 255, 0, 10, 10, 0, 0, 10, 10, 0}));
  EXPECT_EQ(bytes(vu::draw_segmentation_masks(image, masks, 1.0, {"red", "red"})), bytes(out));
  // no masks: the image itself
  Tensor none = vu::draw_segmentation_masks(image, zeros({0, 2, 2}, TensorOptions(kBool)));
  EXPECT_EQ(none.data_ptr(), image.data_ptr());
}

TEST(VisionDraw, SegmentationMaskErrors) {
  Tensor img = blank(3, 4, 5);
  Tensor m = zeros({1, 4, 5}, TensorOptions(kBool));
  WICK_EXPECT_THROW_MSG(vu::draw_segmentation_masks(Tensor(), m), TypeError, "The image must be a tensor");
  WICK_EXPECT_THROW_MSG(vu::draw_segmentation_masks(img.to(kFloat), m), ValueError,
                        "The image dtype must be uint8, got torch.float32");
  WICK_EXPECT_THROW_MSG(vu::draw_segmentation_masks(img.unsqueeze(0), m), ValueError,
                        "Pass individual images, not batches");
  WICK_EXPECT_THROW_MSG(vu::draw_segmentation_masks(blank(1, 4, 5), m), ValueError,
                        "Pass an RGB image. Other Image formats are not supported");
  WICK_EXPECT_THROW_MSG(vu::draw_segmentation_masks(img, zeros({1, 1, 4, 5}, TensorOptions(kBool))), ValueError,
                        "masks must be of shape (H, W) or (batch_size, H, W)");
  WICK_EXPECT_THROW_MSG(vu::draw_segmentation_masks(img, zeros({5}, TensorOptions(kBool))), ValueError,
                        "masks must be of shape (H, W) or (batch_size, H, W)");
  WICK_EXPECT_THROW_MSG(vu::draw_segmentation_masks(img, zeros({1, 4, 5}, TensorOptions(kByte))), ValueError,
                        "The masks must be of dtype bool. Got torch.uint8");
  WICK_EXPECT_THROW_MSG(vu::draw_segmentation_masks(img, zeros({1, 5, 4}, TensorOptions(kBool))), ValueError,
                        "The image and the masks must have the same height and width");
  WICK_EXPECT_THROW_MSG(vu::draw_segmentation_masks(img, zeros({3, 4, 5}, TensorOptions(kBool)), 0.5, {"red", "blue"}),
                        ValueError, "There are more masks (3) than colors (2)");
}

TEST(VisionDraw, PaletteAndColors) {
  using namespace draw_data;
  auto pal = vu::generate_color_palette(300);
  ASSERT_EQ(pal.size(), 300u);
  for (size_t i = 0; i < pal.size(); ++i) {
    EXPECT_EQ(pal[i].r, kPalette300[3 * i]) << i;
    EXPECT_EQ(pal[i].g, kPalette300[3 * i + 1]) << i;
    EXPECT_EQ(pal[i].b, kPalette300[3 * i + 2]) << i;
  }
  EXPECT_TRUE(vu::generate_color_palette(0).empty());
  for (const auto& c : kNamedColors) EXPECT_EQ(Color(c.spec), Color(c.r, c.g, c.b)) << c.spec;
  EXPECT_EQ(static_cast<int64_t>(wv::color_names().size()), kNumColorNames);
  for (const auto& name : wv::color_names()) EXPECT_NO_THROW(Color{name}) << name;
  EXPECT_EQ(Color(std::array<uint8_t, 3>{1, 2, 3}), Color(1, 2, 3));
  EXPECT_EQ(Color("rgb( 4 ,5,  6)"), Color(4, 5, 6));
  for (const char* bad : {"nope", "", " red", "#12", "#1234", "#12345g", "#aabbccdd", "rgb(1,2)", "rgb(300,0,0)",
                          "rgb(1,2,3,4)", "rgb(1,2,3"})
    WICK_EXPECT_THROW_MSG(Color{std::string(bad)}, ValueError, str("unknown color specifier: '", bad, "'"));
  WICK_EXPECT_THROW_MSG(Color(256, 0, 0), ValueError, "color components must be in 0..255, got (256, 0, 0)");
  WICK_EXPECT_THROW_MSG(Color(0, -1, 0), ValueError, "0..255");
}

TEST(VisionDraw, Lines) {
  Tensor img = blank(1, 5, 7);
  vu::draw_line(img, 1, 1, 5, 1, "white");   // horizontal, both ends
  vu::draw_line(img, 6, 4, 6, 0, "white");   // vertical, drawn upwards
  vu::draw_line(img, 0, 0, 4, 4, {128, 128, 128});  // diagonal
  std::vector<uint8_t> expected = {128, 0,   0,   0,   0,   0,   255,  //
                                   0,   128, 255, 255, 255, 255, 255,  //
                                   0,   0,   128, 0,   0,   0,   255,  //
                                   0,   0,   0,   128, 0,   0,   255,  //
                                   0,   0,   0,   0,   128, 0,   255};
  EXPECT_EQ(bytes(img), expected);
  // a single point; a shallow line visits every column once
  Tensor p = blank(1, 3, 3);
  vu::draw_line(p, 1, 1, 1, 1, "white");
  EXPECT_EQ(p.sum().item<int64_t>(), 255);
  Tensor s = blank(1, 4, 10);
  vu::draw_line(s, 0, 0, 9, 3, "white");
  for (int64_t x = 0; x < 10; ++x) EXPECT_EQ(s.select(2, x).sum().item<int64_t>(), 255) << x;
  EXPECT_EQ(s[0][0][0].item<int64_t>(), 255);
  EXPECT_EQ(s[0][3][9].item<int64_t>(), 255);
  // width w: a horizontal line covers w rows
  for (int64_t w : {2, 3, 4, 5}) {
    Tensor t = blank(1, 12, 12);
    vu::draw_line(t, 2, 6, 9, 6, "white", w);
    int64_t rows = 0;
    for (int64_t y = 0; y < 12; ++y) rows += t[0][y][5].item<int64_t>() == 255;
    EXPECT_EQ(rows, w) << w;
  }
}

TEST(VisionDraw, LinesClip) {
  // ends far outside: the visible part (row 2, all columns) and nothing else
  Tensor img = blank(3, 5, 8);
  vu::draw_line(img, -1000000000000, 2, 1000000000000, 2, "white");
  EXPECT_EQ(img.sum().item<int64_t>(), 3 * 8 * 255);
  EXPECT_EQ(img[0][2].sum().item<int64_t>(), 8 * 255);
  Tensor far = blank(3, 5, 8);
  vu::draw_line(far, std::numeric_limits<int64_t>::min(), 40, std::numeric_limits<int64_t>::max(), 50, "white", 3);
  EXPECT_EQ(far.sum().item<int64_t>(), 0);
  // partly outside (ends within the brush frame): the same pixels as on a larger canvas
  const int64_t P = 20;
  for (int64_t w : {1, 2, 4}) {
    Tensor big = blank(1, 5 + 2 * P, 8 + 2 * P);
    vu::draw_line(big, -3 + P, -2 + P, 10 + P, 6 + P, "white", w);
    Tensor host = blank(1, 7, 10, 9);
    Tensor view = host.narrow(1, 1, 5).narrow(2, 1, 8);
    view.fill_(0);
    vu::draw_line(view, -3, -2, 10, 6, "white", w);
    EXPECT_EQ(bytes(view), bytes(big.narrow(1, P, 5).narrow(2, P, 8))) << w;
    EXPECT_EQ(host.select(1, 0).sum().item<int64_t>(), 9 * 10);  // the border untouched
    EXPECT_EQ(host.select(1, 6).sum().item<int64_t>(), 9 * 10);
  }
  // polyline: the segments joined
  Tensor a = blank(1, 6, 6), b = blank(1, 6, 6);
  vu::draw_polyline(a, {{0, 0}, {5, 0}, {5, 5}}, "white");
  vu::draw_line(b, 0, 0, 5, 0, "white");
  vu::draw_line(b, 5, 0, 5, 5, "white");
  EXPECT_EQ(bytes(a), bytes(b));
  vu::draw_polyline(a, {{1, 1}}, "white");  // one point: nothing
  EXPECT_EQ(bytes(a), bytes(b));
}

TEST(VisionDraw, RectanglesAndCircles) {
  Tensor img = blank(1, 6, 7);
  vu::draw_rectangle(img, 1, 1, 5, 4, "white");
  std::vector<uint8_t> outline = {0, 0,   0,   0,   0,   0,   0,  //
                                  0, 255, 255, 255, 255, 255, 0,  //
                                  0, 255, 0,   0,   0,   255, 0,  //
                                  0, 255, 0,   0,   0,   255, 0,  //
                                  0, 255, 255, 255, 255, 255, 0,  //
                                  0, 0,   0,   0,   0,   0,   0};
  EXPECT_EQ(bytes(img), outline);
  Tensor swapped = blank(1, 6, 7);
  vu::draw_rectangle(swapped, 5, 4, 1, 1, "white");
  EXPECT_EQ(bytes(swapped), outline);
  Tensor thick = blank(1, 6, 7), thick_swapped = blank(1, 6, 7);
  vu::draw_rectangle(thick, 0, 0, 6, 5, "white", 2);
  vu::draw_rectangle(thick_swapped, 6, 0, 0, 5, "white", 2);
  EXPECT_EQ(bytes(thick), bytes(thick_swapped));
  EXPECT_EQ(thick.sum().item<int64_t>(), (42 - 3 * 2) * 255);  // all but the 3 x 2 middle
  Tensor filled = blank(1, 6, 7), same = blank(1, 6, 7);
  vu::draw_rectangle(filled, 5, 4, 1, 1, "white", 1, true);  // corners in any order
  vu::fill_rectangle(same, 1, 1, 5, 4, "white");
  EXPECT_EQ(bytes(filled), bytes(same));
  EXPECT_EQ(filled.sum().item<int64_t>(), 20 * 255);
  // alpha: PIL's blend, (in * (255 - a) + ink * a + 128 + ((...) >> 8)) >> 8
  Tensor blended = blank(3, 2, 2, 200);
  vu::fill_rectangle(blended, 0, 0, 0, 0, {0, 100, 255}, 100);
  auto pil = [](int in, int ink, int a) {
    int t = in * (255 - a) + ink * a + 128;
    return ((t >> 8) + t) >> 8;
  };
  EXPECT_EQ(blended[0][0][0].item<int64_t>(), pil(200, 0, 100));
  EXPECT_EQ(blended[1][0][0].item<int64_t>(), pil(200, 100, 100));
  EXPECT_EQ(blended[2][0][0].item<int64_t>(), pil(200, 255, 100));
  EXPECT_EQ(blended[0][1][1].item<int64_t>(), 200);
  // width 0 draws nothing
  Tensor none = blank(1, 6, 7);
  vu::draw_rectangle(none, 1, 1, 5, 4, "white", 0);
  EXPECT_EQ(none.sum().item<int64_t>(), 0);
  // circles: radius 0 is a pixel, radius 2 has 21 pixels, clipped at the corner
  Tensor c = blank(1, 9, 9);
  vu::fill_circle(c, 4, 4, 0, "white");
  EXPECT_EQ(c.sum().item<int64_t>(), 255);
  vu::fill_circle(c, 4, 4, 2, "white");
  EXPECT_EQ(c.sum().item<int64_t>(), 21 * 255);
  EXPECT_EQ(c[0][4][6].item<int64_t>(), 255);
  EXPECT_EQ(c[0][6][6].item<int64_t>(), 0);
  Tensor corner = blank(1, 9, 9);
  vu::fill_circle(corner, 0, 0, 2, "white");  // the quarter (and halves of the axes) inside
  EXPECT_EQ(corner.sum().item<int64_t>(), 8 * 255);
  Tensor huge = blank(4, 3, 3, 1);
  vu::fill_circle(huge, 1, 1, 1000000000000000, "white");
  EXPECT_EQ(huge.narrow(0, 0, 3).sum().item<int64_t>(), 27 * 255);
  EXPECT_EQ(huge[3].sum().item<int64_t>(), 9);  // RGBA: alpha kept
  Tensor away = blank(1, 3, 3);
  vu::fill_circle(away, std::numeric_limits<int64_t>::max(), 1, 5, "white");
  EXPECT_EQ(away.sum().item<int64_t>(), 0);
}

TEST(VisionDraw, PrimitiveErrors) {
  Tensor img = blank(3, 4, 4);
  WICK_EXPECT_THROW_MSG(vu::draw_line(img, 0, 0, 1, 1, "red", 0), ValueError, "draw_line: width must be positive, got 0");
  WICK_EXPECT_THROW_MSG(vu::draw_line(img.to(kInt), 0, 0, 1, 1, "red"), ValueError,
                        "draw_line: expected a uint8 image, got torch.int32");
  WICK_EXPECT_THROW_MSG(vu::draw_rectangle(img, 0, 0, 1, 1, "red", -1), ValueError,
                        "draw_rectangle: width must be non-negative, got -1");
  WICK_EXPECT_THROW_MSG(vu::fill_rectangle(img, 0, 0, 1, 1, "red", 256), ValueError,
                        "fill_rectangle: alpha must be in 0..255, got 256");
  WICK_EXPECT_THROW_MSG(vu::fill_circle(img, 0, 0, -1, "red"), ValueError,
                        "fill_circle: radius must be non-negative, got -1");
  WICK_EXPECT_THROW_MSG(vu::fill_circle(blank(6, 4, 4), 0, 0, 1, "red"), ValueError, "got 6");
  WICK_EXPECT_THROW_MSG(vu::draw_polyline(zeros({4, 4}), {}, "red"), ValueError, "draw_polyline: expected a uint8 image");
}

}  // namespace
