"""wick.utils.data against torch.utils.data: datasets, samplers (same seed -> same
order as PyTorch), default_collate / default_convert, DataLoader with num_workers=0
and its TensorDataset fast path. Worker processes: test_data_workers.py."""
import collections
import os
import warnings

import numpy as np
import pytest

import wick
import wick.utils.data as wd
from conftest import assert_same, needs_torch


def tdata():
    import torch
    import torch.utils.data
    return torch.utils.data


def assert_tree(w, t):
    """Nested structures equal: same container types, tensors equal as assert_same."""
    import torch
    if isinstance(t, torch.Tensor):
        assert_same(w, t)
    elif isinstance(t, dict):
        assert type(w) is type(t) and list(w) == list(t)
        for k in t:
            assert_tree(w[k], t[k])
    elif isinstance(t, (list, tuple)):
        assert type(w) is type(t), f"{type(w)} != {type(t)}"
        assert len(w) == len(t)
        for a, b in zip(w, t):
            assert_tree(a, b)
    elif isinstance(t, np.ndarray):
        assert isinstance(w, np.ndarray)
        np.testing.assert_array_equal(w, t)
    else:
        assert type(w) is type(t) and w == t, f"{w!r} != {t!r}"


def on_both(fn):
    """fn(module, data_module) with wick and with torch."""
    import torch
    return fn(wick, wd), fn(torch, tdata())


# ---- datasets -------------------------------------------------------------------------
def test_tensor_dataset_items_and_len():
    x, y = wick.arange(12.).reshape(6, 2), wick.arange(6)
    ds = wd.TensorDataset(x, y)
    assert len(ds) == 6
    a, b = ds[4]
    assert a.tolist() == [8.0, 9.0] and b.item() == 4
    assert ds[-1][1].item() == 5


def test_tensor_dataset_size_mismatch():
    with pytest.raises(AssertionError, match="Size mismatch between tensors"):
        wd.TensorDataset(wick.zeros(3), wick.zeros(4))


def test_dataset_base_errors_and_add():
    with pytest.raises(NotImplementedError, match="Subclasses of Dataset should implement __getitem__."):
        wd.Dataset()[0]

    class Sq(wd.Dataset):
        def __init__(self, n):
            self.n = n

        def __len__(self):
            return self.n

        def __getitem__(self, i):
            return i * i
    c = Sq(3) + Sq(2)
    assert isinstance(c, wd.ConcatDataset)
    assert [c[i] for i in range(len(c))] == [0, 1, 4, 0, 1]
    assert c[-1] == 1 and c[-5] == 0
    assert c.cumulative_sizes == [3, 5]
    with pytest.raises(ValueError, match="absolute value of index should not exceed dataset length"):
        c[-6]
    with pytest.raises(AssertionError, match="datasets should not be an empty iterable"):
        wd.ConcatDataset([])


def make_count(d):
    class Count(d.IterableDataset):
        def __init__(self, lo, hi):
            self.lo, self.hi = lo, hi

        def __iter__(self):
            info = d.get_worker_info()
            if info is None:
                return iter(range(self.lo, self.hi))
            return iter(range(self.lo + info.id, self.hi, info.num_workers))

        def __len__(self):
            return self.hi - self.lo
    return Count


class Count(wd.IterableDataset):
    def __init__(self, lo, hi):
        self.lo, self.hi = lo, hi

    def __iter__(self):
        info = wd.get_worker_info()
        if info is None:
            return iter(range(self.lo, self.hi))
        return iter(range(self.lo + info.id, self.hi, info.num_workers))

    def __len__(self):
        return self.hi - self.lo


def test_chain_and_concat_iterable_rules():
    ch = Count(0, 3) + Count(10, 12)
    assert isinstance(ch, wd.ChainDataset)
    assert list(ch) == [0, 1, 2, 10, 11] and len(ch) == 5
    with pytest.raises(AssertionError, match="ConcatDataset does not support IterableDataset"):
        wd.ConcatDataset([Count(0, 2)])
    with pytest.raises(AssertionError, match="ChainDataset only supports IterableDataset"):
        list(wd.ChainDataset([[1, 2]]))


