"""RNN / LSTM / GRU, their cells and nn.utils.rnn against PyTorch: same seed gives
the same weights; outputs, final states and every gradient match for every
option combination; packed input; reprs, state_dict keys, grad_fn names,
error messages; gradcheck / gradgradcheck in float64."""
import itertools
import warnings

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


def close(w, t, tol):
    assert_same(w, t, check_repr=False, rtol=tol, atol=tol)


def grads_of(m, mod, inputs):
    return [x.grad for x in inputs] + [p.grad for p in mod.parameters()]


CLASSES = {"LSTM": "LSTM", "GRU": "GRU", "RNN_TANH": "RNN", "RNN_RELU": "RNN"}


def make(m, mode, *args, **kw):
    if mode == "RNN_RELU":
        kw["nonlinearity"] = "relu"
    return getattr(m.nn, CLASSES[mode])(*args, **kw)


# ---- construction ---------------------------------------------------------------------

@pytest.mark.parametrize("mode", list(CLASSES))
@pytest.mark.parametrize("layers,bidir,bias", [(1, False, True), (2, True, True), (2, False, False)])
def test_same_seed_same_weights_and_keys(mode, layers, bidir, bias):
    w, t = run(lambda m: make(m, mode, 3, 5, layers, bias=bias, bidirectional=bidir))
    assert list(w.state_dict().keys()) == list(t.state_dict().keys())
    assert [n for n, _ in w.named_parameters()] == [n for n, _ in t.named_parameters()]
    for (nw, pw), (nt, pt) in zip(w.named_parameters(), t.named_parameters()):
        assert_same(pw, pt, check_repr=False)
    assert w._flat_weights_names == t._flat_weights_names
    assert len(w.all_weights) == len(t.all_weights)
    assert [[tuple(p.shape) for p in ws] for ws in w.all_weights] == \
        [[tuple(p.shape) for p in ws] for ws in t.all_weights]
    assert w.flatten_parameters() is None


def test_lstm_proj_weights():
    w, t = run(lambda m: m.nn.LSTM(3, 5, 2, bidirectional=True, proj_size=2))
    assert list(w.state_dict().keys()) == list(t.state_dict().keys())
    for pw, pt in zip(w.parameters(), t.parameters()):
        assert_same(pw, pt, check_repr=False)


@pytest.mark.parametrize("cls", ["RNNCell", "LSTMCell", "GRUCell"])
@pytest.mark.parametrize("bias", [True, False])
def test_cells_same_weights(cls, bias):
    w, t = run(lambda m: getattr(m.nn, cls)(3, 4, bias=bias))
    assert list(w.state_dict().keys()) == list(t.state_dict().keys())
    for pw, pt in zip(w.parameters(), t.parameters()):
        assert_same(pw, pt, check_repr=False)


def test_reprs():
    cases = [
        lambda m: m.nn.LSTM(3, 4, 2, dropout=0.5, bidirectional=True, batch_first=True,
                            proj_size=2, bias=False),
        lambda m: m.nn.GRU(3, 4),
        lambda m: m.nn.RNN(3, 4, nonlinearity="relu"),
        lambda m: m.nn.LSTMCell(3, 4, bias=False),
        lambda m: m.nn.RNNCell(3, 4, nonlinearity="relu"),
        lambda m: m.nn.GRUCell(3, 4),
        lambda m: m.nn.Sequential(m.nn.LSTM(2, 3), m.nn.GRUCell(3, 3)),
    ]
    for f in cases:
        w, t = run(f)
        assert repr(w) == repr(t)


def test_constructor_errors():
    cases = [
        lambda m: m.nn.RNN(3, 4, nonlinearity="foo"),
        lambda m: m.nn.LSTM(3, 4, dropout=1.5),
        lambda m: m.nn.LSTM(3, 4, dropout=True),
        lambda m: m.nn.LSTM(3, 4, proj_size=4),
        lambda m: m.nn.LSTM(3, 4, proj_size=-1),
        lambda m: m.nn.GRU(3, 4, proj_size=2),
        lambda m: m.nn.RNN(3, 4, proj_size=2),
    ]
    for f in cases:
        w, t = run(lambda m: error_of(lambda: f(m)))
        assert w == t and w is not None


