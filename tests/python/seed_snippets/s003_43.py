# Seed notes 003, "second derivative without create_graph" (../shared/seeds/003_634d69dd616b2170.txt).
# Context the notes define in earlier blocks:
x = torch.tensor(2.).requires_grad_()
y = torch.tensor(3.).requires_grad_()
z = x * x * y
grad_x = torch.autograd.grad(outputs=z, inputs=x, retain_graph=True)
grad_xx = torch.autograd.grad(outputs=grad_x, inputs=x)
