# Seed notes 003, ".data and .detach()" (../shared/seeds/003_634d69dd616b2170.txt).
'''以下是.data'''
a = torch.tensor([1, 2, 3.], requires_grad=True)
out = a.sigmoid()
c = out.data  
# 需要注意的是，通过.data “分离”得到的的变量会和原来的变量共用同样的数据，而且新分离得到的张量是不可求导的，c发生了变化，原来的张量也会发生变化
c.zero_()  # 改变c的值，原来的out也会改变
print(c.requires_grad)  # False
print(c)  # tensor([0., 0., 0.])
print(out.requires_grad)  # True
print(out)  # tensor([0., 0., 0.], grad_fn=<SigmoidBackward0>)
out.sum().backward()
print(a.grad)  # tensor([0., 0., 0.])

'''以下是.detach()'''
a = torch.tensor([1, 2, 3.], requires_grad=True)
out = a.sigmoid()
c = out.detach()  
# 需要走注意的是，通过.detach() “分离”得到的的变量会和原来的变量共用同样的数据，而且新分离得到的张量是不可求导的，c发生了变化，原来的张量也会发生变化
c.zero_()  # 改变c的值，原来的out也会改变
print(c.requires_grad)  # False
print(c)  # tensor([0., 0., 0.])
print(out.requires_grad)  # True
print(out)  # tensor([0., 0., 0.], grad_fn=<SigmoidBackward0>)
out.sum().backward()
print(a.grad)  # 运行此处会报错
'''
由于我更改分离之后的变量值c,导致原来的张量out的值也跟着改变了，
这个时候如果依然按照求导规则来求导，由于out已经更改了，所以不会再继续求导了，
而是报错，这样就避免了得出完全牛头不对马嘴的求导结果。
'''
