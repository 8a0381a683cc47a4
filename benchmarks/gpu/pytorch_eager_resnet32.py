#!/usr/bin/env python3
"""PyTorch eager peer of tailbench's device loop (TrainerThroughput device-loop).

The same work on the same device: CIFAR ResNet-32 exactly as dev.tailbench.model.CifarResNet
builds it (option-A shortcuts, BN after every convolution, Kaiming-normal fan-in weights, zero
classifier bias), SGD with Nesterov momentum 0.9, lr 0.1, weight decay 2e-4, the same synthetic
CIFAR-shaped data held on the device as one uint8 tensor, random crop (padding 4, padded with raw
black) and horizontal flip of whole batches on the device, warm-up epochs then timed epochs, the
loss summed on the device and read once per epoch. Prints one JSON object (one line) with the
Java side's keys, also written to --out.

Written as a PyTorch user would write it: the permutation and the augmentation's random choices
are drawn on the device and the optimizer runs PyTorch's default implementation (multi-tensor
"foreach" on CUDA). --foreach off gives the per-parameter loop, which is what NesterovSgd does,
to see how much of a gap the optimizer makes.

PyTorch at its best: --memory-format channels-last puts the model and every batch in
torch.channels_last (what PyTorch's performance guide recommends for convolutions, and the layout
tailbench's backbone runs in); --amp adds automatic mixed precision (float16 autocast with a
gradient scaler on CUDA, bfloat16 autocast on the CPU), which tailbench cannot match: DJL has no
autocast, so AMP figures are reported beside the ratio, not in it.

Usage: pytorch_eager_resnet32.py [--device gpu|cpu] [--images 10000] [--classes 10] [--batch 128]
       [--warmup-epochs 1] [--epochs 3] [--threads 2] [--seed 1] [--foreach auto|on|off]
       [--memory-format contiguous|channels-last] [--amp] [--out file.json]
"""
import argparse
import math
import json
import os
import platform
import re
import resource
import subprocess
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

# CIFAR-10's constants, as dev.tailbench.data.Datasets has them.
MEAN = (0.4914, 0.4822, 0.4465)
STD = (0.2023, 0.1994, 0.2010)
PAD = 4
PIXEL_MULTIPLIER = 2654435761  # DeviceLoopThroughput.PIXEL_MULTIPLIER


