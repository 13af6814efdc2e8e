# Seed notes 000, "pytorch自定义层" (../shared/seeds/000_2273d4c66e271ae1.txt). Added: the prints.
import torch
from torch import nn

class CenteredLayer(nn.Module):
    def __init__(self, **kwargs):
        super(CenteredLayer, self).__init__(**kwargs)
    def forward(self, x):
        return x - x.mean()

# 使用的时候跟自定义层的使用方法一样，例如：
layer = CenteredLayer()
y = layer(torch.tensor([1, 2, 3, 4, 5], dtype=torch.float))
# 或者作为更复杂模型的一部分：
net = nn.Sequential(nn.Linear(8, 128), CenteredLayer())
print(y, net)
