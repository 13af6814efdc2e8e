#include "wick/serialize/pickler.h"

#include <cstring>
#include <map>

#include "wick/core/error.h"

namespace wick::serialize {

namespace {

const char* storage_name(ScalarType t) {
  switch (t) {
    case kBool: return "BoolStorage";
    case kByte: return "ByteStorage";
    case kChar: return "CharStorage";
    case kShort: return "ShortStorage";
    case kInt: return "IntStorage";
    case kLong: return "LongStorage";
    case kHalf: return "HalfStorage";
    case kBFloat16: return "BFloat16Storage";
    case kFloat: return "FloatStorage";
    case kDouble: return "DoubleStorage";
    default: WICK_CHECK(false, "cannot save a tensor of dtype ", t);
  }
  return nullptr;
}

class Pickler {
 public:
  explicit Pickler(std::vector<PickledStorage>& storages) : storages_(storages) {}

  std::string run(const Value& v) {
    out_ += "\x80\x02";
    write(v, 0);
    out_ += '.';
    return std::move(out_);
  }

 private:
  void op(char c) { out_ += c; }
  void le(uint64_t v, int n) {
    for (int i = 0; i < n; ++i) out_ += static_cast<char>((v >> (8 * i)) & 0xff);
  }
  void write_int(int64_t v) {
    if (v >= 0 && v < 256) {
      op('K');
      le(static_cast<uint64_t>(v), 1);
    } else if (v >= 0 && v < 65536) {
      op('M');
      le(static_cast<uint64_t>(v), 2);
    } else if (v >= INT32_MIN && v <= INT32_MAX) {
      op('J');
      le(static_cast<uint32_t>(static_cast<int32_t>(v)), 4);
    } else {
      // LONG1: the shortest little-endian two's complement form.
      int n = 8;
      while (n > 1) {
        int64_t top = v >> (8 * (n - 1) - 1);
        if (top != 0 && top != -1) break;
        --n;
      }
      op('\x8a');
      le(static_cast<uint64_t>(n), 1);
      le(static_cast<uint64_t>(v), n);
    }
  }
  void write_str(const std::string& s) {
    op('X');
    le(s.size(), 4);
    out_ += s;
  }
  void global(const char* module, const char* name) {
    op('c');
    out_ += module;
    out_ += '\n';
    out_ += name;
    out_ += '\n';
  }
  void empty_ordered_dict() {
    global("collections", "OrderedDict");
    op(')');
    op('R');
  }
  void write_tensor(const Tensor& t, bool parameter) {
    WICK_CHECK(t.device().is_cpu(), "wick.save: only CPU tensors can be saved");
    if (parameter) global("torch._utils", "_rebuild_parameter");
    if (parameter) op('(');
    global("torch._utils", "_rebuild_tensor_v2");
    op('(');
    // Persistent id of the storage.
    const Storage& s = t.storage();
    ScalarType dtype = t.scalar_type();
    auto id = std::make_pair(static_cast<const void*>(s.get()), static_cast<int>(dtype));
    auto it = keys_.find(id);
    if (it == keys_.end()) {
      it = keys_.emplace(id, std::to_string(storages_.size())).first;
      storages_.push_back({it->second, s});
    }
    op('(');
    write_str("storage");
    global("torch", storage_name(dtype));
    write_str(it->second);
    write_str("cpu");
    write_int(static_cast<int64_t>(s->nbytes()) / t.element_size());
    op('t');
    op('Q');
    write_int(t.storage_offset());
    write_ints(t.sizes());
    write_ints(t.strides());
    op(!parameter && t.requires_grad() ? '\x88' : '\x89');
    empty_ordered_dict();
    op('t');
    op('R');
    if (parameter) {
      op(t.requires_grad() ? '\x88' : '\x89');
      empty_ordered_dict();
      op('t');
      op('R');
    }
  }
  void write_ints(IntArrayRef v) {
    op('(');
    for (int64_t x : v) write_int(x);
    op('t');
  }
  void write(const Value& v, int depth) {
    WICK_CHECK(depth <= kMaxDepth, "wick.save: containers nested deeper than ", kMaxDepth,
               " levels");
    switch (v.kind()) {
      case Value::Kind::None: op('N'); break;
      case Value::Kind::Bool: op(v.to_bool() ? '\x88' : '\x89'); break;
      case Value::Kind::Int: write_int(v.to_int()); break;
      case Value::Kind::Float: {
        double d = v.to_float();
        uint64_t bits;
        std::memcpy(&bits, &d, 8);
        op('G');
        for (int i = 7; i >= 0; --i) out_ += static_cast<char>((bits >> (8 * i)) & 0xff);
        break;
      }
      case Value::Kind::String: write_str(v.to_string()); break;
      case Value::Kind::Bytes: {
        // Protocol 2 has no bytes opcode: Python writes _codecs.encode(latin1 text, 'latin1').
        global("_codecs", "encode");
        std::string text;
        for (unsigned char c : v.to_string()) {
          if (c < 0x80) {
            text += static_cast<char>(c);
          } else {
            text += static_cast<char>(0xc0 | (c >> 6));
            text += static_cast<char>(0x80 | (c & 0x3f));
          }
        }
        write_str(text);
        write_str("latin1");
        op('\x86');
        op('R');
        break;
      }
      case Value::Kind::List:
        op(']');
        if (!v.items().empty()) {
          op('(');
          for (const Value& x : v.items()) write(x, depth + 1);
          op('e');
        }
        break;
      case Value::Kind::Tuple:
        op('(');
        for (const Value& x : v.items()) write(x, depth + 1);
        op('t');
        break;
      case Value::Kind::Dict:
        if (v.is_ordered_dict()) {
          empty_ordered_dict();
        } else {
          op('}');
        }
        if (!v.dict_items().empty()) {
          op('(');
          for (const auto& kv : v.dict_items()) {
            write(kv.first, depth + 1);
            write(kv.second, depth + 1);
          }
          op('u');
        }
        break;
      case Value::Kind::Tensor: write_tensor(v.to_tensor(), v.is_parameter()); break;
      case Value::Kind::Dtype: global("torch", python_name(v.to_dtype())); break;
      case Value::Kind::Device: {
        const Device& d = v.to_device();
        global("torch", "device");
        write_str(d.is_cpu() ? "cpu" : "cuda");
        if (d.index() >= 0) {
          write_int(d.index());
          op('\x86');
        } else {
          op('\x85');
        }
        op('R');
        break;
      }
    }
  }

  static constexpr int kMaxDepth = 1000;
  std::string out_;
  std::vector<PickledStorage>& storages_;
  std::map<std::pair<const void*, int>, std::string> keys_;
};

}  // namespace

std::string pickle(const Value& value, std::vector<PickledStorage>& storages) {
  return Pickler(storages).run(value);
}

}  // namespace wick::serialize
