# Seed notes 003, "default tensor type" (../shared/seeds/003_634d69dd616b2170.txt).
# 设置默认tensor，注意参数是字符串
torch.set_default_tensor_type('torch.DoubleTensor')
a = torch.Tensor(2,3)  # 现在a是DoubleTensor,dtype是float64
b = a.float()  # 把a转成FloatTensor，等价于b=a.type(torch.FloatTensor)
