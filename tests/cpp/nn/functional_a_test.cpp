// wick::nn::functional (conv, pooling, normalization, dropout, embedding, padding,
// upsampling, pixelshuffle, fold, distance, vision, linear) against PyTorch's
// torch.nn.functional (values baked by gen_modules_a_data.py), the functional
// forms against the module forms, gradients and argument errors.
#include <functional>
#include <sstream>

#include "modules_a_test_data.h"
#include "test_utils.h"
#include "wick/autograd/gradcheck.h"

using namespace wick;
namespace F = wick::nn::functional;
using wick::test::error_of;

namespace {

using Inputs = std::vector<Tensor>;

Tensor fixed_input(const std::vector<int64_t>& shape, int k = 0) {
  int64_t n = 1;
  for (int64_t s : shape) n *= s;
  return sin(arange(n).to(kFloat) * 0.37f + static_cast<float>(k)).reshape(shape);
}

Tensor eb_input() { return tensor(std::vector<int64_t>{1, 2, 4, 5, 4, 3, 2, 9}); }
Tensor eb_offsets() { return tensor(std::vector<int64_t>{0, 3, 3}); }
Tensor theta() { return tensor(std::vector<float>{0.9f, -0.2f, 0.1f, 0.3f, 1.1f, -0.2f}).view({1, 2, 3}); }
Tensor grid() { return tanh(fixed_input({1, 3, 4, 2}, 1)) * 1.1f; }

Tensor run(const std::string& name, const Inputs& x) {
  if (name == "interpolate_area")
    return F::interpolate(x[0], F::InterpolateFuncOptions().size(std::vector<int64_t>{2, 3}).mode(kArea));
  if (name == "interpolate_bilinear_aa")
    return F::interpolate(x[0], F::InterpolateFuncOptions().size(std::vector<int64_t>{4, 5}).mode(kBilinear).antialias(true));
  if (name == "interpolate_bicubic_aa")
    return F::interpolate(x[0], F::InterpolateFuncOptions().scale_factor(std::vector<double>{0.45}).mode(kBicubic).antialias(true));
  if (name == "interpolate_nearest_exact")
    return F::interpolate(x[0], F::InterpolateFuncOptions().scale_factor(std::vector<double>{1.7}).mode(kNearestExact));
  if (name == "interpolate_bilinear_recompute")
    return F::interpolate(x[0], F::InterpolateFuncOptions()
                                    .scale_factor(std::vector<double>{1.7, 1.7})
                                    .mode(kBilinear)
                                    .recompute_scale_factor(true));
  if (name == "pad_circular") return F::pad(x[0], F::PadFuncOptions({1, 2, 2, 1}).mode(kCircular));
  if (name == "pad_constant") return F::pad(x[0], F::PadFuncOptions({1, 1, 0, 1}).value(2.5));
  if (name == "normalize_p1_dim0") return F::normalize(x[0], F::NormalizeFuncOptions().p(1).dim(0));
  if (name == "batch_norm_training")
    return F::batch_norm(x[0], zeros({3}), ones({3}),
                         F::BatchNormFuncOptions()
                             .weight(fixed_input({3}, 2))
                             .bias(fixed_input({3}, 3))
                             .training(true)
                             .momentum(0.2));
  if (name == "layer_norm_affine")
    return F::layer_norm(x[0], F::LayerNormFuncOptions({4}).weight(fixed_input({4}, 1)).bias(fixed_input({4}, 2)).eps(1e-3));
  if (name == "group_norm_affine")
    return F::group_norm(x[0], F::GroupNormFuncOptions(3).weight(fixed_input({6}, 1)).bias(fixed_input({6}, 2)));
  if (name == "instance_norm_stats") return F::instance_norm(x[0], F::InstanceNormFuncOptions().eps(1e-3));
  if (name == "local_response_norm")
    return F::local_response_norm(x[0], F::LocalResponseNormFuncOptions(2).alpha(0.1).beta(0.5).k(2.0));
  if (name == "conv2d_same")
    return F::conv2d(x[0], x[1], F::Conv2dFuncOptions().padding(kSame).dilation({1, 2}));
  if (name == "conv1d_stride_bias") return F::conv1d(x[0], x[1], F::Conv1dFuncOptions().bias(x[2]).stride(2).groups(2));
  if (name == "conv_transpose2d_dilation")
    return F::conv_transpose2d(x[0], x[1],
                               F::ConvTranspose2dFuncOptions().stride(2).padding(1).output_padding(1).dilation(2));
  if (name == "linear") return F::linear(x[0], x[1], x[2]);
  if (name == "bilinear") return F::bilinear(x[0], x[1], x[2]);
  if (name == "max_pool2d_ceil_dilation")
    return F::max_pool2d(x[0], F::MaxPool2dFuncOptions(2).stride(2).dilation({1, 2}).ceil_mode(true));
  if (name == "avg_pool2d_divisor")
    return F::avg_pool2d(x[0], F::AvgPool2dFuncOptions(3).stride(1).padding(1).divisor_override(4));
  if (name == "lp_pool2d_ceil") return F::lp_pool2d(x[0], F::LPPool2dFuncOptions(2.0, 2).ceil_mode(true));
  if (name == "embedding_max_norm")
    return F::embedding(tensor(std::vector<int64_t>{0, 2, 3, 2}).view({2, 2}), fixed_input({4, 3}) * 3.0f,
                        F::EmbeddingFuncOptions().max_norm(1.5));
  if (name == "one_hot") return F::one_hot(tensor(std::vector<int64_t>{0, 3, 1}), 5).to(kFloat);
  if (name == "affine_grid") return F::affine_grid(theta(), {1, 1, 3, 4}, false);
  if (name == "grid_sample_bilinear")
    return F::grid_sample(x[0], grid(), F::GridSampleFuncOptions().align_corners(false));
  if (name == "grid_sample_nearest_border")
    return F::grid_sample(x[0], grid(),
                          F::GridSampleFuncOptions().mode(kNearest).padding_mode(kBorder).align_corners(true));
  if (name == "grid_sample_bicubic_reflection")
    return F::grid_sample(x[0], grid(), F::GridSampleFuncOptions().mode(kBicubic).padding_mode(kReflection));
  if (name == "fold_unbatched") return F::fold(x[0], F::FoldFuncOptions({4, 5}, {2, 3}).padding(1).stride({1, 2}));
  if (name == "unfold_unbatched") return F::unfold(x[0], F::UnfoldFuncOptions(2).stride(2));
  if (name == "pixel_shuffle_batched3") return F::pixel_shuffle(x[0], 2);
  if (name == "cosine_similarity_dim0")
    return F::cosine_similarity(x[0], x[1], F::CosineSimilarityFuncOptions().dim(0).eps(1e-6));
  if (name == "pairwise_distance_p3")
    return F::pairwise_distance(x[0], x[1], F::PairwiseDistanceFuncOptions().p(3).eps(1e-4));
  if (name == "pdist") return F::pdist(x[0]);
  if (name == "pdist_p1") return F::pdist(x[0], 1.0);
  if (name == "dropout_train") return F::dropout(x[0], F::DropoutFuncOptions().p(0.4).training(true));
  if (name == "dropout2d_train") return F::dropout2d(x[0], F::Dropout2dFuncOptions().p(0.5));
  if (name == "embedding_bag_func")
    return F::embedding_bag(eb_input(), fixed_input({10, 2}), F::EmbeddingBagFuncOptions().offsets(eb_offsets()).mode(kMax));
  ADD_FAILURE() << "no case " << name;
  return {};
}

}  // namespace

