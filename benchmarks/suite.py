#!/usr/bin/env python3
"""The benchmark suite behind `make bench`: every workload in wick and in PyTorch,
in one run, on the same thread count.

    PYTHONPATH=python /usr/bin/python3 benchmarks/suite.py [--list]

Python rows run in this process: for each row both libraries get a warm-up
call, one inner iteration count (calibrated so one sample of the slower library
takes about BENCH_SAMPLE_TIME seconds; slow workloads such as a 2048 matmul or
ResNet-18 get few or one), then BENCH_REPEAT samples alternating wick and
PyTorch (the order flips every round); the table shows the median time per call.
`cpp/` rows run wick's Google Benchmark programs and the LibTorch program
(benchmarks/torch) alternately, one run of each per round, and take the median
over the rounds. `mem/` rows run a few training steps in a fresh subprocess per
library and compare peak resident memory (VmHWM, i.e. ru_maxrss of that process;
suite.json also keeps the resident size right after the import).

Environment:
  WICK_BENCH_THREADS  threads for both libraries (default: nproc)
  BENCH_FILTER        regex (re.search) over row names (default: every row)
  BENCH_REPEAT        samples per library and row (default 5; under 5 only for tests)
  BENCH_OUT           where suite.json, table.txt and ratios.png go (default results/bench)
  BENCH_BUILD         build folder of the C++ programs (default build-bench)
  BENCH_SAMPLE_TIME   target seconds per sample (default 0.1)

A ratio wick/PyTorch below 1 means wick is faster. Row names are stable: they
are the keys of suite.json.
"""
import ast
import gc
import json
import math
import os
import re
import resource
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "python"))
sys.path.insert(0, HERE)
EXAMPLE = os.path.join(ROOT, "examples", "fashion_mnist.py")


def env_int(name, default, minimum):
    text = os.environ.get(name, "")
    if not text:
        return default
    try:
        value = int(text)
    except ValueError:
        value = None
    if value is None or value < minimum:
        sys.exit(f"suite: {name} must be an integer >= {minimum}, got {text!r}")
    return value


THREADS = env_int("WICK_BENCH_THREADS", os.cpu_count() or 1, 1)
# Both libraries' BLAS and OpenMP pools get the same size, before either is imported.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
    os.environ[_var] = str(THREADS)


class Framework:
    """One library as the workloads see it: m (torch or wick), F, vision, name."""

    def __init__(self, name):
        self.name = name
        if name == "torch":
            import torch
            import torchvision
            self.m, self.vision = torch, torchvision
        else:
            import wick
            import wick.vision
            self.m, self.vision = wick, wick.vision
        self.m.set_num_threads(THREADS)
        self.F = self.m.nn.functional
        self._example = None
        self._openblas = None

    def prepare(self):
        """Called before each of this library's samples. wick runs OpenBLAS on one
        thread and splits products over its own threads; it sets that on the
        process-wide OpenBLAS (both libraries load the same one), which PyTorch does
        not manage. So before PyTorch's samples its BLAS gets THREADS back."""
        if self.name != "torch":
            return
        if self._openblas is None:
            import ctypes
            with open("/proc/self/maps") as f:
                paths = {line.split()[-1] for line in f if "libopenblas" in line}
            libs = [ctypes.CDLL(p) for p in sorted(paths)]
            self._openblas = [lib.openblas_set_num_threads for lib in libs]
        for set_threads in self._openblas:
            set_threads(THREADS)

    def gen(self):
        return self.m.Generator().manual_seed(0)

    def rand(self, *shape, dtype=None):
        return self.m.rand(*shape, generator=self.gen(), dtype=dtype or self.m.float32)

    def randn(self, *shape, requires_grad=False):
        return self.m.randn(*shape, generator=self.gen(), requires_grad=requires_grad)

    def example(self):
        """NeuralNetwork, CNN and debian_files_for_torchvision of examples/fashion_mnist.py,
        defined over this library (the example binds `nn` at import time)."""
        if self._example is None:
            with open(EXAMPLE) as f:
                tree = ast.parse(f.read(), EXAMPLE)
            keep = {"NeuralNetwork", "CNN", "debian_files_for_torchvision"}
            body = [n for n in tree.body
                    if isinstance(n, (ast.ClassDef, ast.FunctionDef)) and n.name in keep]
            ns = {"nn": self.m.nn, "torch": self.m, "os": os}
            exec(compile(ast.Module(body=body, type_ignores=[]), EXAMPLE, "exec"), ns)
            self._example = ns
        return self._example


