#include "wick/serialize/unpickler.h"

#include <cstring>
#include <limits>
#include <unordered_map>
#include <unordered_set>

#include "wick/core/error.h"

namespace wick::serialize {

namespace {

const char* kTruncated = "pickle data was truncated";

struct StorageRef {
  Storage storage;
  ScalarType dtype = ScalarType::Undefined;
  int64_t numel = 0;
};

// One stack/memo slot: a Value, or one of the things only the unpickler sees.
struct Item {
  enum class Tag : uint8_t { Val, Global, Storage, RawTuple };
  Tag tag = Tag::Val;
  Value value;
  std::string global;  // "module.name"
  std::shared_ptr<StorageRef> storage;
  std::shared_ptr<std::vector<Item>> raw;  // a tuple holding non-Values
  int raw_depth = 0;                        // its nesting, bounded like containers

  static Item of(Value v) {
    Item i;
    i.value = std::move(v);
    return i;
  }
};

ScalarType storage_dtype(const std::string& name) {
  static const std::unordered_map<std::string, ScalarType> table = {
      {"torch.BoolStorage", kBool},     {"torch.ByteStorage", kByte},
      {"torch.CharStorage", kChar},     {"torch.ShortStorage", kShort},
      {"torch.IntStorage", kInt},       {"torch.LongStorage", kLong},
      {"torch.HalfStorage", kHalf},     {"torch.BFloat16Storage", kBFloat16},
      {"torch.FloatStorage", kFloat},   {"torch.DoubleStorage", kDouble}};
  auto it = table.find(name);
  return it == table.end() ? ScalarType::Undefined : it->second;
}

bool allowed_global(const std::string& name) {
  static const std::unordered_set<std::string> allowed = {
      "torch._utils._rebuild_tensor_v2", "torch._utils._rebuild_parameter",
      "torch._utils._rebuild_parameter_with_state", "collections.OrderedDict", "torch.Size",
      "_codecs.encode", "torch.device", "collections.Counter"};
  return allowed.count(name) || storage_dtype(name) != ScalarType::Undefined;
}

class Unpickler {
 public:
  Unpickler(std::string_view data, const StorageLoader& loader) : d_(data), loader_(loader) {}

