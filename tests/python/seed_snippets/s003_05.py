# Seed notes 003, "uninitialised constructors" (../shared/seeds/003_634d69dd616b2170.txt).
a = torch.empty(2, 3)
b = torch.FloatTensor(2, 3)
c = torch.IntTensor(2, 3)
