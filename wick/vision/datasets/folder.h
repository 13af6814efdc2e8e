#pragma once
// DatasetFolder and ImageFolder (torchvision.datasets.DatasetFolder/ImageFolder)
// in C++: root/<class>/**/<file>, classes sorted, files found by extension
// (case-insensitive suffix) or is_valid_file, in torchvision's order (class by
// class; directories walked in sorted path order, links followed; files sorted).
// Also wick::data datasets: get(i) -> Example<> of loader(path) (after the
// transform) and an int64 scalar target.
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "wick/data/datasets.h"
#include "wick/tensor/tensor.h"

namespace wick::vision::datasets {

// torchvision's IMG_EXTENSIONS: .jpg .jpeg .png .ppm .bmp .pgm .tif .tiff .webp
const std::vector<std::string>& img_extensions();
bool has_file_allowed_extension(const std::string& filename, const std::vector<std::string>& extensions);
bool is_image_file(const std::string& filename);

// The sorted class folder names under directory and their indices.
std::pair<std::vector<std::string>, std::map<std::string, int64_t>> find_classes(const std::string& directory);

using IsValidFile = std::function<bool(const std::string&)>;
using Sample = std::pair<std::string, int64_t>;
// (path, class index) of every valid file; exactly one of extensions (non-empty)
// and is_valid_file must be given. An empty class_to_idx means "find the classes".
std::vector<Sample> make_dataset(const std::string& directory, std::map<std::string, int64_t> class_to_idx,
                                 const std::vector<std::string>& extensions, const IsValidFile& is_valid_file = nullptr);

// The default loader: the image decoded by wick (PNG or JPEG) as RGB uint8 3 x H x W.
Tensor default_loader(const std::string& path);

class DatasetFolder : public data::datasets::Dataset<DatasetFolder> {
 public:
  using Loader = std::function<Tensor(const std::string&)>;
  using Transform = std::function<Tensor(const Tensor&)>;
  using TargetTransform = std::function<int64_t(int64_t)>;

  DatasetFolder(const std::string& root, Loader loader, std::vector<std::string> extensions = {},
                Transform transform = nullptr, TargetTransform target_transform = nullptr,
                IsValidFile is_valid_file = nullptr);

  const std::string& root() const { return root_; }
  const std::vector<std::string>& classes() const { return classes_; }
  const std::map<std::string, int64_t>& class_to_idx() const { return class_to_idx_; }
  const std::vector<Sample>& samples() const { return samples_; }
  const std::vector<int64_t>& targets() const { return targets_; }
  const std::vector<std::string>& extensions() const { return extensions_; }
  // torchvision's dataset[i]: (transform(loader(path)), target_transform(target)).
  std::pair<Tensor, int64_t> item(int64_t index) const;
  data::Example<> get(size_t index) override;
  std::optional<size_t> size() const override { return samples_.size(); }

 private:
  std::string root_;
  Loader loader_;
  std::vector<std::string> extensions_;
  Transform transform_;
  TargetTransform target_transform_;
  std::vector<std::string> classes_;
  std::map<std::string, int64_t> class_to_idx_;
  std::vector<Sample> samples_;
  std::vector<int64_t> targets_;
};

class ImageFolder : public DatasetFolder {
 public:
  explicit ImageFolder(const std::string& root, Transform transform = nullptr,
                       TargetTransform target_transform = nullptr, Loader loader = default_loader,
                       IsValidFile is_valid_file = nullptr);
  const std::vector<Sample>& imgs() const { return samples(); }
};

}  // namespace wick::vision::datasets
