#include "wick/serialize/optimizer.h"

#include <unordered_map>

#include "wick/serialize/serialize.h"

namespace wick {
namespace serialize {

namespace {

Value option_to_value(const optim::OptionValue& v) {
  return std::visit(
      [](const auto& x) -> Value {
        using T = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<T, std::monostate>) {
          return Value();
        } else if constexpr (std::is_same_v<T, std::vector<double>>) {
          Value::List items;  // betas and the like: tuples, as PyTorch's defaults hold them
          for (double d : x) items.emplace_back(d);
          return Value::tuple(std::move(items));
        } else {
          return Value(x);
        }
      },
      v);
}

optim::OptionValue value_to_option(const Value& v, const std::string& key) {
  switch (v.kind()) {
    case Value::Kind::None: return std::monostate{};
    case Value::Kind::Bool: return v.to_bool();
    case Value::Kind::Int: return v.to_int();
    case Value::Kind::Float: return v.to_float();
    case Value::Kind::String: return v.to_string();
    case Value::Kind::List:
    case Value::Kind::Tuple: {
      std::vector<double> out;
      for (const Value& item : v.items()) {
        WICK_CHECK(item.is_int() || item.is_float(), "optimizer state_dict: param group option '",
                   key, "' holds a ", Value::kind_name(v.kind()), " of ",
                   Value::kind_name(item.kind()), ", expected numbers");
        out.push_back(item.to_float());
      }
      return out;
    }
    case Value::Kind::Tensor: {
      const Tensor& t = v.to_tensor();  // PyTorch 2.x allows a Tensor lr: kept as its number
      WICK_CHECK(t.numel() == 1, "optimizer state_dict: param group option '", key,
                 "' is a Tensor with ", t.numel(), " elements, expected 1");
      return t.item<double>();
    }
    default:
      WICK_CHECK(false, "optimizer state_dict: param group option '", key, "' has unsupported type ",
                 Value::kind_name(v.kind()));
  }
  return std::monostate{};
}

Value state_value_to_value(const optim::StateValue& v) {
  return std::visit(
      [](const auto& x) -> Value {
        using T = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<T, std::vector<Tensor>>) {
          Value::List items;
          for (const Tensor& t : x) items.push_back(t.defined() ? Value(t) : Value());
          return Value::list(std::move(items));
        } else {
          return Value(x);
        }
      },
      v);
}

}  // namespace

Value optimizer_state_to_value(const optim::Optimizer& optimizer) {
  // Index parameters over the groups in order (as Optimizer::state_dict does)
  // and take each state's entries in PyTorch's order from named_values().
  optim::OptimizerStateDict sd = optimizer.state_dict();
  std::unordered_map<const TensorImpl*, int64_t> index;
  int64_t next = 0;
  Value::Dict state;
  for (const auto& g : optimizer.param_groups()) {
    for (const auto& p : g.params()) {
      if (!index.emplace(p.unsafeGetTensorImpl(), next).second) continue;
      const int64_t id = next++;
      auto it = optimizer.state().find(p.unsafeGetTensorImpl());
      if (it == optimizer.state().end()) continue;
      Value::Dict entries;
      for (const auto& [name, v] : it->second->named_values())
        entries.emplace_back(Value(name), state_value_to_value(v));
      state.emplace_back(Value(id), Value::dict(std::move(entries)));
    }
  }
  Value::List groups;
  for (const auto& pg : sd.param_groups) {
    Value::Dict items;
    for (const auto& [k, v] : pg.options) items.emplace_back(Value(k), option_to_value(v));
    Value::List params;
    for (int64_t i : pg.params) params.emplace_back(i);
    items.emplace_back(Value("params"), Value::list(std::move(params)));
    groups.push_back(Value::dict(std::move(items)));
  }
  return Value::dict({{Value("state"), Value::dict(std::move(state))},
                      {Value("param_groups"), Value::list(std::move(groups))}});
}

