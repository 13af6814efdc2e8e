// wick::nn RNN / LSTM / GRU modules, cells and utils::rnn against PyTorch
// (gen_rnn_data.py): same seed gives the same weights, forward results match,
// parameter names, packed input, unbatched input, printing, errors.
#include <gtest/gtest.h>

#include <sstream>

#include "nn/rnn_test_data.h"
#include "test_utils.h"
#include "wick/wick.h"

namespace {
using namespace wick;
using namespace wick::nn;
namespace D = rnn_module_data;
namespace R = wick::nn::utils::rnn;

Tensor mk(const D::Case& c) {
  Tensor flat = empty({static_cast<int64_t>(c.values.size())}, TensorOptions(kDouble));
  std::copy(c.values.begin(), c.values.end(), flat.data_ptr<double>());
  return flat.reshape(IntArrayRef(c.shape.data(), c.shape.size()));
}

#define EXPECT_CLOSE(a, e) EXPECT_TRUE(test::tensors_close(a, mk(e), 1e-7, 1e-9))

TEST(RnnModuleTest, LstmSameSeedSameWeightsAndOutputs) {
  manual_seed(7);
  LSTM m(LSTMOptions(3, 4).num_layers(2).bidirectional(true));
  m->to(kDouble);
  std::vector<std::string> names;
  for (const auto& item : m->named_parameters()) names.push_back(item.key());
  std::vector<std::string> expected = {
      "weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0",
      "weight_ih_l0_reverse", "weight_hh_l0_reverse", "bias_ih_l0_reverse", "bias_hh_l0_reverse",
      "weight_ih_l1", "weight_hh_l1", "bias_ih_l1", "bias_hh_l1",
      "weight_ih_l1_reverse", "weight_hh_l1_reverse", "bias_ih_l1_reverse", "bias_hh_l1_reverse"};
  EXPECT_EQ(names, expected);
  auto params = m->named_parameters();
  EXPECT_CLOSE(params["weight_ih_l0"], D::lstm_weight_ih_l0);
  EXPECT_CLOSE(params["bias_hh_l0_reverse"], D::lstm_bias_hh_l0_reverse);
  EXPECT_CLOSE(params["weight_hh_l1_reverse"], D::lstm_weight_hh_l1_reverse);
  auto [out, hc] = m->forward(mk(D::X));
  EXPECT_CLOSE(out, D::lstm_out);
  EXPECT_CLOSE(std::get<0>(hc), D::lstm_h);
  EXPECT_CLOSE(std::get<1>(hc), D::lstm_c);
  EXPECT_EQ(m->all_weights().size(), 16u);
}

TEST(RnnModuleTest, LstmProjBatchFirst) {
  manual_seed(8);
  LSTM m(LSTMOptions(3, 4).proj_size(2).batch_first(true));
  m->to(kDouble);
  EXPECT_TRUE(m->named_parameters().contains("weight_hr_l0"));
  auto [out, hc] = m->forward(mk(D::X).transpose(0, 1));
  EXPECT_CLOSE(out, D::lstmp_out);
  EXPECT_CLOSE(std::get<0>(hc), D::lstmp_h);
  EXPECT_CLOSE(std::get<1>(hc), D::lstmp_c);
}

TEST(RnnModuleTest, GruPackedUnsorted) {
  manual_seed(9);
  GRU m(GRUOptions(3, 4).bidirectional(true));
  m->to(kDouble);
  Tensor X = mk(D::X);
  std::vector<Tensor> seqs = {X.narrow(0, 0, 5).select(1, 0), X.narrow(0, 0, 3).select(1, 1),
                              X.narrow(0, 0, 4).select(1, 0)};
  R::PackedSequence p = R::pack_sequence(seqs, false);
  auto [out, h] = m->forward_with_packed_input(p);
  EXPECT_CLOSE(out.data(), D::gru_data);
  EXPECT_CLOSE(out.batch_sizes().to(kDouble), D::gru_batch_sizes);
  EXPECT_CLOSE(h, D::gru_h);
  auto [padded, lengths] = R::pad_packed_sequence(out);
  EXPECT_CLOSE(padded, D::gru_padded);
  EXPECT_CLOSE(lengths.to(kDouble), D::gru_lengths);
}

TEST(RnnModuleTest, RnnReluUnbatched) {
  manual_seed(10);
  RNN m(RNNOptions(3, 4).num_layers(2).nonlinearity(kReLU));
  m->to(kDouble);
  auto [out, h] = m->forward(mk(D::X).select(1, 0));
  EXPECT_CLOSE(out, D::rnn_out);
  EXPECT_CLOSE(h, D::rnn_h);
}

TEST(RnnModuleTest, Cells) {
  Tensor X = mk(D::X);
  manual_seed(11);
  LSTMCell lc(3, 4);
  lc->to(kDouble);
  auto [hy, cy] = lc->forward(X[0]);
  EXPECT_CLOSE(hy, D::lstmcell_h);
  EXPECT_CLOSE(cy, D::lstmcell_c);
  manual_seed(12);
  GRUCell gc(GRUCellOptions(3, 4).bias(false));
  gc->to(kDouble);
  EXPECT_FALSE(gc->bias_ih.defined());
  EXPECT_CLOSE(gc->forward(X[0], gc->forward(X[1])), D::grucell_h);
  manual_seed(13);
  RNNCell rc(RNNCellOptions(3, 4).nonlinearity(kReLU));
  rc->to(kDouble);
  EXPECT_CLOSE(rc->forward(X[0][0]), D::rnncell_h);
}

TEST(RnnModuleTest, Utils) {
  Tensor X = mk(D::X);
  std::vector<Tensor> seqs = {X.narrow(0, 0, 5).select(1, 0), X.narrow(0, 0, 3).select(1, 1),
                              X.narrow(0, 0, 4).select(1, 0)};
  Tensor ps = R::pad_sequence(seqs, true, -1.0);
  EXPECT_CLOSE(ps, D::pad_seq);
  R::PackedSequence pp = R::pack_padded_sequence(X, tensor(std::vector<int64_t>{5, 3}, kLong));
  EXPECT_CLOSE(pp.data(), D::pack_data);
  EXPECT_CLOSE(pp.batch_sizes().to(kDouble), D::pack_bs);
  auto back = R::unpack_sequence(R::pack_sequence(seqs, false));
  ASSERT_EQ(back.size(), 3u);
  for (size_t i = 0; i < 3; ++i) EXPECT_TRUE(test::tensors_close(back[i], seqs[i]));
  // gradients flow through pack and pad
  Tensor x = X.clone().requires_grad_();
  auto [padded, len] = R::pad_packed_sequence(R::pack_padded_sequence(x, tensor(std::vector<int64_t>{5, 3}, kLong)));
  padded.sum().backward();
  Tensor expected = ones({5, 2, 3}, kDouble);
  expected.narrow(0, 3, 2).select(1, 1).zero_();
  EXPECT_TRUE(test::tensors_close(x.grad(), expected));
  EXPECT_EQ(test::error_of([&] {
              R::pack_padded_sequence(X, tensor(std::vector<int64_t>{3, 5}, kLong));
            }).substr(0, 58),
            "`lengths` array must be sorted in decreasing order when `e");
}

TEST(RnnModuleTest, PrintingAndErrors) {
  std::ostringstream s1, s2, s3;
  s1 << *LSTM(LSTMOptions(3, 4).num_layers(2).proj_size(2));
  EXPECT_EQ(s1.str(), "wick::nn::LSTM(input_size=3, hidden_size=4, num_layers=2, bias=true, "
                      "batch_first=false, dropout=0, bidirectional=false, proj_size=2)");
  s2 << *RNNCell(RNNCellOptions(3, 4).nonlinearity(kReLU).bias(false));
  EXPECT_EQ(s2.str(), "wick::nn::RNNCell(3, 4, bias=false, nonlinearity=kReLU)");
  s3 << *GRU(3, 4);
  EXPECT_EQ(s3.str(), "wick::nn::GRU(input_size=3, hidden_size=4, num_layers=1, bias=true, "
                      "batch_first=false, dropout=0, bidirectional=false)");
  LSTM m(3, 4);
  EXPECT_EQ(test::error_of([&] { m->forward(zeros({5, 2, 4})); }),
            "input.size(-1) must be equal to input_size. Expected 3, got 4");
  EXPECT_EQ(test::error_of([&] {
              m->forward(zeros({5, 2, 3}), std::make_tuple(zeros({2, 2, 4}), zeros({1, 2, 4})));
            }),
            "Expected hidden[0] size (1, 2, 4), got [2, 2, 4]");
  GRU g(3, 4);
  EXPECT_EQ(test::error_of([&] { g->forward(zeros({5, 2, 3}), zeros({1, 3, 4})); }),
            "Expected hidden size (1, 2, 4), got [1, 3, 4]");
  EXPECT_EQ(test::error_of([&] { LSTM(LSTMOptions(3, 4).proj_size(4)); }),
            "proj_size has to be smaller than hidden_size");
}

}  // namespace
