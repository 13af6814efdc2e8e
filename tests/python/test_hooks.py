"""Hooks from Python: tensor hooks, retain_grad, post-accumulate hooks, node
hooks and pre-hooks, removable handles, node metadata, exceptions in hooks."""
import gc
import threading
import warnings

import pytest

import wick
from conftest import assert_same, both, needs_torch


class HookError(Exception):
    pass


# ---- tensor hooks -----------------------------------------------------------------------
@needs_torch
def test_tensor_hook_sees_and_replaces_gradient_like_torch():
    def run(m):
        seen = []
        x = m.tensor([1.0, 2.0], requires_grad=True)
        y = x * x
        y.register_hook(lambda g: seen.append(g.clone()))
        y.register_hook(lambda g: g * 10)
        y.register_hook(lambda g: seen.append(g.clone()))
        x.register_hook(lambda g: seen.append(g.clone()))
        (y * 3).backward(m.ones(2))
        return seen, x.grad

    w, t = both(run)
    assert_same(w[0], t[0])
    assert_same(w[1], t[1])


def test_hook_handle_remove_and_context_manager():
    x = wick.tensor([1.0, 2.0], requires_grad=True)
    calls = []
    h = x.register_hook(lambda g: calls.append(1) or g * 2)
    assert isinstance(h.id, int)
    (x * 1).backward(wick.ones(2))
    assert x.grad.tolist() == [2.0, 2.0] and calls == [1]
    h.remove()
    h.remove()  # removing twice is fine
    x.grad = None
    (x * 1).backward(wick.ones(2))
    assert x.grad.tolist() == [1.0, 1.0] and calls == [1]
    x.grad = None
    with x.register_hook(lambda g: g * 5):
        (x * 1).backward(wick.ones(2))
    assert x.grad.tolist() == [5.0, 5.0]
    x.grad = None
    (x * 1).backward(wick.ones(2))
    assert x.grad.tolist() == [1.0, 1.0]


def test_leaf_hook_registered_after_graph_was_built():
    x = wick.tensor([1.0], requires_grad=True)
    y = x * 4
    x.register_hook(lambda g: g + 1)
    y.backward(wick.ones(1))
    assert x.grad.tolist() == [5.0]


@needs_torch
@pytest.mark.parametrize("case", [
    lambda m: m.tensor([1.0]).register_hook(lambda g: g),
    lambda m: ((lambda y: (y.register_hook(lambda g: 5), y.backward(m.ones(1))))
               (m.tensor([1.0], requires_grad=True) * 2)),
])
def test_tensor_hook_errors_match_torch(case):
    import torch
    w, t = type(None), None
    try:
        case(torch)
    except Exception as e:  # noqa: BLE001
        t = (type(e), str(e))
    with pytest.raises(Exception) as info:
        case(wick)
    assert (info.type.__name__, str(info.value)) == (t[0].__name__, t[1])


def test_exception_in_tensor_hook_propagates_unchanged():
    x = wick.tensor([1.0, 2.0], requires_grad=True)
    y = x * 2

    def bad(g):
        raise HookError("from the hook")

    y.register_hook(bad)
    with pytest.raises(HookError, match="^from the hook$"):
        y.backward(wick.ones(2))
    # A failed backward leaves the interpreter usable, and other graphs work.
    z = x * 3
    z.backward(wick.ones(2))
    assert x.grad.tolist() == [3.0, 3.0]


