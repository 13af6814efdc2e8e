# Seed notes 003, "advanced indexing" (../shared/seeds/003_634d69dd616b2170.txt).
x = t.arange(0,27).view(3,3,3)

x[[1, 2], [1, 2], [2, 0]] # x[1,1,2]和x[2,2,0]
x[[2, 1, 0], [0], [1]] # x[2,0,1],x[1,0,1],x[0,0,1]
x[[0, 2], ...] # x[0] 和 x[2]
