#!/usr/bin/python3
"""The PyTorch peer of DecodeThroughput: a torch DataLoader over the JPEG files with the papers'
loader (PIL open + convert("RGB")) and, in mode "train", their training transform
(RandomResizedCrop(224), RandomHorizontalFlip, ColorJitter(0.4, 0.4, 0.4, 0), ToTensor,
Normalize); mode "decode" stops after convert("RGB") and returns the image's size. Prints one JSON
line: images per second over the whole directory, after one warm-up pass over the first 32 files.
Usage: pytorch_pipeline.py DIR --mode decode|train --workers W [--batch 64]"""
import argparse
import json
import os
import time

import torch
from PIL import Image
from torch.utils.data import DataLoader, Dataset
from torchvision import transforms


class Files(Dataset):
    def __init__(self, files, transform):
        self.files, self.transform = files, transform

    def __len__(self):
        return len(self.files)

    def __getitem__(self, i):
        with open(self.files[i], "rb") as f:
            image = Image.open(f).convert("RGB")
        if self.transform is None:
            return torch.tensor(image.size)
        return self.transform(image)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("dir")
    parser.add_argument("--mode", choices=("decode", "train"), required=True)
    parser.add_argument("--workers", type=int, required=True)
    parser.add_argument("--batch", type=int, default=64)
    args = parser.parse_args()
    torch.set_num_threads(1)
    files = sorted(os.path.join(args.dir, f) for f in os.listdir(args.dir) if f.endswith(".JPEG"))
    transform = None if args.mode == "decode" else transforms.Compose([
        transforms.RandomResizedCrop(224), transforms.RandomHorizontalFlip(),
        transforms.ColorJitter(0.4, 0.4, 0.4, 0), transforms.ToTensor(),
        transforms.Normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225])])
    for _ in DataLoader(Files(files[:32], transform), batch_size=args.batch, num_workers=args.workers):
        pass
    loader = DataLoader(Files(files, transform), batch_size=args.batch, num_workers=args.workers)
    start = time.perf_counter()
    count = 0
    for batch in loader:
        count += batch.shape[0]
    seconds = time.perf_counter() - start
    print(json.dumps({"mode": "pytorch-" + args.mode, "workers": args.workers, "images": count,
                      "images_per_s": round(count / seconds, 1), "seconds": round(seconds, 3),
                      "torch": torch.__version__}), flush=True)


if __name__ == "__main__":
    main()
