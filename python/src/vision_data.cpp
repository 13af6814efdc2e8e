// wick._C._vision_data: the C++ CIFAR readers (and later the other dataset and
// utils code) behind python/wick/vision/datasets/cifar.py and vision/utils.py.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "python/src/bind.h"
#include "python/src/casters.h"
#include "wick/vision/datasets/cifar.h"
#include "wick/vision/datasets/folder.h"
#include "wick/vision/utils.h"

namespace py = pybind11;

namespace wick::python {

namespace {
namespace vd = wick::vision::datasets;
using serialize::Value;

// A Value tree from read_numpy_pickle as Python objects (arrays as tensors).
py::object to_py(const Value& v) {
  switch (v.kind()) {
    case Value::Kind::None: return py::none();
    case Value::Kind::Bool: return py::bool_(v.to_bool());
    case Value::Kind::Int: return py::int_(v.to_int());
    case Value::Kind::Float: return py::float_(v.to_float());
    case Value::Kind::String: return py::str(v.to_string());
    case Value::Kind::Bytes: return py::bytes(v.to_string());
    case Value::Kind::Tensor: return py::cast(v.to_tensor());
    case Value::Kind::List: {
      py::list l;
      for (const Value& i : v.items()) l.append(to_py(i));
      return std::move(l);
    }
    case Value::Kind::Tuple: {
      py::list l;
      for (const Value& i : v.items()) l.append(to_py(i));
      return py::tuple(l);
    }
    case Value::Kind::Dict: {
      py::dict d;
      for (const auto& kv : v.dict_items()) d[to_py(kv.first)] = to_py(kv.second);
      return std::move(d);
    }
    default: throw Error("read_numpy_pickle: unexpected value");
  }
}
}  // namespace

void init_vision_data(py::module_& m) {
  py::module_ v = m.def_submodule("_vision_data", "wick::vision datasets (CIFAR) and utils");
  v.def("read_numpy_pickle", [](const std::string& path) {
    Value val;
    {
      py::gil_scoped_release release;
      val = vd::read_numpy_pickle_file(path);
    }
    return to_py(val);
  }, py::arg("path"));
  v.def(
      "load_cifar",
      [](const std::string& name, const std::string& root, bool train, bool download) {
        auto make = [&]() -> vd::CIFAR10 {
          py::gil_scoped_release release;
          if (name == "CIFAR100") return vd::CIFAR100(root, train, nullptr, nullptr, download);
          return vd::CIFAR10(root, train, nullptr, nullptr, download);
        };
        vd::CIFAR10 ds = make();
        const Tensor& t = ds.targets();
        std::vector<int64_t> targets(static_cast<const int64_t*>(t.data_ptr()),
                                     static_cast<const int64_t*>(t.data_ptr()) + t.numel());
        return py::make_tuple(ds.data(), targets, ds.classes(), ds.files());
      },
      py::arg("name"), py::arg("root"), py::arg("train"), py::arg("download"));

  // The C++ DatasetFolder's file listing (Python's DatasetFolder lists in Python: its
  // is_valid_file and loader are Python callables); exposed for parity tests.
  v.def(
      "make_dataset",
      [](const std::string& directory, const std::vector<std::string>& extensions) {
        return vd::make_dataset(directory, {}, extensions);
      },
      py::arg("directory"), py::arg("extensions"), nogil());

  namespace vu = wick::vision::utils;
  auto options = [](int64_t nrow, int64_t padding, bool normalize, std::optional<std::pair<double, double>> range,
                    bool scale_each, double pad_value) {
    return vu::MakeGridOptions().nrow(nrow).padding(padding).normalize(normalize).value_range(range)
        .scale_each(scale_each).pad_value(pad_value);
  };
  v.def(
      "make_grid",
      [options](const Tensor& t, int64_t nrow, int64_t padding, bool normalize,
                std::optional<std::pair<double, double>> range, bool scale_each, double pad_value) {
        return vu::make_grid(t, options(nrow, padding, normalize, range, scale_each, pad_value));
      },
      py::arg("tensor"), py::arg("nrow"), py::arg("padding"), py::arg("normalize"), py::arg("value_range"),
      py::arg("scale_each"), py::arg("pad_value"), nogil());
  v.def("grid_to_uint8", &vu::grid_to_uint8, py::arg("grid"), nogil());
}

}  // namespace wick::python
