#!/usr/bin/env python3
"""Plain-PyTorch twin of tailbench's trainer, for comparing each trick's effect on both sides.

Trains one of six long-tail recipes on the long-tailed Fashion-MNIST subset tailbench trained on
(the subset JSON tailbench exports) and evaluates on the full official t10k set after every epoch.
It is written as a PyTorch user would write it (torch.nn, torch.optim.SGD(nesterov=True),
F.cross_entropy, numpy's Beta for mixup), but follows tailbench's protocol, read from its code
(tailbench/src/main/java/dev/tailbench/...):

- network: CIFAR ResNet of depth 6n+2 (resnet8: n = 1) with option-A shortcuts, 16/32/64 planes,
  global average pooling, a linear head (model/CifarResNet.java, model/BasicBlock.java); every
  conv and linear weight Kaiming-normal fan-in (std sqrt(2 / fan_in)), the linear bias 0, BN
  gamma 1, beta 0, momentum 0.1, eps 1e-5;
- data: (x / 255 - mean) / std with the subset's mean and std; training batches get a random
  crop after zero padding of 4 raw pixels (raw black, i.e. before normalisation, as torchvision
  pads) and a horizontal flip with probability 0.5 (data/device/RandomCropFlip.java);
- optimiser: SGD, Nesterov momentum 0.9, L2 weight decay 2e-4 on every parameter (BN and biases
  too, train/NesterovSgd.java, run/Training.java); learning rate per 0-based epoch e = the
  BagofTricks-LT warm-up multi-step formula at e + 1 (spec/Schedule.java);
- epoch: the sampler's order in batches of 128, the last partial batch dropped, an epoch shorter
  than a batch trained as one batch (run/EpochLoop.java, Schedule.trainingBatches); train loss =
  mean of the batch losses; evaluation in eval mode on the full test set after every epoch; the
  run's error is the last epoch's (run/Training.java).

Recipes: crossEntropy, balancedSoftmax, drwCostSensitive, drsClassBalanced,
posthocLogitAdjustment, inputMixupFineTune (see RECIPES below).

Usage:
  twin.py --subset SUBSET.json --data-dir DIR --recipe NAME --seed S --out OUT.json
          [--epochs 10 --batch-size 128 --lr 0.1 --momentum 0.9 --warmup-epochs 2
           --warmup-start-factor 0.3333 --milestones 9 10 --lr-decay 0.01 --weight-decay 2e-4
           --deferral-epoch 8 --fine-tune-epochs 1 --mixup-alpha 1 --mixup-form reference
           --tau 1 --threads 1]
  twin.py --self-check
  twin.py --make-dev-subset OUT.json --data-dir DIR [--imbalance 100 --subset-seed 0]
"""
import argparse
import gzip
import json
import math
import os
import platform
import random
import struct
import sys
import tempfile
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

RECIPES = (
    "crossEntropy",            # cross-entropy, instance-balanced, all epochs
    "balancedSoftmax",         # balanced softmax cross-entropy, all epochs
    "drwCostSensitive",        # CE, then cost-sensitive CE (n_min / n_c) from the deferral epoch
    "drsClassBalanced",        # instance-balanced, then class-balanced sampling from the deferral epoch
    "posthocLogitAdjustment",  # CE, then logits - tau log(n_c / N) at evaluation after the last epoch
    "inputMixupFineTune",      # input mixup (alpha 1), the last --fine-tune-epochs epochs without
)

IMAGE_MAGIC = 2051
LABEL_MAGIC = 2049
PADDING = 4  # data/Datasets.java: Fashion-MNIST's defaultCropPadding
EVAL_BATCH = 100  # eval mode: the batch size does not change the logits; 100 is fastest on 1 CPU thread


def log(message):
    print(message, file=sys.stderr, flush=True)


# ----------------------------------------------------------------------------- data


class DataError(Exception):
    pass


def find_idx(data_dir, name):
    for candidate in (name + ".gz", name):
        path = os.path.join(data_dir, candidate)
        if os.path.isfile(path):
            return path
    raise DataError(f"{os.path.join(data_dir, name)}[.gz]: not found (need the official Fashion-MNIST IDX files)")


def read_idx(path, magic, kind):
    with open(path, "rb") as raw:
        head = raw.read(2)
    opener = gzip.open if head == b"\x1f\x8b" else open
    try:
        with opener(path, "rb") as f:
            data = f.read()
    except (OSError, EOFError) as e:
        raise DataError(f"{path}: cannot read ({e}); a corrupt gzip file?") from e
    header_size = 16 if kind == "image" else 8
    if len(data) < header_size:
        raise DataError(f"{path}: {len(data)} bytes, too short for an IDX {kind} header of {header_size} bytes")
    found = struct.unpack(">i", data[:4])[0]
    if found != magic:
        raise DataError(f"{path}: magic number {found:#010x}, expected {magic:#010x} for an IDX {kind} file")
    if kind == "image":
        count, rows, cols = struct.unpack(">iii", data[4:16])
        if count < 0 or rows <= 0 or cols <= 0:
            raise DataError(f"{path}: bad header: {count} images of {rows}x{cols}")
        expected = count * rows * cols
    else:
        count = struct.unpack(">i", data[4:8])[0]
        if count < 0:
            raise DataError(f"{path}: bad header: negative label count {count}")
        rows = cols = None
        expected = count
    payload = len(data) - header_size
    if payload != expected:
        raise DataError(f"{path}: header promises {expected} bytes of {kind} data, file has {payload}")
    array = np.frombuffer(data, dtype=np.uint8, offset=header_size)
    if kind == "image":
        return array.reshape(count, 1, rows, cols).copy()  # writable, for torch.from_numpy
    return array.astype(np.int64)


