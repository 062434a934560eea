#!/usr/bin/env python3
"""Renders the labelled-part images the Vision tests and `make bench-vision` read, with their ground truth.

Usage: render_labels.py OUTDIR
Deterministic: a fixed seed, Debian's DejaVu fonts (fonts-dejavu-core/-extra) and Pillow (python3-pil); the same
packages give the same bytes. Each image is one part label (part number and batch code on two lines) on a grey tray.
Subsets: clean (upright, sharp), rotated (up to +-10 degrees), blurred, noisy. OUTDIR/truth.tsv lists
file, subset and the label's lines (top to bottom), tab-separated.
"""
import os
import random
import sys

from PIL import Image, ImageDraw, ImageFilter, ImageFont

SEED = 20261126
WIDTH, HEIGHT = 480, 320
FONT_DIR = "/usr/share/fonts/truetype/dejavu"
FONTS = [
    "DejaVuSans.ttf",
    "DejaVuSans-Bold.ttf",
    "DejaVuSansMono.ttf",
    "DejaVuSansMono-Bold.ttf",
    "DejaVuSerif.ttf",
    "DejaVuSansCondensed-Bold.ttf",
]
# Codes avoid O and I (read as 0 and 1 by people too): a first rendering with "LOT" read as "L0T" on 7 of 24 clean images.
LETTERS = "ABCDEFGHJKLMNPRSTUVWXYZ"
DIGITS = "0123456789"
SUBSETS = [("clean", 24), ("rotated", 12), ("blurred", 12), ("noisy", 12)]


def part_number(rng):
    return "PN-%s%s%s-%s%s" % (
        "".join(rng.choice(DIGITS) for _ in range(2)),
        "".join(rng.choice(DIGITS) for _ in range(2)),
        rng.choice(LETTERS),
        rng.choice(LETTERS),
        rng.choice(DIGITS),
    )


def lot_code(rng):
    return "BATCH %s%s%s%s" % (
        "".join(rng.choice(DIGITS) for _ in range(2)),
        rng.choice(LETTERS),
        "".join(rng.choice(DIGITS) for _ in range(3)),
        rng.choice(LETTERS),
    )


def render(rng, subset):
    lines = [part_number(rng), lot_code(rng)]
    font = ImageFont.truetype(os.path.join(FONT_DIR, rng.choice(FONTS)), rng.choice([26, 30, 34, 38]))
    tray = rng.randint(70, 130)
    image = Image.new("L", (WIDTH, HEIGHT), tray)
    draw = ImageDraw.Draw(image)
    boxes = [draw.textbbox((0, 0), line, font=font) for line in lines]
    text_w = max(b[2] - b[0] for b in boxes)
    line_h = max(b[3] - b[1] for b in boxes)
    gap = line_h // 2
    pad = 18
    label_w, label_h = text_w + 2 * pad, 2 * line_h + gap + 2 * pad
    left = rng.randint(20, max(20, WIDTH - label_w - 20))
    top = rng.randint(20, max(20, HEIGHT - label_h - 20))
    paper = rng.randint(215, 250)
    draw.rectangle([left, top, left + label_w, top + label_h], fill=paper)
    ink = rng.randint(0, 40)
    y = top + pad
    for line, box in zip(lines, boxes):
        draw.text((left + pad - box[0], y - box[1]), line, font=font, fill=ink)
        y += line_h + gap
    if subset == "rotated":
        angle = rng.choice([-1, 1]) * rng.uniform(3.0, 10.0)
        image = image.rotate(angle, resample=Image.BICUBIC, fillcolor=tray)
    elif subset == "blurred":
        image = image.filter(ImageFilter.GaussianBlur(rng.uniform(1.0, 1.6)))
    elif subset == "noisy":
        # Pillow's own noise draws from C's rand(); this one comes from the seeded generator.
        sigma = rng.uniform(10.0, 18.0)
        pixels = image.tobytes()
        image = Image.frombytes("L", image.size, bytes(max(0, min(255, int(p + rng.gauss(0.0, sigma)))) for p in pixels))
    return image, lines


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    rng = random.Random(SEED)
    rows = []
    for subset, count in SUBSETS:
        for i in range(count):
            image, lines = render(rng, subset)
            name = "%s-%02d.png" % (subset, i)
            image.save(os.path.join(out, name), optimize=True)
            rows.append("\t".join([name, subset] + lines))
    with open(os.path.join(out, "truth.tsv"), "w", encoding="utf-8") as f:
        f.write("# file\tsubset\tlines (top to bottom)\n")
        f.write("\n".join(rows) + "\n")


if __name__ == "__main__":
    main()
