#include "wick/vision/datasets/folder.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <set>

#include "wick/core/error.h"
#include "wick/ops/creation.h"
#include "wick/vision/io.h"

namespace wick::vision::datasets {

namespace fs = std::filesystem;

namespace {

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

bool is_dir(const fs::path& p) {
  std::error_code ec;
  return fs::is_directory(p, ec);  // follows links, as os.walk / os.path.isdir
}

// os.walk(top, followlinks=True), sorted by directory path: (dir, sorted file names).
void walk(const fs::path& dir, std::vector<std::pair<std::string, std::vector<std::string>>>& out, int depth) {
  WICK_CHECK(depth < 256, "DatasetFolder: directories nested too deep (a link cycle?) under ", dir.string());
  std::vector<std::string> files, dirs;
  std::error_code ec;
  fs::directory_iterator it(dir, ec), end;
  if (ec) return;  // os.walk skips directories it cannot list
  for (; it != end; it.increment(ec)) {
    if (ec) break;
    const fs::path& p = it->path();
    (is_dir(p) ? dirs : files).push_back(p.filename().string());
  }
  std::sort(files.begin(), files.end());
  out.emplace_back(dir.string(), std::move(files));
  for (const auto& d : dirs) walk(dir / d, out, depth + 1);
}

std::string join(const std::vector<std::string>& v) {
  std::string s;
  for (size_t i = 0; i < v.size(); ++i) s += (i ? ", " : "") + v[i];
  return s;
}

}  // namespace

const std::vector<std::string>& img_extensions() {
  static const std::vector<std::string> e = {".jpg", ".jpeg", ".png", ".ppm", ".bmp",
                                             ".pgm", ".tif",  ".tiff", ".webp"};
  return e;
}

bool has_file_allowed_extension(const std::string& filename, const std::vector<std::string>& extensions) {
  const std::string f = lower(filename);
  for (const auto& e : extensions)
    if (f.size() >= e.size() && f.compare(f.size() - e.size(), e.size(), e) == 0) return true;
  return false;
}

bool is_image_file(const std::string& filename) { return has_file_allowed_extension(filename, img_extensions()); }

std::pair<std::vector<std::string>, std::map<std::string, int64_t>> find_classes(const std::string& directory) {
  std::vector<std::string> classes;
  std::error_code ec;
  fs::directory_iterator it(directory, ec), end;
  WICK_CHECK(!ec, "[Errno 2] No such file or directory: '", directory, "'");
  for (; it != end; it.increment(ec)) {
    if (ec) break;
    if (is_dir(it->path())) classes.push_back(it->path().filename().string());
  }
  std::sort(classes.begin(), classes.end());
  WICK_CHECK(!classes.empty(), "Couldn't find any class folder in ", directory, ".");
  std::map<std::string, int64_t> idx;
  for (size_t i = 0; i < classes.size(); ++i) idx[classes[i]] = static_cast<int64_t>(i);
  return {classes, idx};
}

std::vector<Sample> make_dataset(const std::string& directory, std::map<std::string, int64_t> class_to_idx,
                                 const std::vector<std::string>& extensions, const IsValidFile& is_valid_file) {
  if (class_to_idx.empty()) class_to_idx = find_classes(directory).second;
  WICK_CHECK_T(ValueError, extensions.empty() != !is_valid_file,
               "Both extensions and is_valid_file cannot be None or not None at the same time");
  auto valid = [&](const std::string& p) {
    return extensions.empty() ? is_valid_file(p) : has_file_allowed_extension(p, extensions);
  };
  std::vector<Sample> instances;
  std::set<std::string> found;
  for (const auto& [cls, index] : class_to_idx) {  // std::map: sorted class names
    fs::path target = fs::path(directory) / cls;
    if (!is_dir(target)) continue;
    std::vector<std::pair<std::string, std::vector<std::string>>> dirs;
    walk(target, dirs, 0);
    std::sort(dirs.begin(), dirs.end());
    for (const auto& [d, files] : dirs)
      for (const auto& f : files) {
        std::string path = (fs::path(d) / f).string();
        if (valid(path)) {
          instances.emplace_back(path, index);
          found.insert(cls);
        }
      }
  }
  std::vector<std::string> empty;
  for (const auto& kv : class_to_idx)
    if (!found.count(kv.first)) empty.push_back(kv.first);
  if (!empty.empty()) {
    std::string msg = "Found no valid file for the classes " + join(empty) + ". ";
    if (!extensions.empty()) msg += "Supported extensions are: " + join(extensions);
    throw Error(msg);
  }
  return instances;
}

Tensor default_loader(const std::string& path) { return io::read_image(path, io::ImageReadMode::RGB); }

DatasetFolder::DatasetFolder(const std::string& root, Loader loader, std::vector<std::string> extensions,
                             Transform transform, TargetTransform target_transform, IsValidFile is_valid_file)
    : root_(root),
      loader_(std::move(loader)),
      extensions_(std::move(extensions)),
      transform_(std::move(transform)),
      target_transform_(std::move(target_transform)) {
  WICK_CHECK_T(ValueError, loader_ != nullptr, "DatasetFolder: a loader is required");
  auto found = find_classes(root_);
  classes_ = std::move(found.first);
  class_to_idx_ = std::move(found.second);
  samples_ = make_dataset(root_, class_to_idx_, extensions_, is_valid_file);
  for (const auto& s : samples_) targets_.push_back(s.second);
}

std::pair<Tensor, int64_t> DatasetFolder::item(int64_t index) const {
  const auto n = static_cast<int64_t>(samples_.size());
  WICK_CHECK_T(IndexError, index >= -n && index < n, "list index out of range");
  if (index < 0) index += n;
  const auto& [path, target] = samples_[static_cast<size_t>(index)];
  Tensor sample = loader_(path);
  if (transform_) sample = transform_(sample);
  return {sample, target_transform_ ? target_transform_(target) : target};
}

data::Example<> DatasetFolder::get(size_t index) {
  WICK_CHECK_T(IndexError, index < samples_.size(), "list index out of range");
  auto [sample, target] = item(static_cast<int64_t>(index));
  return {sample, scalar_tensor(target, TensorOptions().dtype(kLong))};
}

ImageFolder::ImageFolder(const std::string& root, Transform transform, TargetTransform target_transform,
                         Loader loader, IsValidFile is_valid_file)
    // is_valid_file is copied, not moved: the extensions argument reads it too.
    : DatasetFolder(root, std::move(loader), is_valid_file ? std::vector<std::string>{} : img_extensions(),
                    std::move(transform), std::move(target_transform), is_valid_file) {}

}  // namespace wick::vision::datasets
