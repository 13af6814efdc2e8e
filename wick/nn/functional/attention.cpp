// multi_head_attention_forward, written once here for both front ends
// (Python's F.multi_head_attention_forward binds this function). It follows
// PyTorch 2.x step by step: shape checks, canonical masks, in-projection,
// bias_k/bias_v, static_k/v, add_zero_attn, key padding merged into the
// attention mask, then either explicit weights (need_weights) or the fused
// scaled_dot_product_attention.
#include "wick/nn/functional/attention.h"

#include <cmath>
#include <limits>
#include <sstream>
#include <vector>

#include "wick/ops/binary.h"
#include "wick/ops/conv.h"
#include "wick/ops/creation.h"
#include "wick/ops/index.h"
#include "wick/ops/linalg.h"
#include "wick/ops/loss.h"
#include "wick/ops/norm.h"
#include "wick/ops/pool.h"
#include "wick/ops/shape.h"

namespace wick::nn::functional {

namespace {

std::string size_str(IntArrayRef s) {
  std::ostringstream os;
  os << "wick.Size([";
  for (size_t i = 0; i < s.size(); ++i) os << (i ? ", " : "") << s[i];
  os << "])";
  return os.str();
}

std::string tuple_str(IntArrayRef s) {
  std::ostringstream os;
  os << "(";
  for (size_t i = 0; i < s.size(); ++i) os << (i ? ", " : "") << s[i];
  if (s.size() == 1) os << ",";
  os << ")";
  return os.str();
}

#define MHA_ASSERT(cond, ...) \
  do {                        \
    if (!(cond)) throw ::wick::nn::AssertionError(::wick::str(__VA_ARGS__)); \
  } while (0)

bool same_sizes(const Tensor& t, IntArrayRef s) { return t.sizes() == s; }

// Returns whether the input is batched (PyTorch's _mha_shape_check).
bool mha_shape_check(const Tensor& query, const Tensor& key, const Tensor& value,
                     const Tensor& key_padding_mask, const Tensor& attn_mask, int64_t num_heads) {
  if (query.dim() == 3) {
    MHA_ASSERT(key.dim() == 3 && value.dim() == 3,
               "For batched (3-D) `query`, expected `key` and `value` to be 3-D but found ",
               key.dim(), "-D and ", value.dim(), "-D tensors respectively");
    if (key_padding_mask.defined())
      MHA_ASSERT(key_padding_mask.dim() == 2,
                 "For batched (3-D) `query`, expected `key_padding_mask` to be `None` or 2-D but "
                 "found ", key_padding_mask.dim(), "-D tensor instead");
    if (attn_mask.defined())
      MHA_ASSERT(attn_mask.dim() == 2 || attn_mask.dim() == 3,
                 "For batched (3-D) `query`, expected `attn_mask` to be `None`, 2-D or 3-D but "
                 "found ", attn_mask.dim(), "-D tensor instead");
    return true;
  }
  if (query.dim() == 2) {
    MHA_ASSERT(key.dim() == 2 && value.dim() == 2,
               "For unbatched (2-D) `query`, expected `key` and `value` to be 2-D but found ",
               key.dim(), "-D and ", value.dim(), "-D tensors respectively");
    if (key_padding_mask.defined())
      MHA_ASSERT(key_padding_mask.dim() == 1,
                 "For unbatched (2-D) `query`, expected `key_padding_mask` to be `None` or 1-D but "
                 "found ", key_padding_mask.dim(), "-D tensor instead");
    if (attn_mask.defined()) {
      MHA_ASSERT(attn_mask.dim() == 2 || attn_mask.dim() == 3,
                 "For unbatched (2-D) `query`, expected `attn_mask` to be `None`, 2-D or 3-D but "
                 "found ", attn_mask.dim(), "-D tensor instead");
      if (attn_mask.dim() == 3) {
        const std::vector<int64_t> expected = {num_heads, query.size(0), key.size(0)};
        MHA_ASSERT(same_sizes(attn_mask, expected), "Expected `attn_mask` shape to be ",
                   tuple_str(expected), " but got ", size_str(attn_mask.sizes()));
      }
    }
    return false;
  }
  throw AssertionError(str("query should be unbatched 2D or batched 3D tensor but received ",
                           query.dim(), "-D query tensor"));
}

Tensor pad_last(const Tensor& t) { return t.defined() ? constant_pad_nd(t, {0, 1}, 0) : t; }

// PyTorch's _in_projection_packed: one GEMM when q, k, v are the same tensor.
// With `views`, the packed outputs come back as column slices of one GEMM's
// result (no copy); the fused attention reads them strided.
std::tuple<Tensor, Tensor, Tensor> in_projection_packed(const Tensor& q, const Tensor& k,
                                                        const Tensor& v, const Tensor& w,
                                                        const Tensor& b, bool views = false) {
  const int64_t E = q.size(-1);
  if (k.is_same(v)) {
    if (q.is_same(k)) {
      Tensor proj = linear(q, w, b);
      if (views) return {proj.narrow(-1, 0, E), proj.narrow(-1, E, E), proj.narrow(-1, 2 * E, E)};
      proj = proj.unflatten(-1, {3, E}).unsqueeze(0).transpose(0, -2).squeeze(-2).contiguous();
      return {proj[0], proj[1], proj[2]};
    }
    std::vector<Tensor> ws = w.split_with_sizes({E, E * 2});
    Tensor bq, bkv;
    if (b.defined()) {
      std::vector<Tensor> bs = b.split_with_sizes({E, E * 2});
      bq = bs[0];
      bkv = bs[1];
    }
    Tensor qp = linear(q, ws[0], bq);
    Tensor kv = linear(k, ws[1], bkv);
    if (views) return {qp, kv.narrow(-1, 0, E), kv.narrow(-1, E, E)};
    kv = kv.unflatten(-1, {2, E}).unsqueeze(0).transpose(0, -2).squeeze(-2).contiguous();
    return {qp, kv[0], kv[1]};
  }
  std::vector<Tensor> ws = w.chunk(3);
  Tensor bq, bk, bv;
  if (b.defined()) {
    std::vector<Tensor> bs = b.chunk(3);
    bq = bs[0];
    bk = bs[1];
    bv = bs[2];
  }
  return {linear(q, ws[0], bq), linear(k, ws[1], bk), linear(v, ws[2], bv)};
}

// PyTorch's _in_projection: separate weights (kdim / vdim may differ).
std::tuple<Tensor, Tensor, Tensor> in_projection(const Tensor& q, const Tensor& k, const Tensor& v,
                                                 const Tensor& wq, const Tensor& wk,
                                                 const Tensor& wv, const Tensor& bq,
                                                 const Tensor& bk, const Tensor& bv) {
  const int64_t Eq = q.size(-1), Ek = k.size(-1), Ev = v.size(-1);
  MHA_ASSERT(wq.defined() && wk.defined() && wv.defined(),
             "use_separate_proj_weight is True but q_proj_weight, k_proj_weight or v_proj_weight "
             "is None");
  const std::vector<int64_t> sq{Eq, Eq}, sk{Eq, Ek}, sv{Eq, Ev}, sb{Eq};
  MHA_ASSERT(same_sizes(wq, sq), "expecting query weights shape of ", tuple_str(sq), ", but got ",
             size_str(wq.sizes()));
  MHA_ASSERT(same_sizes(wk, sk), "expecting key weights shape of ", tuple_str(sk), ", but got ",
             size_str(wk.sizes()));
  MHA_ASSERT(same_sizes(wv, sv), "expecting value weights shape of ", tuple_str(sv), ", but got ",
             size_str(wv.sizes()));
  MHA_ASSERT(!bq.defined() || same_sizes(bq, sb), "expecting query bias shape of ", tuple_str(sb),
             ", but got ", size_str(bq.sizes()));
  MHA_ASSERT(!bk.defined() || same_sizes(bk, sb), "expecting key bias shape of ", tuple_str(sb),
             ", but got ", size_str(bk.sizes()));
  MHA_ASSERT(!bv.defined() || same_sizes(bv, sb), "expecting value bias shape of ", tuple_str(sb),
             ", but got ", size_str(bv.sizes()));
  return {linear(q, wq, bq), linear(k, wk, bk), linear(v, wv, bv)};
}

}  // namespace

Tensor _canonical_mask(const Tensor& mask, const std::string& mask_name, ScalarType dtype) {
  if (!mask.defined()) return mask;
  if (mask.dtype() == kBool)
    return zeros_like(mask, TensorOptions(dtype))
        .masked_fill_(mask, -std::numeric_limits<double>::infinity());
  MHA_ASSERT(is_floating_type(mask.dtype()), "only bool and floating types of ", mask_name,
             " are supported");
  return mask;
}

std::tuple<Tensor, Tensor> multi_head_attention_forward(
    const Tensor& query_in, const Tensor& key_in, const Tensor& value_in,
    const MultiheadAttentionForwardFuncOptions& o) {
  const int64_t num_heads = o.num_heads();
  Tensor key_padding_mask = o.key_padding_mask();
  Tensor attn_mask = o.attn_mask();
  const bool is_batched =
      mha_shape_check(query_in, key_in, value_in, key_padding_mask, attn_mask, num_heads);
  Tensor query = query_in, key = key_in, value = value_in;
  // Keep "key is value" / "query is key" through the unsqueeze (packed projection).
  if (!is_batched) {
    const bool kv = key_in.is_same(value_in), qk = query_in.is_same(key_in);
    query = query_in.unsqueeze(1);
    key = qk ? query : key_in.unsqueeze(1);
    value = kv ? key : value_in.unsqueeze(1);
    if (key_padding_mask.defined()) key_padding_mask = key_padding_mask.unsqueeze(0);
  }
  const int64_t tgt_len = query.size(0), bsz = query.size(1), embed_dim = query.size(2);
  int64_t src_len = key.size(0);

  key_padding_mask = _canonical_mask(key_padding_mask, "key_padding_mask", query.dtype());
  bool is_causal = o.is_causal();
  if (is_causal) {
    WICK_CHECK(attn_mask.defined(),
               "Need attn_mask if specifying the is_causal hint. You may use the Transformer "
               "module method `generate_square_subsequent_mask` to create this mask.");
  }
  if (is_causal && !key_padding_mask.defined() && !o.need_weights()) {
    // sdpa takes the causal hint instead of the mask.
    attn_mask = Tensor();
  } else {
    attn_mask = _canonical_mask(attn_mask, "attn_mask", query.dtype());
    if (key_padding_mask.defined()) is_causal = false;
  }

  MHA_ASSERT(embed_dim == o.embed_dim_to_check(), "was expecting embedding dimension of ",
             o.embed_dim_to_check(), ", but got ", embed_dim);
  const int64_t head_dim = embed_dim / num_heads;
  MHA_ASSERT(head_dim * num_heads == embed_dim, "embed_dim ", embed_dim,
             " not divisible by num_heads ", num_heads);
  if (o.use_separate_proj_weight()) {
    MHA_ASSERT(key.size(0) == value.size(0) && key.size(1) == value.size(1), "key's sequence and "
               "batch dims ", tuple_str(key.sizes().slice(0, 2)), " do not match value's ",
               tuple_str(value.sizes().slice(0, 2)));
  } else {
    MHA_ASSERT(key.sizes() == value.sizes(), "key shape ", size_str(key.sizes()),
               " does not match value shape ", size_str(value.sizes()));
  }

  // The common need_weights=false case goes straight to the fused attention
  // on strided (batch, head) views: no head-split copies.
  const bool direct = !o.need_weights() && !o.bias_k().defined() && !o.bias_v().defined() &&
                      !o.static_k().defined() && !o.static_v().defined() && !o.add_zero_attn();
  Tensor q, k, v;
  if (!o.use_separate_proj_weight()) {
    MHA_ASSERT(o.in_proj_weight().defined(),
               "use_separate_proj_weight is False but in_proj_weight is None");
    std::tie(q, k, v) = in_projection_packed(query, key, value, o.in_proj_weight(),
                                             o.in_proj_bias(), direct);
  } else {
    Tensor bq, bk, bv;
    if (o.in_proj_bias().defined()) {
      std::vector<Tensor> bs = o.in_proj_bias().chunk(3);
      bq = bs[0];
      bk = bs[1];
      bv = bs[2];
    }
    std::tie(q, k, v) = in_projection(query, key, value, o.q_proj_weight(), o.k_proj_weight(),
                                      o.v_proj_weight(), bq, bk, bv);
  }

  if (attn_mask.defined()) {
    if (attn_mask.dim() == 2) {
      const std::vector<int64_t> want = {tgt_len, src_len};
      WICK_CHECK(same_sizes(attn_mask, want), "The shape of the 2D attn_mask is ",
                 size_str(attn_mask.sizes()), ", but should be ", tuple_str(want), ".");
      attn_mask = attn_mask.unsqueeze(0);
    } else if (attn_mask.dim() == 3) {
      const std::vector<int64_t> want = {bsz * num_heads, tgt_len, src_len};
      WICK_CHECK(same_sizes(attn_mask, want), "The shape of the 3D attn_mask is ",
                 size_str(attn_mask.sizes()), ", but should be ", tuple_str(want), ".");
    } else {
      WICK_CHECK(false, "attn_mask's dimension ", attn_mask.dim(), " is not supported");
    }
  }

  const Tensor& bias_k = o.bias_k();
  const Tensor& bias_v = o.bias_v();
  if (bias_k.defined() && bias_v.defined()) {
    MHA_ASSERT(!o.static_k().defined(), "bias cannot be added to static key.");
    MHA_ASSERT(!o.static_v().defined(), "bias cannot be added to static value.");
    k = cat({k, bias_k.repeat({1, bsz, 1})});
    v = cat({v, bias_v.repeat({1, bsz, 1})});
    attn_mask = pad_last(attn_mask);
    key_padding_mask = pad_last(key_padding_mask);
  } else {
    MHA_ASSERT(!bias_k.defined(), "bias_k is set but bias_v is None");
    MHA_ASSERT(!bias_v.defined(), "bias_v is set but bias_k is None");
  }

  if (direct) {
    // (batch, heads, L, S)-broadcastable masks, summed as the general path does
    std::optional<Tensor> mask;
    if (attn_mask.defined())
      mask = attn_mask.size(0) == 1 ? attn_mask.unsqueeze(0)
                                    : attn_mask.view({bsz, num_heads, tgt_len, src_len});
    if (key_padding_mask.defined()) {
      const std::vector<int64_t> want = {bsz, src_len};
      MHA_ASSERT(same_sizes(key_padding_mask, want), "expecting key_padding_mask shape of ",
                 tuple_str(want), ", but got ", size_str(key_padding_mask.sizes()));
      Tensor kpm = key_padding_mask.view({bsz, 1, 1, src_len});
      mask = mask ? *mask + kpm : kpm;
    }
    const double p = o.training() ? o.dropout_p() : 0.0;
    // (L, N, E) -> (N, H, L, head_dim) views
    auto heads = [&](const Tensor& t) {
      return t.unflatten(-1, {num_heads, head_dim}).permute({1, 2, 0, 3});
    };
    Tensor out = wick::scaled_dot_product_attention(heads(q), heads(k), heads(v), mask, p,
                                                    is_causal);
    out = out.permute({2, 0, 1, 3}).contiguous().view({bsz * tgt_len, embed_dim});
    out = linear(out, o.out_proj_weight(), o.out_proj_bias());
    out = out.view({tgt_len, bsz, out.size(1)});
    if (!is_batched) out = out.squeeze(1);
    return {out, Tensor()};
  }

  q = q.view({tgt_len, bsz * num_heads, head_dim}).transpose(0, 1);
  if (!o.static_k().defined()) {
    k = k.view({k.size(0), bsz * num_heads, head_dim}).transpose(0, 1);
  } else {
    const Tensor& sk = o.static_k();
    MHA_ASSERT(sk.size(0) == bsz * num_heads, "expecting static_k.size(0) of ", bsz * num_heads,
               ", but got ", sk.size(0));
    MHA_ASSERT(sk.size(2) == head_dim, "expecting static_k.size(2) of ", head_dim, ", but got ",
               sk.size(2));
    k = sk;
  }
  if (!o.static_v().defined()) {
    v = v.view({v.size(0), bsz * num_heads, head_dim}).transpose(0, 1);
  } else {
    const Tensor& sv = o.static_v();
    MHA_ASSERT(sv.size(0) == bsz * num_heads, "expecting static_v.size(0) of ", bsz * num_heads,
               ", but got ", sv.size(0));
    MHA_ASSERT(sv.size(2) == head_dim, "expecting static_v.size(2) of ", head_dim, ", but got ",
               sv.size(2));
    v = sv;
  }

  if (o.add_zero_attn()) {
    k = cat({k, zeros({bsz * num_heads, 1, head_dim}, k.options())}, 1);
    v = cat({v, zeros({bsz * num_heads, 1, head_dim}, v.options())}, 1);
    attn_mask = pad_last(attn_mask);
    key_padding_mask = pad_last(key_padding_mask);
  }
  src_len = k.size(1);

  if (key_padding_mask.defined()) {
    const std::vector<int64_t> want = {bsz, src_len};
    MHA_ASSERT(same_sizes(key_padding_mask, want), "expecting key_padding_mask shape of ",
               tuple_str(want), ", but got ", size_str(key_padding_mask.sizes()));
    key_padding_mask = key_padding_mask.view({bsz, 1, 1, src_len})
                           .expand({-1, num_heads, -1, -1})
                           .reshape({bsz * num_heads, 1, src_len});
    attn_mask = attn_mask.defined() ? attn_mask + key_padding_mask : key_padding_mask;
  }

  const double dropout_p = o.training() ? o.dropout_p() : 0.0;
  Tensor attn_output, weights;
  if (o.need_weights()) {
    const int64_t E = q.size(2);
    Tensor q_scaled = q * std::sqrt(1.0 / static_cast<double>(E));
    MHA_ASSERT(!(is_causal && !attn_mask.defined()), "FIXME: is_causal not implemented for need_weights");
    weights = attn_mask.defined() ? baddbmm(attn_mask, q_scaled, k.transpose(-2, -1))
                                  : bmm(q_scaled, k.transpose(-2, -1));
    weights = softmax(weights, -1);
    if (dropout_p > 0.0) weights = dropout(weights, dropout_p, true);
    attn_output = bmm(weights, v);
    attn_output = attn_output.transpose(0, 1).contiguous().view({tgt_len * bsz, embed_dim});
    attn_output = linear(attn_output, o.out_proj_weight(), o.out_proj_bias());
    attn_output = attn_output.view({tgt_len, bsz, attn_output.size(1)});
    weights = weights.view({bsz, num_heads, tgt_len, src_len});
    if (o.average_attn_weights()) weights = weights.mean({1});
    if (!is_batched) {
      attn_output = attn_output.squeeze(1);
      weights = weights.squeeze(0);
    }
    return {attn_output, weights};
  }
  std::optional<Tensor> mask;
  if (attn_mask.defined()) {
    if (attn_mask.size(0) == 1 && attn_mask.dim() == 3)
      mask = attn_mask.unsqueeze(0);
    else
      mask = attn_mask.view({bsz, num_heads, -1, src_len});
  }
  q = q.view({bsz, num_heads, tgt_len, head_dim});
  k = k.view({bsz, num_heads, src_len, head_dim});
  v = v.view({bsz, num_heads, src_len, head_dim});
  attn_output = wick::scaled_dot_product_attention(q, k, v, mask, dropout_p, is_causal);
  attn_output = attn_output.permute({2, 0, 1, 3}).contiguous().view({bsz * tgt_len, embed_dim});
  attn_output = linear(attn_output, o.out_proj_weight(), o.out_proj_bias());
  attn_output = attn_output.view({tgt_len, bsz, attn_output.size(1)});
  if (!is_batched) attn_output = attn_output.squeeze(1);
  return {attn_output, Tensor()};
}

}  // namespace wick::nn::functional
