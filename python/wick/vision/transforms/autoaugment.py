"""AutoAugment, RandAugment, TrivialAugmentWide and AugMix (torchvision.transforms.autoaugment,
0.14) for wick.

The ops and their magnitude bins follow torchvision; the draws (wick.randint, wick.rand,
wick._sample_dirichlet) are the same calls in the same order, so the same seed picks the same
ops and magnitudes.
"""
import math
from enum import Enum

import wick
from wick.vision.transforms import functional as F
from wick.vision.transforms.functional import InterpolationMode

__all__ = ["AutoAugmentPolicy", "AutoAugment", "RandAugment", "TrivialAugmentWide", "AugMix"]


def _apply_op(img, op_name, magnitude, interpolation, fill):
    if op_name in ("ShearX", "ShearY"):
        shear = math.degrees(math.atan(magnitude))
        return F.affine(img, angle=0.0, translate=[0, 0], scale=1.0,
                        shear=[shear, 0.0] if op_name == "ShearX" else [0.0, shear],
                        interpolation=interpolation, fill=fill, center=[0, 0])
    if op_name in ("TranslateX", "TranslateY"):
        translate = [int(magnitude), 0] if op_name == "TranslateX" else [0, int(magnitude)]
        return F.affine(img, angle=0.0, translate=translate, scale=1.0, interpolation=interpolation,
                        shear=[0.0, 0.0], fill=fill)
    if op_name == "Rotate":
        return F.rotate(img, magnitude, interpolation=interpolation, fill=fill)
    enhance = {"Brightness": F.adjust_brightness, "Color": F.adjust_saturation, "Contrast": F.adjust_contrast,
               "Sharpness": F.adjust_sharpness}
    if op_name in enhance:
        return enhance[op_name](img, 1.0 + magnitude)
    if op_name == "Posterize":
        return F.posterize(img, int(magnitude))
    if op_name == "Solarize":
        return F.solarize(img, magnitude)
    if op_name == "AutoContrast":
        return F.autocontrast(img)
    if op_name == "Equalize":
        return F.equalize(img)
    if op_name == "Invert":
        return F.invert(img)
    if op_name == "Identity":
        return img
    raise ValueError(f"The provided operator {op_name} is not recognized.")


def _space(num_bins, shear, translate_x, translate_y, rotate, enhance, posterize_div):
    """{op: (magnitudes, signed)} in torchvision's order."""
    lin = wick.linspace
    return {
        "Identity": (wick.tensor(0.0), False),
        "ShearX": (lin(0.0, shear, num_bins), True),
        "ShearY": (lin(0.0, shear, num_bins), True),
        "TranslateX": (lin(0.0, translate_x, num_bins), True),
        "TranslateY": (lin(0.0, translate_y, num_bins), True),
        "Rotate": (lin(0.0, rotate, num_bins), True),
        "Brightness": (lin(0.0, enhance, num_bins), True),
        "Color": (lin(0.0, enhance, num_bins), True),
        "Contrast": (lin(0.0, enhance, num_bins), True),
        "Sharpness": (lin(0.0, enhance, num_bins), True),
        "Posterize": (8 - (wick.arange(num_bins) / ((num_bins - 1) / posterize_div)).round().int(), False),
        "Solarize": (lin(255.0, 0.0, num_bins), False),
        "AutoContrast": (wick.tensor(0.0), False),
        "Equalize": (wick.tensor(0.0), False),
    }


def _tensor_fill(img, fill, channels):
    if isinstance(img, wick.Tensor):
        if isinstance(fill, (int, float)):
            return [float(fill)] * channels
        if fill is not None:
            return [float(f) for f in fill]
    return fill


