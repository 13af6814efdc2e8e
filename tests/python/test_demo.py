"""The Fashion-MNIST demo, short (1 epoch on 2,000 images): the Python script
(examples/fashion_mnist.py) and the C++ program (examples/fashion_mnist.cpp, what
`make demo` runs)."""
import os
import re
import subprocess
import sys

import pytest

from conftest import needs_torch

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
SCRIPT = os.path.join(ROOT, "examples", "fashion_mnist.py")
PARAMETERS = ["conv1.0.weight", "conv1.0.bias", "conv2.0.weight", "conv2.0.bias", "out.weight", "out.bias"]


def cpp_demo():
    """The built C++ demo; under ctest (WICK_BUILD_DIR set) it must exist."""
    build = os.environ.get("WICK_BUILD_DIR")
    path = os.path.join(build or os.path.join(ROOT, "build"), "examples", "fashion_mnist")
    if not os.path.exists(path):
        if build:
            raise AssertionError(f"{path} was not built")
        pytest.skip(f"{path} is not built")
    return path


# Each front end: the command, and the names of the files it writes.
FRONT_ENDS = {
    "python": (lambda: [sys.executable, SCRIPT],
               ("fashion_mnist_cnn.pt", "curves.png", "predictions.png")),
    "cpp": (lambda: [cpp_demo()],
            ("fashion_mnist_cnn_cpp.pt", "curves_cpp.png", "predictions_cpp.png")),
}


@pytest.fixture(scope="module", params=sorted(FRONT_ENDS))
def demo(request, tmp_path_factory):
    command, names = FRONT_ENDS[request.param]
    out = str(tmp_path_factory.mktemp(f"demo-{request.param}"))
    r = subprocess.run(command() + ["--epochs", "1", "--train-size", "2000", "--out", out],
                       capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, f"{r.stdout}\n{r.stderr}"
    return out, r, [os.path.join(out, n) for n in names]


def test_demo_learns_above_chance(demo):
    _, r, _ = demo
    accuracy = [float(a) for a in re.findall(r"accuracy ([\d.]+)%", r.stdout)]
    assert len(accuracy) == 1 and accuracy[0] > 20.0, r.stdout  # chance is 10%
    assert "loss=" in r.stderr  # the progress bar with the running loss
    assert re.search(r"\d(batch|it)/s|s/(batch|it)", r.stderr), r.stderr  # and the rate


def test_demo_writes_its_files(demo):
    from PIL import Image
    import numpy as np
    _, r, (checkpoint, curves, grid) = demo
    for path, min_size in ((curves, (300, 150)), (grid, (6 * 84, 4 * 84))):
        assert path in r.stdout
        with Image.open(path) as img:
            assert img.format == "PNG"
            assert img.size[0] >= min_size[0] and img.size[1] >= min_size[1], img.size
            pixels = np.asarray(img.convert("RGB")).astype(int)
        # drawn, in colour: not blank, and some strongly coloured pixels (curves, titles)
        assert pixels.std() > 10
        assert (abs(pixels[..., 0] - pixels[..., 1]) > 60).any()
    import wick
    state = wick.load(checkpoint)
    assert list(state) == ["model", "optimizer", "epoch", "accuracy"]
    assert list(state["model"]) == PARAMETERS
    assert state["epoch"] == 1 and 0.2 < state["accuracy"] <= 1.0
    assert len(state["optimizer"]["state"]) == len(PARAMETERS)  # Adam's moments, per parameter


@needs_torch
def test_demo_checkpoint_loads_in_pytorch(demo):
    import torch
    _, _, (checkpoint, _, _) = demo
    # torch 1.13's weights_only loader cannot read floats (opcode 71); 2.x can.
    state = torch.load(checkpoint, weights_only=int(torch.__version__.split(".")[0]) >= 2)
    net = torch.nn.ModuleDict({
        "conv1": torch.nn.Sequential(torch.nn.Conv2d(1, 16, 5, 1, 2)),
        "conv2": torch.nn.Sequential(torch.nn.Conv2d(16, 32, 5, 1, 2)),
        "out": torch.nn.Linear(32 * 7 * 7, 10),
    })
    net.load_state_dict(state["model"])  # strict
    optimizer = torch.optim.Adam(net.parameters())
    optimizer.load_state_dict(state["optimizer"])
    assert optimizer.param_groups[0]["initial_lr"] == 2e-3  # and the cosine schedule ran


@pytest.mark.parametrize("front_end", sorted(FRONT_ENDS))
@pytest.mark.parametrize("bad", [["--epochs", "0"], ["--batch-size", "x"], ["--model", "rnn"],
                                 ["--lr", "-1"]])
def test_demo_rejects_bad_arguments(front_end, bad):
    command, _ = FRONT_ENDS[front_end]
    r = subprocess.run(command() + bad, capture_output=True, text=True, timeout=60)
    assert r.returncode == 2, r.stderr
    assert re.search(r"must be positive|invalid choice|invalid int value|invalid float value", r.stderr), r.stderr


def test_cpp_demo_rejects_a_missing_device():
    r = subprocess.run([cpp_demo(), "--device", "cuda", "--epochs", "1"], capture_output=True, text=True,
                       timeout=60)
    assert r.returncode == 1 and "not compiled with CUDA" in r.stderr, r.stderr


@needs_torch
def test_the_same_script_runs_on_pytorch(tmp_path):
    # --pytorch: torch and torchvision instead of wick (the comparison in docs/demo.md)
    r = subprocess.run([sys.executable, SCRIPT, "--pytorch", "--epochs", "1", "--train-size", "1000",
                        "--out", str(tmp_path), "--no-progress"], capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, f"{r.stdout}\n{r.stderr}"
    accuracy = [float(a) for a in re.findall(r"accuracy ([\d.]+)%", r.stdout)]
    assert len(accuracy) == 1 and accuracy[0] > 20.0, r.stdout
    import torch
    assert f"PyTorch {torch.__version__}, " in r.stdout
    state = torch.load(str(tmp_path / "fashion_mnist_cnn_pytorch.pt"))
    assert list(state["model"]) == PARAMETERS
