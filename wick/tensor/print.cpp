// Tensor printing, matching PyTorch's repr() character for character.
//
// Layout of the output: "tensor(" + nested bracketed rows + suffixes + ")". All
// elements that will be shown are read first (once, in print order) into a flat
// list; a formatter studies that list to choose one notation and one column
// width for the whole tensor; then the nested text is built consuming the list.
#include "wick/tensor/print.h"

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>
#include <mutex>
#include <ostream>

namespace wick {

namespace {

struct ResolvedOptions {
  int64_t precision = 4;
  double threshold = 1000;
  int64_t edgeitems = 3;
  int64_t linewidth = 80;
  std::optional<bool> sci_mode;
};

std::mutex& options_mutex() {
  static std::mutex m;
  return m;
}
ResolvedOptions& options_storage() {
  static ResolvedOptions o;
  return o;
}
ResolvedOptions current_options() {
  std::lock_guard<std::mutex> lock(options_mutex());
  return options_storage();
}

// ---- number to text, with Python's str.format spelling -------------------------

// Python spells every NaN "nan" (C may print "-nan") and infinities "inf"/"-inf".
bool nonfinite_text(double v, std::string& out) {
  if (std::isnan(v)) {
    out = "nan";
    return true;
  }
  if (std::isinf(v)) {
    out = v > 0 ? "inf" : "-inf";
    return true;
  }
  return false;
}

// printf with a format taking (precision, value); sized for any magnitude.
std::string printf_double(const char* fmt, int precision, double v) {
  char small[64];
  int n = std::snprintf(small, sizeof(small), fmt, precision, v);
  if (n < static_cast<int>(sizeof(small))) return std::string(small, n);
  std::string big(static_cast<size_t>(n) + 1, '\0');
  std::snprintf(big.data(), big.size(), fmt, precision, v);
  big.resize(n);
  return big;
}

std::string format_fixed(double v, int precision) {  // "{:.Nf}"
  std::string s;
  if (nonfinite_text(v, s)) return s;
  return printf_double("%.*f", precision, v);
}
std::string format_sci(double v, int precision) {  // "{:.Ne}"
  std::string s;
  if (nonfinite_text(v, s)) return s;
  return printf_double("%.*e", precision, v);
}

// ---- reading the shown elements --------------------------------------------------

struct ShownValues {
  bool floating = false;
  bool is_bool = false;
  std::vector<double> floats;  // floating dtypes (16-bit ones widened exactly)
  std::vector<int64_t> ints;   // integral dtypes and bool (0/1), exact
};

double read_float(const char* p, ScalarType dt) {
  switch (dt) {
    case kHalf: {
      Half h;
      std::memcpy(&h, p, sizeof(h));
      return static_cast<float>(h);
    }
    case kBFloat16: {
      BFloat16 b;
      std::memcpy(&b, p, sizeof(b));
      return static_cast<float>(b);
    }
    case kFloat: {
      float f;
      std::memcpy(&f, p, sizeof(f));
      return f;
    }
    default: {
      double d;
      std::memcpy(&d, p, sizeof(d));
      return d;
    }
  }
}

int64_t read_int(const char* p, ScalarType dt) {
  switch (dt) {
    case kBool:
      return *reinterpret_cast<const uint8_t*>(p) != 0;
    case kByte:
      return *reinterpret_cast<const uint8_t*>(p);
    case kChar:
      return *reinterpret_cast<const int8_t*>(p);
    case kShort: {
      int16_t v;
      std::memcpy(&v, p, sizeof(v));
      return v;
    }
    case kInt: {
      int32_t v;
      std::memcpy(&v, p, sizeof(v));
      return v;
    }
    default: {
      int64_t v;
      std::memcpy(&v, p, sizeof(v));
      return v;
    }
  }
}

// The indices of one dim that are printed: all of them, or the first and last
// `edgeitems` when the tensor is summarised and the dim is long.
// Whether a dim of `size` is shortened to its edges (size > 2 * edgeitems, without
// overflowing for huge edgeitems).
bool cut_dim(int64_t size, bool summarize, int64_t edgeitems) {
  return summarize && edgeitems < size && size - edgeitems > edgeitems;
}

std::vector<int64_t> shown_indices(int64_t size, bool summarize, int64_t edgeitems) {
  std::vector<int64_t> idx;
  if (cut_dim(size, summarize, edgeitems)) {
    for (int64_t i = 0; i < edgeitems; ++i) idx.push_back(i);
    for (int64_t i = size - edgeitems; i < size; ++i) idx.push_back(i);
  } else {
    idx.resize(size);
    for (int64_t i = 0; i < size; ++i) idx[i] = i;
  }
  return idx;
}

void gather(const Tensor& t, const std::vector<std::vector<int64_t>>& shown, ShownValues& out) {
  const char* base = static_cast<const char*>(t.data_ptr());
  const int64_t itemsize = t.itemsize();
  const ScalarType dt = t.dtype();
  const int64_t ndim = t.dim();
  IntArrayRef strides = t.strides();
  // Odometer over the cartesian product of the shown indices, last dim fastest.
  std::vector<size_t> pos(ndim, 0);
  while (true) {
    int64_t offset = 0;
    for (int64_t d = 0; d < ndim; ++d) offset += shown[d][pos[d]] * strides[d];
    const char* p = base + offset * itemsize;
    if (out.floating)
      out.floats.push_back(read_float(p, dt));
    else
      out.ints.push_back(read_int(p, dt));
    int64_t d = ndim - 1;
    for (; d >= 0; --d) {
      if (++pos[d] < shown[d].size()) break;
      pos[d] = 0;
    }
    if (d < 0) break;
  }
}

// ---- the formatter: one notation and one width for all elements -------------------

class Formatter {
 public:
  Formatter(const ShownValues& v, const ResolvedOptions& opts)
      : floating_(v.floating), is_bool_(v.is_bool), precision_(static_cast<int>(opts.precision)) {
    if (!floating_) {
      for (int64_t x : v.ints) max_width_ = std::max(max_width_, format_int(x).size());
      return;
    }
    std::vector<double> finite_nonzero;
    finite_nonzero.reserve(v.floats.size());
    for (double x : v.floats)
      if (std::isfinite(x) && x != 0) finite_nonzero.push_back(x);
    // Nothing to measure: integer notation, and (as in PyTorch) the sci_mode option
    // is not consulted either.
    if (finite_nonzero.empty()) return;

    double min_abs = std::numeric_limits<double>::infinity(), max_abs = 0;
    for (double x : finite_nonzero) {
      min_abs = std::min(min_abs, std::fabs(x));
      max_abs = std::max(max_abs, std::fabs(x));
      if (x != std::ceil(x)) int_mode_ = false;
    }
    const bool wide_range = max_abs / min_abs > 1000.0 || max_abs > 1.0e8;
    if (int_mode_) {
      sci_mode_ = wide_range;
      for (double x : finite_nonzero) {
        size_t w = sci_mode_ ? format_sci(x, precision_).size()
                             : format_fixed(x, 0).size() + 1;  // + the trailing "."
        max_width_ = std::max(max_width_, w);
      }
    } else {
      sci_mode_ = wide_range || min_abs < 1.0e-4;
      for (double x : finite_nonzero) {
        size_t w = sci_mode_ ? format_sci(x, precision_).size()
                             : format_fixed(x, precision_).size();
        max_width_ = std::max(max_width_, w);
      }
    }
    if (opts.sci_mode) sci_mode_ = *opts.sci_mode;
  }

