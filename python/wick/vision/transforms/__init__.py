"""wick.vision.transforms: torchvision.transforms (0.14) for wick tensors and PIL images."""
from wick.vision.transforms.transforms import *  # noqa: F401,F403
from wick.vision.transforms.transforms import __all__  # noqa: F401
from wick.vision.transforms import functional  # noqa: F401
from wick.vision.transforms.autoaugment import RandAugment, TrivialAugmentWide  # noqa: F401

__all__ = __all__ + ["RandAugment", "TrivialAugmentWide"]
