# Seed notes 003, "from numpy" (../shared/seeds/003_634d69dd616b2170.txt).
a = np.array([1, 2, 3, 4])
a_t = torch.from_numpy(a)  # tensor([1, 2, 3, 4], dtype=torch.int32)
