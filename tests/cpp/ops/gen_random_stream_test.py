# Regenerates random_stream_test.cpp: /usr/bin/python3 gen_random_stream_test.py > random_stream_test.cpp
import torch, math, sys
torch.set_printoptions(precision=20)
def fmt(v):
    if isinstance(v,bool): return '1' if v else '0'
    if isinstance(v,int): return 'std::numeric_limits<int64_t>::min()' if v==-2**63 else str(v)
    if math.isnan(v): return 'NAN'
    return repr(float(v))
cases=[]
def case(name, py, cpp, dtype_cpp, stride=1, seed=0):
    cases.append((name,py,cpp,dtype_cpp,stride,seed))
# exact streams
case('RandFloat','torch.rand(7)','rand({7})','kFloat')
case('RandFloatSeed42','torch.rand(2,3)','rand({2, 3})','kFloat',seed=42)
case('RandDouble','torch.rand(5,dtype=torch.double)','rand({5}, kDouble)','kDouble')
case('RandHalf','torch.rand(6,dtype=torch.half)','rand({6}, kHalf)','kHalf')
case('RandBFloat16','torch.rand(6,dtype=torch.bfloat16)','rand({6}, kBFloat16)','kBFloat16')
case('RandLarge','torch.rand(100000)','rand({100000})','kFloat',stride=997)
case('UniformRange','torch.empty(3000).uniform_(-2,3)','empty({3000}).uniform_(-2, 3)','kFloat',stride=7)
case('UniformRangeDouble','torch.empty(3000,dtype=torch.double).uniform_(-2,3)','empty({3000}, kDouble).uniform_(-2, 3)','kDouble',stride=7)
case('UniformRangeHalf','torch.empty(50,dtype=torch.half).uniform_(-2,3.3)','empty({50}, kHalf).uniform_(-2, 3.3)','kHalf')
case('UniformTransposed','torch.empty(4,5).t().uniform_()','empty_strided({5, 4}, {1, 5}).uniform_()','kFloat')
case('RandnSmall','torch.randn(7)','randn({7})','kFloat')
case('RandnSmallDouble','torch.randn(15,dtype=torch.double)','randn({15}, kDouble)','kDouble')
case('RandnVectorised','torch.randn(37)','randn({37})','kFloat')
case('RandnVectorisedLarge','torch.randn(100000)','randn({100000})','kFloat',stride=101,seed=7)
case('RandnDoubleVectorised','torch.randn(1000,dtype=torch.double)','randn({1000}, kDouble)','kDouble',stride=9,seed=5)
case('RandnHalfVectorised','torch.randn(40,dtype=torch.half)','randn({40}, kHalf)','kHalf',seed=4)
case('RandnBFloat16MeanStd','torch.empty(40,dtype=torch.bfloat16).normal_(0.5,3)','empty({40}, kBFloat16).normal_(0.5, 3)','kBFloat16',seed=4)
case('RandnHalfMeanStd','torch.empty(40,dtype=torch.half).normal_(0.5,3)','empty({40}, kHalf).normal_(0.5, 3)','kHalf',seed=4)
case('RandnBFloat16Vectorised','torch.randn(40,dtype=torch.bfloat16)','randn({40}, kBFloat16)','kBFloat16',seed=4)
case('NormalMeanStd','torch.empty(100).normal_(1.5,2.5)','empty({100}).normal_(1.5, 2.5)','kFloat',seed=5)
case('NormalNonContiguous','torch.empty(20,2,dtype=torch.double)[:,0].normal_(0.7,2.3)','empty_strided({20}, {2}, kDouble).normal_(0.7, 2.3)','kDouble',seed=4)
case('NormalCacheAcrossCalls','torch.cat([torch.randn(3), torch.randn(20), torch.randn(3)])','[] { Tensor a = randn({3}); Tensor b = randn({20}); Tensor c = randn({3}); return cat3(a, b, c); }()','kFloat',seed=4)
case('NormalScalarSize','torch.normal(2.,3.,(5,))','normal(2., 3., {5})','kFloat',seed=3)
case('NormalTensorMeanStd','torch.normal(torch.arange(20.), torch.linspace(0.1,2,20))','normal(arange(20.), linspace(0.1, 2, 20))','kFloat',seed=3)
case('NormalTensorMean','torch.normal(torch.arange(5.), 2.)','normal(arange(5.), 2.)','kFloat',seed=3)
case('NormalTensorStd','torch.normal(1., torch.arange(1,6.))','normal(1., arange(1, 6.))','kFloat',seed=3)
case('RandintSmall','torch.randint(-5,10,(6,))','randint(-5, 10, {6})','kLong',seed=1)
case('RandintHigh','torch.randint(10,(2,3))','randint(10, {2, 3})','kLong',seed=1)
case('RandintWide','torch.randint(0,2**33,(4,))','randint(0, int64_t{1} << 33, {4})','kLong',seed=1)
case('RandintFloat','torch.randint(0,10,(4,),dtype=torch.float)','randint(0, 10, {4}, kFloat)','kFloat',seed=1)
case('RandintInt32','torch.randint(-100,100,(5,),dtype=torch.int32)','randint(-100, 100, {5}, kInt)','kInt',seed=1)
for dt,cdt in [('int64','kLong'),('int32','kInt'),('int16','kShort'),('int8','kChar'),('uint8','kByte'),('bool','kBool'),('float','kFloat'),('double','kDouble'),('half','kHalf'),('bfloat16','kBFloat16')]:
    case('RandomNoArgs_'+dt,f'torch.empty(5,dtype=torch.{dt}).random_()',f'empty({{5}}, {cdt}).random_()',cdt,seed=1)
