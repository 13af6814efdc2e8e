"""wick.nn.functional, activation: the Python-level parts (see functional.py).

F.sigmoid and F.tanh are deprecated wrappers in PyTorch's Python too: they warn
and call the tensor op.
"""
import warnings

__all__ = ["sigmoid", "tanh", "gumbel_softmax"]


def sigmoid(input):
    warnings.warn("nn.functional.sigmoid is deprecated. Use torch.sigmoid instead.")
    return input.sigmoid()


def tanh(input):
    warnings.warn("nn.functional.tanh is deprecated. Use torch.tanh instead.")
    return input.tanh()


def gumbel_softmax(logits, tau=1, hard=False, eps=1e-10, dim=-1):
    # Draws Gumbel(0, 1) noise as -log(Exponential(1)), consuming the generator
    # as PyTorch does, so the same seed gives the same sample.
    if eps != 1e-10:
        warnings.warn("`eps` parameter is deprecated and has no effect.")
    import wick
    gumbels = -wick.empty_like(logits).exponential_().log()
    gumbels = (logits + gumbels) / tau
    y_soft = gumbels.softmax(dim)
    if hard:
        index = y_soft.max(dim, keepdim=True)[1]
        y_hard = wick.zeros_like(logits).scatter_(
            dim, index, 1.0)
        # Straight-through: the value of y_hard, the gradient of y_soft.
        return y_hard - y_soft.detach() + y_soft
    return y_soft
