"""wick.vision.transforms against torchvision.transforms 0.14 on fixed tensors and PIL images."""
import warnings

import numpy as np
import pytest

import wick
from vision_helpers import pair, random_image
from wick.vision import transforms as WT
from wick.vision.transforms import functional as WF

try:
    import torch
    import torchvision.transforms as TT
    import torchvision.transforms.functional as TF
    from PIL import Image
    HAVE_TV = True
except Exception:  # pragma: no cover
    HAVE_TV = False

pytestmark = pytest.mark.skipif(not HAVE_TV, reason="torchvision and PIL (the reference) are not installed")


def image(c=3, h=11, w=13, seed=0, batch=()):
    return random_image(c, h, w, seed, batch)


def check(w, t, atol=0.0):
    if isinstance(t, (tuple, list)):
        assert isinstance(w, (tuple, list)) and len(w) == len(t)
        for a, b in zip(w, t):
            check(a, b, atol)
        return
    if isinstance(t, Image.Image):
        assert isinstance(w, Image.Image)
        assert w.mode == t.mode and w.size == t.size
        np.testing.assert_array_equal(np.asarray(w), np.asarray(t))
        return
    assert isinstance(w, wick.Tensor)
    assert tuple(w.shape) == tuple(t.shape)
    assert str(w.dtype) == str(t.dtype).replace("torch.", "wick.")
    np.testing.assert_allclose(w.numpy().astype(np.float64), t.numpy().astype(np.float64), rtol=0, atol=atol)


def tol(dtype, interpolated=True):
    # uint8 interpolation may differ by one grey level (rounding of float sums)
    if dtype == "uint8":
        return 1.0 if interpolated else 0.0
    return 1e-5 if dtype == "float32" else 1e-12


DTYPES = ["uint8", "float32", "float64"]
MODES = ["NEAREST", "BILINEAR", "BICUBIC"]


def call(name, w, t, *args, **kwargs):
    """Runs functional `name` on (w, t); converts InterpolationMode kwargs for each side."""
    wk = {k: (getattr(WF.InterpolationMode, v.name) if isinstance(v, TF.InterpolationMode) else v)
          for k, v in kwargs.items()}
    return getattr(WF, name)(w, *args, **wk), getattr(TF, name)(t, *args, **kwargs)


# ---------------------------------------------------------------- functional on tensors

@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("size", [[7, 9], [17, 19], 8, [5], (13, 6)])
def test_resize(dtype, mode, size):
    w, t = pair(image(), dtype)
    wr, tr = call("resize", w, t, size, interpolation=getattr(TF.InterpolationMode, mode))
    check(wr, tr, tol(dtype, mode != "NEAREST"))


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("mode", ["BILINEAR", "BICUBIC"])
def test_resize_antialias_batched(dtype, mode):
    w, t = pair(image(batch=(2,)), dtype)
    wr, tr = call("resize", w, t, [5, 6], interpolation=getattr(TF.InterpolationMode, mode), antialias=True)
    check(wr, tr, tol(dtype))


def test_resize_max_size_and_same_size():
    w, t = pair(image(h=10, w=30), "float32")
    check(*call("resize", w, t, 8, max_size=20), atol=1e-5)
    assert WF.resize(w, [10, 30]) is w
    with pytest.raises(ValueError, match="max_size = 8 must be strictly greater"):
        WF.resize(w, 8, max_size=8)
    with pytest.raises(ValueError, match="max_size should only be passed"):
        WF.resize(w, [8, 9], max_size=20)
    with pytest.raises(ValueError, match="Size must be an int or a 1 or 2 element tuple/list, not a 3"):
        WF.resize(w, [1, 2, 3])
    with pytest.raises(ValueError, match="Antialias option is supported for bilinear and bicubic"):
        WF.resize(w, [4, 4], interpolation=WF.InterpolationMode.NEAREST, antialias=True)
    with pytest.raises(TypeError, match="Argument interpolation should be a InterpolationMode"):
        WF.resize(w, [4, 4], interpolation="bilinear")
    with pytest.raises(NotImplementedError, match=r"\(got 4D\) for the modes: .* \(got box\)"):
        WF.resize(w, [4, 4], interpolation=WF.InterpolationMode.BOX)
    with pytest.raises(NotImplementedError):
        TF.resize(t, [4, 4], interpolation=TF.InterpolationMode.BOX)


