"""Pooling / resampling speed: the same workloads in PyTorch and wick.

    /usr/bin/python3 benchmarks/nn_pool.py [--threads N] [--repeat N]

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
    x = m.randn(32, 64, 112, 112)
    xg = x.clone().requires_grad_(True)
    y = m.randn(32, 512, 7, 7)
    z = m.randn(8, 64, 56, 56)

    def mp_fb():
        out = F.max_pool2d(xg, 3, 2, 1)
        out.sum().backward()

    def ap_fb():
        out = F.avg_pool2d(xg, 3, 2, 1)
        out.sum().backward()

    out = [
        ("max_pool2d 32x64x112x112 k3s2p1 fwd", lambda: F.max_pool2d(x, 3, 2, 1)),
        ("max_pool2d 32x64x112x112 k3s2p1 fwd+bwd", mp_fb),
        ("avg_pool2d 32x64x112x112 k3s2p1 fwd", lambda: F.avg_pool2d(x, 3, 2, 1)),
        ("avg_pool2d 32x64x112x112 k3s2p1 fwd+bwd", ap_fb),
        ("adaptive_avg_pool2d 32x512x7x7 -> 1x1", lambda: F.adaptive_avg_pool2d(y, 1)),
        ("adaptive_avg_pool2d 32x512x7x7 -> 3x3", lambda: F.adaptive_avg_pool2d(y, 3)),
        ("adaptive_max_pool2d 32x512x7x7 -> 1x1", lambda: F.adaptive_max_pool2d(y, 1)),
        ("pad reflect 8x64x56x56 (2,2,2,2)", lambda: F.pad(z, (2, 2, 2, 2), mode="reflect")),
        ("pad constant 8x64x56x56 (2,2,2,2)", lambda: F.pad(z, (2, 2, 2, 2))),
    ]
    if hasattr(F, "interpolate"):
        out.append(("interpolate bilinear 8x64x56x56 x2",
                    lambda: F.interpolate(z, scale_factor=2, mode="bilinear",
                                          align_corners=False)))
    if hasattr(F, "grid_sample"):
        theta = m.tensor([[[0.9, 0.2, 0.05], [-0.15, 1.1, -0.1]]]).expand(8, 2, 3)
        grid = F.affine_grid(theta, (8, 64, 56, 56), align_corners=False)
        zg = z.clone().requires_grad_(True)
        gg = grid.clone().requires_grad_(True)

        def gs_fb():
            F.grid_sample(zg, gg, align_corners=False).sum().backward()

        out += [
            ("affine_grid 8x64x56x56", lambda: F.affine_grid(theta, (8, 64, 56, 56),
                                                             align_corners=False)),
            ("grid_sample bilinear 8x64x56x56 fwd",
             lambda: F.grid_sample(z, grid, align_corners=False)),
            ("grid_sample bilinear 8x64x56x56 fwd+bwd", gs_fb),
            ("grid_sample nearest reflection 8x64x56x56",
             lambda: F.grid_sample(z, grid, "nearest", "reflection", align_corners=False)),
            ("grid_sample bicubic border 8x64x56x56",
             lambda: F.grid_sample(z, grid, "bicubic", "border", align_corners=False)),
        ]
    return out


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
        if wf is None:
            print(f"{name:<44}{'-':>10}{tt:>10.2f}   (not in wick)")
            continue
        try:
            wt = median_ms(wf, args.repeat)
        except Exception as e:  # noqa: BLE001
            print(f"{name:<44}{'-':>10}{tt:>10.2f}   {type(e).__name__}: {e}")
            continue
        print(f"{name:<44}{wt:>10.2f}{tt:>10.2f}{wt / tt:>12.2f}")


if __name__ == "__main__":
    main()
