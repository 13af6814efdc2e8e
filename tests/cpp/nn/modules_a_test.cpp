// The rest of the C++ module set against PyTorch (modules_a_test_data.h, from
// gen_modules_a_data.py): the same seed gives the same default weights, outputs,
// input gradients and state-dict keys; plus options, printing and errors.
#include <functional>
#include <map>
#include <sstream>

#include "modules_a_test_data.h"
#include "test_utils.h"

using namespace wick;
using wick::test::error_of;

namespace {

using Inputs = std::vector<Tensor>;
using Forward = std::function<Tensor(const Inputs&)>;

Tensor fixed_input(const std::vector<int64_t>& shape, int k = 0) {
  int64_t n = 1;
  for (int64_t s : shape) n *= s;
  return sin(arange(n).to(kFloat) * 0.37f + static_cast<float>(k)).reshape(shape);
}

Tensor out_weights(const Tensor& y) { return cos(arange(y.numel()).to(kFloat) * 0.11f).reshape(y.sizes()); }

Tensor eb_input() { return tensor(std::vector<int64_t>{1, 2, 4, 5, 4, 3, 2, 9}); }
Tensor eb_offsets() { return tensor(std::vector<int64_t>{0, 3, 3}); }

// Builds case `name`'s module (drawing its weights from the generator) and its call.
std::shared_ptr<nn::Module> make(const std::string& name, Forward& fwd) {
  using namespace wick::nn;
  auto one = [&](auto holder) {
    auto p = holder.ptr();
    fwd = [p](const Inputs& x) { return p->forward(x[0]); };
    return std::static_pointer_cast<Module>(p);
  };
  auto two = [&](auto holder) {
    auto p = holder.ptr();
    fwd = [p](const Inputs& x) { return p->forward(x[0], x[1]); };
    return std::static_pointer_cast<Module>(p);
  };
  if (name == "conv_transpose1d") return one(ConvTranspose1d(ConvTranspose1dOptions(2, 3, 3).stride(2)));
  if (name == "conv_transpose2d")
    return one(ConvTranspose2d(
        ConvTranspose2dOptions(4, 2, {3, 2}).stride(2).padding(1).output_padding(1).groups(2)));
  if (name == "conv_transpose2d_output_size") {
    ConvTranspose2d m(ConvTranspose2dOptions(2, 2, 3).stride(2));
    auto p = m.ptr();
    fwd = [p](const Inputs& x) { return p->forward(x[0], IntArrayRef{8, 8}); };
    return p;
  }
  if (name == "conv_transpose3d") return one(ConvTranspose3d(ConvTranspose3dOptions(2, 2, 2).stride(2).bias(false)));
  if (name == "bilinear") return two(Bilinear(3, 4, 2));
  if (name == "unflatten") return one(Unflatten(1, std::vector<int64_t>{2, 3}));
  if (name == "max_pool1d") return one(MaxPool1d(MaxPool1dOptions(3).stride(2).padding(1)));
  if (name == "max_pool3d") return one(MaxPool3d(2));
  if (name == "avg_pool1d") return one(AvgPool1d(AvgPool1dOptions(3).stride(2).padding(1).count_include_pad(false)));
  if (name == "avg_pool3d") return one(AvgPool3d(AvgPool3dOptions(2).stride(1)));
  if (name == "adaptive_avg_pool1d") return one(AdaptiveAvgPool1d(4));
  if (name == "adaptive_avg_pool3d") return one(AdaptiveAvgPool3d(AdaptiveAvgPool3dOptions({2, 3, 2})));
  if (name == "adaptive_max_pool1d") return one(AdaptiveMaxPool1d(3));
  if (name == "adaptive_max_pool2d") return one(AdaptiveMaxPool2d(AdaptiveMaxPool2dOptions({2, 3})));
  if (name == "adaptive_max_pool3d") return one(AdaptiveMaxPool3d(2));
  if (name == "max_unpool1d") {
    MaxUnpool1d m(2);
    auto p = m.ptr();
    fwd = [p](const Inputs& x) {
      auto [y, idx] = MaxPool1d(2)->forward_with_indices(x[0]);
      return p->forward(y, idx, std::vector<int64_t>{9});
    };
    return p;
  }
  if (name == "max_unpool2d") {
    MaxUnpool2d m(2);
    auto p = m.ptr();
    fwd = [p](const Inputs& x) {
      auto [y, idx] = MaxPool2d(2)->forward_with_indices(x[0]);
      return p->forward(y, idx);
    };
    return p;
  }
  if (name == "max_unpool3d") {
    MaxUnpool3d m(MaxUnpool3dOptions(2).stride(2));
    auto p = m.ptr();
    fwd = [p](const Inputs& x) {
      auto [y, idx] = MaxPool3d(2)->forward_with_indices(x[0]);
      return p->forward(y, idx);
    };
    return p;
  }
  if (name == "lp_pool1d") return one(LPPool1d(LPPool1dOptions(2, 3).stride(2)));
  if (name == "lp_pool2d") return one(LPPool2d(4, 2));
  if (name == "group_norm") return one(GroupNorm(2, 4));
  if (name == "instance_norm1d_affine") return one(InstanceNorm1d(InstanceNorm1dOptions(3).affine(true)));
  if (name == "instance_norm2d_running")
    return one(InstanceNorm2d(InstanceNorm2dOptions(3).track_running_stats(true)));
  if (name == "instance_norm3d_unbatched") return one(InstanceNorm3d(2));
  if (name == "local_response_norm") return one(LocalResponseNorm(3));
  if (name == "dropout1d") return one(Dropout1d(0.5));
  if (name == "dropout3d") return one(Dropout3d(0.5));
  if (name == "alpha_dropout") return one(AlphaDropout(0.3));
  if (name == "feature_alpha_dropout") return one(FeatureAlphaDropout(0.4));
  if (name == "embedding_bag_sum" || name == "embedding_bag_mean_padding" || name == "embedding_bag_weights") {
    EmbeddingBagOptions o(10, name == "embedding_bag_weights" ? 2 : 3);
    if (name == "embedding_bag_mean_padding") {
      o.padding_idx(4);
    } else {
      o.mode(kSum);
    }
    EmbeddingBag m(o);
    auto p = m.ptr();
    bool weights = name == "embedding_bag_weights";
    fwd = [p, weights](const Inputs&) {
      return p->forward(eb_input(), eb_offsets(), weights ? fixed_input({8}) : Tensor());
    };
    return p;
  }
  if (name == "embedding_bag_max_2d") {
    EmbeddingBag m(EmbeddingBagOptions(10, 2).mode(kMax));
    auto p = m.ptr();
    fwd = [p](const Inputs&) { return p->forward(eb_input().view({2, 4})); };
    return p;
  }
  if (name == "reflection_pad1d") return one(ReflectionPad1d(2));
  if (name == "reflection_pad2d") return one(ReflectionPad2d(ReflectionPad2dOptions({1, 0, 2, 1})));
  if (name == "reflection_pad3d") return one(ReflectionPad3d(1));
  if (name == "replication_pad1d") return one(ReplicationPad1d(ReplicationPad1dOptions({1, 2})));
  if (name == "replication_pad2d") return one(ReplicationPad2d(1));
  if (name == "replication_pad3d") return one(ReplicationPad3d(ReplicationPad3dOptions({1, 0, 1, 0, 0, 1})));
  if (name == "zero_pad1d") return one(ZeroPad1d(ZeroPad1dOptions({2, 1})));
  if (name == "zero_pad2d") return one(ZeroPad2d(ZeroPad2dOptions({1, 1, 0, 2})));
  if (name == "zero_pad3d") return one(ZeroPad3d(1));
  if (name == "constant_pad1d") return one(ConstantPad1d(2, 3.5));
  if (name == "constant_pad2d") return one(ConstantPad2d(ConstantPad2dOptions({1, 0, 2, 0}, -1.0)));
  if (name == "constant_pad3d") return one(ConstantPad3d(1, 0.5));
  if (name == "upsample_nearest")
    return one(Upsample(UpsampleOptions().scale_factor(std::vector<double>{2}).mode(kNearest)));
  if (name == "upsample_bilinear_align")
    return one(Upsample(
        UpsampleOptions().size(std::vector<int64_t>{5, 7}).mode(kBilinear).align_corners(true)));
  if (name == "upsample_bicubic")
    return one(Upsample(UpsampleOptions().scale_factor(std::vector<double>{1.5, 1.5}).mode(kBicubic)));
  if (name == "upsample_linear")
    return one(Upsample(UpsampleOptions().size(std::vector<int64_t>{7}).mode(kLinear)));
  if (name == "upsample_trilinear")
    return one(Upsample(UpsampleOptions().scale_factor(std::vector<double>{2, 1, 2}).mode(kTrilinear)));
  if (name == "pixel_shuffle") return one(PixelShuffle(2));
  if (name == "pixel_unshuffle") return one(PixelUnshuffle(2));
  if (name == "fold") return one(Fold(FoldOptions({4, 5}, {2, 3}).padding(1).stride({1, 2})));
  if (name == "unfold") return one(Unfold(UnfoldOptions({2, 3}).dilation({1, 2}).padding(1).stride(2)));
  if (name == "lp_pool3d") return one(LPPool3d(2.0, 2));
  if (name == "cross_map_lrn2d") return one(CrossMapLRN2d(CrossMapLRN2dOptions(3).alpha(1e-2).beta(0.75).k(2)));
  if (name == "cross_map_lrn2d_even") return one(CrossMapLRN2d(CrossMapLRN2dOptions(4).alpha(0.1).beta(0.5).k(1)));
  if (name == "adaptive_avg_pool2d_none") return one(AdaptiveAvgPool2d(AdaptiveAvgPool2dOptions({std::nullopt, 3})));
  if (name == "adaptive_max_pool3d_none")
    return one(AdaptiveMaxPool3d(AdaptiveMaxPool3dOptions({2, std::nullopt, 3})));
  if (name == "cosine_similarity") return two(CosineSimilarity(CosineSimilarityOptions().dim(1)));
  if (name == "pairwise_distance") return two(PairwiseDistance(PairwiseDistanceOptions().p(1).keepdim(true)));
  ADD_FAILURE() << "no case " << name;
  return nullptr;
}

std::string printed(const nn::Module& m) {
  std::ostringstream s;
  s << m;
  return s.str();
}

}  // namespace

