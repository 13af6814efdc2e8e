#include <iostream>

#include "wick/wick.h"

int main() {
  wick::Tensor a = wick::ones({2, 3});
  wick::Tensor b = wick::full({}, 2.5);
  std::cout << a.sizes() << " " << b.item<float>() << std::endl;
  return 0;
}
