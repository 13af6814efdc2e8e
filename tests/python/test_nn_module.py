"""nn.Parameter and nn.Module against PyTorch: registration, attribute magic,
iteration, state_dict/load_state_dict, hooks, modes, conversions, reprs."""
import copy
import pickle
from collections import OrderedDict

import pytest

import wick
from conftest import assert_same, both, needs_torch, wick_repr

pytestmark = needs_torch


def run(fn):
    """fn(m) with m = torch then wick, both seeded 0; returns (wick, torch)."""
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


def same_error(fn):
    w, t = run(lambda m: error_of(lambda: fn(m)))
    assert t is not None
    assert w == t


_LIN = {}


def Lin(m, *args, **kwargs):
    """nn.Linear whose forward is written with tensor ops (no F.linear needed)."""
    if m.__name__ not in _LIN:
        class MatLinear(m.nn.Linear):
            def forward(self, x):
                y = x.matmul(self.weight.t())
                return y + self.bias if self.bias is not None else y
        MatLinear.__name__ = "Linear"
        _LIN[m.__name__] = MatLinear
    return _LIN[m.__name__](*args, **kwargs)


def net_class(m):
    nn = m.nn

    class Net(nn.Module):
        def __init__(self):
            super().__init__()
            self.param1 = nn.Parameter(m.rand(3, 3))
            self.submodel1 = nn.Linear(3, 4)
            self.register_buffer("steps", m.zeros(2))
            self.register_buffer("scratch", m.ones(1), persistent=False)

        def forward(self, input):
            return self.submodel1(self.param1.mm(input).t())

    return Net


# ---- Parameter ------------------------------------------------------------------------
def test_parameter_repr_and_requires_grad():
    w, t = run(lambda m: m.nn.Parameter(m.randn(3, 4)))
    assert repr(w) == wick_repr(repr(t))
    assert str(w) == wick_repr(str(t))
    assert w.requires_grad and isinstance(w, wick.Tensor)
    assert type(w).__name__ == "Parameter"
    w, t = run(lambda m: repr(m.nn.Parameter(m.ones(2), requires_grad=False)))
    assert w == wick_repr(t)
    w, t = run(lambda m: repr(m.nn.Parameter()))
    assert w == wick_repr(t)


def test_parameter_seed_snippet_flags():
    w, t = run(lambda m: (m.randn(3, 4).requires_grad, m.nn.Parameter(m.randn(3, 4)).requires_grad))
    assert w == t


def test_parameter_deepcopy_and_pickle():
    p = wick.nn.Parameter(wick.arange(4.0))
    q = copy.deepcopy(p)
    assert type(q) is wick.nn.Parameter and q.requires_grad
    assert q.tolist() == p.tolist()
    q.data.add_(1)
    assert p.tolist() == [0.0, 1.0, 2.0, 3.0]
    r = pickle.loads(pickle.dumps(p))
    assert type(r) is wick.nn.Parameter and r.requires_grad and r.tolist() == p.tolist()
    s = pickle.loads(pickle.dumps(wick.nn.Parameter(wick.ones(2), requires_grad=False)))
    assert not s.requires_grad


def test_parameter_ops_return_tensors():
    w, t = run(lambda m: [type(x).__name__ for x in
                          (m.nn.Parameter(m.ones(2)) * 2, m.nn.Parameter(m.ones(2)).detach())])
    assert w == t


# ---- registration and attribute magic -------------------------------------------------
def test_net_print_and_members():
    def f(m):
        net = net_class(m)()
        return (repr(net), repr(net._modules), list(net._parameters), list(net._buffers),
                [(n, tuple(p.size())) for n, p in net.named_parameters()],
                [n for n, _ in net.named_modules()], [n for n, _ in net.named_children()],
                [n for n, _ in net.named_buffers()], repr(net.param1),
                sorted(net._non_persistent_buffers_set))
    w, t = run(f)
    assert w == tuple(wick_repr(x) if isinstance(x, str) else x for x in t)


def test_named_parameters_options():
    def f(m):
        nn = m.nn
        lin = nn.Linear(2, 2)
        seq = nn.Sequential(lin, nn.ReLU(), lin)
        return ([n for n, _ in seq.named_parameters()],
                [n for n, _ in seq.named_parameters(prefix="model")],
                [n for n, _ in seq.named_parameters(recurse=False)],
                [n for n, _ in seq.named_modules(remove_duplicate=False)],
                [n for n, _ in seq.named_modules(prefix="top")],
                len(list(seq.parameters())), len(list(seq.modules())),
                len(list(seq.children())))
    w, t = run(f)
    assert w == t


