"""wick.linalg: PyTorch's torch.linalg namespace (functions from wick._C._linalg)."""
from wick._C import _linalg as _la
from wick._C import _LinAlgError as LinAlgError  # a RuntimeError, as torch.linalg.LinAlgError

for _name in dir(_la):
    if not _name.startswith("_"):
        globals()[_name] = getattr(_la, _name)
del _name

__all__ = [n for n in dir(_la) if not n.startswith("_")] + ["LinAlgError"]
