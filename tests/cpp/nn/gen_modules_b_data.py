"""Regenerates modules_b_test_data.h: activation and loss modules of PyTorch run
on fixed inputs (baked into the header), with their outputs and the gradients of
(output * w).sum() (w = cos(arange(out.numel()))) for the inputs listed in
`grads`. modules_b_test.cpp builds the same modules in C++ by case name and
functional_b_test.cpp the same F:: calls; both compare with these values.

Run with Debian's interpreter: /usr/bin/python3 tests/cpp/nn/gen_modules_b_data.py
"""
import os

import torch
from torch import nn
import torch.nn.functional as F


def fixed(*shape, scale=3.0, shift=0.0):
    n = 1
    for s in shape:
        n *= s
    return torch.sin(torch.arange(n, dtype=torch.float32) * 0.37 + shift).reshape(shape) * scale


def pm1(*shape):
    return torch.where(fixed(*shape, shift=1.3) > 0, 1.0, -1.0)


def probs(*shape, shift=0.5):
    return torch.softmax(fixed(*shape, shift=shift), dim=-1)


def pos(*shape, shift=0.2):
    return fixed(*shape, shift=shift).abs() + 0.1


class Fn(nn.Module):
    """A functional-only case (names start with f_; only functional_b_test runs them)."""

    def __init__(self, f):
        super().__init__()
        self.f = f

    def forward(self, *xs):
        return self.f(*xs)


X = fixed(2, 3, 4)
COS_DIST = lambda a, b: 1.0 - F.cosine_similarity(a, b)

