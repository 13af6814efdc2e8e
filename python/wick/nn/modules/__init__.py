"""wick.nn.modules: the layer classes, laid out as torch.nn.modules."""
from wick.nn.modules.module import Module  # noqa: F401
from wick.nn.modules.container import (  # noqa: F401
    Container, Sequential, ModuleList, ModuleDict, ParameterList, ParameterDict,
)
from wick.nn.modules.linear import Identity, Linear, Bilinear, LazyLinear  # noqa: F401
from wick.nn.modules.conv import (  # noqa: F401
    Conv1d, Conv2d, Conv3d, ConvTranspose1d, ConvTranspose2d, ConvTranspose3d,
)
from wick.nn.modules.activation import *  # noqa: F401,F403
from wick.nn.modules.loss import *  # noqa: F401,F403
from wick.nn.modules.pooling import *  # noqa: F401,F403
from wick.nn.modules.batchnorm import BatchNorm1d, BatchNorm2d, BatchNorm3d, SyncBatchNorm  # noqa: F401
from wick.nn.modules.instancenorm import InstanceNorm1d, InstanceNorm2d, InstanceNorm3d  # noqa: F401
from wick.nn.modules.normalization import (  # noqa: F401
    LocalResponseNorm, CrossMapLRN2d, LayerNorm, GroupNorm, RMSNorm,
)
from wick.nn.modules.dropout import *  # noqa: F401,F403
from wick.nn.modules.padding import *  # noqa: F401,F403
from wick.nn.modules.sparse import Embedding, EmbeddingBag  # noqa: F401
from wick.nn.modules.flatten import Flatten, Unflatten  # noqa: F401
from wick.nn.modules.pixelshuffle import PixelShuffle, PixelUnshuffle  # noqa: F401
from wick.nn.modules.upsampling import Upsample, UpsamplingNearest2d, UpsamplingBilinear2d  # noqa: F401
from wick.nn.modules.distance import PairwiseDistance, CosineSimilarity  # noqa: F401
from wick.nn.modules.fold import Fold, Unfold  # noqa: F401
from wick.nn.modules.channelshuffle import ChannelShuffle  # noqa: F401
from wick.nn.modules.rnn import *  # noqa: F401,F403
from wick.nn.modules.transformer import *  # noqa: F401,F403
from wick.nn.parallel.data_parallel import DataParallel  # noqa: F401

# Classes print as torch's do: <class 'wick.nn.modules.linear.Linear'>.
for _name, _obj in list(globals().items()):
    if isinstance(_obj, type) and issubclass(_obj, Module) and _obj.__module__.startswith("wick"):
        _obj.__qualname__ = _obj.__name__ if "<locals>" in _obj.__qualname__ else _obj.__qualname__
del _name, _obj

__all__ = sorted(_n for _n, _o in globals().items()
                 if isinstance(_o, type) and issubclass(_o, Module) and not _n.startswith("_"))