# ---------------------------------------------------------------- the rows
# Each Python row: name -> factory(fw) returning a zero-argument callable (one call
# is one timed iteration). Factories allocate the inputs, so they are outside the timing.
ROWS = {}


def row(name):
    def deco(factory):
        assert name not in ROWS, name
        ROWS[name] = factory
        return factory
    return deco


def add_rows():
    # Per-op overhead from Python.
    @row("py/add_1")
    def _(fw):
        a, b = fw.m.ones(1), fw.m.ones(1)
        return lambda: a + b

    @row("py/index")
    def _(fw):
        t = fw.m.arange(10.0)
        return lambda: t[0]

    @row("py/sum")
    def _(fw):
        t = fw.m.arange(10.0)
        return lambda: t.sum()

    @row("py/view")
    def _(fw):
        t = fw.m.arange(10.0)
        return lambda: t.view(-1)

    # Elementwise on 1e6 (1000x1000) and 1e7 (2500x4000) float32.
    sizes = {"1e6": (1000, 1000), "1e7": (2500, 4000)}
    binary = {"add": lambda a, b: a + b, "mul": lambda a, b: a * b}
    unary = {"exp": lambda fw: fw.m.exp, "gelu": lambda fw: fw.F.gelu,
             "sigmoid": lambda fw: fw.m.sigmoid}
    for tag, (r, c) in sizes.items():
        for op, fn in binary.items():
            def contig(fw, r=r, c=c, fn=fn):
                a, b = fw.rand(r, c), fw.rand(r, c)
                return lambda: fn(a, b)

            def transposed(fw, r=r, c=c, fn=fn):
                a, b = fw.rand(c, r).t(), fw.rand(c, r).t()
                return lambda: fn(a, b)

            def broadcast(fw, r=r, c=c, fn=fn):
                a, b = fw.rand(r, c), fw.rand(c)
                return lambda: fn(a, b)
            row(f"{op}/{tag}")(contig)
            row(f"{op}/{tag}/transposed")(transposed)
            row(f"{op}/{tag}/broadcast")(broadcast)
        for op, get in unary.items():
            def ucontig(fw, r=r, c=c, get=get):
                a, f = fw.rand(r, c), get(fw)
                return lambda: f(a)

            def utransposed(fw, r=r, c=c, get=get):
                a, f = fw.rand(c, r).t(), get(fw)
                return lambda: f(a)
            row(f"{op}/{tag}")(ucontig)
            row(f"{op}/{tag}/transposed")(utransposed)
        for dt in ("float64", "bfloat16"):
            def typed(fw, r=r, c=c, dt=dt):
                a = fw.rand(r, c, dtype=getattr(fw.m, dt))
                b = fw.rand(r, c, dtype=getattr(fw.m, dt))
                return lambda: a + b
            row(f"add/{tag}/{dt}")(typed)

    # Reductions over all and along each dim of 4096x4096.
    for op in ("sum", "mean", "max", "argmax"):
        for where in ("all", "dim0", "dim1"):
            def reduce(fw, op=op, where=where):
                t = fw.rand(4096, 4096)
                f = getattr(t, op)
                if where == "all":
                    return f
                d = int(where[-1])
                return lambda: f(d)
            row(f"{op}/{where}")(reduce)

    # Softmax family and layer_norm on (512, 1024), over the last dim.
    @row("softmax")
    def _(fw):
        x = fw.randn(512, 1024)
        return lambda: fw.F.softmax(x, -1)

    @row("log_softmax")
    def _(fw):
        x = fw.randn(512, 1024)
        return lambda: fw.F.log_softmax(x, -1)

    @row("layer_norm")
    def _(fw):
        x, w, b = fw.randn(512, 1024), fw.m.ones(1024), fw.m.zeros(1024)
        return lambda: fw.F.layer_norm(x, (1024,), w, b)

    # Matmul.
    for n in (64, 256, 1024, 2048):
        def mm(fw, n=n):
            a, b = fw.rand(n, n), fw.rand(n, n)
            return lambda: a @ b
        row(f"matmul/{n}")(mm)

    @row("bmm")
    def _(fw):
        a, b = fw.rand(32, 128, 128), fw.rand(32, 128, 128)
        return lambda: fw.m.bmm(a, b)

    # conv2d: input, weight, stride, padding.
    convs = {"lenet": ((64, 1, 28, 28), (6, 1, 5, 5), 1, 0),
             "resnet1": ((32, 3, 224, 224), (64, 3, 7, 7), 2, 3),
             "3x3": ((32, 64, 56, 56), (64, 64, 3, 3), 1, 1)}
    for tag, (xs, ws, stride, pad) in convs.items():
        def conv_fwd(fw, xs=xs, ws=ws, stride=stride, pad=pad):
            x, w, b = fw.randn(*xs), fw.randn(*ws), fw.randn(ws[0])

            def run():
                with fw.m.no_grad():
                    fw.F.conv2d(x, w, b, stride, pad)
            return run

        def conv_fwd_bwd(fw, xs=xs, ws=ws, stride=stride, pad=pad):
            x = fw.randn(*xs, requires_grad=True)
            w = fw.randn(*ws, requires_grad=True)
            b = fw.randn(ws[0], requires_grad=True)

            def run():
                x.grad = w.grad = b.grad = None
                fw.F.conv2d(x, w, b, stride, pad).sum().backward()
            return run
        row(f"conv/{tag}")(conv_fwd)
        row(f"conv/{tag}/fwd_bwd")(conv_fwd_bwd)

    @row("max_pool2d")
    def _(fw):  # ResNet-18's stem pool: 3x3 stride 2 pad 1 on 32x64x112x112
        x = fw.randn(32, 64, 112, 112)

        def run():
            with fw.m.no_grad():
                fw.F.max_pool2d(x, 3, 2, 1)
        return run

    @row("batch_norm/train")
    def _(fw):  # training mode, running stats updated: 32x64x56x56
        x = fw.randn(32, 64, 56, 56)
        mean, var = fw.m.zeros(64), fw.m.ones(64)
        w, b = fw.m.ones(64), fw.m.zeros(64)
        return lambda: fw.F.batch_norm(x, mean, var, w, b, True, 0.1, 1e-5)

    @row("lstm/fwd_bwd")
    def _(fw):  # 2 layers, input and hidden 256, 50 steps, batch 32
        fw.m.manual_seed(0)
        lstm = fw.m.nn.LSTM(256, 256, 2)
        params = list(lstm.parameters())
        x = fw.randn(50, 32, 256)

        def run():
            for p in params:
                p.grad = None
            out, _ = lstm(x)
            out.sum().backward()
        return run

    # Whole training steps of examples/fashion_mnist.py's networks on batch 64.
    def train_step(fw, net):
        fw.m.manual_seed(0)
        ex = fw.example()
        model = ex["NeuralNetwork"]() if net == "mlp" else ex["CNN"]()
        loss_fn = fw.m.nn.CrossEntropyLoss()
        if net == "mlp":  # the tutorial: SGD lr 1e-3
            opt = fw.m.optim.SGD(model.parameters(), lr=1e-3)
        else:  # the demo's default: Adam lr 2e-3
            opt = fw.m.optim.Adam(model.parameters(), lr=2e-3)
        x = fw.rand(64, 1, 28, 28)
        y = fw.m.randint(0, 10, (64,), generator=fw.gen())

        def run():
            loss = loss_fn(model(x), y)
            loss.backward()
            opt.step()
            opt.zero_grad()
        return run

    row("train/mlp")(lambda fw: train_step(fw, "mlp"))
    row("train/cnn")(lambda fw: train_step(fw, "cnn"))

    @row("resnet18/eval")
    def _(fw):  # forward of 8x3x224x224 in eval mode under no_grad
        fw.m.manual_seed(0)
        model = fw.vision.models.resnet18().eval()
        x = fw.randn(8, 3, 224, 224)

        def run():
            with fw.m.no_grad():
                model(x)
        return run

    # DataLoader: one epoch, batch 64.
    for workers in (0, 2):
        def tensor_data(fw, workers=workers):
            data = fw.m.utils.data
            x, y = fw.randn(60000, 784), fw.m.randint(0, 10, (60000,), generator=fw.gen())
            dl = data.DataLoader(data.TensorDataset(x, y), batch_size=64, shuffle=True,
                                 num_workers=workers)
            return lambda: epoch(dl, 60000)

        def fmnist(fw, workers=workers):  # the first 10000 training images
            data, T = fw.m.utils.data, fw.vision.transforms
            root = None
            if fw.name == "torch":
                root = fw.example()["debian_files_for_torchvision"](
                    os.path.join(out_dir(), "torchvision-data"))
            ds = fw.vision.datasets.FashionMNIST(
                root=root, train=True,
                transform=T.Compose([T.ToTensor(), T.Normalize((0.2860,), (0.3530,))]))
            dl = data.DataLoader(data.Subset(ds, range(10000)), batch_size=64,
                                 num_workers=workers)
            return lambda: epoch(dl, 10000)
        row(f"data/tensor/w{workers}")(tensor_data)
        row(f"data/fmnist/w{workers}")(fmnist)


