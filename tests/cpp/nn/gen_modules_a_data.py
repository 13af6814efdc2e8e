"""Regenerates modules_a_test_data.h for modules_a_test.cpp and functional_a_test.cpp.

MODULE_CASES: PyTorch modules built after manual_seed(seed), run on fixed inputs
(sin of arange with a phase per input, so no RNG is drawn for them). The C++
test builds the same modules with the same seed, so default weights, outputs,
input gradients of sum(y * cos-weights) and state-dict keys must all agree.
FUNC_CASES: torch.nn.functional calls on the same fixed inputs.

Run with Debian's interpreter: /usr/bin/python3 tests/cpp/nn/gen_modules_a_data.py
"""
import os

import torch
import torch.nn.functional as F
from torch import nn


def fixed_input(shape, k=0):
    n = 1
    for s in shape:
        n *= s
    return torch.sin(torch.arange(n, dtype=torch.float32) * 0.37 + k).reshape(shape)


def out_weights(y):
    return torch.cos(torch.arange(y.numel(), dtype=torch.float32) * 0.11).reshape(y.shape)


def unpool(pool, unpool_mod, output_size=None):
    def call(m, x):
        y, idx = pool(x)
        return m(y, idx, output_size) if output_size is not None else m(y, idx)
    return call


class LPPool3d(nn.Module):
    """PyTorch 2.x's LPPool3d (torch 1.13 has none), written as 2.x's F.lp_pool3d."""

    def __init__(self, norm_type, kernel_size):
        super().__init__()
        self.p, self.k = norm_type, kernel_size

    def forward(self, x):
        out = F.avg_pool3d(x.pow(self.p), self.k)
        return (torch.sign(out) * F.relu(torch.abs(out))).mul(self.k ** 3).pow(1.0 / self.p)


EB_INPUT = torch.tensor([1, 2, 4, 5, 4, 3, 2, 9])
EB_OFFSETS = torch.tensor([0, 3, 3])

