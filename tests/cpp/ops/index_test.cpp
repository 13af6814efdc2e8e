// gather/scatter, index_*, masked ops, nonzero, take/put against PyTorch:
// values from tensor/gen_indexing_data.py, plus every dtype, non-contiguous
// operands, parallel sizes and PyTorch's error messages.
#include <gtest/gtest.h>

#include <functional>
#include <string>

#include "tensor/index_random_ops.h"
#include "tensor/indexing_test_data.h"
#include "test_utils.h"
#include "wick/wick.h"

using namespace wick;

namespace {

Tensor expect(const indexing_data::Case& c, ScalarType dt = kDouble) {
  return tensor(c.values, TensorOptions(kDouble)).to(dt).reshape(c.shape);
}
Tensor L(std::vector<int64_t> v) { return tensor(v); }
Tensor L2(std::vector<int64_t> v, int64_t rows) { return tensor(v).reshape({rows, -1}); }
Tensor A() { return arange(12, TensorOptions(kDouble)).reshape({3, 4}); }
Tensor At() { return arange(12, TensorOptions(kDouble)).reshape({4, 3}).t(); }
Tensor si() { return L2({0, 1, 2, 0, 2, 0, 0, 1}, 2); }
Tensor src() { return arange(1, 9, TensorOptions(kDouble)).reshape({2, 4}); }

const ScalarType kAll[] = {kBool, kByte, kChar, kShort, kInt, kLong, kHalf, kBFloat16, kFloat, kDouble};

using test::error_of;
using test::raises;

#define EXPECT_CASE(actual, name) EXPECT_TENSOR_EQ(actual, expect(indexing_data::name))

}  // namespace

TEST(IndexOps, Gather) {
  EXPECT_CASE(A().gather(0, L2({2, 0, 1, 1, 0, 0, 2, 1}, 2)), gather0);
  EXPECT_CASE(gather(A(), 1, L2({3, 0, 1, 1, 2, 0}, 3)), gather1);
  EXPECT_CASE(At().gather(1, L2({3, 0, 1, 1, 2, 0}, 3)), gather_t);
  EXPECT_CASE(A().gather(-1, L2({1, 3, 0}, 3)), gather_neg_dim);
  EXPECT_CASE(A().gather(0, L2({2, 1, 0, 1}, 1).expand({2, 4})), gather_bcast_idx);
  // 0-dim and empty
  EXPECT_TENSOR_EQ(tensor(5.0).gather(0, L({0}).reshape({})), tensor(5.0));
  EXPECT_TENSOR_EQ(tensor(5.0).gather(0, L({0, 0})), tensor({5.0, 5.0}));
  EXPECT_TENSOR_EQ(arange(3, TensorOptions(kDouble)).gather(0, L({2}).reshape({})), tensor(2.0, TensorOptions(kDouble)));
  EXPECT_EQ(A().gather(1, empty({0, 5}, TensorOptions(kLong))).sizes(), IntArrayRef({0, 5}));
  // out=
  Tensor out = empty({0}, TensorOptions(kDouble));
  gather_out(out, A(), 1, L2({3, 0, 1, 1, 2, 0}, 3));
  EXPECT_CASE(out, gather1);
  for (ScalarType dt : kAll) {
    SCOPED_TRACE(to_string(dt));
    EXPECT_TENSOR_EQ(A().to(dt).gather(0, L2({2, 0, 1, 1, 0, 0, 2, 1}, 2)),
                     expect(indexing_data::gather0).to(dt));
  }
}

TEST(IndexOps, Scatter) {
  Tensor Z = zeros({3, 4}, TensorOptions(kDouble));
  EXPECT_CASE(Z.scatter(0, si(), src()), scatter_src);
  EXPECT_CASE(Z.scatter(1, L2({0, 3, 1, 1, 2, 0}, 3), 2.5), scatter_value);
  EXPECT_CASE(A().scatter(0, si(), src(), "add"), scatter_add_red);
  EXPECT_CASE(A().scatter(0, si(), src(), "multiply"), scatter_mul_red);
  EXPECT_CASE(A().scatter(1, L2({0, 3, 1, 1, 2, 0}, 3), 2.0, "multiply"), scatter_value_mul);
  EXPECT_CASE(A().scatter_add(0, si(), src()), scatter_add);
  EXPECT_CASE(At().scatter_add(1, L2({0, 0, 3, 1, 2, 2}, 3), arange(6, TensorOptions(kDouble)).reshape({3, 2})),
              scatter_add_t);
  Tensor s = A();
  auto v0 = s._version();
  s.scatter_(0, si(), src());
  EXPECT_GT(s._version(), v0);
  Tensor ref = A();
  scatter_(ref, 0, si(), src());
  EXPECT_TENSOR_EQ(s, ref);
  Tensor out = empty({1}, TensorOptions(kDouble));
  scatter_add_out(out, A(), 0, si(), src());
  EXPECT_CASE(out, scatter_add);
  // Non-contiguous src, larger than index.
  Tensor bigsrc = arange(24, TensorOptions(kDouble)).reshape({4, 6}).t();  // [6, 4]
  EXPECT_TENSOR_EQ(Z.scatter(0, si(), bigsrc), Z.scatter(0, si(), bigsrc.contiguous()));
  for (ScalarType dt : kAll) {
    SCOPED_TRACE(to_string(dt));
    EXPECT_TENSOR_EQ(Z.to(dt).scatter(0, si(), src().to(dt)),
                     expect(indexing_data::scatter_src).to(dt));
    if (dt != kBool)
      EXPECT_TENSOR_EQ(A().to(dt).scatter_add(0, si(), src().to(dt)),
                       expect(indexing_data::scatter_add).to(dt));
  }
  Tensor b = tensor({{true, false}});
  EXPECT_TENSOR_EQ(b.scatter_add(1, L2({0, 1}, 1), tensor({{false, true}})), tensor({{true, true}}));
  EXPECT_TENSOR_EQ(b.scatter(1, L2({0, 1}, 1), tensor({{false, true}}), "add"), tensor({{true, true}}));
}

