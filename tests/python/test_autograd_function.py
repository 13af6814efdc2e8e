"""wick.autograd.Function: custom Python functions with forward/backward."""
import gc

import pytest

import wick
from conftest import assert_same, both, needs_torch


def make_classes(m):
    class MulAdd(m.autograd.Function):
        @staticmethod
        def forward(ctx, w, x, b, scale=1.0):
            ctx.save_for_backward(w, x)
            ctx.scale = scale
            return (w * x + b) * scale

        @staticmethod
        def backward(ctx, g):
            w, x = ctx.saved_tensors
            s = ctx.scale
            return g * x * s, g * w * s, g * s, None

    class Cube(m.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            ctx.save_for_backward(x)
            return x * x * x

        @staticmethod
        def backward(ctx, g):
            (x,) = ctx.saved_tensors
            return g * 3 * x * x  # differentiable: double backward works

    class Split(m.autograd.Function):
        @staticmethod
        def forward(ctx, x, k):
            return x * k, k + 1, (x * 2).long(), x - 1

        @staticmethod
        def backward(ctx, g0, g1, g2, g3):
            ctx.seen = (g0, g1, g2, g3)
            return g0 * 2 + g3, None

    return MulAdd, Cube, Split


@needs_torch
def test_function_grads_and_names_match_torch():
    def run(m):
        MulAdd, _, _ = make_classes(m)
        w = m.tensor([1.0, 2.0], requires_grad=True)
        x = m.tensor([3.0, 4.0], requires_grad=True)
        b = m.tensor([0.5, 0.5])
        y = MulAdd.apply(w, x, b, 2.0)
        names = (y.grad_fn.name(), [None if f is None else f.name().split("::")[-1]
                                    for f, _ in y.grad_fn.next_functions])
        y.backward(m.ones(2))
        return y.detach(), w.grad, x.grad, b.grad, names

    w, t = both(run)
    assert_same(list(w[:3]), list(t[:3]))
    assert w[3] is None and t[3] is None
    assert w[4] == t[4] == ("MulAddBackward", ["AccumulateGrad", "AccumulateGrad", None])


def test_function_node_repr_and_ctx_attributes():
    MulAdd, _, _ = make_classes(wick)
    w = wick.tensor([1.0], requires_grad=True)
    y = MulAdd.apply(w, w, w, scale=3.0)
    assert repr(y.grad_fn).startswith("<wick.autograd.function.MulAddBackward object at 0x")
    assert y.grad_fn.scale == 3.0  # ctx attributes, through the node
    gc.collect()
    assert y.grad_fn.scale == 3.0
    assert y.grad_fn.needs_input_grad == (True, True, True)
    assert len(y.grad_fn.saved_tensors) == 2
    with pytest.raises(AttributeError):
        y.grad_fn.no_such_attribute
    y.backward(wick.ones(1))
    assert w.grad.tolist() == [3.0 + 3.0 + 3.0]


@needs_torch
def test_needs_input_grad_matches_torch():
    def run(m):
        seen = []

        class F(m.autograd.Function):
            @staticmethod
            def forward(ctx, a, k, b):
                seen.append(ctx.needs_input_grad)
                return a * k + b

            @staticmethod
            def backward(ctx, g):
                return g, None, None

        a = m.tensor([1.0], requires_grad=True)
        F.apply(a, 2, m.tensor([1.0]))
        F.apply(m.tensor([1.0]), 2, a)
        with m.no_grad():
            F.apply(a, 2, a)
        return seen

    w, t = both(run)
    assert w == t


@needs_torch
def test_non_tensor_and_multiple_outputs_match_torch():
    def run(m):
        _, _, Split = make_classes(m)
        x = m.tensor([1.0, 2.0], requires_grad=True)
        a, k, idx, c = Split.apply(x, 3)
        info = (k, idx.requires_grad, a.requires_grad, c.requires_grad, idx.dtype)
        a.backward(m.ones(2), retain_graph=True)
        seen = a.grad_fn.seen
        c.backward(m.ones(2))
        return info, seen, x.grad

    w, t = both(run)
    wi, ti = w[0], t[0]
    assert wi[:4] == ti[:4] and str(wi[4]) == str(ti[4]).replace("torch", "wick")
    ws, ts = w[1], t[1]
    assert_same(ws[0], ts[0])
    assert ws[1] is None and ts[1] is None  # the int output
    assert_same(ws[2], ts[2])  # int64 tensor output: zeros
    assert_same(ws[3], ts[3])  # materialized zeros
    assert_same(w[2], t[2])


@needs_torch
def test_set_materialize_grads_false_passes_none():
    def run(m):
        seen = []

        class Two(m.autograd.Function):
            @staticmethod
            def forward(ctx, x):
                ctx.set_materialize_grads(False)
                return x * 2, x * 3

            @staticmethod
            def backward(ctx, g0, g1):
                seen.append((g0 is None, g1 is None))
                return g0 * 2 if g0 is not None else None

        x = m.tensor([1.0], requires_grad=True)
        a, b = Two.apply(x)
        a.backward(m.ones(1))
        return seen, x.grad

    w, t = both(run)
    assert w[0] == t[0] == [(False, True)]
    assert_same(w[1], t[1])


@needs_torch
def test_mark_non_differentiable_matches_torch():
    def run(m):
        got = []

        class F(m.autograd.Function):
            @staticmethod
            def forward(ctx, a):
                b = a * 2
                ctx.mark_non_differentiable(b)
                return a * 1, b

            @staticmethod
            def backward(ctx, g, gb):
                got.append(gb)
                return g

        x = m.tensor([1.0, 2.0], requires_grad=True)
        q = F.apply(x)
        q[0].backward(m.ones(2))
        return q[1].requires_grad, got, x.grad

    w, t = both(run)
    assert w[0] == t[0] is False
    assert_same(w[1], t[1])
    assert_same(w[2], t[2])


@needs_torch
def test_mark_dirty_matches_torch():
    def run(m):
        class Double_(m.autograd.Function):
            @staticmethod
            def forward(ctx, a):
                a.mul_(2)
                ctx.mark_dirty(a)
                return a

            @staticmethod
            def backward(ctx, g):
                return g * 2

        x = m.tensor([1.0, 2.0], requires_grad=True)
        y = x * 1
        z = Double_.apply(y)
        same = z is y
        name = y.grad_fn.name()
        (z * z).backward(m.ones(2))
        return same, name, z.detach(), x.grad

    w, t = both(run)
    assert w[:2] == t[:2]
    assert_same(list(w[2:]), list(t[2:]))


@needs_torch
def test_input_returned_unchanged():
    def run(m):
        class Ident(m.autograd.Function):
            @staticmethod
            def forward(ctx, a):
                return a

            @staticmethod
            def backward(ctx, g):
                return g * 5

        x = m.tensor([1.0], requires_grad=True)
        y = Ident.apply(x)
        r = (y is x, y.grad_fn.name(), y.is_leaf)
        y.backward(m.ones(1))
        return r, x.grad

    w, t = both(run)
    assert w[0] == t[0]
    assert_same(w[1], t[1])


@needs_torch
def test_double_backward_through_function_matches_torch():
    def run(m):
        _, Cube, _ = make_classes(m)
        x = m.tensor([2.0, -1.0], requires_grad=True)
        y = Cube.apply(x)
        (g,) = m.autograd.grad(y, x, m.ones(2), create_graph=True)
        (gg,) = m.autograd.grad(g, x, m.ones(2))
        return g.detach(), gg

    w, t = both(run)
    assert_same(list(w), list(t))
    x = wick.tensor([2.0], dtype=wick.float64, requires_grad=True)
    _, Cube, _ = make_classes(wick)
    assert wick.autograd.gradcheck(Cube.apply, (x,))
    assert wick.autograd.gradgradcheck(Cube.apply, (x,))


def test_setup_context_style():
    class Mul(wick.autograd.Function):
        @staticmethod
        def forward(a, b):
            return a * b

        @staticmethod
        def setup_context(ctx, inputs, output):
            ctx.save_for_backward(*inputs)

        @staticmethod
        def backward(ctx, g):
            a, b = ctx.saved_tensors
            return g * b, g * a

    a = wick.tensor([2.0], requires_grad=True)
    b = wick.tensor([5.0], requires_grad=True)
    Mul.apply(a, b).backward(wick.ones(1))
    assert a.grad.tolist() == [5.0] and b.grad.tolist() == [2.0]


def test_once_differentiable_and_kwargs():
    class Scale(wick.autograd.Function):
        @staticmethod
        def forward(ctx, a, *, factor):
            ctx.factor = factor
            return a * factor

        @staticmethod
        @wick.autograd.once_differentiable
        def backward(ctx, g):
            assert not wick.is_grad_enabled()
            return g * ctx.factor

    a = wick.tensor([2.0], requires_grad=True)
    Scale.apply(a, factor=4.0).backward(wick.ones(1))
    assert a.grad.tolist() == [4.0]


# ---- errors ---------------------------------------------------------------------------------
def same_error(run):
    import torch
    with pytest.raises(Exception) as ti:
        run(torch)
    with pytest.raises(Exception) as wi:
        run(wick)
    assert wi.type.__name__ == ti.type.__name__, (wi.value, ti.value)
    # Messages name wick's API where PyTorch's names torch's (the tensor type
    # strings, [torch.FloatTensor [2]], keep PyTorch's spelling as t.type() does).
    assert str(wi.value) == str(ti.value).replace("torch.autograd.", "wick.autograd.")
    return str(wi.value)


@needs_torch
def test_wrong_number_of_gradients_error_matches_torch():
    def run(m):
        class MyFn(m.autograd.Function):
            @staticmethod
            def forward(ctx, a, b):
                return a * b

            @staticmethod
            def backward(ctx, g):
                return g

        x = m.tensor([1.0, 2.0], requires_grad=True)
        MyFn.apply(x, x).backward(m.ones(2))

    msg = same_error(run)
    assert msg == "function MyFnBackward returned an incorrect number of gradients (expected 2, got 1)"


@needs_torch
def test_gradient_for_non_tensor_input_error_matches_torch():
    def run(m):
        class MyFn(m.autograd.Function):
            @staticmethod
            def forward(ctx, a, k):
                return a * k

            @staticmethod
            def backward(ctx, g):
                return g, g

        MyFn.apply(m.tensor([1.0], requires_grad=True), 2).backward(m.ones(1))

    same_error(run)


@needs_torch
def test_saved_tensors_after_free_error_matches_torch():
    def run(m):
        MulAdd, _, _ = make_classes(m)
        w = m.tensor([1.0], requires_grad=True)
        y = MulAdd.apply(w, w, w)
        y.backward(m.ones(1))
        y.grad_fn.saved_tensors

    msg = same_error(run)
    assert msg.startswith("Trying to backward through the graph a second time")


@needs_torch
@pytest.mark.parametrize("case", ["save_int", "no_forward", "second_backward"])
def test_function_errors_match_torch(case):
    def run(m):
        class F(m.autograd.Function):
            @staticmethod
            def forward(ctx, a):
                if case == "save_int":
                    ctx.save_for_backward(3)
                ctx.save_for_backward(a)
                return a * 2

            @staticmethod
            def backward(ctx, g):
                (a,) = ctx.saved_tensors
                return g * a

        x = m.tensor([1.0], requires_grad=True)
        if case == "no_forward":
            m.autograd.Function.apply(x)
        y = F.apply(x)
        y.backward(m.ones(1))
        y.backward(m.ones(1))

    same_error(run)


def test_exceptions_in_forward_and_backward_propagate():
    class Boom(Exception):
        pass

    class F(wick.autograd.Function):
        @staticmethod
        def forward(ctx, a, fail_forward):
            if fail_forward:
                raise Boom("forward")
            return a * 2

        @staticmethod
        def backward(ctx, g):
            raise Boom("backward")

    x = wick.tensor([1.0], requires_grad=True)
    with pytest.raises(Boom, match="forward"):
        F.apply(x, True)
    assert wick.is_grad_enabled()
    with pytest.raises(Boom, match="backward"):
        F.apply(x, False).backward(wick.ones(1))


def test_function_without_grad_inputs_gives_plain_outputs():
    _, Cube, _ = make_classes(wick)
    y = Cube.apply(wick.tensor([2.0]))
    assert y.grad_fn is None and not y.requires_grad
    assert y.tolist() == [8.0]


def test_function_graph_is_freed():
    import weakref

    class Payload:
        pass

    class F(wick.autograd.Function):
        @staticmethod
        def forward(ctx, a):
            ctx.payload = Payload()
            ctx.save_for_backward(a)
            return a * 2

        @staticmethod
        def backward(ctx, g):
            return g * 2

    x = wick.tensor([1.0], requires_grad=True)
    y = F.apply(x)
    ref = weakref.ref(y.grad_fn.payload)
    y.backward(wick.ones(1))
    del y
    gc.collect()
    assert ref() is None


@needs_torch
def test_reentrant_backward_and_modified_saved_tensor_match_torch():
    def run(m):
        class Reentrant(m.autograd.Function):
            @staticmethod
            def forward(ctx, x):
                ctx.save_for_backward(x)
                return x * 2

            @staticmethod
            def backward(ctx, g):
                (x,) = ctx.saved_tensors
                with m.enable_grad():
                    xd = x.detach().requires_grad_()
                    (gx,) = m.autograd.grad(xd * xd * xd, xd, g)
                return gx

        x = m.tensor([1.0, 2.0], requires_grad=True)
        Reentrant.apply(x).backward(m.ones(2))
        return x.grad

    w, t = both(run)
    assert_same(w, t)

    def modified(m):
        class Sv(m.autograd.Function):
            @staticmethod
            def forward(ctx, x):
                ctx.save_for_backward(x)
                return x * 2

            @staticmethod
            def backward(ctx, g):
                (x,) = ctx.saved_tensors
                return g * x

        b = m.tensor([1.0, 2.0], requires_grad=True) * 1
        y = Sv.apply(b)
        b.add_(1)
        y.backward(m.ones(2))

    msg = same_error(modified)
    assert "which is output 0 of AddBackward0, is at version 1; expected version 0" in msg


def test_functions_and_hooks_from_many_threads():
    import threading

    class Sq(wick.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            ctx.save_for_backward(x)
            ctx.blob = [x]
            return x * x

        @staticmethod
        def backward(ctx, g):
            (x,) = ctx.saved_tensors
            return g * 2 * x

    errors = []

    def work():
        try:
            for k in range(60):
                x = wick.tensor([1.0, 2.0], requires_grad=True)
                y = Sq.apply(x * 1)
                y.register_hook(lambda g: g * 1)
                y.grad_fn.register_hook(lambda gi, go: None)
                y.grad_fn.metadata["k"] = k
                z = y * 3
                if k % 2:
                    z.backward(wick.ones(2))
                    assert x.grad.tolist() == [6.0, 12.0]
                else:
                    (g,) = wick.autograd.grad(z, x, wick.ones(2), create_graph=True)
                    g.backward(wick.ones(2))
                    assert x.grad.tolist() == [6.0, 6.0]
                if k % 20 == 0:
                    gc.collect()
        except Exception as e:  # noqa: BLE001
            errors.append(repr(e))

    threads = [threading.Thread(target=work) for _ in range(6)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert errors == []


@needs_torch
def test_grad_fn_is_the_ctx_like_torch():
    def run(m):
        kept = []

        class MyFn(m.autograd.Function):
            @staticmethod
            def forward(ctx, a):
                kept.append(ctx)
                ctx.tag = "t"
                return a * 2

            @staticmethod
            def backward(ctx, g):
                kept.append(ctx)
                return g * 2

        x = m.tensor([1.0], requires_grad=True)
        y = MyFn.apply(x)
        z = y * 1
        info = (type(y.grad_fn).__name__, y.grad_fn is kept[0], y.grad_fn is y.grad_fn,
                z.grad_fn.next_functions[0][0] is y.grad_fn, y.grad_fn.tag,
                # torch 1.13 has no autograd.graph.Node (2.x does)
                isinstance(y.grad_fn, m.autograd.graph.Node) if m is wick else True,
                repr(y.grad_fn).split(" object at ")[0])
        z.backward(m.ones(1))
        return info + (kept[1] is kept[0],)

    w, t = both(run)
    assert w == (t[0],) + t[1:6] + (t[6].replace("torch.", "wick."),) + t[7:]
    assert w[0] == "MyFnBackward"


def test_function_node_hooks_and_metadata():
    class F(wick.autograd.Function):
        @staticmethod
        def forward(ctx, a):
            return a * 2

        @staticmethod
        def backward(ctx, g):
            return g * 2

    x = wick.tensor([1.0], requires_grad=True)
    y = F.apply(x)
    seen = []
    y.grad_fn.register_prehook(lambda go: seen.append("pre"))
    h = y.grad_fn.register_hook(lambda gi, go: (gi[0] * 10,))
    y.grad_fn.metadata["a"] = 1
    assert y.grad_fn.metadata == {"a": 1}
    assert y.grad_fn.next_functions[0][0].variable is x
    y.backward(wick.ones(1), retain_graph=True)
    assert x.grad.tolist() == [20.0] and seen == ["pre"]
    h.remove()
    y.backward(wick.ones(1))
    assert x.grad.tolist() == [22.0]


def test_vjp_alias_and_grad_mode_module():
    class F(wick.autograd.Function):
        @staticmethod
        def forward(ctx, a):
            return a * 2

        @staticmethod
        def vjp(ctx, g):
            return g * 7

    x = wick.tensor([1.0], requires_grad=True)
    F.apply(x).backward(wick.ones(1))
    assert x.grad.tolist() == [7.0]
    assert wick.autograd.grad_mode.no_grad is wick.no_grad


@needs_torch
def test_saved_output_double_backward_matches_torch():
    def run(m):
        class Cube(m.autograd.Function):
            @staticmethod
            def forward(ctx, x):
                y = x * x * x
                ctx.save_for_backward(x, y)
                return y

            @staticmethod
            def backward(ctx, g):
                x, y = ctx.saved_tensors
                return g * 3 * y / x

        x = m.tensor([2.0, -1.5], dtype=m.float64, requires_grad=True)
        y = Cube.apply(x)
        (g,) = m.autograd.grad(y, x, m.ones(2, dtype=m.float64), create_graph=True)
        (gg,) = m.autograd.grad(g, x, m.ones(2, dtype=m.float64))
        return g.detach(), gg

    w, t = both(run)
    assert_same(list(w), list(t))


@needs_torch
@pytest.mark.parametrize("case", ["shape", "non_tensor"])
def test_bad_gradient_from_backward_matches_torch(case):
    def run(m):
        class F(m.autograd.Function):
            @staticmethod
            def forward(ctx, a):
                return a * 2

            @staticmethod
            def backward(ctx, g):
                return m.ones(3) if case == "shape" else "x"

        F.apply(m.ones(2, requires_grad=True)).backward(m.ones(2))

    same_error(run)


@needs_torch
@pytest.mark.parametrize("case", ["leaf", "not_returned"])
def test_mark_dirty_errors_match_torch(case):
    def run(m):
        class D(m.autograd.Function):
            @staticmethod
            def forward(ctx, a):
                a.mul_(2)
                ctx.mark_dirty(a)
                return a if case == "leaf" else a * 2

            @staticmethod
            def backward(ctx, g):
                return g * 2

        x = m.ones(2, requires_grad=True)
        D.apply(x if case == "leaf" else x * 1)

    same_error(run)
