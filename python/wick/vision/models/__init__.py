"""wick.vision.models: torchvision.models' classification networks on wick.nn.

Module names, init and outputs follow torchvision 0.14, so torchvision's
state_dicts load strictly and wick.manual_seed(s) builds the same weights as
torch.manual_seed(s). `weights=` is None or a local checkpoint path: wick never
downloads.
"""
from wick.vision.models._utils import WeightsEnum  # noqa: F401
from wick.vision.models.alexnet import *  # noqa: F401,F403
from wick.vision.models.vgg import *  # noqa: F401,F403
from wick.vision.models.resnet import *  # noqa: F401,F403
from wick.vision.models.mobilenetv2 import *  # noqa: F401,F403
from wick.vision.models.squeezenet import *  # noqa: F401,F403
from wick.vision.models.densenet import *  # noqa: F401,F403
from wick.vision.models._api import *  # noqa: F401,F403
