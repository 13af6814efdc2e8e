#!/usr/bin/env python3
"""Fits the polynomials of wick/kernels/cpu/vec_math.h's float erf and tanh.

Least squares on Chebyshev nodes (close to minimax), targets evaluated with
mpmath, coefficients rounded to float32, then the float32 Horner evaluation
(numpy float32, no FMA, as the C++ runs with fp-contract=off; Horner here,
Estrin in vec_math.h for erf, which the gtest sweeps check) is checked
against mpmath over a dense grid; prints the max error in ulps and the
coefficients, lowest degree first (vec_math.h lists them highest first).
Needs numpy and mpmath (Debian's /usr/bin/python3 has both).
  erf,  |x| < 1:  erf = a + a * P(a^2)            (P: degree 6)
  erf,  |x| >= 1: erf = 1 - exp(-b^2) * Q(b - 2.5), b in [1, 4] (Q: degree 11)
  tanh, |x| < 0.625: tanh = a + (a a^2) R(a^2)     (R: degree 4)
"""
import mpmath as mp
import numpy as np

mp.mp.dps = 40
f32 = np.float32


def fit(fun, a, b, deg, shift=0.0, weight=None, n=400):
    k = np.arange(n)
    v = (a + b) / 2 + (b - a) / 2 * np.cos(np.pi * (k + 0.5) / n)
    y = np.array([float(fun(mp.mpf(float(vi)))) for vi in v])
    w = np.ones_like(v) if weight is None else np.array([weight(vi) for vi in v])
    A = np.vander(v - shift, deg + 1, increasing=True)
    c, *_ = np.linalg.lstsq(A * w[:, None], y * w, rcond=None)
    return [f32(ci) for ci in c]


def horner(c, t):
    p = np.full_like(t, c[-1])
    for ci in reversed(c[:-1]):
        p = (p * t + ci).astype(f32)
    return p


def ulps(got, ref):
    sp = np.spacing(np.abs(ref).astype(f32)).astype(np.float64)
    return np.abs(got.astype(np.float64) - ref) / sp


def report(name, c, got, x, ref_fn):
    ref = np.array([float(ref_fn(mp.mpf(float(xi)))) for xi in x])
    e = ulps(got, ref)
    print(f"{name}: max {e.max():.3f} ulp at {x[e.argmax()]}")
    print("  " + ", ".join(repr(float(ci)) for ci in c))


def main():
    c = fit(lambda u: mp.erf(mp.sqrt(u)) / mp.sqrt(u) - 1 if u > 0 else 2 / mp.sqrt(mp.pi) - 1,
            0.0, 1.0, 6)
    x = np.linspace(0, 1, 4001).astype(f32)
    report("erf |x|<1", c, (x + (x * horner(c, (x * x).astype(f32))).astype(f32)).astype(f32),
           x, mp.erf)

    c = fit(lambda v: mp.erfc(v) * mp.exp(v * v), 1.0, 4.0, 11, shift=2.5,
            weight=lambda v: 1 / float(mp.erfc(v) * mp.exp(v * v)))
    x = np.linspace(1, 4, 4001).astype(f32)
    e = np.exp(-(x * x).astype(f32).astype(np.float64)).astype(f32)
    q = horner(c, (x - f32(2.5)).astype(f32))
    report("erf 1<=|x|<4", c, (f32(1) - (e * q).astype(f32)).astype(f32), x, mp.erf)

    c = fit(lambda u: (mp.tanh(mp.sqrt(u)) - mp.sqrt(u)) / mp.sqrt(u) ** 3 if u > 0
            else mp.mpf(-1) / 3, 0.0, 0.625 ** 2, 4)
    x = np.linspace(1e-4, 0.625, 4001).astype(f32)
    u = (x * x).astype(f32)
    report("tanh |x|<0.625", c, (x + (x * u).astype(f32) * horner(c, u)).astype(f32), x, mp.tanh)


if __name__ == "__main__":
    main()
