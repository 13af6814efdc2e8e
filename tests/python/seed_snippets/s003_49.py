# Seed notes 003, "in-place on a leaf" (../shared/seeds/003_634d69dd616b2170.txt).
a = torch.tensor([10., 5., 2., 3.], requires_grad=True)
a.add_(10.) # 或者 a += 10.
# RuntimeError: a leaf Variable that requires grad is being used in an in-place operation.
