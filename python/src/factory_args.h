#pragma once
// Parsing the arguments PyTorch's factory functions share: sizes given as
// varargs or one sequence (zeros(2, 3), zeros((2, 3)), zeros(size=(2, 3))) and
// the keywords out=, dtype=, layout=, device=, requires_grad=, pin_memory=,
// memory_format=, generator=.
#include <pybind11/pybind11.h>

#include <optional>
#include <string>

#include "python/src/casters.h"
#include "wick/core/generator.h"
#include "wick/tensor/tensor.h"

namespace wick::python {

struct FactoryArgs {
  std::optional<ScalarType> dtype;
  std::optional<Device> device;
  bool requires_grad = false;
  Tensor out;  // undefined unless out= was given
  std::optional<Generator> generator;
  // Options for the result: dtype (or `fallback`), device.
  TensorOptions options(ScalarType fallback) const;
};

// Removes the factory keywords from `kwargs` into a FactoryArgs; `allowed` keys
// beyond those are left in kwargs for the caller. `fn` names the function in errors.
FactoryArgs take_factory_kwargs(pybind11::dict& kwargs, const char* fn);
// Sizes from args[start:] (ints or one sequence), or from kwargs["size"].
DimVector take_size(const pybind11::args& args, size_t start, pybind11::dict& kwargs,
                    const char* fn);
// Raises TypeError naming the first keyword still in kwargs.
void reject_unknown_kwargs(const pybind11::dict& kwargs, const char* fn);
// Applies requires_grad= and out= to a factory result (out= receives a copy).
Tensor finish_factory(Tensor result, const FactoryArgs& fa);

}  // namespace wick::python
