"""wick.nn.functional, norm: the Python-level parts (see functional.py).

The dropout family checks p and the input's rank (raising or warning as
PyTorch's F does, in Python) and calls the C++ ops wick.dropout,
wick.feature_dropout, wick.alpha_dropout, wick.feature_alpha_dropout.
"""
import warnings

import wick as _wick

__all__ = ["dropout", "dropout1d", "dropout2d", "dropout3d", "alpha_dropout",
           "feature_alpha_dropout"]


def _check_p(p):
    if p < 0.0 or p > 1.0:
        raise ValueError("dropout probability has to be between 0 and 1, but got {}".format(p))


def dropout(input, p=0.5, training=True, inplace=False):
    _check_p(p)
    return _wick.dropout_(input, p, training) if inplace else _wick.dropout(input, p, training)


def alpha_dropout(input, p=0.5, training=False, inplace=False):
    _check_p(p)
    if inplace:
        return _wick.alpha_dropout_(input, p, training)
    return _wick.alpha_dropout(input, p, training)


def feature_alpha_dropout(input, p=0.5, training=False, inplace=False):
    _check_p(p)
    if inplace:
        return _wick.feature_alpha_dropout_(input, p, training)
    return _wick.feature_alpha_dropout(input, p, training)


def _feature(input, p, training, inplace):
    if inplace:
        return _wick.feature_dropout_(input, p, training)
    return _wick.feature_dropout(input, p, training)


def _unbatched(input, p, training, inplace, batched):
    if not batched:
        input = input.unsqueeze_(0) if inplace else input.unsqueeze(0)
    result = _feature(input, p, training, inplace)
    if not batched:
        result = result.squeeze_(0) if inplace else result.squeeze(0)
    return result


def dropout1d(input, p=0.5, training=True, inplace=False):
    _check_p(p)
    inp_dim = input.dim()
    if inp_dim not in (2, 3):
        raise RuntimeError(
            "dropout1d: Expected 2D or 3D input, but received a {}D input. Note that dropout1d "
            "exists to provide channel-wise dropout on inputs with 1 spatial dimension, a "
            "channel dimension, and an optional batch dimension (i.e. 2D or 3D inputs).".format(inp_dim))
    return _unbatched(input, p, training, inplace, inp_dim == 3)


def _rank_warning(name, inp_dim, spatial, ranks):
    warnings.warn(
        "{n}: Received a {d}-D input to {n}, which is deprecated and will result in an error in "
        "a future release. To retain the behavior and silence this warning, please use dropout "
        "instead. Note that {n} exists to provide channel-wise dropout on inputs with {s} "
        "spatial dimensions, a channel dimension, and an optional batch dimension (i.e. {r} "
        "inputs).".format(n=name, d=inp_dim, s=spatial, r=ranks))


def dropout2d(input, p=0.5, training=True, inplace=False):
    _check_p(p)
    inp_dim = input.dim()
    if inp_dim not in (3, 4):
        _rank_warning("dropout2d", inp_dim, 2, "3D or 4D")
    if inp_dim == 3:
        warnings.warn(
            "dropout2d: Received a 3D input to dropout2d and assuming that channel-wise 1D "
            "dropout behavior is desired - input is interpreted as shape (N, C, L), where C is "
            "the channel dim. This behavior will change in a future release to interpret the "
            "input as one without a batch dimension, i.e. shape (C, H, W). To maintain the 1D "
            "channel-wise dropout behavior, please switch to using dropout1d instead.")
    return _feature(input, p, training, inplace)


def dropout3d(input, p=0.5, training=True, inplace=False):
    _check_p(p)
    inp_dim = input.dim()
    if inp_dim not in (4, 5):
        _rank_warning("dropout3d", inp_dim, 3, "4D or 5D")
    return _unbatched(input, p, training, inplace, inp_dim == 5)