  Value run() {
    while (true) {
      unsigned char op = byte();
      switch (op) {
        case 0x80: {  // PROTO
          unsigned proto = byte();
          WICK_CHECK(proto >= 2 && proto <= 5, "Unsupported pickle protocol: ", proto);
          break;
        }
        case 0x95: take(8); break;  // FRAME: lengths are not needed in memory
        case '.': {  // STOP
          WICK_CHECK(stack_.size() == 1 && marks_.empty(), "pickle data was corrupt: ",
                     stack_.size(), " items on the stack at STOP");
          WICK_CHECK(stack_[0].tag == Item::Tag::Val, "pickle data was corrupt: result is not a value");
          return std::move(stack_[0].value);
        }
        case '(': marks_.push_back(stack_.size()); break;
        case '0': pop(); break;
        case '1': pop_mark(); break;
        case '2': { Item top = peek(); stack_.push_back(top); break; }
        case 'N': push(Value()); break;
        case 0x88: push(Value(true)); break;
        case 0x89: push(Value(false)); break;
        case 'K': push(Value(static_cast<int64_t>(le(1)))); break;
        case 'M': push(Value(static_cast<int64_t>(le(2)))); break;
        case 'J': push(Value(static_cast<int64_t>(static_cast<int32_t>(le(4))))); break;
        case 0x8a: push(Value(long_int(byte()))); break;  // LONG1
        case 0x8b: {  // LONG4
          uint64_t n = le(4);
          WICK_CHECK(n <= 8, "Unsupported: integer wider than 64 bits in pickle");
          push(Value(long_int(static_cast<size_t>(n))));
          break;
        }
        case 'G': {  // BINFLOAT, big-endian
          std::string_view b = take(8);
          uint64_t bits = 0;
          for (int i = 0; i < 8; ++i) bits = (bits << 8) | static_cast<unsigned char>(b[i]);
          double v;
          std::memcpy(&v, &bits, 8);
          push(Value(v));
          break;
        }
        case 'X': push(Value(std::string(take(le(4))))); break;       // BINUNICODE
        case 0x8c: push(Value(std::string(take(byte())))); break;     // SHORT_BINUNICODE
        case 0x8d: push(Value(std::string(take(le(8))))); break;      // BINUNICODE8
        case 'C': push(Value::bytes(std::string(take(byte())))); break;  // SHORT_BINBYTES
        case 'B': push(Value::bytes(std::string(take(le(4))))); break;   // BINBYTES
        case 0x8e: push(Value::bytes(std::string(take(le(8))))); break;  // BINBYTES8
        case ']': push(container(Value::list())); break;
        case ')': push(Value::tuple()); break;
        case '}': push(container(Value::dict())); break;
        case 'a': {  // APPEND
          Item v = pop();
          append(peek(), {std::move(v)});
          break;
        }
        case 'e': {  // APPENDS
          std::vector<Item> items = pop_mark();
          append(peek(), std::move(items));
          break;
        }
        case 's': {  // SETITEM
          Item v = pop();
          Item k = pop();
          setitems(peek(), {std::move(k), std::move(v)});
          break;
        }
        case 'u': {  // SETITEMS
          std::vector<Item> items = pop_mark();
          setitems(peek(), std::move(items));
          break;
        }
        case 't': stack_.push_back(make_tuple(pop_mark())); break;
        case 0x85: stack_.push_back(make_tuple(pop_n(1))); break;
        case 0x86: stack_.push_back(make_tuple(pop_n(2))); break;
        case 0x87: stack_.push_back(make_tuple(pop_n(3))); break;
        case 'q': memo_[le(1)] = peek(); break;     // BINPUT
        case 'r': memo_[le(4)] = peek(); break;     // LONG_BINPUT
        case 0x94: memo_[memo_.size()] = peek(); break;  // MEMOIZE
        case 'h': get(le(1)); break;                // BINGET
        case 'j': get(le(4)); break;                // LONG_BINGET
        case 'c': {  // GLOBAL "module\nname\n"
          std::string module = line(), name = line();
          global(module + "." + name);
          break;
        }
        case 0x93: {  // STACK_GLOBAL
          Item name = pop(), module = pop();
          WICK_CHECK(name.tag == Item::Tag::Val && name.value.is_string() &&
                         module.tag == Item::Tag::Val && module.value.is_string(),
                     "pickle data was corrupt: STACK_GLOBAL needs two strings");
          global(module.value.to_string() + "." + name.value.to_string());
          break;
        }
        case 'Q': {  // BINPERSID
          Item pid = pop();
          stack_.push_back(persistent_load(pid));
          break;
        }
        case 'R': {  // REDUCE
          Item args = pop();
          Item fn = pop();
          stack_.push_back(reduce(fn, args));
          break;
        }
        case 'b': {  // BUILD: state of OrderedDict (state_dict _metadata) is dropped
          Item state = pop();
          const Item& target = peek();
          bool empty_state = state.tag == Item::Tag::Val &&
                             (state.value.is_none() ||
                              (state.value.is_dict() && state.value.dict_items().empty()));
          WICK_CHECK(target.tag == Item::Tag::Val &&
                         (target.value.is_dict() || (target.value.is_tensor() && empty_state)),
                     "Weights only load failed. Unsupported operand: BUILD on ",
                     describe(target));
          break;
        }
        default:
          WICK_CHECK(false, "Weights only load failed. Unsupported operand ", static_cast<int>(op),
                     " at byte ", pos_ - 1, " of the pickle");
      }
    }
  }

