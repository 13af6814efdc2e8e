"""The seed notes' tensor and autograd examples, run through PyTorch and wick.

Each file in seed_snippets/ is one code block of ../shared/seeds/003_*.txt (the
notes this project grew from), kept as written except where the block needs
context from an earlier block or has pasted output lines (">>>tensor(6.)").
Every snippet runs twice with the same seed, `import torch` resolving to
PyTorch and then to wick, and must give the same output, the same error and
the same final variables (reprs compared with `torch.` read as `wick.`).
Values from the random generator agree too: wick's CPU generator reproduces
PyTorch's streams.
"""
import builtins
import contextlib
import io
import os
import re
import warnings

import numpy as np
import pytest

import wick
from conftest import needs_torch

HERE = os.path.join(os.path.dirname(__file__), "seed_snippets")
SNIPPETS = sorted(f[:-3] for f in os.listdir(HERE) if f.endswith(".py"))
# Interactive-session examples (">>> ..." lines) from the API pages of the notes.
DOCTESTS = sorted(f for f in os.listdir(HERE) if f.endswith(".doctest"))

# Variables holding uninitialised memory (torch.Tensor(2, 3), empty, new()):
# only their shape and dtype are compared.
UNINITIALISED = {
    "s003_02": {"a"}, "s003_05": {"a", "b", "c"}, "s003_07": {"b", "c"},
    "s003_08": {"b"}, "s003_09": {"b"}, "s003_15": {"a", "b"},
}

# nn snippets whose forward needs wick.nn.functional functions that other
# branches bind; each skips until its functions exist.
NUMBER = re.compile(r"-?\d+\.\d*(?:e[+-]\d+)?")


def same_text(a, b):
    """Equal text, except that printed floats may differ in their last digits
    (float32 sums in another order round differently, as between PyTorch builds)."""
    pa, pb = NUMBER.split(a), NUMBER.split(b)
    if pa != pb:
        return False
    for x, y in zip(NUMBER.findall(a), NUMBER.findall(b)):
        if x != y and not abs(float(x) - float(y)) <= 1e-6 + 1e-3 * abs(float(y)):
            return False
    return True


def normalise(text):
    text = text.replace("torch.", "wick.").replace("torch::", "wick::")
    text = re.sub(r"0x[0-9a-f]+", "0x?", text)
    return re.sub(r"\b\d{7,}\b", "<address>", text)  # data_ptr() and id() values


def run(module_name, source, name):
    """Runs source with `torch` meaning module_name; returns (stdout, error, globals)."""
    real_import = builtins.__import__

    def importer(mod, globals=None, locals=None, fromlist=(), level=0):
        if mod == "torch" or mod.startswith("torch."):
            mod = module_name + mod[len("torch"):]
        return real_import(mod, globals, locals, fromlist, level)

    module = real_import(module_name)
    env = {"__name__": "__main__", "np": np, "torch": module, "t": module,
           "__builtins__": dict(builtins.__dict__, __import__=importer)}
    module.manual_seed(0)
    out, error = io.StringIO(), None
    try:
        with contextlib.redirect_stdout(out), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            exec(compile(source, name, "exec"), env)
    except Exception as e:  # the notes show some errors on purpose
        error = f"{type(e).__name__}: {e}"
    finally:
        module.set_default_dtype(module.float32)
    return normalise(out.getvalue()), error and normalise(error), env


def describe(value, uninitialised):
    """What is compared of a final variable."""
    if type(value).__module__.startswith(("torch", "wick")) and hasattr(value, "shape") \
            and hasattr(value, "dtype"):
        if uninitialised:
            return ("tensor", tuple(value.shape), normalise(str(value.dtype)))
        return ("tensor", normalise(repr(value)), value.requires_grad)
    if isinstance(value, (tuple, list)):
        return type(value).__name__, [describe(v, uninitialised) for v in value]
    if isinstance(value, (int, float, bool, str)) or value is None:
        return value
    return type(value).__name__


