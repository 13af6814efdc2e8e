#pragma once
// The CPU allocator's cache of freed large blocks (Note [Large-block cache] in
// allocator.cpp): what it holds, and a way to give it all back. Include only
// from .cpp files.
#include <cstddef>

namespace wick {

// Bytes of freed blocks the CPU allocator keeps for reuse.
size_t cpu_cached_bytes();
// Returns every cached block to the C heap.
void empty_cpu_cache();

}  // namespace wick
