"""What runs in DataLoader worker processes, and how their batches come back.

Tensors cross the process boundary in shared memory: the worker pickles a batch
with every tensor replaced by a reference into one shared-memory file (a block
under /dev/shm written once per batch); the main process maps the file, unlinks
it at once and wraps each tensor around the mapping without copying (numpy
array over the mmap -> wick.from_numpy). The mapping lives as long as any tensor
using it. Exceptions travel as ExceptionWrapper and re-raise in the main process
naming the worker.
"""
import glob
import io
import mmap
import os
import pickle
import queue
import random
import sys
import tempfile
import traceback

import wick

# How often blocking waits wake up to check that the other side is alive (seconds).
MP_STATUS_CHECK_INTERVAL = 0.5

_worker_info = None


class WorkerInfo:
    """id, num_workers, seed and dataset of the current worker (read-only)."""
    __initialized = False

    def __init__(self, **kwargs):
        for k, v in kwargs.items():
            setattr(self, k, v)
        self.__keys = tuple(kwargs.keys())
        self.__initialized = True

    def __setattr__(self, key, val):
        if self.__initialized:
            raise RuntimeError(f"Cannot assign attributes to {self.__class__.__name__} objects")
        return super().__setattr__(key, val)

    def __repr__(self):
        items = ", ".join(f"{k}={getattr(self, k)}" for k in self.__keys)
        return f"{self.__class__.__name__}({items})"


def get_worker_info():
    """The WorkerInfo of this DataLoader worker process, or None in the main process."""
    return _worker_info


class KeyErrorMessage(str):
    """A str whose repr is itself (KeyError shows repr of its argument)."""

    def __repr__(self):
        return self


class ExceptionWrapper:
    """An exception and its formatted traceback, to re-raise in another process."""

    def __init__(self, exc_info=None, where="in background"):
        if exc_info is None:
            exc_info = sys.exc_info()
        self.exc_type = exc_info[0]
        self.exc_name = exc_info[0].__name__
        self.exc_msg = "".join(traceback.format_exception(*exc_info))
        self.where = where

    def reraise(self):
        msg = f"Caught {self.exc_name} {self.where}.\nOriginal {self.exc_msg}"
        if self.exc_type == KeyError:
            msg = KeyErrorMessage(msg)
        elif getattr(self.exc_type, "message", None):
            raise self.exc_type(message=msg)
        try:
            exc = self.exc_type(msg)
        except TypeError:
            raise RuntimeError(msg) from None
        raise exc


class _IterableDatasetStopIteration:
    def __init__(self, worker_id):
        self.worker_id = worker_id


class _ResumeIteration:
    """Sent to persistent workers at the start of a new epoch; echoed back."""


# ---- shared-memory transport ---------------------------------------------------------
def _shm_dir():
    d = "/dev/shm"
    if os.path.isdir(d) and os.access(d, os.W_OK):
        return d
    return tempfile.gettempdir()


SHM_DIR = _shm_dir()
_ALIGN = 64


def shm_prefix(main_pid, uid):
    return os.path.join(SHM_DIR, f"wick_dl_{main_pid}_{uid}_")


def cleanup_shm(prefix):
    """Removes blocks a worker wrote but the main process never read."""
    for path in glob.glob(glob.escape(prefix) + "*"):
        try:
            os.unlink(path)
        except OSError:
            pass


def _np_dtype(dtype):
    import numpy as np
    if dtype == wick.bfloat16:
        return np.dtype(np.int16)
    return np.dtype(str(dtype).split(".")[1])


class _ShmPickler(pickle.Pickler):
    def __init__(self, file):
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self.tensors = []
        self.offset = 0

    def persistent_id(self, obj):
        if isinstance(obj, wick.Tensor):
            off = self.offset
            nbytes = obj.numel() * obj.element_size()
            self.offset = off + (nbytes + _ALIGN - 1) // _ALIGN * _ALIGN
            self.tensors.append((obj, off, nbytes))
            dtype = str(obj.dtype).split(".")[1]
            return ("wick_tensor", type(obj), dtype, tuple(obj.shape), off, obj.requires_grad)
        return None


class ShmBatch:
    """A pickled batch whose tensors live in the shared-memory file `path`."""
    __slots__ = ("path", "payload")

    def __init__(self, path, payload):
        self.path = path
        self.payload = payload


def encode(data, path):
    """Pickles `data` with its tensors written into a new shared-memory file `path`."""
    buf = io.BytesIO()
    p = _ShmPickler(buf)
    p.dump(data)
    if not p.tensors:
        return ShmBatch(None, buf.getvalue())
    size = max(p.offset, 1)
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        os.ftruncate(fd, size)
        with mmap.mmap(fd, size) as mm:
            for t, off, nbytes in p.tensors:
                if nbytes == 0:
                    continue
                src = t.detach().reshape(-1)
                if src.dtype == wick.bfloat16:
                    src = src.contiguous().view(wick.int16)
                arr = src.contiguous().numpy()
                mm[off:off + nbytes] = memoryview(arr).cast("B")
                del arr, src
    except BaseException:
        os.close(fd)
        try:
            os.unlink(path)
        except OSError:
            pass
        raise
    os.close(fd)
    return ShmBatch(path, buf.getvalue())


