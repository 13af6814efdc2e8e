"""DataLoader with worker processes: in-order results, worker_init_fn and
get_worker_info, seeds, prefetch_factor, persistent_workers, shared-memory
transport, and errors (worker exceptions, killed workers, timeouts) that raise
instead of hanging."""
import glob
import os
import signal
import time

import numpy as np
import pytest

import wick
import wick.utils.data as wd
from wick.utils.data._utils import worker as _worker
from conftest import assert_same, needs_torch



def leftovers():
    return glob.glob(os.path.join(_worker.SHM_DIR, f"wick_dl_{os.getpid()}_*"))


class Rows(wd.Dataset):
    """Each sample names the process that made it."""

    def __init__(self, n=23):
        self.n = n

    def __len__(self):
        return self.n

    def __getitem__(self, i):
        info = wd.get_worker_info()
        return {"i": i, "x": wick.full((2, 3), float(i)), "pid": os.getpid(),
                "wid": -1 if info is None else info.id}


@pytest.mark.parametrize("workers", [1, 2, 3])
@pytest.mark.parametrize("kw", [dict(batch_size=4), dict(batch_size=5, shuffle=True), dict(batch_size=None),
                                dict(batch_size=3, drop_last=True)])
def test_results_in_order_and_equal_to_single_process(workers, kw):
    g0, g1 = wick.Generator(), wick.Generator()
    g0.manual_seed(8)
    g1.manual_seed(8)
    ref = list(wd.DataLoader(Rows(), generator=g0, **kw))
    got = list(wd.DataLoader(Rows(), num_workers=workers, generator=g1, **kw))
    assert len(got) == len(ref)
    for a, b in zip(got, ref):
        assert a["i"].tolist() == b["i"].tolist() if kw.get("batch_size") else a["i"] == b["i"]
        assert a["x"].tolist() == b["x"].tolist() and a["x"].dtype == wick.float32
        pids = a["pid"].tolist() if kw.get("batch_size") else [a["pid"]]
        assert os.getpid() not in pids
    assert not leftovers()


def test_workers_take_batches_round_robin():
    got = list(wd.DataLoader(Rows(12), batch_size=2, num_workers=3))
    assert [b["wid"].tolist() for b in got] == [[0, 0], [1, 1], [2, 2]] * 2


def test_tensor_dataset_fast_path_in_workers():
    x = wick.arange(60.).reshape(20, 3)
    y = wick.arange(20)
    ds = wd.TensorDataset(x, y)
    got = list(wd.DataLoader(ds, batch_size=6, num_workers=2))
    ref = list(wd.DataLoader(ds, batch_size=6))
    for a, b in zip(got, ref):
        assert_equal_tensors(a[0], b[0])
        assert_equal_tensors(a[1], b[1])


def assert_equal_tensors(a, b):
    assert a.dtype == b.dtype and a.shape == b.shape and a.tolist() == b.tolist()


@pytest.mark.parametrize("dtype", [wick.float32, wick.float64, wick.float16, wick.bfloat16, wick.int8,
                                   wick.uint8, wick.int16, wick.int32, wick.int64, wick.bool])
def test_dtypes_cross_the_process_boundary(dtype):
    class D(wd.Dataset):
        def __len__(self):
            return 4

        def __getitem__(self, i):
            return (wick.arange(6).reshape(2, 3) + i).to(dtype), wick.tensor(i), wick.zeros(0, 2), "s"
    got = list(wd.DataLoader(D(), batch_size=2, num_workers=2))
    ref = list(wd.DataLoader(D(), batch_size=2))
    for a, b in zip(got, ref):
        for p, q in zip(a[:3], b[:3]):
            assert_equal_tensors(p.float() if dtype == wick.bfloat16 else p,
                                 q.float() if dtype == wick.bfloat16 else q)
            assert p.dtype == q.dtype
        assert a[3] == b[3] == ("s", "s")  # as PyTorch: the transposed tuple