MODULE_CASES = [
    # name, seed, input shapes, module factory, call (default m(*xs))
    ("conv_transpose1d", 20, [(1, 2, 5)], lambda: nn.ConvTranspose1d(2, 3, 3, stride=2), None),
    ("conv_transpose2d", 21, [(2, 4, 3, 3)],
     lambda: nn.ConvTranspose2d(4, 2, (3, 2), stride=2, padding=1, output_padding=1, groups=2), None),
    ("conv_transpose2d_output_size", 22, [(1, 2, 3, 3)], lambda: nn.ConvTranspose2d(2, 2, 3, stride=2),
     lambda m, x: m(x, output_size=[8, 8])),
    ("conv_transpose3d", 23, [(1, 2, 2, 2, 2)], lambda: nn.ConvTranspose3d(2, 2, 2, stride=2, bias=False), None),
    ("bilinear", 24, [(5, 3), (5, 4)], lambda: nn.Bilinear(3, 4, 2), None),
    ("unflatten", 25, [(2, 6)], lambda: nn.Unflatten(1, (2, 3)), None),
    ("max_pool1d", 26, [(2, 3, 9)], lambda: nn.MaxPool1d(3, stride=2, padding=1), None),
    ("max_pool3d", 27, [(1, 2, 4, 4, 4)], lambda: nn.MaxPool3d(2), None),
    ("avg_pool1d", 28, [(2, 3, 9)], lambda: nn.AvgPool1d(3, stride=2, padding=1, count_include_pad=False), None),
    ("avg_pool3d", 29, [(1, 2, 3, 3, 3)], lambda: nn.AvgPool3d(2, stride=1), None),
    ("adaptive_avg_pool1d", 30, [(2, 3, 10)], lambda: nn.AdaptiveAvgPool1d(4), None),
    ("adaptive_avg_pool3d", 31, [(1, 2, 4, 5, 3)], lambda: nn.AdaptiveAvgPool3d((2, 3, 2)), None),
    ("adaptive_max_pool1d", 32, [(2, 3, 10)], lambda: nn.AdaptiveMaxPool1d(3), None),
    ("adaptive_max_pool2d", 33, [(1, 2, 5, 7)], lambda: nn.AdaptiveMaxPool2d((2, 3)), None),
    ("adaptive_max_pool3d", 34, [(1, 2, 4, 4, 5)], lambda: nn.AdaptiveMaxPool3d(2), None),
    ("max_unpool1d", 35, [(1, 2, 9)], lambda: nn.MaxUnpool1d(2),
     unpool(lambda x: F.max_pool1d(x, 2, return_indices=True), None, [9])),
    ("max_unpool2d", 36, [(1, 2, 4, 4)], lambda: nn.MaxUnpool2d(2),
     unpool(lambda x: F.max_pool2d(x, 2, return_indices=True), None)),
    ("max_unpool3d", 37, [(1, 1, 4, 4, 4)], lambda: nn.MaxUnpool3d(2, stride=2),
     unpool(lambda x: F.max_pool3d(x, 2, return_indices=True), None)),
    ("lp_pool1d", 38, [(2, 3, 8)], lambda: nn.LPPool1d(2, 3, stride=2), None),
    ("lp_pool2d", 39, [(1, 2, 4, 6)], lambda: nn.LPPool2d(4, 2), None),
    ("group_norm", 40, [(2, 4, 3)], lambda: nn.GroupNorm(2, 4), None),
    ("instance_norm1d_affine", 41, [(2, 3, 5)], lambda: nn.InstanceNorm1d(3, affine=True), None),
    ("instance_norm2d_running", 42, [(2, 3, 3, 3)], lambda: nn.InstanceNorm2d(3, track_running_stats=True), None),
    ("instance_norm3d_unbatched", 43, [(2, 3, 3, 3)], lambda: nn.InstanceNorm3d(2), None),
    ("local_response_norm", 44, [(2, 5, 3, 3)], lambda: nn.LocalResponseNorm(3), None),
    ("dropout1d", 45, [(2, 4, 5)], lambda: nn.Dropout1d(0.5), None),
    ("dropout3d", 46, [(2, 3, 2, 2, 2)], lambda: nn.Dropout3d(0.5), None),
    ("alpha_dropout", 47, [(3, 4)], lambda: nn.AlphaDropout(0.3), None),
    ("feature_alpha_dropout", 48, [(2, 3, 4)], lambda: nn.FeatureAlphaDropout(0.4), None),
    ("embedding_bag_sum", 49, [], lambda: nn.EmbeddingBag(10, 3, mode="sum"),
     lambda m: m(EB_INPUT, EB_OFFSETS)),
    ("embedding_bag_mean_padding", 50, [], lambda: nn.EmbeddingBag(10, 3, padding_idx=4),
     lambda m: m(EB_INPUT, EB_OFFSETS)),
    ("embedding_bag_max_2d", 51, [], lambda: nn.EmbeddingBag(10, 2, mode="max"),
     lambda m: m(EB_INPUT.view(2, 4))),
    ("embedding_bag_weights", 52, [], lambda: nn.EmbeddingBag(10, 2, mode="sum"),
     lambda m: m(EB_INPUT, EB_OFFSETS, per_sample_weights=fixed_input((8,)))),
    ("reflection_pad1d", 53, [(1, 2, 5)], lambda: nn.ReflectionPad1d(2), None),
    ("reflection_pad2d", 54, [(1, 2, 3, 4)], lambda: nn.ReflectionPad2d((1, 0, 2, 1)), None),
    ("reflection_pad3d", 55, [(1, 1, 3, 3, 3)], lambda: nn.ReflectionPad3d(1), None),
    ("replication_pad1d", 56, [(1, 2, 4)], lambda: nn.ReplicationPad1d((1, 2)), None),
    ("replication_pad2d", 57, [(1, 2, 3, 3)], lambda: nn.ReplicationPad2d(1), None),
    ("replication_pad3d", 58, [(1, 1, 2, 3, 2)], lambda: nn.ReplicationPad3d((1, 0, 1, 0, 0, 1)), None),
    # torch 1.13 has no ZeroPad1d/3d: the same constant pads.
    ("zero_pad1d", 59, [(2, 3)], lambda: nn.ConstantPad1d((2, 1), 0.0), None),
    ("zero_pad2d", 60, [(1, 1, 2, 3)], lambda: nn.ZeroPad2d((1, 1, 0, 2)), None),
    ("zero_pad3d", 61, [(1, 1, 2, 2, 2)], lambda: nn.ConstantPad3d(1, 0.0), None),
    ("constant_pad1d", 62, [(1, 2, 3)], lambda: nn.ConstantPad1d(2, 3.5), None),
    ("constant_pad2d", 63, [(1, 2, 2)], lambda: nn.ConstantPad2d((1, 0, 2, 0), -1.0), None),
    ("constant_pad3d", 64, [(1, 1, 2, 2, 1)], lambda: nn.ConstantPad3d(1, 0.5), None),
    ("upsample_nearest", 65, [(1, 2, 3, 3)], lambda: nn.Upsample(scale_factor=2, mode="nearest"), None),
    ("upsample_bilinear_align", 66, [(1, 2, 3, 4)],
     lambda: nn.Upsample(size=(5, 7), mode="bilinear", align_corners=True), None),
    ("upsample_bicubic", 67, [(1, 1, 4, 4)], lambda: nn.Upsample(scale_factor=1.5, mode="bicubic"), None),
    ("upsample_linear", 68, [(1, 2, 4)], lambda: nn.Upsample(size=7, mode="linear"), None),
    ("upsample_trilinear", 69, [(1, 1, 2, 3, 2)],
     lambda: nn.Upsample(scale_factor=(2, 1, 2), mode="trilinear"), None),
    ("pixel_shuffle", 70, [(1, 8, 2, 3)], lambda: nn.PixelShuffle(2), None),
    ("pixel_unshuffle", 71, [(1, 2, 4, 6)], lambda: nn.PixelUnshuffle(2), None),
    ("fold", 72, [(1, 12, 15)], lambda: nn.Fold((4, 5), (2, 3), padding=1, stride=(1, 2)), None),
    ("unfold", 73, [(2, 2, 5, 6)], lambda: nn.Unfold((2, 3), dilation=(1, 2), padding=1, stride=2), None),
    ("lp_pool3d", 76, [(1, 2, 4, 4, 4)], lambda: LPPool3d(2.0, 2), None),
    ("cross_map_lrn2d", 77, [(2, 6, 2, 2)], lambda: nn.CrossMapLRN2d(3, 1e-2, 0.75, 2), None),
    ("cross_map_lrn2d_even", 78, [(1, 5, 2, 1)], lambda: nn.CrossMapLRN2d(4, 0.1, 0.5, 1), None),
    ("adaptive_avg_pool2d_none", 79, [(1, 2, 5, 4)], lambda: nn.AdaptiveAvgPool2d((None, 3)), None),
    ("adaptive_max_pool3d_none", 80, [(1, 1, 3, 4, 5)], lambda: nn.AdaptiveMaxPool3d((2, None, 3)), None),
    ("cosine_similarity", 74, [(3, 4), (3, 4)], lambda: nn.CosineSimilarity(dim=1), None),
    ("pairwise_distance", 75, [(3, 4), (3, 4)], lambda: nn.PairwiseDistance(p=1, keepdim=True), None),
]

