# Seed notes 003, "device selection" (../shared/seeds/003_634d69dd616b2170.txt).
device = torch.device("cuda") if torch.cuda.is_available() else torch.device("cpu")

a = torch.rand([3,3]).to(device)
