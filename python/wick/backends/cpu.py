"""wick.backends.cpu, as torch.backends.cpu (torch 2.x)."""
from wick import _C


def get_cpu_capability():
    """The vector instruction set the elementwise CPU kernels use: "AVX512",
    "AVX2" or "DEFAULT" (the best the processor has, capped by the
    WICK_CPU_CAPABILITY environment variable: default, avx2 or avx512)."""
    return _C._get_cpu_capability()
