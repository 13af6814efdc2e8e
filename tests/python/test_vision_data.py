"""wick.vision.datasets CIFAR10/CIFAR100, ImageFolder/DatasetFolder and FakeData
against torchvision 0.14 on files written here (CIFAR batches with pickle + numpy,
the way the real files are made)."""
import os
import pickle
import pickletools

import numpy as np
import pytest

import wick
from wick.vision import datasets

try:
    import torch
    import torchvision.datasets as tds
    HAVE_TV = True
except Exception:  # pragma: no cover
    HAVE_TV = False

needs_tv = pytest.mark.skipif(not HAVE_TV, reason="torchvision (the reference) is not installed")


# ---- CIFAR ------------------------------------------------------------------------------------

def _dump(obj, path, protocol):
    with open(path, "wb") as f:
        pickle.dump(obj, f, protocol=protocol)


def make_cifar(root, hundred=False, n=(3, 2, 4, 1, 2), n_test=3, protocol=2, seed=0):
    """Batches as the real files: dicts with a uint8 (N, 3072) array and label lists."""
    rs = np.random.RandomState(seed)
    folder = os.path.join(root, "cifar-100-python" if hundred else "cifar-10-batches-py")
    os.makedirs(folder, exist_ok=True)
    if hundred:
        names = [("train", sum(n)), ("test", n_test)]
    else:
        names = [(f"data_batch_{i + 1}", k) for i, k in enumerate(n)] + [("test_batch", n_test)]
    for name, k in names:
        entry = {"batch_label": f"batch {name}", "data": rs.randint(0, 256, (k, 3072)).astype(np.uint8),
                 "filenames": [f"img_{i}.png" for i in range(k)]}
        if hundred:
            entry["fine_labels"] = [int(x) for x in rs.randint(0, 100, k)]
            entry["coarse_labels"] = [int(x) for x in rs.randint(0, 20, k)]
        else:
            entry["labels"] = [int(x) for x in rs.randint(0, 10, k)]
        _dump(entry, os.path.join(folder, name), protocol)
    if hundred:
        meta = {"fine_label_names": [f"fine{i}" for i in range(100)],
                "coarse_label_names": [f"coarse{i}" for i in range(20)]}
        _dump(meta, os.path.join(folder, "meta"), protocol)
    else:
        meta = {"num_cases_per_batch": 10000, "num_vis": 3072,
                "label_names": ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse",
                                "ship", "truck"]}
        _dump(meta, os.path.join(folder, "batches.meta"), protocol)
    return folder


@pytest.fixture
def no_md5(monkeypatch):
    # The files written here cannot have the real files' md5 sums: torchvision's check is skipped.
    if HAVE_TV:
        import torchvision.datasets.cifar as tcifar
        monkeypatch.setattr(tds.CIFAR10, "_check_integrity", lambda self: True)
        monkeypatch.setattr(tcifar, "check_integrity", lambda path, md5=None: os.path.isfile(path))


def check_cifar(w, t):
    assert len(w) == len(t)
    assert isinstance(w.data, np.ndarray) and w.data.dtype == np.uint8
    assert w.data.shape == t.data.shape and w.data.strides == t.data.strides
    np.testing.assert_array_equal(w.data, t.data)
    assert w.targets == t.targets and isinstance(w.targets, list)
    assert w.classes == t.classes
    assert w.class_to_idx == t.class_to_idx
    for i in (0, len(t) - 1, -1):
        wi, wl = w[i]
        ti, tl = t[i]
        assert wi.mode == ti.mode == "RGB" and wi.size == ti.size
        np.testing.assert_array_equal(np.asarray(wi), np.asarray(ti))
        assert wl == tl


@needs_tv
@pytest.mark.parametrize("protocol", [2, 4])
@pytest.mark.parametrize("train", [True, False])
def test_cifar10_matches_torchvision(tmp_path, no_md5, protocol, train):
    make_cifar(str(tmp_path), protocol=protocol)
    w = datasets.CIFAR10(str(tmp_path), train=train)
    t = tds.CIFAR10(str(tmp_path), train=train)
    check_cifar(w, t)
    assert len(w) == (12 if train else 3)
    assert repr(w) == repr(t)