TEST(NnModulesA, MatchPyTorchForTheSameSeed) {
  for (const ModuleACase& c : module_a_cases()) {
    SCOPED_TRACE(c.name);
    manual_seed(c.seed);
    Forward fwd;
    auto m = make(c.name, fwd);
    ASSERT_TRUE(m);
    Inputs xs;
    for (size_t k = 0; k < c.input_shapes.size(); ++k)
      xs.push_back(fixed_input(c.input_shapes[k], static_cast<int>(k)).requires_grad_());
    Tensor y = fwd(xs);
    EXPECT_TENSOR_CLOSE(y.detach(), tensor(c.output).view(c.output_shape), 1e-4, 1e-5);
    if (!xs.empty()) {
      (y * out_weights(y)).sum().backward();
      ASSERT_TRUE(xs[0].grad().defined());
      if (!c.grad.empty()) {  // (empty where PyTorch's backward is not its forward's derivative)
        EXPECT_TENSOR_CLOSE(xs[0].grad(), tensor(c.grad).view(c.input_shapes[0]), 1e-4, 1e-5);
      }
    }
    auto state = m->state_dict();
    EXPECT_EQ(state.keys(), c.state_keys);
    std::vector<Tensor> flat;
    for (const auto& item : state) flat.push_back(item.value().to(kFloat).flatten());
    if (!flat.empty()) {
      EXPECT_TENSOR_CLOSE(cat(flat), tensor(c.state_values), 1e-4, 1e-5);
    }
  }
}

