// The per-op overhead work: TensorIterator's fast path for contiguous operands of
// one shape (Note [TensorIterator fast path]), the CPU allocator's small-block
// cache (Note [Small-block cache]) for tensor data and the small objects of a new
// tensor (impl, storage, version counter). Each fast path must give what the
// general one gives.
#include <gtest/gtest.h>

#include <cstring>
#include <set>
#include <thread>
#include <vector>

#include "test_utils.h"
#include "wick/core/dispatch.h"
#include "wick/core/small_alloc.h"
#include "wick/kernels/cpu/loops.h"
#include "wick/wick.h"

using namespace wick;

namespace {

Tensor seq(IntArrayRef shape, ScalarType dt = kFloat) {
  int64_t n = 1;
  for (auto s : shape) n *= s;
  return arange(n).to(dt).reshape(shape).contiguous();
}

// out = a + b through a TensorIterator (float/double kernels), keeping the iterator.
Tensor run_add(TensorIterator& iter) {
  WICK_DISPATCH_FLOATING_TYPES(iter.common_dtype(), "test_add", [&] {
    kernels::cpu_kernel(iter, [](scalar_t x, scalar_t y) -> scalar_t { return x + y; });
  });
  iter.cast_outputs();
  return iter.output();
}

std::vector<double> sum_values(const Tensor& a, const Tensor& b) {
  // Broadcast reference through the public op (not the code under test's geometry).
  std::vector<double> va = test::values(a.expand(infer_size(a.sizes(), b.sizes())));
  std::vector<double> vb = test::values(b.expand(infer_size(a.sizes(), b.sizes())));
  for (size_t i = 0; i < va.size(); ++i) va[i] += vb[i];
  return va;
}

bool same_counter(const Tensor& a, const Tensor& b) {
  return a.unsafeGetTensorImpl()->version_counter() == b.unsafeGetTensorImpl()->version_counter();
}

}  // namespace

TEST(TensorIteratorFastPath, ContiguousSameShapeIsOneDimension) {
  const std::vector<std::vector<int64_t>> shapes = {{}, {1}, {1, 1}, {5}, {2, 3}, {2, 1, 3},
                                                    {4, 1}, {3, 2, 2}};
  for (const auto& shape : shapes) {
    SCOPED_TRACE(::testing::PrintToString(shape));
    Tensor a = seq(shape), b = seq(shape) * 10;
    auto iter = TensorIterator::binary_op(Tensor(), a, b);
    const int64_t n = a.numel();
    EXPECT_EQ(iter.numel(), n);
    if (shape.empty()) {
      EXPECT_EQ(iter.ndim(), 0);
    } else {
      ASSERT_EQ(iter.ndim(), 1);
      EXPECT_EQ(iter.shape()[0], n);
      for (int i = 0; i < iter.ntensors(); ++i) {
        // What coalescing gives: one run, stride 0 for a single element.
        EXPECT_EQ(iter.strides(i)[0], n == 1 ? 0 : 4) << "operand " << i;
      }
    }
    EXPECT_TRUE(iter.is_contiguous());
    Tensor r = run_add(iter);
    EXPECT_EQ(r.sizes(), a.sizes());
    EXPECT_EQ(r.strides(), IntArrayRef(contiguous_strides(a.sizes())));
    EXPECT_EQ(test::values(r), sum_values(a, b));
  }
}

TEST(TensorIteratorFastPath, SizeOneDimWithAnyStrideCountsAsContiguous) {
  // is_contiguous() ignores the stride of a size-1 dim; the result is laid out
  // contiguously either way, as PyTorch does.
  Tensor base = seq({6});
  Tensor odd = make_view(base, {2, 1, 3}, {3, 99, 1}, 0);
  ASSERT_TRUE(odd.is_contiguous());
  auto iter = TensorIterator::binary_op(Tensor(), odd, seq({2, 1, 3}));
  EXPECT_EQ(iter.ndim(), 1);
  Tensor r = run_add(iter);
  EXPECT_EQ(r.strides(), IntArrayRef({3, 3, 1}));
  EXPECT_EQ(test::values(r), (std::vector<double>{0, 2, 4, 6, 8, 10}));
}

