# Regenerates indexing_test_data.h (fixed cases), indexing_random_data.h (random
# index lists, get and set) and index_random_ops.h (random gather/scatter/index_*
# cases): PyTorch's results for tensor/indexing_test.cpp and ops/index_test.cpp.
# Deterministic (seeded). Run with Debian's interpreter:
#   /usr/bin/python3 tests/cpp/tensor/gen_indexing_data.py
# Inputs are built the same way in the C++ tests (arange, fixed index lists).
# Where PyTorch 1.13 differs from 2.x (a bool mask followed by more indices),
# the expected value is written out by hand below, following 2.x / numpy.
import os
import torch

L = torch.tensor
x = torch.arange(24).reshape(2, 3, 4)
xf = torch.arange(24, dtype=torch.float64).reshape(2, 3, 4)
m23 = L([[True, False, True], [False, True, True]])
m3 = L([True, False, True])
i3 = L([3, 0, 1])
ia = L([0, 1, 1]); ib = L([3, 2, 0])
ic = L([[0], [2]]); idd = L([1, 3])

data = {}
def put(name, t):
    data[name] = t

# ---- get ----
put('g_int', x[1])
put('g_int2', x[-1, 2])
put('g_slice', x[:, 1:3])
put('g_step', x[..., ::2])
put('g_slice_neg', x[:, -2:, 1:-1])
put('g_none', x[None, 0, ..., None])
put('g_mixed', x[1:, None, ..., i3])
put('g_sep', x[ia, :, ib])
put('g_sep_none', x[ia, None, L([2, 1, 0])])
put('g_adj_bcast', x[:, ic, idd])
put('g_mask', x[m23])
put('g_mask_dim1', x[:, m3])
put('g_mask_full', x[x % 5 == 0])
put('g_true', x[True])
put('g_false', x[False])
put('g_int_true', x[0, True])
put('g_t0', x[L(1)])
put('g_t0_bool', x[L(True)])
put('g_neg_tensor', x[L([-1, -2])])
put('g_2d_index', x[L([[0, 1], [1, 0]])])
put('g_int_between', x[ia, 1, ib])
put('g_tensor_int', x[ia, :, 1])
put('g_tensor_slice_tensor', x[1:, ia, None, ib])
put('g_three', x[L([0, 1]), L([2, 0]), L([3, 1])])
put('g_ell_tensor', x[..., L([0, 3])])
put('g_uint8', x[L([1, 0], dtype=torch.uint8)])
# numpy / PyTorch 2.x: the mask covers dims 0-1, the slice applies to dim 2.
put('g_mask_then_slice', torch.stack([x[0, 0, 1:], x[0, 2, 1:], x[1, 1, 1:], x[1, 2, 1:]]))
# ---- set ----
def s(f):
    y = torch.zeros(2, 3, 4, dtype=torch.float64); f(y); return y
put('s_int', s(lambda y: y.__setitem__(1, 5.)))
put('s_slice_bcast', s(lambda y: y.__setitem__((slice(None), slice(1, 3)), torch.arange(8.).reshape(2, 1, 4))))
put('s_sep', s(lambda y: y.__setitem__((ia, slice(None), ib), torch.arange(9., dtype=torch.float64).reshape(3, 3))))
put('s_mask_scalar', s(lambda y: y.__setitem__(m23, 7.)))
put('s_mask_rows', s(lambda y: y.__setitem__(m23, torch.arange(16., dtype=torch.float64).reshape(4, 4))))
put('s_lead1', s(lambda y: y.__setitem__(0, torch.arange(4.).reshape(1, 1, 4))))
put('s_none_int_tensor', s(lambda y: y.__setitem__((None, 1, Ellipsis, L([0, 3])), L([1., 2.], dtype=torch.float64))))
put('s_acc', s(lambda y: y.index_put_((L([0, 0, 1]), L([1, 1, 2])), torch.arange(12., dtype=torch.float64).reshape(3, 4), accumulate=True)))
put('s_noacc_bcast', s(lambda y: torch.ops.aten.index_put_(y, [L([0, 1]), None, L([3])], L([1., 2., 3.], dtype=torch.float64))))
put('s_slice_step', s(lambda y: y.__setitem__((Ellipsis, slice(None, None, 3)), -1.)))

