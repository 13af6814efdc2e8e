# Seed notes 001, "Build Neural Network" (../shared/seeds/001_e6129848e97c48bb.txt).
# Context the blocks leave out: input_size, the model and X.
import torch
from torch import nn
input_size = 28 * 28
class NeuralNetwork(nn.Module):
    def __init__(self):
        super(NeuralNetwork,self).__init__()
        self.flatten = nn.Flatten()
        self.linear_relu_stack = nn.Sequential(
            nn.Linear(input_size, 512),
            nn.ReLU(),
            nn.Linear(512, 512),
            nn.ReLU(),
            nn.Linear(512,10),
            nn.ReLU()
        )
    def forward(self,x):
        x = self.flatten(x)
        logits = self.linear_relu_stack(x)
        return logits
model = NeuralNetwork()
print(model)
X = torch.rand(3, 28, 28)
logits = model(X)
print(nn.Softmax(dim=1)(logits).argmax(1))
for name, param in model.named_parameters():
    print(f"Layer: {name} | Size: {param.size()} | Values : {param[:2]}")