def test_subset_and_stack_dataset():
    base = list(range(100, 110))
    s = wd.Subset(base, [3, 1, 7])
    assert len(s) == 3 and s[0] == 103 and s[2] == 107
    assert s.__getitems__([0, 1]) == [103, 101]
    st = wd.StackDataset([1, 2], ["a", "b"])
    assert st[1] == (2, "b") and len(st) == 2
    assert wd.StackDataset(x=[1, 2], y=[3, 4])[0] == {"x": 1, "y": 3}
    with pytest.raises(ValueError, match="Size mismatch between datasets"):
        wd.StackDataset([1], [1, 2])


@needs_torch
@pytest.mark.parametrize("lengths", [[3, 7], [5, 2, 3], [0.3, 0.7], [0.5, 0.25, 0.25], [0.33, 0.33, 0.34]])
def test_random_split_matches_torch(lengths):
    def run(m, d):
        g = m.Generator()
        g.manual_seed(7)
        return [list(s.indices) for s in d.random_split(list(range(10)), lengths, generator=g)]
    w, t = on_both(run)
    assert w == t


@needs_torch
def test_random_split_default_generator_matches_torch():
    import torch
    wick.manual_seed(123)
    torch.manual_seed(123)
    w = [s.indices for s in wd.random_split(range(20), [0.5, 0.5])]
    t = [s.indices for s in tdata().random_split(range(20), [0.5, 0.5])]
    assert w == t


def test_random_split_errors():
    with pytest.raises(ValueError, match="Sum of input lengths does not equal the length of the input dataset!"):
        wd.random_split(range(10), [3, 3])
    with pytest.raises(ValueError, match="Fraction at index 0 is not between 0 and 1"):
        wd.random_split(range(10), [1.5, -0.5])
    with pytest.warns(UserWarning, match="Length of split at index 1 is 0"):
        wd.random_split(range(2), [0.9, 0.05, 0.05])


# ---- samplers ---------------------------------------------------------------------------
@needs_torch
@pytest.mark.parametrize("kw", [dict(), dict(replacement=True), dict(num_samples=25),
                                dict(replacement=True, num_samples=70), dict(num_samples=3)])
def test_random_sampler_generator_matches_torch(kw):
    def run(m, d):
        g = m.Generator()
        g.manual_seed(2024)
        s = d.RandomSampler(range(10), generator=g, **kw)
        return len(s), list(s), list(s)
    w, t = on_both(run)
    assert w == t


@needs_torch
def test_random_sampler_default_generator_matches_torch():
    # Without a generator PyTorch seeds a fresh one from one draw of the default one.
    def run(m, d):
        m.manual_seed(5)
        s = d.RandomSampler(range(17))
        return list(s), list(s), m.randint(0, 1000, (3,)).tolist()
    w, t = on_both(run)
    assert w == t


def test_random_sampler_errors():
    with pytest.raises(TypeError, match="replacement should be a boolean value, but got replacement=0"):
        wd.RandomSampler(range(3), replacement=0)
    with pytest.raises(ValueError, match="num_samples should be a positive integer value, but got num_samples=0"):
        wd.RandomSampler(range(3), num_samples=0)
    with pytest.raises(ValueError, match="num_samples should be a positive integer value, but got num_samples=0"):
        wd.RandomSampler([])


@needs_torch
def test_subset_random_and_weighted_samplers_match_torch():
    def run(m, d):
        g = m.Generator()
        g.manual_seed(11)
        a = list(d.SubsetRandomSampler([5, 9, 2, 8, 1], generator=g))
        b = list(d.WeightedRandomSampler([0.1, 0.9, 0.4, 0.6, 0.0], 12, generator=g))
        c = list(d.WeightedRandomSampler([1, 2, 3, 4], 3, replacement=False, generator=g))
        e = list(d.SequentialSampler(range(4)))
        return a, b, c, e
    w, t = on_both(run)
    assert w == t