TEST(NnModulesA, ParametersGetGradients) {
  manual_seed(0);
  nn::Bilinear bl(3, 2, 4);
  nn::ConvTranspose2d ct(nn::ConvTranspose2dOptions(2, 3, 2).stride(2));
  nn::GroupNorm gn(nn::GroupNormOptions(1, 3).eps(1e-3));
  nn::EmbeddingBag eb(5, 3);
  Tensor y = bl(randn({4, 3}), randn({4, 2})).sum() + gn(ct(randn({1, 2, 3, 3}))).pow(2).sum() +
             eb(tensor(std::vector<int64_t>{0, 4, 2}), tensor(std::vector<int64_t>{0, 1})).sum();
  y.backward();
  for (auto* m : std::vector<nn::Module*>{bl.get(), ct.get(), gn.get(), eb.get()}) {
    for (const auto& p : m->named_parameters()) {
      SCOPED_TRACE(m->name() + "." + p.key());
      ASSERT_TRUE(p.value().grad().defined());
      EXPECT_TRUE(p.value().grad().sizes().equals(p.value().sizes()));
    }
  }
  // A bag of one row: the gradient of its sum is 1 on that row only.
  EXPECT_TENSOR_CLOSE(eb->weight.grad().select(0, 0), ones({3}));
  EXPECT_TENSOR_CLOSE(eb->weight.grad().select(0, 1), zeros({3}));
}