def test_named_parameters_remove_duplicate_false():
    # PyTorch 2.x keyword (1.13 lacks it): shared parameters are listed each time.
    lin = wick.nn.Linear(2, 2)
    seq = wick.nn.Sequential(lin, wick.nn.ReLU(), lin)
    assert [n for n, _ in seq.named_parameters(remove_duplicate=False)] == \
        ["0.weight", "0.bias", "2.weight", "2.bias"]
    assert [n for n, _ in seq.named_buffers(remove_duplicate=False)] == []


def test_setattr_type_errors():
    def param_then_tensor(m):
        lin = m.nn.Linear(2, 2)
        lin.weight = m.ones(2, 2)

    same_error(param_then_tensor)

    def module_then_int(m):
        s = m.nn.Sequential(m.nn.ReLU())
        s.__setattr__("0", 3)

    same_error(module_then_int)

    def buffer_then_str(m):
        bn = m.nn.BatchNorm1d(2)
        bn.running_mean = "x"

    same_error(buffer_then_str)

    def before_init(m):
        class Bad(m.nn.Module):
            def __init__(self):
                self.w = m.nn.Parameter(m.ones(1))
                super().__init__()
        Bad()

    same_error(before_init)

    def module_before_init(m):
        class Bad(m.nn.Module):
            def __init__(self):
                self.l = m.nn.ReLU()
        Bad()

    same_error(module_before_init)


@pytest.mark.parametrize("case", range(12))
def test_register_errors(case):
    def f(m):
        nn = m.nn
        mod = nn.Linear(2, 2)
        cases = [
            lambda: mod.register_buffer("a.b", m.ones(1)),
            lambda: mod.register_buffer("", m.ones(1)),
            lambda: mod.register_buffer("weight", m.ones(1)),
            lambda: mod.register_buffer("x", [1]),
            lambda: mod.register_buffer(3, m.ones(1)),
            lambda: mod.register_parameter("a.b", nn.Parameter(m.ones(1))),
            lambda: mod.register_parameter("x", m.ones(1)),
            lambda: mod.register_parameter("x", nn.Parameter(m.ones(1, requires_grad=True)) * 2),
            lambda: mod.add_module("x", 3),
            lambda: mod.add_module("a.b", nn.ReLU()),
            lambda: mod.add_module("weight", nn.ReLU()),
            lambda: mod.add_module("", nn.ReLU()),
        ]
        cases[case]()
    same_error(f)


def test_nonleaf_parameter_error():
    def f(m):
        mod = m.nn.Module()
        p = m.nn.Parameter(m.ones(2))
        mod.register_parameter("w", m.nn.Parameter(p * 2))
        return list(mod._parameters)
    w, t = run(lambda m: error_of(lambda: f(m)) or f(m))
    assert w == t


def test_getattr_delattr_dir():
    def f(m):
        net = net_class(m)()
        missing = error_of(lambda: net.nothing)
        del net.param1
        del net.steps
        del net.submodel1
        net.plain = 3
        del net.plain
        d = [k for k in dir(net) if not k.startswith("__")]
        return missing, list(net._parameters), list(net._buffers), list(net._modules), \
            "scratch" in d, "training" in d, "forward" in d
    w, t = run(f)
    assert w == t


def test_reassign_moves_between_dicts():
    def f(m):
        nn = m.nn
        mod = nn.Module()
        mod.x = nn.Parameter(m.ones(1))
        mod.x = None
        a = list(mod._parameters.items())
        mod.y = nn.ReLU()
        mod.y = None
        mod.z = 3
        mod.z = nn.Parameter(m.ones(1))
        return repr(a), list(mod._modules.items()), list(mod._parameters), "z" in mod.__dict__
    w, t = run(f)
    assert w == (wick_repr(t[0]),) + t[1:]


