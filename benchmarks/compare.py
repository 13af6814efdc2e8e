#!/usr/bin/env python3
"""Joins Google Benchmark JSON outputs (--benchmark_format=json) of the wick programs
and of the LibTorch program into one table: wick time, PyTorch time, wick/PyTorch.
A ratio below 1 means wick is faster. Standard library only."""
import argparse
import json
import sys

TO_NS = {"ns": 1.0, "us": 1e3, "ms": 1e6, "s": 1e9}


def load(paths):
    times, order, context = {}, [], {}
    for path in paths:
        with open(path) as f:
            text = f.read()
        # A program whose benchmarks BENCH_FILTER all left out writes nothing.
        if not text.strip():
            continue
        data = json.loads(text)
        context = data.get("context", context)
        medians = {}
        for b in data.get("benchmarks", []):
            if "error_occurred" in b:
                continue
            name = b.get("run_name", b["name"]).removesuffix("/real_time")
            t = b["real_time"] * TO_NS[b.get("time_unit", "ns")]
            if b.get("run_type", "iteration") == "aggregate":
                if b.get("aggregate_name") == "median":
                    medians[name] = t
                continue
            # Without repetitions: the single run; with them, the median below wins.
            times.setdefault(name, t)
            if name not in order:
                order.append(name)
        for name, t in medians.items():
            times[name] = t
            if name not in order:
                order.append(name)
    return times, order, context


def fmt(ns):
    if ns is None:
        return "-"
    for unit, scale in (("s", 1e9), ("ms", 1e6), ("us", 1e3)):
        if ns >= scale:
            return f"{ns / scale:.3g} {unit}"
    return f"{ns:.3g} ns"


def main(argv):
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--wick", nargs="+", required=True, help="JSON files of the wick programs")
    p.add_argument("--torch", nargs="+", required=True, help="JSON file(s) of bench_torch")
    args = p.parse_args(argv)
    wick, order, wctx = load(args.wick)
    torch, torder, tctx = load(args.torch)
    order += [n for n in torder if n not in wick]
    width = max([len(n) for n in order] + [9])
    print(f"threads: wick {wctx.get('threads', '?')}, PyTorch {tctx.get('threads', '?')}"
          f" (LibTorch); real time per call (median of repetitions when run with them)")
    header = f"{'benchmark':<{width}}  {'wick':>10}  {'PyTorch':>10}  {'wick/PyTorch':>12}"
    print(header)
    print("-" * len(header))
    for name in order:
        w, t = wick.get(name), torch.get(name)
        ratio = f"{w / t:.2f}" if w is not None and t else "-"
        print(f"{name:<{width}}  {fmt(w):>10}  {fmt(t):>10}  {ratio:>12}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
