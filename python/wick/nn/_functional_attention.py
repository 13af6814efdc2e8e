"""wick.nn.functional, the parts PyTorch writes in Python: attention."""
__all__ = []
