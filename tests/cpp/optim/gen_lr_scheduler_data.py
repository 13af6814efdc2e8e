# Regenerates lr_scheduler_test_data.h: PyTorch's learning-rate (and momentum)
# sequences for lr_scheduler_test.cpp.
# Run with Debian's interpreter: /usr/bin/python3 tests/cpp/optim/gen_lr_scheduler_data.py
# Every case uses an optimizer with two param groups (lr 0.1 and 0.05; SGD with
# momentum 0.9, or Adam), records each group's lr (and momentum / beta1) right
# after construction and after each of STEPS optimizer.step() + scheduler.step()
# calls. lr_scheduler_test.cpp builds the same scheduler for each case name.
# torch 1.13 and 2.x give the same sequences for every case here.
import math
import os

import torch
from torch.optim import lr_scheduler as S

STEPS = 30
METRICS = [1.0, 0.9, 0.95, 0.95, 0.96, 0.97, 0.89, 0.9, 0.9, 0.9, 0.9, 0.9, 0.88, 0.8801,
           0.8802, 0.87, 0.9, 0.9, 0.9, 0.91, 0.92, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5]


def make_opt(kind):
    p1 = torch.nn.Parameter(torch.zeros(2))
    p2 = torch.nn.Parameter(torch.zeros(3))
    groups = [{"params": [p1], "lr": 0.1}, {"params": [p2], "lr": 0.05}]
    if kind == "sgd":
        return torch.optim.SGD(groups, lr=0.1, momentum=0.9)
    return torch.optim.Adam(groups, lr=0.1)


CASES = [  # (name, optimizer kind, factory, epoch-form schedule or None)
    ("StepLR", "sgd", lambda o: S.StepLR(o, step_size=3, gamma=0.5)),
    ("StepLRDefaultGamma", "sgd", lambda o: S.StepLR(o, 4)),
    ("MultiStepLR", "sgd", lambda o: S.MultiStepLR(o, milestones=[2, 5, 5, 9], gamma=0.3)),
    ("ConstantLR", "sgd", lambda o: S.ConstantLR(o, factor=0.25, total_iters=4)),
    ("ConstantLRDefaults", "sgd", lambda o: S.ConstantLR(o)),
    ("LinearLR", "sgd", lambda o: S.LinearLR(o, start_factor=0.2, end_factor=0.9, total_iters=7)),
    ("LinearLRDefaults", "sgd", lambda o: S.LinearLR(o)),
    ("ExponentialLR", "sgd", lambda o: S.ExponentialLR(o, gamma=0.9)),
    ("PolynomialLR", "sgd", lambda o: S.PolynomialLR(o, total_iters=10, power=2.0)),
    ("PolynomialLRDefaults", "sgd", lambda o: S.PolynomialLR(o)),
    ("CosineAnnealingLR", "sgd", lambda o: S.CosineAnnealingLR(o, T_max=6, eta_min=0.001)),
    ("CosineAnnealingWarmRestarts", "sgd", lambda o: S.CosineAnnealingWarmRestarts(o, T_0=4, T_mult=2, eta_min=0.01)),
    ("CosineAnnealingWarmRestartsMult1", "sgd", lambda o: S.CosineAnnealingWarmRestarts(o, T_0=5)),
    ("LambdaLR", "sgd", lambda o: S.LambdaLR(o, lambda e: 0.95 ** e)),
    ("LambdaLRPerGroup", "sgd", lambda o: S.LambdaLR(o, [lambda e: 1.0 / (e + 1), lambda e: 0.5 if e % 2 else 1.0])),
    ("MultiplicativeLR", "sgd", lambda o: S.MultiplicativeLR(o, lambda e: 0.9)),
    ("CyclicLRTriangular", "sgd", lambda o: S.CyclicLR(o, base_lr=0.01, max_lr=[0.1, 0.2], step_size_up=4, step_size_down=3)),
    ("CyclicLRTriangular2", "sgd", lambda o: S.CyclicLR(o, base_lr=[0.01, 0.02], max_lr=0.1, step_size_up=3, mode="triangular2", base_momentum=0.7, max_momentum=[0.9, 0.95])),
    ("CyclicLRExpRange", "sgd", lambda o: S.CyclicLR(o, base_lr=0.01, max_lr=0.1, step_size_up=5, mode="exp_range", gamma=0.95)),
    ("CyclicLRNoMomentum", "sgd", lambda o: S.CyclicLR(o, base_lr=0.01, max_lr=0.1, step_size_up=2, cycle_momentum=False)),
    ("CyclicLRScaleFn", "sgd", lambda o: S.CyclicLR(o, base_lr=0.01, max_lr=0.1, step_size_up=3, scale_fn=lambda x: 1.0 / (1.0 + x), scale_mode="iterations")),
    ("OneCycleLR", "sgd", lambda o: S.OneCycleLR(o, max_lr=[0.5, 0.3], total_steps=STEPS)),
    ("OneCycleLRLinearThreePhase", "sgd", lambda o: S.OneCycleLR(o, max_lr=0.4, epochs=5, steps_per_epoch=6, pct_start=0.25, anneal_strategy="linear", three_phase=True, div_factor=10.0, final_div_factor=100.0)),
    ("OneCycleLRAdam", "adam", lambda o: S.OneCycleLR(o, max_lr=0.2, total_steps=STEPS + 2, base_momentum=0.8, max_momentum=0.9)),
    ("SequentialLR", "sgd", lambda o: S.SequentialLR(o, [S.ConstantLR(o, factor=0.5, total_iters=3), S.ExponentialLR(o, gamma=0.8)], milestones=[4])),
    ("SequentialLRThree", "sgd", lambda o: S.SequentialLR(o, [S.LinearLR(o, start_factor=0.1, total_iters=4), S.StepLR(o, step_size=2, gamma=0.5), S.CosineAnnealingLR(o, T_max=5)], milestones=[5, 12])),
    ("ChainedScheduler", "sgd", lambda o: S.ChainedScheduler([S.ConstantLR(o, factor=0.5, total_iters=3), S.ExponentialLR(o, gamma=0.9)])),
    ("ChainedSchedulerStepCosine", "sgd", lambda o: S.ChainedScheduler([S.StepLR(o, step_size=4, gamma=0.5), S.CosineAnnealingLR(o, T_max=8, eta_min=0.0)])),
    ("ReduceLROnPlateau", "sgd", lambda o: S.ReduceLROnPlateau(o, patience=2)),
    ("ReduceLROnPlateauMaxAbs", "sgd", lambda o: S.ReduceLROnPlateau(o, mode="max", factor=0.5, patience=1, threshold=0.01, threshold_mode="abs", cooldown=2)),
    ("ReduceLROnPlateauMinLr", "sgd", lambda o: S.ReduceLROnPlateau(o, factor=0.2, patience=0, threshold_mode="abs", min_lr=[0.003, 0.0005])),
    ("ReduceLROnPlateauEps", "sgd", lambda o: S.ReduceLROnPlateau(o, factor=0.5, patience=0, min_lr=0.04, eps=0.006)),
]