TEST(NnFunctionalA, MatchPyTorch) {
  for (const FuncACase& c : func_a_cases()) {
    SCOPED_TRACE(c.name);
    Inputs xs;
    for (size_t k = 0; k < c.input_shapes.size(); ++k) xs.push_back(fixed_input(c.input_shapes[k], static_cast<int>(k)));
    manual_seed(c.seed);
    Tensor y = run(c.name, xs);
    ASSERT_TRUE(y.defined());
    EXPECT_TENSOR_CLOSE(y.detach(), tensor(c.output).view(c.output_shape), 1e-4, 1e-5);
  }
}

TEST(NnFunctionalA, FunctionalEqualsModule) {
  manual_seed(0);
  Tensor x = randn({2, 3, 6, 6});
  nn::ConvTranspose2d ct(nn::ConvTranspose2dOptions(3, 2, 3).stride(2).padding(1));
  EXPECT_TENSOR_CLOSE(ct(x), F::conv_transpose2d(x, ct->weight, F::ConvTranspose2dFuncOptions().bias(ct->bias).stride(2).padding(1)));
  nn::Conv2d cv(nn::Conv2dOptions(3, 4, 3).padding(1).bias(false));
  EXPECT_TENSOR_CLOSE(cv(x), F::conv2d(x, cv->weight, F::Conv2dFuncOptions().padding(1)));
  EXPECT_TENSOR_EQ(nn::MaxPool2d(nn::MaxPool2dOptions(3).stride(2))(x), F::max_pool2d(x, F::MaxPool2dFuncOptions(3).stride(2)));
  EXPECT_TENSOR_EQ(nn::AvgPool2d(2)(x), F::avg_pool2d(x, F::AvgPool2dFuncOptions(2)));
  EXPECT_TENSOR_EQ(nn::AdaptiveMaxPool2d(3)(x), F::adaptive_max_pool2d(x, F::AdaptiveMaxPool2dFuncOptions(3)));
  EXPECT_TENSOR_EQ(nn::AdaptiveAvgPool2d(2)(x), F::adaptive_avg_pool2d(x, F::AdaptiveAvgPool2dFuncOptions(2)));
  EXPECT_TENSOR_EQ(nn::LPPool2d(2, 2)(x.abs()), F::lp_pool2d(x.abs(), F::LPPool2dFuncOptions(2, 2)));
  auto [pooled, idx] = F::max_pool2d_with_indices(x, F::MaxPool2dFuncOptions(2));
  EXPECT_TENSOR_EQ(nn::MaxUnpool2d(2)(pooled, idx), F::max_unpool2d(pooled, idx, F::MaxUnpool2dFuncOptions(2)));
  auto [am, ai] = F::adaptive_max_pool2d_with_indices(x, F::AdaptiveMaxPool2dFuncOptions(2));
  auto [mm, mi] = nn::AdaptiveMaxPool2d(2)->forward_with_indices(x);
  EXPECT_TENSOR_EQ(am, mm);
  EXPECT_TENSOR_EQ(ai, mi);
  nn::GroupNorm gn(3, 3);
  EXPECT_TENSOR_CLOSE(gn(x), F::group_norm(x, F::GroupNormFuncOptions(3).weight(gn->weight).bias(gn->bias)));
  EXPECT_TENSOR_CLOSE(nn::InstanceNorm2d(3)(x), F::instance_norm(x));
  nn::LayerNorm ln(std::vector<int64_t>{6, 6});
  EXPECT_TENSOR_CLOSE(ln(x), F::layer_norm(x, F::LayerNormFuncOptions({6, 6}).weight(ln->weight).bias(ln->bias)));
  nn::BatchNorm2d bn(3);
  bn->eval();
  EXPECT_TENSOR_CLOSE(bn(x), F::batch_norm(x, bn->running_mean, bn->running_var,
                                           F::BatchNormFuncOptions().weight(bn->weight).bias(bn->bias)));
  EXPECT_TENSOR_CLOSE(nn::LocalResponseNorm(2)(x), F::local_response_norm(x, F::LocalResponseNormFuncOptions(2)));
  EXPECT_TENSOR_EQ(nn::ReflectionPad2d(2)(x), F::pad(x, F::PadFuncOptions({2, 2, 2, 2}).mode(kReflect)));
  EXPECT_TENSOR_EQ(nn::ReplicationPad2d(1)(x), F::pad(x, F::PadFuncOptions({1, 1, 1, 1}).mode(kReplicate)));
  EXPECT_TENSOR_EQ(nn::ConstantPad2d(1, 2)(x), F::pad(x, F::PadFuncOptions({1, 1, 1, 1}).value(2)));
  EXPECT_TENSOR_EQ(nn::ZeroPad2d(1)(x), F::pad(x, F::PadFuncOptions({1, 1, 1, 1})));
  EXPECT_TENSOR_EQ(nn::Upsample(nn::UpsampleOptions().scale_factor(std::vector<double>{2, 2}).mode(kBilinear))(x),
                   F::interpolate(x, F::InterpolateFuncOptions().scale_factor(std::vector<double>{2, 2}).mode(kBilinear)));
  EXPECT_TENSOR_EQ(nn::PixelShuffle(2)(x.reshape({2, 12, 3, 3})), F::pixel_shuffle(x.reshape({2, 12, 3, 3}), 2));
  EXPECT_TENSOR_EQ(nn::PixelUnshuffle(3)(x), F::pixel_unshuffle(x, 3));
  Tensor cols = nn::Unfold(3)(x);
  EXPECT_TENSOR_EQ(cols, F::unfold(x, F::UnfoldFuncOptions(3)));
  EXPECT_TENSOR_EQ(nn::Fold(nn::FoldOptions(6, 3))(cols), F::fold(cols, F::FoldFuncOptions(6, 3)));
  Tensor a = randn({4, 5}), b = randn({4, 5});
  EXPECT_TENSOR_EQ(nn::CosineSimilarity()(a, b), F::cosine_similarity(a, b));
  EXPECT_TENSOR_EQ(nn::PairwiseDistance()(a, b), F::pairwise_distance(a, b));
  nn::Bilinear bl(5, 5, 2);
  EXPECT_TENSOR_CLOSE(bl(a, b), F::bilinear(a, b, bl->weight, bl->bias));
  nn::Linear li(5, 3);
  EXPECT_TENSOR_CLOSE(li(a), F::linear(a, li->weight, li->bias));
  nn::EmbeddingBag eb(nn::EmbeddingBagOptions(10, 3).mode(kSum));
  EXPECT_TENSOR_EQ(eb(eb_input(), eb_offsets()),
                   F::embedding_bag(eb_input(), eb->weight, F::EmbeddingBagFuncOptions().offsets(eb_offsets()).mode(kSum)));
  nn::Embedding em(10, 2);
  EXPECT_TENSOR_EQ(em(eb_input()), F::embedding(eb_input(), em->weight));
  // The same seed gives the same masks.
  manual_seed(5);
  Tensor d1 = nn::Dropout3d(0.5)(x.unsqueeze(2));
  manual_seed(5);
  EXPECT_TENSOR_EQ(d1, F::dropout3d(x.unsqueeze(2)));
  manual_seed(6);
  Tensor d2 = nn::AlphaDropout(0.3)(a);
  manual_seed(6);
  EXPECT_TENSOR_EQ(d2, F::alpha_dropout(a, F::AlphaDropoutFuncOptions().p(0.3).training(true)));
}

