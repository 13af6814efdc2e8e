#include "wick/vision/datasets/cifar.h"

#include <cstring>
#include <filesystem>
#include <memory>
#include <unordered_map>
#include <unordered_set>

#include "wick/core/error.h"
#include "wick/ops/creation.h"
#include "wick/ops/shape.h"
#include "wick/vision/datasets/mnist.h"

namespace wick::vision::datasets {

namespace fs = std::filesystem;
using serialize::Value;

namespace {

constexpr int kMaxDepth = 1000;

// A numpy object while it is being rebuilt: a dtype (numpy.dtype(...) then its
// BUILD state) or an array (_reconstruct(...) then BUILD (version, shape, dtype,
// fortran, raw)).
struct NumpyObj {
  enum class Kind : uint8_t { DType, Array } kind = Kind::Array;
  ScalarType dtype = ScalarType::Undefined;
  int itemsize = 1;
  bool big_endian = false;
  bool built = false;
  Tensor array;
};

struct Item {
  enum class Tag : uint8_t { Val, Global, Numpy, RawTuple };
  Tag tag = Tag::Val;
  Value value;
  std::string global;
  std::shared_ptr<NumpyObj> np;
  std::shared_ptr<std::vector<Item>> raw;
  int raw_depth = 0;  // nesting of a RawTuple (bounded like containers)
  static Item of(Value v) {
    Item i;
    i.value = std::move(v);
    return i;
  }
};

const char* const kAllowed =
    "only numpy.core.multiarray._reconstruct, numpy.ndarray, numpy.dtype and _codecs.encode are allowed";

bool is_reconstruct(const std::string& g) {
  return g == "numpy.core.multiarray._reconstruct" || g == "numpy._core.multiarray._reconstruct";
}

class NumpyUnpickler {
 public:
  NumpyUnpickler(std::string_view d, const std::string& what) : d_(d), what_(what) {}

  Value run() {
    while (true) {
      unsigned char op = byte();
      switch (op) {
        case 0x80: {
          unsigned proto = byte();
          check(proto <= 5, "unsupported pickle protocol ", proto);
          break;
        }
        case 0x95: take(8); break;  // FRAME
        case '.': {
          check(stack_.size() == 1 && marks_.empty(), "corrupt pickle (", stack_.size(), " items at STOP)");
          return value_of(stack_[0]);
        }
        case '(': marks_.push_back(stack_.size()); break;
        case '0': pop(); break;
        case '1': pop_mark(); break;
        case '2': { Item t = peek(); stack_.push_back(t); break; }
        case 'N': push(Value()); break;
        case 0x88: push(Value(true)); break;
        case 0x89: push(Value(false)); break;
        case 'K': push(Value(static_cast<int64_t>(le(1)))); break;
        case 'M': push(Value(static_cast<int64_t>(le(2)))); break;
        case 'J': push(Value(static_cast<int64_t>(static_cast<int32_t>(le(4))))); break;
        case 0x8a: push(Value(long_int(byte()))); break;
        case 'G': {
          std::string_view b = take(8);
          uint64_t bits = 0;
          for (int i = 0; i < 8; ++i) bits = (bits << 8) | static_cast<unsigned char>(b[i]);
          double v;
          std::memcpy(&v, &bits, 8);
          push(Value(v));
          break;
        }
        // Python 2 str: read as latin1 text; kept as its raw bytes (ASCII keys compare equal).
        case 'U': push(Value(std::string(take(byte())))); break;
        case 'T': push(Value(std::string(take(le(4))))); break;
        case 'X': push(Value(std::string(take(le(4))))); break;
        case 0x8c: push(Value(std::string(take(byte())))); break;
        case 0x8d: push(Value(std::string(take(le(8))))); break;
        case 'C': push(Value::bytes(std::string(take(byte())))); break;
        case 'B': push(Value::bytes(std::string(take(le(4))))); break;
        case 0x8e: push(Value::bytes(std::string(take(le(8))))); break;
        case ']': push(Value::list()); break;
        case ')': push(Value::tuple()); break;
        case '}': push(Value::dict()); break;
        case 'a': { Item v = pop(); append(peek(), {std::move(v)}); break; }
        case 'e': { std::vector<Item> v = pop_mark(); append(peek(), std::move(v)); break; }
        case 's': {
          Item v = pop();
          Item k = pop();
          setitems(peek(), {std::move(k), std::move(v)});
          break;
        }
        case 'u': { std::vector<Item> v = pop_mark(); setitems(peek(), std::move(v)); break; }
        case 't': stack_.push_back(make_tuple(pop_mark())); break;
        case 0x85: stack_.push_back(make_tuple(pop_n(1))); break;
        case 0x86: stack_.push_back(make_tuple(pop_n(2))); break;
        case 0x87: stack_.push_back(make_tuple(pop_n(3))); break;
        case 'q': memo_[le(1)] = peek(); break;
        case 'r': memo_[le(4)] = peek(); break;
        case 0x94: memo_[memo_.size()] = peek(); break;
        case 'h': get(le(1)); break;
        case 'j': get(le(4)); break;
        case 'c': {
          std::string module = line(), name = line();
          global(module + "." + name);
          break;
        }
        case 0x93: {
          Item name = pop(), module = pop();
          check(name.tag == Item::Tag::Val && name.value.is_string() && module.tag == Item::Tag::Val &&
                    module.value.is_string(),
                "corrupt pickle (STACK_GLOBAL needs two strings)");
          global(module.value.to_string() + "." + name.value.to_string());
          break;
        }
        case 'R': {
          Item args = pop();
          Item fn = pop();
          stack_.push_back(reduce(fn, args));
          break;
        }
        case 'b': {
          Item state = pop();
          build(peek(), state);
          break;
        }
        default:
          check(false, "unsupported pickle opcode ", static_cast<int>(op), " at byte ", pos_ - 1);
      }
    }
  }