class BasicBlock(nn.Module):
    """conv3x3(stride)-BN-ReLU-conv3x3-BN plus the shortcut, then ReLU (model.BasicBlock)."""

    def __init__(self, inp, planes, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(inp, planes, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(planes, eps=1e-5, momentum=0.1)
        self.conv2 = nn.Conv2d(planes, planes, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(planes, eps=1e-5, momentum=0.1)
        # Option A where the shape changes: subsample, zero channels on both sides; no parameters.
        self.pad = (planes - inp) // 2 if (stride != 1 or inp != planes) else None

    def forward(self, x):
        out = F.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        shortcut = x if self.pad is None else F.pad(x[:, :, ::2, ::2], (0, 0, 0, 0, self.pad, self.pad))
        return F.relu(out + shortcut)


class CifarResNet(nn.Module):
    """Depth 6n+2: stem conv-BN-ReLU, three stages of n blocks (16, 32, 64 channels), average pool, linear."""

    def __init__(self, depth=32, classes=10):
        super().__init__()
        n = (depth - 2) // 6
        layers = [nn.Conv2d(3, 16, 3, 1, 1, bias=False), nn.BatchNorm2d(16, eps=1e-5, momentum=0.1), nn.ReLU()]
        inp = 16
        for stage, planes in enumerate((16, 32, 64)):
            for i in range(n):
                layers.append(BasicBlock(inp, planes, 2 if stage > 0 and i == 0 else 1))
                inp = planes
        self.features = nn.Sequential(*layers)
        self.classifier = nn.Linear(64, classes)
        for m in self.modules():
            if isinstance(m, (nn.Conv2d, nn.Linear)):
                nn.init.kaiming_normal_(m.weight, mode="fan_in", nonlinearity="relu")
        # tailbench zeroes it (DJL's default); BN keeps PyTorch's gamma 1, beta 0, as tailbench.
        nn.init.zeros_(self.classifier.bias)

    def forward(self, x):
        maps = self.features(x)
        return self.classifier(maps.flatten(2).mean(2))


def crop_flip(x, fill):
    """RandomCrop(H, padding=4) + RandomHorizontalFlip of a normalised batch as one gather, choices
    drawn on the device. Pads with raw black, (0 - mean) / std, as RandomCropFlip does."""
    n, c, h, w = x.shape
    dev = x.device
    dy = torch.randint(0, 2 * PAD + 1, (n,), device=dev)
    dx = torch.randint(0, 2 * PAD + 1, (n,), device=dev)
    flip = torch.randint(0, 2, (n,), device=dev).bool()
    padded = F.pad(x - fill, (PAD, PAD, PAD, PAD)).view(n, c, -1)  # raw black becomes 0, padded with 0
    j = torch.arange(w, device=dev)
    cols = torch.where(flip[:, None], w - 1 - j, j) + dx[:, None]                   # n x w
    rows = torch.arange(h, device=dev)[None, :] + dy[:, None]                       # n x h
    index = (rows[:, :, None] * (w + 2 * PAD) + cols[:, None, :]).view(n, 1, h * w)  # n x 1 x hw
    return padded.gather(2, index.expand(n, c, h * w)).view(n, c, h, w).add_(fill)


def synthetic_data(images, classes, dev):
    """The Java side's bytes: flat byte j is (j * 2654435761 >> 16) & 255; labels k % classes."""
    j = torch.arange(images * 3 * 32 * 32, dtype=torch.int64, device=dev)
    pixels = (((j * PIXEL_MULTIPLIER) >> 16) & 255).to(torch.uint8).view(images, 3, 32, 32)
    del j
    labels = torch.arange(images, dtype=torch.int64, device=dev) % classes
    return pixels, labels


def nvidia_smi(index):
    """(model, driver, memory MiB, note) from nvidia-smi, else the driver from the kernel module."""
    note = []
    try:
        out = subprocess.run(["nvidia-smi", "--query-gpu=name,driver_version,memory.total",
                              "--format=csv,noheader,nounits", "-i", str(index)],
                             capture_output=True, text=True, timeout=10)
        lines = [line.strip() for line in out.stdout.splitlines() if line.strip()]
        if out.returncode == 0 and len(lines) == 1 and len(lines[0].split(",")) >= 3:
            fields = lines[0].split(",")
            memory = fields[-1].strip()
            return ",".join(fields[:-2]).strip(), fields[-2].strip(), int(memory) if memory.isdigit() else None, None
        note.append(f"nvidia-smi exited with status {out.returncode}: {(lines or ['(no output)'])[0]}")
    except (OSError, subprocess.TimeoutExpired) as e:
        note.append(f"nvidia-smi could not be run ({e})")
    driver = "unknown"
    try:
        with open("/proc/driver/nvidia/version") as f:
            m = re.search(r"Kernel Module(?: for \S+)?\s+(\d+(?:\.\d+)+)", f.read())
            if m:
                driver = m.group(1)
    except OSError as e:
        note.append(f"/proc/driver/nvidia/version: {e}")
    return None, driver, None, "; ".join(note)


def device_record(requested, dev, threads):
    """The shape of dev.tailbench.report.DeviceRecord (with GpuRecord) in the Java output."""
    if dev.type != "cuda":
        model = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo")
                      if line.lower().startswith("model name")), "unknown CPU")
        return {"requested": requested, "used": "cpu", "threads": threads,
                "description": f"{model}, {os.cpu_count()} cores available", "gpu": None}
    index = dev.index or 0
    visible = os.environ.get("CUDA_VISIBLE_DEVICES", "").split(",")
    smi_id = visible[index].strip() if index < len(visible) and visible[index].strip() else index
    model, driver, memory, note = nvidia_smi(smi_id)
    if model is None:
        model = torch.cuda.get_device_name(index)
        note = (note + "; " if note else "") + "model from torch.cuda.get_device_name"
    major, minor = torch.cuda.get_device_capability(index)
    gpu = {"model": model, "driver": driver, "memoryMib": memory, "cudaRuntime": torch.version.cuda,
           "computeCapability": f"{major}.{minor}", "note": note or None}
    return {"requested": requested, "used": str(dev), "threads": threads,
            "description": f"GPU {index}: {model}, driver {driver}", "gpu": gpu}


def gpu_used_mb(dev):
    free, total = torch.cuda.mem_get_info(dev)
    return round((total - free) / 1048576, 1)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--device", choices=("gpu", "cpu"), default="gpu" if torch.cuda.is_available() else "cpu")
    parser.add_argument("--images", type=int, default=10_000)
    parser.add_argument("--classes", type=int, default=10)
    parser.add_argument("--batch", type=int, default=128)
    parser.add_argument("--warmup-epochs", type=int, default=1)
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--foreach", choices=("auto", "on", "off"), default="auto")
    parser.add_argument("--memory-format", choices=("contiguous", "channels-last"), default="contiguous")
    parser.add_argument("--amp", action="store_true")
    parser.add_argument("--out")
    a = parser.parse_args()
    if min(a.images, a.classes, a.batch, a.epochs, a.threads) < 1 or a.warmup_epochs < 0:
        sys.exit("images, classes, batch, epochs and threads must be >= 1, warmup-epochs >= 0")
    if a.images % a.batch == 1:
        sys.exit(f"--images {a.images} leaves a last batch of one image")
    if a.device == "gpu" and not torch.cuda.is_available():
        sys.exit("--device gpu, but torch.cuda.is_available() is False; refusing to measure the CPU instead")

    torch.set_num_threads(a.threads)
    torch.set_num_interop_threads(1)
    torch.manual_seed(a.seed)
    dev = torch.device("cuda", 0) if a.device == "gpu" else torch.device("cpu")
    cuda = dev.type == "cuda"
    gpu_used = {}

    layout = torch.channels_last if a.memory_format == "channels-last" else torch.contiguous_format
    model = CifarResNet(32, a.classes).to(dev, memory_format=layout)
    model.train()
    amp_dtype = torch.float16 if cuda else torch.bfloat16
    scaler = None
    if a.amp and cuda:  # torch.amp.GradScaler from 2.3 on; torch.cuda.amp's before
        scaler = torch.amp.GradScaler("cuda") if hasattr(torch.amp, "GradScaler") else torch.cuda.amp.GradScaler()
    parameters = sum(p.numel() for p in model.parameters() if p.requires_grad)
    assert parameters == 463_504 + 65 * a.classes, parameters  # 464,154 for 10 classes, as tailbench counts
    foreach = {"auto": None, "on": True, "off": False}[a.foreach]
    opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9, weight_decay=2e-4, nesterov=True,
                          foreach=foreach)
    if cuda:
        gpu_used["start"] = gpu_used_mb(dev)

    pixels, labels = synthetic_data(a.images, a.classes, dev)
    checksum = int(pixels.sum(dtype=torch.int64).item())
    scale = torch.tensor([1 / (255 * s) for s in STD], device=dev).view(1, 3, 1, 1)
    shift = torch.tensor([m / s for m, s in zip(MEAN, STD)], device=dev).view(1, 3, 1, 1)
    fill = torch.tensor([-m / s for m, s in zip(MEAN, STD)], device=dev).view(1, 3, 1, 1)
    if cuda:
        torch.cuda.synchronize()
        gpu_used["after_data"] = gpu_used_mb(dev)

    steps = (a.images + a.batch - 1) // a.batch
    warmup, timed, losses = [], [], []
    for epoch in range(a.warmup_epochs + a.epochs):
        order = torch.randperm(a.images, device=dev)
        if cuda:
            torch.cuda.synchronize()
        start = time.perf_counter()
        loss_sum = torch.zeros((), device=dev)
        for i in range(0, a.images, a.batch):
            idx = order[i:i + a.batch]
            x = pixels[idx].float().mul_(scale).sub_(shift)
            x = crop_flip(x, fill).contiguous(memory_format=layout)
            with torch.autocast(dev.type, dtype=amp_dtype, enabled=a.amp):
                loss = F.cross_entropy(model(x), labels[idx])
            # As tailbench's trainer: one scalar read per batch, to stop at a non-finite loss.
            if not math.isfinite(loss.item()):
                raise RuntimeError(f"non-finite loss in batch {i // a.batch + 1}")
            opt.zero_grad(set_to_none=True)
            if scaler is not None:
                scaler.scale(loss).backward()
                scaler.step(opt)
                scaler.update()
            else:
                loss.backward()
                opt.step()
            loss_sum += loss.detach()
        mean_loss = loss_sum.item() / steps  # waits for the device: the epoch's work is all in its time
        rate = a.images / (time.perf_counter() - start)
        (warmup if epoch < a.warmup_epochs else timed).append(round(rate, 1))
        losses.append(round(mean_loss, 4))
        if cuda:
            gpu_used[f"after_epoch_{epoch + 1}"] = gpu_used_mb(dev)

    peak_rss = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)  # kB on Linux
    timed_seconds = sum(a.images / r for r in timed)
    result = {
        "mode": "pytorch-eager",
        "memory_format": a.memory_format,
        "amp": (str(amp_dtype).replace("torch.", "") if a.amp else None),
        "images_per_s": round(a.images * len(timed) / timed_seconds, 1),
        "epoch_images_per_s": timed,
        "warmup_images_per_s": warmup,
        "epoch_mean_loss": losses,
        "data_checksum": checksum,
        "images": a.images, "classes": a.classes, "batch": a.batch, "steps_per_epoch": steps,
        "warmup_epochs": a.warmup_epochs, "timed_epochs": a.epochs, "parameters": parameters,
        "peak_memory_mb": max(gpu_used.values()) if cuda else peak_rss,
        "peak_memory_kind": "gpu-used" if cuda else "process-peak-rss",
        "gpu_used_mb": gpu_used or None,
        "gpu_memory_note": None if cuda else "not a GPU run",
        "peak_rss_mb": peak_rss,
        "torch_max_memory_reserved_mb": round(torch.cuda.max_memory_reserved(dev) / 1048576, 1) if cuda else None,
        "torch_max_memory_allocated_mb": round(torch.cuda.max_memory_allocated(dev) / 1048576, 1) if cuda else None,
        "settings": {
            "threads": a.threads, "seed": a.seed,
            "cudnn_benchmark": torch.backends.cudnn.benchmark,
            "cudnn_allow_tf32": torch.backends.cudnn.allow_tf32,
            "matmul_allow_tf32": torch.backends.cuda.matmul.allow_tf32,
            "optimizer": f"torch.optim.SGD nesterov lr 0.1 momentum 0.9 weight decay 2e-4 (foreach {a.foreach})",
            "augmentation": "random crop padding 4 + horizontal flip, choices drawn on the device",
        },
        "device": device_record(a.device, dev, a.threads),
        "versions": {
            "torch": torch.__version__, "cuda": torch.version.cuda,
            "cudnn": torch.backends.cudnn.version() if torch.backends.cudnn.is_available() else None,
            "python": platform.python_version(),
            "os": f"{platform.system()} {platform.release()} {platform.machine()}",
        },
    }
    line = json.dumps(result)
    print(line, flush=True)
    if a.out:
        with open(a.out, "w") as f:
            f.write(line + "\n")


if __name__ == "__main__":
    main()