TEST(TensorIteratorFastPath, CasesThatTakeTheGeneralPath) {
  // Broadcasting.
  {
    Tensor a = seq({2, 3}), b = seq({3});
    auto iter = TensorIterator::binary_op(Tensor(), a, b);
    EXPECT_EQ(iter.strides(2)[0], 4);
    EXPECT_EQ(iter.ndim(), 2);  // b's row repeats: no coalescing across it
    EXPECT_EQ(test::values(run_add(iter)), sum_values(a, b));
  }
  // Different dtypes: the int input is cast to float first.
  {
    Tensor a = seq({2, 3}, kInt), b = seq({2, 3}, kDouble);
    auto iter = TensorIterator::binary_op(Tensor(), a, b);
    EXPECT_EQ(iter.common_dtype(), kDouble);
    Tensor r = run_add(iter);
    EXPECT_EQ(r.dtype(), kDouble);
    EXPECT_EQ(test::values(r), sum_values(a, b));
  }
  // Transposed operands: the output follows their layout.
  {
    Tensor base = seq({6});
    Tensor t = make_view(base, {3, 2}, {1, 3}, 0);
    auto iter = TensorIterator::binary_op(Tensor(), t, t);
    Tensor r = run_add(iter);
    EXPECT_EQ(r.strides(), IntArrayRef({1, 3}));
    EXPECT_EQ(test::values(r), sum_values(t, t));
  }
  // Empty tensors.
  {
    Tensor a = empty({0, 3}), b = empty({0, 3});
    auto iter = TensorIterator::binary_op(Tensor(), a, b);
    EXPECT_EQ(iter.numel(), 0);
    Tensor r = run_add(iter);
    EXPECT_EQ(r.sizes(), IntArrayRef({0, 3}));
  }
}

TEST(TensorIteratorFastPath, GivenOutputs) {
  Tensor a = seq({2, 3}), b = seq({2, 3});
  // out= of the right shape and dtype: written in place, version bumped.
  Tensor out = empty({2, 3});
  const uint32_t v0 = out._version();
  auto it1 = TensorIterator::binary_op(out, a, b);
  EXPECT_EQ(it1.ndim(), 1);
  run_add(it1);
  EXPECT_EQ(out._version(), v0 + 1);
  EXPECT_EQ(test::values(out), sum_values(a, b));
  // out= of another dtype: computed in float, cast into the double tensor.
  Tensor dout = zeros({2, 3}, kDouble);
  auto it2 = TensorIterator::binary_op(dout, a, b);
  EXPECT_EQ(it2.dtype(0), kFloat);
  Tensor r2 = run_add(it2);
  EXPECT_TRUE(r2.is_same(dout));
  EXPECT_EQ(test::values(dout), sum_values(a, b));
  // out= of the wrong shape: resized (then contiguous), as before.
  Tensor small = empty({4});
  auto it3 = TensorIterator::binary_op(small, a, b);
  run_add(it3);
  EXPECT_EQ(small.sizes(), IntArrayRef({2, 3}));
  EXPECT_EQ(test::values(small), sum_values(a, b));
  // A non-contiguous out=: written through its strides.
  Tensor wide = zeros({3, 2});
  Tensor wt = wide.t();
  auto it4 = TensorIterator::binary_op(wt, a, b);
  run_add(it4);
  EXPECT_EQ(test::values(wt), sum_values(a, b));
  // In place (a += b): output and input are one tensor.
  Tensor c = seq({2, 3});
  auto it5 = TensorIteratorConfig().add_output(c).add_input(c).add_input(b).resize_outputs(false).build();
  run_add(it5);
  EXPECT_EQ(test::values(c), sum_values(a, b));
}

TEST(TensorIteratorFastPath, ManyOperandsSpillPastTheInlineStorage) {
  // Five inputs and two outputs: more than the iterator keeps inline.
  std::vector<Tensor> in;
  for (int i = 0; i < 5; ++i) in.push_back(full({3}, static_cast<double>(i + 1)));
  TensorIteratorConfig cfg;
  cfg.add_output(Tensor()).add_output(Tensor());
  for (const auto& t : in) cfg.add_input(t);
  TensorIterator iter = cfg.build();
  ASSERT_EQ(iter.ntensors(), 7);
  EXPECT_EQ(iter.noutputs(), 2);
  EXPECT_EQ(iter.ninputs(), 5);
  iter.for_each([](char** data, const int64_t* strides, int64_t n) {
    for (int64_t k = 0; k < n; ++k) {
      float s = 0, p = 1;
      for (int j = 0; j < 5; ++j) {
        float v = *reinterpret_cast<float*>(data[2 + j] + k * strides[2 + j]);
        s += v;
        p *= v;
      }
      *reinterpret_cast<float*>(data[0] + k * strides[0]) = s;
      *reinterpret_cast<float*>(data[1] + k * strides[1]) = p;
    }
  });
  EXPECT_EQ(test::values(iter.output(0)), (std::vector<double>{15, 15, 15}));
  EXPECT_EQ(test::values(iter.output(1)), (std::vector<double>{120, 120, 120}));
  for (int j = 0; j < 5; ++j) EXPECT_TRUE(iter.input(j).is_same(in[j]));
}

