"""Named tuples returned by ops with two results (max(dim), sort, topk, ...).

Printed as PyTorch prints them, with `wick` for `torch`:
    wick.return_types.max(
    values=tensor([5, 3]),
    indices=tensor([1, 0]))
"""
import collections as _collections


def _make(name, fields):
    base = _collections.namedtuple(name, fields)

    def __repr__(self):
        body = ",\n".join(f"{f}={getattr(self, f)!r}" for f in fields)
        return f"wick.return_types.{name}(\n{body})"

    def __reduce__(self):
        return (globals()[name], (tuple(self),))

    cls = type(name, (base,), {"__repr__": __repr__, "__slots__": (), "__reduce__": __reduce__,
                               "__new__": lambda c, seq: base.__new__(c, *seq)})
    cls.__module__ = "wick.return_types"
    cls.__qualname__ = name
    return cls


_VALUES_INDICES = ["max", "min", "sort", "topk", "kthvalue", "median", "nanmedian", "mode",
                   "cummax", "cummin"]
for _n in _VALUES_INDICES:
    globals()[_n] = _make(_n, ["values", "indices"])
    globals()[_n + "_out"] = _make(_n + "_out", ["values", "indices"])  # from out= forms
aminmax = _make("aminmax", ["min", "max"])
linalg_qr = _make("linalg_qr", ["Q", "R"])
qr = _make("qr", ["Q", "R"])
linalg_svd = _make("linalg_svd", ["U", "S", "Vh"])
svd = _make("svd", ["U", "S", "V"])
linalg_eigh = _make("linalg_eigh", ["eigenvalues", "eigenvectors"])
linalg_slogdet = _make("linalg_slogdet", ["sign", "logabsdet"])
slogdet = _make("slogdet", ["sign", "logabsdet"])
aminmax_out = _make("aminmax_out", ["min", "max"])
std_mean = None  # plain tuples in PyTorch
del _n


def _build(name, values):
    """Called from C++: return_types.<name> from a sequence of results."""
    return globals()[name](values)
