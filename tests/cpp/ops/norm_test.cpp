// Normalisation, dropout and embedding vs PyTorch 1.13 results
// (norm_test_data.h, from gen_norm_data.py): values, running-stat updates,
// gradients, grad_fn names, dropout masks for the same seed; gradcheck and
// gradgradcheck in float64; PyTorch's error messages.
#include <gtest/gtest.h>

#include <functional>
#include <string>

#include "autograd/grad_test_utils.h"
#include "ops/norm_test_data.h"
#include "test_utils.h"
#include "wick/wick.h"

namespace {
using namespace wick;
namespace D = norm_data;
using autograd::variable_list;
using grad_test::rnd;

Tensor mk(const D::Case& c, ScalarType dt = kDouble) {
  Tensor flat = empty({static_cast<int64_t>(c.values.size())}, TensorOptions(kDouble));
  std::copy(c.values.begin(), c.values.end(), flat.data_ptr<double>());
  return flat.reshape(IntArrayRef(c.shape.data(), c.shape.size())).to(dt);
}

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.what();
  }
  return "<no error>";
}

#define EXPECT_CLOSE(a, e) EXPECT_TENSOR_CLOSE(a, e, 1e-9, 1e-10)

TEST(NormTest, BatchNormTrainAndEvalMatchPyTorch) {
  for (bool training : {true, false}) {
    SCOPED_TRACE(training ? "train" : "eval");
    const char* m = training ? "train" : "eval";
    (void)m;
    Tensor x = mk(D::X).requires_grad_(), w = mk(D::W).requires_grad_(),
           b = mk(D::B).requires_grad_();
    Tensor rm = mk(D::RM), rv = mk(D::RV);
    Tensor y = batch_norm(x, w, b, rm, rv, training, 0.2, 1e-3);
    EXPECT_EQ(y.grad_fn()->name(), "NativeBatchNormBackward0");
    y.backward(mk(D::GY));
    if (training) {
      EXPECT_CLOSE(y, mk(D::bn_train_y));
      EXPECT_CLOSE(rm, mk(D::bn_train_rm));
      EXPECT_CLOSE(rv, mk(D::bn_train_rv));
      EXPECT_CLOSE(x.grad(), mk(D::bn_train_gx));
      EXPECT_CLOSE(w.grad(), mk(D::bn_train_gw));
      EXPECT_CLOSE(b.grad(), mk(D::bn_train_gb));
    } else {
      EXPECT_CLOSE(y, mk(D::bn_eval_y));
      EXPECT_CLOSE(rm, mk(D::bn_eval_rm));
      EXPECT_CLOSE(rv, mk(D::bn_eval_rv));
      EXPECT_CLOSE(x.grad(), mk(D::bn_eval_gx));
      EXPECT_CLOSE(w.grad(), mk(D::bn_eval_gw));
      EXPECT_CLOSE(b.grad(), mk(D::bn_eval_gb));
    }
  }
  EXPECT_CLOSE(batch_norm(mk(D::X4), {}, {}, {}, {}, true, 0.1, 1e-5), mk(D::bn4_y));
  // float32 and a non-contiguous input
  EXPECT_TENSOR_CLOSE(batch_norm(mk(D::X4, kFloat), {}, {}, {}, {}, true, 0.1, 1e-5),
                      mk(D::bn4_y, kFloat), 1e-5, 1e-5);
  Tensor xt = mk(D::X4).transpose(0, 3).contiguous().transpose(0, 3);
  EXPECT_FALSE(xt.is_contiguous());
  EXPECT_CLOSE(batch_norm(xt, {}, {}, {}, {}, true, 0.1, 1e-5), mk(D::bn4_y));
}

TEST(NormTest, BatchNormGradcheck) {
  for (bool training : {true, false}) {
    Tensor x = rnd({4, 3, 2}, -2, 2, 1), w = rnd({3}, 0.5, 1.5, 2), b = rnd({3}, -1, 1, 3);
    Tensor rm = rnd({3}, -1, 1, 4).detach(), rv = rnd({3}, 0.5, 2, 5).detach();
    auto fn = [&](const variable_list& in) {
      return variable_list{batch_norm(in[0], in[1], in[2], rm.clone(), rv.clone(), training, 0.1,
                                      1e-5)};
    };
    EXPECT_GRADCHECK(autograd::gradcheck(fn, {x, w, b}));
    EXPECT_GRADCHECK(autograd::gradgradcheck(fn, {x, w, b}));
  }
}

