# Regenerates the PyTorch-value tables of tests/cpp/ops/unary_test.cpp and binary_test.cpp
# (run with Debian's /usr/bin/python3, which has torch). Writes unary_fns.inc, unary.inc,
# binary_fns.inc and binary.inc into OUT: the function maps and case arrays of the two tests.
import os, sys
OUT = sys.argv[1] if len(sys.argv) > 1 else "/tmp/elementwise_gen"
os.makedirs(OUT, exist_ok=True)

import torch, math
DT = {torch.float32:'kFloat', torch.float64:'kDouble', torch.float16:'kHalf', torch.bfloat16:'kBFloat16',
      torch.int64:'kLong', torch.int32:'kInt', torch.uint8:'kByte', torch.int8:'kChar', torch.int16:'kShort', torch.bool:'kBool'}
def num(v):
    if isinstance(v, bool): return '1' if v else '0'
    if isinstance(v, int): return str(v)
    if math.isnan(v): return 'kNaN'
    if math.isinf(v): return 'kInf' if v > 0 else '-kInf'
    r = repr(float(v))
    return r
def vals(t):
    return '{' + ', '.join(num(v) for v in t.flatten().tolist()) + '}'
def cstr(s):
    return '"' + s.replace('\\','\\\\').replace('"','\\"') + '"'
def run(f):
    try:
        return f(), None
    except Exception as e:
        return None, str(e).split('\n')[0]

# ---- unary ----
import torch.nn.functional as F
FV = [-2.5, -1.0, -0.3, 0.0, 0.4, 1.0, 2.7]
UV = [0.1, 0.25, 0.5, 0.75, 0.9]
IV = [-3, -1, 0, 2, 5]
BV = [True, False, True]
ops = [
 # name, cpp expr, torch fn, input set for floats
 ('abs','wick::abs(t)',torch.abs,'F'), ('neg','wick::neg(t)',torch.neg,'F'), ('sign','wick::sign(t)',torch.sign,'F'),
 ('sgn','wick::sgn(t)',torch.sgn,'F'),
 ('sqrt','wick::sqrt(t)',torch.sqrt,'F'), ('rsqrt','wick::rsqrt(t)',torch.rsqrt,'F'), ('exp','wick::exp(t)',torch.exp,'F'),
 ('exp2','wick::exp2(t)',torch.exp2,'F'), ('expm1','wick::expm1(t)',torch.expm1,'F'), ('log','wick::log(t)',torch.log,'F'),
 ('log2','wick::log2(t)',torch.log2,'F'), ('log10','wick::log10(t)',torch.log10,'F'), ('log1p','wick::log1p(t)',torch.log1p,'F'),
 ('sin','wick::sin(t)',torch.sin,'F'), ('cos','wick::cos(t)',torch.cos,'F'), ('tan','wick::tan(t)',torch.tan,'F'),
 ('asin','wick::asin(t)',torch.asin,'U'), ('acos','wick::acos(t)',torch.acos,'U'), ('atan','wick::atan(t)',torch.atan,'F'),
 ('arcsin','wick::arcsin(t)',torch.arcsin,'U'), ('arccos','wick::arccos(t)',torch.arccos,'U'), ('arctan','wick::arctan(t)',torch.arctan,'F'),
 ('sinh','wick::sinh(t)',torch.sinh,'F'), ('cosh','wick::cosh(t)',torch.cosh,'F'), ('tanh','wick::tanh(t)',torch.tanh,'F'),
 ('asinh','wick::asinh(t)',torch.asinh,'F'), ('acosh','wick::acosh(t)',torch.acosh,'F'), ('atanh','wick::atanh(t)',torch.atanh,'U'),
 ('arcsinh','wick::arcsinh(t)',torch.arcsinh,'F'), ('arccosh','wick::arccosh(t)',torch.arccosh,'F'), ('arctanh','wick::arctanh(t)',torch.arctanh,'U'),
 ('sigmoid','wick::sigmoid(t)',torch.sigmoid,'F'), ('logit','wick::logit(t)',torch.logit,'U'),
 ('logit_eps','wick::logit(t, 0.2)',lambda t: torch.logit(t, eps=0.2),'U'),
 ('erf','wick::erf(t)',torch.erf,'F'), ('erfc','wick::erfc(t)',torch.erfc,'F'), ('erfinv','wick::erfinv(t)',torch.erfinv,'U'),
 ('erfinv_neg','wick::erfinv(wick::neg(t))',lambda t: torch.erfinv(torch.neg(t)),'U'),
 ('ceil','wick::ceil(t)',torch.ceil,'F'), ('floor','wick::floor(t)',torch.floor,'F'), ('round','wick::round(t)',torch.round,'F'),
 ('round_dec','wick::round(t, 1)',lambda t: torch.round(t, decimals=1),'F'),
 ('trunc','wick::trunc(t)',torch.trunc,'F'), ('fix','wick::fix(t)',torch.fix,'F'), ('frac','wick::frac(t)',torch.frac,'F'),
 ('reciprocal','wick::reciprocal(t)',torch.reciprocal,'F'), ('square','wick::square(t)',torch.square,'F'),
 ('relu','wick::relu(t)',torch.relu,'F'), ('gelu','wick::gelu(t)',F.gelu,'F'),
 ('gelu_tanh','wick::gelu(t, "tanh")',lambda t: F.gelu(t, approximate='tanh'),'F'),
 ('silu','wick::silu(t)',F.silu,'F'), ('softplus','wick::softplus(t)',F.softplus,'F'),
 ('softplus_bt','wick::softplus(t, 2, 1)',lambda t: F.softplus(t, beta=2, threshold=1),'F'),
 ('mish','wick::mish(t)',F.mish,'F'), ('hardtanh','wick::hardtanh(t)',F.hardtanh,'F'),
 ('isnan','wick::isnan(t)',torch.isnan,'F'), ('isinf','wick::isinf(t)',torch.isinf,'F'),
 ('isfinite','wick::isfinite(t)',torch.isfinite,'F'), ('signbit','wick::signbit(t)',torch.signbit,'F'),
 ('nan_to_num','wick::nan_to_num(t)',torch.nan_to_num,'F'),
 ('bitwise_not','wick::bitwise_not(t)',torch.bitwise_not,'F'), ('logical_not','wick::logical_not(t)',torch.logical_not,'F'),
]
dtypes = [torch.float32, torch.float64, torch.float16, torch.bfloat16, torch.int64, torch.uint8, torch.bool]
lines = []
for name, cpp, fn, inset in ops:
    for dt in dtypes:
        if dt.is_floating_point:
            src = FV if inset == 'F' else UV
            inp = 'F' if inset == 'F' else 'U'
        elif dt == torch.bool:
            src = BV; inp = 'B'
        else:
            src = [3, 1, 0, 2, 5] if dt == torch.uint8 else IV; inp = 'U8' if dt == torch.uint8 else 'I'
        t = torch.tensor(src).to(dt)
        r, err = run(lambda: fn(t))
        # PyTorch 2.x computes these in float and rounds; 1.13 lacks the CPU kernels.
        if err and dt in (torch.float16, torch.bfloat16) and 'not implemented for' in err and 'bitwise' not in err:
            r, err = fn(t.float()).to(dt), None
        if err is not None:
            lines.append(f'  {{{cstr(name)}, In::{inp}, {DT[dt]}, kFloat, {{}}, {cstr(err)}}},')
        else:
            lines.append(f'  {{{cstr(name)}, In::{inp}, {DT[dt]}, {DT[r.dtype]}, {vals(r.double() if r.dtype!=torch.bool else r)}, nullptr}},')
