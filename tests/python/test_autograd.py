"""Autograd from Python: backward/grad, grad_fn objects, error messages,
higher-order gradients, grad modes, anomaly mode, gradcheck."""
import threading
import warnings

import pytest

import wick
from conftest import assert_same, both, needs_torch, wick_repr


def error_of(fn):
    try:
        fn()
    except Exception as e:  # noqa: BLE001
        return type(e).__name__, str(e)
    return None


def same_error(fn_of_module):
    import torch
    w = error_of(lambda: fn_of_module(wick))
    t = error_of(lambda: fn_of_module(torch))
    assert t is not None, "torch raised nothing"
    assert w is not None, f"wick raised nothing, torch raised {t}"
    assert w[0] == t[0], f"{w} != {t}"
    # Messages name wick's API where PyTorch's names torch's (tensor type strings,
    # [torch.FloatTensor [2]], keep PyTorch's spelling as t.type() does).
    return w[1], t[1].replace("torch.autograd.", "wick.autograd.")


# ---- gradients --------------------------------------------------------------------
def test_seed_second_derivative():
    x = wick.tensor(2.0, requires_grad=True)
    y = wick.tensor(3.0, requires_grad=True)
    z = x * x * y
    (dx,) = wick.autograd.grad(z, x, create_graph=True)
    assert dx.item() == 12.0
    assert dx.requires_grad and dx.grad_fn is not None
    (d2x,) = wick.autograd.grad(dx, x)
    assert d2x.item() == 6.0


@needs_torch
@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("shapes", [((3,), (3,)), ((2, 3), (3,)), ((2, 1), (1, 4)), ((), (2,))])
def test_expression_grads_match_torch(dtype, shapes):
    sa, sb = shapes

    def run(m):
        dt = getattr(m, dtype)
        a = (m.arange(1, 1 + max(1, int(wick.tensor(list(sa) or [1]).prod().item())
                                  if False else 1), dtype=dt))
        a = m.full(sa, 1.5, dtype=dt) + m.linspace(0.1, 0.9, 1, dtype=dt).reshape(()) \
            if False else m.full(sa, 1.5, dtype=dt)
        a.requires_grad_()
        b = m.full(sb, 0.75, dtype=dt).requires_grad_()
        y = (a * b + a / b - b ** 2) * (a - 3) + 2 ** a - 1 / (b + a)
        y.backward(m.ones(y.shape, dtype=dt))
        return y, a.grad, b.grad

    w, t = both(run)
    assert_same(w[0].detach(), t[0].detach(), check_repr=False, rtol=1e-5)
    assert_same(w[1], t[1], check_repr=False, rtol=1e-5)
    assert_same(w[2], t[2], check_repr=False, rtol=1e-5)


@needs_torch
def test_grad_values_and_weights_match_torch():
    def run(m):
        x = m.tensor([1.0, -2.0, 3.0], requires_grad=True)
        y = x * x * x - x / 2
        g = m.tensor([0.5, 1.0, -1.0])
        (gx,) = m.autograd.grad(y, x, g, create_graph=True)
        (ggx,) = m.autograd.grad(gx, x, m.ones(3))
        return gx.detach(), ggx

    w, t = both(run)
    assert_same(w, t)


@needs_torch
@pytest.mark.parametrize("expr,name", [
    (lambda a, b: a + b, "AddBackward0"), (lambda a, b: a - b, "SubBackward0"),
    (lambda a, b: a * b, "MulBackward0"), (lambda a, b: a / b, "DivBackward0"),
    (lambda a, b: a ** b, "PowBackward1"), (lambda a, b: a ** 2, "PowBackward0"),
    # 2 ** a is pow(2, a) in PyTorch 2.x (1.13 made 2 a tensor: PowBackward1).
    (lambda a, b: (2 ** a) if isinstance(a, wick.Tensor) else type(a).__module__ and __import__('torch').pow(2, a), "PowBackward2"),
    (lambda a, b: a + 1, "AddBackward0"),
    (lambda a, b: 1 - a, "RsubBackward1"), (lambda a, b: a * 3, "MulBackward0"),
])
def test_grad_fn_names_match_torch(expr, name):
    def run(m):
        a = m.tensor([1.0, 2.0], requires_grad=True)
        b = m.tensor([3.0, 4.0], requires_grad=True)
        return expr(a, b).grad_fn.name()

    w, t = both(run)
    assert w == t == name


