// torchvision.transforms.functional's tensor path (0.14) composed from wick ops.
#include "wick/vision/transforms/functional.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>

#include "wick/wick.h"

// LAPACK's least squares (OpenBLAS, which libwick links): torchvision's
// torch.linalg.lstsq(driver="gels") for the perspective coefficients.
extern "C" void sgels_(const char* trans, const int* m, const int* n, const int* nrhs, float* a, const int* lda,
                       float* b, const int* ldb, float* work, const int* lwork, int* info);

namespace wick::vision::transforms::functional {
namespace F = wick::nn::functional;

namespace {

std::string list_str(const std::vector<int64_t>& v) {
  std::ostringstream os;
  os << "[";
  for (size_t i = 0; i < v.size(); ++i) os << (i ? ", " : "") << v[i];
  os << "]";
  return os.str();
}

void assert_image_tensor(const Tensor& img) {
  WICK_CHECK_T(TypeError, img.defined() && img.dim() >= 2, "Tensor is not a torch image.");
}

void assert_channels(const Tensor& img, std::initializer_list<int64_t> permitted) {
  int64_t c = get_dimensions(img)[0];
  if (std::find(permitted.begin(), permitted.end(), c) == permitted.end()) {
    throw TypeError(str("Input image tensor permitted channel values are ",
                        list_str(std::vector<int64_t>(permitted)), ", but found ", c));
  }
}

double max_value(ScalarType t) {
  switch (t) {
    case kByte: return 255;
    case kChar: return 127;
    case kShort: return 32767;
    case kInt: return 2147483647.0;
    case kLong: return 9223372036854775807.0;
    default: return 1;
  }
}

bool is_int_type(ScalarType t) { return t == kByte || t == kChar || t == kShort || t == kInt || t == kLong; }

// To 4-d (N, C, H, W) of a wanted float dtype; undone by CastSqueeze::out.
struct CastSqueeze {
  std::vector<int64_t> shape;
  ScalarType out_dtype;
  bool need_cast = false;
  Tensor in(const Tensor& img, ScalarType req_a, std::optional<ScalarType> req_b = std::nullopt) {
    shape = img.sizes().vec();
    out_dtype = img.scalar_type();
    int64_t n = img.dim();
    Tensor x = n == 4 ? img : n < 4 ? img.reshape({1, n == 2 ? 1 : shape[n - 3], shape[n - 2], shape[n - 1]})
                                    : img.reshape({-1, shape[n - 3], shape[n - 2], shape[n - 1]});
    need_cast = out_dtype != req_a && (!req_b || out_dtype != *req_b);
    return need_cast ? x.to(req_a) : x;
  }
  Tensor out(Tensor x) const {
    std::vector<int64_t> s(shape.begin(), shape.end() - 2);
    s.push_back(x.size(-2));
    s.push_back(x.size(-1));
    x = x.reshape(s);
    if (need_cast) {
      if (is_int_type(out_dtype)) x = x.round();
      x = x.to(out_dtype);
    }
    return x;
  }
};

Tensor blend(const Tensor& img1, const Tensor& img2, double ratio) {
  double bound = img1.is_floating_point() ? 1.0 : 255.0;
  return (ratio * img1 + (1.0 - ratio) * img2).clamp(0, bound).to(img1.scalar_type());
}

Tensor rgb2hsv(const Tensor& img) {
  auto ch = img.unbind(-3);
  Tensor r = ch[0], g = ch[1], b = ch[2];
  Tensor maxc = std::get<0>(img.max(-3)), minc = std::get<0>(img.min(-3));
  Tensor eqc = maxc == minc;
  Tensor cr = maxc - minc;
  Tensor ones = wick::ones_like(maxc);
  Tensor s = cr / wick::where(eqc, ones, maxc);
  Tensor cr_div = wick::where(eqc, ones, cr);
  Tensor rc = (maxc - r) / cr_div, gc = (maxc - g) / cr_div, bc = (maxc - b) / cr_div;
  Tensor hr = (maxc == r) * (bc - gc);
  Tensor hg = ((maxc == g) & (maxc != r)) * (2.0 + rc - bc);
  Tensor hb = ((maxc != g) & (maxc != r)) * (4.0 + gc - rc);
  Tensor h = ((hr + hg + hb) / 6.0 + 1.0).fmod(1.0);
  return wick::stack({h, s, maxc}, -3);
}

Tensor hsv2rgb(const Tensor& img) {
  auto ch = img.unbind(-3);
  Tensor h = ch[0], s = ch[1], v = ch[2];
  Tensor i = (h * 6.0).floor();
  Tensor f = h * 6.0 - i;
  Tensor ii = i.to(kInt).remainder(6);
  Tensor p = (v * (1.0 - s)).clamp(0.0, 1.0);
  Tensor q = (v * (1.0 - s * f)).clamp(0.0, 1.0);
  Tensor t = (v * (1.0 - s * (1.0 - f))).clamp(0.0, 1.0);
  Tensor a1 = wick::stack({v, q, p, p, t, v}, -3);
  Tensor a2 = wick::stack({t, v, v, q, p, p}, -3);
  Tensor a3 = wick::stack({p, p, t, v, v, q}, -3);
  Tensor a4 = wick::stack({a1, a2, a3}, -4);
  // torchvision's einsum("...ijk, ...xijk -> ...xjk", mask, a4) picks, per pixel, the one of the six
  // candidates whose mask is 1: a gather along the candidate dim gives the same values
  std::vector<int64_t> idx_shape = a4.sizes().vec();
  idx_shape[idx_shape.size() - 3] = 1;
  Tensor idx = ii.to(kLong).unsqueeze(-3).unsqueeze(-4).expand(idx_shape);
  return a4.gather(-3, idx).squeeze(-3);
}

// left, right, top, bottom
std::vector<int64_t> parse_pad(const std::vector<int64_t>& p) {
  if (p.size() == 1) return {p[0], p[0], p[0], p[0]};
  if (p.size() == 2) return {p[0], p[0], p[1], p[1]};
  return {p[0], p[2], p[1], p[3]};
}

Tensor pad_symmetric(Tensor img, std::vector<int64_t> p) {
  WICK_CHECK(img.dim() == 3 || img.dim() == 4, "Symmetric padding of N-D tensors are not supported yet");
  if (*std::min_element(p.begin(), p.end()) < 0) {
    int64_t cl = std::max<int64_t>(-p[0], 0), cr = std::max<int64_t>(-p[1], 0);
    int64_t ct = std::max<int64_t>(-p[2], 0), cb = std::max<int64_t>(-p[3], 0);
    img = img.slice(-2, ct, img.size(-2) - cb).slice(-1, cl, img.size(-1) - cr);
    for (auto& x : p) x = std::max<int64_t>(x, 0);
  }
  auto indices = [](int64_t n, int64_t before, int64_t after) {
    std::vector<int64_t> idx;
    for (int64_t i = before - 1; i >= 0; --i) idx.push_back(i);
    for (int64_t i = 0; i < n; ++i) idx.push_back(i);
    for (int64_t i = 0; i < after; ++i) idx.push_back(n - 1 - i);
    for (auto& k : idx) WICK_CHECK_T(IndexError, k >= 0 && k < n, "index ", k, " is out of bounds for dimension with size ", n);
    return wick::tensor(idx, kLong);
  };
  Tensor xi = indices(img.size(-1), p[0], p[1]);
  Tensor yi = indices(img.size(-2), p[2], p[3]);
  return img.index_select(-1, xi).index_select(-2, yi);
}

void check_grid_inputs(const Tensor& img, const std::optional<std::vector<double>>& fill, InterpolationMode mode) {
  assert_image_tensor(img);
  int64_t c = get_dimensions(img)[0];
  if (fill && fill->size() > 1 && static_cast<int64_t>(fill->size()) != c) {
    throw ValueError(str("The number of elements in 'fill' cannot broadcast to match the number of channels "
                         "of the image (", fill->size(), " != ", c, ")"));
  }
  WICK_CHECK_T(ValueError, mode != InterpolationMode::Bicubic,
               "Interpolation mode 'bicubic' is unsupported with Tensor input");
}

Tensor gen_affine_grid(const Tensor& theta, int64_t w, int64_t h, int64_t ow, int64_t oh) {
  // output pixel centres in [-ow/2, ow/2] x [-oh/2, oh/2], mapped by theta and normalised by
  // the input size (grid_sample's align_corners=False convention)
  Tensor base = wick::empty({1, oh, ow, 3}, theta.options());
  base.select(-1, 0).copy_(wick::linspace(-ow * 0.5 + 0.5, ow * 0.5 + 0.5 - 1, ow));
  base.select(-1, 1).copy_(wick::linspace(-oh * 0.5 + 0.5, oh * 0.5 + 0.5 - 1, oh).unsqueeze(-1));
  base.select(-1, 2).fill_(1);
  Tensor rescaled = theta.transpose(1, 2) / wick::tensor({0.5 * w, 0.5 * h}, theta.scalar_type());
  return base.view({1, oh * ow, 3}).bmm(rescaled).view({1, oh, ow, 2});
}

Tensor apply_grid_transform(const Tensor& img, Tensor grid, InterpolationMode mode,
                            const std::optional<std::vector<double>>& fill) {
  CastSqueeze cs;
  Tensor x = cs.in(img, grid.scalar_type());
  if (x.size(0) > 1) grid = grid.expand({x.size(0), grid.size(1), grid.size(2), grid.size(3)});
  if (fill) {  // an all-ones channel marks the output pixels that came from inside the image
    x = wick::cat({x, wick::ones({x.size(0), 1, x.size(2), x.size(3)}, x.options())}, 1);
  }
  Interpolation m = mode == InterpolationMode::Nearest ? kNearest : kBilinear;
  x = F::grid_sample(x, grid, F::GridSampleFuncOptions().mode(m).padding_mode(kZeros).align_corners(false));
  if (fill) {
    int64_t c = x.size(1) - 1;
    Tensor mask = x.narrow(1, c, 1).expand({x.size(0), c, x.size(2), x.size(3)});
    x = x.narrow(1, 0, c);
    Tensor f = wick::tensor(*fill, x.scalar_type()).view({1, static_cast<int64_t>(fill->size()), 1, 1}).expand_as(x);
    x = mode == InterpolationMode::Nearest ? wick::where(mask < 0.5, f, x) : x * mask + (1.0 - mask) * f;
  }
  return cs.out(x);
}

std::pair<int64_t, int64_t> affine_output_size(const std::vector<double>& m, int64_t w, int64_t h) {
  // the four corners through the matrix (in float32, as torchvision), tolerance-rounded outwards
  Tensor pts = wick::tensor({-0.5 * w, -0.5 * h, 1.0, -0.5 * w, 0.5 * h, 1.0, 0.5 * w, 0.5 * h, 1.0,
                             0.5 * w, -0.5 * h, 1.0}, kFloat).view({4, 3});
  Tensor theta = wick::tensor(m, kFloat).view({2, 3});
  Tensor np = pts.matmul(theta.t());
  Tensor half = wick::tensor({w * 0.5, h * 0.5}, kFloat);
  Tensor mn = std::get<0>(np.min(0)) + half, mx = std::get<0>(np.max(0)) + half;
  const double tol = 1e-4;
  Tensor cmax = ((mx / tol).trunc() * tol).ceil(), cmin = ((mn / tol).trunc() * tol).floor();
  Tensor size = cmax - cmin;
  return {size[0].item<int64_t>(), size[1].item<int64_t>()};
}

Tensor gaussian_kernel1d(int64_t k, double sigma) {
  double half = (k - 1) * 0.5;
  Tensor x = wick::linspace(-half, half, k);
  Tensor pdf = (-0.5 * (x / sigma).pow(2)).exp();
  return pdf / pdf.sum();
}

}  // namespace

const char* interpolation_name(InterpolationMode mode) {
  switch (mode) {
    case InterpolationMode::Nearest: return "nearest";
    case InterpolationMode::Bilinear: return "bilinear";
    default: return "bicubic";
  }
}

std::vector<int64_t> get_dimensions(const Tensor& img) {
  assert_image_tensor(img);
  return {img.dim() == 2 ? 1 : img.size(-3), img.size(-2), img.size(-1)};
}

Tensor to_tensor(const Tensor& pic) {
  WICK_CHECK_T(TypeError, pic.defined(), "pic should be PIL Image or ndarray. Got undefined tensor");
  WICK_CHECK_T(ValueError, pic.dim() == 2 || pic.dim() == 3, "pic should be 2/3 dimensional. Got ", pic.dim(),
               " dimensions.");
  Tensor chw = (pic.dim() == 2 ? pic.unsqueeze(0) : pic.permute({2, 0, 1})).contiguous();
  return chw.scalar_type() == kByte ? chw.to(kFloat).div_(255) : chw;
}

Tensor convert_image_dtype(const Tensor& image, ScalarType dtype) {
  WICK_CHECK_T(TypeError, image.defined(), "Input img should be Tensor Image");
  ScalarType src = image.scalar_type();
  if (src == dtype) return image;
  if (image.is_floating_point()) {
    if (is_floating_type(dtype)) return image.to(dtype);
    if ((src == kFloat && (dtype == kInt || dtype == kLong)) || (src == kDouble && dtype == kLong)) {
      throw Error(str("The cast from torch.", python_name(src), " to torch.", python_name(dtype),
                      " cannot be performed safely."));
    }
    // 1 - eps keeps 1.0 from landing on max + 1
    return image.mul(max_value(dtype) + 1.0 - 1e-3).to(dtype);
  }
  double in_max = max_value(src);
  if (is_floating_type(dtype)) return image.to(dtype) / in_max;
  double out_max = max_value(dtype);
  if (in_max > out_max) {
    auto factor = static_cast<int64_t>(std::floor((in_max + 1) / (out_max + 1)));
    return image.div(factor, "floor").to(dtype);
  }
  auto factor = static_cast<int64_t>(std::floor((out_max + 1) / (in_max + 1)));
  return image.to(dtype) * factor;
}

Tensor normalize(const Tensor& tensor, const std::vector<double>& mean, const std::vector<double>& std,
                 bool inplace) {
  assert_image_tensor(tensor);
  WICK_CHECK_T(TypeError, tensor.is_floating_point(), "Input tensor should be a float tensor. Got torch.",
               python_name(tensor.scalar_type()), ".");
  WICK_CHECK_T(ValueError, tensor.dim() >= 3,
               "Expected tensor to be a tensor image of size (..., C, H, W). Got tensor.size() = torch.Size(",
               list_str(tensor.sizes().vec()), ")");
  Tensor t = inplace ? tensor : tensor.clone();
  ScalarType dt = t.scalar_type();
  Tensor m = wick::tensor(mean, dt), s = wick::tensor(std, dt);
  WICK_CHECK_T(ValueError, !(s == 0).any().item<bool>(), "std evaluated to zero after conversion to torch.",
               python_name(dt), ", leading to division by zero.");
  return t.sub_(m.view({-1, 1, 1})).div_(s.view({-1, 1, 1}));
}

std::vector<int64_t> compute_resized_output_size(int64_t h, int64_t w, const std::vector<int64_t>& size,
                                                 std::optional<int64_t> max_size) {
  if (size.size() == 1) {
    int64_t sh = std::min(h, w), lg = std::max(h, w);
    int64_t requested = size[0];
    int64_t new_short = requested;
    auto new_long = static_cast<int64_t>(static_cast<double>(requested) * lg / sh);
    if (max_size) {
      WICK_CHECK_T(ValueError, *max_size > requested, "max_size = ", *max_size,
                   " must be strictly greater than the requested size for the smaller edge size = ", list_str(size));
      if (new_long > *max_size) {
        new_short = static_cast<int64_t>(static_cast<double>(*max_size) * new_short / new_long);
        new_long = *max_size;
      }
    }
    return w <= h ? std::vector<int64_t>{new_long, new_short} : std::vector<int64_t>{new_short, new_long};
  }
  return {size[0], size[1]};
}

Tensor resize(const Tensor& img, const std::vector<int64_t>& size, InterpolationMode interpolation,
              std::optional<int64_t> max_size, bool antialias) {
  assert_image_tensor(img);
  WICK_CHECK_T(ValueError, size.size() == 1 || size.size() == 2,
               "Size must be an int or a 1 or 2 element tuple/list, not a ", size.size(), " element tuple/list");
  WICK_CHECK_T(ValueError, !max_size || size.size() == 1,
               "max_size should only be passed if size specifies the length of the smaller edge, i.e. size should "
               "be an int or a sequence of length 1 in torchscript mode.");
  auto out = compute_resized_output_size(img.size(-2), img.size(-1), size, max_size);
  if (out[0] == img.size(-2) && out[1] == img.size(-1)) return img;
  WICK_CHECK_T(ValueError, !antialias || interpolation != InterpolationMode::Nearest,
               "Antialias option is supported for bilinear and bicubic interpolation modes only");
  CastSqueeze cs;
  Tensor x = cs.in(img, kFloat, kDouble);
  auto opts = F::InterpolateFuncOptions().size(out).antialias(antialias);
  if (interpolation == InterpolationMode::Nearest) {
    opts.mode(kNearest);
  } else {
    opts.mode(interpolation == InterpolationMode::Bilinear ? kBilinear : kBicubic).align_corners(false);
  }
  x = F::interpolate(x, opts);
  if (interpolation == InterpolationMode::Bicubic && cs.out_dtype == kByte) x = x.clamp(0, 255);
  return cs.out(x);
}

Tensor crop(const Tensor& img, int64_t top, int64_t left, int64_t height, int64_t width) {
  auto d = get_dimensions(img);
  int64_t h = d[1], w = d[2], right = left + width, bottom = top + height;
  if (left < 0 || top < 0 || right > w || bottom > h) {
    std::vector<int64_t> ltrb = {std::max<int64_t>(-left + std::min<int64_t>(0, right), 0),
                                 std::max<int64_t>(-top + std::min<int64_t>(0, bottom), 0),
                                 std::max<int64_t>(right - std::max(w, left), 0),
                                 std::max<int64_t>(bottom - std::max(h, top), 0)};
    Tensor inside = img.slice(-2, std::max<int64_t>(top, 0), std::max<int64_t>(bottom, 0))
                        .slice(-1, std::max<int64_t>(left, 0), std::max<int64_t>(right, 0));
    return pad(inside, ltrb, 0);
  }
  return img.slice(-2, top, bottom).slice(-1, left, right);
}

Tensor center_crop(const Tensor& img, const std::vector<int64_t>& output_size) {
  WICK_CHECK_T(ValueError, output_size.size() == 1 || output_size.size() == 2,
               "Please provide only two dimensions (h, w) for size.");
  int64_t ch = output_size[0], cw = output_size.size() == 2 ? output_size[1] : output_size[0];
  auto d = get_dimensions(img);
  int64_t ih = d[1], iw = d[2];
  Tensor x = img;
  if (cw > iw || ch > ih) {
    std::vector<int64_t> ltrb = {cw > iw ? (cw - iw) / 2 : 0, ch > ih ? (ch - ih) / 2 : 0,
                                 cw > iw ? (cw - iw + 1) / 2 : 0, ch > ih ? (ch - ih + 1) / 2 : 0};
    x = pad(x, ltrb, 0);
    ih = x.size(-2);
    iw = x.size(-1);
    if (cw == iw && ch == ih) return x;
  }
  // Python's round() (half to even) of the half-difference
  auto top = static_cast<int64_t>(std::nearbyint((ih - ch) / 2.0));
  auto left = static_cast<int64_t>(std::nearbyint((iw - cw) / 2.0));
  return crop(x, top, left, ch, cw);
}

Tensor resized_crop(const Tensor& img, int64_t top, int64_t left, int64_t height, int64_t width,
                    const std::vector<int64_t>& size, InterpolationMode interpolation, bool antialias) {
  return resize(crop(img, top, left, height, width), size, interpolation, std::nullopt, antialias);
}

Tensor pad(const Tensor& img, const std::vector<int64_t>& padding, double fill, const std::string& padding_mode) {
  assert_image_tensor(img);
  WICK_CHECK_T(ValueError, padding.size() == 1 || padding.size() == 2 || padding.size() == 4,
               "Padding must be an int or a 1, 2, or 4 element tuple, not a ", padding.size(), " element tuple");
  WICK_CHECK_T(ValueError,
               padding_mode == "constant" || padding_mode == "edge" || padding_mode == "reflect" ||
                   padding_mode == "symmetric",
               "Padding mode should be either constant, edge, reflect or symmetric");
  auto p = parse_pad(padding);
  if (padding_mode == "symmetric") return pad_symmetric(img, p);
  bool squeeze = img.dim() < 4;
  Tensor x = squeeze ? img.unsqueeze(0) : img;
  ScalarType out_dtype = x.scalar_type();
  bool cast = padding_mode != "constant" && out_dtype != kFloat && out_dtype != kDouble;
  if (cast) x = x.to(kFloat);
  PaddingMode mode = padding_mode == "constant" ? PaddingMode(kConstant)
                     : padding_mode == "edge"   ? PaddingMode(kReplicate)
                                                : PaddingMode(kReflect);
  x = F::pad(x, F::PadFuncOptions(p).mode(mode).value(fill));
  if (squeeze) x = x.squeeze(0);
  if (cast) x = x.to(out_dtype);
  return x;
}

Tensor hflip(const Tensor& img) {
  assert_image_tensor(img);
  return img.flip({-1});
}

Tensor vflip(const Tensor& img) {
  assert_image_tensor(img);
  return img.flip({-2});
}

std::vector<Tensor> five_crop(const Tensor& img, const std::vector<int64_t>& size) {
  WICK_CHECK_T(ValueError, size.size() == 1 || size.size() == 2, "Please provide only two dimensions (h, w) for size.");
  int64_t ch = size[0], cw = size.size() == 2 ? size[1] : size[0];
  auto d = get_dimensions(img);
  int64_t ih = d[1], iw = d[2];
  WICK_CHECK_T(ValueError, cw <= iw && ch <= ih, "Requested crop size (", ch, ", ", cw,
               ") is bigger than input size (", ih, ", ", iw, ")");
  return {crop(img, 0, 0, ch, cw), crop(img, 0, iw - cw, ch, cw), crop(img, ih - ch, 0, ch, cw),
          crop(img, ih - ch, iw - cw, ch, cw), center_crop(img, {ch, cw})};
}

std::vector<Tensor> ten_crop(const Tensor& img, const std::vector<int64_t>& size, bool vertical_flip) {
  auto first = five_crop(img, size);
  auto second = five_crop(vertical_flip ? vflip(img) : hflip(img), size);
  first.insert(first.end(), second.begin(), second.end());
  return first;
}

std::vector<double> inverse_affine_matrix(const std::vector<double>& center, double angle,
                                          const std::vector<double>& translate, double scale,
                                          const std::vector<double>& shear) {
  // M = T(translate) C(center) R(angle) Sh(shear) S(scale) C^-1; this is M^-1
  const double pi = 3.14159265358979323846;
  double rot = angle * pi / 180, sx = shear[0] * pi / 180, sy = shear[1] * pi / 180;
  double cx = center[0], cy = center[1], tx = translate[0], ty = translate[1];
  double a = std::cos(rot - sy) / std::cos(sy);
  double b = -std::cos(rot - sy) * std::tan(sx) / std::cos(sy) - std::sin(rot);
  double c = std::sin(rot - sy) / std::cos(sy);
  double d = -std::sin(rot - sy) * std::tan(sx) / std::cos(sy) + std::cos(rot);
  std::vector<double> m = {d / scale, -b / scale, 0.0, -c / scale, a / scale, 0.0};
  m[2] += m[0] * (-cx - tx) + m[1] * (-cy - ty);
  m[5] += m[3] * (-cx - tx) + m[4] * (-cy - ty);
  m[2] += cx;
  m[5] += cy;
  return m;
}

Tensor rotate(const Tensor& img, double angle, InterpolationMode interpolation, bool expand,
              const std::optional<std::vector<double>>& center, const std::optional<std::vector<double>>& fill) {
  check_grid_inputs(img, fill, interpolation);
  int64_t w = img.size(-1), h = img.size(-2);
  std::vector<double> cf = {0.0, 0.0};
  if (center) {
    WICK_CHECK_T(ValueError, center->size() == 2, "center should be a sequence of length 2.");
    cf = {(*center)[0] - w * 0.5, (*center)[1] - h * 0.5};
  }
  auto m = inverse_affine_matrix(cf, -angle, {0.0, 0.0}, 1.0, {0.0, 0.0});
  auto [ow, oh] = expand ? affine_output_size(m, w, h) : std::pair<int64_t, int64_t>{w, h};
  ScalarType dt = img.is_floating_point() ? img.scalar_type() : kFloat;
  Tensor theta = wick::tensor(m, dt).reshape({1, 2, 3});
  return apply_grid_transform(img, gen_affine_grid(theta, w, h, ow, oh), interpolation, fill);
}

Tensor affine(const Tensor& img, double angle, const std::vector<double>& translate, double scale,
              const std::vector<double>& shear, InterpolationMode interpolation,
              const std::optional<std::vector<double>>& fill, const std::optional<std::vector<double>>& center) {
  WICK_CHECK_T(ValueError, translate.size() == 2, "Argument translate should be a sequence of length 2");
  WICK_CHECK_T(ValueError, scale > 0.0, "Argument scale should be positive");
  WICK_CHECK_T(ValueError, shear.size() == 1 || shear.size() == 2,
               "Shear should be a sequence containing two values. Got ", shear.size(), " values");
  check_grid_inputs(img, fill, interpolation);
  std::vector<double> sh = shear.size() == 1 ? std::vector<double>{shear[0], shear[0]} : shear;
  int64_t w = img.size(-1), h = img.size(-2);
  std::vector<double> cf = {0.0, 0.0};
  if (center) {
    WICK_CHECK_T(ValueError, center->size() == 2, "center should be a sequence of length 2.");
    cf = {(*center)[0] - w * 0.5, (*center)[1] - h * 0.5};
  }
  auto m = inverse_affine_matrix(cf, angle, translate, scale, sh);
  ScalarType dt = img.is_floating_point() ? img.scalar_type() : kFloat;
  Tensor theta = wick::tensor(m, dt).reshape({1, 2, 3});
  return apply_grid_transform(img, gen_affine_grid(theta, w, h, w, h), interpolation, fill);
}

std::vector<double> perspective_coeffs(const std::vector<std::vector<double>>& startpoints,
                                       const std::vector<std::vector<double>>& endpoints) {
  WICK_CHECK_T(ValueError, startpoints.size() == 4 && endpoints.size() == 4,
               "startpoints and endpoints should have 4 points each");
  std::vector<double> a, b;
  for (size_t i = 0; i < 4; ++i) {
    const auto& p1 = endpoints[i];
    const auto& p2 = startpoints[i];
    WICK_CHECK_T(ValueError, p1.size() == 2 && p2.size() == 2, "each point should have 2 coordinates");
    a.insert(a.end(), {p1[0], p1[1], 1, 0, 0, 0, -p2[0] * p1[0], -p2[0] * p1[1]});
    a.insert(a.end(), {0, 0, 0, p1[0], p1[1], 1, -p2[1] * p1[0], -p2[1] * p1[1]});
    b.insert(b.end(), {p2[0], p2[1]});
  }
  // float32 least squares by LAPACK's gels, as torchvision (the matrix goes in column-major)
  std::vector<float> af(64), bf(b.begin(), b.end());
  for (int i = 0; i < 8; ++i)
    for (int j = 0; j < 8; ++j) af[j * 8 + i] = static_cast<float>(a[i * 8 + j]);
  const char trans = 'N';
  const int n = 8, nrhs = 1;
  int info = 0, lwork = -1;
  float query = 0;
  sgels_(&trans, &n, &n, &nrhs, af.data(), &n, bf.data(), &n, &query, &lwork, &info);
  lwork = std::max(1, static_cast<int>(query));
  std::vector<float> work(lwork);
  sgels_(&trans, &n, &n, &nrhs, af.data(), &n, bf.data(), &n, work.data(), &lwork, &info);
  WICK_CHECK(info == 0, "perspective: the points do not define a perspective transform (gels info ", info, ")");
  return std::vector<double>(bf.begin(), bf.end());
}

Tensor perspective(const Tensor& img, const std::vector<std::vector<double>>& startpoints,
                   const std::vector<std::vector<double>>& endpoints, InterpolationMode interpolation,
                   const std::optional<std::vector<double>>& fill) {
  auto c = perspective_coeffs(startpoints, endpoints);
  check_grid_inputs(img, fill, interpolation);
  int64_t ow = img.size(-1), oh = img.size(-2);
  ScalarType dt = img.is_floating_point() ? img.scalar_type() : kFloat;
  // grid = (theta1 . [x, y, 1]) / (theta2 . [x, y, 1]) - 1 over the output pixel centres
  Tensor theta1 = wick::tensor({c[0], c[1], c[2], c[3], c[4], c[5]}, dt).view({1, 2, 3});
  Tensor theta2 = wick::tensor({c[6], c[7], 1.0, c[6], c[7], 1.0}, dt).view({1, 2, 3});
  Tensor base = wick::empty({1, oh, ow, 3}, TensorOptions().dtype(dt));
  base.select(-1, 0).copy_(wick::linspace(0.5, ow * 1.0 + 0.5 - 1.0, ow));
  base.select(-1, 1).copy_(wick::linspace(0.5, oh * 1.0 + 0.5 - 1.0, oh).unsqueeze(-1));
  base.select(-1, 2).fill_(1);
  Tensor flat = base.view({1, oh * ow, 3});
  Tensor g1 = flat.bmm(theta1.transpose(1, 2) / wick::tensor({0.5 * ow, 0.5 * oh}, dt));
  Tensor g2 = flat.bmm(theta2.transpose(1, 2));
  Tensor grid = (g1 / g2 - 1.0).view({1, oh, ow, 2});
  return apply_grid_transform(img, grid, interpolation, fill);
}

Tensor elastic_transform(const Tensor& img, const Tensor& displacement, InterpolationMode interpolation,
                         const std::optional<std::vector<double>>& fill) {
  assert_image_tensor(img);
  int64_t h = img.size(-2), w = img.size(-1);
  WICK_CHECK_T(ValueError, displacement.defined() && displacement.sizes().equals({1, h, w, 2}),
               "Argument displacement shape should be (1, ", h, ", ", w, ", 2), but given torch.Size(",
               list_str(displacement.defined() ? displacement.sizes().vec() : std::vector<int64_t>{}), ")");
  check_grid_inputs(img, fill, interpolation);
  // the identity grid: pixel centres in grid_sample's [-1, 1] (align_corners=False)
  Tensor ys = wick::linspace((-h + 1.0) / h, (h - 1.0) / h, h).view({h, 1}).expand({h, w});
  Tensor xs = wick::linspace((-w + 1.0) / w, (w - 1.0) / w, w).view({1, w}).expand({h, w});
  Tensor grid = wick::stack({xs, ys}, -1).unsqueeze(0) + displacement;
  return apply_grid_transform(img, grid, interpolation, fill);
}

Tensor rgb_to_grayscale(const Tensor& img, int64_t num_output_channels) {
  WICK_CHECK_T(TypeError, img.defined() && img.dim() >= 3,
               "Input image tensor should have at least 3 dimensions, but found ", img.defined() ? img.dim() : 0);
  assert_channels(img, {1, 3});
  WICK_CHECK_T(ValueError, num_output_channels == 1 || num_output_channels == 3,
               "num_output_channels should be either 1 or 3");
  Tensor l;
  if (img.size(-3) == 3) {
    auto ch = img.unbind(-3);
    l = (0.2989 * ch[0] + 0.587 * ch[1] + 0.114 * ch[2]).to(img.scalar_type()).unsqueeze(-3);
  } else {
    l = img.clone();
  }
  return num_output_channels == 3 ? l.expand(img.sizes()) : l;
}

Tensor adjust_brightness(const Tensor& img, double factor) {
  WICK_CHECK_T(ValueError, factor >= 0, "brightness_factor (", factor, ") is not non-negative.");
  assert_image_tensor(img);
  assert_channels(img, {1, 3});
  return blend(img, wick::zeros_like(img), factor);
}

Tensor adjust_contrast(const Tensor& img, double factor) {
  WICK_CHECK_T(ValueError, factor >= 0, "contrast_factor (", factor, ") is not non-negative.");
  assert_image_tensor(img);
  assert_channels(img, {3, 1});
  ScalarType dt = img.is_floating_point() ? img.scalar_type() : kFloat;
  Tensor gray = get_dimensions(img)[0] == 3 ? rgb_to_grayscale(img) : img;
  return blend(img, gray.to(dt).mean({-3, -2, -1}, true), factor);
}

Tensor adjust_saturation(const Tensor& img, double factor) {
  WICK_CHECK_T(ValueError, factor >= 0, "saturation_factor (", factor, ") is not non-negative.");
  assert_image_tensor(img);
  assert_channels(img, {1, 3});
  if (get_dimensions(img)[0] == 1) return img;  // PIL leaves grey images alone
  return blend(img, rgb_to_grayscale(img), factor);
}

Tensor adjust_hue(const Tensor& img, double hue_factor) {
  WICK_CHECK_T(ValueError, hue_factor >= -0.5 && hue_factor <= 0.5, "hue_factor (", hue_factor,
               ") is not in [-0.5, 0.5].");
  assert_image_tensor(img);
  assert_channels(img, {1, 3});
  if (get_dimensions(img)[0] == 1) return img;
  ScalarType orig = img.scalar_type();
  Tensor x = orig == kByte ? img.to(kFloat) / 255.0 : img;
  auto hsv = rgb2hsv(x).unbind(-3);
  Tensor h = (hsv[0] + hue_factor).remainder(1.0);
  Tensor out = hsv2rgb(wick::stack({h, hsv[1], hsv[2]}, -3));
  return orig == kByte ? (out * 255.0).to(orig) : out;
}

Tensor adjust_gamma(const Tensor& img, double gamma, double gain) {
  assert_image_tensor(img);
  assert_channels(img, {1, 3});
  WICK_CHECK_T(ValueError, gamma >= 0, "Gamma should be a non-negative real number");
  ScalarType dt = img.scalar_type();
  Tensor r = img.is_floating_point() ? img : convert_image_dtype(img, kFloat);
  return convert_image_dtype((gain * r.pow(gamma)).clamp(0, 1), dt);
}

Tensor invert(const Tensor& img) {
  assert_image_tensor(img);
  WICK_CHECK_T(TypeError, img.dim() >= 3, "Input image tensor should have at least 3 dimensions, but found ",
               img.dim());
  assert_channels(img, {1, 3});
  return img.is_floating_point() ? 1.0 - img : Scalar(255) - img;
}

Tensor posterize(const Tensor& img, int64_t bits) {
  WICK_CHECK_T(ValueError, bits >= 0 && bits <= 8, "The number if bits should be between 0 and 8. Got ", bits);
  assert_image_tensor(img);
  WICK_CHECK_T(TypeError, img.dim() >= 3, "Input image tensor should have at least 3 dimensions, but found ", img.dim());
  WICK_CHECK_T(TypeError, img.scalar_type() == kByte, "Only torch.uint8 image tensors are supported, but found torch.",
               python_name(img.scalar_type()));
  assert_channels(img, {1, 3});
  // keep the top `bits` bits: ~(2 ** (8 - bits) - 1) as a byte
  int64_t mask = (-(int64_t{1} << (8 - bits))) & 0xFF;
  return img.bitwise_and(wick::full({}, mask, kByte));
}

Tensor solarize(const Tensor& img, double threshold) {
  assert_image_tensor(img);
  WICK_CHECK_T(TypeError, img.dim() >= 3, "Input image tensor should have at least 3 dimensions, but found ", img.dim());
  assert_channels(img, {1, 3});
  WICK_CHECK_T(TypeError, threshold <= (img.is_floating_point() ? 1.0 : 255.0),
               "Threshold should be less than bound of img.");
  return wick::where(img >= threshold, invert(img), img);
}

Tensor adjust_sharpness(const Tensor& img, double factor) {
  WICK_CHECK_T(ValueError, factor >= 0, "sharpness_factor (", factor, ") is not non-negative.");
  assert_image_tensor(img);
  assert_channels(img, {1, 3});
  if (img.size(-1) <= 2 || img.size(-2) <= 2) return img;
  // the image smoothed by PIL's SMOOTH kernel (1 1 1 / 1 5 1 / 1 1 1) / 13, border pixels kept
  ScalarType dt = img.is_floating_point() ? img.scalar_type() : kFloat;
  Tensor kernel = wick::ones({3, 3}, dt);
  kernel.select(0, 1).select(0, 1).fill_(5.0);
  kernel = kernel / kernel.sum();
  int64_t c = get_dimensions(img)[0];
  kernel = kernel.expand({c, 1, 3, 3});
  CastSqueeze cs;
  Tensor x = cs.in(img, dt);
  x = cs.out(F::conv2d(x, kernel, F::Conv2dFuncOptions().groups(c)));
  Tensor blurred = img.clone();
  blurred.slice(-2, 1, img.size(-2) - 1).slice(-1, 1, img.size(-1) - 1).copy_(x);
  return blend(img, blurred, factor);
}

Tensor autocontrast(const Tensor& img) {
  assert_image_tensor(img);
  WICK_CHECK_T(TypeError, img.dim() >= 3, "Input image tensor should have at least 3 dimensions, but found ", img.dim());
  assert_channels(img, {1, 3});
  double bound = img.is_floating_point() ? 1.0 : 255.0;
  ScalarType dt = img.is_floating_point() ? img.scalar_type() : kFloat;
  Tensor mn = img.amin({-2, -1}, true).to(dt), mx = img.amax({-2, -1}, true).to(dt);
  // torch's `bound / t` is t.reciprocal() * bound (rounds differently from a true division)
  Tensor scale = (mx - mn).reciprocal() * bound;
  Tensor flat = scale.isfinite().logical_not();  // a constant channel is left as is
  mn = wick::where(flat, 0.0, mn);
  scale = wick::where(flat, 1.0, scale);
  return ((img - mn) * scale).clamp(0, bound).to(img.scalar_type());
}

namespace {
Tensor equalize_channel(const Tensor& ch) {
  Tensor hist = ch.reshape({-1}).to(kLong).bincount(std::nullopt, 256);
  Tensor nonzero = hist.index_select(0, hist.ne(0).nonzero().reshape({-1}));
  Tensor step = nonzero.narrow(0, 0, nonzero.size(0) - 1).sum().div(255, "floor");
  if (step.item<int64_t>() == 0) return ch;
  Tensor lut = (hist.cumsum(0) + step.div(2, "floor")).div(step, "floor");
  lut = F::pad(lut, F::PadFuncOptions({1, 0})).narrow(0, 0, 256).clamp(0, 255);
  return lut.index_select(0, ch.reshape({-1}).to(kLong)).view(ch.sizes()).to(kByte);
}
}  // namespace

Tensor equalize(const Tensor& img) {
  assert_image_tensor(img);
  WICK_CHECK_T(TypeError, img.dim() >= 3 && img.dim() <= 4, "Input image tensor should have 3 or 4 dimensions, but found ",
               img.dim());
  WICK_CHECK_T(TypeError, img.scalar_type() == kByte, "Only torch.uint8 image tensors are supported, but found torch.",
               python_name(img.scalar_type()));
  assert_channels(img, {1, 3});
  Tensor x = img.dim() == 3 ? img.unsqueeze(0) : img;
  std::vector<Tensor> images;
  for (int64_t n = 0; n < x.size(0); ++n) {
    std::vector<Tensor> chans;
    for (int64_t c = 0; c < x.size(1); ++c) chans.push_back(equalize_channel(x.select(0, n).select(0, c)));
    images.push_back(wick::stack(chans));
  }
  Tensor out = wick::stack(images);
  return img.dim() == 3 ? out.squeeze(0) : out;
}

Tensor gaussian_blur(const Tensor& img, const std::vector<int64_t>& kernel_size,
                     const std::optional<std::vector<double>>& sigma) {
  WICK_CHECK_T(ValueError, kernel_size.size() == 1 || kernel_size.size() == 2,
               "If kernel_size is a sequence its length should be 2. Got ", kernel_size.size());
  std::vector<int64_t> ks = kernel_size.size() == 1 ? std::vector<int64_t>{kernel_size[0], kernel_size[0]}
                                                    : kernel_size;
  for (int64_t k : ks) {
    WICK_CHECK_T(ValueError, k % 2 == 1 && k > 0, "kernel_size should have odd and positive integers. Got ",
                 list_str(ks));
  }
  std::vector<double> sg;
  if (!sigma) {
    sg = {ks[0] * 0.15 + 0.35, ks[1] * 0.15 + 0.35};
  } else {
    WICK_CHECK_T(ValueError, sigma->size() == 1 || sigma->size() == 2,
                 "If sigma is a sequence, its length should be 2. Got ", sigma->size());
    sg = sigma->size() == 1 ? std::vector<double>{(*sigma)[0], (*sigma)[0]} : *sigma;
  }
  for (double s : sg) {
    if (s <= 0.0) {
      std::ostringstream os;
      os << "sigma should have positive values. Got [" << sg[0] << ", " << sg[1] << "]";
      throw ValueError(os.str());
    }
  }
  assert_image_tensor(img);
  ScalarType dt = img.is_floating_point() ? img.scalar_type() : kFloat;
  Tensor kx = gaussian_kernel1d(ks[0], sg[0]).to(dt), ky = gaussian_kernel1d(ks[1], sg[1]).to(dt);
  Tensor kernel = wick::mm(ky.unsqueeze(1), kx.unsqueeze(0));
  int64_t c = get_dimensions(img)[0];
  kernel = kernel.expand({c, 1, kernel.size(0), kernel.size(1)});
  CastSqueeze cs;
  Tensor x = cs.in(img, dt);
  x = F::pad(x, F::PadFuncOptions({ks[0] / 2, ks[0] / 2, ks[1] / 2, ks[1] / 2}).mode(kReflect));
  x = F::conv2d(x, kernel, F::Conv2dFuncOptions().groups(c));
  return cs.out(x);
}

Tensor erase(const Tensor& img, int64_t i, int64_t j, int64_t h, int64_t w, const Tensor& v, bool inplace) {
  assert_image_tensor(img);
  Tensor x = inplace ? img : img.clone();
  x.slice(-2, i, i + h).slice(-1, j, j + w).copy_(v);
  return x;
}

}  // namespace wick::vision::transforms::functional