TEST(IndexOps, ScatterReduce) {
  Tensor s = tensor({{5.0, -1.0, 7.0, 2.0}, {3.0, 9.0, -4.0, 0.5}}, TensorOptions(kDouble));
#define SR(red, inc) EXPECT_CASE(A().scatter_reduce(0, si(), s, #red, inc), sr_##red##_##inc)
  SR(sum, 1); SR(sum, 0); SR(prod, 1); SR(prod, 0); SR(mean, 1); SR(mean, 0);
  SR(amax, 1); SR(amax, 0); SR(amin, 1); SR(amin, 0);
#undef SR
  Tensor Ai = arange(-6, 6, TensorOptions(kLong)).reshape({3, 4});
  Tensor si_src = L2({5, -1, 7, 2, 3, 9, -4, 1}, 2);
  EXPECT_TENSOR_EQ(Ai.scatter_reduce(0, si(), si_src, "mean"), expect(indexing_data::sr_int_mean_1, kLong));
  EXPECT_TENSOR_EQ(Ai.scatter_reduce(0, si(), si_src, "mean", false),
                   expect(indexing_data::sr_int_mean_0, kLong));
  // NaN propagates through amax/amin.
  Tensor n = tensor({{10.0, 10.0, 10.0}}).scatter_reduce(1, L2({0, 0, 1}, 1),
                                                         tensor({{std::nan(""), 2.0, 4.0}}), "amax");
  EXPECT_TRUE(std::isnan(n.index({0, 0}).item<double>()));
  EXPECT_EQ(n.index({0, 1}).item<double>(), 10.0);
  for (ScalarType dt : {kByte, kChar, kShort, kInt, kLong, kHalf, kBFloat16, kFloat}) {
    SCOPED_TRACE(to_string(dt));
    Tensor a = A().to(dt), sv = tensor({{5.0, 1.0, 7.0, 2.0}, {3.0, 9.0, 4.0, 0.0}}).to(dt);
    Tensor want = A().scatter_reduce(0, si(), sv.to(kDouble), "amax", false).to(dt);
    EXPECT_TENSOR_EQ(a.scatter_reduce(0, si(), sv, "amax", false), want);
    want = A().scatter_reduce(0, si(), sv.to(kDouble), "amin", true).to(dt);
    EXPECT_TENSOR_EQ(a.scatter_reduce(0, si(), sv, "amin", true), want);
  }
  Tensor b = tensor({{true, false}});
  EXPECT_TENSOR_EQ(b.scatter_reduce(1, L2({0, 1}, 1), tensor({{false, true}}), "prod"),
                   tensor({{false, false}}));
  EXPECT_THROW(b.scatter_reduce(1, L2({0, 1}, 1), tensor({{false, true}}), "mean"), NotImplementedError);
}

