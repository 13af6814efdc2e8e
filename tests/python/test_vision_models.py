"""wick.vision.models against torchvision.models (0.14): module names, seeded init,
outputs in eval and train mode on the same weights and input, weights= paths, errors.

Inputs are small (adaptive pooling makes every model accept them) so the suite
stays fast; VGG's 100M-parameter classifier makes those the slow cases.
"""
import os
import warnings

import numpy as np
import pytest

import wick
import wick.vision.models as wm
from conftest import needs_torch

try:
    import torch
    import torchvision.models as tvm
    HAVE_TV = True
except Exception:  # pragma: no cover
    HAVE_TV = False

needs_tv = pytest.mark.skipif(not HAVE_TV, reason="torchvision (the reference) is not installed")


def _input(n, size, seed=0):
    return np.random.RandomState(seed).randn(n, 3, size, size).astype(np.float32)


def _size(name):
    return 32 if name.startswith("vgg") else 64


def _copy_state(wmodel, tmodel):
    """torchvision's state_dict into wick's model, strictly."""
    sd = {k: wick.from_numpy(v.detach().numpy().copy()) for k, v in tmodel.state_dict().items()}
    result = wmodel.load_state_dict(sd, strict=True)
    assert list(result.missing_keys) == [] and list(result.unexpected_keys) == []


def _assert_state_equal(wmodel, tmodel, exact=True):
    wsd, tsd = wmodel.state_dict(), tmodel.state_dict()
    assert list(wsd.keys()) == list(tsd.keys())
    for k in tsd:
        assert tuple(wsd[k].shape) == tuple(tsd[k].shape), k
        assert str(wsd[k].dtype) == str(tsd[k].dtype).replace("torch.", "wick."), k
        if exact:
            np.testing.assert_array_equal(wsd[k].numpy(), tsd[k].numpy(), err_msg=k)


def _outputs(wmodel, tmodel, x, train, seed=5):
    wmodel.train(train)
    tmodel.train(train)
    torch.manual_seed(seed)
    t_out = tmodel(torch.from_numpy(x))
    wick.manual_seed(seed)
    w_out = wmodel(wick.from_numpy(x))
    return w_out, t_out


def _check_outputs(wmodel, tmodel, x, train, rtol=1e-4):
    w_out, t_out = _outputs(wmodel, tmodel, x, train)
    tn = t_out.detach().numpy()
    scale = max(float(np.abs(tn).max()), 1e-30)
    np.testing.assert_allclose(w_out.detach().numpy(), tn, rtol=rtol, atol=rtol * scale)
    assert w_out.shape == tuple(t_out.shape)


# Seeded init equals torchvision's; then outputs on the same weights in eval and train
# mode (BatchNorm batch statistics, running stats updated, dropout masks from the
# same seeded generator).
FULL = ["alexnet", "resnet18", "resnet50", "resnext50_32x4d", "mobilenet_v2",
        "squeezenet1_0", "squeezenet1_1", "densenet121"]


@needs_tv
@pytest.mark.parametrize("name", FULL)
def test_seeded_init_and_outputs(name):
    torch.manual_seed(11)
    tmodel = getattr(tvm, name)(num_classes=10)
    wick.manual_seed(11)
    wmodel = getattr(wm, name)(num_classes=10)
    _assert_state_equal(wmodel, tmodel, exact=True)
    # Pretrained-like weights (the init gives BN identity stats) to exercise every path.
    gen = np.random.RandomState(1)
    with torch.no_grad():
        for k, v in tmodel.state_dict().items():
            if v.dtype == torch.float32:
                if k.endswith("running_var"):
                    v.copy_(torch.from_numpy(gen.uniform(0.5, 1.5, v.shape).astype(np.float32)))
                elif k.endswith("running_mean") or k.endswith(".bias"):
                    v.copy_(torch.from_numpy(gen.uniform(-0.1, 0.1, v.shape).astype(np.float32)))
    _copy_state(wmodel, tmodel)
    x = _input(2, _size(name))
    _check_outputs(wmodel, tmodel, x, train=False)
    with torch.no_grad():
        _check_outputs(wmodel, tmodel, x, train=True)
    _assert_state_equal(wmodel, tmodel, exact=False)
    for k, v in tmodel.state_dict().items():  # running stats after one train step
        np.testing.assert_allclose(wmodel.state_dict()[k].numpy(), v.numpy(), rtol=1e-4,
                                   atol=1e-4 * float(v.abs().max()), err_msg=k)


