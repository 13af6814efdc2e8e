"""Checkpoint save and load in PyTorch and wick, side by side.

    /usr/bin/python3 benchmarks/checkpoint.py [--threads N] [--repeat N] [--mb N] [--dir D]

Workload: a state_dict of about --mb megabytes (default 100) of float32 tensors
shaped like a stack of Linear layers (weight and bias, 1024-wide) plus a few
small buffers, saved with torch.save / wick.save to a file in --dir (default
/dev/shm when it exists, so the disk does not dominate) and loaded back
(torch.load and wick.load, both weights_only=True). Each library saves its own
state_dict and loads its own file; the files are the same format. Prints the
median ms of each over --repeat runs after a warm-up, and wick/PyTorch (lower is
better).
"""
import argparse
import os
import statistics
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "python"))


def median_ms(fn, repeat):
    fn()  # warm-up
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1e3)
    return statistics.median(times)


def state_dict(mod, mb):
    gen = mod.Generator().manual_seed(0)
    sd = {}
    n_layers = max(1, int(mb * 2**20 / 4 / (1024 * 1024 + 1024)))
    for i in range(n_layers):
        sd[f"layers.{i}.weight"] = mod.randn(1024, 1024, generator=gen)
        sd[f"layers.{i}.bias"] = mod.randn(1024, generator=gen)
        sd[f"layers.{i}.num_batches_tracked"] = mod.tensor(i)
    return sd


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--threads", type=int, default=None)
    p.add_argument("--repeat", type=int, default=5)
    p.add_argument("--mb", type=float, default=100)
    p.add_argument("--dir", default="/dev/shm" if os.path.isdir("/dev/shm") else None)
    args = p.parse_args()
    import torch
    import wick
    if args.threads:
        torch.set_num_threads(args.threads)
        wick.set_num_threads(args.threads)
    rows = []
    with tempfile.TemporaryDirectory(dir=args.dir) as d:
        for name, mod in (("torch", torch), ("wick", wick)):
            sd = state_dict(mod, args.mb)
            path = os.path.join(d, name + ".pt")
            t_save = median_ms(lambda: mod.save(sd, path), args.repeat)
            size = os.path.getsize(path)
            t_load = median_ms(lambda: mod.load(path, weights_only=True), args.repeat)
            rows.append((t_save, t_load, size))
    (ts, tl, size), (ws, wl, _) = rows
    print(f"state_dict of {size / 2**20:.0f} MB in {args.dir or tempfile.gettempdir()}; "
          f"{torch.get_num_threads()} threads; median of {args.repeat}")
    print(f"{'workload':10s} {'torch':>10s} {'wick':>10s} {'ratio':>6s}")
    print(f"{'save':10s} {ts:7.1f} ms {ws:7.1f} ms {ws / ts:6.2f}")
    print(f"{'load':10s} {tl:7.1f} ms {wl:7.1f} ms {wl / tl:6.2f}")


if __name__ == "__main__":
    main()
