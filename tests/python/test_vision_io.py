"""wick.vision.io against torchvision.io on files written here (PIL and the encoders)."""
import io as pio
import os

import numpy as np
import pytest

import wick
from wick.vision import io as wio
from conftest import needs_torch

try:
    import torch
    import torchvision.io as tio
    from PIL import Image
    HAVE_TV = True
except Exception:  # pragma: no cover
    HAVE_TV = False

needs_tv = pytest.mark.skipif(not HAVE_TV, reason="torchvision and PIL (the reference) are not installed")

MODES = ["UNCHANGED", "GRAY", "GRAY_ALPHA", "RGB", "RGB_ALPHA"]


def rng_image(h=7, w=9, seed=3):
    return np.random.RandomState(seed).randint(0, 256, (h, w, 3)).astype(np.uint8)


def pil_bytes(im, fmt, **kw):
    b = pio.BytesIO()
    im.save(b, format=fmt, **kw)
    return b.getvalue()


def w_bytes(b):
    return wick.from_numpy(np.frombuffer(b, dtype=np.uint8).copy())


def t_bytes(b):
    return torch.frombuffer(bytearray(b), dtype=torch.uint8)


def same(w, t):
    assert tuple(w.shape) == tuple(t.shape)
    assert str(w.dtype).replace("wick", "torch") == str(t.dtype)
    assert tuple(w.stride()) == tuple(t.stride())
    np.testing.assert_array_equal(w.numpy(), t.numpy())


def png_files():
    rgb = rng_image()
    a = np.random.RandomState(5).randint(0, 256, (7, 9)).astype(np.uint8)
    rgba = Image.fromarray(np.dstack([rgb, a]), "RGBA")
    pal = Image.fromarray(rgb).convert("P", palette=Image.ADAPTIVE, colors=100)
    pal_t = pal.copy()
    pal_t.info["transparency"] = 5
    return {
        "L": pil_bytes(Image.fromarray(rgb).convert("L"), "PNG"),
        "LA": pil_bytes(rgba.convert("LA"), "PNG"),
        "RGB": pil_bytes(Image.fromarray(rgb), "PNG"),
        "RGBA": pil_bytes(rgba, "PNG"),
        "P": pil_bytes(pal, "PNG"),
        "P_trns": pil_bytes(pal_t, "PNG"),
        "1": pil_bytes(Image.fromarray(rgb).convert("1"), "PNG"),
    }


@needs_tv
@needs_torch
@pytest.mark.parametrize("kind", ["L", "LA", "RGB", "RGBA", "P", "P_trns", "1"])
@pytest.mark.parametrize("mode", MODES)
def test_decode_png_matches_torchvision(kind, mode):
    b = png_files()[kind]
    w = wio.decode_png(w_bytes(b), getattr(wio.ImageReadMode, mode))
    if (kind == "P" and mode in ("GRAY_ALPHA", "RGB_ALPHA")) or (kind == "1" and mode in ("GRAY_ALPHA", "RGB_ALPHA")):
        # torchvision 0.14 returns uninitialised memory (palette without tRNS)
        # or alpha (1 << bit_depth) - 1 = 1 (1-bit); wick: the colours, opaque.
        t = tio.decode_png(t_bytes(b), getattr(tio.ImageReadMode, mode[:-6]))
        np.testing.assert_array_equal(w.numpy()[:-1], t.numpy())
        assert (w.numpy()[-1] == 255).all()
        return
    same(w, tio.decode_png(t_bytes(b), getattr(tio.ImageReadMode, mode)))
    same(wio.decode_image(w_bytes(b), getattr(wio.ImageReadMode, mode)),
         tio.decode_image(t_bytes(b), getattr(tio.ImageReadMode, mode)))


@needs_tv
@needs_torch
@pytest.mark.parametrize("opts", [dict(quality=90), dict(quality=60, progressive=True), dict(quality=75, subsampling=0)])
@pytest.mark.parametrize("gray", [False, True])
@pytest.mark.parametrize("mode", ["UNCHANGED", "GRAY", "RGB"])
def test_decode_jpeg_matches_torchvision(opts, gray, mode):
    yy, xx = np.mgrid[0:21, 0:19]
    rgb = np.dstack([(yy * 11) % 256, (xx * 13) % 256, (yy * xx) % 256]).astype(np.uint8)
    im = Image.fromarray(rgb)
    if gray:
        im = im.convert("L")
    b = pil_bytes(im, "JPEG", **opts)
    same(wio.decode_jpeg(w_bytes(b), getattr(wio.ImageReadMode, mode)),
         tio.decode_jpeg(t_bytes(b), getattr(tio.ImageReadMode, mode)))
    same(wio.decode_image(w_bytes(b), getattr(wio.ImageReadMode, mode)),
         tio.decode_image(t_bytes(b), getattr(tio.ImageReadMode, mode)))


