"""wick.nn.functional, activation: the Python-level parts (see functional.py).

F.sigmoid and F.tanh are deprecated wrappers in PyTorch's Python too: they warn
and call the tensor op.
"""
import warnings

__all__ = ["sigmoid", "tanh"]


def sigmoid(input):
    warnings.warn("nn.functional.sigmoid is deprecated. Use torch.sigmoid instead.")
    return input.sigmoid()


def tanh(input):
    warnings.warn("nn.functional.tanh is deprecated. Use torch.tanh instead.")
    return input.tanh()