@pytest.mark.parametrize("dtype", DTYPES)
def test_crops_and_flips(dtype):
    w, t = pair(image(), dtype)
    check(*call("crop", w, t, 2, 3, 5, 6))
    check(*call("crop", w, t, -2, 3, 6, 14))  # outside the image: zero padding
    check(*call("center_crop", w, t, [5, 16]))
    check(*call("center_crop", w, t, 4))
    check(*call("center_crop", w, t, [15, 17]))
    check(*call("hflip", w, t))
    check(*call("vflip", w, t))
    check(*call("five_crop", w, t, [4, 5]))
    check(*call("ten_crop", w, t, 4))
    check(*call("ten_crop", w, t, [4, 5], vertical_flip=True))
    check(*call("resized_crop", w, t, 1, 2, 6, 7, [9, 4]), atol=tol(dtype))
    with pytest.raises(ValueError, match=r"Requested crop size \(12, 5\) is bigger than input size \(11, 13\)"):
        WF.five_crop(w, (12, 5))


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("mode", ["constant", "edge", "reflect", "symmetric"])
@pytest.mark.parametrize("padding", [2, [1, 3], [1, 2, 3, 4], [-1, 2, 0, 3]])
def test_pad(dtype, mode, padding):
    if mode != "symmetric" and min(np.atleast_1d(padding)) < 0 and mode == "reflect":
        padding = [1, 2, 0, 3]
    w, t = pair(image(), dtype)
    check(*call("pad", w, t, padding, fill=7, padding_mode=mode))


def test_pad_errors():
    w = wick.zeros(3, 4, 4)
    with pytest.raises(ValueError, match="Padding mode should be either constant, edge, reflect or symmetric"):
        WF.pad(w, 1, padding_mode="wrap")
    with pytest.raises(ValueError, match="not a 3 element tuple"):
        WF.pad(w, [1, 2, 3])
    with pytest.raises(TypeError, match="Got inappropriate padding arg"):
        WF.pad(w, "1")


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("mode", ["NEAREST", "BILINEAR"])
def test_rotate_affine(dtype, mode):
    w, t = pair(image(), dtype)
    im = getattr(TF.InterpolationMode, mode)
    a = tol(dtype, mode == "BILINEAR")
    check(*call("rotate", w, t, 30, interpolation=im), atol=a)
    check(*call("rotate", w, t, -45.5, interpolation=im, expand=True, fill=[1.0, 2.0, 3.0]), atol=a)
    check(*call("rotate", w, t, 90, interpolation=im, center=[2, 3], fill=5.0), atol=a)
    check(*call("affine", w, t, 20, [1, 2], 1.2, [5, 3], interpolation=im, center=[3, 4]), atol=a)
    check(*call("affine", w, t, -10.0, (0, -3), 0.8, 12.0, interpolation=im, fill=9.0), atol=a)


def test_affine_errors():
    w = wick.zeros(3, 4, 4)
    with pytest.raises(ValueError, match="Argument scale should be positive"):
        WF.affine(w, 0, [0, 0], 0.0, 0)
    with pytest.raises(ValueError, match="Argument translate should be a sequence of length 2"):
        WF.affine(w, 0, [0], 1.0, 0)
    with pytest.raises(TypeError, match="Argument angle should be int or float"):
        WF.rotate(w, "1")
    with pytest.raises(ValueError, match=r"cannot broadcast to match the number of channels of the image \(2 != 3\)"):
        WF.rotate(w, 10, fill=[1.0, 2.0])
    with pytest.raises(ValueError, match="Interpolation mode 'bicubic' is unsupported with Tensor input"):
        WF.rotate(w, 10, interpolation=WF.InterpolationMode.BICUBIC)


@pytest.mark.parametrize("dtype", DTYPES)
def test_color(dtype):
    w, t = pair(image(batch=(2,)), dtype)
    a = tol(dtype)
    check(*call("rgb_to_grayscale", w, t))
    check(*call("rgb_to_grayscale", w, t, num_output_channels=3))
    check(*call("adjust_brightness", w, t, 1.3))
    check(*call("adjust_contrast", w, t, 0.7), atol=a)
    check(*call("adjust_saturation", w, t, 0.4), atol=a)
    check(*call("adjust_hue", w, t, 0.2), atol=a)
    check(*call("adjust_hue", w, t, -0.45), atol=a)
    check(*call("adjust_gamma", w, t, 0.5, 1.1), atol=a)
    check(*call("invert", w, t))
    g, tg = pair(image(c=1), dtype)
    check(*call("adjust_saturation", g, tg, 0.4))
    check(*call("adjust_contrast", g, tg, 1.5), atol=a)


def test_color_errors():
    w = wick.zeros(3, 4, 4)
    with pytest.raises(ValueError, match=r"brightness_factor \(-1\) is not non-negative."):
        WF.adjust_brightness(w, -1)
    with pytest.raises(ValueError, match=r"hue_factor \(0.7\) is not in \[-0.5, 0.5\]."):
        WF.adjust_hue(w, 0.7)
    with pytest.raises(TypeError, match=r"Input image tensor permitted channel values are \[1, 3\], but found 2"):
        WF.rgb_to_grayscale(wick.zeros(2, 4, 4))
    with pytest.raises(ValueError, match="num_output_channels should be either 1 or 3"):
        WF.rgb_to_grayscale(w, 2)


