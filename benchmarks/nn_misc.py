"""nn odds and ends, speed: anti-aliased resize, weight_norm, spectral_norm,
gumbel_softmax, in PyTorch and wick.

    /usr/bin/python3 benchmarks/nn_misc.py [--threads N] [--repeat N] [-k NAME]

Prints the median ms of each library and the ratio wick/PyTorch (lower is
better). Both run in this one process on the same thread count.
"""
import argparse
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "python"))


def cases(m):
    F = m.nn.functional
    img = m.rand(8, 3, 512, 384)
    imgg = img.clone().requires_grad_(True)
    small = m.rand(16, 3, 64, 64)

    def aa_fb():
        F.interpolate(imgg, size=(224, 168), mode="bilinear", antialias=True).sum().backward()

    m.manual_seed(0)
    wn = m.nn.utils.weight_norm(m.nn.Linear(1024, 1024))
    m.manual_seed(0)
    sn = m.nn.utils.spectral_norm(m.nn.Linear(1024, 1024))
    x = m.randn(64, 1024)
    logits = m.randn(256, 1000)
    return [
        ("resize aa bilinear 8x3x512x384 -> 224x168",
         lambda: F.interpolate(img, size=(224, 168), mode="bilinear", antialias=True)),
        ("resize aa bicubic 8x3x512x384 -> 224x168",
         lambda: F.interpolate(img, size=(224, 168), mode="bicubic", antialias=True)),
        ("resize aa bilinear fwd+bwd 8x3x512x384", aa_fb),
        ("resize aa bicubic up 16x3x64x64 -> 160", lambda: F.interpolate(
            small, size=(160, 160), mode="bicubic", antialias=True)),
        ("weight_norm Linear 1024 fwd 64", lambda: wn(x)),
        ("spectral_norm Linear 1024 fwd 64", lambda: sn(x)),
        ("gumbel_softmax 256x1000 hard", lambda: F.gumbel_softmax(logits, hard=True)),
    ]


def median_ms(fn, repeat):
    fn()  # warm-up
    fn()
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1e3)
    return statistics.median(times)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--threads", type=int, default=os.cpu_count())
    p.add_argument("--repeat", type=int, default=7)
    p.add_argument("-k", default="", help="only workloads whose name contains this")
    args = p.parse_args()
    import torch
    import wick
    torch.set_num_threads(args.threads)
    wick.set_num_threads(args.threads)
    tc, wc = cases(torch), dict(cases(wick))
    print(f"threads: {args.threads}")
    print(f"{'workload':<44}{'wick ms':>10}{'torch ms':>10}{'wick/torch':>12}")
    for name, tf in tc:
        if args.k not in name:
            continue
        tt = median_ms(tf, args.repeat)
        wf = wc.get(name)
        try:
            wt = median_ms(wf, args.repeat)
        except Exception as e:  # noqa: BLE001
            print(f"{name:<44}{'-':>10}{tt:>10.2f}   {type(e).__name__}: {e}")
            continue
        print(f"{name:<44}{wt:>10.2f}{tt:>10.2f}{wt / tt:>12.2f}")


if __name__ == "__main__":
    main()
