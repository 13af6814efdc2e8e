"""wick.nn.functional: torch.nn.functional's functions.

The ops are C++ (wick._C._nn, bound with F's signatures); the
_functional_<area>.py files hold what is Python by nature (argument
normalisation that PyTorch also does in Python) and nothing that loops over
elements.
"""
from wick._C import _nn

for _name in dir(_nn):
    if not _name.startswith("_"):
        globals()[_name] = getattr(_nn, _name)
del _name

from wick.nn._functional_activation import *  # noqa: E402,F401,F403
from wick.nn._functional_loss import *  # noqa: E402,F401,F403
from wick.nn._functional_conv import *  # noqa: E402,F401,F403
from wick.nn._functional_pool import *  # noqa: E402,F401,F403
from wick.nn._functional_norm import *  # noqa: E402,F401,F403
from wick.nn._functional_rnn import *  # noqa: E402,F401,F403
from wick.nn._functional_attention import *  # noqa: E402,F401,F403
