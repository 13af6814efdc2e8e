# Regenerates the expected strings of tests/cpp/tensor/print_test.cpp from
# reference PyTorch (run with Debian's /usr/bin/python3, which has torch).
import math, torch
import os, sys
OUT = sys.argv[1] if len(sys.argv) > 1 else "/tmp/printgen"
os.makedirs(OUT, exist_ok=True)
# Writes C++ test-case fragments (cases.inc, extra.inc, extra2.inc) into OUT.
from torch import _tensor_str as ts

DT = {'bool': (torch.bool, 'kBool'), 'uint8': (torch.uint8, 'kByte'), 'int8': (torch.int8, 'kChar'),
      'int16': (torch.int16, 'kShort'), 'int32': (torch.int32, 'kInt'), 'int64': (torch.int64, 'kLong'),
      'float16': (torch.float16, 'kHalf'), 'bfloat16': (torch.bfloat16, 'kBFloat16'),
      'float32': (torch.float32, 'kFloat'), 'float64': (torch.float64, 'kDouble')}

def cpp_num(x):
    if isinstance(x, bool): return 'true' if x else 'false'
    if isinstance(x, int):
        if x == -2**63: return '(-9223372036854775807LL - 1)'
        return f'{x}LL' if abs(x) > 2**31 else str(x)
    if math.isnan(x): return 'kNaN'
    if math.isinf(x): return 'kInf' if x > 0 else '-kInf'
    r = repr(x)
    return r

def cpp_list(v):
    if isinstance(v, list): return '{' + ', '.join(cpp_list(e) for e in v) + '}'
    return cpp_num(v)

# Constructors: each returns (torch tensor, C++ expression)
def L(values, dt='float32'):
    tdt, cdt = DT[dt]
    return torch.tensor(values, dtype=tdt), f'wick::tensor({cpp_list(values)}, {cdt})'

def S(value, dt='float32'):  # 0-dim
    tdt, cdt = DT[dt]
    return torch.tensor(value, dtype=tdt), f'wick::full({{}}, {cpp_num(value)}, {cdt})'

def seq(sizes, dt='float32', scale=1.0, shift=0.0, mod=0):
    tdt, cdt = DT[dt]
    n = 1
    for s in sizes: n *= s
    vals = [((i % mod) if mod else i) * scale + shift for i in range(n)]
    t = torch.tensor(vals, dtype=torch.float64).reshape(sizes).to(tdt)
    sz = '{' + ', '.join(map(str, sizes)) + '}'
    return t, f'seq({sz}, {cdt}, {cpp_num(float(scale))}, {cpp_num(float(shift))}, {mod})'

def E(sizes, dt='float32'):
    tdt, cdt = DT[dt]
    sz = '{' + ', '.join(map(str, sizes)) + '}'
    return torch.empty(sizes, dtype=tdt), f'wick::empty({sz}, {cdt})'

def T(pair):  # transpose of a 2-d tensor
    t, c = pair
    return t.t(), f'transposed({c})'

def esc(s):
    return '"' + s.replace('\\', '\\\\').replace('"', '\\"').replace('\n', '\\n"\n      "') + '"'

def opts_cpp(opts):
    parts = []
    for k, v in opts.items():
        if k == 'profile': parts.append(f'o.profile = "{v}";')
        elif k == 'sci_mode': parts.append(f'o.sci_mode = {"true" if v else "false"};')
        elif k == 'threshold': parts.append(f'o.threshold = {float(v)!r};'.replace('inf', 'kInf'))
        else: parts.append(f'o.{k} = {v};')
    return ' '.join(parts)