@needs_torch
def test_next_functions_structure_matches_torch():
    def describe(fn, depth=0):
        if fn is None:
            return None
        return (fn.name(), tuple((describe(f, depth + 1), nr) for f, nr in fn.next_functions))

    def run(m):
        a = m.tensor([1.0, 2.0], requires_grad=True)
        b = m.tensor([3.0, 4.0])
        c = m.tensor([5.0, 6.0], requires_grad=True)
        y = (a * b + c) / (a - 1)
        return repr(describe(y.grad_fn))

    w, t = both(run)
    # PyTorch names leaf accumulators torch::autograd::AccumulateGrad.
    assert w == t.replace("torch::", "wick::")
    assert "wick::autograd::AccumulateGrad" in w


def test_next_functions_point_at_accumulate_grad_of_leaf():
    a = wick.tensor([1.0, 2.0], requires_grad=True)
    b = wick.tensor([3.0, 4.0])
    y = a * b
    (fa, na), (fb, nb) = y.grad_fn.next_functions
    assert fa.name() == "wick::autograd::AccumulateGrad" and na == 0
    assert repr(fa).startswith("<AccumulateGrad object at 0x")
    assert fa.variable is a
    assert fb is None and nb == 0
    assert fa.next_functions == ()
    assert isinstance(y.grad_fn, wick.autograd.graph.Node)


def test_grad_fn_is_the_same_object_while_alive():
    a = wick.tensor([1.0, 2.0], requires_grad=True)
    y = a * 2
    assert y.grad_fn is y.grad_fn
    g = y.grad_fn
    assert (y + 1).grad_fn.next_functions[0][0] is g
    assert repr(g).startswith("<MulBackward0 object at 0x")
    assert a.grad_fn is None


def test_retain_graph_allows_second_backward_and_accumulates():
    x = wick.tensor([1.0, 2.0], requires_grad=True)
    y = x * x
    y.backward(wick.ones(2), retain_graph=True)
    y.backward(wick.ones(2))
    assert x.grad.tolist() == [4.0, 8.0]


def test_create_graph_backward_gives_grad_history():
    x = wick.tensor([1.0, 2.0], requires_grad=True)
    y = x * x * x
    y.backward(wick.ones(2), create_graph=True)
    assert x.grad.tolist() == [3.0, 12.0]
    assert x.grad.requires_grad
    g = x.grad
    x.grad = None
    g.backward(wick.ones(2))
    assert x.grad.tolist() == [6.0, 12.0]


def test_backward_inputs_only_accumulates_into_inputs():
    a = wick.tensor([1.0], requires_grad=True)
    b = wick.tensor([2.0], requires_grad=True)
    (a * b).backward(wick.ones(1), inputs=[a])
    assert a.grad.tolist() == [2.0] and b.grad is None
    wick.autograd.backward([a * b], [wick.ones(1)], inputs=b)
    assert b.grad.tolist() == [1.0]


def test_autograd_backward_several_tensors():
    a = wick.tensor([1.0, 2.0], requires_grad=True)
    wick.autograd.backward([a * 2, a * a], [wick.ones(2), wick.tensor([1.0, 0.5])])
    assert a.grad.tolist() == [4.0, 4.0]
    a.grad = None
    wick.autograd.backward(a * 3, grad_variables=wick.ones(2))
    assert a.grad.tolist() == [3.0, 3.0]