TEST(NnModulesA, OptionsGetters) {
  nn::ConvTranspose2dOptions ct(3, 4, {2, 3});
  ct.stride(2).output_padding({1, 0}).dilation(2).groups(1).bias(false);
  EXPECT_EQ(ct.in_channels(), 3);
  EXPECT_EQ(ct.kernel_size()[1], 3);
  EXPECT_EQ(ct.stride()[0], 2);
  EXPECT_EQ(ct.output_padding()[0], 1);
  EXPECT_EQ(ct.padding_mode(), kZeros);
  EXPECT_FALSE(ct.bias());
  nn::MaxUnpool2dOptions up(3);
  EXPECT_EQ(up.stride()[1], 3);  // stride defaults to kernel_size
  nn::LPPool2dOptions lp(2.5, 3);
  EXPECT_EQ(lp.norm_type(), 2.5);
  EXPECT_EQ(lp.stride()[0], 3);
  EXPECT_FALSE(lp.ceil_mode());
  nn::InstanceNormOptions in(4);
  EXPECT_FALSE(in.affine());
  EXPECT_FALSE(in.track_running_stats());
  EXPECT_EQ(in.momentum(), 0.1);
  nn::GroupNormOptions gn(2, 6);
  EXPECT_EQ(gn.num_groups(), 2);
  EXPECT_EQ(gn.eps(), 1e-5);
  EXPECT_TRUE(gn.affine());
  nn::LocalResponseNormOptions lrn(5);
  EXPECT_EQ(lrn.alpha(), 1e-4);
  EXPECT_EQ(lrn.beta(), 0.75);
  EXPECT_EQ(lrn.k(), 1.0);
  nn::EmbeddingBagOptions eb(10, 3);
  EXPECT_EQ(eb.mode(), kMean);
  EXPECT_FALSE(eb.include_last_offset());
  EXPECT_FALSE(eb.padding_idx());
  nn::UpsampleOptions us;
  EXPECT_TRUE(us.mode() == nn::InterpolateMode(kNearest));
  EXPECT_FALSE(us.align_corners());
  us.mode(kLinear);
  EXPECT_STREQ(us.mode().name(), "kLinear");
  nn::ConstantPad2dOptions cp({1, 2, 3, 4}, 1.5);
  EXPECT_EQ(cp.padding()[3], 4);
  EXPECT_EQ(cp.value(), 1.5);
  nn::FoldOptions fo({4, 5}, 2);
  EXPECT_EQ(fo.kernel_size()[1], 2);
  EXPECT_EQ(fo.stride()[0], 1);
  nn::PairwiseDistanceOptions pd;
  EXPECT_EQ(pd.p(), 2.0);
  EXPECT_EQ(pd.eps(), 1e-6);
  nn::CosineSimilarityOptions cs;
  EXPECT_EQ(cs.dim(), 1);
  EXPECT_EQ(cs.eps(), 1e-8);
  nn::BilinearOptions bo(2, 3, 4);
  EXPECT_EQ(bo.in2_features(), 3);
  EXPECT_TRUE(bo.bias());
  nn::DropoutOptions dr;
  EXPECT_EQ(dr.p(), 0.5);
  nn::PixelUnshuffleOptions pu(3);
  EXPECT_EQ(pu.downscale_factor(), 3);
}

