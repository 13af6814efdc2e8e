"""Optimizer steps in PyTorch and wick, side by side.

    /usr/bin/python3 benchmarks/optim.py [--threads N] [--repeat N]

Workloads: one step of Adam, AdamW with amsgrad, SGD with momentum, and SGD
with Nesterov momentum and weight decay, over a ResNet-18-sized parameter list
(62 tensors, 11.7M floats, the shapes of torchvision's resnet18), gradients fixed. PyTorch runs with
foreach=False (the single-tensor path) and with its default (which on CPU is
also the single-tensor path). Prints the median ms of each over --repeat
steps after warm-up, and wick/PyTorch (lower is better). Both libraries run in
this one process on the same thread count.
"""
import argparse
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "python"))


def resnet18_shapes():
    shapes = [(64, 3, 7, 7), (64,), (64,)]
    in_ch = 64
    for out_ch, stride in ((64, 1), (128, 2), (256, 2), (512, 2)):
        for block in range(2):
            cin = in_ch if block == 0 else out_ch
            shapes += [(out_ch, cin, 3, 3), (out_ch,), (out_ch,),
                       (out_ch, out_ch, 3, 3), (out_ch,), (out_ch,)]
            if block == 0 and (stride != 1 or cin != out_ch):
                shapes += [(out_ch, cin, 1, 1), (out_ch,), (out_ch,)]
        in_ch = out_ch
    shapes += [(1000, 512), (1000,)]
    return shapes


def median_ms(fn, repeat):
    for _ in range(3):
        fn()  # warm-up (creates the state)
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1e3)
    return statistics.median(times)


def make(mod, name, kwargs):
    gen = mod.Generator().manual_seed(0)
    params = [mod.nn.Parameter(mod.randn(*s, generator=gen) * 0.01) for s in resnet18_shapes()]
    for p in params:
        p.grad = mod.randn(*p.shape, generator=gen) * 0.001
    opt = getattr(mod.optim, name)(params, **kwargs)
    return opt.step


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--threads", type=int, default=None)
    p.add_argument("--repeat", type=int, default=20)
    args = p.parse_args()
    import torch
    import wick
    if args.threads:
        torch.set_num_threads(args.threads)
        wick.set_num_threads(args.threads)
    threads = torch.get_num_threads()
    assert wick.get_num_threads() == threads, "thread counts differ"
    n = sum(int(torch.Size(s).numel()) for s in resnet18_shapes())
    print(f"ResNet-18 parameter list: {len(resnet18_shapes())} tensors, {n / 1e6:.1f}M floats; "
          f"{threads} threads; median of {args.repeat} steps")
    print(f"{'workload':44s} {'torch fe=False':>15s} {'torch default':>14s} {'wick':>9s} "
          f"{'ratio':>6s} {'ratio(def)':>10s}")
    cases = [
        ("Adam", dict(lr=1e-3)),
        ("AdamW", dict(lr=1e-3, amsgrad=True)),
        ("SGD", dict(lr=0.1, momentum=0.9)),
        ("SGD", dict(lr=0.1, momentum=0.9, nesterov=True, weight_decay=1e-4)),
    ]
    for name, kw in cases:
        t_single = median_ms(make(torch, name, dict(kw, foreach=False)), args.repeat)
        t_default = median_ms(make(torch, name, kw), args.repeat)
        t_wick = median_ms(make(wick, name, kw), args.repeat)
        label = name + "(" + ", ".join(f"{k}={v}" for k, v in kw.items()) + ")"
        print(f"{label:44s} {t_single:12.2f} ms {t_default:11.2f} ms {t_wick:6.2f} ms "
              f"{t_wick / t_single:6.2f} {t_wick / t_default:10.2f}")


if __name__ == "__main__":
    main()
