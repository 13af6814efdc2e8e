"""Layer modules against PyTorch: repr, parameter/buffer names, default
initialisation (same seed, same values), forward values and gradients,
train/eval behaviour, constructor errors.

Forward checks call wick.nn.functional; a layer whose F function is missing fails."""
import re

import pytest

import wick
from conftest import assert_same, needs_torch, wick_repr

pytestmark = needs_torch


def needs_F(*names):
    for name in names:
        assert hasattr(wick.nn.functional, name), f"F.{name} is missing"


def run(fn):
    import torch
    out = []
    for m in (wick, torch):
        m.manual_seed(0)
        out.append(fn(m))
    return out[0], out[1]


def error_of(fn):
    try:
        fn()
    except Exception as e:  # noqa: BLE001
        return type(e).__name__, wick_repr(str(e))
    return None


def rn(m, *shape):
    return m.randn(*shape, dtype=m.float64)


def pos(m, *shape):
    return m.rand(*shape, dtype=m.float64) + 0.1


# (id, constructor, inputs, F functions the forward needs, eval mode?)
LAYERS = [
    ("Identity", lambda nn: nn.Identity(3, x=1), lambda m: [rn(m, 2, 3)], [], False),
    ("Linear", lambda nn: nn.Linear(3, 4), lambda m: [rn(m, 2, 3)], ["linear"], False),
    ("Linear_nobias", lambda nn: nn.Linear(3, 4, bias=False), lambda m: [rn(m, 5, 2, 3)],
     ["linear"], False),
    ("Bilinear", lambda nn: nn.Bilinear(2, 3, 4), lambda m: [rn(m, 5, 2), rn(m, 5, 3)],
     ["bilinear"], False),
    ("Flatten", lambda nn: nn.Flatten(), lambda m: [rn(m, 2, 3, 4)], [], False),
    ("Flatten_args", lambda nn: nn.Flatten(0, 1), lambda m: [rn(m, 2, 3, 4)], [], False),
    ("Unflatten", lambda nn: nn.Unflatten(1, (2, 2)), lambda m: [rn(m, 3, 4)], [], False),
    ("Conv1d", lambda nn: nn.Conv1d(2, 4, 3), lambda m: [rn(m, 2, 2, 7)], ["conv1d"], False),
    ("Conv1d_same_reflect", lambda nn: nn.Conv1d(2, 4, 3, padding="same",
                                                 padding_mode="reflect", bias=False),
     lambda m: [rn(m, 2, 2, 7)], ["conv1d", "pad"], False),
    ("Conv2d", lambda nn: nn.Conv2d(1, 6, 5), lambda m: [rn(m, 1, 1, 8, 8)], ["conv2d"], False),
    ("Conv2d_args", lambda nn: nn.Conv2d(4, 6, (3, 2), stride=2, padding=1, dilation=(1, 2),
                                         groups=2),
     lambda m: [rn(m, 2, 4, 9, 9)], ["conv2d"], False),
    ("Conv2d_circular", lambda nn: nn.Conv2d(2, 2, 3, padding=1, padding_mode="circular"),
     lambda m: [rn(m, 1, 2, 5, 5)], ["conv2d", "pad"], False),
    ("Conv2d_replicate", lambda nn: nn.Conv2d(2, 2, 3, padding=(1, 2), padding_mode="replicate"),
     lambda m: [rn(m, 1, 2, 5, 5)], ["conv2d", "pad"], False),
    ("Conv2d_valid", lambda nn: nn.Conv2d(2, 2, 3, padding="valid"), lambda m: [rn(m, 2, 5, 5)],
     ["conv2d"], False),
    ("Conv3d", lambda nn: nn.Conv3d(2, 3, 2, stride=(1, 2, 1)), lambda m: [rn(m, 1, 2, 4, 5, 4)],
     ["conv3d"], False),
    ("ConvTranspose1d", lambda nn: nn.ConvTranspose1d(2, 4, 3, stride=2),
     lambda m: [rn(m, 2, 2, 5)], ["conv_transpose1d"], False),
    ("ConvTranspose2d", lambda nn: nn.ConvTranspose2d(4, 2, 3, stride=2, padding=1,
                                                      output_padding=1, groups=2, dilation=1),
     lambda m: [rn(m, 1, 4, 4, 4)], ["conv_transpose2d"], False),
    ("ConvTranspose3d", lambda nn: nn.ConvTranspose3d(2, 2, 2, bias=False),
     lambda m: [rn(m, 1, 2, 3, 3, 3)], ["conv_transpose3d"], False),
    ("MaxPool1d", lambda nn: nn.MaxPool1d(3, 2, 1), lambda m: [rn(m, 2, 3, 9)], ["max_pool1d"],
     False),
    ("MaxPool2d", lambda nn: nn.MaxPool2d(2), lambda m: [rn(m, 2, 3, 8, 8)], ["max_pool2d"],
     False),
    ("MaxPool2d_ceil", lambda nn: nn.MaxPool2d((3, 2), stride=2, ceil_mode=True, dilation=1),
     lambda m: [rn(m, 1, 2, 7, 7)], ["max_pool2d"], False),
    ("MaxPool3d", lambda nn: nn.MaxPool3d(2, return_indices=True),
     lambda m: [rn(m, 1, 2, 4, 4, 4)], ["max_pool3d"], False),
    ("AvgPool1d", lambda nn: nn.AvgPool1d(3, 2, 1, count_include_pad=False),
     lambda m: [rn(m, 2, 3, 9)], ["avg_pool1d"], False),
    ("AvgPool2d", lambda nn: nn.AvgPool2d(2), lambda m: [rn(m, 2, 3, 8, 8)], ["avg_pool2d"],
     False),
    ("AvgPool2d_div", lambda nn: nn.AvgPool2d(3, 2, 1, ceil_mode=True, divisor_override=2),
     lambda m: [rn(m, 2, 3, 7, 7)], ["avg_pool2d"], False),
    ("AvgPool3d", lambda nn: nn.AvgPool3d(2), lambda m: [rn(m, 1, 2, 4, 4, 4)], ["avg_pool3d"],
     False),
    ("LPPool1d", lambda nn: nn.LPPool1d(2, 3), lambda m: [pos(m, 2, 3, 9)], ["lp_pool1d"], False),
    ("LPPool2d", lambda nn: nn.LPPool2d(1.5, 2), lambda m: [pos(m, 2, 3, 6, 6)], ["lp_pool2d"],
     False),
    ("AdaptiveAvgPool1d", lambda nn: nn.AdaptiveAvgPool1d(4), lambda m: [rn(m, 2, 3, 9)],
     ["adaptive_avg_pool1d"], False),
    ("AdaptiveAvgPool2d", lambda nn: nn.AdaptiveAvgPool2d((3, None)),
     lambda m: [rn(m, 2, 3, 7, 5)], ["adaptive_avg_pool2d"], False),
    ("AdaptiveAvgPool3d", lambda nn: nn.AdaptiveAvgPool3d(2), lambda m: [rn(m, 1, 2, 5, 4, 3)],
     ["adaptive_avg_pool3d"], False),
    ("AdaptiveMaxPool1d", lambda nn: nn.AdaptiveMaxPool1d(4), lambda m: [rn(m, 2, 3, 9)],
     ["adaptive_max_pool1d"], False),
    ("AdaptiveMaxPool2d", lambda nn: nn.AdaptiveMaxPool2d(3, return_indices=True),
     lambda m: [rn(m, 2, 3, 7, 5)], ["adaptive_max_pool2d"], False),
    ("AdaptiveMaxPool3d", lambda nn: nn.AdaptiveMaxPool3d((2, 1, 2)),
     lambda m: [rn(m, 1, 2, 5, 4, 3)], ["adaptive_max_pool3d"], False),
    ("BatchNorm1d", lambda nn: nn.BatchNorm1d(3), lambda m: [rn(m, 4, 3)], ["batch_norm"], False),
    ("BatchNorm1d_3d", lambda nn: nn.BatchNorm1d(3, momentum=None), lambda m: [rn(m, 4, 3, 5)],
     ["batch_norm"], False),
    ("BatchNorm2d", lambda nn: nn.BatchNorm2d(3), lambda m: [rn(m, 2, 3, 4, 4)], ["batch_norm"],
     False),
    ("BatchNorm2d_eval", lambda nn: nn.BatchNorm2d(3, affine=False), lambda m: [rn(m, 2, 3, 4, 4)],
     ["batch_norm"], True),
    ("BatchNorm2d_nostats", lambda nn: nn.BatchNorm2d(3, track_running_stats=False),
     lambda m: [rn(m, 2, 3, 4, 4)], ["batch_norm"], True),
    ("BatchNorm3d", lambda nn: nn.BatchNorm3d(2, eps=1e-3, momentum=0.3),
     lambda m: [rn(m, 2, 2, 3, 3, 3)], ["batch_norm"], False),
    ("InstanceNorm1d", lambda nn: nn.InstanceNorm1d(3), lambda m: [rn(m, 2, 3, 6)],
     ["instance_norm"], False),
    ("InstanceNorm2d", lambda nn: nn.InstanceNorm2d(3, affine=True, track_running_stats=True),
     lambda m: [rn(m, 2, 3, 4, 4)], ["instance_norm"], False),
    ("InstanceNorm2d_nobatch", lambda nn: nn.InstanceNorm2d(3), lambda m: [rn(m, 3, 4, 4)],
     ["instance_norm"], False),
    ("InstanceNorm3d", lambda nn: nn.InstanceNorm3d(2), lambda m: [rn(m, 2, 2, 3, 3, 3)],
     ["instance_norm"], False),
    ("LayerNorm", lambda nn: nn.LayerNorm(4), lambda m: [rn(m, 3, 4)], ["layer_norm"], False),
    ("LayerNorm_2d", lambda nn: nn.LayerNorm([3, 4], eps=1e-3, elementwise_affine=False),
     lambda m: [rn(m, 2, 3, 4)], ["layer_norm"], False),
    ("GroupNorm", lambda nn: nn.GroupNorm(2, 4), lambda m: [rn(m, 2, 4, 3)], ["group_norm"],
     False),
    ("LocalResponseNorm", lambda nn: nn.LocalResponseNorm(2), lambda m: [rn(m, 2, 4, 3, 3)],
     ["local_response_norm"], False),
    ("Dropout_eval", lambda nn: nn.Dropout(), lambda m: [rn(m, 4, 5)], ["dropout"], True),
    ("Dropout_p0", lambda nn: nn.Dropout(0.0), lambda m: [rn(m, 4, 5)], ["dropout"], False),
    ("Dropout_p1", lambda nn: nn.Dropout(1.0), lambda m: [rn(m, 4, 5)], ["dropout"], False),
    ("Dropout1d_eval", lambda nn: nn.Dropout1d(0.3), lambda m: [rn(m, 2, 4, 5)], ["dropout1d"],
     True),
    ("Dropout2d_eval", lambda nn: nn.Dropout2d(0.3), lambda m: [rn(m, 2, 4, 5, 5)],
     ["dropout2d"], True),
    ("Dropout3d_eval", lambda nn: nn.Dropout3d(), lambda m: [rn(m, 2, 2, 2, 5, 5)],
     ["dropout3d"], True),
    ("AlphaDropout_eval", lambda nn: nn.AlphaDropout(0.2), lambda m: [rn(m, 4, 5)],
     ["alpha_dropout"], True),
    ("FeatureAlphaDropout_eval", lambda nn: nn.FeatureAlphaDropout(0.2),
     lambda m: [rn(m, 2, 4, 5)], ["feature_alpha_dropout"], True),
    ("ReLU", lambda nn: nn.ReLU(), lambda m: [rn(m, 3, 4)], ["relu"], False),
    ("ReLU6", lambda nn: nn.ReLU6(), lambda m: [rn(m, 3, 4) * 4], ["hardtanh"], False),
    ("LeakyReLU", lambda nn: nn.LeakyReLU(0.2), lambda m: [rn(m, 3, 4)], ["leaky_relu"], False),
    ("PReLU", lambda nn: nn.PReLU(), lambda m: [rn(m, 2, 3, 4)], ["prelu"], False),
    ("PReLU_channels", lambda nn: nn.PReLU(3, init=0.1), lambda m: [rn(m, 2, 3, 4)], ["prelu"],
     False),
    ("RReLU_eval", lambda nn: nn.RReLU(0.1, 0.3), lambda m: [rn(m, 3, 4)], ["rrelu"], True),
    ("ELU", lambda nn: nn.ELU(alpha=0.5), lambda m: [rn(m, 3, 4)], ["elu"], False),
    ("SELU", lambda nn: nn.SELU(), lambda m: [rn(m, 3, 4)], ["selu"], False),
    ("CELU", lambda nn: nn.CELU(2.0), lambda m: [rn(m, 3, 4)], ["celu"], False),
    ("GELU", lambda nn: nn.GELU(), lambda m: [rn(m, 3, 4)], ["gelu"], False),
    ("GELU_tanh", lambda nn: nn.GELU(approximate="tanh"), lambda m: [rn(m, 3, 4)], ["gelu"],
     False),
    ("SiLU", lambda nn: nn.SiLU(), lambda m: [rn(m, 3, 4)], ["silu"], False),
    ("Mish", lambda nn: nn.Mish(), lambda m: [rn(m, 3, 4)], ["mish"], False),
    ("Sigmoid", lambda nn: nn.Sigmoid(), lambda m: [rn(m, 3, 4)], [], False),
    ("Tanh", lambda nn: nn.Tanh(), lambda m: [rn(m, 3, 4)], [], False),
    ("Hardtanh", lambda nn: nn.Hardtanh(-0.5, 0.7), lambda m: [rn(m, 3, 4)], ["hardtanh"], False),
    ("Hardsigmoid", lambda nn: nn.Hardsigmoid(), lambda m: [rn(m, 3, 4) * 3], ["hardsigmoid"],
     False),
    ("Hardswish", lambda nn: nn.Hardswish(), lambda m: [rn(m, 3, 4) * 3], ["hardswish"], False),
    ("Softplus", lambda nn: nn.Softplus(beta=2, threshold=5), lambda m: [rn(m, 3, 4) * 3],
     ["softplus"], False),
    ("Softsign", lambda nn: nn.Softsign(), lambda m: [rn(m, 3, 4)], ["softsign"], False),
    ("Softshrink", lambda nn: nn.Softshrink(0.3), lambda m: [rn(m, 3, 4)], ["softshrink"], False),
    ("Hardshrink", lambda nn: nn.Hardshrink(), lambda m: [rn(m, 3, 4)], ["hardshrink"], False),
    ("Tanhshrink", lambda nn: nn.Tanhshrink(), lambda m: [rn(m, 3, 4)], ["tanhshrink"], False),
    ("Threshold", lambda nn: nn.Threshold(0.1, 20), lambda m: [rn(m, 3, 4)], ["threshold"],
     False),
    ("LogSigmoid", lambda nn: nn.LogSigmoid(), lambda m: [rn(m, 3, 4)], ["logsigmoid"], False),
    ("Softmax", lambda nn: nn.Softmax(dim=1), lambda m: [rn(m, 3, 4)], ["softmax"], False),
    ("LogSoftmax", lambda nn: nn.LogSoftmax(0), lambda m: [rn(m, 3, 4)], ["log_softmax"], False),
    ("Softmin", lambda nn: nn.Softmin(-1), lambda m: [rn(m, 3, 4)], ["softmin"], False),
    ("Softmax2d", lambda nn: nn.Softmax2d(), lambda m: [rn(m, 2, 3, 4, 4)], ["softmax"], False),
    ("Softmax_implicit", lambda nn: nn.Softmax(), lambda m: [rn(m, 2, 3, 4)], ["softmax"], False),
    ("LogSoftmax_implicit", lambda nn: nn.LogSoftmax(), lambda m: [rn(m, 3, 4)], ["log_softmax"],
     False),
    ("GLU", lambda nn: nn.GLU(), lambda m: [rn(m, 3, 4)], ["glu"], False),
    ("ReflectionPad1d", lambda nn: nn.ReflectionPad1d(2), lambda m: [rn(m, 2, 3, 5)], ["pad"],
     False),
    ("ReflectionPad2d", lambda nn: nn.ReflectionPad2d((1, 2, 0, 1)),
     lambda m: [rn(m, 1, 2, 4, 4)], ["pad"], False),
    ("ReplicationPad1d", lambda nn: nn.ReplicationPad1d((1, 3)), lambda m: [rn(m, 2, 3, 5)],
     ["pad"], False),
    ("ReplicationPad3d", lambda nn: nn.ReplicationPad3d(1), lambda m: [rn(m, 1, 1, 2, 3, 3)],
     ["pad"], False),
    ("ConstantPad2d", lambda nn: nn.ConstantPad2d(1, 3.5), lambda m: [rn(m, 1, 2, 3, 3)],
     ["pad"], False),
    ("ZeroPad2d", lambda nn: nn.ZeroPad2d((1, 0, 2, 1)), lambda m: [rn(m, 1, 2, 3, 3)], ["pad"],
     False),
    ("Upsample_nearest", lambda nn: nn.Upsample(scale_factor=2), lambda m: [rn(m, 1, 2, 3, 3)],
     ["interpolate"], False),
    ("Upsample_bilinear", lambda nn: nn.Upsample(size=(5, 4), mode="bilinear",
                                                  align_corners=False),
     lambda m: [rn(m, 1, 2, 3, 3)], ["interpolate"], False),
    ("UpsamplingNearest2d", lambda nn: nn.UpsamplingNearest2d(size=5),
     lambda m: [rn(m, 1, 2, 3, 3)], ["interpolate"], False),
    ("UpsamplingBilinear2d", lambda nn: nn.UpsamplingBilinear2d(scale_factor=2),
     lambda m: [rn(m, 1, 2, 3, 3)], ["interpolate"], False),
    ("PixelShuffle", lambda nn: nn.PixelShuffle(2), lambda m: [rn(m, 1, 8, 2, 3)],
     ["pixel_shuffle"], False),
    ("PixelUnshuffle", lambda nn: nn.PixelUnshuffle(2), lambda m: [rn(m, 1, 2, 4, 6)],
     ["pixel_unshuffle"], False),
    ("ChannelShuffle", lambda nn: nn.ChannelShuffle(2), lambda m: [rn(m, 1, 4, 2, 2)],
     ["channel_shuffle"], False),
    ("Embedding", lambda nn: nn.Embedding(10, 3), lambda m: [m.tensor([[1, 2, 4], [4, 3, 9]])],
     ["embedding"], False),
    ("Embedding_pad", lambda nn: nn.Embedding(10, 3, padding_idx=2, max_norm=None),
     lambda m: [m.tensor([1, 2, 2, 0])], ["embedding"], False),
    ("EmbeddingBag", lambda nn: nn.EmbeddingBag(10, 3, mode="sum"),
     lambda m: [m.tensor([1, 2, 4, 5, 4, 3]), m.tensor([0, 2])], ["embedding_bag"], False),
    ("CosineSimilarity", lambda nn: nn.CosineSimilarity(), lambda m: [rn(m, 3, 4), rn(m, 3, 4)],
     ["cosine_similarity"], False),
    ("PairwiseDistance", lambda nn: nn.PairwiseDistance(p=1.5, keepdim=True),
     lambda m: [rn(m, 3, 4), rn(m, 3, 4)], ["pairwise_distance"], False),
    ("Fold", lambda nn: nn.Fold((3, 4), 2), lambda m: [rn(m, 1, 8, 6)], ["fold"], False),
    ("Unfold", lambda nn: nn.Unfold(2, padding=1), lambda m: [rn(m, 1, 2, 3, 3)], ["unfold"],
     False),
]


