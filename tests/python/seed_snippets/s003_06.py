# Seed notes 003, "other creation functions" (../shared/seeds/003_634d69dd616b2170.txt).
a = torch.full([2, 2], 1)
'''
tensor([[1, 1],
        [1, 1]])
'''
b = torch.arange(10)  # tensor([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
c = torch.zeros(2, 2)  # 全0
d = torch.ones(3,4)  # 全1

e = torch.rand([2,2]) # 0-1之间
'''
tensor([[0.2412, 0.4670],
        [0.1417, 0.1466]])
'''
f = torch.randn([2,3])  # 标准正态分布
g = torch.normal(mean=1,std=0.1,size=[2,3])  # 离散正态分布
'''
tensor([[0.8254, 0.9837, 0.9440],
        [0.9903, 1.1456, 1.0187]])
'''
h = torch.linspace(start=1,end=10,steps=6)
# tensor([ 1.0000,  2.8000,  4.6000,  6.4000,  8.2000, 10.0000])

k = torch.randperm(5)  # tensor([4, 0, 2, 3, 1])

j = torch.eye(3)
