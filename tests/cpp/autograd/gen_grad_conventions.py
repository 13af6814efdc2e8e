#!/usr/bin/env python3
"""Prints PyTorch's gradients at the special points the *_grad_test.cpp files
check (ties, bounds, zeros, NaNs, repeated indices). Run with Debian's
interpreter: /usr/bin/python3 gen_grad_conventions.py; the values are written
inline in the tests beside each case."""
import torch

D = torch.double
nan = float("nan")


def grads(f, *xs):
    xs = [torch.tensor(x, dtype=D, requires_grad=True) for x in xs]
    f(*xs).sum().backward()
    return [x.grad.tolist() for x in xs]


a, c = [0., 1., -1., 2., 2., nan], [0., 1., 2., 2., nan, 1.]
for name in ["maximum", "minimum", "fmax", "fmin"]:
    print(name, grads(getattr(torch, name), a, c))
print("pow", grads(torch.pow, [0., 0., 2., -1., 0.], [0., 2., 0., 2., -1.]))
print("pow 0^t", grads(lambda e: torch.pow(0., e), [0., 2., -1.]))
print("pow t^0", grads(lambda x: torch.pow(x, 0.), [0., 2., -1.]))
print("copysign", grads(torch.copysign, [0., 2., -1., -0.], [-1., -1., 1., 1.]))
print("xlogy", grads(torch.xlogy, [0., 2., 0.], [0.5, 3., 0.]))
print("remainder", grads(torch.remainder, [5., -5., 5.5], [3., 3., -2.]))
print("fmod", grads(torch.fmod, [5., -5., 5.5], [3., 3., -2.]))
print("hypot", grads(torch.hypot, [0., 3.], [0., 4.]))

x = [0., 0.2, 0.5, 0.7, 1.0, nan]
lo, hi = [0.2, 0.2, 0.2, 0.8, 0.5, 0.1], [0.7, 0.7, 0.5, 0.3, 0.5, 0.9]
print("clamp", grads(lambda t: t.clamp(0.2, 0.7), x))
print("clamp min>max", grads(lambda t: t.clamp(0.7, 0.2), x))
print("clamp_min", grads(lambda t: t.clamp_min(0.5), x))
print("clamp_max", grads(lambda t: t.clamp_max(0.5), x))
print("clamp tensors", grads(lambda t, l, h: t.clamp(l, h), x, lo, hi))
print("clamp_min tensor", grads(lambda t, l: t.clamp_min(l), x, lo))
print("clamp_max tensor", grads(lambda t, h: t.clamp_max(h), x, hi))

w3 = torch.tensor([[1., 2., 3.], [4., 5., 6.]], dtype=D)
i2 = torch.tensor([[0, 1], [2, 2]])
for red in ["sum", "mean", "amax", "amin"]:
    for inc in [True, False]:
        print("scatter_reduce", red, inc, grads(
            lambda s, src: s.scatter_reduce(1, i2, src, red, include_self=inc) * w3,
            [[1., 5., 2.], [3., 3., 0.]], [[5., 1.], [3., 7.]]))

w = torch.tensor([1., 2., 3., 4.], dtype=D)
ii = torch.tensor([0, 2, 0])
m = torch.tensor([True, False, True, True])
print("index_put", grads(lambda x, v: x.index_put((ii,), v) * w, [1., 2., 3., 4.], [10., 20., 30.]))
print("index_put acc", grads(lambda x, v: x.index_put((ii,), v, accumulate=True) * w, [1., 2., 3., 4.], [10., 20., 30.]))
print("index_copy", grads(lambda x, v: x.index_copy(0, ii, v) * w, [1., 2., 3., 4.], [10., 20., 30.]))
print("index_fill", grads(lambda x, v: x.index_fill(0, ii, v) * w, [1., 2., 3., 4.], 5.))
print("masked_scatter", grads(lambda x, v: x.masked_scatter(m, v) * w, [1., 2., 3., 4.], [10., 20., 30., 40.]))
print("masked_fill", grads(lambda x, v: x.masked_fill(m, v) * w, [1., 2., 3., 4.], 5.))
print("put", grads(lambda x, v: x.put(ii, v) * w, [1., 2., 3., 4.], [10., 20., 30.]))
print("take", grads(lambda x: x.take(ii), [1., 2., 3.]))
print("index", grads(lambda x: x[ii], [1., 2., 3.]))
