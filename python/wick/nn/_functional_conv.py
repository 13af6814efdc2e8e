"""wick.nn.functional, conv: the Python-level parts (see functional.py)."""
__all__ = []
