#!/usr/bin/env python3
"""Times the autograd workloads of benchmarks/workloads.h (register_autograd) from
Python: forward+backward of a 3-layer MLP and a chain of 1000 small ops. Each
workload is a function of the tensor module, so the same code runs with
`torch` and, once it exists, with `wick`:

    /usr/bin/python3 benchmarks/autograd_torch.py            # torch only
    /usr/bin/python3 benchmarks/autograd_torch.py torch wick # both, if importable

Prints the median time per iteration of each workload for each module."""
import argparse
import importlib
import statistics
import sys
import time


def make_mlp(tm):
    """Forward+backward of 784-512-512-10 on a batch of 64, relu, sum loss;
    .grad set to None before each iteration (as in workloads.h)."""
    batch, sizes = 64, [(784, 512, 0.07), (512, 512, 0.09), (512, 10, 0.09)]
    x = tm.rand(batch, 784)
    params = []
    for n_in, n_out, scale in sizes:
        w = ((tm.rand(n_out, n_in) - 0.5) * scale).requires_grad_()
        b = ((tm.rand(n_out) - 0.5) * scale).requires_grad_()
        params += [w, b]

    def step():
        for p in params:
            p.grad = None
        h = tm.relu(tm.addmm(params[1], x, params[0].t()))
        h = tm.relu(tm.addmm(params[3], h, params[2].t()))
        loss = tm.addmm(params[5], h, params[4].t()).sum()
        loss.backward()
        return params[0].grad

    return step


def make_chain(tm, ops=1000):
    """A chain of `ops` small ops on 16 elements (alternately * 1.0001 and
    + 0.001), then y.sum().backward()."""
    x = ((tm.rand(16) - 0.5) * 1.0).requires_grad_()

    def step():
        x.grad = None
        y = x
        for i in range(ops):
            y = y * 1.0001 if i % 2 == 0 else y + 0.001
        y.sum().backward()
        return x.grad

    return step


WORKLOADS = {
    "autograd/mlp_fwd_bwd/64x784-512-512-10": make_mlp,
    "autograd/chain/1000": make_chain,
}


def time_step(step, min_time, repetitions):
    step()  # warm up
    medians = []
    for _ in range(repetitions):
        n, start = 0, time.perf_counter()
        while True:
            step()
            n += 1
            elapsed = time.perf_counter() - start
            if elapsed >= min_time:
                break
        medians.append(elapsed / n)
    return statistics.median(medians)


def fmt(seconds):
    for unit, scale in (("s", 1.0), ("ms", 1e-3), ("us", 1e-6)):
        if seconds >= scale:
            return f"{seconds / scale:.3g} {unit}"
    return f"{seconds / 1e-9:.3g} ns"


def main(argv):
    p = argparse.ArgumentParser(description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("modules", nargs="*", default=["torch"], help="tensor modules to time")
    p.add_argument("--threads", type=int, default=None, help="set_num_threads for each module")
    p.add_argument("--min-time", type=float, default=0.5, help="seconds per repetition")
    p.add_argument("--repetitions", type=int, default=3)
    args = p.parse_args(argv)
    mods = []
    for name in args.modules:
        try:
            mods.append(importlib.import_module(name))
        except ImportError as e:
            print(f"skipping {name}: {e}", file=sys.stderr)
    width = max(len(n) for n in WORKLOADS)
    print(f"{'workload':<{width}}  " + "  ".join(f"{m.__name__:>10}" for m in mods))
    for name, make in WORKLOADS.items():
        cells = []
        for tm in mods:
            if args.threads:
                tm.set_num_threads(args.threads)
            tm.manual_seed(0)
            cells.append(fmt(time_step(make(tm), args.min_time, args.repetitions)))
        print(f"{name:<{width}}  " + "  ".join(f"{c:>10}" for c in cells))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
