"""wick.save / wick.load: torch.save's zip checkpoint format, both directions."""
import collections
import datetime
import io
import pickle

import numpy as np
import pytest

import wick
from conftest import assert_same, needs_torch

DTYPES = ["bool", "uint8", "int8", "int16", "int32", "int64", "float16", "bfloat16",
          "float32", "float64"]


def _values(t):
    return t.detach().to(wick.float64).numpy() if isinstance(t, wick.Tensor) else \
        t.detach().double().numpy()


def _torch_to_wick_bytes(torch, obj):
    buf = io.BytesIO()
    torch.save(obj, buf)
    return buf.getvalue()


def _wick_bytes(obj):
    buf = io.BytesIO()
    wick.save(obj, buf)
    return buf.getvalue()


def _assert_tree(w, t):
    import torch
    if isinstance(t, torch.Tensor):
        assert isinstance(w, wick.Tensor)
        assert_same(w, t, check_repr=not isinstance(t, torch.nn.Parameter))
        assert isinstance(w, wick.nn.Parameter) == isinstance(t, torch.nn.Parameter)
        assert w.stride() == t.stride() and w.storage_offset() == t.storage_offset()
    elif isinstance(t, dict):
        assert type(w).__name__ == type(t).__name__
        assert list(w.keys()) == list(t.keys())
        for k in t:
            _assert_tree(w[k], t[k])
    elif isinstance(t, (list, tuple)):
        assert type(w) is type(t) and len(w) == len(t)
        for a, b in zip(w, t):
            _assert_tree(a, b)
    else:
        assert type(w) is type(t) and w == t


# ---- torch.save -> wick.load ----

@needs_torch
@pytest.mark.parametrize("dtype", DTYPES)
def test_torch_file_every_dtype_and_views(torch_ref, dtype):
    torch = torch_ref
    base = torch.tensor([[-2.5, 0.0, 1.5, 3.0], [100.25, -7.0, 0.5, 2.0]]).abs()
    base = base.to(getattr(torch, dtype))
    obj = {"base": base, "t": base.t(), "row": base[1], "step": base[:, 1::2],
           "scalar": base[1, 2], "empty": base[:0]}
    w = wick.load(io.BytesIO(_torch_to_wick_bytes(torch, obj)))
    _assert_tree(w, obj)
    # Views keep sharing one storage.
    w["base"].zero_()
    assert not w["t"].any().item()


@needs_torch
@pytest.mark.parametrize("make", [
    lambda nn: nn.Linear(3, 2),
    lambda nn: nn.Conv2d(2, 3, 3, bias=False),
    lambda nn: nn.Sequential(nn.Linear(4, 3), nn.BatchNorm1d(3), nn.ReLU(), nn.Linear(3, 1)),
    lambda nn: nn.LSTM(3, 4, num_layers=2),
    lambda nn: nn.Embedding(5, 2),
])
def test_torch_state_dict_loads_into_wick_module(torch_ref, make, tmp_path):
    torch = torch_ref
    torch.manual_seed(0)
    tm = make(torch.nn)
    path = tmp_path / "sd.pt"
    torch.save(tm.state_dict(), path)
    sd = wick.load(path)
    assert isinstance(sd, collections.OrderedDict)
    _assert_tree(sd, collections.OrderedDict(tm.state_dict()))
    wm = make(wick.nn)
    wm.load_state_dict(sd)
    for (wk, wv), (tk, tv) in zip(wm.state_dict().items(), tm.state_dict().items()):
        assert wk == tk
        np.testing.assert_array_equal(_values(wv), _values(tv))


@needs_torch
def test_torch_nested_containers_and_all_data(torch_ref):
    torch = torch_ref
    torch.manual_seed(0)
    w_t = torch.randn(3, 3)
    all_data = {
        "epoch": 7, "step": 2 ** 40, "loss": 0.125, "neg": -70000, "name": "run-1",
        "done": False, "nothing": None, "raw": b"\x00\xff\x80",
        "history": [1.5, 2.5, [3, (4, "five")]], "shape": (2, 3), "size": torch.Size([4, 5]),
        "weights": {"w": w_t, "w_again": w_t, "b": torch.zeros(3, dtype=torch.int64)},
        "param": torch.nn.Parameter(torch.ones(2)),
        "frozen": torch.nn.Parameter(torch.ones(1), requires_grad=False),
        "od": collections.OrderedDict([("z", 1), ("a", 2)]),
        3: "int key", (1, 2): "tuple key",
    }
    w = wick.load(io.BytesIO(_torch_to_wick_bytes(torch, all_data)))
    expected = dict(all_data, size=(4, 5))
    _assert_tree(w, expected)
    # One tensor saved twice is one object after loading, as in torch.
    assert w["weights"]["w"] is w["weights"]["w_again"]
    assert w["param"].requires_grad and not w["frozen"].requires_grad