# PyTorch's legacy CrossMapLRN2d backward is its own formula, not the derivative
# of its forward (whose running sum never drops channel 0); wick differentiates
# the forward, so only the forward values are compared.
NO_GRAD = {"cross_map_lrn2d", "cross_map_lrn2d_even"}

THETA = torch.tensor([[[0.9, -0.2, 0.1], [0.3, 1.1, -0.2]]])
GRID = torch.tanh(fixed_input((1, 3, 4, 2), 1)) * 1.1

FUNC_CASES = [
    # name, input shapes, function of the inputs
    ("interpolate_area", [(1, 2, 5, 7)], lambda x: F.interpolate(x, size=(2, 3), mode="area")),
    ("interpolate_nearest_exact", [(1, 1, 3, 5)],
     lambda x: F.interpolate(x, scale_factor=1.7, mode="nearest-exact")),
    ("interpolate_bilinear_recompute", [(1, 1, 3, 5)],
     lambda x: F.interpolate(x, scale_factor=1.7, mode="bilinear", recompute_scale_factor=True)),
    ("interpolate_bilinear_aa", [(1, 2, 9, 11)],
     lambda x: F.interpolate(x, size=(4, 5), mode="bilinear", antialias=True)),
    ("interpolate_bicubic_aa", [(1, 2, 9, 11)],
     lambda x: F.interpolate(x, scale_factor=0.45, mode="bicubic", antialias=True)),
    ("pad_circular", [(1, 2, 3, 4)], lambda x: F.pad(x, (1, 2, 2, 1), mode="circular")),
    ("pad_constant", [(2, 3)], lambda x: F.pad(x, (1, 1, 0, 1), value=2.5)),
    ("normalize_p1_dim0", [(3, 4)], lambda x: F.normalize(x, p=1.0, dim=0)),
    ("batch_norm_training", [(4, 3)], lambda x: F.batch_norm(
        x, torch.zeros(3), torch.ones(3), weight=fixed_input((3,), 2), bias=fixed_input((3,), 3),
        training=True, momentum=0.2)),
    ("layer_norm_affine", [(2, 3, 4)], lambda x: F.layer_norm(
        x, (4,), weight=fixed_input((4,), 1), bias=fixed_input((4,), 2), eps=1e-3)),
    ("group_norm_affine", [(2, 6, 2)], lambda x: F.group_norm(
        x, 3, weight=fixed_input((6,), 1), bias=fixed_input((6,), 2))),
    ("instance_norm_stats", [(2, 3, 4)], lambda x: F.instance_norm(x, eps=1e-3)),
    ("local_response_norm", [(1, 4, 3)], lambda x: F.local_response_norm(x, 2, alpha=0.1, beta=0.5, k=2.0)),
    ("conv2d_same", [(1, 2, 5, 5), (3, 2, 3, 2)], lambda x, w: F.conv2d(x, w, padding="same", dilation=(1, 2))),
    ("conv1d_stride_bias", [(2, 2, 7), (4, 1, 3), (4,)], lambda x, w, b: F.conv1d(x, w, b, stride=2, groups=2)),
    ("conv_transpose2d_dilation", [(1, 2, 3, 3), (2, 3, 2, 2)],
     lambda x, w: F.conv_transpose2d(x, w, stride=2, padding=1, output_padding=1, dilation=2)),
    ("linear", [(3, 4), (2, 4), (2,)], lambda x, w, b: F.linear(x, w, b)),
    ("bilinear", [(3, 2), (3, 3), (4, 2, 3)], lambda a, b, w: F.bilinear(a, b, w)),
    ("max_pool2d_ceil_dilation", [(1, 1, 6, 7)],
     lambda x: F.max_pool2d(x, 2, stride=2, dilation=(1, 2), ceil_mode=True)),
    ("avg_pool2d_divisor", [(1, 2, 4, 4)], lambda x: F.avg_pool2d(x, 3, stride=1, padding=1, divisor_override=4)),
    ("lp_pool2d_ceil", [(1, 1, 5, 5)], lambda x: F.lp_pool2d(x, 2.0, 2, ceil_mode=True)),
    ("embedding_max_norm", [], lambda: F.embedding(torch.tensor([[0, 2], [3, 2]]), fixed_input((4, 3)) * 3,
                                                   max_norm=1.5)),
    ("one_hot", [], lambda: F.one_hot(torch.tensor([0, 3, 1]), 5).float()),
    ("affine_grid", [], lambda: F.affine_grid(THETA, [1, 1, 3, 4], align_corners=False)),
    ("grid_sample_bilinear", [(1, 2, 4, 5)], lambda x: F.grid_sample(x, GRID, align_corners=False)),
    ("grid_sample_nearest_border", [(1, 2, 4, 5)], lambda x: F.grid_sample(
        x, GRID, mode="nearest", padding_mode="border", align_corners=True)),
    ("grid_sample_bicubic_reflection", [(1, 1, 4, 5)], lambda x: F.grid_sample(
        x, GRID, mode="bicubic", padding_mode="reflection", align_corners=False)),
    ("fold_unbatched", [(12, 15)], lambda x: F.fold(x, (4, 5), (2, 3), padding=1, stride=(1, 2))),
    ("unfold_unbatched", [(2, 4, 4)], lambda x: F.unfold(x, 2, stride=2)),
    ("pixel_shuffle_batched3", [(2, 1, 4, 1, 2)], lambda x: F.pixel_shuffle(x, 2)),
    ("cosine_similarity_dim0", [(3, 4), (3, 4)], lambda a, b: F.cosine_similarity(a, b, dim=0, eps=1e-6)),
    ("pairwise_distance_p3", [(3, 4), (3, 4)], lambda a, b: F.pairwise_distance(a, b, p=3.0, eps=1e-4)),
    ("pdist", [(4, 3)], lambda x: F.pdist(x)),
    ("pdist_p1", [(3, 2)], lambda x: F.pdist(x, 1.0)),
    ("dropout_train", [(4, 5)], lambda x: F.dropout(x, 0.4, training=True)),
    ("dropout2d_train", [(2, 4, 2, 2)], lambda x: F.dropout2d(x, 0.5, training=True)),
    ("embedding_bag_func", [], lambda: F.embedding_bag(EB_INPUT, fixed_input((10, 2)), EB_OFFSETS,
                                                       mode="max")),
]


