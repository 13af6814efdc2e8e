"""The seed tutorial on the real Fashion-MNIST: `import wick as torch` and run.

    /usr/bin/python3 examples/fashion_mnist.py [--epochs 5] [--batch-size 64] [--lr X]
        [--model cnn|mlp] [--optimizer adam|sgd] [--device cpu] [--root DIR]
        [--train-size N] [--out DIR] [--pytorch]

The tutorial's pipeline: datasets.FashionMNIST + ToTensor, DataLoader(batch 64,
shuffle), a model, CrossEntropyLoss, an optimizer (Adam, lr 2e-3, or SGD, lr 0.1;
the rate follows a cosine over the epochs), train and test loops with a tqdm bar per
epoch showing the loss and rate. The images come from Debian's
dataset-fashion-mnist package when --root is not given (wick never downloads).
At the end it saves the checkpoint (torch.save's format: PyTorch loads it), a PNG
with the training-loss and test-accuracy curves, and a PNG grid of test images
labelled with the predicted and the true class, and prints where it wrote them.

--pytorch runs this same script on PyTorch and torchvision instead of wick (the
comparison the benchmarks report); everything else is unchanged.
"""
import argparse
import os
import sys
import time

PYTORCH = "--pytorch" in sys.argv[1:]
if PYTORCH:
    import torch
    from torch import nn
    from torch.utils.data import DataLoader, Subset
    from torchvision import datasets
    from torchvision.transforms import ToTensor
else:
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python"))
    import wick as torch
    from wick import nn
    from wick.utils.data import DataLoader, Subset
    from wick.vision import datasets
    from wick.vision.transforms import ToTensor

try:
    from tqdm import tqdm
except ImportError:  # tqdm is optional: plain loops without it
    def tqdm(iterable, **kwargs):
        return iterable

labels_map = {
    0: "T-Shirt",
    1: "Trouser",
    2: "Pullover",
    3: "Dress",
    4: "Coat",
    5: "Sandal",
    6: "Shirt",
    7: "Sneaker",
    8: "Bag",
    9: "Ankle Boot",
}


class NeuralNetwork(nn.Module):
    """The quickstart's MLP."""

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


class CNN(nn.Module):
    """The seed notes' convolutional network: two conv + ReLU + max-pool blocks and a linear layer."""

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Sequential(          # input shape (1, 28, 28)
            nn.Conv2d(in_channels=1, out_channels=16, kernel_size=5, stride=1, padding=2),
            nn.ReLU(),
            nn.MaxPool2d(kernel_size=2),      # output shape (16, 14, 14)
        )
        self.conv2 = nn.Sequential(
            nn.Conv2d(16, 32, 5, 1, 2),
            nn.ReLU(),
            nn.MaxPool2d(2),                  # output shape (32, 7, 7)
        )
        self.out = nn.Linear(32 * 7 * 7, 10)

    def forward(self, x):
        x = self.conv2(self.conv1(x))
        return self.out(x.flatten(1))


def train_loop(dataloader, model, loss_fn, optimizer, device, epoch, progress):
    model.train()
    bar = tqdm(dataloader, desc=f"epoch {epoch}", unit="batch", disable=not progress)
    total, count = 0.0, 0
    for X, y in bar:
        X, y = X.to(device), y.to(device)
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


def test_loop(dataloader, model, loss_fn, device):
    model.eval()
    test_loss, correct, n = 0.0, 0, 0
    with torch.no_grad():
        for X, y in dataloader:
            X, y = X.to(device), y.to(device)
            pred = model(X)
            test_loss += loss_fn(pred, y).item() * len(X)
            correct += (pred.argmax(1) == y).type(torch.float).sum().item()
            n += len(X)
    return test_loss / n, correct / n


def plot_curves(path, losses, accuracies):
    """Training loss and test accuracy per epoch, side by side, as a PNG (drawn with PIL)."""
    from PIL import Image, ImageDraw
    w, h, m = 360, 260, 40
    img = Image.new("RGB", (2 * w, h), "white")
    draw = ImageDraw.Draw(img)
    panels = [("training loss", losses, (31, 119, 180)),
              ("test accuracy", [100 * a for a in accuracies], (214, 39, 40))]
    for k, (title, ys, color) in enumerate(panels):
        x0 = k * w
        lo, hi = min(ys), max(ys)
        if hi - lo < 1e-9:
            lo, hi = lo - 1, hi + 1
        draw.rectangle([x0 + m, m, x0 + w - 10, h - m], outline="black")
        draw.text((x0 + m, 12), title, fill="black")
        draw.text((x0 + 4, m - 6), f"{hi:.3g}", fill="black")
        draw.text((x0 + 4, h - m - 6), f"{lo:.3g}", fill="black")
        draw.text((x0 + m, h - m + 8), "epoch 1", fill="black")
        draw.text((x0 + w - 60, h - m + 8), f"epoch {len(ys)}", fill="black")
        span = max(len(ys) - 1, 1)
        pts = [(x0 + m + (w - 10 - m) * i / span,
                h - m - (h - 2 * m) * (y - lo) / (hi - lo)) for i, y in enumerate(ys)]
        if len(pts) > 1:
            draw.line(pts, fill=color, width=2)
        for px, py in pts:
            draw.ellipse([px - 3, py - 3, px + 3, py + 3], fill=color)
    img.save(path)


