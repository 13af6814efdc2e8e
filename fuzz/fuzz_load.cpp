// libFuzzer target: any bytes given to the checkpoint reader either load or
// raise wick::Error; never crash, read out of bounds, leak or hang.
// Build and run: fuzz/build.sh, then ./build-fuzz/fuzz_load fuzz/corpus
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "wick/core/error.h"
#include "wick/serialize/serialize.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  try {
    wick::serialize::Value v =
        wick::serialize::load_from_bytes(std::string_view(reinterpret_cast<const char*>(data), size));
    // Whatever loads must save again.
    (void)wick::serialize::save_to_bytes(v);
  } catch (const wick::Error&) {
  }
  return 0;
}
