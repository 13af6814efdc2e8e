"""wick.nn.utils: gradient clipping, parameter/vector conversion, weight and spectral
normalisation, parametrizations."""
from wick.nn.utils.clip_grad import clip_grad_norm_, clip_grad_norm, clip_grad_value_  # noqa: F401
from wick.nn.utils.convert_parameters import parameters_to_vector, vector_to_parameters  # noqa: F401
from wick.nn.utils import rnn  # noqa: F401,E402
from wick.nn.utils.weight_norm import weight_norm, remove_weight_norm  # noqa: F401,E402
from wick.nn.utils.spectral_norm import spectral_norm, remove_spectral_norm  # noqa: F401,E402
from wick.nn.utils import parametrize  # noqa: F401,E402
from wick.nn.utils import parametrizations  # noqa: F401,E402
from wick.nn.utils import fusion  # noqa: F401,E402
from wick.nn.utils.fusion import fuse_conv_bn_eval, fuse_conv_bn_weights  # noqa: F401,E402