def test_get_submodule_parameter_buffer():
    def f(m):
        nn = m.nn
        net = nn.Sequential(OrderedDict([("a", nn.Sequential(nn.Linear(2, 3), nn.BatchNorm1d(3))),
                                         ("b", nn.ReLU())]))
        return (repr(net.get_submodule("a.1")), tuple(net.get_parameter("a.0.weight").shape),
                tuple(net.get_buffer("a.1.running_var").shape),
                error_of(lambda: net.get_submodule("a.7")),
                error_of(lambda: net.get_submodule("a.0.weight")),
                error_of(lambda: net.get_parameter("a.1.running_var")),
                error_of(lambda: net.get_buffer("a.0.weight")),
                repr(net.get_submodule("")))
    w, t = run(f)
    assert w == t


def test_missing_forward():
    same_error(lambda m: m.nn.Module()(m.ones(1)))

    def f(m):
        class NoForward(m.nn.Module):
            pass
        NoForward()(1)

    same_error(f)


def test_init_kwargs_error():
    same_error(lambda m: m.nn.Module(3))
    same_error(lambda m: m.nn.Module(foo=3))


# ---- modes and conversions ------------------------------------------------------------
def test_train_eval_requires_grad():
    def f(m):
        nn = m.nn
        net = nn.Sequential(nn.Linear(2, 2), nn.Sequential(nn.Dropout(), nn.BatchNorm1d(2)))
        r = [net.eval() is net, [x.training for x in net.modules()]]
        net.train()
        r.append([x.training for x in net.modules()])
        net[1].train(False)
        r.append([x.training for x in net.modules()])
        r.append(error_of(lambda: net.train("yes")))
        net.requires_grad_(False)
        r.append([p.requires_grad for p in net.parameters()])
        return r
    w, t = run(f)
    assert w == t


def test_zero_grad():
    def f(m):
        nn = m.nn
        lin = Lin(m, 3, 2)
        lin(m.ones(4, 3)).sum().backward()
        g1 = lin.weight.grad.clone()
        lin.zero_grad(set_to_none=False)
        g2 = lin.weight.grad.clone()
        lin.zero_grad(set_to_none=True)
        return g1, g2, lin.weight.grad
    w, t = run(f)
    assert_same(w[0], t[0])
    assert_same(w[1], t[1])
    assert w[2] is None and t[2] is None
    # PyTorch 2.x: set_to_none defaults to True.
    lin = wick.nn.Linear(1, 1)
    lin.weight.grad = wick.ones(1, 1)
    lin.zero_grad()
    assert lin.weight.grad is None


def test_to_dtype_and_conversions():
    def f(m):
        nn = m.nn
        net = nn.Sequential(Lin(m, 2, 2), nn.BatchNorm1d(2))
        p = net[0].weight
        net[0](m.ones(1, 2)).sum().backward()
        net.double()
        r = [p is net[0].weight, str(p.dtype), str(p.grad.dtype),
             [str(b.dtype) for b in net.buffers()], type(p).__name__]
        net.to(m.float32)
        r.append([str(x.dtype) for x in net.state_dict().values()])
        net.to("cpu", m.float64)
        r.append([str(x.dtype) for x in net.state_dict().values()])
        net.to(dtype=m.float16)
        r.append([str(x.dtype) for x in net.state_dict().values()])
        net.to(m.zeros(1, dtype=m.float32))
        net.float()
        r.append([str(x.dtype) for x in net.state_dict().values()])
        net.half()
        net.bfloat16()
        r.append([str(x.dtype) for x in net.state_dict().values()])
        net.to(device="cpu")
        net.cpu()
        r.append(error_of(lambda: net.to(m.int32)))
        net.type(m.float64)
        r.append([str(x.dtype) for x in net.state_dict().values()])
        return [wick_repr(str(x)) for x in r]
    w, t = run(f)
    assert w == t


def test_apply_and__apply():
    def f(m):
        nn = m.nn
        seen = []
        net = nn.Sequential(nn.Linear(2, 2), nn.Sequential(nn.ReLU(), nn.Linear(2, 1)))

        def init_fn(mod):
            seen.append(type(mod).__name__)
            if isinstance(mod, nn.Linear):
                nn.init.constant_(mod.weight, 0.5)
        assert net.apply(init_fn) is net
        net._apply(lambda t: t * 2)
        return seen, net[1][1].weight
    w, t = run(f)
    assert w[0] == t[0]
    assert_same(w[1], t[1])


