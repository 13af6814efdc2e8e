# Seed notes 003, "tensor.new" (../shared/seeds/003_634d69dd616b2170.txt).
a = torch.randn(2, 3)
b = a.new()
b = torch.Tensor.new(a)
