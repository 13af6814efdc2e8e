# Seed notes 003, "torch.nn&nn.functional".
from torch import nn
input = torch.randn(2, 3)
model = nn.Linear(3, 4)
output1 = model(input)
output2 = nn.functional.linear(input, model.weight, model.bias)
print(output1 == output2)
b1 = nn.functional.relu(input)
b2 = nn.ReLU()(input)
print(b1 == b2)