TEST(NnModulesA, PrettyPrint) {
  using namespace wick::nn;
  EXPECT_EQ(printed(*ConvTranspose2d(ConvTranspose2dOptions(3, 4, 2).stride(2).output_padding(1).groups(1).bias(false))),
            "wick::nn::ConvTranspose2d(3, 4, kernel_size=[2, 2], stride=[2, 2], output_padding=[1, 1], bias=false)");
  EXPECT_EQ(printed(*ConvTranspose1d(ConvTranspose1dOptions(2, 2, 3).padding(1).dilation(2).groups(2))),
            "wick::nn::ConvTranspose1d(2, 2, kernel_size=[3], stride=[1], padding=[1], dilation=[2], groups=2)");
  EXPECT_EQ(printed(*Conv2d(Conv2dOptions(1, 2, 3).padding(kSame))),
            "wick::nn::Conv2d(1, 2, kernel_size=[3, 3], stride=[1, 1], padding='same')");
  EXPECT_EQ(printed(*Bilinear(BilinearOptions(2, 3, 4).bias(false))),
            "wick::nn::Bilinear(in1_features=2, in2_features=3, out_features=4, bias=false)");
  EXPECT_EQ(printed(*Unflatten(1, std::vector<int64_t>{2, -1})), "wick::nn::Unflatten(dim=1, unflattened_size={2, -1})");
  EXPECT_EQ(printed(*AdaptiveMaxPool2d(AdaptiveMaxPool2dOptions({2, 3}))),
            "wick::nn::AdaptiveMaxPool2d(output_size=[2, 3])");
  EXPECT_EQ(printed(*AdaptiveAvgPool1d(4)), "wick::nn::AdaptiveAvgPool1d(output_size=[4])");
  EXPECT_EQ(printed(*AdaptiveAvgPool3d(AdaptiveAvgPool3dOptions({2, std::nullopt, 1}))),
            "wick::nn::AdaptiveAvgPool3d(output_size=[2, None, 1])");
  EXPECT_EQ(printed(*LPPool3d(LPPool3dOptions(3, 2).ceil_mode(true))),
            "wick::nn::LPPool3d(norm_type=3, kernel_size=[2, 2, 2], stride=[2, 2, 2], ceil_mode=true)");
  EXPECT_EQ(printed(*CrossMapLRN2d(CrossMapLRN2dOptions(3).alpha(1e-2))),
            "wick::nn::CrossMapLRN2d(3, alpha=0.01, beta=0.75, k=1)");
  EXPECT_EQ(printed(*MaxUnpool3d(MaxUnpool3dOptions(2).padding(1))),
            "wick::nn::MaxUnpool3d(kernel_size=[2, 2, 2], stride=[2, 2, 2], padding=[1, 1, 1])");
  EXPECT_EQ(printed(*LPPool1d(LPPool1dOptions(2, 3).stride(2))),
            "wick::nn::LPPool1d(norm_type=2, kernel_size=[3], stride=[2], ceil_mode=false)");
  EXPECT_EQ(printed(*MaxPool1d(3)),
            "wick::nn::MaxPool1d(kernel_size=[3], stride=[3], padding=[0], dilation=[1], ceil_mode=false)");
  EXPECT_EQ(printed(*AvgPool3d(2)),
            "wick::nn::AvgPool3d(kernel_size=[2, 2, 2], stride=[2, 2, 2], padding=[0, 0, 0])");
  EXPECT_EQ(printed(*GroupNorm(2, 4)), "wick::nn::GroupNorm(2, 4, eps=1e-05, affine=true)");
  EXPECT_EQ(printed(*InstanceNorm2d(InstanceNorm2dOptions(3).affine(true))),
            "wick::nn::InstanceNorm2d(3, eps=1e-05, momentum=0.1, affine=true, track_running_stats=false)");
  EXPECT_EQ(printed(*LocalResponseNorm(LocalResponseNormOptions(3).k(2))),
            "wick::nn::LocalResponseNorm(3, alpha=0.0001, beta=0.75, k=2)");
  EXPECT_EQ(printed(*Dropout1d(0.25)), "wick::nn::Dropout1d(p=0.25, inplace=false)");
  EXPECT_EQ(printed(*Dropout3d(DropoutOptions(0.5).inplace(true))), "wick::nn::Dropout3d(p=0.5, inplace=true)");
  EXPECT_EQ(printed(*AlphaDropout(0.1)), "wick::nn::AlphaDropout(p=0.1, inplace=false)");
  EXPECT_EQ(printed(*FeatureAlphaDropout(0.2)), "wick::nn::FeatureAlphaDropout(p=0.2, inplace=false)");
  EXPECT_EQ(printed(*EmbeddingBag(EmbeddingBagOptions(10, 3).mode(kSum).padding_idx(-1).include_last_offset(true))),
            "wick::nn::EmbeddingBag(num_embeddings=10, embedding_dim=3, mode=kSum, include_last_offset=true, "
            "padding_idx=9)");
  EXPECT_EQ(printed(*EmbeddingBag(5, 2)), "wick::nn::EmbeddingBag(num_embeddings=5, embedding_dim=2)");
  EXPECT_EQ(printed(*ReflectionPad2d(ReflectionPad2dOptions({1, 0, 2, 1}))),
            "wick::nn::ReflectionPad2d(padding=[1, 0, 2, 1])");
  EXPECT_EQ(printed(*ReplicationPad1d(2)), "wick::nn::ReplicationPad1d(padding=[2, 2])");
  EXPECT_EQ(printed(*ZeroPad2d(1)), "wick::nn::ZeroPad2d(padding=[1, 1, 1, 1])");
  EXPECT_EQ(printed(*ConstantPad3d(1, 3.5)), "wick::nn::ConstantPad3d(padding=[1, 1, 1, 1, 1, 1], value=3.5)");
  EXPECT_EQ(printed(*Upsample(UpsampleOptions().scale_factor(std::vector<double>{2, 2}))),
            "wick::nn::Upsample(scale_factor=[2, 2], mode=kNearest)");
  EXPECT_EQ(printed(*Upsample(UpsampleOptions().size(std::vector<int64_t>{4, 5}).mode(kBilinear))),
            "wick::nn::Upsample(size=[4, 5], mode=kBilinear)");
  EXPECT_EQ(printed(*PixelShuffle(2)), "wick::nn::PixelShuffle(upscale_factor=2)");
  EXPECT_EQ(printed(*PixelUnshuffle(3)), "wick::nn::PixelUnshuffle(downscale_factor=3)");
  EXPECT_EQ(printed(*Fold(FoldOptions({4, 5}, {2, 3}))),
            "wick::nn::Fold(output_size=[4, 5], kernel_size=[2, 3], dilation=[1, 1], padding=[0, 0], stride=[1, 1])");
  EXPECT_EQ(printed(*Unfold(UnfoldOptions(2).stride(2))),
            "wick::nn::Unfold(kernel_size=[2, 2], dilation=[1, 1], padding=[0, 0], stride=[2, 2])");
  EXPECT_EQ(printed(*CosineSimilarity()), "wick::nn::CosineSimilarity(dim=1, eps=1e-08)");
  EXPECT_EQ(printed(*PairwiseDistance(PairwiseDistanceOptions().keepdim(true))),
            "wick::nn::PairwiseDistance(p=2, eps=1e-06, keepdim=true)");
}