TEST(TensorIteratorFastPath, OpsAgreeAcrossLayouts) {
  // The same values through contiguous (fast path) and transposed (general path)
  // operands give the same results for a few real ops.
  Tensor a = seq({4, 3}, kDouble) - 5, b = seq({4, 3}, kDouble) * 0.5 + 1;
  Tensor at = a.t().contiguous().t(), bt = b.t().contiguous().t();
  ASSERT_FALSE(at.is_contiguous());
  EXPECT_TRUE(test::tensors_close(a + b, at + bt));
  EXPECT_TRUE(test::tensors_close(a * b, at * bt));
  EXPECT_TRUE(test::tensors_close(a / b, at / bt));
  EXPECT_TRUE(test::tensors_close(a - 2, at - 2));
  EXPECT_TRUE(test::tensors_close(a.exp(), at.exp()));
  Tensor i = seq({4, 3}, kInt);
  EXPECT_TRUE(test::tensors_close(i + i, i.t().contiguous().t() + i));
  EXPECT_EQ((i + i).dtype(), kInt);
  EXPECT_EQ((i + a).dtype(), kDouble);
}

// ---- allocator ---------------------------------------------------------------------

TEST(CpuAllocatorCache, AlignedAndReused) {
  Allocator* alloc = cpu_allocator();
  EXPECT_EQ(alloc->allocate(0), nullptr);
  alloc->deallocate(nullptr, 0);
  for (size_t n : {1, 7, 63, 64, 65, 100, 128, 300, 511, 512, 513, 1000, 4096}) {
    void* p = alloc->allocate(n);
    ASSERT_NE(p, nullptr);
    EXPECT_EQ(reinterpret_cast<uintptr_t>(p) % kCpuAlignment, 0u) << n;
    std::memset(p, 0xab, n);
    alloc->deallocate(p, n);
  }
  // A freed small block is handed out again for a size of the same 64-byte class.
  void* p = alloc->allocate(100);
  alloc->deallocate(p, 100);
  void* q = alloc->allocate(120);
  EXPECT_EQ(p, q);
  alloc->deallocate(q, 120);
}

TEST(CpuAllocatorCache, LiveBlocksAreDistinct) {
  Allocator* alloc = cpu_allocator();
  // More blocks than a class keeps, freed and taken again twice over.
  for (int round = 0; round < 2; ++round) {
    std::vector<void*> blocks;
    std::set<void*> seen;
    for (int i = 0; i < 100; ++i) {
      size_t n = 1 + (i % 8) * 64;
      void* p = alloc->allocate(n);
      std::memset(p, i, n);
      EXPECT_TRUE(seen.insert(p).second) << "block handed out twice";
      blocks.push_back(p);
    }
    for (int i = 0; i < 100; ++i) {
      size_t n = 1 + (i % 8) * 64;
      EXPECT_EQ(static_cast<unsigned char*>(blocks[i])[n - 1], static_cast<unsigned char>(i));
      alloc->deallocate(blocks[i], n);
    }
  }
}

TEST(CpuAllocatorCache, BlocksMoveBetweenThreads) {
  Allocator* alloc = cpu_allocator();
  std::vector<void*> made(50);
  std::thread maker([&] {
    for (auto& p : made) p = alloc->allocate(64);
  });
  maker.join();
  std::thread freer([&] {
    for (auto p : made) alloc->deallocate(p, 64);
    // This thread's cache now holds some of them; they go back to the heap at exit.
    void* again = alloc->allocate(64);
    std::memset(again, 1, 64);
    alloc->deallocate(again, 64);
  });
  freer.join();
  // Small tensors made and dropped on worker threads.
  std::vector<std::thread> ts;
  for (int t = 0; t < 4; ++t) {
    ts.emplace_back([] {
      for (int i = 0; i < 1000; ++i) {
        Tensor x = full({3}, static_cast<double>(i)) + 1;
        if (test::values(x)[2] != i + 1) ADD_FAILURE();
      }
    });
  }
  for (auto& t : ts) t.join();
}

