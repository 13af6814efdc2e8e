# Seed notes 002, "2.2 Autograd" (../shared/seeds/002_0dfc14d6ea063be1.txt).
x = torch.ones(2, 2, requires_grad=True)
a = torch.randn(2, 2)
a.requires_grad_(True)
print(a.requires_grad)