@needs_tv
@pytest.mark.parametrize("train", [True, False])
def test_cifar100_matches_torchvision(tmp_path, no_md5, train):
    make_cifar(str(tmp_path), hundred=True, protocol=3)
    w = datasets.CIFAR100(str(tmp_path), train=train)
    t = tds.CIFAR100(str(tmp_path), train=train)
    check_cifar(w, t)
    assert len(w.classes) == 100 and w.classes[7] == "fine7"


def _py2_pickle(entry_bytes_items):
    """A Python 2 cPickle-style protocol-2 pickle (SHORT_BINSTRING/BINSTRING strings), as the real
    CIFAR files are: {'data': ndarray, 'labels': [...]} built by hand opcode by opcode."""
    def s(b):
        return (b"U" + bytes([len(b)]) + b) if len(b) < 256 else (b"T" + len(b).to_bytes(4, "little") + b)
    data, labels = entry_bytes_items
    out = b"\x80\x02}q\x00(" + s(b"data")
    out += b"cnumpy.core.multiarray\n_reconstruct\nq\x01cnumpy\nndarray\nq\x02K\x00\x85" + s(b"b") + b"\x87R"
    out += b"(K\x01" + b"K" + bytes([data.shape[0]]) + b"M\x00\x0c\x86" + b"cnumpy\ndtype\n" + s(b"u1")
    out += b"K\x00K\x01\x87R(K\x03" + s(b"|") + b"NNNJ\xff\xff\xff\xffJ\xff\xff\xff\xffK\x00tb\x89"
    out += s(data.tobytes()) + b"tb" + s(b"labels") + b"]("
    out += b"".join(b"K" + bytes([x]) for x in labels) + b"eu."
    return out


@needs_tv
def test_cifar10_python2_style_batches(tmp_path, no_md5):
    folder = make_cifar(str(tmp_path))
    rs = np.random.RandomState(5)
    data = rs.randint(0, 256, (4, 3072)).astype(np.uint8)
    raw = _py2_pickle((data, [1, 9, 0, 3]))
    pickletools.dis(raw, out=open(os.devnull, "w"))  # well-formed
    with open(os.path.join(folder, "test_batch"), "wb") as f:
        f.write(raw)
    w = datasets.CIFAR10(str(tmp_path), train=False)
    t = tds.CIFAR10(str(tmp_path), train=False)
    check_cifar(w, t)
    assert w.targets == [1, 9, 0, 3]


def test_cifar_numpy_pickle_values(tmp_path):
    p = str(tmp_path / "x.pkl")
    obj = {"a": np.arange(6, dtype=np.int64).reshape(2, 3), "b": np.array([1.5, -2], dtype=">f8"),
           "c": np.asfortranarray(np.arange(6, dtype=np.int16).reshape(2, 3)), "d": (1, "x", None, True, 2.5),
           "e": np.array([True, False])}
    for protocol in (2, 4):
        _dump(obj, p, protocol)
        v = wick._C._vision_data.read_numpy_pickle(p)
        assert v["a"].tolist() == [[0, 1, 2], [3, 4, 5]] and v["a"].dtype == wick.int64
        assert v["b"].tolist() == [1.5, -2.0] and v["b"].dtype == wick.float64
        assert v["c"].tolist() == [[0, 1, 2], [3, 4, 5]] and v["c"].dtype == wick.int16
        assert v["d"] == (1, "x", None, True, 2.5)
        assert v["e"].tolist() == [True, False]


class _Evil:
    def __reduce__(self):
        return (os.system, ("echo pwned > /dev/null",))