# name, module factory, inputs, indices of the inputs whose gradient is baked, seed (or None)
CASES = [
    ("elu", lambda: nn.ELU(alpha=1.5), [X], (0,), None),
    ("elu_default", lambda: nn.ELU(), [X], (0,), None),
    ("selu", lambda: nn.SELU(), [X], (0,), None),
    ("celu", lambda: nn.CELU(alpha=0.7), [X], (0,), None),
    ("glu", lambda: nn.GLU(dim=1), [fixed(2, 4, 3)], (0,), None),
    ("hardshrink", lambda: nn.Hardshrink(0.8), [X], (0,), None),
    ("hardtanh", lambda: nn.Hardtanh(-0.5, 1.2), [X], (0,), None),
    ("leaky_relu", lambda: nn.LeakyReLU(0.2), [X], (0,), None),
    ("logsigmoid", lambda: nn.LogSigmoid(), [X], (0,), None),
    ("relu6", lambda: nn.ReLU6(), [fixed(2, 3, 4, scale=8.0)], (0,), None),
    ("rrelu_eval", lambda: nn.RReLU(0.1, 0.3).eval(), [X], (0,), None),
    ("rrelu_train", lambda: nn.RReLU(0.1, 0.3), [X], (0,), 5),
    ("mish", lambda: nn.Mish(), [X], (0,), None),
    ("softplus", lambda: nn.Softplus(beta=2, threshold=1), [X], (0,), None),
    ("softshrink", lambda: nn.Softshrink(0.6), [X], (0,), None),
    ("softsign", lambda: nn.Softsign(), [X], (0,), None),
    ("tanhshrink", lambda: nn.Tanhshrink(), [X], (0,), None),
    ("threshold", lambda: nn.Threshold(0.1, 20), [X], (0,), None),
    ("softmin", lambda: nn.Softmin(dim=1), [X], (0,), None),
    ("softmax2d", lambda: nn.Softmax2d(), [fixed(2, 3, 2, 2)], (0,), None),
    ("softmax2d_3d", lambda: nn.Softmax2d(), [fixed(3, 2, 2)], (0,), None),
    ("hardsigmoid", lambda: nn.Hardsigmoid(), [X], (0,), None),
    ("hardswish", lambda: nn.Hardswish(), [X], (0,), None),
    ("gelu_tanh", lambda: nn.GELU(approximate="tanh"), [X], (0,), None),
    ("silu", lambda: nn.SiLU(), [X], (0,), None),
    ("softmax", lambda: nn.Softmax(dim=2), [X], (0,), None),
    ("log_softmax", lambda: nn.LogSoftmax(dim=0), [X], (0,), None),
    # losses
    ("l1", lambda: nn.L1Loss(reduction="sum"), [fixed(3, 4), fixed(3, 4, shift=1.0)], (0,), None),
    ("mse", lambda: nn.MSELoss(reduction="none"), [fixed(3, 4), fixed(3, 4, shift=1.0)], (0,), None),
    ("kl_div_batchmean", lambda: nn.KLDivLoss(reduction="batchmean"),
     [probs(3, 4).log(), probs(3, 4, shift=2.0)], (0, 1), None),
    ("kl_div_log_target", lambda: nn.KLDivLoss(reduction="mean", log_target=True),
     [probs(3, 4).log(), probs(3, 4, shift=2.0).log()], (0, 1), None),
    ("kl_div_none", lambda: nn.KLDivLoss(reduction="none"),
     [probs(3, 4).log(), probs(3, 4, shift=2.0)], (0,), None),
    ("hinge_embedding", lambda: nn.HingeEmbeddingLoss(margin=0.5), [fixed(3, 4, scale=1.0), pm1(3, 4)],
     (0,), None),
    ("multi_margin", lambda: nn.MultiMarginLoss(), [fixed(4, 5), torch.tensor([0, 3, 4, 1])], (0,), None),
    ("multi_margin_p2_weight", lambda: nn.MultiMarginLoss(p=2, margin=0.7,
                                                          weight=torch.tensor([1.0, 0.5, 2.0, 1.5, 0.3]),
                                                          reduction="sum"),
     [fixed(4, 5), torch.tensor([0, 3, 4, 1])], (0,), None),
    ("cosine_embedding", lambda: nn.CosineEmbeddingLoss(margin=0.2),
     [fixed(4, 5), fixed(4, 5, shift=0.9), torch.tensor([1.0, -1.0, -1.0, 1.0])], (0, 1), None),
    ("smooth_l1", lambda: nn.SmoothL1Loss(beta=0.5), [fixed(3, 4), fixed(3, 4, shift=1.0)], (0,), None),
    ("huber", lambda: nn.HuberLoss(reduction="sum", delta=0.7), [fixed(3, 4), fixed(3, 4, shift=1.0)],
     (0,), None),
    ("multilabel_margin", lambda: nn.MultiLabelMarginLoss(),
     [fixed(2, 4, scale=1.0), torch.tensor([[3, 0, -1, 1], [1, 2, 3, -1]])], (0,), None),
    ("soft_margin", lambda: nn.SoftMarginLoss(), [fixed(3, 4, scale=1.0), pm1(3, 4)], (0,), None),
    ("multilabel_soft_margin", lambda: nn.MultiLabelSoftMarginLoss(
        weight=torch.tensor([1.0, 2.0, 0.5, 1.5])),
     [fixed(3, 4), (pm1(3, 4) + 1) / 2], (0,), None),
    ("triplet_margin", lambda: nn.TripletMarginLoss(margin=2.0, p=1, swap=True),
     [fixed(4, 5), fixed(4, 5, shift=0.4), fixed(4, 5, shift=2.1)], (0, 1, 2), None),
    ("triplet_distance_default", lambda: nn.TripletMarginWithDistanceLoss(margin=3.0),
     [fixed(4, 5), fixed(4, 5, shift=0.4), fixed(4, 5, shift=2.1)], (0, 1, 2), None),
    ("triplet_distance_cosine", lambda: nn.TripletMarginWithDistanceLoss(
        distance_function=COS_DIST, margin=0.5, swap=True, reduction="none"),
     [fixed(4, 5), fixed(4, 5, shift=0.4), fixed(4, 5, shift=2.1)], (0, 1, 2), None),
    ("ctc", lambda: nn.CTCLoss(),
     [torch.log_softmax(fixed(6, 2, 4), 2), torch.tensor([[1, 2, 2], [3, 1, 0]]),
      torch.tensor([6, 5]), torch.tensor([3, 2])], (0,), None),
    ("ctc_sum_blank", lambda: nn.CTCLoss(blank=3, reduction="sum", zero_infinity=True),
     [torch.log_softmax(fixed(6, 2, 4), 2), torch.tensor([[1, 2, 2], [0, 1, 0]]),
      torch.tensor([6, 5]), torch.tensor([3, 2])], (0,), None),
    ("poisson_nll", lambda: nn.PoissonNLLLoss(), [fixed(3, 4, scale=1.0), pos(3, 4) * 3], (0,), None),
    ("poisson_nll_full", lambda: nn.PoissonNLLLoss(log_input=False, full=True, reduction="sum"),
     [pos(3, 4), pos(3, 4, shift=1.0) * 3], (0,), None),
    ("margin_ranking", lambda: nn.MarginRankingLoss(margin=0.1),
     [fixed(5), fixed(5, shift=0.8), pm1(5)], (0, 1), None),
    ("gaussian_nll", lambda: nn.GaussianNLLLoss(), [fixed(3, 4), fixed(3, 4, shift=1.0), pos(3, 4)],
     (0, 2), None),
    ("gaussian_nll_full", lambda: nn.GaussianNLLLoss(full=True, eps=0.01, reduction="none"),
     [fixed(3, 4), fixed(3, 4, shift=1.0), pos(3, 1)], (0, 2), None),
    ("cross_entropy", lambda: nn.CrossEntropyLoss(weight=torch.tensor([1.0, 0.5, 2.0, 1.5]), ignore_index=2,
                                                  label_smoothing=0.1),
     [fixed(5, 4), torch.tensor([0, 2, 3, 1, 3])], (0,), None),
    ("cross_entropy_probs", lambda: nn.CrossEntropyLoss(reduction="sum"), [fixed(3, 4), probs(3, 4, shift=2.0)],
     (0,), None),
    ("nll", lambda: nn.NLLLoss(weight=torch.tensor([1.0, 0.5, 2.0, 1.5]), reduction="sum"),
     [torch.log_softmax(fixed(5, 4), 1), torch.tensor([0, 2, 3, 1, 3])], (0,), None),
    ("bce", lambda: nn.BCELoss(weight=torch.tensor([1.0, 0.5, 2.0, 1.5])),
     [probs(3, 4), probs(3, 4, shift=2.0)], (0,), None),
    # functional-only
    ("f_gumbel_soft", lambda: Fn(lambda x: F.gumbel_softmax(x, tau=0.5)), [fixed(3, 5)], (0,), 3),
    ("f_gumbel_hard", lambda: Fn(lambda x: F.gumbel_softmax(x, tau=2.0, hard=True, dim=0)), [fixed(3, 5)],
     (0,), 4),
    ("f_softmax_double", lambda: Fn(lambda x: F.softmax(x, dim=1, dtype=torch.float64).float()), [X], (0,), None),
    ("f_rrelu_train", lambda: Fn(lambda x: F.rrelu(x, 0.2, 0.6, training=True)), [X], (0,), 11),
    ("f_threshold", lambda: Fn(lambda x: F.threshold(x, -0.5, 7.0)), [X], (0,), None),
    ("bce_logits", lambda: nn.BCEWithLogitsLoss(pos_weight=torch.tensor([1.0, 3.0, 0.5, 2.0]), reduction="sum"),
     [fixed(3, 4), probs(3, 4, shift=2.0)], (0,), None),
]