def _call(m, spec):
    _, ctor, inputs, _, eval_mode = spec
    mod = ctor(m.nn).double()
    if eval_mode:
        mod.eval()
    xs = inputs(m)
    for x in xs:
        if x.is_floating_point():
            x.requires_grad_(True)
    out = mod(*xs)
    outs = out if isinstance(out, tuple) else (out,)
    loss = sum((o * (o.detach() + 1)).sum() for o in outs if o.is_floating_point())
    if type(mod).__name__ != "ChannelShuffle":  # torch 1.13 has no derivative for it
        loss.backward()
    grads = [x.grad for x in xs if x.is_floating_point()] + \
        [p.grad for p in mod.parameters()]
    return outs, grads, mod.state_dict()


@pytest.mark.parametrize("spec", LAYERS, ids=[s[0] for s in LAYERS])
def test_layer_repr_and_state(spec):
    def f(m):
        mod = spec[1](m.nn)
        return (repr(mod), [n for n, _ in mod.named_parameters()],
                [n for n, _ in mod.named_buffers()], mod.state_dict())
    w, t = run(f)
    expected = wick_repr(t[0])
    if "Upsampl" in spec[0]:
        # PyTorch 2.x quotes the mode (1.13 prints mode=nearest).
        expected = re.sub(r"mode=(\w+)", r"mode='\1'", expected)
    assert w[0] == expected
    assert w[1:3] == t[1:3]
    assert list(w[3]) == list(t[3])
    for k in t[3]:
        assert_same(w[3][k], t[3][k])


