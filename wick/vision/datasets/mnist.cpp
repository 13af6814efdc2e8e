#include "wick/vision/datasets/mnist.h"

#include <zlib.h>

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <limits>
#include <memory>
#include <sstream>

#include "wick/core/error.h"
#include "wick/ops/creation.h"

namespace wick::vision::datasets {

const char* const kDebianFashionMNIST = "/usr/share/datasets/fashion-mnist";

namespace fs = std::filesystem;

namespace {

struct FileCloser {
  void operator()(FILE* f) const { std::fclose(f); }
};

std::vector<uint8_t> read_all(const std::string& path) {
  std::unique_ptr<FILE, FileCloser> f(std::fopen(path.c_str(), "rb"));
  if (!f) {
    const int e = errno;
    WICK_CHECK(false, "[Errno ", e, "] ", std::strerror(e), ": '", path, "'");
  }
  std::vector<uint8_t> out;
  uint8_t buf[1 << 16];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof(buf), f.get())) > 0) out.insert(out.end(), buf, buf + n);
  WICK_CHECK(!std::ferror(f.get()), "Error reading file '", path, "'");
  return out;
}

struct InflateGuard {
  z_stream zs;
  bool live = false;
  ~InflateGuard() {
    if (live) inflateEnd(&zs);
  }
};

std::vector<uint8_t> gunzip(const std::vector<uint8_t>& in, const std::string& path) {
  InflateGuard g;
  std::memset(&g.zs, 0, sizeof(g.zs));
  WICK_CHECK(inflateInit2(&g.zs, 15 + 16) == Z_OK, "zlib: inflateInit2 failed for '", path, "'");
  g.live = true;
  std::vector<uint8_t> out;
  uint8_t buf[1 << 16];
  size_t pos = 0;
  while (true) {
    const size_t chunk = std::min<size_t>(in.size() - pos, std::numeric_limits<uInt>::max());
    g.zs.next_in = const_cast<Bytef*>(in.data() + pos);
    g.zs.avail_in = static_cast<uInt>(chunk);
    int rc = Z_OK;
    do {
      g.zs.next_out = buf;
      g.zs.avail_out = sizeof(buf);
      rc = inflate(&g.zs, Z_NO_FLUSH);
      WICK_CHECK(rc == Z_OK || rc == Z_STREAM_END || rc == Z_BUF_ERROR, "'", path,
                 "' is not a valid gzip file (zlib: ", g.zs.msg ? g.zs.msg : zError(rc), ")");
      out.insert(out.end(), buf, buf + (sizeof(buf) - g.zs.avail_out));
    } while (rc == Z_OK && (g.zs.avail_out == 0 || g.zs.avail_in > 0));
    pos += chunk - g.zs.avail_in;
    if (rc == Z_STREAM_END) {
      if (pos >= in.size()) break;
      // Another gzip member follows (as `cat a.gz b.gz` makes).
      WICK_CHECK(inflateReset(&g.zs) == Z_OK, "zlib: inflateReset failed for '", path, "'");
      continue;
    }
    WICK_CHECK(pos < in.size(), "'", path, "' is a truncated gzip file");
    WICK_CHECK(rc != Z_BUF_ERROR || g.zs.avail_in > 0, "'", path, "' is a truncated gzip file");
  }
  return out;
}

std::string dtype_repr(ScalarType t) {
  switch (t) {
    case kUInt8: return "torch.uint8";
    case kChar: return "torch.int8";
    case kShort: return "torch.int16";
    case kInt: return "torch.int32";
    case kFloat: return "torch.float32";
    case kDouble: return "torch.float64";
    default: return "torch.int64";
  }
}

std::string join(const std::vector<std::string>& v, const std::string& sep, const std::string& quote = "") {
  std::string s;
  for (size_t i = 0; i < v.size(); ++i) s += (i ? sep : "") + quote + v[i] + quote;
  return s;
}

bool is_file(const fs::path& p) {
  std::error_code ec;
  return fs::is_regular_file(p, ec);
}

std::vector<std::string> digits() {
  std::vector<std::string> v;
  for (char c = '0'; c <= '9'; ++c) v.push_back(std::string(1, c));
  return v;
}

}  // namespace

