"""Sequential, ModuleList, ModuleDict, ParameterList, ParameterDict against PyTorch."""
import collections
from collections import OrderedDict

import pytest

import wick
from conftest import assert_same, needs_torch, wick_repr

pytestmark = needs_torch


def run(fn):
    import torch
    out = []
    for m in (wick, torch):
        m.manual_seed(0)
        out.append(fn(m))
    return out[0], out[1]


def error_of(fn):
    try:
        fn()
    except Exception as e:  # noqa: BLE001
        return type(e).__name__, wick_repr(str(e))
    return None


def norm(x):
    if isinstance(x, str):
        return wick_repr(x)
    if isinstance(x, (list, tuple)):
        return type(x)(norm(v) for v in x)
    return x


def check(fn):
    w, t = run(fn)
    assert w == norm(t)


def seq(m):
    nn = m.nn
    return nn.Sequential(nn.Linear(1, 2), nn.ReLU(), nn.Linear(2, 3), nn.Tanh())


def test_sequential_positional_and_ordereddict():
    def f(m):
        nn = m.nn
        net1 = nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 10))
        net2 = nn.Sequential(collections.OrderedDict([
            ("fc1", nn.Linear(784, 256)), ("relu1", nn.ReLU()), ("fc2", nn.Linear(256, 10))]))
        return repr(net1), repr(net2), list(net2.state_dict()), len(net1), repr(nn.Sequential())
    check(f)


def test_sequential_indexing():
    def f(m):
        s = seq(m)
        return [repr(s[0]), repr(s[-1]), repr(s[1:3]), type(s[1:3]).__name__, repr(s[::-2]),
                error_of(lambda: s[4]), error_of(lambda: s[-5]), error_of(lambda: s["a"]),
                [type(x).__name__ for x in s]]
    check(f)


def test_sequential_mutation():
    def f(m):
        nn = m.nn
        s = seq(m)
        s[1] = nn.Sigmoid()
        del s[0]
        r = [repr(s)]
        s.append(nn.ReLU())
        s.insert(1, nn.Identity())
        s.insert(-1, nn.Softsign())
        r.append(repr(s))
        r.append(error_of(lambda: s.insert(10, nn.ReLU())))
        s.extend([nn.ELU(), nn.SELU()])
        r.append(repr(s.pop(0)))
        del s[1:3]
        r.append(repr(s))
        r.append(repr(seq(m) + nn.Sequential(nn.ReLU())))
        r.append(error_of(lambda: seq(m) + nn.ReLU()))
        return r
    check(f)


def test_sequential_forward_without_functional():
    def f(m):
        nn = m.nn

        class Double(nn.Module):
            def forward(self, x):
                return x * 2

        class Center(nn.Module):
            def forward(self, x):
                return x - x.mean()
        return nn.Sequential(Double(), Center(), Double())(m.tensor([1.0, 2.0, 6.0]))
    w, t = run(f)
    assert_same(w, t)


def test_sequential_dir_hides_indices():
    s = seq(wick)
    assert "0" not in dir(s) and "append" in dir(s)


def test_module_list():
    def f(m):
        nn = m.nn
        net3 = nn.ModuleList([nn.Linear(784, 256), nn.ReLU()])
        net3.append(nn.Linear(256, 10))
        r = [repr(net3), len(net3), repr(net3[-1]), repr(net3[:2]), type(net3[:2]).__name__,
             error_of(lambda: net3[3]), list(net3.state_dict())]
        net3.insert(1, nn.Tanh())
        net3.extend([nn.Sigmoid()])
        net3 += [nn.ELU()]
        net3[0] = nn.Identity()
        del net3[1]
        r.append(repr(net3))
        r.append(repr(net3.pop(-1)))
        r.append(error_of(lambda: net3.extend(3)))
        r.append(repr(net3 + nn.ModuleList([nn.ReLU()])))
        r.append(repr(nn.ModuleList()))
        r.append(error_of(lambda: net3(1)))
        return r
    check(f)


def test_module_list_repeated_repr_2x():
    # PyTorch 2.x prints runs of identical modules once (1.13 lists each).
    nn = wick.nn
    ml = nn.ModuleList([nn.Linear(2, 2), nn.Linear(2, 2), nn.Linear(2, 2), nn.ReLU()])
    assert repr(ml) == ("ModuleList(\n  (0-2): 3 x Linear(in_features=2, out_features=2, "
                        "bias=True)\n  (3): ReLU()\n)")


def test_module_dict():
    def f(m):
        nn = m.nn
        net4 = nn.ModuleDict({
            "linear1": nn.Linear(784, 256),
            "Relu": nn.ReLU(),
            "linear2": nn.Linear(256, 10),
        })
        net4["output"] = nn.ReLU()
        r = [repr(net4), list(net4.keys()), len(net4), "Relu" in net4, repr(net4["linear2"])]
        net4.update([("a", nn.Tanh())])
        net4.update(OrderedDict([("b", nn.Tanh())]))
        r.append(repr(net4.pop("Relu")))
        del net4["a"]
        r.append(list(net4))
        r.append([type(v).__name__ for v in net4.values()])
        r.append([k for k, _ in net4.items()])
        r.append(error_of(lambda: net4.update(3)))
        r.append(error_of(lambda: net4.update([3])))
        r.append(error_of(lambda: net4.update([("a", nn.ReLU(), 1)])))
        net4.clear()
        r.append(repr(net4))
        return r
    check(f)


def test_parameter_list():
    def f(m):
        nn = m.nn
        pl = nn.ParameterList([nn.Parameter(m.ones(2, 3)), m.zeros(2)])
        pl.append(nn.Parameter(m.ones(1, dtype=m.float64)))
        pl.extend([m.ones(4)])
        pl += [m.ones(5)]
        r = [repr(pl), len(pl), [n for n, _ in pl.named_parameters()],
             type(pl[1]).__name__, repr(pl[1]), repr(pl[1:3]), repr(pl[-1]),
             error_of(lambda: pl[9]), error_of(lambda: pl.extend(m.ones(2))),
             error_of(lambda: pl(1)), [tuple(p.shape) for p in pl]]
        pl[0] = m.zeros(1)
        r.append(repr(pl[0]))
        return r
    check(f)


def test_parameter_dict():
    def f(m):
        nn = m.nn
        pd = nn.ParameterDict({"b": nn.Parameter(m.ones(2, 3)),
                               "a": m.zeros(2, dtype=m.float64)})
        pd["c"] = m.ones(1)
        pd.update(OrderedDict([("z", m.ones(1)), ("y", m.ones(1))]))
        r = [repr(pd), list(pd.keys()), len(pd), "a" in pd, type(pd["a"]).__name__,
             [n for n, _ in pd.named_parameters()], repr(pd.pop("c")),
             [k for k, _ in pd.items()], error_of(lambda: pd(1)), repr(pd.get("nope")),
             error_of(lambda: pd[3])]
        del pd["z"]
        r.append(list(pd))
        pd.clear()
        r.append(repr(pd))
        return r
    check(f)


def test_containers_in_state_dict():
    def f(m):
        nn = m.nn

        class Net(nn.Module):
            def __init__(self):
                super().__init__()
                self.layers = nn.ModuleList([nn.Linear(2, 2), nn.BatchNorm1d(2)])
                self.heads = nn.ModuleDict({"x": nn.Linear(2, 1)})
                self.extra = nn.ParameterList([nn.Parameter(m.ones(1))])
                self.table = nn.ParameterDict({"k": nn.Parameter(m.ones(2))})
        net = Net()
        return list(net.state_dict()), repr(net)
    check(f)
