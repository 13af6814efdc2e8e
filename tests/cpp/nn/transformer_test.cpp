// MultiheadAttention and the transformer modules vs PyTorch 1.13 with the same
// weights (transformer_test_data.h, from gen_transformer_data.py).
#include <gtest/gtest.h>

#include "nn/transformer_test_data.h"
#include "test_utils.h"
#include "wick/autograd/gradcheck.h"
#include "wick/wick.h"

namespace {
using namespace wick;
namespace D = transformer_data;
namespace F = wick::nn::functional;
using test::error_of;

Tensor mk(const D::Case& c, ScalarType dt = kDouble) {
  Tensor flat = empty({static_cast<int64_t>(c.values.size())}, TensorOptions(kDouble));
  std::copy(c.values.begin(), c.values.end(), flat.data_ptr<double>());
  return flat.reshape(IntArrayRef(c.shape.data(), c.shape.size())).to(dt);
}

void load(nn::Module& m, const std::vector<std::pair<std::string, const D::Case*>>& state) {
  OrderedDict<std::string, Tensor> sd;
  for (const auto& [k, c] : state) sd.insert(k, mk(*c));
  m.to(kDouble);
  m.load_state_dict(sd);
}

void expect_keys(const nn::Module& m, const std::vector<std::pair<std::string, const D::Case*>>& state) {
  auto sd = m.state_dict();
  ASSERT_EQ(sd.size(), state.size());
  size_t i = 0;
  for (const auto& item : sd) EXPECT_EQ(item.key(), state[i++].first);
}

Tensor kpm() {
  Tensor t = zeros({2, 5}, TensorOptions(kBool));
  t.select(0, 0).select(0, 4).fill_(true);
  return t;
}

TEST(TransformerTest, MhaInitMatchesPyTorchSeed) {
  manual_seed(0);
  nn::MultiheadAttention m(nn::MultiheadAttentionOptions(4, 2).add_bias_kv(true));
  expect_keys(*m, D::init_mha_state);
  auto sd = m->state_dict();
  for (const auto& [k, c] : D::init_mha_state)
    EXPECT_TENSOR_CLOSE(sd[k], mk(*c, kFloat), 1e-5, 1e-6) << k;
}

TEST(TransformerTest, MhaForwardBackward) {
  nn::MultiheadAttention m(4, 2);
  load(*m, D::mha_state);
  expect_keys(*m, D::mha_state);
  Tensor q = mk(D::mha_q).requires_grad_(true), kv = mk(D::mha_kv).requires_grad_(true);
  auto [out, w] = m->forward(q, kv, kv, kpm(), true, mk(D::mha_am));
  EXPECT_TENSOR_CLOSE(out, mk(D::mha_out), 1e-9, 1e-10);
  EXPECT_TENSOR_CLOSE(w, mk(D::mha_w), 1e-9, 1e-10);
  out.pow(2).sum().backward();
  EXPECT_TENSOR_CLOSE(q.grad(), mk(D::mha_gq), 1e-9, 1e-10);
  EXPECT_TENSOR_CLOSE(kv.grad(), mk(D::mha_gkv), 1e-9, 1e-10);
  EXPECT_TENSOR_CLOSE(m->in_proj_weight.grad(), mk(D::mha_g_in_proj_weight), 1e-9, 1e-10);
  auto [out2, w2] = m->forward(q, kv, kv, kpm(), false, mk(D::mha_am));
  EXPECT_FALSE(w2.defined());
  EXPECT_TENSOR_CLOSE(out2, mk(D::mha_out_noweights), 1e-9, 1e-10);
}

TEST(TransformerTest, MhaKdimVdimBatchFirst) {
  nn::MultiheadAttention m(nn::MultiheadAttentionOptions(4, 2).kdim(3).vdim(5).batch_first(true));
  load(*m, D::mkv_state);
  expect_keys(*m, D::mkv_state);
  auto [out, w] = m->forward(mk(D::mkv_q), mk(D::mkv_k), mk(D::mkv_v), {}, true, {}, false);
  EXPECT_TENSOR_CLOSE(out, mk(D::mkv_out), 1e-9, 1e-10);
  EXPECT_TENSOR_CLOSE(w, mk(D::mkv_w), 1e-9, 1e-10);
}

TEST(TransformerTest, MhaFunctionalAndGradcheck) {
  nn::MultiheadAttention m(4, 2);
  load(*m, D::mha_state);
  F::MultiheadAttentionForwardFuncOptions o(4, 2, m->in_proj_weight, m->in_proj_bias, {}, {},
                                            false, 0.0, m->out_proj->weight, m->out_proj->bias);
  o.key_padding_mask(kpm()).attn_mask(mk(D::mha_am));
  Tensor kv = mk(D::mha_kv);
  auto [out, w] = F::multi_head_attention_forward(mk(D::mha_q), kv, kv, o);
  EXPECT_TENSOR_CLOSE(out, mk(D::mha_out), 1e-9, 1e-10);
  using autograd::variable_list;
  Tensor q = mk(D::mha_q).requires_grad_(true), k = kv.clone().requires_grad_(true);
  EXPECT_TRUE(autograd::gradcheck(
      [&](const variable_list& x) {
        return variable_list{std::get<0>(m->forward(x[0], x[1], x[1], kpm(), false))};
      },
      {q, k}));
  EXPECT_TRUE(autograd::gradcheck(
      [&](const variable_list& x) {
        return variable_list{std::get<0>(m->forward(x[0], x[1], x[1], {}, true, mk(D::mha_am)))};
      },
      {q, k}));
}

TEST(TransformerTest, MhaErrors) {
  nn::MultiheadAttention m(4, 2);
  Tensor x3 = zeros({3, 2, 4}), x2 = zeros({3, 4});
  EXPECT_EQ(error_of([&] { m->forward(x3, x2, x2); }),
            "For batched (3-D) `query`, expected `key` and `value` to be 3-D but found 2-D and "
            "2-D tensors respectively");
  EXPECT_TRUE(test::raises<nn::AssertionError>([&] { m->forward(zeros({4}), zeros({4}), zeros({4})); }));
  EXPECT_EQ(error_of([&] { m->forward(x3, x3, x3, {}, true, zeros({2, 2})); }),
            "The shape of the 2D attn_mask is wick.Size([2, 2]), but should be (3, 3).");
  EXPECT_EQ(error_of([&] { m->forward(x3, x3, x3, {}, true, zeros({3, 3}, TensorOptions(kLong))); }),
            "only bool and floating types of attn_mask are supported");
  EXPECT_TRUE(test::raises<ValueError>([] { nn::MultiheadAttention(0, 2); }));
  EXPECT_NE(error_of([] { nn::MultiheadAttention(5, 2); }).find("divisible"), std::string::npos);
}

TEST(TransformerTest, EncoderLayerAndDecoderLayer) {
  nn::TransformerEncoderLayer enc(nn::TransformerEncoderLayerOptions(4, 2).dim_feedforward(8).dropout(0.0));
  load(*enc, D::enc_state);
  expect_keys(*enc, D::enc_state);
  Tensor src = mk(D::enc_src);
  Tensor mask = nn::TransformerImpl::generate_square_subsequent_mask(5).to(kDouble);
  EXPECT_TENSOR_CLOSE(enc(src, mask), mk(D::enc_out), 1e-9, 1e-10);
  EXPECT_TENSOR_CLOSE(enc(src, mask, Tensor(), true), mk(D::enc_out), 1e-9, 1e-10);

  nn::TransformerDecoderLayer dec(nn::TransformerDecoderLayerOptions(4, 2)
                                      .dim_feedforward(8)
                                      .dropout(0.0)
                                      .activation(kGELU)
                                      .norm_first(true));
  load(*dec, D::dec_state);
  expect_keys(*dec, D::dec_state);
  Tensor tmask = nn::TransformerImpl::generate_square_subsequent_mask(3).to(kDouble);
  EXPECT_TENSOR_CLOSE(dec(mk(D::dec_tgt), src, tmask), mk(D::dec_out), 1e-9, 1e-10);
  // a function activation
  nn::TransformerEncoderLayer fenc(nn::TransformerEncoderLayerOptions(4, 2)
                                       .dim_feedforward(8)
                                       .dropout(0.0)
                                       .activation(std::function<Tensor(const Tensor&)>(
                                           [](const Tensor& t) { return relu(t); })));
  load(*fenc, D::enc_state);
  EXPECT_TENSOR_CLOSE(fenc(src, mask), mk(D::enc_out), 1e-9, 1e-10);
}

TEST(TransformerTest, TransformerMatchesPyTorch) {
  nn::Transformer tr(nn::TransformerOptions(4, 2, 2, 1).dim_feedforward(8).dropout(0.0));
  load(*tr, D::tr_state);
  expect_keys(*tr, D::tr_state);
  Tensor tmask = nn::TransformerImpl::generate_square_subsequent_mask(3).to(kDouble);
  Tensor out = tr(mk(D::enc_src), mk(D::dec_tgt), Tensor(), tmask, Tensor(), kpm());
  EXPECT_TENSOR_CLOSE(out, mk(D::tr_out), 1e-9, 1e-10);
  Tensor m = nn::TransformerImpl::generate_square_subsequent_mask(3);
  EXPECT_EQ(m.dtype(), kFloat);
  EXPECT_TRUE(std::isinf(m[0][1].item<double>()));
  EXPECT_EQ(m[1][0].item<double>(), 0.0);
  EXPECT_EQ(error_of([&] { tr(zeros({5, 2, 4}), zeros({3, 3, 4})); }),
            "the batch number of src and tgt must be equal");
}

TEST(TransformerTest, TrainModeDropoutRunsAndBackprops) {
  nn::TransformerEncoder enc(nn::TransformerEncoderOptions(
      nn::TransformerEncoderLayerOptions(8, 2).dim_feedforward(16).dropout(0.3), 2));
  EXPECT_EQ(enc->layers->size(), 2u);
  Tensor x = randn({4, 3, 8}).requires_grad_(true);
  manual_seed(1);
  Tensor a = enc(x);
  manual_seed(1);
  Tensor b = enc(x);
  EXPECT_TENSOR_CLOSE(a, b, 0, 0);
  a.sum().backward();
  EXPECT_TRUE(x.grad().defined());
  enc->eval();
  EXPECT_TENSOR_CLOSE(enc(x), enc(x), 0, 0);
}

}  // namespace
