"""Tensor images ([..., C, H, W], uint8 or float) for wick.vision.transforms.functional.

The work is done by the C++ ops of wick::vision::transforms::functional
(wick._C._vision_transforms); this module keeps the argument checks torchvision
makes in Python, with its messages (dtypes spelled wick.<dtype>).
"""
import warnings

import wick
from wick import _C

_V = _C._vision_transforms


def _assert_image_tensor(img):
    if img.ndim < 2:
        raise TypeError("Tensor is not a torch image.")


def get_dimensions(img):
    _assert_image_tensor(img)
    channels = 1 if img.ndim == 2 else img.shape[-3]
    return [channels, img.shape[-2], img.shape[-1]]


def get_image_size(img):
    _assert_image_tensor(img)
    return [img.shape[-1], img.shape[-2]]


def get_image_num_channels(img):
    _assert_image_tensor(img)
    return 1 if img.ndim == 2 else img.shape[-3]


def convert_image_dtype(image, dtype=wick.float32):
    if image.dtype == dtype:
        return image
    if image.is_floating_point() and not dtype.is_floating_point and (
            (image.dtype == wick.float32 and dtype in (wick.int32, wick.int64))
            or (image.dtype == wick.float64 and dtype == wick.int64)):
        raise RuntimeError(f"The cast from {image.dtype} to {dtype} cannot be performed safely.")
    return _V.convert_image_dtype(image, dtype)


def normalize(tensor, mean, std, inplace=False):
    _assert_image_tensor(tensor)
    if not tensor.is_floating_point():
        raise TypeError(f"Input tensor should be a float tensor. Got {tensor.dtype}.")
    if tensor.ndim < 3:
        raise ValueError("Expected tensor to be a tensor image of size (..., C, H, W). Got "
                         f"tensor.size() = {tensor.size()}")
    dtype = tensor.dtype
    mean_t = wick.as_tensor(mean, dtype=dtype)
    std_t = wick.as_tensor(std, dtype=dtype)
    if bool((std_t == 0).any()):
        raise ValueError(f"std evaluated to zero after conversion to {dtype}, leading to division by zero.")
    if mean_t.ndim <= 1 and std_t.ndim <= 1:
        return _V.normalize(tensor, mean_t.reshape(-1).tolist(), std_t.reshape(-1).tolist(), inplace)
    # mean / std given as tensors of another shape: broadcast them as torchvision does
    if not inplace:
        tensor = tensor.clone()
    return tensor.sub_(mean_t).div_(std_t)


def vflip(img):
    _assert_image_tensor(img)
    return _V.vflip(img)


def hflip(img):
    _assert_image_tensor(img)
    return _V.hflip(img)


def crop(img, top, left, height, width):
    _assert_image_tensor(img)
    return _V.crop(img, int(top), int(left), int(height), int(width))


def _assert_channels(img, permitted):
    c = get_dimensions(img)[0]
    if c not in permitted:
        raise TypeError(f"Input image tensor permitted channel values are {permitted}, but found {c}")


def rgb_to_grayscale(img, num_output_channels=1):
    if img.ndim < 3:
        raise TypeError(f"Input image tensor should have at least 3 dimensions, but found {img.ndim}")
    return _V.rgb_to_grayscale(img, num_output_channels)


def adjust_brightness(img, brightness_factor):
    if brightness_factor < 0:
        raise ValueError(f"brightness_factor ({brightness_factor}) is not non-negative.")
    _assert_image_tensor(img)
    return _V.adjust_brightness(img, float(brightness_factor))


def adjust_contrast(img, contrast_factor):
    if contrast_factor < 0:
        raise ValueError(f"contrast_factor ({contrast_factor}) is not non-negative.")
    _assert_image_tensor(img)
    return _V.adjust_contrast(img, float(contrast_factor))


def adjust_saturation(img, saturation_factor):
    if saturation_factor < 0:
        raise ValueError(f"saturation_factor ({saturation_factor}) is not non-negative.")
    _assert_image_tensor(img)
    return _V.adjust_saturation(img, float(saturation_factor))


def adjust_hue(img, hue_factor):
    if not (-0.5 <= hue_factor <= 0.5):
        raise ValueError(f"hue_factor ({hue_factor}) is not in [-0.5, 0.5].")
    if not isinstance(img, wick.Tensor):
        raise TypeError("Input img should be Tensor image")
    _assert_image_tensor(img)
    return _V.adjust_hue(img, float(hue_factor))


def adjust_gamma(img, gamma, gain=1):
    if not isinstance(img, wick.Tensor):
        raise TypeError("Input img should be a Tensor.")
    _assert_channels(img, [1, 3])
    if gamma < 0:
        raise ValueError("Gamma should be a non-negative real number")
    return _V.adjust_gamma(img, float(gamma), float(gain))


def invert(img):
    _assert_image_tensor(img)
    if img.ndim < 3:
        raise TypeError(f"Input image tensor should have at least 3 dimensions, but found {img.ndim}")
    return _V.invert(img)


def _assert_3d(img):
    if img.ndim < 3:
        raise TypeError(f"Input image tensor should have at least 3 dimensions, but found {img.ndim}")


