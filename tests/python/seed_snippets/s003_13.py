# Seed notes 003, "reductions with keepdim" (../shared/seeds/003_634d69dd616b2170.txt).
a = torch.ones(3,2)
a.sum(dim=0,keepdim=True)  # tensor([[3., 3.]])
