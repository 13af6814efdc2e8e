# Regenerates creation_test.cpp: /usr/bin/python3 gen_creation_test.py > creation_test.cpp
import torch, math, warnings
warnings.filterwarnings('ignore')
def fmt(v):
    if isinstance(v,bool): return '1' if v else '0'
    if isinstance(v,int): return str(v)
    if math.isinf(v): return 'INFINITY' if v>0 else '-INFINITY'
    return repr(float(v))
dtmap={torch.float32:'kFloat',torch.float64:'kDouble',torch.int64:'kLong',torch.int32:'kInt',torch.int16:'kShort',torch.int8:'kChar',torch.uint8:'kByte',torch.float16:'kHalf',torch.bfloat16:'kBFloat16',torch.bool:'kBool'}
cases=[]
def case(name,py,cpp): cases.append((name,py,cpp))
case('ArangeInt','torch.arange(5)','arange(5)')
case('ArangeIntStartEnd','torch.arange(-3,4)','arange(-3, 4)')
case('ArangeIntStep','torch.arange(10,-7,-3)','arange(10, -7, -3)')
case('ArangeIntEmpty','torch.arange(3,3)','arange(3, 3)')
case('ArangeFloatEnd','torch.arange(5.)','arange(5.)')
case('ArangeFloatStep','torch.arange(0,5,0.1)','arange(0, 5, 0.1)')
case('ArangeFloatOddStep','torch.arange(-3.3,7.1,0.37)','arange(-3.3, 7.1, 0.37)')
case('ArangeFloatLong','torch.arange(1e3,1e3+100,0.013)','arange(1e3, 1e3 + 100, 0.013)')
case('ArangeDouble','torch.arange(-3.3,7.1,0.37,dtype=torch.double)','arange(-3.3, 7.1, 0.37, kDouble)')
case('ArangeDoubleLong','torch.arange(1e3,1e3+100,0.013,dtype=torch.double)','arange(1e3, 1e3 + 100, 0.013, kDouble)')
case('ArangeNegativeFloatStep','torch.arange(2.5,-1,-0.25)','arange(2.5, -1, -0.25)')
case('ArangeIntDtypeFloat','torch.arange(0,10,dtype=torch.float)','arange(0, 10, kFloat)')
case('ArangeInt32','torch.arange(0,10,3,dtype=torch.int32)','arange(0, 10, 3, kInt)')
case('ArangeIntFromFloatArgs','torch.arange(0.5,10,2.5,dtype=torch.int64)','arange(0.5, 10, 2.5, kLong)')
case('ArangeHalf','torch.arange(0,3,0.25,dtype=torch.half)','arange(0, 3, 0.25, kHalf)')
case('ArangeSizeRoundsUp','torch.arange(0,1,0.3)','arange(0, 1, 0.3)')
case('RangeInclusive','torch.range(0,1,0.25)','range(0, 1, 0.25)')
case('RangeDefaultStep','torch.range(1,4)','range(1, 4)')
case('RangeLong','torch.range(1,4,dtype=torch.long)','range(1, 4, 1, kLong)')
case('RangeNegative','torch.range(3,-1,-0.5,dtype=torch.double)','range(3, -1, -0.5, kDouble)')
case('LinspaceBasic','torch.linspace(0,1,5)','linspace(0, 1, 5)')
case('LinspaceOdd','torch.linspace(-3.3,7.1,37)','linspace(-3.3, 7.1, 37)')
case('LinspaceLong','torch.linspace(-1,1,1001)','linspace(-1, 1, 1001)')
case('LinspaceDouble','torch.linspace(-3.3,7.1,101,dtype=torch.double)','linspace(-3.3, 7.1, 101, kDouble)')
case('LinspaceDescending','torch.linspace(10,-10,50)','linspace(10, -10, 50)')
case('LinspaceInt','torch.linspace(0,10,7,dtype=torch.int64)','linspace(0, 10, 7, kLong)')
case('LinspaceIntLong','torch.linspace(-7,100,77,dtype=torch.int32)','linspace(-7, 100, 77, kInt)')
case('LinspaceIntNegative','torch.linspace(5,-5,33,dtype=torch.int64)','linspace(5, -5, 33, kLong)')
case('LinspaceOne','torch.linspace(3,7,1)','linspace(3, 7, 1)')
case('LinspaceZero','torch.linspace(3,7,0)','linspace(3, 7, 0)')
case('LinspaceHalf','torch.linspace(-1,3,40,dtype=torch.half)','linspace(-1, 3, 40, kHalf)')
case('LinspaceBFloat16','torch.linspace(-1,3,40,dtype=torch.bfloat16)','linspace(-1, 3, 40, kBFloat16)')
case('LogspaceBasic','torch.logspace(-2,2,5)','logspace(-2, 2, 5)')
case('LogspaceBase2','torch.logspace(0,10,11,base=2)','logspace(0, 10, 11, 2.0)')
case('LogspaceOdd','torch.logspace(-1.5,3.3,37)','logspace(-1.5, 3.3, 37)')
case('LogspaceDouble','torch.logspace(-1.5,3.3,37,dtype=torch.double)','logspace(-1.5, 3.3, 37, 10.0, kDouble)')
case('LogspaceInt','torch.logspace(0,3,4,dtype=torch.int64)','logspace(0, 3, 4, 10.0, kLong)')
case('LogspaceOne','torch.logspace(2,5,1)','logspace(2, 5, 1)')
case('EyeSquare','torch.eye(3)','eye(3)')
case('EyeRect','torch.eye(2,4)','eye(2, 4)')
case('EyeTall','torch.eye(4,2,dtype=torch.int64)','eye(4, 2, kLong)')
case('EyeBool','torch.eye(3,dtype=torch.bool)','eye(3, kBool)')
case('EyeEmpty','torch.eye(0)','eye(0)')
print('''// Expected values recorded from torch 1.13 (CPU) for the same calls.
#include <cmath>

#include "test_utils.h"

using namespace wick;

namespace {
void expect_exact(const Tensor& t, ScalarType dtype, std::vector<int64_t> shape,
                  const std::vector<double>& expected) {
  ASSERT_EQ(t.dtype(), dtype);
  ASSERT_EQ(t.sizes().vec(), shape);
  auto v = test::values(t);
  ASSERT_EQ(v.size(), expected.size());
  for (size_t i = 0; i < v.size(); ++i) EXPECT_EQ(v[i], expected[i]) << "element " << i;
}
}  // namespace
''')
for name,py,cpp in cases:
    t=eval(py)
    vals=t.flatten().tolist()
    shape=', '.join(str(s) for s in t.shape)
    print(f'''TEST(CreationRange, {name}) {{
  // {py}
  expect_exact({cpp}, {dtmap[t.dtype]}, {{{shape}}}, {{{', '.join(fmt(v) for v in vals)}}});
}}
''')
print(r'''#define EXPECT_THROW_MSG(stmt, msg)                                              \
  do {                                                                           \
    try {                                                                        \
      stmt;                                                                      \
      ADD_FAILURE() << "no exception from " #stmt;                               \
    } catch (const Error& e) {                                                   \
      EXPECT_NE(std::string(e.what()).find(msg), std::string::npos) << e.what(); \
    }                                                                            \
  } while (0)

TEST(CreationRange, Errors) {
  EXPECT_THROW_MSG(arange(0, 10, 0), "step must be nonzero");
  EXPECT_THROW_MSG(arange(0., 10., 0.), "step must be nonzero");
  EXPECT_THROW_MSG(arange(0, 10, -1), "upper bound and larger bound inconsistent with step sign");
  EXPECT_THROW_MSG(arange(10, 0, 1), "upper bound and larger bound inconsistent with step sign");
  EXPECT_THROW_MSG(arange(0, INFINITY), "unsupported range: 0 -> inf");
  EXPECT_THROW_MSG(arange(0., 1e20, 1e-5), "invalid size, possible overflow?");
  EXPECT_THROW_MSG(arange(5, kBool), "\"arange_cpu\" not implemented for 'Bool'");
  EXPECT_THROW_MSG(range(0, 10, 0), "step must be nonzero");
  EXPECT_THROW_MSG(range(5, 0, 1), "upper bound and larger bound inconsistent with step sign");
  EXPECT_THROW_MSG(linspace(0, 1, -1), "number of steps must be non-negative");
  EXPECT_THROW_MSG(linspace(0, 1, 5, kBool), "\"linspace_cpu\" not implemented for 'Bool'");
  EXPECT_THROW_MSG(logspace(0, 1, -1), "number of steps must be non-negative");
  EXPECT_THROW_MSG(eye(-1), "n must be greater or equal to 0, got -1");
  EXPECT_THROW_MSG(eye(2, -1), "m must be greater or equal to 0, got -1");
}

TEST(CreationRange, DtypesFollowArgumentsAndDefault) {
  EXPECT_EQ(arange(5).dtype(), kLong);
  EXPECT_EQ(arange(int32_t{1}, int32_t{5}).dtype(), kLong);
  EXPECT_EQ(arange(5.).dtype(), kFloat);
  EXPECT_EQ(arange(0, 5, 0.5).dtype(), kFloat);
  EXPECT_EQ(arange(0, 5, kHalf).dtype(), kHalf);
  EXPECT_EQ(range(0, 5).dtype(), kFloat);
  EXPECT_EQ(linspace(0, 1, 3).dtype(), kFloat);
  EXPECT_EQ(logspace(0, 1, 3).dtype(), kFloat);
  EXPECT_EQ(eye(2).dtype(), kFloat);
  EXPECT_EQ(eye(2, kHalf).dtype(), kHalf);
  set_default_dtype(kDouble);
  EXPECT_EQ(arange(3.).dtype(), kDouble);
  EXPECT_EQ(arange(3).dtype(), kLong);
  EXPECT_EQ(linspace(0, 1, 3).dtype(), kDouble);
  EXPECT_EQ(eye(2).dtype(), kDouble);
  EXPECT_EQ(range(0, 2).dtype(), kDouble);
  set_default_dtype(kFloat);
}

TEST(CreationRange, ArangeHandlesLargeIntegersExactly) {
  const int64_t big = (int64_t{1} << 60) + 3;
  Tensor t = arange(big, big + 5, 2);
  ASSERT_EQ(t.numel(), 3);
  const int64_t* p = t.data_ptr<int64_t>();
  EXPECT_EQ(p[0], big);
  EXPECT_EQ(p[2], big + 4);
}

TEST(CreationRange, NewFactoriesKeepDtype) {
  Tensor base = zeros({2}, kDouble);
  EXPECT_EQ(base.new_ones({3}).dtype(), kDouble);
  EXPECT_EQ(base.new_full({2, 2}, 7).dtype(), kDouble);
  EXPECT_EQ(test::values(base.new_full({2}, 7)), (std::vector<double>{7, 7}));
  EXPECT_EQ(base.new_zeros({2}, kInt).dtype(), kInt);
  EXPECT_EQ(base.new_empty({4}).numel(), 4);
}''')
print(r'''
TEST(CreationRange, OutForms) {
  Tensor o = empty({0}, kDouble);
  EXPECT_TENSOR_EQ(arange_out(o, 0, 5, 0.5), arange(0, 5, 0.5, kDouble));
  EXPECT_EQ(o.numel(), 10);
  Tensor i = empty({3}, kInt);
  EXPECT_TENSOR_EQ(arange_out(i, 0, 7, 2), arange(0, 7, 2, kInt));
  EXPECT_TENSOR_EQ(range_out(o, 0, 1, 0.25), range(0, 1, 0.25, kDouble));
  EXPECT_TENSOR_EQ(linspace_out(o, -1, 1, 7), linspace(-1, 1, 7, kDouble));
  EXPECT_TENSOR_EQ(logspace_out(o, 0, 2, 3, 2.0), logspace(0, 2, 3, 2.0, kDouble));
  EXPECT_TENSOR_EQ(eye_out(o, 2, 3), eye(2, 3, kDouble));
  EXPECT_TENSOR_EQ(eye_out(i, 2), eye(2, kInt));
}''')
