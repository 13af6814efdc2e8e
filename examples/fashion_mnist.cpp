// The seed tutorial on the real Fashion-MNIST through wick's C++ API: the C++
// twin of examples/fashion_mnist.py, and what `make demo` runs.
//
//   ./build/examples/fashion_mnist [--epochs 5] [--batch-size 64] [--lr X]
//       [--model cnn|mlp] [--optimizer adam|sgd] [--device cpu] [--root DIR]
//       [--train-size N] [--seed 0] [--out demo-out] [--no-progress]
//
// wick::vision::datasets::FashionMNIST (Debian's dataset-fashion-mnist files when
// --root is not given) + ToTensor, make_data_loader (batch 64, shuffled), the
// seed notes' CNN or the quickstart MLP, CrossEntropyLoss and an optimizer (Adam,
// lr 2e-3, or SGD, lr 0.1; the rate follows a cosine over the epochs), with a
// ProgressBar per epoch showing the running loss and the rate. At the end it
// saves the checkpoint in torch.save's format ({"model", "optimizer", "epoch",
// "accuracy"}: PyTorch loads it), a PNG with the training-loss and test-accuracy
// curves and a PNG grid of test images labelled "predicted / true", and prints
// where it wrote them.
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "demo_plots.h"
#include "wick/vision/vision.h"
#include "wick/wick.h"

namespace nn = wick::nn;

const std::vector<std::string> labels_map = {"T-Shirt", "Trouser", "Pullover", "Dress", "Coat",
                                             "Sandal",  "Shirt",   "Sneaker",  "Bag",   "Ankle Boot"};

// The layers are made one statement at a time so that they draw their initial
// weights in PyTorch's order (C++ leaves the order of a call's arguments open).
struct NeuralNetworkImpl : nn::Module {
  NeuralNetworkImpl() {
    nn::Linear fc1(28 * 28, 512);
    nn::Linear fc2(512, 512);
    nn::Linear fc3(512, 10);
    flatten = register_module("flatten", nn::Flatten());
    linear_relu_stack =
        register_module("linear_relu_stack", nn::Sequential(fc1, nn::ReLU(), fc2, nn::ReLU(), fc3));
  }
  wick::Tensor forward(const wick::Tensor& x) { return linear_relu_stack->forward(flatten(x)); }

  nn::Flatten flatten{nullptr};
  nn::Sequential linear_relu_stack{nullptr};
};
WICK_MODULE(NeuralNetwork);

// The seed notes' network: two conv + ReLU + max-pool blocks and a linear layer.
struct CNNImpl : nn::Module {
  CNNImpl() {
    nn::Conv2d c1(nn::Conv2dOptions(1, 16, 5).stride(1).padding(2));  // (1, 28, 28) -> (16, 28, 28)
    conv1 = register_module("conv1", nn::Sequential(c1, nn::ReLU(), nn::MaxPool2d(2)));  // (16, 14, 14)
    nn::Conv2d c2(nn::Conv2dOptions(16, 32, 5).stride(1).padding(2));
    conv2 = register_module("conv2", nn::Sequential(c2, nn::ReLU(), nn::MaxPool2d(2)));  // (32, 7, 7)
    out = register_module("out", nn::Linear(32 * 7 * 7, 10));
  }
  wick::Tensor forward(const wick::Tensor& x) { return out(conv2->forward(conv1->forward(x)).flatten(1)); }

  nn::Sequential conv1{nullptr}, conv2{nullptr};
  nn::Linear out{nullptr};
};
WICK_MODULE(CNN);

namespace {

// The first n examples of a dataset (torch.utils.data.Subset(ds, range(n))).
template <typename Source>
class FirstN : public wick::data::datasets::Dataset<FirstN<Source>> {
 public:
  FirstN(Source source, size_t n) : source_(std::move(source)), n_(std::min(n, *source_.size())) {}
  wick::data::Example<> get(size_t index) override { return source_.get(index); }
  std::optional<size_t> size() const override { return n_; }