@pytest.mark.parametrize("spec", LAYERS, ids=[s[0] for s in LAYERS])
def test_layer_forward_backward(spec):
    needs_F(*spec[3])
    w, t = run(lambda m: _call(m, spec))
    assert len(w[0]) == len(t[0])
    for a, b in zip(w[0], t[0]):
        assert_same(a, b, check_repr=False, rtol=1e-6, atol=1e-8)
    assert len(w[1]) == len(t[1])
    for a, b in zip(w[1], t[1]):
        if b is None:
            assert a is None
        else:
            assert_same(a, b, check_repr=False, rtol=1e-6, atol=1e-8)
    for k in t[2]:
        assert_same(w[2][k], t[2][k], check_repr=False)


LOSSES = [
    ("L1Loss", lambda nn: nn.L1Loss(), lambda m: [rn(m, 3, 4), rn(m, 3, 4)], ["l1_loss"]),
    ("MSELoss", lambda nn: nn.MSELoss(reduction="sum"), lambda m: [rn(m, 3, 4), rn(m, 3, 4)],
     ["mse_loss"]),
    ("CrossEntropyLoss", lambda nn: nn.CrossEntropyLoss(),
     lambda m: [rn(m, 3, 5), m.tensor([1, 0, 4])], ["cross_entropy"]),
    ("CrossEntropyLoss_w", lambda nn: nn.CrossEntropyLoss(
        weight=wick_or_torch(nn).tensor([1.0, 2.0, 0.5, 1.0, 3.0], dtype=wick_or_torch(nn).float64),
        ignore_index=0, label_smoothing=0.1),
     lambda m: [rn(m, 3, 5), m.tensor([1, 0, 4])], ["cross_entropy"]),
    ("NLLLoss", lambda nn: nn.NLLLoss(reduction="none"),
     lambda m: [rn(m, 3, 5), m.tensor([1, 0, 4])], ["nll_loss"]),
    ("BCELoss", lambda nn: nn.BCELoss(), lambda m: [pos(m, 3, 4) / 1.2, pos(m, 3, 4) / 1.2],
     ["binary_cross_entropy"]),
    ("BCEWithLogitsLoss", lambda nn: nn.BCEWithLogitsLoss(
        pos_weight=wick_or_torch(nn).ones(4, dtype=wick_or_torch(nn).float64) * 2),
     lambda m: [rn(m, 3, 4), pos(m, 3, 4) / 1.2], ["binary_cross_entropy_with_logits"]),
    ("KLDivLoss", lambda nn: nn.KLDivLoss(reduction="batchmean"),
     lambda m: [rn(m, 3, 4), pos(m, 3, 4)], ["kl_div"]),
    ("SmoothL1Loss", lambda nn: nn.SmoothL1Loss(beta=0.5), lambda m: [rn(m, 3, 4), rn(m, 3, 4)],
     ["smooth_l1_loss"]),
    ("HuberLoss", lambda nn: nn.HuberLoss(delta=0.7), lambda m: [rn(m, 3, 4), rn(m, 3, 4)],
     ["huber_loss"]),
    ("SoftMarginLoss", lambda nn: nn.SoftMarginLoss(),
     lambda m: [rn(m, 3, 4), m.tensor([1.0, -1.0, 1.0, 1.0], dtype=m.float64).expand(3, 4)],
     ["soft_margin_loss"]),
    ("PoissonNLLLoss", lambda nn: nn.PoissonNLLLoss(), lambda m: [rn(m, 3, 4), pos(m, 3, 4)],
     ["poisson_nll_loss"]),
    ("GaussianNLLLoss", lambda nn: nn.GaussianNLLLoss(),
     lambda m: [rn(m, 3, 4), rn(m, 3, 4), pos(m, 3, 4)], ["gaussian_nll_loss"]),
    ("HingeEmbeddingLoss", lambda nn: nn.HingeEmbeddingLoss(margin=0.5),
     lambda m: [rn(m, 3, 4), m.tensor([1.0, -1.0, 1.0, -1.0], dtype=m.float64).expand(3, 4)],
     ["hinge_embedding_loss"]),
    ("MultiLabelMarginLoss", lambda nn: nn.MultiLabelMarginLoss(),
     lambda m: [rn(m, 2, 4), m.tensor([[3, 0, -1, 1], [1, 2, 3, -1]])],
     ["multilabel_margin_loss"]),
    ("MultiLabelSoftMarginLoss", lambda nn: nn.MultiLabelSoftMarginLoss(),
     lambda m: [rn(m, 2, 4), m.tensor([[1.0, 0, 0, 1], [0, 1, 1, 0]], dtype=m.float64)],
     ["multilabel_soft_margin_loss"]),
    ("CosineEmbeddingLoss", lambda nn: nn.CosineEmbeddingLoss(margin=0.2),
     lambda m: [rn(m, 3, 4), rn(m, 3, 4), m.tensor([1.0, -1.0, 1.0], dtype=m.float64)],
     ["cosine_embedding_loss"]),
    ("MarginRankingLoss", lambda nn: nn.MarginRankingLoss(0.1),
     lambda m: [rn(m, 5), rn(m, 5), m.tensor([1.0, -1.0, 1.0, 1.0, -1.0], dtype=m.float64)],
     ["margin_ranking_loss"]),
    ("MultiMarginLoss", lambda nn: nn.MultiMarginLoss(p=2, margin=0.5),
     lambda m: [rn(m, 3, 5), m.tensor([1, 0, 4])], ["multi_margin_loss"]),
    ("TripletMarginLoss", lambda nn: nn.TripletMarginLoss(margin=0.5, swap=True),
     lambda m: [rn(m, 3, 4), rn(m, 3, 4), rn(m, 3, 4)], ["triplet_margin_loss"]),
    ("TripletMarginWithDistanceLoss", lambda nn: nn.TripletMarginWithDistanceLoss(),
     lambda m: [rn(m, 3, 4), rn(m, 3, 4), rn(m, 3, 4)],
     ["triplet_margin_with_distance_loss", "pairwise_distance"]),
    ("CTCLoss", lambda nn: nn.CTCLoss(),
     lambda m: [rn(m, 6, 2, 4).log_softmax(2), m.tensor([[1, 2, 2], [1, 3, 0]]),
                m.tensor([6, 5]), m.tensor([3, 2])], ["ctc_loss"]),
]


