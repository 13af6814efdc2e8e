# Seed notes 003, "梯度裁剪". Added: the clipper is used on a small model.
from torch import nn
def gradient_clipper(model: nn.Module, val: float) -> nn.Module:
    for parameter in model.parameters():
        parameter.register_hook(lambda grad: grad.clamp_(-val, val))
    
    return model
class Scale(nn.Module):
    def __init__(self):
        super().__init__()
        self.w = nn.Parameter(torch.tensor([1.0, -2.0, 3.0]))
    def forward(self, x):
        return (self.w * x).sum()
m = gradient_clipper(Scale(), 0.5)
m(torch.tensor([0.1, -3.0, 2.0])).backward()
print(m.w.grad)
