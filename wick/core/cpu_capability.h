#pragma once
// Which vector instruction set the CPU kernels use. The library is compiled for
// the x86-64 baseline (SSE2), so it runs anywhere; hot loops also carry copies
// compiled for AVX2 and AVX-512 (GCC's target attribute, see WICK_TARGET_*), and
// pick one at run time by what the processor supports. WICK_CPU_CAPABILITY
// (default | avx2 | avx512) lowers the choice, like PyTorch's ATEN_CPU_CAPABILITY;
// tests use set_cpu_capability to run every copy.
#include <cstdint>

namespace wick {

enum class CpuCapability : int8_t { Default = 0, AVX2 = 1, AVX512 = 2 };

namespace detail {
extern CpuCapability g_cpu_capability;
}

// What the kernels use now: the best the CPU has, capped by WICK_CPU_CAPABILITY.
inline CpuCapability cpu_capability() { return detail::g_cpu_capability; }
// The best the processor supports.
CpuCapability cpu_capability_supported();
// Caps the capability (for tests and benchmarks); asking for more than the CPU
// has gives what it has. Returns the capability now in use.
CpuCapability set_cpu_capability(CpuCapability c);
const char* cpu_capability_name(CpuCapability c);

}  // namespace wick

// Function attributes for the per-ISA copies of a loop. A function marked with
// one of these may only run when cpu_capability() is at least that level. Both
// set fp-contract=off, so no FMA is formed behind the code's back and the copies
// round exactly like the baseline loop. (GCC contracts by default even under
// -std=c++20: its ISO-mode fp-contract=off is for C only.) The functions they
// inline keep these settings.
#if defined(__GNUC__) && (defined(__x86_64__) || defined(__i386__))
#define WICK_HAVE_CPU_DISPATCH 1
#define WICK_TARGET_AVX2 __attribute__((target("avx2,fma"), optimize("fp-contract=off")))
#define WICK_TARGET_AVX512                                                                  \
  __attribute__((target("avx512f,avx512vl,avx512bw,avx512dq,avx2,fma,prefer-vector-width=512"), \
                 optimize("fp-contract=off")))
#else
#define WICK_HAVE_CPU_DISPATCH 0
#define WICK_TARGET_AVX2
#define WICK_TARGET_AVX512
#endif
