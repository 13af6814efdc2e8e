"""wick.optim: torch.optim's optimizers. The update math is C++
(wick._C._optim, one call per parameter group)."""
from wick.optim import optimizer  # noqa: F401
from wick.optim.adagrad import Adagrad
from wick.optim.adam import Adam, AdamW
from wick.optim.adamax import Adamax
from wick.optim.optimizer import Optimizer
from wick.optim.rmsprop import RMSprop
from wick.optim.sgd import SGD

__all__ = ["Adagrad", "Adam", "AdamW", "Adamax", "Optimizer", "RMSprop", "SGD"]
