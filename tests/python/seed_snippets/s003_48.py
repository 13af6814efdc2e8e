# Seed notes 003, "in-place and _version" (../shared/seeds/003_634d69dd616b2170.txt).
a = torch.tensor([1.0, 3.0], requires_grad=True)
b = a + 2
print(b._version)  # 0

loss = (b * b).mean()
b[0] = 1000.0
print(b._version)  # 1

loss.backward()  
# RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
