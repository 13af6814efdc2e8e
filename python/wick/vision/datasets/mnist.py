"""MNIST, FashionMNIST, KMNIST and EMNIST as torchvision.datasets has them.

The IDX files are read in C++ (raw or gzip; root/<ClassName>/raw as
torchvision lays them out, or a flat folder holding the files). wick never
downloads: download=True copies Debian's dataset-fashion-mnist files for
FashionMNIST when installed, and otherwise fails naming the files to place.
FashionMNIST with root None or "" reads Debian's files in place.
"""
import os
import string
import warnings

from wick._C import _vision as _v
from wick.vision.datasets.vision import VisionDataset

__all__ = ["MNIST", "FashionMNIST", "KMNIST", "EMNIST", "read_image_file", "read_label_file"]


def read_sn3_pascalvincent_tensor(path, strict=True):
    """An IDX file (raw or gzip) as a tensor of its dtype and shape."""
    return _v.read_idx(os.fspath(path))


def read_image_file(path):
    return _v.read_image_file(os.fspath(path))


def read_label_file(path):
    return _v.read_label_file(os.fspath(path))


class MNIST(VisionDataset):
    """`MNIST <http://yann.lecun.com/exdb/mnist/>`_ Dataset.

    Args:
        root (string): Root directory of dataset where ``MNIST/raw/train-images-idx3-ubyte``
            and ``MNIST/raw/t10k-images-idx3-ubyte`` exist (or a folder holding them; .gz too).
        train (bool, optional): the training set (``train-*``) or the test set (``t10k-*``).
        transform (callable, optional): takes a PIL image, returns a transformed version.
        target_transform (callable, optional): takes the target and transforms it.
        download (bool, optional): wick has no network access: see the module docstring.
    """

    mirrors = [
        "http://yann.lecun.com/exdb/mnist/",
        "https://ossci-datasets.s3.amazonaws.com/mnist/",
    ]
    resources = [
        ("train-images-idx3-ubyte.gz", "f68b3c2dcbeaaa9fbdd348bbdeb94873"),
        ("train-labels-idx1-ubyte.gz", "d53e105ee54ea40749a09fcbcd1e9432"),
        ("t10k-images-idx3-ubyte.gz", "9fb629c4189551a2d022fa330f9573f3"),
        ("t10k-labels-idx1-ubyte.gz", "ec29112dd5afa0611ce80d1b7f02629c"),
    ]
    training_file = "training.pt"
    test_file = "test.pt"
    classes = ["0 - zero", "1 - one", "2 - two", "3 - three", "4 - four",
               "5 - five", "6 - six", "7 - seven", "8 - eight", "9 - nine"]
    _family = "MNIST"

    def __init__(self, root, train=True, transform=None, target_transform=None, download=False):
        super().__init__(root, transform=transform, target_transform=target_transform)
        self.train = train
        self.data, self.targets = self._load_data(download)

    def _load_data(self, download=False):
        root = "" if self.root is None else os.fspath(self.root)
        data, targets, _, _, images, labels = _v.load_mnist(
            self._family, root, bool(self.train), bool(download), getattr(self, "split", ""))
        self._files = (images, labels)
        return data, targets

    @property
    def train_labels(self):
        warnings.warn("train_labels has been renamed targets")
        return self.targets

    @property
    def test_labels(self):
        warnings.warn("test_labels has been renamed targets")
        return self.targets

    @property
    def train_data(self):
        warnings.warn("train_data has been renamed data")
        return self.data

    @property
    def test_data(self):
        warnings.warn("test_data has been renamed data")
        return self.data

    def __getitem__(self, index):
        """Returns (image, target): a PIL image of mode 'L' (before the transform)
        and the index of the target class."""
        from PIL import Image

        img, target = self.data[index], int(self.targets[index])
        img = Image.fromarray(img.numpy(), mode="L")
        if self.transform is not None:
            img = self.transform(img)
        if self.target_transform is not None:
            target = self.target_transform(target)
        return img, target

    def __len__(self):
        return len(self.data)

    @property
    def raw_folder(self):
        return os.path.join(self.root or "", self.__class__.__name__, "raw")

    @property
    def processed_folder(self):
        return os.path.join(self.root or "", self.__class__.__name__, "processed")

    @property
    def class_to_idx(self):
        return {_class: i for i, _class in enumerate(self.classes)}

    def _check_exists(self):
        return True  # the constructor fails when the files are missing

    def download(self):
        """wick cannot reach the internet: the constructor's download=True uses
        local copies (Debian's FashionMNIST) or explains where to put the files."""
        self.data, self.targets = self._load_data(True)

    def extra_repr(self):
        split = "Train" if self.train is True else "Test"
        return f"Split: {split}"