  size_t width() const { return max_width_; }

  std::string format_float(double x) const {
    std::string s;
    if (sci_mode_) {
      s = format_sci(x, precision_);
    } else if (int_mode_) {
      s = format_fixed(x, 0);
      if (std::isfinite(x)) s += '.';
    } else {
      s = format_fixed(x, precision_);
    }
    return pad(std::move(s));
  }
  std::string format_integer(int64_t x) const { return pad(format_int(x)); }

 private:
  std::string format_int(int64_t x) const {
    if (is_bool_) return x ? "True" : "False";
    return std::to_string(x);
  }
  std::string pad(std::string s) const {
    if (s.size() >= max_width_) return s;
    return std::string(max_width_ - s.size(), ' ') + s;
  }

  bool floating_;
  bool is_bool_;
  int precision_;
  bool int_mode_ = true;
  bool sci_mode_ = false;
  size_t max_width_ = 1;
};

// ---- nested text ---------------------------------------------------------------------

class Printer {
 public:
  Printer(const ShownValues& values, const Formatter& fmt, const ResolvedOptions& opts,
          IntArrayRef sizes, const std::vector<std::vector<int64_t>>& shown, bool summarize)
      : values_(values), fmt_(fmt), opts_(opts), sizes_(sizes), shown_(shown),
        summarize_(summarize) {}

  std::string scalar() { return next_element(); }