TEST(NnModulesA, FromPretrained) {
  Tensor table = tensor(std::vector<float>{1, 2, 3, 4, 5, 6}).view({3, 2});
  auto e = nn::Embedding::from_pretrained(table);
  EXPECT_FALSE(e->weight.requires_grad());
  EXPECT_EQ(e->options.num_embeddings(), 3);
  EXPECT_TENSOR_EQ(e(tensor(std::vector<int64_t>{2, 0})), tensor(std::vector<float>{5, 6, 1, 2}).view({2, 2}));
  auto t = nn::Embedding::from_pretrained(table.clone(), nn::EmbeddingFromPretrainedOptions().freeze(false).padding_idx(1));
  EXPECT_TRUE(t->weight.requires_grad());
  EXPECT_EQ(*t->options.padding_idx(), 1);
  auto bag = nn::EmbeddingBag::from_pretrained(table, nn::EmbeddingBagFromPretrainedOptions().mode(kSum));
  EXPECT_FALSE(bag->weight.requires_grad());
  EXPECT_TENSOR_EQ(bag(tensor(std::vector<int64_t>{0, 1, 2}), tensor(std::vector<int64_t>{0, 2})),
                   tensor(std::vector<float>{4, 6, 5, 6}).view({2, 2}));
  EXPECT_EQ(error_of([&] { nn::Embedding::from_pretrained(ones({3})); }),
            "Embeddings parameter is expected to be 2-dimensional");
  EXPECT_EQ(error_of([&] { nn::EmbeddingBag(nn::EmbeddingBagOptions(3, 2)._weight(ones({2, 2}))); }),
            "Shape of _weight does not match num_embeddings and embedding_dim");
}