class FashionMNIST(MNIST):
    """`Fashion-MNIST <https://github.com/zalandoresearch/fashion-mnist>`_ Dataset.

    root None or "" reads the files Debian's dataset-fashion-mnist package installs
    (/usr/share/datasets/fashion-mnist); download=True copies them into
    root/FashionMNIST/raw when they are missing there.
    """

    mirrors = ["http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/"]
    resources = [
        ("train-images-idx3-ubyte.gz", "8d4fb7e6c68d591d4c3dfef9ec88bf0d"),
        ("train-labels-idx1-ubyte.gz", "25c81989df183df01b3e8a0aad5dffbe"),
        ("t10k-images-idx3-ubyte.gz", "bef4ecab320f06d8554ea6380940ec79"),
        ("t10k-labels-idx1-ubyte.gz", "bb300cfdad3c16e7a12a480ee83cd310"),
    ]
    classes = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"]
    _family = "FashionMNIST"

    def __init__(self, root=None, train=True, transform=None, target_transform=None, download=False):
        super().__init__(root, train=train, transform=transform, target_transform=target_transform,
                         download=download)


class KMNIST(MNIST):
    """`Kuzushiji-MNIST <https://github.com/rois-codh/kmnist>`_ Dataset."""

    mirrors = ["http://codh.rois.ac.jp/kmnist/dataset/kmnist/"]
    resources = [
        ("train-images-idx3-ubyte.gz", "bdb82020997e1d708af4cf47b453dcf7"),
        ("train-labels-idx1-ubyte.gz", "e144d726b3acfaa3e44228e80efcd344"),
        ("t10k-images-idx3-ubyte.gz", "5c965bf0a639b31b8f53240b1b52f4d7"),
        ("t10k-labels-idx1-ubyte.gz", "7320c461ea6c1c855c0b718fb2a4b134"),
    ]
    classes = ["o", "ki", "su", "tsu", "na", "ha", "ma", "ya", "re", "wo"]
    _family = "KMNIST"


class EMNIST(MNIST):
    """`EMNIST <https://www.westernsydney.edu.au/bens/home/reproducible_research/emnist>`_ Dataset.

    split: ``byclass``, ``bymerge``, ``balanced``, ``letters``, ``digits`` or ``mnist``;
    files emnist-<split>-<train|test>-<images-idx3|labels-idx1>-ubyte in root/EMNIST/raw.
    """

    url = "https://www.itl.nist.gov/iaui/vip/cs_links/EMNIST/gzip.zip"
    md5 = "58c8d27c78d21e728a6bc7b3cc06412e"
    splits = ("byclass", "bymerge", "balanced", "letters", "digits", "mnist")
    _merged_classes = {"c", "i", "j", "k", "l", "m", "o", "p", "s", "u", "v", "w", "x", "y", "z"}
    _all_classes = set(string.digits + string.ascii_letters)
    classes_split_dict = {
        "byclass": sorted(list(_all_classes)),
        "bymerge": sorted(list(_all_classes - _merged_classes)),
        "balanced": sorted(list(_all_classes - _merged_classes)),
        "letters": ["N/A"] + list(string.ascii_lowercase),
        "digits": list(string.digits),
        "mnist": list(string.digits),
    }
    _family = "EMNIST"

    def __init__(self, root, split, **kwargs):
        if not isinstance(split, str):
            raise ValueError(f"Expected type str for argument split, but got type {type(split)}.")
        if split not in self.splits:
            valid = "'" + "', '".join(self.splits) + "'"
            raise ValueError(f"Unknown value '{split}' for argument split. Valid values are {{{valid}}}.")
        self.split = split
        self.training_file = f"training_{split}.pt"
        self.test_file = f"test_{split}.pt"
        super().__init__(root, **kwargs)
        self.classes = self.classes_split_dict[self.split]

    @property
    def _file_prefix(self):
        return f"emnist-{self.split}-{'train' if self.train else 'test'}"

    @property
    def images_file(self):
        return os.path.join(self.raw_folder, f"{self._file_prefix}-images-idx3-ubyte")

    @property
    def labels_file(self):
        return os.path.join(self.raw_folder, f"{self._file_prefix}-labels-idx1-ubyte")
