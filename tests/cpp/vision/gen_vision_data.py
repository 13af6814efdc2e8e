# Regenerates vision_test_data.h: small PNG/JPEG files written by PIL and
# torchvision 0.14's decoded pixels for them, for io_test.cpp.
# Run with Debian's interpreter: /usr/bin/python3 tests/cpp/vision/gen_vision_data.py
import io as pio, os, struct, zlib
import numpy as np
import torch, torchvision
from torchvision.io import decode_png, decode_jpeg, encode_png, encode_jpeg, ImageReadMode
from PIL import Image

rs = np.random.RandomState(7)
rgb = rs.randint(0, 256, (5, 6, 3)).astype(np.uint8)          # H=5, W=6
alpha = rs.randint(0, 256, (5, 6)).astype(np.uint8)
rgba = np.dstack([rgb, alpha])
smooth = (np.add.outer(np.arange(16) * 9, np.arange(16) * 5) % 256).astype(np.uint8)  # 16x16
smooth_rgb = np.dstack([smooth, 255 - smooth, (smooth // 2 + 40)]).astype(np.uint8)

def png(im, **kw):
    b = pio.BytesIO(); im.save(b, format="PNG", **kw); return b.getvalue()

def jpg(im, **kw):
    b = pio.BytesIO(); im.save(b, format="JPEG", **kw); return b.getvalue()

def chunk(t, d):
    return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xFFFFFFFF)

def interlaced_png(pixels, color_type, bit_depth=8):
    """An Adam7-interlaced PNG of an HxWxC array (filter 0 on every row); 16-bit rows big-endian."""
    h, w = pixels.shape[:2]
    raw = b""
    for y0, x0, dy, dx in ((0, 0, 8, 8), (0, 4, 8, 8), (4, 0, 8, 4), (0, 2, 4, 4), (2, 0, 4, 2), (0, 1, 2, 2), (1, 0, 2, 1)):
        sub = pixels[y0::dy, x0::dx]
        if sub.shape[0] == 0 or sub.shape[1] == 0:
            continue
        for row in sub:
            raw += b"\x00" + (row.astype(">u2") if bit_depth == 16 else row).tobytes()
    ihdr = struct.pack(">IIBBBBB", w, h, bit_depth, color_type, 0, 0, 1)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")

files = {}
files["png_L"] = png(Image.fromarray(rgb).convert("L"))
files["png_LA"] = png(Image.fromarray(rgba, "RGBA").convert("LA"))
files["png_RGB"] = png(Image.fromarray(rgb))
files["png_RGBA"] = png(Image.fromarray(rgba, "RGBA"))
pal = Image.fromarray(rgb).convert("P", palette=Image.ADAPTIVE, colors=200)
files["png_P"] = png(pal)
pal_t = pal.copy(); pal_t.info["transparency"] = 3
files["png_P_trns"] = png(pal_t)
pal4 = Image.fromarray(rgb).convert("P", palette=Image.ADAPTIVE, colors=12)
files["png_P4"] = png(pal4, bits=4)
files["png_1bit"] = png(Image.fromarray(rgb).convert("1"))
a16 = (np.arange(30, dtype=np.int32).reshape(5, 6) * 2111)
files["png_16"] = png(Image.fromarray(a16).convert("I;16"))
files["png_RGB_interlaced"] = interlaced_png(rgb, 2)
files["png_RGBA_interlaced"] = interlaced_png(rgba, 6)
files["png_16_interlaced"] = interlaced_png(a16.astype(np.uint16)[:, :, None], 0, 16)
files["jpeg_cmyk"] = jpg(Image.fromarray(smooth_rgb).convert("CMYK"), quality=90)
files["jpeg_gray"] = jpg(Image.fromarray(smooth), quality=90)
files["jpeg_rgb"] = jpg(Image.fromarray(smooth_rgb), quality=85)
files["jpeg_rgb_progressive"] = jpg(Image.fromarray(smooth_rgb), quality=80, progressive=True)

def t(b):
    return torch.frombuffer(bytearray(b), dtype=torch.uint8)

modes = {"UNCHANGED": ImageReadMode.UNCHANGED, "GRAY": ImageReadMode.GRAY, "GRAY_ALPHA": ImageReadMode.GRAY_ALPHA,
         "RGB": ImageReadMode.RGB, "RGB_ALPHA": ImageReadMode.RGB_ALPHA}
decoded = []  # (file, mode, shape, values)
for name, b in files.items():
    is_png = name.startswith("png")
    for mname, m in modes.items():
        if not is_png and mname not in ("UNCHANGED", "GRAY", "RGB"):
            continue
        if name.startswith("png_16"):
            continue
        if name in ("png_P", "png_P4") and mname in ("GRAY_ALPHA", "RGB_ALPHA"):
            continue  # torchvision 0.14 returns uninitialised memory here; see io_test.cpp
        if name == "png_1bit" and mname in ("GRAY_ALPHA", "RGB_ALPHA"):
            continue  # torchvision 0.14 fills alpha with (1 << bit_depth) - 1 = 1, not 255
        if name == "png_P4" and mname == "UNCHANGED":
            continue  # torchvision 0.14 leaves 4-bit indices packed
        if name == "jpeg_cmyk" and mname != "UNCHANGED":
            continue  # libjpeg-turbo: "Unsupported color conversion request"
        out = (decode_png if is_png else decode_jpeg)(t(b), m)
        decoded.append((name, mname, list(out.shape), out.flatten().tolist()))
# 16-bit through the private allow_16_bits path (int32 out).
for mname in ("UNCHANGED", "RGB"):
    out = torch.ops.image.decode_png(t(files["png_16"]), modes[mname].value, True)
    decoded.append(("png_16", mname, list(out.shape), out.flatten().tolist()))

# What the encoders must produce byte for byte (same libpng/libjpeg-turbo).
img_rgb = torch.from_numpy(rgb).permute(2, 0, 1).contiguous()
img_gray = torch.from_numpy(smooth).unsqueeze(0).contiguous()
encoded = {
    "enc_png_rgb_6": encode_png(img_rgb, 6), "enc_png_rgb_0": encode_png(img_rgb, 0),
    "enc_png_gray_9": encode_png(img_gray, 9),
    "enc_jpeg_rgb_75": encode_jpeg(img_rgb, 75), "enc_jpeg_gray_30": encode_jpeg(img_gray, 30),
}

here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "vision_test_data.h"), "w") as f:
    f.write("#pragma once\n// Generated by gen_vision_data.py from torchvision %s and PIL %s. Do not edit.\n"
            % (torchvision.__version__, Image.__version__))
    f.write("#include <cstdint>\n#include <string>\n#include <vector>\n\nnamespace vision_data {\n")
    f.write("// The source images: rgb (5x6x3, HWC) and smooth (16x16 gray).\n")
    f.write("inline const std::vector<uint8_t> rgb_hwc{%s};\n" % ", ".join(map(str, rgb.flatten())))
    f.write("inline const std::vector<uint8_t> smooth_hw{%s};\n" % ", ".join(map(str, smooth.flatten())))
    for name, b in files.items():
        f.write("inline const std::vector<uint8_t> %s{%s};\n" % (name, ", ".join(map(str, b))))
    for name, e in encoded.items():
        f.write("inline const std::vector<uint8_t> %s{%s};\n" % (name, ", ".join(map(str, e.tolist()))))
    f.write("struct Decoded { const std::vector<uint8_t>* file; const char* file_name; int mode;\n"
            "                 std::vector<int64_t> shape; std::vector<int32_t> values; };\n")
    f.write("inline const std::vector<Decoded> decoded{\n")
    for name, mname, shape, vals in decoded:
        f.write("  {&%s, \"%s\", %d, {%s}, {%s}},\n" % (name, name, modes[mname].value, ", ".join(map(str, shape)),
                                                  ", ".join(map(str, vals))))
    f.write("};\n}  // namespace vision_data\n")
print("wrote", len(files), "files,", len(decoded), "decodings")
