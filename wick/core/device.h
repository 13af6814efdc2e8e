#pragma once
// Device: where a tensor's memory lives ("cpu", "cuda", "cuda:1").
#include <cstdint>
#include <ostream>
#include <string>

namespace wick {

enum class DeviceType : int8_t { CPU = 0, CUDA = 1 };
constexpr DeviceType kCPU = DeviceType::CPU;
constexpr DeviceType kCUDA = DeviceType::CUDA;

class Device {
 public:
  Device(DeviceType type = DeviceType::CPU, int index = -1);  // NOLINT
  // Parses "cpu", "cuda", "cuda:0"; throws wick::Error on anything else.
  Device(const std::string& spec);  // NOLINT
  Device(const char* spec) : Device(std::string(spec)) {}  // NOLINT

  DeviceType type() const { return type_; }
  int index() const { return index_; }
  bool has_index() const { return index_ >= 0; }
  bool is_cpu() const { return type_ == DeviceType::CPU; }
  bool is_cuda() const { return type_ == DeviceType::CUDA; }
  std::string str() const;

  bool operator==(const Device& o) const { return type_ == o.type_ && index_ == o.index_; }
  bool operator!=(const Device& o) const { return !(*this == o); }

 private:
  DeviceType type_;
  int index_;
};

std::ostream& operator<<(std::ostream& os, const Device& d);
std::ostream& operator<<(std::ostream& os, DeviceType t);

// Whether this build can run code on `type` (CUDA is absent in a CPU build or
// when no GPU is attached).
bool is_available(DeviceType type);
// Raises a clear error when tensors on `d` cannot be used in this process.
void check_device_usable(const Device& d);

}  // namespace wick