def test_grad_allow_unused_and_materialize():
    a = wick.tensor([1.0], requires_grad=True)
    b = wick.tensor([2.0], requires_grad=True)
    ga, gb = wick.autograd.grad(a * 3, [a, b], wick.ones(1), allow_unused=True)
    assert ga.tolist() == [3.0] and gb is None
    ga, gb = wick.autograd.grad(a * 3, [a, b], wick.ones(1), materialize_grads=True)
    assert gb.tolist() == [0.0]
    assert a.grad is None


# ---- errors ------------------------------------------------------------------------
@needs_torch
def test_second_backward_error_matches_torch():
    def run(m):
        x = m.tensor([1.0, 2.0], requires_grad=True)
        y = x * x
        y.backward(m.ones(2))
        y.backward(m.ones(2))

    w, t = same_error(run)
    assert w == t
    assert w.startswith("Trying to backward through the graph a second time (or directly "
                        "access saved tensors after they have already been freed).")


@needs_torch
def test_inplace_on_leaf_error_matches_torch():
    def run(m):
        x = m.tensor([1.0, 2.0], requires_grad=True)
        x.add_(1)

    w, t = same_error(run)
    assert w == t == "a leaf Variable that requires grad is being used in an in-place operation."


@needs_torch
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_modified_saved_tensor_error_matches_torch(dtype):
    def run(m):
        a = m.tensor([1.0, 2.0], requires_grad=True, dtype=getattr(m, dtype))
        b = a * 2
        c = b * b
        b.add_(1)
        c.backward(m.ones(2, dtype=getattr(m, dtype)))

    w, t = same_error(run)
    # The message names tensor types as PyTorch does ([torch.FloatTensor [2]]).
    assert w == t
    assert "which is output 0 of AddBackward0, is at version 1; expected version 0" in w


@needs_torch
@pytest.mark.parametrize("case", [
    lambda m: (m.tensor([1.0, 2.0], requires_grad=True) * 2).backward(),
    lambda m: m.autograd.grad(m.tensor([1.0, 2.0], requires_grad=True) * 2,
                              m.tensor([1.0], requires_grad=True)),
    lambda m: m.tensor([1.0, 2.0]).backward(m.ones(2)),
    lambda m: m.autograd.backward([m.ones(1, requires_grad=True) * 2] * 2, [m.ones(1)]),
    lambda m: m.autograd.backward(m.ones(1, requires_grad=True) * 2, inputs=[]),
    lambda m: (m.ones(1, requires_grad=True) * 2).backward(inputs=[]),
    lambda m: (lambda x: m.autograd.grad(x * 2, [x, m.ones(1)], m.ones(1)))(
        m.ones(1, requires_grad=True)),
    lambda m: (lambda x: m.autograd.grad(x * 2, [x, m.ones(1, requires_grad=True)], m.ones(1)))(
        m.ones(1, requires_grad=True)),
])
def test_backward_errors_match_torch(case):
    w, t = same_error(case)
    assert w == t


# ---- grad modes ----------------------------------------------------------------------
def test_no_grad_forms():
    x = wick.tensor([1.0], requires_grad=True)
    with wick.no_grad():
        assert not (x * 2).requires_grad
        with wick.enable_grad():
            assert (x * 2).requires_grad
        assert not wick.is_grad_enabled()
    assert wick.is_grad_enabled()

    @wick.no_grad()
    def f(t):
        return t * 2

    @wick.no_grad
    def g(t):
        return t * 2

    assert not f(x).requires_grad and not g(x).requires_grad
    assert f.__name__ == "f" and g.__name__ == "g"
    assert wick.is_grad_enabled()

    @wick.enable_grad
    def h(t):
        return t * 2

    with wick.no_grad():
        assert h(x).requires_grad


