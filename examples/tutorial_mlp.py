"""The PyTorch quickstart's network, trained with wick on synthetic images.

    /usr/bin/python3 examples/tutorial_mlp.py [--epochs 3] [--batch-size 64] [--lr 0.05]
                                              [--train-size 6000] [--out examples-out]

Everything below is ordinary PyTorch code: only the import differs. The data are
28x28 "images" of ten classes (a fixed random pattern per class plus noise), so
the example needs no download. It trains with SGD and CrossEntropyLoss through a
DataLoader with a tqdm progress bar, saves a checkpoint (model, optimizer and
epoch, torch.save's format), reloads it into a fresh model and optimizer, checks
that the reloaded model predicts the same, and writes the inputs and logits that
examples/check_in_pytorch.py compares against real PyTorch.
"""
import argparse
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python"))

import wick as torch  # noqa: E402
from wick import nn  # noqa: E402
from wick.utils.data import DataLoader, TensorDataset  # noqa: E402

try:
    from tqdm import tqdm
except ImportError:  # tqdm is optional: plain loops without it
    def tqdm(iterable, **kwargs):
        return iterable


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
        x = self.flatten(x)
        logits = self.linear_relu_stack(x)
        return logits


def synthetic_images(n, generator, prototypes):
    """n noisy copies of the class prototypes, with their labels."""
    labels = torch.randint(0, 10, (n,), generator=generator)
    noise = torch.randn(n, 1, 28, 28, generator=generator)
    images = (prototypes[labels] + noise).clamp(0, 1)
    return images, labels


def train_loop(dataloader, model, loss_fn, optimizer, epoch, progress):
    model.train()
    bar = tqdm(dataloader, desc=f"epoch {epoch}", unit="batch", disable=not progress)
    total, count = 0.0, 0
    for X, y in bar:
        pred = model(X)
        loss = loss_fn(pred, y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        total += loss.item() * len(X)
        count += len(X)
        if progress:
            bar.set_postfix(loss=f"{total / count:.4f}")
    return total / count


def test_loop(dataloader, model, loss_fn):
    model.eval()
    test_loss, correct = 0.0, 0
    with torch.no_grad():
        for X, y in dataloader:
            pred = model(X)
            test_loss += loss_fn(pred, y).item() * len(X)
            correct += (pred.argmax(1) == y).type(torch.float).sum().item()
    n = len(dataloader.dataset)
    return test_loss / n, correct / n


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--epochs", type=int, default=3)
    p.add_argument("--batch-size", type=int, default=64)
    p.add_argument("--lr", type=float, default=0.05)
    p.add_argument("--train-size", type=int, default=6000)
    p.add_argument("--test-size", type=int, default=1000)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--out", default="examples-out")
    p.add_argument("--no-progress", action="store_true")
    args = p.parse_args(argv)

    torch.manual_seed(args.seed)
    # The data have their own stream: a generator seeded like the default one would
    # repeat its numbers, correlating the labels with the shuffling order.
    gen = torch.Generator().manual_seed(args.seed + 1000)
    prototypes = torch.rand(10, 1, 28, 28, generator=gen)
    train_data = TensorDataset(*synthetic_images(args.train_size, gen, prototypes))
    test_data = TensorDataset(*synthetic_images(args.test_size, gen, prototypes))
    train_dataloader = DataLoader(train_data, batch_size=args.batch_size, shuffle=True)
    test_dataloader = DataLoader(test_data, batch_size=args.batch_size)

    model = NeuralNetwork()
    print(model)
    loss_fn = nn.CrossEntropyLoss()
    optimizer = torch.optim.SGD(model.parameters(), lr=args.lr)

    accuracy = 0.0
    for epoch in range(1, args.epochs + 1):
        train_loss = train_loop(train_dataloader, model, loss_fn, optimizer, epoch,
                                not args.no_progress)
        test_loss, accuracy = test_loop(test_dataloader, model, loss_fn)
        print(f"epoch {epoch}: train loss {train_loss:.4f}, test loss {test_loss:.4f}, "
              f"accuracy {100 * accuracy:.1f}%")

    os.makedirs(args.out, exist_ok=True)
    checkpoint = os.path.join(args.out, "tutorial_mlp.pt")
    torch.save({"model": model.state_dict(), "optimizer": optimizer.state_dict(),
                "epoch": args.epochs}, checkpoint)

    # Reload into fresh objects, as a later run resuming training would.
    state = torch.load(checkpoint)  # weights_only=True: tensors and containers only
    reloaded = NeuralNetwork()
    reloaded.load_state_dict(state["model"])
    reloaded_optimizer = torch.optim.SGD(reloaded.parameters(), lr=args.lr)
    reloaded_optimizer.load_state_dict(state["optimizer"])
    model.eval()
    reloaded.eval()
    X, y = test_data[:64]
    with torch.no_grad():
        logits = model(X)
        same = torch.equal(reloaded(X), logits)
    print(f"reloaded {checkpoint} (epoch {state['epoch']}): "
          f"{'same' if same else 'DIFFERENT'} predictions")
    if not same:
        raise SystemExit("the reloaded model predicts differently")

    predictions = os.path.join(args.out, "tutorial_mlp_predictions.pt")
    torch.save({"inputs": X, "targets": y, "logits": logits}, predictions)
    print(f"wrote {checkpoint} and {predictions}")
    return accuracy


if __name__ == "__main__":
    main()
