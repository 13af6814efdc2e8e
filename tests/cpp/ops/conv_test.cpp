// Linear layers, convolutions and fold/unfold vs PyTorch 1.13 results
// (conv_test_data.h, from gen_conv_data.py): forward values, gradients of
// every input, gradcheck/gradgradcheck in float64, error messages.
#include <gtest/gtest.h>

#include "../autograd/grad_test_utils.h"
#include "ops/conv_test_data.h"
#include "test_utils.h"
#include "wick/wick.h"

namespace {
using namespace wick;
namespace D = conv_data;
using autograd::variable_list;
using test::error_of;

Tensor mk(const D::Case& c, ScalarType dt = kDouble, bool grad = false) {
  Tensor flat = empty({static_cast<int64_t>(c.values.size())}, TensorOptions(kDouble));
  std::copy(c.values.begin(), c.values.end(), flat.data_ptr<double>());
  Tensor t = flat.reshape(IntArrayRef(c.shape.data(), c.shape.size())).to(dt);
  if (grad) t.requires_grad_();
  return t;
}

#define EXPECT_CLOSE(a, e, dt) \
  EXPECT_TENSOR_CLOSE(a, e, (dt) == kDouble ? 1e-10 : 1e-4, (dt) == kDouble ? 1e-10 : 1e-4)

// Runs f on the case's inputs, backward with its upstream gradient, and
// compares output and input gradients with PyTorch's.
void check_case(const std::vector<const D::Case*>& ins, const std::vector<const D::Case*>& grads,
                const D::Case& y, const D::Case& gy,
                const std::function<Tensor(const variable_list&)>& f, ScalarType dt) {
  variable_list xs;
  for (const D::Case* c : ins) xs.push_back(c ? mk(*c, dt, true) : Tensor());
  Tensor out = f(xs);
  EXPECT_CLOSE(out, mk(y, dt), dt);
  out.backward(mk(gy, dt));
  for (size_t i = 0; i < xs.size(); ++i)
    if (xs[i].defined()) EXPECT_CLOSE(xs[i].grad(), mk(*grads[i], dt), dt);
}

class ConvTest : public ::testing::TestWithParam<ScalarType> {};

TEST_P(ConvTest, Conv2dStridePadDilationGroups) {
  check_case({&D::c2d_in0, &D::c2d_in1, &D::c2d_in2}, {&D::c2d_g0, &D::c2d_g1, &D::c2d_g2},
             D::c2d_y, D::c2d_gy,
             [](const variable_list& v) { return conv2d(v[0], v[1], v[2], 2, 1, {1, 2}, 2); },
             GetParam());
}
TEST_P(ConvTest, Conv1dSameEvenKernel) {
  check_case({&D::c1same_in0, &D::c1same_in1, &D::c1same_in2},
             {&D::c1same_g0, &D::c1same_g1, &D::c1same_g2}, D::c1same_y, D::c1same_gy,
             [](const variable_list& v) { return conv1d(v[0], v[1], v[2], 1, "same"); },
             GetParam());
}
TEST_P(ConvTest, Conv3d) {
  check_case({&D::c3d_in0, &D::c3d_in1, &D::c3d_in2}, {&D::c3d_g0, &D::c3d_g1, &D::c3d_g2},
             D::c3d_y, D::c3d_gy,
             [](const variable_list& v) { return conv3d(v[0], v[1], v[2], {1, 2, 1}, 1); },
             GetParam());
}
TEST_P(ConvTest, Conv2dUnbatched) {
  check_case({&D::c2unb_in0, &D::c2unb_in1, nullptr}, {&D::c2unb_g0, &D::c2unb_g1, nullptr},
             D::c2unb_y, D::c2unb_gy,
             [](const variable_list& v) {
               Tensor y = conv2d(v[0], v[1], {}, 1, {0, 1});
               EXPECT_EQ(y.grad_fn()->name(), "SqueezeBackward1");
               return y;
             },
             GetParam());
}
TEST_P(ConvTest, ConvTranspose2d) {
  check_case({&D::ct2d_in0, &D::ct2d_in1, &D::ct2d_in2}, {&D::ct2d_g0, &D::ct2d_g1, &D::ct2d_g2},
             D::ct2d_y, D::ct2d_gy,
             [](const variable_list& v) {
               Tensor y = conv_transpose2d(v[0], v[1], v[2], 2, 1, 1, 2);
               EXPECT_EQ(y.grad_fn()->name(), "ConvolutionBackward0");
               return y;
             },
             GetParam());
}
TEST_P(ConvTest, ConvTranspose1dDilated) {
  check_case({&D::ct1d_in0, &D::ct1d_in1, &D::ct1d_in2}, {&D::ct1d_g0, &D::ct1d_g1, &D::ct1d_g2},
             D::ct1d_y, D::ct1d_gy,
             [](const variable_list& v) { return conv_transpose1d(v[0], v[1], v[2], 3, 0, 0, 1, 2); },
             GetParam());
}
TEST_P(ConvTest, UnfoldFold) {
  check_case({&D::unf_in0}, {&D::unf_g0}, D::unf_y, D::unf_gy,
             [](const variable_list& v) {
               Tensor y = im2col(v[0], {2, 3}, 1, 1, {2, 1});
               EXPECT_EQ(y.grad_fn()->name(), "Im2ColBackward0");
               return y;
             },
             GetParam());
  check_case({&D::fold_in0}, {&D::fold_g0}, D::fold_y, D::fold_gy,
             [](const variable_list& v) {
               Tensor y = col2im(v[0], {4, 5}, 2, 1, {0, 1}, {1, 2});
               EXPECT_EQ(y.grad_fn()->name(), "Col2ImBackward0");
               return y;
             },
             GetParam());
}
TEST_P(ConvTest, LinearAndBilinear) {
  check_case({&D::lin_in0, &D::lin_in1, &D::lin_in2}, {&D::lin_g0, &D::lin_g1, &D::lin_g2},
             D::lin_y, D::lin_gy,
             [](const variable_list& v) {
               Tensor y = linear(v[0], v[1], v[2]);
               EXPECT_EQ(y.grad_fn()->name(), "ViewBackward0");
               return y;
             },
             GetParam());
  check_case({&D::bil_in0, &D::bil_in1, &D::bil_in2, &D::bil_in3},
             {&D::bil_g0, &D::bil_g1, &D::bil_g2, &D::bil_g3}, D::bil_y, D::bil_gy,
             [](const variable_list& v) { return bilinear(v[0], v[1], v[2], v[3]); }, GetParam());
}

INSTANTIATE_TEST_SUITE_P(Dtypes, ConvTest, ::testing::Values(kDouble, kFloat));

TEST(ConvGradTest, GradcheckAndGradgradcheck) {
  using grad_test::rnd;
  auto both = [](const std::function<Tensor(const variable_list&)>& f, variable_list in) {
    autograd::CheckedFunction fn = [&](const variable_list& v) { return variable_list{f(v)}; };
    EXPECT_GRADCHECK(autograd::gradcheck(fn, in));
    EXPECT_GRADCHECK(autograd::gradgradcheck(fn, in));
  };
  both([](const variable_list& v) { return conv2d(v[0], v[1], v[2], 2, 1, {1, 2}, 1); },
       {rnd({2, 2, 5, 5}, -1, 1, 1), rnd({3, 2, 3, 2}, -1, 1, 2), rnd({3}, -1, 1, 3)});
  both([](const variable_list& v) { return conv2d(v[0], v[1], v[2], 1, "same", 1, 2); },
       {rnd({1, 4, 4, 5}, -1, 1, 4), rnd({2, 2, 2, 3}, -1, 1, 5), rnd({2}, -1, 1, 6)});
  both([](const variable_list& v) { return conv1d(v[0], v[1], {}, 3, 2, 2); },
       {rnd({2, 2, 9}, -1, 1, 7), rnd({2, 2, 3}, -1, 1, 8)});
  both([](const variable_list& v) { return conv3d(v[0], v[1], v[2], {2, 1, 1}, {1, 0, 1}); },
       {rnd({1, 2, 4, 3, 3}, -1, 1, 9), rnd({2, 2, 2, 2, 2}, -1, 1, 10), rnd({2}, -1, 1, 11)});
  both([](const variable_list& v) { return conv_transpose2d(v[0], v[1], v[2], 2, 1, 1, 2, 1); },
       {rnd({2, 4, 3, 3}, -1, 1, 12), rnd({4, 1, 3, 2}, -1, 1, 13), rnd({2}, -1, 1, 14)});
  both([](const variable_list& v) { return conv_transpose3d(v[0], v[1], {}, 2); },
       {rnd({1, 2, 2, 2, 3}, -1, 1, 15), rnd({2, 1, 2, 2, 2}, -1, 1, 16)});
  both([](const variable_list& v) { return conv2d(v[0], v[1], v[2]); },  // 1x1 fast path
       {rnd({1, 3, 3, 4}, -1, 1, 17), rnd({2, 3, 1, 1}, -1, 1, 18), rnd({2}, -1, 1, 19)});
  both([](const variable_list& v) { return im2col(v[0], {2, 2}, 1, 1, 2); },
       {rnd({2, 2, 4, 5}, -1, 1, 20)});
  both([](const variable_list& v) { return col2im(v[0], {4, 4}, {2, 2}, 1, 0, 1); },
       {rnd({1, 8, 9}, -1, 1, 21)});
  both([](const variable_list& v) { return linear(v[0], v[1], v[2]); },
       {rnd({3, 4}, -1, 1, 22), rnd({2, 4}, -1, 1, 23), rnd({2}, -1, 1, 24)});
  both([](const variable_list& v) { return bilinear(v[0], v[1], v[2]); },
       {rnd({3, 2}, -1, 1, 25), rnd({3, 3}, -1, 1, 26), rnd({2, 2, 3}, -1, 1, 27)});
}

TEST(ConvOpsTest, GradFnNamesAndNoGrad) {
  Tensor x = randn({2, 3, 5, 5}).requires_grad_(), w = randn({4, 3, 3, 3}).requires_grad_();
  EXPECT_EQ(conv2d(x, w).grad_fn()->name(), "ConvolutionBackward0");
  EXPECT_EQ(linear(randn({2, 3}), w.view({4, 27}).narrow(1, 0, 3), randn({4})).grad_fn()->name(),
            "AddmmBackward0");
  NoGradGuard ng;
  EXPECT_FALSE(conv2d(x, w).requires_grad());
}

TEST(ConvOpsTest, HalfAndIntegerDtypes) {
  Tensor x = ones({1, 2, 4, 4}), w = ones({3, 2, 3, 3});
  for (ScalarType dt : {kHalf, kBFloat16, kLong, kInt}) {
    Tensor y = conv2d(x.to(dt), w.to(dt), ones({3}).to(dt), 1, 1);
    EXPECT_EQ(y.dtype(), dt);
    EXPECT_EQ(y.sizes().vec(), (std::vector<int64_t>{1, 3, 4, 4}));
    EXPECT_DOUBLE_EQ(y.to(kDouble).select(2, 1).select(2, 1).sum().item<double>(), 3 * 19.0);
    EXPECT_DOUBLE_EQ(y.to(kDouble).select(2, 0).select(2, 0).sum().item<double>(), 3 * 9.0);
  }
}

TEST(ConvOpsTest, NonContiguousInputs) {
  Tensor x = randn({2, 6, 3, 7}, TensorOptions(kDouble)), w = randn({4, 3, 2, 2}, TensorOptions(kDouble));
  Tensor xt = x.transpose(1, 2);  // (2, 3, 6, 7)
  Tensor wt = w.transpose(2, 3).contiguous().transpose(2, 3);
  EXPECT_FALSE(xt.is_contiguous());
  EXPECT_TENSOR_CLOSE(conv2d(xt, wt, {}, 1, 1), conv2d(xt.contiguous(), w, {}, 1, 1), 1e-12, 1e-12);
}

TEST(ConvOpsTest, ErrorMessages) {
  EXPECT_EQ(error_of([] { conv2d(ones({1, 3, 28, 28}), ones({6, 1, 5, 5})); }),
            "Given groups=1, weight of size [6, 1, 5, 5], expected input[1, 3, 28, 28] to have 1 "
            "channels, but got 3 channels instead");
  EXPECT_EQ(error_of([] { conv2d(ones({3, 28}), ones({6, 1, 5, 5})); }),
            "Expected 3D (unbatched) or 4D (batched) input to conv2d, but got input of size: [3, 28]");
  EXPECT_EQ(error_of([] { conv2d(ones({1, 1, 3, 3}), ones({6, 1, 5, 5})); }),
            "Calculated padded input size per channel: (3 x 3). Kernel size: (5 x 5). Kernel size "
            "can't be greater than actual input size");
  EXPECT_EQ(error_of([] { conv2d(ones({1, 6, 8, 8}), ones({6, 3, 3, 3}), {}, 1, 0, 1, 4); }),
            "Given groups=4, expected weight to be divisible by 4 at dimension 0, but got weight of "
            "size [[6, 3, 3, 3]] instead");
  EXPECT_EQ(error_of([] { conv2d(ones({1, 6, 8, 8}), ones({6, 3, 3, 3}), {}, 1, 0, 1, 0); }),
            "non-positive groups is not supported");
  EXPECT_EQ(error_of([] { conv2d(ones({1, 6, 8, 8}), ones({6, 6, 3, 3}), {}, 2, "same"); }),
            "padding='same' is not supported for strided convolutions");
  EXPECT_EQ(error_of([] { conv2d(ones({1, 6, 8, 8}), ones({6, 6, 3, 3}), {}, 1, "foo"); }),
            "Invalid padding string: 'foo'");
  EXPECT_EQ(error_of([] { conv2d(ones({1, 6, 8, 8}), ones({6, 6, 3, 3}), ones({5})); }),
            "Given weight of size [6, 6, 3, 3], expected bias to be 1-dimensional with 6 elements, "
            "but got bias of size [5] instead");
  EXPECT_EQ(error_of([] { conv2d(ones({1, 6, 8, 8}), ones({6, 6, 3, 3}), {}, {1, 1, 1}); }),
            "expected stride to be a single integer value or a list of 2 values to match the "
            "convolution dimensions, but got stride=[1, 1, 1]");
  EXPECT_EQ(error_of([] { conv_transpose2d(ones({1, 3, 8, 8}), ones({3, 2, 3, 3}), {}, 2, 0, 2); }),
            "output padding must be smaller than either stride or dilation, but got "
            "output_padding_height: 2 output_padding_width: 2 stride_height: 2 stride_width: 2 "
            "dilation_height: 1 dilation_width: 1");
  EXPECT_EQ(error_of([] { conv_transpose2d(ones({1, 4, 2, 2}), ones({4, 2, 3, 3}), {}, 1, 3); }),
            "Given input size per channel: (2 x 2). Calculated output size per channel: (-2 x -2). "
            "Output size is too small");
  EXPECT_EQ(error_of([] { conv2d(ones({1, 6, 8, 8}, TensorOptions(kDouble)), ones({6, 6, 3, 3})); }),
            "expected scalar type Double but found Float");
  EXPECT_EQ(error_of([] { im2col(ones({1, 3, 8, 8}), 9, 1, 0, 1); }),
            "Given input with spatial size (8, 8), kernel_size=(9, 9), dilation=(1, 1), "
            "padding=(0, 0), calculated shape of the array of sliding blocks as (0, 0), but its "
            "components must be at least one.");
  EXPECT_EQ(error_of([] { col2im(ones({1, 27, 35}), {8, 8}, 3, 1, 0, 1); }),
            "Given output_size=(8, 8), kernel_size=(3, 3), dilation=(1, 1), padding=(0, 0), "
            "stride=(1, 1), expected size of input's dimension 2 to match the calculated number of "
            "sliding blocks 6 * 6 = 36, but got input.size(2)=35.");
  EXPECT_EQ(error_of([] { bilinear(ones({5, 3}), ones({4, 2}), ones({4, 3, 2})); }),
            "bilinear(): input batch dimensions do not match at dim 0: got 5 and 4");
}

}  // namespace
