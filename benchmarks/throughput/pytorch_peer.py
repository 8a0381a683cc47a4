#!/usr/bin/python3
"""PyTorch eager peer of tailbench's trainer: the CIFAR ResNet (option-A shortcuts) of the
long-tail papers, batch 128, SGD with Nesterov momentum, on random images held as one uint8
tensor, with the same data flow as the Java trainer (permutation, index, to float + normalise,
batched crop/flip as one gather, the last partial batch dropped) and, like tailbench, an
evaluation of the test images after every epoch. Prints one JSON line like TrainerThroughput.

Two configurations (--memory-format):
  channels-last  PyTorch's CPU performance guide: the model and every input batch in
                 torch.channels_last, evaluation under torch.inference_mode with a large batch,
                 zero_grad(set_to_none=True); the best this machine measured
  contiguous     the plain NCHW eager loop (the peer of the earlier measurements)

Usage: pytorch_peer.py --workload resnet8-fmnist|resnet32-cifar --train-images N --test-images M
       [--epochs 3] [--threads 2] [--memory-format channels-last|contiguous] [--eval-batch 256]
       [--trace FILE]
--trace: the whole run under the autograd profiler, written as a Chrome trace (op_profile.sh);
the timings of a traced run include the profiler's cost and are not measurements.
(run with Debian's /usr/bin/python3)
"""
import argparse
import json
import resource
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

BATCH = 128
WORKLOADS = {
    # depth, channels, size, crop padding, mean, std: tailbench's Datasets entries
    "resnet8-fmnist": (8, 1, 28, 4, (0.2860,), (0.3530,)),
    "resnet32-cifar": (32, 3, 32, 4, (0.4914, 0.4822, 0.4465), (0.2023, 0.1994, 0.2010)),
}


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
    def __init__(self, depth, channels, classes=10):
        super().__init__()
        blocks = (depth - 2) // 6
        self.conv = nn.Conv2d(channels, 16, 3, 1, 1, bias=False)
        self.bn = nn.BatchNorm2d(16)
        layers, inp = [], 16
        for width, stride in ((16, 1), (32, 2), (64, 2)):
            for b in range(blocks):
                layers.append(BasicBlock(inp, width, stride if b == 0 else 1))
                inp = width
        self.layers = nn.Sequential(*layers)
        self.fc = nn.Linear(64, classes)
        for m in self.modules():
            if isinstance(m, nn.Conv2d):
                nn.init.kaiming_normal_(m.weight)

    def forward(self, x):
        x = self.layers(F.relu(self.bn(self.conv(x))))
        return self.fc(F.adaptive_avg_pool2d(x, 1).flatten(1))


