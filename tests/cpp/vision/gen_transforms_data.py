# Regenerates transforms_test_data.h: torchvision 0.14's tensor-path results for transforms_test.cpp.
# Run with Debian's interpreter: /usr/bin/python3 tests/cpp/vision/gen_transforms_data.py
import os

import torch
import torchvision
import torchvision.transforms as T
import torchvision.transforms.functional as F

IM = F.InterpolationMode
g = torch.Generator().manual_seed(42)
u8 = torch.randint(0, 256, (3, 7, 9), generator=g, dtype=torch.uint8)
f32 = u8.float() / 255
data = {"u8": u8, "f32": f32}


def put(name, t):
    data[name] = t


for tag, img in [("u8", u8), ("f32", f32)]:
    for mode in ["NEAREST", "BILINEAR", "BICUBIC"]:
        m = mode.lower()
        put(f"resize_{m}_up_{tag}", F.resize(img, [10, 13], getattr(IM, mode)))
        put(f"resize_{m}_down_{tag}", F.resize(img, [4, 5], getattr(IM, mode)))
        put(f"resize_{m}_edge_{tag}", F.resize(img, [5], getattr(IM, mode)))
    put(f"resize_aa_bilinear_{tag}", F.resize(img, [3, 4], IM.BILINEAR, antialias=True))
    put(f"resize_aa_bicubic_{tag}", F.resize(img, [3, 4], IM.BICUBIC, antialias=True))
    put(f"resize_max_size_{tag}", F.resize(img, 5, max_size=6))
    put(f"crop_out_{tag}", F.crop(img, -2, 3, 6, 10))
    put(f"center_crop_{tag}", F.center_crop(img, [4, 6]))
    put(f"center_crop_pad_{tag}", F.center_crop(img, [10, 8]))
    for pm in ["constant", "edge", "reflect", "symmetric"]:
        put(f"pad_{pm}_{tag}", F.pad(img, [1, 2, 3, 4], fill=7, padding_mode=pm))
    put(f"pad_symmetric_neg_{tag}", F.pad(img, [-1, 2, 0, 3], padding_mode="symmetric"))
    put(f"pad_two_{tag}", F.pad(img, [2, 1], fill=3))
    for mode in ["NEAREST", "BILINEAR"]:
        m = mode.lower()
        put(f"rotate_{m}_{tag}", F.rotate(img, 30, getattr(IM, mode)))
        put(f"rotate_expand_{m}_{tag}", F.rotate(img, -45.5, getattr(IM, mode), expand=True, fill=[1.0, 2.0, 3.0]))
        put(f"rotate_center_{m}_{tag}", F.rotate(img, 90, getattr(IM, mode), center=[2, 3], fill=[5.0]))
        put(f"affine_{m}_{tag}", F.affine(img, 20, [1, 2], 1.2, [5, 3], getattr(IM, mode), center=[3, 4]))
        put(f"affine_fill_{m}_{tag}", F.affine(img, -10.0, [0, -3], 0.8, [12.0], getattr(IM, mode), fill=[9.0]))
    put(f"gray1_{tag}", F.rgb_to_grayscale(img))
    put(f"gray3_{tag}", F.rgb_to_grayscale(img, 3))
    put(f"brightness_{tag}", F.adjust_brightness(img, 1.3))
    put(f"contrast_{tag}", F.adjust_contrast(img, 0.7))
    put(f"saturation_{tag}", F.adjust_saturation(img, 0.4))
    put(f"hue_{tag}", F.adjust_hue(img, 0.2))
    put(f"hue_neg_{tag}", F.adjust_hue(img, -0.45))
    put(f"gamma_{tag}", F.adjust_gamma(img, 0.5, 1.1))
    put(f"invert_{tag}", F.invert(img))
    put(f"blur_{tag}", F.gaussian_blur(img, [3, 5], [0.8, 1.2]))
    put(f"blur_default_{tag}", F.gaussian_blur(img, [5, 3]))
    put(f"five_center_{tag}", F.five_crop(img, [3, 4])[4])
    put(f"ten_last_{tag}", F.ten_crop(img, [3, 4], vertical_flip=True)[9])

