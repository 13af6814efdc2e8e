// libFuzzer target: any bytes given to wick::vision::io::decode_image either decode
// to a uint8 (or, 16-bit PNG, int32) CHW tensor or raise wick::Error; never crash,
// read out of bounds, leak or hang. Build and run: fuzz/build.sh, then
//   ASAN_OPTIONS=max_allocation_size_mb=1024:allocator_may_return_null=1 \
//     ./build-fuzz/fuzz_decode_image -max_total_time=60 fuzz/corpus_image
#include <cstddef>
#include <cstdint>
#include <cstring>

#include "wick/core/error.h"
#include "wick/ops/creation.h"
#include "wick/vision/io.h"

using wick::vision::io::ImageReadMode;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  wick::Tensor bytes = wick::empty({static_cast<int64_t>(size)}, wick::kUInt8);
  std::memcpy(bytes.data_ptr(), data, size);
  for (int mode = 0; mode <= 4; ++mode) {
    try {
      wick::Tensor out = wick::vision::io::decode_image(bytes, static_cast<ImageReadMode>(mode));
      if (out.dim() != 3) __builtin_trap();
    } catch (const wick::Error&) {
    }
  }
  return 0;
}
