# Regenerates sort_test_data.h: inputs and PyTorch's results for sort_test.cpp.
# Run with Debian's interpreter: /usr/bin/python3 tests/cpp/ops/gen_sort_data.py
import math, os, torch
g = torch.Generator().manual_seed(4321)
def rf(*shape, levels=7):  # floats with many ties
    return torch.randint(-levels, levels + 1, shape, generator=g).double() / 2
def rd(*shape):  # distinct values (a shuffled range)
    n = math.prod(shape)
    return (torch.randperm(n, generator=g).double() * 0.25 - n / 8).reshape(shape)
def ri(lo, hi, *shape):
    return torch.randint(lo, hi, shape, generator=g)

data = {}
def put(name, t):
    data[name] = t.detach().clone()

nan, inf = float('nan'), float('inf')
# ---- sort: ties and NaN, every dim, both directions (PyTorch's CPU sort is stable)
S = rf(3, 4, 5)
S[0, 1, 2] = nan; S[2, 3, 0] = nan; S[1, 0, 4] = inf; S[1, 2, 2] = -inf; S[2, 3, 1] = nan
put('S', S)
for d in range(3):
    for desc in (False, True):
        v, i = torch.sort(S, dim=d, descending=desc, stable=True)
        tag = f'{d}_{"d" if desc else "a"}'
        put(f'sortS_v_{tag}', v); put(f'sortS_i_{tag}', i)
SI = ri(-3, 4, 6, 7); put('SI', SI)
v, i = torch.sort(SI, dim=1, stable=True); put('sortSI_v', v); put('sortSI_i', i)
v, i = torch.sort(SI, dim=0, descending=True, stable=True); put('sortSI_v_d0', v); put('sortSI_i_d0', i)
SB = ri(0, 2, 9); put('SB', SB)
v, i = torch.sort(SB.bool(), stable=True); put('sortSB_i', i)
v, i = torch.sort(SB.bool(), descending=True, stable=True); put('sortSB_i_d', i)
L = rf(2, 300, levels=40); L[0, 17] = nan; L[1, 5] = nan; L[1, 250] = nan; put('L', L)
v, i = torch.sort(L, stable=True); put('sortL_i', i)
v, i = torch.sort(L, descending=True, stable=True); put('sortL_i_d', i)
# long rows take the radix sort: every dtype, NaN of either sign, -0.0
LI = ri(-100, 100, 3, 400); put('LI', LI)
put('sortLI_i', torch.sort(LI, stable=True)[1]); put('sortLI_i_d', torch.sort(LI, descending=True, stable=True)[1])
LH = rf(2, 300); LH[0, 7] = -nan; LH[1, 3] = nan; LH[0, 9] = nan; LH[1, 11] = -0.0; LH[1, 12] = 0.0; LH[1, 13] = -0.0
put('LH', LH)
put('sortLH_i', torch.sort(LH, stable=True)[1]); put('sortLH_i_d', torch.sort(LH, descending=True, stable=True)[1])
# ---- topk / kthvalue / median on distinct values: indices are unique
D = rd(4, 6, 5); put('D', D)
for d in range(3):
    for k in (1, 3):
        v, i = torch.topk(D, k, dim=d); put(f'topkD_v_{d}_{k}', v); put(f'topkD_i_{d}_{k}', i)
        v, i = torch.topk(D, k, dim=d, largest=False); put(f'topkDs_v_{d}_{k}', v); put(f'topkDs_i_{d}_{k}', i)
    v, i = torch.kthvalue(D, 2, dim=d); put(f'kthD_v_{d}', v); put(f'kthD_i_{d}', i)
    v, i = torch.median(D, dim=d); put(f'medD_v_{d}', v); put(f'medD_i_{d}', i)
    put(f'modeD_v_{d}', torch.mode(D, dim=d)[0]); put(f'modeD_i_{d}', torch.mode(D, dim=d)[1])
put('medD_all', torch.median(D)); put('nanmedD_all', torch.nanmedian(D))
DL = rd(3, 500); put('DL', DL)
v, i = torch.topk(DL, 7); put('topkDL_v', v); put('topkDL_i', i)     # partial-sort path
v, i = torch.topk(DL, 200, largest=False); put('topkDL_v2', v); put('topkDL_i2', i)  # nth_element path
v, i = torch.kthvalue(DL, 123); put('kthDL_v', v); put('kthDL_i', i)
# NaN rows: topk counts NaN as largest; values only (NaN indices are the NaN positions)
TN = rf(3, 8); TN[0, 3] = nan; TN[1, 0] = nan; TN[1, 6] = nan; put('TN', TN)
put('topkTN_v', torch.topk(TN, 4)[0]); put('topkTN_vs', torch.topk(TN, 7, largest=False)[0])
put('kthTN_v', torch.kthvalue(TN, 7)[0]); put('medTN_v', torch.median(TN, 1)[0]); put('medTN_i', torch.median(TN, 1)[1])
put('nanmedTN_v', torch.nanmedian(TN, 1)[0])
put('medTN_all', torch.median(TN)); put('nanmedTN_all', torch.nanmedian(TN))
TL = rf(3, 700); TL[0, 10] = nan; TL[0, 600] = nan; TL[2, 0] = nan; put('TL', TL)  # heap path
put('topkTL_v', torch.topk(TL, 5)[0]); put('topkTL_vs', torch.topk(TL, 5, largest=False)[0])
# ties: values only
put('topkS_v', torch.topk(S.nan_to_num(0.0), 3, dim=1)[0]); put('kthS_v', torch.kthvalue(S.nan_to_num(0.0), 3, dim=2)[0])
put('medSI_v', torch.median(SI, 0)[0]); put('medSI_all', torch.median(SI))
# ---- mode: PyTorch's index choice on rows of many lengths
for n in (3, 9, 16, 17, 25, 40, 64):
    M = ri(0, 4, 5, n); put(f'M{n}', M)
    v, i = torch.mode(M, 1); put(f'modeM{n}_v', v); put(f'modeM{n}_i', i)
    v, i = torch.mode(M.t().contiguous(), 0); put(f'modeM{n}t_i', i)