def test_weighted_sampler_errors():
    with pytest.raises(ValueError, match="num_samples should be a positive integer value, but got num_samples=True"):
        wd.WeightedRandomSampler([1.0], True)
    with pytest.raises(ValueError, match="replacement should be a boolean value, but got replacement=1"):
        wd.WeightedRandomSampler([1.0], 2, replacement=1)
    with pytest.raises(ValueError, match=r"weights should be a 1d sequence but given weights have shape \(1, 2\)"):
        wd.WeightedRandomSampler([[1.0, 2.0]], 2)
    s = wd.WeightedRandomSampler(np.array([1, 2]), 4)
    assert s.weights.dtype == wick.float64 and len(s) == 4


@needs_torch
@pytest.mark.parametrize("bs,drop", [(3, False), (3, True), (5, False), (10, True), (20, False)])
def test_batch_sampler_matches_torch(bs, drop):
    def run(m, d):
        s = d.BatchSampler(d.SequentialSampler(range(10)), bs, drop)
        return len(s), list(s)
    w, t = on_both(run)
    assert w == t


def test_batch_sampler_errors():
    with pytest.raises(ValueError, match="batch_size should be a positive integer value, but got batch_size=0"):
        wd.BatchSampler(range(3), 0, False)
    with pytest.raises(ValueError, match="batch_size should be a positive integer value, but got batch_size=True"):
        wd.BatchSampler(range(3), True, False)
    with pytest.raises(ValueError, match="drop_last should be a boolean value, but got drop_last=None"):
        wd.BatchSampler(range(3), 2, None)


# ---- collate ------------------------------------------------------------------------------
Point = collections.namedtuple("Point", ["x", "y"])


def _samples(m):
    return {
        "tensors": [m.tensor([1.0, 2.0]), m.tensor([3.0, 4.0])],
        "ints": [1, 2, 3],
        "bools": [True, False],
        "floats": [1.5, 2.0],
        "strings": ["a", "bc"],
        "numpy": [np.array([1, 2], dtype=np.int32), np.array([3, 4], dtype=np.int32)],
        "np_scalars": [np.float32(1.5), np.float32(2.5)],
        "np_int": [np.int64(3), np.int64(4)],
        "dicts": [{"a": m.tensor(1), "b": "x"}, {"a": m.tensor(2), "b": "y"}],
        "tuples": [(m.tensor([1]), 2), (m.tensor([3]), 4)],
        "lists": [[1, 2.0], [3, 4.0]],
        "namedtuples": [Point(m.tensor(1.0), 2), Point(m.tensor(3.0), 4)],
        "nested": [{"p": [m.zeros(2, dtype=m.int8), {"q": 1}]}, {"p": [m.ones(2, dtype=m.int8), {"q": 2}]}],
        "bf16": [m.tensor([1.0], dtype=m.bfloat16), m.tensor([2.0], dtype=m.bfloat16)],
    }


@needs_torch
@pytest.mark.parametrize("case", list(_samples(np).keys() if False else [
    "tensors", "ints", "bools", "floats", "strings", "numpy", "np_scalars", "np_int", "dicts",
    "tuples", "lists", "namedtuples", "nested", "bf16"]))
def test_default_collate_matches_torch(case):
    import torch
    w = wd.default_collate(_samples(wick)[case])
    t = tdata().default_collate(_samples(torch)[case])
    if case == "namedtuples":
        assert type(w) is Point and type(t) is Point
    assert_tree(w, t)