def floats(t):
    return ", ".join(f"{float(v)!r}f" for v in t.detach().float().flatten().tolist())


def ints(t):
    return ", ".join(str(int(v)) for v in t)


def shapes(ss):
    return "{" + ", ".join("{" + ", ".join(map(str, s)) + "}" for s in ss) + "}"


lines = ["// Generated by gen_modules_a_data.py from PyTorch " + torch.__version__ + "; do not edit.",
         "#pragma once", "#include <cstdint>", "#include <string>", "#include <vector>", "",
         "struct ModuleACase {", "  const char* name;", "  uint64_t seed;",
         "  std::vector<std::vector<int64_t>> input_shapes;", "  std::vector<int64_t> output_shape;",
         "  std::vector<float> output;",
         "  std::vector<float> grad;  // of sum(y * cos-weights) w.r.t. the first input (if float)",
         "  std::vector<std::string> state_keys;",
         "  std::vector<float> state_values;  // all state-dict tensors after forward, flattened in order",
         "};", "", "struct FuncACase {", "  const char* name;", "  uint64_t seed;",
         "  std::vector<std::vector<int64_t>> input_shapes;", "  std::vector<int64_t> output_shape;",
         "  std::vector<float> output;", "};", "",
         "inline const std::vector<ModuleACase>& module_a_cases() {",
         "  static const std::vector<ModuleACase> cases = {"]