def load_split(data_dir, split, classes=10):
    images_path = find_idx(data_dir, f"{split}-images-idx3-ubyte")
    labels_path = find_idx(data_dir, f"{split}-labels-idx1-ubyte")
    images = read_idx(images_path, IMAGE_MAGIC, "image")
    labels = read_idx(labels_path, LABEL_MAGIC, "label")
    if len(images) != len(labels):
        raise DataError(f"{labels_path}: {len(labels)} labels but {images_path} has {len(images)} images")
    if len(labels) and (labels.min() < 0 or labels.max() >= classes):
        raise DataError(f"{labels_path}: labels outside [0, {classes})")
    return images, labels


def load_subset(path, pool_images, pool_labels):
    with open(path) as f:
        subset = json.load(f)
    missing = [k for k in ("poolIndices", "labels", "classCounts", "mean", "std", "channels", "height", "width")
               if k not in subset]
    if missing:
        raise DataError(f"{path}: missing keys {missing}")
    indices = np.asarray(subset["poolIndices"], dtype=np.int64)
    labels = np.asarray(subset["labels"], dtype=np.int64)
    counts = [int(c) for c in subset["classCounts"]]
    if len(indices) != len(labels):
        raise DataError(f"{path}: {len(indices)} poolIndices but {len(labels)} labels")
    if len(indices) == 0:
        raise DataError(f"{path}: no training images")
    if indices.min() < 0 or indices.max() >= len(pool_labels):
        raise DataError(f"{path}: poolIndices outside [0, {len(pool_labels)}) of the training IDX files")
    if len(np.unique(indices)) != len(indices):
        raise DataError(f"{path}: poolIndices repeat an image")
    wrong = np.nonzero(pool_labels[indices] != labels)[0]
    if len(wrong):
        i = int(wrong[0])
        raise DataError(f"{path}: labels disagree with the IDX labels at {len(wrong)} images, first training image "
                        f"{i} (pool index {int(indices[i])}): subset says {int(labels[i])}, IDX says "
                        f"{int(pool_labels[indices[i]])}")
    tally = np.bincount(labels, minlength=len(counts))
    if len(tally) != len(counts) or list(tally) != counts:
        raise DataError(f"{path}: classCounts {counts} do not match the labels' counts {list(tally)}")
    shape = (int(subset["channels"]), int(subset["height"]), int(subset["width"]))
    if shape != tuple(pool_images.shape[1:]):
        raise DataError(f"{path}: images of {shape}, the IDX files hold {tuple(pool_images.shape[1:])}")
    if len(subset["mean"]) != shape[0] or len(subset["std"]) != shape[0] or min(subset["std"]) <= 0:
        raise DataError(f"{path}: need {shape[0]} mean and positive std values")
    return subset, pool_images[indices], labels, counts


def make_dev_subset(out, data_dir, imbalance, seed):
    """A long-tailed draw like tailbench's: n_c = int(6000 * (1 / IF)^(c / 9)) random images of class c."""
    _, labels = load_split(data_dir, "train")
    classes = int(labels.max()) + 1
    head = int(np.bincount(labels).max())
    rng = np.random.RandomState(seed)
    counts = [int(head * (1.0 / imbalance) ** (c / (classes - 1.0))) for c in range(classes)]
    chosen = []
    for c in range(classes):
        members = np.nonzero(labels == c)[0]
        chosen.append(rng.permutation(members)[:counts[c]])
    indices = rng.permutation(np.concatenate(chosen))
    subset = {"dataset": "fashion-mnist", "poolIndices": [int(i) for i in indices],
              "labels": [int(labels[i]) for i in indices], "classCounts": counts,
              "mean": [0.2860], "std": [0.3530], "channels": 1, "height": 28, "width": 28,
              "note": f"twin.py --make-dev-subset: imbalance {imbalance}, seed {seed}"}
    write_json(out, subset)
    log(f"wrote {out}: {len(indices)} images, counts {counts}")


# ----------------------------------------------------------------------------- network


def option_a_shortcut(x, planes):
    """x[:, :, ::2, ::2] with (planes - C) / 2 zero channels before and after (the LDAM / BagofTricks-LT LambdaLayer)."""
    pad = (planes - x.shape[1]) // 2
    return F.pad(x[:, :, ::2, ::2], (0, 0, 0, 0, pad, pad))


