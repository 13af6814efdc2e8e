// C++ layers against PyTorch (layers_test_data.h): the same seed gives the same
// default weights, the same outputs on a fixed input and the same state-dict
// keys; plus printing, train/eval behaviour and argument errors.
#include <sstream>

#include "layers_test_data.h"
#include "test_utils.h"

using namespace wick;
using wick::test::error_of;

namespace {

std::shared_ptr<nn::Module> make(const std::string& name, std::function<Tensor(const Tensor&)>& fwd) {
  using namespace wick::nn;
  auto bind = [&](auto holder) {
    auto p = holder.ptr();
    fwd = [p](const Tensor& x) { return p->forward(x); };
    return std::static_pointer_cast<Module>(p);
  };
  if (name == "linear") return bind(Linear(3, 4));
  if (name == "linear_nobias") return bind(Linear(LinearOptions(5, 2).bias(false)));
  if (name == "conv2d") return bind(Conv2d(Conv2dOptions(2, 3, 3).padding(1)));
  if (name == "conv2d_stride_groups")
    return bind(Conv2d(Conv2dOptions(4, 2, {3, 2}).stride(2).groups(2)));
  if (name == "conv2d_reflect_same")
    return bind(Conv2d(Conv2dOptions(1, 2, 3).padding(kSame).padding_mode(kReflect)));
  if (name == "conv1d_dilation") return bind(Conv1d(Conv1dOptions(2, 2, 3).dilation(2)));
  if (name == "lenet") {
    // One statement per layer: function arguments are evaluated in an unspecified
    // order, and each constructor draws its weights from the generator.
    Sequential net;
    net->push_back(Conv2d(Conv2dOptions(1, 6, 5).padding(2)));
    net->push_back(ReLU());
    net->push_back(MaxPool2d(2));
    net->push_back(Conv2d(6, 16, 5));
    net->push_back(ReLU());
    net->push_back(AvgPool2d(2));
    net->push_back(Flatten());
    net->push_back(Linear(16 * 5 * 5, 10));
    return bind(net);
  }
  if (name == "bn_train") return bind(BatchNorm2d(3));
  if (name == "layer_norm") return bind(LayerNorm(std::vector<int64_t>{3, 4}));
  if (name == "prelu_softmax") return bind(Sequential(PReLU(), Linear(3, 3), LogSoftmax(1)));
  if (name == "embedding")
    return bind(Embedding(EmbeddingOptions(5, 3).padding_idx(1)));
  ADD_FAILURE() << "no case " << name;
  return nullptr;
}

Tensor fixed_input(const std::vector<int64_t>& shape) {
  int64_t n = 1;
  for (int64_t s : shape) n *= s;
  return sin(arange(n).to(kFloat) * 0.37f).reshape(shape);
}

}  // namespace

TEST(NnLayers, MatchPyTorchForTheSameSeed) {
  for (const LayerCase& c : layer_cases()) {
    SCOPED_TRACE(c.name);
    manual_seed(c.seed);
    std::function<Tensor(const Tensor&)> fwd;
    auto m = make(c.name, fwd);
    ASSERT_TRUE(m);
    Tensor x = c.input_shape.empty() ? tensor(std::vector<int64_t>{0, 1, 4, 3, 1, 2}).view({2, 3})
                                     : fixed_input(c.input_shape);
    Tensor y = fwd(x);
    EXPECT_TENSOR_CLOSE(y.detach(), tensor(c.output).view(c.output_shape), 1e-4, 1e-5);
    auto state = m->state_dict();
    EXPECT_EQ(state.keys(), c.state_keys);
    std::vector<Tensor> flat;
    for (const auto& item : state) flat.push_back(item.value().to(kFloat).flatten());
    if (!flat.empty()) EXPECT_TENSOR_CLOSE(cat(flat), tensor(c.state_values), 1e-4, 1e-5);
  }
}

TEST(NnLayers, PrettyPrint) {
  nn::Sequential net(nn::Conv2d(nn::Conv2dOptions(1, 6, 5).padding(2)), nn::ReLU(),
                     nn::MaxPool2d(2), nn::BatchNorm2d(6), nn::Dropout(0.25), nn::Flatten(),
                     nn::Linear(nn::LinearOptions(6 * 14 * 14, 10).bias(false)));
  std::ostringstream s;
  s << net;
  EXPECT_EQ(s.str(),
            "wick::nn::Sequential(\n"
            "  (0): wick::nn::Conv2d(1, 6, kernel_size=[5, 5], stride=[1, 1], padding=[2, 2])\n"
            "  (1): wick::nn::ReLU()\n"
            "  (2): wick::nn::MaxPool2d(kernel_size=[2, 2], stride=[2, 2], padding=[0, 0], "
            "dilation=[1, 1], ceil_mode=false)\n"
            "  (3): wick::nn::BatchNorm2d(6, eps=1e-05, momentum=0.1, affine=true, "
            "track_running_stats=true)\n"
            "  (4): wick::nn::Dropout(p=0.25, inplace=false)\n"
            "  (5): wick::nn::Flatten(start_dim=1, end_dim=-1)\n"
            "  (6): wick::nn::Linear(in_features=1176, out_features=10, bias=false)\n"
            ")");
}