@pytest.mark.parametrize("dtype", DTYPES)
def test_gaussian_blur_erase(dtype):
    w, t = pair(image(), dtype)
    # the kernel is computed in float32 (linspace's default dtype) as in torchvision
    a = 1e-6 if dtype == "float64" else tol(dtype)
    check(*call("gaussian_blur", w, t, [3, 5], [0.8, 1.2]), atol=a)
    check(*call("gaussian_blur", w, t, 5), atol=a)
    v = np.arange(12).reshape(3, 2, 2).astype(np.uint8)
    wv, tv = pair(v, dtype)
    check(WF.erase(w, 1, 2, 2, 2, wv), TF.erase(t, 1, 2, 2, 2, tv))
    we, te = WF.erase(w, 1, 2, 3, 4, wick.tensor(0).to(w.dtype)), TF.erase(t, 1, 2, 3, 4, torch.tensor(0).to(t.dtype))
    check(we, te)
    assert not w.equal(we)  # not in place
    with pytest.raises(ValueError, match=r"kernel_size should have odd and positive integers. Got \[4, 4\]"):
        WF.gaussian_blur(w, 4)
    with pytest.raises(ValueError, match=r"sigma should have positive values. Got \[0.0, 0.0\]"):
        WF.gaussian_blur(w, 3, 0.0)


@pytest.mark.parametrize("src", ["uint8", "float32", "float64", "int16", "int32"])
@pytest.mark.parametrize("dst", ["uint8", "int8", "int16", "int32", "int64", "float32", "float64"])
def test_convert_image_dtype(src, dst):
    arr = image()
    t = torch.from_numpy(arr)
    t = TF.convert_image_dtype(t, getattr(torch, src))
    w = wick.from_numpy(t.numpy().copy())
    try:
        tr = TF.convert_image_dtype(t, getattr(torch, dst))
    except RuntimeError as e:
        with pytest.raises(RuntimeError, match=str(e).replace("torch.", "wick.")):
            WF.convert_image_dtype(w, getattr(wick, dst))
        return
    check(WF.convert_image_dtype(w, getattr(wick, dst)), tr)


def test_normalize():
    w, t = pair(image(batch=(2,)), "float32")
    check(WF.normalize(w, [0.5, 0.4, 0.3], [0.2, 0.3, 0.4]), TF.normalize(t, [0.5, 0.4, 0.3], [0.2, 0.3, 0.4]), 1e-6)
    w2 = w.clone()
    out = WF.normalize(w2, (0.5,), (0.25,), inplace=True)
    assert out is w2
    check(out, TF.normalize(t, (0.5,), (0.25,)), 1e-6)
    with pytest.raises(TypeError, match=r"Input tensor should be a float tensor. Got wick.uint8."):
        WF.normalize(wick.zeros(3, 2, 2, dtype=wick.uint8), [0.5], [0.5])
    with pytest.raises(ValueError, match=r"std evaluated to zero after conversion to wick.float32"):
        WF.normalize(w, [0.5], [0.0])
    with pytest.raises(ValueError, match=r"Got tensor.size\(\) = wick.Size\(\[2, 2\]\)"):
        WF.normalize(wick.zeros(2, 2), [0.5], [0.5])
    with pytest.raises(TypeError, match="img should be Tensor Image"):
        WF.normalize(np.zeros((3, 2, 2)), [0.5], [0.5])


# ---------------------------------------------------------------- PIL images and conversions

PIL_MODES = ["RGB", "L", "RGBA"]


def pil(mode="RGB", h=11, w=13, seed=1):
    arr = image(c=3, h=h, w=w, seed=seed).transpose(1, 2, 0)
    return Image.fromarray(np.ascontiguousarray(arr), "RGB").convert(mode)


@pytest.mark.parametrize("mode", PIL_MODES + ["1", "I", "F", "I;16"])
def test_to_tensor_pil(mode):
    im = pil().convert("L").convert(mode) if mode in ("1", "I", "F", "I;16") else pil(mode)
    check(WF.to_tensor(im), TF.to_tensor(im))
    if mode not in ("1", "I;16"):
        check(WF.pil_to_tensor(im), TF.pil_to_tensor(im))


def test_to_tensor_numpy_and_errors():
    arr = image().transpose(1, 2, 0)
    check(WF.to_tensor(arr), TF.to_tensor(arr))
    check(WF.to_tensor(arr[:, :, 0]), TF.to_tensor(arr[:, :, 0]))
    f = arr.astype(np.float64)
    check(WF.to_tensor(f), TF.to_tensor(f))
    with pytest.raises(TypeError, match="pic should be PIL Image or ndarray. Got <class 'list'>"):
        WF.to_tensor([1, 2])
    with pytest.raises(ValueError, match="pic should be 2/3 dimensional. Got 1 dimensions."):
        WF.to_tensor(np.zeros(3))
    with pytest.raises(TypeError, match="pic should be PIL Image. Got"):
        WF.pil_to_tensor(arr)


