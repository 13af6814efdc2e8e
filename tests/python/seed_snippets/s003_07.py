# Seed notes 003, "Tensor vs tensor" (../shared/seeds/003_634d69dd616b2170.txt).
# Context the notes define in earlier blocks:
a = torch.rand(2, 3)
"""使用Tensor函数新建tensor是最复杂多变的方式，它既可以接收一个list，
并根据list的数据新建tensor，也能根据指定的形状新建tensor，还能传入其他的tensor"""
print(torch.Tensor([2,3]))  # tensor([2., 3.])
print(torch.Tensor((2,3)))  # tensor([2., 3.])
b = torch.Tensor(a.size())
c = torch.Tensor(b)  # 修改c同时会修改b