def epoch(loader, n):
    total = 0
    for _, yb in loader:
        total += yb.shape[0]
    assert total == n, (total, n)


add_rows()

# C++ rows: row name -> Google Benchmark name (wick program, LibTorch program: bench_torch).
CPP_ROWS = {
    "cpp/add_1": ("bench_overhead", "overhead/add"),
    "cpp/index": ("bench_overhead", "overhead/index"),
    "cpp/sum": ("bench_overhead", "overhead/sum"),
    "cpp/view": ("bench_overhead", "overhead/view"),
    "cpp/autograd_mlp": ("bench_autograd", "autograd/mlp_fwd_bwd/64x784-512-512-10"),
    "cpp/autograd_chain": ("bench_autograd", "autograd/chain/1000"),
}
MEM_ROWS = ("mem/mlp", "mem/cnn")


def all_rows():
    return list(ROWS) + list(CPP_ROWS) + list(MEM_ROWS)


# ---------------------------------------------------------------- measuring
def out_dir():
    return os.environ.get("BENCH_OUT") or os.path.join(ROOT, "results", "bench")


def sample(fn, number):
    t0 = time.perf_counter()
    for _ in range(number):
        fn()
    return time.perf_counter() - t0


def measure_py(name, fws, repeat, target):
    """-> {lib: seconds per call or None}, {lib: error}, inner iteration count."""
    fns, errors, first = {}, {}, {}
    for lib, fw in fws.items():
        try:
            fn = ROWS[name](fw)
            fw.prepare()
            first[lib] = sample(fn, 1)  # warm-up
            fns[lib] = fn
        except Exception as e:  # a missing op shows up in the table, it does not abort
            errors[lib] = f"{type(e).__name__}: {e}".splitlines()[0][:120]
    gc.collect()
    gc.disable()
    try:
        per_call = []
        for lib, fn in fns.items():  # calibration, also a second warm-up
            if first[lib] >= target:  # slow rows: one call per sample
                per_call.append(first[lib])
                continue
            n = 1
            while True:
                fws[lib].prepare()
                t = sample(fn, n)
                if t >= target / 5 or n >= 1 << 22:
                    break
                n *= 10 if t < target / 50 else 2
            per_call.append(t / n)
        number = max(1, int(target / max(per_call))) if per_call else 0
        times = {lib: [] for lib in fns}
        order = list(fns)
        for r in range(repeat):
            for lib in (order if r % 2 == 0 else order[::-1]):
                fws[lib].prepare()
                times[lib].append(sample(fns[lib], number) / number)
    finally:
        gc.enable()
    result = {lib: (statistics.median(times[lib]) if lib in times else None) for lib in fws}
    result["samples"] = times
    del fns
    gc.collect()
    return result, errors, number


