"""Activations in wick and PyTorch: forward, and forward + backward, on float32 tensors.

    /usr/bin/python3 benchmarks/nn_activation.py [--threads N] [--repeat N]

Both libraries run in this one process on the same thread count. Prints the
median ms of each (after a warm-up) and the ratio wick/PyTorch (lower is better).
"""
import argparse
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "python"))

OPS = {
    "relu": lambda F, x, w: F.relu(x),
    "leaky_relu": lambda F, x, w: F.leaky_relu(x, 0.1),
    "elu": lambda F, x, w: F.elu(x),
    "hardswish": lambda F, x, w: F.hardswish(x),
    "gelu": lambda F, x, w: F.gelu(x),
    "prelu": lambda F, x, w: F.prelu(x, w),
}
SIZES = [10**6, 10**7]


def median_ms(fn, repeat):
    fn()  # warm-up
    fn()
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1e3)
    return statistics.median(times)


def workload(mod, name, n, backward):
    F = mod.nn.functional
    gen = mod.Generator().manual_seed(0)
    channels = 16
    x = mod.randn(n // channels // 100, channels, 100, generator=gen)
    w = mod.full((channels,), 0.25)
    if backward:
        x.requires_grad_()
        w.requires_grad_()

    def run():
        y = OPS[name](F, x, w)
        if backward:
            y.backward(mod.ones_like(y))
            x.grad = None
            w.grad = None
    return run


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--threads", type=int, default=os.cpu_count())
    p.add_argument("--repeat", type=int, default=7)
    args = p.parse_args()
    import torch
    import wick
    torch.set_num_threads(args.threads)
    wick.set_num_threads(args.threads)
    print(f"threads={args.threads}")
    print(f"{'workload':<28}{'wick ms':>10}{'torch ms':>10}{'wick/torch':>12}")
    for backward in (False, True):
        for name in OPS:
            for n in SIZES:
                label = f"{name} {'fwd+bwd' if backward else 'fwd'} {n:.0e}"
                wt = median_ms(workload(wick, name, n, backward), args.repeat)
                tt = median_ms(workload(torch, name, n, backward), args.repeat)
                print(f"{label:<28}{wt:>10.2f}{tt:>10.2f}{wt / tt:>12.2f}", flush=True)


if __name__ == "__main__":
    main()