class RandAugment(wick.nn.Module):
    def __init__(self, num_ops=2, magnitude=9, num_magnitude_bins=31, interpolation=InterpolationMode.NEAREST,
                 fill=None):
        super().__init__()
        self.num_ops = num_ops
        self.magnitude = magnitude
        self.num_magnitude_bins = num_magnitude_bins
        self.interpolation = interpolation
        self.fill = fill

    def _augmentation_space(self, num_bins, image_size):
        return _space(num_bins, 0.3, 150.0 / 331.0 * image_size[1], 150.0 / 331.0 * image_size[0], 30.0, 0.9, 4)

    def forward(self, img):
        channels, height, width = F.get_dimensions(img)
        fill = _tensor_fill(img, self.fill, channels)
        op_meta = self._augmentation_space(self.num_magnitude_bins, (height, width))
        for _ in range(self.num_ops):
            op_index = int(wick.randint(len(op_meta), (1,)).item())
            op_name = list(op_meta.keys())[op_index]
            magnitudes, signed = op_meta[op_name]
            magnitude = float(magnitudes[self.magnitude].item()) if magnitudes.ndim > 0 else 0.0
            if signed and bool(wick.randint(2, (1,))):
                magnitude *= -1.0
            img = _apply_op(img, op_name, magnitude, interpolation=self.interpolation, fill=fill)
        return img

    def __repr__(self):
        return (f"{self.__class__.__name__}(num_ops={self.num_ops}, magnitude={self.magnitude}, "
                f"num_magnitude_bins={self.num_magnitude_bins}, interpolation={self.interpolation}, "
                f"fill={self.fill})")


class TrivialAugmentWide(wick.nn.Module):
    def __init__(self, num_magnitude_bins=31, interpolation=InterpolationMode.NEAREST, fill=None):
        super().__init__()
        self.num_magnitude_bins = num_magnitude_bins
        self.interpolation = interpolation
        self.fill = fill

    def _augmentation_space(self, num_bins):
        return _space(num_bins, 0.99, 32.0, 32.0, 135.0, 0.99, 6)

    def forward(self, img):
        channels, height, width = F.get_dimensions(img)
        fill = _tensor_fill(img, self.fill, channels)
        op_meta = self._augmentation_space(self.num_magnitude_bins)
        op_index = int(wick.randint(len(op_meta), (1,)).item())
        op_name = list(op_meta.keys())[op_index]
        magnitudes, signed = op_meta[op_name]
        if magnitudes.ndim > 0:
            magnitude = float(magnitudes[wick.randint(len(magnitudes), (1,), dtype=wick.int64)].item())
        else:
            magnitude = 0.0
        if signed and bool(wick.randint(2, (1,))):
            magnitude *= -1.0
        return _apply_op(img, op_name, magnitude, interpolation=self.interpolation, fill=fill)

    def __repr__(self):
        return (f"{self.__class__.__name__}(num_magnitude_bins={self.num_magnitude_bins}, "
                f"interpolation={self.interpolation}, fill={self.fill})")


class AutoAugmentPolicy(Enum):
    """The AutoAugment policies learned on ImageNet, CIFAR10 and SVHN."""
    IMAGENET = "imagenet"
    CIFAR10 = "cifar10"
    SVHN = "svhn"