MF = rf(6, 30, levels=3); put('MF', MF)
v, i = torch.mode(MF, 1); put('modeMF_v', v); put('modeMF_i', i)
v, i = torch.mode(MF, 0); put('modeMF0_v', v); put('modeMF0_i', i)
# ---- unique
UF = rf(400, levels=20); UF[5] = -0.0; UF[6] = 0.0; put('UF', UF)
v, inv, c = torch.unique(UF, return_inverse=True, return_counts=True)
put('uniqUF_v', v); put('uniqUF_inv', inv); put('uniqUF_c', c)
UB = ri(-50, 50, 300) * 10**12 + ri(0, 3, 300); put('UB', UB)  # wide range: no counting table
v, inv, c = torch.unique(UB, return_inverse=True, return_counts=True)
put('uniqUB_v', v); put('uniqUB_inv', inv); put('uniqUB_c', c)
U = ri(-4, 5, 5, 6); put('U', U)
v, inv, c = torch.unique(U, return_inverse=True, return_counts=True)
put('uniqU_v', v); put('uniqU_inv', inv); put('uniqU_c', c)
UD = ri(0, 2, 7, 3); put('UD', UD)
v, inv, c = torch.unique(UD, dim=0, return_inverse=True, return_counts=True)
put('uniqUD0_v', v); put('uniqUD0_inv', inv); put('uniqUD0_c', c)
v, inv, c = torch.unique(UD.t().contiguous(), dim=1, return_inverse=True, return_counts=True)
put('uniqUD1_v', v); put('uniqUD1_inv', inv); put('uniqUD1_c', c)
UC = ri(0, 3, 4, 5); put('UC', UC)
v, inv, c = torch.unique_consecutive(UC, return_inverse=True, return_counts=True)
put('ucUC_v', v); put('ucUC_inv', inv); put('ucUC_c', c)
UCD = torch.tensor([[1, 2], [1, 2], [0, 1], [1, 2], [1, 2], [1, 2], [0, 0]]); put('UCD', UCD)
v, inv, c = torch.unique_consecutive(UCD, return_inverse=True, return_counts=True, dim=0)
put('ucUCD_v', v); put('ucUCD_inv', inv); put('ucUCD_c', c)
# ---- searchsorted / bucketize
B1 = torch.sort(rf(12, levels=5))[0]; put('B1', B1)
V1 = rf(3, 7, levels=6); V1[0, 0] = nan; put('V1', V1)
put('ss_l', torch.searchsorted(B1, V1)); put('ss_r', torch.searchsorted(B1, V1, right=True))
B2 = torch.sort(rf(3, 6, levels=5), dim=1)[0]; put('B2', B2)
V2 = rf(3, 4, levels=6); put('V2', V2)
put('ss2_l', torch.searchsorted(B2, V2)); put('ss2_r', torch.searchsorted(B2, V2, side='right'))
BU = rf(10, levels=9); put('BU', BU)
SO = torch.argsort(BU); put('SO', SO)
put('ss_sorter_l', torch.searchsorted(BU, V1, sorter=SO)); put('ss_sorter_r', torch.searchsorted(BU, V1, right=True, sorter=SO))
put('bk_l', torch.bucketize(V1, B1)); put('bk_r', torch.bucketize(V1, B1, right=True))
# ---- bincount / histc
BC = ri(0, 9, 40); put('BC', BC)
W = rf(40, levels=9); put('W', W)
put('bc', torch.bincount(BC)); put('bc_min', torch.bincount(BC, minlength=15))
put('bc_wd', torch.bincount(BC, weights=W)); put('bc_wf', torch.bincount(BC, weights=W.float()))
H = torch.randn(200, generator=g, dtype=torch.float64).mul(1000).round().div(1000)
put('H', H)
put('hc_auto', torch.histc(H.float(), bins=13))
put('hc_rng', torch.histc(H.float(), bins=10, min=-1, max=1.5))
put('hc_rng_d', torch.histc(H, bins=7, min=-0.5, max=0.7))
put('hc_bf16', torch.histc(H.bfloat16(), bins=9, min=-1, max=1))

def fmt(x):
    if math.isnan(x): return 'kNaN'
    if math.isinf(x): return 'kInf' if x > 0 else '-kInf'
    return repr(float(x))

here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, 'sort_test_data.h'), 'w') as f:
    f.write('#pragma once\n// Generated by gen_sort_data.py from PyTorch %s. Do not edit.\n' % torch.__version__)
    f.write('#include <cstdint>\n#include <limits>\n#include <vector>\n\nnamespace sort_data {\n')
    f.write('constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();\n')
    f.write('constexpr double kInf = std::numeric_limits<double>::infinity();\n')
    f.write('struct Case { std::vector<int64_t> shape; std::vector<double> values; };\n')
    for name, t in data.items():
        vals = ', '.join(fmt(x) for x in t.double().flatten().tolist())
        shape = ', '.join(str(s) for s in t.shape)
        f.write(f'inline const Case {name}{{{{{shape}}}, {{{vals}}}}};\n')
    f.write('}  // namespace sort_data\n')
