"""wick.save / wick.load: torch.save's checkpoint format (a zip of data.pkl plus one
record per storage), read and written by wick's C++ core (wick/serialize).

Files written by torch.save load here and files written here load in torch.load.
load is weights_only (PyTorch 2.6's default): only tensors, Parameters, numbers,
strings, bytes, None and lists/tuples/dicts/OrderedDicts of them are accepted;
any other global in the pickle raises an UnpicklingError naming it.
weights_only=False unpickles anything with Python's pickle (torch.* globals map
to wick's), for trusted files. save pickles objects the C++ writer does not hold
(whole modules, Python objects) with Python's pickle, wick.* classes named torch.*.
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
    if not _is_path(f) and not hasattr(f, "write"):
        raise AttributeError(f"'{type(f).__name__}' object has no attribute 'write'")
    path = os.fspath(f) if _is_path(f) else None
    if path is not None:
        open(path, "wb").close()  # raises the OSError open() would (missing folder, ...)
    try:
        # Tensors, numbers, strings and containers: the C++ writer alone.
        if path is not None:
            _C._serialize.save_file(obj, path)
        else:
            f.write(_C._serialize.save_bytes(obj))
        return
    except (TypeError, ValueError) as e:
        if "cannot save an object of type" not in str(e) and "recursive" not in str(e):
            raise
    # Anything else (whole modules, Python objects): Python's pickle, with tensors as
    # torch.save writes them and wick.* classes under their torch.* names.
    buf = io.BytesIO()
    pickler = _Pickler(buf, pickle_protocol)
    pickler.dump(obj)
    data = _C._serialize.write_archive(buf.getvalue(), pickler.storages, path)
    if path is None:
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
        if not weights_only:
            with open(path, "rb") as src:
                return _load_unrestricted(src, mapper)
        return _load(_C._serialize.load_file, path, mapper)
    else:
        if not hasattr(f, "read"):
            raise AttributeError(f"'{type(f).__name__}' object has no attribute 'read'")
        data = f.read()
    if isinstance(data, str):
        raise TypeError("wick.load: the file object must be opened in binary mode")
    if not weights_only:
        return _load_unrestricted(io.BytesIO(data), mapper)
    return _load(_C._serialize.load_bytes, data, mapper)


def _load(reader, source, mapper):
    try:
        return reader(source, mapper)
    except RuntimeError as e:
        msg = str(e)
        if msg.startswith("Weights only load failed") or "Unsupported global" in msg:
            raise pickle.UnpicklingError(msg + " Only tensors, numbers, strings and containers "
                                         "of them can be loaded by wick.load.") from None
        raise


# ---- weights_only=False: Python's pickle over the same archive ----

_STORAGE_DTYPES = {
    "BoolStorage": "bool", "ByteStorage": "uint8", "CharStorage": "int8",
    "ShortStorage": "int16", "IntStorage": "int32", "LongStorage": "int64",
    "HalfStorage": "float16", "BFloat16Storage": "bfloat16", "FloatStorage": "float32",
    "DoubleStorage": "float64",
}


class _StorageType:
    def __init__(self, dtype):
        self.dtype = dtype


def _rebuild_tensor_v2(storage, storage_offset, size, stride, requires_grad=False,
                       backward_hooks=None, metadata=None):
    t = storage.as_strided(tuple(size), tuple(stride), storage_offset)
    if requires_grad:
        t.requires_grad_(True)
    return t


def _rebuild_parameter(data, requires_grad, backward_hooks=None, state=None):
    from wick.nn import Parameter
    return Parameter(data, requires_grad)


def _load_unrestricted(fileobj, mapper):
    """torch.load(weights_only=False): any pickled Python object; torch.* globals
    resolve to wick's (wick.nn.Linear for torch.nn.Linear ...). Only for trusted files:
    unpickling can run arbitrary code."""
    import importlib
    import zipfile

    import numpy as np

    try:
        zf = zipfile.ZipFile(fileobj)
    except zipfile.BadZipFile as e:
        raise RuntimeError("PytorchStreamReader failed reading zip archive: " + str(e)) from None
    names = zf.namelist()
    if not names or "/" not in names[0]:
        raise RuntimeError("PytorchStreamReader failed locating file data.pkl: file not found")
    prefix = names[0].split("/")[0] + "/"
    storages = {}

    class Unpickler(pickle.Unpickler):
        def find_class(self, module, name):
            if module == "torch._utils" and name == "_rebuild_tensor_v2":
                return _rebuild_tensor_v2
            if module == "torch._utils" and name in ("_rebuild_parameter",
                                                     "_rebuild_parameter_with_state"):
                return _rebuild_parameter
            if module == "torch" and name in _STORAGE_DTYPES:
                return _StorageType(_STORAGE_DTYPES[name])
            if module == "torch" or module.startswith("torch."):
                target = "wick" + module[len("torch"):]
                try:
                    return getattr(importlib.import_module(target), name)
                except (ImportError, AttributeError):
                    if module.startswith("torch.nn.modules"):
                        import wick.nn
                        if hasattr(wick.nn, name):
                            return getattr(wick.nn, name)
                    raise pickle.UnpicklingError(
                        f"wick.load: {module}.{name} has no wick counterpart") from None
            return super().find_class(module, name)

        def persistent_load(self, pid):
            if not (isinstance(pid, tuple) and len(pid) == 5 and pid[0] == "storage"
                    and isinstance(pid[1], _StorageType)):
                raise pickle.UnpicklingError(f"wick.load: unsupported persistent id {pid!r}")
            _, stype, key, location, numel = pid
            if mapper is not None:
                mapper(location)
            else:
                _C._serialize.default_map_location(location)
            if key not in storages:
                dtype = getattr(_C, stype.dtype)
                raw = zf.read(prefix + "data/" + key)
                nbytes = numel * dtype.itemsize
                if len(raw) < nbytes:
                    raise RuntimeError(f"pickle data was corrupt: storage {key} holds {len(raw)} "
                                       f"bytes, fewer than {numel} elements")
                if nbytes == 0:
                    storages[key] = _C.empty(0, dtype=dtype)
                else:
                    u8 = _C.from_numpy(np.frombuffer(raw, np.uint8, count=nbytes).copy())
                    storages[key] = u8.view(dtype)
            return storages[key]

    with zf.open(prefix + "data.pkl") as pkl:
        return Unpickler(pkl).load()


# ---- saving arbitrary objects: Python's pickle writing torch.save's structure ----

class _GlobalRef:
    """Pickles as GLOBAL module.name without importing it (torch need not be installed)."""

    def __init__(self, module, name):
        self.module, self.name = module, name

    def __call__(self, *args):  # pickle wants reduce functions callable
        raise TypeError(f"{self.module}.{self.name} is a name to pickle, not a function")


class _StorageRef:
    def __init__(self, key, dtype, numel):
        self.key, self.dtype, self.numel = key, dtype, numel


_STORAGE_NAMES = {v: k for k, v in _STORAGE_DTYPES.items()}
_REBUILD_TENSOR = _GlobalRef("torch._utils", "_rebuild_tensor_v2")
_REBUILD_PARAMETER = _GlobalRef("torch._utils", "_rebuild_parameter")


def _torch_name(module):
    return "torch" + module[len("wick"):] if module == "wick" or module.startswith("wick.") \
        else module


class _Pickler(pickle._Pickler):
    def __init__(self, f, protocol):
        super().__init__(f, protocol)
        self.storages = []
        self._keys = {}

    def _write_global(self, module, name):
        self.write(pickle.GLOBAL + f"{module}\n{name}\n".encode("utf-8"))

    def _save_globalref(self, obj):
        self._write_global(obj.module, obj.name)

    def _save_class_or_function(self, obj, name=None):
        module = getattr(obj, "__module__", None)
        if module and (module == "wick" or module.startswith("wick.")) and \
                getattr(obj, "__qualname__", None) and "<" not in obj.__qualname__:
            self._write_global(_torch_name(module), obj.__qualname__)
            self.memoize(obj)
            return
        pickle._Pickler.save_global(self, obj, name)

    def _save_dtype(self, obj):
        self._write_global("torch", str(obj).split(".")[-1])

    dispatch = pickle._Pickler.dispatch.copy()
    dispatch[_GlobalRef] = _save_globalref
    dispatch[type] = _save_class_or_function
    dispatch[type(len)] = _save_class_or_function
    dispatch[type(_torch_name)] = _save_class_or_function
    dispatch[_C.dtype] = _save_dtype

    def persistent_id(self, obj):
        if isinstance(obj, _StorageRef):
            return ("storage", _GlobalRef("torch", _STORAGE_NAMES[obj.dtype]), obj.key, "cpu",
                    obj.numel)
        return None

    def reducer_override(self, obj):
        from collections import OrderedDict
        if isinstance(obj, _C.Tensor):
            from wick.nn import Parameter
            if isinstance(obj, Parameter):
                return (_REBUILD_PARAMETER, (obj.detach(), obj.requires_grad, OrderedDict()))
            sid, nbytes = _C._serialize.storage_info(obj)
            dtype = str(obj.dtype).split(".")[-1]
            key = self._keys.get((sid, dtype))
            if key is None:
                key = self._keys[(sid, dtype)] = str(len(self.storages))
                self.storages.append((key, obj))
            ref = _StorageRef(key, dtype, nbytes // obj.element_size())
            return (_REBUILD_TENSOR, (ref, obj.storage_offset(), tuple(obj.shape), obj.stride(),
                                      obj.requires_grad, OrderedDict()))
        if isinstance(obj, _C.device):
            args = (obj.type,) if obj.index is None else (obj.type, obj.index)
            return (_GlobalRef("torch", "device"), args)
        return NotImplemented