u8c = u8.clone()
u8c[1] = 7  # a constant channel
f32c = u8c.float() / 255
put("u8c", u8c)
for tag, img in [("u8", u8c), ("f32", f32c)]:
    put(f"solarize_{tag}", F.solarize(img, 100 if tag == "u8" else 0.4))
    put(f"sharpness_{tag}", F.adjust_sharpness(img, 1.7))
    put(f"autocontrast_{tag}", F.autocontrast(img))
SP = [[0, 0], [8, 0], [8, 6], [0, 6]]
EP = [[1, 1], [7, 0], [6, 5], [2, 6]]
for tag, img in [("u8", u8), ("f32", f32)]:
    put(f"perspective_nearest_{tag}", F.perspective(img, SP, EP, IM.NEAREST, fill=[1.0, 2.0, 3.0]))
    put(f"perspective_bilinear_{tag}", F.perspective(img, SP, EP, IM.BILINEAR))
put("perspective_coeffs", torch.tensor(F._get_perspective_coeffs(SP, EP), dtype=torch.float64))
disp = (torch.rand(1, 7, 9, 2, generator=g) * 0.2 - 0.1)
put("elastic_disp", disp)
for tag, img in [("u8", u8), ("f32", f32)]:
    put(f"elastic_bilinear_{tag}", F.elastic_transform(img, disp))
    put(f"elastic_nearest_{tag}", F.elastic_transform(img, disp, IM.NEAREST, fill=[4.0]))
put("posterize3", F.posterize(u8c, 3))
put("posterize0", F.posterize(u8c, 0))
put("equalize", F.equalize(u8c))

put("convert_u8_f64", F.convert_image_dtype(u8, torch.float64))
put("convert_f32_u8", F.convert_image_dtype(f32, torch.uint8))
put("convert_u8_i16", F.convert_image_dtype(u8, torch.int16))
put("convert_i16_u8", F.convert_image_dtype(F.convert_image_dtype(u8, torch.int16) + 100, torch.uint8))
put("convert_f64_i32", F.convert_image_dtype(f32.double(), torch.int32))
put("normalize", F.normalize(f32, [0.5, 0.4, 0.3], [0.2, 0.3, 0.4]))
b2 = torch.stack([u8, u8.flip(-1)])
put("batch_u8", b2)
put("batch_resize_bilinear", F.resize(b2, [5, 6]))
put("batch_rotate_bilinear", F.rotate(b2.float(), 20, IM.BILINEAR))
put("batch_hue", F.adjust_hue(b2, 0.1))

# seeded random transforms on f32: (output, torch.rand(1) drawn afterwards)
RANDOM = {
    "RandomCrop": T.RandomCrop(5, padding=[1, 2], fill=3),
    "RandomCropPad": T.RandomCrop((9, 11), pad_if_needed=True, padding_mode="reflect"),
    "RandomResizedCrop": T.RandomResizedCrop(5),
    "RandomResizedCropTall": T.RandomResizedCrop((6, 3), scale=(0.9, 1.0), ratio=(0.2, 0.3)),
    "RandomHorizontalFlip": T.RandomHorizontalFlip(),
    "RandomVerticalFlip": T.RandomVerticalFlip(),
    "RandomRotation": T.RandomRotation(40, IM.BILINEAR, expand=True, fill=2),
    "RandomAffine": T.RandomAffine(20, (0.2, 0.1), (0.7, 1.3), (-5, 5, -3, 3)),
    "RandomGrayscale": T.RandomGrayscale(0.5),
    "ColorJitter": T.ColorJitter(0.4, 0.4, 0.4, 0.1),
    "GaussianBlur": T.GaussianBlur((3, 5)),
    "RandomErasing": T.RandomErasing(p=0.9, value="random"),
    "RandomErasingValue": T.RandomErasing(p=0.9, value=(1, 2, 3)),
    "RandomApply": T.RandomApply(torch.nn.ModuleList([T.RandomHorizontalFlip(1.0), T.CenterCrop(5)]), p=0.5),
    "Compose": T.Compose([T.RandomResizedCrop(6), T.RandomHorizontalFlip(), T.Normalize([0.5] * 3, [0.2] * 3)]),
    "RandomInvert": T.RandomInvert(),
    "RandomPerspective": T.RandomPerspective(0.6, 0.8, fill=[1, 2, 3]),
    "RandomSolarize": T.RandomSolarize(0.4),
    "RandomAdjustSharpness": T.RandomAdjustSharpness(2.0),
    "RandomAutocontrast": T.RandomAutocontrast(),
}
SEEDS = [0, 1, 2, 7]
big = torch.randint(0, 256, (3, 24, 26), generator=g, dtype=torch.uint8).float() / 255
put("big", big)
for s_ in SEEDS:
    torch.manual_seed(s_)
    put(f"seed_Elastic_{s_}", T.ElasticTransform(20.0, 2.0, fill=0.5)(big))
    put(f"seed_Elastic_{s_}_next", torch.rand(1))
