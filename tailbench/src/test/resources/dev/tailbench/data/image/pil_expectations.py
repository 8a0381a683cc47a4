#!/usr/bin/python3
"""Writes pil_expectations.json: what Pillow and torchvision compute for a small test image, which
PilResampleTest, PilEnhanceTest and PaperTransformsTest compare tailbench's Java operations with.
It also writes the image files ImageDecoderTest decodes (photo.jpg, grey.jpg, cmyk.jpg,
alpha.png, photo.png). Regenerate (Debian: apt-get install python3-pil python3-torchvision), in
this directory, with
  /usr/bin/python3 pil_expectations.py > pil_expectations.json
"""
import json

import PIL
import torch
import torchvision
import torchvision.transforms.functional as F
from PIL import Image, ImageEnhance


def test_image(width, height):
    """A deterministic RGB image with every channel varying (same formula as the Java tests)."""
    data = bytes(((x * 37 + y * 59 + c * 101) * 7 + x * y) % 256
                 for y in range(height) for x in range(width) for c in range(3))
    return Image.frombytes("RGB", (width, height), data)


def pixels(image):
    return list(image.tobytes())


image = test_image(17, 11)
out = {"pillow": PIL.__version__, "torchvision": torchvision.__version__, "width": 17, "height": 11,
       "source": pixels(image), "resize": [], "enhance": [], "transforms": {}}
for w, h in ((7, 5), (23, 13), (17, 4), (5, 11), (1, 1), (16, 10), (34, 22)):
    out["resize"].append({"width": w, "height": h, "pixels": pixels(image.resize((w, h), Image.BILINEAR))})
for kind, cls in (("brightness", ImageEnhance.Brightness), ("contrast", ImageEnhance.Contrast),
                  ("saturation", ImageEnhance.Color)):
    for factor in (0.0, 0.6, 1.0, 1.4):
        out["enhance"].append({"kind": kind, "factor": factor, "pixels": pixels(cls(image).enhance(factor))})
# Evaluation transform at a small scale: Resize(8) then CenterCrop(7), then ToTensor + Normalize.
resized = F.resize(image, 8)
cropped = F.center_crop(resized, 7)
mean, std = [0.485, 0.456, 0.406], [0.229, 0.224, 0.225]
tensor = F.normalize(F.to_tensor(cropped), mean, std)
out["transforms"] = {"resize": 8, "crop": 7, "resized_width": resized.size[0], "resized_height": resized.size[1],
                     "cropped": pixels(cropped), "mean": mean, "std": std,
                     "normalised": [float(v) for v in tensor.flatten()]}
# RandomResizedCrop's fallback (a ratio beyond 4/3 with scale 1 never fits): the central crop.
tall = test_image(5, 40)
params = torchvision.transforms.RandomResizedCrop.get_params(tall, scale=(1.0, 1.0), ratio=(0.75, 4 / 3))
out["fallback"] = {"width": 5, "height": 40, "top": params[0], "left": params[1], "crop_height": params[2],
                   "crop_width": params[3]}
# Decoding: files in the formats a data set holds, and the pixels Pillow decodes from them
# (PIL's convert("RGB"), as torchvision's default loader does).
decoded = {}
photo = test_image(40, 30)
for name, save in (("photo.jpg", lambda p: photo.save(p, quality=90)),
                   ("grey.jpg", lambda p: photo.convert("L").save(p, quality=90)),
                   ("cmyk.jpg", lambda p: photo.convert("CMYK").save(p, quality=90)),
                   ("alpha.png", lambda p: photo.convert("RGBA").save(p)),
                   ("photo.png", lambda p: photo.save(p))):
    save(name)
    with Image.open(name) as opened:
        rgb = opened.convert("RGB")
        decoded[name] = {"width": rgb.size[0], "height": rgb.size[1], "pixels": pixels(rgb)}
out["decoded"] = decoded
print(json.dumps(out))