def plot_predictions(path, images, predicted, targets, cols=6):
    """A grid of test images, each titled 'predicted / true' (green when right, red when wrong)."""
    from PIL import Image, ImageDraw
    scale, cell_w, cell_h = 3, 140, 104
    rows = (len(images) + cols - 1) // cols
    grid = Image.new("RGB", (cols * cell_w, rows * cell_h), "white")
    draw = ImageDraw.Draw(grid)
    for i, (img, p, t) in enumerate(zip(images, predicted, targets)):
        r, c = divmod(i, cols)
        pixels = (img.squeeze(0) * 255).round().clamp(0, 255).to(torch.uint8).numpy()
        tile = Image.fromarray(pixels, mode="L").resize((28 * scale, 28 * scale), Image.NEAREST)
        grid.paste(tile, (c * cell_w + (cell_w - 28 * scale) // 2, r * cell_h + 18))
        color = (0, 128, 0) if p == t else (200, 0, 0)
        draw.text((c * cell_w + 4, r * cell_h + 3), f"{labels_map[p]} / {labels_map[t]}", fill=color)
    grid.save(path)


def debian_files_for_torchvision(root):
    """torchvision reads root/FashionMNIST/raw/<file> uncompressed: unpack Debian's .gz files there."""
    import gzip
    import shutil
    raw = os.path.join(root, "FashionMNIST", "raw")
    os.makedirs(raw, exist_ok=True)
    for name in ("train-images-idx3-ubyte", "train-labels-idx1-ubyte",
                 "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"):
        if not os.path.exists(os.path.join(raw, name)):
            with gzip.open(os.path.join("/usr/share/datasets/fashion-mnist", name + ".gz")) as src, \
                    open(os.path.join(raw, name), "wb") as dst:
                shutil.copyfileobj(src, dst)
    return root


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--epochs", type=int, default=5)
    p.add_argument("--batch-size", type=int, default=64)
    p.add_argument("--lr", type=float, default=None, help="default: 2e-3 for Adam, 0.1 for SGD")
    p.add_argument("--model", choices=["cnn", "mlp"], default="cnn")
    p.add_argument("--optimizer", choices=["adam", "sgd"], default="adam")
    p.add_argument("--device", default="cpu")
    p.add_argument("--root", default=None, help="dataset folder (default: Debian's files)")
    p.add_argument("--train-size", type=int, default=None, help="use the first N training images")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--out", default="demo-out")
    p.add_argument("--no-progress", action="store_true")
    p.add_argument("--pytorch", action="store_true", help="run on PyTorch and torchvision instead")
    args = p.parse_args(argv)
    if args.lr is None:
        args.lr = 2e-3 if args.optimizer == "adam" else 0.1
    if args.epochs < 1 or args.batch_size < 1 or not args.lr > 0:
        p.error("--epochs, --batch-size and --lr must be positive")
    device = torch.device(args.device)
    torch.manual_seed(args.seed)
    print(f"{'PyTorch' if PYTORCH else 'wick'} {torch.__version__}, {torch.get_num_threads()} threads")

    root = args.root
    if PYTORCH and root is None:
        root = debian_files_for_torchvision(os.path.join(args.out, "torchvision-data"))
    training_data = datasets.FashionMNIST(root=root, train=True, transform=ToTensor())
    test_data = datasets.FashionMNIST(root=root, train=False, transform=ToTensor())
    if args.train_size is not None:
        training_data = Subset(training_data, range(min(args.train_size, len(training_data))))
    train_dataloader = DataLoader(training_data, batch_size=args.batch_size, shuffle=True)
    test_dataloader = DataLoader(test_data, batch_size=args.batch_size)

    model = (CNN() if args.model == "cnn" else NeuralNetwork()).to(device)
    print(model)
    loss_fn = nn.CrossEntropyLoss()
    if args.optimizer == "adam":
        optimizer = torch.optim.Adam(model.parameters(), lr=args.lr)
    else:
        optimizer = torch.optim.SGD(model.parameters(), lr=args.lr)
    scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=args.epochs)

    losses, accuracies = [], []
    for epoch in range(1, args.epochs + 1):
        t0 = time.perf_counter()
        train_loss = train_loop(train_dataloader, model, loss_fn, optimizer, device, epoch,
                                not args.no_progress)
        scheduler.step()
        seconds = time.perf_counter() - t0
        test_loss, accuracy = test_loop(test_dataloader, model, loss_fn, device)
        losses.append(train_loss)
        accuracies.append(accuracy)
        print(f"epoch {epoch}: train loss {train_loss:.4f}, test loss {test_loss:.4f}, "
              f"accuracy {100 * accuracy:.1f}%, {seconds:.1f} s")

    os.makedirs(args.out, exist_ok=True)
    tag = "_pytorch" if PYTORCH else ""
    checkpoint = os.path.join(args.out, f"fashion_mnist_{args.model}{tag}.pt")
    torch.save({"model": model.state_dict(), "optimizer": optimizer.state_dict(),
                "epoch": args.epochs, "accuracy": accuracies[-1]}, checkpoint)
    curves = os.path.join(args.out, f"curves{tag}.png")
    plot_curves(curves, losses, accuracies)
    model.eval()
    images = [test_data[i][0] for i in range(24)]
    targets = [test_data[i][1] for i in range(24)]
    with torch.no_grad():
        predicted = model(torch.stack(images).to(device)).argmax(1).tolist()
    grid = os.path.join(args.out, f"predictions{tag}.png")
    plot_predictions(grid, images, predicted, targets)
    print(f"wrote {checkpoint}, {curves} and {grid}")
    return accuracies


if __name__ == "__main__":
    main()
