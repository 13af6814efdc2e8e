"""wick.nn: torch.nn's modules, functional and init."""
from wick.nn import functional  # noqa: F401
