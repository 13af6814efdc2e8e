"""wick.vision.utils against torchvision.utils 0.14 on fixed inputs: make_grid,
save_image (files written in tmp dirs, read back), draw_bounding_boxes,
draw_segmentation_masks."""
import io as pyio

import numpy as np
import pytest

import wick
from wick.vision import utils

try:
    import torch
    import torchvision.utils as tu
    HAVE_TV = True
except Exception:  # pragma: no cover
    HAVE_TV = False

needs_tv = pytest.mark.skipif(not HAVE_TV, reason="torchvision (the reference) is not installed")


def pair(a):
    a = np.ascontiguousarray(a)
    return wick.from_numpy(a.copy()), torch.from_numpy(a.copy())


def same(w, t):
    assert tuple(w.shape) == tuple(t.shape)
    assert str(w.dtype).replace("wick", "torch") == str(t.dtype)
    np.testing.assert_array_equal(w.numpy(), t.numpy())


rs = np.random.RandomState(0)
BATCH = (rs.rand(5, 3, 4, 6) * 3 - 1).astype(np.float32)


@needs_tv
@pytest.mark.parametrize("kw", [
    {}, {"nrow": 2}, {"nrow": 3, "padding": 0}, {"padding": 5, "pad_value": 0.5}, {"nrow": 10},
    {"normalize": True}, {"normalize": True, "value_range": (0, 1)}, {"normalize": True, "scale_each": True},
    {"normalize": True, "scale_each": True, "value_range": (-0.5, 0.5)}, {"scale_each": True},
    {"value_range": [0, 1]},  # ignored without normalize
])
def test_make_grid_matches_torchvision(kw):
    w, t = pair(BATCH)
    same(utils.make_grid(w, **kw), tu.make_grid(t, **kw))
    np.testing.assert_array_equal(w.numpy(), BATCH)  # the input is never modified


@needs_tv
@pytest.mark.parametrize("shape", [(4, 6), (1, 4, 6), (3, 4, 6), (1, 1, 4, 6), (3, 1, 4, 6), (2, 4, 3, 3),
                                   (1, 3, 4, 6)])
def test_make_grid_shapes(shape):
    a = rs.rand(*shape).astype(np.float32)
    w, t = pair(a)
    same(utils.make_grid(w, nrow=2), tu.make_grid(t, nrow=2))
    same(utils.make_grid(w, normalize=True), tu.make_grid(t, normalize=True))


@needs_tv
def test_make_grid_lists_dtypes_and_errors():
    ws = [wick.from_numpy(BATCH[i].copy()) for i in range(3)]
    ts = [torch.from_numpy(BATCH[i].copy()) for i in range(3)]
    same(utils.make_grid(ws, nrow=2, pad_value=1), tu.make_grid(ts, nrow=2, pad_value=1))
    u8 = rs.randint(0, 256, (3, 3, 5, 5)).astype(np.uint8)
    w, t = pair(u8)
    same(utils.make_grid(w, pad_value=7), tu.make_grid(t, pad_value=7))
    d = rs.rand(2, 3, 2, 2)
    w, t = pair(d)
    same(utils.make_grid(w, normalize=True), tu.make_grid(t, normalize=True))
    # torchvision 0.14 ignores the removed `range` keyword
    same(utils.make_grid(wick.from_numpy(BATCH.copy()), normalize=True, range=(0, 2)),
         tu.make_grid(torch.from_numpy(BATCH.copy()), normalize=True, range=(0, 2)))
    for bad in (3, "x", [wick.zeros(3, 2, 2), 5]):
        tbad = [torch.zeros(3, 2, 2), 5] if isinstance(bad, list) else bad
        with pytest.raises(TypeError) as e:
            utils.make_grid(bad)
        with pytest.raises(TypeError) as f:
            tu.make_grid(tbad)
        assert str(e.value) == str(f.value)
    with pytest.raises(TypeError, match="value_range has to be a tuple"):
        utils.make_grid(wick.rand(2, 3, 4, 4), normalize=True, value_range=[0, 1])
    with pytest.raises(ZeroDivisionError):
        utils.make_grid(wick.rand(2, 3, 4, 4), nrow=0)
    with pytest.raises(RuntimeError, match="can't be cast to the desired output type"):
        utils.make_grid(wick.from_numpy(u8), normalize=True)


def _png_pixels(data):
    from PIL import Image
    return np.asarray(Image.open(pyio.BytesIO(data)))