TEST(IndexOps, IndexSelect) {
  EXPECT_CASE(A().index_select(0, L({2, 0, 2})), isel0);
  EXPECT_CASE(index_select(A(), 1, L({3, 1})), isel1);
  EXPECT_CASE(At().index_select(1, L({3, 1, 0})), isel_t);
  Tensor xf = arange(24, TensorOptions(kDouble)).reshape({2, 3, 4});
  EXPECT_CASE(xf.index_select(1, L({2, 2, 0, 1})), isel_3d);
  EXPECT_CASE(xf.index_select(1, L({2, 2, 0, 1}).to(kInt)), isel_3d);
  EXPECT_EQ(A().index_select(1, L({2}).reshape({})).sizes(), IntArrayRef({3, 1}));
  EXPECT_TENSOR_EQ(tensor(5.0).index_select(0, L({0})), tensor(5.0));
  Tensor out = empty({0}, TensorOptions(kDouble));
  index_select_out(out, A(), 0, L({2, 0, 2}));
  EXPECT_CASE(out, isel0);
  for (ScalarType dt : kAll) {
    SCOPED_TRACE(to_string(dt));
    EXPECT_TENSOR_EQ(xf.to(dt).index_select(1, L({2, 2, 0, 1})), expect(indexing_data::isel_3d).to(dt));
    EXPECT_TENSOR_EQ(At().to(dt).index_select(1, L({3, 1, 0})), expect(indexing_data::isel_t).to(dt));
    EXPECT_TENSOR_EQ(xf.to(dt).index_select(2, L({3, 0})), xf.to(dt).index({"...", L({3, 0})}));
  }
  // Large, parallel: rows and columns.
  Tensor big = arange(300000, TensorOptions(kFloat)).reshape({1500, 200});
  Tensor rows = arange(1499, -1, -7, TensorOptions(kLong));
  Tensor r = big.index_select(0, rows);
  EXPECT_TENSOR_EQ(r[3], big[1499 - 21]);
  Tensor c = big.index_select(1, L({199, 0}));
  EXPECT_EQ(c.index({1000, 0}).item<float>(), big.index({1000, 199}).item<float>());
  Tensor ct = big.t().index_select(0, L({5, 6}));
  EXPECT_TENSOR_EQ(ct, big.t().contiguous().index_select(0, L({5, 6})));
  Tensor g = big.gather(1, arange(200, TensorOptions(kLong)).flip({0}).expand({1500, 200}));
  EXPECT_TENSOR_EQ(g, big.flip({1}));
}

TEST(IndexOps, IndexAddCopyFill) {
  EXPECT_CASE(A().index_add(0, L({2, 0, 2}), arange(12, TensorOptions(kDouble)).reshape({3, 4}), 2.5), iadd);
  EXPECT_CASE(A().index_add(1, L({1, 1}), ones({3, 2}, TensorOptions(kDouble))), iadd1);
  EXPECT_CASE(A().index_add(1, L({1, 1}).to(kInt), ones({3, 2}, TensorOptions(kDouble))), iadd1);
  EXPECT_CASE(A().index_copy(1, L({3, 0}), -arange(6, TensorOptions(kDouble)).reshape({3, 2})), icopy);
  EXPECT_CASE(A().index_fill(1, L({-1, 0}), -2.0), ifill);
  EXPECT_CASE(index_fill(A(), 1, L({-1, 0}), tensor(-2.0)), ifill);
  EXPECT_TENSOR_EQ(zeros({3}, TensorOptions(kLong)).index_add(0, L({0, 0}), L({1, 2}), 2),
                   L({6, 0, 0}));
  EXPECT_TENSOR_EQ(zeros({2, 3}).index_add(1, L({0}), ones({1, 1})),
                   tensor({{1.0f, 0.0f, 0.0f}, {1.0f, 0.0f, 0.0f}}));
  EXPECT_TENSOR_EQ(tensor(1.0).index_add(0, L({0}), tensor(2.0)), tensor(3.0));
  EXPECT_TENSOR_EQ(tensor(1.0).index_fill(0, L({0}), 3.0), tensor(3.0));
  EXPECT_TENSOR_EQ(zeros({3}, TensorOptions(kLong)).index_fill(0, L({0}), 2.7), L({2, 0, 0}));
  Tensor t = A();
  t.index_add_(0, L({2, 0, 2}), arange(12, TensorOptions(kDouble)).reshape({3, 4}), 2.5);
  EXPECT_CASE(t, iadd);
  for (ScalarType dt : kAll) {
    SCOPED_TRACE(to_string(dt));
    Tensor s = -arange(6, TensorOptions(kDouble)).reshape({3, 2});
    EXPECT_TENSOR_EQ(A().to(dt).index_copy(1, L({3, 0}), s.to(dt)),
                     expect(indexing_data::icopy).to(dt));
    EXPECT_TENSOR_EQ(A().to(dt).index_fill(1, L({-1, 0}), -2.0), expect(indexing_data::ifill).to(dt));
    if (dt != kBool)
      EXPECT_TENSOR_EQ(At().to(dt).index_add(1, L({1, 1}), ones({3, 2}, TensorOptions(dt))),
                       At().index_add(1, L({1, 1}), ones({3, 2}, TensorOptions(kDouble))).to(dt));
  }
  Tensor out = empty({0}, TensorOptions(kDouble));
  index_copy_out(out, A(), 1, L({3, 0}), -arange(6, TensorOptions(kDouble)).reshape({3, 2}));
  EXPECT_CASE(out, icopy);
}