# ---- ops ----
A = torch.arange(12, dtype=torch.float64).reshape(3, 4)
At = torch.arange(12, dtype=torch.float64).reshape(4, 3).t()   # non-contiguous 3x4
gi = L([[2, 0, 1, 1], [0, 0, 2, 1]])
put('gather0', A.gather(0, gi))
put('gather1', A.gather(1, L([[3, 0], [1, 1], [2, 0]])))
put('gather_t', At.gather(1, L([[3, 0], [1, 1], [2, 0]])))
put('gather_neg_dim', A.gather(-1, L([[1], [3], [0]])))
put('gather_bcast_idx', A.gather(0, L([[2, 1, 0, 1]]).expand(2, 4)))
Z = torch.zeros(3, 4, dtype=torch.float64)
si = L([[0, 1, 2, 0], [2, 0, 0, 1]])
src = torch.arange(1., 9., dtype=torch.float64).reshape(2, 4)
put('scatter_src', Z.scatter(0, si, src))
put('scatter_value', Z.scatter(1, L([[0, 3], [1, 1], [2, 0]]), 2.5))
put('scatter_add_red', A.scatter(0, si, src, reduce='add'))
put('scatter_mul_red', A.scatter(0, si, src, reduce='multiply'))
put('scatter_value_mul', A.scatter(1, L([[0, 3], [1, 1], [2, 0]]), 2., reduce='multiply'))
put('scatter_add', A.scatter_add(0, si, src))
put('scatter_add_t', At.scatter_add(1, L([[0, 0], [3, 1], [2, 2]]), torch.arange(6., dtype=torch.float64).reshape(3, 2)))
sr_src = L([[5., -1., 7., 2.], [3., 9., -4., 0.5]], dtype=torch.float64)
for red in ['sum', 'prod', 'mean', 'amax', 'amin']:
    for inc in [True, False]:
        put(f'sr_{red}_{int(inc)}', A.scatter_reduce(0, si, sr_src, red, include_self=inc))
Ai = torch.arange(-6, 6).reshape(3, 4)
put('sr_int_mean_1', Ai.scatter_reduce(0, si, L([[5, -1, 7, 2], [3, 9, -4, 1]]), 'mean'))
put('sr_int_mean_0', Ai.scatter_reduce(0, si, L([[5, -1, 7, 2], [3, 9, -4, 1]]), 'mean', include_self=False))
put('isel0', A.index_select(0, L([2, 0, 2])))
put('isel1', A.index_select(1, L([3, 1])))
put('isel_t', At.index_select(1, L([3, 1, 0])))
put('isel_3d', xf.index_select(1, L([2, 2, 0, 1])))
put('iadd', A.index_add(0, L([2, 0, 2]), torch.arange(12., dtype=torch.float64).reshape(3, 4), alpha=2.5))
put('iadd1', A.index_add(1, L([1, 1]), torch.ones(3, 2, dtype=torch.float64)))
put('icopy', A.index_copy(1, L([3, 0]), -torch.arange(6., dtype=torch.float64).reshape(3, 2)))
put('ifill', A.index_fill(1, L([-1, 0]), -2.))
put('msel', A.masked_select(L([True, False, True, True])))
put('mfill', A.masked_fill(L([[True], [False], [True]]), 9.))
put('mfill_bcast', torch.arange(4, dtype=torch.float64).masked_fill(L([[True, False, False, True], [False, True, False, False]]), -1.))
put('mscatter', A.masked_scatter(L([[True, False, True, False], [False, False, False, True], [True, True, False, False]]), torch.arange(100., 110., dtype=torch.float64)))
nzin = L([[[0, 1], [2, 0]], [[0, 0], [3, 4]]])
put('nonzero', nzin.nonzero())
put('take', A.take(L([[0, 11], [-1, 5]])))
put('take_t', At.take(L([1, 4, -2])))
put('put', A.put(L([0, 11, -1]), L([-1., -2., -3.], dtype=torch.float64), accumulate=True))
put('put_t', At.put(L([1, 4]), L([50., 60.], dtype=torch.float64)))

out = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'indexing_test_data.h')
def fmt(v):
    v = float(v)
    return repr(v) if v == v else 'NAN'
with open(out, 'w') as f:
    f.write('#pragma once\n')
    f.write('// Generated by gen_indexing_data.py from PyTorch %s. Do not edit.\n' % torch.__version__)
    f.write('#include <cstdint>\n#include <vector>\n\nnamespace indexing_data {\n')
    f.write('struct Case { std::vector<int64_t> shape; std::vector<double> values; };\n')
    for k, t in data.items():
        vals = ', '.join(fmt(v) for v in t.flatten().tolist())
        shape = ', '.join(str(s) for s in t.shape)
        f.write(f'inline const Case {k}{{{{{shape}}}, {{{vals}}}}};\n')
    f.write('}  // namespace indexing_data\n')
