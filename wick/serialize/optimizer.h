#pragma once
// Optimizer checkpoints (LibTorch's torch/optim/serialize.h name) in PyTorch's
// format: wick::save(optimizer, path) writes exactly the pickle
// torch.save(optimizer.state_dict(), path) writes,
//   {'state': {index: {name: value, ...}, ...},
//    'param_groups': [{option: value, ..., 'params': [index, ...]}, ...]}
// (plain dicts; values are tensors, ints, floats, None, bools, strings, tuples
// such as betas, and tensor lists for LBFGS's history), so the file loads in
// PyTorch (torch.load(weights_only=True), then optimizer.load_state_dict) and
// a torch-saved optimizer state loads here. Loading checks the group layout,
// as Optimizer::load_state_dict does.
#include <string>

#include "wick/optim/optimizer.h"
#include "wick/serialize/value.h"

namespace wick {

namespace serialize {
// optimizer.state_dict() as the tree torch.save pickles.
Value optimizer_state_to_value(const optim::Optimizer& optimizer);
// An OptimizerStateDict read from such a tree (tensors in state, the other
// entries in state_extra); raises a clear error for any other structure.
optim::OptimizerStateDict optimizer_state_from_value(const Value& value);
}  // namespace serialize

void save(const optim::Optimizer& optimizer, const std::string& path);
void load(optim::Optimizer& optimizer, const std::string& path);

}  // namespace wick
