#!/usr/bin/python3
"""PyTorch eager peer of tailbench's trainer: CIFAR ResNet-32 (option-A shortcuts), batch 128,
SGD nesterov, on 12,406 random CIFAR-shaped images held as one uint8 tensor, with the same data
flow as the Java trainer (permutation, index, to float + normalise, batched crop/flip with one
gather). Prints one JSON line like TrainerThroughput.

Usage: pytorch_peer.py [epochs=2] [threads=2]   (run with Debian's /usr/bin/python3)
"""
import json
import resource
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

IMAGES = 12_406  # CIFAR-10-LT, exponential profile, IF 100
BATCH = 128
PAD = 4
MEAN = (0.4914, 0.4822, 0.4465)
STD = (0.2470, 0.2435, 0.2616)


class BasicBlock(nn.Module):
    def __init__(self, inp, out, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(inp, out, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(out)
        self.conv2 = nn.Conv2d(out, out, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(out)
        self.pad = out - inp if (stride != 1 or inp != out) else 0
        self.stride = stride

    def forward(self, x):
        y = F.relu(self.bn1(self.conv1(x)))
        y = self.bn2(self.conv2(y))
        if self.stride != 1 or self.pad:
            # Option A: subsample, zero-pad the new channels (no parameters).
            s = x[:, :, ::2, ::2] if self.stride != 1 else x
            x = F.pad(s, (0, 0, 0, 0, self.pad // 2, self.pad - self.pad // 2))
        return F.relu(y + x)


class CifarResNet(nn.Module):
    def __init__(self, blocks=5, classes=10):
        super().__init__()
        self.conv = nn.Conv2d(3, 16, 3, 1, 1, bias=False)
        self.bn = nn.BatchNorm2d(16)
        layers, inp = [], 16
        for width, stride in ((16, 1), (32, 2), (64, 2)):
            for b in range(blocks):
                layers.append(BasicBlock(inp, width, stride if b == 0 else 1))
                inp = width
        self.layers = nn.Sequential(*layers)
        self.fc = nn.Linear(64, classes)
        for m in self.modules():
            if isinstance(m, (nn.Conv2d, nn.Linear)):
                nn.init.kaiming_normal_(m.weight)

    def forward(self, x):
        x = self.layers(F.relu(self.bn(self.conv(x))))
        return self.fc(F.adaptive_avg_pool2d(x, 1).flatten(1))


def crop_flip(x, gen):
    """RandomCrop(32, padding=4) + RandomHorizontalFlip on a whole batch, as one gather from the
    padded batch (what the Java RandomCropFlip does). Pads with raw 0 after normalisation."""
    n, c, h, w = x.shape
    fill = torch.tensor([-m / s for m, s in zip(MEAN, STD)]).view(1, c, 1, 1)
    padded = fill.expand(n, c, h + 2 * PAD, w + 2 * PAD).clone()
    padded[:, :, PAD:PAD + h, PAD:PAD + w] = x
    dy = torch.randint(0, 2 * PAD + 1, (n,), generator=gen)
    dx = torch.randint(0, 2 * PAD + 1, (n,), generator=gen)
    flip = torch.randint(0, 2, (n,), generator=gen).bool()
    cols = torch.arange(w).expand(n, w)
    cols = torch.where(flip[:, None], w - 1 - cols, cols) + dx[:, None]           # n x w
    rows = torch.arange(h)[None, :] + dy[:, None]                                  # n x h
    flat = (rows[:, :, None] * (w + 2 * PAD) + cols[:, None, :]).view(n, 1, h * w)  # n x 1 x hw
    out = padded.view(n, c, -1).gather(2, flat.expand(n, c, h * w))
    return out.view(n, c, h, w)


def main():
    epochs = int(sys.argv[1]) if len(sys.argv) > 1 else 2
    threads = int(sys.argv[2]) if len(sys.argv) > 2 else 2
    if epochs < 2:
        sys.exit("epochs must be >= 2: the first one is warm-up")
    # Debian's PyTorch defaults to 1 thread on this machine; match the Java side.
    torch.set_num_threads(threads)
    torch.set_num_interop_threads(1)
    torch.manual_seed(1)
    gen = torch.Generator().manual_seed(1)

    model = CifarResNet()
    params = sum(p.numel() for p in model.parameters() if p.requires_grad)
    assert params == 464_154, params
    opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9, weight_decay=2e-4, nesterov=True)
    loss_fn = nn.CrossEntropyLoss()

    pixels = torch.randint(0, 256, (IMAGES, 3, 32, 32), dtype=torch.uint8, generator=gen)
    labels = torch.randint(0, 10, (IMAGES,), dtype=torch.int64, generator=gen)
    scale = torch.tensor([1 / (255 * s) for s in STD]).view(1, 3, 1, 1)
    shift = torch.tensor([m / s for m, s in zip(MEAN, STD)]).view(1, 3, 1, 1)

    model.train()
    rates = []
    for _ in range(epochs):
        start = time.perf_counter()
        order = torch.randperm(IMAGES, generator=gen)
        for i in range(0, IMAGES, BATCH):
            idx = order[i:i + BATCH]
            x = pixels[idx].float().mul_(scale).sub_(shift)
            x = crop_flip(x, gen)
            loss = loss_fn(model(x), labels[idx])
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            loss.item()  # the Java trainer reads the loss every batch too
        rates.append(IMAGES / (time.perf_counter() - start))

    steady = IMAGES * (epochs - 1) / sum(IMAGES / r for r in rates[1:])
    print(json.dumps({
        "mode": "pytorch",
        "images_per_s": round(steady, 1),
        "images_per_s_all": round(IMAGES * epochs / sum(IMAGES / r for r in rates), 1),
        "epoch_images_per_s": [round(r, 1) for r in rates],
        # ru_maxrss is in kB on Linux.
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "epochs": epochs, "images_per_epoch": IMAGES, "batch": BATCH, "threads": threads,
        "parameters": params, "device": "cpu", "torch": torch.__version__,
    }), flush=True)


if __name__ == "__main__":
    main()
