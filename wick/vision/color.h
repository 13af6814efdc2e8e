#pragma once
// wick::vision::Color: an RGB color for the drawing functions (font.h, draw.h),
// given as components, or as a string the way torchvision's colors are given
// (PIL's ImageColor.getrgb): a CSS color name ("red", "SkyBlue"; case does not
// matter), "#rgb", "#rrggbb" or "rgb(r, g, b)".
//
//   Color a(240, 10, 157), b = "red", c = "#FF00FF";
//   Colors palette = {"red", {0, 128, 0}, "#00f"};   // one per box / mask
#include <array>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

namespace wick::vision {

struct Color {
  uint8_t r = 0, g = 0, b = 0;

  Color() = default;
  // Each component must be in 0..255 (ValueError otherwise).
  Color(int r, int g, int b);
  Color(const std::array<uint8_t, 3>& rgb) : r(rgb[0]), g(rgb[1]), b(rgb[2]) {}
  // Parses spec; ValueError "unknown color specifier: 'spec'" when it is none of the forms above.
  Color(const std::string& spec);
  template <size_t N>
  Color(const char (&spec)[N]) : Color(std::string(spec)) {}

  std::array<uint8_t, 3> rgb() const { return {r, g, b}; }
  // The gray level PIL's convert("L") gives this color (ITU-R 601-2 luma): what
  // is drawn on 1- and 2-channel images.
  uint8_t luma() const;
  bool operator==(const Color&) const = default;
};

// torchvision's `colors` argument: nothing (the default palette), one color for
// every object, or a list with a color per object.
struct Colors {
  Colors() = default;
  Colors(const Color& c) : single(true), list(std::vector<Color>{c}) {}
  Colors(const std::string& spec) : Colors(Color(spec)) {}
  template <size_t N>
  Colors(const char (&spec)[N]) : Colors(Color(spec)) {}
  Colors(std::vector<Color> colors) : list(std::move(colors)) {}
  Colors(std::initializer_list<Color> colors) : list(std::vector<Color>(colors)) {}
  Colors(const std::vector<std::string>& specs);

  bool is_default() const { return !list.has_value(); }
  bool single = false;                   // one color for every object
  std::optional<std::vector<Color>> list;  // nullopt: the default palette
};

// The named colors Color(string) knows (CSS Color Module Level 4, as PIL's
// ImageColor.colormap), lower case, sorted.
std::vector<std::string> color_names();

}  // namespace wick::vision