def measure_cpp(names, repeat):
    """Alternating rounds of the wick programs and bench_torch; {row: {lib: seconds}}."""
    import compare
    build = os.environ.get("BENCH_BUILD") or os.path.join(ROOT, "build-bench")
    programs = sorted({CPP_ROWS[n][0] for n in names})
    paths = {p: os.path.join(build, "benchmarks", p) for p in programs}
    paths["bench_torch"] = os.path.join(build, "torch", "bench_torch")
    missing = [p for p in paths.values() if not os.access(p, os.X_OK)]
    if missing:
        return {}, f"not built: {', '.join(missing)} (make bench builds them)"
    env = dict(os.environ, WICK_BENCH_THREADS=str(THREADS))
    args = ["--benchmark_min_time=0.1", "--benchmark_min_warmup_time=0.05",
            "--benchmark_repetitions=1", "--benchmark_format=json"]
    times = {n: {"wick": [], "torch": []} for n in names}
    for r in range(repeat):
        runs = [(lib, prog) for lib, prog in [("wick", p) for p in programs] + [("torch", "bench_torch")]]
        for lib, prog in (runs if r % 2 == 0 else runs[::-1]):
            rows = [n for n in names if lib == "torch" or CPP_ROWS[n][0] == prog]
            # Google Benchmark's regex is POSIX extended: the names need no escaping.
            gb = "|".join(CPP_ROWS[n][1] for n in rows)
            proc = subprocess.run([paths[prog], f"--benchmark_filter=^({gb})(/real_time)?$"] + args,
                                  env=env, capture_output=True, text=True)
            if proc.returncode != 0:
                return {}, f"{prog} failed: {proc.stderr.strip()[-300:]}"
            path = os.path.join(out_dir(), f"cpp_{prog}.json")
            with open(path, "w") as f:
                f.write(proc.stdout)
            got, _, _ = compare.load([path])
            for n in rows:
                if CPP_ROWS[n][1] in got:
                    times[n][lib].append(got[CPP_ROWS[n][1]] * 1e-9)
    lost = [n for n, t in times.items() if not t["wick"] or not t["torch"]]
    return ({n: dict({lib: (statistics.median(v) if v else None) for lib, v in t.items()},
                     samples=t) for n, t in times.items()},
            f"no result for {', '.join(lost)}" if lost else None)