@needs_torch
def test_torch_file_with_foreign_global_is_refused(torch_ref):
    data = _torch_to_wick_bytes(torch_ref, {"when": datetime.date(2020, 1, 2)})
    with pytest.raises(pickle.UnpicklingError, match="GLOBAL datetime.date was not an allowed"):
        wick.load(io.BytesIO(data))
    with pytest.raises(pickle.UnpicklingError, match="datetime.date"):
        wick.load(io.BytesIO(data), weights_only=True)


@needs_torch
def test_truncated_and_corrupt_files_raise(torch_ref):
    data = _torch_to_wick_bytes(torch_ref, {"a": torch_ref.arange(4), "b": [1, "x"]})
    for n in range(0, len(data), 7):
        with pytest.raises(RuntimeError):
            wick.load(io.BytesIO(data[:n]))
    for i in range(0, len(data), 3):
        bad = bytearray(data)
        bad[i] ^= 0x41
        try:
            wick.load(io.BytesIO(bytes(bad)))
        except (RuntimeError, pickle.UnpicklingError):
            pass


# ---- wick.save -> torch.load ----

@needs_torch
@pytest.mark.parametrize("dtype", DTYPES)
def test_wick_file_loads_in_torch_weights_only(torch_ref, dtype):
    torch = torch_ref
    base = wick.tensor([[2.5, 0.0, 1.5], [3.0, 100.25, 7.0]]).to(getattr(wick, dtype))
    obj = {"base": base, "t": base.t(), "row": base[1], "n": [1, "x", None, (2, 3)],
           "p": wick.nn.Parameter(wick.ones(2))}
    data = _wick_bytes(obj)
    # PyTorch 1.13's weights_only unpickler lacks BINFLOAT, so no floats here.
    t = torch.load(io.BytesIO(data), weights_only=True)
    assert_same(base, t["base"])
    assert_same(base.t(), t["t"])
    assert t["t"].stride() == (1, 3) and t["row"].storage_offset() == 3
    assert t["base"].storage().data_ptr() == t["row"].storage().data_ptr()
    assert t["n"] == [1, "x", None, (2, 3)]
    assert isinstance(t["p"], torch.nn.Parameter) and t["p"].requires_grad


@needs_torch
def test_wick_file_with_numbers_loads_in_torch(torch_ref, tmp_path):
    torch = torch_ref
    obj = {"lr": 0.5, "big": -(2 ** 40), "raw": b"\x00\xff", "od": collections.OrderedDict(a=1.5),
           "t": wick.arange(3, dtype=wick.float16)}
    path = tmp_path / "w.pt"
    wick.save(obj, path)
    t = torch.load(path)
    assert t["lr"] == 0.5 and t["big"] == -(2 ** 40) and t["raw"] == b"\x00\xff"
    assert isinstance(t["od"], collections.OrderedDict) and t["od"]["a"] == 1.5
    assert_same(obj["t"], t["t"])
    # and back.
    _assert_tree(wick.load(path), t)


@needs_torch
def test_wick_state_dict_loads_into_torch_module(torch_ref, tmp_path):
    torch = torch_ref
    wick.manual_seed(0)
    wm = wick.nn.Sequential(wick.nn.Linear(4, 3), wick.nn.BatchNorm1d(3), wick.nn.Linear(3, 2))
    path = tmp_path / "model.pt"
    wick.save(wm.state_dict(), path)
    tm = torch.nn.Sequential(torch.nn.Linear(4, 3), torch.nn.BatchNorm1d(3),
                             torch.nn.Linear(3, 2))
    tm.load_state_dict(torch.load(path, weights_only=True))
    tm.eval()
    wm.eval()
    x = np.linspace(-1, 1, 8, dtype=np.float32).reshape(2, 4)
    np.testing.assert_allclose(wm(wick.tensor(x)).detach().numpy(),
                               tm(torch.tensor(x)).detach().numpy(), rtol=1e-6, atol=1e-6)


