"""wick.nn.functional, pool: the Python-level parts (see functional.py)."""
__all__ = []