def wick_or_torch(nn):
    import torch
    return wick if nn is wick.nn else torch


@pytest.mark.parametrize("spec", LOSSES, ids=[s[0] for s in LOSSES])
def test_loss_repr_and_buffers(spec):
    def f(m):
        mod = spec[1](m.nn)
        return repr(mod), [n for n, _ in mod.named_buffers()], list(mod.state_dict()), \
            mod.reduction
    w, t = run(f)
    assert w == t


@pytest.mark.parametrize("spec", LOSSES, ids=[s[0] for s in LOSSES])
def test_loss_forward_backward(spec):
    needs_F(*spec[3])

    def f(m):
        mod = spec[1](m.nn)
        xs = spec[2](m)
        if xs[0].is_floating_point():
            xs[0] = xs[0].detach().requires_grad_(True)
        out = mod(*xs)
        out.sum().backward()
        return out, xs[0].grad
    w, t = run(f)
    assert_same(w[0], t[0], check_repr=False, rtol=1e-6, atol=1e-8)
    assert_same(w[1], t[1], check_repr=False, rtol=1e-6, atol=1e-8)


def test_loss_legacy_reduction_args():
    w, t = run(lambda m: [m.nn.MSELoss(size_average=False).reduction,
                          m.nn.L1Loss(reduce=False).reduction,
                          m.nn.NLLLoss(size_average=True, reduce=True).reduction])
    assert w == t