@pytest.mark.parametrize("c,dtype,mode", [(3, "float32", None), (1, "uint8", None), (4, "uint8", None),
                                          (1, "float32", "F"), (3, "uint8", "HSV"), (2, "uint8", None)])
def test_to_pil_image(c, dtype, mode):
    w, t = pair(image(c=c), dtype)
    check(WF.to_pil_image(w, mode), TF.to_pil_image(t, mode))
    arr = image(c=c).transpose(1, 2, 0)
    check(WF.to_pil_image(arr), TF.to_pil_image(arr))
    assert repr(WT.ToPILImage(mode)) == repr(TT.ToPILImage(mode))


def test_to_pil_image_errors():
    with pytest.raises(ValueError, match="pic should not have > 4 channels. Got 5 channels."):
        WF.to_pil_image(wick.zeros(5, 2, 2))
    with pytest.raises(ValueError, match=r"Only modes \['RGB', 'YCbCr', 'HSV'\] are supported for 3D inputs"):
        WF.to_pil_image(wick.zeros(3, 2, 2), "RGBA")
    with pytest.raises(TypeError, match="pic should be Tensor or ndarray. Got <class 'list'>."):
        WF.to_pil_image([1])


@pytest.mark.parametrize("mode", PIL_MODES)
def test_functional_pil(mode):
    im = pil(mode)
    F_modes = [TF.InterpolationMode.NEAREST, TF.InterpolationMode.BILINEAR, TF.InterpolationMode.BICUBIC]
    for interp in F_modes:
        check(*call("resize", im, im, [7, 9], interpolation=interp))
        check(*call("resize", im, im, 6, interpolation=interp))
    check(*call("crop", im, im, -1, 2, 6, 15))
    check(*call("center_crop", im, im, [5, 16]))
    check(*call("hflip", im, im))
    check(*call("vflip", im, im))
    check(*call("ten_crop", im, im, 4))
    for pm in ["constant", "edge", "reflect", "symmetric"]:
        check(*call("pad", im, im, [1, 2, 3, 4], fill=7, padding_mode=pm))
    check(*call("rotate", im, im, 30, expand=True, fill=3))
    check(*call("rotate", im, im, 15, interpolation=TF.InterpolationMode.BILINEAR, center=[2, 3]))
    check(*call("affine", im, im, 20, [1, 2], 1.2, [5, 3]))
    check(*call("adjust_brightness", im, im, 1.3))
    check(*call("adjust_contrast", im, im, 0.7))
    check(*call("adjust_saturation", im, im, 0.4))
    check(*call("adjust_hue", im, im, 0.2))
    check(*call("adjust_gamma", im, im, 0.5))
    check(*call("rgb_to_grayscale", im, im, 3))
    check(WF.to_grayscale(im), TF.to_grayscale(im))
    check(*call("gaussian_blur", im, im, 3, 1.0))
    if mode != "RGBA":
        check(*call("invert", im, im))
    else:  # PIL's ImageOps.invert refuses RGBA; so does torchvision
        with pytest.raises(OSError, match="not supported for this image mode"):
            WF.invert(im)


# ---------------------------------------------------------------- transform classes