@needs_torch
@pytest.mark.parametrize("data", [
    lambda: np.array([1.0, 2.0]), lambda: 3, lambda: "s", lambda: (np.array([1]), 2),
    lambda: {"a": np.zeros(2, dtype=np.float32), "b": [np.int64(1)]}, lambda: Point(np.array(0), 1),
    lambda: np.array(["a", "b"]), lambda: [np.array([True])]])
def test_default_convert_matches_torch(data):
    assert_tree(wd.default_convert(data()), tdata().default_convert(data()))


def test_default_collate_errors():
    with pytest.raises(TypeError, match="default_collate: batch must contain tensors, numpy arrays, numbers, "
                                        "dicts or lists; found <class 'object'>"):
        wd.default_collate([object(), object()])
    with pytest.raises(TypeError, match="default_collate: batch must contain tensors, numpy arrays, numbers, "
                                        "dicts or lists; found <U1"):
        wd.default_collate([np.array(["a"]), np.array(["b"])])
    with pytest.raises(RuntimeError, match="each element in list of batch should be of equal size"):
        wd.default_collate([[1, 2], [3]])
    with pytest.raises(RuntimeError, match="stack expects each tensor to be equal size"):
        wd.default_collate([wick.zeros(2), wick.zeros(3)])


def test_collate_with_custom_map():
    def sum_fn(batch, *, collate_fn_map):
        return sum(batch)
    assert wd.collate([1, 2, 3], collate_fn_map={int: sum_fn}) == 6
    assert wd.collate([(1, 2), (3, 4)], collate_fn_map={int: sum_fn}) == [4, 6]


# ---- DataLoader, num_workers=0 --------------------------------------------------------------
def _xy(m, n=10):
    return m.arange(n * 3, dtype=m.float32).reshape(n, 3), m.arange(n) % 3


class Plain:
    """A map-style dataset that is not a TensorDataset (the slow path)."""

    def __init__(self, x, y):
        self.x, self.y = x, y

    def __len__(self):
        return len(self.x)

    def __getitem__(self, i):
        return self.x[i], self.y[i]


@needs_torch
@pytest.mark.parametrize("kw", [dict(), dict(batch_size=4), dict(batch_size=4, drop_last=True),
                                dict(batch_size=3, shuffle=True), dict(batch_size=None),
                                dict(batch_size=20)])
def test_dataloader_matches_torch(kw):
    def run(m, d):
        m.manual_seed(0)
        dl = d.DataLoader(d.TensorDataset(*_xy(m)), **kw)
        return len(dl), list(dl), list(dl)
    (wl, w1, w2), (tl, t1, t2) = on_both(run)
    assert wl == tl
    assert_tree(w1, t1)
    assert_tree(w2, t2)


@needs_torch
def test_dataloader_generator_shuffle_matches_torch():
    def run(m, d):
        g = m.Generator()
        g.manual_seed(99)
        dl = d.DataLoader(Plain(*_xy(m, 13)), batch_size=4, shuffle=True, generator=g)
        return [b[1].tolist() for b in dl] + [b[1].tolist() for b in dl]
    w, t = on_both(run)
    assert w == t


@needs_torch
def test_dataloader_sampler_batch_sampler_collate_fn():
    def run(m, d):
        ds = Plain(*_xy(m))
        a = [b[1].tolist() for b in d.DataLoader(ds, batch_size=3, sampler=[9, 0, 4, 4, 2])]
        bs = [[1, 2], [7], [3, 3, 3]]
        b = [x[0].tolist() for x in d.DataLoader(ds, batch_sampler=bs)]
        c = list(d.DataLoader(ds, batch_size=2, collate_fn=lambda s: len(s)))
        e = list(d.DataLoader(list(range(5)), batch_size=2))
        return a, b, c, [x.tolist() for x in e], len(d.DataLoader(ds, batch_sampler=bs))
    w, t = on_both(run)
    assert w == t