@needs_tv
@needs_torch
@pytest.mark.parametrize("channels", [1, 3])
def test_encoders_match_torchvision_bytes(channels):
    x = rng_image(11, 13)[:, :, :channels].transpose(2, 0, 1).copy()
    w, t = wick.from_numpy(x), torch.from_numpy(x)
    for level in (0, 6, 9):
        same(wio.encode_png(w, level), tio.encode_png(t, level))
    same(wio.encode_png(w), tio.encode_png(t))
    same(wio.encode_png(w, compression_level=1), tio.encode_png(t, compression_level=1))
    for q in (1, 50, 75, 100):
        same(wio.encode_jpeg(w, q), tio.encode_jpeg(t, q))
    same(wio.encode_jpeg(w, quality=30), tio.encode_jpeg(t, quality=30))
    # non-contiguous input
    same(wio.encode_png(w.transpose(1, 2)), tio.encode_png(t.transpose(1, 2)))


@needs_tv
@needs_torch
def test_files_round_trip(tmp_path):
    x = rng_image(6, 4).transpose(2, 0, 1).copy()
    w = wick.from_numpy(x)
    p, j, r = str(tmp_path / "a.png"), str(tmp_path / "a.jpg"), tmp_path / "raw.bin"
    wio.write_png(w, p, compression_level=2)
    same(wio.read_image(p), tio.read_image(p))
    same(wio.read_image(p, wio.ImageReadMode.GRAY), tio.read_image(p, tio.ImageReadMode.GRAY))
    np.testing.assert_array_equal(wio.read_image(p).numpy(), x)
    np.testing.assert_array_equal(np.asarray(Image.open(p)).transpose(2, 0, 1), x)
    wio.write_jpeg(w, j, quality=88)
    same(wio.read_file(j), tio.read_file(j))
    same(wio.read_image(j), tio.read_image(j))
    tio.write_jpeg(torch.from_numpy(x), str(tmp_path / "t.jpg"), 88)
    assert open(j, "rb").read() == open(tmp_path / "t.jpg", "rb").read()
    data = wick.arange(0, 256).to(wick.uint8)
    wio.write_file(r, data)  # os.PathLike too
    assert open(r, "rb").read() == bytes(range(256))
    same(wio.read_file(r), tio.read_file(str(r)))
    # 16-bit PNG: torchvision 0.14 refuses it by default; the private reader gives int32.
    a16 = (np.arange(12, dtype=np.int32).reshape(3, 4) * 5000)
    p16 = str(tmp_path / "16.png")
    Image.fromarray(a16).convert("I;16").save(p16)
    with pytest.raises(RuntimeError, match="At most 8-bit PNG images are supported currently."):
        wio.read_image(p16)
    same(wio._read_png_16(p16), tio.image._read_png_16(p16))
    same(wio._read_png_16(p16, wio.ImageReadMode.RGB), tio.image._read_png_16(p16, tio.ImageReadMode.RGB))


def err(fn):
    try:
        fn()
    except Exception as e:  # noqa: BLE001
        return type(e).__name__, str(e).split("\n")[0]
    return None


@needs_tv
@needs_torch
def test_errors_match_torchvision(tmp_path):
    empty = tmp_path / "empty"
    empty.write_bytes(b"")
    img = rng_image(4, 5).transpose(2, 0, 1).copy()
    png = pil_bytes(Image.fromarray(rng_image()), "PNG")
    jpg = pil_bytes(Image.fromarray(rng_image()), "JPEG")
    cases = [
        lambda m, x: m.encode_png(x(img).float()),
        lambda m, x: m.encode_png(x(img)[0]),
        lambda m, x: m.encode_png(x(np.zeros((2, 4, 5), np.uint8))),
        lambda m, x: m.encode_png(x(img), 10),
        lambda m, x: m.encode_png(x(img), -1),
        lambda m, x: m.encode_png(x(np.zeros((3, 0, 4), np.uint8))),
        lambda m, x: m.encode_jpeg(x(img).float()),
        lambda m, x: m.encode_jpeg(x(np.zeros((4, 4, 5), np.uint8))),
        lambda m, x: m.encode_jpeg(x(img), 0),
        lambda m, x: m.encode_jpeg(x(img), 101),
        lambda m, x: m.decode_png(x(np.zeros(10, np.float32))),
        lambda m, x: m.decode_png(x(np.zeros((2, 10), np.uint8))),
        lambda m, x: m.decode_png(x(np.zeros(10, np.uint8))),
        lambda m, x: m.decode_png(x(np.frombuffer(png[:40], np.uint8))),
        lambda m, x: m.decode_jpeg(x(np.zeros(10, np.float32))),
        lambda m, x: m.decode_jpeg(x(np.zeros(10, np.uint8))),
        lambda m, x: m.decode_jpeg(x(np.frombuffer(jpg[:60], np.uint8))),
        lambda m, x: m.decode_jpeg(x(np.frombuffer(jpg[:-7], np.uint8))),
        lambda m, x: m.decode_jpeg(x(np.frombuffer(jpg, np.uint8)), m.ImageReadMode.GRAY_ALPHA),
        lambda m, x: m.decode_image(x(np.zeros(10, np.uint8))),
        lambda m, x: m.decode_image(x(np.zeros(0, np.uint8))),
        lambda m, x: m.decode_image(x(np.zeros(2, np.uint8))),
        lambda m, x: m.read_file(str(tmp_path / "missing.png")),
        lambda m, x: m.read_file(str(empty)),
        lambda m, x: m.read_image(str(tmp_path / "missing.png")),
        lambda m, x: m.write_file(str(tmp_path / "no" / "x"), x(np.zeros(3, np.uint8))),
        lambda m, x: m.write_file(str(tmp_path / "x"), x(np.zeros(3, np.float32))),
        lambda m, x: m.write_file(str(tmp_path / "x"), x(np.zeros((3, 3), np.uint8))),
        lambda m, x: m.write_png(x(img), str(tmp_path / "no" / "x.png")),
    ]
    for i, case in enumerate(cases):
        w = err(lambda: case(wio, lambda a: wick.from_numpy(np.array(a))))
        t = err(lambda: case(tio, lambda a: torch.from_numpy(np.array(a))))
        assert w is not None and w == t, (i, w, t)


