#pragma once
// Pickles a Value tree as torch.save does (protocol 2): tensors become
// torch._utils._rebuild_tensor_v2 calls whose storage is a persistent id
// ('storage', torch.<T>Storage, key, 'cpu', numel); tensors that share a storage
// share the key, views keep their offset and strides.
#include <string>
#include <vector>

#include "wick/serialize/value.h"

namespace wick::serialize {

struct PickledStorage {
  std::string key;
  Storage storage;
};

// Returns the pickle bytes; `storages` receives each distinct storage once, in key order.
std::string pickle(const Value& value, std::vector<PickledStorage>& storages);

}  // namespace wick::serialize