out = []
def case(name, pair, opts=None, suffixes=None, py_t=None, default_double=False, subclass=None, expected2x=None):
    t, c = pair
    torch.set_printoptions(profile='default', sci_mode=None)
    if default_double: torch.set_default_dtype(torch.float64)
    if opts: torch.set_printoptions(**opts)
    if py_t is not None: t = py_t
    if subclass:
        cls = type(subclass, (torch.Tensor,), {})
        t = torch.Tensor._make_subclass(cls, t)
    expected = expected2x if expected2x is not None else repr(t).replace('torch.', 'wick.')
    torch.set_printoptions(profile='default', sci_mode=None)
    torch.set_default_dtype(torch.float32)
    body = []
    if opts:
        body.append(f'  PrintOptions o; {opts_cpp(opts)}')
        body.append('  PrintOptionsGuard guard(o);')
    if default_double:
        body.append('  DefaultDtypeGuard dd(kDouble);')
    body.append(f'  Tensor t = {c};')
    if suffixes is not None or subclass:
        sx = '{' + ', '.join(f'"{s}"' for s in (suffixes or [])) + '}'
        pre = f', "{subclass}("' if subclass else ''
        body.append(f'  EXPECT_EQ(repr(t, {sx}{pre}),\n      {esc(expected)});')
    else:
        body.append(f'  EXPECT_EQ(t.repr(),\n      {esc(expected)});')
        body.append('  std::ostringstream os;\n  os << t;\n  EXPECT_EQ(os.str(), t.repr());')
    out.append(f'TEST(PrintTest, {name}) {{\n' + '\n'.join(body) + '\n}\n')

nan, inf = float('nan'), float('inf')
# --- floats, notation choice
case('IntegerValuedFloats', L([1., 2., 3.]))
case('FixedPoint', L([1.5, -2.25, 3.125]))
case('FixedPointRounding', L([0.1, 0.2, 0.33333333, 2.71828, -0.00015]))
case('SmallValueGoesScientific', L([1e-5, 1.0]))
case('LargeIntegerValuedGoesScientific', L([1e10, 1.]))
case('AboveHundredMillionScientific', L([123456789.0]))
case('IntRatioExactly1000StaysFixed', L([1., 1000.]))
case('IntRatioAbove1000Scientific', L([1., 1001.]))
case('FloatRatio1000StaysFixed', L([0.001, 1.0]))
case('MinJustAbove1e4StaysFixed', L([0.0001, 0.5]))
case('MinBelow1e4Scientific', L([0.00009, 0.5]))
case('NegativeScientific', L([-1.5e-7, 2.5e3, -3.0]))
case('HugeExponent', L([1e300, -1e-300], 'float64'))
case('NanInfWithFractions', L([nan, inf, -inf, 1.5]))
case('NanInfWithIntegers', L([nan, inf, -inf, 2.]))
case('OnlyNan', L([nan]))
case('OnlyInfinities', L([inf, -inf]))
case('NanWithScientific', L([nan, 1e-8, 1e8]))
case('NegativeZeroFixed', L([-0., 0.5]))
case('NegativeZeroIntMode', L([-0., 1.]))
case('AllZeros', L([0., 0., 0.]))
case('AllZerosIgnoreSciMode', L([0., 0.]), opts={'sci_mode': True})
case('ColumnWidthAlignment', L([1., -100., 10000.]))
case('ColumnWidthAlignmentFixed', L([1.25, -100.5, 9999.125]))
# --- 0-dim
case('ScalarFloat', S(3.5))
case('ScalarIntegerValued', S(3.))
case('ScalarSmall', S(1e-10))
case('ScalarNan', S(nan))
case('ScalarNegInf', S(-inf))
case('ScalarNegativeZero', S(-0.))
case('ScalarInt64', S(3, 'int64'))
case('ScalarInt32', S(-7, 'int32'))
case('ScalarBool', S(True, 'bool'))
case('ScalarDouble', S(2.5, 'float64'))
case('ScalarHalf', S(0.1, 'float16'))
# --- ints and bools
case('Int64', L([1, 2, 3], 'int64'))
case('Int32', L([1, 2], 'int32'))
case('IntWidths', L([1, -100, 1000], 'int64'))
case('Int64Extremes', L([2**62, -2**63, 0], 'int64'))
case('Bools', L([True, False, True], 'bool'))
case('Bools2d', L([[True, False], [False, False]], 'bool'))
case('Uint8', L([0, 255, 7], 'uint8'))
case('Int8', L([-128, 127, 0], 'int8'))
case('Int16', L([-300, 2, 32767], 'int16'))
# --- each dtype on the same values
for dt in DT:
    if dt in ('bool',): continue
    scale, shift = (1.0, 0.0) if dt == 'uint8' else (1.0, -2.0)
    case(f'Dtype_{dt}', seq([5], dt, scale, shift))
for dt in ('float16', 'bfloat16', 'float32', 'float64'):
    case(f'DtypeFraction_{dt}', L([0.1, -1.3, 65.7], dt))
    case(f'DtypeSci_{dt}', L([0.0001, 12.5, 3000.0], dt))
