"""Inputs shared by the wick.vision.transforms tests: random uint8 images and the
same image as a wick and a torch tensor."""
import numpy as np

import wick


def random_image(c, h, w, seed=0, batch=()):
    return np.random.RandomState(seed).randint(0, 256, batch + (c, h, w)).astype(np.uint8)


def pair(arr, dtype="uint8"):
    """arr as (wick tensor, torch tensor); other dtypes are scaled to [0, 1]."""
    import torch
    w, t = wick.from_numpy(arr.copy()), torch.from_numpy(arr.copy())
    if dtype != "uint8":
        w, t = w.to(getattr(wick, dtype)) / 255, t.to(getattr(torch, dtype)) / 255
    return w, t