print('wrote', out, len(data), 'cases')

# ---- random index lists (indexing_random_data.h) ----
# x = arange(60).reshape(3, 4, 5). Each case: an index list encoded as text
# (parsed by indexing_test.cpp), PyTorch's x[idx] (or its error), and
# y[idx] = -1 for y = zeros(3, 4, 5) (or its error).
import random
rng = random.Random(1234)
X = torch.arange(60).reshape(3, 4, 5)

def rand_item(dim_size):
    k = rng.random()
    if dim_size is None:  # past the last dim: only dimless items
        return rng.choice(['N', 'b'])
    if k < 0.2:
        return 'i'
    if k < 0.4:
        return 's'
    if k < 0.5:
        return 'N'
    if k < 0.55:
        return 'b'
    if k < 0.75:
        return 't'
    if k < 0.85:
        return 'm'
    if k < 0.9:
        return 'z'
    return 'E'

def make_case():
    items, objs, enc = [], [], []
    dim = 0
    shape = list(X.shape)
    seen_ell = False
    mask_seen = False
    n = rng.randint(1, 4)
    for _ in range(n):
        size = shape[dim] if dim < len(shape) else None
        kind = rand_item(size)
        if kind == 'E':
            if seen_ell:
                kind = 'N'
            else:
                seen_ell = True
                objs.append(Ellipsis); enc.append('E')
                # skip ahead so later items index the trailing dims
                remaining = n - len(objs)
                dim = max(dim, len(shape) - remaining)
                continue
        if mask_seen:
            break  # PyTorch 1.13 misplaces any index after a 2-d mask; 2.x follows numpy
        if kind == 'i':
            v = rng.randint(-size - (1 if rng.random() < 0.1 else 0), size - 1 + (1 if rng.random() < 0.1 else 0))
            objs.append(v); enc.append(f'i:{v}'); dim += 1
        elif kind == 's':
            def b():
                return None if rng.random() < 0.3 else rng.randint(-size - 1, size + 1)
            st, sp, step = b(), b(), (None if rng.random() < 0.5 else rng.randint(1, 3))
            objs.append(slice(st, sp, step))
            f = lambda v: '_' if v is None else str(v)
            enc.append(f's:{f(st)}:{f(sp)}:{f(step)}'); dim += 1
        elif kind == 'N':
            objs.append(None); enc.append('N')
        elif kind == 'b':
            v = rng.random() < 0.7
            objs.append(v); enc.append(f'b:{int(v)}')
        elif kind == 't':
            shp = rng.choice([[2], [3], [1], [2, 2], [1, 3], [0]])
            num = 1
            for q in shp: num *= q
            hi = size + (1 if rng.random() < 0.08 else 0)
            vals = [rng.randint(-size, hi - 1) for _ in range(num)]
            t = torch.tensor(vals, dtype=torch.long).reshape(shp)
            objs.append(t)
            enc.append('t:' + ','.join(map(str, shp)) + ':' + ','.join(map(str, vals))); dim += 1
        elif kind == 'm':
            nd = 1 if dim + 1 >= len(shape) or rng.random() < 0.5 else 2
            shp = shape[dim:dim + nd]
            if rng.random() < 0.08:
                shp = [shp[0] + 1] + shp[1:]
            num = 1
            for q in shp: num *= q
            vals = [int(rng.random() < 0.5) for _ in range(num)]
            objs.append(torch.tensor(vals, dtype=torch.bool).reshape(shp))
            enc.append('m:' + ','.join(map(str, shp)) + ':' + ','.join(map(str, vals))); dim += nd
            mask_seen = nd == 2
        elif kind == 'z':
            v = rng.randint(-size, size - 1)
            objs.append(torch.tensor(v)); enc.append(f'z:{v}'); dim += 1
    return ';'.join(enc), tuple(objs) if len(objs) != 1 else objs[0]

rcases = []
seen = set()
while len(rcases) < 400:
    spec, idx = make_case()
    if spec in seen:
        continue
    seen.add(spec)
    try:
        r = X[idx]; g = (list(r.shape), [float(v) for v in r.flatten().tolist()], '')
    except Exception as e:
        g = ([], [], str(e))
    y = torch.zeros(3, 4, 5, dtype=torch.float64)
    try:
        y[idx] = -1.0; s_ = ([float(v) for v in y.flatten().tolist()], '')
    except Exception as e:
        s_ = ([], str(e))
    # y[idx] = arange(n).reshape(result shape), when every target is distinct.
    t_ = ([], '')
    if not g[2] and len(set(g[1])) == len(g[1]):
        y = torch.zeros(3, 4, 5, dtype=torch.float64)
        n = 1
        for q in g[0]: n *= q
        y[idx] = torch.arange(n, dtype=torch.float64).reshape(g[0]) + 1
        t_ = ([float(v) for v in y.flatten().tolist()], 'ok')
    rcases.append((spec, g, s_, t_))

