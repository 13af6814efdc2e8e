// A tour of wick's tensor core (`make demo`): creation, views, broadcasting and
// type promotion, linear algebra, random numbers, printing and errors. Each
// line prints what the same PyTorch expression prints.
#include <iostream>
#include <string>

#include "wick/wick.h"

namespace {
void show(const std::string& what, const wick::Tensor& t) {
  std::cout << ">>> " << what << "\n" << t << "\n\n";
}
}  // namespace

int main() {
  // Creation.
  show("wick::arange(6).reshape({2, 3})", wick::arange(6).reshape({2, 3}));
  show("wick::linspace(0, 1, 5)", wick::linspace(0, 1, 5));
  show("wick::eye(3, wick::kInt)", wick::eye(3, wick::kInt));
  show("wick::tensor({{1.5, 2.0}, {-3.0, 4.25}})", wick::tensor({{1.5, 2.0}, {-3.0, 4.25}}));

  // Views share storage: writing through a transposed view changes the base.
  wick::Tensor base = wick::zeros({2, 3});
  base.t().select(0, 1).fill_(7);
  show("base.t().select(0, 1).fill_(7); base", base);

  // Broadcasting and promotion: int32 column + float row -> float32 matrix.
  wick::Tensor col = wick::tensor({1, 2, 3}).view({3, 1});
  wick::Tensor row = wick::linspace(0, 0.5, 4);
  show("col + row", col + row);
  show("(col * row).exp() > 2", (col * row).exp() > 2);

  // Linear algebra on OpenBLAS / LAPACK.
  wick::Tensor a = wick::tensor({{2.0, 1.0}, {1.0, 3.0}});
  show("a.matmul(a.t())", a.matmul(a.t()));
  show("wick::linalg::inv(a)", wick::linalg::inv(a));

  // Random numbers follow PyTorch's CPU streams seed for seed.
  wick::manual_seed(0);
  show("wick::manual_seed(0); wick::randn({2, 3})", wick::randn({2, 3}));

  // Large tensors are summarised like PyTorch's repr.
  show("wick::arange(10000).view({100, 100})", wick::arange(10000).view({100, 100}));

  // Bad input raises wick::Error with PyTorch's message.
  try {
    wick::ones({2, 3}).matmul(wick::ones({2, 3}));
  } catch (const wick::Error& e) {
    std::cout << ">>> wick::ones({2, 3}).matmul(wick::ones({2, 3}))\nwick::Error: " << e.what()
              << "\n";
  }
  return 0;
}
