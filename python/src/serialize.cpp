// wick._C._serialize: torch.save's checkpoint format over the C++ reader/writer
// (wick/serialize). Python objects convert to the C++ Value tree and back:
// None/bool/int/float/str/bytes/list/tuple/dict/OrderedDict/Tensor/Parameter/
// dtype/device.
#include <pybind11/functional.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <fstream>
#include <unordered_map>

#include "python/src/casters.h"
#include "python/src/tensor_object.h"
#include "wick/serialize/serialize.h"

namespace py = pybind11;

namespace wick::python {

namespace {

using serialize::Value;

class ToValue {
 public:
  ToValue()
      : ordered_dict_(py::module_::import("collections").attr("OrderedDict")),
        parameter_(py::module_::import("wick.nn").attr("Parameter")),
        dtype_(py::module_::import("wick._C").attr("dtype")),
        device_(py::module_::import("wick._C").attr("device")),
        size_type_(reinterpret_cast<PyTypeObject*>(
            py::module_::import("wick._C").attr("Size").ptr())) {}

  Value convert(py::handle o, int depth = 0) {
    if (depth > serialize::kMaxNestingDepth)
      throw py::value_error("wick.save: containers nested deeper than " +
                            std::to_string(serialize::kMaxNestingDepth) + " levels");
    if (o.is_none()) return Value();
    if (PyBool_Check(o.ptr())) return Value(o.ptr() == Py_True);
    if (PyLong_CheckExact(o.ptr())) {
      int overflow = 0;
      long long v = PyLong_AsLongLongAndOverflow(o.ptr(), &overflow);
      if (overflow)
        throw py::value_error("wick.save: integers outside the int64 range are not supported");
      return Value(static_cast<int64_t>(v));
    }
    if (PyFloat_CheckExact(o.ptr())) return Value(PyFloat_AS_DOUBLE(o.ptr()));
    if (PyUnicode_CheckExact(o.ptr())) return Value(o.cast<std::string>());
    if (PyBytes_CheckExact(o.ptr()))
      return Value::bytes(std::string(py::bytes(py::reinterpret_borrow<py::object>(o))));
    if (is_tensor(o.ptr()))
      return Value(unpack(o.ptr()), PyObject_IsInstance(o.ptr(), parameter_.ptr()) == 1);
    if (py::isinstance(o, dtype_)) return Value(o.cast<ScalarType>());
    if (py::isinstance(o, device_)) return Value(o.cast<Device>());
    // Exact types only: subclasses (namedtuple, Counter, numpy scalars ...) keep
    // their type through Python's pickle instead. wick.Size saves as a tuple.
    bool is_list = PyList_CheckExact(o.ptr()),
         is_tuple = PyTuple_CheckExact(o.ptr()) || Py_TYPE(o.ptr()) == size_type_,
         is_ordered = Py_TYPE(o.ptr()) == reinterpret_cast<PyTypeObject*>(ordered_dict_.ptr()),
         is_dict = PyDict_CheckExact(o.ptr()) || is_ordered;
    if (!is_list && !is_tuple && !is_dict)
      throw py::type_error("wick.save: cannot save an object of type '" +
                           std::string(Py_TYPE(o.ptr())->tp_name) +
                           "'; tensors, numbers, strings, bytes, None and lists, tuples and "
                           "dicts of them are supported");
    // The same container saved twice stays one object; a container holding itself is refused.
    auto it = memo_.find(o.ptr());
    if (it != memo_.end()) {
      if (it->second.is_none())
        throw py::value_error("wick.save: recursive containers are not supported");
      return it->second;
    }
    memo_[o.ptr()] = Value();  // in progress
    keep_.push_back(py::reinterpret_borrow<py::object>(o));
    Value v;
    if (is_dict) {
      Value::Dict items;
      for (auto kv : py::reinterpret_borrow<py::dict>(o))
        items.emplace_back(convert(kv.first, depth + 1), convert(kv.second, depth + 1));
      v = Value::dict(std::move(items), is_ordered);
    } else {
      Value::List items;
      for (auto x : o) items.push_back(convert(x, depth + 1));
      v = is_list ? Value::list(std::move(items)) : Value::tuple(std::move(items));
    }
    memo_[o.ptr()] = v;
    return v;
  }

 private:
  py::object ordered_dict_, parameter_, dtype_, device_;
  PyTypeObject* size_type_;
  std::unordered_map<PyObject*, Value> memo_;
  std::vector<py::object> keep_;  // keeps memo keys alive while converting
};

class ToPython {
 public:
  ToPython()
      : ordered_dict_(py::module_::import("collections").attr("OrderedDict")),
        parameter_(py::module_::import("wick.nn").attr("Parameter")) {}

