"""wick.vision.transforms: torchvision.transforms (0.14) for wick tensors and PIL images."""
from wick.vision.transforms.transforms import *  # noqa: F401,F403
from wick.vision.transforms.transforms import __all__  # noqa: F401
from wick.vision.transforms import functional  # noqa: F401
from wick.vision.transforms.autoaugment import (AugMix, AutoAugment, AutoAugmentPolicy,  # noqa: F401
                                                RandAugment, TrivialAugmentWide)

__all__ = __all__ + ["AutoAugmentPolicy", "AutoAugment", "RandAugment", "TrivialAugmentWide", "AugMix"]
