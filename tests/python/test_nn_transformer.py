"""Attention and transformers against PyTorch.

torch 1.13 (the reference here) has no F.scaled_dot_product_attention: it is
compared with the math composite written with 1.13 ops. Modules take the same
weights (state_dict from torch) and must give the same outputs and gradients
of inputs and every parameter; masks of each kind, errors, reprs, state_dict
keys, same-seed initialisation and train-mode dropout are checked too."""
import math

import numpy as np
import pytest

import wick
from conftest import needs_torch, wick_repr

pytestmark = needs_torch

TOL = dict(rtol=1e-9, atol=1e-10)


def W(t, requires_grad=None):
    """A torch tensor as a wick tensor (values copied)."""
    w = wick.from_numpy(t.detach().numpy().copy())
    rg = t.requires_grad if requires_grad is None else requires_grad
    if rg:
        w.requires_grad_(True)
    return w


def close(w, t, rtol=1e-9, atol=1e-10):
    assert tuple(w.shape) == tuple(t.shape), f"{tuple(w.shape)} != {tuple(t.shape)}"
    assert str(w.dtype) == wick_repr(str(t.dtype))
    np.testing.assert_allclose(w.detach().numpy(), t.detach().numpy(), rtol=rtol, atol=atol,
                               equal_nan=True)


def error_of(fn):
    try:
        fn()
    except Exception as e:  # noqa: BLE001
        return type(e).__name__, wick_repr(str(e))
    return None


def ref_sdpa(torch, q, k, v, attn_mask=None, dropout_p=0.0, is_causal=False, scale=None):
    """PyTorch 2.x's math path, in torch 1.13 ops."""
    L, S = q.size(-2), k.size(-2)
    s = 1 / math.sqrt(q.size(-1)) if scale is None else scale
    attn = q @ k.transpose(-2, -1) * s
    if is_causal:
        attn_mask = torch.ones(L, S, dtype=torch.bool).tril()
    if attn_mask is not None:
        if attn_mask.dtype == torch.bool:
            attn = attn.masked_fill(attn_mask.logical_not(), float("-inf"))
        else:
            attn = attn + attn_mask
    attn = torch.softmax(attn, -1)
    if dropout_p > 0:
        attn = torch.nn.functional.dropout(attn, dropout_p)
    return attn @ v


# ---- scaled_dot_product_attention -------------------------------------------------------

SDPA_CASES = [
    # (id, q shape, k shape, v shape, mask kind, is_causal, scale)
    ("basic", (2, 3, 4, 5), (2, 3, 6, 5), (2, 3, 6, 7), None, False, None),
    ("3d", (3, 4, 5), (3, 6, 5), (3, 6, 2), None, False, None),
    ("2d", (4, 5), (6, 5), (6, 3), None, False, None),
    ("broadcast_batch", (2, 3, 4, 5), (1, 3, 6, 5), (2, 1, 6, 5), None, False, None),
    ("bool_mask", (2, 3, 4, 5), (2, 3, 6, 5), (2, 3, 6, 5), "bool", False, None),
    ("float_mask", (2, 3, 4, 5), (2, 3, 6, 5), (2, 3, 6, 5), "float", False, None),
    ("full_float_mask", (2, 3, 4, 5), (2, 3, 6, 5), (2, 3, 6, 5), "full", False, None),
    ("causal", (2, 3, 5, 4), (2, 3, 5, 4), (2, 3, 5, 4), None, True, None),
    ("causal_rect", (2, 6, 4), (2, 3, 4), (2, 3, 4), None, True, None),
    ("scale", (2, 4, 5), (2, 6, 5), (2, 6, 5), "float", False, 0.3),
]


def make_mask(torch, kind, L, S):
    g = torch.Generator().manual_seed(3)
    if kind == "bool":
        m = torch.rand(L, S, generator=g) > 0.3
        m[:, 0] = True  # every row keeps one key
        return m
    if kind == "float":
        return torch.randn(L, S, generator=g, dtype=torch.float64)
    if kind == "full":
        return torch.randn(2, 3, L, S, generator=g, dtype=torch.float64)
    return None