TEST(IndexOps, Masks) {
  EXPECT_CASE(A().masked_select(tensor({true, false, true, true})), msel);
  EXPECT_CASE(A().masked_fill(tensor({{true}, {false}, {true}}), 9.0), mfill);
  EXPECT_CASE(A().masked_fill(tensor({{true}, {false}, {true}}), tensor(int64_t(9))), mfill);
  EXPECT_CASE(arange(4, TensorOptions(kDouble))
                  .masked_fill(tensor({{true, false, false, true}, {false, true, false, false}}), -1.0),
              mfill_bcast);
  Tensor ms = tensor({{true, false, true, false}, {false, false, false, true}, {true, true, false, false}});
  EXPECT_CASE(A().masked_scatter(ms, arange(100, 110, TensorOptions(kDouble))), mscatter);
  EXPECT_TENSOR_EQ(zeros({3}).masked_scatter(tensor({{true}, {false}}), arange(10, 20, TensorOptions(kFloat))),
                   tensor({{10.0f, 11.0f, 12.0f}, {0.0f, 0.0f, 0.0f}}));
  EXPECT_TENSOR_EQ(arange(3, TensorOptions(kFloat)).masked_select(tensor({{true}, {false}})),
                   tensor({0.0f, 1.0f, 2.0f}));
  EXPECT_TENSOR_EQ(zeros({3}, TensorOptions(kLong)).masked_fill(tensor({true, false, true}), 2.7),
                   L({2, 0, 2}));
  Tensor t = A();
  t.masked_fill_(tensor({true, false, true, true}), 0.5);
  EXPECT_TENSOR_EQ(t, A().masked_fill(tensor({true, false, true, true}), 0.5));
  for (ScalarType dt : kAll) {
    SCOPED_TRACE(to_string(dt));
    EXPECT_TENSOR_EQ(A().to(dt).masked_select(tensor({true, false, true, true})),
                     expect(indexing_data::msel).to(dt));
    EXPECT_TENSOR_EQ(A().to(dt).masked_fill(tensor({{true}, {false}, {true}}), 9),
                     expect(indexing_data::mfill).to(dt));
    EXPECT_TENSOR_EQ(At().to(dt).masked_scatter(ms, arange(100, 110, TensorOptions(dt == kBool ? kDouble : dt)).to(dt)),
                     At().masked_scatter(ms, arange(100, 110, TensorOptions(kDouble))).to(dt));
  }
  // Large: the two-pass parallel select matches a strided reference.
  Tensor big = arange(400000, TensorOptions(kFloat)).reshape({400, 1000}).t();
  Tensor mask = big.remainder(3).eq(0);
  Tensor sel = big.masked_select(mask);
  EXPECT_TENSOR_EQ(sel, big.contiguous().masked_select(mask.contiguous()));
  EXPECT_EQ(sel.numel(), mask.nonzero().size(0));
  Tensor out = empty({0});
  masked_select_out(out, big, mask);
  EXPECT_TENSOR_EQ(out, sel);
}

TEST(IndexOps, NonzeroTakePut) {
  Tensor nzin = L({0, 1, 2, 0, 0, 0, 3, 4}).reshape({2, 2, 2});
  EXPECT_TENSOR_EQ(nzin.nonzero(), expect(indexing_data::nonzero, kLong));
  EXPECT_TENSOR_EQ(argwhere(nzin), expect(indexing_data::nonzero, kLong));
  auto cols = nzin.nonzero_numpy();
  ASSERT_EQ(cols.size(), 3u);
  EXPECT_TENSOR_EQ(cols[2], expect(indexing_data::nonzero, kLong).select(1, 2));
  auto w = where(L({0, 1, 2, 0}).reshape({2, 2}));
  ASSERT_EQ(w.size(), 2u);
  EXPECT_TENSOR_EQ(w[0], L({0, 1}));
  EXPECT_TENSOR_EQ(w[1], L({1, 0}));
  EXPECT_EQ(tensor(5).nonzero().sizes(), IntArrayRef({1, 0}));
  EXPECT_EQ(tensor(0).nonzero().sizes(), IntArrayRef({0, 0}));
  auto t0 = tensor(5).nonzero_numpy();
  ASSERT_EQ(t0.size(), 1u);
  EXPECT_TENSOR_EQ(t0[0], L({0}));
  EXPECT_TENSOR_EQ(tensor({0.0, std::nan(""), -0.0}).nonzero(), L({1}).reshape({1, 1}));
  for (ScalarType dt : kAll) {
    SCOPED_TRACE(to_string(dt));
    EXPECT_TENSOR_EQ(nzin.to(dt).transpose(0, 2).nonzero(), nzin.transpose(0, 2).contiguous().nonzero());
  }
  Tensor big = arange(300000, TensorOptions(kLong)).remainder(7).eq(0).reshape({300, 1000});
  Tensor nz = big.nonzero();
  EXPECT_EQ(nz.size(0), 42858);
  EXPECT_TENSOR_EQ(nz[100], L({0, 700}));
  EXPECT_TENSOR_EQ(nz[nz.size(0) - 1], L({299, 999}));
  Tensor out = empty({0}, TensorOptions(kLong));
  nonzero_out(out, nzin);
  EXPECT_TENSOR_EQ(out, expect(indexing_data::nonzero, kLong));

  EXPECT_CASE(A().take(L2({0, 11, -1, 5}, 2)), take);
  EXPECT_CASE(At().take(L({1, 4, -2})), take_t);
  EXPECT_CASE(A().put(L({0, 11, -1}), tensor({-1.0, -2.0, -3.0}, TensorOptions(kDouble)), true), put);
  EXPECT_CASE(At().put(L({1, 4}), tensor({50.0, 60.0}, TensorOptions(kDouble))), put_t);
  Tensor p = At();
  p.put_(L({1, 4}), tensor({50.0, 60.0}, TensorOptions(kDouble)));
  EXPECT_CASE(p, put_t);
  EXPECT_EQ(zeros({0}).take(empty({0}, TensorOptions(kLong))).numel(), 0);
  for (ScalarType dt : kAll) {
    SCOPED_TRACE(to_string(dt));
    EXPECT_TENSOR_EQ(At().to(dt).take(L({1, 4, -2})), expect(indexing_data::take_t).to(dt));
  }
}

