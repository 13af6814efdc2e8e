"""wick.vision.transforms AutoAugment / AugMix and wick._standard_gamma / wick._sample_dirichlet
against torchvision 0.14 / torch 1.13, seeded identically on both sides."""
import numpy as np
import pytest

import wick
from vision_helpers import pair, random_image
from wick.vision import transforms as WT

try:
    import torch
    import torchvision.transforms as TT
    from PIL import Image
    HAVE_TV = True
except Exception:  # pragma: no cover
    HAVE_TV = False

pytestmark = pytest.mark.skipif(not HAVE_TV, reason="torchvision and PIL (the reference) are not installed")


def image(c=3, h=20, w=24, seed=0, batch=()):
    return random_image(c, h, w, seed, batch)


def pil(c=3, h=20, w=24, seed=0):
    arr = image(c, h, w, seed)
    return Image.fromarray(arr[0] if c == 1 else arr.transpose(1, 2, 0))


def check(w, t, atol=0.0):
    if isinstance(t, Image.Image):
        assert isinstance(w, Image.Image)
        assert w.mode == t.mode and w.size == t.size
        np.testing.assert_allclose(np.asarray(w).astype(np.float64), np.asarray(t).astype(np.float64),
                                   rtol=0, atol=atol)
        return
    assert isinstance(w, wick.Tensor)
    assert tuple(w.shape) == tuple(t.shape)
    assert str(w.dtype) == str(t.dtype).replace("torch.", "wick.")
    np.testing.assert_allclose(w.numpy().astype(np.float64), t.numpy().astype(np.float64), rtol=0, atol=atol)


def seed_both(s):
    wick.manual_seed(s)
    torch.manual_seed(s)


def policy(m, name):
    return getattr(m.AutoAugmentPolicy, name)


def test_autoaugment_policy_enum():
    assert [p.value for p in WT.AutoAugmentPolicy] == [p.value for p in TT.AutoAugmentPolicy]
    assert str(WT.AutoAugmentPolicy.CIFAR10) == str(TT.AutoAugmentPolicy.CIFAR10)
    for name in ["IMAGENET", "CIFAR10", "SVHN"]:
        assert WT.AutoAugment(policy(WT, name)).policies == TT.AutoAugment(policy(TT, name)).policies
    with pytest.raises(ValueError, match="The provided policy imagenet is not recognized."):
        WT.AutoAugment("imagenet")


@pytest.mark.parametrize("name", ["IMAGENET", "CIFAR10", "SVHN"])
@pytest.mark.parametrize("fill", [None, 7, [1, 2, 3]])
def test_autoaugment_seeded(name, fill):
    # nearest (the default) keeps uint8 exact
    w, t = pair(image())
    make = lambda m: m.AutoAugment(policy(m, name), fill=fill)  # noqa: E731
    assert repr(make(WT)) == repr(make(TT))
    for s in range(30):
        seed_both(s)
        check(make(WT)(w), make(TT)(t))
        assert wick.rand(1).item() == torch.rand(1).item()
    im = pil()
    for s in range(6):
        seed_both(s)
        check(make(WT)(im), make(TT)(im))


def test_autoaugment_batched_gray_and_bilinear():
    w, t = pair(image(c=3, batch=(2,)))
    for s in range(10):
        seed_both(s)
        check(WT.AutoAugment(WT.AutoAugmentPolicy.SVHN)(w), TT.AutoAugment(TT.AutoAugmentPolicy.SVHN)(t))
    w, t = pair(image(c=1))
    for s in range(10):
        seed_both(s)
        check(WT.AutoAugment(WT.AutoAugmentPolicy.CIFAR10)(w), TT.AutoAugment(TT.AutoAugmentPolicy.CIFAR10)(t))
    im = pil(c=1)
    for s in range(4):
        seed_both(s)
        check(WT.AutoAugment()(im), TT.AutoAugment()(im))
    # bilinear: allow one grey level per op (rounding of float sums)
    w, t = pair(image())
    for s in range(10):
        seed_both(s)
        a = WT.AutoAugment(WT.AutoAugmentPolicy.CIFAR10, WT.InterpolationMode.BILINEAR)(w)
        b = TT.AutoAugment(TT.AutoAugmentPolicy.CIFAR10, TT.InterpolationMode.BILINEAR)(t)
        assert np.mean(a.numpy() != b.numpy()) < 0.05
        assert wick.rand(1).item() == torch.rand(1).item()


# ---- wick._standard_gamma / wick._sample_dirichlet ------------------------------------------

ALPHAS = [0.01, 0.3, 0.5, 0.999, 1.0, 1.5, 2.0, 7.25, 100.0, 1e4]


@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_standard_gamma_same_draws(dtype):
    a = np.array(ALPHAS * 20)
    for s in range(4):
        seed_both(s)
        w = wick._standard_gamma(wick.tensor(a.tolist(), dtype=getattr(wick, dtype)))
        t = torch._standard_gamma(torch.tensor(a.tolist(), dtype=getattr(torch, dtype)))
        check(w, t)
        # the cached Box-Muller normal is left in the generator as torch leaves it
        assert wick.randn(3).tolist() == torch.randn(3).tolist()
    # non-contiguous and 2-d input: one draw per element in row-major order
    seed_both(5)
    x = np.arange(1, 13, dtype=np.float32).reshape(3, 4) / 4
    check(wick._standard_gamma(wick.from_numpy(x.copy()).t()), torch._standard_gamma(torch.from_numpy(x.copy()).t()))
    g1, g2 = wick.Generator().manual_seed(3), torch.Generator().manual_seed(3)
    check(wick._standard_gamma(wick.ones(5), generator=g1), torch._standard_gamma(torch.ones(5), generator=g2))
    # edges: 0 and nan give the smallest normal, inf stays inf; empty and 0-d shapes
    edge = [0.0, -1.0, float("nan"), float("inf")]
    check(wick._standard_gamma(wick.tensor(edge)), torch._standard_gamma(torch.tensor(edge)))
    check(wick._standard_gamma(wick.zeros(2, 0)), torch._standard_gamma(torch.zeros(2, 0)))
    seed_both(1)
    check(wick._standard_gamma(wick.tensor(2.0)), torch._standard_gamma(torch.tensor(2.0)))