@pytest.mark.parametrize("case", SDPA_CASES, ids=[c[0] for c in SDPA_CASES])
def test_sdpa_values_and_grads(case):
    import torch
    _, qs, ks, vs, mk, causal, scale = case
    g = torch.Generator().manual_seed(0)
    q = torch.randn(*qs, generator=g, dtype=torch.float64, requires_grad=True)
    k = torch.randn(*ks, generator=g, dtype=torch.float64, requires_grad=True)
    v = torch.randn(*vs, generator=g, dtype=torch.float64, requires_grad=True)
    mask = make_mask(torch, mk, qs[-2], ks[-2])
    if mask is not None and mask.dtype != torch.bool:
        mask.requires_grad_(True)
    t = ref_sdpa(torch, q, k, v, mask, 0.0, causal, scale)
    wq, wk, wv = W(q), W(k), W(v)
    wm = None if mask is None else W(mask)
    kw = {} if scale is None else {"scale": scale}
    w = wick.nn.functional.scaled_dot_product_attention(wq, wk, wv, wm, 0.0, causal, **kw)
    close(w, t)
    go = torch.randn(*t.shape, generator=g, dtype=torch.float64)
    t.backward(go)
    w.backward(W(go))
    close(wq.grad, q.grad)
    close(wk.grad, k.grad)
    close(wv.grad, v.grad)
    if mask is not None and mask.requires_grad:
        close(wm.grad, mask.grad)


def test_sdpa_float32_and_keywords():
    import torch
    g = torch.Generator().manual_seed(1)
    q, k, v = (torch.randn(2, 2, 8, 16, generator=g) for _ in range(3))
    m = torch.randn(8, 8, generator=g)
    t = ref_sdpa(torch, q, k, v, m)
    w = wick.nn.functional.scaled_dot_product_attention(query=W(q), key=W(k), value=W(v),
                                                        attn_mask=W(m), dropout_p=0.0)
    close(w, t, rtol=1e-5, atol=1e-6)
    assert w.dtype == wick.float32


def test_sdpa_bfloat16():
    import torch
    g = torch.Generator().manual_seed(1)
    q, k, v = (torch.randn(2, 4, 8, generator=g) for _ in range(3))
    t = ref_sdpa(torch, q, k, v)
    w = wick.nn.functional.scaled_dot_product_attention(W(q).bfloat16(), W(k).bfloat16(),
                                                        W(v).bfloat16())
    assert w.dtype == wick.bfloat16
    np.testing.assert_allclose(w.float().numpy(), t.numpy(), rtol=0.05, atol=0.05)


def test_sdpa_non_contiguous_inputs():
    import torch
    g = torch.Generator().manual_seed(2)
    # (B, L, H, E) transposed to (B, H, L, E): the common multi-head layout
    q = torch.randn(2, 5, 3, 4, generator=g, dtype=torch.float64).transpose(1, 2)
    k = torch.randn(2, 6, 3, 4, generator=g, dtype=torch.float64).transpose(1, 2)
    v = torch.randn(2, 6, 3, 4, generator=g, dtype=torch.float64).transpose(1, 2)
    t = ref_sdpa(torch, q, k, v)
    w = wick.nn.functional.scaled_dot_product_attention(W(q).transpose(1, 2).contiguous()
                                                        .transpose(1, 2), W(k).transpose(1, 2)
                                                        .contiguous().transpose(1, 2),
                                                        W(v).transpose(1, 2).contiguous()
                                                        .transpose(1, 2))
    close(w, t)


def test_sdpa_fully_masked_row_is_nan_like_the_composite():
    import torch
    q, k, v = (torch.ones(1, 2, 3, dtype=torch.float64) for _ in range(3))
    m = torch.tensor([[True, True], [False, False]])
    t = ref_sdpa(torch, q, k, v, m)
    w = wick.nn.functional.scaled_dot_product_attention(W(q), W(k), W(v), W(m))
    close(w, t)
    assert bool(wick.isnan(w[0, 1]).all())


def test_sdpa_dropout_matches_seeded_composite():
    import torch
    g = torch.Generator().manual_seed(4)
    q, k, v = (torch.randn(2, 3, 6, 4, generator=g, dtype=torch.float64, requires_grad=True)
               for _ in range(3))
    torch.manual_seed(7)
    t = ref_sdpa(torch, q, k, v, dropout_p=0.4)
    wq, wk, wv = W(q), W(k), W(v)
    wick.manual_seed(7)
    w = wick.nn.functional.scaled_dot_product_attention(wq, wk, wv, dropout_p=0.4)
    close(w, t)
    t.sum().backward()
    w.sum().backward()
    close(wq.grad, q.grad)
    close(wk.grad, k.grad)
    close(wv.grad, v.grad)


def test_sdpa_grad_fn_and_no_grad():
    q = wick.randn(2, 3, 4, requires_grad=True)
    out = wick.nn.functional.scaled_dot_product_attention(q, q, q)
    assert out.grad_fn.name() == "ScaledDotProductFlashAttentionForCpuBackward0"
    with wick.no_grad():
        assert wick.nn.functional.scaled_dot_product_attention(q, q, q).grad_fn is None


