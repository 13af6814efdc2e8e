// wick.nn.functional attention: scaled_dot_product_attention and
// multi_head_attention_forward (both C++: wick/ops/attention.h and
// wick/nn/functional/attention.h). Assertions PyTorch's Python makes come back
// as AssertionError.
#include <optional>

#include "python/src/bind.h"
#include "python/src/init.h"
#include "wick/nn/functional/attention.h"
#include "wick/ops/attention.h"

namespace wick::python {

namespace {
using OptT = std::optional<Tensor>;
Tensor val(const OptT& t) { return t ? *t : Tensor(); }
}  // namespace

void init_nn_attention(py::module_& m) {
  py::module_ nn = nn_module(m);

  nn.def("scaled_dot_product_attention",
         [](const Tensor& q, const Tensor& k, const Tensor& v, const OptT& mask, double dropout_p,
            bool is_causal, std::optional<double> scale, bool enable_gqa) {
           Tensor kk = k, vv = v;
           if (enable_gqa && q.dim() >= 3 && k.dim() >= 3 && k.size(-3) != q.size(-3)) {
             WICK_CHECK(k.size(-3) > 0 && q.size(-3) % k.size(-3) == 0 &&
                            v.size(-3) == k.size(-3),
                        "Number of heads in key and value must divide the number of heads in query");
             kk = k.repeat_interleave(q.size(-3) / k.size(-3), -3);
             vv = v.repeat_interleave(q.size(-3) / v.size(-3), -3);
           }
           return scaled_dot_product_attention(q, kk, vv, mask, dropout_p, is_causal, scale);
         },
         arg("query"), arg("key"), arg("value"), arg("attn_mask") = py::none(),
         arg("dropout_p") = 0.0, arg("is_causal") = false, py::kw_only(),
         arg("scale") = py::none(), arg("enable_gqa") = false, nogil());

  nn.def("multi_head_attention_forward",
         [](const Tensor& query, const Tensor& key, const Tensor& value, int64_t embed_dim_to_check,
            int64_t num_heads, const OptT& in_proj_weight, const OptT& in_proj_bias,
            const OptT& bias_k, const OptT& bias_v, bool add_zero_attn, double dropout_p,
            const Tensor& out_proj_weight, const OptT& out_proj_bias, bool training,
            const OptT& key_padding_mask, bool need_weights, const OptT& attn_mask,
            bool use_separate_proj_weight, const OptT& q_proj_weight, const OptT& k_proj_weight,
            const OptT& v_proj_weight, const OptT& static_k, const OptT& static_v,
            bool average_attn_weights, bool is_causal) -> py::object {
           namespace F = wick::nn::functional;
           F::MultiheadAttentionForwardFuncOptions o(embed_dim_to_check, num_heads,
                                                     val(in_proj_weight), val(in_proj_bias),
                                                     val(bias_k), val(bias_v), add_zero_attn,
                                                     dropout_p, out_proj_weight, val(out_proj_bias));
           o.training(training).key_padding_mask(val(key_padding_mask)).need_weights(need_weights)
               .attn_mask(val(attn_mask)).use_separate_proj_weight(use_separate_proj_weight)
               .q_proj_weight(val(q_proj_weight)).k_proj_weight(val(k_proj_weight))
               .v_proj_weight(val(v_proj_weight)).static_k(val(static_k)).static_v(val(static_v))
               .average_attn_weights(average_attn_weights).is_causal(is_causal);
           std::tuple<Tensor, Tensor> r;
           try {
             py::gil_scoped_release release;
             r = F::multi_head_attention_forward(query, key, value, o);
           } catch (const wick::nn::AssertionError& e) {
             PyErr_SetString(PyExc_AssertionError, e.what());
             throw py::error_already_set();
           }
           return py::make_tuple(std::get<0>(r), std::get<1>(r));
         },
         arg("query"), arg("key"), arg("value"), arg("embed_dim_to_check"), arg("num_heads"),
         arg("in_proj_weight"), arg("in_proj_bias"), arg("bias_k"), arg("bias_v"),
         arg("add_zero_attn"), arg("dropout_p"), arg("out_proj_weight"), arg("out_proj_bias"),
         arg("training") = true, arg("key_padding_mask") = py::none(), arg("need_weights") = true,
         arg("attn_mask") = py::none(), arg("use_separate_proj_weight") = false,
         arg("q_proj_weight") = py::none(), arg("k_proj_weight") = py::none(),
         arg("v_proj_weight") = py::none(), arg("static_k") = py::none(),
         arg("static_v") = py::none(), arg("average_attn_weights") = true,
         arg("is_causal") = false);
}

}  // namespace wick::python
