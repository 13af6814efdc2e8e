# Seed notes 003, "ModuleList/Sequential/ModuleDict快速搭建". Added: the prints.
import collections
from torch import nn
'''
Sequential方式
'''
net1 = nn.Sequential(
    nn.Linear(784, 256),
    nn.ReLU(),
    nn.Linear(256, 10)
)

net2 = nn.Sequential(
    collections.OrderedDict([
        ('fc1', nn.Linear(784, 256)),
        ('relu1', nn.ReLU()),
        ('fc2', nn.Linear(256, 10))
    ])
)


'''
ModuleList方式
'''
net3 = nn.ModuleList([nn.Linear(784, 256), nn.ReLU()])
net3.append(nn.Linear(256, 10))


net4 = nn.ModuleDict({
    'linear1': nn.Linear(784, 256),
    'Relu': nn.ReLU(),
    'linear2': nn.Linear(256, 10)
})
net4['output'] = nn.ReLU()
print(net1, net2, net3, net4, sep="\n")
print(list(net2.state_dict()), list(net4.state_dict()))