# ---- state dict -----------------------------------------------------------------------
def test_state_dict_keys_values_metadata():
    def f(m):
        nn = m.nn
        net = nn.Sequential(nn.Conv2d(1, 2, 3), nn.BatchNorm2d(2), nn.Sequential(nn.Linear(2, 2)))
        sd = net.state_dict()
        sd2 = net.state_dict(prefix="p.", keep_vars=True)
        return (list(sd), repr(sd._metadata), type(sd).__name__, [repr(v) for v in sd.values()],
                list(sd2), [type(v).__name__ for v in sd2.values()],
                [v.requires_grad for v in sd.values()])
    w, t = run(f)
    assert [str(x) for x in w] == [wick_repr(str(x)) for x in t]


def test_state_dict_non_persistent_buffer():
    w, t = run(lambda m: list(net_class(m)().state_dict()))
    assert w == t


def test_load_state_dict_roundtrip_between_frameworks():
    import torch
    torch.manual_seed(3)
    tnet = torch.nn.Sequential(torch.nn.Linear(3, 4), torch.nn.BatchNorm1d(4))
    tnet(torch.randn(5, 3))
    wnet = wick.nn.Sequential(wick.nn.Linear(3, 4), wick.nn.BatchNorm1d(4))
    sd = OrderedDict((k, wick.from_numpy(v.numpy().copy())) for k, v in tnet.state_dict().items())
    res = wnet.load_state_dict(sd)
    assert repr(res) == "<All keys matched successfully>" == repr(
        tnet.load_state_dict(tnet.state_dict()))
    assert res.missing_keys == [] and res.unexpected_keys == []
    for (k, v), (k2, v2) in zip(wnet.state_dict().items(), tnet.state_dict().items()):
        assert k == k2
        assert_same(v, v2)


def test_load_state_dict_errors_and_nonstrict():
    def f(m):
        nn = m.nn
        lin = nn.Linear(3, 4)
        r = [error_of(lambda: lin.load_state_dict({"weight": m.ones(4, 2), "bias": m.ones(4)})),
             error_of(lambda: lin.load_state_dict({"weight": m.ones(4, 3)})),
             error_of(lambda: lin.load_state_dict({"weight": m.ones(4, 3), "bias": m.ones(4),
                                                   "extra": m.ones(1), "sub.x": m.ones(1)})),
             error_of(lambda: lin.load_state_dict({"weight": 3, "bias": m.ones(4)})),
             error_of(lambda: lin.load_state_dict([1, 2])),
             repr(lin.load_state_dict({"weight": m.ones(4, 3), "extra": m.ones(1)},
                                      strict=False))]
        seq = nn.Sequential(nn.Linear(1, 1))
        r.append(error_of(lambda: seq.load_state_dict({"1.weight": m.ones(1, 1)})))
        r.append(lin.weight.sum().item())
        return r
    w, t = run(f)
    # The first message embeds the Size type name: torch.Size -> wick.Size.
    assert w == [wick_repr(x) if isinstance(x, str) else x for x in t]


def test_load_state_dict_batchnorm_old_version():
    def f(m):
        bn = m.nn.BatchNorm1d(2)
        sd = bn.state_dict()
        del sd["num_batches_tracked"]
        sd._metadata[""]["version"] = 1
        return repr(bn.load_state_dict(sd)), list(bn.state_dict())
    w, t = run(f)
    assert w == t


def test_state_dict_hooks():
    def f(m):
        calls = []
        lin = Lin(m, 1, 1)
        lin._register_state_dict_hook(lambda mod, sd, prefix, meta: calls.append(
            ("post", list(sd), prefix)))
        lin.register_load_state_dict_post_hook(lambda mod, keys: calls.append(
            ("load", list(keys.missing_keys))))
        lin.state_dict(prefix="x.")
        lin.load_state_dict({"weight": m.ones(1, 1), "bias": m.ones(1)})
        return calls
    w, t = run(f)
    assert w == t


# ---- hooks ----------------------------------------------------------------------------
def test_forward_hooks_order_and_replacement():
    def f(m):
        nn = m.nn
        calls = []
        lin = Lin(m, 2, 2)
        h1 = lin.register_forward_pre_hook(lambda mod, inp: calls.append(("pre1", len(inp))))
        lin.register_forward_pre_hook(lambda mod, inp: inp[0] * 2)
        lin.register_forward_pre_hook(lambda mod, inp: calls.append(("pre3", inp[0].sum().item())))
        lin.register_forward_hook(lambda mod, inp, out: calls.append(("fwd", inp[0].sum().item())))
        lin.register_forward_hook(lambda mod, inp, out: out + 100)
        h = lin.register_forward_hook(lambda mod, inp, out: calls.append(("last", out.sum().item())))
        y1 = lin(m.ones(1, 2))
        h1.remove()
        h.remove()
        h.remove()
        y2 = lin(m.ones(1, 2))
        return calls, y1, y2
    w, t = run(f)
    assert w[0] == t[0]
    for a, b in zip(w[1:], t[1:]):
        assert_same(a, b)


