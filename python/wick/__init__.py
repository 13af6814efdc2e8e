"""wick: PyTorch's API over a small C++ core. `import wick as torch` works."""
from wick import _C
from wick._C import (  # noqa: F401
    Tensor, Size, dtype, device, Generator,
    bool, uint8, int8, int16, int32, int64, float16, bfloat16, float32, float64,
    is_grad_enabled, is_inference_mode_enabled,
    manual_seed, seed, initial_seed, get_rng_state, set_rng_state,
)

# The other public functions of _C (ops, factories) are wick.<name> as they are.
for _name in dir(_C):
    if not _name.startswith("_") and _name not in globals():
        globals()[_name] = getattr(_C, _name)
del _name
from wick._C import _sample_dirichlet, _standard_gamma  # noqa: E402,F401

# dtype aliases, as torch spells them.
half = float16
float = float32
double = float64
short = int16
int = int32
long = int64
# `bool` above is wick.bool (the dtype) as in torch.



class layout:
    """Memory layouts; wick has the strided one (torch.strided)."""

    def __init__(self, name):
        self._name = name

    def __repr__(self):
        return "wick." + self._name

    def __reduce__(self):
        return self._name


strided = layout("strided")
Tensor.layout = property(lambda self: strided)

from wick import return_types  # noqa: E402,F401
from wick import _tensor  # noqa: E402,F401  (Python-level Tensor methods)
from wick.grad_mode import (  # noqa: E402,F401
    no_grad, enable_grad, set_grad_enabled, inference_mode,
)
from wick import autograd  # noqa: E402,F401
from wick import linalg  # noqa: E402,F401
from wick import cuda  # noqa: E402,F401
from wick import backends  # noqa: E402,F401
from wick import nn  # noqa: E402,F401
from wick import optim  # noqa: E402,F401
from wick.serialization import save, load  # noqa: E402,F401
from wick._legacy import (  # noqa: E402,F401
    FloatTensor, DoubleTensor, HalfTensor, BFloat16Tensor, ByteTensor, CharTensor,
    ShortTensor, IntTensor, LongTensor, BoolTensor,
)
from wick._settings import (  # noqa: E402,F401
    set_default_dtype, get_default_dtype, set_default_tensor_type, set_printoptions,
    is_tensor, is_floating_point, numel, set_num_threads, get_num_threads,
    is_complex, is_signed, get_device, real, index_put_, xlogy_, addmv_, resize_as_,
)

default_generator = _C.default_generator()
__version__ = "0.1.0"
