# Seed notes 003, "changing a leaf through .data" (../shared/seeds/003_634d69dd616b2170.txt).
a = torch.tensor([10., 5., 2., 3.], requires_grad=True)
print(a, a.is_leaf, id(a))
# tensor([10.,  5.,  2.,  3.], requires_grad=True) True 2501274822696

a.data.fill_(10.)

"""
或者
a.detach().fill_(10.)
或者
with torch.no_grad():
    a[:] = 10.
print(a, a.is_leaf)
"""

print(a, a.is_leaf, id(a))
# tensor([10., 10., 10., 10.], requires_grad=True) True 2501274822696

loss = (a*a).mean()
loss.backward()
print(a.grad)
# tensor([5., 5., 5., 5.])