TEST(IndexOps, Errors) {
  Tensor x = arange(6, TensorOptions(kFloat)).reshape({2, 3});
  // gather
  EXPECT_EQ(error_of([&] { x.gather(1, L2({0}, 1).to(kInt)); }), "gather(): Expected dtype int64 for index");
  EXPECT_EQ(error_of([&] { x.gather(1, L({0}).reshape({})); }),
            "Index tensor must have the same number of dimensions as input tensor");
  EXPECT_EQ(error_of([&] { x.gather(0, zeros({2, 5}, TensorOptions(kLong))); }),
            "Size does not match at dimension 1 expected index [2, 5] to be smaller than self [2, 3] apart from dimension 0");
  EXPECT_EQ(error_of([&] { x.gather(1, L2({7}, 1)); }), "index 7 is out of bounds for dimension 1 with size 3");
  EXPECT_EQ(error_of([&] { x.gather(1, L2({-1}, 1)); }), "index -1 is out of bounds for dimension 1 with size 3");
  EXPECT_TRUE(raises<IndexError>([&] { x.gather(2, L2({0}, 1)); }));
  Tensor lo = empty({0}, TensorOptions(kLong));
  EXPECT_EQ(error_of([&] { gather_out(lo, x, 1, L2({0}, 1)); }),
            "Expected out tensor to have dtype float, but got long int instead");
  // scatter
  EXPECT_EQ(error_of([&] { x.scatter(1, L2({0}, 1).to(kInt), 1.0); }), "scatter(): Expected dtype int64 for index");
  EXPECT_EQ(error_of([&] { x.scatter(1, L2({0}, 1), ones({1, 1}, TensorOptions(kLong))); }),
            "scatter(): Expected self.dtype to be equal to src.dtype");
  EXPECT_EQ(error_of([&] { x.scatter(1, L({0}), 1.0); }),
            "Index tensor must have the same number of dimensions as self tensor");
  EXPECT_EQ(error_of([&] { x.scatter(0, zeros({2, 5}, TensorOptions(kLong)), ones({2, 5})); }),
            "Expected index [2, 5] to be smaller than self [2, 3] apart from dimension 0 and to be smaller size than src [2, 5]");
  EXPECT_EQ(error_of([&] { x.scatter(0, zeros({2, 2}, TensorOptions(kLong)), ones({1, 5})); }),
            "Expected index [2, 2] to be smaller than self [2, 3] apart from dimension 0 and to be smaller size than src [1, 5]");
  EXPECT_EQ(error_of([&] { x.scatter(0, zeros({3, 5}, TensorOptions(kLong)), 1.0); }),
            "Expected index [3, 5] to be smaller than self [2, 3] apart from dimension 0");
  EXPECT_EQ(error_of([&] { x.scatter(1, L2({7}, 1), 1.0); }), "index 7 is out of bounds for dimension 1 with size 3");
  EXPECT_EQ(error_of([&] { x.scatter_add(1, L2({3}, 1), ones({1, 1})); }),
            "index 3 is out of bounds for dimension 1 with size 3");
  EXPECT_EQ(error_of([&] { x.scatter(1, L2({0}, 1), 1.0, "sum"); }), "reduce argument must be either add or multiply.");
  EXPECT_EQ(error_of([&] { x.scatter_reduce(1, L2({0}, 1), ones({1, 1}), "add"); }),
            "reduce argument must be either sum, prod, mean, amax or amin, got add");
  EXPECT_EQ(error_of([&] { x.scatter_reduce(1, L2({5}, 1), ones({1, 1}), "sum"); }),
            "index 5 is out of bounds for dimension 1 with size 3");
  Tensor before = x.clone();
  EXPECT_THROW(x.scatter_(1, L2({0, 9}, 1), ones({1, 2})), Error);
  EXPECT_TENSOR_EQ(x, before);  // nothing written
  // index_select
  EXPECT_EQ(error_of([&] { x.index_select(1, tensor({0.0})); }),
            "index_select(): Expected dtype int32 or int64 for index");
  EXPECT_EQ(error_of([&] { x.index_select(1, L2({0}, 1)); }), "index_select(): Index is supposed to be a vector");
  EXPECT_EQ(error_of([&] { x.index_select(1, L({3})); }), "index out of range in self");
  EXPECT_TRUE(raises<IndexError>([&] { x.index_select(1, L({-1})); }));
  EXPECT_EQ(error_of([&] { index_select_out(lo, x, 1, L({0})); }),
            "index_select(): self and result must have the same scalar type");
  // index_add
  EXPECT_EQ(error_of([&] { x.index_add(1, tensor({0.0f}), ones({2, 1})); }),
            "index_add_(): Expected dtype int32/int64 for index but got: Float");
  EXPECT_EQ(error_of([&] { x.index_add(1, L2({0}, 1), ones({2, 1})); }),
            "index_add_(): Index is supposed to be a vector, but got dim: 2 with type: Long and size: [1, 1]");
  EXPECT_EQ(error_of([&] { x.index_add(1, L({0}), ones({2, 1}, TensorOptions(kLong))); }),
            "index_add_(): self (Float) and source (Long) must have the same scalar type");
  EXPECT_EQ(error_of([&] { x.index_add(1, L({0, 1}), ones({2, 3})); }),
            "index_add_(): Number of indices (2) should be equal to source.size(dim): (3), for dim: 1");
  EXPECT_EQ(error_of([&] { x.index_add(1, L({0}), ones({2})); }),
            "index_add_(): Indexing dim 1 is out of bounds of the source tensor with dim 1");
  EXPECT_EQ(error_of([&] { x.index_add(1, L({0}), ones({3, 1})); }),
            "The size of tensor a (2) must match the size of tensor b (3) at non-singleton dimension 0");
  EXPECT_EQ(error_of([&] { x.index_add(1, L({3}), ones({2, 1})); }), "index out of range in self");
  EXPECT_TRUE(raises<IndexError>([&] { x.index_add(1, L({-1}), ones({2, 1})); }));
  // index_copy
  EXPECT_EQ(error_of([&] { x.index_copy(1, tensor({0.0f}), ones({2, 1})); }),
            "index_copy_(): Expected a long tensor for index, but got Float");
  EXPECT_EQ(error_of([&] { x.index_copy(1, L2({0}, 1), ones({2, 1})); }),
            "index_copy_(): Index should have dimension 1 or 0 (got 2)");
  EXPECT_EQ(error_of([&] { x.index_copy(1, L({0}), ones({2, 1}, TensorOptions(kLong))); }),
            "index_copy_(): self and source expected to have the same dtype, but got (self) Float and (source) Long");
  EXPECT_EQ(error_of([&] { x.index_copy(1, L({0, 1}), ones({2, 3})); }),
            "index_copy_(): Number of indices (2) should be equal to source.size(dim) (3)");
  EXPECT_EQ(error_of([&] { x.index_copy(1, L({0}), ones({2})); }),
            "index_copy_(): When source and destination are not scalars, their dimensionality must match. "
            "Source dimensionality (1), destination dimensionality (2)");
  EXPECT_EQ(error_of([&] { zeros({2, 3, 4}).index_copy(1, L({0}), ones({3, 1, 5})); }),
            "index_copy_(): Source/destination tensor must have same slice shapes. Destination slice shape: "
            "2 4 at dimension 1 and source slice shape: 3 5 at dimension 0.");
  EXPECT_EQ(error_of([&] { x.index_copy(1, L({3}), ones({2, 1})); }),
            "index_copy_(): index 3 is out of bounds for dimension 1 with size 3");
  // index_fill
  EXPECT_EQ(error_of([&] { x.index_fill(1, L({0}).to(kInt), 1.0); }), "index_fill_(): Expected dtype int64 for index.");
  EXPECT_EQ(error_of([&] { x.index_fill(1, L2({0}, 1), 1.0); }), "Index has to be a vector/scalar");
  EXPECT_EQ(error_of([&] { x.index_fill(1, L({3}), 1.0); }), "index 3 is out of bounds for dimension 1 with size 3");
  EXPECT_EQ(error_of([&] { x.index_fill(1, L({-4}), 1.0); }), "index -4 is out of bounds for dimension 1 with size 3");
  EXPECT_EQ(error_of([&] { index_fill(x, 1, L({0}), tensor({1.0f})); }),
            "index_fill_ only supports a 0-dimensional value tensor, but got tensor with 1 dimension(s).");
  // masks
  EXPECT_EQ(error_of([&] { x.masked_fill(ones({2, 3}), 1.0); }),
            "masked_fill_ only supports boolean masks, but got mask with dtype float");
  EXPECT_EQ(error_of([&] { x.masked_fill_(ones({2, 3}, TensorOptions(kByte)), 1.0); }),
            "masked_fill_ only supports boolean masks, but got mask with dtype unsigned char");
  EXPECT_EQ(error_of([&] { x.masked_fill(tensor({true, false, true}), tensor({1.0f, 2.0f})); }),
            "masked_fill_ only supports a 0-dimensional value tensor, but got tensor with 1 dimension(s).");
  EXPECT_EQ(error_of([&] { x.masked_fill(tensor({true, false}), 1.0); }),
            "The size of tensor a (3) must match the size of tensor b (2) at non-singleton dimension 1");
  EXPECT_EQ(error_of([&] { zeros({3}).masked_fill_(tensor({{true}, {false}}), 1.0); }),
            "output with shape [3] doesn't match the broadcast shape [2, 3]");
  EXPECT_EQ(error_of([&] { x.masked_select(ones({2, 3})); }), "masked_select: expected BoolTensor for mask");
  EXPECT_EQ(error_of([&] { x.masked_scatter(tensor({true, false, true}), ones({6}, TensorOptions(kLong))); }),
            "masked_scatter: expected self and source to have same dtypes but gotFloat and Long");
  EXPECT_EQ(error_of([&] { x.masked_scatter(tensor({1.0f, 0.0f, 1.0f}), ones({6})); }),
            "masked_scatter_ only supports boolean masks, but got mask with dtype float");
  EXPECT_EQ(error_of([&] { x.masked_scatter(tensor({true, false, true}), ones({3})); }),
            "Number of elements of source < number of ones in mask");
  Tensor fo = empty({0});
  EXPECT_EQ(error_of([&] { masked_select_out(lo, x, tensor({true, false, true})); }),
            "masked_select(): self and result must have the same scalar type");
  EXPECT_EQ(error_of([&] { nonzero_out(fo, x); }),
            "nonzero: Expected out tensor to have scalar type Long but got scalar typeFloat");
  // take / put
  EXPECT_EQ(error_of([&] { x.take(tensor({0.0f})); }), "take(): Expected a long tensor for index, but got Float");
  EXPECT_EQ(error_of([&] { x.take(L({0}).to(kInt)); }), "take(): Expected a long tensor for index, but got Int");
  EXPECT_EQ(error_of([&] { x.take(L({6})); }), "out of range: tried to access index 6 on a tensor of 6 elements.");
  EXPECT_EQ(error_of([&] { x.take(L({-7})); }), "out of range: tried to access index -7 on a tensor of 6 elements.");
  EXPECT_TRUE(raises<IndexError>([&] { x.take(L({6})); }));
  EXPECT_EQ(error_of([&] { zeros({0}).take(L({0})); }), "take(): tried to take from an empty tensor");
  EXPECT_EQ(error_of([&] { take_out(lo, x, L({0})); }),
            "take(): self and out expected to have the same dtype, but got self.dtype = Float and out.dtype = Long");
  EXPECT_EQ(error_of([&] { x.put(tensor({0.0f}), tensor({1.0f})); }), "put_(): Expected a long tensor for index, but got Float");
  EXPECT_EQ(error_of([&] { x.put(L({0}), L({1})); }),
            "put_(): self and source expected to have the same dtype, but got self.dtype = Float and source.dtype = Long");
  EXPECT_EQ(error_of([&] { x.put(L({0, 1}), tensor({1.0f})); }),
            "put_(): Expected source and index to have the same number of elements, but got source.numel() = 1, index.numel() = 2");
  EXPECT_EQ(error_of([&] { x.put(L({6}), tensor({1.0f})); }),
            "out of range: tried to access index 6 on a tensor of 6 elements.");
  // Bad values deep inside large (parallel) inputs raise the same messages.
  Tensor big = zeros({1000, 1000});
  Tensor bi = zeros({1000, 1000}, TensorOptions(kLong));
  bi.index_put_({777, 555}, 5000);
  EXPECT_EQ(error_of([&] { big.gather(1, bi); }), "index 5000 is out of bounds for dimension 1 with size 1000");
  EXPECT_EQ(error_of([&] { big.scatter_add(0, bi, big); }),
            "index 5000 is out of bounds for dimension 0 with size 1000");
  EXPECT_EQ(error_of([&] { big.take(bi.mul(1000)); }),
            "out of range: tried to access index 5000000 on a tensor of 1000000 elements.");
  EXPECT_EQ(error_of([&] { big.index({bi}); }), "index 5000 is out of bounds for dimension 0 with size 1000");
}