def test_hook_handle_context_manager():
    def f(m):
        calls = []
        lin = Lin(m, 1, 1)
        with lin.register_forward_hook(lambda *a: calls.append(1)):
            lin(m.ones(1))
        lin(m.ones(1))
        return calls, len(lin._forward_hooks)
    w, t = run(f)
    assert w == t
    h = wick.nn.Linear(1, 1).register_forward_hook(lambda *a: None)
    assert isinstance(h, wick.utils.hooks.RemovableHandle)


def test_forward_hooks_with_kwargs():
    # PyTorch 2.x keywords (with_kwargs, always_call); 1.13 lacks them.
    calls = []
    lin = Lin(wick, 2, 2)
    lin.register_forward_pre_hook(lambda mod, args, kwargs: ((args[0] + 1,), kwargs),
                                  with_kwargs=True)
    lin.register_forward_hook(lambda mod, args, kwargs, out: calls.append(args[0].sum().item()),
                              with_kwargs=True)
    lin.register_forward_hook(lambda mod, args, out: out * 0)
    y = lin(wick.ones(1, 2))
    assert calls == [4.0] and y.tolist() == [[0.0, 0.0]]
    lin.register_forward_pre_hook(lambda mod, a, k: 3, with_kwargs=True)
    with pytest.raises(RuntimeError, match=r"forward pre-hook must return None or a tuple of "
                       r"\(new_args, new_kwargs\), but got 3."):
        lin(wick.ones(1, 2))


def test_forward_hook_always_call():
    calls = []

    class Boom(wick.nn.Module):
        def forward(self, x):
            raise ValueError("boom")
    b = Boom()
    b.register_forward_hook(lambda *a: calls.append("always"), always_call=True)
    b.register_forward_hook(lambda *a: calls.append("normal"))
    with pytest.raises(ValueError, match="boom"):
        b(1)
    assert calls == ["always"]


def test_state_dict_pre_hook():
    calls = []
    lin = wick.nn.Linear(1, 1)
    lin.register_state_dict_pre_hook(lambda mod, prefix, keep: calls.append((prefix, keep)))
    lin.state_dict(prefix="x.", keep_vars=True)
    assert calls == [("x.", True)]


def test_full_backward_hook():
    def f(m):
        nn = m.nn
        calls = []
        lin = Lin(m, 3, 2)

        def hook(mod, grad_input, grad_output):
            calls.append(("hook", [None if g is None else g.clone() for g in grad_input],
                          [g.clone() for g in grad_output]))
            return (grad_input[0] * 10,)

        def pre_hook(mod, grad_output):
            calls.append(("pre", [g.clone() for g in grad_output]))
            return (grad_output[0] * 2,)
        h = lin.register_full_backward_hook(hook)
        x = m.ones(4, 3, requires_grad=True)
        lin(x).sum().backward()
        gx = x.grad.clone()
        gw = lin.weight.grad.clone()
        h.remove()
        x.grad = None
        lin(x).sum().backward()
        return calls, gx, gw, x.grad, error_of(lambda: lin.register_backward_hook(hook))
    w, t = run(f)
    assert [c[0] for c in w[0]] == [c[0] for c in t[0]]
    for cw, ct in zip(w[0], t[0]):
        for a, b in zip(cw[1:], ct[1:]):
            assert_same(a, b, check_repr=False)
    for a, b in zip(w[1:4], t[1:4]):
        assert_same(a, b)
    assert w[4] == t[4]