class _ShmUnpickler(pickle.Unpickler):
    def __init__(self, file, mm):
        super().__init__(file)
        self.mm = mm

    def persistent_load(self, pid):
        kind, cls, dtype_name, shape, off, requires_grad = pid
        if kind != "wick_tensor":
            raise pickle.UnpicklingError(f"unknown persistent id {kind!r}")
        import numpy as np
        dtype = getattr(wick, dtype_name)
        numel = 1
        for s in shape:
            numel *= s
        if numel == 0:
            t = wick.empty(shape, dtype=dtype)
        else:
            arr = np.frombuffer(self.mm, dtype=_np_dtype(dtype), count=numel, offset=off).reshape(shape)
            t = wick.from_numpy(arr)
            if dtype == wick.bfloat16:
                t = t.view(wick.bfloat16)
        if cls is not wick.Tensor:
            t = wick.Tensor._make_subclass(cls, t, requires_grad)
        elif requires_grad:
            t.requires_grad_(True)
        return t


def decode(batch):
    """The data of a ShmBatch; its file is unlinked here (the mapping stays alive)."""
    if batch.path is None:
        return pickle.loads(batch.payload)
    fd = os.open(batch.path, os.O_RDWR)
    try:
        os.unlink(batch.path)
        size = os.fstat(fd).st_size
        mm = mmap.mmap(fd, size)
    finally:
        os.close(fd)
    return _ShmUnpickler(io.BytesIO(batch.payload), mm).load()


def discard(batch):
    if isinstance(batch, ShmBatch) and batch.path is not None:
        try:
            os.unlink(batch.path)
        except OSError:
            pass


def _picklable(out, where):
    """`out`, or an ExceptionWrapper saying why it cannot cross to the main process
    (a queue that fails to pickle an item drops it, and the main process would wait)."""
    try:
        pickle.dumps(out, protocol=pickle.HIGHEST_PROTOCOL)
        return out
    except Exception:
        if isinstance(out, ExceptionWrapper):
            out.exc_type = RuntimeError  # e.g. an exception class defined in a function
            return out
        discard(out)
        return ExceptionWrapper(where=where)


# ---- the worker loop ------------------------------------------------------------------
_M32 = 0xFFFFFFFF


def _numpy_seed_state(base_seed, worker_id):
    """Four 32-bit words for numpy's legacy seeding, derived from (worker_id, base_seed)
    by numpy's SeedSequence hashing, as PyTorch does (same numpy streams as PyTorch)."""
    mult_a = 0x931E8875
    hash_a = 0x43B0D7E5

    def hashmix(v):
        nonlocal hash_a
        v = (v ^ hash_a) & _M32
        hash_a = (hash_a * mult_a) & _M32
        v = (v * hash_a) & _M32
        return (v ^ (v >> 16)) & _M32

    def mix(x, y):
        r = ((0xCA01F9DD * x) - (0x4973F715 * y)) & _M32
        return (r ^ (r >> 16)) & _M32

    pool = [hashmix(e) for e in (worker_id, base_seed & _M32, base_seed >> 32, 0)]
    for src in range(4):
        for dst in range(4):
            if src != dst:
                pool[dst] = mix(pool[dst], hashmix(pool[src]))
    hash_b, out = 0x8B51F9DD, []
    for v in pool:
        v = (v ^ hash_b) & _M32
        hash_b = (hash_b * 0x58F38DED) & _M32
        v = (v * hash_b) & _M32
        out.append((v ^ (v >> 16)) & _M32)
    return out


def _seed_worker(base_seed, worker_id):
    seed = base_seed + worker_id
    random.seed(seed)
    wick.manual_seed(seed)
    np = sys.modules.get("numpy")
    if np is not None:
        np.random.seed(_numpy_seed_state(base_seed, worker_id))
    return seed


def worker_loop(iterable, dataset, index_queue, data_queue, done_event, auto_collation,
                collate_fn, drop_last, base_seed, init_fn, worker_id, num_workers,
                prefix, parent_pid):
    global _worker_info
    from wick.utils.data._utils.fetch import create_fetcher
    try:
        wick.set_num_threads(1)
        seed = _seed_worker(base_seed, worker_id)
        _worker_info = WorkerInfo(id=worker_id, num_workers=num_workers, seed=seed, dataset=dataset)
        where = f"in DataLoader worker process {worker_id}"
        init_exception = None
        fetcher = None
        try:
            if init_fn is not None:
                init_fn(worker_id)
            fetcher = create_fetcher(iterable, dataset, auto_collation, collate_fn, drop_last)
        except Exception:
            init_exception = ExceptionWrapper(where=where)
        iteration_end = False
        counter = 0
        while True:
            try:
                r = index_queue.get(timeout=MP_STATUS_CHECK_INTERVAL)
            except queue.Empty:
                if os.getppid() != parent_pid:
                    break  # the main process is gone
                continue
            if r is None:
                break
            if isinstance(r, _ResumeIteration):
                data_queue.put((r, None))
                iteration_end = False
                if init_exception is None:
                    try:
                        fetcher = create_fetcher(iterable, dataset, auto_collation, collate_fn, drop_last)
                    except Exception:
                        init_exception = ExceptionWrapper(where=where)
                continue
            if done_event.is_set() or iteration_end:
                continue
            idx, index = r
            if init_exception is not None:
                out = init_exception
                init_exception = None
            else:
                try:
                    data = fetcher.fetch(index)
                    counter += 1
                    out = encode(data, f"{prefix}{worker_id}_{counter}")
                    del data
                except Exception as e:
                    if isinstance(e, StopIteration) and iterable:
                        out = _IterableDatasetStopIteration(worker_id)
                        iteration_end = True
                    else:
                        out = ExceptionWrapper(where=where)
            data_queue.put((idx, _picklable(out, where)))
            del out
    except KeyboardInterrupt:
        pass
    if done_event.is_set():
        data_queue.cancel_join_thread()
        data_queue.close()