def test_cifar_refuses_hostile_pickle(tmp_path):
    folder = make_cifar(str(tmp_path))
    for protocol in (2, 4):
        _dump({"data": _Evil(), "labels": []}, os.path.join(folder, "test_batch"), protocol)
        with pytest.raises(RuntimeError, match="refusing to load the pickle global (posix|os).system"):
            datasets.CIFAR10(str(tmp_path), train=False)
    _dump({"x": np.array(["a"], dtype=object)}, os.path.join(folder, "test_batch"), 2)
    with pytest.raises(RuntimeError, match="unsupported numpy dtype 'O8'|object arrays"):
        datasets.CIFAR10(str(tmp_path), train=False)
    with open(os.path.join(folder, "test_batch"), "wb") as f:
        f.write(pickle.dumps({"data": b"x" * 100}, protocol=2)[:20])
    with pytest.raises(RuntimeError, match="truncated"):
        datasets.CIFAR10(str(tmp_path), train=False)
    # a list appended into itself is refused, not turned into a cycle
    with open(os.path.join(folder, "test_batch"), "wb") as f:
        f.write(b"\x80\x02]q\x00h\x00a.")
    with pytest.raises(RuntimeError, match="recursive containers"):
        datasets.CIFAR10(str(tmp_path), train=False)
    _dump({"data": np.zeros((2, 5), np.uint8), "labels": [0, 1]}, os.path.join(folder, "test_batch"), 2)
    with pytest.raises(RuntimeError, match=r"'data' must be a uint8 array of shape \(N, 3072\)"):
        datasets.CIFAR10(str(tmp_path), train=False)


@needs_tv
def test_cifar_missing_and_download(tmp_path, capsys, monkeypatch):
    with pytest.raises(RuntimeError) as t:
        tds.CIFAR10(str(tmp_path))
    with pytest.raises(RuntimeError) as w:
        datasets.CIFAR10(str(tmp_path))
    assert str(w.value) == str(t.value)
    with pytest.raises(RuntimeError, match="wick cannot download it.*data_batch_1.*test_batch, batches.meta in .*"
                                           "cifar-10-batches-py"):
        datasets.CIFAR10(str(tmp_path), download=True)
    with pytest.raises(RuntimeError, match="train, test, meta in .*cifar-100-python"):
        datasets.CIFAR100(str(tmp_path), download=True)
    make_cifar(str(tmp_path))
    ds = datasets.CIFAR10(str(tmp_path), download=True)
    assert len(ds) == 12
    assert capsys.readouterr().out == "Files already downloaded and verified\n"
    os.remove(os.path.join(str(tmp_path), "cifar-10-batches-py", "batches.meta"))
    with pytest.raises(RuntimeError) as w:
        datasets.CIFAR10(str(tmp_path))
    import torchvision.datasets.cifar as tcifar
    monkeypatch.setattr(tds.CIFAR10, "_check_integrity", lambda self: True)
    monkeypatch.setattr(tcifar, "check_integrity", lambda path, md5=None: os.path.isfile(path))
    with pytest.raises(RuntimeError) as t:
        tds.CIFAR10(str(tmp_path))
    assert str(w.value) == str(t.value) == \
        "Dataset metadata file not found or corrupted. You can use download=True to download it"


@needs_tv
def test_cifar_transforms_and_dataloader(tmp_path, no_md5):
    make_cifar(str(tmp_path))
    w = datasets.CIFAR10(str(tmp_path), transform=lambda im: np.asarray(im).sum(), target_transform=lambda y: y + 100)
    t = tds.CIFAR10(str(tmp_path), transform=lambda im: np.asarray(im).sum(), target_transform=lambda y: y + 100)
    assert [w[i] for i in range(len(w))] == [t[i] for i in range(len(t))]


# ---- DatasetFolder / ImageFolder ----------------------------------------------------------------