 private:
  // --- input ---
  unsigned char byte() {
    WICK_CHECK(pos_ < d_.size(), kTruncated);
    return static_cast<unsigned char>(d_[pos_++]);
  }
  std::string_view take(uint64_t n) {
    WICK_CHECK(pos_ <= d_.size() && n <= d_.size() - pos_, kTruncated);
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
    WICK_CHECK(n <= 8, "Unsupported: integer wider than 64 bits in pickle");
    if (n == 0) return 0;
    uint64_t v = le(static_cast<int>(n));
    if (n < 8 && (v >> (8 * n - 1)) & 1) v |= ~uint64_t{0} << (8 * n);  // sign-extend
    return static_cast<int64_t>(v);
  }
  std::string line() {
    size_t end = d_.find('\n', pos_);
    WICK_CHECK(end != std::string_view::npos, kTruncated);
    std::string s(d_.substr(pos_, end - pos_));
    pos_ = end + 1;
    return s;
  }

  // --- stack ---
  void push(Value v) { stack_.push_back(Item::of(std::move(v))); }
  Item pop() {
    WICK_CHECK(!stack_.empty() && (marks_.empty() || stack_.size() > marks_.back()),
               "pickle data was corrupt: stack underflow");
    Item i = std::move(stack_.back());
    stack_.pop_back();
    return i;
  }
  const Item& peek() const {
    WICK_CHECK(!stack_.empty() && (marks_.empty() || stack_.size() > marks_.back()),
               "pickle data was corrupt: stack underflow");
    return stack_.back();
  }
  std::vector<Item> pop_n(size_t n) {
    WICK_CHECK(stack_.size() >= n && (marks_.empty() || stack_.size() - n >= marks_.back()),
               "pickle data was corrupt: stack underflow");
    std::vector<Item> items(std::make_move_iterator(stack_.end() - n),
                            std::make_move_iterator(stack_.end()));
    stack_.resize(stack_.size() - n);
    return items;
  }
  std::vector<Item> pop_mark() {
    WICK_CHECK(!marks_.empty(), "pickle data was corrupt: no MARK on the stack");
    size_t m = marks_.back();
    marks_.pop_back();
    std::vector<Item> items(std::make_move_iterator(stack_.begin() + m),
                            std::make_move_iterator(stack_.end()));
    stack_.resize(m);
    return items;
  }
  void get(uint64_t key) {
    auto it = memo_.find(key);
    WICK_CHECK(it != memo_.end(), "pickle data was corrupt: memo key ", key, " not found");
    stack_.push_back(it->second);
  }

  static std::string describe(const Item& i) {
    switch (i.tag) {
      case Item::Tag::Global: return "GLOBAL " + i.global;
      case Item::Tag::Storage: return "a storage";
      case Item::Tag::RawTuple: return "a tuple";
      default: return Value::kind_name(i.value.kind());
    }
  }