def test_sdpa_gradcheck():
    g = wick.Generator().manual_seed(0)
    q = wick.randn(2, 3, 4, generator=g, dtype=wick.float64, requires_grad=True)
    k = wick.randn(2, 5, 4, generator=g, dtype=wick.float64, requires_grad=True)
    v = wick.randn(2, 5, 3, generator=g, dtype=wick.float64, requires_grad=True)
    m = wick.randn(3, 5, generator=g, dtype=wick.float64, requires_grad=True)
    F = wick.nn.functional
    assert wick.autograd.gradcheck(lambda a, b, c, d: F.scaled_dot_product_attention(a, b, c, d),
                                   (q, k, v, m))
    assert wick.autograd.gradgradcheck(lambda a, b, c: F.scaled_dot_product_attention(a, b, c),
                                       (q, k, v))
    assert wick.autograd.gradcheck(
        lambda a, b, c: F.scaled_dot_product_attention(a, b, c, is_causal=True, scale=0.7),
        (q, k, v))
    assert wick.autograd.gradgradcheck(
        lambda a, b, c: F.scaled_dot_product_attention(a, b, c, is_causal=True), (q, k, v))


def test_sdpa_errors():
    F = wick.nn.functional
    q = wick.randn(2, 3, 4)
    with pytest.raises(RuntimeError, match="Expected query, key, and value to have the same dtype"):
        F.scaled_dot_product_attention(q, q.double(), q)
    with pytest.raises(RuntimeError, match="at least 2 dimensional"):
        F.scaled_dot_product_attention(wick.randn(4), q, q)
    with pytest.raises(RuntimeError, match="Explicit attn_mask should not be set when is_causal"):
        F.scaled_dot_product_attention(q, q, q, wick.ones(3, 3, dtype=wick.bool), is_causal=True)
    with pytest.raises(RuntimeError, match="Expected attn_mask dtype to be bool or float"):
        F.scaled_dot_product_attention(q, q, q, wick.ones(3, 3, dtype=wick.int64))
    with pytest.raises(RuntimeError, match="dropout probability has to be between 0 and 1"):
        F.scaled_dot_product_attention(q, q, q, dropout_p=1.5)
    with pytest.raises(TypeError):
        F.scaled_dot_product_attention(q, q, q, None, 0.0, False, 0.5)  # scale is keyword-only


def test_sdpa_enable_gqa():
    import torch
    g = torch.Generator().manual_seed(5)
    q = torch.randn(2, 4, 3, 5, generator=g, dtype=torch.float64)
    k = torch.randn(2, 2, 6, 5, generator=g, dtype=torch.float64)
    v = torch.randn(2, 2, 6, 5, generator=g, dtype=torch.float64)
    t = ref_sdpa(torch, q, k.repeat_interleave(2, -3), v.repeat_interleave(2, -3))
    w = wick.nn.functional.scaled_dot_product_attention(W(q), W(k), W(v), enable_gqa=True)
    close(w, t)


# ---- MultiheadAttention ------------------------------------------------------------------

def copy_module(tm, wm):
    sd = {k: W(v, requires_grad=False) for k, v in tm.state_dict().items()}
    wm.load_state_dict(sd)


def params_close(wm, tm, rtol=1e-9, atol=1e-10):
    wp = dict(wm.named_parameters())
    tp = dict(tm.named_parameters())
    assert list(wp) == list(tp)
    for name, p in tp.items():
        assert p.grad is not None, name
        assert wp[name].grad is not None, name
        close(wp[name].grad, p.grad, rtol, atol)


MHA_CASES = [
    # (id, ctor kwargs, q, k, v shapes (L, N, E) style, forward kwargs builder)
    ("self", dict(), "self", {}),
    ("cross", dict(), "cross", {}),
    ("kvdim", dict(kdim=3, vdim=5), "kv", {}),
    ("nobias", dict(bias=False), "self", {}),
    ("bias_kv_zero_attn", dict(add_bias_kv=True, add_zero_attn=True), "cross", {}),
    ("batch_first", dict(batch_first=True), "self", {}),
    ("bool_masks", dict(), "cross", {"kpm": "bool", "am": "bool"}),
    ("float_masks", dict(), "cross", {"kpm": "float", "am": "float"}),
    ("mask3d", dict(add_bias_kv=True), "cross", {"am": "3d"}),
    ("no_avg", dict(), "cross", {"avg": False}),
    ("no_weights", dict(), "cross", {"need_weights": False, "kpm": "bool", "am": "float"}),
    ("unbatched", dict(), "unbatched", {"kpm": "bool"}),
    # need_weights=False: the fused attention on strided head views
    ("no_weights_3d", dict(), "cross", {"need_weights": False, "kpm": "bool", "am": "3d"}),
    ("no_weights_self_bf", dict(batch_first=True), "self", {"need_weights": False, "am": "bool"}),
    ("no_weights_kvdim", dict(kdim=3, vdim=5), "kv", {"need_weights": False, "kpm": "float",
                                                      "am": "float"}),
    ("no_weights_unbatched", dict(), "unbatched", {"need_weights": False, "kpm": "bool"}),
    ("no_weights_bias_kv", dict(add_bias_kv=True, add_zero_attn=True), "cross",
     {"need_weights": False, "kpm": "bool"}),
]

