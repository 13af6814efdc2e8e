# Seed notes 003, "second derivatives through backward" (../shared/seeds/003_634d69dd616b2170.txt).
x = torch.tensor(2.).requires_grad_()
y = torch.tensor(3.).requires_grad_()

z = x * x * y

"""先autograd后backward"""
grad_x = torch.autograd.grad(outputs=z, inputs=x, create_graph=True)
grad_x[0].backward()
print(x.grad)

"""先backward后autograd"""
z.backward(create_graph=True)
grad_xx = torch.autograd.grad(outputs=x.grad, inputs=x)
print(grad_xx[0])

"""两次backward"""
z.backward(create_graph=True)
x.grad.data.zero_()  # 如果没有这一句梯度清零，两次backward得到的是梯度累加的结果也就是12+6=18
x.grad.backward()
print(x.grad)  # tensor(6., grad_fn=<CopyBackwards>)
