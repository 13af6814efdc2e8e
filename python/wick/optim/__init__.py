"""wick.optim: torch.optim's optimizers. The update math is C++
(wick._C._optim, one call per parameter group)."""
from wick.optim import optimizer  # noqa: F401
from wick.optim.adam import Adam, AdamW
from wick.optim.optimizer import Optimizer
from wick.optim.sgd import SGD

__all__ = ["Adam", "AdamW", "Optimizer", "SGD"]