# --- shapes
case('Matrix', L([[1.5, 2.], [3., 4.25]]))
case('MatrixNegative', L([[-1., 2.], [3., -40.]]))
case('Column', L([[1], [2], [3]], 'int64'))
case('ThreeD', seq([2, 3, 4], 'float32', 0.5, -3.0))
case('FourD', seq([2, 2, 2, 3], 'int64', 1.0, -5.0))
case('FiveD', seq([2, 1, 2, 1, 2], 'float64', 0.25, 0.0))
case('SingleElementNested', L([[[7.5]]]))
case('Transposed', T(seq([3, 4], 'float32', 1.5, -2.0)))
case('TransposedInt', T(seq([2, 3], 'int32', 1.0, 0.0)))
# --- wrapping
case('WrapVector', seq([30], 'float32', 1.37, -5.0))
case('WrapVectorInts', seq([60], 'int64', 7.0, -100.0))
case('WrapMatrixRows', seq([3, 25], 'float32', 0.5, 0.0))
case('WrapThreeD', seq([2, 2, 20], 'float64', 0.125, -1.0))
case('WrapScientific', seq([20], 'float32', 1.5e-6, 1e-6))
case('WrapBools', seq([40], 'bool', 1.0, 0.0, 3))
# --- summarising
case('Summarise1d', seq([2000], 'float32', 1.0, 0.0))
case('Summarise1dFractions', seq([2000], 'float32', 0.01, -3.0))
case('Summarise1dInt', seq([1001], 'int64', 3.0, -1000.0))
case('SummariseBool', seq([2000], 'bool', 1.0, 0.0, 2))
case('SummariseMatrix', seq([100, 100], 'float32', 1.0, 0.0))
case('SummariseMatrixWide', seq([2, 1000], 'float32', 0.5, 0.0))
case('SummariseMatrixTall', seq([1000, 2], 'int32', 1.0, 0.0))
case('Summarise3d', seq([20, 20, 20], 'float64', 0.001, 0.0))
case('Summarise4d', seq([2, 3, 20, 20], 'int16', 1.0, 0.0))
case('SummariseWidthFromShownOnly', seq([2000], 'float32', 1.0, 0.0, 1000))
case('SummariseHalf', seq([1500], 'float16', 0.5, 0.0, 100))
# --- empty
case('EmptyFloat', E([0]))
case('EmptyMatrix', E([0, 3]))
case('EmptyInt64', E([0], 'int64'))
case('EmptyBool', E([0], 'bool'))
case('EmptyDouble', E([0], 'float64'))
case('EmptyInt32ThreeD', E([2, 0, 3], 'int32'))
# --- print options
case('Precision2', L([1.23456, -2.5, 3.14159]), opts={'precision': 2})
case('Precision0', L([1.5, 2.5, -0.4]), opts={'precision': 0})
case('Precision10', L([1/3, 2/3], 'float64'), opts={'precision': 10})
case('Precision2Sci', L([1e-5, 1.23456]), opts={'precision': 2})
case('Threshold5', seq([10], 'float32', 1.0, 0.0), opts={'threshold': 5})
case('Threshold5Matrix', seq([4, 4], 'int64', 1.0, 0.0), opts={'threshold': 5})
case('ThresholdZeroScalar', S(2.5), opts={'threshold': 0})
case('EdgeItems1', seq([3, 3, 3], 'float32', 1.0, 0.0), opts={'threshold': 5, 'edgeitems': 1})
case('EdgeItems0Vector', seq([10], 'float32', 1.0, 0.0), opts={'threshold': 5, 'edgeitems': 0}, expected2x='tensor([...], size=(10,))')
case('EdgeItems0Matrix', seq([4, 4], 'int32', 1.0, 0.0), opts={'threshold': 5, 'edgeitems': 0}, expected2x='tensor([...], size=(4, 4), dtype=wick.int32)')
case('EdgeItems0NotSummarised', seq([2, 2], 'float32', 1.0, 0.0), opts={'edgeitems': 0}, expected2x='tensor([[0., 1.],\n        [2., 3.]], size=(2, 2))')
case('EdgeItems0Scalar', S(1.5), opts={'edgeitems': 0}, expected2x='tensor(1.5000, size=())')
case('Linewidth40', seq([20], 'float32', 1.25, 0.0), opts={'linewidth': 40})
case('Linewidth40Matrix', seq([2, 12], 'int64', 1.0, 0.0), opts={'linewidth': 40})
case('LinewidthTiny', seq([3], 'float64', 1.5, 0.0), opts={'linewidth': 5})
case('ProfileShort', seq([2000], 'float32', 0.001, 0.0), opts={'profile': 'short'})
case('ProfileShortMatrix', L([[1.23456, 2.5], [3.0, 4.0]]), opts={'profile': 'short'})
case('ProfileFull', seq([1001], 'uint8', 1.0, 0.0, 10), opts={'profile': 'full'})
case('ProfileThenPrecision', L([1.23456]), opts={'profile': 'short', 'precision': 5})
case('SciModeOn', L([1.5, 2.25]), opts={'sci_mode': True})
case('SciModeOnInts', L([1., 20.]), opts={'sci_mode': True})
case('SciModeOffSmall', L([1e-5, 1.0]), opts={'sci_mode': False})
case('SciModeOffLargeInts', L([1e10, 1.]), opts={'sci_mode': False})
case('SciModeOnIgnoredForInts', L([1, 2], 'int64'), opts={'sci_mode': True})
# --- suffixes and their wrapping
case('DtypeSuffixWraps', seq([2, 7], 'float64', 1111.125, 0.0))
case('DtypeSuffixFitsOneLine', seq([6], 'float64', 1111.125, 0.0))
case('DtypeSuffixWrapsOneLine', seq([7], 'float64', 1111.125, 0.0))
case('DefaultDtypeDouble', L([1.5, 2.]), default_double=True)
case('DefaultDtypeDoubleFloatNamed', L([1.5, 2.]), default_double=True, py_t=torch.tensor([1.5, 2.], dtype=torch.float32))
case('DefaultDtypeDoubleEmpty', E([0], 'float64'), default_double=True)
case('DefaultDtypeDoubleEmptyFloat', E([0], 'float32'), default_double=True)
g = torch.tensor([1., 2.], requires_grad=True)
case('RequiresGradSuffix', L([1., 2.]), suffixes=['requires_grad=True'], py_t=g)
g2 = (seq([2, 8], 'float64', 1111.125, 0.0)[0].requires_grad_() * 1)
case('GradFnSuffixWraps', seq([2, 8], 'float64', 1111.125, 0.0), suffixes=['grad_fn=<MulBackward0>'],
     py_t=g2)