def floats(t):
    return ", ".join(f"{float(v)!r}" for v in t.detach().double().flatten().tolist())


def ints(xs):
    return ", ".join(str(int(v)) for v in xs)


lines = ["// Generated by gen_modules_b_data.py from PyTorch " + torch.__version__ + "; do not edit.",
         "#pragma once", "#include <cstdint>", "#include <vector>", "",
         "struct ModuleBTensor {",
         "  std::vector<int64_t> shape;",
         "  bool integral;  // int64 when true, else float32",
         "  std::vector<double> values;",
         "};",
         "struct ModuleBCase {",
         "  const char* name;",
         "  int64_t seed;  // -1: no manual_seed before the forward",
         "  std::vector<ModuleBTensor> inputs;",
         "  ModuleBTensor output;",
         "  std::vector<int> grad_inputs;",
         "  std::vector<ModuleBTensor> grads;  // of (output * cos(arange(numel))).sum(), one per grad_inputs",
         "};", "",
         "inline const std::vector<ModuleBCase>& module_b_cases() {",
         "  static const std::vector<ModuleBCase> cases = {"]


def tens(t):
    integral = not t.dtype.is_floating_point
    return f"{{{{{ints(t.shape)}}}, {'true' if integral else 'false'}, {{{floats(t)}}}}}"


for name, make, inputs, grad_idx, seed in CASES:
    m = make()
    xs = [x.clone().requires_grad_(i in grad_idx) for i, x in enumerate(inputs)]
    if seed is not None:
        torch.manual_seed(seed)
    y = m(*xs)
    w = torch.cos(torch.arange(y.numel(), dtype=torch.float32)).reshape(y.shape)
    (y * w).sum().backward()
    ins = ",\n        ".join(tens(x.detach()) for x in inputs)
    grads = ",\n        ".join(tens(xs[i].grad) for i in grad_idx)
    lines.append(f'      {{"{name}", {seed if seed is not None else -1},\n'
                 f'       {{{ins}}},\n       {tens(y.detach())},\n'
                 f'       {{{ints(grad_idx)}}},\n       {{{grads}}}}},')
lines += ["  };", "  return cases;", "}", ""]
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "modules_b_test_data.h"), "w") as f:
    f.write("\n".join(lines))