def test_set_grad_enabled_forms():
    x = wick.tensor([1.0], requires_grad=True)
    wick.set_grad_enabled(False)
    assert not wick.is_grad_enabled() and not (x * 2).requires_grad
    wick.set_grad_enabled(True)
    assert wick.is_grad_enabled()
    with wick.set_grad_enabled(False):
        assert not wick.is_grad_enabled()
    assert wick.is_grad_enabled()

    @wick.set_grad_enabled(False)
    def f():
        return wick.is_grad_enabled()

    assert wick.is_grad_enabled()  # decorating does not switch it
    assert f() is False
    assert wick.is_grad_enabled()
    with wick.no_grad():
        with wick.set_grad_enabled(True):
            assert (x * 2).requires_grad
        assert not wick.is_grad_enabled()


def test_inference_mode_forms():
    x = wick.tensor([1.0], requires_grad=True)
    with wick.inference_mode():
        assert wick.is_inference_mode_enabled() and not wick.is_grad_enabled()
        assert not (x * 2).requires_grad
    assert not wick.is_inference_mode_enabled() and wick.is_grad_enabled()
    with wick.inference_mode(False):
        assert not wick.is_inference_mode_enabled()
        assert (x * 2).requires_grad

    @wick.inference_mode()
    def f():
        return wick.is_inference_mode_enabled()

    @wick.inference_mode
    def g():
        return wick.is_inference_mode_enabled()

    assert f() and g() and not wick.is_inference_mode_enabled()


def test_grad_mode_restored_after_exception():
    with pytest.raises(ZeroDivisionError):
        with wick.no_grad():
            1 / 0
    assert wick.is_grad_enabled()

    @wick.no_grad()
    def bad():
        raise KeyError("k")

    with pytest.raises(KeyError):
        bad()
    assert wick.is_grad_enabled()


def test_no_grad_generator_decorator():
    @wick.no_grad()
    def gen():
        for _ in range(2):
            yield wick.is_grad_enabled()

    out = []
    for v in gen():
        out.append((v, wick.is_grad_enabled()))
    assert out == [(False, True), (False, True)]


def test_grad_mode_is_thread_local():
    seen = {}

    def worker():
        seen["grad"] = wick.is_grad_enabled()
        with wick.no_grad():
            seen["inner"] = wick.is_grad_enabled()

    with wick.no_grad():
        th = threading.Thread(target=worker)
        th.start()
        th.join()
        assert not wick.is_grad_enabled()
    assert seen == {"grad": True, "inner": False}
    assert wick.is_grad_enabled()


@needs_torch
def test_no_grad_result_matches_torch():
    def run(m):
        x = m.tensor([1.0, 2.0], requires_grad=True)
        with m.no_grad():
            y = x * 2
        return y, y.grad_fn is None, y.is_leaf

    w, t = both(run)
    assert_same(w[0], t[0])
    assert w[1:] == t[1:]


# ---- anomaly mode ------------------------------------------------------------------------
@needs_torch
def test_detect_anomaly_nan_error_matches_torch():
    def run(m):
        x = m.tensor([0.0, 1.0], requires_grad=True)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with m.autograd.detect_anomaly():
                y = x * m.tensor([float("nan"), 1.0])
                y.backward(m.ones(2))

    w, t = same_error(run)
    assert w.splitlines()[0] == t.splitlines()[0] == \
        "Function 'MulBackward0' returned nan values in its 0th output."
    assert not wick.autograd.is_anomaly_enabled()


def test_detect_anomaly_forms():
    with pytest.warns(UserWarning, match="Anomaly Detection has been enabled"):
        with wick.autograd.detect_anomaly():
            assert wick.autograd.is_anomaly_enabled()
    assert not wick.autograd.is_anomaly_enabled() and not wick.is_anomaly_enabled()
    wick.autograd.set_detect_anomaly(True)
    assert wick.is_anomaly_enabled() and wick.is_anomaly_check_nan_enabled()
    assert wick.autograd.is_anomaly_enabled()
    wick.autograd.set_detect_anomaly(False)
    assert not wick.autograd.is_anomaly_enabled()
    with wick.autograd.set_detect_anomaly(True):
        assert wick.autograd.is_anomaly_enabled()
    assert not wick.autograd.is_anomaly_enabled()
    # Without anomaly mode NaN gradients pass silently.
    x = wick.tensor([0.0], requires_grad=True)
    (x / x).backward(wick.ones(1))
    assert x.grad.tolist() != x.grad.tolist()  # nan
    # check_nan=False: no NaN check.
    x.grad = None
    with wick.autograd.set_detect_anomaly(True, check_nan=False):
        (x / x).backward(wick.ones(1))
        assert not wick.autograd.is_anomaly_check_nan_enabled()
        assert wick.autograd.is_anomaly_enabled()
    assert wick.is_anomaly_check_nan_enabled() and not wick.is_anomaly_enabled()