g3 = torch.tensor([1.5, 2.], dtype=torch.float64, requires_grad=True) * 1
case('GradFnAfterDtype', L([1.5, 2.], 'float64'), suffixes=['grad_fn=<MulBackward0>'], py_t=g3)
case('SubclassPrefix', seq([2, 3], 'float32', 0.5, 0.0), subclass='MyTensor')
open(OUT + '/cases.inc', 'w').write('\n'.join(out))
print(len(out))
out.clear()
case('HugeEdgeItemsShowsAll', seq([10], 'float32', 1.0, 0.0), opts={'threshold': 5, 'edgeitems': 2**62})
case('HugeLinewidthOneLine', seq([40], 'int64', 1.0, 0.0), opts={'linewidth': 2**62})
case('NegativeLinewidthOnePerLine', seq([3], 'int64', 1.0, 0.0), opts={'linewidth': -5})
case('NegativeThresholdSummarisesAll', seq([8], 'int64', 1.0, 0.0), opts={'threshold': -1})
open(OUT + '/extra.inc', 'w').write('\n'.join(out))
out.clear()
def P(pair, dims):
    t, c = pair
    d = '{' + ', '.join(map(str, dims)) + '}'
    return t.permute(*dims), f'permuted({c}, {d})'
case('PermutedSummarised3d', P(seq([20, 20, 20], 'int32', 1.0, 0.0), [2, 0, 1]))
case('PermutedSmall3d', P(seq([2, 3, 4], 'float32', 0.5, 0.0), [1, 2, 0]))
case('SummarisedWithNanInf', (lambda p: (torch.cat([torch.tensor([float('nan'), float('inf')]), p[0][2:]]), f'with_nan_inf({p[1]})'))(seq([1200], 'float32', 0.25, 0.0)))
case('BFloat16Large', L([1e10, -3.5e-3, 7.0], 'bfloat16'))
case('Uint8Summarised', seq([30, 40], 'uint8', 1.0, 0.0, 256))
case('Int8Negative2d', seq([3, 4], 'int8', -11.0, 5.0))
open(OUT + '/extra2.inc', 'w').write('\n'.join(out))