fns = [f'      {{{cstr(name)}, [](const Tensor& t) {{ return {cpp}; }}}},' for name, cpp, fn, inset in ops]
open(os.path.join(OUT, 'unary_fns.inc'),'w').write('\n'.join(fns) + '\n')
open(os.path.join(OUT, 'unary.inc'), 'w').write('\n'.join(lines) + '\n')

# ---- binary ----
INPUTS = {
 'FA': [-2.5, -1.0, 0.0, 0.5, 3.0, 2.0], 'FB': [2.0, -0.5, 1.5, -3.0, 0.25, 0.0],
 'IA': [-7, -3, 0, 5, 9, 6], 'IB': [2, -2, 3, 4, -5, 1],
 'UA': [0, 3, 100, 200, 255, 7], 'UB': [1, 7, 3, 250, 2, 1],
 'BA': [True, False, True, False, True, True], 'BB': [True, True, False, False, False, True],
 'SB': [0, 1, 2, 3, 1, 2],
}
ops = [
 ('add','wick::add(a, b)',torch.add), ('add_alpha','wick::add(a, b, 2)',lambda a,b: torch.add(a,b,alpha=2)),
 ('sub','wick::sub(a, b)',torch.sub), ('sub_alpha','wick::sub(a, b, 2)',lambda a,b: torch.sub(a,b,alpha=2)),
 ('rsub','wick::rsub(a, b)',torch.rsub),
 ('mul','wick::mul(a, b)',torch.mul), ('div','wick::div(a, b)',torch.div),
 ('div_trunc','wick::div(a, b, "trunc")',lambda a,b: torch.div(a,b,rounding_mode='trunc')),
 ('div_floor','wick::div(a, b, "floor")',lambda a,b: torch.div(a,b,rounding_mode='floor')),
 ('floor_divide','wick::floor_divide(a, b)',torch.floor_divide),
 ('remainder','wick::remainder(a, b)',torch.remainder), ('fmod','wick::fmod(a, b)',torch.fmod),
 ('pow','wick::pow(a, b)',torch.pow), ('float_power','wick::float_power(a, b)',torch.float_power),
 ('atan2','wick::atan2(a, b)',torch.atan2), ('hypot','wick::hypot(a, b)',torch.hypot),
 ('maximum','wick::maximum(a, b)',torch.maximum), ('minimum','wick::minimum(a, b)',torch.minimum),
 ('fmax','wick::fmax(a, b)',torch.fmax), ('fmin','wick::fmin(a, b)',torch.fmin),
 ('copysign','wick::copysign(a, b)',torch.copysign), ('logaddexp','wick::logaddexp(a, b)',torch.logaddexp),
 ('logaddexp2','wick::logaddexp2(a, b)',torch.logaddexp2), ('xlogy','wick::xlogy(a, b)',torch.xlogy),
 ('bitwise_and','wick::bitwise_and(a, b)',torch.bitwise_and), ('bitwise_or','wick::bitwise_or(a, b)',torch.bitwise_or),
 ('bitwise_xor','wick::bitwise_xor(a, b)',torch.bitwise_xor),
 ('logical_and','wick::logical_and(a, b)',torch.logical_and), ('logical_or','wick::logical_or(a, b)',torch.logical_or),
 ('logical_xor','wick::logical_xor(a, b)',torch.logical_xor),
 ('eq','wick::eq(a, b)',torch.eq), ('ne','wick::ne(a, b)',torch.ne), ('lt','wick::lt(a, b)',torch.lt),
 ('le','wick::le(a, b)',torch.le), ('gt','wick::gt(a, b)',torch.gt), ('ge','wick::ge(a, b)',torch.ge),
 ('isclose','wick::isclose(a, b, 0.5, 0.1)',lambda a,b: torch.isclose(a,b,rtol=0.5,atol=0.1)),
]
shift_ops = [('left_shift','wick::bitwise_left_shift(a, b)',torch.bitwise_left_shift),
             ('right_shift','wick::bitwise_right_shift(a, b)',torch.bitwise_right_shift)]
