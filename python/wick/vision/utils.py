"""torchvision.utils: make_grid and save_image (C++), draw_bounding_boxes (PIL's
ImageDraw and default font, as torchvision) and draw_segmentation_masks."""
import math
import os
import pathlib
import warnings

import wick
from wick._C import _vision_data as _vd

__all__ = ["make_grid", "save_image", "draw_bounding_boxes", "draw_segmentation_masks"]


def make_grid(tensor, nrow=8, padding=2, normalize=False, value_range=None, scale_each=False, pad_value=0.0,
              **kwargs):
    """Make a grid of images.

    Args:
        tensor (Tensor or list): 4D mini-batch Tensor of shape (B x C x H x W)
            or a list of images all of the same size.
        nrow (int, optional): Number of images displayed in each row of the grid.
        padding (int, optional): amount of padding. Default: ``2``.
        normalize (bool, optional): If True, shift the image to the range (0, 1),
            by the min and max values specified by ``value_range``. Default: ``False``.
        value_range (tuple, optional): tuple (min, max) where min and max are numbers.
        scale_each (bool, optional): If ``True``, scale each image in the batch of
            images separately rather than the (min, max) over all images. Default: ``False``.
        pad_value (float, optional): Value for the padded pixels. Default: ``0``.
    """
    if not isinstance(tensor, wick.Tensor):
        if isinstance(tensor, list):
            for t in tensor:
                if not isinstance(t, wick.Tensor):
                    raise TypeError(f"tensor or list of tensors expected, got a list containing {type(t)}")
        else:
            raise TypeError(f"tensor or list of tensors expected, got {type(tensor)}")
    # Other keyword arguments (the old `range`) are ignored, as by torchvision 0.14.
    if isinstance(tensor, list):
        tensor = wick.stack(tensor, dim=0)
    if normalize is True and value_range is not None and not isinstance(value_range, tuple):
        raise TypeError("value_range has to be a tuple (min, max) if specified. min and max are numbers")
    if value_range is not None:
        value_range = (float(value_range[0]), float(value_range[1]))
    if nrow == 0 and tensor.dim() >= 2:
        batched = tensor.dim() == 4 or tensor.dim() > 4
        if batched and tensor.size(0) != 1:
            raise ZeroDivisionError("float division by zero")
    return _vd.make_grid(tensor, int(nrow), int(padding), bool(normalize is True),
                         value_range if normalize is True else None, bool(scale_each is True), float(pad_value))


def _format_of(fp, format):
    if format is not None:
        return format.lower()
    if isinstance(fp, (str, pathlib.PurePath)):
        ext = os.path.splitext(os.fspath(fp))[1].lower()
        return {".png": "png", ".jpg": "jpeg", ".jpeg": "jpeg"}.get(ext)
    return None


def save_image(tensor, fp, format=None, **kwargs):
    """Save a given Tensor into an image file.

    Args:
        tensor (Tensor or list): Image to be saved. If given a mini-batch tensor,
            saves the tensor as a grid of images by calling ``make_grid``.
        fp (string or file object): A filename or a file object
        format(Optional):  If omitted, the format to use is determined from the filename extension.
            If a file object was used instead of a filename, this parameter should always be used.
        **kwargs: Other arguments are documented in ``make_grid``.

    PNG and JPEG are written by wick's encoders; other formats through PIL, as torchvision.
    """
    grid = make_grid(tensor, **kwargs)
    img = _vd.grid_to_uint8(grid)
    fmt = _format_of(fp, format)
    if fmt in ("png", "jpeg", "jpg") and img.size(0) in (1, 3):  # what wick's encoders take
        from wick.vision import io

        data = io.encode_png(img) if fmt == "png" else io.encode_jpeg(img)
        raw = data.numpy().tobytes()
        if isinstance(fp, (str, pathlib.PurePath)):
            with open(fp, "wb") as f:
                f.write(raw)
        else:
            fp.write(raw)
        return
    from PIL import Image

    Image.fromarray(img.permute(1, 2, 0).numpy()).save(fp, format=format)


def _generate_color_palette(num_objects):
    palette = (2 ** 25 - 1, 2 ** 15 - 1, 2 ** 21 - 1)
    return [tuple((i * p) % 255 for p in palette) for i in range(num_objects)]


