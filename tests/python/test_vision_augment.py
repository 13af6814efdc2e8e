"""wick.vision.transforms AutoAugment / AugMix and wick._standard_gamma / wick._sample_dirichlet
against torchvision 0.14 / torch 1.13, seeded identically on both sides."""
import numpy as np
import pytest

import wick
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
    return np.random.RandomState(seed).randint(0, 256, batch + (c, h, w)).astype(np.uint8)


def pair(arr, dtype="uint8"):
    w, t = wick.from_numpy(arr.copy()), torch.from_numpy(arr.copy())
    if dtype != "uint8":
        w, t = w.to(getattr(wick, dtype)) / 255, t.to(getattr(torch, dtype)) / 255
    return w, t


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
