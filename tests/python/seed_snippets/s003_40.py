# Seed notes 003, "backward" (../shared/seeds/003_634d69dd616b2170.txt).
x = torch.tensor(2., requires_grad=True)

a = torch.add(x, 1)
b = torch.add(x, 2)
y = torch.mul(a, b)

y.backward()

print("requires_grad: ", x.requires_grad, a.requires_grad, b.requires_grad, y.requires_grad)
print("is_leaf: ", x.is_leaf, a.is_leaf, b.is_leaf, y.is_leaf)
print("grad: ", x.grad, a.grad, b.grad, y.grad)
'''
requires_grad:  True True True True
is_leaf:  True False False False
grad:  tensor(7.) None None None
'''
