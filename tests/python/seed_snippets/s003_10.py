# Seed notes 003, "expand" (../shared/seeds/003_634d69dd616b2170.txt).
a = torch.tensor([[1],[2],[3]])

b = a.expand(-1,3)
'''
tensor([[1, 1, 1],
        [2, 2, 2],
        [3, 3, 3]])
'''
c = torch.tensor([1,2,3])

d = c.expand(2,-1)
'''
tensor([[1, 2, 3],
        [1, 2, 3]])
'''
