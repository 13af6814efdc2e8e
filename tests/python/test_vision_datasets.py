"""wick.vision.datasets (MNIST family) against torchvision.datasets on IDX files
written here, and on Debian's FashionMNIST."""
import gzip
import os
import struct

import numpy as np
import pytest

import wick
from wick.vision import datasets
from conftest import needs_torch

try:
    import torch
    import torchvision
    import torchvision.datasets as tds
    HAVE_TV = True
except Exception:  # pragma: no cover
    HAVE_TV = False

needs_tv = pytest.mark.skipif(not HAVE_TV, reason="torchvision (the reference) is not installed")
DEBIAN = "/usr/share/datasets/fashion-mnist"
have_debian = pytest.mark.skipif(not os.path.exists(os.path.join(DEBIAN, "t10k-images-idx3-ubyte.gz")),
                                 reason="dataset-fashion-mnist is not installed")


def idx_bytes(arr, code=0x08):
    arr = np.asarray(arr)
    be = {0x08: ">u1", 0x09: ">i1", 0x0B: ">i2", 0x0C: ">i4", 0x0D: ">f4", 0x0E: ">f8"}[code]
    return struct.pack(">BBBB", 0, 0, code, arr.ndim) + struct.pack(">" + "I" * arr.ndim, *arr.shape) + \
        arr.astype(be).tobytes()


def make_set(folder, prefix_train="train", prefix_test="t10k", n_train=12, n_test=5, gz=False, seed=0):
    os.makedirs(folder, exist_ok=True)
    rs = np.random.RandomState(seed)
    arrays = {}
    for prefix, n in ((prefix_train, n_train), (prefix_test, n_test)):
        imgs = rs.randint(0, 256, (n, 28, 28)).astype(np.uint8)
        labels = rs.randint(0, 10, n).astype(np.uint8)
        for kind, a, nd in (("images", imgs, 3), ("labels", labels, 1)):
            name = os.path.join(folder, f"{prefix}-{kind}-idx{nd}-ubyte")
            data = idx_bytes(a)
            if gz:
                with gzip.open(name + ".gz", "wb") as f:
                    f.write(data)
            else:
                with open(name, "wb") as f:
                    f.write(data)
        arrays[prefix] = (imgs, labels)
    return arrays


def check_same(w, t):
    assert len(w) == len(t)
    assert tuple(w.data.shape) == tuple(t.data.shape)
    assert str(w.data.dtype) == "wick.uint8" and str(w.targets.dtype) == "wick.int64"
    np.testing.assert_array_equal(w.data.numpy(), t.data.numpy())
    np.testing.assert_array_equal(w.targets.numpy(), t.targets.numpy())
    assert w.classes == t.classes
    assert w.class_to_idx == t.class_to_idx
    assert repr(w) == repr(t)
    for i in (0, len(t) - 1, -1):
        wi, ti = w[i], t[i]
        assert wi[1] == ti[1] and type(wi[1]) is int
        assert wi[0].mode == "L" and wi[0].size == ti[0].size
        assert np.array_equal(np.asarray(wi[0]), np.asarray(ti[0]))


@needs_tv
@needs_torch
@pytest.mark.parametrize("name", ["MNIST", "FashionMNIST", "KMNIST"])
@pytest.mark.parametrize("train", [True, False])
def test_torchvision_layout(tmp_path, name, train):
    make_set(str(tmp_path / name / "raw"))
    w = getattr(datasets, name)(str(tmp_path), train=train)
    t = getattr(tds, name)(str(tmp_path), train=train)
    check_same(w, t)
    assert w.raw_folder == t.raw_folder
    assert w.train is train


@needs_tv
@needs_torch
def test_gzip_and_flat_folder(tmp_path):
    arrays = make_set(str(tmp_path / "flat"), gz=True)
    w = datasets.MNIST(str(tmp_path / "flat"), train=False)
    np.testing.assert_array_equal(w.data.numpy(), arrays["t10k"][0])
    np.testing.assert_array_equal(w.targets.numpy(), arrays["t10k"][1])
    # the same files, gzipped in torchvision's layout, against torchvision on the raw ones
    make_set(str(tmp_path / "gz" / "MNIST" / "raw"), gz=True, seed=4)
    make_set(str(tmp_path / "raw" / "MNIST" / "raw"), gz=False, seed=4)
    wt = datasets.MNIST(str(tmp_path / "gz"))
    tt = tds.MNIST(str(tmp_path / "raw"))
    np.testing.assert_array_equal(wt.data.numpy(), tt.data.numpy())
    np.testing.assert_array_equal(wt.targets.numpy(), tt.targets.numpy())


@needs_tv
@needs_torch
def test_transforms_and_repr(tmp_path):
    make_set(str(tmp_path / "FashionMNIST" / "raw"))

    class Scale:
        def __call__(self, img):
            return np.asarray(img, dtype=np.float32) / 255

        def __repr__(self):
            return "Scale()"

    kw = dict(train=True, transform=Scale(), target_transform=lambda y: y + 100)
    w = datasets.FashionMNIST(str(tmp_path), **kw)
    t = tds.FashionMNIST(str(tmp_path), **kw)
    x, y = w[3]
    tx, ty = t[3]
    np.testing.assert_array_equal(x, tx)
    assert y == ty
    assert repr(w).splitlines()[:5] == repr(t).splitlines()[:5]
    assert repr(w.transforms).splitlines()[0] == "StandardTransform"
    assert isinstance(w, wick.utils.data.Dataset)
    # works with wick's DataLoader through a tensor transform
    w2 = datasets.FashionMNIST(str(tmp_path), transform=lambda im: wick.from_numpy(np.asarray(im).copy()))
    batch = next(iter(wick.utils.data.DataLoader(w2, batch_size=4)))
    assert tuple(batch[0].shape) == (4, 28, 28) and tuple(batch[1].shape) == (4,)