def test_round_trip_file_like_and_path(tmp_path):
    a = wick.arange(12, dtype=wick.float32).reshape(3, 4)
    obj = [a, a[:, 1], {"k": (a.t(), 3)}]
    buf = io.BytesIO()
    wick.save(obj, buf)
    buf.seek(0)
    back = wick.load(buf)
    assert back[1].stride() == (4,) and back[1].storage_offset() == 1
    np.testing.assert_array_equal(back[2]["k"][0].numpy(), a.t().numpy())
    back[0].fill_(1.0)
    assert back[1].sum().item() == 3.0
    wick.save(obj, str(tmp_path / "x.pt"))
    assert wick.load(str(tmp_path / "x.pt"))[2]["k"][1] == 3


def test_map_location_forms():
    data = _wick_bytes({"a": wick.ones(2)})
    for loc in [None, "cpu", wick.device("cpu"), {"cpu": "cpu"}, lambda s, loc: s,
                lambda s, loc: None]:
        assert wick.load(io.BytesIO(data), map_location=loc)["a"].sum().item() == 2.0
    msg = "Attempting to deserialize object on a CUDA device but torch.cuda.is_available"
    for loc in ["cuda", "cuda:0", {"cpu": "cuda:0"}, lambda s, loc: s.cuda()]:
        with pytest.raises(RuntimeError, match=msg):
            wick.load(io.BytesIO(data), map_location=loc)
    with pytest.raises(TypeError, match="map_location should be"):
        wick.load(io.BytesIO(data), map_location=3)


def test_errors():
    with pytest.raises(FileNotFoundError):
        wick.load("/nonexistent/dir/file.pt")
    with pytest.raises(RuntimeError, match="PytorchStreamReader failed reading zip archive"):
        wick.load(io.BytesIO(b"not a checkpoint at all, clearly"))
    with pytest.raises(RuntimeError, match="Can not safely load weights"):
        wick.load(io.BytesIO(b""), pickle_module=pickle)


@needs_torch
def test_dtypes_and_devices_both_ways(torch_ref):
    torch = torch_ref
    obj = {"dtypes": [getattr(torch, d) for d in DTYPES], "cpu": torch.device("cpu"),
           "gpu": torch.device("cuda", 1)}
    w = wick.load(io.BytesIO(_torch_to_wick_bytes(torch, obj)))
    assert w["dtypes"] == [getattr(wick, d) for d in DTYPES]
    assert w["cpu"] == wick.device("cpu") and w["gpu"] == wick.device("cuda:1")
    t = torch.load(io.BytesIO(_wick_bytes(w)))
    assert t == obj


@needs_torch
def test_weights_only_false_loads_python_objects_and_whole_modules(torch_ref, tmp_path):
    import argparse
    torch = torch_ref
    torch.manual_seed(0)
    model = torch.nn.Sequential(torch.nn.Linear(3, 2), torch.nn.ReLU(), torch.nn.Linear(2, 1))
    base = torch.arange(6.0).reshape(2, 3)
    ckpt = {"args": argparse.Namespace(lr=0.1, name="x"), "np": np.float64(2.5),
            "arr": np.arange(3), "model": model, "v": base.t(), "row": base[1],
            "p": torch.nn.Parameter(torch.ones(2)), "bf": torch.ones(2, dtype=torch.bfloat16),
            "e": torch.zeros(0, 2), "dt": torch.int64, "size": torch.Size([2])}
    path = tmp_path / "full.pt"
    torch.save(ckpt, path)
    # The default (weights_only) refuses the foreign globals, naming the first.
    with pytest.raises(pickle.UnpicklingError, match="GLOBAL argparse.Namespace"):
        wick.load(path)
    for source in [path, io.BytesIO(path.read_bytes())]:
        w = wick.load(source, weights_only=False)
        assert w["args"] == ckpt["args"] and w["np"] == 2.5 and list(w["arr"]) == [0, 1, 2]
        assert w["dt"] is wick.int64 and tuple(w["size"]) == (2,)
        for k in ["v", "row", "p", "bf", "e"]:
            _assert_tree(w[k], ckpt[k])
        w["v"].zero_()
        assert w["row"].sum().item() == 0  # views still share their storage
        assert isinstance(w["model"], wick.nn.Sequential)
        x = np.linspace(-1, 1, 6, dtype=np.float32).reshape(2, 3)
        np.testing.assert_allclose(w["model"](wick.tensor(x)).detach().numpy(),
                                   model(torch.tensor(x)).detach().numpy(), rtol=1e-6)
    with pytest.raises(RuntimeError, match="CUDA"):
        wick.load(path, weights_only=False, map_location="cuda")
    with pytest.raises(RuntimeError, match="PytorchStreamReader failed reading zip archive"):
        wick.load(io.BytesIO(b"junk" * 10), weights_only=False)