TEST(IndexOps, RandomDimOpsMatchPyTorch) {
  Tensor base = arange(60, TensorOptions(kLong)).mul(7).remainder(60).sub(30).to(kDouble).reshape({3, 4, 5});
  Tensor srcb = arange(60, TensorOptions(kDouble)).mul(0.5).sub(7).reshape({3, 4, 5});
  int checked = 0;
  for (const auto& c : index_random_ops::cases) {
    const std::string op = c.op;
    SCOPED_TRACE(op + " dim " + std::to_string(c.dim) + (c.permuted ? " permuted" : ""));
    Tensor S = c.permuted ? base.permute({2, 0, 1}) : base;
    Tensor R = c.permuted ? srcb.permute({2, 0, 1}) : srcb;
    Tensor I = tensor(c.index).reshape(c.index_shape);
    Tensor got;
    if (op == "gather") got = S.gather(c.dim, I);
    else if (op == "scatter") got = S.scatter(c.dim, I, R);
    else if (op == "scatter_add") got = S.scatter_add(c.dim, I, R);
    else if (op == "scatter_value") got = S.scatter(c.dim, I, 3.25);
    else if (op == "index_select") got = S.index_select(c.dim, I);
    else if (op == "index_fill") got = S.index_fill(c.dim, I, -99.0);
    else if (op == "index_add") got = S.index_add(c.dim, I, R.narrow(c.dim, 0, I.numel()), 2.0);
    else if (op == "index_copy") got = S.index_copy(c.dim, I, R.narrow(c.dim, 0, I.numel()));
    else {
      auto parts = op.substr(3);  // "<reduce>_<include_self>"
      std::string red = parts.substr(0, parts.size() - 2);
      got = S.scatter_reduce(c.dim, I, R, red, parts.back() == '1');
    }
    EXPECT_TENSOR_EQ(got, tensor(c.values, TensorOptions(kDouble)).reshape(c.shape));
    ++checked;
  }
  EXPECT_EQ(checked, 160);
}

