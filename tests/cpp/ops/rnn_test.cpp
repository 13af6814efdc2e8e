// Recurrent ops against PyTorch (values baked by gen_rnn_data.py): sequence ops
// (multi-layer, bidirectional, batch_first, no bias, LSTM proj_size, packed),
// cells, dropout masks between layers; gradcheck / gradgradcheck in float64;
// grad_fn names; errors.
#include <gtest/gtest.h>

#include <functional>
#include <string>

#include "autograd/grad_test_utils.h"
#include "ops/rnn_test_data.h"
#include "test_utils.h"
#include "wick/wick.h"

namespace {
using namespace wick;
namespace D = rnn_data;
using autograd::variable_list;

Tensor mk(const D::Case& c, ScalarType dt = kDouble) {
  Tensor flat = empty({static_cast<int64_t>(c.values.size())}, TensorOptions(kDouble));
  std::copy(c.values.begin(), c.values.end(), flat.data_ptr<double>());
  return flat.reshape(IntArrayRef(c.shape.data(), c.shape.size())).to(dt);
}

Tensor leaf(const D::Case& c) { return mk(c).requires_grad_(); }

#define EXPECT_CLOSE(a, e) EXPECT_TRUE(test::tensors_close(a, mk(e), 1e-9, 1e-10))

enum class Op { Lstm, Gru, Tanh, Relu };

// Runs one generated sequence case and checks outputs, final states and grads.
void check_seq(const char* name, Op op, const std::vector<const D::Case*>& ws_c,
               const D::Case& h0_c, const D::Case& c0_c, const D::Case& gy, bool bias,
               int64_t layers, bool bidir, bool batch_first, std::vector<int64_t> packed,
               const D::Case& out_e, const D::Case& hn_e, const D::Case* cn_e,
               const D::Case& gx_e, const D::Case& gh0_e, const D::Case* gc0_e,
               const std::vector<const D::Case*>& gw_e) {
  SCOPED_TRACE(name);
  Tensor X = mk(D::X);
  Tensor x;
  if (!packed.empty()) {
    std::vector<Tensor> rows;
    for (size_t t = 0; t < packed.size(); ++t)
      rows.push_back(X.select(0, static_cast<int64_t>(t)).narrow(0, 0, packed[t]));
    x = cat(rows, 0);
  } else {
    x = batch_first ? X.transpose(0, 1).contiguous() : X;
  }
  x.requires_grad_();
  Tensor h0 = leaf(h0_c), c0 = leaf(c0_c);
  std::vector<Tensor> ws;
  for (auto* c : ws_c) ws.push_back(leaf(*c));
  Tensor bs = packed.empty() ? Tensor() : tensor(packed, kLong);
  Tensor out, hn, cn;
  if (op == Op::Lstm) {
    auto r = packed.empty() ? lstm(x, {h0, c0}, ws, bias, layers, 0.0, false, bidir, batch_first)
                            : lstm(x, bs, {h0, c0}, ws, bias, layers, 0.0, false, bidir);
    std::tie(out, hn, cn) = r;
  } else {
    using F1 = std::tuple<Tensor, Tensor> (*)(const Tensor&, const Tensor&, TensorList, bool,
                                              int64_t, double, bool, bool, bool);
    using F2 = std::tuple<Tensor, Tensor> (*)(const Tensor&, const Tensor&, const Tensor&,
                                              TensorList, bool, int64_t, double, bool, bool);
    F1 f1 = op == Op::Gru ? static_cast<F1>(gru) : op == Op::Tanh ? static_cast<F1>(rnn_tanh)
                                                                    : static_cast<F1>(rnn_relu);
    F2 f2 = op == Op::Gru ? static_cast<F2>(gru) : op == Op::Tanh ? static_cast<F2>(rnn_tanh)
                                                                    : static_cast<F2>(rnn_relu);
    std::tie(out, hn) = packed.empty()
                            ? f1(x, h0, ws, bias, layers, 0.0, false, bidir, batch_first)
                            : f2(x, bs, h0, ws, bias, layers, 0.0, false, bidir);
  }
  EXPECT_CLOSE(out, out_e);
  EXPECT_CLOSE(hn, hn_e);
  if (cn_e) EXPECT_CLOSE(cn, *cn_e);
  Tensor loss = (out * mk(gy)).sum() + (hn * hn).sum();
  if (cn.defined()) loss = loss + (cn * cn).sum();
  loss.backward();
  EXPECT_CLOSE(x.grad(), gx_e);
  EXPECT_CLOSE(h0.grad(), gh0_e);
  if (gc0_e) EXPECT_CLOSE(c0.grad(), *gc0_e);
  ASSERT_EQ(ws.size(), gw_e.size());
  for (size_t k = 0; k < ws.size(); ++k) EXPECT_CLOSE(ws[k].grad(), *gw_e[k]);
}

#define W(p, k) &D::p##_w##k
#define GW(p, k) &D::p##_gw##k

TEST(RnnOpsTest, LstmTwoLayerBidirectional) {
  std::vector<const D::Case*> w, gw;
  const D::Case* ws[] = {W(lstm2b, 0), W(lstm2b, 1), W(lstm2b, 2), W(lstm2b, 3), W(lstm2b, 4),
                         W(lstm2b, 5), W(lstm2b, 6), W(lstm2b, 7), W(lstm2b, 8), W(lstm2b, 9),
                         W(lstm2b, 10), W(lstm2b, 11), W(lstm2b, 12), W(lstm2b, 13), W(lstm2b, 14),
                         W(lstm2b, 15)};
  const D::Case* gws[] = {GW(lstm2b, 0), GW(lstm2b, 1), GW(lstm2b, 2), GW(lstm2b, 3),
                          GW(lstm2b, 4), GW(lstm2b, 5), GW(lstm2b, 6), GW(lstm2b, 7),
                          GW(lstm2b, 8), GW(lstm2b, 9), GW(lstm2b, 10), GW(lstm2b, 11),
                          GW(lstm2b, 12), GW(lstm2b, 13), GW(lstm2b, 14), GW(lstm2b, 15)};
  w.assign(std::begin(ws), std::end(ws));
  gw.assign(std::begin(gws), std::end(gws));
  check_seq("lstm2b", Op::Lstm, w, D::lstm2b_h0, D::lstm2b_c0, D::lstm2b_gy, true, 2, true, false,
            {}, D::lstm2b_out, D::lstm2b_hn, &D::lstm2b_cn, D::lstm2b_gx, D::lstm2b_gh0,
            &D::lstm2b_gc0, gw);
}

TEST(RnnOpsTest, LstmProjBatchFirst) {
  check_seq("lstmp", Op::Lstm, {W(lstmp, 0), W(lstmp, 1), W(lstmp, 2), W(lstmp, 3), W(lstmp, 4)},
            D::lstmp_h0, D::lstmp_c0, D::lstmp_gy, true, 1, false, true, {}, D::lstmp_out,
            D::lstmp_hn, &D::lstmp_cn, D::lstmp_gx, D::lstmp_gh0, &D::lstmp_gc0,
            {GW(lstmp, 0), GW(lstmp, 1), GW(lstmp, 2), GW(lstmp, 3), GW(lstmp, 4)});
}

TEST(RnnOpsTest, GruTwoLayerNoBias) {
  check_seq("gru2", Op::Gru, {W(gru2, 0), W(gru2, 1), W(gru2, 2), W(gru2, 3)}, D::gru2_h0,
            D::gru2_c0, D::gru2_gy, false, 2, false, false, {}, D::gru2_out, D::gru2_hn, nullptr,
            D::gru2_gx, D::gru2_gh0, nullptr, {GW(gru2, 0), GW(gru2, 1), GW(gru2, 2), GW(gru2, 3)});
}

TEST(RnnOpsTest, RnnReluBidirectionalBatchFirst) {
  check_seq("rnnr", Op::Relu,
            {W(rnnr, 0), W(rnnr, 1), W(rnnr, 2), W(rnnr, 3), W(rnnr, 4), W(rnnr, 5), W(rnnr, 6),
             W(rnnr, 7)},
            D::rnnr_h0, D::rnnr_c0, D::rnnr_gy, true, 1, true, true, {}, D::rnnr_out, D::rnnr_hn,
            nullptr, D::rnnr_gx, D::rnnr_gh0, nullptr,
            {GW(rnnr, 0), GW(rnnr, 1), GW(rnnr, 2), GW(rnnr, 3), GW(rnnr, 4), GW(rnnr, 5),
             GW(rnnr, 6), GW(rnnr, 7)});
}

TEST(RnnOpsTest, RnnTanhTwoLayer) {
  check_seq("rnnt", Op::Tanh,
            {W(rnnt, 0), W(rnnt, 1), W(rnnt, 2), W(rnnt, 3), W(rnnt, 4), W(rnnt, 5), W(rnnt, 6),
             W(rnnt, 7)},
            D::rnnt_h0, D::rnnt_c0, D::rnnt_gy, true, 2, false, false, {}, D::rnnt_out,
            D::rnnt_hn, nullptr, D::rnnt_gx, D::rnnt_gh0, nullptr,
            {GW(rnnt, 0), GW(rnnt, 1), GW(rnnt, 2), GW(rnnt, 3), GW(rnnt, 4), GW(rnnt, 5),
             GW(rnnt, 6), GW(rnnt, 7)});
}

TEST(RnnOpsTest, PackedLstmBidirectional) {
  check_seq("plstm", Op::Lstm,
            {W(plstm, 0), W(plstm, 1), W(plstm, 2), W(plstm, 3), W(plstm, 4), W(plstm, 5),
             W(plstm, 6), W(plstm, 7)},
            D::plstm_h0, D::plstm_c0, D::plstm_gy, true, 1, true, false, {3, 2, 2, 1},
            D::plstm_out, D::plstm_hn, &D::plstm_cn, D::plstm_gx, D::plstm_gh0, &D::plstm_gc0,
            {GW(plstm, 0), GW(plstm, 1), GW(plstm, 2), GW(plstm, 3), GW(plstm, 4), GW(plstm, 5),
             GW(plstm, 6), GW(plstm, 7)});
}

TEST(RnnOpsTest, PackedGruTwoLayerBidirectional) {
  std::vector<const D::Case*> w, gw;
  const D::Case* ws[] = {W(pgru, 0), W(pgru, 1), W(pgru, 2), W(pgru, 3), W(pgru, 4), W(pgru, 5),
                         W(pgru, 6), W(pgru, 7), W(pgru, 8), W(pgru, 9), W(pgru, 10), W(pgru, 11),
                         W(pgru, 12), W(pgru, 13), W(pgru, 14), W(pgru, 15)};
  const D::Case* gws[] = {GW(pgru, 0), GW(pgru, 1), GW(pgru, 2), GW(pgru, 3), GW(pgru, 4),
                          GW(pgru, 5), GW(pgru, 6), GW(pgru, 7), GW(pgru, 8), GW(pgru, 9),
                          GW(pgru, 10), GW(pgru, 11), GW(pgru, 12), GW(pgru, 13), GW(pgru, 14),
                          GW(pgru, 15)};
  w.assign(std::begin(ws), std::end(ws));
  gw.assign(std::begin(gws), std::end(gws));
  check_seq("pgru", Op::Gru, w, D::pgru_h0, D::pgru_c0, D::pgru_gy, true, 2, true, false,
            {3, 3, 1, 1}, D::pgru_out, D::pgru_hn, nullptr, D::pgru_gx, D::pgru_gh0, nullptr, gw);
}

TEST(RnnOpsTest, CellsMatchPyTorch) {
  for (const char* name : {"lstm", "gru", "tanh", "relu"}) {
    SCOPED_TRACE(name);
    const std::string n = name;
    const D::Case* w[4];
    const D::Case *eh, *egx, *egh, *egw[4];
    if (n == "lstm") {
      w[0] = &D::cell_lstm_w0, w[1] = &D::cell_lstm_w1, w[2] = &D::cell_lstm_w2, w[3] = &D::cell_lstm_w3;
      eh = &D::cell_lstm_h, egx = &D::cell_lstm_gx, egh = &D::cell_lstm_gh;
      egw[0] = &D::cell_lstm_gw0, egw[1] = &D::cell_lstm_gw1, egw[2] = &D::cell_lstm_gw2, egw[3] = &D::cell_lstm_gw3;
    } else if (n == "gru") {
      w[0] = &D::cell_gru_w0, w[1] = &D::cell_gru_w1, w[2] = &D::cell_gru_w2, w[3] = &D::cell_gru_w3;
      eh = &D::cell_gru_h, egx = &D::cell_gru_gx, egh = &D::cell_gru_gh;
      egw[0] = &D::cell_gru_gw0, egw[1] = &D::cell_gru_gw1, egw[2] = &D::cell_gru_gw2, egw[3] = &D::cell_gru_gw3;
    } else if (n == "tanh") {
      w[0] = &D::cell_tanh_w0, w[1] = &D::cell_tanh_w1, w[2] = &D::cell_tanh_w2, w[3] = &D::cell_tanh_w3;
      eh = &D::cell_tanh_h, egx = &D::cell_tanh_gx, egh = &D::cell_tanh_gh;
      egw[0] = &D::cell_tanh_gw0, egw[1] = &D::cell_tanh_gw1, egw[2] = &D::cell_tanh_gw2, egw[3] = &D::cell_tanh_gw3;
    } else {
      w[0] = &D::cell_relu_w0, w[1] = &D::cell_relu_w1, w[2] = &D::cell_relu_w2, w[3] = &D::cell_relu_w3;
      eh = &D::cell_relu_h, egx = &D::cell_relu_gx, egh = &D::cell_relu_gh;
      egw[0] = &D::cell_relu_gw0, egw[1] = &D::cell_relu_gw1, egw[2] = &D::cell_relu_gw2, egw[3] = &D::cell_relu_gw3;
    }
    Tensor x = leaf(D::cx), h = leaf(D::ch), c = leaf(D::cc);
    Tensor wi = leaf(*w[0]), wh = leaf(*w[1]), bi = leaf(*w[2]), bh = leaf(*w[3]);
    Tensor hy, loss;
    if (n == "lstm") {
      auto [a, b] = lstm_cell(x, {h, c}, wi, wh, bi, bh);
      hy = a;
      EXPECT_CLOSE(b, D::cell_lstm_c);
      EXPECT_EQ(a.grad_fn()->name(), "ThnnFusedLstmCellBackward0");
      loss = (a * a).sum() + (b * b).sum();
    } else {
      hy = n == "gru"    ? gru_cell(x, h, wi, wh, bi, bh)
           : n == "tanh" ? rnn_tanh_cell(x, h, wi, wh, bi, bh)
                         : rnn_relu_cell(x, h, wi, wh, bi, bh);
      loss = (hy * hy).sum();
    }
    EXPECT_CLOSE(hy, *eh);
    loss.backward();
    EXPECT_CLOSE(x.grad(), *egx);
    EXPECT_CLOSE(h.grad(), *egh);
    if (n == "lstm") EXPECT_CLOSE(c.grad(), D::cell_lstm_gc);
    EXPECT_CLOSE(wi.grad(), *egw[0]);
    EXPECT_CLOSE(wh.grad(), *egw[1]);
    EXPECT_CLOSE(bi.grad(), *egw[2]);
    EXPECT_CLOSE(bh.grad(), *egw[3]);
  }
}

TEST(RnnOpsTest, DropoutBetweenLayersMatchesPyTorchMask) {
  manual_seed(5);
  Tensor z = zeros({2, 3, 4}, kDouble);
  auto [out, h, c] = lstm(mk(D::X), {z, z},
                          {mk(D::drop_w0), mk(D::drop_w1), mk(D::drop_w2), mk(D::drop_w3)}, false,
                          2, 0.4, true, false, false);
  EXPECT_CLOSE(out, D::drop_out);
}

TEST(RnnOpsTest, FloatMatchesDouble) {
  // The float kernels (vectorised sigmoid / tanh) against the double ones.
  Tensor x = grad_test::rnd({6, 5, 8}, -3, 3, 1).detach();
  std::vector<Tensor> ws = {grad_test::rnd({32, 8}, -1, 1, 2).detach(),
                            grad_test::rnd({32, 8}, -1, 1, 3).detach(),
                            grad_test::rnd({32}, -1, 1, 4).detach(),
                            grad_test::rnd({32}, -1, 1, 5).detach()};
  Tensor h0 = grad_test::rnd({1, 5, 8}, -1, 1, 6).detach();
  auto [od, hd, cd] = lstm(x, {h0, h0}, ws, true, 1, 0.0, false, false, false);
  std::vector<Tensor> wf;
  for (auto& w : ws) wf.push_back(w.to(kFloat));
  auto [of, hf, cf] = lstm(x.to(kFloat), {h0.to(kFloat), h0.to(kFloat)}, wf, true, 1, 0.0, false,
                           false, false);
  EXPECT_TRUE(test::tensors_close(of, od.to(kFloat), 1e-5, 1e-6));
  EXPECT_TRUE(test::tensors_close(cf, cd.to(kFloat), 1e-5, 1e-6));
  std::vector<Tensor> gws = {ws[0].narrow(0, 0, 24), ws[1].narrow(0, 0, 24), ws[2].narrow(0, 0, 24),
                             ws[3].narrow(0, 0, 24)};
  auto [gd, ghd] = gru(x, h0, gws, true, 1, 0.0, false, false, false);
  std::vector<Tensor> gwf;
  for (auto& w : gws) gwf.push_back(w.to(kFloat));
  auto [gf, ghf] = gru(x.to(kFloat), h0.to(kFloat), gwf, true, 1, 0.0, false, false, false);
  EXPECT_TRUE(test::tensors_close(gf, gd.to(kFloat), 1e-5, 1e-6));
}

TEST(RnnOpsTest, GradFnNames) {
  Tensor x = grad_test::rnd({3, 2, 2});
  Tensor h = zeros({1, 2, 3}, kDouble), h2 = zeros({2, 2, 3}, kDouble);
  std::vector<Tensor> w = {grad_test::rnd({12, 2}), grad_test::rnd({12, 3})};
  auto [o, hn, cn] = lstm(x, {h, h}, w, false, 1, 0.0, false, false, false);
  EXPECT_EQ(o.grad_fn()->name(), "StackBackward0");
  EXPECT_EQ(hn.grad_fn()->name(), "StackBackward0");
  EXPECT_EQ(cn.grad_fn()->name(), "StackBackward0");
  std::vector<Tensor> w2 = {w[0], w[1], grad_test::rnd({12, 2}), grad_test::rnd({12, 3})};
  auto [o2, hn2, cn2] = lstm(x, {h2, h2}, w2, false, 1, 0.0, false, true, false);
  EXPECT_EQ(o2.grad_fn()->name(), "CatBackward0");
  Tensor hb = zeros({1, 3, 3}, kDouble);
  auto [o3, hn3, cn3] = lstm(x, {hb, hb}, w, false, 1, 0.0, false, false, true);
  EXPECT_EQ(o3.grad_fn()->name(), "TransposeBackward0");
  auto [o4, hn4, cn4] = lstm(x.reshape({6, 2}), tensor(std::vector<int64_t>{2, 2, 2}, kLong),
                             {h, h}, w, false, 1, 0.0, false, false);
  EXPECT_EQ(o4.grad_fn()->name(), "CatBackward0");
}

TEST(RnnOpsTest, Gradcheck) {
  using grad_test::rnd;
  Tensor x = rnd({2, 3}, -1, 1, 1), h = rnd({2, 4}, -1, 1, 2), c = rnd({2, 4}, -1, 1, 3);
  Tensor wi = rnd({16, 3}, -1, 1, 4), wh = rnd({16, 4}, -1, 1, 5), bi = rnd({16}, -1, 1, 6),
         bh = rnd({16}, -1, 1, 7);
  auto lstm_fn = [](const variable_list& v) {
    auto [a, b] = lstm_cell(v[0], {v[1], v[2]}, v[3], v[4], v[5], v[6]);
    return variable_list{a, b};
  };
  EXPECT_GRADCHECK(autograd::gradcheck(lstm_fn, {x, h, c, wi, wh, bi, bh}));
  EXPECT_GRADCHECK(autograd::gradgradcheck(lstm_fn, {x, h, c, wi, wh, bi, bh}));
  Tensor gwi = rnd({12, 3}, -1, 1, 8), gwh = rnd({12, 4}, -1, 1, 9), gbi = rnd({12}, -1, 1, 10),
         gbh = rnd({12}, -1, 1, 11);
  auto gru_fn = [](const variable_list& v) {
    return variable_list{gru_cell(v[0], v[1], v[2], v[3], v[4], v[5])};
  };
  EXPECT_GRADCHECK(autograd::gradcheck(gru_fn, {x, h, gwi, gwh, gbi, gbh}));
  EXPECT_GRADCHECK(autograd::gradgradcheck(gru_fn, {x, h, gwi, gwh, gbi, gbh}));
  // 2-layer bidirectional LSTM (sequence op), first and second order.
  Tensor xs = rnd({3, 2, 2}, -1, 1, 12);
  std::vector<Tensor> ps;
  for (int64_t l = 0; l < 2; ++l)
    for (int64_t d = 0; d < 2; ++d) {
      ps.push_back(rnd({8, l == 0 ? 2 : 4}, -1, 1, 20 + 4 * (2 * l + d)));
      ps.push_back(rnd({8, 2}, -1, 1, 21 + 4 * (2 * l + d)));
      ps.push_back(rnd({8}, -1, 1, 22 + 4 * (2 * l + d)));
      ps.push_back(rnd({8}, -1, 1, 23 + 4 * (2 * l + d)));
    }
  Tensor h0 = rnd({4, 2, 2}, -1, 1, 40), c0 = rnd({4, 2, 2}, -1, 1, 41);
  auto seq = [](const variable_list& v) {
    std::vector<Tensor> p(v.begin() + 3, v.end());
    auto [o, hn, cn] = lstm(v[0], {v[1], v[2]}, p, true, 2, 0.0, false, true, false);
    return variable_list{o, hn, cn};
  };
  variable_list in = {xs, h0, c0};
  in.insert(in.end(), ps.begin(), ps.end());
  EXPECT_GRADCHECK(autograd::gradcheck(seq, in));
  // Second order on the input, states and the first layer's forward weights
  // (the other weights as constants, to keep the test quick).
  std::vector<Tensor> rest;
  for (size_t k = 4; k < ps.size(); ++k) rest.push_back(ps[k].detach());
  auto seq2 = [rest](const variable_list& v) {
    std::vector<Tensor> p(v.begin() + 3, v.end());
    p.insert(p.end(), rest.begin(), rest.end());
    auto [o, hn, cn] = lstm(v[0], {v[1], v[2]}, p, true, 2, 0.0, false, true, false);
    return variable_list{o, hn, cn};
  };
  EXPECT_GRADCHECK(autograd::gradgradcheck(seq2, {xs, h0, c0, ps[0], ps[1], ps[2], ps[3]}));
}

TEST(RnnOpsTest, Errors) {
  Tensor x = zeros({3, 2, 2}), h = zeros({1, 2, 3});
  std::vector<Tensor> w = {zeros({12, 2}), zeros({12, 3})};
  EXPECT_EQ(test::error_of([&] { lstm(x, {h}, w, false, 1, 0.0, false, false, false); }),
            "lstm expects two hidden states");
  EXPECT_EQ(test::error_of([&] { lstm_cell(zeros({2, 2}), {h[0]}, w[0], w[1]); }),
            "lstm_cell expects two hidden states");
  EXPECT_EQ(test::error_of([&] { lstm_cell(zeros({2, 3}), {h[0], h[0]}, w[0], w[1]); }),
            "input has inconsistent input_size: got 3 expected 2");
  EXPECT_EQ(test::error_of([&] { gru_cell(zeros({3, 2}), zeros({2, 3}), zeros({9, 2}), zeros({9, 3})); }),
            "Input batch size 3 doesn't match hidden0 batch size 2");
  EXPECT_EQ(test::error_of([&] { rnn_tanh_cell(zeros({2, 2}), zeros({2, 4}), zeros({3, 2}), zeros({3, 3})); }),
            "hidden0 has inconsistent hidden_size: got 4, expected 3");
  EXPECT_NE(test::error_of([&] { gru(x, h, w, false, 1, 0.0, false, false, false); }), "<no error>");
  EXPECT_NE(test::error_of([&] { gru(x, zeros({2, 2, 3}), {zeros({9, 2}), zeros({9, 3})}, false, 1,
                                     0.0, false, false, false); }), "<no error>");
  EXPECT_TRUE(test::raises<NotImplementedError>(
      [&] { fused_lstm_cell(zeros({2, 8}, kLong), zeros({2, 2}, kLong)); }));
}

}  // namespace
