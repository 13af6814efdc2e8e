"""wick.nn.functional, loss: the Python-level parts (see functional.py).

triplet_margin_with_distance_loss takes a Python callable, so (as in PyTorch)
it is written here over wick ops.
"""
import wick

__all__ = ["triplet_margin_with_distance_loss"]


def _pairwise_distance(x1, x2, p=2.0, eps=1e-6):
    d = max(x1.dim(), x2.dim()) - 1
    return (x1 - x2 + eps).norm(p, max(d, 0))


def triplet_margin_with_distance_loss(anchor, positive, negative, *, distance_function=None,
                                      margin=1.0, swap=False, reduction="mean"):
    if margin <= 0:
        raise ValueError(f"triplet_margin_with_distance_loss: expected margin to be greater than 0, got {margin} instead")
    a_dim, p_dim, n_dim = anchor.ndim, positive.ndim, negative.ndim
    if not (a_dim == p_dim and p_dim == n_dim):
        raise RuntimeError(
            f"The anchor, positive, and negative tensors are expected to have "
            f"the same number of dimensions, but got: anchor {a_dim}D, "
            f"positive {p_dim}D, and negative {n_dim}D inputs")
    if reduction not in ("none", "mean", "sum"):
        raise ValueError(f"{reduction} is not a valid value for reduction")
    if distance_function is None:
        fn = getattr(wick.nn.functional, "pairwise_distance", None) or _pairwise_distance
    else:
        fn = distance_function
    dist_pos = fn(anchor, positive)
    dist_neg = fn(anchor, negative)
    if swap:
        dist_neg = wick.minimum(dist_neg, fn(positive, negative))
    loss = wick.clamp(margin + dist_pos - dist_neg, min=0.0)
    if reduction == "sum":
        return loss.sum()
    if reduction == "mean":
        return loss.mean()
    return loss