def test_reprs():
    pairs = [
        (WT.Compose([WT.ToTensor(), WT.Normalize((0.5,), (0.5,))]), TT.Compose([TT.ToTensor(), TT.Normalize((0.5,), (0.5,))])),
        (WT.Resize(8), TT.Resize(8)),
        (WT.Resize([8, 9], WF.InterpolationMode.BICUBIC, antialias=True),
         TT.Resize([8, 9], TF.InterpolationMode.BICUBIC, antialias=True)),
        (WT.CenterCrop(5), TT.CenterCrop(5)),
        (WT.Pad([1, 2], fill=3, padding_mode="edge"), TT.Pad([1, 2], fill=3, padding_mode="edge")),
        (WT.RandomCrop(5, padding=2), TT.RandomCrop(5, padding=2)),
        (WT.RandomResizedCrop(6, scale=(0.5, 1.0)), TT.RandomResizedCrop(6, scale=(0.5, 1.0))),
        (WT.RandomHorizontalFlip(), TT.RandomHorizontalFlip()),
        (WT.RandomVerticalFlip(0.3), TT.RandomVerticalFlip(0.3)),
        (WT.RandomRotation(30, center=(1, 2)), TT.RandomRotation(30, center=(1, 2))),
        (WT.RandomAffine(20, (0.1, 0.2), (0.8, 1.2), 10, WF.InterpolationMode.BILINEAR, fill=1),
         TT.RandomAffine(20, (0.1, 0.2), (0.8, 1.2), 10, TF.InterpolationMode.BILINEAR, fill=1)),
        (WT.Grayscale(3), TT.Grayscale(3)),
        (WT.RandomGrayscale(), TT.RandomGrayscale()),
        (WT.ColorJitter(0.4, (0.5, 1.5), 0, 0.1), TT.ColorJitter(0.4, (0.5, 1.5), 0, 0.1)),
        (WT.GaussianBlur(3, 1.0), TT.GaussianBlur(3, 1.0)),
        (WT.RandomErasing(), TT.RandomErasing()),
        (WT.ConvertImageDtype(wick.float32), TT.ConvertImageDtype(torch.float32)),
        (WT.Lambda(lambda x: x), TT.Lambda(lambda x: x)),
        (WT.RandomApply([WT.RandomHorizontalFlip()], p=0.3), TT.RandomApply([TT.RandomHorizontalFlip()], p=0.3)),
        (WT.RandomChoice([WT.CenterCrop(3)]), TT.RandomChoice([TT.CenterCrop(3)])),
        (WT.RandomOrder([WT.CenterCrop(3)]), TT.RandomOrder([TT.CenterCrop(3)])),
        (WT.FiveCrop(3), TT.FiveCrop(3)),
        (WT.TenCrop((3, 4), True), TT.TenCrop((3, 4), True)),
        (WT.PILToTensor(), TT.PILToTensor()),
        (WT.RandomInvert(), TT.RandomInvert()),
    ]
    for w, t in pairs:
        assert repr(w) == repr(t)


def test_class_errors():
    cases = [
        (lambda m: m.Resize(1.5), TypeError, "Size should be int or sequence. Got <class 'float'>"),
        (lambda m: m.Resize([1, 2, 3]), ValueError, "If size is a sequence, it should have 1 or 2 values"),
        (lambda m: m.CenterCrop([1, 2, 3]), ValueError, r"Please provide only two dimensions \(h, w\) for size."),
        (lambda m: m.Pad(1, padding_mode="x"), ValueError, "Padding mode should be either"),
        (lambda m: m.Lambda(3), TypeError, "Argument lambd should be callable, got 'int'"),
        (lambda m: m.RandomChoice([], p=3), TypeError, "Argument p should be a sequence"),
        (lambda m: m.RandomRotation(-3), ValueError, "If degrees is a single number, it must be positive."),
        (lambda m: m.RandomAffine(0, translate=(2, 0)), ValueError, "translation values should be between 0 and 1"),
        (lambda m: m.RandomAffine(0, shear=(1, 2, 3)), ValueError, "shear should be a sequence of length 2 or 4."),
        (lambda m: m.ColorJitter(brightness=-1), ValueError, "If brightness is a single number, it must be non negative."),
        (lambda m: m.ColorJitter(hue=(0, 0.7)), ValueError, r"hue values should be between \(-0.5, 0.5\)"),
        (lambda m: m.GaussianBlur(4), ValueError, "Kernel size value should be an odd and positive number."),
        (lambda m: m.GaussianBlur(3, (2.0, 1.0)), ValueError, r"sigma values should be positive and of the form \(min, max\)."),
        (lambda m: m.RandomErasing(value="x"), ValueError, "If value is str, it should be 'random'"),
        (lambda m: m.RandomErasing(p=2), ValueError, "Random erasing probability should be between 0 and 1"),
    ]
    for fn, exc, msg in cases:
        with pytest.raises(exc, match=msg):
            fn(TT)
        with pytest.raises(exc, match=msg):
            fn(WT)
    with pytest.raises(ValueError, match=r"Required crop size \(12, 12\) is larger than input image size \(11, 13\)"):
        WT.RandomCrop(12)(wick.zeros(3, 11, 13))


def seeded(make, img_w, img_t, seed):
    """The transform built by make(module) on both sides after the same seed."""
    wick.manual_seed(seed)
    torch.manual_seed(seed)
    import random
    random.seed(seed)
    w = make(WT, WF)(img_w)
    random.seed(seed)
    t = make(TT, TF)(img_t)
    return w, t