def make_folder(root, empty_class=False):
    from PIL import Image

    rs = np.random.RandomState(1)
    files = {"cat": ["b.png", "a.JPG", "sub/c.bmp", "notes.txt"], "dog": ["x.ppm", "y.jpeg", "z.tif"],
             "ant": ["k.webp", "deep/er/m.pgm"]}
    if empty_class:
        files["eel"] = ["readme.md"]
    for cls, names in files.items():
        for name in names:
            path = os.path.join(root, cls, name)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            if name.endswith((".txt", ".md")):
                with open(path, "w") as f:
                    f.write("text " + name)
                continue
            mode = "L" if name.endswith(".pgm") else "RGB"
            shape = (6, 5) if mode == "L" else (6, 5, 3)
            Image.fromarray(rs.randint(0, 256, shape).astype(np.uint8), mode=mode).save(path)
    with open(os.path.join(root, "stray.png"), "wb") as f:  # a file beside the class folders is ignored
        f.write(b"")
    return root


def check_folder(w, t):
    assert w.classes == t.classes and w.class_to_idx == t.class_to_idx
    assert w.samples == t.samples and w.targets == t.targets
    assert len(w) == len(t)


@needs_tv
def test_image_folder_matches_torchvision(tmp_path):
    root = make_folder(str(tmp_path))
    w = datasets.ImageFolder(root)
    t = tds.ImageFolder(root)
    check_folder(w, t)
    assert w.imgs == t.imgs and w.extensions == t.extensions
    assert len(w) == 8
    for i in range(len(w)):
        (wi, wl), (ti, tl) = w[i], t[i]
        assert wi.mode == ti.mode == "RGB" and wl == tl
        np.testing.assert_array_equal(np.asarray(wi), np.asarray(ti))
    assert repr(w) == repr(t)
    from wick.vision.datasets import folder
    import torchvision.datasets.folder as tfolder
    assert folder.IMG_EXTENSIONS == tfolder.IMG_EXTENSIONS
    assert folder.find_classes(root) == tfolder.find_classes(root)
    exts = (".png", ".ppm", ".webp")
    assert folder.make_dataset(root, extensions=exts) == tfolder.make_dataset(root, extensions=exts)
    for name in ("a.PNG", "a.jpeg", "a.txt", "a.png.gz"):
        assert folder.is_image_file(name) == tfolder.is_image_file(name)


@needs_tv
def test_cpp_make_dataset_matches_torchvision(tmp_path):
    # The C++ DatasetFolder's listing (wick::vision::datasets::make_dataset) on a tricky tree.
    import torchvision.datasets.folder as tfolder
    root = make_folder(str(tmp_path))
    for rel in ("dog/sub b/q.png", "dog/sub/a/z.PNG", "dog/Sub/y.png", "cat/é.png", "cat/sub-x/w.png"):
        os.makedirs(os.path.dirname(os.path.join(root, rel)), exist_ok=True)
        open(os.path.join(root, rel), "wb").close()
    os.symlink(os.path.join(root, "ant"), os.path.join(root, "dog", "link"))
    for exts in ([".png"], [".png", ".jpg", ".txt"], list(tfolder.IMG_EXTENSIONS)):
        try:
            want = tfolder.make_dataset(root, extensions=tuple(exts))
        except FileNotFoundError as e:
            with pytest.raises(RuntimeError) as w:
                wick._C._vision_data.make_dataset(root, exts)
            assert str(w.value) == str(e)
            continue
        assert wick._C._vision_data.make_dataset(root, exts) == want


@needs_tv
def test_dataset_folder_loader_extensions_and_is_valid_file(tmp_path):
    root = make_folder(str(tmp_path))
    loader = lambda p: os.path.basename(p)  # noqa: E731
    for kw in ({"extensions": (".txt", ".png")}, {"extensions": (".bmp", ".tif", ".txt", ".webp")},
               {"is_valid_file": lambda p: "e" in os.path.basename(p)}):
        try:
            t = tds.DatasetFolder(root, loader, **kw)
        except FileNotFoundError as e:
            with pytest.raises(FileNotFoundError) as w:
                datasets.DatasetFolder(root, loader, **kw)
            assert str(w.value) == str(e)
            continue
        w = datasets.DatasetFolder(root, loader, transform=str.upper, target_transform=lambda y: -y, **kw)
        t = tds.DatasetFolder(root, loader, transform=str.upper, target_transform=lambda y: -y, **kw)
        check_folder(w, t)
        assert [w[i] for i in range(len(w))] == [t[i] for i in range(len(t))]
    w = datasets.ImageFolder(root, is_valid_file=lambda p: p.endswith((".png", ".ppm", ".webp")))
    t = tds.ImageFolder(root, is_valid_file=lambda p: p.endswith((".png", ".ppm", ".webp")))
    assert w.samples == t.samples and w.extensions is None is t.extensions


