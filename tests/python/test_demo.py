"""The Fashion-MNIST demo (examples/fashion_mnist.py), short: 1 epoch on 2,000 images."""
import os
import re
import subprocess
import sys

import pytest

from conftest import needs_torch

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    out = str(tmp_path_factory.mktemp("demo"))
    r = subprocess.run([sys.executable, os.path.join(ROOT, "examples", "fashion_mnist.py"),
                        "--epochs", "1", "--train-size", "2000", "--out", out],
                       capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, f"{r.stdout}\n{r.stderr}"
    return out, r


def test_demo_learns_above_chance(demo):
    _, r = demo
    accuracy = [float(a) for a in re.findall(r"accuracy ([\d.]+)%", r.stdout)]
    assert len(accuracy) == 1 and accuracy[0] > 20.0, r.stdout  # chance is 10%
    assert "loss=" in r.stderr  # the tqdm bar with the running loss


def test_demo_writes_its_files(demo):
    from PIL import Image
    out, r = demo
    for name, size in (("curves.png", (720, 260)), ("predictions.png", (840, 416))):
        path = os.path.join(out, name)
        assert path in r.stdout
        with Image.open(path) as img:
            assert img.format == "PNG" and img.size == size
    import wick
    state = wick.load(os.path.join(out, "fashion_mnist_cnn.pt"))
    assert list(state) == ["model", "optimizer", "epoch", "accuracy"]
    assert list(state["model"]) == ["conv1.0.weight", "conv1.0.bias", "conv2.0.weight",
                                    "conv2.0.bias", "out.weight", "out.bias"]


@needs_torch
def test_demo_checkpoint_loads_in_pytorch(demo):
    import torch
    out, _ = demo
    # torch 1.13's weights_only loader cannot read floats (opcode 71); 2.x can.
    state = torch.load(os.path.join(out, "fashion_mnist_cnn.pt"),
                       weights_only=int(torch.__version__.split(".")[0]) >= 2)
    net = torch.nn.ModuleDict({
        "conv1": torch.nn.Sequential(torch.nn.Conv2d(1, 16, 5, 1, 2)),
        "conv2": torch.nn.Sequential(torch.nn.Conv2d(16, 32, 5, 1, 2)),
        "out": torch.nn.Linear(32 * 7 * 7, 10),
    })
    net.load_state_dict(state["model"])  # strict


def test_demo_rejects_bad_arguments():
    r = subprocess.run([sys.executable, os.path.join(ROOT, "examples", "fashion_mnist.py"),
                        "--epochs", "0"], capture_output=True, text=True, timeout=60)
    assert r.returncode == 2 and "must be positive" in r.stderr