  std::string nested(int64_t d, int64_t indent) {
    const int64_t ndim = static_cast<int64_t>(sizes_.size());
    const bool cut = cut_dim(sizes_[d], summarize_, opts_.edgeitems);
    const size_t n = shown_[d].size();
    std::vector<std::string> parts;
    parts.reserve(n + 1);
    if (d == ndim - 1) {
      for (size_t i = 0; i < n; ++i) {
        if (cut && i == static_cast<size_t>(opts_.edgeitems)) parts.push_back(" ...");
        parts.push_back(next_element());
      }
      return wrap_row(parts, indent);
    }
    for (size_t i = 0; i < n; ++i) {
      if (cut && i == static_cast<size_t>(opts_.edgeitems)) parts.push_back("...");
      parts.push_back(nested(d + 1, indent + 1));
    }
    std::string sep(1, ',');
    sep.append(ndim - d - 1, '\n');
    sep.append(indent + 1, ' ');
    return join(parts, sep, "[", "]");
  }

 private:
  std::string next_element() {
    size_t i = cursor_++;
    return values_.floating ? fmt_.format_float(values_.floats[i])
                            : fmt_.format_integer(values_.ints[i]);
  }

  // A 1-d row, broken into lines of as many elements as fit in linewidth.
  std::string wrap_row(const std::vector<std::string>& parts, int64_t indent) const {
    const int64_t element_length = static_cast<int64_t>(fmt_.width()) + 2;
    // Python's floor division, so a linewidth below the indent still gives >= 1.
    const double fit = std::floor((static_cast<double>(opts_.linewidth) - indent) / element_length);
    const int64_t per_line = fit < 1 ? 1 : fit > 1e15 ? INT64_C(1) << 50 : static_cast<int64_t>(fit);
    std::vector<std::string> lines;
    for (size_t i = 0; i < parts.size(); i += per_line) {
      size_t end = std::min(parts.size(), i + static_cast<size_t>(per_line));
      lines.push_back(join(std::vector<std::string>(parts.begin() + i, parts.begin() + end), ", "));
    }
    std::string sep = ",\n";
    sep.append(indent + 1, ' ');
    return join(lines, sep, "[", "]");
  }

  static std::string join(const std::vector<std::string>& parts, const std::string& sep,
                          const char* open = "", const char* close = "") {
    std::string out = open;
    for (size_t i = 0; i < parts.size(); ++i) {
      if (i) out += sep;
      out += parts[i];
    }
    out += close;
    return out;
  }

