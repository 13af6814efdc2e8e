// The PyTorch quickstart's network trained through wick's C++ API on synthetic
// images: the C++ twin of examples/tutorial_mlp.py.
//
//   ./build/examples/tutorial_mlp [--epochs 3] [--batch-size 64] [--lr 0.05]
//                                 [--train-size 6000] [--test-size 1000] [--seed 0]
//                                 [--out examples-out] [--no-progress]
//
// A wick::data dataset of 28x28 images of ten classes (a fixed random pattern per
// class plus noise) goes through make_data_loader in batches; SGD minimises
// CrossEntropyLoss with a ProgressBar per epoch showing the running loss. The
// checkpoint (model state_dict, optimizer state_dict, epoch) is written in
// torch.save's format, reloaded into a fresh model and optimizer, and checked to
// predict the same; examples/check_in_pytorch.py --name tutorial_mlp_cpp then
// loads it in PyTorch.
#include <cstdlib>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <string>

#include "wick/wick.h"

// The layers are made one statement at a time: C++ leaves the order in which a
// call's arguments are evaluated open (GCC goes right to left), and the
// initialisation must draw from the generator in PyTorch's order (784-512 first)
// for a seed to give PyTorch's weights.
struct NeuralNetworkImpl : wick::nn::Module {
  NeuralNetworkImpl() {
    wick::nn::Linear fc1(28 * 28, 512);
    wick::nn::Linear fc2(512, 512);
    wick::nn::Linear fc3(512, 10);
    flatten = register_module("flatten", wick::nn::Flatten());
    linear_relu_stack = register_module(
        "linear_relu_stack",
        wick::nn::Sequential(fc1, wick::nn::ReLU(), fc2, wick::nn::ReLU(), fc3));
  }

  wick::Tensor forward(const wick::Tensor& x) { return linear_relu_stack->forward(flatten(x)); }

  wick::nn::Flatten flatten{nullptr};
  wick::nn::Sequential linear_relu_stack{nullptr};
};
WICK_MODULE(NeuralNetwork);

namespace {

// n noisy copies of the class prototypes, as (image, label) examples.
class SyntheticImages : public wick::data::datasets::Dataset<SyntheticImages> {
 public:
  SyntheticImages(int64_t n, const wick::Tensor& prototypes, wick::Generator& gen) {
    labels_ = wick::randint(0, 10, {n}, gen);
    wick::Tensor noise = wick::randn({n, 1, 28, 28}, gen);
    images_ = (prototypes.index_select(0, labels_) + noise).clamp(0, 1);
  }
  wick::data::Example<> get(size_t index) override {
    auto i = static_cast<int64_t>(index);
    return {images_[i], labels_[i]};
  }
  std::optional<size_t> size() const override { return static_cast<size_t>(images_.size(0)); }
  const wick::Tensor& images() const { return images_; }
  const wick::Tensor& labels() const { return labels_; }

 private:
  wick::Tensor images_, labels_;
};

struct Args {
  int64_t epochs = 3, batch_size = 64, train_size = 6000, test_size = 1000, seed = 0;
  double lr = 0.05;
  std::string out = "examples-out";
  bool progress = true;
};

Args parse(int argc, char** argv) {
  Args a;
  for (int i = 1; i < argc; ++i) {
    std::string k = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::cerr << "tutorial_mlp: " << k << " needs a value\n";
        std::exit(2);
      }
      return argv[++i];
    };
    auto number = [&](bool positive) -> double {
      std::string v = value();
      size_t used = 0;
      double x = 0;
      try {
        x = std::stod(v, &used);
      } catch (const std::exception&) {
        used = 0;
      }
      if (used != v.size() || (positive && !(x > 0))) {
        std::cerr << "tutorial_mlp: " << k << " expects a " << (positive ? "positive " : "")
                  << "number, got '" << v << "'\n";
        std::exit(2);
      }
      return x;
    };
    if (k == "--epochs") a.epochs = static_cast<int64_t>(number(true));
    else if (k == "--batch-size") a.batch_size = static_cast<int64_t>(number(true));
    else if (k == "--lr") a.lr = number(true);
    else if (k == "--train-size") a.train_size = static_cast<int64_t>(number(true));
    else if (k == "--test-size") a.test_size = static_cast<int64_t>(number(true));
    else if (k == "--seed") a.seed = static_cast<int64_t>(number(false));
    else if (k == "--out") a.out = value();
    else if (k == "--no-progress") a.progress = false;
    else {
      std::cerr << "usage: tutorial_mlp [--epochs N] [--batch-size N] [--lr X] [--train-size N]"
                   " [--test-size N] [--seed N] [--out DIR] [--no-progress]\n";
      std::exit(k == "--help" || k == "-h" ? 0 : 2);
    }
  }
  return a;
}

}  // namespace

