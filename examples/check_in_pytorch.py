"""Loads a wick checkpoint in real PyTorch and checks that it predicts what wick did.

    /usr/bin/python3 examples/check_in_pytorch.py [--out examples-out] [--name tutorial_mlp]

Reads <out>/<name>.pt (written by examples/tutorial_mlp.py or the C++
examples/tutorial_mlp.cpp) with torch.load(weights_only=True) (PyTorch 2.x; 1.13
cannot read floats that way, so there it falls back to weights_only=False), loads the model
strictly into the same network built with torch.nn and the optimizer state into a
torch.optim.SGD, runs the inputs saved in <out>/<name>_predictions.pt, and
compares the logits with wick's. Exits non-zero when they differ. This script
imports only torch: it is the PyTorch side of the round trip.
"""
import argparse
import os
import pickle

import torch
from torch import nn


class NeuralNetwork(nn.Module):
    def __init__(self):
        super().__init__()
        self.flatten = nn.Flatten()
        self.linear_relu_stack = nn.Sequential(
            nn.Linear(28 * 28, 512),
            nn.ReLU(),
            nn.Linear(512, 512),
            nn.ReLU(),
            nn.Linear(512, 10),
        )

    def forward(self, x):
        return self.linear_relu_stack(self.flatten(x))


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--out", default="examples-out")
    p.add_argument("--name", default="tutorial_mlp")
    args = p.parse_args(argv)

    path = os.path.join(args.out, args.name + ".pt")
    try:
        state = torch.load(path, weights_only=True)
    except pickle.UnpicklingError:
        # PyTorch 1.x's weights_only unpickler lacks the opcode for floats, which
        # every optimizer state_dict holds (torch.save writes it too); 2.0 added it.
        if int(torch.__version__.split(".")[0]) >= 2:
            raise
        print(f"(PyTorch {torch.__version__} cannot read floats with weights_only=True; "
              "loading with weights_only=False)")
        state = torch.load(path, weights_only=False)
    model = NeuralNetwork()
    model.load_state_dict(state["model"])  # strict: every key and shape must match
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    optimizer.load_state_dict(state["optimizer"])
    model.eval()

    saved = torch.load(os.path.join(args.out, args.name + "_predictions.pt"), weights_only=True)
    with torch.no_grad():
        logits = model(saved["inputs"])
    same_class = torch.equal(logits.argmax(1), saved["logits"].argmax(1))
    close = torch.allclose(logits, saved["logits"], rtol=1e-4, atol=1e-5)
    accuracy = (logits.argmax(1) == saved["targets"]).float().mean().item()
    print(f"PyTorch {torch.__version__} loaded {args.name}.pt (epoch {state['epoch']}, "
          f"lr {optimizer.param_groups[0]['lr']}): "
          f"{'same' if same_class and close else 'DIFFERENT'} predictions as wick "
          f"(max |diff| {(logits - saved['logits']).abs().max().item():.2e}, "
          f"accuracy on these {len(logits)}: {100 * accuracy:.1f}%)")
    if not (same_class and close):
        raise SystemExit(1)


if __name__ == "__main__":
    main()