@needs_torch
def test_dataloader_iterable_dataset():
    def run(m, d):
        out = []
        for kw in [dict(batch_size=2), dict(batch_size=2, drop_last=True), dict(batch_size=None)]:
            dl = d.DataLoader(make_count(d)(0, 5), **kw)
            out.append((len(dl), [x if isinstance(x, int) else x.tolist() for x in dl]))
        return out
    w, t = on_both(run)
    assert w == t


def test_dataloader_iterable_dataset_length_warning():
    class Short(wd.IterableDataset):
        def __iter__(self):
            return iter(range(4))

        def __len__(self):
            return 2
    dl = wd.DataLoader(Short(), batch_size=None)
    assert len(dl) == 2
    with pytest.warns(UserWarning, match=r"was reported to be 2 \(when accessing len\(dataloader\)\), but 3 samples"):
        list(dl)


@pytest.mark.parametrize("kw,err,msg", [
    (dict(num_workers=-1), ValueError, "num_workers option should be non-negative; use num_workers=0 to disable multiprocessing."),
    (dict(timeout=-1), ValueError, "timeout option should be non-negative"),
    (dict(prefetch_factor=2), ValueError, "prefetch_factor option could only be specified in multiprocessing."),
    (dict(persistent_workers=True), ValueError, "persistent_workers option needs num_workers > 0"),
    (dict(sampler=[0, 1], shuffle=True), ValueError, "sampler option is mutually exclusive with shuffle"),
    (dict(batch_sampler=[[0]], batch_size=2), ValueError, "batch_sampler option is mutually exclusive with batch_size, shuffle, sampler, and drop_last"),
    (dict(batch_sampler=[[0]], drop_last=True), ValueError, "batch_sampler option is mutually exclusive"),
    (dict(batch_size=None, drop_last=True), ValueError, "batch_size=None option disables auto-batching and is mutually exclusive with drop_last"),
    (dict(multiprocessing_context="fork"), ValueError, "multiprocessing_context can only be used with multi-process loading"),
    (dict(num_workers=1, multiprocessing_context="nope"), ValueError, "multiprocessing_context option should specify a valid start method"),
    (dict(num_workers=1, multiprocessing_context=3), TypeError, "multiprocessing_context option should be a valid context object"),
])
def test_dataloader_argument_errors(kw, err, msg):
    import re
    with pytest.raises(err, match=re.escape(msg)):
        wd.DataLoader(list(range(4)), **kw)


@needs_torch
@pytest.mark.parametrize("kw", [dict(num_workers=-1), dict(timeout=-1),
                                dict(persistent_workers=True), dict(sampler=[0], shuffle=True),
                                dict(batch_sampler=[[0]], batch_size=2), dict(batch_size=None, drop_last=True)])
def test_dataloader_argument_errors_match_torch(kw):
    import torch
    with pytest.raises(Exception) as te:
        tdata().DataLoader(list(range(4)), **kw)
    with pytest.raises(type(te.value)) as we:
        wd.DataLoader(list(range(4)), **kw)
    assert str(we.value) == str(te.value)


def test_dataloader_iterable_dataset_rejects_shuffle_and_samplers():
    with pytest.raises(ValueError, match="DataLoader with IterableDataset: expected unspecified shuffle option, but got shuffle=True"):
        wd.DataLoader(Count(0, 3), shuffle=True)
    with pytest.raises(ValueError, match="expected unspecified sampler option, but got sampler=\\[0\\]"):
        wd.DataLoader(Count(0, 3), sampler=[0])
    with pytest.raises(ValueError, match="expected unspecified batch_sampler option"):
        wd.DataLoader(Count(0, 3), batch_sampler=[[0]])