def test_python_objects_save_through_pickle():
    # As torch.save: any picklable object saves; weights_only loading refuses it.
    rec = [1]
    rec.append(rec)
    obj = {"o": datetime.date(2020, 1, 2), "rec": rec, "t": wick.ones(2)}
    data = _wick_bytes(obj)
    with pytest.raises(pickle.UnpicklingError, match="GLOBAL datetime.date"):
        wick.load(io.BytesIO(data))
    back = wick.load(io.BytesIO(data), weights_only=False)
    assert back["o"] == datetime.date(2020, 1, 2) and back["rec"][1] is back["rec"]
    assert back["t"].tolist() == [1.0, 1.0]


@needs_torch
def test_whole_wick_module_loads_in_torch(torch_ref, tmp_path):
    import argparse
    torch = torch_ref
    wick.manual_seed(0)
    model = wick.nn.Sequential(wick.nn.Linear(3, 4), wick.nn.ReLU(), wick.nn.Linear(4, 2))
    a = wick.arange(6.0).reshape(2, 3)
    obj = {"model": model, "args": argparse.Namespace(lr=0.1), "v": a.t(), "r": a[1],
           "dt": wick.float32, "dev": wick.device("cpu"), "np": np.float32(1.5)}
    path = tmp_path / "full.pt"
    wick.save(obj, path)
    t = torch.load(path)
    assert isinstance(t["model"], torch.nn.Sequential) and t["args"].lr == 0.1
    assert t["dt"] is torch.float32 and t["dev"] == torch.device("cpu") and t["np"] == 1.5
    assert t["v"].storage().data_ptr() == t["r"].storage().data_ptr()
    assert t["v"].stride() == (1, 3) and t["r"].storage_offset() == 3
    x = np.linspace(-1, 1, 6, dtype=np.float32).reshape(2, 3)
    expected = model(wick.tensor(x)).detach().numpy()
    np.testing.assert_allclose(t["model"](torch.tensor(x)).detach().numpy(), expected, rtol=1e-6)
    w = wick.load(path, weights_only=False)
    np.testing.assert_allclose(w["model"](wick.tensor(x)).detach().numpy(), expected, rtol=1e-6)


def test_subclasses_keep_their_type():
    Point = collections.namedtuple("Point", "x y")
    globals()["Point"] = Point  # picklable by name
    Point.__module__ = __name__
    obj = {"pt": Point(1, 2), "cnt": collections.Counter("aab"), "f": np.float64(2.5),
           "dd": collections.defaultdict(list, a=[1]), "size": wick.Size([2, 3])}
    back = wick.load(io.BytesIO(_wick_bytes(obj)), weights_only=False)
    for k in ["pt", "cnt", "f", "dd"]:
        assert type(back[k]) is type(obj[k]) and back[k] == obj[k], k
    assert back["size"] == (2, 3)
    # Plain containers of plain values stay on the weights_only path.
    plain = {"a": [1, (2.5, "x")], "o": collections.OrderedDict(z=None), "s": wick.Size([4])}
    back = wick.load(io.BytesIO(_wick_bytes(plain)))
    assert back == {"a": [1, (2.5, "x")], "o": collections.OrderedDict(z=None), "s": (4,)}
    assert type(back["o"]) is collections.OrderedDict


@needs_torch
def test_counter_loads_with_weights_only():
    # lr_scheduler.MultiStepLR's state_dict holds a collections.Counter; PyTorch 2.4+
    # allows it under weights_only. wick loads it as the dict it wraps.
    import torch
    blob = _torch_to_wick_bytes(torch, {"milestones": collections.Counter([2, 4, 4]), "w": torch.ones(2)})
    got = wick.load(io.BytesIO(blob))
    assert dict(got["milestones"]) == {2: 1, 4: 2}
    ours = _wick_bytes({"milestones": collections.Counter([3, 3])})
    assert dict(wick.load(io.BytesIO(ours))["milestones"]) == {3: 2}
    assert torch.load(io.BytesIO(ours))["milestones"] == collections.Counter([3, 3])
    # Counter called with anything but one dict is refused
    import zipfile
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as z:
        z.writestr("archive/data.pkl", b"\x80\x02ccollections\nCounter\nq\x00K\x01\x85q\x01Rq\x02.")
        z.writestr("archive/byteorder", b"little")
        z.writestr("archive/version", b"3\n")
    with pytest.raises(RuntimeError, match="bad collections.Counter arguments"):
        wick.load(io.BytesIO(buf.getvalue()))