# ---- behaviour beyond one forward ------------------------------------------------------
def test_batchnorm_running_stats_and_eval():
    needs_F("batch_norm")

    def f(m):
        bn = m.nn.BatchNorm1d(3).double()
        cum = m.nn.BatchNorm1d(3, momentum=None).double()
        for i in range(3):
            x = rn(m, 4, 3) * (i + 1)
            bn(x)
            cum(x)
        bn.eval()
        y = bn(rn(m, 2, 3))
        return bn.running_mean, bn.running_var, bn.num_batches_tracked, cum.running_mean, \
            cum.running_var, cum.num_batches_tracked, y
    w, t = run(f)
    for a, b in zip(w, t):
        assert_same(a, b, check_repr=False)


def test_dropout_train_mask_matches_pytorch():
    needs_F("dropout")
    w, t = run(lambda m: m.nn.Dropout(0.4)(m.ones(6, 7)))
    assert_same(w, t, check_repr=False)


def test_conv_transpose_output_size():
    needs_F("conv_transpose2d")

    def f(m):
        up = m.nn.ConvTranspose2d(2, 3, 3, stride=2, padding=1)
        x = m.randn(1, 2, 4, 4)
        return up(x, output_size=[8, 8]), error_of(lambda: up(x, output_size=[12, 12]))
    w, t = run(f)
    assert_same(w[0], t[0], check_repr=False, rtol=1e-5, atol=1e-6)
    assert w[1] == t[1]


