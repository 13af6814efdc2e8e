# Seed notes 003, "torch.numel" (../shared/seeds/003_634d69dd616b2170.txt).
a = torch.randn(3, 4)
print(a)  # 输出张量的值
print(torch.numel(a))  # 输出张量中元素的总数 12
print(a.shape)  # 输出张量的形状
print(a.size())  # 输出张量的形状
print(a.numel())  # 输出张量中元素的总数
