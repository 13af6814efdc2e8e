# Regenerates indexing_test_data.h: PyTorch's results for indexing_test.cpp and
# ops/index_test.cpp on fixed inputs. Run with Debian's interpreter:
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
