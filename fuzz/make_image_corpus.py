# Writes fuzz/corpus_image/: small PNG and JPEG seeds for fuzz_decode_{png,jpeg,image}
# (every PNG colour type and bit depth, palette with tRNS, Adam7 interlace; baseline,
# progressive, grayscale and CMYK JPEG). Run: /usr/bin/python3 fuzz/make_image_corpus.py
import io, os, struct, zlib
import numpy as np
from PIL import Image

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus_image")
os.makedirs(OUT, exist_ok=True)
rs = np.random.RandomState(11)
rgb = rs.randint(0, 256, (9, 10, 3)).astype(np.uint8)
rgba = np.dstack([rgb, rs.randint(0, 256, (9, 10)).astype(np.uint8)])


def save(name, im, fmt, **kw):
    b = io.BytesIO()
    im.save(b, format=fmt, **kw)
    open(os.path.join(OUT, name), "wb").write(b.getvalue())


def chunk(t, d):
    return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xFFFFFFFF)


def interlaced_png(pixels, color_type):
    """An 8-bit Adam7-interlaced PNG of an HxWxC array (filter 0 on every row)."""
    h, w = pixels.shape[:2]
    raw = b""
    for y0, x0, dy, dx in ((0, 0, 8, 8), (0, 4, 8, 8), (4, 0, 8, 4), (0, 2, 4, 4), (2, 0, 4, 2), (0, 1, 2, 2), (1, 0, 2, 1)):
        sub = pixels[y0::dy, x0::dx]
        if sub.shape[0] == 0 or sub.shape[1] == 0:
            continue
        for row in sub:
            raw += b"\x00" + row.tobytes()
    ihdr = struct.pack(">IIBBBBB", w, h, 8, color_type, 0, 0, 1)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


if __name__ == "__main__":
    save("l.png", Image.fromarray(rgb).convert("L"), "PNG")
    save("la.png", Image.fromarray(rgba, "RGBA").convert("LA"), "PNG")
    save("rgb.png", Image.fromarray(rgb), "PNG")
    save("rgba.png", Image.fromarray(rgba, "RGBA"), "PNG")
    pal = Image.fromarray(rgb).convert("P", palette=Image.ADAPTIVE, colors=12)
    save("p4.png", pal, "PNG", bits=4)
    pal.info["transparency"] = 2
    save("p_trns.png", pal, "PNG")
    save("1bit.png", Image.fromarray(rgb).convert("1"), "PNG")
    save("16bit.png", Image.fromarray((rgb[:, :, 0].astype(np.int32) * 257)).convert("I;16"), "PNG")
    open(os.path.join(OUT, "interlaced_rgb.png"), "wb").write(interlaced_png(rgb, 2))
    save("rgb.jpg", Image.fromarray(rgb), "JPEG", quality=80)
    save("gray.jpg", Image.fromarray(rgb).convert("L"), "JPEG", quality=60)
    save("progressive.jpg", Image.fromarray(rgb), "JPEG", quality=70, progressive=True)
    save("cmyk.jpg", Image.fromarray(rgb).convert("CMYK"), "JPEG", quality=75)
    save("444.jpg", Image.fromarray(rgb), "JPEG", quality=90, subsampling=0)
    print(sorted(os.listdir(OUT)))
