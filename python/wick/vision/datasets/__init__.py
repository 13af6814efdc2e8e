"""wick.vision.datasets: torchvision.datasets over wick's C++ readers."""
from wick.vision.datasets.vision import VisionDataset, StandardTransform  # noqa: F401
from wick.vision.datasets.mnist import MNIST, FashionMNIST, KMNIST, EMNIST  # noqa: F401
from wick.vision.datasets.cifar import CIFAR10, CIFAR100  # noqa: F401
from wick.vision.datasets.folder import DatasetFolder, ImageFolder  # noqa: F401
from wick.vision.datasets.fakedata import FakeData  # noqa: F401
from wick.vision.datasets.mnist import read_image_file, read_label_file, read_sn3_pascalvincent_tensor  # noqa: F401

__all__ = ["VisionDataset", "MNIST", "FashionMNIST", "KMNIST", "EMNIST", "CIFAR10", "CIFAR100", "DatasetFolder", "ImageFolder",
           "FakeData"]
