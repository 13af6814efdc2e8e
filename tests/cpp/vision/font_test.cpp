// wick::vision's bitmap font: widths, the glyph table, '?' for what it lacks,
// clipping at every edge (against the same text drawn on a larger image and
// cropped), scale, channels (gray, gray+alpha, RGB, RGBA keeps alpha), strided
// images and the errors.
#include <gtest/gtest.h>

#include <limits>
#include <set>
#include <string>
#include <vector>

#include "test_utils.h"
#include "wick/vision/font.h"

namespace {

using namespace wick;
namespace wv = wick::vision;

Tensor blank(int64_t c, int64_t h, int64_t w, int64_t value = 0) { return full({c, h, w}, value, TensorOptions(kByte)); }

std::vector<uint8_t> bytes(const Tensor& t) {
  Tensor c = t.contiguous();
  const uint8_t* p = c.data_ptr<uint8_t>();
  return std::vector<uint8_t>(p, p + c.numel());
}

// The lit pixels of one glyph at scale 1 as a 9 x 5 0/1 pattern.
std::vector<uint8_t> pattern(unsigned char c) {
  std::vector<uint8_t> v;
  const uint8_t* rows = wv::detail::glyph_rows(c);
  for (int r = 0; r < wv::kGlyphHeight; ++r)
    for (int col = 0; col < wv::kGlyphWidth; ++col) v.push_back((rows[r] >> (wv::kGlyphWidth - 1 - col)) & 1);
  return v;
}

TEST(VisionFont, Widths) {
  EXPECT_EQ(wv::text_width(""), 0);
  EXPECT_EQ(wv::text_width("A"), 5);
  EXPECT_EQ(wv::text_width("AB"), 11);
  EXPECT_EQ(wv::text_width("Ankle Boot / Bag"), 16 * 6 - 1);
  EXPECT_EQ(wv::text_width("AB", 3), 33);
  EXPECT_EQ(wv::text_height(), 9);
  EXPECT_EQ(wv::text_height(4), 36);
  // a UTF-8 character is one '?'
  EXPECT_EQ(wv::text_length("caf\xc3\xa9"), 4);
  EXPECT_EQ(wv::text_length("\xe2\x82\xac!"), 2);
  EXPECT_EQ(wv::text_width("\xc3\xa9"), 5);
  WICK_EXPECT_THROW_MSG(wv::text_width("a", 0), ValueError, "text scale must be in 1..1048576, got 0");
  WICK_EXPECT_THROW_MSG(wv::text_height(-2), ValueError, "got -2");
}

TEST(VisionFont, GlyphTable) {
  // space is blank; every other printable character has lit pixels, and no two look alike
  EXPECT_EQ(pattern(' '), std::vector<uint8_t>(45, 0));
  std::set<std::string> seen;  // (strings: GCC 12 warns falsely on sets of vectors)
  for (int c = 33; c <= 126; ++c) {
    auto p = pattern(static_cast<unsigned char>(c));
    int lit = 0;
    for (auto v : p) lit += v;
    EXPECT_GT(lit, 0) << "glyph " << char(c);
    EXPECT_TRUE(seen.insert(std::string(p.begin(), p.end())).second) << "glyph " << char(c) << " looks like another";
  }
  // descenders reach rows 7-8, capitals and digits stay in rows 0-6
  auto rows_used = [](char c) {
    int last = -1;
    const uint8_t* rows = wv::detail::glyph_rows(static_cast<unsigned char>(c));
    for (int r = 0; r < wv::kGlyphHeight; ++r)
      if (rows[r]) last = r;
    return last;
  };
  for (char c : std::string("gjpqy")) EXPECT_EQ(rows_used(c), 8) << c;
  for (char c : std::string("AZ09x")) EXPECT_EQ(rows_used(c), 6) << c;
  // outside 32..126: '?'
  for (int c : {0, 9, 10, 31, 127, 128, 200, 255}) EXPECT_EQ(pattern(static_cast<unsigned char>(c)), pattern('?'));
}

TEST(VisionFont, DrawsGlyphPixels) {
  Tensor img = blank(3, 9, 11);
  wv::draw_text(img, "A7", 0, 0, {255, 128, 1});
  auto a = pattern('A'), seven = pattern('7');
  for (int64_t y = 0; y < 9; ++y) {
    for (int64_t x = 0; x < 11; ++x) {
      uint8_t lit = x < 5 ? a[y * 5 + x] : x == 5 ? 0 : seven[y * 5 + x - 6];
      EXPECT_EQ(img[0][y][x].item<int64_t>(), lit ? 255 : 0) << x << "," << y;
      EXPECT_EQ(img[1][y][x].item<int64_t>(), lit ? 128 : 0) << x << "," << y;
      EXPECT_EQ(img[2][y][x].item<int64_t>(), lit ? 1 : 0) << x << "," << y;
    }
  }
  // only lit pixels are written: the background shows through
  Tensor gray = blank(3, 9, 5, 77);
  wv::draw_text(gray, "A", 0, 0, "white");
  EXPECT_EQ(gray[0][0][0].item<int64_t>(), 77);  // 'A' row 0 is .###.
  EXPECT_EQ(gray[0][0][1].item<int64_t>(), 255);
}

TEST(VisionFont, QuestionMarkFallback) {
  Tensor q = blank(1, 9, 30);
  wv::draw_text(q, "????", 0, 0, "white");
  for (std::string s : {std::string("\x01\x7f\t\n"), std::string("\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\xff")}) {
    Tensor t = blank(1, 9, 30);
    wv::draw_text(t, s, 0, 0, "white");
    EXPECT_EQ(bytes(t), bytes(q));
  }
}

TEST(VisionFont, ScaleIsBlocks) {
  Tensor one = blank(1, 9, 11), three = blank(1, 27, 33);
  wv::draw_text(one, "g%", 0, 0, "white");
  wv::draw_text(three, "g%", 0, 0, "white", 3);
  for (int64_t y = 0; y < 27; ++y)
    for (int64_t x = 0; x < 33; ++x)
      ASSERT_EQ(three[0][y][x].item<int64_t>(), one[0][y / 3][x / 3].item<int64_t>()) << x << "," << y;
  EXPECT_EQ(wv::text_width("g%", 3), 33);
}

TEST(VisionFont, ClipsAtEveryEdge) {
  // The text drawn at (x, y) on a 12 x 20 image must equal the same text drawn
  // on a larger image at (x + P, y + P) and cropped; nothing outside is written.
  const int64_t H = 12, W = 20, P = 80;
  const std::string text = "Wg|Q@";
  for (int64_t scale : {1, 2, 3}) {
    for (int64_t x : {-40, -29, -7, -3, -1, 0, 5, 16, 18, 19, 20, 25}) {
      for (int64_t y : {-27, -10, -4, -1, 0, 3, 8, 11, 12, 30}) {
        Tensor big = blank(3, H + 2 * P, W + 2 * P);
        wv::draw_text(big, text, x + P, y + P, "orange", scale);
        Tensor expected = big.narrow(1, P, H).narrow(2, P, W);
        // the image is a view into a larger tensor, so a write past its edge would show
        Tensor host = blank(3, H + 2, W + 2, 9);
        Tensor img = host.narrow(1, 1, H).narrow(2, 1, W);
        img.fill_(0);
        wv::draw_text(img, text, x, y, "orange", scale);
        ASSERT_EQ(bytes(img), bytes(expected)) << "x " << x << " y " << y << " scale " << scale;
        Tensor inner = blank(3, H, W);
        Tensor frame = host.clone();
        frame.narrow(1, 1, H).narrow(2, 1, W).copy_(inner);
        EXPECT_EQ(frame.sum().item<int64_t>(), 9 * 3 * ((H + 2) * (W + 2) - H * W)) << "wrote outside the view";
      }
    }
  }
  // far away, or at the extremes of int64: nothing, and no overflow
  const int64_t big = std::numeric_limits<int64_t>::max(), small = std::numeric_limits<int64_t>::min();
  for (auto [x, y] : std::vector<std::pair<int64_t, int64_t>>{{big, 0}, {small, 0}, {0, big}, {0, small}, {small, small},
                                                               {-1000000000000, 3}, {3, 1000000000000}}) {
    Tensor img = blank(3, H, W);
    wv::draw_text(img, text, x, y, "white", 7);
    EXPECT_EQ(img.sum().item<int64_t>(), 0) << x << "," << y;
  }
}

TEST(VisionFont, Channels) {
  // RGBA: RGB get the color, the alpha channel stays as it was
  Tensor rgba = blank(4, 9, 5, 10);
  wv::draw_text(rgba, "H", 0, 0, {200, 100, 50});
  EXPECT_EQ(rgba[0][0][0].item<int64_t>(), 200);
  EXPECT_EQ(rgba[2][0][0].item<int64_t>(), 50);
  EXPECT_EQ(rgba[3].sum().item<int64_t>(), 10 * 45);
  EXPECT_EQ(rgba[0][0][1].item<int64_t>(), 10);  // unlit
  // gray: the color's luma (ITU-R 601-2, as PIL's convert("L")); gray+alpha keeps alpha
  Tensor g = blank(1, 9, 5), ga = blank(2, 9, 5, 3);
  wv::draw_text(g, "H", 0, 0, {200, 100, 50});
  wv::draw_text(ga, "H", 0, 0, {200, 100, 50});
  EXPECT_EQ(g[0][0][0].item<int64_t>(), (200 * 299 + 100 * 587 + 50 * 114 + 500) / 1000);
  EXPECT_EQ(wv::Color(255, 255, 255).luma(), 255);
  EXPECT_EQ(wv::Color(0, 0, 0).luma(), 0);
  EXPECT_EQ(ga[0][0][0].item<int64_t>(), g[0][0][0].item<int64_t>());
  EXPECT_EQ(ga[1].sum().item<int64_t>(), 3 * 45);
  // an HWC buffer seen as CHW (channels last strides)
  Tensor hwc = full({9, 5, 3}, 0, TensorOptions(kByte));
  Tensor chw = hwc.permute({2, 0, 1});
  wv::draw_text(chw, "H", 0, 0, {1, 2, 3});
  EXPECT_EQ(hwc[0][0][0].item<int64_t>(), 1);
  EXPECT_EQ(hwc[0][0][2].item<int64_t>(), 3);
  EXPECT_EQ(hwc[0][1][0].item<int64_t>(), 0);
  // an empty image and empty text draw nothing
  Tensor empty_img = blank(3, 0, 4);
  wv::draw_text(empty_img, "abc", 0, 0, "white");
  Tensor img = blank(3, 9, 5);
  wv::draw_text(img, "", 0, 0, "white");
  EXPECT_EQ(img.sum().item<int64_t>(), 0);
}

TEST(VisionFont, Errors) {
  WICK_EXPECT_THROW_MSG(wv::draw_text(zeros({3, 9, 9}), "a", 0, 0, "red"), ValueError,
                        "draw_text: expected a uint8 image, got torch.float32");
  WICK_EXPECT_THROW_MSG(wv::draw_text(blank(1, 9, 9).squeeze(0), "a", 0, 0, "red"), ValueError,
                        "draw_text: expected a C x H x W image, got a tensor with 2 dimensions");
  WICK_EXPECT_THROW_MSG(wv::draw_text(blank(1, 9, 9).unsqueeze(0), "a", 0, 0, "red"), ValueError,
                        "got a tensor with 4 dimensions");
  WICK_EXPECT_THROW_MSG(wv::draw_text(blank(5, 9, 9), "a", 0, 0, "red"), ValueError,
                        "expected an image with 1, 2, 3 or 4 channels (gray, gray+alpha, RGB, RGBA), got 5");
  WICK_EXPECT_THROW_MSG(wv::draw_text(Tensor(), "a", 0, 0, "red"), TypeError, "got an undefined tensor");
  WICK_EXPECT_THROW_MSG(wv::draw_text(blank(3, 9, 9), "a", 0, 0, "red", 0), ValueError, "text scale");
  WICK_EXPECT_THROW_MSG(wv::draw_text(blank(3, 9, 9), "a", 0, 0, "rouge"), ValueError,
                        "unknown color specifier: 'rouge'");
}

}  // namespace