def test_embedding_from_pretrained():
    def f(m):
        weight = m.tensor([[1.0, 2.3, 3.0], [4.0, 5.1, 6.3]])
        e = m.nn.Embedding.from_pretrained(weight)
        e2 = m.nn.Embedding.from_pretrained(weight, freeze=False, padding_idx=1)
        b = m.nn.EmbeddingBag.from_pretrained(weight, mode="max")
        return (repr(e), e.weight.requires_grad, repr(e2), e2.weight.requires_grad, repr(b),
                b.weight.requires_grad, e.weight is not None)
    w, t = run(f)
    assert w == t


def test_module_forward_calls_functional_name():
    needs_F("linear", "relu")

    def f(m):
        inp = m.randn(2, 3)
        model = m.nn.Linear(3, 4)
        out1 = model(inp)
        out2 = m.nn.functional.linear(inp, model.weight, model.bias)
        return out1 == out2, m.nn.functional.relu(inp) == m.nn.ReLU()(inp)
    w, t = run(f)
    for a, b in zip(w, t):
        assert_same(a, b)


@pytest.mark.parametrize("case", range(20))
def test_constructor_errors(case):
    cases = [
        lambda nn: nn.Conv2d(3, 4, 3, groups=2),
        lambda nn: nn.Conv2d(4, 3, 3, groups=2),
        lambda nn: nn.Conv2d(4, 4, 3, groups=0),
        lambda nn: nn.Conv2d(4, 4, 3, padding="full"),
        lambda nn: nn.Conv2d(4, 4, 3, stride=2, padding="same"),
        lambda nn: nn.ConvTranspose2d(4, 4, 3, padding_mode="reflect"),
        lambda nn: nn.Dropout(1.5),
        lambda nn: nn.Dropout2d(-0.1),
        lambda nn: nn.GroupNorm(3, 4),
        lambda nn: nn.MultiMarginLoss(p=3),
        lambda nn: nn.Embedding(3, 2, padding_idx=5),
        lambda nn: nn.Embedding(3, 2, _weight=wick_or_torch(nn).ones(2, 2)),
        lambda nn: nn.Unflatten(1, 3),
        lambda nn: nn.Unflatten(1.0, (3,)),
        lambda nn: nn.Hardtanh(1.0, 0.0),
        lambda nn: nn.Embedding.from_pretrained(wick_or_torch(nn).ones(2)),
        lambda nn: nn.BatchNorm2d(3)(wick_or_torch(nn).ones(2, 3)),
        lambda nn: nn.BatchNorm1d(3)(wick_or_torch(nn).ones(2, 3, 4, 5)),
        lambda nn: nn.InstanceNorm1d(3)(wick_or_torch(nn).ones(2)),
        lambda nn: nn.ConvTranspose2d(2, 2, 3)(wick_or_torch(nn).ones(1, 2, 3, 3),
                                                output_size=[1, 2, 3]),
    ]
    w, t = run(lambda m: error_of(lambda: cases[case](m.nn)))
    assert t is not None
    assert w == t


