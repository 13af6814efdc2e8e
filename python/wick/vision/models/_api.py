"""torchvision.models' model registry: list_models, get_model, get_model_builder,
get_model_weights, get_weight (over the models wick has)."""
import sys

from wick.vision.models import alexnet as _alexnet_builder
from wick.vision.models import densenet as _densenet
from wick.vision.models import mobilenetv2 as _mobilenetv2
from wick.vision.models import resnet as _resnet
from wick.vision.models import squeezenet as _squeezenet
from wick.vision.models import vgg as _vgg

__all__ = ["list_models", "get_model", "get_model_builder", "get_model_weights", "get_weight"]


def _registry():
    alexnet_mod = sys.modules["wick.vision.models.alexnet"]
    reg = {"alexnet": (_alexnet_builder, alexnet_mod.AlexNet_Weights)}
    for mod, names in ((_vgg, ["vgg11", "vgg11_bn", "vgg13", "vgg13_bn", "vgg16", "vgg16_bn",
                               "vgg19", "vgg19_bn"]),
                       (_resnet, ["resnet18", "resnet34", "resnet50", "resnet101", "resnet152",
                                  "resnext50_32x4d", "resnext101_32x8d", "resnext101_64x4d",
                                  "wide_resnet50_2", "wide_resnet101_2"]),
                       (_mobilenetv2, ["mobilenet_v2"]),
                       (_squeezenet, ["squeezenet1_0", "squeezenet1_1"]),
                       (_densenet, ["densenet121", "densenet161", "densenet169", "densenet201"])):
        # ResNeXt50_32X4D_Weights -> resnext5032x4d, matching resnext50_32x4d without "_".
        enums = {e.__name__.lower().replace("_weights", "").replace("_", ""): e for e in
                 (getattr(mod, n) for n in mod.__all__ if n.endswith("_Weights"))}
        for name in names:
            enum = enums[name.replace("_", "")]
            reg[name] = (getattr(mod, name), enum)
    return reg


_MODELS = None


def _models():
    global _MODELS
    if _MODELS is None:
        _MODELS = _registry()
    return _MODELS


def list_models(module=None):
    """The names of the registered builders (of `module` only, when given), sorted."""
    names = []
    for name, (fn, _) in _models().items():
        if module is None or fn.__module__.startswith(module.__name__):
            names.append(name)
    return sorted(names)


def get_model_builder(name):
    name = name.lower()
    try:
        return _models()[name][0]
    except KeyError:
        raise ValueError(f"Unknown model {name}") from None


def get_model(name, **config):
    """get_model("resnet18", num_classes=10, weights=None): the builder called with config."""
    return get_model_builder(name)(**config)


def get_model_weights(name):
    if callable(name):
        for fn, enum in _models().values():
            if fn is name:
                return enum
        raise ValueError(f"Unknown model {name}")
    name = name.lower()
    if name not in _models():
        raise ValueError(f"Unknown model {name}")
    return _models()[name][1]


def get_weight(name):
    """get_weight("ResNet50_Weights.IMAGENET1K_V2"): the enum member (wick never downloads it)."""
    try:
        enum_name, value_name = name.split(".")
    except ValueError:
        raise ValueError(f"Invalid weight name provided: '{name}'.") from None
    for _, enum in _models().values():
        if enum is not None and enum.__name__ == enum_name:
            if value_name not in enum.__members__:
                raise ValueError(f"Invalid weight name provided: '{name}'.")
            return enum[value_name]
    raise ValueError(f"The weight enum '{enum_name}' for the specific method couldn't be "
                     "retrieved.")


