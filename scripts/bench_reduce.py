# PyTorch side of scripts/bench_reduce.cpp: /usr/bin/python3 scripts/bench_reduce.py [threads]
import sys, time, torch
torch.set_num_threads(int(sys.argv[1]) if len(sys.argv) > 1 else 2)
x = torch.rand(4096, 4096)
def best(f, reps=20):
    f(); b = 1e30
    for _ in range(reps):
        t = time.perf_counter(); f(); b = min(b, time.perf_counter() - t)
    return b * 1e3
print('threads=%d' % torch.get_num_threads())
for name, f, reps in [('sum all  ', lambda: x.sum().item(), 20), ('sum dim0 ', lambda: x.sum(0), 20),
                      ('sum dim1 ', lambda: x.sum(1), 20), ('amax dim0', lambda: x.amax(0), 20),
                      ('amax dim1', lambda: x.amax(1), 20), ('argmax d1', lambda: x.argmax(1), 20),
                      ('mean dim1', lambda: x.mean(1), 20), ('var dim1 ', lambda: x.var(1), 5),
                      ('norm all ', lambda: x.norm(), 20), ('sum t d0 ', lambda: x.t().sum(0), 20)]:
    print('%s %.3f ms' % (name, best(f, reps)))
