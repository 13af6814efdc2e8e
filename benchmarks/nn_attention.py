"""Attention workloads in PyTorch and wick: scaled_dot_product_attention
(batch 8, heads 8, seq 128, dim 64) forward and forward+backward against
torch 1.13's math composite (1.13 has no sdpa) and torch's MHA, and a
TransformerEncoderLayer(d_model 256, nhead 8) on (32, 64, 256): eval forward
under no_grad, and train forward+backward.

    /usr/bin/python3 benchmarks/nn_attention.py [--threads N] [--repeat N] [--cpu-time]

Prints the median ms per call of each library (after a warm-up) and the
ratio wick/PyTorch (lower is better). Both run in this one process on the
same thread count.
"""
import argparse
import math
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "python"))


def composite_sdpa(m, q, k, v):
    return m.softmax(q @ k.transpose(-2, -1) * (1 / math.sqrt(q.size(-1))), -1) @ v


def setup(m, is_wick):
    F = m.nn.functional
    m.manual_seed(0)
    q, k, v = (m.randn(8, 8, 128, 64) for _ in range(3))
    qg, kg, vg = (t.clone().requires_grad_() for t in (q, k, v))
    go = m.randn(8, 8, 128, 64)
    if is_wick:
        def sdpa(a, b, c):
            return F.scaled_dot_product_attention(a, b, c)
    else:
        def sdpa(a, b, c):
            return composite_sdpa(m, a, b, c)

    def sdpa_fwd_bwd():
        sdpa(qg, kg, vg).backward(go)

    m.manual_seed(0)
    mha = m.nn.MultiheadAttention(512, 8, batch_first=True)
    x = m.randn(8, 128, 512)

    def mha_fwd():
        with m.no_grad():
            mha(x, x, x, need_weights=False)

    m.manual_seed(0)
    layer = m.nn.TransformerEncoderLayer(256, 8, batch_first=True)
    src = m.randn(32, 64, 256)
    srcg = src.clone().requires_grad_()

    def enc_eval():
        layer.eval()
        with m.no_grad():
            layer(src)

    def enc_train():
        layer.train()
        layer(srcg).sum().backward()

    return [
        ("sdpa fwd (8,8,128,64)", lambda: sdpa(q, k, v)),
        ("sdpa fwd+bwd", sdpa_fwd_bwd),
        ("MHA(512, 8) fwd no_grad (8,128,512)", mha_fwd),
        ("EncoderLayer(256,8) eval no_grad", enc_eval),
        ("EncoderLayer(256,8) train fwd+bwd", enc_train),
    ]


def median_ms(fn, repeat, warmup=2, clock=time.perf_counter):
    for _ in range(warmup):
        fn()
    ts = []
    for _ in range(repeat):
        t0 = clock()
        fn()
        ts.append((clock() - t0) * 1e3)
    return statistics.median(ts)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--repeat", type=int, default=5)
    p.add_argument("--cpu-time", action="store_true",
                   help="time with process CPU time (steadier on a shared machine)")
    args = p.parse_args()
    clock = time.process_time if args.cpu_time else time.perf_counter
    import torch
    import wick
    torch.set_num_threads(args.threads)
    wick.set_num_threads(args.threads)
    cases_t, cases_w = setup(torch, False), setup(wick, True)
    print(f"threads={args.threads}")
    print(f"{'workload':<40}{'PyTorch ms':>12}{'wick ms':>10}{'wick/PyTorch':>14}")
    for (name, ft), (_, fw) in zip(cases_t, cases_w):
        tt = median_ms(ft, args.repeat, clock=clock)
        wt = median_ms(fw, args.repeat, clock=clock)
        print(f"{name:<40}{tt:>12.3f}{wt:>10.3f}{wt / tt:>14.2f}")


if __name__ == "__main__":
    main()
