// scaled_dot_product_attention vs PyTorch's math definition (attention_test_data.h,
// from gen_attention_data.py): values, gradients, masks, gradcheck, errors.
#include <gtest/gtest.h>

#include "ops/attention_test_data.h"
#include "test_utils.h"
#include "wick/autograd/gradcheck.h"
#include "wick/ops/attention.h"

namespace {
using namespace wick;
namespace D = attention_data;
using test::error_of;

Tensor mk(const D::Case& c, ScalarType dt = kDouble) {
  Tensor flat = empty({static_cast<int64_t>(c.values.size())}, TensorOptions(kDouble));
  std::copy(c.values.begin(), c.values.end(), flat.data_ptr<double>());
  return flat.reshape(IntArrayRef(c.shape.data(), c.shape.size())).to(dt);
}

struct Expected {
  const D::Case &q, &k, &v, &go, &out, &gq, &gk, &gv;
};

void check_case(const Expected& e, const std::optional<Tensor>& mask, bool causal,
                std::optional<double> scale, const D::Case* gmask = nullptr) {
  Tensor q = mk(e.q).requires_grad_(true), k = mk(e.k).requires_grad_(true),
         v = mk(e.v).requires_grad_(true);
  Tensor out = scaled_dot_product_attention(q, k, v, mask, 0.0, causal, scale);
  EXPECT_TENSOR_CLOSE(out, mk(e.out), 1e-9, 1e-10);
  EXPECT_EQ(out.grad_fn()->name(), "ScaledDotProductFlashAttentionForCpuBackward0");
  out.backward(mk(e.go));
  EXPECT_TENSOR_CLOSE(q.grad(), mk(e.gq), 1e-9, 1e-10);
  EXPECT_TENSOR_CLOSE(k.grad(), mk(e.gk), 1e-9, 1e-10);
  EXPECT_TENSOR_CLOSE(v.grad(), mk(e.gv), 1e-9, 1e-10);
  if (gmask) EXPECT_TENSOR_CLOSE(mask->grad(), mk(*gmask), 1e-9, 1e-10);
}

#define EXP(n) Expected{D::n##_q, D::n##_k, D::n##_v, D::n##_go, D::n##_out, D::n##_gq, D::n##_gk, D::n##_gv}

TEST(AttentionTest, SdpaBasicAndBroadcast) {
  check_case(EXP(basic), std::nullopt, false, std::nullopt);
  check_case(EXP(bcast), std::nullopt, false, std::nullopt);
}

TEST(AttentionTest, SdpaMasks) {
  check_case(EXP(boolmask), mk(D::boolmask_mask, kBool), false, std::nullopt);
  Tensor fm = mk(D::floatmask_mask).requires_grad_(true);
  check_case(EXP(floatmask), fm, false, std::nullopt, &D::floatmask_gmask);
  check_case(EXP(causal), std::nullopt, true, std::nullopt);
  check_case(EXP(scale), std::nullopt, false, 0.25);
}

TEST(AttentionTest, SdpaFloatAndNonContiguous) {
  Tensor q = mk(D::basic_q, kFloat), k = mk(D::basic_k, kFloat), v = mk(D::basic_v, kFloat);
  Tensor out = scaled_dot_product_attention(q, k, v);
  EXPECT_TENSOR_CLOSE(out, mk(D::basic_out, kFloat), 1e-5, 1e-6);
  // the same values through transposed views
  Tensor qt = q.transpose(1, 2).contiguous().transpose(1, 2);
  EXPECT_TENSOR_CLOSE(scaled_dot_product_attention(qt, k, v), mk(D::basic_out, kFloat), 1e-5, 1e-6);
  Tensor h = scaled_dot_product_attention(q.to(kBFloat16), k.to(kBFloat16), v.to(kBFloat16));
  EXPECT_EQ(h.dtype(), kBFloat16);
  EXPECT_TENSOR_CLOSE(h.to(kFloat), mk(D::basic_out, kFloat), 5e-2, 5e-2);
}

TEST(AttentionTest, SdpaDropout) {
  Tensor q = mk(D::basic_q), k = mk(D::basic_k), v = mk(D::basic_v);
  manual_seed(3);
  Tensor a = scaled_dot_product_attention(q, k, v, std::nullopt, 0.5);
  manual_seed(3);
  Tensor b = scaled_dot_product_attention(q, k, v, std::nullopt, 0.5);
  EXPECT_TENSOR_CLOSE(a, b, 0, 0);
  EXPECT_FALSE(a.allclose(mk(D::basic_out)));
  // p = 1 drops everything
  EXPECT_TENSOR_CLOSE(scaled_dot_product_attention(q, k, v, std::nullopt, 1.0),
                      zeros(a.sizes(), TensorOptions(kDouble)), 0, 0);
}

TEST(AttentionTest, SdpaGradcheck) {
  Tensor q = mk(D::floatmask_q).requires_grad_(true), k = mk(D::floatmask_k).requires_grad_(true),
         v = mk(D::floatmask_v).requires_grad_(true), m = mk(D::floatmask_mask).requires_grad_(true);
  using autograd::variable_list;
  EXPECT_TRUE(autograd::gradcheck(
      [](const variable_list& x) {
        return variable_list{scaled_dot_product_attention(x[0], x[1], x[2], x[3])};
      },
      {q, k, v, m}));
  EXPECT_TRUE(autograd::gradgradcheck(
      [](const variable_list& x) {
        return variable_list{scaled_dot_product_attention(x[0], x[1], x[2], std::nullopt, 0.0, true)};
      },
      {q, k, v}));
  Tensor bm = mk(D::boolmask_mask, kBool);
  EXPECT_TRUE(autograd::gradgradcheck(
      [bm](const variable_list& x) {
        return variable_list{scaled_dot_product_attention(x[0], x[1], x[2], bm)};
      },
      {q, k, v}));
}

TEST(AttentionTest, SdpaErrors) {
  Tensor q = mk(D::basic_q);
  EXPECT_NE(error_of([&] { scaled_dot_product_attention(q, q.to(kFloat), q); })
                .find("Expected query, key, and value to have the same dtype"),
            std::string::npos);
  EXPECT_NE(error_of([&] { scaled_dot_product_attention(zeros({3}, TensorOptions(kDouble)), q, q); }).find("at least 2 dimensional"),
            std::string::npos);
  Tensor bm = ones({3, 5}, TensorOptions(kBool));
  EXPECT_EQ(error_of([&] { scaled_dot_product_attention(q, mk(D::basic_k), mk(D::basic_v), bm, 0, true); }),
            "_scaled_dot_product_attention: Explicit attn_mask should not be set when is_causal=True");
  EXPECT_NE(error_of([&] {
              scaled_dot_product_attention(q, mk(D::basic_k), mk(D::basic_v), ones({3, 5}, TensorOptions(kLong)));
            }).find("Expected attn_mask dtype to be bool or float"),
            std::string::npos);
  EXPECT_NE(error_of([&] { scaled_dot_product_attention(q, q, q, std::nullopt, 2.0); })
                .find("dropout probability has to be between 0 and 1"),
            std::string::npos);
  EXPECT_NE(error_of([&] { scaled_dot_product_attention(q, mk(D::basic_v), mk(D::basic_v)); })
                .find("same last dimension"),
            std::string::npos);
}

}  // namespace