E, H, L, S, N = 4, 2, 3, 5, 2


def mha_inputs(torch, kind, batch_first, g):
    def r(*s):
        return torch.randn(*s, generator=g, dtype=torch.float64, requires_grad=True)
    if kind == "unbatched":
        return r(L, E), r(S, E), r(S, E)
    shp = (lambda a: (N, a, E)) if batch_first else (lambda a: (a, N, E))
    if kind == "self":
        x = r(*shp(L))
        return x, x, x
    if kind == "kv":
        return r(L, N, E), r(S, N, 3), r(S, N, 5)
    return r(*shp(L)), r(*shp(S)), r(*shp(S))


def mha_masks(torch, fkw, g, heads, extra_keys, unbatched=False, s=S):
    kpm = am = None
    if fkw.get("kpm") == "bool":
        kpm = torch.zeros((s,) if unbatched else (N, s), dtype=torch.bool)
        kpm[..., -1] = True
    elif fkw.get("kpm") == "float":
        kpm = torch.randn(N, s, generator=g, dtype=torch.float64)
    if fkw.get("am") == "bool":
        am = torch.rand(L, s, generator=g) > 0.6
        am[:, 0] = False
    elif fkw.get("am") == "float":
        am = torch.randn(L, s, generator=g, dtype=torch.float64)
    elif fkw.get("am") == "3d":
        am = torch.randn(N * heads, L, s, generator=g, dtype=torch.float64)
    return kpm, am


@pytest.mark.parametrize("case", MHA_CASES, ids=[c[0] for c in MHA_CASES])
def test_mha_matches_torch(case):
    import torch
    _, ckw, kind, fkw = case
    torch.manual_seed(0)
    tm = torch.nn.MultiheadAttention(E, H, dtype=torch.float64, **ckw)
    wm = wick.nn.MultiheadAttention(E, H, dtype=wick.float64, **ckw)
    copy_module(tm, wm)
    g = torch.Generator().manual_seed(1)
    q, k, v = mha_inputs(torch, kind, ckw.get("batch_first", False), g)
    kpm, am = mha_masks(torch, fkw, g, H, 0, kind == "unbatched", L if kind == "self" else S)
    kw = dict(key_padding_mask=kpm, attn_mask=am, need_weights=fkw.get("need_weights", True),
              average_attn_weights=fkw.get("avg", True))
    if kpm is not None and kpm.dtype != torch.bool:
        # torch 1.13 takes no float key_padding_mask: 2.x adds it to the scores,
        # which 1.13 does with the equivalent 3-D attn_mask
        am3 = am.unsqueeze(0) + kpm.repeat_interleave(H, 0)[:, None, :]
        tout, tw = tm(q, k, v, attn_mask=am3, need_weights=kw["need_weights"],
                      average_attn_weights=kw["average_attn_weights"])
    else:
        tout, tw = tm(q, k, v, **kw)
    wq = W(q)
    wk = wq if k is q else W(k)
    wv = wk if v is k else W(v)
    wkw = dict(kw)
    wkw["key_padding_mask"] = None if kpm is None else W(kpm)
    wkw["attn_mask"] = None if am is None else W(am)
    wout, ww = wm(wq, wk, wv, **wkw)
    close(wout, tout)
    if tw is None:
        assert ww is None
    else:
        close(ww, tw)
    go = torch.randn(*tout.shape, generator=g, dtype=torch.float64)
    (tout * go).sum().backward()
    (wout * W(go)).sum().backward()
    close(wq.grad, q.grad)
    if k is not q:
        close(wk.grad, k.grad)
        if v is not k:
            close(wv.grad, v.grad)
    params_close(wm, tm)
    assert wout.grad_fn.name() == type(tout.grad_fn).__name__


