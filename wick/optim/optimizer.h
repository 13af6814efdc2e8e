#pragma once
// wick::optim::Optimizer: LibTorch's optimizer base (torch/optim/optimizer.h).
// Parameters live in param groups, each with its own clone of the options;
// per-parameter state is keyed by the parameter's TensorImpl. state_dict()
// gives PyTorch's structure (state keyed by parameter index, param groups as
// option dicts with 'params' index lists) as an in-memory value that the
// checkpoint code and the Python side can exchange.
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <variant>
#include <vector>

#include "wick/nn/pimpl.h"  // WICK_ARG
#include "wick/tensor/tensor.h"

namespace wick::optim {

using LossClosure = std::function<Tensor()>;

// One value of a param group's dict as PyTorch holds it: None, bool, int,
// float, a tuple of floats (betas) or a string.
using OptionValue =
    std::variant<std::monostate, bool, int64_t, double, std::vector<double>, std::string>;
// A param group's options under PyTorch's keys, in the order torch's defaults list them.
using OptionDict = std::vector<std::pair<std::string, OptionValue>>;

// One entry of a parameter's state as PyTorch holds it: a tensor, an int, a
// float or a list of tensors (LBFGS keeps counters, floats and history lists).
using StateValue = std::variant<Tensor, int64_t, double, std::vector<Tensor>>;
using StateEntries = std::vector<std::pair<std::string, StateValue>>;

// Reads a number (bool/int/float) out of an OptionValue; raises for other kinds.
double option_to_double(const OptionValue& v, const std::string& key);
bool option_to_bool(const OptionValue& v, const std::string& key);

class OptimizerParamState {
 public:
  virtual ~OptimizerParamState() = default;
  virtual std::unique_ptr<OptimizerParamState> clone() const = 0;
  // The defined state tensors under PyTorch's names, in PyTorch's order.
  virtual std::vector<std::pair<std::string, Tensor>> named_tensors() const = 0;
  // Sets one entry by its PyTorch name; false if the name is not one of this state's.
  virtual bool set_tensor(const std::string& name, const Tensor& value) = 0;
  // Every entry (tensors and the rest) in PyTorch's order; the default is
  // named_tensors(). LBFGS's state overrides both.
  virtual StateEntries named_values() const;
  // Sets one entry of any kind; the default takes tensors through set_tensor.
  virtual bool set_value(const std::string& name, const StateValue& value);
};

template <typename Derived>
class OptimizerCloneableParamState : public OptimizerParamState {
 public:
  std::unique_ptr<OptimizerParamState> clone() const override {
    return std::make_unique<Derived>(static_cast<const Derived&>(*this));
  }
};

class OptimizerOptions {
 public:
  virtual ~OptimizerOptions() = default;
  virtual std::unique_ptr<OptimizerOptions> clone() const = 0;
  virtual double get_lr() const = 0;
  virtual void set_lr(double lr) = 0;
  // The group's keys as PyTorch 2.x's param_groups hold them (Python-only
  // switches such as foreach/fused appear with their default values).
  virtual OptionDict to_dict() const = 0;
  // Sets the options named in d (unknown keys are ignored, as they are
  // PyTorch's Python-only switches); raises for a value of the wrong kind.
  virtual void from_dict(const OptionDict& d) = 0;

  // Keys a param group holds beyond its optimizer's options, in insertion
  // order: what LR schedulers add ('initial_lr', 'max_lr', 'base_momentum', ...)
  // or a loaded state_dict carried. state_dict() saves them after the options.
  const OptionDict& extra() const noexcept { return extra_; }
  // The value under key, or nullptr.
  const OptionValue* find_extra(const std::string& key) const;
  // Sets key (appended when new, replaced in place otherwise).
  void set_extra(const std::string& key, OptionValue value);
  void clear_extra() { extra_.clear(); }

 private:
  OptionDict extra_;
};

template <typename Derived>
class OptimizerCloneableOptions : public OptimizerOptions {
 public:
  std::unique_ptr<OptimizerOptions> clone() const override {
    return std::make_unique<Derived>(static_cast<const Derived&>(*this));
  }
};

class OptimizerParamGroup {
 public:
  OptimizerParamGroup(std::vector<Tensor> params) : params_(std::move(params)) {}  // NOLINT
  OptimizerParamGroup(std::vector<Tensor> params, std::unique_ptr<OptimizerOptions> options)
      : params_(std::move(params)), options_(std::move(options)) {}
  OptimizerParamGroup(const OptimizerParamGroup& g)
      : params_(g.params_), options_(g.options_ ? g.options_->clone() : nullptr) {}
  OptimizerParamGroup(OptimizerParamGroup&&) noexcept = default;
  OptimizerParamGroup& operator=(const OptimizerParamGroup& g);
  OptimizerParamGroup& operator=(OptimizerParamGroup&&) noexcept = default;