# step(epoch) (PyTorch's deprecated closed form) on these epochs, recorded after each.
EPOCH_CASES = [
    ("StepLREpochs", "sgd", lambda o: S.StepLR(o, step_size=3, gamma=0.5), [5, 2, 9, 9, 0, 13]),
    ("MultiStepLREpochs", "sgd", lambda o: S.MultiStepLR(o, milestones=[2, 5, 5], gamma=0.3), [6, 1, 5, 3]),
    ("ExponentialLREpochs", "sgd", lambda o: S.ExponentialLR(o, gamma=0.9), [4, 1, 7]),
    ("CosineAnnealingLREpochs", "sgd", lambda o: S.CosineAnnealingLR(o, T_max=6, eta_min=0.001), [3, 8, 1]),
    ("LinearLREpochs", "sgd", lambda o: S.LinearLR(o, start_factor=0.2, total_iters=4), [2, 7, 1]),
    ("ConstantLREpochs", "sgd", lambda o: S.ConstantLR(o, factor=0.4, total_iters=3), [1, 3, 2]),
    ("PolynomialLREpochs", "sgd", lambda o: S.PolynomialLR(o, total_iters=6, power=0.5), [2, 9, 4]),
    ("CosineAnnealingWarmRestartsEpochs", "sgd", lambda o: S.CosineAnnealingWarmRestarts(o, T_0=3, T_mult=2, eta_min=0.001),
     [0.5, 1.25, 2.75, 3.0, 4.5, 9.1, 20.0, 2.0]),
    ("CosineAnnealingWarmRestartsEpochsMult1", "sgd", lambda o: S.CosineAnnealingWarmRestarts(o, T_0=4), [1.5, 4.0, 9.5, 2.25]),
]


def momenta(o):
    out = []
    for g in o.param_groups:
        out.append(g["betas"][0] if "betas" in g else g["momentum"])
    return out


def record(o, lrs, ms):
    lrs.extend(g["lr"] for g in o.param_groups)
    ms.extend(momenta(o))


def run(kind, factory, epochs=None):
    o = make_opt(kind)
    s = factory(o)
    lrs, ms = [], []
    record(o, lrs, ms)
    if epochs is not None:
        for e in epochs:
            o.step()
            s.step(e)
            record(o, lrs, ms)
        return lrs, ms
    for i in range(STEPS):
        o.step()
        if isinstance(s, S.ReduceLROnPlateau):
            s.step(METRICS[i])
        else:
            s.step()
        record(o, lrs, ms)
    last = s._last_lr if isinstance(s, S.ReduceLROnPlateau) else s.get_last_lr()  # 1.13: no get_last_lr there
    assert all(abs(a - b) < 1e-15 for a, b in zip(last, lrs[-2:]))
    return lrs, ms


def fmt(v):
    return ", ".join(repr(float(x)) for x in v)


def main():
    import warnings
    warnings.simplefilter("ignore")
    out = ["// Generated by gen_lr_scheduler_data.py from PyTorch " + torch.__version__ + "; do not edit.",
           "#pragma once", "#include <vector>", "", "namespace wick::lr_scheduler_data {", "",
           f"constexpr int kSteps = {STEPS};",
           f"inline const std::vector<double> metrics = {{{fmt(METRICS)}}};", "",
           "struct Seq {", "  const char* name;",
           "  std::vector<double> epochs;  // step(epoch) arguments; empty: plain step()",
           "  std::vector<double> lr;  // [record][group], record 0 right after construction",
           "  std::vector<double> momentum;  // momentum or beta1, same layout", "};", "",
           "inline const std::vector<Seq> seqs = {"]
    for name, kind, f in CASES:
        lrs, ms = run(kind, f)
        out.append(f'    {{"{name}", {{}}, {{{fmt(lrs)}}},\n     {{{fmt(ms)}}}}},')
    for name, kind, f, epochs in EPOCH_CASES:
        lrs, ms = run(kind, f, epochs)
        out.append(f'    {{"{name}", {{{fmt(epochs)}}}, {{{fmt(lrs)}}},\n     {{{fmt(ms)}}}}},')
    out += ["};", "", "}  // namespace wick::lr_scheduler_data", ""]
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "lr_scheduler_test_data.h")
    with open(path, "w") as fh:
        fh.write("\n".join(out))


if __name__ == "__main__":
    main()
