#pragma once
// Printing tensors exactly as PyTorch's repr() does ("tensor([1., 2.])"), and the
// process-wide print options of torch.set_printoptions.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "wick/tensor/tensor.h"

namespace wick {

// Arguments of set_printoptions; an unset field leaves that option as it is,
// except sci_mode, which (as in PyTorch) is always replaced, so leaving it unset
// returns to automatic choice between fixed and scientific notation.
struct PrintOptions {
  std::optional<int64_t> precision;  // digits after the decimal point (default 4)
  std::optional<double> threshold;   // more elements than this are summarised (1000)
  std::optional<int64_t> edgeitems;  // items kept at each end of a summarised dim (3)
  std::optional<int64_t> linewidth;  // characters per line before wrapping (80)
  // "default", "short" (precision 2, edgeitems 2) or "full" (no summarising): sets the
  // four options above before any of them given explicitly. Other names are ignored.
  std::optional<std::string> profile;
  std::optional<bool> sci_mode;  // force scientific (true) or fixed (false) notation
};

// Raises ValueError for a negative precision or edgeitems.
void set_printoptions(const PrintOptions& options);
// The current options, every field but profile filled (sci_mode unset when automatic).
PrintOptions get_printoptions();

// Restores the print options in force at its construction when it goes out of
// scope (torch.printoptions as a context manager).
class PrintOptionsGuard {
 public:
  PrintOptionsGuard();
  explicit PrintOptionsGuard(const PrintOptions& options);
  ~PrintOptionsGuard();
  PrintOptionsGuard(const PrintOptionsGuard&) = delete;
  PrintOptionsGuard& operator=(const PrintOptionsGuard&) = delete;

 private:
  PrintOptions saved_;
};

// What PyTorch's repr(t) prints. `extra_suffixes` ("grad_fn=<AddBackward0>",
// "requires_grad=True") are appended after the dtype, wrapped like the others;
// `prefix` is "tensor(" for plain tensors, "<SubclassName>(" for subclasses.
// Autograd installs this: the "grad_fn=<...>" / "requires_grad=True" suffixes
// Tensor::repr and operator<< add for a tensor.
using ReprSuffixHook = std::vector<std::string> (*)(const Tensor& t);
void set_repr_suffix_hook(ReprSuffixHook hook);
// The suffixes the installed hook gives for t (none without a hook).
std::vector<std::string> repr_suffixes(const Tensor& t);

// "torch.FloatTensor" ("torch.cuda.FloatTensor"): the legacy type name PyTorch
// prints in messages and t.type() returns, spelled as PyTorch spells it.
std::string legacy_type_name(const Tensor& t);

std::string repr(const Tensor& t, const std::vector<std::string>& extra_suffixes = {},
                 const std::string& prefix = "tensor(");

}  // namespace wick
