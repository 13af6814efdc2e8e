"""Shared pieces of wick.vision.models: the `weights=` / `pretrained=` handling,
torchvision's _make_divisible and Conv2dNormActivation.

wick never downloads: `weights=` takes a local checkpoint (a state_dict saved by
torch.save or wick.save, e.g. one of torchvision's .pth files fetched elsewhere)
or None. torchvision's weight enums and their names raise a clear error.
"""
import enum
import os
import re
import warnings

import wick
from wick import nn

__all__ = ["WeightsEnum", "Conv2dNormActivation"]


class WeightsEnum(enum.Enum):
    """torchvision's weight enums by name only (ResNet18_Weights.IMAGENET1K_V1 ...).

    They exist so code that names them imports; passing one as `weights=` raises
    the no-download error. The value is the name of the file torchvision would
    fetch, so the message can say which file to place locally.
    """

    def __repr__(self):
        return f"{self.__class__.__name__}.{self.name}"

    @property
    def url(self):
        return "https://download.pytorch.org/models/" + self.value


def _weights_enum(name, files, default):
    """Builds a WeightsEnum subclass `name` with members {member: file} and DEFAULT."""
    members = dict(files)
    members["DEFAULT"] = files[default]
    return WeightsEnum(name, members, module=__name__)


_ENUM_NAME = re.compile(r"^(?:[A-Za-z0-9_]+_Weights\.)?(?:[A-Z0-9]+_)*[A-Z0-9]+$")


def _no_download(builder, weights_enum, name):
    member = name.split(".")[-1]
    file = ""
    if weights_enum is not None and member in weights_enum.__members__:
        file = f" (torchvision's file {weights_enum[member].value})"
    return ValueError(
        f"{builder}(weights={name!r}): wick.vision.models does not download weights{file}. "
        f"Fetch the checkpoint elsewhere and pass its local path instead, e.g. "
        f"{builder}(weights='/path/to/{builder}.pth'); weights=None builds a randomly "
        f"initialised model.")


def _densenet_remap(state_dict):
    # torchvision's original DenseNet checkpoints name layers 'norm.1', 'conv.2', ...;
    # today's modules are norm1/conv2 (torchvision renames them the same way on load).
    pattern = re.compile(r"^(.*denselayer\d+\.(?:norm|relu|conv))\.((?:[12])\.(?:weight|bias|running_mean|running_var|num_batches_tracked))$")
    out = type(state_dict)() if isinstance(state_dict, dict) else {}
    for key, value in state_dict.items():
        m = pattern.match(key)
        out[m.group(1) + m.group(2) if m else key] = value
    return out


def _take_weights(builder, weights_enum, weights, kwargs):
    """Resolves `weights=` and the deprecated `pretrained=` keyword of a builder.

    Returns None or a state_dict to load after the model is built.
    """
    if "pretrained" in kwargs:
        pretrained = kwargs.pop("pretrained")
        warnings.warn("The parameter 'pretrained' is deprecated since 0.13 and may be removed "
                      "in the future, please use 'weights' instead.", UserWarning)
        if pretrained:
            enum_name = weights_enum.__name__ if weights_enum is not None else "Weights"
            warnings.warn(
                "Arguments other than a weight enum or `None` for 'weights' are deprecated "
                "since 0.13 and may be removed in the future. The current behavior is "
                f"equivalent to passing `weights={enum_name}.IMAGENET1K_V1`. You can also use "
                f"`weights={enum_name}.DEFAULT` to get the most up-to-date weights.", UserWarning)
            if weights is None:
                weights = (weights_enum.IMAGENET1K_V1 if weights_enum is not None
                           else "IMAGENET1K_V1")
    if weights is None:
        return None
    if isinstance(weights, WeightsEnum):
        raise _no_download(builder, type(weights), f"{type(weights).__name__}.{weights.name}")
    if isinstance(weights, str) and _ENUM_NAME.match(weights) and not os.path.exists(weights):
        raise _no_download(builder, weights_enum, weights)
    if not isinstance(weights, (str, os.PathLike)):
        raise TypeError(f"{builder}(): weights must be None or the path of a local checkpoint "
                        f"(str or os.PathLike), got {type(weights).__name__}")
    state_dict = wick.load(weights, map_location="cpu")
    if not isinstance(state_dict, dict):
        raise TypeError(f"{builder}(): the checkpoint {os.fspath(weights)!r} holds a "
                        f"{type(state_dict).__name__}, expected a state_dict")
    return state_dict


def _overwrite_named_param(kwargs, param, new_value):
    # torchvision's _ovewrite_named_param: a builder's fixed hyper-parameter.
    if param in kwargs:
        if kwargs[param] != new_value:
            raise ValueError(f"The parameter '{param}' expected value {new_value} but got "
                             f"{kwargs[param]} instead.")
    else:
        kwargs[param] = new_value


def _finish(model, state_dict, remap=None):
    if state_dict is not None:
        if remap is not None:
            state_dict = remap(state_dict)
        model.load_state_dict(state_dict)
    return model


def _make_divisible(v, divisor, min_value=None):
    # torchvision's rounding of channel counts (from the TF MobileNet code).
    if min_value is None:
        min_value = divisor
    new_v = max(min_value, int(v + divisor / 2) // divisor * divisor)
    if new_v < 0.9 * v:  # never round down by more than 10%
        new_v += divisor
    return new_v


class Conv2dNormActivation(nn.Sequential):
    """torchvision.ops.Conv2dNormActivation: Conv2d, then norm_layer, then activation_layer."""

    def __init__(self, in_channels, out_channels, kernel_size=3, stride=1, padding=None, groups=1,
                 norm_layer=nn.BatchNorm2d, activation_layer=nn.ReLU, dilation=1, inplace=True,
                 bias=None):
        if padding is None:
            if isinstance(kernel_size, int) and isinstance(dilation, int):
                padding = (kernel_size - 1) // 2 * dilation
            else:
                k = kernel_size if not isinstance(kernel_size, int) else (kernel_size, kernel_size)
                d = dilation if not isinstance(dilation, int) else (dilation,) * len(k)
                padding = tuple((k[i] - 1) // 2 * d[i] for i in range(len(k)))
        if bias is None:
            bias = norm_layer is None
        layers = [nn.Conv2d(in_channels, out_channels, kernel_size, stride, padding,
                            dilation=dilation, groups=groups, bias=bias)]
        if norm_layer is not None:
            layers.append(norm_layer(out_channels))
        if activation_layer is not None:
            params = {} if inplace is None else {"inplace": inplace}
            layers.append(activation_layer(**params))
        super().__init__(*layers)
        self.out_channels = out_channels
