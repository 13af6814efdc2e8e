#pragma once
// A restricted unpickler: pickle opcodes (protocol 2, plus the few protocol 4
// framing/memo opcodes) to a Value tree. Only the globals a checkpoint needs are
// accepted (tensor/parameter rebuilders, typed storages, OrderedDict, torch.Size,
// _codecs.encode for bytes); anything else raises naming the global. Iterative,
// nesting depth bounded, every length checked against the input.
#include <functional>
#include <string>
#include <string_view>

#include "wick/serialize/value.h"

namespace wick::serialize {

constexpr int kMaxNestingDepth = 1000;

// Returns the storage of a persistent id ('storage', <dtype>Storage, key,
// location, numel); the same key must give the same Storage (shared tensors).
using StorageLoader = std::function<Storage(const std::string& key, ScalarType dtype,
                                            int64_t numel, const std::string& location)>;

Value unpickle(std::string_view data, const StorageLoader& load_storage);

}  // namespace wick::serialize