def test_dropout_warning():
    import torch
    msgs = []
    for m in (wick, torch):
        with warnings.catch_warnings(record=True) as rec:
            warnings.simplefilter("always")
            m.nn.LSTM(3, 4, dropout=0.5)
        msgs.append([(r.category, str(r.message)) for r in rec])
    assert msgs[0] == msgs[1] and len(msgs[0]) == 1


# ---- forward / backward parity -----------------------------------------------------------

def _combos():
    out = []
    for mode in CLASSES:
        for layers, bidir, bf, bias, with_hx in itertools.product(
                (1, 2), (False, True), (False, True), (True, False), (False, True)):
            if bias is False and (bf or layers == 1):
                continue
            out.append((mode, layers, bidir, bf, bias, with_hx, 0))
    for layers, bidir in ((1, False), (2, True)):
        out.append(("LSTM", layers, bidir, False, True, True, 2))
        out.append(("LSTM", layers, bidir, True, False, False, 2))
    return out


@pytest.mark.parametrize("mode,layers,bidir,bf,bias,with_hx,proj", _combos())
def test_forward_backward(mode, layers, bidir, bf, bias, with_hx, proj):
    T, B, I, H = 4, 3, 3, 5
    D = 2 if bidir else 1

    def f(m):
        kw = dict(bias=bias, bidirectional=bidir, batch_first=bf)
        if proj:
            kw["proj_size"] = proj
        mod = make(m, mode, I, H, layers, **kw).double()
        x = m.randn(*((B, T, I) if bf else (T, B, I)), dtype=m.float64, requires_grad=True)
        inputs = [x]
        hx = None
        if with_hx:
            h0 = m.randn(layers * D, B, proj or H, dtype=m.float64, requires_grad=True)
            inputs.append(h0)
            hx = h0
            if mode == "LSTM":
                c0 = m.randn(layers * D, B, H, dtype=m.float64, requires_grad=True)
                inputs.append(c0)
                hx = (h0, c0)
        out, h = mod(x, hx)
        hs = list(h) if mode == "LSTM" else [h]
        loss = (out * out.detach().cos()).sum() + sum((v * v).sum() for v in hs)
        loss.backward()
        return [out] + hs + grads_of(m, mod, inputs)

    w, t = run(f)
    close(w, t, 1e-10)


@pytest.mark.parametrize("mode", list(CLASSES))
def test_float32_forward_and_grad_fn(mode):
    def f(m):
        mod = make(m, mode, 4, 6, 2, bidirectional=True)
        x = m.randn(5, 2, 4, requires_grad=True)
        out, h = mod(x)
        hs = list(h) if mode == "LSTM" else [h]
        out.sum().backward()
        return out, hs, x.grad, [v.grad_fn.name() for v in [out] + hs]

    w, t = run(f)
    close(w[0], t[0], 1e-5)
    close(w[1], t[1], 1e-5)
    close(w[2], t[2], 1e-5)
    assert w[3] == t[3]


def test_grad_fn_names_unidirectional():
    for mode in CLASSES:
        w, t = run(lambda m: [v.grad_fn.name() for v in
                              (lambda r: [r[0], r[1][0]] if mode == "LSTM" else list(r))(
                                  make(m, mode, 3, 4)(m.randn(2, 2, 3)))])
        assert w == t


@pytest.mark.parametrize("mode", list(CLASSES))
def test_unbatched(mode):
    def f(m):
        mod = make(m, mode, 3, 4, 2).double()
        x = m.randn(5, 3, dtype=m.float64, requires_grad=True)
        if mode == "LSTM":
            hx = (m.randn(2, 4, dtype=m.float64), m.randn(2, 4, dtype=m.float64))
        else:
            hx = m.randn(2, 4, dtype=m.float64)
        out, h = mod(x, hx)
        out.sum().backward()
        out2, h2 = mod(x)
        return [out, x.grad, out2] + (list(h) + list(h2) if mode == "LSTM" else [h, h2])

    w, t = run(f)
    close(w, t, 1e-10)