TEST(NnModulesA, TrainEvalAndUnbatched) {
  // Dropouts are the identity in eval mode.
  Tensor x = fixed_input({2, 3, 4});
  for (auto m : std::vector<std::shared_ptr<nn::Module>>{nn::Dropout1d(0.5).ptr(), nn::AlphaDropout(0.5).ptr(),
                                                         nn::FeatureAlphaDropout(0.5).ptr()}) {
    m->eval();
    Tensor y;
    if (auto* d = m->as<nn::Dropout1dImpl>()) y = d->forward(x);
    if (auto* d = m->as<nn::AlphaDropoutImpl>()) y = d->forward(x);
    if (auto* d = m->as<nn::FeatureAlphaDropoutImpl>()) y = d->forward(x);
    EXPECT_TENSOR_EQ(y, x);
  }
  // Dropout1d on an unbatched (C, L) input drops whole rows.
  manual_seed(3);
  Tensor z = nn::Dropout1d(0.5)(ones({6, 4}));
  for (int64_t c = 0; c < 6; ++c) {
    double first = z.select(0, c).select(0, 0).item<double>();
    EXPECT_TRUE(first == 0 || first == 2);
    EXPECT_TENSOR_EQ(z.select(0, c), full({4}, first));
  }
  // InstanceNorm with running stats uses them in eval.
  nn::InstanceNorm1d in(nn::InstanceNorm1dOptions(2).track_running_stats(true));
  in(fixed_input({3, 2, 5}));
  in->eval();
  Tensor e = in(fixed_input({2, 5}));
  Tensor expected = (fixed_input({2, 5}) - in->running_mean.view({2, 1})) / (in->running_var.view({2, 1}) + 1e-5).sqrt();
  EXPECT_TENSOR_CLOSE(e, expected, 1e-5, 1e-6);
  // Modules reset to their default init.
  manual_seed(1);
  nn::ConvTranspose1d ct(2, 2, 3);
  Tensor w0 = ct->weight.clone();
  ct->reset_parameters();
  EXPECT_FALSE(wick::test::tensors_close(ct->weight, w0, 0, 0));
}

TEST(NnModulesA, Errors) {
  using namespace wick::nn;
  EXPECT_EQ(error_of([] { ConvTranspose2d(ConvTranspose2dOptions(3, 4, 3).groups(2)); }),
            "in_channels must be divisible by groups");
  EXPECT_EQ(error_of([] { ConvTranspose2d(ConvTranspose2dOptions(4, 3, 3).groups(2)); }),
            "out_channels must be divisible by groups");
  EXPECT_EQ(error_of([] { ConvTranspose1d(ConvTranspose1dOptions(1, 1, 3).padding_mode(kReflect)); }),
            "Only \"zeros\" padding mode is supported for ConvTranspose1d");
  ConvTranspose2d ct(ConvTranspose2dOptions(2, 2, 3).stride(2));
  EXPECT_EQ(error_of([&] { ct->forward(ones({1, 2, 3, 3}), IntArrayRef{10, 8}); }),
            "requested an output size of [10, 8], but valid sizes range from [7, 7] to [8, 8] (for an input of [3, 3])");
  EXPECT_EQ(error_of([&] { ct->forward(ones({1, 2, 3, 3}), IntArrayRef{8}); }),
            "ConvTranspose2D: for 4D input, output_size must have 2 or 4 elements (got 1)");
  EXPECT_TRUE(ct->forward(ones({1, 2, 3, 3}), IntArrayRef{1, 2, 8, 7}).sizes().equals({1, 2, 8, 7}));
  EXPECT_TRUE(ct->forward(ones({2, 3, 3}), IntArrayRef{8, 7}).sizes().equals({2, 8, 7}));
  EXPECT_EQ(error_of([] { GroupNorm(3, 4); }), "num_channels must be divisible by num_groups");
  EXPECT_EQ(error_of([] { CrossMapLRN2d(3)(ones({2, 3})); }), "CrossMapLRN2d: Expected input to be 4D, got 2D instead.");
  EXPECT_EQ(error_of([] { InstanceNorm2d(3)(ones({2, 3})); }), "expected 3D or 4D input (got 2D input)");
  EXPECT_EQ(error_of([] { InstanceNorm1d(InstanceNorm1dOptions(3).affine(true))(ones({2, 4, 5})); }),
            "expected input's size at dim=1 to match num_features (3), but got: 4.");
  EXPECT_EQ(error_of([] { InstanceNorm1d(2)(ones({2, 2, 1})); }),
            "Expected more than 1 spatial element when training, got input size [2, 2, 1]");
  EXPECT_EQ(error_of([] { Dropout1d(0.5)(ones({2, 3, 4, 5})); }),
            "dropout1d: Expected 2D or 3D input, but received a 4D input. Note that dropout1d exists to provide "
            "channel-wise dropout on inputs with 1 spatial dimension, a channel dimension, and an optional batch "
            "dimension (i.e. 2D or 3D inputs).");
  EXPECT_EQ(error_of([] { Dropout3d(0.5)(ones({2, 3})); }), "Dropout3d: Expected 4D or 5D input, but got 2D input");
  EXPECT_EQ(error_of([] { AlphaDropout(-0.1); }), "dropout probability has to be between 0 and 1, but got -0.1");
  EXPECT_EQ(error_of([] { EmbeddingBag(EmbeddingBagOptions(3, 2).padding_idx(3)); }),
            "Padding_idx must be within num_embeddings");
  EXPECT_EQ(error_of([] { EmbeddingBag(EmbeddingBagOptions(3, 2).mode(kNone)); }),
            "EmbeddingBag: mode has to be one of wick::kSum, wick::kMean or wick::kMax");
  EmbeddingBag eb(EmbeddingBagOptions(5, 2).mode(kMax));
  EXPECT_EQ(error_of([&] {
              eb(tensor(std::vector<int64_t>{0, 1}), tensor(std::vector<int64_t>{0}), ones({2}));
            }),
            "embedding_bag: per_sample_weights was not null. per_sample_weights is only supported for "
            "mode='kSum' (got mode='kMax').Please open a feature request on GitHub.");
  EXPECT_EQ(error_of([&] {
              eb(tensor(std::vector<int64_t>{0, 1}), tensor(std::vector<int64_t>{0}), ones({3}));
            }),
            "embedding_bag: If per_sample_weights ([3]) is not null, then it must have the same shape as the "
            "input ([2])");
  EXPECT_EQ(error_of([] { Upsample up{UpsampleOptions()}; up(ones({1, 1, 2, 2})); }),
            "either size or scale_factor should be defined");
  EXPECT_EQ(error_of([] { Upsample(UpsampleOptions().size(std::vector<int64_t>{2, 2}).align_corners(true))(ones({1, 1, 2, 2})); }),
            "align_corners option can only be set with the interpolating modes: linear | bilinear | bicubic | "
            "trilinear");
  EXPECT_EQ(error_of([] { Upsample(UpsampleOptions().size(std::vector<int64_t>{4}).mode(kBilinear))(ones({1, 1, 2})); }),
            "Got 3D input, but bilinear mode needs 4D input");
  EXPECT_EQ(error_of([] { nn::InterpolateMode m(kTanh); }),
            "an interpolation mode must be wick::kLinear, kNearest, kBilinear, kBicubic, kTrilinear, kArea or "
            "kNearestExact");
  EXPECT_EQ(error_of([] { ReflectionPad1d(3)(ones({1, 2, 3})); }).substr(0, 35), "Argument #4: Padding size should be");
}

