// torch-level recurrent ops (wick.lstm, wick.gru, wick.rnn_tanh, wick.rnn_relu,
// their packed forms, and the cells wick.lstm_cell, ...): see wick/ops/rnn.h.
// torch.nn.functional has no rnn functions, so nothing is bound into _nn.
#include <optional>
#include <vector>

#include "python/src/bind.h"
#include "python/src/init.h"
#include "wick/ops/rnn.h"

namespace wick::python {

namespace {
using OptT = std::optional<Tensor>;
using TV = std::vector<Tensor>;
Tensor val(const OptT& t) { return t ? *t : Tensor(); }
}  // namespace

void init_nn_rnn(py::module_& m) {
  // Packed overloads first: (data, batch_sizes, hx, ...) never matches the padded
  // form's (input, hx-list / params-list, ...) and the reverse.
  m.def("lstm", [](const Tensor& data, const Tensor& batch_sizes, const TV& hx, const TV& params,
                   bool has_biases, int64_t num_layers, double dropout, bool train,
                   bool bidirectional) {
    return lstm(data, batch_sizes, hx, params, has_biases, num_layers, dropout, train,
                bidirectional);
  }, arg("data"), arg("batch_sizes"), arg("hx"), arg("params"), arg("has_biases"),
        arg("num_layers"), arg("dropout"), arg("train"), arg("bidirectional"), nogil());
  m.def("lstm", [](const Tensor& input, const TV& hx, const TV& params, bool has_biases,
                   int64_t num_layers, double dropout, bool train, bool bidirectional,
                   bool batch_first) {
    return lstm(input, hx, params, has_biases, num_layers, dropout, train, bidirectional,
                batch_first);
  }, arg("input"), arg("hx"), arg("params"), arg("has_biases"), arg("num_layers"), arg("dropout"),
        arg("train"), arg("bidirectional"), arg("batch_first"), nogil());

#define WICK_BIND_SEQ(name)                                                                     \
  m.def(#name, [](const Tensor& data, const Tensor& batch_sizes, const Tensor& hx,              \
                  const TV& params, bool has_biases, int64_t num_layers, double dropout,        \
                  bool train, bool bidirectional) {                                             \
    return name(data, batch_sizes, hx, params, has_biases, num_layers, dropout, train,          \
                bidirectional);                                                                 \
  }, arg("data"), arg("batch_sizes"), arg("hx"), arg("params"), arg("has_biases"),              \
        arg("num_layers"), arg("dropout"), arg("train"), arg("bidirectional"), nogil());                 \
  m.def(#name, [](const Tensor& input, const Tensor& hx, const TV& params, bool has_biases,      \
                  int64_t num_layers, double dropout, bool train, bool bidirectional,           \
                  bool batch_first) {                                                           \
    return name(input, hx, params, has_biases, num_layers, dropout, train, bidirectional,       \
                batch_first);                                                                   \
  }, arg("input"), arg("hx"), arg("params"), arg("has_biases"), arg("num_layers"),              \
        arg("dropout"), arg("train"), arg("bidirectional"), arg("batch_first"), nogil());
  WICK_BIND_SEQ(gru)
  WICK_BIND_SEQ(rnn_tanh)
  WICK_BIND_SEQ(rnn_relu)
#undef WICK_BIND_SEQ

  m.def("_pack_padded_sequence", [](const Tensor& input, const Tensor& lengths, bool batch_first) {
    return _pack_padded_sequence(input, lengths, batch_first);
  }, arg("input"), arg("lengths"), arg("batch_first"), nogil());
  m.def("lstm_cell", [](const Tensor& input, const TV& hx, const Tensor& w_ih, const Tensor& w_hh,
                        const OptT& b_ih, const OptT& b_hh) {
    return lstm_cell(input, hx, w_ih, w_hh, val(b_ih), val(b_hh));
  }, arg("input"), arg("hx"), arg("w_ih"), arg("w_hh"), arg("b_ih") = py::none(),
        arg("b_hh") = py::none(), nogil());
  m.def("gru_cell", [](const Tensor& input, const Tensor& hx, const Tensor& w_ih, const Tensor& w_hh,
                       const OptT& b_ih, const OptT& b_hh) {
    return gru_cell(input, hx, w_ih, w_hh, val(b_ih), val(b_hh));
  }, arg("input"), arg("hx"), arg("w_ih"), arg("w_hh"), arg("b_ih") = py::none(),
        arg("b_hh") = py::none(), nogil());
  m.def("rnn_tanh_cell", [](const Tensor& input, const Tensor& hx, const Tensor& w_ih,
                            const Tensor& w_hh, const OptT& b_ih, const OptT& b_hh) {
    return rnn_tanh_cell(input, hx, w_ih, w_hh, val(b_ih), val(b_hh));
  }, arg("input"), arg("hx"), arg("w_ih"), arg("w_hh"), arg("b_ih") = py::none(),
        arg("b_hh") = py::none(), nogil());
  m.def("rnn_relu_cell", [](const Tensor& input, const Tensor& hx, const Tensor& w_ih,
                            const Tensor& w_hh, const OptT& b_ih, const OptT& b_hh) {
    return rnn_relu_cell(input, hx, w_ih, w_hh, val(b_ih), val(b_hh));
  }, arg("input"), arg("hx"), arg("w_ih"), arg("w_hh"), arg("b_ih") = py::none(),
        arg("b_hh") = py::none(), nogil());
}

}  // namespace wick::python
