"""wick.optim: torch.optim's optimizers. The update math is C++
(wick._C._optim, one call per parameter group)."""
from wick.optim import optimizer  # noqa: F401
from wick.optim import lr_scheduler, swa_utils  # noqa: F401
from wick.optim.adadelta import Adadelta
from wick.optim.adagrad import Adagrad
from wick.optim.adam import Adam, AdamW
from wick.optim.adamax import Adamax
from wick.optim.lbfgs import LBFGS
from wick.optim.nadam import NAdam, RAdam
from wick.optim.optimizer import Optimizer
from wick.optim.rmsprop import RMSprop
from wick.optim.rprop import ASGD, Rprop
from wick.optim.sgd import SGD

__all__ = ["ASGD", "Adadelta", "Adagrad", "Adam", "AdamW", "Adamax", "LBFGS", "NAdam", "Optimizer",
           "RAdam", "RMSprop", "Rprop", "SGD"]