@needs_tv
@needs_torch
@pytest.mark.parametrize("split", ["byclass", "bymerge", "balanced", "letters", "digits", "mnist"])
def test_emnist(tmp_path, split):
    make_set(str(tmp_path / "EMNIST" / "raw"), f"emnist-{split}-train", f"emnist-{split}-test", n_test=3)
    w = datasets.EMNIST(str(tmp_path), split, train=False)
    t = tds.EMNIST(str(tmp_path), split, train=False)
    check_same(w, t)
    assert w.images_file == t.images_file and w.labels_file == t.labels_file


@needs_tv
@needs_torch
def test_errors(tmp_path):
    def err(fn):
        try:
            fn()
        except Exception as e:  # noqa: BLE001
            return type(e).__name__, str(e)
        return None
    for split in ("nope", 3):
        w, t = err(lambda: datasets.EMNIST(str(tmp_path), split)), err(lambda: tds.EMNIST(str(tmp_path), split))
        assert w == t
    kind, msg = err(lambda: datasets.MNIST(str(tmp_path)))
    assert kind == "RuntimeError"
    assert msg.startswith("Dataset not found. You can use download=True to download it")
    assert os.path.join(str(tmp_path), "MNIST", "raw") in msg and "train-images-idx3-ubyte" in msg
    kind, msg = err(lambda: datasets.KMNIST(str(tmp_path), download=True))
    assert kind == "RuntimeError" and "cannot download" in msg and "t10k-labels-idx1-ubyte" in msg
    os.makedirs(tmp_path / "bad")
    (tmp_path / "bad" / "train-images-idx3-ubyte").write_bytes(b"\x00\x00\x08\x03\x00")
    (tmp_path / "bad" / "train-labels-idx1-ubyte").write_bytes(idx_bytes(np.zeros(3, np.uint8)))
    kind, msg = err(lambda: datasets.MNIST(str(tmp_path / "bad")))
    assert kind == "RuntimeError" and "truncated IDX header" in msg
    (tmp_path / "bad" / "train-images-idx3-ubyte").write_bytes(idx_bytes(np.zeros((3, 2), np.int32), 0x0C))
    assert err(lambda: datasets.MNIST(str(tmp_path / "bad"))) == \
        ("TypeError", "x should be of dtype torch.uint8 instead of torch.int32")


@needs_torch
def test_read_idx_types(tmp_path):
    for code, dt, vals in ((0x08, np.uint8, [0, 7, 255]), (0x09, np.int8, [-128, 3, 127]),
                           (0x0B, np.int16, [-300, 2, 30000]), (0x0C, np.int32, [-70000, 1, 2 ** 31 - 1]),
                           (0x0D, np.float32, [1.5, -2.25, 3e8]), (0x0E, np.float64, [1e-300, -0.5, 2.0])):
        a = np.array(vals, dtype=dt).reshape(3, 1)
        p = tmp_path / f"t{code}.gz"
        with gzip.open(p, "wb") as f:
            f.write(idx_bytes(a, code))
        x = datasets.read_sn3_pascalvincent_tensor(p)
        assert x.numpy().dtype == dt and x.shape == (3, 1)
        np.testing.assert_array_equal(x.numpy(), a)


@needs_tv
@needs_torch
@have_debian
def test_debian_fashion_mnist(tmp_path):
    # torchvision reads the unpacked files from root/FashionMNIST/raw.
    raw = tmp_path / "tv" / "FashionMNIST" / "raw"
    os.makedirs(raw)
    for f in os.listdir(DEBIAN):
        if f.endswith(".gz"):
            with gzip.open(os.path.join(DEBIAN, f)) as src, open(raw / f[:-3], "wb") as dst:
                dst.write(src.read())
    for train, n in ((True, 60000), (False, 10000)):
        w = datasets.FashionMNIST(train=train)
        t = tds.FashionMNIST(str(tmp_path / "tv"), train=train)
        assert len(w) == len(t) == n
        np.testing.assert_array_equal(w.targets[:100].numpy(), t.targets[:100].numpy())
        np.testing.assert_array_equal(w.data[:5].numpy(), t.data[:5].numpy())
        assert int(w.data.to(wick.int64).sum()) == int(t.data.sum())
        assert np.array_equal(np.asarray(w[0][0]), np.asarray(t[0][0])) and w[0][1] == t[0][1]
    # The seed tutorial's call: root="data", download=True, offline.
    w = datasets.FashionMNIST(root=str(tmp_path / "data"), train=False, download=True)
    assert len(w) == 10000
    assert sorted(os.listdir(tmp_path / "data" / "FashionMNIST" / "raw")) == sorted(
        f for f in os.listdir(DEBIAN) if f.endswith(".gz"))
