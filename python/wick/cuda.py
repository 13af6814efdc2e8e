"""wick.cuda on a build without a usable GPU: nothing is available."""
from wick import _C


def is_available():
    return False


def device_count():
    return 0


def _unavailable(*args, **kwargs):
    raise AssertionError("Torch not compiled with CUDA enabled")


current_device = _unavailable
set_device = _unavailable
synchronize = _unavailable
get_device_name = _unavailable
manual_seed = lambda seed: None  # noqa: E731  (PyTorch silently ignores it without CUDA)
manual_seed_all = lambda seed: None  # noqa: E731