TEST(CpuAllocatorCache, SmallObjects) {
  // Blocks of one 32-byte class are reused; sizes past the cache work as malloc.
  void* p = small_object_allocate(40);
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(reinterpret_cast<uintptr_t>(p) % alignof(std::max_align_t), 0u);
  std::memset(p, 1, 40);
  small_object_deallocate(p, 40);
  void* q = small_object_allocate(64);
  EXPECT_EQ(p, q);
  std::memset(q, 2, 64);
  small_object_deallocate(q, 64);
  for (size_t n : {1, 31, 32, 33, 200, 511, 512, 513, 5000}) {
    std::vector<void*> live;
    for (int i = 0; i < 40; ++i) {
      live.push_back(small_object_allocate(n));
      std::memset(live.back(), i, n);
    }
    EXPECT_EQ(std::set<void*>(live.begin(), live.end()).size(), live.size());
    for (int i = 0; i < 40; ++i) {
      EXPECT_EQ(static_cast<unsigned char*>(live[i])[n - 1], static_cast<unsigned char>(i));
      small_object_deallocate(live[i], n);
    }
  }
  small_object_deallocate(nullptr, 8);
  // Through std::allocate_shared, freed on another thread.
  auto sp = std::allocate_shared<std::vector<int>>(SmallObjectAllocator<std::vector<int>>(), 3, 7);
  std::thread([s = std::move(sp)]() mutable {
    EXPECT_EQ((*s)[2], 7);
    s.reset();
  }).join();
}

// ---- version counter -----------------------------------------------------------------

TEST(VersionCounterCached, SharedByViewsAndDetach) {
  Tensor a = zeros({4});
  EXPECT_EQ(a._version(), 0u);
  Tensor r = a + 1;  // an op result starts at 0 too
  EXPECT_EQ(r._version(), 0u);
  EXPECT_FALSE(same_counter(a, r));
  Tensor v = a.view({2, 2});
  Tensor d = a.detach();
  EXPECT_TRUE(same_counter(v, a));
  EXPECT_TRUE(same_counter(d, a));
  v.add_(1);
  EXPECT_EQ(a._version(), 1u);
  EXPECT_EQ(d._version(), 1u);
  a.mul_(2);
  EXPECT_EQ(v._version(), 2u);
  // variable_data() gets its own counter (Note [Version counter]).
  Tensor vd = a.variable_data();
  EXPECT_FALSE(same_counter(vd, a));
  vd.add_(1);
  EXPECT_EQ(a._version(), 2u);
  EXPECT_EQ(vd._version(), 1u);
  // A view of a view shares the one counter; dropping the base keeps it alive.
  Tensor vv = v.view({4});
  a.reset();
  d.reset();
  vv.add_(1);
  EXPECT_EQ(v._version(), 3u);
}

TEST(VersionCounterCached, ViewsOnSeveralThreadsShareOneCounter) {
  for (int round = 0; round < 20; ++round) {
    Tensor base = zeros({8});
    std::vector<Tensor> views(4);
    std::vector<std::thread> ts;
    for (int t = 0; t < 4; ++t) ts.emplace_back([&, t] { views[t] = base.select(0, t); });
    for (auto& t : ts) t.join();
    for (const auto& v : views)
      EXPECT_TRUE(same_counter(v, base));
    views[0].fill_(1);
    EXPECT_EQ(base._version(), 1u);
    EXPECT_EQ(views[3]._version(), 1u);
  }
}

TEST(VersionCounterCached, AutogradStillSeesInPlaceWrites) {
  Tensor x = ones({3}).set_requires_grad(true);
  Tensor y = x * 2;
  Tensor z = y.exp();  // saves its result
  z.add_(1);
  WICK_EXPECT_THROW_MSG(z.sum().backward(), Error,
                        "one of the variables needed for gradient computation has been "
                        "modified by an inplace operation");
}