TEST(IndexOps, ParallelMatchesSerial) {
  // Integer-valued doubles: every summation order gives the same result.
  Tensor self = arange(600 * 700, TensorOptions(kDouble)).remainder(97).reshape({600, 700});
  Tensor src = arange(600 * 700, TensorOptions(kDouble)).remainder(13).reshape({600, 700});
  Tensor idx0 = arange(600 * 700, TensorOptions(kLong)).mul(7919).remainder(600).reshape({600, 700});
  Tensor idx1 = arange(600 * 700, TensorOptions(kLong)).mul(104729).remainder(700).reshape({600, 700});
  Tensor rows = arange(600, TensorOptions(kLong)).mul(31).remainder(600);
  Tensor cols = arange(600, TensorOptions(kLong)).mul(17).remainder(700);
  auto run = [&] {
    std::vector<Tensor> r;
    r.push_back(self.scatter_add(0, idx0, src));
    r.push_back(self.scatter_add(1, idx1, src));
    r.push_back(self.t().scatter_add(0, idx1.t(), src.t()));
    r.push_back(self.scatter_reduce(0, idx0, src, "amax", false));
    r.push_back(self.scatter(1, idx1, 5.0, "multiply"));
    r.push_back(self.gather(0, idx0));
    r.push_back(self.gather(1, idx1));
    r.push_back(self.index_add(0, rows, src));
    r.push_back(self.index_add(1, cols, src.narrow(1, 0, 600)));
    r.push_back(self.take(idx0));
    r.push_back(index_put(self, {rows}, src, true));
    r.push_back(index_put(self, {rows, std::nullopt}, src, true));
    r.push_back(index_put(self, {rows, cols}, src.select(1, 0), true));
    r.push_back(index_put(self, {std::nullopt, cols}, src.narrow(1, 0, 600), false));
    r.push_back(self.masked_scatter(src.gt(6), src.flatten()));
    r.push_back(self.index({rows, cols}));
    return r;
  };
  const int threads = get_num_threads();
  set_num_threads(1);
  auto serial = run();
  set_num_threads(std::max(threads, 2));
  auto parallel = run();
  set_num_threads(threads);
  ASSERT_EQ(serial.size(), parallel.size());
  for (size_t i = 0; i < serial.size(); ++i) {
    SCOPED_TRACE(i);
    EXPECT_TENSOR_EQ(parallel[i], serial[i]);
  }
  // And one against a hand reference: scatter_add along dim 0 counts targets.
  Tensor counts = zeros({600, 700}, TensorOptions(kDouble)).scatter_add(0, idx0, ones({600, 700}, TensorOptions(kDouble)));
  auto cv = test::values(counts);
  std::vector<double> col(700, 0.0);
  for (size_t i = 0; i < cv.size(); ++i) col[i % 700] += cv[i];
  for (double c : col) EXPECT_EQ(c, 600.0);
}