TEST(NnModulesA, DoubleAndNonContiguousInputs) {
  // Modules cast to float64 give the float32 results; a transposed (non-contiguous)
  // input gives the same as its contiguous copy.
  manual_seed(4);
  nn::ConvTranspose2d ct(nn::ConvTranspose2dOptions(3, 2, 3).stride(2));
  nn::GroupNorm gn(1, 2);
  nn::Bilinear bl(4, 4, 2);
  Tensor x = randn({2, 3, 4, 5});
  Tensor a = randn({3, 4});
  Tensor y32 = gn(ct(x));
  Tensor b32 = bl(a, a.flip({1}));
  ct->to(kDouble);
  gn->to(kDouble);
  bl->to(kDouble);
  Tensor y64 = gn(ct(x.to(kDouble)));
  EXPECT_EQ(y64.scalar_type(), kDouble);
  EXPECT_TENSOR_CLOSE(y64.to(kFloat), y32, 1e-4, 1e-5);
  EXPECT_TENSOR_CLOSE(bl(a.to(kDouble), a.flip({1}).to(kDouble)).to(kFloat), b32, 1e-4, 1e-5);
  Tensor xt = randn({2, 3, 6, 4}).transpose(2, 3);
  ASSERT_FALSE(xt.is_contiguous());
  for (auto fwd : std::vector<std::function<Tensor(const Tensor&)>>{
           [](const Tensor& t) { return nn::ReflectionPad2d(1)(t); },
           [](const Tensor& t) { return nn::Upsample(nn::UpsampleOptions().scale_factor(std::vector<double>{2, 2}).mode(kBilinear))(t); },
           [](const Tensor& t) { return nn::AdaptiveMaxPool2d(3)(t); },
           [](const Tensor& t) { return nn::InstanceNorm2d(3)(t); },
           [](const Tensor& t) { return nn::LPPool2d(2, 2)(t); },
           [](const Tensor& t) { return nn::Unfold(2)(t); },
           [](const Tensor& t) { return nn::PixelUnshuffle(2)(t); },
           [](const Tensor& t) { return nn::CrossMapLRN2d(3)(t); }}) {
    EXPECT_TENSOR_CLOSE(fwd(xt), fwd(xt.contiguous()), 1e-5, 1e-6);
  }
}