 private:
  Source source_;
  size_t n_;
};

struct Args {
  int64_t epochs = 5, batch_size = 64, train_size = 0, seed = 0;
  double lr = 0;  // 0: the optimizer's default below
  std::string model = "cnn", optimizer = "adam", device = "cpu", root, out = "demo-out";
  bool progress = true;
};

[[noreturn]] void usage(int code) {
  (code == 0 ? std::cout : std::cerr)
      << "usage: fashion_mnist [--epochs N] [--batch-size N] [--lr X] [--model cnn|mlp]\n"
         "                     [--optimizer adam|sgd] [--device cpu] [--root DIR] [--train-size N]\n"
         "                     [--seed N] [--out DIR] [--no-progress]\n";
  std::exit(code);
}

Args parse(int argc, char** argv) {
  Args a;
  for (int i = 1; i < argc; ++i) {
    const std::string k = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::cerr << "fashion_mnist: " << k << " needs a value\n";
        std::exit(2);
      }
      return argv[++i];
    };
    auto number = [&](bool positive) -> double {
      const std::string v = value();
      size_t used = 0;
      double x = 0;
      try {
        x = std::stod(v, &used);
      } catch (const std::exception&) {
        used = 0;
      }
      if (used != v.size() || (positive && !(x > 0))) {
        std::cerr << "fashion_mnist: " << k << " must be positive, got '" << v << "'\n";
        std::exit(2);
      }
      return x;
    };
    auto choice = [&](std::initializer_list<const char*> options) {
      const std::string v = value();
      for (const char* o : options)
        if (v == o) return v;
      std::cerr << "fashion_mnist: invalid choice for " << k << ": '" << v << "'\n";
      std::exit(2);
    };
    if (k == "--epochs") a.epochs = static_cast<int64_t>(number(true));
    else if (k == "--batch-size") a.batch_size = static_cast<int64_t>(number(true));
    else if (k == "--lr") a.lr = number(true);
    else if (k == "--model") a.model = choice({"cnn", "mlp"});
    else if (k == "--optimizer") a.optimizer = choice({"adam", "sgd"});
    else if (k == "--device") a.device = value();
    else if (k == "--root") a.root = value();
    else if (k == "--train-size") a.train_size = static_cast<int64_t>(number(true));
    else if (k == "--seed") a.seed = static_cast<int64_t>(number(false));
    else if (k == "--out") a.out = value();
    else if (k == "--no-progress") a.progress = false;
    else if (k == "--help" || k == "-h") usage(0);
    else usage(2);
  }
  if (a.epochs < 1 || a.batch_size < 1) {
    std::cerr << "fashion_mnist: --epochs, --batch-size and --lr must be positive\n";
    std::exit(2);
  }
  if (a.lr == 0) a.lr = a.optimizer == "adam" ? 2e-3 : 0.1;
  return a;
}

// torchvision's ToTensor on the dataset's H x W uint8 images: 1 x H x W floats in [0, 1].
wick::Tensor to_tensor(const wick::Tensor& image) { return wick::vision::transforms::functional::to_tensor(image); }

template <typename Model, typename TrainLoader, typename TestLoader>
std::vector<double> train(Model& model, wick::optim::Optimizer& optimizer,
                          wick::optim::LRScheduler& scheduler, TrainLoader& train_loader,
                          TestLoader& test_loader, const Args& args, const wick::Device& device,
                          int64_t train_batches, int64_t test_size, std::vector<double>& losses) {
  nn::CrossEntropyLoss loss_fn;
  std::vector<double> accuracies;
  std::cout << std::fixed;
  for (int64_t epoch = 1; epoch <= args.epochs; ++epoch) {
    const auto t0 = std::chrono::steady_clock::now();
    model->train();
    wick::utils::ProgressBar bar(train_batches, "epoch " + std::to_string(epoch),
                                 args.progress ? &std::cerr : nullptr);
    double total = 0;
    int64_t count = 0;
    for (auto& batch : *train_loader) {
      wick::Tensor X = batch.data.to(device), y = batch.target.to(device);
      wick::Tensor loss = loss_fn(model->forward(X), y);
      optimizer.zero_grad();
      loss.backward();
      optimizer.step();
      total += loss.template item<double>() * static_cast<double>(X.size(0));
      count += X.size(0);
      bar.set_postfix("loss", total / static_cast<double>(count));
      bar.update();
    }
    bar.close();
    scheduler.step();
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

    model->eval();
    wick::NoGradGuard no_grad;
    double test_loss = 0, correct = 0;
    for (auto& batch : *test_loader) {
      wick::Tensor X = batch.data.to(device), y = batch.target.to(device);
      wick::Tensor pred = model->forward(X);
      test_loss += loss_fn(pred, y).template item<double>() * static_cast<double>(X.size(0));
      correct += pred.argmax(1).eq(y).sum().template item<double>();
    }
    const double accuracy = correct / static_cast<double>(test_size);
    losses.push_back(total / static_cast<double>(count));
    accuracies.push_back(accuracy);
    std::cout << "epoch " << epoch << ": train loss " << std::setprecision(4) << losses.back()
              << ", test loss " << test_loss / static_cast<double>(test_size) << ", accuracy "
              << std::setprecision(1) << 100 * accuracy << "%, " << seconds << " s" << std::endl;
  }
  return accuracies;
}