 private:
  template <typename... Args>
  void check(bool cond, const Args&... args) const {
    if (!cond) throw Error(str(what_, ": ", args...));
  }
  unsigned char byte() {
    check(pos_ < d_.size(), "pickle data was truncated");
    return static_cast<unsigned char>(d_[pos_++]);
  }
  std::string_view take(uint64_t n) {
    check(n <= d_.size() - pos_, "pickle data was truncated");
    std::string_view s = d_.substr(pos_, n);
    pos_ += n;
    return s;
  }
  uint64_t le(int n) {
    std::string_view b = take(n);
    uint64_t v = 0;
    for (int i = n - 1; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(b[i]);
    return v;
  }
  int64_t long_int(size_t n) {
    check(n <= 8, "integer wider than 64 bits");
    if (n == 0) return 0;
    uint64_t v = le(static_cast<int>(n));
    if (n < 8 && ((v >> (8 * n - 1)) & 1)) v |= ~uint64_t{0} << (8 * n);
    return static_cast<int64_t>(v);
  }
  std::string line() {
    size_t end = d_.find('\n', pos_);
    check(end != std::string_view::npos, "pickle data was truncated");
    std::string s(d_.substr(pos_, end - pos_));
    pos_ = end + 1;
    return s;
  }

  void push(Value v) { stack_.push_back(Item::of(std::move(v))); }
  bool can_pop(size_t n) const { return stack_.size() >= n && (marks_.empty() || stack_.size() - n >= marks_.back()); }
  Item pop() {
    check(can_pop(1), "corrupt pickle (stack underflow)");
    Item i = std::move(stack_.back());
    stack_.pop_back();
    return i;
  }
  const Item& peek() const {
    check(can_pop(1), "corrupt pickle (stack underflow)");
    return stack_.back();
  }
  std::vector<Item> pop_n(size_t n) {
    check(can_pop(n), "corrupt pickle (stack underflow)");
    std::vector<Item> v(std::make_move_iterator(stack_.end() - n), std::make_move_iterator(stack_.end()));
    stack_.resize(stack_.size() - n);
    return v;
  }
  std::vector<Item> pop_mark() {
    check(!marks_.empty(), "corrupt pickle (no MARK)");
    size_t m = marks_.back();
    marks_.pop_back();
    std::vector<Item> v(std::make_move_iterator(stack_.begin() + m), std::make_move_iterator(stack_.end()));
    stack_.resize(m);
    return v;
  }
  void get(uint64_t key) {
    auto it = memo_.find(key);
    check(it != memo_.end(), "corrupt pickle (memo key ", key, " not found)");
    stack_.push_back(it->second);
  }

  // A finished value: a built array becomes its tensor; globals and unfinished
  // numpy objects cannot be stored in containers.
  Value value_of(const Item& i) const {
    if (i.tag == Item::Tag::Val) return i.value;
    if (i.tag == Item::Tag::Numpy && i.np->kind == NumpyObj::Kind::Array && i.np->built) return Value(i.np->array);
    check(false, "unsupported pickle content (", describe(i), " used as a value)");
    return {};
  }
  static std::string describe(const Item& i) {
    switch (i.tag) {
      case Item::Tag::Global: return "global " + i.global;
      case Item::Tag::Numpy: return i.np->kind == NumpyObj::Kind::DType ? "a numpy dtype" : "an unbuilt numpy array";
      case Item::Tag::RawTuple: return "a tuple";
      default: return Value::kind_name(i.value.kind());
    }
  }

  // Containers: a list/dict placed inside another container is sealed (no more
  // APPENDs/SETITEMs), which rules out cycles; nesting depth is bounded.
  int depth(const Value& v) const {
    if (!v.is_container()) return 0;
    auto it = depth_.find(v.container_id());
    return it == depth_.end() ? 1 : it->second;
  }
  void adopt(const Value& parent, const Value& c) {
    if (!c.is_container()) return;
    check(c.container_id() != parent.container_id(), "unsupported pickle content (recursive containers)");
    int d = std::max(depth(parent), depth(c) + 1);
    check(d <= kMaxDepth, "unsupported pickle content (containers nested deeper than ", kMaxDepth, " levels)");
    depth_[parent.container_id()] = d;
    sealed_.insert(c.container_id());
    alive_.push_back(c);
  }
  void check_mutable(const Item& t, bool dict) {
    check(t.tag == Item::Tag::Val && (dict ? t.value.is_dict() : t.value.is_list()), "corrupt pickle (",
          dict ? "SETITEM" : "APPEND", " on ", describe(t), ")");
    check(!sealed_.count(t.value.container_id()), "unsupported pickle content (recursive containers)");
  }
  void append(const Item& t, std::vector<Item> items) {
    check_mutable(t, false);
    for (Item& i : items) {
      Value v = value_of(i);
      adopt(t.value, v);
      t.value.items().push_back(std::move(v));
    }
  }
  void setitems(const Item& t, std::vector<Item> items) {
    check_mutable(t, true);
    check(items.size() % 2 == 0, "corrupt pickle (odd SETITEMS)");
    Value::Dict& dict = t.value.dict_items();
    for (size_t i = 0; i < items.size(); i += 2) {
      Value k = value_of(items[i]), v = value_of(items[i + 1]);
      check(!k.is_list() && !k.is_dict(), "unhashable dict key in pickle");
      adopt(t.value, k);
      adopt(t.value, v);
      // An equal str/bytes/int key replaces the earlier value, as in Python (hashed: no
      // quadratic scan on hostile files with many keys).
      std::string hk;
      if (k.is_string() || k.is_bytes()) {
        hk.push_back(k.is_string() ? 's' : 'b');
        hk.append(k.to_string());
      } else if (k.is_int()) {
        hk.push_back('i');
        hk.append(std::to_string(k.to_int()));
      }
      auto& index = key_index_[t.value.container_id()];
      auto found = hk.empty() ? index.end() : index.find(hk);
      if (found != index.end()) {
        dict[found->second].second = std::move(v);
      } else {
        if (!hk.empty()) index.emplace(std::move(hk), dict.size());
        dict.emplace_back(std::move(k), std::move(v));
      }
    }
  }
  Item make_tuple(std::vector<Item> items) {
    bool plain = true;
    for (const Item& i : items)
      plain = plain && (i.tag == Item::Tag::Val ||
                        (i.tag == Item::Tag::Numpy && i.np->kind == NumpyObj::Kind::Array && i.np->built));
    if (!plain) {
      int d = 0;
      for (const Item& i : items)
        d = std::max(d, i.tag == Item::Tag::RawTuple ? i.raw_depth : i.tag == Item::Tag::Val ? depth(i.value) : 0);
      check(d + 1 <= kMaxDepth, "unsupported pickle content (containers nested deeper than ", kMaxDepth, " levels)");
      Item r;
      r.raw_depth = d + 1;
      r.tag = Item::Tag::RawTuple;
      r.raw = std::make_shared<std::vector<Item>>(std::move(items));
      return r;
    }
    Value t = Value::tuple();
    for (Item& i : items) {
      Value v = value_of(i);
      adopt(t, v);
      t.items().push_back(std::move(v));
    }
    return Item::of(t);
  }
  std::vector<Item> tuple_items(const Item& i) const {
    if (i.tag == Item::Tag::RawTuple) return *i.raw;
    check(i.tag == Item::Tag::Val && i.value.is_tuple(), "corrupt pickle (expected a tuple, got ", describe(i), ")");
    std::vector<Item> out;
    for (const Value& v : i.value.items()) out.push_back(Item::of(v));
    return out;
  }

  void global(const std::string& name) {
    check(is_reconstruct(name) || name == "numpy.ndarray" || name == "numpy.dtype" || name == "_codecs.encode",
          "refusing to load the pickle global ", name, " (", kAllowed, ")");
    Item i;
    i.tag = Item::Tag::Global;
    i.global = name;
    stack_.push_back(std::move(i));
  }

  static std::string latin1(const std::string& utf8) {
    std::string out;
    out.reserve(utf8.size());
    for (size_t i = 0; i < utf8.size(); ++i) {
      auto c = static_cast<unsigned char>(utf8[i]);
      if (c < 0x80) {
        out.push_back(static_cast<char>(c));
      } else if ((c == 0xc2 || c == 0xc3) && i + 1 < utf8.size()) {
        out.push_back(static_cast<char>(((c & 0x03) << 6) | (utf8[++i] & 0x3f)));
      } else {
        throw Error("pickle data: bytes outside latin1");
      }
    }
    return out;
  }

  Item reduce(const Item& fn, const Item& args) {
    check(fn.tag == Item::Tag::Global, "unsupported pickle content (REDUCE on ", describe(fn), ")");
    std::vector<Item> a = tuple_items(args);
    const std::string& g = fn.global;
    if (g == "_codecs.encode") {
      check(a.size() == 2 && a[0].tag == Item::Tag::Val && a[0].value.is_string() && a[1].tag == Item::Tag::Val &&
                a[1].value.is_string() && a[1].value.to_string() == "latin1",
            "unsupported _codecs.encode arguments");
      return Item::of(Value::bytes(latin1(a[0].value.to_string())));
    }
    if (g == "numpy.dtype") {
      check(!a.empty() && a[0].tag == Item::Tag::Val && a[0].value.is_string(), "bad numpy.dtype arguments");
      static const std::unordered_map<std::string, std::pair<ScalarType, int>> table = {
          {"b1", {kBool, 1}},  {"u1", {kByte, 1}},  {"i1", {kChar, 1}},   {"i2", {kShort, 2}},
          {"i4", {kInt, 4}},   {"i8", {kLong, 8}},  {"f2", {kHalf, 2}},   {"f4", {kFloat, 4}},
          {"f8", {kDouble, 8}}};
      auto it = table.find(a[0].value.to_string());
      check(it != table.end(), "unsupported numpy dtype '", a[0].value.to_string(), "'");
      Item r;
      r.tag = Item::Tag::Numpy;
      r.np = std::make_shared<NumpyObj>();
      r.np->kind = NumpyObj::Kind::DType;
      r.np->dtype = it->second.first;
      r.np->itemsize = it->second.second;
      return r;
    }
    if (is_reconstruct(g)) {
      check(a.size() == 3 && a[0].tag == Item::Tag::Global && a[0].global == "numpy.ndarray",
            "unsupported _reconstruct arguments (only numpy.ndarray)");
      Item r;
      r.tag = Item::Tag::Numpy;
      r.np = std::make_shared<NumpyObj>();
      r.np->kind = NumpyObj::Kind::Array;
      return r;
    }
    check(false, "unsupported pickle content (calling ", g, ")");
    return {};
  }

  void build(const Item& target, const Item& state) {
    check(target.tag == Item::Tag::Numpy && !target.np->built, "unsupported pickle content (BUILD on ",
          describe(target), ")");
    NumpyObj& o = *target.np;
    std::vector<Item> s = tuple_items(state);
    if (o.kind == NumpyObj::Kind::DType) {
      // (version, byteorder, subarray, names, fields, elsize, alignment, flags)
      check(s.size() >= 2 && s[1].tag == Item::Tag::Val && s[1].value.is_string(), "bad numpy dtype state");
      const std::string& order = s[1].value.to_string();
      check(order == "<" || order == ">" || order == "|" || order == "=", "bad numpy byte order '", order, "'");
      for (size_t i = 2; i < std::min<size_t>(s.size(), 5); ++i)
        check(s[i].tag == Item::Tag::Val && s[i].value.is_none(), "unsupported structured numpy dtype");
      o.big_endian = order == ">";
      o.built = true;
      return;
    }
    // (version, shape, dtype, is_fortran, raw data)
    check(s.size() == 5 && s[2].tag == Item::Tag::Numpy && s[2].np->kind == NumpyObj::Kind::DType,
          "bad numpy array state");
    check(s[1].tag == Item::Tag::Val && s[1].value.is_tuple(), "bad numpy array shape");
    std::vector<int64_t> shape;
    __int128 numel = 1;
    for (const Value& v : s[1].value.items()) {
      check(v.is_int() && v.to_int() >= 0, "bad numpy array shape");
      shape.push_back(v.to_int());
      numel *= v.to_int();
      check(numel <= (int64_t{1} << 40), "numpy array too large");
    }
    check(s[3].tag == Item::Tag::Val && (s[3].value.is_bool() || s[3].value.is_int()), "bad numpy fortran flag");
    bool fortran = s[3].value.is_bool() ? s[3].value.to_bool() : s[3].value.to_int() != 0;
    check(s[4].tag == Item::Tag::Val && (s[4].value.is_bytes() || s[4].value.is_string()),
          "unsupported numpy array data (object arrays are refused)");
    const NumpyObj& dt = *s[2].np;
    // bytes (Python 3; _codecs.encode already turned protocol 2's latin1 text back into bytes)
    // or a Python 2 str (SHORT_BINSTRING/BINSTRING: the raw bytes).
    const std::string& raw = s[4].value.to_string();
    check(static_cast<__int128>(raw.size()) == numel * dt.itemsize, "numpy array data has ", raw.size(),
          " bytes but its shape ", IntArrayRef(shape), " needs ", static_cast<int64_t>(numel * dt.itemsize));
    std::vector<int64_t> sizes = shape;
    if (fortran) std::reverse(sizes.begin(), sizes.end());
    Tensor t = empty(sizes, TensorOptions().dtype(dt.dtype));
    auto* p = static_cast<uint8_t*>(t.data_ptr());
    std::memcpy(p, raw.data(), raw.size());
    if (dt.big_endian && dt.itemsize > 1)
      for (size_t i = 0; i < raw.size(); i += dt.itemsize) std::reverse(p + i, p + i + dt.itemsize);
    if (dt.dtype == kBool)
      for (size_t i = 0; i < raw.size(); ++i) p[i] = p[i] != 0;
    if (fortran && sizes.size() > 1) {
      std::vector<int64_t> perm(sizes.size());
      for (size_t i = 0; i < perm.size(); ++i) perm[i] = static_cast<int64_t>(perm.size() - 1 - i);
      t = t.permute(perm).contiguous();
    }
    o.array = t;
    o.built = true;
  }

  std::string_view d_;
  std::string what_;
  size_t pos_ = 0;
  std::vector<Item> stack_;
  std::vector<size_t> marks_;
  std::unordered_map<uint64_t, Item> memo_;
  std::vector<Value> alive_;
  std::unordered_map<const void*, int> depth_;
  std::unordered_set<const void*> sealed_;
  std::unordered_map<const void*, std::unordered_map<std::string, size_t>> key_index_;
};

std::string join(const std::vector<std::string>& v, const std::string& sep) {
  std::string s;
  for (size_t i = 0; i < v.size(); ++i) s += (i ? sep : "") + v[i];
  return s;
}

bool is_file(const fs::path& p) {
  std::error_code ec;
  return fs::is_regular_file(p, ec);
}

CIFAR10::Spec cifar10_spec() {
  return {"CIFAR10",
          "cifar-10-batches-py",
          "cifar-10-python.tar.gz",
          "https://www.cs.toronto.edu/~kriz/cifar-10-python.tar.gz",
          {"data_batch_1", "data_batch_2", "data_batch_3", "data_batch_4", "data_batch_5"},
          {"test_batch"},
          "batches.meta",
          "label_names"};
}

CIFAR10::Spec cifar100_spec() {
  return {"CIFAR100",     "cifar-100-python", "cifar-100-python.tar.gz",
          "https://www.cs.toronto.edu/~kriz/cifar-100-python.tar.gz",
          {"train"},      {"test"},           "meta",
          "fine_label_names"};
}

}  // namespace

Value read_numpy_pickle(const std::string& bytes, const std::string& what) {
  return NumpyUnpickler(bytes, what).run();
}

Value read_numpy_pickle_file(const std::string& path) {
  std::vector<uint8_t> raw = read_maybe_gzip(path);
  return read_numpy_pickle(std::string(raw.begin(), raw.end()), path);
}

CIFAR10::CIFAR10(const std::string& root, bool train, Transform transform, TargetTransform target_transform,
                 bool download)
    : CIFAR10(cifar10_spec(), root, train, std::move(transform), std::move(target_transform), download) {}

CIFAR10::CIFAR10(Spec spec, const std::string& root, bool train, Transform transform,
                 TargetTransform target_transform, bool download)
    : spec_(std::move(spec)),
      root_(root),
      train_(train),
      transform_(std::move(transform)),
      target_transform_(std::move(target_transform)) {
  load(download);
}

CIFAR100::CIFAR100(const std::string& root, bool train, Transform transform, TargetTransform target_transform,
                   bool download)
    : CIFAR10(cifar100_spec(), root, train, std::move(transform), std::move(target_transform), download) {}

std::string CIFAR10::base_folder() const { return (fs::path(root_) / spec_.base_folder).string(); }

void CIFAR10::load(bool download) {
  const auto& list = train_ ? spec_.train_list : spec_.test_list;
  bool present = true;
  for (const auto& f : list) present = present && is_file(fs::path(base_folder()) / f);
  const bool meta_present = is_file(fs::path(base_folder()) / spec_.meta_file);
  if (!present || !meta_present) {
    std::vector<std::string> all = spec_.train_list;
    all.insert(all.end(), spec_.test_list.begin(), spec_.test_list.end());
    all.push_back(spec_.meta_file);
    if (!download && !present) throw Error("Dataset not found or corrupted. You can use download=True to download it");
    if (!download)
      throw Error("Dataset metadata file not found or corrupted. You can use download=True to download it");
    throw Error(str("Dataset not found and wick cannot download it (no network access). Place ", join(all, ", "),
                    " in ", base_folder(), " (extract ", spec_.archive, " from ", spec_.url, " into ", root_,
                    ")"));
  }
  std::vector<Tensor> parts;
  std::vector<int64_t> targets;
  const std::string labels_key = spec_.name == "CIFAR100" ? "fine_labels" : "labels";
  for (const auto& f : list) {
    std::string path = (fs::path(base_folder()) / f).string();
    Value entry = read_numpy_pickle_file(path);
    WICK_CHECK(entry.is_dict() && entry.contains("data"), path, ": not a CIFAR batch (no 'data' entry)");
    const Value& d = entry.at("data");
    WICK_CHECK(d.is_tensor() && d.to_tensor().dtype() == kByte && d.to_tensor().dim() == 2 &&
                   d.to_tensor().size(1) == 3072,
               path, ": 'data' must be a uint8 array of shape (N, 3072)");
    const std::string key = entry.contains("labels") ? "labels" : "fine_labels";
    WICK_CHECK(entry.contains(key), path, ": not a CIFAR batch (no '", labels_key, "' entry)");
    const Value& labels = entry.at(key);
    WICK_CHECK(labels.is_list() && static_cast<int64_t>(labels.items().size()) == d.to_tensor().size(0), path,
               ": '", key, "' must be a list of ", d.to_tensor().size(0), " ints");
    for (const Value& v : labels.items()) {
      WICK_CHECK(v.is_int(), path, ": '", key, "' must be a list of ints");
      targets.push_back(v.to_int());
    }
    parts.push_back(d.to_tensor());
    files_.push_back(path);
  }
  // torchvision: vstack, reshape(-1, 3, 32, 32), transpose((0, 2, 3, 1)) -- an N x H x W x C
  // view of the CHW rows (so get(i) gets a contiguous C x H x W image back by permuting).
  Tensor all = parts.size() == 1 ? parts[0] : cat(parts, 0);
  data_ = all.reshape({-1, 3, 32, 32}).permute({0, 2, 3, 1});
  targets_ = empty({static_cast<int64_t>(targets.size())}, TensorOptions().dtype(kLong));
  if (!targets.empty()) std::memcpy(targets_.data_ptr(), targets.data(), targets.size() * sizeof(int64_t));

  std::string meta = (fs::path(base_folder()) / spec_.meta_file).string();
  Value m = read_numpy_pickle_file(meta);
  WICK_CHECK(m.is_dict() && m.contains(spec_.meta_key) && m.at(spec_.meta_key).is_list(), meta,
             ": not a CIFAR meta file (no '", spec_.meta_key, "' list)");
  for (const Value& v : m.at(spec_.meta_key).items()) {
    WICK_CHECK(v.is_string(), meta, ": '", spec_.meta_key, "' must be a list of strings");
    classes_.push_back(v.to_string());
  }
}

std::pair<Tensor, int64_t> CIFAR10::item(int64_t index) const {
  const int64_t n = data_.size(0);
  WICK_CHECK_T(IndexError, index >= -n && index < n, "index ", index, " is out of bounds for axis 0 with size ", n);
  if (index < 0) index += n;
  Tensor img = data_.select(0, index);
  int64_t label = static_cast<const int64_t*>(targets_.data_ptr())[index];
  if (transform_) img = transform_(img);
  if (target_transform_) label = target_transform_(label);
  return {img, label};
}

data::Example<> CIFAR10::get(size_t index) {
  const int64_t n = data_.size(0);
  WICK_CHECK_T(IndexError, index < static_cast<size_t>(n), "index ", index, " is out of bounds for axis 0 with size ",
               n);
  auto i = static_cast<int64_t>(index);
  Tensor img = data_.select(0, i);
  int64_t label = static_cast<const int64_t*>(targets_.data_ptr())[i];
  img = transform_ ? transform_(img) : img.permute({2, 0, 1}).to(kFloat).div(255.0);
  if (target_transform_) label = target_transform_(label);
  return {img, scalar_tensor(label, TensorOptions().dtype(kLong))};
}

std::map<std::string, int64_t> CIFAR10::class_to_idx() const {
  std::map<std::string, int64_t> m;
  for (size_t i = 0; i < classes_.size(); ++i) m[classes_[i]] = static_cast<int64_t>(i);
  return m;
}

}  // namespace wick::vision::datasets