def test_shared_memory_transport_does_not_pickle_tensor_bytes():
    t = wick.arange(250000, dtype=wick.float32).reshape(500, 500)
    sub = wick.nn.Parameter(wick.ones(3))
    path = _worker.shm_prefix(os.getpid(), "unit") + "0"
    batch = _worker.encode({"t": t, "v": t[:, 1], "p": sub, "n": 3}, path)
    assert len(batch.payload) < 2000  # the 1 MB of values went to the shared block
    assert os.path.exists(path)
    out = _worker.decode(batch)
    assert not os.path.exists(path)  # unlinked on receipt; the mapping keeps the memory
    assert out["t"].tolist() == t.tolist() and out["v"].tolist() == t[:, 1].tolist()
    assert type(out["p"]) is wick.nn.Parameter and out["p"].requires_grad and out["n"] == 3
    keep = out["v"]
    del out, batch
    import gc
    gc.collect()
    assert keep.sum().item() == t[:, 1].sum().item()
    keep += 1  # writable
    assert keep[0].item() == 2.0


def test_worker_info_seeds_and_init_fn():
    class Info(wd.Dataset):
        def __len__(self):
            return 4

        def __getitem__(self, i):
            info = wd.get_worker_info()
            return [info.id, info.num_workers, info.seed, os.environ.get("WICK_TEST_INIT"),
                    wick.initial_seed(), info.dataset is self]

    def init(wid):
        os.environ["WICK_TEST_INIT"] = f"init{wid}"
    g = wick.Generator()
    g.manual_seed(1)
    base = wick.empty((), dtype=wick.int64).random_(generator=g).item()
    g.manual_seed(1)
    out = list(wd.DataLoader(Info(), batch_size=None, num_workers=2, worker_init_fn=init, generator=g))
    assert [o[0] for o in out] == [0, 1, 0, 1]
    assert all(o[1] == 2 for o in out)
    assert [o[2] for o in out] == [base, base + 1, base, base + 1]
    assert [o[3] for o in out] == ["init0", "init1", "init0", "init1"]
    assert [o[4] for o in out] == [base, base + 1, base, base + 1]
    assert all(o[5] for o in out)
    assert wd.get_worker_info() is None


def test_worker_info_is_read_only():
    info = _worker.WorkerInfo(id=0, num_workers=1, seed=3, dataset=None)
    assert repr(info) == "WorkerInfo(id=0, num_workers=1, seed=3, dataset=None)"
    with pytest.raises(RuntimeError, match="Cannot assign attributes to WorkerInfo objects"):
        info.id = 2


@needs_torch
@pytest.mark.parametrize("kw", [dict(batch_size=2), dict(batch_size=3, drop_last=True), dict(batch_size=None)])
def test_iterable_dataset_with_workers_matches_torch(kw):
    import torch
    import torch.utils.data as td
    from test_data import make_count
    w = [x if isinstance(x, int) else x.tolist()
         for x in wd.DataLoader(make_count(wd)(0, 11), num_workers=3, **kw)]
    t = [x if isinstance(x, int) else x.tolist()
         for x in td.DataLoader(make_count(td)(0, 11), num_workers=3, **kw)]
    assert w == t


def test_prefetch_factor_bounds_outstanding_tasks():
    dl = wd.DataLoader(Rows(40), batch_size=2, num_workers=2, prefetch_factor=3)
    it = iter(dl)
    assert it._tasks_outstanding == 6 and len(it._task_info) == 6
    next(it)
    assert it._tasks_outstanding <= 6
    assert len(list(it)) == 19
    with pytest.raises(ValueError, match="prefetch_factor option should be non-negative"):
        wd.DataLoader(Rows(), num_workers=1, prefetch_factor=-1)
    assert wd.DataLoader(Rows(), num_workers=2).prefetch_factor == 2


