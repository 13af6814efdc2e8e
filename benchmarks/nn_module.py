"""nn.Module machinery from Python: the same statements in PyTorch and wick.

    /usr/bin/python3 benchmarks/nn_module.py [--threads N] [--number N]

Module calls (hook dispatch), attribute lookup, parameter iteration,
state_dict/load_state_dict, construction with default initialisation, and
module.to(dtype). Prints the median of --repeat timings per statement for each
library and the ratio wick/PyTorch (lower is better). Layer math is timed by
the benchmarks/nn_<area>.py files.
"""
import argparse
import os
import statistics
import sys
import timeit

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "python"))

SETUP = """
nn = m.nn
class Double(nn.Module):
    def forward(self, x):
        return x
ident = Double()
hooked = Double()
hooked.register_forward_pre_hook(lambda mod, a: None)
hooked.register_forward_hook(lambda mod, a, o: None)
net = nn.Sequential(*[nn.Sequential(nn.Linear(8, 8), nn.BatchNorm1d(8), nn.ReLU())
                      for _ in range(10)])
sd = net.state_dict()
x = m.ones(1)
"""

CASES = [
    ("ident(x)", "module call, no hooks"),
    ("hooked(x)", "module call, pre + forward hook"),
    ("net[3][0].weight", "nested attribute lookup"),
    ("list(net.parameters())", "60 parameters"),
    ("list(net.named_modules())", "41 modules"),
    ("net.state_dict()", "state_dict of 30 layers"),
    ("net.load_state_dict(sd)", "load_state_dict of 30 layers"),
    ("nn.Linear(256, 256)", "construction + kaiming init"),
    ("nn.Conv2d(64, 64, 3)", "construction + kaiming init"),
    ("net.zero_grad()", "zero_grad"),
    ("net.double().float()", "_apply twice"),
    ("net.train(); net.eval()", "mode switch"),
]


def measure(mod, stmt, number, repeat):
    env = {"m": mod}
    exec(SETUP, env)
    try:
        times = timeit.repeat(stmt, globals=env, number=number, repeat=repeat)
    except Exception as e:  # noqa: BLE001
        return None, f"{type(e).__name__}: {e}"
    return statistics.median(times) / number * 1e6, None


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--number", type=int, default=200)
    p.add_argument("--repeat", type=int, default=5)
    args = p.parse_args()
    import torch
    import wick
    torch.set_num_threads(args.threads)
    wick.set_num_threads(args.threads)
    print(f"{'statement':<30}{'PyTorch us':>12}{'wick us':>10}{'wick/PyTorch':>14}")
    for stmt, _ in CASES:
        measure(torch, stmt, max(1, args.number // 10), 1)  # warm-up
        measure(wick, stmt, max(1, args.number // 10), 1)
        tt, terr = measure(torch, stmt, args.number, args.repeat)
        wt, werr = measure(wick, stmt, args.number, args.repeat)
        if terr or werr:
            print(f"{stmt:<30}{'-' if terr else f'{tt:.1f}':>12}"
                  f"{'-' if werr else f'{wt:.1f}':>10}   {werr or terr}")
            continue
        print(f"{stmt:<30}{tt:>12.1f}{wt:>10.1f}{wt / tt:>14.2f}")


if __name__ == "__main__":
    main()