TEST(NnFunctionalA, InplaceAndOut) {
  Tensor x = ones({4, 5});
  manual_seed(1);
  Tensor y = F::dropout(x, F::DropoutFuncOptions().p(0.5).inplace(true));
  EXPECT_TRUE(y.is_same(x));
  EXPECT_TRUE(((x == 0) | (x == 2)).all().item<bool>());
  Tensor u = ones({3, 4});
  Tensor r = F::dropout1d(u, F::Dropout1dFuncOptions().p(0.5).inplace(true));
  EXPECT_TRUE(r.is_same(u));
  EXPECT_TRUE(u.sizes().equals({3, 4}));
  Tensor z = ones({2, 3});
  EXPECT_TENSOR_EQ(F::alpha_dropout(z), z);  // training defaults to false
  Tensor out = empty({0});
  Tensor n = F::normalize(fixed_input({2, 3}), F::NormalizeFuncOptions().out(out));
  EXPECT_TRUE(n.is_same(out));
  EXPECT_TENSOR_CLOSE(out, F::normalize(fixed_input({2, 3})));
  EXPECT_TENSOR_CLOSE(out.pow(2).sum(1), ones({2}), 1e-5, 1e-6);
}

TEST(NnFunctionalA, GradcheckThroughFunctional) {
  auto opts = TensorOptions().dtype(kDouble);
  manual_seed(2);
  Tensor x = randn({1, 2, 4, 4}, opts).requires_grad_();
  Tensor w = randn({2, 1, 3, 3}, opts).requires_grad_();
  EXPECT_TRUE(autograd::gradcheck(
      [](const std::vector<Tensor>& in) -> std::vector<Tensor> {
        return {F::conv_transpose2d(in[0], in[1], F::ConvTranspose2dFuncOptions().stride(2).groups(2))};
      },
      {x, w}));
  Tensor g = (rand({1, 3, 3, 2}, opts) * 1.8 - 0.9).requires_grad_();
  EXPECT_TRUE(autograd::gradcheck(
      [](const std::vector<Tensor>& in) -> std::vector<Tensor> { return {F::grid_sample(in[0], in[1], F::GridSampleFuncOptions().align_corners(true))}; },
      {x, g}));
  EXPECT_TRUE(autograd::gradcheck(
      [](const std::vector<Tensor>& in) -> std::vector<Tensor> {
        return {F::interpolate(in[0], F::InterpolateFuncOptions().size(std::vector<int64_t>{5, 7}).mode(kBicubic))};
      },
      {x}));
  EXPECT_TRUE(autograd::gradcheck(
      [](const std::vector<Tensor>& in) -> std::vector<Tensor> { return {F::pad(in[0], F::PadFuncOptions({1, 2, 2, 1}).mode(kReflect))}; }, {x}));
  EXPECT_TRUE(autograd::gradcheck(
      [](const std::vector<Tensor>& in) -> std::vector<Tensor> { return {F::group_norm(in[0], F::GroupNormFuncOptions(2))}; }, {x}));
  Tensor rows = randn({4, 3}, opts).requires_grad_();
  EXPECT_TRUE(autograd::gradcheck(
      [](const std::vector<Tensor>& in) -> std::vector<Tensor> { return {F::pdist(in[0], 3.0)}; }, {rows}));
  Tensor v = (rand({1, 2, 4, 4, 4}, opts) + 0.5).requires_grad_();
  EXPECT_TRUE(autograd::gradcheck(
      [](const std::vector<Tensor>& in) -> std::vector<Tensor> {
        return {F::lp_pool3d(in[0], F::LPPool3dFuncOptions(2.0, 2))};
      },
      {v}));
  nn::CrossMapLRN2d lrn(nn::CrossMapLRN2dOptions(3).alpha(0.1));
  Tensor c = randn({1, 5, 2, 2}, opts).requires_grad_();
  EXPECT_TRUE(autograd::gradcheck(
      [&](const std::vector<Tensor>& in) -> std::vector<Tensor> { return {lrn(in[0])}; }, {c}));
}