def test_persistent_workers_keep_processes_between_epochs():
    dl = wd.DataLoader(Rows(10), batch_size=3, num_workers=2, persistent_workers=True)
    e1 = list(dl)
    e2 = list(dl)
    assert [b["i"].tolist() for b in e1] == [b["i"].tolist() for b in e2] == \
        [[0, 1, 2], [3, 4, 5], [6, 7, 8], [9]]
    assert {p for b in e1 for p in b["pid"].tolist()} == {p for b in e2 for p in b["pid"].tolist()}
    it = iter(dl)
    next(it)  # abandon an epoch half way: the next one still starts from the beginning
    e3 = list(dl)
    assert [b["i"].tolist() for b in e3] == [b["i"].tolist() for b in e1]
    workers = dl._iterator._workers
    assert all(w.is_alive() for w in workers)
    dl._iterator._shutdown_workers()
    assert not any(w.is_alive() for w in workers)
    assert not leftovers()


def test_persistent_workers_iterable_dataset():
    from test_data import make_count
    dl = wd.DataLoader(make_count(wd)(0, 7), batch_size=2, num_workers=2, persistent_workers=True)
    e1 = [b.tolist() for b in dl]
    e2 = [b.tolist() for b in dl]
    assert e1 == e2 and sorted(sum(e1, [])) == list(range(7))
    dl._iterator._shutdown_workers()


def test_early_exit_stops_workers_and_frees_shared_memory():
    it = iter(wd.DataLoader(Rows(50), batch_size=2, num_workers=2))
    next(it)
    workers = it._workers
    del it
    import gc
    gc.collect()
    deadline = time.time() + 10
    while any(w.is_alive() for w in workers) and time.time() < deadline:
        time.sleep(0.05)
    assert not any(w.is_alive() for w in workers)
    assert not leftovers()


class Failing(wd.Dataset):
    def __init__(self, exc):
        self.exc = exc

    def __len__(self):
        return 8

    def __getitem__(self, i):
        if i == 5:
            raise self.exc
        return i


def test_worker_exception_reraises_naming_the_worker():
    dl = wd.DataLoader(Failing(ValueError("bad sample 5")), batch_size=2, num_workers=2)
    got = []
    with pytest.raises(ValueError, match="Caught ValueError in DataLoader worker process 0") as ei:
        for b in dl:
            got.append(b.tolist())
    assert got == [[0, 1], [2, 3]]  # batches before the failing one still arrive, in order
    msg = str(ei.value)
    assert "Original Traceback (most recent call last):" in msg and "bad sample 5" in msg


def test_worker_key_error_and_multi_arg_exception():
    with pytest.raises(KeyError, match="Caught KeyError in DataLoader worker process 1"):
        list(wd.DataLoader(Failing(KeyError("k")), batch_size=None, num_workers=2))

    class Two(Exception):
        def __init__(self, a, b):
            super().__init__(a, b)
    with pytest.raises(RuntimeError, match="Caught Two in DataLoader worker process"):
        list(wd.DataLoader(Failing(Two(1, 2)), batch_size=4, num_workers=1))


def test_worker_init_fn_exception():
    def init(wid):
        raise OSError(f"no device for {wid}")
    with pytest.raises(OSError, match="Caught OSError in DataLoader worker process 0"):
        list(wd.DataLoader(Rows(4), num_workers=1, worker_init_fn=init))


def test_killed_worker_raises_clear_error():
    class Killer(wd.Dataset):
        def __len__(self):
            return 10

        def __getitem__(self, i):
            if i == 4:
                os.kill(os.getpid(), signal.SIGKILL)
            return i
    t0 = time.time()
    with pytest.raises(RuntimeError, match=r"DataLoader worker \(pid \d+\) is killed by signal: Killed"):
        list(wd.DataLoader(Killer(), batch_size=2, num_workers=2))
    assert time.time() - t0 < 20
    assert not leftovers()