def test_corrupt_inputs_raise_runtime_error():
    rgb = rng_image(16, 16)
    rs = np.random.RandomState(0)
    for b in (pil_bytes(Image.fromarray(rgb), "PNG"), pil_bytes(Image.fromarray(rgb), "JPEG", quality=70)):
        arr = np.frombuffer(b, np.uint8)
        for n in range(1, len(arr), 7):
            try:
                wio.decode_image(wick.from_numpy(arr[:n].copy()))
            except RuntimeError:
                pass
        for _ in range(150):
            bad = arr.copy()
            idx = rs.randint(0, len(bad), 3)
            bad[idx] = rs.randint(0, 256, 3)
            try:
                out = wio.decode_image(wick.from_numpy(bad), wio.ImageReadMode.RGB)
                assert out.dtype == wick.uint8 and out.shape[0] == 3
            except RuntimeError:
                pass


def test_modes_and_signatures():
    assert [m.value for m in wio.ImageReadMode] == [0, 1, 2, 3, 4]
    x = wick.zeros(3, 2, 2, dtype=wick.uint8)
    assert wio.decode_png(wio.encode_png(x), mode=wio.ImageReadMode.GRAY).shape == (1, 2, 2)
    assert wio.decode_png(wio.encode_png(x), 3).shape == (3, 2, 2)  # an int mode works too
    assert wio.decode_jpeg(wio.encode_jpeg(x), device="cpu").shape == (3, 2, 2)
    with pytest.raises(RuntimeError, match="CPU only"):
        wio.decode_jpeg(wio.encode_jpeg(x), device="cuda")
    with pytest.raises(TypeError):
        wio.decode_png(b"\x89PNG")


@needs_tv
@needs_torch
def test_interlaced_png_and_cmyk_jpeg_match_torchvision():
    import struct
    import zlib

    def chunk(t, d):
        return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xFFFFFFFF)

    rgb = rng_image(13, 11)
    raw = b""
    for y0, x0, dy, dx in ((0, 0, 8, 8), (0, 4, 8, 8), (4, 0, 8, 4), (0, 2, 4, 4), (2, 0, 4, 2), (0, 1, 2, 2), (1, 0, 2, 1)):
        for row in rgb[y0::dy, x0::dx]:
            if len(row):
                raw += b"\x00" + row.tobytes()
    b = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 11, 13, 8, 2, 0, 0, 1)) +
         chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
    for mode in MODES:
        same(wio.decode_png(w_bytes(b), getattr(wio.ImageReadMode, mode)),
             tio.decode_png(t_bytes(b), getattr(tio.ImageReadMode, mode)))
    np.testing.assert_array_equal(wio.decode_png(w_bytes(b)).numpy().transpose(1, 2, 0), rgb)
    cmyk = pil_bytes(Image.fromarray(rgb).convert("CMYK"), "JPEG", quality=90)
    same(wio.decode_jpeg(w_bytes(cmyk)), tio.decode_jpeg(t_bytes(cmyk)))
    assert err(lambda: wio.decode_jpeg(w_bytes(cmyk), wio.ImageReadMode.RGB)) == \
        err(lambda: tio.decode_jpeg(t_bytes(cmyk), tio.ImageReadMode.RGB))
