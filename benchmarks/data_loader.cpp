// One epoch of a C++ DataLoader over 60000 x 784 float32 rows (int64 labels),
// batch 64, in wick::data and in LibTorch's torch::data: the same source, built
// twice (the APIs differ only in namespace).
//
//   g++ -std=c++20 -O2 benchmarks/data_loader.cpp -I. -Lbuild -Wl,-rpath,build -lwick \
//       -pthread -o /tmp/bench_data_wick
//   g++ -std=c++17 -O2 -DWICK_BENCH_TORCH benchmarks/data_loader.cpp \
//       -I/usr/include/torch/csrc/api/include -ltorch -ltorch_cpu -lc10 -o /tmp/bench_data_torch
//   /tmp/bench_data_wick; /tmp/bench_data_torch
//
// Prints the median ms per epoch for each case (1 intra-op thread).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <vector>

#ifdef WICK_BENCH_TORCH
#include <torch/torch.h>
namespace lib = torch;
static const char* kName = "libtorch";
static void one_thread() { torch::set_num_threads(1); }
template <typename T>
using optional = torch::optional<T>;  // c10::optional in LibTorch 1.13
#else
#include "wick/data/data.h"
#include "wick/wick.h"
namespace lib = wick;
static const char* kName = "wick";
static void one_thread() { wick::set_num_threads(1); }
template <typename T>
using optional = std::optional<T>;
#endif

namespace data = lib::data;

// Rows of x with labels y: the per-example path with targets.
struct Rows : data::datasets::Dataset<Rows> {
  Rows(lib::Tensor x, lib::Tensor y) : x(std::move(x)), y(std::move(y)) {}
  data::Example<> get(size_t i) override {
    return {x[static_cast<int64_t>(i)], y[static_cast<int64_t>(i)]};
  }
  optional<size_t> size() const override { return static_cast<size_t>(x.size(0)); }
  lib::Tensor x, y;
};

template <typename F>
double median_ms(F&& epoch, int repeat = 5) {
  epoch();
  std::vector<double> t;
  for (int r = 0; r < repeat; ++r) {
    auto t0 = std::chrono::steady_clock::now();
    epoch();
    t.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0)
                    .count());
  }
  std::sort(t.begin(), t.end());
  return t[t.size() / 2];
}

int main() {
  one_thread();
  lib::manual_seed(0);
  lib::Tensor x = lib::rand({60000, 784});
  lib::Tensor y = lib::randint(10, {60000});
  for (size_t workers : {0, 2}) {
    auto rows_seq = data::make_data_loader<data::samplers::SequentialSampler>(
        Rows(x, y).map(data::transforms::Stack<>()), data::DataLoaderOptions(64).workers(workers));
    auto rows_rand = data::make_data_loader(Rows(x, y).map(data::transforms::Stack<>()),
                                            data::DataLoaderOptions(64).workers(workers));
    auto tensor_rand = data::make_data_loader(
        data::datasets::TensorDataset(x).map(data::transforms::Stack<data::TensorExample>()),
        data::DataLoaderOptions(64).workers(workers));
    double checksum = 0;
    auto run = [&](auto& loader) {
      return median_ms([&] {
        for (auto& batch : *loader) checksum += static_cast<double>(batch.data.size(0));
      });
    };
    std::printf("%-8s workers=%zu  Rows+Stack sequential %8.1f ms  Rows+Stack shuffled %8.1f ms  "
                "TensorDataset+Stack shuffled %8.1f ms\n",
                kName, workers, run(rows_seq), run(rows_rand), run(tensor_rand));
    if (checksum <= 0) return 1;
  }
}
