# Seed notes 003, "属性的增删改查" add_module. Added: the instance is built and printed.
from torch import nn
class Model(nn.Module):
    def __init__(self):
        super(Model, self).__init__()
        self.add_module("conv", nn.Conv2d(10, 20, 4))
        #self.conv = nn.Conv2d(10, 20, 4)  # 和上面这个增加module的方式等价
m = Model()
print(m, [n for n, _ in m.named_parameters()])