for dt,cdt in [('int64','kLong'),('int32','kInt'),('int8','kChar'),('float','kFloat'),('double','kDouble'),('half','kHalf')]:
    case('RandomFrom_'+dt,f'torch.empty(5,dtype=torch.{dt}).random_(-3,None)',f'empty({{5}}, {cdt}).random_(-3, std::optional<int64_t>())',cdt,seed=1)
case('RandomTo','torch.empty(5,dtype=torch.int64).random_(10)','empty({5}, kLong).random_(10)','kLong',seed=1)
case('RandomFromTo','torch.empty(5,dtype=torch.int64).random_(-3,2**40)','empty({5}, kLong).random_(-3, int64_t{1} << 40)','kLong',seed=1)
case('RandomFullInt64','torch.empty(4,dtype=torch.int64).random_(-2**63,None)','empty({4}, kLong).random_(std::numeric_limits<int64_t>::min(), std::optional<int64_t>())','kLong',seed=1)
case('Randperm10','torch.randperm(10)','randperm(10)','kLong',seed=2)
case('Randperm1000','torch.randperm(1000)','randperm(1000)','kLong',stride=13,seed=2)
case('RandpermFloat','torch.randperm(30,dtype=torch.float)','randperm(30, kFloat)','kFloat',seed=2)
case('RandpermInt32','torch.randperm(30,dtype=torch.int32)','randperm(30, kInt)','kInt',seed=2)
case('BernoulliScalar','torch.empty(20).bernoulli_(0.3)','empty({20}).bernoulli_(0.3)','kFloat',seed=2)
case('BernoulliScalarBool','torch.empty(20,dtype=torch.bool).bernoulli_(0.6)','empty({20}, kBool).bernoulli_(0.6)','kBool',seed=2)
case('BernoulliTensorFloatP','torch.empty(20).bernoulli_(torch.linspace(0,1,20))','empty({20}).bernoulli_(linspace(0, 1, 20))','kFloat',seed=2)
case('BernoulliTensorDoubleP','torch.bernoulli(torch.linspace(0,1,20,dtype=torch.double))','bernoulli(linspace(0, 1, 20, kDouble))','kDouble',seed=2)
case('BernoulliBroadcastP','torch.empty(3,4).bernoulli_(torch.tensor([0.1,0.5,0.9,0.7]))','empty({3, 4}).bernoulli_(tensor({0.1f, 0.5f, 0.9f, 0.7f}))','kFloat',seed=2)
case('BernoulliMethod','torch.full((10,),0.4).bernoulli()','full({10}, 0.4).bernoulli()','kFloat',seed=9)
case('BernoulliFunctionalScalar','torch.bernoulli(torch.zeros(10), 0.25)','bernoulli(zeros({10}), 0.25)','kFloat',seed=9)
case('ExponentialDouble','torch.empty(50,dtype=torch.double).exponential_(3)','empty({50}, kDouble).exponential_(3)','kDouble',seed=2)
case('ExponentialFloat','torch.empty(50).exponential_()','empty({50}).exponential_()','kFloat',seed=2)
case('ExponentialHalf','torch.empty(50,dtype=torch.half).exponential_(3)','empty({50}, kHalf).exponential_(3)','kHalf',seed=2)
case('MultinomialReplacement','torch.multinomial(torch.tensor([[0.1,0.2,0.3,0.4],[1.,0,2,5]]),6,True)','multinomial(tensor({{0.1f, 0.2f, 0.3f, 0.4f}, {1.f, 0.f, 2.f, 5.f}}), 6, true)','kLong',seed=4)
case('MultinomialReplacementOne','torch.multinomial(torch.tensor([[0.1,0.2,0.3,0.4],[1.,0,2,5]]),1,True)','multinomial(tensor({{0.1f, 0.2f, 0.3f, 0.4f}, {1.f, 0.f, 2.f, 5.f}}), 1, true)','kLong',seed=4)
case('MultinomialNoReplacement','torch.multinomial(torch.tensor([[0.1,0.2,0.3,0.4],[1.,0,2,5]]),3)','multinomial(tensor({{0.1f, 0.2f, 0.3f, 0.4f}, {1.f, 0.f, 2.f, 5.f}}), 3)','kLong',seed=4)
case('MultinomialNoReplacement1d','torch.multinomial(torch.arange(1,101.),20)','multinomial(arange(1, 101.), 20)','kLong',seed=11)
case('MultinomialMethodDouble','torch.arange(1,9,dtype=torch.double).multinomial(30,True)','arange(1, 9, kDouble).multinomial(30, true)','kLong',seed=11)
case('RandLike','torch.rand_like(torch.zeros(2,3,dtype=torch.double))','rand_like(zeros({2, 3}, kDouble))','kDouble',seed=6)
case('RandnLike','torch.randn_like(torch.zeros(4))','randn_like(zeros({4}))','kFloat',seed=6)
case('RandintLike','torch.randint_like(torch.zeros(4,dtype=torch.int32),3,9)','randint_like(zeros({4}, kInt), 3, 9)','kInt',seed=6)
case('RandintLikeHigh','torch.randint_like(torch.zeros(4),9)','randint_like(zeros({4}), 9)','kFloat',seed=6)
case('RandintBool','torch.randint(0,2,(6,),dtype=torch.bool)','randint(0, 2, {6}, kBool)','kBool',seed=3)
case('RandintUint8','torch.randint(3,200,(6,),dtype=torch.uint8)','randint(3, 200, {6}, kByte)','kByte',seed=3)
case('RandintHalf','torch.randint(-50,50,(6,),dtype=torch.half)','randint(-50, 50, {6}, kHalf)','kHalf',seed=3)
case('UniformRangeBFloat16','torch.empty(50,dtype=torch.bfloat16).uniform_(-1.5,2.25)','empty({50}, kBFloat16).uniform_(-1.5, 2.25)','kBFloat16',seed=3)
case('ExponentialBFloat16','torch.empty(50,dtype=torch.bfloat16).exponential_(0.5)','empty({50}, kBFloat16).exponential_(0.5)','kBFloat16',seed=3)
case('MultinomialDoubleNoReplacement','torch.multinomial(torch.tensor([[0.1,0.2,0.3,0.4]]*3,dtype=torch.double),4)','multinomial(tensor({{0.1, 0.2, 0.3, 0.4}, {0.1, 0.2, 0.3, 0.4}, {0.1, 0.2, 0.3, 0.4}}, kDouble), 4)','kLong',seed=3)
case('RandnDoubleNonMultipleOf16','torch.randn(2,17,dtype=torch.double)','randn({2, 17}, kDouble)','kDouble',seed=3)
case('Generator2D','torch.randn(3,5)','randn({3, 5})','kFloat',seed=12)
case('UniformPermuted3d','torch.empty_strided((2,3,4),(1,2,6)).uniform_()','empty_strided({2, 3, 4}, {1, 2, 6}).uniform_()','kFloat',seed=13)
case('NormalStridedFloat','torch.empty_strided((40,),(3,)).normal_()','empty_strided({40}, {3}).normal_()','kFloat',seed=13)
case('BernoulliStridedSelf','torch.empty_strided((4,5),(1,4)).bernoulli_(torch.full((5,),0.5,dtype=torch.double))','empty_strided({4, 5}, {1, 4}).bernoulli_(full({5}, 0.5, kDouble))','kFloat',seed=13)
case('MultinomialBFloat16Replacement','torch.multinomial(torch.tensor([0.1,0.2,0.3,0.4],dtype=torch.bfloat16),12,True)','multinomial(tensor({0.1f, 0.2f, 0.3f, 0.4f}, kBFloat16), 12, true)','kLong',seed=3)
case('MultinomialBFloat16NoReplacement','torch.multinomial(torch.tensor([0.1,0.2,0.3,0.4],dtype=torch.bfloat16),3)','multinomial(tensor({0.1f, 0.2f, 0.3f, 0.4f}, kBFloat16), 3)','kLong',seed=3)
case('MultinomialManyCategories','torch.multinomial(torch.rand(3,1000),50,True)','multinomial(rand({3, 1000}), 50, true)','kLong',seed=14)
case('MultinomialManyNoReplacement','torch.multinomial(torch.rand(3,1000),50)','multinomial(rand({3, 1000}), 50)','kLong',seed=14)
case('SeedTruncatedTo32Bits','torch.rand(3)','rand({3})','kFloat',seed=2**40+5)

