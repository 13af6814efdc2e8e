"""DataLoader in wick and PyTorch: one epoch over TensorDataset(60000x784 float32,
int64 labels), batch 64, num_workers=0, sequential and shuffled; plus a map-style
dataset of the same tensors (per-sample __getitem__ + default_collate).

    /usr/bin/python3 benchmarks/data.py [--threads N] [--repeat N] [--workers N]

Both libraries run in this one process on the same thread count. Prints the median
ms per epoch of each and the ratio wick/PyTorch (lower is better).
"""
import argparse
import os
import statistics
import sys
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


class Rows:
    """A plain map-style dataset (the per-sample path)."""

    def __init__(self, x, y):
        self.x, self.y = x, y

    def __len__(self):
        return len(self.x)

    def __getitem__(self, i):
        return self.x[i], self.y[i]


def epoch(mod, data, kind, shuffle, workers, n):
    gen = mod.Generator().manual_seed(0)
    x = mod.randn(n, 784, generator=gen)
    y = mod.randint(0, 10, (n,), generator=gen)
    ds = data.TensorDataset(x, y) if kind == "tensor" else Rows(x, y)
    dl = data.DataLoader(ds, batch_size=64, shuffle=shuffle, num_workers=workers)

    def run():
        total = 0
        for xb, yb in dl:
            total += yb.shape[0]
        assert total == n
    return run


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--threads", type=int, default=os.cpu_count())
    p.add_argument("--repeat", type=int, default=5)
    p.add_argument("--workers", type=int, default=0)
    p.add_argument("--n", type=int, default=60000)
    args = p.parse_args()
    import torch
    import torch.utils.data as tdata
    import wick
    import wick.utils.data as wdata
    torch.set_num_threads(args.threads)
    wick.set_num_threads(args.threads)
    print(f"threads={args.threads} workers={args.workers} n={args.n} batch=64")
    print(f"{'case':<28}{'wick ms':>10}{'torch ms':>10}{'ratio':>8}")
    for kind in ("tensor", "map"):
        for shuffle in (False, True):
            name = f"{kind}{' shuffle' if shuffle else ''}"
            w = median_ms(epoch(wick, wdata, kind, shuffle, args.workers, args.n), args.repeat)
            t = median_ms(epoch(torch, tdata, kind, shuffle, args.workers, args.n), args.repeat)
            print(f"{name:<28}{w:>10.1f}{t:>10.1f}{w / t:>8.2f}")


if __name__ == "__main__":
    main()