  bool has_options() const { return options_ != nullptr; }
  OptimizerOptions& options();
  const OptimizerOptions& options() const;
  void set_options(std::unique_ptr<OptimizerOptions> options) { options_ = std::move(options); }
  std::vector<Tensor>& params() { return params_; }
  const std::vector<Tensor>& params() const { return params_; }

 private:
  std::vector<Tensor> params_;
  std::unique_ptr<OptimizerOptions> options_;
};

// PyTorch's optimizer.state_dict() as a value. Tensors are shared with the
// optimizer's state (as PyTorch's state_dict does not copy them).
struct OptimizerStateDict {
  struct ParamGroup {
    OptionDict options;
    std::vector<int64_t> params;
  };
  // state[i]: parameter i's state (parameters numbered over the groups in order).
  std::map<int64_t, std::vector<std::pair<std::string, Tensor>>> state;
  // The entries of parameter i's state that are not one tensor (LBFGS's ints,
  // floats and tensor lists); empty for the other optimizers. The checkpoint
  // writer takes PyTorch's key order from OptimizerParamState::named_values().
  std::map<int64_t, StateEntries> state_extra;
  std::vector<ParamGroup> param_groups;
};

class Optimizer {
 public:
  Optimizer(const Optimizer&) = delete;
  Optimizer& operator=(const Optimizer&) = delete;
  Optimizer(Optimizer&&) = default;
  Optimizer(std::vector<OptimizerParamGroup> param_groups,
            std::unique_ptr<OptimizerOptions> defaults);
  virtual ~Optimizer() = default;

  // Adds a group (with a clone of the defaults if it has no options); raises
  // if a parameter is already in a group or is not a leaf.
  void add_param_group(const OptimizerParamGroup& param_group);
  // Appends parameters to the first group (LibTorch's add_parameters).
  void add_parameters(const std::vector<Tensor>& parameters);

  // One optimization step; the closure (run with grad mode on) re-evaluates the
  // loss and is returned; an undefined Tensor without closure.
  virtual Tensor step(LossClosure closure = nullptr) = 0;
  // Resets every parameter's .grad: to undefined (set_to_none, PyTorch 2.x's
  // default) or to zeros.
  void zero_grad(bool set_to_none = true);

  // The first group's parameters (LibTorch).
  const std::vector<Tensor>& parameters() const noexcept;
  std::vector<Tensor>& parameters() noexcept;
  // The number of parameters over all groups.
  size_t size() const noexcept;
  OptimizerOptions& defaults() noexcept { return *defaults_; }
  const OptimizerOptions& defaults() const noexcept { return *defaults_; }
  std::vector<OptimizerParamGroup>& param_groups() noexcept { return param_groups_; }
  const std::vector<OptimizerParamGroup>& param_groups() const noexcept { return param_groups_; }
  std::unordered_map<void*, std::unique_ptr<OptimizerParamState>>& state() noexcept {
    return state_;
  }
  const std::unordered_map<void*, std::unique_ptr<OptimizerParamState>>& state() const noexcept {
    return state_;
  }

  OptimizerStateDict state_dict() const;
  // Loads a state_dict of the same group layout; state tensors are cast to
  // their parameter's dtype ('step' is kept as it is), as PyTorch does.
  void load_state_dict(const OptimizerStateDict& state_dict);

  // The class name PyTorch prints ("SGD", "Adam", ...).
  virtual std::string name() const = 0;

 protected:
  // An empty state of this optimizer's kind (load_state_dict fills it).
  virtual std::unique_ptr<OptimizerParamState> make_state() const = 0;
  // The state of p, or nullptr.
  OptimizerParamState* find_state(const Tensor& p) const;

  std::vector<OptimizerParamGroup> param_groups_;
  std::unordered_map<void*, std::unique_ptr<OptimizerParamState>> state_;
  std::unique_ptr<OptimizerOptions> defaults_;
};

}  // namespace wick::optim