TEST(NnFunctionalA, Errors) {
  Tensor x = ones({1, 1, 4, 4});
  EXPECT_EQ(error_of([&] { F::interpolate(x, F::InterpolateFuncOptions().size(std::vector<int64_t>{2, 2}).scale_factor(std::vector<double>{2})); }),
            "only one of size or scale_factor should be defined");
  EXPECT_EQ(error_of([&] { F::interpolate(x, F::InterpolateFuncOptions().size(std::vector<int64_t>{2, 2, 2})); }),
            "Input and output must have the same number of spatial dimensions, but got input with spatial "
            "dimensions of [4, 4] and output size of [2, 2, 2]. Please provide input tensor in (N, C, d1, d2, "
            "...,dK) format and output size in (o1, o2, ...,oK) format.");
  EXPECT_EQ(error_of([&] {
              F::interpolate(x, F::InterpolateFuncOptions().size(std::vector<int64_t>{2, 2}).recompute_scale_factor(true));
            }),
            "recompute_scale_factor is not meaningful with an explicit size.");
  EXPECT_EQ(error_of([&] { F::interpolate(ones({2, 2}), F::InterpolateFuncOptions().size(std::vector<int64_t>{2})); }),
            "Input and output must have the same number of spatial dimensions, but got input with spatial "
            "dimensions of [] and output size of [2]. Please provide input tensor in (N, C, d1, d2, ...,dK) "
            "format and output size in (o1, o2, ...,oK) format.");
  EXPECT_EQ(error_of([&] {
              F::interpolate(ones({1, 1, 1, 1, 1, 1}), F::InterpolateFuncOptions().size(std::vector<int64_t>{2}));
            }),
            "Input Error: Only 3D, 4D and 5D input Tensors supported (got 6D) for the modes: nearest | linear | "
            "bilinear | bicubic | trilinear | area | nearest-exact (got nearest)");
  EXPECT_EQ(error_of([&] { F::pad(x, F::PadFuncOptions({1, 1}).mode(kZeros)); }), "Unrecognised padding mode zeros");
  EXPECT_EQ(error_of([&] { F::dropout(x, F::DropoutFuncOptions().p(1.5)); }),
            "dropout probability has to be between 0 and 1, but got 1.5");
  EXPECT_EQ(error_of([&] { F::batch_norm(ones({1, 3}), Tensor(), Tensor(), F::BatchNormFuncOptions().training(true)); }),
            "Expected more than 1 value per channel when training, got input size [1, 3]");
  EXPECT_EQ(error_of([&] { F::embedding(tensor(std::vector<int64_t>{0}), ones({3, 2}), F::EmbeddingFuncOptions().padding_idx(3)); }),
            "Padding_idx must be within num_embeddings");
  EXPECT_EQ(error_of([&] { F::grid_sample(x, zeros({1, 2, 2, 2}), F::GridSampleFuncOptions().padding_mode(kReflect)); }),
            "nn.functional.grid_sample(): expected padding_mode to be kZeros, kBorder or kReflection");
  EXPECT_EQ(error_of([&] { F::grid_sample(x, zeros({1, 2, 2, 2}), F::GridSampleFuncOptions().mode(kTrilinear)); }),
            "nn.functional.grid_sample(): expected mode to be kBilinear, kNearest or kBicubic");
  EXPECT_EQ(error_of([&] { F::avg_pool1d(ones({1, 4}), F::AvgPool1dFuncOptions(2).divisor_override(2)); }),
            "divisor_override is not supported by avg_pool1d");
  EXPECT_EQ(error_of([&] { F::pdist(ones({2, 2, 2})); }), "pdist only supports 2D tensors, got: 3D");
}
