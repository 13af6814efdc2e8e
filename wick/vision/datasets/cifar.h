#pragma once
// CIFAR10 and CIFAR100 (torchvision.datasets.CIFAR10/CIFAR100) over the
// python-pickle batches of cifar-10-batches-py / cifar-100-python.
//
// Note [CIFAR pickles]: the batches are pickles of a dict holding a numpy array
// and lists. They are read by a restricted unpickler that never executes code:
// it accepts only the globals these files use (numpy.core.multiarray._reconstruct
// (or numpy._core's), numpy.ndarray, numpy.dtype and _codecs.encode for the
// bytes of protocol-2 pickles written by Python 3) and refuses every other global
// naming it. Python 2 strings (SHORT_BINSTRING / BINSTRING) read as latin1, as
// torchvision's pickle.load(f, encoding="latin1") does.
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "wick/data/datasets.h"
#include "wick/serialize/value.h"
#include "wick/tensor/tensor.h"

namespace wick::vision::datasets {

// Unpickles the data pickle `bytes` (`what` names it in errors): dicts, lists,
// tuples, str/bytes, ints, floats, None/bools, and numpy arrays of bool, uint8,
// int8/16/32/64, float16/32/64 (as contiguous tensors, big-endian swapped).
serialize::Value read_numpy_pickle(const std::string& bytes, const std::string& what = "pickle data");
// The same over a file.
serialize::Value read_numpy_pickle_file(const std::string& path);

class CIFAR10 : public data::datasets::Dataset<CIFAR10> {
 public:
  enum class Mode { kTrain, kTest };
  // An image (32 x 32 x 3 uint8, HWC) -> anything tensor-shaped.
  using Transform = std::function<Tensor(const Tensor&)>;
  using TargetTransform = std::function<int64_t(int64_t)>;

  explicit CIFAR10(const std::string& root, bool train = true, Transform transform = nullptr,
                   TargetTransform target_transform = nullptr, bool download = false);
  CIFAR10(const std::string& root, Mode mode) : CIFAR10(root, mode == Mode::kTrain) {}

  // N x 32 x 32 x 3 uint8 (HWC, as torchvision's .data: a permuted view of the N x 3 x 32 x 32
  // rows the files hold) and N int64 targets.
  const Tensor& data() const { return data_; }
  const Tensor& targets() const { return targets_; }
  // torchvision's __getitem__: (image HWC uint8 or transform(image), target); negative
  // indices count from the end.
  std::pair<Tensor, int64_t> item(int64_t index) const;
  // wick::data (LibTorch-style): data float [3, 32, 32] in [0, 1] (or transform(image)
  // when a transform was given), target an int64 scalar tensor.
  data::Example<> get(size_t index) override;
  std::optional<size_t> size() const override { return static_cast<size_t>(data_.size(0)); }

  const std::string& name() const { return spec_.name; }
  const std::string& root() const { return root_; }
  bool train() const { return train_; }
  const std::vector<std::string>& classes() const { return classes_; }
  std::map<std::string, int64_t> class_to_idx() const;
  std::string base_folder() const;  // root/cifar-10-batches-py
  const std::vector<std::string>& files() const { return files_; }  // the batch files read

  struct Spec {
    std::string name, base_folder, archive, url;
    std::vector<std::string> train_list, test_list;
    std::string meta_file, meta_key;
  };

 protected:
  CIFAR10(Spec spec, const std::string& root, bool train, Transform transform, TargetTransform target_transform,
          bool download);

 private:
  void load(bool download);

  Spec spec_;
  std::string root_;
  bool train_;
  Transform transform_;
  TargetTransform target_transform_;
  Tensor data_, targets_;
  std::vector<std::string> classes_, files_;
};

class CIFAR100 : public CIFAR10 {
 public:
  explicit CIFAR100(const std::string& root, bool train = true, Transform transform = nullptr,
                    TargetTransform target_transform = nullptr, bool download = false);
  CIFAR100(const std::string& root, Mode mode) : CIFAR100(root, mode == Mode::kTrain) {}
};

}  // namespace wick::vision::datasets
