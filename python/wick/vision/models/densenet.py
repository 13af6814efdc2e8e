"""DenseNet 121/161/169/201 (torchvision.models.densenet*)."""
from collections import OrderedDict

import wick
from wick import nn
from wick.nn import functional as F
from wick.vision.models._utils import _densenet_remap, _finish, _take_weights, _weights_enum

__all__ = ["DenseNet", "densenet121", "densenet161", "densenet169", "densenet201",
           "DenseNet121_Weights", "DenseNet161_Weights", "DenseNet169_Weights",
           "DenseNet201_Weights"]


class _DenseLayer(nn.Module):
    def __init__(self, num_input_features, growth_rate, bn_size, drop_rate,
                 memory_efficient=False):
        super().__init__()
        self.norm1 = nn.BatchNorm2d(num_input_features)
        self.relu1 = nn.ReLU(inplace=True)
        self.conv1 = nn.Conv2d(num_input_features, bn_size * growth_rate, kernel_size=1, stride=1,
                               bias=False)
        self.norm2 = nn.BatchNorm2d(bn_size * growth_rate)
        self.relu2 = nn.ReLU(inplace=True)
        self.conv2 = nn.Conv2d(bn_size * growth_rate, growth_rate, kernel_size=3, stride=1,
                               padding=1, bias=False)
        self.drop_rate = float(drop_rate)
        # Accepted for torchvision's API. torchvision recomputes the bottleneck in
        # backward to save memory (checkpointing); wick keeps it, same results.
        self.memory_efficient = memory_efficient

    def bn_function(self, inputs):
        concated_features = wick.cat(inputs, 1)
        return self.conv1(self.relu1(self.norm1(concated_features)))

    def forward(self, input):
        prev_features = [input] if isinstance(input, wick.Tensor) else input
        bottleneck_output = self.bn_function(prev_features)
        new_features = self.conv2(self.relu2(self.norm2(bottleneck_output)))
        if self.drop_rate > 0:
            new_features = F.dropout(new_features, p=self.drop_rate, training=self.training)
        return new_features


class _DenseBlock(nn.ModuleDict):
    _version = 2

    def __init__(self, num_layers, num_input_features, bn_size, growth_rate, drop_rate,
                 memory_efficient=False):
        super().__init__()
        for i in range(num_layers):
            layer = _DenseLayer(num_input_features + i * growth_rate, growth_rate=growth_rate,
                                bn_size=bn_size, drop_rate=drop_rate,
                                memory_efficient=memory_efficient)
            self.add_module("denselayer%d" % (i + 1), layer)

    def forward(self, init_features):
        features = [init_features]
        for _, layer in self.items():
            features.append(layer(features))
        return wick.cat(features, 1)


class _Transition(nn.Sequential):
    def __init__(self, num_input_features, num_output_features):
        super().__init__()
        self.norm = nn.BatchNorm2d(num_input_features)
        self.relu = nn.ReLU(inplace=True)
        self.conv = nn.Conv2d(num_input_features, num_output_features, kernel_size=1, stride=1,
                              bias=False)
        self.pool = nn.AvgPool2d(kernel_size=2, stride=2)


class DenseNet(nn.Module):
    def __init__(self, growth_rate=32, block_config=(6, 12, 24, 16), num_init_features=64,
                 bn_size=4, drop_rate=0, num_classes=1000, memory_efficient=False):
        super().__init__()
        self.features = nn.Sequential(OrderedDict([
            ("conv0", nn.Conv2d(3, num_init_features, kernel_size=7, stride=2, padding=3,
                                bias=False)),
            ("norm0", nn.BatchNorm2d(num_init_features)),
            ("relu0", nn.ReLU(inplace=True)),
            ("pool0", nn.MaxPool2d(kernel_size=3, stride=2, padding=1)),
        ]))
        num_features = num_init_features
        for i, num_layers in enumerate(block_config):
            block = _DenseBlock(num_layers=num_layers, num_input_features=num_features,
                                bn_size=bn_size, growth_rate=growth_rate, drop_rate=drop_rate,
                                memory_efficient=memory_efficient)
            self.features.add_module("denseblock%d" % (i + 1), block)
            num_features = num_features + num_layers * growth_rate
            if i != len(block_config) - 1:
                trans = _Transition(num_input_features=num_features,
                                    num_output_features=num_features // 2)
                self.features.add_module("transition%d" % (i + 1), trans)
                num_features = num_features // 2
        self.features.add_module("norm5", nn.BatchNorm2d(num_features))
        self.classifier = nn.Linear(num_features, num_classes)
        for m in self.modules():
            if isinstance(m, nn.Conv2d):
                nn.init.kaiming_normal_(m.weight)
            elif isinstance(m, nn.BatchNorm2d):
                nn.init.constant_(m.weight, 1)
                nn.init.constant_(m.bias, 0)
            elif isinstance(m, nn.Linear):
                nn.init.constant_(m.bias, 0)

    def forward(self, x):
        features = self.features(x)
        out = F.relu(features, inplace=True)
        out = F.adaptive_avg_pool2d(out, (1, 1))
        out = wick.flatten(out, 1)
        return self.classifier(out)


_V1 = "IMAGENET1K_V1"
DenseNet121_Weights = _weights_enum("DenseNet121_Weights", {_V1: "densenet121-a639ec97.pth"}, _V1)
DenseNet161_Weights = _weights_enum("DenseNet161_Weights", {_V1: "densenet161-8d451a50.pth"}, _V1)
DenseNet169_Weights = _weights_enum("DenseNet169_Weights", {_V1: "densenet169-b2777c0a.pth"}, _V1)
DenseNet201_Weights = _weights_enum("DenseNet201_Weights", {_V1: "densenet201-c1103571.pth"}, _V1)


def _densenet(name, enum, growth_rate, block_config, num_init_features, weights, kwargs):
    state_dict = _take_weights(name, enum, weights, kwargs)
    model = DenseNet(growth_rate, block_config, num_init_features, **kwargs)
    return _finish(model, state_dict, remap=_densenet_remap)


def densenet121(*, weights=None, progress=True, **kwargs):
    return _densenet("densenet121", DenseNet121_Weights, 32, (6, 12, 24, 16), 64, weights, kwargs)


def densenet161(*, weights=None, progress=True, **kwargs):
    return _densenet("densenet161", DenseNet161_Weights, 48, (6, 12, 36, 24), 96, weights, kwargs)


def densenet169(*, weights=None, progress=True, **kwargs):
    return _densenet("densenet169", DenseNet169_Weights, 32, (6, 12, 32, 32), 64, weights, kwargs)


def densenet201(*, weights=None, progress=True, **kwargs):
    return _densenet("densenet201", DenseNet201_Weights, 32, (6, 12, 48, 32), 64, weights, kwargs)
