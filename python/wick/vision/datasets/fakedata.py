"""FakeData as torchvision.datasets.FakeData has it: image i is randn(*image_size)
drawn after manual_seed(i + random_offset) (the global generator's state is
restored afterwards), so wick and torchvision give the same images."""
import wick
from wick.vision.datasets.vision import VisionDataset

__all__ = ["FakeData"]


def _to_pil(img):
    """ToPILImage() of a float CHW tensor: mul(255).byte(), HWC, mode by channels."""
    from PIL import Image

    a = img.mul(255).byte().permute(1, 2, 0).numpy()
    c = a.shape[2]
    if c == 1:
        return Image.fromarray(a[:, :, 0], mode="L")
    mode = {2: "LA", 3: "RGB", 4: "RGBA"}.get(c)
    if mode is None:
        raise TypeError(f"Input type {a.dtype} is not supported")
    return Image.fromarray(a, mode=mode)


class FakeData(VisionDataset):
    """A fake dataset returning randomly generated images as PIL images.

    Args:
        size (int, optional): size of the dataset. Default: 1000 images
        image_size (tuple, optional): size of the returned images. Default: (3, 224, 224)
        num_classes (int, optional): number of classes in the dataset. Default: 10
        transform, target_transform (callable, optional): applied to the image / target.
        random_offset (int): offsets the index-based random seed used to generate each image.
    """

    def __init__(self, size=1000, image_size=(3, 224, 224), num_classes=10, transform=None,
                 target_transform=None, random_offset=0):
        super().__init__(None, transform=transform, target_transform=target_transform)
        self.size = size
        self.num_classes = num_classes
        self.image_size = image_size
        self.random_offset = random_offset

    def __getitem__(self, index):
        if index >= len(self):
            raise IndexError(f"{self.__class__.__name__} index out of range")
        rng_state = wick.get_rng_state()
        wick.manual_seed(index + self.random_offset)
        img = wick.randn(*self.image_size)
        target = wick.randint(0, self.num_classes, size=(1,), dtype=wick.long)[0]
        wick.set_rng_state(rng_state)
        img = _to_pil(img)
        if self.transform is not None:
            img = self.transform(img)
        if self.target_transform is not None:
            target = self.target_transform(target)
        return img, target.item()

    def __len__(self):
        return self.size
