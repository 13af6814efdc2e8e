"""wick.nn.parallel: DataParallel on a machine without accelerators (the
module runs as it is, as PyTorch's does when no GPU is available)."""
from wick.nn.parallel.data_parallel import DataParallel, data_parallel  # noqa: F401