int main(int argc, char** argv) try {
  Args args = parse(argc, argv);
  wick::manual_seed(static_cast<uint64_t>(args.seed));
  wick::Generator gen;
  // The data have their own stream: a generator seeded like the default one would
  // repeat its numbers, correlating the labels with the sampler's permutation.
  gen.manual_seed(static_cast<uint64_t>(args.seed + 1000));
  wick::Tensor prototypes = wick::rand({10, 1, 28, 28}, gen);
  SyntheticImages train_data(args.train_size, prototypes, gen);
  SyntheticImages test_data(args.test_size, prototypes, gen);
  const auto batches = (args.train_size + args.batch_size - 1) / args.batch_size;

  auto train_loader = wick::data::make_data_loader(
      train_data.map(wick::data::transforms::Stack<>()),
      wick::data::DataLoaderOptions().batch_size(static_cast<size_t>(args.batch_size)));
  auto test_loader = wick::data::make_data_loader<wick::data::samplers::SequentialSampler>(
      test_data.map(wick::data::transforms::Stack<>()),
      wick::data::DataLoaderOptions().batch_size(static_cast<size_t>(args.batch_size)));

  NeuralNetwork model;
  std::cout << *model << "\n";
  wick::nn::CrossEntropyLoss loss_fn;
  wick::optim::SGD optimizer(model->parameters(), wick::optim::SGDOptions(args.lr));

  std::cout << std::fixed;
  for (int64_t epoch = 1; epoch <= args.epochs; ++epoch) {
    model->train();
    wick::utils::ProgressBar bar(batches, "epoch " + std::to_string(epoch),
                                 args.progress ? &std::cerr : nullptr);
    double total = 0;
    int64_t count = 0;
    for (auto& batch : *train_loader) {
      wick::Tensor pred = model->forward(batch.data);
      wick::Tensor loss = loss_fn(pred, batch.target);
      optimizer.zero_grad();
      loss.backward();
      optimizer.step();
      total += loss.item<double>() * static_cast<double>(batch.data.size(0));
      count += batch.data.size(0);
      bar.set_postfix("loss", total / static_cast<double>(count));
      bar.update();
    }
    bar.close();

    model->eval();
    wick::NoGradGuard no_grad_in_test;
    double test_loss = 0, correct = 0;
    for (auto& batch : *test_loader) {
      wick::Tensor pred = model->forward(batch.data);
      test_loss += loss_fn(pred, batch.target).item<double>() *
                   static_cast<double>(batch.data.size(0));
      correct += pred.argmax(1).eq(batch.target).sum().item<double>();
    }
    std::cout << "epoch " << epoch << ": train loss " << std::setprecision(4)
              << total / static_cast<double>(count) << ", test loss "
              << test_loss / static_cast<double>(args.test_size) << ", accuracy "
              << std::setprecision(1) << 100 * correct / static_cast<double>(args.test_size)
              << "%\n";
  }

  // The checkpoint torch.save({"model": ..., "optimizer": ..., "epoch": ...}) writes.
  namespace ser = wick::serialize;
  std::filesystem::create_directories(args.out);
  const std::string checkpoint = args.out + "/tutorial_mlp_cpp.pt";
  wick::save(ser::Value::dict({{"model", ser::state_dict_to_value(model->state_dict())},
                               {"optimizer", ser::optimizer_state_to_value(optimizer)},
                               {"epoch", args.epochs}}),
             checkpoint);

  // Reload into fresh objects, as a later run resuming training would.
  ser::Value state = wick::load(checkpoint);
  NeuralNetwork reloaded;
  reloaded->load_state_dict(ser::state_dict_from_value(state.at("model")));
  wick::optim::SGD reloaded_optimizer(reloaded->parameters(), wick::optim::SGDOptions(args.lr));
  reloaded_optimizer.load_state_dict(ser::optimizer_state_from_value(state.at("optimizer")));
  model->eval();
  reloaded->eval();
  wick::NoGradGuard no_grad;
  wick::Tensor inputs = test_data.images().narrow(0, 0, 64);
  wick::Tensor targets = test_data.labels().narrow(0, 0, 64);
  wick::Tensor logits = model->forward(inputs);
  const bool same = wick::equal(reloaded->forward(inputs), logits);
  std::cout << "reloaded " << checkpoint << " (epoch " << state.at("epoch").to_int()
            << "): " << (same ? "same" : "DIFFERENT") << " predictions\n";
  if (!same) return 1;

  const std::string predictions = args.out + "/tutorial_mlp_cpp_predictions.pt";
  wick::save(ser::Value::dict({{"inputs", inputs}, {"targets", targets}, {"logits", logits}}),
             predictions);
  std::cout << "wrote " << checkpoint << " and " << predictions << "\n";
  return 0;
} catch (const std::exception& e) {
  std::cerr << "tutorial_mlp: " << e.what() << "\n";
  return 1;
}
