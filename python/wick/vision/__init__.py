"""wick.vision: torchvision's API over wick's C++ image and dataset code.

    from wick.vision import io, datasets, models, transforms, utils
"""
from wick.vision import io  # noqa: F401
from wick.vision import datasets  # noqa: F401
from wick.vision import models  # noqa: F401
from wick.vision import transforms  # noqa: F401
from wick.vision import utils  # noqa: F401

__all__ = ["io", "datasets", "models", "transforms", "utils"]
