// wick._C._vision: the C++ image io and MNIST-family readers behind
// python/wick/vision (io.py and datasets/). Modes travel as ints (the values of
// torchvision's ImageReadMode); the Python side wraps them in its Enum.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "python/src/bind.h"
#include "python/src/casters.h"
#include "wick/vision/vision.h"

namespace py = pybind11;

namespace wick::python {

namespace {
namespace vio = wick::vision::io;
namespace vd = wick::vision::datasets;

vio::ImageReadMode mode_of(int64_t m) { return static_cast<vio::ImageReadMode>(m); }

py::tuple load(const vd::MNIST& ds) {
  return py::make_tuple(ds.data(), ds.targets(), ds.classes(), ds.raw_folder(), ds.images_path(), ds.labels_path());
}
}  // namespace

void init_vision(py::module_& m) {
  py::module_ v = m.def_submodule("_vision", "wick::vision (image io, datasets)");
  v.def("read_file", &vio::read_file, py::arg("path"), nogil());
  v.def("write_file", &vio::write_file, py::arg("filename"), py::arg("data"), nogil());
  v.def(
      "decode_png",
      [](const Tensor& input, int64_t mode, bool allow_16_bits) {
        return vio::decode_png(input, mode_of(mode), allow_16_bits);
      },
      py::arg("input"), py::arg("mode") = 0, py::arg("allow_16_bits") = false, nogil());
  v.def(
      "decode_jpeg", [](const Tensor& input, int64_t mode) { return vio::decode_jpeg(input, mode_of(mode)); },
      py::arg("input"), py::arg("mode") = 0, nogil());
  v.def(
      "decode_image", [](const Tensor& input, int64_t mode) { return vio::decode_image(input, mode_of(mode)); },
      py::arg("input"), py::arg("mode") = 0, nogil());
  v.def("encode_png", &vio::encode_png, py::arg("input"), py::arg("compression_level") = 6, nogil());
  v.def("encode_jpeg", &vio::encode_jpeg, py::arg("input"), py::arg("quality") = 75, nogil());
  v.def(
      "read_image", [](const std::string& path, int64_t mode) { return vio::read_image(path, mode_of(mode)); },
      py::arg("path"), py::arg("mode") = 0, nogil());
  v.def("write_png", &vio::write_png, py::arg("input"), py::arg("filename"), py::arg("compression_level") = 6,
        nogil());
  v.def("write_jpeg", &vio::write_jpeg, py::arg("input"), py::arg("filename"), py::arg("quality") = 75, nogil());

  v.def("read_idx", &vd::read_idx, py::arg("path"), nogil());
  v.def("read_image_file", &vd::read_image_file, py::arg("path"), nogil());
  v.def("read_label_file", &vd::read_label_file, py::arg("path"), nogil());
  v.attr("DEBIAN_FASHION_MNIST") = vd::kDebianFashionMNIST;
  // (data, targets, classes, raw_folder, images_path, labels_path) of one split.
  v.def(
      "load_mnist",
      [](const std::string& name, const std::string& root, bool train, bool download, const std::string& split) {
        auto make = [&]() -> vd::MNIST {
          py::gil_scoped_release release;
          if (name == "MNIST") return vd::MNIST(root, train, nullptr, nullptr, download);
          if (name == "FashionMNIST") return vd::FashionMNIST(root, train, nullptr, nullptr, download);
          if (name == "KMNIST") return vd::KMNIST(root, train, nullptr, nullptr, download);
          if (name == "EMNIST") return vd::EMNIST(root, split, train, nullptr, nullptr, download);
          throw ValueError("unknown MNIST-family dataset '" + name + "'");
        };
        return load(make());
      },
      py::arg("name"), py::arg("root"), py::arg("train"), py::arg("download"), py::arg("split") = "");
  v.def("emnist_classes", &vd::EMNIST::split_classes, py::arg("split"));
}

}  // namespace wick::python
