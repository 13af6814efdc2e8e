"""CIFAR10 and CIFAR100 as torchvision.datasets has them.

The python-pickle batches (root/cifar-10-batches-py/data_batch_1 ... or
root/cifar-100-python/train ...) are read in C++ by a restricted unpickler that
never runs code from the file: only the numpy globals these files use are
accepted (see wick/vision/datasets/cifar.h). wick never downloads:
download=True fails naming the files to place and the folder. md5 sums are not
checked.
"""
import os

from wick._C import _vision_data as _vd
from wick.vision.datasets.vision import VisionDataset

__all__ = ["CIFAR10", "CIFAR100"]


class CIFAR10(VisionDataset):
    """`CIFAR10 <https://www.cs.toronto.edu/~kriz/cifar.html>`_ Dataset.

    Args:
        root (string): Root directory of dataset where directory
            ``cifar-10-batches-py`` exists.
        train (bool, optional): the training set (data_batch_1..5) or the test set (test_batch).
        transform (callable, optional): takes a PIL image, returns a transformed version.
        target_transform (callable, optional): takes the target and transforms it.
        download (bool, optional): wick has no network access: see the module docstring.

    ``data`` is a numpy uint8 array (N, 32, 32, 3) and ``targets`` a list of ints,
    as in torchvision.
    """

    base_folder = "cifar-10-batches-py"
    url = "https://www.cs.toronto.edu/~kriz/cifar-10-python.tar.gz"
    filename = "cifar-10-python.tar.gz"
    tgz_md5 = "c58f30108f718f92721af3b95e74349a"
    train_list = [
        ["data_batch_1", "c99cafc152244af753f735de768cd75f"],
        ["data_batch_2", "d4bba439e000b95fd0a9bffe97cbabec"],
        ["data_batch_3", "54ebc095f3ab1f0389bbae665268c751"],
        ["data_batch_4", "634d18415352ddfa80567beed471001a"],
        ["data_batch_5", "482c414d41f54cd18b22e5b47cb7c3cb"],
    ]
    test_list = [["test_batch", "40351d587109b95175f43aff81a1287e"]]
    meta = {"filename": "batches.meta", "key": "label_names", "md5": "5ff9c542aee3614f3951f8cda6e48888"}
    _family = "CIFAR10"

    def __init__(self, root, train=True, transform=None, target_transform=None, download=False):
        super().__init__(root, transform=transform, target_transform=target_transform)
        self.train = train
        if download and self._check_integrity():
            print("Files already downloaded and verified")
        data, targets, classes, files = _vd.load_cifar(
            self._family, os.fspath(self.root), bool(self.train), bool(download))
        self._tensor = data  # keeps the buffer self.data views
        self.data = data.numpy()
        self.targets = targets
        self.classes = classes
        self.class_to_idx = {_class: i for i, _class in enumerate(self.classes)}
        self._files = files

    def _check_integrity(self):
        """Whether the files of both splits and the meta file are present (md5 sums are not checked)."""
        folder = os.path.join(os.fspath(self.root), self.base_folder)
        names = [f for f, _ in self.train_list + self.test_list] + [self.meta["filename"]]
        return all(os.path.isfile(os.path.join(folder, f)) for f in names)

    def download(self):
        """wick cannot reach the internet: fails naming the files to place, unless they are there."""
        if self._check_integrity():
            print("Files already downloaded and verified")
            return
        _vd.load_cifar(self._family, os.fspath(self.root), bool(self.train), True)

    def __getitem__(self, index):
        """Returns (image, target): a PIL RGB image (before the transform) and the
        index of the target class."""
        from PIL import Image

        img, target = self.data[index], self.targets[index]
        img = Image.fromarray(img)
        if self.transform is not None:
            img = self.transform(img)
        if self.target_transform is not None:
            target = self.target_transform(target)
        return img, target

    def __len__(self):
        return len(self.data)

    def extra_repr(self):
        split = "Train" if self.train is True else "Test"
        return f"Split: {split}"


class CIFAR100(CIFAR10):
    """`CIFAR100 <https://www.cs.toronto.edu/~kriz/cifar.html>`_ Dataset: files
    ``train``, ``test`` and ``meta`` in ``root/cifar-100-python``; targets are the
    fine labels."""

    base_folder = "cifar-100-python"
    url = "https://www.cs.toronto.edu/~kriz/cifar-100-python.tar.gz"
    filename = "cifar-100-python.tar.gz"
    tgz_md5 = "eb9058c3a382ffc7106e4002c42a8d85"
    train_list = [["train", "16019d7e3df5f24257cddd939b257f8d"]]
    test_list = [["test", "f0ef6b0ae62326f3e7ffdfab6717acfc"]]
    meta = {"filename": "meta", "key": "fine_label_names", "md5": "7973b15100ade9c7d40fb424638fde48"}
    _family = "CIFAR100"