  py::object convert(const Value& v) {
    switch (v.kind()) {
      case Value::Kind::None: return py::none();
      case Value::Kind::Bool: return py::bool_(v.to_bool());
      case Value::Kind::Int: return py::int_(v.to_int());
      case Value::Kind::Float: return py::float_(v.to_float());
      case Value::Kind::String: return py::str(v.to_string());
      case Value::Kind::Bytes: return py::bytes(v.to_string());
      case Value::Kind::Dtype: return py::cast(v.to_dtype());
      case Value::Kind::Device: return py::cast(v.to_device());
      case Value::Kind::Tensor: {
        const Tensor& t = v.to_tensor();
        if (!v.is_parameter()) return py::reinterpret_steal<py::object>(wrap(t));
        auto it = params_.find(t.unsafeGetTensorImpl());
        if (it != params_.end()) return it->second;
        py::object p = parameter_(py::reinterpret_steal<py::object>(wrap(t)), t.requires_grad());
        params_[t.unsafeGetTensorImpl()] = p;
        return p;
      }
      default: break;
    }
    auto it = memo_.find(v.container_id());
    if (it != memo_.end()) return it->second;
    py::object out;
    if (v.is_dict()) {
      py::object d = v.is_ordered_dict() ? ordered_dict_() : py::dict();
      for (const auto& kv : v.dict_items()) d[convert(kv.first)] = convert(kv.second);
      out = d;
    } else if (v.is_list()) {
      py::list l;
      for (const Value& x : v.items()) l.append(convert(x));
      out = l;
    } else {
      py::tuple t(v.items().size());
      for (size_t i = 0; i < v.items().size(); ++i) t[i] = convert(v.items()[i]);
      out = t;
    }
    memo_[v.container_id()] = out;
    return out;
  }

 private:
  py::object ordered_dict_, parameter_;
  std::unordered_map<const void*, py::object> memo_;
  std::unordered_map<const void*, py::object> params_;
};

}  // namespace

void init_serialize(py::module_& m) {
  auto s = m.def_submodule("_serialize", "torch.save's checkpoint format");
  s.def(
      "save_bytes",
      [](py::handle obj) {
        Value v = ToValue().convert(obj);
        std::string bytes;
        {
          py::gil_scoped_release release;
          bytes = serialize::save_to_bytes(v);
        }
        return py::bytes(bytes);
      },
      py::arg("obj"));
  s.def(
      "save_file",
      [](py::handle obj, const std::string& path) {
        Value v = ToValue().convert(obj);
        py::gil_scoped_release release;
        serialize::save_to_file(v, path);
      },
      py::arg("obj"), py::arg("path"));
  s.def(
      "load_file",
      [](const std::string& path,
         std::optional<std::function<Device(const std::string&)>> map_location) {
        serialize::FileBytes bytes;
        {
          py::gil_scoped_release release;
          bytes = serialize::read_file(path);
        }
        Value v = serialize::load_from_bytes(
            bytes.view(), map_location ? serialize::MapLocation(*map_location) : serialize::MapLocation());
        return ToPython().convert(v);
      },
      py::arg("path"), py::arg("map_location") = py::none());
  s.def(
      "load_bytes",
      [](py::buffer data, std::optional<std::function<Device(const std::string&)>> map_location) {
        py::buffer_info info = data.request();
        std::string_view bytes(static_cast<const char*>(info.ptr),
                               static_cast<size_t>(info.size * info.itemsize));
        Value v = serialize::load_from_bytes(
            bytes, map_location ? serialize::MapLocation(*map_location) : serialize::MapLocation());
        return ToPython().convert(v);
      },
      py::arg("data"), py::arg("map_location") = py::none());
  // For wick.save's Python pickler (objects the Value tree does not hold): a
  // storage's identity and size, and the archive around a ready pickle.
  s.def("storage_info", [](const Tensor& t) {
    return py::make_tuple(reinterpret_cast<uintptr_t>(t.storage().get()), t.storage()->nbytes());
  });
  s.def(
      "write_archive",
      [](const py::bytes& pkl, const std::vector<std::pair<std::string, Tensor>>& storages,
         std::optional<std::string> path) -> py::object {
        std::string data = pkl;
        serialize::ZipWriter::Sink sink;
        std::ofstream f;
        if (path) {
          f.open(*path, std::ios::binary);
          WICK_CHECK(f.good(), "File ", *path, " cannot be opened.");
          sink = [&](const char* p, size_t n) {
            f.write(p, static_cast<std::streamsize>(n));
            WICK_CHECK(f.good(), "Failed to write to file ", *path);
          };
        }
        serialize::ZipWriter zip(sink);
        zip.add("archive/data.pkl", data.data(), data.size());
        zip.add("archive/byteorder", "little", 6);
        for (const auto& [key, t] : storages)
          zip.add("archive/data/" + key, t.storage()->data(), t.storage()->nbytes());
        zip.add("archive/version", "3\n", 2);
        std::string out = zip.finish();
        if (path) return py::none();
        return py::bytes(out);
      },
      py::arg("pickle"), py::arg("storages"), py::arg("path") = py::none());
  s.def("default_map_location", &serialize::default_map_location, py::arg("location"));
}

}  // namespace wick::python