std::vector<uint8_t> read_maybe_gzip(const std::string& path) {
  std::vector<uint8_t> raw = read_all(path);
  if (raw.size() >= 2 && raw[0] == 0x1f && raw[1] == 0x8b) return gunzip(raw, path);
  return raw;
}

Tensor parse_idx(const uint8_t* p, size_t size, const std::string& what) {
  WICK_CHECK(size >= 4, what, ": not an IDX file (", size, " bytes, shorter than the 4-byte magic number)");
  WICK_CHECK(p[0] == 0 && p[1] == 0, what, ": not an IDX file (bad magic number 0x", std::hex,
             (static_cast<unsigned>(p[0]) << 24 | static_cast<unsigned>(p[1]) << 16 |
              static_cast<unsigned>(p[2]) << 8 | p[3]),
             ")");
  ScalarType dtype;
  switch (p[2]) {
    case 0x08: dtype = kUInt8; break;
    case 0x09: dtype = kChar; break;
    case 0x0B: dtype = kShort; break;
    case 0x0C: dtype = kInt; break;
    case 0x0D: dtype = kFloat; break;
    case 0x0E: dtype = kDouble; break;
    default:
      WICK_CHECK(false, what, ": unknown IDX data type 0x", std::hex, static_cast<unsigned>(p[2]),
                 " (expected 0x08, 0x09, 0x0B, 0x0C, 0x0D or 0x0E)");
  }
  const size_t nd = p[3];
  WICK_CHECK(nd >= 1, what, ": IDX file with 0 dimensions");
  const size_t header = 4 + 4 * nd;
  WICK_CHECK(size >= header, what, ": truncated IDX header (", nd, " dimensions need ", header, " bytes, the file has ",
             size, ")");
  std::vector<int64_t> shape(nd);
  uint64_t count = 1;
  for (size_t i = 0; i < nd; ++i) {
    const uint8_t* q = p + 4 + 4 * i;
    shape[i] = static_cast<int64_t>(uint32_t(q[0]) << 24 | uint32_t(q[1]) << 16 | uint32_t(q[2]) << 8 | q[3]);
    WICK_CHECK(shape[i] == 0 || count <= (uint64_t(1) << 62) / static_cast<uint64_t>(shape[i]), what,
               ": IDX sizes overflow");
    count *= static_cast<uint64_t>(shape[i]);
  }
  const size_t elem = static_cast<size_t>(element_size(dtype));
  const uint64_t need = count * elem;
  WICK_CHECK(size - header == need, what, ": IDX data has ", size - header, " bytes after the header, but its shape ",
             IntArrayRef(shape), " of ", dtype_repr(dtype), " needs ", need);
  Tensor out = empty(shape, dtype);
  auto* o = static_cast<uint8_t*>(out.data_ptr());
  const uint8_t* src = p + header;
  if (elem == 1) {
    if (need) std::memcpy(o, src, need);
  } else {
    // Big-endian on disk (torchvision 0.14 reverses the element order instead of
    // each element's bytes; wick reads the values the format defines).
    for (uint64_t i = 0; i < count; ++i)
      for (size_t b = 0; b < elem; ++b) o[i * elem + b] = src[i * elem + (elem - 1 - b)];
  }
  return out;
}

Tensor read_idx(const std::string& path) {
  std::vector<uint8_t> bytes = read_maybe_gzip(path);
  return parse_idx(bytes.data(), bytes.size(), path);
}

Tensor read_image_file(const std::string& path) {
  Tensor x = read_idx(path);
  WICK_CHECK_T(TypeError, x.dtype() == kUInt8, "x should be of dtype torch.uint8 instead of ", dtype_repr(x.dtype()));
  WICK_CHECK_T(ValueError, x.dim() == 3, "x should have 3 dimension instead of ", x.dim());
  return x;
}

Tensor read_label_file(const std::string& path) {
  Tensor x = read_idx(path);
  WICK_CHECK_T(TypeError, x.dtype() == kUInt8, "x should be of dtype torch.uint8 instead of ", dtype_repr(x.dtype()));
  WICK_CHECK_T(ValueError, x.dim() == 1, "x should have 1 dimension instead of ", x.dim());
  return x.to(kLong);
}

