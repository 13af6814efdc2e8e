# Seed notes 003, "hook的应用": VerboseExecution.
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


class VerboseExecution(nn.Module):
    def __init__(self, model: nn.Module):
        super().__init__()
        self.model = model
        for name, layer in self.model.named_children():
            layer._name_ = name
            layer.register_forward_hook(
                lambda layer, input, output: print(f"{layer._name_}:{output.shape}")
            )

    def forward(self, x):
        return self.model(x)


model = Model()
verbose_model = VerboseExecution(model)
_ = verbose_model(torch.randn(1, 3, 32, 32))
