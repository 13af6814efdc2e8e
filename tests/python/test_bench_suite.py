"""benchmarks/suite.py (`make bench`) on a tiny selection of rows: the table, the
JSON keys and the PNG chart come out. No timing assertions: benchmarks are not tests."""
import json
import os
import subprocess
import sys

import pytest

from conftest import needs_torch

ROOT = os.path.join(os.path.dirname(__file__), "..", "..")
SUITE = os.path.join(ROOT, "benchmarks", "suite.py")


def run_suite(tmp_path, **env):
    full = dict(os.environ, BENCH_OUT=str(tmp_path), WICK_BENCH_THREADS="1",
                BENCH_SAMPLE_TIME="0.01", BENCH_BUILD=str(tmp_path / "no-build"))
    full.update(env)
    return subprocess.run([sys.executable, SUITE], env=full, capture_output=True, text=True,
                          timeout=600)


def test_list_names_every_row_once():
    out = subprocess.run([sys.executable, SUITE, "--list"], capture_output=True, text=True,
                         check=True).stdout.split()
    assert len(out) == len(set(out))
    for name in ("py/add_1", "py/index", "py/sum", "py/view", "cpp/add_1", "cpp/view",
                 "add/1e7/broadcast", "gelu/1e6/transposed", "add/1e6/bfloat16",
                 "argmax/dim1", "layer_norm", "matmul/2048", "bmm", "conv/resnet1/fwd_bwd",
                 "max_pool2d", "batch_norm/train", "lstm/fwd_bwd", "train/mlp", "train/cnn",
                 "resnet18/eval", "data/fmnist/w2", "mem/cnn"):
        assert name in out


@needs_torch
def test_tiny_run_writes_table_json_and_png(tmp_path):
    proc = run_suite(tmp_path, BENCH_FILTER="^(py/add_1|py/view|cpp/sum|mem/mlp)$",
                     BENCH_REPEAT="1")
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert "threads 1" in lines[0] and "load average" in lines[0]
    assert lines[1].split() == ["row", "wick", "PyTorch", "wick/PyTorch"]
    table = {ln.split()[0]: ln for ln in lines[3:] if ln.split() and "/" in ln.split()[0]}
    assert {"py/add_1", "py/view", "cpp/sum", "mem/mlp"} <= set(table)
    assert "MiB" in table["mem/mlp"]
    # The C++ programs are not built in BENCH_BUILD: the row says so instead of failing.
    assert "not built" in table["cpp/sum"]
    with open(tmp_path / "suite.json") as f:
        data = json.load(f)
    assert data["threads"] == 1 and data["repeat"] == 1
    assert set(data["rows"]) == {"py/add_1", "py/view", "cpp/sum", "mem/mlp"}
    for name in ("py/add_1", "py/view", "mem/mlp"):
        r = data["rows"][name]
        assert r["wick"] > 0 and r["torch"] > 0
        assert r["ratio"] == pytest.approx(r["wick"] / r["torch"])
    assert data["rows"]["py/add_1"]["unit"] == "s" and data["rows"]["mem/mlp"]["unit"] == "bytes"
    assert data["rows"]["cpp/sum"]["ratio"] is None
    mem = data["rows"]["mem/mlp"]
    assert 0 < mem["after_import"]["wick"] <= mem["wick"]
    assert 0 < mem["after_import"]["torch"] <= mem["torch"]
    assert len(data["rows"]["py/view"]["samples"]["wick"]) == 1
    assert (tmp_path / "table.txt").read_text().splitlines()[1] == lines[1]
    from PIL import Image
    with Image.open(tmp_path / "ratios.png") as img:
        assert img.format == "PNG" and img.size[0] > 100 and img.size[1] > 60


@pytest.mark.parametrize("env, message", [
    ({"BENCH_REPEAT": "0"}, "BENCH_REPEAT must be an integer >= 1"),
    ({"BENCH_REPEAT": "five"}, "BENCH_REPEAT must be an integer >= 1"),
    ({"WICK_BENCH_THREADS": "0"}, "WICK_BENCH_THREADS must be an integer >= 1"),
    ({"BENCH_FILTER": "^nothing$"}, "matches no row"),
    ({"BENCH_FILTER": "("}, "BENCH_FILTER is not a valid regex"),
])
def test_bad_settings_are_reported(tmp_path, env, message):
    proc = run_suite(tmp_path, **env)
    assert proc.returncode != 0
    assert message in proc.stderr


@needs_torch
def test_cpp_rows_when_the_programs_are_built(tmp_path):
    build = os.path.join(ROOT, "build-bench")
    progs = [os.path.join(build, "benchmarks", "bench_overhead"),
             os.path.join(build, "torch", "bench_torch")]
    if not all(os.access(p, os.X_OK) for p in progs):
        pytest.skip("make bench has not built the C++ programs in build-bench")
    proc = run_suite(tmp_path, BENCH_FILTER="^cpp/view$", BENCH_REPEAT="1", BENCH_BUILD=build)
    assert proc.returncode == 0, proc.stderr
    with open(tmp_path / "suite.json") as f:
        r = json.load(f)["rows"]["cpp/view"]
    assert r["wick"] > 0 and r["torch"] > 0 and "errors" not in r