# The rest: the same state_dict keys, shapes and eval outputs on torchvision's weights
# (no seeded init comparison: it only repeats the cases above at more cost).
OTHERS = ["vgg16", "resnet34", "resnet101", "wide_resnet50_2", "densenet169"]


@needs_tv
@pytest.mark.parametrize("name", OTHERS)
def test_structure_and_eval_outputs(name):
    kw = {"init_weights": False} if name.startswith("vgg") else {}
    torch.manual_seed(0)
    tmodel = getattr(tvm, name)(**kw)
    wmodel = getattr(wm, name)(**kw)
    _assert_state_equal(wmodel, tmodel, exact=False)
    _copy_state(wmodel, tmodel)
    with torch.no_grad():
        _check_outputs(wmodel, tmodel, _input(1, 32), train=False)


@needs_tv
def test_vgg_seeded_init_and_configs():
    # One VGG (the 100M-parameter classifier makes each slow); the others differ only in
    # their layer configs, which must be torchvision's.
    assert wm.vgg.cfgs == tvm.vgg.cfgs
    torch.manual_seed(12)
    tmodel = tvm.vgg11_bn()
    wick.manual_seed(12)
    wmodel = wm.vgg11_bn()
    _assert_state_equal(wmodel, tmodel, exact=True)
    with torch.no_grad():
        _check_outputs(wmodel, tmodel, _input(2, 32), train=True)


@needs_tv
@pytest.mark.parametrize("kwargs", [
    {"zero_init_residual": True},
    {"replace_stride_with_dilation": [False, True, True]},
    {"groups": 2, "width_per_group": 32},
    {"norm_layer": "GroupNorm"},
])
def test_resnet_options(kwargs):
    name = "resnet18" if kwargs.get("zero_init_residual") else "resnet50"
    tkw, wkw = dict(kwargs), dict(kwargs)
    if kwargs.get("norm_layer") == "GroupNorm":
        tkw["norm_layer"] = lambda c: torch.nn.GroupNorm(4, c)
        wkw["norm_layer"] = lambda c: wick.nn.GroupNorm(4, c)
    torch.manual_seed(2)
    tmodel = getattr(tvm, name)(num_classes=7, **tkw)
    wick.manual_seed(2)
    wmodel = getattr(wm, name)(num_classes=7, **wkw)
    _assert_state_equal(wmodel, tmodel, exact=True)
    with torch.no_grad():
        _check_outputs(wmodel, tmodel, _input(2, 48), train=False)
    if kwargs.get("zero_init_residual"):
        assert float(wmodel.layer1[0].bn2.weight.abs().sum()) == 0.0


@needs_tv
@pytest.mark.parametrize("kwargs", [{"width_mult": 0.5}, {"width_mult": 1.4},
                                    {"width_mult": 0.35, "round_nearest": 4},
                                    {"dropout": 0.0, "num_classes": 3}])
def test_mobilenet_v2_options(kwargs):
    torch.manual_seed(4)
    tmodel = tvm.mobilenet_v2(**kwargs)
    wick.manual_seed(4)
    wmodel = wm.mobilenet_v2(**kwargs)
    _assert_state_equal(wmodel, tmodel, exact=True)
    assert wmodel.last_channel == tmodel.last_channel
    with torch.no_grad():
        _check_outputs(wmodel, tmodel, _input(1, 32), train=False)


@needs_tv
def test_densenet_options_and_repr():
    torch.manual_seed(6)
    tmodel = tvm.DenseNet(growth_rate=8, block_config=(2, 3), num_init_features=16, bn_size=2,
                          drop_rate=0.3, num_classes=5, memory_efficient=True)
    wick.manual_seed(6)
    wmodel = wm.DenseNet(growth_rate=8, block_config=(2, 3), num_init_features=16, bn_size=2,
                         drop_rate=0.3, num_classes=5, memory_efficient=True)
    _assert_state_equal(wmodel, tmodel, exact=True)
    x = _input(2, 32)
    _check_outputs(wmodel, tmodel, x, train=False)
    with torch.no_grad():
        _check_outputs(wmodel, tmodel, x, train=True)  # dropout masks from the same seed
    assert repr(wmodel) == repr(tmodel)


