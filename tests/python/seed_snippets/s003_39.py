# Seed notes 003, "requires_grad_" (../shared/seeds/003_634d69dd616b2170.txt).
x = torch.tensor(1.).requires_grad_() 
x = torch.tensor(1., requires_grad=True) 
