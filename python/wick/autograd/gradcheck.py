"""gradcheck / gradgradcheck: compare autograd's gradients with finite
differences (the numerics run in C++, wick/autograd/gradcheck.cpp)."""
import warnings

from wick import _C

_ag = _C._autograd


class GradcheckError(RuntimeError):
    """Raised by gradcheck and gradgradcheck when the check fails."""


def _as_tuple(x):
    if isinstance(x, tuple):
        return x
    if isinstance(x, list):
        return tuple(x)
    return (x,)


def _split(inputs):
    """The tensors of `inputs`, and a function rebuilding the argument list."""
    inputs = _as_tuple(inputs)
    tensor_pos = [i for i, a in enumerate(inputs) if isinstance(a, _C.Tensor)]

    def rebuild(tensors):
        args = list(inputs)
        for p, t in zip(tensor_pos, tensors):
            args[p] = t
        return args

    return [inputs[p] for p in tensor_pos], rebuild


def _wrap(func, rebuild):
    def f(*tensors):
        out = func(*rebuild(tensors))
        return tuple(o for o in _as_tuple(out) if isinstance(o, _C.Tensor))
    return f


def _check_inputs(tensors):
    if not any(t.requires_grad for t in tensors):
        raise ValueError("gradcheck expects at least one input tensor to require gradient, "
                         "but none of the them have requires_grad=True.")
    for i, t in enumerate(tensors):
        if t.requires_grad and t.dtype not in (_C.float64,):
            warnings.warn(f"Input #{i} requires gradient and is not a double precision floating "
                          "point or complex. This check will likely fail if all the inputs are "
                          "not of double precision floating point or complex. ")


def _run(call):
    try:
        return call()
    except RuntimeError as e:
        msg = str(e)
        if msg.startswith("Jacobian mismatch") and not isinstance(e, GradcheckError):
            raise GradcheckError(msg) from None
        raise


def gradcheck(func, inputs, *, eps=1e-6, atol=1e-5, rtol=1e-3, raise_exception=True,
              check_sparse_nnz=False, nondet_tol=0.0, check_undefined_grad=True,
              check_grad_dtypes=False, check_batched_grad=False,
              check_batched_forward_grad=False, check_forward_ad=False,
              check_backward_ad=True, fast_mode=False, masked=None):
    """True if the analytical Jacobian of func at inputs matches the numerical one
    (raises GradcheckError on mismatch when raise_exception)."""
    tensors, rebuild = _split(inputs)
    _check_inputs(tensors)
    if not check_backward_ad:
        return True
    f = _wrap(func, rebuild)
    return _run(lambda: _ag._gradcheck(f, tuple(tensors), float(eps), float(atol), float(rtol),
                                       bool(raise_exception)))


def gradgradcheck(func, inputs, grad_outputs=None, *, eps=1e-6, atol=1e-5, rtol=1e-3,
                  gen_non_contig_grad_outputs=False, raise_exception=True, nondet_tol=0.0,
                  check_undefined_grad=True, check_grad_dtypes=False, check_batched_grad=False,
                  check_fwd_over_rev=False, check_rev_over_rev=True, fast_mode=False,
                  masked=False):
    """gradcheck of the first derivatives (checks second derivatives)."""
    tensors, rebuild = _split(inputs)
    _check_inputs(tensors)
    if not check_rev_over_rev:
        return True
    f = _wrap(func, rebuild)
    gos = () if grad_outputs is None else tuple(_as_tuple(grad_outputs))
    return _run(lambda: _ag._gradgradcheck(f, tuple(tensors), gos, float(eps), float(atol),
                                           float(rtol), bool(raise_exception)))