def test_mha_same_seed_same_weights_keys_repr():
    import torch
    for kw in (dict(), dict(kdim=3, vdim=5, add_bias_kv=True), dict(bias=False)):
        torch.manual_seed(3)
        tm = torch.nn.MultiheadAttention(6, 3, **kw)
        wick.manual_seed(3)
        wm = wick.nn.MultiheadAttention(6, 3, **kw)
        tsd, wsd = tm.state_dict(), wm.state_dict()
        assert list(wsd) == list(tsd)
        for key in tsd:
            close(wsd[key], tsd[key], rtol=1e-6, atol=1e-7)
        assert repr(wm) == repr(tm)
        assert [n for n, _ in wm.named_parameters()] == [n for n, _ in tm.named_parameters()]
    assert type(wm.out_proj).__name__ == "NonDynamicallyQuantizableLinear"


def test_mha_train_dropout_matches_torch():
    import torch
    torch.manual_seed(0)
    tm = torch.nn.MultiheadAttention(E, H, dropout=0.3, dtype=torch.float64)
    wm = wick.nn.MultiheadAttention(E, H, dropout=0.3, dtype=wick.float64)
    copy_module(tm, wm)
    g = torch.Generator().manual_seed(1)
    q, k, v = mha_inputs(torch, "cross", False, g)
    torch.manual_seed(11)
    tout, tw = tm(q, k, v)
    wick.manual_seed(11)
    wout, ww = wm(W(q), W(k), W(v))
    close(wout, tout)
    close(ww, tw)
    wm.eval()
    tm.eval()
    close(wm(W(q), W(k), W(v))[0], tm(q, k, v)[0])


def test_mha_need_weights_false_dropout_runs():
    wm = wick.nn.MultiheadAttention(8, 2, dropout=0.5)
    x = wick.randn(4, 3, 8, requires_grad=True)
    out, w = wm(x, x, x, need_weights=False)
    assert w is None and out.shape == (4, 3, 8)
    out.sum().backward()
    assert x.grad is not None


def test_mha_is_causal_hint():
    import torch
    torch.manual_seed(0)
    tm = torch.nn.MultiheadAttention(E, H, dtype=torch.float64)
    wm = wick.nn.MultiheadAttention(E, H, dtype=wick.float64)
    copy_module(tm, wm)
    g = torch.Generator().manual_seed(2)
    x = torch.randn(L, N, E, generator=g, dtype=torch.float64)
    mask = torch.nn.Transformer.generate_square_subsequent_mask(L).double()
    tout = tm(x, x, x, attn_mask=mask)[0]
    wx = W(x)
    wmask = wick.nn.Transformer.generate_square_subsequent_mask(L, dtype=wick.float64)
    close(wmask, mask)
    close(wm(wx, wx, wx, attn_mask=wmask, is_causal=True, need_weights=False)[0], tout)
    close(wm(wx, wx, wx, attn_mask=wmask, is_causal=True)[0], tout)
    with pytest.raises(RuntimeError, match="Need attn_mask if specifying the is_causal hint"):
        wm(wx, wx, wx, is_causal=True)


