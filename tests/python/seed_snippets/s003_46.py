# Seed notes 003, "vector to scalar" (../shared/seeds/003_634d69dd616b2170.txt).
x = torch.tensor([1., 2.]).requires_grad_()
y = x * x

"""此时要对x求导，需要将y转为标量，对分别求导没有影响的就是求和了"""
y.sum().backward()
print(x.grad)