def test_full_backward_pre_hook_and_prepend():
    # PyTorch 2.x API (1.13 lacks register_full_backward_pre_hook and prepend=).
    calls = []
    lin = Lin(wick, 3, 2)
    lin.register_full_backward_hook(lambda mod, gi, go: calls.append(("hook", go[0].sum().item())))
    lin.register_full_backward_pre_hook(lambda mod, go: calls.append(("pre", go[0].sum().item())))
    lin.register_full_backward_pre_hook(lambda mod, go: (go[0] * 3,), prepend=True)
    lin.register_forward_hook(lambda mod, i, o: calls.append("fwd2"))
    lin.register_forward_hook(lambda mod, i, o: calls.append("fwd1"), prepend=True)
    x = wick.ones(4, 3, requires_grad=True)
    lin(x).sum().backward()
    assert calls == ["fwd1", "fwd2", ("pre", 24.0), ("hook", 24.0)]
    import numpy as np
    np.testing.assert_allclose(x.grad.numpy(), (lin.weight.detach().sum(0) * 3).expand(4, 3).numpy(),
                               rtol=1e-6)


def test_full_backward_hook_input_without_grad():
    def f(m):
        calls = []
        lin = Lin(m, 3, 2)
        lin.register_full_backward_hook(
            lambda mod, gi, go: calls.append((gi, tuple(go[0].shape))))
        lin(m.ones(4, 3)).sum().backward()
        return calls
    w, t = run(f)
    assert w == t


def test_legacy_backward_hook():
    def f(m):
        calls = []
        lin = Lin(m, 3, 2, bias=False)
        lin.register_backward_hook(lambda mod, gi, go: calls.append(
            (len(gi), [None if g is None else tuple(g.shape) for g in gi], tuple(go[0].shape))))
        lin(m.ones(4, 3, requires_grad=True)).sum().backward()
        return calls, error_of(lambda: lin.register_full_backward_hook(lambda *a: None))
    w, t = run(f)
    assert w == t


def test_global_forward_hook():
    def f(m):
        calls = []
        h = m.nn.modules.module.register_module_forward_hook(
            lambda mod, inp, out: calls.append(type(mod).__name__))
        try:
            m.nn.Sequential(Lin(m, 1, 1))(m.ones(1))
        finally:
            h.remove()
        Lin(m, 1, 1)(m.ones(1))
        return calls
    w, t = run(f)
    assert w == t


# ---- repr -----------------------------------------------------------------------------
def test_nested_repr_and_extra_repr():
    def f(m):
        nn = m.nn

        class Block(nn.Module):
            def __init__(self):
                super().__init__()
                self.conv = nn.Conv2d(2, 3, 3, padding=1, bias=False)
                self.seq = nn.Sequential(nn.ReLU(inplace=True), nn.Linear(3, 3))

            def extra_repr(self):
                return "custom=1\nsecond line"

        class Top(nn.Module):
            def __init__(self):
                super().__init__()
                self.block = Block()
                self.head = nn.ModuleDict({"x": nn.Tanh()})

        return repr(Top())
    w, t = run(f)
    assert w == t


def test_module_deepcopy_and_pickle():
    net = wick.nn.Sequential(wick.nn.Linear(2, 3), wick.nn.BatchNorm1d(3))
    net2 = copy.deepcopy(net)
    assert repr(net2) == repr(net)
    for a, b in zip(net.state_dict().values(), net2.state_dict().values()):
        assert a.tolist() == b.tolist()
    assert net2[0].weight is not net[0].weight
    assert type(net2[0].weight) is wick.nn.Parameter
    net3 = pickle.loads(pickle.dumps(net))
    assert list(net3.state_dict()) == list(net.state_dict())
    assert net3(wick.ones(2, 2)).shape == (2, 3) if hasattr(wick.nn.functional, "linear") \
        and hasattr(wick.nn.functional, "batch_norm") else True


def test_seed_centered_layer():
    def f(m):
        class CenteredLayer(m.nn.Module):
            def __init__(self, **kwargs):
                super(CenteredLayer, self).__init__(**kwargs)

            def forward(self, x):
                return x - x.mean()

        layer = CenteredLayer()
        return layer(m.tensor([1, 2, 3, 4, 5], dtype=m.float)), repr(layer)
    w, t = run(f)
    assert_same(w[0], t[0])
    assert w[1] == t[1]


def test_data_parallel_without_accelerator():
    def f(m):
        model = Lin(m, 2, 3)
        dp = m.nn.DataParallel(model)
        return repr(dp), list(dp.state_dict()), dp(m.ones(1, 2)), dp.module is model
    w, t = run(f)
    assert w[0] == t[0] and w[1] == t[1] and w[3] and t[3]
    assert_same(w[2], t[2])
