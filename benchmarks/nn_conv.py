"""conv2d forward and forward+backward in PyTorch and wick, side by side.

    /usr/bin/python3 benchmarks/nn_conv.py [--threads N] [--repeat N] [--resnet-batch N]

Workloads: the Fashion-MNIST demo's two convolutions (examples/fashion_mnist.cpp,
batch 64), LeNet's two convolutions (batch 64), ResNet-18's first layer
(batch 32 by default, 3x224x224 -> 64 ch 7x7 stride 2 pad 3) and a 3x3
64->64 layer on 56x56 (batch 32, pad 1). Prints the median ms of each library
over --repeat runs after a warm-up, and wick/PyTorch (lower is better). Both run
in this one process on the same thread count.
"""
import argparse
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "python"))


def workloads(resnet_batch):
    # name, input shape, weight shape, stride, padding
    return [
        ("demo conv1 64x1x28x28 -> 16 5x5 pad 2", (64, 1, 28, 28), (16, 1, 5, 5), 1, 2),
        ("demo conv2 64x16x14x14 -> 32 5x5 pad 2", (64, 16, 14, 14), (32, 16, 5, 5), 1, 2),
        ("lenet conv1 64x1x28x28 -> 6 5x5", (64, 1, 28, 28), (6, 1, 5, 5), 1, 0),
        ("lenet conv2 64x6x14x14 -> 16 5x5", (64, 6, 14, 14), (16, 6, 5, 5), 1, 0),
        (f"resnet conv1 {resnet_batch}x3x224x224 -> 64 7x7/2", (resnet_batch, 3, 224, 224),
         (64, 3, 7, 7), 2, 3),
        ("3x3 32x64x56x56 -> 64 pad 1", (32, 64, 56, 56), (64, 64, 3, 3), 1, 1),
    ]


def median_ms(fn, repeat):
    fn()  # warm-up
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1e3)
    return statistics.median(times)


def make(mod, xs, ws, stride, padding, backward):
    F = mod.nn.functional
    gen = mod.Generator().manual_seed(0)
    x = mod.randn(*xs, generator=gen, requires_grad=backward)
    w = mod.randn(*ws, generator=gen, requires_grad=backward)
    b = mod.randn(ws[0], generator=gen, requires_grad=backward)

    def fwd():
        with mod.no_grad():
            F.conv2d(x, w, b, stride, padding)

    def fwd_bwd():
        x.grad = w.grad = b.grad = None
        F.conv2d(x, w, b, stride, padding).sum().backward()

    return fwd_bwd if backward else fwd


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--repeat", type=int, default=5)
    p.add_argument("--resnet-batch", type=int, default=32)
    args = p.parse_args()
    import torch
    import wick
    torch.set_num_threads(args.threads)
    wick.set_num_threads(args.threads)
    print(f"threads={args.threads}, median of {args.repeat}")
    print(f"{'workload':<44}{'pass':>9}{'PyTorch ms':>12}{'wick ms':>10}{'wick/PyTorch':>14}")
    for name, xs, ws, stride, padding in workloads(args.resnet_batch):
        for backward in (False, True):
            tt = median_ms(make(torch, xs, ws, stride, padding, backward), args.repeat)
            wt = median_ms(make(wick, xs, ws, stride, padding, backward), args.repeat)
            print(f"{name:<44}{'fwd+bwd' if backward else 'fwd':>9}{tt:>12.2f}{wt:>10.2f}"
                  f"{wt / tt:>14.2f}", flush=True)


if __name__ == "__main__":
    main()