@needs_tv
@pytest.mark.parametrize("kw", [{}, {"nrow": 2, "normalize": True}, {"padding": 0}])
def test_save_image_png(tmp_path, kw):
    w, t = pair(BATCH)
    wp, tp = tmp_path / "w.png", tmp_path / "t.png"
    utils.save_image(w, str(wp), **kw)
    tu.save_image(t, str(tp), **kw)
    assert wp.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    np.testing.assert_array_equal(_png_pixels(wp.read_bytes()), _png_pixels(tp.read_bytes()))
    # pathlib, a file object with format=, and a single image
    utils.save_image(w[0], wp)
    tu.save_image(t[0], tp)
    np.testing.assert_array_equal(_png_pixels(wp.read_bytes()), _png_pixels(tp.read_bytes()))
    bw, bt = pyio.BytesIO(), pyio.BytesIO()
    utils.save_image(w, bw, format="PNG", **kw)
    tu.save_image(t, bt, format="PNG", **kw)
    np.testing.assert_array_equal(_png_pixels(bw.getvalue()), _png_pixels(bt.getvalue()))
    # the rounding: mul(255).add_(0.5).clamp_(0, 255)
    g = utils.make_grid(w, **kw)
    want = np.clip(g.numpy() * 255 + 0.5, 0, 255).astype(np.uint8).transpose(1, 2, 0)
    utils.save_image(w, str(wp), **kw)
    np.testing.assert_array_equal(_png_pixels(wp.read_bytes()), want)


@needs_tv
def test_save_image_jpeg_bmp_and_rgba(tmp_path):
    w, t = pair(BATCH.clip(0, 1))
    utils.save_image(w, str(tmp_path / "w.jpg"))
    tu.save_image(t, str(tmp_path / "t.jpg"))
    a = _png_pixels((tmp_path / "w.jpg").read_bytes()).astype(int)
    b = _png_pixels((tmp_path / "t.jpg").read_bytes()).astype(int)
    assert (tmp_path / "w.jpg").read_bytes()[:2] == b"\xff\xd8"
    assert a.shape == b.shape and np.abs(a - b).mean() < 2
    utils.save_image(w, str(tmp_path / "w.bmp"))  # through PIL, as torchvision
    tu.save_image(t, str(tmp_path / "t.bmp"))
    assert (tmp_path / "w.bmp").read_bytes() == (tmp_path / "t.bmp").read_bytes()
    rgba, trgba = pair(rs.rand(2, 4, 3, 3).astype(np.float32))
    utils.save_image(rgba, str(tmp_path / "w4.png"))
    tu.save_image(trgba, str(tmp_path / "t4.png"))
    np.testing.assert_array_equal(_png_pixels((tmp_path / "w4.png").read_bytes()),
                                  _png_pixels((tmp_path / "t4.png").read_bytes()))
    with pytest.raises(ValueError):
        utils.save_image(w, str(tmp_path / "noext"))


IMG = rs.randint(0, 256, (3, 40, 50)).astype(np.uint8)
BOXES = np.array([[2, 3, 20, 25], [10, 5, 45, 30], [0, 0, 49, 39], [30.7, 20.2, 33.9, 38.5]], dtype=np.float32)


@needs_tv
@pytest.mark.parametrize("kw", [
    {}, {"width": 3}, {"fill": True}, {"colors": "red"}, {"colors": (10, 200, 30), "fill": True, "width": 2},
    {"colors": ["blue", (1, 2, 3), "#00ff00", "yellow", "white"]},
    {"labels": ["cat", "dog", "a long label", "x"]}, {"labels": ["a", "b", "c", "d"], "fill": True, "width": 4},
])
def test_draw_bounding_boxes_matches_torchvision(kw):
    wi, ti = pair(IMG)
    wb, tb = pair(BOXES)
    same(utils.draw_bounding_boxes(wi, wb, **kw), tu.draw_bounding_boxes(ti, tb, **kw))
    np.testing.assert_array_equal(wi.numpy(), IMG)