def test_dropout_between_layers_same_mask():
    for mode in CLASSES:
        def f(m):
            mod = make(m, mode, 3, 4, 3, dropout=0.5).double()
            x = m.randn(6, 2, 3, dtype=m.float64)
            out, _ = mod(x)
            mod.eval()
            out_eval, _ = mod(x)
            return out, out_eval

        w, t = run(f)
        close(w, t, 1e-10)


def test_forward_errors():
    cases = [
        lambda m: m.nn.LSTM(3, 4, 2)(m.randn(5, 2, 4)),
        lambda m: m.nn.LSTM(3, 4, 2)(m.randn(5, 2, 3), (m.randn(1, 2, 4), m.randn(2, 2, 4))),
        lambda m: m.nn.LSTM(3, 4, 2)(m.randn(5, 2, 3), (m.randn(2, 2, 4), m.randn(2, 3, 4))),
        lambda m: m.nn.LSTM(3, 4, 2)(m.randn(5, 3), (m.randn(2, 2, 4), m.randn(2, 3, 4))),
        lambda m: m.nn.LSTM(3, 4, 2, proj_size=2)(m.randn(5, 2, 3),
                                                  (m.randn(2, 2, 4), m.randn(2, 2, 4))),
        lambda m: m.nn.GRU(3, 4)(m.randn(5, 2, 3), m.randn(1, 3, 4)),
        lambda m: m.nn.GRU(3, 4)(m.randn(5, 3), m.randn(1, 3, 4)),
        lambda m: m.nn.RNN(3, 4)(m.randn(5, 2, 3), m.randn(1, 4)),
        lambda m: m.nn.RNN(3, 4)(m.randn(5, 2, 2)),
        lambda m: m.nn.LSTMCell(3, 4)(m.randn(2, 4)),
        lambda m: m.nn.LSTMCell(3, 4)(m.randn(2, 3), (m.randn(3, 4), m.randn(3, 4))),
        lambda m: m.nn.LSTMCell(3, 4)(m.randn(2, 3), (m.randn(2, 5), m.randn(2, 4))),
        lambda m: m.nn.GRUCell(3, 4)(m.randn(2, 3), m.randn(2, 5)),
        lambda m: m.nn.RNNCell(3, 4)(m.randn(2, 3), m.randn(3, 4)),
    ]
    for f in cases:
        w, t = run(lambda m: error_of(lambda: f(m)))
        assert w == t and w is not None, (w, t)


def test_input_rank_errors():
    # 2.x raises ValueError for a wrong rank (1.13 differs); check type and wording.
    e = error_of(lambda: wick.nn.LSTM(3, 4)(wick.randn(5, 2, 3, 1)))
    assert e == ("ValueError", "LSTM: Expected input to be 2D or 3D, got 4D instead")
    e = error_of(lambda: wick.nn.LSTMCell(3, 4)(wick.randn(2, 3, 1)))
    assert e == ("ValueError", "LSTMCell: Expected input to be 1D or 2D, got 3D instead")


# ---- cells ------------------------------------------------------------------------------

@pytest.mark.parametrize("cls,kw", [("RNNCell", {}), ("RNNCell", {"nonlinearity": "relu"}),
                                    ("LSTMCell", {}), ("GRUCell", {}), ("LSTMCell", {"bias": False}),
                                    ("GRUCell", {"bias": False})])