  // --- containers: depth-bounded and acyclic (a container inside another is sealed) ---
  Value container(Value v) {
    alive_.push_back(v);
    return v;
  }
  int depth(const Value& v) const {
    if (!v.is_container()) return 0;
    auto it = depth_.find(v.container_id());
    return it == depth_.end() ? 1 : it->second;
  }
  const Value& child(const Item& i) {
    WICK_CHECK(i.tag == Item::Tag::Val, "Weights only load failed. Unsupported: ", describe(i),
               " inside a container");
    return i.value;
  }
  void adopt(const Value& parent, const Value& c) {
    if (!c.is_container()) return;
    WICK_CHECK(c.container_id() != parent.container_id(),
               "Unsupported: recursive containers in pickle");
    int d = std::max(depth(parent), depth(c) + 1);
    WICK_CHECK(d <= kMaxNestingDepth, "Unsupported: containers nested deeper than ",
               kMaxNestingDepth, " levels in pickle");
    depth_[parent.container_id()] = d;
    sealed_.insert(c.container_id());
  }
  void check_mutable(const Item& target, bool dict) {
    WICK_CHECK(target.tag == Item::Tag::Val &&
                   (dict ? target.value.is_dict() : target.value.is_list()),
               "pickle data was corrupt: ", dict ? "SETITEM(S)" : "APPEND(S)", " on ",
               describe(target));
    WICK_CHECK(!sealed_.count(target.value.container_id()),
               "Unsupported: recursive containers in pickle");
  }
  void append(const Item& target, std::vector<Item> items) {
    check_mutable(target, false);
    Value::List& list = target.value.items();
    for (Item& i : items) {
      adopt(target.value, child(i));
      list.push_back(std::move(i.value));
    }
  }
  void setitems(const Item& target, std::vector<Item> items) {
    check_mutable(target, true);
    WICK_CHECK(items.size() % 2 == 0, "pickle data was corrupt: odd number of SETITEMS items");
    Value::Dict& dict = target.value.dict_items();
    for (size_t i = 0; i < items.size(); i += 2) {
      const Value& k = child(items[i]);
      const Value& v = child(items[i + 1]);
      WICK_CHECK(!k.is_container() || k.is_tuple(), "TypeError: unhashable type: '",
                 Value::kind_name(k.kind()), "'");
      adopt(target.value, k);
      adopt(target.value, v);
      // Hashable scalar keys replace an earlier equal key, as in Python.
      std::string hk = hash_key(k);
      auto& index = key_index_[target.value.container_id()];
      auto found = hk.empty() ? index.end() : index.find(hk);
      if (found != index.end()) {
        dict[found->second].second = v;
      } else {
        if (!hk.empty()) index.emplace(hk, dict.size());
        dict.emplace_back(k, v);
      }
    }
  }
  static std::string hash_key(const Value& k) {
    switch (k.kind()) {
      case Value::Kind::String: return "s" + k.to_string();
      case Value::Kind::Bytes: return "b" + k.to_string();
      // Python: True == 1, so bools and ints share keys.
      case Value::Kind::Int: return "i" + std::to_string(k.to_int());
      case Value::Kind::Bool: return "i" + std::to_string(static_cast<int>(k.to_bool()));
      case Value::Kind::None: return "n";
      default: return "";
    }
  }
  Item make_tuple(std::vector<Item> items) {
    bool plain = true;
    for (const Item& i : items) plain = plain && i.tag == Item::Tag::Val;
    if (!plain) {
      // Bounded, or freeing a long chain of tuples around a GLOBAL would overflow the stack.
      int d = 0;
      for (const Item& i : items)
        d = std::max(d, i.tag == Item::Tag::RawTuple ? i.raw_depth : i.tag == Item::Tag::Val ? depth(i.value) : 0);
      WICK_CHECK(d < kMaxNestingDepth, "Unsupported: containers nested deeper than ", kMaxNestingDepth,
                 " levels in pickle");
      Item r;
      r.raw_depth = d + 1;
      r.tag = Item::Tag::RawTuple;
      r.raw = std::make_shared<std::vector<Item>>(std::move(items));
      return r;
    }
    Value t = container(Value::tuple());
    for (Item& i : items) {
      adopt(t, i.value);
      t.items().push_back(std::move(i.value));
    }
    return Item::of(t);
  }

