// wick._C._vision_transforms: the C++ tensor ops behind python/wick/vision/transforms
// (wick::vision::transforms::functional). Interpolation modes travel as torchvision's
// strings ("nearest", "bilinear", "bicubic"); the Python side validates the arguments
// torchvision checks in Python and spells dtypes as wick.<dtype> in its messages.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "python/src/bind.h"
#include "python/src/casters.h"
#include "wick/vision/transforms/functional.h"

namespace py = pybind11;

namespace wick::python {

namespace {
namespace VF = wick::vision::transforms::functional;

VF::InterpolationMode mode_of(const std::string& s) {
  if (s == "nearest") return VF::InterpolationMode::Nearest;
  if (s == "bilinear") return VF::InterpolationMode::Bilinear;
  WICK_CHECK_T(ValueError, s == "bicubic", "Interpolation mode '", s, "' is unsupported with Tensor input");
  return VF::InterpolationMode::Bicubic;
}

using OptVec = std::optional<std::vector<double>>;
}  // namespace

void init_vision_transforms(py::module_& m) {
  py::module_ v = m.def_submodule("_vision_transforms", "wick::vision::transforms::functional");
  v.def("convert_image_dtype", &VF::convert_image_dtype, py::arg("image"), py::arg("dtype"), nogil());
  v.def("normalize", &VF::normalize, py::arg("tensor"), py::arg("mean"), py::arg("std"), py::arg("inplace") = false,
        nogil());
  v.def(
      "resize",
      [](const Tensor& img, const std::vector<int64_t>& size, const std::string& mode, bool antialias) {
        return VF::resize(img, size, mode_of(mode), std::nullopt, antialias);
      },
      py::arg("img"), py::arg("size"), py::arg("interpolation"), py::arg("antialias"), nogil());
  v.def("crop", &VF::crop, py::arg("img"), py::arg("top"), py::arg("left"), py::arg("height"), py::arg("width"),
        nogil());
  v.def("pad", &VF::pad, py::arg("img"), py::arg("padding"), py::arg("fill"), py::arg("padding_mode"), nogil());
  v.def("hflip", &VF::hflip, py::arg("img"), nogil());
  v.def("vflip", &VF::vflip, py::arg("img"), nogil());
  v.def(
      "rotate",
      [](const Tensor& img, double angle, const std::string& mode, bool expand, const OptVec& center,
         const OptVec& fill) { return VF::rotate(img, angle, mode_of(mode), expand, center, fill); },
      py::arg("img"), py::arg("angle"), py::arg("interpolation"), py::arg("expand"), py::arg("center"),
      py::arg("fill"), nogil());
  v.def(
      "affine",
      [](const Tensor& img, double angle, const std::vector<double>& translate, double scale,
         const std::vector<double>& shear, const std::string& mode, const OptVec& fill, const OptVec& center) {
        return VF::affine(img, angle, translate, scale, shear, mode_of(mode), fill, center);
      },
      py::arg("img"), py::arg("angle"), py::arg("translate"), py::arg("scale"), py::arg("shear"),
      py::arg("interpolation"), py::arg("fill"), py::arg("center"), nogil());
  v.def("perspective_coeffs", &VF::perspective_coeffs, py::arg("startpoints"), py::arg("endpoints"), nogil());
  v.def(
      "perspective",
      [](const Tensor& img, const std::vector<std::vector<double>>& startpoints,
         const std::vector<std::vector<double>>& endpoints, const std::string& mode, const OptVec& fill) {
        return VF::perspective(img, startpoints, endpoints, mode_of(mode), fill);
      },
      py::arg("img"), py::arg("startpoints"), py::arg("endpoints"), py::arg("interpolation"), py::arg("fill"),
      nogil());
  v.def(
      "elastic_transform",
      [](const Tensor& img, const Tensor& displacement, const std::string& mode, const OptVec& fill) {
        return VF::elastic_transform(img, displacement, mode_of(mode), fill);
      },
      py::arg("img"), py::arg("displacement"), py::arg("interpolation"), py::arg("fill"), nogil());
  v.def("rgb_to_grayscale", &VF::rgb_to_grayscale, py::arg("img"), py::arg("num_output_channels"), nogil());
  v.def("adjust_brightness", &VF::adjust_brightness, py::arg("img"), py::arg("factor"), nogil());
  v.def("adjust_contrast", &VF::adjust_contrast, py::arg("img"), py::arg("factor"), nogil());
  v.def("adjust_saturation", &VF::adjust_saturation, py::arg("img"), py::arg("factor"), nogil());
  v.def("adjust_hue", &VF::adjust_hue, py::arg("img"), py::arg("factor"), nogil());
  v.def("adjust_gamma", &VF::adjust_gamma, py::arg("img"), py::arg("gamma"), py::arg("gain"), nogil());
  v.def("invert", &VF::invert, py::arg("img"), nogil());
  v.def("posterize", &VF::posterize, py::arg("img"), py::arg("bits"), nogil());
  v.def("solarize", &VF::solarize, py::arg("img"), py::arg("threshold"), nogil());
  v.def("adjust_sharpness", &VF::adjust_sharpness, py::arg("img"), py::arg("factor"), nogil());
  v.def("autocontrast", &VF::autocontrast, py::arg("img"), nogil());
  v.def("equalize", &VF::equalize, py::arg("img"), nogil());
  v.def("gaussian_blur", &VF::gaussian_blur, py::arg("img"), py::arg("kernel_size"), py::arg("sigma"), nogil());
  v.def("erase", &VF::erase, py::arg("img"), py::arg("i"), py::arg("j"), py::arg("h"), py::arg("w"), py::arg("v"),
        py::arg("inplace"), nogil());
}

}  // namespace wick::python
