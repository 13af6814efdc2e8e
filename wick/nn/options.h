#pragma once
// Building blocks of module options: ExpandingArray<D> (an int or D ints, as
// LibTorch's: kernel_size 5 means {5, 5} for a 2-d layer) and the padding tags.
#include <array>
#include <cstdint>
#include <initializer_list>
#include <ostream>
#include <vector>

#include "wick/core/array_ref.h"
#include "wick/core/error.h"
#include "wick/nn/pimpl.h"

namespace wick {

struct SamePadding {};
struct ValidPadding {};
inline constexpr SamePadding kSame{};
inline constexpr ValidPadding kValid{};

// Conv padding_mode and F.pad modes.
enum PaddingMode { kZeros, kReflect, kReplicate, kCircular, kConstant };

namespace nn {

template <size_t D>
class ExpandingArray {
 public:
  ExpandingArray(int64_t v) { values_.fill(v); }  // NOLINT: 5 means {5, 5}
  ExpandingArray(std::initializer_list<int64_t> list) : ExpandingArray(std::vector<int64_t>(list)) {}
  ExpandingArray(const std::vector<int64_t>& list) {  // NOLINT
    WICK_CHECK(list.size() == D, "Expected ", D, " values, but instead got ", list.size());
    std::copy(list.begin(), list.end(), values_.begin());
  }
  int64_t operator[](size_t i) const { return values_[i]; }
  int64_t& operator[](size_t i) { return values_[i]; }
  operator IntArrayRef() const { return IntArrayRef(values_.data(), D); }  // NOLINT
  IntArrayRef ref() const { return IntArrayRef(values_.data(), D); }
  size_t size() const { return D; }
  bool operator==(const ExpandingArray& o) const { return values_ == o.values_; }

 private:
  std::array<int64_t, D> values_{};
};

template <size_t D>
std::ostream& operator<<(std::ostream& os, const ExpandingArray<D>& a) {
  return os << a.ref();
}

}  // namespace nn
}  // namespace wick
