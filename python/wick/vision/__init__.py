"""wick.vision: torchvision's API over wick's C++ image and dataset code.

    from wick.vision import io, datasets
"""
from wick.vision import io  # noqa: F401
from wick.vision import datasets  # noqa: F401
from wick.vision import utils  # noqa: F401

__all__ = ["io", "datasets"]
