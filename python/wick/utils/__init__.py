"""wick.utils: helpers outside the core API (hooks, data, ...)."""
from wick.utils import data  # noqa: F401
