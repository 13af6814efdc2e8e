# Seed notes 003, "is_leaf" (../shared/seeds/003_634d69dd616b2170.txt).
a = torch.ones([2, 2], requires_grad=True)
print(a.is_leaf)
# True

b = a + 2
print(b.is_leaf)
# False
# 因为 b 不是用户创建的，是通过计算生成的
