# Seed notes 003, "hooks": forward, legacy backward and forward pre-hooks.
from torch import nn
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


def forward_hook(module, input, output):
    print('Input shape:',input[0].shape)
    # input参数是一个元组，包含了模型输入的所有张量。
    print('Output shape:', output.shape)


def backward_hook(module, grad_input, grad_output):
    print('Gradient of input:', grad_input)
    print('Gradient of output:', grad_output)


def forward_pre_hook(module, input):
    print('Input shape:', input[0].shape)
    # 在使用register_forward_pre_hook时，input参数是一个元组，包含了模型输入的所有张量。


model = Model()
model.conv1.register_forward_hook(forward_hook)
model.conv2.register_backward_hook(backward_hook)
model.conv1.register_forward_pre_hook(forward_pre_hook)
input = torch.randn(1, 3, 32, 32)
output = model(input)
output.mean().backward()