def cstr(s):
    return '"' + s.replace('\\', '\\\\').replace('"', '\\"') + '"'
out2 = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'indexing_random_data.h')
with open(out2, 'w') as f:
    f.write('#pragma once\n')
    f.write('// Generated by gen_indexing_data.py from PyTorch %s. Do not edit.\n' % torch.__version__)
    f.write('#include <cstdint>\n#include <vector>\n\nnamespace indexing_random {\n')
    f.write('struct Case {\n  const char* spec;\n  std::vector<int64_t> shape;\n  std::vector<double> values;\n'
            '  const char* error;\n  std::vector<double> set_values;\n  const char* set_error;\n'
            '  std::vector<double> tensor_set_values;  // y[idx] = arange(n) + 1 when targets are distinct\n};\n')
    f.write('inline const std::vector<Case> cases = {\n')
    for spec, g, s_, t_ in rcases:
        f.write('  {%s, {%s}, {%s}, %s, {%s}, %s, {%s}},\n' % (
            cstr(spec), ', '.join(map(str, g[0])), ', '.join(repr(v) for v in g[1]), cstr(g[2]),
            ', '.join(repr(v) for v in s_[0]), cstr(s_[1]), ', '.join(repr(v) for v in t_[0])))
    f.write('};\n}  // namespace indexing_random\n')
nerr = sum(1 for c in rcases if c[1][2])
nset = sum(1 for c in rcases if c[3][1])
print('wrote', out2, len(rcases), 'random cases,', nerr, 'get errors,', nset, 'tensor sets')

# ---- random dim-wise ops (index_random_ops.h) ----
# self = ((arange(60) * 7) % 60 - 30).double() viewed as [3, 4, 5], or its
# permute(2, 0, 1) ([5, 3, 4], non-contiguous); src = arange(60).double() * 0.5 - 7
# reshaped like self (also permuted when self is). Index values are random in range.
base = ((torch.arange(60) * 7) % 60 - 30).double().reshape(3, 4, 5)
srcb = (torch.arange(60).double() * 0.5 - 7).reshape(3, 4, 5)
ocases = []
ops = ['gather', 'scatter', 'scatter_add', 'scatter_value', 'index_select', 'index_add', 'index_copy', 'index_fill'] + \
      [f'sr_{r}_{i}' for r in ['sum', 'prod', 'mean', 'amax', 'amin'] for i in (0, 1)]
for n_ in range(160):
    op = ops[n_ % len(ops)]
    perm = rng.random() < 0.5
    S = base.permute(2, 0, 1) if perm else base
    R = srcb.permute(2, 0, 1) if perm else srcb
    dim = rng.randint(0, 2)
    if op.startswith('index_'):
        k = rng.randint(1, S.shape[dim])
        vals = [rng.randint(0, S.shape[dim] - 1) for _ in range(k)]
        if op == 'index_copy':  # distinct targets (duplicates pick an unspecified winner)
            vals = rng.sample(range(S.shape[dim]), min(k, S.shape[dim]))
        if op == 'index_fill':
            vals = [v - S.shape[dim] if rng.random() < 0.3 else v for v in vals]
        ishape = [len(vals)]
        I = torch.tensor(vals)
        if op == 'index_select':
            r = S.index_select(dim, I)
        elif op == 'index_fill':
            r = S.index_fill(dim, I, -99.)
        else:
            srcshape = list(S.shape); srcshape[dim] = len(vals)
            Rs = R.narrow(dim, 0, len(vals))
            r = S.index_add(dim, I, Rs, alpha=2.) if op == 'index_add' else S.index_copy(dim, I, Rs)
    else:
        ishape = [rng.randint(1, S.shape[d]) for d in range(3)]
        if op == 'gather':
            ishape[dim] = rng.randint(1, 6)
        num = ishape[0] * ishape[1] * ishape[2]
        vals = [rng.randint(0, S.shape[dim] - 1) for _ in range(num)]
        if op == 'scatter':
            # distinct targets along dim within each line (duplicates pick an unspecified winner)
            I = torch.empty(ishape, dtype=torch.long)
            other = [d for d in range(3) if d != dim]
            for p0 in range(ishape[other[0]]):
                for p1 in range(ishape[other[1]]):
                    line = rng.sample(range(S.shape[dim]), ishape[dim])
                    for j, v in enumerate(line):
                        at = [0, 0, 0]; at[other[0]] = p0; at[other[1]] = p1; at[dim] = j
                        I[tuple(at)] = v
            vals = I.flatten().tolist()
        I = torch.tensor(vals).reshape(ishape)
        if op == 'gather':
            r = S.gather(dim, I)
        elif op == 'scatter':
            r = S.scatter(dim, I, R)
        elif op == 'scatter_add':
            r = S.scatter_add(dim, I, R)
        elif op == 'scatter_value':
            r = S.scatter(dim, I, 3.25)
        else:
            _, red, inc = op.split('_')
            r = S.scatter_reduce(dim, I, R, red, include_self=bool(int(inc)))
    ocases.append((op, int(perm), dim, ishape, vals, list(r.shape), r.flatten().tolist()))

