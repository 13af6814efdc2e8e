"""wick.utils.hooks: the handle that register_hook methods return."""
from wick._C._autograd import RemovableHandle  # noqa: F401
