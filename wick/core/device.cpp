#include "wick/core/device.h"

#include <cctype>

#include "wick/core/error.h"

namespace wick {

Device::Device(DeviceType type, int index) : type_(type), index_(index) {
  WICK_CHECK(index >= -1, "Device index must be -1 or non-negative, got ", index);
  WICK_CHECK(type != DeviceType::CPU || index <= 0,
             "CPU device index must be -1 or zero, got ", index);
}

Device::Device(const std::string& spec) : type_(DeviceType::CPU), index_(-1) {
  std::string kind = spec;
  std::string idx;
  auto colon = spec.find(':');
  if (colon != std::string::npos) {
    kind = spec.substr(0, colon);
    idx = spec.substr(colon + 1);
    bool digits = !idx.empty();
    for (char c : idx) digits = digits && std::isdigit(static_cast<unsigned char>(c));
    WICK_CHECK(digits && idx.size() < 9, "Invalid device string: '", spec, "'");
  }
  if (kind == "cpu") {
    type_ = DeviceType::CPU;
  } else if (kind == "cuda") {
    type_ = DeviceType::CUDA;
  } else {
    throw Error(::wick::str("Expected one of cpu, cuda device type at start of device string: ", spec));
  }
  if (!idx.empty()) index_ = std::stoi(idx);
  WICK_CHECK(type_ != DeviceType::CPU || index_ <= 0,
             "CPU device index must be -1 or zero, got ", index_);
}

std::string Device::str() const {
  std::string s = type_ == DeviceType::CPU ? "cpu" : "cuda";
  if (index_ >= 0) s += ":" + std::to_string(index_);
  return s;
}

std::ostream& operator<<(std::ostream& os, const Device& d) { return os << d.str(); }
std::ostream& operator<<(std::ostream& os, DeviceType t) {
  return os << (t == DeviceType::CPU ? "cpu" : "cuda");
}

bool is_available(DeviceType type) { return type == DeviceType::CPU; }

void check_device_usable(const Device& d) {
  WICK_CHECK(d.is_cpu(),
             "Torch not compiled with CUDA enabled: this build of wick has no CUDA support, "
             "so tensors on device '", d.str(), "' cannot be used");
}

}  // namespace wick
