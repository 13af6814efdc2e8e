#pragma once
// wick::serialize::Value: the tree a checkpoint's pickle holds (None, bool, int,
// float, str, bytes, list, tuple, dict in insertion order, Tensor, dtype, device). Lists, tuples
// and dicts share their items between copies (as Python objects do), so the
// unpickler's memo and the tree see the same container.
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "wick/tensor/tensor.h"

namespace wick::serialize {

class Value {
 public:
  enum class Kind : uint8_t {
    None, Bool, Int, Float, String, Bytes, List, Tuple, Dict, Tensor, Dtype, Device
  };
  using List = std::vector<Value>;
  using Dict = std::vector<std::pair<Value, Value>>;

  Value() = default;
  Value(std::nullptr_t) {}
  Value(bool b) : kind_(Kind::Bool), int_(b) {}
  Value(int v) : kind_(Kind::Int), int_(v) {}
  Value(int64_t v) : kind_(Kind::Int), int_(v) {}
  Value(double v) : kind_(Kind::Float), float_(v) {}
  Value(const char* s) : kind_(Kind::String), str_(std::make_shared<std::string>(s)) {}
  Value(std::string s) : kind_(Kind::String), str_(std::make_shared<std::string>(std::move(s))) {}
  Value(ScalarType dtype) : kind_(Kind::Dtype), int_(static_cast<int64_t>(dtype)) {}
  Value(Device device) : kind_(Kind::Device), device_(device) {}
  Value(Tensor t, bool is_parameter = false)
      : kind_(Kind::Tensor), tensor_(std::move(t)), flag_(is_parameter) {}

  static Value bytes(std::string b) {
    Value v(std::move(b));
    v.kind_ = Kind::Bytes;
    return v;
  }
  static Value list(List items = {}) { return sequence(Kind::List, std::move(items)); }
  static Value tuple(List items = {}) { return sequence(Kind::Tuple, std::move(items)); }
  // ordered=true marks a collections.OrderedDict (state_dicts are).
  static Value dict(Dict items = {}, bool ordered = false) {
    Value v;
    v.kind_ = Kind::Dict;
    v.dict_ = std::make_shared<Dict>(std::move(items));
    v.flag_ = ordered;
    return v;
  }

  Kind kind() const { return kind_; }
  bool is_none() const { return kind_ == Kind::None; }
  bool is_bool() const { return kind_ == Kind::Bool; }
  bool is_int() const { return kind_ == Kind::Int; }
  bool is_float() const { return kind_ == Kind::Float; }
  bool is_string() const { return kind_ == Kind::String; }
  bool is_bytes() const { return kind_ == Kind::Bytes; }
  bool is_list() const { return kind_ == Kind::List; }
  bool is_tuple() const { return kind_ == Kind::Tuple; }
  bool is_dict() const { return kind_ == Kind::Dict; }
  bool is_tensor() const { return kind_ == Kind::Tensor; }
  bool is_dtype() const { return kind_ == Kind::Dtype; }
  bool is_device() const { return kind_ == Kind::Device; }
  bool is_container() const { return is_list() || is_tuple() || is_dict(); }

  bool to_bool() const { check(Kind::Bool); return int_ != 0; }
  int64_t to_int() const { check(Kind::Int); return int_; }
  // Ints convert to float as Python's float(x) does.
  double to_float() const {
    if (kind_ == Kind::Int) return static_cast<double>(int_);
    check(Kind::Float);
    return float_;
  }
  const std::string& to_string() const {
    if (kind_ != Kind::Bytes) check(Kind::String);
    return *str_;
  }
  const Tensor& to_tensor() const { check(Kind::Tensor); return tensor_; }
  ScalarType to_dtype() const { check(Kind::Dtype); return static_cast<ScalarType>(int_); }
  const Device& to_device() const { check(Kind::Device); return device_; }
  bool is_parameter() const { return kind_ == Kind::Tensor && flag_; }
  bool is_ordered_dict() const { return kind_ == Kind::Dict && flag_; }
  // Items of a list or tuple (mutable: shared with every copy of this Value).
  List& items() const {
    WICK_CHECK(kind_ == Kind::List || kind_ == Kind::Tuple, "Value: expected a list or tuple, got ",
               kind_name(kind_));
    return *list_;
  }
  Dict& dict_items() const { check(Kind::Dict); return *dict_; }
  // The value of a dict's string key (a linear scan); raises when it is missing.
  const Value& at(const std::string& key) const {
    for (const auto& kv : dict_items())
      if (kv.first.is_string() && *kv.first.str_ == key) return kv.second;
    WICK_CHECK(false, "Value: key '", key, "' not found");
    return *this;
  }
  bool contains(const std::string& key) const {
    for (const auto& kv : dict_items())
      if (kv.first.is_string() && *kv.first.str_ == key) return true;
    return false;
  }
  // Identity of a shared container (for cycle checks); null otherwise.
  const void* container_id() const {
    return is_dict() ? static_cast<const void*>(dict_.get()) : static_cast<const void*>(list_.get());
  }

  static const char* kind_name(Kind k) {
    static const char* names[] = {"None", "bool", "int", "float", "str", "bytes",
                                  "list", "tuple", "dict", "Tensor", "dtype", "device"};
    return names[static_cast<int>(k)];
  }

 private:
  static Value sequence(Kind k, List items) {
    Value v;
    v.kind_ = k;
    v.list_ = std::make_shared<List>(std::move(items));
    return v;
  }
  void check(Kind k) const {
    WICK_CHECK(kind_ == k, "Value: expected ", kind_name(k), ", got ", kind_name(kind_));
  }

  Kind kind_ = Kind::None;
  int64_t int_ = 0;
  double float_ = 0;
  std::shared_ptr<std::string> str_;
  std::shared_ptr<List> list_;
  std::shared_ptr<Dict> dict_;
  Tensor tensor_;
  Device device_;
  bool flag_ = false;  // Parameter for tensors, OrderedDict for dicts
};

}  // namespace wick::serialize