RANDOM = {
    "RandomCrop": lambda m, f: m.RandomCrop(6, padding=[1, 2], fill=3),
    "RandomCropPadIfNeeded": lambda m, f: m.RandomCrop((14, 16), pad_if_needed=True, padding_mode="reflect"),
    "RandomResizedCrop": lambda m, f: m.RandomResizedCrop(7),
    "RandomResizedCropTall": lambda m, f: m.RandomResizedCrop((9, 4), scale=(0.9, 1.0), ratio=(0.2, 0.3)),
    "RandomHorizontalFlip": lambda m, f: m.RandomHorizontalFlip(),
    "RandomVerticalFlip": lambda m, f: m.RandomVerticalFlip(),
    "RandomRotation": lambda m, f: m.RandomRotation(40, f.InterpolationMode.BILINEAR, expand=True, fill=2),
    "RandomAffine": lambda m, f: m.RandomAffine(20, (0.2, 0.1), (0.7, 1.3), (-5, 5, -3, 3)),
    "RandomGrayscale": lambda m, f: m.RandomGrayscale(0.5),
    "ColorJitter": lambda m, f: m.ColorJitter(0.4, 0.4, 0.4, 0.1),
    "GaussianBlur": lambda m, f: m.GaussianBlur((3, 5)),
    "RandomErasing": lambda m, f: m.RandomErasing(p=0.9, value="random"),
    "RandomErasingValue": lambda m, f: m.RandomErasing(p=0.9, value=(1, 2, 3)),
    "RandomApply": lambda m, f: m.RandomApply([m.RandomHorizontalFlip(1.0), m.CenterCrop(5)], p=0.5),
    "RandomChoice": lambda m, f: m.RandomChoice([m.CenterCrop(5), m.Resize(4), m.Pad(1)], p=[0.2, 0.5, 0.3]),
    "RandomOrder": lambda m, f: m.RandomOrder([m.CenterCrop(5), m.Resize(4), m.Pad(1)]),
    "Compose": lambda m, f: m.Compose([m.RandomResizedCrop(8), m.RandomHorizontalFlip(),
                                       m.Normalize([0.5, 0.5, 0.5], [0.2, 0.2, 0.2])]),
}


@pytest.mark.parametrize("name", sorted(RANDOM))
@pytest.mark.parametrize("seed", [0, 1, 2, 7])
def test_seeded_random_transforms_tensor(name, seed):
    w, t = pair(image(), "float32")
    wr, tr = seeded(RANDOM[name], w, t, seed)
    check(wr, tr, 1e-5)
    assert wick.rand(1).item() == torch.rand(1).item()  # the generators are still in step


@pytest.mark.parametrize("name", ["RandomCrop", "RandomResizedCrop", "RandomHorizontalFlip", "RandomRotation",
                                  "RandomAffine", "ColorJitter", "RandomGrayscale", "RandomChoice"])
@pytest.mark.parametrize("seed", [0, 3])
def test_seeded_random_transforms_pil(name, seed):
    im = pil()
    wr, tr = seeded(RANDOM[name], im, im, seed)
    check(wr, tr)


def test_pipeline_pil_to_normalized_tensor():
    im = pil(h=20, w=24)
    wt = WT.Compose([WT.Resize(16), WT.CenterCrop(12), WT.ToTensor(), WT.Normalize((0.5, 0.5, 0.5), (0.5, 0.5, 0.5))])
    tt = TT.Compose([TT.Resize(16), TT.CenterCrop(12), TT.ToTensor(), TT.Normalize((0.5, 0.5, 0.5), (0.5, 0.5, 0.5))])
    check(wt(im), tt(im), 1e-6)
    check(WT.FiveCrop(5)(im), TT.FiveCrop(5)(im))
    w, t = pair(image(), "uint8")
    check(WT.ConvertImageDtype(wick.float64)(w), TT.ConvertImageDtype(torch.float64)(t))
    check(WT.Grayscale()(w), TT.Grayscale()(t))
    check(WT.Lambda(lambda x: x.flip(0))(w), TT.Lambda(lambda x: x.flip(0))(t))


def test_int_interpolation_warns():
    with warnings.catch_warnings(record=True) as rec:
        warnings.simplefilter("always")
        r = WT.Resize(4, interpolation=3)
    assert r.interpolation == WF.InterpolationMode.BICUBIC
    assert any("deprecated since 0.13" in str(x.message) for x in rec)


def test_exports():
    from wick import vision
    assert vision.transforms is WT
    for name in ["ToTensor", "Normalize", "Compose", "RandomResizedCrop", "InterpolationMode"]:
        assert name in WT.__all__ and hasattr(WT, name)
    assert WT.functional is WF


def test_more_leading_dims():
    # wick also takes [..., C, H, W] with several leading dims (torchvision 0.14 takes at most one)
    arr = image(batch=(2, 2))
    w = wick.from_numpy(arr.copy())
    flat_t = torch.from_numpy(arr.reshape(4, 3, 11, 13).copy())
    out = WF.resize(w, [5, 6])
    check(out.reshape(4, 3, 5, 6), TF.resize(flat_t, [5, 6]), 1.0)
    out = WF.rotate(w.float(), 20, WF.InterpolationMode.BILINEAR, fill=[1.0])
    check(out.reshape(4, 3, 11, 13), TF.rotate(flat_t.float(), 20, TF.InterpolationMode.BILINEAR, fill=[1.0]), 1e-3)
    out = WF.gaussian_blur(w, 3, 1.0)
    check(out.reshape(4, 3, 11, 13), TF.gaussian_blur(flat_t, 3, 1.0), 1.0)