class BasicBlock(nn.Module):
    def __init__(self, in_planes, planes, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(in_planes, planes, 3, stride=stride, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(planes)
        self.conv2 = nn.Conv2d(planes, planes, 3, stride=1, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(planes)
        self.planes = planes
        self.identity = stride == 1 and in_planes == planes
        if not self.identity and (stride != 2 or (planes - in_planes) % 2 or planes < in_planes):
            raise ValueError(f"option-A shortcut needs stride 2 and an even channel increase: {in_planes} -> {planes}")

    def forward(self, x):
        out = F.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        shortcut = x if self.identity else option_a_shortcut(x, self.planes)
        return F.relu(out + shortcut)


class CifarResNet(nn.Module):
    def __init__(self, depth, num_classes, in_channels):
        super().__init__()
        if depth < 8 or (depth - 2) % 6:
            raise ValueError(f"depth must be 6n+2 with n >= 1, got {depth}")
        n = (depth - 2) // 6
        self.conv1 = nn.Conv2d(in_channels, 16, 3, stride=1, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(16)
        layers, in_planes = [], 16
        for stage, planes in enumerate((16, 32, 64)):
            for i in range(n):
                layers.append(BasicBlock(in_planes, planes, 2 if stage > 0 and i == 0 else 1))
                in_planes = planes
        self.layers = nn.Sequential(*layers)
        self.linear = nn.Linear(64, num_classes)
        for m in self.modules():
            if isinstance(m, nn.Conv2d):
                # As BagofTricks-LT's resnet_cifar.py _weights_init: Kaiming normal, fan-in.
                nn.init.kaiming_normal_(m.weight, mode="fan_in", nonlinearity="relu")
            elif isinstance(m, nn.BatchNorm2d):
                nn.init.ones_(m.weight)
                nn.init.zeros_(m.bias)

    def forward(self, x):
        out = F.relu(self.bn1(self.conv1(x)))
        out = self.layers(out)
        out = out.mean(dim=(2, 3))
        return self.linear(out)


BACKBONE_DEPTHS = {"resnet8": 8, "resnet14": 14, "resnet20": 20, "resnet32": 32}


# ----------------------------------------------------------------------------- protocol pieces


def learning_rate(epoch, base, warmup_epochs, warmup_start_factor, milestones, lr_decay):
    """Rate of 0-based epoch `epoch`: WarmupMultiStepLR's formula at last_epoch = epoch + 1 (spec/Schedule.java)."""
    stepped = epoch + 1
    rate = base
    if stepped < warmup_epochs:
        alpha = stepped / warmup_epochs
        rate *= warmup_start_factor * (1 - alpha) + alpha
    for m in milestones:
        if stepped >= m:
            rate *= lr_decay
    return rate


def training_batches(images, batch_size):
    return min(images, 1) if images < batch_size else images // batch_size


def cost_sensitive_weights(counts, gamma=1.0):
    smallest = min(counts)
    return [(smallest / c) ** gamma for c in counts]


def log_prior_offsets(counts, tau):
    total = float(sum(counts))
    return [tau * math.log(c / total) for c in counts]


def balanced_softmax_loss(logits, labels, log_counts):
    return F.cross_entropy(logits + log_counts, labels)


def augment(raw, padding):
    """Random crop of the zero-padded raw uint8 batch (raw black border) and horizontal flip, per sample."""
    b, c, h, w = raw.shape
    padded = F.pad(raw, (padding, padding, padding, padding))
    dy = torch.randint(0, 2 * padding + 1, (b,))
    dx = torch.randint(0, 2 * padding + 1, (b,))
    flip = torch.rand(b) < 0.5
    rows = dy[:, None] + torch.arange(h)[None, :]
    cols = torch.arange(w)[None, :].expand(b, w)
    cols = torch.where(flip[:, None], w - 1 - cols, cols) + dx[:, None]
    batch = torch.arange(b)[:, None, None]
    # (b, h, w, c) after advanced indexing of the channels-last view, back to (b, c, h, w).
    return padded.permute(0, 2, 3, 1)[batch, rows[:, :, None], cols[:, None, :]].permute(0, 3, 1, 2)


def round_half_up(x):
    """Java's Math.round for the non-negative values used here (Python's round is half-to-even)."""
    return int(math.floor(x + 0.5))


def normalise(raw, mean, std):
    return (raw.float() / 255.0 - mean) / std


class ClassBalancedSampler:
    """An epoch of N draws: a class with p_c = 1 / C, then one of its images uniformly, with replacement."""

    def __init__(self, labels, classes):
        labels = torch.as_tensor(labels)
        self.size = len(labels)
        self.counts = torch.bincount(labels, minlength=classes)
        self.order = torch.sort(labels, stable=True)[1]
        self.offsets = torch.cumsum(self.counts, 0) - self.counts
        self.p = (self.counts > 0).double()
        self.p /= self.p.sum()

    def epoch(self):
        classes = torch.multinomial(self.p, self.size, replacement=True)
        within = (torch.rand(self.size, dtype=torch.float64) * self.counts[classes]).long()
        within = torch.minimum(within, self.counts[classes] - 1)
        return self.order[self.offsets[classes] + within]


# ----------------------------------------------------------------------------- training


def evaluate(model, test_x, test_y, classes, offsets=None):
    model.eval()
    correct = torch.zeros(classes, dtype=torch.long)
    total = torch.bincount(test_y, minlength=classes)
    with torch.no_grad():
        for start in range(0, len(test_y), EVAL_BATCH):
            logits = model(test_x[start:start + EVAL_BATCH])
            if offsets is not None:
                logits = logits - offsets
            y = test_y[start:start + EVAL_BATCH]
            hit = logits.argmax(1) == y
            correct += torch.bincount(y[hit], minlength=classes)
    error = 100.0 * float(len(test_y) - correct.sum()) / len(test_y)
    per_class = [100.0 * float(correct[c]) / float(total[c]) if total[c] else float("nan") for c in range(classes)]
    return error, per_class


def train(args):
    torch.set_num_threads(args.threads)
    try:
        torch.set_num_interop_threads(1)
    except RuntimeError:
        pass
    torch.manual_seed(args.seed)
    np.random.seed(args.seed)
    random.seed(args.seed)
    torch.use_deterministic_algorithms(True)

    pool_images, pool_labels = load_split(args.data_dir, "train")
    test_images, test_labels = load_split(args.data_dir, "t10k")
    subset, train_images, train_labels, counts = load_subset(args.subset, pool_images, pool_labels)
    classes = len(counts)
    if "testImages" in subset and int(subset["testImages"]) != len(test_labels):
        raise DataError(f"{args.subset}: tailbench tested on {subset['testImages']} images, "
                        f"the t10k files in {args.data_dir} hold {len(test_labels)}")
    if test_labels.max() >= classes:
        raise DataError(f"test labels reach {int(test_labels.max())}, the subset has {classes} classes")
    channels = train_images.shape[1]
    mean = torch.tensor(subset["mean"], dtype=torch.float32).view(1, channels, 1, 1)
    std = torch.tensor(subset["std"], dtype=torch.float32).view(1, channels, 1, 1)
    train_raw = torch.from_numpy(np.ascontiguousarray(train_images))
    train_y = torch.from_numpy(train_labels)
    test_x = normalise(torch.from_numpy(np.ascontiguousarray(test_images)), mean, std)
    test_y = torch.from_numpy(test_labels)

    model = CifarResNet(BACKBONE_DEPTHS[args.backbone], classes, channels)
    optimizer = torch.optim.SGD(model.parameters(), lr=args.lr, momentum=args.momentum,
                                weight_decay=args.weight_decay, nesterov=True)
    count_tensor = torch.tensor(counts, dtype=torch.float32)
    log_counts = torch.log(count_tensor)
    cs_weights = torch.tensor(cost_sensitive_weights(counts, 1.0), dtype=torch.float32)
    class_balanced = ClassBalancedSampler(train_labels, classes)
    if args.recipe == "inputMixupFineTune":
        # The stage form (--fine-tune-stage > 0) keeps mixup for the whole run.
        mixup_epochs = args.epochs - (0 if args.fine_tune_stage else args.fine_tune_epochs)
    else:
        mixup_epochs = 0
    two_stage = args.recipe in ("drwCostSensitive", "drsClassBalanced")

    def criterion(logits, labels, epoch):
        if args.recipe == "balancedSoftmax":
            return balanced_softmax_loss(logits, labels, log_counts)
        if args.recipe == "drwCostSensitive" and epoch >= args.deferral_epoch:
            return F.cross_entropy(logits, labels, weight=cs_weights)
        return F.cross_entropy(logits, labels)

    def train_epoch(order, optimizer, mixup, epoch):
        """One epoch over order in batches (the last partial one dropped); returns (loss sum, batches)."""
        batches = training_batches(len(order), args.batch_size)
        model.train()
        total_loss = 0.0
        for b in range(batches):
            index = order[b * args.batch_size:(b + 1) * args.batch_size]
            x = normalise(augment(train_raw[index], PADDING), mean, std)
            y = train_y[index]
            if mixup:
                lam = float(np.random.beta(args.mixup_alpha, args.mixup_alpha))
                perm = torch.randperm(x.shape[0])
                if args.mixup_form == "tailbench":
                    # MixDraw.mix: x * (float) lam + x[perm] * (float) (1 - lam); MixedLabels.loss likewise.
                    lam_a, lam_b = np.float32(lam), np.float32(1.0 - lam)
                    logits = model(x * float(lam_a) + x[perm] * float(lam_b))
                    loss = criterion(logits, y, epoch) * float(lam_a) + criterion(logits, y[perm], epoch) * float(lam_b)
                else:
                    # BagofTricks-LT Combiner.mix_up.
                    logits = model(lam * x + (1 - lam) * x[perm])
                    loss = lam * criterion(logits, y, epoch) + (1 - lam) * criterion(logits, y[perm], epoch)
            else:
                loss = criterion(model(x), y, epoch)
            value = loss.item()
            if not math.isfinite(value):
                raise RuntimeError(f"{args.recipe} seed {args.seed}: loss {value} at epoch {epoch + 1} batch {b + 1}")
            total_loss += value
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            optimizer.step()
        return total_loss, batches

    log(f"twin {args.recipe} seed {args.seed}: {len(train_y)} training images {counts}, {len(test_y)} test images, "
        f"torch {torch.__version__}, {args.threads} thread(s), "
        f"{sum(p.numel() for p in model.parameters() if p.requires_grad)} trainable parameters")
    curve = []
    run_start = time.perf_counter()
    train_seconds = 0.0
    trained = 0
    for epoch in range(args.epochs):
        epoch_start = time.perf_counter()
        lr = learning_rate(epoch, args.lr, args.warmup_epochs, args.warmup_start_factor, args.milestones,
                           args.lr_decay)
        for group in optimizer.param_groups:
            group["lr"] = lr
        if args.recipe == "drsClassBalanced" and epoch >= args.deferral_epoch:
            order = class_balanced.epoch()
        else:
            order = torch.randperm(len(train_y))
        mixup = epoch < mixup_epochs
        stage = ("first" if epoch < args.deferral_epoch else "deferred") if two_stage else "main"
        total_loss, batches = train_epoch(order, optimizer, mixup, epoch)
        seconds_trained = time.perf_counter() - epoch_start
        train_seconds += seconds_trained
        stepped = min(len(order), batches * args.batch_size)
        trained += stepped
        error, per_class = evaluate(model, test_x, test_y, classes)
        record = {"epoch": epoch + 1, "stage": stage, "learningRate": lr, "trainLoss": total_loss / max(1, batches),
                  "testError": error, "mixup": mixup, "images": int(len(order)),
                  "seconds": time.perf_counter() - epoch_start}
        curve.append(record)
        log(f"epoch {epoch + 1}/{args.epochs} [{stage}] lr {lr:.6g} loss {record['trainLoss']:.4f} "
            f"test error {error:.2f}% mixup {'yes' if mixup else 'no'} {stepped} images "
            f"{record['seconds']:.1f}s (train {seconds_trained:.1f}s)")

    if args.recipe == "inputMixupFineTune" and args.fine_tune_stage:
        # BagofTricks-LT's third stage: a new optimizer, class-balanced batches, no mixup, its own
        # schedule (warm-up 5 and x0.1 from 8 and 16 of 20, scaled as tailbench's FineTuningSchedule).
        stage_epochs = args.fine_tune_stage
        warm = round_half_up(5.0 * stage_epochs / 20)
        stage_milestones = sorted({round_half_up((m - 1) * stage_epochs / 20) + 1 for m in (8, 16)}
                                  & set(range(2, stage_epochs + 1)))
        stage_optimizer = torch.optim.SGD(model.parameters(), lr=args.fine_tune_lr, momentum=args.momentum,
                                          weight_decay=args.weight_decay, nesterov=True)
        for e in range(stage_epochs):
            epoch_start = time.perf_counter()
            lr = learning_rate(e, args.fine_tune_lr, warm, args.warmup_start_factor, stage_milestones, 0.1)
            for group in stage_optimizer.param_groups:
                group["lr"] = lr
            order = class_balanced.epoch()
            total_loss, batches = train_epoch(order, stage_optimizer, False, 0)
            seconds_trained = time.perf_counter() - epoch_start
            train_seconds += seconds_trained
            trained += min(len(order), batches * args.batch_size)
            error, per_class = evaluate(model, test_x, test_y, classes)
            curve.append({"epoch": len(curve) + 1, "stage": "fine-tuning", "learningRate": lr,
                          "trainLoss": total_loss / max(1, batches), "testError": error, "mixup": False,
                          "images": int(len(order)), "seconds": time.perf_counter() - epoch_start})
            log(f"fine-tuning epoch {e + 1}/{stage_epochs} lr {lr:.6g} test error {error:.2f}%")

    last_error, last_per_class = curve[-1]["testError"], per_class
    unadjusted = None
    if args.recipe == "posthocLogitAdjustment":
        # Menon et al.: score z_c - tau log pi_c; tailbench moves the linear bias by the same amount
        # (tricks/rebalance/PosthocLogitAdjustment.java) and records it as one more curve point.
        start = time.perf_counter()
        offsets = torch.tensor(log_prior_offsets(counts, args.tau), dtype=torch.float32)
        unadjusted = last_error
        last_error, last_per_class = evaluate(model, test_x, test_y, classes, offsets)
        curve.append({"epoch": args.epochs + 1, "stage": "logit-adjustment", "learningRate": 0.0, "trainLoss": 0.0,
                      "testError": last_error, "mixup": False, "images": 0,
                      "seconds": time.perf_counter() - start})
        log(f"post-hoc logit adjustment (tau {args.tau}): test error {unadjusted:.2f}% -> {last_error:.2f}%")

    result = {
        "side": "pytorch",
        "recipe": args.recipe,
        "seed": args.seed,
        "epochs": args.epochs,
        "torchVersion": torch.__version__,
        "threads": args.threads,
        "lastError": last_error,
        "perClassAccuracy": last_per_class,
        "curve": curve,
        "seconds": time.perf_counter() - run_start,
        "trainImages": int(len(train_y)),
        "trainingSeconds": train_seconds,
        "imagesTrained": trained,
        "unadjustedLastError": unadjusted,
        "classCounts": counts,
        "protocol": {
            "backbone": args.backbone, "batchSize": args.batch_size, "learningRate": args.lr,
            "momentum": args.momentum, "weightDecay": args.weight_decay, "warmupEpochs": args.warmup_epochs,
            "warmupStartFactor": args.warmup_start_factor, "milestones": args.milestones, "lrDecay": args.lr_decay,
            "deferralEpoch": args.deferral_epoch if two_stage else None,
            "mixupEpochs": mixup_epochs,
            "fineTuningStage": {"epochs": args.fine_tune_stage, "learningRate": args.fine_tune_lr}
            if args.recipe == "inputMixupFineTune" and args.fine_tune_stage else None, "mixupAlpha": args.mixup_alpha if mixup_epochs else None,
            "mixupForm": args.mixup_form if mixup_epochs else None,
            "tau": args.tau if args.recipe == "posthocLogitAdjustment" else None,
            "padding": PADDING, "mean": subset["mean"], "std": subset["std"],
        },
        "subset": os.path.abspath(args.subset),
        "numpyVersion": np.__version__,
        "python": platform.python_version(),
    }
    write_json(args.out, result)
    log(f"{args.recipe} seed {args.seed}: last error {last_error:.2f}% in {result['seconds']:.0f}s -> {args.out}")


def write_json(path, value):
    directory = os.path.dirname(os.path.abspath(path))
    os.makedirs(directory, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".twin-", suffix=".json.tmp", dir=directory)
    try:
        with os.fdopen(fd, "w") as f:
            json.dump(value, f, indent=1, allow_nan=True)
            f.write("\n")
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


# ----------------------------------------------------------------------------- self-check


def self_check():
    failures = []

    def check(name, ok, detail=""):
        print(f"{'ok  ' if ok else 'FAIL'} {name}{': ' + detail if detail else ''}")
        if not ok:
            failures.append(name)

    def close(a, b, tol=1e-6):
        return abs(a - b) <= tol * max(1.0, abs(a), abs(b))

    torch.manual_seed(0)
    np.random.seed(0)
    # Schedule at tailbench's CPU scale.
    rates = [learning_rate(e, 0.1, 2, 1 / 3, [9, 10], 0.01) for e in range(10)]
    expected = [0.1 * (1 / 3 * 0.5 + 0.5)] + [0.1] * 7 + [0.001, 0.00001]
    check("schedule 10 epochs", all(close(a, b, 1e-12) for a, b in zip(rates, expected)),
          " ".join(f"{r:.6g}" for r in rates))
    paper = [learning_rate(e, 0.1, 5, 1 / 3, [160, 180], 0.01) for e in (0, 1, 2, 3, 4, 5, 158, 159, 178, 179)]
    check("schedule paper (Schedule.java javadoc)",
          all(close(a, b, 1e-5) for a, b in zip(paper, [0.0466667, 0.06, 0.0733333, 0.0866667, 0.1, 0.1, 0.1, 0.001,
                                                        0.001, 0.00001])), " ".join(f"{r:.6g}" for r in paper))
    check("batches", [training_batches(n, 128) for n in (0, 5, 127, 128, 14886)] == [0, 1, 1, 1, 116])

    # Balanced softmax: -log(n_y e^z_y / sum_k n_k e^z_k).
    counts = [4, 2, 1]
    logits = torch.tensor([[1.0, 2.0, 0.5], [0.0, -1.0, 3.0]])
    labels = torch.tensor([0, 2])
    hand = 0.0
    for i in range(2):
        z = logits[i].tolist()
        denominator = sum(n * math.exp(v) for n, v in zip(counts, z))
        hand += -math.log(counts[labels[i]] * math.exp(z[labels[i]]) / denominator)
    got = balanced_softmax_loss(logits, labels, torch.log(torch.tensor(counts, dtype=torch.float32))).item()
    check("balanced softmax", close(got, hand / 2, 1e-5), f"{got:.6f} vs hand {hand / 2:.6f}")

    # Cost-sensitive weights (n_min / n_c)^1, weighted mean sum w_y l / sum w_y.
    w = cost_sensitive_weights([100, 10, 1])
    check("cost-sensitive weights", all(close(a, b, 1e-12) for a, b in zip(w, [0.01, 0.1, 1.0])), str(w))
    per_sample = [-math.log(math.exp(logits[i, labels[i]]) / sum(math.exp(v) for v in logits[i].tolist()))
                  for i in range(2)]
    hand = sum(w[labels[i]] * per_sample[i] for i in range(2)) / sum(w[labels[i]] for i in range(2))
    got = F.cross_entropy(logits, labels, weight=torch.tensor(w, dtype=torch.float32)).item()
    check("cost-sensitive weighted mean", close(got, hand, 1e-5), f"{got:.6f} vs hand {hand:.6f}")
    # tailbench's perSample form: mean of N w_yi l_i / sum_j w_yj.
    shares = [2 * w[labels[i]] * per_sample[i] / sum(w[labels[j]] for j in range(2)) for i in range(2)]
    check("cost-sensitive = tailbench per-sample shares", close(got, sum(shares) / 2, 1e-5))

    # Post-hoc logit adjustment: z_c - tau log(n_c / N), as tailbench's bias shift b_c - tau log pi_c.
    counts = [6000, 600, 60]
    offsets = log_prior_offsets(counts, 1.0)
    check("log prior offsets", all(close(a, math.log(n / 6660), 1e-12) for a, n in zip(offsets, counts)))
    head = nn.Linear(4, 3)
    features = torch.randn(5, 4)
    adjusted = head(features) - torch.tensor(offsets)
    with torch.no_grad():
        head.bias -= torch.tensor(offsets)
    check("post-hoc = bias shift", torch.allclose(adjusted, head(features), atol=1e-6))
    # Arg-max flips toward the tail as the hand example says: z = (1, 0, 0) -> adjusted favours class 2.
    z = torch.tensor([[1.0, 0.0, 0.0]])
    check("post-hoc hand example", int((z - torch.tensor(offsets)).argmax()) == 2)

    # Mixup: lam CE(a) + (1 - lam) CE(b) equals the per-sample mean of the two shares (MixedLabels).
    lam = 0.3
    perm = torch.tensor([1, 0])
    mixed = lam * F.cross_entropy(logits, labels) + (1 - lam) * F.cross_entropy(logits, labels[perm])
    manual = sum(lam * per_sample[i] + (1 - lam) * -math.log(
        math.exp(logits[i, labels[perm][i]]) / sum(math.exp(v) for v in logits[i].tolist())) for i in range(2)) / 2
    check("mixup loss", close(mixed.item(), manual, 1e-5))

    # Network: tailbench's resnet8 on Fashion-MNIST has 75,002 trainable parameters (result JSONs).
    torch.manual_seed(1)
    net = CifarResNet(8, 10, 1)
    count = sum(p.numel() for p in net.parameters() if p.requires_grad)
    check("resnet8 parameters", count == 75002, str(count))
    check("resnet8 output", tuple(net(torch.randn(2, 1, 28, 28)).shape) == (2, 10))
    check("linear bias nn.Linear default", 0 < float(net.linear.bias.abs().max()) <= 0.125)
    conv = net.layers[2].conv2.weight
    std_ratio = float(conv.std()) / math.sqrt(2.0 / (64 * 9))
    check("Kaiming normal fan-in", 0.97 < std_ratio < 1.03, f"std / sqrt(2 / fan_in) = {std_ratio:.3f}")
    # The head keeps nn.Linear's own U(+-1/sqrt(64)), as BagofTricks-LT's (built outside the backbone).
    check("linear head nn.Linear default", float(net.linear.weight.abs().max()) <= 0.125
          and 0.85 < float(net.linear.weight.std()) / (0.125 / math.sqrt(3)) < 1.15)
    x = torch.randn(1, 16, 28, 28)
    short = option_a_shortcut(x, 32)
    check("option-A shortcut", tuple(short.shape) == (1, 32, 14, 14) and float(short[:, :8].abs().max()) == 0.0
          and torch.equal(short[:, 8:24], x[:, :, ::2, ::2]) and float(short[:, 24:].abs().max()) == 0.0)

    # Augmentation: offsets in [0, 8], crop then mirror; pad value is raw 0.
    raw = torch.randint(1, 256, (64, 1, 28, 28), dtype=torch.uint8)
    torch.manual_seed(5)
    out = augment(raw, 4)
    torch.manual_seed(5)
    dy = torch.randint(0, 9, (64,))
    dx = torch.randint(0, 9, (64,))
    flip = torch.rand(64) < 0.5
    ok = True
    for i in range(64):
        padded = F.pad(raw[i], (4, 4, 4, 4))
        crop = padded[:, dy[i]:dy[i] + 28, dx[i]:dx[i] + 28]
        if flip[i]:
            crop = torch.flip(crop, dims=[2])
        ok &= torch.equal(out[i], crop)
    check("random crop + flip", ok)
    mean, std = torch.tensor([0.2860]).view(1, 1, 1, 1), torch.tensor([0.3530]).view(1, 1, 1, 1)
    zero = normalise(torch.zeros(1, 1, 1, 1, dtype=torch.uint8), mean, std)
    check("pad value = (0 - mean) / std", close(float(zero), -0.2860 / 0.3530, 1e-6))

    # Class-balanced sampler: N draws, about N / C per class, only the class's own images.
    labels_np = np.repeat(np.arange(4), [1000, 100, 10, 1])
    sampler = ClassBalancedSampler(labels_np, 4)
    drawn = sampler.epoch()
    share = np.bincount(labels_np[drawn.numpy()], minlength=4) / len(drawn)
    check("class-balanced sampler", len(drawn) == len(labels_np) and np.all(np.abs(share - 0.25) < 0.05),
          f"length {len(drawn)}, shares {np.round(share, 3).tolist()}")

    # IDX reader: round trip and clear errors.
    with tempfile.TemporaryDirectory() as tmp:
        images = np.arange(2 * 28 * 28, dtype=np.uint8).reshape(2, 1, 28, 28) % 251
        with gzip.open(os.path.join(tmp, "train-images-idx3-ubyte.gz"), "wb") as f:
            f.write(struct.pack(">iiii", IMAGE_MAGIC, 2, 28, 28) + images.tobytes())
        with open(os.path.join(tmp, "train-labels-idx1-ubyte"), "wb") as f:
            f.write(struct.pack(">ii", LABEL_MAGIC, 2) + bytes([3, 7]))
        got_images, got_labels = load_split(tmp, "train")
        check("IDX round trip (gz + plain)", np.array_equal(got_images, images) and got_labels.tolist() == [3, 7])
        with open(os.path.join(tmp, "train-labels-idx1-ubyte"), "wb") as f:
            f.write(struct.pack(">ii", IMAGE_MAGIC, 2) + bytes([3, 7]))
        try:
            load_split(tmp, "train")
            check("IDX bad magic refused", False)
        except DataError as e:
            check("IDX bad magic refused", "train-labels-idx1-ubyte" in str(e), str(e))

    print(f"{len(failures)} failure(s)" if failures else "all checks passed")
    return 1 if failures else 0


# ----------------------------------------------------------------------------- main


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--subset")
    p.add_argument("--data-dir")
    p.add_argument("--recipe", choices=RECIPES)
    p.add_argument("--seed", type=int)
    p.add_argument("--out")
    p.add_argument("--backbone", default="resnet8", choices=sorted(BACKBONE_DEPTHS))
    p.add_argument("--epochs", type=int, default=10)
    p.add_argument("--batch-size", type=int, default=128)
    p.add_argument("--lr", type=float, default=0.1)
    p.add_argument("--momentum", type=float, default=0.9)
    p.add_argument("--warmup-epochs", type=int, default=2)
    p.add_argument("--warmup-start-factor", type=float, default=1.0 / 3.0)
    p.add_argument("--milestones", type=int, nargs="*", default=[9, 10], help="1-based epochs from which lr *= lr-decay")
    p.add_argument("--lr-decay", type=float, default=0.01)
    p.add_argument("--weight-decay", type=float, default=2e-4)
    p.add_argument("--deferral-epoch", type=int, default=8, help="0-based first epoch of the DRW / DRS stage")
    p.add_argument("--fine-tune-epochs", type=int, default=1,
                   help="last epochs of inputMixupFineTune without mixup (when --fine-tune-stage is 0)")
    p.add_argument("--fine-tune-stage", type=int, default=1,
                   help="epochs of the fine-tuning stage after the run (BagofTricks-LT's third stage); 0: the in-run form")
    p.add_argument("--fine-tune-lr", type=float, default=0.001)
    p.add_argument("--mixup-alpha", type=float, default=1.0)
    p.add_argument("--mixup-form", choices=("reference", "tailbench"), default="reference")
    p.add_argument("--tau", type=float, default=1.0)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--self-check", action="store_true", help="run the formula self-checks and exit")
    p.add_argument("--make-dev-subset", metavar="OUT.json", help="write a long-tailed subset JSON and exit")
    p.add_argument("--imbalance", type=float, default=100.0)
    p.add_argument("--subset-seed", type=int, default=0)
    args = p.parse_args(argv)

    if args.self_check:
        return self_check()
    try:
        if args.make_dev_subset:
            if not args.data_dir:
                p.error("--make-dev-subset needs --data-dir")
            make_dev_subset(args.make_dev_subset, args.data_dir, args.imbalance, args.subset_seed)
            return 0
        missing = [f"--{k.replace('_', '-')}" for k in ("subset", "data_dir", "recipe", "seed", "out")
                   if getattr(args, k) is None]
        if missing:
            p.error("missing " + ", ".join(missing))
        if args.epochs < 1 or args.batch_size < 1 or args.threads < 1:
            p.error("--epochs, --batch-size and --threads must be >= 1")
        if not 0 <= args.fine_tune_epochs <= args.epochs:
            p.error(f"--fine-tune-epochs must be in [0, {args.epochs}]")
        if args.recipe in ("drwCostSensitive", "drsClassBalanced") and not 1 <= args.deferral_epoch < args.epochs:
            log(f"warning: --deferral-epoch {args.deferral_epoch} is outside [1, {args.epochs}): "
                f"the deferred stage {'never starts' if args.deferral_epoch >= args.epochs else 'covers every epoch'}")
        train(args)
        return 0
    except DataError as e:
        log(f"twin.py: {e}")
        return 2


if __name__ == "__main__":
    sys.exit(main())
