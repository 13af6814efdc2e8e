# Seed notes 003, "shape constructor" (../shared/seeds/003_634d69dd616b2170.txt).
a = torch.Tensor(2, 3)
