"""Per-call overhead from Python: the same tiny-tensor loops in PyTorch and wick.

    /usr/bin/python3 benchmarks/python_overhead.py [--threads N] [--number N]

Prints ns per call for each library and the ratio wick/PyTorch (lower is
better; the target is <= 1.0). Both run in this one process on the same
thread count. PYTHONPATH must reach wick (the Makefile's `bench-python` sets it).
"""
import argparse
import os
import sys
import timeit

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "python"))

CASES = [
    ("a + b", "1-element tensors"),
    ("a + 1", "tensor + Python number"),
    ("a.add(b)", "method call"),
    ("m.add(a, b)", "module function"),
    ("a.add_(b)", "in-place"),
    ("t[0]", "index with an int"),
    ("t[1:3]", "slice"),
    ("t.sum()", "full reduction"),
    ("t.view(2, 5)", "view with varargs"),
    ("a.shape", "attribute"),
    ("a.requires_grad", "attribute"),
    ("m.ones(3)", "factory"),
    ("m.tensor([1.0, 2.0])", "tensor from a list"),
    ("x * x", "op recording autograd history"),
]


def measure(mod, stmt, number, repeat):
    env = {"m": mod, "a": mod.ones(1), "b": mod.ones(1), "t": mod.arange(10.0),
           "x": mod.ones(1, requires_grad=True)}
    try:
        best = min(timeit.repeat(stmt, globals=env, number=number, repeat=repeat))
    except Exception as e:  # an op wick does not bind yet shows up, not aborts
        return None, f"{type(e).__name__}: {e}"
    return best / number * 1e9, None


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--number", type=int, default=20000)
    p.add_argument("--repeat", type=int, default=5)
    args = p.parse_args()
    import torch
    import wick
    torch.set_num_threads(args.threads)
    wick.set_num_threads(args.threads)
    print(f"{'statement':<24}{'PyTorch ns':>12}{'wick ns':>10}{'wick/PyTorch':>14}")
    for stmt, _ in CASES:
        tt, terr = measure(torch, stmt, args.number, args.repeat)
        wt, werr = measure(wick, stmt, args.number, args.repeat)
        if terr or werr:
            print(f"{stmt:<24}{'-' if terr else f'{tt:.0f}':>12}{'-' if werr else f'{wt:.0f}':>10}"
                  f"   {werr or terr}")
            continue
        print(f"{stmt:<24}{tt:>12.0f}{wt:>10.0f}{wt / tt:>14.2f}")


if __name__ == "__main__":
    main()