def rss(field="VmHWM"):
    """Peak resident bytes of this process. Linux keeps ru_maxrss across fork+exec (a
    child of a big parent would report the parent's peak), so VmHWM, the high-water
    mark of this process image, comes first; ru_maxrss elsewhere."""
    try:
        with open("/proc/self/status") as f:
            for text in f:
                if text.startswith(field + ":"):
                    return int(text.split()[1]) * 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def memory_child(lib, net):
    """Runs in a fresh process: 10 training steps, then prints the resident bytes after
    the import and the peak."""
    fw = Framework(lib)
    after_import = rss("VmRSS")
    step = ROWS[f"train/{net}"](fw)
    for _ in range(10):
        step()
    print(after_import, rss())


def measure_mem(name):
    net = name.split("/")[1]
    result, errors = {"after_import": {}}, {}
    for lib in ("wick", "torch"):
        proc = subprocess.run([sys.executable, os.path.abspath(__file__), "--memory", lib, net],
                              capture_output=True, text=True)
        if proc.returncode == 0:
            result["after_import"][lib], result[lib] = map(int, proc.stdout.split()[-2:])
        else:
            result[lib] = None
            errors[lib] = (proc.stderr.strip().splitlines() or ["failed"])[-1][:120]
    return result, errors


# ---------------------------------------------------------------- reporting
def fmt(value, unit):
    if value is None:
        return "-"
    if unit == "bytes":
        return f"{value / 2**20:.0f} MiB"
    for u, scale in (("s", 1.0), ("ms", 1e-3), ("us", 1e-6)):
        if value >= scale:
            return f"{value / scale:.3g} {u}"
    return f"{value * 1e9:.3g} ns"


