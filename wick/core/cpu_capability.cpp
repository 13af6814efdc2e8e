#include "wick/core/cpu_capability.h"

#include <cstdlib>
#include <cstring>

namespace wick {

namespace {
CpuCapability detect() {
#if WICK_HAVE_CPU_DISPATCH
  __builtin_cpu_init();
  if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512vl") &&
      __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512dq"))
    return CpuCapability::AVX512;
  if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) return CpuCapability::AVX2;
#endif
  return CpuCapability::Default;
}

CpuCapability from_env(CpuCapability best) {
  const char* v = std::getenv("WICK_CPU_CAPABILITY");
  if (v == nullptr || *v == '\0') return best;
  CpuCapability want = best;
  if (std::strcmp(v, "default") == 0) want = CpuCapability::Default;
  else if (std::strcmp(v, "avx2") == 0) want = CpuCapability::AVX2;
  else if (std::strcmp(v, "avx512") == 0) want = CpuCapability::AVX512;
  return want < best ? want : best;
}
}  // namespace

namespace detail {
CpuCapability g_cpu_capability = from_env(detect());
}

CpuCapability cpu_capability_supported() {
  static const CpuCapability best = detect();
  return best;
}

CpuCapability set_cpu_capability(CpuCapability c) {
  const CpuCapability best = cpu_capability_supported();
  detail::g_cpu_capability = c < best ? c : best;
  return detail::g_cpu_capability;
}

const char* cpu_capability_name(CpuCapability c) {
  switch (c) {
    case CpuCapability::AVX512: return "AVX512";
    case CpuCapability::AVX2: return "AVX2";
    default: return "DEFAULT";
  }
}

}  // namespace wick