def test_normalize_tensor_mean():
    w, t = pair(image(), "float64")
    wm, tm = wick.tensor([0.5, 0.4, 0.3]).view(3, 1, 1), torch.tensor([0.5, 0.4, 0.3]).view(3, 1, 1)
    check(WF.normalize(w, wm, 0.5), TF.normalize(t, tm, 0.5), 1e-12)
    check(WF.normalize(w, 0.5, [0.2]), TF.normalize(t, 0.5, [0.2]), 1e-12)


def test_tensor_path_is_the_cpp_op():
    from wick import _C
    w = wick.from_numpy(image())
    assert WF.resize(w, [5, 6]).equal(_C._vision_transforms.resize(w, [5, 6], "bilinear", False))
    with pytest.raises(ValueError, match="Interpolation mode 'box' is unsupported with Tensor input"):
        _C._vision_transforms.resize(w, [5, 6], "box", False)


@pytest.mark.parametrize("dtype", DTYPES)
def test_sharpness_solarize_autocontrast(dtype):
    arr = image(batch=(2,))
    arr[1, 1] = 7  # a constant channel: autocontrast leaves it alone
    w, t = pair(arr, dtype)
    thr = 100 if dtype == "uint8" else 0.4
    check(*call("solarize", w, t, thr))
    check(*call("adjust_sharpness", w, t, 1.7), atol=tol(dtype))
    check(*call("adjust_sharpness", w, t, 0.3), atol=tol(dtype))
    check(*call("autocontrast", w, t), atol=1e-6 if dtype != "uint8" else 0)
    check(*call("adjust_sharpness", w[..., :2, :], t[..., :2, :], 2.0))  # too small: unchanged
    with pytest.raises(TypeError, match="Threshold should be less than bound of img."):
        WF.solarize(w, 300)


def test_posterize_equalize():
    arr = image(batch=(2,))
    arr[0, 2] = 9
    w, t = pair(arr)
    for bits in range(9):
        check(*call("posterize", w, t, bits))
    check(*call("equalize", w, t))
    check(*call("equalize", w[1], t[1]))
    with pytest.raises(ValueError, match="The number if bits should be between 0 and 8. Got 9"):
        WF.posterize(w, 9)
    with pytest.raises(TypeError, match="Only torch.uint8 image tensors are supported, but found wick.float32"):
        WF.equalize(w.float())
    with pytest.raises(TypeError, match="Input image tensor should have 3 or 4 dimensions, but found 2"):
        WF.equalize(w[0, 0])


@pytest.mark.parametrize("fn,args", [("posterize", (3,)), ("solarize", (100,)), ("adjust_sharpness", (1.7,)),
                                     ("autocontrast", ()), ("equalize", ())])
def test_pil_extra_ops(fn, args):
    im = pil()
    check(getattr(WF, fn)(im, *args), getattr(TF, fn)(im, *args))


@pytest.mark.parametrize("name,args", [("RandomPosterize", (3,)), ("RandomSolarize", (100,)),
                                       ("RandomAdjustSharpness", (2,)), ("RandomAutocontrast", ()),
                                       ("RandomEqualize", ()), ("RandomInvert", ())])
def test_random_extra_ops(name, args):
    w, t = pair(image())
    assert repr(getattr(WT, name)(*args, p=0.3)) == repr(getattr(TT, name)(*args, p=0.3))
    for seed in range(4):
        wick.manual_seed(seed)
        torch.manual_seed(seed)
        check(getattr(WT, name)(*args)(w), getattr(TT, name)(*args)(t))


def test_linear_transformation():
    n = 3 * 4 * 4
    m = np.random.RandomState(5).rand(n, n).astype(np.float32)
    mv = np.arange(n, dtype=np.float32) / n
    wl = WT.LinearTransformation(wick.from_numpy(m.copy()), wick.from_numpy(mv.copy()))
    tl = TT.LinearTransformation(torch.from_numpy(m.copy()), torch.from_numpy(mv.copy()))
    w, t = pair(image(h=4, w=4), "float32")
    check(wl(w), tl(t), 1e-4)
    assert repr(wl) == repr(tl)
    with pytest.raises(ValueError, match=r"transformation_matrix should be square. Got \(2, 3\) rectangular matrix."):
        WT.LinearTransformation(wick.zeros(2, 3), wick.zeros(2))
    with pytest.raises(ValueError, match="Input tensor and transformation matrix have incompatible shape."):
        wl(wick.zeros(3, 2, 2))