@needs_torch
def test_detect_anomaly_decorator():
    with pytest.warns(UserWarning):
        @wick.autograd.detect_anomaly()
        def f():
            return wick.autograd.is_anomaly_enabled()

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert f() and not wick.autograd.is_anomaly_enabled()


# ---- gradcheck ------------------------------------------------------------------------------
def d(values):
    return wick.tensor(values, dtype=wick.float64, requires_grad=True)


def test_gradcheck_passes_for_correct_gradients():
    a, b = d([[1.0, 2.0], [3.0, 0.5]]), d([0.25, -1.5])
    assert wick.autograd.gradcheck(lambda x, y: x * y + x / (y * y + 1) - x ** 3, (a, b))
    assert wick.autograd.gradgradcheck(lambda x, y: x * y * x + y ** 3, (a, b))
    assert wick.autograd.gradcheck(lambda x: x * x, d([1.0, 2.0]), eps=1e-6, atol=1e-5, rtol=1e-3)
    # Non-tensor arguments and several outputs.
    assert wick.autograd.gradcheck(lambda x, k, y: (x * k, y * x), (a, 3, b))


def test_gradcheck_fails_for_wrong_gradients():
    class Bad(wick.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            return x * 2

        @staticmethod
        def backward(ctx, g):
            return g

    with pytest.raises(wick.autograd.GradcheckError,
                       match="Jacobian mismatch for output 0 with respect to input 0,\nnumerical:"):
        wick.autograd.gradcheck(Bad.apply, (d([1.0, 2.0]),))
    assert issubclass(wick.autograd.GradcheckError, RuntimeError)
    assert wick.autograd.gradcheck(Bad.apply, (d([1.0, 2.0]),), raise_exception=False) is False


@needs_torch
def test_gradcheck_errors_match_torch():
    w, t = same_error(lambda m: m.autograd.gradcheck(lambda a: a * 2, (m.ones(2, dtype=m.float64),)))
    assert w == t

    class BadFactory:
        pass

    def run(m):
        class Bad(m.autograd.Function):
            @staticmethod
            def forward(ctx, x):
                return x * 2

            @staticmethod
            def backward(ctx, g):
                return g

        m.autograd.gradcheck(Bad.apply, (m.tensor([1.0, 2.0], dtype=m.float64, requires_grad=True),))

    w, t = same_error(run)
    assert w == wick_repr(t)


def test_variable_is_tensor():
    assert wick.autograd.Variable is wick.Tensor
    assert isinstance(wick.ones(1), wick.autograd.Variable)


@needs_torch
def test_non_leaf_grad_access_warns_like_torch():
    import torch

    def msg(m):
        y = m.ones(1, requires_grad=True) * 2
        with warnings.catch_warnings(record=True) as rec:
            warnings.simplefilter("always")
            assert y.grad is None
        return [str(r.message) for r in rec if issubclass(r.category, UserWarning)]

    w, t = msg(wick), msg(torch)
    assert len(w) == len(t) == 1
    assert t[0].startswith(w[0])  # torch adds "(Triggered internally at ...)"
    y = wick.ones(1, requires_grad=True) * 2
    y.retain_grad()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert y.grad is None
        assert wick.ones(1, requires_grad=True).grad is None