WIDTH = 24


def line(name, res):
    ratio = f"{res['ratio']:.2f}" if res["ratio"] is not None else "-"
    text = (f"{name:<{WIDTH}}  {fmt(res['wick'], res['unit']):>10}  "
            f"{fmt(res['torch'], res['unit']):>10}  {ratio:>12}")
    if res.get("errors"):
        text += "  " + "; ".join(f"{k}: {v}" for k, v in res["errors"].items())
    return text


def chart(path, results):
    """Horizontal bars of wick/PyTorch on a log axis; a line at 1.0; rows over 1 in red."""
    from PIL import Image, ImageDraw
    rows = [(n, r["ratio"]) for n, r in results.items() if r["ratio"]]
    left, right, top, bar, gap = 180, 40, 40, 14, 4
    plot_w = 640
    h = top + max(1, len(rows)) * (bar + gap) + 40
    img = Image.new("RGB", (left + plot_w + right, h), "white")
    d = ImageDraw.Draw(img)
    lo, hi = math.log10(0.1), math.log10(10.0)
    if rows:
        lo = min(lo, math.floor(math.log10(min(r for _, r in rows))))
        hi = max(hi, math.ceil(math.log10(max(r for _, r in rows))))

    def x_of(v):
        return left + (math.log10(v) - lo) / (hi - lo) * plot_w

    d.text((left, 10), f"wick time / PyTorch time ({THREADS} threads; log scale; "
           "below 1: wick faster)", fill="black")
    for e in range(int(lo), int(hi) + 1):
        x = x_of(10.0 ** e)
        d.line([(x, top - 5), (x, h - 35)], fill=(220, 220, 220))
        d.text((x - 10, h - 30), f"{10.0 ** e:g}", fill="black")
    for i, (name, ratio) in enumerate(rows):
        y = top + i * (bar + gap)
        color = (200, 40, 40) if ratio > 1 else (40, 120, 200)
        x0, x1 = sorted((x_of(1.0), x_of(ratio)))
        d.rectangle([(x0, y), (max(x1, x0 + 1), y + bar)], fill=color)
        d.text((5, y + 1), name[:28], fill="black")
        d.text((x_of(ratio) + 3 if ratio > 1 else x_of(1.0) + 3, y + 1), f"{ratio:.2f}",
               fill="black")
    x = x_of(1.0)
    d.line([(x, top - 5), (x, h - 35)], fill="black", width=2)
    img.save(path)