@needs_tv
@pytest.mark.parametrize("name", ["resnet18", "mobilenet_v2", "squeezenet1_1", "alexnet"])
def test_repr_equals_torchvision(name):
    torch.manual_seed(0)
    assert repr(getattr(wm, name)(num_classes=3)) == repr(getattr(tvm, name)(num_classes=3))


@needs_tv
def test_backward_matches():
    torch.manual_seed(8)
    tmodel = tvm.resnet18(num_classes=4)
    wmodel = wm.resnet18(num_classes=4)
    _copy_state(wmodel, tmodel)
    x = _input(2, 64)  # layer4 sees 2x2x2 values per channel: BN statistics well posed
    w_out, t_out = _outputs(wmodel, tmodel, x, train=True)
    coef = np.random.RandomState(3).randn(2, 4).astype(np.float32)
    (t_out * torch.from_numpy(coef)).sum().backward()
    (w_out * wick.from_numpy(coef)).sum().backward()
    for (wn, wp), (tn, tp) in zip(wmodel.named_parameters(), tmodel.named_parameters()):
        assert wn == tn
        np.testing.assert_allclose(wp.grad.numpy(), tp.grad.numpy(), rtol=1e-3,
                                   atol=1e-4 * float(tp.grad.abs().max()) + 1e-6, err_msg=wn)


# weights=: a local checkpoint, torchvision's or wick's.

@needs_tv
def test_weights_path_round_trip(tmp_path):
    torch.manual_seed(9)
    tmodel = tvm.squeezenet1_1(num_classes=6)
    path = tmp_path / "squeezenet1_1.pth"
    torch.save(tmodel.state_dict(), str(path))
    wmodel = wm.squeezenet1_1(weights=path, num_classes=6)  # os.PathLike
    _assert_state_equal(wmodel, tmodel, exact=True)
    with torch.no_grad():
        _check_outputs(wmodel, tmodel, _input(1, 64), train=False)
    wpath = str(tmp_path / "wick.pth")
    wick.save(wmodel.state_dict(), wpath)
    again = wm.squeezenet1_1(weights=wpath, num_classes=6)  # str, written by wick
    _assert_state_equal(again, tmodel, exact=True)
    loaded = torch.load(wpath)  # and wick's file loads into torchvision
    t2 = tvm.squeezenet1_1(num_classes=6)
    t2.load_state_dict(loaded)


@needs_tv
def test_weights_densenet_legacy_names(tmp_path):
    # torchvision's released DenseNet files use 'norm.1'-style names; they load too.
    tmodel = tvm.DenseNet(growth_rate=4, block_config=(1, 1), num_init_features=8, num_classes=2)
    sd = {}
    for k, v in tmodel.state_dict().items():
        for part in ("norm1", "norm2", "relu1", "relu2", "conv1", "conv2"):
            if ".denselayer" in k and f".{part}." in k:
                k = k.replace(f".{part}.", f".{part[:-1]}.{part[-1]}.")
        sd[k] = v
    assert any(".norm.1." in k for k in sd)
    path = str(tmp_path / "dn.pth")
    torch.save(sd, path)
    w = wm.densenet._densenet("densenet_small", None, 4, (1, 1), 8, path, {"num_classes": 2})
    _assert_state_equal(w, tmodel, exact=True)


def test_weights_path_strict_mismatch(tmp_path):
    path = str(tmp_path / "r18.pth")
    wick.save(wm.resnet18(num_classes=3).state_dict(), path)
    with pytest.raises(RuntimeError, match="size mismatch for fc.weight"):
        wm.resnet18(weights=path)
    with pytest.raises(RuntimeError, match="Missing key"):
        wm.resnet34(weights=path, num_classes=3)


def test_weights_missing_file(tmp_path):
    with pytest.raises(FileNotFoundError):
        wm.resnet18(weights=str(tmp_path / "nope.pth"))


@pytest.mark.parametrize("weights", ["IMAGENET1K_V1", "DEFAULT", "ResNet18_Weights.IMAGENET1K_V1",
                                     wm.ResNet18_Weights.IMAGENET1K_V1, wm.ResNet18_Weights.DEFAULT])