SP = [[0, 0], [12, 0], [12, 10], [0, 10]]
EP = [[1, 2], [11, 1], [10, 9], [2, 10]]


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("mode", ["NEAREST", "BILINEAR"])
def test_perspective(dtype, mode):
    # the coefficients come from float32 least squares (LAPACK gels) on both sides
    w, t = pair(image(), dtype)
    im = getattr(TF.InterpolationMode, mode)
    a = 1.0 if dtype == "uint8" else 1e-4
    check(*call("perspective", w, t, SP, EP, interpolation=im, fill=[1.0, 2.0, 3.0]), atol=a)
    check(*call("perspective", w, t, SP, EP, interpolation=im), atol=a)
    np.testing.assert_allclose(WF._get_perspective_coeffs(SP, EP), TF._get_perspective_coeffs(SP, EP), atol=1e-6)


def test_perspective_pil_and_random():
    im = pil()
    check(WF.perspective(im, SP, EP), TF.perspective(im, SP, EP))
    w, t = pair(image(), "float32")
    assert repr(WT.RandomPerspective(0.3, 0.7)) == repr(TT.RandomPerspective(0.3, 0.7))
    for seed in range(4):
        wick.manual_seed(seed)
        torch.manual_seed(seed)
        check(WT.RandomPerspective()(w), TT.RandomPerspective()(t), 1e-4)
        assert wick.rand(1).item() == torch.rand(1).item()


def test_elastic_transform():
    w, t = pair(image(h=48, w=50), "float32")
    for seed in range(3):
        for args in [(), (20.0, 2.0), ([10.0, 30.0], [1.0, 3.0], TF.InterpolationMode.NEAREST, 5)]:
            wa = tuple(getattr(WF.InterpolationMode, x.name) if isinstance(x, TF.InterpolationMode) else x
                       for x in args)
            wick.manual_seed(seed)
            torch.manual_seed(seed)
            check(WT.ElasticTransform(*wa)(w), TT.ElasticTransform(*args)(t), 1e-4)
    assert repr(WT.ElasticTransform()) == repr(TT.ElasticTransform())
    d = np.random.RandomState(1).rand(1, 48, 50, 2).astype(np.float32) * 0.1
    im = pil(h=48, w=50)
    check(WF.elastic_transform(im, wick.from_numpy(d.copy())), TF.elastic_transform(im, torch.from_numpy(d.copy())))
    wu, tu = pair(image(h=48, w=50))
    check(WF.elastic_transform(wu, wick.from_numpy(d.copy()), fill=[3.0]),
          TF.elastic_transform(tu, torch.from_numpy(d.copy()), fill=[3.0]), 1.0)
    with pytest.raises(ValueError, match=r"Argument displacement shape should be \(1, 48, 50, 2\), but given "
                                         r"wick.Size\(\[1, 2, 2, 2\]\)"):
        WF.elastic_transform(wu, wick.zeros(1, 2, 2, 2))
    with pytest.raises(TypeError, match="alpha should be float or a sequence of floats. Got <class 'int'>"):
        WT.ElasticTransform(alpha=3)


@pytest.mark.parametrize("make", [
    lambda m: m.RandAugment(),
    lambda m: m.RandAugment(3, 5, 11, fill=[1, 2, 3]),
    lambda m: m.TrivialAugmentWide(),
    lambda m: m.TrivialAugmentWide(15, fill=7),
])
def test_rand_and_trivial_augment_seeded(make):
    # nearest (the default) keeps uint8 exact; bilinear's one-grey-level differences could be
    # amplified by a following Equalize / AutoContrast
    w, t = pair(image(h=20, w=24))
    assert repr(make(WT)) == repr(make(TT))
    for seed in range(25):
        wick.manual_seed(seed)
        torch.manual_seed(seed)
        check(make(WT)(w), make(TT)(t))
        assert wick.rand(1).item() == torch.rand(1).item()
    im = pil(h=20, w=24)
    for seed in range(5):
        wick.manual_seed(seed)
        torch.manual_seed(seed)
        check(make(WT)(im), make(TT)(im))


@pytest.mark.skipif(not __import__("os").path.exists("/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz"),
                    reason="Debian's dataset-fashion-mnist is not installed")
def test_fashion_mnist_with_transforms_and_loader():
    from wick.vision import datasets
    tw = WT.Compose([WT.ToTensor(), WT.Normalize((0.5,), (0.5,))])
    tt = TT.Compose([TT.ToTensor(), TT.Normalize((0.5,), (0.5,))])
    w = datasets.FashionMNIST(train=False, transform=tw)
    image, label = w[0]
    raw = np.asarray(datasets.FashionMNIST(train=False)[0][0])  # the PIL image's pixels
    check(image, tt(Image.fromarray(raw)), 1e-6)
    assert label == 9
    loader = wick.utils.data.DataLoader(w, batch_size=4)
    x, y = next(iter(loader))
    assert tuple(x.shape) == (4, 1, 28, 28) and x.dtype == wick.float32 and y.tolist()[0] == 9