@pytest.mark.parametrize("batched", [True, False])
def test_cells(cls, kw, batched):
    def f(m):
        cell = getattr(m.nn, cls)(3, 4, **kw).double()
        shp = (2,) if batched else ()
        x = m.randn(*shp, 3, dtype=m.float64, requires_grad=True)
        h = m.randn(*shp, 4, dtype=m.float64, requires_grad=True)
        c = m.randn(*shp, 4, dtype=m.float64, requires_grad=True)
        hx = (h, c) if cls == "LSTMCell" else h
        r = cell(x, hx)
        rs = list(r) if cls == "LSTMCell" else [r]
        sum((v * v).sum() for v in rs).backward()
        out = rs + [x.grad, h.grad] + ([c.grad] if cls == "LSTMCell" else [])
        out += [p.grad for p in cell.parameters()]
        r0 = cell(x)
        out += list(r0) if cls == "LSTMCell" else [r0]
        return out

    w, t = run(f)
    close(w, t, 1e-10)


def test_torch_level_functions():
    def f(m):
        x = m.randn(4, 2, 3, dtype=m.float64)
        ws = [m.randn(16, 3, dtype=m.float64), m.randn(16, 4, dtype=m.float64),
              m.randn(16, dtype=m.float64), m.randn(16, dtype=m.float64)]
        h0 = m.randn(1, 2, 4, dtype=m.float64)
        c0 = m.randn(1, 2, 4, dtype=m.float64)
        out = list(m.lstm(x, [h0, c0], ws, True, 1, 0.0, False, False, False))
        out += list(m.lstm_cell(x[0], [h0[0], c0[0]], *ws))
        g = [m.randn(12, 3, dtype=m.float64), m.randn(12, 4, dtype=m.float64)]
        out += list(m.gru(x, h0, g, False, 1, 0.0, False, False, False))
        out.append(m.gru_cell(x[0], h0[0], *g))
        r = [m.randn(4, 3, dtype=m.float64), m.randn(4, 4, dtype=m.float64)]
        out += list(m.rnn_tanh(x, h0, r, False, 1, 0.0, False, False, False))
        out += list(m.rnn_relu(x, h0, r, False, 1, 0.0, False, False, False))
        out.append(m.rnn_tanh_cell(x[0], h0[0], *r))
        out.append(m.rnn_relu_cell(x[0], h0[0], *r))
        bs = m.tensor([2, 2, 1, 1])
        data = m.randn(6, 3, dtype=m.float64)
        out += list(m.gru(data, bs, h0, g, False, 1, 0.0, False, False))
        out += list(m.lstm(data, bs, [h0, c0], ws, True, 1, 0.0, False, False))
        return out

    w, t = run(f)
    close(w, t, 1e-10)


# ---- packed sequences -------------------------------------------------------------------

@pytest.mark.parametrize("mode", list(CLASSES))
@pytest.mark.parametrize("bidir", [False, True])
@pytest.mark.parametrize("bf", [False, True])
def test_packed_input(mode, bidir, bf):
    def f(m):
        R = m.nn.utils.rnn
        mod = make(m, mode, 3, 4, 2, bidirectional=bidir, batch_first=bf).double()
        lengths = [3, 5, 1, 4]
        x = m.randn(*((4, 5, 3) if bf else (5, 4, 3)), dtype=m.float64, requires_grad=True)
        p = R.pack_padded_sequence(x, lengths, batch_first=bf, enforce_sorted=False)
        D = 2 if bidir else 1
        h0 = m.randn(2 * D, 4, 4, dtype=m.float64, requires_grad=True)
        hx = (h0, h0 * 2) if mode == "LSTM" else h0
        out, h = mod(p, hx)
        assert isinstance(out, R.PackedSequence)
        padded, lens = R.pad_packed_sequence(out, batch_first=bf, total_length=6)
        hs = list(h) if mode == "LSTM" else [h]
        (padded.sum() + sum((v * v).sum() for v in hs)).backward()
        return [out.data, out.batch_sizes, out.sorted_indices, out.unsorted_indices, padded, lens,
                x.grad, h0.grad] + hs + [q.grad for q in mod.parameters()]

    w, t = run(f)
    close(w, t, 1e-10)