@needs_tv
def test_dataset_folder_errors(tmp_path):
    root = make_folder(str(tmp_path), empty_class=True)
    for make in (lambda m: m.ImageFolder(root),
                 lambda m: m.DatasetFolder(root, print, extensions=(".png", ".jpg")),
                 lambda m: m.DatasetFolder(root, print),
                 lambda m: m.DatasetFolder(root, print, extensions=".png", is_valid_file=bool),
                 lambda m: m.DatasetFolder(str(tmp_path / "eel"), print, extensions=".md"),
                 lambda m: m.DatasetFolder(str(tmp_path / "missing"), print, extensions=".md")):
        with pytest.raises(Exception) as t:
            make(tds)
        with pytest.raises(Exception) as w:
            make(datasets)
        assert type(w.value) is type(t.value) and str(w.value) == str(t.value)
    from wick.vision.datasets import folder
    import torchvision.datasets.folder as tfolder
    for w_call, t_call in ((lambda: folder.make_dataset(root, {}, extensions=".png"),
                            lambda: tfolder.make_dataset(root, {}, extensions=".png")),
                           (lambda: datasets.DatasetFolder.make_dataset(root, None, extensions=".png"),
                            lambda: tds.DatasetFolder.make_dataset(root, None, extensions=".png"))):
        with pytest.raises(ValueError) as w:
            w_call()
        with pytest.raises(ValueError) as t:
            t_call()
        assert str(w.value) == str(t.value)
    with pytest.raises(FileNotFoundError, match="Found no valid file for the classes eel. Supported extensions are: "
                                                ".jpg, .jpeg, .png"):
        datasets.ImageFolder(root)


# ---- FakeData ---------------------------------------------------------------------------------

@needs_tv
@pytest.mark.parametrize("kw", [{}, {"size": 4, "image_size": (1, 7, 5), "num_classes": 3, "random_offset": 10},
                                {"size": 3, "image_size": (4, 2, 3), "num_classes": 100}])
def test_fakedata_matches_torchvision(kw):
    kw = dict(kw)
    if not kw:
        kw = {"size": 5, "image_size": (3, 16, 12)}
    w = datasets.FakeData(**kw)
    t = tds.FakeData(**kw)
    assert len(w) == len(t)
    wick.manual_seed(123)
    torch.manual_seed(123)
    for i in range(len(w)):
        (wi, wl), (ti, tl) = w[i], t[i]
        assert wi.mode == ti.mode and wi.size == ti.size
        np.testing.assert_array_equal(np.asarray(wi), np.asarray(ti))
        assert wl == tl and type(wl) is int
    # the global generator is left as it was
    assert wick.rand(3).tolist() == torch.rand(3).tolist()
    assert repr(w) == repr(t)
    with pytest.raises(IndexError, match="FakeData index out of range"):
        w[len(w)]


@needs_tv
def test_fakedata_transforms():
    w = datasets.FakeData(size=2, image_size=(3, 4, 4), transform=lambda im: np.asarray(im).sum(),
                          target_transform=lambda y: y * 2)
    t = tds.FakeData(size=2, image_size=(3, 4, 4), transform=lambda im: np.asarray(im).sum(),
                     target_transform=lambda y: y * 2)
    assert [w[i] for i in range(2)] == [t[i] for i in range(2)]
    assert datasets.FakeData()[0][0].size == (224, 224)
