"""Loads the optimizer checkpoints optimizer_serialize_test.cpp wrote (in the
gtest temp dir, default /tmp) into torch optimizers, with weights_only=True
where this torch has it, and continues training as the C++ test does.

  ./build/tests/cpp/wick_tests --gtest_filter='OptimizerSerialize.*'
  /usr/bin/python3 tests/cpp/optim/check_wick_files_in_torch.py [tempdir]
"""
import inspect
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_optimizer_serialize_data as gen  # noqa: E402

tmp = sys.argv[1] if len(sys.argv) > 1 else "/tmp"


def _weights_only_reads_floats():
    # torch 1.13's weights_only unpickler lacks BINFLOAT (opcode 71), so it
    # refuses torch's own optimizer checkpoints too (lr is a float); 2.x reads them.
    if "weights_only" not in inspect.signature(torch.load).parameters:
        return False
    path = os.path.join(tmp, "wick_optim_float_probe.pt")
    torch.save({"lr": 0.1}, path)
    try:
        torch.load(path, weights_only=True)
        return True
    except Exception:  # noqa: BLE001
        return False


WEIGHTS_ONLY = _weights_only_reads_floats()


def load(name):
    path = os.path.join(tmp, "wick_optim_" + name)
    if WEIGHTS_ONLY:
        return torch.load(path, weights_only=True)
    return torch.load(path)


def params(v):
    return [torch.nn.Parameter(torch.tensor(v[:6], dtype=torch.float32).reshape(2, 3)),
            torch.nn.Parameter(torch.tensor(v[6:10], dtype=torch.float32))]


def close(a, b, tol):
    assert all(abs(x - y) <= tol * (1 + abs(y)) for x, y in zip(a, b)), (a, b)


def main():
    # SGD: two groups, as the C++ test.
    ps_torch, _ = gen.sgd_case()
    ps = params(gen.flat(ps_torch))
    opt = torch.optim.SGD([{"params": [ps[0]], "lr": 0.1}, {"params": [ps[1]], "lr": 0.05}], lr=0.1)
    opt.load_state_dict(load("wick_sgd.pt"))
    gen.train(ps, opt, gen.FIRST, gen.MORE)
    ref, ropt = gen.sgd_case()
    gen.train(ref, ropt, gen.FIRST, gen.MORE)
    close(gen.flat(ps), gen.flat(ref), 1e-6)
    # Adam
    ref, ropt = gen.adam_case()
    ps = params(gen.flat(ref))
    opt = torch.optim.Adam(ps)
    opt.load_state_dict(load("wick_adam.pt"))
    gen.train(ps, opt, gen.FIRST, gen.MORE)
    gen.train(ref, ropt, gen.FIRST, gen.MORE)
    close(gen.flat(ps), gen.flat(ref), 1e-6)
    # LBFGS
    ref, ropt = gen.lbfgs_case()
    x = torch.nn.Parameter(ref[0].detach().clone())
    opt = torch.optim.LBFGS([x])
    opt.load_state_dict(load("wick_lbfgs.pt"))
    opt.step(gen.rosen_closure(opt, x))
    ropt.step(gen.rosen_closure(ropt, ref[0]))
    close(gen.flat([x]), gen.flat(ref), 1e-9)
    print("wick-written SGD, Adam and LBFGS checkpoints load in torch", torch.__version__,
          "(weights_only=%s)" % WEIGHTS_ONLY, "and continue its trajectories")


if __name__ == "__main__":
    main()