def test_dataloader_attributes_frozen_and_pin_memory():
    dl = wd.DataLoader(list(range(4)), batch_size=2)
    with pytest.raises(ValueError, match="batch_size attribute should not be set after DataLoader is initialized"):
        dl.batch_size = 3
    dl.num_workers = 0  # allowed, as in PyTorch
    assert isinstance(dl.sampler, wd.SequentialSampler) and isinstance(dl.batch_sampler, wd.BatchSampler)
    pdl = wd.DataLoader(list(range(4)), batch_size=2, pin_memory=True)
    with pytest.warns(UserWarning, match="'pin_memory' argument is set as true but no accelerator is found"):
        out = [b.tolist() for b in pdl]
    assert out == [[0, 1], [2, 3]]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        list(dl)


@needs_torch
def test_dataloader_consumes_the_generator_as_torch():
    # Each iterator draws a base seed from the loader's generator before sampling.
    def run(m, d):
        m.manual_seed(42)
        dl = d.DataLoader(Plain(*_xy(m, 7)), batch_size=3, shuffle=True)
        first = [b[1].tolist() for b in dl]
        it = iter(dl)
        return first, [b[1].tolist() for b in it], m.rand(2).tolist()
    w, t = on_both(run)
    assert w == t


# ---- fast path ----------------------------------------------------------------------------------
@pytest.mark.parametrize("dtype", [wick.float32, wick.int64, wick.bfloat16, wick.bool])
@pytest.mark.parametrize("kw", [dict(batch_size=4), dict(batch_size=3, shuffle=True), dict(batch_size=5, drop_last=True),
                                dict(sampler=[3, 3, 0, 9], batch_size=2)])
def test_tensor_dataset_fast_path_equals_slow_path(dtype, kw):
    x = wick.arange(40).reshape(10, 2, 2).to(dtype)
    y = wick.arange(10)
    z = wick.arange(20.).reshape(2, 10).t()  # non-contiguous source
    wick.manual_seed(3)
    fast = list(wd.DataLoader(wd.TensorDataset(x, y, z), **kw))
    wick.manual_seed(3)
    slow = list(wd.DataLoader(Plain(x, y), **kw))
    wick.manual_seed(3)
    slow_z = list(wd.DataLoader(Plain(z, y), **kw))
    assert len(fast) == len(slow)
    for f, s, sz in zip(fast, slow, slow_z):
        assert isinstance(f, list) and len(f) == 3
        for a, b in zip(f[:2] + [f[2]], s + [sz[0]]):
            assert a.dtype == b.dtype and a.shape == b.shape and a.is_contiguous()
            assert a.float().tolist() == b.float().tolist()


def test_fast_path_falls_back_for_negative_indices_and_subclasses():
    x = wick.arange(5.)
    out = list(wd.DataLoader(wd.TensorDataset(x), sampler=[-1, 0], batch_size=2))
    assert out[0][0].tolist() == [4.0, 0.0]
    with pytest.raises(IndexError):
        list(wd.DataLoader(wd.TensorDataset(x), sampler=[7], batch_size=1))

    class Doubled(wd.TensorDataset):
        def __getitem__(self, i):
            return tuple(t[i] * 2 for t in self.tensors)
    assert list(wd.DataLoader(Doubled(x), batch_size=5))[0][0].tolist() == [0., 2., 4., 6., 8.]


def test_fast_path_uses_index_select(monkeypatch):
    from wick.utils.data._utils import fetch
    f = fetch._MapDatasetFetcher(wd.TensorDataset(wick.arange(6.)), True, wd.default_collate, False)
    assert f._fast is not None
    f2 = fetch._MapDatasetFetcher(wd.TensorDataset(wick.arange(6.)), True, lambda b: b, False)
    assert f2._fast is None


def test_reachable_from_wick_utils_lazily():
    import subprocess
    import sys
    assert wick.utils.data is wd
    code = ("import sys; sys.path.insert(0, %r); import wick; "
            "assert 'wick.utils.data' not in sys.modules; "
            "print(wick.utils.data.DataLoader.__name__)") % (os.path.join(os.path.dirname(wick.__file__), ".."),)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "DataLoader"
