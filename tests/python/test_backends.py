"""wick.backends.cpu.get_cpu_capability (torch 2.x's name) and the vector copies
of the elementwise kernels it selects: the same results under each capability."""
import os
import subprocess
import sys

import pytest

import wick

LEVELS = ["DEFAULT", "AVX2", "AVX512"]
PYTHON_DIR = os.path.join(os.path.dirname(__file__), "..", "..", "python")

# Prints the capability in use, then the bits of a few elementwise results.
SNIPPET = r"""
import wick
print(wick.backends.cpu.get_cpu_capability())
x = wick.linspace(-12, 12, 10007)
x[5] = float("nan"); x[6] = float("inf"); x[7] = -float("inf"); x[8] = -0.0
outs = [x.exp(), x.sigmoid(), x.tanh(), x.erf(), wick.nn.functional.gelu(x),
        wick.nn.functional.gelu(x, approximate="tanh"), wick.nn.functional.silu(x),
        x + x * 0.5, (x.to(wick.bfloat16) + x.to(wick.bfloat16)).float(),
        (x.to(wick.float16) * 3).float(), x.double().tanh().float()]
for o in outs:
    print(o.view(wick.int32).tolist())
"""


def run_with(env_value):
    env = dict(os.environ, PYTHONPATH=PYTHON_DIR)
    env.pop("WICK_CPU_CAPABILITY", None)
    if env_value is not None:
        env["WICK_CPU_CAPABILITY"] = env_value
    out = subprocess.run([sys.executable, "-c", SNIPPET], env=env, capture_output=True,
                         text=True, check=True).stdout.splitlines()
    return out[0], out[1:]


def test_get_cpu_capability_names_a_level():
    assert wick.backends.cpu.get_cpu_capability() in LEVELS
    assert callable(wick.backends.cpu.get_cpu_capability)


def test_env_caps_the_capability_and_results_agree():
    best, ref = run_with(None)
    assert best in LEVELS
    assert len(ref) == 11
    for want in ("default", "avx2", "avx512"):
        got, res = run_with(want)
        # The variable lowers the choice, never raises it above the processor's.
        assert got == LEVELS[min(LEVELS.index(want.upper()), LEVELS.index(best))]
        assert res == ref, f"results under {want} differ from {best}"
