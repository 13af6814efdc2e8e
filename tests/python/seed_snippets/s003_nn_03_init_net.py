# Seed notes 003, "__init__": the Net example and its member listings.
from torch import nn
class Net(nn.Module):
    def __init__(self):
        super(Net, self).__init__()
        # 等价与self.register_parameter('param1' ,nn.Parameter(t.randn(3, 3)))
        self.param1 = nn.Parameter(torch.rand(3, 3))
        self.submodel1 = nn.Linear(3, 4)
    def forward(self, input):
        x = self.param1.mm(input)
        x = self.submodel1(x)
        return x
net = Net()
print(net)
print(net._modules)
print(net._parameters)
print(net.param1)  # 等价于net._parameter['param1']
for name, param in net.named_parameters():
    print(name, param.size())
for name, submodel in net.named_modules():
    print(name, submodel)
for name,children in net.named_children():
    print(name,children)
