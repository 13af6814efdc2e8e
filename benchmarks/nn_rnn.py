"""LSTM and GRU forward and forward+backward in PyTorch and wick, side by side.

    /usr/bin/python3 benchmarks/nn_rnn.py [--threads N] [--repeat N]

Workloads: 2-layer LSTM and GRU, input 256, hidden 256, 50 steps, batch 32
(and the same layers bidirectional, and a packed batch of mixed lengths).
Prints the median ms of each library over --repeat runs after a warm-up, and
wick/PyTorch (lower is better). Both run in this one process on the same
thread count.
"""
import argparse
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "python"))

T, B, I, H = 50, 32, 256, 256


def workloads():
    # name, class, kwargs, packed
    return [
        ("LSTM 2x256, 50x32x256", "LSTM", {}, False),
        ("GRU 2x256, 50x32x256", "GRU", {}, False),
        ("LSTM 2x256 bidirectional", "LSTM", {"bidirectional": True}, False),
        ("LSTM 2x256 packed (lengths 50..19)", "LSTM", {}, True),
    ]


def median_ms(fn, repeat):
    fn()  # warm-up
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1e3)
    return statistics.median(times)


def make(mod, cls, kw, packed, backward):
    mod.manual_seed(0)
    m = getattr(mod.nn, cls)(I, H, 2, **kw)
    gen = mod.Generator().manual_seed(0)
    x = mod.randn(T, B, I, generator=gen, requires_grad=backward)
    lengths = [T - i for i in range(B)]

    def inp():
        if packed:
            return mod.nn.utils.rnn.pack_padded_sequence(x, lengths)
        return x

    def fwd():
        with mod.no_grad():
            m(inp())

    def fwd_bwd():
        x.grad = None
        m.zero_grad()
        out, _ = m(inp())
        (out.data if packed else out).sum().backward()

    return fwd_bwd if backward else fwd


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--repeat", type=int, default=5)
    args = p.parse_args()
    import torch
    import wick
    torch.set_num_threads(args.threads)
    wick.set_num_threads(args.threads)
    print(f"threads={args.threads}, median of {args.repeat}")
    print(f"{'workload':<40}{'pass':>9}{'PyTorch ms':>12}{'wick ms':>10}{'wick/PyTorch':>14}")
    for name, cls, kw, packed in workloads():
        for backward in (False, True):
            tt = median_ms(make(torch, cls, kw, packed, backward), args.repeat)
            wt = median_ms(make(wick, cls, kw, packed, backward), args.repeat)
            print(f"{name:<40}{'fwd+bwd' if backward else 'fwd':>9}{tt:>12.2f}{wt:>10.2f}"
                  f"{wt / tt:>14.2f}", flush=True)


if __name__ == "__main__":
    main()