for name, seed, in_shapes, make, call in MODULE_CASES:
    torch.manual_seed(seed)
    m = make()
    xs = [fixed_input(s, k).requires_grad_() for k, s in enumerate(in_shapes)]
    y = call(m, *xs) if call is not None else m(*xs)
    grad = torch.zeros(0)
    if xs and name not in NO_GRAD:
        (y * out_weights(y)).sum().backward()
        grad = xs[0].grad
    sd = m.state_dict()
    keys = ", ".join(f'"{k}"' for k in sd)
    state = torch.cat([v.float().flatten() for v in sd.values()]) if sd else torch.zeros(0)
    lines.append(f'      {{"{name}", {seed}, {shapes(in_shapes)}, {{{", ".join(map(str, y.shape))}}},\n'
                 f'       {{{floats(y)}}},\n       {{{floats(grad)}}},\n'
                 f'       {{{keys}}},\n       {{{floats(state)}}}}},')
lines += ["  };", "  return cases;", "}", "",
          "inline const std::vector<FuncACase>& func_a_cases() {",
          "  static const std::vector<FuncACase> cases = {"]
for i, (name, in_shapes, fn) in enumerate(FUNC_CASES):
    seed = 100 + i
    xs = [fixed_input(s, k) for k, s in enumerate(in_shapes)]
    torch.manual_seed(seed)
    y = fn(*xs)
    lines.append(f'      {{"{name}", {seed}, {shapes(in_shapes)}, {{{", ".join(map(str, y.shape))}}},\n'
                 f'       {{{floats(y)}}}}},')
lines += ["  };", "  return cases;", "}", ""]
with open(os.path.join(os.path.dirname(__file__), "modules_a_test_data.h"), "w") as f:
    f.write("\n".join(lines))