def test_exited_worker_raises_clear_error():
    class Quitter(wd.Dataset):
        def __len__(self):
            return 10

        def __getitem__(self, i):
            if i == 2:
                os._exit(3)
            return i
    with pytest.raises(RuntimeError, match=r"DataLoader worker \(pid\(s\) \d+\) exited unexpectedly"):
        list(wd.DataLoader(Quitter(), batch_size=2, num_workers=1))


def test_timeout_raises_instead_of_hanging():
    class Slow(wd.Dataset):
        def __len__(self):
            return 4

        def __getitem__(self, i):
            if i == 2:
                time.sleep(30)
            return i
    t0 = time.time()
    with pytest.raises(RuntimeError, match=r"DataLoader timed out after 0.5 seconds"):
        list(wd.DataLoader(Slow(), batch_size=2, num_workers=1, timeout=0.5))
    assert time.time() - t0 < 10


@needs_torch
def test_shuffled_workers_match_torch_order():
    import torch
    import torch.utils.data as td
    g = wick.Generator()
    g.manual_seed(31)
    tg = torch.Generator()
    tg.manual_seed(31)
    w = [b.tolist() for b in wd.DataLoader(list(range(30)), batch_size=4, shuffle=True,
                                           num_workers=2, generator=g)]
    t = [b.tolist() for b in td.DataLoader(list(range(30)), batch_size=4, shuffle=True,
                                           num_workers=2, generator=tg)]
    assert w == t


@needs_torch
def test_too_many_workers_warns_as_torch():
    import torch.utils.data as td
    n = len(os.sched_getaffinity(0)) + 1
    with pytest.warns(UserWarning) as tw:
        td.DataLoader(list(range(4)), num_workers=n)
    with pytest.warns(UserWarning) as ww:
        wd.DataLoader(list(range(4)), num_workers=n)
    assert str(ww[0].message) == str(tw[0].message)
    assert "This DataLoader will create" in str(ww[0].message)


def test_spawn_context_workers(tmp_path):
    # spawn re-imports __main__ in each child, so run it as its own script.
    import subprocess
    import sys
    script = tmp_path / "spawn_loader.py"
    script.write_text(
        "import sys\n"
        f"sys.path.insert(0, {os.path.join(os.path.dirname(wick.__file__), '..')!r})\n"
        "import wick, wick.utils.data as wd\n"
        "if __name__ == '__main__':\n"
        "    ds = wd.TensorDataset(wick.arange(10.), wick.arange(10))\n"
        "    dl = wd.DataLoader(ds, batch_size=4, num_workers=2, multiprocessing_context='spawn')\n"
        "    print([b[1].tolist() for b in dl])\n")
    out = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]]"
    assert not leftovers()


class SlowFirst(wd.Dataset):
    def __len__(self):
        return 8

    def __getitem__(self, i):
        if i == 0:
            time.sleep(2.0)
        return i


@pytest.mark.parametrize("in_order", [True, False])
def test_in_order(in_order):
    # PyTorch 2.6's in_order=False hands out batches as workers finish them.
    got = [b.item() for b in wd.DataLoader(SlowFirst(), batch_size=1, num_workers=2, in_order=in_order)]
    assert sorted(got) == list(range(8))
    if in_order:
        assert got == list(range(8))
    else:
        assert got[0] != 0


def _np_draw_dataset(d):
    class Draw(d.Dataset):
        def __len__(self):
            return 6

        def __getitem__(self, i):
            import random
            return int(np.random.randint(1 << 30)), random.random()
    return Draw()


@needs_torch
def test_worker_numpy_and_random_streams_match_torch():
    import torch
    import torch.utils.data as td
    g = wick.Generator()
    g.manual_seed(77)
    tg = torch.Generator()
    tg.manual_seed(77)
    w = list(wd.DataLoader(_np_draw_dataset(wd), batch_size=None, num_workers=2, generator=g))
    t = list(td.DataLoader(_np_draw_dataset(td), batch_size=None, num_workers=2, generator=tg))
    assert w == t
    assert len(set(x[0] for x in w)) == 6
