# Seed notes 003, "autograd.Function Mul" (../shared/seeds/003_634d69dd616b2170.txt).
from torch.autograd import Function
class Mul(Function):
    '''
    首先我们自定义的操作类要继承自Function
    然后要实现forward,backward这两个函数
    '''

    @staticmethod
    def forward(ctx, w, x, b):
        ctx.save_for_backward(w, x)  # 表示forward()的结果要存起来，以后给backward()
        output = w * x + b
        return output

    @staticmethod
    def backward(ctx, grad_output):
        '''grad_output是最终object对的forward()输出的导数'''
        # 根据BP算法的推导（链式法则），dloss / dx = (dloss / doutput) * (doutput / dx)
        # dloss / doutput就是输入的参数grad_output
        w, x = ctx.saved_tensors
        grad_w = grad_output * x
        grad_x = grad_output * w
        grad_b = grad_output * 1
        return grad_w, grad_x, grad_b


""" Function的使用利用Function.apply(variable)"""
x = torch.ones(1)
w = torch.randn(1).requires_grad_(True)
b = torch.randn(1).requires_grad_(True)
mul = Mul.apply
out = mul(x,w,b)
out.backward()
print(out.grad_fn)  # <torch.autograd.function.MulBackward object at 0x7ff4b129f310>
print(x.grad, w.grad, b.grad)  # None tensor([1.]) tensor([1.])  