print('''// Expected values recorded from torch 1.13 (CPU) with the same seed and call.
// Generated by running each PyTorch expression beside its wick spelling.
#include <limits>

#include "test_utils.h"
#include "wick/ops/random.h"

using namespace wick;

namespace {
Tensor cat3(const Tensor& a, const Tensor& b, const Tensor& c) {
  std::vector<double> all;
  for (const Tensor* t : {&a, &b, &c})
    for (double v : test::values(*t)) all.push_back(v);
  return tensor(all, a.options());
}
// Every `stride`-th element of t (flattened) must equal `expected` exactly.
void expect_stream(const Tensor& t, ScalarType dtype, std::vector<int64_t> shape, int64_t stride,
                   const std::vector<double>& expected) {
  ASSERT_EQ(t.dtype(), dtype);
  ASSERT_EQ(t.sizes().vec(), shape);
  auto v = test::values(t);
  ASSERT_EQ((v.size() + stride - 1) / stride, expected.size());
  for (size_t i = 0; i < expected.size(); ++i)
    EXPECT_EQ(v[i * stride], expected[i]) << "element " << i * stride;
}
void expect_stream(const Tensor& t, ScalarType dtype, std::vector<int64_t> shape, int64_t stride,
                   const std::vector<int64_t>& expected) {
  ASSERT_EQ(t.dtype(), dtype);
  ASSERT_EQ(t.sizes().vec(), shape);
  Tensor c = t.contiguous();
  const int64_t* v = c.data_ptr<int64_t>();
  ASSERT_EQ((c.numel() + stride - 1) / stride, static_cast<int64_t>(expected.size()));
  for (size_t i = 0; i < expected.size(); ++i)
    EXPECT_EQ(v[i * stride], expected[i]) << "element " << i * stride;
}
}  // namespace
''')
for name,py,cpp,dt,stride,seed in cases:
    torch.manual_seed(seed)
    t=eval(py)
    vals=t.flatten()[::stride].tolist()
    shape=', '.join(str(s) for s in t.shape)
    body=', '.join(fmt(v) for v in vals)
    cseed = f'uint64_t{{{seed}}}' if seed>=2**31 else str(seed)
    print(f'''TEST(RandomStream, {name}) {{
  // torch.manual_seed({seed}); {py}
  manual_seed({cseed});
  Tensor t = {cpp};
  expect_stream(t, {dt}, {{{shape}}}, {stride}, std::vector<{'int64_t' if dt=='kLong' else 'double'}>{{{body}}});
}}
''')