def test_exception_in_leaf_hook_and_in_grad():
    x = wick.tensor([1.0], requires_grad=True)
    x.register_hook(lambda g: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        wick.autograd.grad(x * 2, x)


def test_hook_runs_on_backward_from_another_thread():
    x = wick.tensor([1.0, 2.0], requires_grad=True)
    seen = []
    x.register_hook(lambda g: seen.append(threading.current_thread().name) or g * 2)
    errors = []

    def work():
        try:
            (x * 3).backward(wick.ones(2))
        except Exception as e:  # noqa: BLE001
            errors.append(e)

    ths = [threading.Thread(target=work, name=f"t{i}") for i in range(4)]
    for th in ths:
        th.start()
    for th in ths:
        th.join()
    assert not errors
    assert sorted(seen) == ["t0", "t1", "t2", "t3"]
    assert x.grad.tolist() == [24.0, 24.0]


def test_hook_objects_are_released():
    import weakref

    class Hook:
        def __call__(self, g):
            return None

    hook = Hook()
    ref = weakref.ref(hook)
    x = wick.tensor([1.0], requires_grad=True)
    y = x * 2
    y.register_hook(hook)
    del hook
    assert ref() is not None
    y.backward(wick.ones(1))
    del y
    gc.collect()
    assert ref() is None


# ---- retain_grad --------------------------------------------------------------------------
@needs_torch
def test_retain_grad_matches_torch():
    def run(m):
        x = m.tensor([1.0, 2.0], requires_grad=True)
        y = x * x
        before = y.retains_grad
        y.retain_grad()
        y.retain_grad()
        z = y * 3
        z.backward(m.ones(2), retain_graph=True)
        z.backward(m.ones(2))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # z.grad of a non-leaf warns
            return before, y.retains_grad, x.retains_grad, y.grad, x.grad, z.grad is None

    w, t = both(run)
    assert w[:3] == t[:3]
    assert_same(w[3], t[3])
    assert_same(w[4], t[4])
    assert w[5] == t[5]


# ---- post-accumulate-grad hooks ----------------------------------------------------------
def test_post_accumulate_grad_hook():
    x = wick.tensor([1.0, 2.0], requires_grad=True)
    seen = []
    h = x.register_post_accumulate_grad_hook(lambda t: seen.append((t is x, t.grad.tolist())))
    (x * 2).backward(wick.ones(2))
    assert seen == [(True, [2.0, 2.0])]
    h.remove()
    (x * 2).backward(wick.ones(2))
    assert len(seen) == 1
    with pytest.raises(RuntimeError, match="post accumulate grad hooks cannot be registered on "
                                           "non-leaf tensors"):
        (x * 2).register_post_accumulate_grad_hook(lambda t: None)


# ---- node hooks ------------------------------------------------------------------------------
@needs_torch
def test_node_hooks_see_what_torch_passes():
    def run(m):
        seen = []
        a = m.tensor([1.0, 2.0], requires_grad=True)
        b = m.tensor([3.0, 4.0])
        y = a * b
        y.grad_fn.register_prehook(lambda go: seen.append(("pre", go)))
        y.grad_fn.register_hook(lambda gi, go: seen.append(("post", gi, go)))
        y.backward(m.tensor([1.0, 0.5]))
        return seen

    w, t = both(run)
    assert len(w) == len(t) == 2
    assert w[0][0] == "pre" and w[1][0] == "post"
    assert_same(list(w[0][1]), list(t[0][1]))
    assert w[1][1][1] is None and t[1][1][1] is None
    assert_same(w[1][1][0], t[1][1][0])
    assert_same(list(w[1][2]), list(t[1][2]))


@needs_torch
def test_node_hooks_replace_gradients_like_torch():
    def run(m):
        a = m.tensor([1.0, 2.0], requires_grad=True)
        y = a * 3
        y.grad_fn.register_prehook(lambda go: (go[0] * 2,))
        y.grad_fn.register_hook(lambda gi, go: (gi[0] + 1, None))
        y.backward(m.ones(2))
        return a.grad

    w, t = both(run)
    assert_same(w, t)


def test_node_hook_removal():
    a = wick.tensor([1.0], requires_grad=True)
    y = a * 3
    h1 = y.grad_fn.register_prehook(lambda go: (go[0] * 2,))
    h2 = y.grad_fn.register_hook(lambda gi, go: (gi[0] * 10,))
    h1.remove()
    h2.remove()
    y.backward(wick.ones(1))
    assert a.grad.tolist() == [3.0]


def test_accumulate_grad_node_hook():
    a = wick.tensor([1.0], requires_grad=True)
    y = a * 3
    acc = y.grad_fn.next_functions[0][0]
    seen = []
    acc.register_prehook(lambda go: (go[0] * 2,))
    acc.register_hook(lambda gi, go: seen.append((gi, go[0].tolist())))
    y.backward(wick.ones(1))
    assert a.grad.tolist() == [6.0]
    assert seen == [((), [6.0])]


@needs_torch
@pytest.mark.parametrize("which", ["post_type", "pre_count", "post_count"])
def test_node_hook_errors_match_torch(which):
    import torch

    def run(m):
        y = m.tensor([1.0, 2.0], requires_grad=True) * 2
        if which == "post_type":
            y.grad_fn.register_hook(lambda gi, go: 1)
        elif which == "pre_count":
            y.grad_fn.register_prehook(lambda go: (go[0], go[0]))
        else:
            y.grad_fn.register_hook(lambda gi, go: ())
        y.backward(m.ones(2))

    with pytest.raises(Exception) as ti:
        run(torch)
    with pytest.raises(Exception) as wi:
        run(wick)
    assert wi.type.__name__ == ti.type.__name__
    assert str(wi.value) == str(ti.value)


def test_exception_in_node_hook_propagates():
    y = wick.tensor([1.0], requires_grad=True) * 2

    def hook(gi, go):
        raise HookError("node hook")

    y.grad_fn.register_hook(hook)
    with pytest.raises(HookError, match="node hook"):
        y.backward(wick.ones(1))


# ---- metadata ------------------------------------------------------------------------------
def test_node_metadata_persists_with_the_node():
    a = wick.tensor([1.0], requires_grad=True)
    y = a * 2
    assert y.grad_fn.metadata == {}
    y.grad_fn.metadata["tag"] = "mine"
    gc.collect()  # the node's Python wrapper is gone; the dict is not
    assert y.grad_fn.metadata == {"tag": "mine"}
    assert y.grad_fn.metadata is y.grad_fn.metadata
    z = a * 2
    assert z.grad_fn.metadata == {}
    y.backward(wick.ones(1))
    assert a.grad.tolist() == [2.0]


def test_removable_handle_class():
    from wick.utils.hooks import RemovableHandle
    x = wick.tensor([1.0], requires_grad=True)
    h = x.register_hook(lambda g: None)
    assert isinstance(h, RemovableHandle)
    assert isinstance((x * 2).grad_fn.register_hook(lambda gi, go: None), RemovableHandle)
    assert wick.autograd.graph.RemovableHandle is RemovableHandle


@needs_torch
@pytest.mark.parametrize("case", ["size", "dtype", "leaf_size"])
def test_tensor_hook_changing_value_errors_match_torch(case):
    import torch

    def run(m):
        x = m.ones(2, requires_grad=True)
        y = x * 2
        if case == "size":
            y.register_hook(lambda g: m.ones(3))
        elif case == "dtype":
            y.register_hook(lambda g: g.double())
        else:
            x.register_hook(lambda g: m.ones(3))
        y.backward(m.ones(2))

    with pytest.raises(Exception) as ti:
        run(torch)
    with pytest.raises(Exception) as wi:
        run(wick)
    assert (wi.type, str(wi.value)) == (ti.type, str(ti.value))


def test_interpreter_exit_with_live_graphs_holding_python_objects():
    import os
    import subprocess
    import sys
    code = """
import wick
class F(wick.autograd.Function):
    @staticmethod
    def forward(ctx, a):
        ctx.save_for_backward(a)
        ctx.k = [a]
        return a * 2
    @staticmethod
    def backward(ctx, g):
        return g
x = wick.ones(2, requires_grad=True)
y = F.apply(x * 1)
y.register_hook(lambda g: g)
y.grad_fn.metadata["a"] = y
x.register_hook(lambda g: g)
z = y * 2
z.grad_fn.register_hook(lambda a, b: None)
keep = [z, y, x]
print("done")
"""
    root = os.path.join(os.path.dirname(__file__), "..", "..", "python")
    env = dict(os.environ, PYTHONPATH=root)
    r = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                       timeout=60)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "done"