  const ShownValues& values_;
  const Formatter& fmt_;
  const ResolvedOptions& opts_;
  IntArrayRef sizes_;
  const std::vector<std::vector<int64_t>>& shown_;
  bool summarize_;
  size_t cursor_ = 0;
};

// The bracketed body of a non-empty CPU tensor.
std::string tensor_body(const Tensor& t, int64_t indent, const ResolvedOptions& opts) {
  const bool summarize = static_cast<double>(t.numel()) > opts.threshold;
  // With no edge items kept, a summarised tensor shows nothing but the ellipsis.
  if (summarize && opts.edgeitems == 0 && t.dim() > 0) return "[...]";

  std::vector<std::vector<int64_t>> shown;
  for (int64_t d = 0; d < t.dim(); ++d)
    shown.push_back(shown_indices(t.size(d), summarize, opts.edgeitems));

  ShownValues values;
  values.floating = t.is_floating_point();
  values.is_bool = t.dtype() == kBool;
  gather(t, shown, values);

  Formatter fmt(values, opts);
  Printer printer(values, fmt, opts, t.sizes(), shown, summarize);
  if (t.dim() == 0) return printer.scalar();
  return printer.nested(0, indent);
}

std::string size_tuple(IntArrayRef sizes) {  // Python's str(tuple(shape))
  std::string s = "(";
  for (size_t i = 0; i < sizes.size(); ++i) {
    if (i) s += ", ";
    s += std::to_string(sizes[i]);
  }
  if (sizes.size() == 1) s += ",";
  return s + ")";
}

std::string dtype_suffix(ScalarType dt) { return std::string("dtype=wick.") + python_name(dt); }

}  // namespace

void set_printoptions(const PrintOptions& options) {
  WICK_CHECK_T(ValueError, !options.precision || *options.precision >= 0,
               "set_printoptions: precision must be non-negative, got ", *options.precision);
  WICK_CHECK_T(ValueError, !options.precision || *options.precision <= INT_MAX,
               "set_printoptions: precision ", *options.precision, " is too large");
  WICK_CHECK_T(ValueError, !options.edgeitems || *options.edgeitems >= 0,
               "set_printoptions: edgeitems must be non-negative, got ", *options.edgeitems);
  std::lock_guard<std::mutex> lock(options_mutex());
  ResolvedOptions& o = options_storage();
  if (options.profile) {
    const std::string& p = *options.profile;
    if (p == "default") {
      o.precision = 4, o.threshold = 1000, o.edgeitems = 3, o.linewidth = 80;
    } else if (p == "short") {
      o.precision = 2, o.threshold = 1000, o.edgeitems = 2, o.linewidth = 80;
    } else if (p == "full") {
      o.precision = 4, o.threshold = std::numeric_limits<double>::infinity(), o.edgeitems = 3,
      o.linewidth = 80;
    }
  }
  if (options.precision) o.precision = *options.precision;
  if (options.threshold) o.threshold = *options.threshold;
  if (options.edgeitems) o.edgeitems = *options.edgeitems;
  if (options.linewidth) o.linewidth = *options.linewidth;
  o.sci_mode = options.sci_mode;
}

PrintOptions get_printoptions() {
  ResolvedOptions o = current_options();
  PrintOptions p;
  p.precision = o.precision;
  p.threshold = o.threshold;
  p.edgeitems = o.edgeitems;
  p.linewidth = o.linewidth;
  p.sci_mode = o.sci_mode;
  return p;
}

PrintOptionsGuard::PrintOptionsGuard() : saved_(get_printoptions()) {}
PrintOptionsGuard::PrintOptionsGuard(const PrintOptions& options) : saved_(get_printoptions()) {
  set_printoptions(options);
}
PrintOptionsGuard::~PrintOptionsGuard() { set_printoptions(saved_); }

std::string repr(const Tensor& t, const std::vector<std::string>& extra_suffixes,
                 const std::string& prefix) {
  if (!t.defined()) return "[ Tensor (undefined) ]";
  const ResolvedOptions opts = current_options();
  const int64_t indent = static_cast<int64_t>(prefix.size());
  const ScalarType dt = t.dtype();
  std::vector<std::string> suffixes;
  if (!t.is_cpu()) suffixes.push_back("device='" + t.device().str() + "'");

  std::string body;
  if (t.numel() == 0) {
    // NumPy shows the shape of an empty array unless it is (0,); and with no
    // element to hint at the dtype, any non-default one is named.
    if (t.dim() != 1) suffixes.push_back("size=" + size_tuple(t.sizes()));
    if (dt != get_default_dtype()) suffixes.push_back(dtype_suffix(dt));
    body = "[]";
  } else {
    if (opts.edgeitems == 0) suffixes.push_back("size=" + size_tuple(t.sizes()));
    // int64 and bool are what Python literals give, so they go unnamed too.
    if (dt != get_default_dtype() && dt != kLong && dt != kBool)
      suffixes.push_back(dtype_suffix(dt));
    body = tensor_body(t.is_cpu() ? t : t.cpu(), indent, opts);
  }
  suffixes.insert(suffixes.end(), extra_suffixes.begin(), extra_suffixes.end());

  std::string out = prefix + body;
  // Suffixes go on the last line while they fit in linewidth, else on new lines
  // aligned under the opening bracket. The +1 (not 0) for a one-line body is
  // PyTorch's arithmetic, kept for identical wrapping.
  const size_t last_newline = out.rfind('\n');
  int64_t last_line_len = static_cast<int64_t>(out.size()) -
                          (last_newline == std::string::npos ? -1 : static_cast<int64_t>(last_newline)) +
                          1;
  for (const std::string& suffix : suffixes) {
    const int64_t len = static_cast<int64_t>(suffix.size());
    if (last_line_len + len + 2 > opts.linewidth) {
      out += ",\n" + std::string(indent, ' ') + suffix;
      last_line_len = indent + len;
    } else {
      out += ", " + suffix;
      last_line_len += len + 2;
    }
  }
  out += ")";
  return out;
}

namespace {
ReprSuffixHook repr_suffix_hook = nullptr;
std::vector<std::string> autograd_suffixes(const Tensor& t) {
  if (repr_suffix_hook == nullptr || !t.defined()) return {};
  return repr_suffix_hook(t);
}
}  // namespace

void set_repr_suffix_hook(ReprSuffixHook hook) { repr_suffix_hook = hook; }
std::vector<std::string> repr_suffixes(const Tensor& t) { return autograd_suffixes(t); }

std::string legacy_type_name(const Tensor& t) {
  return str(t.is_cuda() ? "torch.cuda." : "torch.", to_string(t.dtype()), "Tensor");
}

std::string Tensor::repr() const { return wick::repr(*this, autograd_suffixes(*this)); }

std::ostream& operator<<(std::ostream& os, const Tensor& t) {
  return os << wick::repr(t, autograd_suffixes(t));
}

}  // namespace wick