TEST(NormTest, BatchNormErrors) {
  Tensor x = randn({2, 3});
  EXPECT_EQ(error_of([&] { batch_norm(x, {}, {}, zeros({4}), ones({3}), false, 0.1, 1e-5); }),
            "running_mean should contain 3 elements not 4");
  EXPECT_EQ(error_of([&] { batch_norm(x, {}, {}, zeros({3}), ones({4}), false, 0.1, 1e-5); }),
            "running_var should contain 3 elements not 4");
  EXPECT_EQ(error_of([&] { batch_norm(x, ones({4}), {}, {}, {}, true, 0.1, 1e-5); }),
            "weight should contain 3 elements not 4");
  EXPECT_EQ(error_of([&] { batch_norm(x, {}, {}, {}, {}, false, 0.1, 1e-5); }),
            "running_mean must be defined in evaluation mode");
}

TEST(NormTest, LayerNormMatchesPyTorch) {
  Tensor x = mk(D::LX).requires_grad_(), w = mk(D::LW).requires_grad_(),
         b = mk(D::LB).requires_grad_();
  Tensor y = layer_norm(x, {4, 5}, w, b, 1e-4);
  EXPECT_EQ(y.grad_fn()->name(), "NativeLayerNormBackward0");
  y.backward(mk(D::LG));
  EXPECT_CLOSE(y, mk(D::ln_y));
  EXPECT_CLOSE(x.grad(), mk(D::ln_gx));
  EXPECT_CLOSE(w.grad(), mk(D::ln_gw));
  EXPECT_CLOSE(b.grad(), mk(D::ln_gb));
  auto [out, mean, rstd] = native_layer_norm(mk(D::LX), {4, 5}, {}, {}, 1e-5);
  EXPECT_EQ(mean.sizes().vec(), (std::vector<int64_t>{3, 1, 1}));
  EXPECT_EQ(rstd.sizes().vec(), (std::vector<int64_t>{3, 1, 1}));
  Tensor xg = rnd({3, 4}, -2, 2, 7), wg = rnd({4}, 0.5, 1.5, 8), bg = rnd({4}, -1, 1, 9);
  auto fn = [](const variable_list& in) {
    return variable_list{layer_norm(in[0], {4}, in[1], in[2])};
  };
  EXPECT_GRADCHECK(autograd::gradcheck(fn, {xg, wg, bg}));
  EXPECT_GRADCHECK(autograd::gradgradcheck(fn, {xg, wg, bg}));
  Tensor e = randn({2, 3});
  EXPECT_EQ(error_of([&] { layer_norm(e, {4}); }),
            "Given normalized_shape=[4], expected input with shape [*, 4], but got input of "
            "size[2, 3]");
  EXPECT_EQ(error_of([&] { layer_norm(e, {3}, ones({4})); }),
            "Expected weight to be of same shape as normalized_shape, but got weight of shape "
            "[4] and normalized_shape = [3]");
}

TEST(NormTest, GroupNormMatchesPyTorch) {
  Tensor x = mk(D::GX).requires_grad_(), w = mk(D::GW).requires_grad_(),
         b = mk(D::GB).requires_grad_();
  Tensor y = group_norm(x, 3, w, b);
  EXPECT_EQ(y.grad_fn()->name(), "NativeGroupNormBackward0");
  y.backward(mk(D::GG));
  EXPECT_CLOSE(y, mk(D::gn_y));
  EXPECT_CLOSE(x.grad(), mk(D::gn_gx));
  EXPECT_CLOSE(w.grad(), mk(D::gn_gw));
  EXPECT_CLOSE(b.grad(), mk(D::gn_gb));
  Tensor xg = rnd({2, 4, 3}, -2, 2, 7), wg = rnd({4}, 0.5, 1.5, 8), bg = rnd({4}, -1, 1, 9);
  auto fn = [](const variable_list& in) {
    return variable_list{group_norm(in[0], 2, in[1], in[2])};
  };
  EXPECT_GRADCHECK(autograd::gradcheck(fn, {xg, wg, bg}));
  EXPECT_GRADCHECK(autograd::gradgradcheck(fn, {xg, wg, bg}));
  EXPECT_EQ(error_of([] { group_norm(randn({2, 6, 4}), 4); }),
            "Expected number of channels in input to be divisible by num_groups, but got input "
            "of shape [2, 6, 4] and num_groups=4");
}

