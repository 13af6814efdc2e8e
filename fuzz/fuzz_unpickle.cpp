// libFuzzer target for the unpickler alone (the zip layer's CRC check stops most
// mutations of data.pkl before they reach it): any bytes either unpickle or raise
// wick::Error. Storages come from a loader that makes them of the asked size
// (bounded), so tensor rebuilding is exercised too.
#include <cstddef>
#include <cstdint>
#include <map>
#include <string_view>

#include "wick/core/error.h"
#include "wick/serialize/serialize.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::map<std::string, wick::Storage> storages;
  wick::serialize::StorageLoader loader = [&](const std::string& key, wick::ScalarType dtype,
                                              int64_t numel, const std::string& location) {
    (void)wick::serialize::default_map_location(location);
    WICK_CHECK(numel <= 4096, "fuzz: storage too large");
    auto it = storages.find(key);
    if (it != storages.end()) {
      WICK_CHECK(it->second->nbytes() >= static_cast<size_t>(numel) * wick::element_size(dtype),
                 "fuzz: storage reused larger");
      return it->second;
    }
    auto s = std::make_shared<wick::StorageImpl>(numel * wick::element_size(dtype), wick::Device(wick::kCPU));
    storages.emplace(key, s);
    return s;
  };
  try {
    wick::serialize::Value v =
        wick::serialize::unpickle(std::string_view(reinterpret_cast<const char*>(data), size), loader);
    std::vector<wick::serialize::PickledStorage> out;
    (void)wick::serialize::pickle(v, out);
  } catch (const wick::Error&) {
  }
  return 0;
}
