# Seed notes 003, "from a list" (../shared/seeds/003_634d69dd616b2170.txt).
a = torch.tensor([1, 2])  # tensor([1, 2])