// ---------------------------------------------------------------- MNIST

namespace {
std::vector<std::string> idx_files(const std::string& prefix_train, const std::string& prefix_test) {
  return {prefix_train + "-images-idx3-ubyte", prefix_train + "-labels-idx1-ubyte", prefix_test + "-images-idx3-ubyte",
          prefix_test + "-labels-idx1-ubyte"};
}

MNIST::Spec mnist_like(const std::string& name, std::vector<std::string> classes) {
  auto files = idx_files("train", "t10k");
  return {name, std::move(classes), files, files[0], files[1], files[2], files[3], false};
}
}  // namespace

MNIST::MNIST(const std::string& root, bool train, Transform transform, TargetTransform target_transform,
             bool download)
    : MNIST(mnist_like("MNIST", {"0 - zero", "1 - one", "2 - two", "3 - three", "4 - four", "5 - five", "6 - six",
                                 "7 - seven", "8 - eight", "9 - nine"}),
            root, train, std::move(transform), std::move(target_transform), download) {}

MNIST::MNIST(Spec spec, const std::string& root, bool train, Transform transform, TargetTransform target_transform,
             bool download)
    : spec_(std::move(spec)),
      root_(root),
      train_(train),
      transform_(std::move(transform)),
      target_transform_(std::move(target_transform)) {
  load(download);
}

std::string MNIST::raw_folder() const { return (fs::path(root_) / spec_.name / "raw").string(); }

// root/<Name>/raw/<file>[.gz], root/<file>[.gz], and Debian's folder for
// FashionMNIST with no root; "" when absent.
std::string MNIST::find(const std::string& file) const {
  std::vector<fs::path> dirs = {fs::path(raw_folder()), fs::path(root_.empty() ? "." : root_)};
  if (spec_.debian_fallback && root_.empty()) dirs.push_back(kDebianFashionMNIST);
  for (const auto& d : dirs)
    for (const char* ext : {"", ".gz"}) {
      fs::path p = d / (file + ext);
      if (is_file(p)) return p.string();
    }
  return "";
}

void MNIST::load(bool download) {
  const std::string& img_name = train_ ? spec_.train_images : spec_.test_images;
  const std::string& lbl_name = train_ ? spec_.train_labels : spec_.test_labels;
  images_path_ = find(img_name);
  labels_path_ = find(lbl_name);
  if ((images_path_.empty() || labels_path_.empty()) && download && spec_.debian_fallback &&
      is_file(fs::path(kDebianFashionMNIST) / (img_name + ".gz"))) {
    // "Download" from the local mirror Debian's dataset-fashion-mnist installs.
    std::error_code ec;
    fs::create_directories(raw_folder(), ec);
    WICK_CHECK(!ec, "could not create '", raw_folder(), "': ", ec.message());
    for (const auto& f : spec_.all_files) {
      fs::path src = fs::path(kDebianFashionMNIST) / (f + ".gz");
      fs::path dst = fs::path(raw_folder()) / (f + ".gz");
      if (!is_file(dst) && is_file(src)) {
        fs::copy_file(src, dst, ec);
        WICK_CHECK(!ec, "could not copy '", src.string(), "' to '", dst.string(), "': ", ec.message());
      }
    }
    images_path_ = find(img_name);
    labels_path_ = find(lbl_name);
  }
  if (images_path_.empty() || labels_path_.empty()) {
    std::string where = raw_folder();
    std::string msg = download ? "Dataset not found and wick cannot download it (no network access). "
                               : "Dataset not found. You can use download=True to download it. ";
    msg += "Place " + join(spec_.all_files, ", ") + " (raw, or gzipped with a .gz suffix) in " + where +
           " (or directly in " + (root_.empty() ? std::string(".") : root_) + ")";
    if (spec_.debian_fallback) msg += ", or install Debian's dataset-fashion-mnist package and pass root=\"\"";
    throw Error(msg);
  }
  data_ = read_image_file(images_path_);
  targets_ = read_label_file(labels_path_);
  WICK_CHECK(data_.size(0) == targets_.size(0), spec_.name, ": ", images_path_, " has ", data_.size(0),
             " images but ", labels_path_, " has ", targets_.size(0), " labels");
}

