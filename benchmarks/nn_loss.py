"""softmax / log_softmax / losses: the same workloads in PyTorch and wick.

    /usr/bin/python3 benchmarks/nn_loss.py [--threads N] [--repeat N]

Prints the median ms of each library (warm-up first, then --repeat timed
runs, each a loop of --number calls) and the ratio wick/PyTorch (lower is
better). Both run in this one process on the same thread count.
"""
import argparse
import os
import statistics
import sys
import timeit

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "python"))

import numpy as np  # noqa: E402


def workloads(m):
    F = m.nn.functional
    rng = np.random.RandomState(0)
    ce_big = m.tensor(rng.randn(512, 1000).astype(np.float32), requires_grad=True)
    t_big = m.tensor(rng.randint(0, 1000, 512))
    ce_small = m.tensor(rng.randn(64, 10).astype(np.float32), requires_grad=True)
    t_small = m.tensor(rng.randint(0, 10, 64))
    sm = m.tensor(rng.randn(512, 1024).astype(np.float32), requires_grad=True)
    a = m.tensor(rng.randn(1000000).astype(np.float32))
    b = m.tensor(rng.randn(1000000).astype(np.float32))

    # CTC: T=100, N=16, C=30, targets of length 20
    z = rng.randn(100, 16, 30)
    ctc_lp = m.tensor((z - np.log(np.exp(z).sum(2, keepdims=True))).astype(np.float32), requires_grad=True)
    ctc_tg = m.tensor(rng.randint(1, 30, (16, 20)))
    ctc_il, ctc_tl = [100] * 16, [20] * 16

    def fb(f):
        def run():
            f().backward()
        return run

    return [
        ("cross_entropy fwd+bwd (512, 1000)", fb(lambda: F.cross_entropy(ce_big, t_big))),
        ("cross_entropy fwd+bwd (64, 10)", fb(lambda: F.cross_entropy(ce_small, t_small))),
        ("softmax fwd (512, 1024) dim=1", lambda: F.softmax(sm, 1)),
        ("softmax fwd+bwd (512, 1024) dim=1", fb(lambda: F.softmax(sm, 1).sum())),
        ("softmax fwd (512, 1024) dim=0", lambda: F.softmax(sm, 0)),
        ("log_softmax fwd (512, 1024) dim=1", lambda: F.log_softmax(sm, 1)),
        ("log_softmax fwd+bwd (512, 1024) dim=1", fb(lambda: (F.log_softmax(sm, 1) * 1.0).sum())),
        ("mse_loss fwd 1e6", lambda: F.mse_loss(a, b)),
        ("ctc_loss fwd (100, 16, 30) S=20", lambda: F.ctc_loss(ctc_lp.detach(), ctc_tg, ctc_il, ctc_tl)),
        ("ctc_loss fwd+bwd (100, 16, 30) S=20", fb(lambda: F.ctc_loss(ctc_lp, ctc_tg, ctc_il, ctc_tl))),
    ]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--threads", type=int, default=os.cpu_count())
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--number", type=int, default=20)
    args = ap.parse_args()
    import torch
    import wick
    torch.set_num_threads(args.threads)
    wick.set_num_threads(args.threads)
    rows = []
    for (name, tf), (_, wf) in zip(workloads(torch), workloads(wick)):
        res = []
        for f in (tf, wf):
            f()
            ts = timeit.repeat(f, number=args.number, repeat=args.repeat)
            res.append(statistics.median(ts) / args.number * 1e3)
        rows.append((name, res[1], res[0]))
    print(f"threads={args.threads}")
    print(f"{'workload':40s} {'wick ms':>10s} {'torch ms':>10s} {'ratio':>7s}")
    for name, w, t in rows:
        print(f"{name:40s} {w:10.4f} {t:10.4f} {w / t:7.2f}")


if __name__ == "__main__":
    main()