def test_packed_equals_padded_for_full_lengths():
    mod = wick.nn.LSTM(3, 4, 2, bidirectional=True).double()
    x = wick.randn(5, 2, 3, dtype=wick.float64)
    p = wick.nn.utils.rnn.pack_padded_sequence(x, [5, 5])
    o1, (h1, c1) = mod(x)
    o2, (h2, c2) = mod(p)
    assert (o2.data - o1.reshape(10, 8)).abs().max().item() < 1e-12
    assert (h1 - h2).abs().max().item() < 1e-12 and (c1 - c2).abs().max().item() < 1e-12


def test_pack_pad_utils():
    def f(m):
        R = m.nn.utils.rnn
        a = m.randn(3, 2, dtype=m.float64, requires_grad=True)
        b = m.randn(5, 2, dtype=m.float64, requires_grad=True)
        c = m.randn(1, 2, dtype=m.float64, requires_grad=True)
        out = [R.pad_sequence([a, b, c]), R.pad_sequence([a, b, c], batch_first=True,
                                                          padding_value=-1.0)]
        p = R.pack_sequence([a, b, c], enforce_sorted=False)
        out += [p.data, p.batch_sizes, p.sorted_indices, p.unsorted_indices]
        p2 = R.pack_sequence([b, a, c])
        out += [p2.data, p2.batch_sizes]
        assert p2.sorted_indices is None and p2.unsorted_indices is None
        pad, lens = R.pad_packed_sequence(p, batch_first=True, padding_value=7.0)
        out += [pad, lens]
        out += list(R.unpack_sequence(p))
        out += list(R.unpad_sequence(R.pad_sequence([a, b, c]), m.tensor([3, 5, 1])))
        (pad * pad).sum().backward()
        out += [a.grad, b.grad, c.grad]
        pp = R.pack_padded_sequence(m.randn(4, 3, 2, dtype=m.float64), m.tensor([4, 2, 1]))
        out += [pp.data, pp.batch_sizes]
        out += [p.double().data, p.float().data, p.to(m.float32).data]
        return out

    w, t = run(f)
    close(w, t, 1e-12)


def test_packed_sequence_tuple():
    R = wick.nn.utils.rnn
    p = R.pack_sequence([wick.ones(2, 1), wick.ones(1, 1)])
    data, bs, si, ui = p
    assert bs.tolist() == [2, 1] and si is None and ui is None
    assert p._fields == ("data", "batch_sizes", "sorted_indices", "unsorted_indices")
    assert type(p).__name__ == "PackedSequence"
    assert p.to(wick.float64).data.dtype == wick.float64
    assert p.to(wick.float32) is p
    assert not p.is_cuda


def test_pack_pad_errors():
    cases = [
        lambda m: m.nn.utils.rnn.pack_padded_sequence(m.randn(3, 2, 1), [1, 3]),
        lambda m: m.nn.utils.rnn.pack_padded_sequence(m.randn(3, 2, 1), [3, 0]),
        lambda m: m.nn.utils.rnn.pack_padded_sequence(m.randn(3, 2, 1), [3, 2, 1]),
        lambda m: m.nn.utils.rnn.pad_packed_sequence(
            m.nn.utils.rnn.pack_sequence([m.ones(3, 1)]), total_length=2),
        lambda m: m.nn.utils.rnn.pack_sequence([m.ones(1, 1), m.ones(3, 1)]),
    ]
    for f in cases:
        w, t = run(lambda m: error_of(lambda: f(m)))
        assert w == t and w is not None, (w, t)


# ---- gradcheck --------------------------------------------------------------------------

def _d(*shape):
    return wick.randn(*shape, dtype=wick.float64, requires_grad=True)


