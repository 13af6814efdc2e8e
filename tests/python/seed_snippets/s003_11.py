# Seed notes 003, "expand_as" (../shared/seeds/003_634d69dd616b2170.txt).
a = torch.tensor([[2], [3], [4]])
b = torch.tensor([[2, 2], [3, 3], [5, 5]])
c = a.expand_as(b)
'''
tensor([[2, 2],
        [3, 3],
        [4, 4]])
'''