@needs_torch
@pytest.mark.parametrize("name", SNIPPETS)
def test_seed_snippet_matches_pytorch(name):
    with open(os.path.join(HERE, name + ".py"), encoding="utf-8") as f:
        source = f.read()
    t_out, t_err, t_env = run("torch", source, name)
    w_out, w_err, w_env = run("wick", source, name)
    assert w_err == t_err
    assert same_text(w_out, t_out), f"wick printed:\n{w_out}\nPyTorch printed:\n{t_out}"
    skip = set(dir(builtins)) | {"np", "torch", "t", "__builtins__", "__name__"}
    names = sorted(k for k in t_env if k not in skip and not callable(t_env[k])
                   and not isinstance(t_env[k], type(np)))
    assert names == sorted(k for k in w_env if k not in skip and not callable(w_env[k])
                           and not isinstance(w_env[k], type(np)))
    for k in names:
        uninit = k in UNINITIALISED.get(name, ())
        assert describe(w_env[k], uninit) == describe(t_env[k], uninit), k


def run_session(module_name, text):
    """Runs each >>> example as the interactive interpreter would; returns what
    each one prints (expressions print their repr), normalised."""
    import doctest
    import sys
    module = __import__(module_name)
    module.manual_seed(0)
    env = {"torch": module, "np": np}
    shown = []
    for example in doctest.DocTestParser().get_examples(text):
        out = io.StringIO()
        old_hook = sys.displayhook
        sys.displayhook = lambda v: v is None or print(repr(v))
        try:
            with contextlib.redirect_stdout(out):
                exec(compile(example.source, "<session>", "single"), env)
        except Exception as e:
            out.write(f"{type(e).__name__}: {e}")
        finally:
            sys.displayhook = old_hook
        shown.append(normalise(out.getvalue()))
    return shown


@needs_torch
@pytest.mark.parametrize("name", DOCTESTS)
def test_seed_session_matches_pytorch(name):
    with open(os.path.join(HERE, name), encoding="utf-8") as f:
        text = f.read()
    t, w = run_session("torch", text), run_session("wick", text)
    assert len(t) >= 2
    assert w == t


def test_every_snippet_is_collected():
    assert len(SNIPPETS) >= 30 and len(DOCTESTS) >= 9


# The API pages of seed notes 000 give these signatures; every keyword they name
# must be accepted, and the results must equal PyTorch's.
SIGNATURE_CALLS = [
    lambda m: m.cat(tensors=[m.ones(2, 1), m.zeros(2, 1)], dim=0),
    lambda m: m.cat([m.ones(2, 1), m.zeros(2, 1)], 1, out=m.empty(0)),
    lambda m: m.flatten(input=m.ones(2, 3, 4), start_dim=0, end_dim=-1),
    lambda m: m.flatten(m.ones(2, 3, 4), start_dim=1),
    lambda m: m.linspace(start=1, end=10, steps=6, out=None, dtype=m.float64,
                         layout=m.strided, device=None, requires_grad=False),
    lambda m: m.linspace(0, 1, 3, out=m.empty(0)),
    lambda m: m.meshgrid(m.arange(2), m.arange(3), indexing="xy"),
    lambda m: m.meshgrid([m.arange(2), m.arange(3)], indexing="ij"),
    lambda m: m.permute(input=m.ones(2, 3, 4), dims=(2, 0, 1)),
    lambda m: m.reshape(input=m.arange(6), shape=(2, 3)),
    lambda m: m.stack(tensors=[m.ones(2), m.zeros(2)], dim=0),
    lambda m: m.stack([m.ones(2), m.zeros(2)], 1, out=m.empty(0)),
    lambda m: m.unsqueeze(input=m.ones(3), dim=0),
    lambda m: m.tensor([[1], [2]]).expand(2, 3),
    lambda m: m.tensor([[1], [2]]).expand(m.Size([2, 3])),
    lambda m: m.ones(2, 3, 4).flatten(start_dim=0, end_dim=-1),
    lambda m: m.ones(2, 3, 4).permute(2, 0, 1),
    lambda m: m.ones(2, 3, 4).permute((2, 0, 1)),
    lambda m: m.tensor([1, 2]).repeat(2, 2),
    lambda m: m.tensor([1, 2]).repeat(m.Size([2, 2])),
    lambda m: m.arange(6).reshape(2, 3),
    lambda m: m.arange(6).reshape((3, 2)),
    lambda m: m.arange(6).view(3, 2),
    lambda m: m.arange(6).view(m.Size([2, 3])),
]


@needs_torch
@pytest.mark.parametrize("case", range(len(SIGNATURE_CALLS)))
def test_seed_api_signatures(case):
    from conftest import assert_same, both
    w, t = both(SIGNATURE_CALLS[case])
    assert_same(w, t)
