"""wick.nn.functional, the parts PyTorch writes in Python: rnn."""
__all__ = []
