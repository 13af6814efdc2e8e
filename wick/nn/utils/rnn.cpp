#include "wick/nn/utils/rnn.h"

#include <algorithm>

#include "wick/ops/creation.h"
#include "wick/ops/rnn.h"
#include "wick/ops/shape.h"

namespace wick::nn::utils::rnn {

namespace {

Tensor long_tensor(const std::vector<int64_t>& v) {
  Tensor t = empty({static_cast<int64_t>(v.size())}, kLong);
  std::copy(v.begin(), v.end(), t.data_ptr<int64_t>());
  return t;
}

std::vector<int64_t> to_vec(const Tensor& t) {
  Tensor c = t.to(kLong).contiguous();
  return std::vector<int64_t>(c.data_ptr<int64_t>(), c.data_ptr<int64_t>() + c.numel());
}

DimVector with_lead(IntArrayRef lead, IntArrayRef rest) {
  DimVector s(lead.begin(), lead.end());
  s.insert(s.end(), rest.begin(), rest.end());
  return s;
}

}  // namespace

Tensor invert_permutation(const Tensor& permutation) {
  if (!permutation.defined()) return {};
  Tensor out = empty_like(permutation);
  out.scatter_(0, permutation, arange(permutation.numel(), permutation.options()));
  return out;
}

PackedSequence::PackedSequence(Tensor data, Tensor batch_sizes, Tensor sorted_indices,
                               Tensor unsorted_indices)
    : data_(std::move(data)),
      batch_sizes_(std::move(batch_sizes)),
      sorted_indices_(std::move(sorted_indices)),
      unsorted_indices_(std::move(unsorted_indices)) {
  if (!unsorted_indices_.defined()) unsorted_indices_ = invert_permutation(sorted_indices_);
}

PackedSequence PackedSequence::to(ScalarType dtype) const {
  return PackedSequence(data_.to(dtype), batch_sizes_, sorted_indices_, unsorted_indices_);
}

PackedSequence pack_padded_sequence(Tensor input, Tensor lengths, bool batch_first,
                                    bool enforce_sorted) {
  lengths = lengths.to(kLong);
  WICK_CHECK(lengths.dim() == 1, "'lengths' argument should be a 1D CPU int64 tensor, but got ",
             lengths.dim(), "D cpu Long tensor");
  Tensor sorted_indices;
  if (!enforce_sorted) {
    std::tie(lengths, sorted_indices) = lengths.sort(-1, true);
    input = input.index_select(batch_first ? 0 : 1, sorted_indices);
  }
  auto [data, batch_sizes] = wick::_pack_padded_sequence(input, lengths, batch_first);
  return PackedSequence(data, batch_sizes, sorted_indices, {});
}

std::tuple<Tensor, Tensor> pad_packed_sequence(const PackedSequence& sequence, bool batch_first,
                                               double padding_value,
                                               std::optional<int64_t> total_length) {
  const Tensor& data = sequence.data();
  std::vector<int64_t> sizes = to_vec(sequence.batch_sizes());
  int64_t T = static_cast<int64_t>(sizes.size());
  if (total_length) {
    WICK_CHECK_T(ValueError, *total_length >= T,
                 "Expected total_length to be at least the length of the longest sequence in "
                 "input, but got total_length=", *total_length, " and max sequence length being ", T);
    T = *total_length;
  }
  const int64_t B = sizes.empty() ? 0 : sizes[0], N = data.size(0);
  std::vector<int64_t> idx;
  idx.reserve(static_cast<size_t>(T * B));
  int64_t off = 0;
  for (int64_t t = 0; t < T; ++t) {
    const int64_t bt = t < static_cast<int64_t>(sizes.size()) ? sizes[static_cast<size_t>(t)] : 0;
    for (int64_t j = 0; j < bt; ++j) idx.push_back(off + j);
    for (int64_t j = bt; j < B; ++j) idx.push_back(N);
    off += bt;
  }
  Tensor pad_row = full(with_lead({1}, data.sizes().slice(1)), padding_value, data.options());
  Tensor out = cat({data, pad_row}, 0).index_select(0, long_tensor(idx));
  out = out.view(with_lead({T, B}, data.sizes().slice(1)));
  if (batch_first) out = out.transpose(0, 1);
  std::vector<int64_t> lengths(static_cast<size_t>(B), 0);
  for (int64_t bt : sizes)
    for (int64_t j = 0; j < bt; ++j) ++lengths[static_cast<size_t>(j)];
  Tensor len = long_tensor(lengths);
  if (sequence.unsorted_indices().defined()) {
    const Tensor& u = sequence.unsorted_indices();
    return {out.index_select(batch_first ? 0 : 1, u), len.index_select(0, u)};
  }
  return {out, len};
}

Tensor pad_sequence(TensorList sequences, bool batch_first, double padding_value) {
  WICK_CHECK(!sequences.empty(), "received an empty list of sequences");
  int64_t max_len = 0;
  for (const Tensor& s : sequences) max_len = std::max(max_len, s.size(0));
  std::vector<Tensor> padded;
  for (const Tensor& s : sequences) {
    const int64_t n = max_len - s.size(0);
    if (n == 0) {
      padded.push_back(s);
    } else {
      padded.push_back(cat({s, full(with_lead({n}, s.sizes().slice(1)), padding_value, s.options())}, 0));
    }
  }
  return stack(padded, batch_first ? 0 : 1);
}

PackedSequence pack_sequence(TensorList sequences, bool enforce_sorted) {
  std::vector<int64_t> lengths;
  for (const Tensor& s : sequences) lengths.push_back(s.size(0));
  return pack_padded_sequence(pad_sequence(sequences), long_tensor(lengths), false, enforce_sorted);
}

std::vector<Tensor> unpad_sequence(const Tensor& padded, const Tensor& lengths, bool batch_first) {
  Tensor p = batch_first ? padded : padded.transpose(0, 1);
  std::vector<int64_t> len = to_vec(lengths);
  std::vector<Tensor> out;
  for (size_t i = 0; i < len.size(); ++i)
    out.push_back(p.select(0, static_cast<int64_t>(i)).narrow(0, 0, len[i]));
  return out;
}

std::vector<Tensor> unpack_sequence(const PackedSequence& packed) {
  auto [padded, lengths] = pad_packed_sequence(packed, true);
  return unpad_sequence(padded, lengths, true);
}

}  // namespace wick::nn::utils::rnn