# The sub-policies of the AutoAugment paper (Cubuk et al., 2018, appendix tables), as
# "op probability magnitude-bin" pairs; "-" is an op without magnitude.
_POLICY_TABLES = {
    "imagenet": """
        Posterize .4 8, Rotate .6 9 | Solarize .6 5, AutoContrast .6 - | Equalize .8 -, Equalize .6 -
        Posterize .6 7, Posterize .6 6 | Equalize .4 -, Solarize .2 4 | Equalize .4 -, Rotate .8 8
        Solarize .6 3, Equalize .6 - | Posterize .8 5, Equalize 1 - | Rotate .2 3, Solarize .6 8
        Equalize .6 -, Posterize .4 6 | Rotate .8 8, Color .4 0 | Rotate .4 9, Equalize .6 -
        Equalize 0 -, Equalize .8 - | Invert .6 -, Equalize 1 - | Color .6 4, Contrast 1 8
        Rotate .8 8, Color 1 2 | Color .8 8, Solarize .8 7 | Sharpness .4 7, Invert .6 -
        ShearX .6 5, Equalize 1 - | Color .4 0, Equalize .6 - | Equalize .4 -, Solarize .2 4
        Solarize .6 5, AutoContrast .6 - | Invert .6 -, Equalize 1 - | Color .6 4, Contrast 1 8
        Equalize .8 -, Equalize .6 -""",
    "cifar10": """
        Invert .1 -, Contrast .2 6 | Rotate .7 2, TranslateX .3 9 | Sharpness .8 1, Sharpness .9 3
        ShearY .5 8, TranslateY .7 9 | AutoContrast .5 -, Equalize .9 - | ShearY .2 7, Posterize .3 7
        Color .4 3, Brightness .6 7 | Sharpness .3 9, Brightness .7 9 | Equalize .6 -, Equalize .5 -
        Contrast .6 7, Sharpness .6 5 | Color .7 7, TranslateX .5 8 | Equalize .3 -, AutoContrast .4 -
        TranslateY .4 3, Sharpness .2 6 | Brightness .9 6, Color .2 8 | Solarize .5 2, Invert 0 -
        Equalize .2 -, AutoContrast .6 - | Equalize .2 -, Equalize .6 - | Color .9 9, Equalize .6 -
        AutoContrast .8 -, Solarize .2 8 | Brightness .1 3, Color .7 0 | Solarize .4 5, AutoContrast .9 -
        TranslateY .9 9, TranslateY .7 9 | AutoContrast .9 -, Solarize .8 3 | Equalize .8 -, Invert .1 -
        TranslateY .7 9, AutoContrast .9 -""",
    "svhn": """
        ShearX .9 4, Invert .2 - | ShearY .9 8, Invert .7 - | Equalize .6 -, Solarize .6 6
        Invert .9 -, Equalize .6 - | Equalize .6 -, Rotate .9 3 | ShearX .9 4, AutoContrast .8 -
        ShearY .9 8, Invert .4 - | ShearY .9 5, Solarize .2 6 | Invert .9 -, AutoContrast .8 -
        Equalize .6 -, Rotate .9 3 | ShearX .9 4, Solarize .3 3 | ShearY .8 8, Invert .7 -
        Equalize .9 -, TranslateY .6 6 | Invert .9 -, Equalize .6 - | Contrast .3 3, Rotate .8 4
        Invert .8 -, TranslateY 0 2 | ShearY .7 6, Solarize .4 8 | Invert .6 -, Rotate .8 4
        ShearY .3 7, TranslateX .9 3 | ShearX .1 6, Invert .6 - | Solarize .7 2, TranslateY .6 7
        ShearY .8 4, Invert .8 - | ShearX .7 9, TranslateY .8 3 | ShearY .8 5, AutoContrast .7 -
        ShearX .7 2, Invert .1 -""",
}


def _parse_policy(table):
    subs = []
    for sub in table.replace("\n", "|").split("|"):
        if not sub.strip():
            continue
        ops = []
        for op in sub.split(","):
            name, p, m = op.split()
            ops.append((name, float(p), None if m == "-" else int(m)))
        subs.append(tuple(ops))
    return subs


class AutoAugment(wick.nn.Module):
    def __init__(self, policy=AutoAugmentPolicy.IMAGENET, interpolation=InterpolationMode.NEAREST, fill=None):
        super().__init__()
        self.policy = policy
        self.interpolation = interpolation
        self.fill = fill
        self.policies = self._get_policies(policy)

    def _get_policies(self, policy):
        if isinstance(policy, AutoAugmentPolicy):
            return _parse_policy(_POLICY_TABLES[policy.value])
        raise ValueError(f"The provided policy {policy} is not recognized.")

    def _augmentation_space(self, num_bins, image_size):
        space = _space(num_bins, 0.3, 150.0 / 331.0 * image_size[1], 150.0 / 331.0 * image_size[0], 30.0, 0.9, 4)
        del space["Identity"]
        space["Invert"] = (wick.tensor(0.0), False)
        return space

    @staticmethod
    def get_params(transform_num):
        policy_id = int(wick.randint(transform_num, (1,)).item())
        probs = wick.rand((2,))
        signs = wick.randint(2, (2,))
        return policy_id, probs, signs

    def forward(self, img):
        channels, height, width = F.get_dimensions(img)
        fill = _tensor_fill(img, self.fill, channels)
        transform_id, probs, signs = self.get_params(len(self.policies))
        op_meta = self._augmentation_space(10, (height, width))
        for i, (op_name, p, magnitude_id) in enumerate(self.policies[transform_id]):
            if bool(probs[i] <= p):
                magnitudes, signed = op_meta[op_name]
                magnitude = float(magnitudes[magnitude_id].item()) if magnitude_id is not None else 0.0
                if signed and int(signs[i]) == 0:
                    magnitude *= -1.0
                img = _apply_op(img, op_name, magnitude, interpolation=self.interpolation, fill=fill)
        return img

    def __repr__(self):
        return f"{self.__class__.__name__}(policy={self.policy}, fill={self.fill})"


