# Seed notes 003, "tensor operations" (../shared/seeds/003_634d69dd616b2170.txt).
a = torch.rand(2,3)
print(a.size())  # torch.Size([2, 3])
print(a.numel())  # 6
print(a.shape)  # torch.Size([2, 3])


a = torch.arange(0, 6)
b = a.view(3, -1)  # 修改b中的值，a中的值也跟着改变
"""尽量使用reshape"""
e = torch.arange(0,16).reshape(4,4)


# 创建一个形状为(2,2)的张量
a = torch.ones(2, 2)
b = a.unsqueeze(dim=1)  # torch.Size([2, 1, 2])
c = a.unsqueeze(dim=0)  # torch.Size([1, 2, 2])
# 在原来的张量上增加一个维度
a.unsqueeze_(dim=1)
print(a)
d = a.squeeze()  # 把所有维度为“1”的压缩，或者指定压缩某一维度的1


'''
resize是另一种可用来调整size的方法，但与view不同，它可以修改tensor的大小。
如果新大小超过了原大小，会自动分配新的内存空间，而如果新大小小于原大小，则之前的数据依旧会被保存
'''
b.resize_(1, 3)  # tensor([[0, 1, 2]])
b.resize_(3, 3)
'''
tensor([[0, 1, 2],
        [3, 4, 5],
        [0, 0, 0]])
'''


d = torch.rand(3, 4)
print(d[0:1, :2])
print(d[0, :2])
'''
注意区别：
tensor([[0.5203, 0.2636]])
tensor([0.5203, 0.2636])
'''


a = torch.ones(2, 2)
c = torch.cat((a, a), dim=1)
d = torch.cat((a, a), dim=0)
print(c)
'''
tensor([[1., 1., 1., 1.],
        [1., 1., 1., 1.]])
'''
print(d)
'''
tensor([[1., 1.],
        [1., 1.],
        [1., 1.],
        [1., 1.]])
'''
e, f = torch.chunk(c, chunks=2,dim=0)
print(e)
print(f)
'''
tensor([[1., 1., 1., 1.]])
tensor([[1., 1., 1., 1.]])
'''
