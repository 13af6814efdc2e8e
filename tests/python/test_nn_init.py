"""nn.init against PyTorch: same seed, same values (wick's generator is PyTorch's)."""
import math

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


INITS = [
    lambda m, t: m.nn.init.uniform_(t),
    lambda m, t: m.nn.init.uniform_(t, -2, 3),
    lambda m, t: m.nn.init.normal_(t),
    lambda m, t: m.nn.init.normal_(t, 0.1),
    lambda m, t: m.nn.init.normal_(t, mean=1.0, std=0.5),
    lambda m, t: m.nn.init.trunc_normal_(t),
    lambda m, t: m.nn.init.trunc_normal_(t, 0.5, 2.0, -1.0, 1.5),
    lambda m, t: m.nn.init.constant_(t, 0.3),
    lambda m, t: m.nn.init.ones_(t),
    lambda m, t: m.nn.init.zeros_(t),
    lambda m, t: m.nn.init.xavier_uniform_(t),
    lambda m, t: m.nn.init.xavier_uniform_(t, gain=m.nn.init.calculate_gain("relu")),
    lambda m, t: m.nn.init.xavier_normal_(t),
    lambda m, t: m.nn.init.xavier_normal_(t, 2.0),
    lambda m, t: m.nn.init.kaiming_uniform_(t),
    lambda m, t: m.nn.init.kaiming_uniform_(t, a=math.sqrt(5)),
    lambda m, t: m.nn.init.kaiming_uniform_(t, mode="fan_out", nonlinearity="relu"),
    lambda m, t: m.nn.init.kaiming_normal_(t),
    lambda m, t: m.nn.init.kaiming_normal_(t, 0.2, "fan_out", "leaky_relu"),
    lambda m, t: m.nn.init.orthogonal_(t),
    lambda m, t: m.nn.init.orthogonal_(t, gain=2),
]


@pytest.mark.parametrize("shape", [(4, 3), (3, 5), (2, 3, 2, 2)])
@pytest.mark.parametrize("case", range(len(INITS)))
def test_init_values_match(case, shape):
    def f(m):
        t = m.empty(shape)
        r = INITS[case](m, t)
        return r, t
    (wr, wt), (tr, tt) = run(f)
    assert wr is wt and tr is tt
    assert_same(wt, tt, check_repr=False, rtol=1e-5, atol=1e-6)


def test_init_on_parameter_under_no_grad():
    def f(m):
        p = m.nn.Parameter(m.empty(3, 4))
        m.nn.init.kaiming_uniform_(p, a=math.sqrt(5))
        return p, p.grad_fn, p.is_leaf
    w, t = run(f)
    assert_same(w[0], t[0])
    assert w[1] is None and t[1] is None and w[2] and t[2]


def test_eye_dirac_sparse():
    def f(m):
        e = m.nn.init.eye_(m.empty(3, 5))
        d = m.nn.init.dirac_(m.empty(4, 2, 3))
        d2 = m.nn.init.dirac_(m.empty(4, 2, 3, 3), groups=2)
        s = m.nn.init.sparse_(m.empty(6, 4), 0.5)
        return e, d, d2, s
    w, t = run(f)
    for a, b in zip(w, t):
        assert_same(a, b, check_repr=False)


@pytest.mark.parametrize("args", [("linear",), ("conv2d",), ("sigmoid",), ("tanh",), ("relu",),
                                  ("leaky_relu",), ("leaky_relu", 0.2), ("leaky_relu", 1),
                                  ("selu",), ("conv_transpose3d",)])
def test_calculate_gain(args):
    w, t = run(lambda m: m.nn.init.calculate_gain(*args))
    assert w == t and type(w) is type(t)


@pytest.mark.parametrize("case", range(8))
def test_init_errors(case):
    cases = [
        lambda m: m.nn.init.calculate_gain("foo"),
        lambda m: m.nn.init.calculate_gain("leaky_relu", "x"),
        lambda m: m.nn.init.xavier_uniform_(m.empty(3)),
        lambda m: m.nn.init.kaiming_uniform_(m.empty(3, 3), mode="fan_x"),
        lambda m: m.nn.init.eye_(m.empty(3, 3, 3)),
        lambda m: m.nn.init.dirac_(m.empty(3, 3)),
        lambda m: m.nn.init.orthogonal_(m.empty(3)),
        lambda m: m.nn.init.sparse_(m.empty(3), 0.1),
    ]
    w, t = run(lambda m: error_of(lambda: cases[case](m)))
    assert t is not None and w == t


def test_fan_in_fan_out():
    w, t = run(lambda m: [m.nn.init._calculate_fan_in_and_fan_out(m.empty(*s))
                          for s in [(4, 3), (6, 2, 3, 3), (2, 5, 7)]])
    assert w == t


@pytest.mark.parametrize("make", [
    lambda nn: nn.Linear(3, 4), lambda nn: nn.Linear(5, 2, bias=False),
    lambda nn: nn.Conv2d(1, 6, 5), lambda nn: nn.Conv1d(4, 6, 3, groups=2),
    lambda nn: nn.Conv3d(2, 2, (1, 2, 3)), lambda nn: nn.ConvTranspose2d(3, 4, 3, groups=1),
    lambda nn: nn.ConvTranspose1d(4, 2, 2, groups=2), lambda nn: nn.Bilinear(2, 3, 4),
    lambda nn: nn.Embedding(5, 3), lambda nn: nn.Embedding(5, 3, padding_idx=-1),
    lambda nn: nn.EmbeddingBag(6, 2, padding_idx=0), lambda nn: nn.PReLU(3, 0.1),
    lambda nn: nn.BatchNorm2d(3), lambda nn: nn.LayerNorm((2, 3)), lambda nn: nn.GroupNorm(2, 4),
])
def test_default_layer_init_matches_pytorch(make):
    w, t = run(lambda m: make(m.nn).state_dict())
    assert list(w) == list(t)
    for k in t:
        assert_same(w[k], t[k])


def test_seed_initialize_weights():
    def f(m):
        nn = m.nn

        class Net(nn.Module):
            def __init__(self):
                super().__init__()
                self.conv = nn.Conv2d(3, 4, 3)
                self.fc = nn.Linear(4, 2)
                self.bn = nn.BatchNorm2d(4)

            def initialize_weights(self):
                for mod in self.modules():
                    if isinstance(mod, nn.Conv2d):
                        m.nn.init.xavier_normal_(mod.weight.data)
                        if mod.bias is not None:
                            m.nn.init.constant_(mod.bias.data, 0.3)
                    elif isinstance(mod, nn.Linear):
                        m.nn.init.normal_(mod.weight.data, 0.1)
                        if mod.bias is not None:
                            m.nn.init.zeros_(mod.bias.data)
                    elif isinstance(mod, nn.BatchNorm2d):
                        mod.weight.data.fill_(1)
                        mod.bias.data.zero_()
        net = Net()
        net.initialize_weights()
        return net.state_dict()
    w, t = run(f)
    for k in t:
        assert_same(w[k], t[k])