def test_weights_enum_names_raise(weights):
    with pytest.raises(ValueError, match="does not download weights") as info:
        wm.resnet18(weights=weights)
    assert "resnet18-f37072fd.pth" in str(info.value)
    assert "local path" in str(info.value)


def test_weights_enums_like_torchvision():
    assert wm.ResNet50_Weights.DEFAULT is wm.ResNet50_Weights.IMAGENET1K_V2
    assert repr(wm.VGG16_Weights.IMAGENET1K_FEATURES) == "VGG16_Weights.IMAGENET1K_FEATURES"
    assert wm.DenseNet121_Weights.IMAGENET1K_V1.url.endswith("densenet121-a639ec97.pth")
    with pytest.raises(ValueError, match="does not download"):
        wm.mobilenet_v2(weights=wm.MobileNet_V2_Weights.DEFAULT)


def test_weights_bad_type():
    with pytest.raises(TypeError, match="weights must be None or the path"):
        wm.alexnet(weights=3)


def test_pretrained_deprecated():
    with pytest.warns(UserWarning, match="'pretrained' is deprecated since 0.13"):
        m = wm.squeezenet1_1(pretrained=False)
    assert isinstance(m, wm.SqueezeNet)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with pytest.raises(ValueError, match="does not download weights"):
            wm.squeezenet1_1(pretrained=True)


def test_constructor_errors():
    with pytest.raises(ValueError, match="BasicBlock only supports groups=1 and base_width=64"):
        wm.resnet18(groups=2)
    with pytest.raises(NotImplementedError, match="Dilation > 1 not supported in BasicBlock"):
        wm.resnet18(replace_stride_with_dilation=[False, False, True])
    with pytest.raises(ValueError, match="replace_stride_with_dilation should be None or a "
                                         "3-element tuple, got"):
        wm.resnet50(replace_stride_with_dilation=[True])
    with pytest.raises(ValueError, match="Unsupported SqueezeNet version 1_2: 1_0 or 1_1 expected"):
        wm.SqueezeNet("1_2")
    with pytest.raises(ValueError, match="inverted_residual_setting should be non-empty"):
        wm.mobilenet_v2(inverted_residual_setting=[[1, 16, 1]])
    with pytest.raises(ValueError, match="The parameter 'groups' expected value 32 but got 4 "
                                         "instead."):
        wm.resnext50_32x4d(groups=4)
    with pytest.raises(TypeError):
        wm.resnet18(nonsense=1)


def test_vision_namespace():
    import wick.vision
    assert wick.vision.models is wm
    for name in ["alexnet", "vgg11", "vgg11_bn", "vgg13", "vgg13_bn", "vgg16", "vgg16_bn", "vgg19",
                 "vgg19_bn", "resnet18", "resnet34", "resnet50", "resnet101", "resnet152",
                 "mobilenet_v2", "squeezenet1_0", "squeezenet1_1", "densenet121", "ResNet",
                 "BasicBlock", "Bottleneck", "VGG", "AlexNet", "MobileNetV2", "SqueezeNet",
                 "DenseNet"]:
        assert hasattr(wm, name), name


@needs_tv
def test_registry_like_torchvision():
    names = wm.list_models()
    assert set(names) <= set(tvm.list_models()) and len(names) == 26
    for n in names:
        assert wm.get_model_weights(n).__name__ == tvm.get_model_weights(n).__name__, n
        assert list(wm.get_model_weights(n).__members__) == list(tvm.get_model_weights(n).__members__)
    assert wm.get_model_weights(wm.resnet18) is wm.ResNet18_Weights
    assert wm.get_weight("ResNet50_Weights.IMAGENET1K_V2") is wm.ResNet50_Weights.IMAGENET1K_V2
    assert wm.list_models(wm.squeezenet) == ["squeezenet1_0", "squeezenet1_1"]
    assert wm.get_model_builder("resnet34") is wm.resnet34
    m = wm.get_model("squeezenet1_1", num_classes=3)
    assert tuple(m.classifier[1].weight.shape) == (3, 512, 1, 1)
    with pytest.raises(ValueError, match="Unknown model nope"):
        wm.get_model("nope")