def draw_bounding_boxes(image, boxes, labels=None, colors=None, fill=False, width=1, font=None, font_size=None):
    """Draws bounding boxes on a uint8 (C x H x W, C = 1 or 3) image.

    Args:
        boxes (Tensor): Tensor of size (N, 4) containing bounding boxes in (xmin, ymin, xmax, ymax) format.
        labels (List[str]): List containing the labels of bounding boxes.
        colors (color or list of colors, optional): one per box or a single one; default: a palette.
        fill (bool): If `True` fills the bounding box with specified color.
        width (int): Width of bounding box.
        font (str): A filename containing a TrueType font (default: PIL's default font).
        font_size (int): The requested font size in points.
    Returns:
        img (Tensor[C, H, W]): Image Tensor of dtype uint8 with bounding boxes plotted.
    """
    import numpy as np
    from PIL import Image, ImageColor, ImageDraw, ImageFont

    if not isinstance(image, wick.Tensor):
        raise TypeError(f"Tensor expected, got {type(image)}")
    elif image.dtype != wick.uint8:
        raise ValueError(f"Tensor uint8 expected, got {image.dtype}")
    elif image.dim() != 3:
        raise ValueError("Pass individual images, not batches")
    elif image.size(0) not in {1, 3}:
        raise ValueError("Only grayscale and RGB images are supported")
    elif (boxes[:, 0] > boxes[:, 2]).any() or (boxes[:, 1] > boxes[:, 3]).any():
        raise ValueError(
            "Boxes need to be in (xmin, ymin, xmax, ymax) format. Use torchvision.ops.box_convert to convert them")
    num_boxes = boxes.shape[0]
    if num_boxes == 0:
        warnings.warn("boxes doesn't contain any box. No box was drawn")
        return image
    if labels is None:
        labels = [None] * num_boxes
    elif len(labels) != num_boxes:
        raise ValueError(f"Number of boxes ({num_boxes}) and labels ({len(labels)}) mismatch. "
                         "Please specify labels for each box.")
    if colors is None:
        colors = _generate_color_palette(num_boxes)
    elif isinstance(colors, list):
        if len(colors) < num_boxes:
            raise ValueError(f"Number of colors ({len(colors)}) is less than number of boxes ({num_boxes}). ")
    else:
        colors = [colors] * num_boxes
    colors = [(ImageColor.getrgb(c) if isinstance(c, str) else tuple(c)) for c in colors]
    if font is None:
        if font_size is not None:
            warnings.warn("Argument 'font_size' will be ignored since 'font' is not set.")
        txt_font = ImageFont.load_default()
    else:
        txt_font = ImageFont.truetype(font=font, size=font_size or 10)
    if image.size(0) == 1:
        image = wick.tile(image, (3, 1, 1))
    img_to_draw = Image.fromarray(image.permute(1, 2, 0).contiguous().numpy())
    img_boxes = boxes.to(wick.int64).tolist()
    draw = ImageDraw.Draw(img_to_draw, "RGBA") if fill else ImageDraw.Draw(img_to_draw)
    for bbox, color, label in zip(img_boxes, colors, labels):
        if fill:
            draw.rectangle(bbox, width=width, outline=color, fill=color + (100,))
        else:
            draw.rectangle(bbox, width=width, outline=color)
        if label is not None:
            margin = width + 1
            draw.text((bbox[0] + margin, bbox[1] + margin), label, fill=color, font=txt_font)
    return wick.from_numpy(np.array(img_to_draw)).permute(2, 0, 1).to(dtype=wick.uint8)


def draw_segmentation_masks(image, masks, alpha=0.8, colors=None):
    """Draws segmentation masks on a uint8 RGB image.

    Args:
        image (Tensor): Tensor of shape (3, H, W) and dtype uint8.
        masks (Tensor): Tensor of shape (num_masks, H, W) or (H, W) and dtype bool.
        alpha (float): 0 means full transparency, 1 means no transparency.
        colors (color or list of colors, optional): one per mask; default: a palette.
    Returns:
        img (Tensor[C, H, W]): Image Tensor, with segmentation masks drawn on top.
    """
    from PIL import ImageColor

    if not isinstance(image, wick.Tensor):
        raise TypeError(f"The image must be a tensor, got {type(image)}")
    elif image.dtype != wick.uint8:
        raise ValueError(f"The image dtype must be uint8, got {image.dtype}")
    elif image.dim() != 3:
        raise ValueError("Pass individual images, not batches")
    elif image.size()[0] != 3:
        raise ValueError("Pass an RGB image. Other Image formats are not supported")
    if masks.ndim == 2:
        masks = masks[None, :, :]
    if masks.ndim != 3:
        raise ValueError("masks must be of shape (H, W) or (batch_size, H, W)")
    if masks.dtype != wick.bool:
        raise ValueError(f"The masks must be of dtype bool. Got {masks.dtype}")
    if masks.shape[-2:] != image.shape[-2:]:
        raise ValueError("The image and the masks must have the same height and width")
    num_masks = masks.size()[0]
    if colors is not None and num_masks > len(colors):
        raise ValueError(f"There are more masks ({num_masks}) than colors ({len(colors)})")
    if num_masks == 0:
        warnings.warn("masks doesn't contain any mask. No mask was drawn")
        return image
    if colors is None:
        colors = _generate_color_palette(num_masks)
    if not isinstance(colors, list):
        colors = [colors]
    if not isinstance(colors[0], (tuple, str)):
        raise ValueError("colors must be a tuple or a string, or a list thereof")
    if isinstance(colors[0], tuple) and len(colors[0]) != 3:
        raise ValueError("It seems that you passed a tuple of colors instead of a list of colors")
    img_to_draw = image.detach().clone()
    for mask, color in zip(masks, colors):
        if isinstance(color, str):
            color = ImageColor.getrgb(color)
        c = wick.tensor(color, dtype=wick.uint8)
        img_to_draw = wick.where(mask[None], c[:, None, None], img_to_draw)
    out = image * (1 - alpha) + img_to_draw * alpha
    return out.to(wick.uint8)
