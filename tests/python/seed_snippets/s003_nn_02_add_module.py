# Seed notes 003, "add_module(name, module)". Added: the instance is built and printed.
from torch import nn
class model(nn.Module):
    def __init__(self):
        super(model, self).__init__()
        self.add_module('conv', nn.Conv2d(2, 3, 3, 1, 1))
        # self.conv = nn.Conv2d(2, 3, 3, 1, 1)  与上等同
print(model())
