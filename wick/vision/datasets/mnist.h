#pragma once
// The MNIST family (torchvision.datasets.MNIST, FashionMNIST, KMNIST, EMNIST)
// and the IDX file reader under them.
//
// Files are looked up, per file, as root/<ClassName>/raw/<file> (torchvision's
// layout), then root/<file> (a flat folder), each also with ".gz" (read through
// zlib). FashionMNIST with an empty root reads Debian's dataset-fashion-mnist
// files (/usr/share/datasets/fashion-mnist). wick never downloads: download=true
// copies Debian's FashionMNIST files into root/FashionMNIST/raw when they are
// installed, and otherwise fails naming the files to place and the folder.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "wick/data/datasets.h"
#include "wick/tensor/tensor.h"

namespace wick::vision::datasets {

// An IDX ("SN3 Pascal Vincent") tensor: magic 0 0 <type> <ndim>, ndim big-endian
// uint32 sizes, then big-endian values. Types 0x08 uint8, 0x09 int8, 0x0B int16,
// 0x0C int32, 0x0D float32, 0x0E float64. read_idx takes a raw or gzip file
// (detected by its first bytes, not its name); parse_idx takes the raw bytes
// (`what` names the source in error messages).
Tensor read_idx(const std::string& path);
Tensor parse_idx(const uint8_t* data, size_t size, const std::string& what = "IDX data");
// The bytes of a file, gunzipped when they start with the gzip magic.
std::vector<uint8_t> read_maybe_gzip(const std::string& path);

// torchvision's checks: images uint8 with 3 dims; labels uint8 with 1 dim,
// returned as int64.
Tensor read_image_file(const std::string& path);
Tensor read_label_file(const std::string& path);

// Where Debian's dataset-fashion-mnist package puts its files.
extern const char* const kDebianFashionMNIST;

// Also a wick::data dataset shaped like LibTorch's torch::data::datasets::MNIST
// (Mode kTrain/kTest, get(index) -> Example<> of a float [1, 28, 28] image in
// [0, 1] and an int64 scalar target, size(), images(), is_train()), so
// make_data_loader(MNIST(root).map(Stack<>()), ...) works. Subclasses
// (FashionMNIST, ...) map as MNIST: the dataset is copied by value.
class MNIST : public data::datasets::Dataset<MNIST> {
 public:
  enum class Mode { kTrain, kTest };
  // An image (H x W uint8 tensor) -> anything tensor-shaped (e.g. ToTensor).
  using Transform = std::function<Tensor(const Tensor&)>;
  using TargetTransform = std::function<int64_t(int64_t)>;

  explicit MNIST(const std::string& root, bool train = true, Transform transform = nullptr,
                 TargetTransform target_transform = nullptr, bool download = false);
  // LibTorch's constructor.
  MNIST(const std::string& root, Mode mode) : MNIST(root, mode == Mode::kTrain) {}
  ~MNIST() override = default;

  // N x 28 x 28 uint8 images and N int64 labels.
  const Tensor& data() const { return data_; }
  const Tensor& targets() const { return targets_; }
  // LibTorch's images(): all images as float N x 1 x H x W in [0, 1] (a new tensor).
  Tensor images() const;
  std::optional<size_t> size() const override { return static_cast<size_t>(data_.size(0)); }
  bool is_train() const noexcept { return train_; }
  // torchvision's __getitem__: (image, label) with the transforms applied; a negative
  // index counts from the end.
  std::pair<Tensor, int64_t> item(int64_t index) const;
  // LibTorch's get: data = transform(image) when a transform was given, else the image as
  // float [1, H, W] / 255; target = an int64 scalar tensor (target_transform applied).
  data::Example<> get(size_t index) override;

  const std::string& name() const { return spec_.name; }  // "MNIST", "FashionMNIST", ...
  const std::string& root() const { return root_; }
  bool train() const { return train_; }
  const std::vector<std::string>& classes() const { return spec_.classes; }
  std::map<std::string, int64_t> class_to_idx() const;
  // torchvision's root/<ClassName>/raw, and the files actually read.
  std::string raw_folder() const;
  const std::string& images_path() const { return images_path_; }
  const std::string& labels_path() const { return labels_path_; }

 public:
  // What a member of the family differs in (for subclasses).
  struct Spec {
    std::string name;
    std::vector<std::string> classes;
    std::vector<std::string> all_files;  // every file of the dataset (for the error message)
    std::string train_images, train_labels, test_images, test_labels;
    bool debian_fallback = false;  // FashionMNIST only
  };

 protected:
  MNIST(Spec spec, const std::string& root, bool train, Transform transform,
        TargetTransform target_transform, bool download);

 private:
  void load(bool download);
  std::string find(const std::string& file) const;

  Spec spec_;
  std::string root_;
  bool train_;
  Transform transform_;
  TargetTransform target_transform_;
  Tensor data_, targets_;
  std::string images_path_, labels_path_;
};

class FashionMNIST : public MNIST {
 public:
  explicit FashionMNIST(const std::string& root = "", bool train = true, Transform transform = nullptr,
                        TargetTransform target_transform = nullptr, bool download = false);
};

class KMNIST : public MNIST {
 public:
  explicit KMNIST(const std::string& root, bool train = true, Transform transform = nullptr,
                  TargetTransform target_transform = nullptr, bool download = false);
};

class EMNIST : public MNIST {
 public:
  // split: byclass, bymerge, balanced, letters, digits or mnist.
  EMNIST(const std::string& root, const std::string& split, bool train = true, Transform transform = nullptr,
         TargetTransform target_transform = nullptr, bool download = false);
  const std::string& split() const { return split_; }
  static const std::vector<std::string>& splits();
  static std::vector<std::string> split_classes(const std::string& split);

 private:
  std::string split_;
};

}  // namespace wick::vision::datasets

// LibTorch spells it torch::data::datasets::MNIST: the same class under wick::data, so
// LibTorch code ports by changing the namespace (root: a folder holding the IDX files).
namespace wick::data::datasets {
using MNIST = wick::vision::datasets::MNIST;
}  // namespace wick::data::datasets