TEST(NnLayers, BatchNormTrainEval) {
  nn::BatchNorm1d bn(nn::BatchNormOptions(2).momentum(std::nullopt));
  Tensor x = tensor(std::vector<float>{1, 10, 3, 20, 5, 30}).view({3, 2});
  Tensor y = bn(x);
  EXPECT_EQ(bn->num_batches_tracked.item<int64_t>(), 1);
  // momentum=None: the running stats are the cumulative average (here, the batch's).
  EXPECT_TENSOR_CLOSE(bn->running_mean, tensor(std::vector<float>{3, 20}));
  EXPECT_TENSOR_CLOSE(bn->running_var, tensor(std::vector<float>{4, 100}));  // unbiased
  EXPECT_NEAR(y.select(1, 0).sum().item<double>(), 0.0, 1e-5);
  bn->eval();
  Tensor z = bn(x);
  EXPECT_EQ(bn->num_batches_tracked.item<int64_t>(), 1);
  EXPECT_TENSOR_CLOSE(z.select(0, 0).detach(), tensor(std::vector<float>{-1, -1}), 1e-4, 1e-5);
  EXPECT_EQ(error_of([&] { bn(ones({2, 2, 2, 2})); }), "expected 2D or 3D input (got 4D input)");
}

TEST(NnLayers, DropoutIsInertInEval) {
  nn::Dropout drop(0.5);
  Tensor x = ones({1000});
  Tensor y = drop(x);
  double kept = (y != 0).sum().item<double>();
  EXPECT_GT(kept, 350);
  EXPECT_LT(kept, 650);
  EXPECT_TENSOR_CLOSE(y.sum(), (y != 0).sum().to(kFloat) * 2);  // survivors scaled by 1/(1-p)
  drop->eval();
  EXPECT_TENSOR_EQ(drop(x), x);
  EXPECT_EQ(error_of([] { nn::Dropout(1.5); }), "dropout probability has to be between 0 and 1, but got 1.5");
}

TEST(NnLayers, ConstructorErrors) {
  EXPECT_EQ(error_of([] { nn::Conv2d(nn::Conv2dOptions(3, 4, 3).groups(2)); }),
            "in_channels must be divisible by groups");
  EXPECT_EQ(error_of([] { nn::Conv2d(nn::Conv2dOptions(2, 4, 3).padding(kSame).stride(2)); }),
            "padding='same' is not supported for strided convolutions");
  EXPECT_EQ(error_of([] { nn::Embedding(nn::EmbeddingOptions(3, 2).padding_idx(5)); }),
            "Padding_idx must be within num_embeddings");
  EXPECT_EQ(error_of([] { nn::ExpandingArray<2>({1, 2, 3}); }), "Expected 2 values, but instead got 3");
}

TEST(NnLayers, TrainsAndLossesMatchFunctional) {
  manual_seed(0);
  nn::Sequential net(nn::Linear(4, 8), nn::ReLU(), nn::Linear(8, 3));
  nn::CrossEntropyLoss loss_fn;
  Tensor x = randn({16, 4});
  Tensor target = tensor(std::vector<int64_t>{0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0});
  double first = 0, last = 0;
  for (int step = 0; step < 50; ++step) {
    net->zero_grad();
    Tensor loss = loss_fn(net->forward(x), target);
    if (step == 0) first = loss.item<double>();
    last = loss.item<double>();
    loss.backward();
    NoGradGuard g;
    for (Tensor& p : net->parameters()) p.sub_(p.grad() * 0.5);
  }
  EXPECT_LT(last, first * 0.7);
  Tensor logits = net->forward(x);
  EXPECT_TENSOR_CLOSE(nn::NLLLoss()(log_softmax(logits, 1), target), loss_fn(logits, target));
  nn::MSELoss mse{nn::MSELossOptions(kSum)};
  EXPECT_TENSOR_CLOSE(mse(ones({3}), zeros({3})), tensor(3.0f));
}
