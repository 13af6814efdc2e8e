"""wick.backends: what the CPU kernels run on (torch.backends' shape)."""
from wick.backends import cpu  # noqa: F401