class AugMix(wick.nn.Module):
    def __init__(self, severity=3, mixture_width=3, chain_depth=-1, alpha=1.0, all_ops=True,
                 interpolation=InterpolationMode.BILINEAR, fill=None):
        super().__init__()
        self._PARAMETER_MAX = 10
        if not (1 <= severity <= self._PARAMETER_MAX):
            raise ValueError(f"The severity must be between [1, {self._PARAMETER_MAX}]. Got {severity} instead.")
        self.severity = severity
        self.mixture_width = mixture_width
        self.chain_depth = chain_depth
        self.alpha = alpha
        self.all_ops = all_ops
        self.interpolation = interpolation
        self.fill = fill

    def _augmentation_space(self, num_bins, image_size):
        lin = wick.linspace
        space = {
            "ShearX": (lin(0.0, 0.3, num_bins), True),
            "ShearY": (lin(0.0, 0.3, num_bins), True),
            "TranslateX": (lin(0.0, image_size[1] / 3.0, num_bins), True),
            "TranslateY": (lin(0.0, image_size[0] / 3.0, num_bins), True),
            "Rotate": (lin(0.0, 30.0, num_bins), True),
            "Posterize": (4 - (wick.arange(num_bins) / ((num_bins - 1) / 4)).round().int(), False),
            "Solarize": (lin(255.0, 0.0, num_bins), False),
            "AutoContrast": (wick.tensor(0.0), False),
            "Equalize": (wick.tensor(0.0), False),
        }
        if self.all_ops:
            for name in ("Brightness", "Color", "Contrast", "Sharpness"):
                space[name] = (lin(0.0, 0.9, num_bins), True)
        return space

    def _pil_to_tensor(self, img):
        return F.pil_to_tensor(img)

    def _tensor_to_pil(self, img):
        return F.to_pil_image(img)

    def _sample_dirichlet(self, params):
        return wick._sample_dirichlet(params)

    def forward(self, orig_img):
        fill = self.fill
        channels, height, width = F.get_dimensions(orig_img)
        if isinstance(orig_img, wick.Tensor):
            img = orig_img
            fill = _tensor_fill(img, fill, channels)
        else:
            img = self._pil_to_tensor(orig_img)

        op_meta = self._augmentation_space(self._PARAMETER_MAX, (height, width))
        op_names = list(op_meta.keys())

        orig_dims = list(img.shape)
        batch = img.view([1] * max(4 - img.ndim, 0) + orig_dims)
        n = batch.size(0)
        batch_dims = [n] + [1] * (batch.ndim - 1)

        # weight of the original image and of the mixed chains, then the chains' shares
        m = self._sample_dirichlet(wick.tensor([self.alpha, self.alpha], device=batch.device).expand(n, -1))
        combined_weights = self._sample_dirichlet(
            wick.tensor([self.alpha] * self.mixture_width, device=batch.device).expand(n, -1)) * m[:, 1].view([n, -1])

        mix = m[:, 0].view(batch_dims) * batch
        for i in range(self.mixture_width):
            aug = batch
            depth = self.chain_depth if self.chain_depth > 0 else int(wick.randint(1, 4, (1,)).item())
            for _ in range(depth):
                op_name = op_names[int(wick.randint(len(op_meta), (1,)).item())]
                magnitudes, signed = op_meta[op_name]
                if magnitudes.ndim > 0:
                    magnitude = float(magnitudes[wick.randint(self.severity, (1,), dtype=wick.int64)].item())
                else:
                    magnitude = 0.0
                if signed and bool(wick.randint(2, (1,))):
                    magnitude *= -1.0
                aug = _apply_op(aug, op_name, magnitude, interpolation=self.interpolation, fill=fill)
            mix.add_(combined_weights[:, i].view(batch_dims) * aug)
        mix = mix.view(orig_dims).to(dtype=img.dtype)

        if not isinstance(orig_img, wick.Tensor):
            return self._tensor_to_pil(mix)
        return mix

    def __repr__(self):
        return (f"{self.__class__.__name__}(severity={self.severity}, mixture_width={self.mixture_width}, "
                f"chain_depth={self.chain_depth}, alpha={self.alpha}, all_ops={self.all_ops}, "
                f"interpolation={self.interpolation}, fill={self.fill})")
