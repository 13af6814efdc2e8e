"""wick.nn.functional, norm: the Python-level parts (see functional.py)."""
__all__ = []
