#include "wick/vision/utils.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>

#include "wick/core/error.h"
#include "wick/ops/shape.h"
#include "wick/vision/io.h"

namespace wick::vision::utils {

namespace {

void norm_ip(Tensor& img, double low, double high) {
  img.clamp_(low, high);
  img.sub_(low).div_(std::max(high - low, 1e-5));
}

void norm_range(Tensor t, const std::optional<std::pair<double, double>>& range) {
  if (range) norm_ip(t, range->first, range->second);
  else norm_ip(t, t.min().item<double>(), t.max().item<double>());
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

Tensor make_grid(const Tensor& input, const MakeGridOptions& o) {
  WICK_CHECK_T(TypeError, input.defined(), "tensor or list of tensors expected, got an undefined tensor");
  Tensor t = input;
  if (t.dim() == 2) t = t.unsqueeze(0);  // a single H x W image
  if (t.dim() == 3) {                    // a single C x H x W image
    if (t.size(0) == 1) t = cat({t, t, t}, 0);
    t = t.unsqueeze(0);
  }
  if (t.dim() == 4 && t.size(1) == 1) t = cat({t, t, t}, 1);
  if (o.normalize()) {
    t = t.clone();
    if (o.scale_each()) {
      for (int64_t i = 0; i < t.size(0); ++i) norm_range(t.select(0, i), o.value_range());
    } else {
      norm_range(t, o.value_range());
    }
  }
  WICK_CHECK(t.dim() >= 4, "make_grid: expected a 2-, 3- or 4-D tensor, got ", input.dim(), " dimensions");
  if (t.size(0) == 1) return t.squeeze(0);
  const int64_t nmaps = t.size(0);
  WICK_CHECK_T(ValueError, o.nrow() > 0, "make_grid: nrow must be positive, got ", o.nrow());
  const int64_t xmaps = std::min(o.nrow(), nmaps);
  const int64_t ymaps = (nmaps + xmaps - 1) / xmaps;
  const int64_t height = t.size(2) + o.padding(), width = t.size(3) + o.padding();
  const int64_t channels = t.size(1);
  Tensor grid = t.new_full({channels, height * ymaps + o.padding(), width * xmaps + o.padding()}, o.pad_value());
  int64_t k = 0;
  for (int64_t y = 0; y < ymaps; ++y)
    for (int64_t x = 0; x < xmaps && k < nmaps; ++x, ++k)
      grid.narrow(1, y * height + o.padding(), height - o.padding())
          .narrow(2, x * width + o.padding(), width - o.padding())
          .copy_(t.select(0, k));
  return grid;
}

Tensor make_grid(const std::vector<Tensor>& tensors, const MakeGridOptions& options) {
  return make_grid(stack(tensors, 0), options);
}

Tensor grid_to_uint8(const Tensor& grid) {
  return grid.mul(255).add_(0.5).clamp_(0, 255).to(kByte).contiguous();
}

void save_image(const Tensor& tensor, const std::string& path, const MakeGridOptions& options,
                const std::string& format) {
  std::string fmt = lower(format);
  if (fmt.empty()) {
    fmt = lower(std::filesystem::path(path).extension().string());
    if (!fmt.empty() && fmt[0] == '.') fmt = fmt.substr(1);
    WICK_CHECK_T(ValueError, !fmt.empty(), "unknown file extension: ", path);
  }
  WICK_CHECK_T(ValueError, fmt == "png" || fmt == "jpg" || fmt == "jpeg",
               "save_image: unsupported format '", fmt, "' (wick writes png and jpeg)");
  Tensor img = grid_to_uint8(make_grid(tensor, options));
  if (fmt == "png") io::write_png(img, path);
  else io::write_jpeg(img, path);
}

void save_image(const std::vector<Tensor>& tensors, const std::string& path, const MakeGridOptions& options,
                const std::string& format) {
  save_image(stack(tensors, 0), path, options, format);
}

}  // namespace wick::vision::utils
