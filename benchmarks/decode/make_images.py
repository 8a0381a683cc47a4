#!/usr/bin/python3
"""Writes N JPEG files of ImageNet's typical size (500x375, quality 90) for the decode benchmark:
smooth colour gradients and waves plus noise, so that the files have photo-like entropy (pure
noise decodes slower than photos, flat colour faster). Usage: make_images.py DIR [N=256]"""
import os
import sys

import numpy as np
from PIL import Image


def main():
    out = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 256
    os.makedirs(out, exist_ok=True)
    rng = np.random.default_rng(1)
    y, x = np.mgrid[0:375, 0:500].astype(np.float32)
    for i in range(n):
        fx, fy, phase = rng.uniform(0.005, 0.05, 2).tolist() + [rng.uniform(0, 6.28)]
        channels = []
        for c in range(3):
            wave = np.sin(x * fx * (c + 1) + phase) * np.cos(y * fy + c) * 80
            gradient = (x / 500 * rng.uniform(-60, 60)) + (y / 375 * rng.uniform(-60, 60))
            noise = rng.normal(0, 12, x.shape)
            channels.append(np.clip(128 + wave + gradient + noise, 0, 255))
        image = Image.fromarray(np.stack(channels, axis=2).astype(np.uint8), "RGB")
        image.save(os.path.join(out, f"img_{i:05d}.JPEG"), quality=90)


if __name__ == "__main__":
    main()