  // --- globals, persistent ids, reduce ---
  void global(const std::string& name) {
    // torch.float32 & co. pickle as the global itself.
    if (name.rfind("torch.", 0) == 0) {
      for (int i = 0; i < kNumScalarTypes; ++i) {
        auto t = static_cast<ScalarType>(i);
        if (name.compare(6, std::string::npos, python_name(t)) == 0) {
          push(Value(t));
          return;
        }
      }
    }
    WICK_CHECK(allowed_global(name), "Weights only load failed. Unsupported global: GLOBAL ", name,
               " was not an allowed global by default.");
    Item i;
    i.tag = Item::Tag::Global;
    i.global = name;
    stack_.push_back(std::move(i));
  }
  static const std::vector<Item>& tuple_items(const Item& i, std::vector<Item>& scratch) {
    if (i.tag == Item::Tag::RawTuple) return *i.raw;
    WICK_CHECK(i.tag == Item::Tag::Val && i.value.is_tuple(), "pickle data was corrupt: expected a tuple, got ",
               describe(i));
    scratch.clear();
    for (const Value& v : i.value.items()) scratch.push_back(Item::of(v));
    return scratch;
  }
  static int64_t int_arg(const Item& i, const char* what) {
    WICK_CHECK(i.tag == Item::Tag::Val && i.value.is_int(), "pickle data was corrupt: ", what,
               " must be an int");
    return i.value.to_int();
  }
  static std::vector<int64_t> int_tuple(const Item& i, const char* what) {
    WICK_CHECK(i.tag == Item::Tag::Val && i.value.is_tuple(), "pickle data was corrupt: ", what,
               " must be a tuple of ints");
    std::vector<int64_t> out;
    for (const Value& v : i.value.items()) {
      WICK_CHECK(v.is_int(), "pickle data was corrupt: ", what, " must be a tuple of ints");
      out.push_back(v.to_int());
    }
    return out;
  }
  Item persistent_load(const Item& pid) {
    std::vector<Item> scratch;
    const std::vector<Item>& t = tuple_items(pid, scratch);
    WICK_CHECK(t.size() == 5 && t[0].tag == Item::Tag::Val && t[0].value.is_string() &&
                   t[0].value.to_string() == "storage",
               "Weights only load failed. Unsupported persistent id (expected ('storage', "
               "storage_type, key, location, numel))");
    WICK_CHECK(t[1].tag == Item::Tag::Global, "pickle data was corrupt: bad storage type");
    ScalarType dtype = storage_dtype(t[1].global);
    WICK_CHECK(dtype != ScalarType::Undefined, "Unsupported storage type: ", t[1].global);
    WICK_CHECK(t[2].tag == Item::Tag::Val && t[2].value.is_string() && t[3].tag == Item::Tag::Val &&
                   t[3].value.is_string(),
               "pickle data was corrupt: storage key and location must be strings");
    int64_t numel = int_arg(t[4], "storage numel");
    WICK_CHECK(numel >= 0, "pickle data was corrupt: negative storage size");
    Item r;
    r.tag = Item::Tag::Storage;
    r.storage = std::make_shared<StorageRef>();
    r.storage->storage = loader_(t[2].value.to_string(), dtype, numel, t[3].value.to_string());
    r.storage->dtype = dtype;
    r.storage->numel = numel;
    return r;
  }
  Tensor rebuild_tensor(const std::vector<Item>& a) {
    WICK_CHECK(a.size() >= 6 && a.size() <= 7 && a[0].tag == Item::Tag::Storage,
               "pickle data was corrupt: bad _rebuild_tensor_v2 arguments");
    const StorageRef& s = *a[0].storage;
    int64_t offset = int_arg(a[1], "storage_offset");
    std::vector<int64_t> sizes = int_tuple(a[2], "size"), strides = int_tuple(a[3], "stride");
    WICK_CHECK(sizes.size() == strides.size() && sizes.size() <= 64,
               "pickle data was corrupt: size and stride lengths differ");
    WICK_CHECK(a[4].tag == Item::Tag::Val && a[4].value.is_bool(),
               "pickle data was corrupt: requires_grad must be a bool");
    // Every element the view reaches must lie inside the storage.
    WICK_CHECK(offset >= 0, "pickle data was corrupt: negative storage offset");
    bool empty = false;
    for (int64_t n : sizes) {
      WICK_CHECK(n >= 0, "pickle data was corrupt: negative size");
      empty = empty || n == 0;
    }
    if (!empty) {
      __int128 last = offset;
      __int128 numel = 1;
      for (size_t i = 0; i < sizes.size(); ++i) {
        WICK_CHECK(strides[i] >= 0, "pickle data was corrupt: negative stride");
        last += static_cast<__int128>(sizes[i] - 1) * strides[i];
        numel *= sizes[i];
        WICK_CHECK(numel <= std::numeric_limits<int64_t>::max() && last < s.numel,
                   "pickle data was corrupt: tensor of size ", IntArrayRef(sizes),
                   " exceeds its storage of ", s.numel, " elements");
      }
    }
    Tensor t = make_tensor(s.storage, s.dtype, sizes, strides, offset);
    if (a[4].value.to_bool()) t.set_requires_grad(true);
    return t;
  }
  Item reduce(const Item& fn, const Item& args) {
    WICK_CHECK(fn.tag == Item::Tag::Global, "Weights only load failed. Unsupported: REDUCE on ",
               describe(fn));
    std::vector<Item> scratch;
    const std::vector<Item>& a = tuple_items(args, scratch);
    const std::string& name = fn.global;
    if (name == "torch._utils._rebuild_tensor_v2") return Item::of(Value(rebuild_tensor(a)));
    if (name == "torch._utils._rebuild_parameter" ||
        name == "torch._utils._rebuild_parameter_with_state") {
      WICK_CHECK(a.size() >= 3 && a[0].tag == Item::Tag::Val && a[0].value.is_tensor() &&
                     a[1].tag == Item::Tag::Val && a[1].value.is_bool(),
                 "pickle data was corrupt: bad ", name, " arguments");
      Tensor t = a[0].value.to_tensor();
      t.set_requires_grad(a[1].value.to_bool());
      return Item::of(Value(t, /*is_parameter=*/true));
    }
    if (name == "collections.OrderedDict") {
      Value d = container(Value::dict({}, /*ordered=*/true));
      WICK_CHECK(a.empty(), "Unsupported: OrderedDict built from arguments in pickle");
      return Item::of(d);
    }
    if (name == "collections.Counter") {
      // Counter(dict), as lr_scheduler.MultiStepLR's milestones pickle (PyTorch 2.4+ allows
      // it with weights_only); it loads as the plain dict it wraps.
      WICK_CHECK(a.size() == 1 && a[0].tag == Item::Tag::Val && a[0].value.is_dict(),
                 "pickle data was corrupt: bad collections.Counter arguments");
      return a[0];
    }
    if (name == "torch.Size") {
      WICK_CHECK(a.size() == 1, "pickle data was corrupt: bad torch.Size arguments");
      int_tuple(a[0], "torch.Size");
      return a[0];
    }
    if (name == "torch.device") {
      WICK_CHECK((a.size() == 1 || a.size() == 2) && a[0].tag == Item::Tag::Val &&
                     a[0].value.is_string(),
                 "pickle data was corrupt: bad torch.device arguments");
      std::string spec = a[0].value.to_string();
      if (a.size() == 2) spec += ":" + std::to_string(int_arg(a[1], "device index"));
      WICK_CHECK(spec.rfind("cpu", 0) == 0 || spec.rfind("cuda", 0) == 0,
                 "Unsupported: torch.device('", spec, "') in pickle");
      return Item::of(Value(Device(spec)));
    }
    if (name == "_codecs.encode") {
      WICK_CHECK(a.size() == 2 && a[0].tag == Item::Tag::Val && a[0].value.is_string() &&
                     a[1].tag == Item::Tag::Val && a[1].value.is_string() &&
                     a[1].value.to_string() == "latin1",
                 "Weights only load failed. Unsupported: _codecs.encode arguments");
      return Item::of(Value::bytes(utf8_to_latin1(a[0].value.to_string())));
    }
    WICK_CHECK(false, "Weights only load failed. Unsupported: calling GLOBAL ", name);
    return {};
  }
  static std::string utf8_to_latin1(const std::string& s) {
    std::string out;
    for (size_t i = 0; i < s.size(); ++i) {
      auto c = static_cast<unsigned char>(s[i]);
      if (c < 0x80) {
        out.push_back(static_cast<char>(c));
      } else {
        WICK_CHECK((c == 0xc2 || c == 0xc3) && i + 1 < s.size(),
                   "pickle data was corrupt: bytes outside latin1");
        out.push_back(static_cast<char>(((c & 0x03) << 6) | (s[++i] & 0x3f)));
      }
    }
    return out;
  }

  std::string_view d_;
  size_t pos_ = 0;
  const StorageLoader& loader_;
  std::vector<Item> stack_;
  std::vector<size_t> marks_;
  std::unordered_map<uint64_t, Item> memo_;
  std::vector<Value> alive_;  // keeps container ids unique while unpickling
  std::unordered_map<const void*, int> depth_;
  std::unordered_set<const void*> sealed_;
  std::unordered_map<const void*, std::unordered_map<std::string, size_t>> key_index_;
};

}  // namespace

Value unpickle(std::string_view data, const StorageLoader& load_storage) {
  return Unpickler(data, load_storage).run();
}

}  // namespace wick::serialize