out3 = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'index_random_ops.h')
with open(out3, 'w') as f:
    f.write('#pragma once\n')
    f.write('// Generated by gen_indexing_data.py from PyTorch %s. Do not edit.\n' % torch.__version__)
    f.write('#include <cstdint>\n#include <vector>\n\nnamespace index_random_ops {\n')
    f.write('struct Case {\n  const char* op;\n  bool permuted;\n  int64_t dim;\n  std::vector<int64_t> index_shape;\n'
            '  std::vector<int64_t> index;\n  std::vector<int64_t> shape;\n  std::vector<double> values;\n};\n')
    f.write('inline const std::vector<Case> cases = {\n')
    for op, perm, dim, ishape, vals, shp, rv in ocases:
        f.write('  {"%s", %s, %d, {%s}, {%s}, {%s}, {%s}},\n' % (op, 'true' if perm else 'false', dim,
                ', '.join(map(str, ishape)), ', '.join(map(str, vals)), ', '.join(map(str, shp)),
                ', '.join(repr(float(v)) for v in rv)))
    f.write('};\n}  // namespace index_random_ops\n')
print('wrote', out3, len(ocases), 'op cases')

# ---- random accumulating index_put_ (index_put_random.h) ----
# y = zeros(3, 4, 5); y.index_put_(list, arange(n) + 1, accumulate=True) where
# list holds None or int64 index tensors (with repeats) of broadcastable shapes.
pcases = []
while len(pcases) < 80:
    k = rng.randint(1, 3)
    bshape = rng.choice([[2], [3], [1], [2, 3], [3, 1], [4]])
    entries, enc = [], []
    for d in range(k):
        if rng.random() < 0.3:
            entries.append(None); enc.append('N')
            continue
        shp = bshape if rng.random() < 0.7 else ([1] * len(bshape))
        num = 1
        for q in shp: num *= q
        vals = [rng.randint(-X.shape[d], X.shape[d] - 1) for _ in range(num)]
        entries.append(torch.tensor(vals).reshape(shp))
        enc.append('t:' + ','.join(map(str, shp)) + ':' + ','.join(map(str, vals)))
    if all(e is None for e in entries):
        continue
    y = torch.zeros(3, 4, 5, dtype=torch.float64)
    try:
        rshape = list(torch.zeros(3, 4, 5)[tuple(slice(None) if e is None else e for e in entries)].shape)
    except Exception:
        continue
    n = 1
    for q in rshape: n *= q
    torch.ops.aten.index_put_(y, entries, torch.arange(1, n + 1, dtype=torch.float64).reshape(rshape), True)
    pcases.append((';'.join(enc), rshape, y.flatten().tolist()))

out4 = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'index_put_random.h')
with open(out4, 'w') as f:
    f.write('#pragma once\n')
    f.write('// Generated by gen_indexing_data.py from PyTorch %s. Do not edit.\n' % torch.__version__)
    f.write('#include <cstdint>\n#include <vector>\n\nnamespace index_put_random {\n')
    f.write('struct Case {\n  const char* spec;  // ";"-separated: N or t:<shape>:<values>\n'
            '  std::vector<int64_t> value_shape;\n  std::vector<double> values;  // y after the put\n};\n')
    f.write('inline const std::vector<Case> cases = {\n')
    for spec, rshape, vals in pcases:
        f.write('  {%s, {%s}, {%s}},\n' % (cstr(spec), ', '.join(map(str, rshape)), ', '.join(repr(float(v)) for v in vals)))
    f.write('};\n}  // namespace index_put_random\n')
print('wrote', out4, len(pcases), 'accumulate cases')
