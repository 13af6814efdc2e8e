"""nn norm workloads in PyTorch and wick: batch_norm (training, forward and
forward+backward), layer_norm, group_norm, dropout.

    /usr/bin/python3 benchmarks/nn_norm.py [--threads N] [--repeat N]

Prints the median ms per call of each library (after a warm-up) and the
ratio wick/PyTorch (lower is better). Both run in this one process on the
same thread count.
"""
import argparse
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "python"))


def setup(m):
    F = m.nn.functional
    m.manual_seed(0)
    x = m.randn(32, 64, 56, 56)
    xg = x.clone().requires_grad_()
    w = m.ones(64, requires_grad=True)
    b = m.zeros(64, requires_grad=True)
    rm, rv = m.zeros(64), m.ones(64)
    gy = m.randn(32, 64, 56, 56)
    ln = m.randn(512, 1024)
    lng = ln.clone().requires_grad_()
    lw, lb = m.ones(1024, requires_grad=True), m.zeros(1024, requires_grad=True)
    lgy = m.randn(512, 1024)
    gn = m.randn(32, 64, 28, 28)
    gng = gn.clone().requires_grad_()
    ggy = m.randn(32, 64, 28, 28)
    d = m.randn(1000000)

    def bn_fwd_bwd():
        F.batch_norm(xg, rm, rv, w, b, training=True).backward(gy)

    def ln_fwd_bwd():
        F.layer_norm(lng, (1024,), lw, lb).backward(lgy)

    def gn_fwd_bwd():
        F.group_norm(gng, 8, w, b).backward(ggy)

    return [
        ("batch_norm train fwd (32,64,56,56)", lambda: F.batch_norm(x, rm, rv, w.detach(), b.detach(), training=True)),
        ("batch_norm eval fwd (32,64,56,56)", lambda: F.batch_norm(x, rm, rv, w.detach(), b.detach())),
        ("batch_norm train fwd+bwd", bn_fwd_bwd),
        ("layer_norm fwd (512,1024)", lambda: F.layer_norm(ln, (1024,), lw.detach(), lb.detach())),
        ("layer_norm fwd+bwd", ln_fwd_bwd),
        ("group_norm fwd (32,64,28,28) g=8", lambda: F.group_norm(gn, 8, w.detach(), b.detach())),
        ("group_norm fwd+bwd", gn_fwd_bwd),
        ("dropout p=0.5 (1e6)", lambda: F.dropout(d, 0.5)),
        ("dropout eval (1e6)", lambda: F.dropout(d, 0.5, training=False)),
    ]


def median_ms(fn, repeat, warmup=2):
    for _ in range(warmup):
        fn()
    ts = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        ts.append((time.perf_counter() - t0) * 1e3)
    return statistics.median(ts)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--repeat", type=int, default=5)
    args = p.parse_args()
    import torch
    import wick
    torch.set_num_threads(args.threads)
    wick.set_num_threads(args.threads)
    cases_t, cases_w = setup(torch), setup(wick)
    print(f"threads={args.threads}")
    print(f"{'workload':<38}{'PyTorch ms':>12}{'wick ms':>10}{'wick/PyTorch':>14}")
    for (name, ft), (_, fw) in zip(cases_t, cases_w):
        tt = median_ms(ft, args.repeat)
        wt = median_ms(fw, args.repeat)
        print(f"{name:<38}{tt:>12.3f}{wt:>10.3f}{wt / tt:>14.2f}")


if __name__ == "__main__":
    main()