same = [torch.float32, torch.float64, torch.float16, torch.bfloat16, torch.int64, torch.int32, torch.int8, torch.uint8, torch.bool]
def ins(dt, side):
    if dt.is_floating_point: return 'F'+side
    if dt == torch.bool: return 'B'+side
    if dt == torch.uint8: return 'U'+side
    return 'I'+side
def mk(name): return torch.tensor(INPUTS[name])
lines = []
def emit(name, cpp, fn, ia, da, ib, db):
    a = mk(ia).to(da); b = mk(ib).to(db)
    r, err = run(lambda: fn(a, b))
    if err and 'not implemented for' in err and (da in (torch.float16, torch.bfloat16) or db in (torch.float16, torch.bfloat16)) and 'bitwise' not in err and 'shift' not in err:
        ct = torch.promote_types(da, db)
        r, err = fn(a.float(), b.float()), None
        if r.dtype == torch.float32: r = r.to(ct)
    head = f'  {{{cstr(name)}, "{ia}", {DT[da]}, "{ib}", {DT[db]}, '
    if err is not None:
        lines.append(head + f'kFloat, {{}}, {cstr(err)}}},')
    else:
        lines.append(head + f'{DT[r.dtype]}, {vals(r.double() if r.dtype != torch.bool else r)}, nullptr}},')
for name, cpp, fn in ops:
    for dt in same:
        emit(name, cpp, fn, ins(dt,'A'), dt, ins(dt,'B'), dt)
for name, cpp, fn in shift_ops:
    for dt in [torch.int64, torch.int32, torch.int8, torch.uint8, torch.bool, torch.float32]:
        emit(name, cpp, fn, ins(dt,'A'), dt, 'SB', dt)
mixed = [(torch.int64, torch.float32), (torch.int32, torch.int64), (torch.uint8, torch.int8), (torch.bool, torch.int64),
         (torch.float16, torch.bfloat16), (torch.float32, torch.float64), (torch.int64, torch.bool), (torch.uint8, torch.float16)]
for name, cpp, fn in ops:
    if name not in ('add','sub','mul','div','div_floor','remainder','pow','atan2','maximum','eq','lt','logical_xor','bitwise_xor','copysign','float_power','xlogy','fmod'): continue
    for da, db in mixed:
        emit(name, cpp, fn, ins(da,'A'), da, ins(db,'B'), db)
fns = [f'      {{{cstr(name)}, [](const Tensor& a, const Tensor& b) {{ return {cpp}; }}}},' for name, cpp, fn in ops + shift_ops]
open(os.path.join(OUT, 'binary_fns.inc'),'w').write('\n'.join(fns) + '\n')
open(os.path.join(OUT, 'binary.inc'), 'w').write('\n'.join(lines) + '\n')