def test_gradcheck_cells():
    from wick.autograd import gradcheck, gradgradcheck
    wick.manual_seed(0)
    x, h, c = _d(2, 3), _d(2, 4), _d(2, 4)
    wl = [_d(16, 3), _d(16, 4), _d(16), _d(16)]
    wg = [_d(12, 3), _d(12, 4), _d(12), _d(12)]
    wr = [_d(4, 3), _d(4, 4), _d(4), _d(4)]
    lstm = lambda x, h, c, *w: wick.lstm_cell(x, [h, c], *w)  # noqa: E731
    assert gradcheck(lstm, (x, h, c, *wl))
    assert gradgradcheck(lstm, (x, h, c, *wl))
    assert gradcheck(wick.gru_cell, (x, h, *wg))
    assert gradgradcheck(wick.gru_cell, (x, h, *wg))
    assert gradcheck(wick.rnn_tanh_cell, (x, h, *wr))
    assert gradgradcheck(wick.rnn_tanh_cell, (x, h, *wr))


@pytest.mark.parametrize("mode", ["LSTM", "GRU"])
def test_gradcheck_two_layer_bidirectional(mode):
    from wick.autograd import gradcheck, gradgradcheck
    wick.manual_seed(0)
    mod = getattr(wick.nn, mode)(2, 3, 2, bidirectional=True).double()
    params = list(mod.parameters())
    x = _d(3, 2, 2)

    def f(x, *ps):
        if mode == "LSTM":
            out, h, c = wick.lstm(x, [wick.zeros(4, 2, 3, dtype=wick.float64)] * 2, list(ps),
                                    True, 2, 0.0, False, True, False)
            return out, h, c
        out, h = wick.gru(x, wick.zeros(4, 2, 3, dtype=wick.float64), list(ps), True, 2, 0.0,
                          False, True, False)
        return out, h

    assert gradcheck(f, (x, *params))
    # second order on the input and the first layer's weights (the rest as constants)
    assert gradgradcheck(lambda x, a, b: f(x, a, b, *[p.detach() for p in params[2:]]),
                         (x, params[0], params[1]))


def test_gradcheck_packed_lstm_proj():
    from wick.autograd import gradcheck
    wick.manual_seed(0)
    mod = wick.nn.LSTM(2, 3, 1, bidirectional=True, proj_size=2).double()
    params = list(mod.parameters())
    data = _d(6, 2)
    bs = wick.tensor([3, 2, 1])

    def f(d, *ps):
        out, h, c = wick.lstm(d, bs, [wick.zeros(2, 3, 2, dtype=wick.float64),
                                      wick.zeros(2, 3, 3, dtype=wick.float64)], list(ps),
                              True, 1, 0.0, False, True)
        return out, h, c

    assert gradcheck(f, (data, *params))


def test_rnn_positional_nonlinearity_2x():
    # 2.x signature: RNN(input_size, hidden_size, num_layers, nonlinearity, bias, ...)
    m = wick.nn.RNN(3, 4, 2, "relu", False)
    assert m.nonlinearity == "relu" and m.mode == "RNN_RELU" and m.bias is False
    assert repr(m) == "RNN(3, 4, num_layers=2, bias=False)"


def test_module_to_keeps_flat_weights():
    m = wick.nn.LSTM(3, 4).double()
    assert all(w.dtype == wick.float64 for w in m._flat_weights)
    m.weight_ih_l0 = wick.nn.Parameter(wick.zeros(16, 3, dtype=wick.float64))
    assert m._flat_weights[0] is m.weight_ih_l0
    out, _ = m(wick.randn(2, 1, 3, dtype=wick.float64))
    assert out.shape == (2, 1, 4)


def test_pack_grad_fn_and_double_backward():
    def f(m):
        R = m.nn.utils.rnn
        x = m.randn(4, 3, 2, dtype=m.float64, requires_grad=True)
        p = R.pack_padded_sequence(x, [4, 2, 1], batch_first=False)
        (g,) = m.autograd.grad((p.data ** 3).sum(), x, create_graph=True)
        (g * g).sum().backward()
        return p.data.grad_fn.name(), p.data, x.grad

    w, t = run(f)
    assert w[0] == t[0]
    close(w[1:], t[1:], 1e-12)