def posterize(img, bits):
    _assert_image_tensor(img)
    _assert_3d(img)
    if img.dtype != wick.uint8:
        raise TypeError(f"Only torch.uint8 image tensors are supported, but found {img.dtype}")
    return _V.posterize(img, int(bits))


def solarize(img, threshold):
    _assert_image_tensor(img)
    _assert_3d(img)
    return _V.solarize(img, float(threshold))


def adjust_sharpness(img, sharpness_factor):
    if sharpness_factor < 0:
        raise ValueError(f"sharpness_factor ({sharpness_factor}) is not non-negative.")
    _assert_image_tensor(img)
    return _V.adjust_sharpness(img, float(sharpness_factor))


def autocontrast(img):
    _assert_image_tensor(img)
    _assert_3d(img)
    return _V.autocontrast(img)


def equalize(img):
    _assert_image_tensor(img)
    if not 3 <= img.ndim <= 4:
        raise TypeError(f"Input image tensor should have 3 or 4 dimensions, but found {img.ndim}")
    if img.dtype != wick.uint8:
        raise TypeError(f"Only torch.uint8 image tensors are supported, but found {img.dtype}")
    return _V.equalize(img)


def pad(img, padding, fill=0, padding_mode="constant"):
    _assert_image_tensor(img)
    if fill is None:
        fill = 0
    if not isinstance(padding, (int, tuple, list)):
        raise TypeError("Got inappropriate padding arg")
    if not isinstance(fill, (int, float)):
        raise TypeError("Got inappropriate fill arg")
    if not isinstance(padding_mode, str):
        raise TypeError("Got inappropriate padding_mode arg")
    if isinstance(padding, (tuple, list)) and len(padding) not in (1, 2, 4):
        raise ValueError("Padding must be an int or a 1, 2, or 4 element tuple, not a "
                         f"{len(padding)} element tuple")
    if padding_mode not in ("constant", "edge", "reflect", "symmetric"):
        raise ValueError("Padding mode should be either constant, edge, reflect or symmetric")
    padding = [padding] if isinstance(padding, int) else [int(p) for p in padding]
    return _V.pad(img, padding, float(fill), padding_mode)


def resize(img, size, interpolation="bilinear", antialias=None):
    _assert_image_tensor(img)
    if antialias is None:
        antialias = False  # torchvision 0.14's default for tensors
    if antialias and interpolation not in ("bilinear", "bicubic"):
        raise ValueError("Antialias option is supported for bilinear and bicubic interpolation modes only")
    if interpolation not in ("nearest", "bilinear", "bicubic"):  # interpolate's message, as torchvision
        raise NotImplementedError(
            f"Input Error: Only 3D, 4D and 5D input Tensors supported (got {max(img.ndim, 4)}D) for the modes: "
            f"nearest | linear | bilinear | bicubic | trilinear | area | nearest-exact (got {interpolation})")
    return _V.resize(img, [int(s) for s in size], interpolation, bool(antialias))


def _fill_list(img, fill, interpolation):
    if not isinstance(img, wick.Tensor):
        raise TypeError("Input img should be Tensor")
    _assert_image_tensor(img)
    if fill is not None and not isinstance(fill, (int, float, tuple, list)):
        warnings.warn("Argument fill should be either int, float, tuple or list")
    if interpolation not in ("nearest", "bilinear"):
        raise ValueError(f"Interpolation mode '{interpolation}' is unsupported with Tensor input")
    if fill is None:
        return None
    return [float(f) for f in fill] if isinstance(fill, (tuple, list)) else [float(fill)]


def rotate(img, angle, interpolation="nearest", expand=False, center=None, fill=None):
    fill = _fill_list(img, fill, interpolation)
    center = None if center is None else [float(c) for c in center]
    return _V.rotate(img, float(angle), interpolation, bool(expand), center, fill)


def affine(img, angle, translate, scale, shear, interpolation="nearest", fill=None, center=None):
    fill = _fill_list(img, fill, interpolation)
    center = None if center is None else [float(c) for c in center]
    return _V.affine(img, float(angle), [float(t) for t in translate], float(scale), [float(s) for s in shear],
                     interpolation, fill, center)


def perspective(img, startpoints, endpoints, interpolation="bilinear", fill=None):
    if not isinstance(img, wick.Tensor):
        raise TypeError("Input img should be Tensor.")
    fill = _fill_list(img, fill, interpolation)
    pts = [[[float(v) for v in p] for p in pts] for pts in (startpoints, endpoints)]
    return _V.perspective(img, pts[0], pts[1], interpolation, fill)


def elastic_transform(img, displacement, interpolation="bilinear", fill=None):
    if not isinstance(img, wick.Tensor):
        raise TypeError(f"img should be Tensor. Got {type(img)}")
    fill = _fill_list(img, fill, interpolation)
    return _V.elastic_transform(img, displacement, interpolation, fill)


def gaussian_blur(img, kernel_size, sigma):
    if not isinstance(img, wick.Tensor):
        raise TypeError(f"img should be Tensor. Got {type(img)}")
    _assert_image_tensor(img)
    return _V.gaussian_blur(img, [int(k) for k in kernel_size], [float(s) for s in sigma])


def erase(img, i, j, h, w, v, inplace=False):
    _assert_image_tensor(img)
    return _V.erase(img, int(i), int(j), int(h), int(w), v, bool(inplace))