@needs_tv
def test_draw_bounding_boxes_gray_and_errors():
    g = IMG[:1].copy()
    wi, ti = pair(g)
    wb, tb = pair(BOXES)
    same(utils.draw_bounding_boxes(wi, wb, labels=["1", "2", "3", "4"]),
         tu.draw_bounding_boxes(ti, tb, labels=["1", "2", "3", "4"]))
    with pytest.warns(UserWarning, match="font_size"):
        utils.draw_bounding_boxes(wi, wb, font_size=20)
    with pytest.warns(UserWarning, match="No box was drawn"):
        out = utils.draw_bounding_boxes(wi, wick.zeros(0, 4))
    assert out is wi
    cases = [(lambda m, i, b: m.draw_bounding_boxes(i.float(), b)),
             (lambda m, i, b: m.draw_bounding_boxes(i[None], b)),
             (lambda m, i, b: m.draw_bounding_boxes(i[:2], b)),
             (lambda m, i, b: m.draw_bounding_boxes(i, b[:, [2, 1, 0, 3]])),
             (lambda m, i, b: m.draw_bounding_boxes(i, b, labels=["a"])),
             (lambda m, i, b: m.draw_bounding_boxes(i, b, colors=["red"])),
             (lambda m, i, b: m.draw_bounding_boxes(i.numpy(), b))]
    wi, ti = pair(IMG)
    for case in cases:
        with pytest.raises((TypeError, ValueError)) as e:
            case(utils, wi, wb)
        with pytest.raises((TypeError, ValueError)) as f:
            case(tu, ti, tb)
        assert type(e.value) is type(f.value)
        assert str(e.value).replace("wick", "torch") == str(f.value)


MASKS = rs.rand(3, 40, 50) > 0.6


@needs_tv
@pytest.mark.parametrize("kw", [{}, {"alpha": 0.3}, {"alpha": 1.0}, {"alpha": 0.0},
                                {"colors": ["red", (0, 0, 255), "#123456"]}, {"colors": ["green", "blue", "pink"],
                                                                             "alpha": 0.55}])
def test_draw_segmentation_masks_matches_torchvision(kw):
    wi, ti = pair(IMG)
    wm, tm = pair(MASKS)
    same(utils.draw_segmentation_masks(wi, wm, **kw), tu.draw_segmentation_masks(ti, tm, **kw))
    same(utils.draw_segmentation_masks(wi, wm[1], alpha=0.5, colors="red"),
         tu.draw_segmentation_masks(ti, tm[1], alpha=0.5, colors="red"))
    same(utils.draw_segmentation_masks(wi, wm[0], colors=(9, 99, 199)),
         tu.draw_segmentation_masks(ti, tm[0], colors=(9, 99, 199)))


@needs_tv
def test_draw_segmentation_masks_errors():
    wi, ti = pair(IMG)
    wm, tm = pair(MASKS)
    cases = [(lambda m, i, k: m.draw_segmentation_masks(i.float(), k)),
             (lambda m, i, k: m.draw_segmentation_masks(i[None], k)),
             (lambda m, i, k: m.draw_segmentation_masks(i[:1], k)),
             (lambda m, i, k: m.draw_segmentation_masks(i, k[None])),
             (lambda m, i, k: m.draw_segmentation_masks(i, k.to(m is tu and torch.uint8 or wick.uint8))),
             (lambda m, i, k: m.draw_segmentation_masks(i, k[:, :10])),
             (lambda m, i, k: m.draw_segmentation_masks(i, k, colors=["red"])),
             (lambda m, i, k: m.draw_segmentation_masks(i, k, colors=[1, 2, 3])),
             (lambda m, i, k: m.draw_segmentation_masks(i, k, colors=[(1, 2), (1, 2), (3, 4)])),
             (lambda m, i, k: m.draw_segmentation_masks(i.numpy(), k))]
    for case in cases:
        with pytest.raises((TypeError, ValueError)) as e:
            case(utils, wi, wm)
        with pytest.raises((TypeError, ValueError)) as f:
            case(tu, ti, tm)
        assert type(e.value) is type(f.value)
        assert str(e.value).replace("wick", "torch") == str(f.value)
    with pytest.warns(UserWarning, match="No mask was drawn"):
        assert utils.draw_segmentation_masks(wi, wick.zeros(0, 40, 50, dtype=wick.bool)) is wi


FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


@needs_tv
@pytest.mark.skipif(not __import__("os").path.exists(FONT), reason="DejaVu fonts are not installed")
@pytest.mark.parametrize("font_size", [None, 14])
def test_draw_bounding_boxes_truetype_font(font_size):
    wi, ti = pair(IMG)
    wb, tb = pair(BOXES)
    labels = ["cat", "dog", "bird", "é"]
    same(utils.draw_bounding_boxes(wi, wb, labels=labels, font=FONT, font_size=font_size),
         tu.draw_bounding_boxes(ti, tb, labels=labels, font=FONT, font_size=font_size))
