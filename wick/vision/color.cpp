#include "wick/vision/color.h"

#include <algorithm>
#include <cctype>
#include <string_view>

#include "wick/core/error.h"

namespace wick::vision {

namespace {

struct NamedColor {
  const char* name;
  uint32_t rgb;  // 0xRRGGBB
};

// CSS Color Module Level 4's named colors (the list PIL's ImageColor knows), sorted by name.
constexpr NamedColor kNamedColors[] = {
    {"aliceblue", 0xf0f8ff}, {"antiquewhite", 0xfaebd7}, {"aqua", 0x00ffff}, {"aquamarine", 0x7fffd4},
    {"azure", 0xf0ffff}, {"beige", 0xf5f5dc}, {"bisque", 0xffe4c4}, {"black", 0x000000},
    {"blanchedalmond", 0xffebcd}, {"blue", 0x0000ff}, {"blueviolet", 0x8a2be2}, {"brown", 0xa52a2a},
    {"burlywood", 0xdeb887}, {"cadetblue", 0x5f9ea0}, {"chartreuse", 0x7fff00}, {"chocolate", 0xd2691e},
    {"coral", 0xff7f50}, {"cornflowerblue", 0x6495ed}, {"cornsilk", 0xfff8dc}, {"crimson", 0xdc143c},
    {"cyan", 0x00ffff}, {"darkblue", 0x00008b}, {"darkcyan", 0x008b8b}, {"darkgoldenrod", 0xb8860b},
    {"darkgray", 0xa9a9a9}, {"darkgreen", 0x006400}, {"darkgrey", 0xa9a9a9}, {"darkkhaki", 0xbdb76b},
    {"darkmagenta", 0x8b008b}, {"darkolivegreen", 0x556b2f}, {"darkorange", 0xff8c00}, {"darkorchid", 0x9932cc},
    {"darkred", 0x8b0000}, {"darksalmon", 0xe9967a}, {"darkseagreen", 0x8fbc8f}, {"darkslateblue", 0x483d8b},
    {"darkslategray", 0x2f4f4f}, {"darkslategrey", 0x2f4f4f}, {"darkturquoise", 0x00ced1},
    {"darkviolet", 0x9400d3}, {"deeppink", 0xff1493}, {"deepskyblue", 0x00bfff}, {"dimgray", 0x696969},
    {"dimgrey", 0x696969}, {"dodgerblue", 0x1e90ff}, {"firebrick", 0xb22222}, {"floralwhite", 0xfffaf0},
    {"forestgreen", 0x228b22}, {"fuchsia", 0xff00ff}, {"gainsboro", 0xdcdcdc}, {"ghostwhite", 0xf8f8ff},
    {"gold", 0xffd700}, {"goldenrod", 0xdaa520}, {"gray", 0x808080}, {"green", 0x008000},
    {"greenyellow", 0xadff2f}, {"grey", 0x808080}, {"honeydew", 0xf0fff0}, {"hotpink", 0xff69b4},
    {"indianred", 0xcd5c5c}, {"indigo", 0x4b0082}, {"ivory", 0xfffff0}, {"khaki", 0xf0e68c},
    {"lavender", 0xe6e6fa}, {"lavenderblush", 0xfff0f5}, {"lawngreen", 0x7cfc00}, {"lemonchiffon", 0xfffacd},
    {"lightblue", 0xadd8e6}, {"lightcoral", 0xf08080}, {"lightcyan", 0xe0ffff},
    {"lightgoldenrodyellow", 0xfafad2}, {"lightgray", 0xd3d3d3}, {"lightgreen", 0x90ee90},
    {"lightgrey", 0xd3d3d3}, {"lightpink", 0xffb6c1}, {"lightsalmon", 0xffa07a}, {"lightseagreen", 0x20b2aa},
    {"lightskyblue", 0x87cefa}, {"lightslategray", 0x778899}, {"lightslategrey", 0x778899},
    {"lightsteelblue", 0xb0c4de}, {"lightyellow", 0xffffe0}, {"lime", 0x00ff00}, {"limegreen", 0x32cd32},
    {"linen", 0xfaf0e6}, {"magenta", 0xff00ff}, {"maroon", 0x800000}, {"mediumaquamarine", 0x66cdaa},
    {"mediumblue", 0x0000cd}, {"mediumorchid", 0xba55d3}, {"mediumpurple", 0x9370db},
    {"mediumseagreen", 0x3cb371}, {"mediumslateblue", 0x7b68ee}, {"mediumspringgreen", 0x00fa9a},
    {"mediumturquoise", 0x48d1cc}, {"mediumvioletred", 0xc71585}, {"midnightblue", 0x191970},
    {"mintcream", 0xf5fffa}, {"mistyrose", 0xffe4e1}, {"moccasin", 0xffe4b5}, {"navajowhite", 0xffdead},
    {"navy", 0x000080}, {"oldlace", 0xfdf5e6}, {"olive", 0x808000}, {"olivedrab", 0x6b8e23},
    {"orange", 0xffa500}, {"orangered", 0xff4500}, {"orchid", 0xda70d6}, {"palegoldenrod", 0xeee8aa},
    {"palegreen", 0x98fb98}, {"paleturquoise", 0xafeeee}, {"palevioletred", 0xdb7093}, {"papayawhip", 0xffefd5},
    {"peachpuff", 0xffdab9}, {"peru", 0xcd853f}, {"pink", 0xffc0cb}, {"plum", 0xdda0dd},
    {"powderblue", 0xb0e0e6}, {"purple", 0x800080}, {"rebeccapurple", 0x663399}, {"red", 0xff0000},
    {"rosybrown", 0xbc8f8f}, {"royalblue", 0x4169e1}, {"saddlebrown", 0x8b4513}, {"salmon", 0xfa8072},
    {"sandybrown", 0xf4a460}, {"seagreen", 0x2e8b57}, {"seashell", 0xfff5ee}, {"sienna", 0xa0522d},
    {"silver", 0xc0c0c0}, {"skyblue", 0x87ceeb}, {"slateblue", 0x6a5acd}, {"slategray", 0x708090},
    {"slategrey", 0x708090}, {"snow", 0xfffafa}, {"springgreen", 0x00ff7f}, {"steelblue", 0x4682b4},
    {"tan", 0xd2b48c}, {"teal", 0x008080}, {"thistle", 0xd8bfd8}, {"tomato", 0xff6347}, {"turquoise", 0x40e0d0},
    {"violet", 0xee82ee}, {"wheat", 0xf5deb3}, {"white", 0xffffff}, {"whitesmoke", 0xf5f5f5},
    {"yellow", 0xffff00}, {"yellowgreen", 0x9acd32},
};

constexpr bool names_sorted() {
  for (size_t i = 1; i < std::size(kNamedColors); ++i)
    if (!(std::string_view(kNamedColors[i - 1].name) < std::string_view(kNamedColors[i].name))) return false;
  return true;
}
static_assert(names_sorted(), "kNamedColors must stay sorted: Color(string) searches it by bisection");

[[noreturn]] void unknown(const std::string& spec) {
  throw ValueError(str("unknown color specifier: '", spec, "'"));
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

// "rgb(r, g, b)" with decimal components 0..255 and optional spaces.
bool parse_rgb_function(const std::string& s, int out[3]) {
  if (s.size() < 5 || s.compare(0, 4, "rgb(") != 0 || s.back() != ')') return false;
  size_t i = 4;
  const size_t end = s.size() - 1;
  for (int k = 0; k < 3; ++k) {
    while (i < end && s[i] == ' ') ++i;
    int v = 0, digits = 0;
    while (i < end && std::isdigit(static_cast<unsigned char>(s[i])) && digits < 4) {
      v = v * 10 + (s[i] - '0');
      ++i;
      ++digits;
    }
    if (digits == 0 || v > 255) return false;
    while (i < end && s[i] == ' ') ++i;
    if (k < 2) {
      if (i >= end || s[i] != ',') return false;
      ++i;
    }
    out[k] = v;
  }
  return i == end;
}

}  // namespace

Color::Color(int r_, int g_, int b_) {
  WICK_CHECK_T(ValueError, r_ >= 0 && r_ <= 255 && g_ >= 0 && g_ <= 255 && b_ >= 0 && b_ <= 255,
               "color components must be in 0..255, got (", r_, ", ", g_, ", ", b_, ")");
  r = static_cast<uint8_t>(r_);
  g = static_cast<uint8_t>(g_);
  b = static_cast<uint8_t>(b_);
}

Color::Color(const std::string& spec) {
  if (!spec.empty() && spec[0] == '#') {
    const size_t n = spec.size() - 1;
    if (n != 3 && n != 6) unknown(spec);
    int d[6];
    for (size_t i = 0; i < n; ++i)
      if ((d[i] = hex_digit(spec[i + 1])) < 0) unknown(spec);
    if (n == 3) {
      r = static_cast<uint8_t>(d[0] * 17);
      g = static_cast<uint8_t>(d[1] * 17);
      b = static_cast<uint8_t>(d[2] * 17);
    } else {
      r = static_cast<uint8_t>(d[0] * 16 + d[1]);
      g = static_cast<uint8_t>(d[2] * 16 + d[3]);
      b = static_cast<uint8_t>(d[4] * 16 + d[5]);
    }
    return;
  }
  std::string low = spec;
  for (char& c : low) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  int rgb[3];
  if (parse_rgb_function(low, rgb)) {
    *this = Color(rgb[0], rgb[1], rgb[2]);
    return;
  }
  const auto* end = std::end(kNamedColors);
  const auto* it = std::lower_bound(std::begin(kNamedColors), end, low,
                                    [](const NamedColor& c, const std::string& s) { return c.name < std::string_view(s); });
  if (it == end || low != it->name) unknown(spec);
  r = static_cast<uint8_t>(it->rgb >> 16);
  g = static_cast<uint8_t>((it->rgb >> 8) & 0xFF);
  b = static_cast<uint8_t>(it->rgb & 0xFF);
}

uint8_t Color::luma() const {
  return static_cast<uint8_t>((r * 299 + g * 587 + b * 114 + 500) / 1000);
}

Colors::Colors(const std::vector<std::string>& specs) : list(std::vector<Color>()) {
  list->reserve(specs.size());
  for (const auto& s : specs) list->emplace_back(s);
}

std::vector<std::string> color_names() {
  std::vector<std::string> names;
  for (const auto& c : kNamedColors) names.emplace_back(c.name);
  return names;
}

}  // namespace wick::vision