TEST(NormTest, InstanceNormAndCompositesMatchPyTorch) {
  Tensor rm = mk(D::RM), rv = mk(D::RV);
  Tensor y = instance_norm(mk(D::X), mk(D::W), mk(D::B), rm, rv, true, 0.3, 1e-5);
  EXPECT_CLOSE(y, mk(D::in_y));
  EXPECT_CLOSE(rm, mk(D::in_rm));
  EXPECT_CLOSE(rv, mk(D::in_rv));
  EXPECT_CLOSE(local_response_norm(mk(D::X), 3, 0.1, 0.7, 1.5), mk(D::lrn_y));
  EXPECT_CLOSE(normalize(mk(D::X), 3.0, 2), mk(D::nz_y));
  EXPECT_CLOSE(cosine_similarity(mk(D::A1), mk(D::A2), 1), mk(D::cos_y));
  EXPECT_CLOSE(pairwise_distance(mk(D::A1), mk(D::A2), 1.5), mk(D::pd_y));
}

TEST(NormTest, DropoutMasksMatchPyTorch) {
  manual_seed(99);
  EXPECT_CLOSE(dropout(ones({4, 6}, TensorOptions(kDouble)), 0.3, true), mk(D::drop_y));
  manual_seed(99);
  EXPECT_CLOSE(alpha_dropout(ones({4, 6}, TensorOptions(kDouble)), 0.3, true), mk(D::adrop_y));
  manual_seed(99);
  EXPECT_CLOSE(feature_dropout(ones({3, 4, 2, 2}, TensorOptions(kDouble)), 0.5, true),
               mk(D::fdrop_y));
  Tensor x = ones({3});
  EXPECT_TRUE(dropout(x, 0.5, false).is_same(x));
  EXPECT_EQ(error_of([&] { dropout(x, 1.5, true); }),
            "dropout probability has to be between 0 and 1, but got 1.5");
  EXPECT_EQ(error_of([&] { feature_dropout(x, 0.5, true); }),
            "Feature dropout requires at least 2 dimensions in the input");
  Tensor xg = ones({20}, TensorOptions(kDouble)).requires_grad_();
  Tensor y = dropout(xg, 0.5, true);
  EXPECT_EQ(y.grad_fn()->name(), "MulBackward0");
}

TEST(NormTest, EmbeddingMatchesPyTorch) {
  Tensor w = mk(D::EW).requires_grad_();
  Tensor idx = tensor(std::vector<int64_t>{0, 2, 2, 4}).view({2, 2});
  Tensor y = embedding(w, idx, 4);
  EXPECT_EQ(y.grad_fn()->name(), "EmbeddingBackward0");
  y.backward(arange(Scalar(12.0), TensorOptions(kDouble)).view({2, 2, 3}));
  EXPECT_CLOSE(y, mk(D::emb_y));
  EXPECT_CLOSE(w.grad(), mk(D::emb_gw));
  Tensor bi = tensor(std::vector<int64_t>{0, 2, 1, 4, 3});
  Tensor bo = tensor(std::vector<int64_t>{0, 2, 2});
  EXPECT_CLOSE(std::get<0>(embedding_bag(mk(D::EW), bi, bo, false, 0)), mk(D::bag_sum));
  EXPECT_CLOSE(std::get<0>(embedding_bag(mk(D::EW), bi, bo, false, 1)), mk(D::bag_mean));
  EXPECT_CLOSE(std::get<0>(embedding_bag(mk(D::EW), bi, bo, false, 2)), mk(D::bag_max));
  Tensor wg = rnd({5, 3}, -1, 1, 3);
  for (int64_t mode : {0, 1, 2}) {
    auto fn = [&](const variable_list& in) {
      return variable_list{std::get<0>(embedding_bag(in[0], bi, bo, false, mode))};
    };
    EXPECT_GRADCHECK(autograd::gradcheck(fn, {wg}));
  }
  EXPECT_EQ(error_of([] { embedding(randn({3}), tensor(std::vector<int64_t>{1})); }),
            "'weight' must be 2-D");
  EXPECT_EQ(error_of([] { embedding(randn({3, 2}), tensor(std::vector<double>{1.0})); }),
            "Expected tensor for argument #1 'indices' to have one of the following scalar "
            "types: Long, Int; but got torch.FloatTensor instead (while checking arguments for "
            "embedding)");
  Tensor oh = one_hot(tensor(std::vector<int64_t>{0, 2}), 3);
  EXPECT_TENSOR_EQ(oh, tensor(std::vector<int64_t>{1, 0, 0, 0, 0, 1}).view({2, 3}));
  EXPECT_EQ(error_of([] { one_hot(tensor(std::vector<int64_t>{3}), 2); }),
            "Class values must be smaller than num_classes.");
  EXPECT_EQ(error_of([] { one_hot(tensor(std::vector<int64_t>{-1})); }),
            "Class values must be non-negative.");
}

}  // namespace
