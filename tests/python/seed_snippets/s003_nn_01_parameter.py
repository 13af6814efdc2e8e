# Seed notes 003, "nn.Parameter" (../shared/seeds/003_634d69dd616b2170.txt).
# 创建一个形状为(3, 4)的张量
a = torch.randn(3, 4)
print(a.requires_grad)  # 输出False

# 将张量包装成可训练参数
p = torch.nn.Parameter(a)
print(p.requires_grad)  # 输出True
