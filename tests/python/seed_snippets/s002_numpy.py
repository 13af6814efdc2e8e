# Seed notes 002, "Tensor 和 numpy 的转换" (../shared/seeds/002_0dfc14d6ea063be1.txt);
# the notes write b=b.data.numpy(), meaning the tensor a.
a=torch.tensor([12.0,11],requires_grad=True)
b=a.data.numpy()