optim::OptimizerStateDict optimizer_state_from_value(const Value& value) {
  WICK_CHECK(value.is_dict() && value.contains("state") && value.contains("param_groups"),
             "optimizer state_dict: expected a dict with 'state' and 'param_groups', got ",
             Value::kind_name(value.kind()));
  optim::OptimizerStateDict sd;
  const Value& state = value.at("state");
  WICK_CHECK(state.is_dict(), "optimizer state_dict: 'state' must be a dict, got ",
             Value::kind_name(state.kind()));
  for (const auto& [k, entries] : state.dict_items()) {
    WICK_CHECK(k.is_int(), "optimizer state_dict: 'state' keys must be parameter indices (int), got ",
               Value::kind_name(k.kind()));
    WICK_CHECK(entries.is_dict(), "optimizer state_dict: the state of parameter ", k.to_int(),
               " must be a dict, got ", Value::kind_name(entries.kind()));
    const int64_t id = k.to_int();
    auto& tensors = sd.state[id];
    for (const auto& [name, v] : entries.dict_items()) {
      WICK_CHECK(name.is_string(), "optimizer state_dict: state entry names must be str, got ",
                 Value::kind_name(name.kind()));
      const std::string& key = name.to_string();
      switch (v.kind()) {
        case Value::Kind::None: break;  // 1.13's SGD keeps momentum_buffer=None without momentum
        case Value::Kind::Tensor: tensors.emplace_back(key, v.to_tensor()); break;
        case Value::Kind::Int: sd.state_extra[id].emplace_back(key, v.to_int()); break;
        case Value::Kind::Bool: sd.state_extra[id].emplace_back(key, int64_t{v.to_bool()}); break;
        case Value::Kind::Float: sd.state_extra[id].emplace_back(key, v.to_float()); break;
        case Value::Kind::List:
        case Value::Kind::Tuple: {
          std::vector<Tensor> list;
          for (const Value& item : v.items()) {
            WICK_CHECK(item.is_tensor() || item.is_none(), "optimizer state_dict: state entry '", key,
                       "' holds a ", Value::kind_name(item.kind()), ", expected Tensors or None");
            list.push_back(item.is_tensor() ? item.to_tensor() : Tensor());
          }
          sd.state_extra[id].emplace_back(key, std::move(list));
          break;
        }
        default:
          WICK_CHECK(false, "optimizer state_dict: state entry '", key, "' has unsupported type ",
                     Value::kind_name(v.kind()));
      }
    }
  }
  const Value& groups = value.at("param_groups");
  WICK_CHECK(groups.is_list() || groups.is_tuple(), "optimizer state_dict: 'param_groups' must be a list, got ",
             Value::kind_name(groups.kind()));
  for (const Value& g : groups.items()) {
    WICK_CHECK(g.is_dict() && g.contains("params"),
               "optimizer state_dict: each param group must be a dict with 'params'");
    optim::OptimizerStateDict::ParamGroup pg;
    for (const auto& [k, v] : g.dict_items()) {
      WICK_CHECK(k.is_string(), "optimizer state_dict: param group keys must be str, got ",
                 Value::kind_name(k.kind()));
      const std::string& key = k.to_string();
      if (key == "params") {
        WICK_CHECK(v.is_list() || v.is_tuple(), "optimizer state_dict: 'params' must be a list");
        for (const Value& i : v.items()) {
          WICK_CHECK(i.is_int(), "optimizer state_dict: 'params' must hold parameter indices (int), got ",
                     Value::kind_name(i.kind()));
          pg.params.push_back(i.to_int());
        }
      } else {
        pg.options.emplace_back(key, value_to_option(v, key));
      }
    }
    sd.param_groups.push_back(std::move(pg));
  }
  return sd;
}

}  // namespace serialize

void save(const optim::Optimizer& optimizer, const std::string& path) {
  save(serialize::optimizer_state_to_value(optimizer), path);
}

void load(optim::Optimizer& optimizer, const std::string& path) {
  optimizer.load_state_dict(serialize::optimizer_state_from_value(load(path)));
}

}  // namespace wick