def crop_flip(x, gen, pad, mean, std):
    """RandomCrop(size, padding) + RandomHorizontalFlip on a whole batch, as one gather from the
    padded batch (what the Java RandomCropFlip does). Pads with raw 0 after normalisation."""
    n, c, h, w = x.shape
    fill = torch.tensor([-m / s for m, s in zip(mean, std)]).view(1, c, 1, 1)
    padded = fill.expand(n, c, h + 2 * pad, w + 2 * pad).clone()
    padded[:, :, pad:pad + h, pad:pad + w] = x
    dy = torch.randint(0, 2 * pad + 1, (n,), generator=gen)
    dx = torch.randint(0, 2 * pad + 1, (n,), generator=gen)
    flip = torch.randint(0, 2, (n,), generator=gen).bool()
    cols = torch.arange(w).expand(n, w)
    cols = torch.where(flip[:, None], w - 1 - cols, cols) + dx[:, None]           # n x w
    rows = torch.arange(h)[None, :] + dy[:, None]                                  # n x h
    flat = (rows[:, :, None] * (w + 2 * pad) + cols[:, None, :]).view(n, 1, h * w)  # n x 1 x hw
    out = padded.view(n, c, -1).gather(2, flat.expand(n, c, h * w))
    return out.view(n, c, h, w)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--workload", choices=sorted(WORKLOADS), required=True)
    parser.add_argument("--train-images", type=int, required=True)
    parser.add_argument("--test-images", type=int, required=True)
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--memory-format", choices=("channels-last", "contiguous"), default="channels-last")
    parser.add_argument("--eval-batch", type=int, default=256)
    parser.add_argument("--trace")
    args = parser.parse_args()
    if args.epochs < 2:
        parser.error("--epochs must be >= 2: the first one is warm-up")
    depth, channels, size, pad, mean, std = WORKLOADS[args.workload]
    best = args.memory_format == "channels-last"
    fmt = torch.channels_last if best else torch.contiguous_format

    profiler = None
    if args.trace:
        profiler = torch.profiler.profile(activities=[torch.profiler.ProfilerActivity.CPU], record_shapes=True)
        profiler.start()
    run_start = time.perf_counter()
    # Debian's PyTorch defaults to 1 thread on this machine; match the Java side.
    torch.set_num_threads(args.threads)
    torch.set_num_interop_threads(1)
    torch.manual_seed(1)
    gen = torch.Generator().manual_seed(1)

    model = CifarResNet(depth, channels).to(memory_format=fmt)
    params = sum(p.numel() for p in model.parameters() if p.requires_grad)
    opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9, weight_decay=2e-4, nesterov=True)
    loss_fn = nn.CrossEntropyLoss()

    n, m = args.train_images, args.test_images
    pixels = torch.randint(0, 256, (n, channels, size, size), dtype=torch.uint8, generator=gen)
    labels = torch.randint(0, 10, (n,), dtype=torch.int64, generator=gen)
    test_pixels = torch.randint(0, 256, (m, channels, size, size), dtype=torch.uint8, generator=gen)
    test_labels = torch.randint(0, 10, (m,), dtype=torch.int64, generator=gen)
    scale = torch.tensor([1 / (255 * s) for s in std]).view(1, channels, 1, 1)
    shift = torch.tensor([mu / s for mu, s in zip(mean, std)]).view(1, channels, 1, 1)
    batches = n // BATCH  # the last partial batch is dropped, as tailbench and the reference do

    train_rates, train_seconds, eval_seconds, errors = [], [], [], []
    for _ in range(args.epochs):
        model.train()
        start = time.perf_counter()
        order = torch.randperm(n, generator=gen)
        total = torch.zeros(())
        for b in range(batches):
            idx = order[b * BATCH:(b + 1) * BATCH]
            x = pixels[idx].float().mul_(scale).sub_(shift)
            x = crop_flip(x, gen, pad, mean, std).contiguous(memory_format=fmt)
            loss = loss_fn(model(x), labels[idx])
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            total += loss.detach()
        total.item()
        seconds = time.perf_counter() - start
        train_seconds.append(seconds)
        train_rates.append(batches * BATCH / seconds)

        start = time.perf_counter()
        model.eval()
        wrong = 0
        with torch.inference_mode() if best else torch.no_grad():
            for i in range(0, m, args.eval_batch):
                x = test_pixels[i:i + args.eval_batch].float().mul_(scale).sub_(shift)
                predictions = model(x.contiguous(memory_format=fmt)).argmax(1)
                wrong += int((predictions != test_labels[i:i + args.eval_batch]).sum())
        errors.append(100.0 * wrong / m)
        eval_seconds.append(time.perf_counter() - start)
    run_seconds = time.perf_counter() - run_start
    if profiler is not None:
        profiler.stop()
        profiler.export_chrome_trace(args.trace)

    stepped = batches * BATCH
    print(json.dumps({
        "mode": "pytorch-" + ("channels-last" if best else "contiguous"),
        "workload": args.workload,
        "images_per_s": round(stepped * (args.epochs - 1) / sum(train_seconds[1:]), 1),
        "images_per_s_all": round(stepped * args.epochs / sum(train_seconds), 1),
        "epoch_images_per_s": [round(r, 1) for r in train_rates],
        "eval_s": [round(s, 3) for s in eval_seconds],
        "run_s": round(run_seconds, 2),
        # ru_maxrss is in kB on Linux.
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "epochs": args.epochs, "images_per_epoch": n, "images_stepped_per_epoch": stepped,
        "test_images": m, "batch": BATCH, "eval_batch": args.eval_batch, "threads": args.threads,
        "parameters": params, "device": "cpu", "torch": torch.__version__, "traced": bool(args.trace),
    }), flush=True)


if __name__ == "__main__":
    main()
