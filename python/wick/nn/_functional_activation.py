"""wick.nn.functional, activation: the Python-level parts (see functional.py)."""
__all__ = []
