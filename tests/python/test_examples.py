"""The end-to-end examples: train with wick, reload the checkpoint, check it in PyTorch."""
import os
import re
import subprocess
import sys

import pytest

from conftest import needs_torch

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
EXAMPLES = os.path.join(ROOT, "examples")


def run(script, *args, check=True):
    r = subprocess.run([sys.executable, os.path.join(EXAMPLES, script), *args],
                       capture_output=True, text=True, timeout=300)
    if check and r.returncode != 0:
        raise AssertionError(f"{script} failed ({r.returncode}):\n{r.stdout}\n{r.stderr}")
    return r


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    out = str(tmp_path_factory.mktemp("tutorial_mlp"))
    r = run("tutorial_mlp.py", "--epochs", "2", "--train-size", "3000", "--out", out)
    return out, r


def test_tutorial_mlp_trains_and_reloads(trained):
    out, r = trained
    accuracies = [float(a) for a in re.findall(r"accuracy ([\d.]+)%", r.stdout)]
    assert len(accuracies) == 2, r.stdout
    assert accuracies[-1] > 40.0, r.stdout  # chance is 10%
    assert "same predictions" in r.stdout
    assert "loss=" in r.stderr  # the tqdm bar with the running loss
    assert os.path.exists(os.path.join(out, "tutorial_mlp.pt"))


def test_tutorial_mlp_checkpoint_layout(trained):
    import wick
    out, _ = trained
    state = wick.load(os.path.join(out, "tutorial_mlp.pt"))
    assert list(state) == ["model", "optimizer", "epoch"]
    assert state["epoch"] == 2
    assert list(state["model"]) == [f"linear_relu_stack.{i}.{k}" for i in (0, 2, 4)
                                    for k in ("weight", "bias")]
    assert state["optimizer"]["param_groups"][0]["params"] == [0, 1, 2, 3, 4, 5]


@needs_torch
def test_pytorch_gets_the_same_predictions(trained):
    out, _ = trained
    r = run("check_in_pytorch.py", "--out", out)
    assert "same predictions as wick" in r.stdout, r.stdout


@needs_torch
def test_pytorch_check_catches_different_logits(trained, tmp_path):
    import wick
    out, _ = trained
    for name in ("tutorial_mlp.pt", "tutorial_mlp_predictions.pt"):
        with open(os.path.join(out, name), "rb") as src, open(tmp_path / name, "wb") as dst:
            dst.write(src.read())
    saved = wick.load(str(tmp_path / "tutorial_mlp_predictions.pt"))
    saved["logits"] = saved["logits"].flip(0)
    wick.save(saved, str(tmp_path / "tutorial_mlp_predictions.pt"))
    r = run("check_in_pytorch.py", "--out", str(tmp_path), check=False)
    assert r.returncode == 1 and "DIFFERENT" in r.stdout, r.stdout


def cpp_example(name):
    """The built C++ example; under ctest (WICK_BUILD_DIR set) it must exist."""
    build = os.environ.get("WICK_BUILD_DIR")
    path = os.path.join(build or os.path.join(ROOT, "build"), "examples", name)
    if not os.path.exists(path):
        if build:
            raise AssertionError(f"{path} was not built")
        pytest.skip(f"{path} is not built")
    return path


@pytest.fixture(scope="module")
def trained_cpp(tmp_path_factory):
    out = str(tmp_path_factory.mktemp("tutorial_mlp_cpp"))
    r = subprocess.run([cpp_example("tutorial_mlp"), "--epochs", "2", "--train-size", "3000",
                        "--out", out], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, f"{r.stdout}\n{r.stderr}"
    return out, r


def test_cpp_tutorial_mlp_trains_and_reloads(trained_cpp):
    out, r = trained_cpp
    assert "(linear_relu_stack): wick::nn::Sequential(" in r.stdout, r.stdout
    accuracies = [float(a) for a in re.findall(r"accuracy ([\d.]+)%", r.stdout)]
    assert len(accuracies) == 2, r.stdout
    assert accuracies[-1] > 40.0, r.stdout
    assert "same predictions" in r.stdout
    assert "loss=" in r.stderr and "47/47" in r.stderr, r.stderr  # ceil(3000 / 64) batches


def test_cpp_tutorial_mlp_checkpoint_layout(trained_cpp):
    import wick
    out, _ = trained_cpp
    state = wick.load(os.path.join(out, "tutorial_mlp_cpp.pt"))
    assert list(state) == ["model", "optimizer", "epoch"]
    assert state["epoch"] == 2
    assert list(state["model"]) == [f"linear_relu_stack.{i}.{k}" for i in (0, 2, 4)
                                    for k in ("weight", "bias")]
    group = state["optimizer"]["param_groups"][0]
    assert group["params"] == [0, 1, 2, 3, 4, 5] and group["lr"] == 0.05


def test_cpp_tutorial_mlp_bad_arguments():
    r = subprocess.run([cpp_example("tutorial_mlp"), "--epochs"], capture_output=True,
                       text=True, timeout=60)
    assert r.returncode == 2 and "--epochs needs a value" in r.stderr
    r = subprocess.run([cpp_example("tutorial_mlp"), "--bogus"], capture_output=True,
                       text=True, timeout=60)
    assert r.returncode == 2 and "usage: tutorial_mlp" in r.stderr
    r = subprocess.run([cpp_example("tutorial_mlp"), "--batch-size", "0"], capture_output=True,
                       text=True, timeout=60)
    assert r.returncode == 2 and "--batch-size expects a positive number, got '0'" in r.stderr


@needs_torch
def test_pytorch_gets_the_same_predictions_as_cpp(trained_cpp):
    out, _ = trained_cpp
    r = run("check_in_pytorch.py", "--out", out, "--name", "tutorial_mlp_cpp")
    assert "same predictions as wick" in r.stdout, r.stdout