def test_standard_gamma_moments():
    wick.manual_seed(0)
    for alpha in [0.2, 1.0, 4.0]:
        x = wick._standard_gamma(wick.full((20000,), alpha, dtype=wick.float64)).numpy()
        assert abs(x.mean() - alpha) < 0.05 * max(alpha, 1)
        assert abs(x.var() - alpha) < 0.1 * max(alpha, 1)


@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_sample_dirichlet_same_draws(dtype):
    for alpha in [[1.0, 1.0], [0.3, 2.0, 5.0], [0.5] * 4, [0.01, 0.01]]:
        for s in range(4):
            seed_both(s)
            w = wick._sample_dirichlet(wick.tensor(alpha, dtype=getattr(wick, dtype)).expand(3, -1))
            t = torch._sample_dirichlet(torch.tensor(alpha, dtype=getattr(torch, dtype)).expand(3, -1))
            check(w, t)
            assert wick.randn(1).item() == torch.randn(1).item()
    seed_both(2)
    check(wick._sample_dirichlet(wick.full((2, 3, 4), 0.7)), torch._sample_dirichlet(torch.full((2, 3, 4), 0.7)))
    check(wick._sample_dirichlet(wick.tensor([0.0, 0.0])), torch._sample_dirichlet(torch.tensor([0.0, 0.0])))
    check(wick._sample_dirichlet(wick.tensor(2.0)), torch._sample_dirichlet(torch.tensor(2.0)))
    check(wick._sample_dirichlet(wick.zeros(2, 0)), torch._sample_dirichlet(torch.zeros(2, 0)))
    x = wick._sample_dirichlet(wick.full((4000, 3), 2.0)).numpy()
    np.testing.assert_allclose(x.sum(1), 1.0, atol=1e-6)
    np.testing.assert_allclose(x.mean(0), [1 / 3] * 3, atol=0.02)
    np.testing.assert_allclose(x.var(0), [2 / 63] * 3, atol=0.005)  # a_i (a0 - a_i) / (a0^2 (a0 + 1))


def test_gamma_dirichlet_errors():
    with pytest.raises(NotImplementedError, match="\"gamma_cpu\" not implemented for 'Long'"):
        wick._standard_gamma(wick.tensor([1, 2]))
    with pytest.raises(NotImplementedError, match="\"dirichlet\" not implemented for 'Half'"):
        wick._sample_dirichlet(wick.tensor([1.0, 2.0], dtype=wick.float16))


# ---- AugMix ---------------------------------------------------------------------------------

def augmix_run(make, x):
    try:
        return make(x)
    except TypeError as e:  # Posterize / Equalize drawn for a float image: torchvision raises too
        return str(e).replace("wick.", "torch.")


AUGMIX_ARGS = [{}, dict(severity=7, mixture_width=2, chain_depth=2, alpha=0.5, all_ops=False),
               dict(severity=1, mixture_width=4, chain_depth=1, alpha=2.0, fill=[1, 2, 3]),
               dict(severity=10, mixture_width=1, fill=9)]


@pytest.mark.parametrize("kw", AUGMIX_ARGS)
@pytest.mark.parametrize("interp", ["NEAREST", "BILINEAR"])
def test_augmix_seeded(kw, interp):
    make = lambda m: m.AugMix(**kw, interpolation=getattr(m.InterpolationMode, interp))  # noqa: E731
    assert repr(make(WT)) == repr(make(TT))
    for batch in [(), (2,)]:
        w, t = pair(image(batch=batch))
        for s in range(12):
            seed_both(s)
            a, b = make(WT)(w), make(TT)(t)
            if interp == "NEAREST":
                check(a, b)
            else:  # bilinear may differ by a grey level in a few pixels (rounding of float sums),
                # which a following AutoContrast / Equalize can widen
                check(a, b, 255.0)
                assert np.mean(a.numpy() != b.numpy()) < 0.01
            assert wick.rand(1).item() == torch.rand(1).item()


def test_augmix_float_gray_pil():
    w, t = pair(image(), "float32")
    for s in range(12):
        seed_both(s)
        a = augmix_run(WT.AugMix(interpolation=WT.InterpolationMode.NEAREST), w)
        b = augmix_run(TT.AugMix(interpolation=TT.InterpolationMode.NEAREST), t)
        if isinstance(b, str):
            assert a == b
        else:
            check(a, b, 1e-6)
    w, t = pair(image(c=1))
    for s in range(8):
        seed_both(s)
        check(WT.AugMix(interpolation=WT.InterpolationMode.NEAREST)(w),
              TT.AugMix(interpolation=TT.InterpolationMode.NEAREST)(t))
    for c in [3, 1]:
        im = pil(c=c)
        for s in range(5):
            seed_both(s)
            check(WT.AugMix(interpolation=WT.InterpolationMode.NEAREST)(im),
                  TT.AugMix(interpolation=TT.InterpolationMode.NEAREST)(im))
            assert wick.rand(1).item() == torch.rand(1).item()


def test_augmix_errors():
    for sev in [0, 11]:
        with pytest.raises(ValueError, match=rf"The severity must be between \[1, 10\]. Got {sev} instead."):
            WT.AugMix(severity=sev)
