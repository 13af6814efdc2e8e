"""wick.nn.functional, loss: the Python-level parts (see functional.py)."""
__all__ = []