template <typename Model>
int run(const Args& args) {
  const wick::Device device(args.device);
  wick::check_device_usable(device);
  wick::manual_seed(static_cast<uint64_t>(args.seed));
  std::cout << "wick (C++), " << wick::get_num_threads() << " threads" << std::endl;
  namespace datasets = wick::vision::datasets;
  datasets::FashionMNIST training_data(args.root, /*train=*/true, to_tensor);
  datasets::FashionMNIST test_data(args.root, /*train=*/false, to_tensor);
  const size_t train_size = args.train_size > 0 ? static_cast<size_t>(args.train_size) : *training_data.size();
  FirstN<datasets::FashionMNIST> train_subset(training_data, train_size);
  const auto n_train = static_cast<int64_t>(*train_subset.size());
  const auto n_test = static_cast<int64_t>(*test_data.size());
  auto options = wick::data::DataLoaderOptions().batch_size(static_cast<size_t>(args.batch_size));
  auto train_loader =
      wick::data::make_data_loader(std::move(train_subset).map(wick::data::transforms::Stack<>()), options);
  auto test_loader = wick::data::make_data_loader<wick::data::samplers::SequentialSampler>(
      test_data.map(wick::data::transforms::Stack<>()), options);

  Model model;
  model->to(device);
  std::cout << *model << std::endl;
  std::unique_ptr<wick::optim::Optimizer> optimizer;
  if (args.optimizer == "adam")
    optimizer = std::make_unique<wick::optim::Adam>(model->parameters(), wick::optim::AdamOptions(args.lr));
  else
    optimizer = std::make_unique<wick::optim::SGD>(model->parameters(), wick::optim::SGDOptions(args.lr));

  wick::optim::CosineAnnealingLR scheduler(*optimizer, args.epochs);

  std::vector<double> losses;
  const std::vector<double> accuracies =
      train(model, *optimizer, scheduler, train_loader, test_loader, args, device,
            (n_train + args.batch_size - 1) / args.batch_size, n_test, losses);

  namespace ser = wick::serialize;
  std::filesystem::create_directories(args.out);
  const std::string checkpoint = args.out + "/fashion_mnist_" + args.model + "_cpp.pt";
  wick::save(ser::Value::dict({{"model", ser::state_dict_to_value(model->state_dict())},
                               {"optimizer", ser::optimizer_state_to_value(*optimizer)},
                               {"epoch", args.epochs},
                               {"accuracy", accuracies.back()}}),
             checkpoint);
  const std::string curves = args.out + "/curves_cpp.png";
  demo::plot_curves(curves, losses, accuracies);

  // The first 24 test images with the predicted and the true class.
  model->eval();
  wick::NoGradGuard no_grad;
  std::vector<wick::Tensor> images;
  std::vector<int64_t> targets;
  for (int64_t i = 0; i < 24; ++i) {
    auto [image, target] = test_data.item(i);
    images.push_back(image);
    targets.push_back(target);
  }
  wick::Tensor batch = wick::stack(images);
  wick::Tensor predicted_tensor = model->forward(batch.to(device)).argmax(1).to(wick::Device("cpu"));
  std::vector<int64_t> predicted;
  for (int64_t i = 0; i < predicted_tensor.size(0); ++i) predicted.push_back(predicted_tensor[i].item<int64_t>());
  const std::string grid = args.out + "/predictions_cpp.png";
  demo::plot_predictions(grid, batch, predicted, targets, labels_map);
  std::cout << "wrote " << checkpoint << ", " << curves << " and " << grid << std::endl;
  return 0;
}

}  // namespace

int main(int argc, char** argv) try {
  const Args args = parse(argc, argv);
  return args.model == "cnn" ? run<CNN>(args) : run<NeuralNetwork>(args);
} catch (const std::exception& e) {
  std::cerr << "fashion_mnist: " << e.what() << "\n";
  return 1;
}