def main(argv):
    if argv[:1] == ["--memory"]:
        memory_child(argv[1], argv[2])
        return 0
    if argv[:1] == ["--list"]:
        print("\n".join(all_rows()))
        return 0
    if argv:
        sys.exit(__doc__)
    repeat = env_int("BENCH_REPEAT", 5, 1)
    target = float(os.environ.get("BENCH_SAMPLE_TIME") or 0.1)
    pattern = os.environ.get("BENCH_FILTER", "")
    try:
        rx = re.compile(pattern)
    except re.error as e:
        sys.exit(f"suite: BENCH_FILTER is not a valid regex: {e}")
    names = [n for n in all_rows() if rx.search(n)]
    if not names:
        sys.exit(f"suite: BENCH_FILTER {pattern!r} matches no row (--list shows them)")
    out = out_dir()
    os.makedirs(out, exist_ok=True)

    py_names = [n for n in names if n in ROWS]
    fws = {}
    if py_names:
        fws = {"wick": Framework("wick"), "torch": Framework("torch")}
    import torch
    import wick
    load = os.getloadavg()
    header = (f"wick {wick.__version__} vs PyTorch {torch.__version__}: threads {THREADS} "
              f"(both; wick {wick.get_num_threads()}, PyTorch {torch.get_num_threads()}); "
              f"median of {repeat} alternating samples after warm-up"
              f"{' (under 5: test run)' if repeat < 5 else ''}; "
              f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}"
              + "".join(f"; {v}={os.environ[v]}" for v in ("OMP_WAIT_POLICY", "GOMP_SPINCOUNT")
                        if v in os.environ))
    cols = f"{'row':<{WIDTH}}  {'wick':>10}  {'PyTorch':>10}  {'wick/PyTorch':>12}"
    lines = [header, cols, "-" * len(cols)]
    print("\n".join(lines), flush=True)
    results = {}
    t_start = time.perf_counter()

    def record(name, res, errors, unit, number=None):
        w, t = res.get("wick"), res.get("torch")
        results[name] = {"wick": w, "torch": t, "ratio": (w / t if w and t else None),
                         "unit": unit}
        if number is not None:
            results[name]["number"] = number
        for extra in ("samples", "after_import"):
            if res.get(extra):
                results[name][extra] = res[extra]
        if errors:
            results[name]["errors"] = errors
        lines.append(line(name, results[name]))
        print(lines[-1], flush=True)

    for name in py_names:
        res, errors, number = measure_py(name, fws, repeat, target)
        record(name, res, errors, "s", number)
    fws.clear()
    gc.collect()
    cpp_names = [n for n in names if n in CPP_ROWS]
    if cpp_names:
        got, err = measure_cpp(cpp_names, repeat)
        for n in cpp_names:
            res = got.get(n, {})
            bad = err if not got or res.get("wick") is None or res.get("torch") is None else None
            record(n, res, {"cpp": bad} if bad else {}, "s")
    for n in (n for n in names if n in MEM_ROWS):
        res, errors = measure_mem(n)
        record(n, res, errors, "bytes")

    n_rows_end = len(lines)
    ratios = [r["ratio"] for r in results.values() if r["ratio"]]
    if ratios:
        geo = math.exp(sum(math.log(r) for r in ratios) / len(ratios))
        over = [n for n, r in results.items() if r["ratio"] and r["ratio"] > 1]
        clear = [f"{n} {results[n]['ratio']:.2f}" for n in over if results[n]["ratio"] > 1.1]
        lines.append("-" * len(cols))
        lines.append(f"{len(ratios)} rows, geometric mean of wick/PyTorch {geo:.2f}; "
                     f"{len(over)} over 1, {len(clear)} over 1.1: {', '.join(clear) or 'none'}")
    end_load = os.getloadavg()
    lines.append(f"{time.perf_counter() - t_start:.0f} s; load average at the end "
                 f"{end_load[0]:.2f} {end_load[1]:.2f} {end_load[2]:.2f}")
    cores = os.cpu_count() or 1
    if max(load[0], end_load[0]) > cores / 2:
        lines.append(f"note: load average over {cores / 2:g} on {cores} cores: other processes "
                     "compete for the cores, so multi-threaded rows partly measure scheduling")
    print("\n".join(lines[-(len(lines) - n_rows_end):]), flush=True)

    with open(os.path.join(out, "table.txt"), "w") as f:
        f.write("\n".join(lines) + "\n")
    with open(os.path.join(out, "suite.json"), "w") as f:
        json.dump({"threads": THREADS, "repeat": repeat, "wick": wick.__version__,
                   "torch": torch.__version__, "load_average": [load, end_load],
                   "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                   "rows": results}, f, indent=1)
    chart(os.path.join(out, "ratios.png"), results)
    print(f"wrote {os.path.join(out, 'table.txt')}, suite.json and ratios.png", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