std::pair<Tensor, int64_t> MNIST::item(int64_t index) const {
  const int64_t n = data_.size(0);
  WICK_CHECK_T(IndexError, index >= -n && index < n, "index ", index, " is out of bounds for dimension 0 with size ",
               n);
  if (index < 0) index += n;
  Tensor img = data_.select(0, index);
  int64_t label = static_cast<const int64_t*>(targets_.data_ptr())[index];
  if (transform_) img = transform_(img);
  if (target_transform_) label = target_transform_(label);
  return {img, label};
}

data::Example<> MNIST::get(size_t index) {
  const int64_t n = data_.size(0);
  WICK_CHECK_T(IndexError, index < static_cast<size_t>(n), "index ", index, " is out of bounds for dimension 0 with size ",
               n);
  auto i = static_cast<int64_t>(index);
  Tensor img = data_.select(0, i);
  int64_t label = static_cast<const int64_t*>(targets_.data_ptr())[i];
  img = transform_ ? transform_(img) : img.to(kFloat).div(255.0).unsqueeze(0);
  if (target_transform_) label = target_transform_(label);
  return {img, scalar_tensor(label, TensorOptions().dtype(kLong))};
}

Tensor MNIST::images() const { return data_.to(kFloat).div(255.0).unsqueeze(1); }

std::map<std::string, int64_t> MNIST::class_to_idx() const {
  std::map<std::string, int64_t> m;
  for (size_t i = 0; i < spec_.classes.size(); ++i) m[spec_.classes[i]] = static_cast<int64_t>(i);
  return m;
}

FashionMNIST::FashionMNIST(const std::string& root, bool train, Transform transform, TargetTransform target_transform,
                           bool download)
    : MNIST(
          [] {
            auto s = mnist_like("FashionMNIST", {"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal",
                                                 "Shirt", "Sneaker", "Bag", "Ankle boot"});
            s.debian_fallback = true;
            return s;
          }(),
          root, train, std::move(transform), std::move(target_transform), download) {}

KMNIST::KMNIST(const std::string& root, bool train, Transform transform, TargetTransform target_transform,
               bool download)
    : MNIST(mnist_like("KMNIST", {"o", "ki", "su", "tsu", "na", "ha", "ma", "ya", "re", "wo"}), root, train,
            std::move(transform), std::move(target_transform), download) {}

const std::vector<std::string>& EMNIST::splits() {
  static const std::vector<std::string> s = {"byclass", "bymerge", "balanced", "letters", "digits", "mnist"};
  return s;
}

std::vector<std::string> EMNIST::split_classes(const std::string& split) {
  bool known = false;
  for (const auto& s : splits()) known |= s == split;
  WICK_CHECK_T(ValueError, known, "Unknown value '", split, "' for argument split. Valid values are {",
               join(splits(), ", ", "'"), "}.");
  if (split == "digits" || split == "mnist") return digits();
  std::vector<std::string> v;
  if (split == "letters") {
    v.push_back("N/A");
    for (char c = 'a'; c <= 'z'; ++c) v.push_back(std::string(1, c));
    return v;
  }
  const std::string merged = "cijklmopsuvwxyz";
  v = digits();
  for (char c = 'A'; c <= 'Z'; ++c) v.push_back(std::string(1, c));
  for (char c = 'a'; c <= 'z'; ++c)
    if (split == "byclass" || merged.find(c) == std::string::npos) v.push_back(std::string(1, c));
  return v;
}

namespace {
MNIST::Spec emnist_spec(const std::string& split) {
  std::vector<std::string> classes = EMNIST::split_classes(split);  // validates
  auto files = idx_files("emnist-" + split + "-train", "emnist-" + split + "-test");
  return {"EMNIST", std::move(classes), files, files[0], files[1], files[2], files[3], false};
}
}  // namespace

EMNIST::EMNIST(const std::string& root, const std::string& split, bool train, Transform transform,
               TargetTransform target_transform, bool download)
    : MNIST(emnist_spec(split), root, train, std::move(transform), std::move(target_transform), download),
      split_(split) {}

}  // namespace wick::vision::datasets
