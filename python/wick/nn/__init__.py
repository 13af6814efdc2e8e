"""wick.nn: torch.nn's modules, functional and init."""
from wick.nn import functional  # noqa: F401
from wick.nn.parameter import Parameter, UninitializedParameter  # noqa: F401
from wick.nn.modules import *  # noqa: F401,F403
from wick.nn.modules import Module  # noqa: F401
from wick.nn import init  # noqa: F401
from wick.nn import utils  # noqa: F401
from wick.nn import modules  # noqa: F401
from wick.nn import parallel  # noqa: F401,E402