def test_2x_errors():
    # PyTorch 2.x checks (1.13 raises other errors here).
    with pytest.raises(ValueError, match=r"expected input's size at dim=1 to match num_features "
                       r"\(3\), but got: 4."):
        wick.nn.InstanceNorm1d(3, affine=True)(wick.ones(2, 4, 5))
    with pytest.raises(ValueError, match="Softmax2d: expected input to be 3D or 4D, got 1D "
                       "instead"):
        wick.nn.Softmax2d()(wick.ones(2))


def test_2x_reprs():
    # PyTorch 2.x wording (1.13 prints these differently).
    nn = wick.nn
    assert repr(nn.Softplus()) == "Softplus(beta=1.0, threshold=20.0)"
    assert repr(nn.Upsample(scale_factor=2)) == "Upsample(scale_factor=2.0, mode='nearest')"
    assert repr(nn.Upsample(size=3, mode="bilinear")) == "Upsample(size=3, mode='bilinear')"


def test_seed_lenet_structure():
    def f(m):
        nn = m.nn

        class Net(nn.Module):
            def __init__(self):
                super(Net, self).__init__()
                self.conv1 = nn.Conv2d(1, 6, 5)
                self.conv2 = nn.Conv2d(6, 16, 5)
                self.fc1 = nn.Linear(16 * 5 * 5, 120)
                self.fc2 = nn.Linear(120, 84)
                self.fc3 = nn.Linear(84, 10)

        net = Net()
        params = list(net.parameters())
        return repr(net), len(params), [tuple(p.size()) for p in params], \
            [p.sum().item() for p in params]
    w, t = run(f)
    assert w[:3] == t[:3]
    assert w[3] == pytest.approx(t[3], rel=1e-5, abs=1e-6)


@pytest.mark.parametrize("name", ["ReLU", "Hardsigmoid", "SiLU", "Mish", "Hardswish", "SELU"])
@pytest.mark.parametrize("inplace", [False, True])
def test_inplace_activation_modules(name, inplace):
    """repr as PyTorch's, and inplace=True writes into the input (the same object comes back)."""
    def f(m):
        mod = getattr(m.nn, name)(inplace=inplace)
        x = m.linspace(-4, 4, 9, dtype=m.float64)
        y = mod(x)
        return repr(mod), y is x, y.tolist()
    w, t = run(f)
    assert w[0] == t[0] and w[1] == t[1] == inplace
    assert w[2] == pytest.approx(t[2], rel=1e-12, abs=1e-15)
