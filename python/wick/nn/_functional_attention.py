"""wick.nn.functional, the parts PyTorch writes in Python: attention.

scaled_dot_product_attention and multi_head_attention_forward themselves are
C++ (wick._C._nn); here are the mask helpers PyTorch's modules call.
"""
import warnings

from wick import _C

__all__ = ["_canonical_mask", "_none_or_dtype", "_mha_shape_check"]


def _none_or_dtype(input):
    if input is None:
        return None
    if isinstance(input, _C.Tensor):
        return input.dtype
    raise RuntimeError("input to _none_or_dtype() must be None or torch.Tensor")


def _canonical_mask(mask, mask_name, other_type, other_name, target_type, check_other=True):
    """A bool mask becomes 0 / -inf of target_type; a float one passes."""
    if mask is None:
        return None
    _mask_dtype = mask.dtype
    _mask_is_float = _mask_dtype.is_floating_point
    if _mask_dtype != _C.bool and not _mask_is_float:
        raise AssertionError(f"only bool and floating types of {mask_name} are supported")
    if check_other and other_type is not None and _mask_dtype != other_type:
        warnings.warn(f"Support for mismatched {mask_name} and {other_name} "
                      "is deprecated. Use same type for both instead.")
    if not _mask_is_float:
        mask = _C.zeros_like(mask, dtype=target_type).masked_fill_(mask, float("-inf"))
    return mask


def _mha_shape_check(query, key, value, key_padding_mask, attn_mask, num_heads):
    """Whether the input is batched (3-D) or not (2-D); asserts the shapes fit."""
    if query.dim() == 3:
        return True
    if query.dim() == 2:
        return False
    raise AssertionError(f"query should be unbatched 2D or batched 3D tensor but received "
                         f"{query.dim()}-D query tensor")