for name, t in RANDOM.items():
    for s in SEEDS:
        torch.manual_seed(s)
        put(f"seed_{name}_{s}", t(f32))
        put(f"seed_{name}_{s}_next", torch.rand(1))

REPRS = {
    "Compose": T.Compose([T.CenterCrop(3), T.Normalize([0.5], [0.5])]),
    "Resize": T.Resize(8),
    "Resize2": T.Resize([8, 9], IM.BICUBIC, antialias=True),
    "CenterCrop": T.CenterCrop(5),
    "Pad": T.Pad([1, 2], fill=3, padding_mode="edge"),
    "RandomCrop": T.RandomCrop(5, padding=2),
    "RandomResizedCrop": T.RandomResizedCrop(6, scale=(0.5, 1.0)),
    "RandomHorizontalFlip": T.RandomHorizontalFlip(),
    "RandomVerticalFlip": T.RandomVerticalFlip(0.3),
    "RandomRotation": T.RandomRotation(30),
    "RandomAffine": T.RandomAffine(20, (0.1, 0.2), (0.8, 1.2), 10, IM.BILINEAR, fill=1),
    "Grayscale": T.Grayscale(3),
    "RandomGrayscale": T.RandomGrayscale(),
    "ColorJitter": T.ColorJitter(0.4, [0.5, 1.5], 0, 0.1),
    "GaussianBlur": T.GaussianBlur(3, (0.5, 1.0)),
    "RandomErasing": T.RandomErasing(),
    "RandomApply": T.RandomApply([T.RandomHorizontalFlip()], p=0.3),
    "FiveCrop": T.FiveCrop(3),
    "TenCrop": T.TenCrop((3, 4), True),
    "ConvertImageDtype": T.ConvertImageDtype(torch.float32),
    "Normalize": T.Normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225]),
    "RandomInvert": T.RandomInvert(),
    "RandomPosterize": T.RandomPosterize(3, 0.3),
    "RandomSolarize": T.RandomSolarize(0.4),
    "RandomAdjustSharpness": T.RandomAdjustSharpness(2.0),
    "RandomAutocontrast": T.RandomAutocontrast(),
    "RandomEqualize": T.RandomEqualize(0.2),
    "ElasticTransform": T.ElasticTransform(),
}


def c_str(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def vals(t):
    t = t.detach().reshape(-1)
    if t.dtype.is_floating_point:
        return ", ".join(repr(float(v)) for v in t.double().tolist())
    return ", ".join(str(int(v)) for v in t.tolist())


DT = {torch.uint8: "kByte", torch.int16: "kShort", torch.int32: "kInt", torch.float32: "kFloat", torch.float64: "kDouble"}
here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "transforms_test_data.h"), "w") as f:
    f.write("#pragma once\n")
    f.write(f"// Generated by gen_transforms_data.py from torchvision {torchvision.__version__} "
            f"(PyTorch {torch.__version__}). Do not edit.\n")
    f.write("#include <cstdint>\n#include <string>\n#include <vector>\n\n#include \"wick/wick.h\"\n\n")
    f.write("namespace transforms_data {\n")
    f.write("struct Case { std::vector<int64_t> shape; wick::ScalarType dtype; std::vector<double> values; };\n")
    for name, t in data.items():
        shape = ", ".join(str(s) for s in t.shape)
        f.write(f"inline const Case {name}{{{{{shape}}}, wick::{DT[t.dtype]}, {{{vals(t)}}}}};\n")
    f.write("inline const std::vector<int> seeds{" + ", ".join(map(str, SEEDS)) + "};\n")
    for name, t in REPRS.items():
        f.write(f"inline const std::string repr_{name} = {c_str(repr(t))};\n")
    f.write("}  // namespace transforms_data\n")
print(len(data), "cases")
