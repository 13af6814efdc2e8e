"""wick.vision.io: torchvision.io's image functions (PNG and JPEG through
Debian's libpng and libjpeg-turbo, in C++). Images are uint8 CHW tensors."""
import os
from enum import Enum

from wick._C import _vision as _v

__all__ = ["ImageReadMode", "read_file", "write_file", "decode_png", "encode_png", "write_png",
           "decode_jpeg", "encode_jpeg", "write_jpeg", "decode_image", "read_image"]


class ImageReadMode(Enum):
    """Support for various modes while reading images.

    ``UNCHANGED`` loads the image as-is, ``GRAY`` converts to grayscale,
    ``GRAY_ALPHA`` to grayscale with transparency, ``RGB`` to RGB and
    ``RGB_ALPHA`` to RGB with transparency.
    """
    UNCHANGED = 0
    GRAY = 1
    GRAY_ALPHA = 2
    RGB = 3
    RGB_ALPHA = 4


def _mode(mode):
    # torchvision takes its Enum; an int (or torchvision's own ImageReadMode) works too.
    return int(getattr(mode, "value", mode))


def read_file(path):
    """Reads the bytes of a file as a one-dimensional uint8 tensor."""
    return _v.read_file(os.fspath(path))


def write_file(filename, data):
    """Writes the contents of a one-dimensional uint8 tensor to a file."""
    _v.write_file(os.fspath(filename), data)


def decode_png(input, mode=ImageReadMode.UNCHANGED):
    """Decodes a PNG image (a 1-D uint8 tensor of its bytes) into a uint8
    tensor [image_channels, image_height, image_width]."""
    return _v.decode_png(input, _mode(mode), False)


def encode_png(input, compression_level=6):
    """Encodes a uint8 CHW image with 1 or 3 channels as PNG bytes (1-D uint8)."""
    return _v.encode_png(input, compression_level)


def write_png(input, filename, compression_level=6):
    """Saves a uint8 CHW image with 1 or 3 channels as a PNG file."""
    write_file(filename, encode_png(input, compression_level))


def decode_jpeg(input, mode=ImageReadMode.UNCHANGED, device="cpu"):
    """Decodes a JPEG image into a uint8 tensor [image_channels, image_height,
    image_width]; mode is UNCHANGED, GRAY or RGB."""
    dev = str(device)
    if dev != "cpu" and not dev.startswith("cpu:"):
        raise RuntimeError(f"decode_jpeg: wick decodes JPEG on the CPU only (no nvjpeg); got device='{dev}'")
    return _v.decode_jpeg(input, _mode(mode))


def encode_jpeg(input, quality=75):
    """Encodes a uint8 CHW image with 1 or 3 channels as JPEG bytes (1-D uint8)."""
    if quality < 1 or quality > 100:
        raise ValueError("Image quality should be a positive number between 1 and 100")
    return _v.encode_jpeg(input, quality)


def write_jpeg(input, filename, quality=75):
    """Saves a uint8 CHW image with 1 or 3 channels as a JPEG file."""
    write_file(filename, encode_jpeg(input, quality))


def decode_image(input, mode=ImageReadMode.UNCHANGED):
    """Decodes a PNG or JPEG image (detected from its first bytes)."""
    return _v.decode_image(input, _mode(mode))


def read_image(path, mode=ImageReadMode.UNCHANGED):
    """Reads a JPEG or PNG file into a uint8 tensor [image_channels, image_height, image_width]."""
    return _v.read_image(os.fspath(path), _mode(mode))


def _read_png_16(path, mode=ImageReadMode.UNCHANGED):
    """torchvision's private 16-bit PNG reader: values in an int32 tensor."""
    return _v.decode_png(read_file(path), _mode(mode), True)
