# Seed notes 003, "特征提取": FeatureExtracter.
# Context the block assumes (imports):
from typing import Callable, Dict, Iterable
from torch import nn, Tensor
class Model(nn.Module):
    def __init__(self):
        super(Model, self).__init__()
        self.conv1 = nn.Conv2d(3, 16, kernel_size=3, stride=1, padding=1)
        self.conv2 = nn.Conv2d(16, 32, kernel_size=3, stride=1, padding=1)
        self.relu = nn.ReLU(inplace=True)

    def forward(self, x):
        x = self.conv1(x)
        x = self.relu(x)
        x = self.conv2(x)
        x = self.relu(x)
        return x
# The block:
class FeatureExtracter(nn.Module):
    def __init__(self, model, layers: Iterable[str]):
        super().__init__()
        self.model = model
        self.layers = layers
        self._features = {layer: torch.empty(0) for layer in layers}

        for layer_id in layers:
            layer = dict([*self.model.named_modules()])[layer_id]
            layer.register_forward_hook(self.save_outputs_hook(layer_id))

    def save_outputs_hook(self, layer_id: str) -> Callable:
        # Callable 用于指定 save_outputs_hook 方法返回的函数的类型,也就是fn是可调用的对象
        def fn(_, __, output):
            self._features[layer_id] = output

        return fn

    def forward(self, x) -> Dict[str, Tensor]:
        _ = self.model(x)
        return self._features


resnet_features = FeatureExtracter(Model(), layers=["conv1", "conv2"])
features = resnet_features(torch.randn(1, 3, 32, 32))
print({name: output.shape for name, output in features.items()})
