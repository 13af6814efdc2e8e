// Built against an installed wick (pkg-config and find_package) by the install test.
#include <iostream>
#include <sstream>

#include <wick/wick.h>

int main() {
  wick::Tensor a = wick::arange(6, wick::kFloat).reshape({2, 3});
  wick::Tensor b = (a * 2 + 1).matmul(wick::ones({3, 1}));
  std::ostringstream os;
  os << b;
  const std::string expected = "tensor([[ 9.],\n        [27.]])";
  if (os.str() != expected) {
    std::cerr << "unexpected output:\n" << os.str() << "\n";
    return 1;
  }
  try {
    (void)(a + wick::ones({4}));
    std::cerr << "mismatched shapes did not raise\n";
    return 1;
  } catch (const wick::Error&) {
  }
  std::cout << "installed wick works: " << os.str() << "\n";
  return 0;
}