def test_mha_functional_static_kv():
    import torch
    torch.manual_seed(0)
    tm = torch.nn.MultiheadAttention(E, H, dtype=torch.float64)
    g = torch.Generator().manual_seed(3)
    q = torch.randn(L, N, E, generator=g, dtype=torch.float64)
    sk = torch.randn(N * H, S, E // H, generator=g, dtype=torch.float64)
    sv = torch.randn(N * H, S, E // H, generator=g, dtype=torch.float64)
    args = (E, H, tm.in_proj_weight, tm.in_proj_bias, None, None, False, 0.0,
            tm.out_proj.weight, tm.out_proj.bias)
    tout, tw = torch.nn.functional.multi_head_attention_forward(
        q, q, q, *args, static_k=sk, static_v=sv)
    wargs = tuple(W(a, False) if isinstance(a, torch.Tensor) else a for a in args)
    wout, ww = wick.nn.functional.multi_head_attention_forward(
        W(q), W(q), W(q), *wargs, static_k=W(sk), static_v=W(sv))
    close(wout, tout)
    close(ww, tw)


def test_mha_errors_match_torch():
    import torch

    def run(m):
        mha = m.nn.MultiheadAttention(4, 2)
        x3 = m.zeros(3, 2, 4)
        x2 = m.zeros(3, 4)
        return [
            error_of(lambda: mha(x3, x2, x2)),
            error_of(lambda: mha(x2, x3, x3)),
            error_of(lambda: mha(m.zeros(4), m.zeros(4), m.zeros(4))),
            error_of(lambda: mha(x3, x3, x3, attn_mask=m.zeros(2, 2))),
            error_of(lambda: mha(x3, x3, x3, attn_mask=m.zeros(5, 3, 3))),
            error_of(lambda: mha(x3, x3, x3, key_padding_mask=m.zeros(2, 3, 1))),
            error_of(lambda: mha(x3, x3, x3, attn_mask=m.zeros(3, 3, dtype=m.int64))),
            error_of(lambda: m.nn.MultiheadAttention(5, 2)),
        ]
    w, t = run(wick), run(torch)
    for a, b in zip(w, t):
        assert a is not None and a[0] == b[0], (a, b)
    # messages PyTorch 2.x words the same as 1.13
    for i in (0, 1, 2, 3, 4, 5, 7):
        assert w[i] == t[i], (i, w[i], t[i])
    # 2.x wording (1.13 says "Only float, byte, and bool types are supported ...")
    assert w[6] == ("AssertionError", "only bool and floating types of attn_mask are supported")
    # 2.x checks the sizes (1.13 fails later, in init)
    assert error_of(lambda: wick.nn.MultiheadAttention(0, 2)) == (
        "ValueError", "embed_dim and num_heads must be greater than 0, got embed_dim=0 and "
        "num_heads=2 instead")


def test_mha_gradcheck():
    wick.manual_seed(0)
    mha = wick.nn.MultiheadAttention(4, 2, dtype=wick.float64, add_bias_kv=True)
    q = wick.randn(3, 2, 4, dtype=wick.float64, requires_grad=True)
    k = wick.randn(5, 2, 4, dtype=wick.float64, requires_grad=True)
    kpm = wick.tensor([[False, False, False, False, True], [False] * 5])
    assert wick.autograd.gradcheck(lambda a, b: mha(a, b, b, key_padding_mask=kpm)[0], (q, k))
    assert wick.autograd.gradcheck(lambda a, b: mha(a, b, b, need_weights=False)[0], (q, k))
    assert wick.autograd.gradgradcheck(lambda a, b: mha(a, b, b, need_weights=False)[0], (q, k))


# ---- transformer layers --------------------------------------------------------------------

def run_pair(tm, wm, inputs_t, fwd_t, fwd_w, grad=True, rtol=1e-9, atol=1e-10):
    copy_module(tm, wm)
    ins_w = [None if x is None else W(x) for x in inputs_t]
    tout = fwd_t(tm, *inputs_t)
    wout = fwd_w(wm, *ins_w)
    close(wout, tout, rtol, atol)
    if grad:
        tout.pow(2).sum().backward()
        wout.pow(2).sum().backward()
        for a, b in zip(ins_w, inputs_t):
            if b is not None and b.requires_grad:
                close(a.grad, b.grad, rtol, atol)
        params_close(wm, tm, rtol, atol)


ENC_CASES = [
    ("default", dict(), {}),
    ("gelu_str_norm_first", dict(activation="gelu", norm_first=True), {}),
    ("batch_first", dict(batch_first=True), {}),
    ("masks", dict(), {"mask": True, "kpm": True}),
    ("causal", dict(), {"causal": True}),
    ("callable_act", dict(activation="tanh"), {}),
    ("module_act", dict(activation="GELU()"), {}),
]


def act_of(nnmod, name):
    if name == "tanh":
        return nnmod.functional.tanh if hasattr(nnmod.functional, "tanh") else None
    if name == "GELU()":
        return nnmod.GELU()
    return name


@pytest.mark.parametrize("case", ENC_CASES, ids=[c[0] for c in ENC_CASES])
def test_encoder_layer_matches_torch(case):
    import torch
    _, ckw, fkw = case
    d, h, ff = 8, 2, 16
    kw_t, kw_w = dict(ckw), dict(ckw)
    if "activation" in ckw:
        kw_t["activation"] = act_of(torch.nn, ckw["activation"])
        kw_w["activation"] = act_of(wick.nn, ckw["activation"])
    torch.manual_seed(0)
    tm = torch.nn.TransformerEncoderLayer(d, h, ff, dropout=0.0, dtype=torch.float64, **kw_t)
    wm = wick.nn.TransformerEncoderLayer(d, h, ff, dropout=0.0, dtype=wick.float64, **kw_w)
    g = torch.Generator().manual_seed(1)
    bf = ckw.get("batch_first", False)
    x = torch.randn(*((2, 5, d) if bf else (5, 2, d)), generator=g, dtype=torch.float64,
                    requires_grad=True)
    mask = kpm = None
    if fkw.get("mask"):
        mask = torch.randn(5, 5, generator=g, dtype=torch.float64)
    if fkw.get("causal"):
        mask = torch.nn.Transformer.generate_square_subsequent_mask(5).double()
    if fkw.get("kpm"):
        kpm = torch.tensor([[False] * 4 + [True], [False] * 5])
    run_pair(tm, wm, [x, mask, kpm],
             lambda m, a, b, c: m(a, src_mask=b, src_key_padding_mask=c),
             lambda m, a, b, c: m(a, src_mask=b, src_key_padding_mask=c,
                                  is_causal=bool(fkw.get("causal"))))
    assert repr(wm) == repr(tm)
    assert list(wm.state_dict()) == list(tm.state_dict())


def test_encoder_layer_eval_no_grad_and_unbatched():
    import torch
    torch.manual_seed(0)
    tm = torch.nn.TransformerEncoderLayer(8, 2, 16, dtype=torch.float64).eval()
    wm = wick.nn.TransformerEncoderLayer(8, 2, 16, dtype=wick.float64).eval()
    copy_module(tm, wm)
    g = torch.Generator().manual_seed(1)
    x = torch.randn(5, 2, 8, generator=g, dtype=torch.float64)
    with torch.no_grad():
        t = tm(x)
        tu = tm(x[:, 0])
    with wick.no_grad():
        close(wm(W(x)), t)
        close(wm(W(x)[:, 0]), tu)


def test_encoder_and_decoder_stacks_match_torch():
    import torch
    d, h, ff = 8, 2, 16
    torch.manual_seed(0)
    tl = torch.nn.TransformerEncoderLayer(d, h, ff, dropout=0.0, dtype=torch.float64)
    tenc = torch.nn.TransformerEncoder(tl, 2, torch.nn.LayerNorm(d, dtype=torch.float64),
                                       enable_nested_tensor=False)
    wl = wick.nn.TransformerEncoderLayer(d, h, ff, dropout=0.0, dtype=wick.float64)
    wenc = wick.nn.TransformerEncoder(wl, 2, wick.nn.LayerNorm(d, dtype=wick.float64),
                                      enable_nested_tensor=False)
    g = torch.Generator().manual_seed(1)
    x = torch.randn(5, 2, d, generator=g, dtype=torch.float64, requires_grad=True)
    mask = torch.nn.Transformer.generate_square_subsequent_mask(5).double()
    run_pair(tenc, wenc, [x, mask], lambda m, a, b: m(a, mask=b), lambda m, a, b: m(a, mask=b))
    # ModuleList prints repeated layers once, as PyTorch 2.x does (1.13 repeats them)
    assert "(0-1): 2 x TransformerEncoderLayer(" in repr(wenc)
    assert repr(wenc.layers[0]) == repr(tenc.layers[0])
    assert repr(wenc.norm) == repr(tenc.norm)
    # layers are copies, not the same module
    assert wenc.layers[0] is not wenc.layers[1] and wenc.layers[0] is not wl

    torch.manual_seed(0)
    tdl = torch.nn.TransformerDecoderLayer(d, h, ff, dropout=0.0, dtype=torch.float64,
                                           norm_first=True)
    tdec = torch.nn.TransformerDecoder(tdl, 2)
    wdl = wick.nn.TransformerDecoderLayer(d, h, ff, dropout=0.0, dtype=wick.float64,
                                          norm_first=True)
    wdec = wick.nn.TransformerDecoder(wdl, 2)
    tgt = torch.randn(4, 2, d, generator=g, dtype=torch.float64, requires_grad=True)
    mem = torch.randn(5, 2, d, generator=g, dtype=torch.float64, requires_grad=True)
    tmask = torch.nn.Transformer.generate_square_subsequent_mask(4).double()
    mkpm = torch.tensor([[False] * 4 + [True], [False] * 5])
    run_pair(tdec, wdec, [tgt, mem, tmask, mkpm],
             lambda m, a, b, c, e: m(a, b, tgt_mask=c, memory_key_padding_mask=e),
             lambda m, a, b, c, e: m(a, b, tgt_mask=c, memory_key_padding_mask=e))
    assert repr(wdec.layers[1]) == repr(tdec.layers[1])
    assert list(wdec.state_dict()) == list(tdec.state_dict())


def test_transformer_matches_torch():
    import torch
    kw = dict(d_model=8, nhead=2, num_encoder_layers=2, num_decoder_layers=1,
              dim_feedforward=16, dropout=0.0)
    torch.manual_seed(0)
    tm = torch.nn.Transformer(dtype=torch.float64, **kw)
    torch.manual_seed(5)
    t2 = torch.nn.Transformer(dtype=torch.float64, **kw)
    wick.manual_seed(5)
    w2 = wick.nn.Transformer(dtype=wick.float64, **kw)
    # same seed -> same initial weights
    for key, val in t2.state_dict().items():
        close(w2.state_dict()[key], val, rtol=1e-6, atol=1e-7)
    wm = wick.nn.Transformer(dtype=wick.float64, **kw)
    g = torch.Generator().manual_seed(1)
    src = torch.randn(5, 2, 8, generator=g, dtype=torch.float64, requires_grad=True)
    tgt = torch.randn(4, 2, 8, generator=g, dtype=torch.float64, requires_grad=True)
    tmask = torch.nn.Transformer.generate_square_subsequent_mask(4).double()
    skpm = torch.tensor([[False] * 4 + [True], [False] * 5])
    run_pair(tm, wm, [src, tgt, tmask, skpm],
             lambda m, a, b, c, e: m(a, b, tgt_mask=c, src_key_padding_mask=e,
                                     memory_key_padding_mask=e),
             lambda m, a, b, c, e: m(a, b, tgt_mask=c, src_key_padding_mask=e,
                                     memory_key_padding_mask=e))
    assert repr(wm.encoder.layers[0]) == repr(tm.encoder.layers[0])
    assert repr(wm.decoder.layers[0]) == repr(tm.decoder.layers[0])
    assert list(wm.state_dict()) == list(tm.state_dict())
    assert (wm.d_model, wm.nhead, wm.batch_first) == (8, 2, False)


def test_transformer_errors_and_mask():
    import torch

    def run(m):
        tr = m.nn.Transformer(8, 2, 1, 1, 16)
        return [
            error_of(lambda: tr(m.zeros(5, 2, 8), m.zeros(4, 3, 8))),
            error_of(lambda: tr(m.zeros(5, 2, 6), m.zeros(4, 2, 6))),
            error_of(lambda: m.nn.TransformerEncoderLayer(8, 2, activation="tanh")),
        ]
    assert run(wick) == run(torch)
    close(wick.nn.Transformer.generate_square_subsequent_mask(4),
          torch.nn.Transformer.generate_square_subsequent_mask(4))


def test_transformer_train_dropout_runs_and_matches_seed():
    import torch
    torch.manual_seed(0)
    tm = torch.nn.TransformerEncoderLayer(8, 2, 16, dropout=0.2, dtype=torch.float64)
    wm = wick.nn.TransformerEncoderLayer(8, 2, 16, dropout=0.2, dtype=wick.float64)
    copy_module(tm, wm)
    g = torch.Generator().manual_seed(1)
    x = torch.randn(5, 2, 8, generator=g, dtype=torch.float64)
    # need_weights=False goes through sdpa, whose dropout mask torch 2.x draws in
    # its own kernel: compare the statistics, not values
    wick.manual_seed(3)
    a = wm(W(x))
    wick.manual_seed(3)
    b = wm(W(x))
    wick.manual_seed(4)
    c = wm(W(x))
    close(a, b)
    assert not np.allclose(a.detach().numpy(), c.detach().numpy())
    wm.eval()
    tm.eval()
    with torch.no_grad():
        close(wm(W(x)), tm(x))


def test_encoder_nested_tensor_warning():
    layer = wick.nn.TransformerEncoderLayer(8, 2, 16)
    with pytest.warns(UserWarning, match="enable_nested_tensor is True"):
        enc = wick.nn.TransformerEncoder(layer, 2)
    assert enc.use_nested_tensor is False and enc.enable_nested_tensor is True


def test_encoder_inference_with_padding_matches_nested_path():
    """In inference with a left-aligned key padding mask PyTorch runs nested
    tensors: padded positions come out as zeros (then the final norm)."""
    import torch
    d = 8
    torch.manual_seed(0)
    tl = torch.nn.TransformerEncoderLayer(d, 2, 16, dtype=torch.float64, batch_first=True)
    tenc = torch.nn.TransformerEncoder(tl, 2, torch.nn.LayerNorm(d, dtype=torch.float64)).eval()
    wl = wick.nn.TransformerEncoderLayer(d, 2, 16, dtype=wick.float64, batch_first=True)
    wenc = wick.nn.TransformerEncoder(wl, 2, wick.nn.LayerNorm(d, dtype=wick.float64)).eval()
    with torch.no_grad():
        tenc.norm.bias.fill_(0.5)  # padded rows come out as the norm's bias
    copy_module(tenc, wenc)
    g = torch.Generator().manual_seed(1)
    x = torch.randn(2, 5, d, generator=g, dtype=torch.float64)
    kpm = torch.tensor([[False] * 3 + [True] * 2, [False] * 5])
    with torch.no_grad():
        t = tenc(x, src_key_padding_mask=kpm)
    with wick.no_grad():
        w = wenc(W(x), src_key_padding_mask=W(kpm))
    close(w, t)
    # with autograd recording, both take the ordinary path
    close(wenc(W(x), src_key_padding_mask=W(kpm)), tenc(x, src_key_padding_mask=kpm))
