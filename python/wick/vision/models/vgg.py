"""VGG 11/13/16/19 with and without batch norm (torchvision.models.vgg*)."""
import wick
from wick import nn
from wick.vision.models._utils import _finish, _take_weights, _weights_enum

__all__ = ["VGG", "vgg11", "vgg11_bn", "vgg13", "vgg13_bn", "vgg16", "vgg16_bn", "vgg19",
           "vgg19_bn", "VGG11_Weights", "VGG11_BN_Weights", "VGG13_Weights", "VGG13_BN_Weights",
           "VGG16_Weights", "VGG16_BN_Weights", "VGG19_Weights", "VGG19_BN_Weights"]


class VGG(nn.Module):
    def __init__(self, features, num_classes=1000, init_weights=True, dropout=0.5):
        super().__init__()
        self.features = features
        self.avgpool = nn.AdaptiveAvgPool2d((7, 7))
        self.classifier = nn.Sequential(
            nn.Linear(512 * 7 * 7, 4096),
            nn.ReLU(True),
            nn.Dropout(p=dropout),
            nn.Linear(4096, 4096),
            nn.ReLU(True),
            nn.Dropout(p=dropout),
            nn.Linear(4096, num_classes),
        )
        if init_weights:
            for m in self.modules():
                if isinstance(m, nn.Conv2d):
                    nn.init.kaiming_normal_(m.weight, mode="fan_out", nonlinearity="relu")
                    if m.bias is not None:
                        nn.init.constant_(m.bias, 0)
                elif isinstance(m, nn.BatchNorm2d):
                    nn.init.constant_(m.weight, 1)
                    nn.init.constant_(m.bias, 0)
                elif isinstance(m, nn.Linear):
                    nn.init.normal_(m.weight, 0, 0.01)
                    nn.init.constant_(m.bias, 0)

    def forward(self, x):
        x = self.features(x)
        x = self.avgpool(x)
        x = wick.flatten(x, 1)
        return self.classifier(x)


def make_layers(cfg, batch_norm=False):
    layers = []
    in_channels = 3
    for v in cfg:
        if v == "M":
            layers.append(nn.MaxPool2d(kernel_size=2, stride=2))
        else:
            conv2d = nn.Conv2d(in_channels, v, kernel_size=3, padding=1)
            if batch_norm:
                layers += [conv2d, nn.BatchNorm2d(v), nn.ReLU(inplace=True)]
            else:
                layers += [conv2d, nn.ReLU(inplace=True)]
            in_channels = v
    return nn.Sequential(*layers)


cfgs = {
    "A": [64, "M", 128, "M", 256, 256, "M", 512, 512, "M", 512, 512, "M"],
    "B": [64, 64, "M", 128, 128, "M", 256, 256, "M", 512, 512, "M", 512, 512, "M"],
    "D": [64, 64, "M", 128, 128, "M", 256, 256, 256, "M", 512, 512, 512, "M", 512, 512, 512, "M"],
    "E": [64, 64, "M", 128, 128, "M", 256, 256, 256, 256, "M", 512, 512, 512, 512, "M", 512, 512,
          512, 512, "M"],
}

VGG11_Weights = _weights_enum("VGG11_Weights", {"IMAGENET1K_V1": "vgg11-8a719046.pth"}, "IMAGENET1K_V1")
VGG11_BN_Weights = _weights_enum("VGG11_BN_Weights", {"IMAGENET1K_V1": "vgg11_bn-6002323d.pth"}, "IMAGENET1K_V1")
VGG13_Weights = _weights_enum("VGG13_Weights", {"IMAGENET1K_V1": "vgg13-19584684.pth"}, "IMAGENET1K_V1")
VGG13_BN_Weights = _weights_enum("VGG13_BN_Weights", {"IMAGENET1K_V1": "vgg13_bn-abd245e5.pth"}, "IMAGENET1K_V1")
VGG16_Weights = _weights_enum("VGG16_Weights", {"IMAGENET1K_V1": "vgg16-397923af.pth",
                                                "IMAGENET1K_FEATURES": "vgg16_features-amdegroot-88682ab5.pth"},
                              "IMAGENET1K_V1")
VGG16_BN_Weights = _weights_enum("VGG16_BN_Weights", {"IMAGENET1K_V1": "vgg16_bn-6c64b313.pth"}, "IMAGENET1K_V1")
VGG19_Weights = _weights_enum("VGG19_Weights", {"IMAGENET1K_V1": "vgg19-dcbb9e9d.pth"}, "IMAGENET1K_V1")
VGG19_BN_Weights = _weights_enum("VGG19_BN_Weights", {"IMAGENET1K_V1": "vgg19_bn-c79401a0.pth"}, "IMAGENET1K_V1")


def _vgg(name, enum, cfg, batch_norm, weights, kwargs):
    state_dict = _take_weights(name, enum, weights, kwargs)
    if state_dict is not None:
        kwargs["init_weights"] = False  # as torchvision: no init work when weights are loaded
    return _finish(VGG(make_layers(cfgs[cfg], batch_norm=batch_norm), **kwargs), state_dict)


def vgg11(*, weights=None, progress=True, **kwargs):
    return _vgg("vgg11", VGG11_Weights, "A", False, weights, kwargs)


def vgg11_bn(*, weights=None, progress=True, **kwargs):
    return _vgg("vgg11_bn", VGG11_BN_Weights, "A", True, weights, kwargs)


def vgg13(*, weights=None, progress=True, **kwargs):
    return _vgg("vgg13", VGG13_Weights, "B", False, weights, kwargs)


def vgg13_bn(*, weights=None, progress=True, **kwargs):
    return _vgg("vgg13_bn", VGG13_BN_Weights, "B", True, weights, kwargs)


def vgg16(*, weights=None, progress=True, **kwargs):
    return _vgg("vgg16", VGG16_Weights, "D", False, weights, kwargs)


def vgg16_bn(*, weights=None, progress=True, **kwargs):
    return _vgg("vgg16_bn", VGG16_BN_Weights, "D", True, weights, kwargs)


def vgg19(*, weights=None, progress=True, **kwargs):
    return _vgg("vgg19", VGG19_Weights, "E", False, weights, kwargs)


def vgg19_bn(*, weights=None, progress=True, **kwargs):
    return _vgg("vgg19_bn", VGG19_BN_Weights, "E", True, weights, kwargs)
