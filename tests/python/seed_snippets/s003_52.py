# Seed notes 003, "autograd.Function Sigmoid and gradcheck" (../shared/seeds/003_634d69dd616b2170.txt).
# Context the notes define in earlier blocks:
from torch.autograd import Function
class Sigmoid(Function):
                                                             
    @staticmethod
    def forward(ctx, x): 
        output = 1 / (1 + t.exp(-x))
        ctx.save_for_backward(output)
        return output
        
    @staticmethod
    def backward(ctx, grad_output): 
        output,  = ctx.saved_tensors
        grad_x = output * (1 - output) * grad_output
        return grad_x  
    
x = torch.randn(4, requires_grad=True)
print(torch.autograd.gradcheck(Sigmoid.apply, (x,), eps=1e-3))  # True
print(torch.autograd.gradcheck(torch.sigmoid, (x,), eps=1e-3))  # True
# gradcheck是通过数值法计算梯度值与传入方法计算梯度值进行比对是否正确
