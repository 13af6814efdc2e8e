"""wick.save / wick.load: torch.save's checkpoint format (a zip of data.pkl plus one
record per storage), read and written by wick's C++ core (wick/serialize).

Files written by torch.save load here and files written here load in torch.load.
load is weights_only (PyTorch 2.6's default): only tensors, Parameters, numbers,
strings, bytes, None and lists/tuples/dicts/OrderedDicts of them are accepted;
any other global in the pickle raises an UnpicklingError naming it.
"""
import io
import os
import pickle

from wick import _C

__all__ = ["save", "load"]

DEFAULT_PROTOCOL = 2


def _is_path(f):
    return isinstance(f, (str, os.PathLike))


def save(obj, f, pickle_module=None, pickle_protocol=DEFAULT_PROTOCOL,
         _use_new_zipfile_serialization=True, _disable_byteorder_record=False):
    """Saves obj to f (a path or a writable binary file object) in torch.save's format."""
    if not _use_new_zipfile_serialization:
        raise NotImplementedError("wick.save: the legacy (non-zip) format is not supported")
    if _is_path(f):
        path = os.fspath(f)
        open(path, "wb").close()  # raises the OSError open() would (missing folder, ...)
        _C._serialize.save_file(obj, path)
    else:
        data = _C._serialize.save_bytes(obj)
        if not hasattr(f, "write"):
            raise AttributeError(f"'{type(f).__name__}' object has no attribute 'write'")
        f.write(data)


class _Storage:
    """What a map_location callable receives as `storage`: wick keeps storages on
    the CPU, so .cpu() is itself and .cuda() raises PyTorch's CUDA error."""

    def __init__(self, location):
        self.location = location

    def cpu(self):
        return self

    def cuda(self, device=None, non_blocking=False):
        _C._serialize.default_map_location("cuda")
        return self

    def to(self, device, *args, **kwargs):
        _C._serialize.default_map_location(str(device))
        return self


def _location_mapper(map_location):
    if map_location is None:
        return None
    if isinstance(map_location, str) or isinstance(map_location, _C.device):
        target = str(map_location)
        return lambda loc: _C._serialize.default_map_location(target)
    if isinstance(map_location, dict):
        table = {str(k): str(v) for k, v in map_location.items()}
        return lambda loc: _C._serialize.default_map_location(table.get(loc, loc))
    if callable(map_location):
        def call(loc):
            result = map_location(_Storage(loc), loc)
            if result is None:
                return _C._serialize.default_map_location(loc)
            return _C.device("cpu")
        return call
    raise TypeError("map_location should be either a string, a device, a dict or a callable, "
                    f"not {type(map_location).__name__}")


def load(f, map_location=None, pickle_module=None, *, weights_only=None, mmap=None,
         **pickle_load_args):
    """Loads an object saved by torch.save or wick.save from f (a path or a readable
    binary file object). map_location: None, a string, a device, a dict mapping saved
    locations, or a callable(storage, location)."""
    if weights_only is None:
        weights_only = True  # PyTorch >= 2.6
    if pickle_module is not None and weights_only:
        raise RuntimeError("Can not safely load weights when explicit pickle_module is "
                           "specified")
    mapper = _location_mapper(map_location)
    if _is_path(f):
        path = os.fspath(f)
        open(path, "rb").close()  # raises FileNotFoundError & co. as torch.load does
        return _load(_C._serialize.load_file, path, mapper)
    else:
        if not hasattr(f, "read"):
            raise AttributeError(f"'{type(f).__name__}' object has no attribute 'read'")
        data = f.read()
    if isinstance(data, str):
        raise TypeError("wick.load: the file object must be opened in binary mode")
    return _load(_C._serialize.load_bytes, data, mapper)


def _load(reader, source, mapper):
    # weights_only=False reads the same restricted set of objects for now.
    try:
        return reader(source, mapper)
    except RuntimeError as e:
        msg = str(e)
        if msg.startswith("Weights only load failed") or "Unsupported global" in msg:
            raise pickle.UnpicklingError(msg + " Only tensors, numbers, strings and containers "
                                         "of them can be loaded by wick.load.") from None
        raise
