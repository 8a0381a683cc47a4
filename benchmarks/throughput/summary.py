#!/usr/bin/python3
"""Summarises run.sh's raw lines: per workload and size, each mode's median training images/s,
run wall time and peak memory, and tailbench's ratios to PyTorch's best configuration
(channels-last), overall (median against median) and paired within each round.

Usage: summary.py results/<timestamp>.jsonl
"""
import json
import statistics
import sys

BEST = "pytorch-channels-last"
rows = [json.loads(line) for line in open(sys.argv[1]) if line.strip()]
modes = [m for m in ("tailbench", BEST, "pytorch-contiguous", "djl-bare") if any(r["mode"] == m for r in rows)]
groups = []
for r in rows:
    key = (r["workload"], r["size"])
    if key not in groups:
        groups.append(key)


def pick(workload, size, mode):
    return [r for r in rows if r["workload"] == workload and r["size"] == size and r["mode"] == mode]


def med(items, key):
    values = [r[key] for r in items if key in r]
    return statistics.median(values) if values else float("nan")


for workload, size in groups:
    tb = pick(workload, size, "tailbench")
    counts = {r["images_per_epoch"] for r in rows if r["workload"] == workload and r["size"] == size}
    print(f"\n{workload} {size}: {sorted(counts)} training images per epoch"
          + ("  ** the modes trained different numbers of images **" if len(counts) > 1 else ""))
    print(f"  {'mode':<22} {'runs':>4} {'images/s':>9} {'min..max':>17} {'run s':>7} {'eval s/epoch':>12} {'peak MB':>8}")
    for mode in modes:
        items = pick(workload, size, mode)
        if not items:
            continue
        rates = [r["images_per_s"] for r in items]
        evals = [statistics.mean(r["eval_s"]) for r in items if "eval_s" in r]
        evals = statistics.median(evals) if evals else float("nan")
        print(f"  {mode:<22} {len(items):>4} {statistics.median(rates):>9.1f} {min(rates):>8.1f}..{max(rates):<8.1f}"
              f" {med(items, 'run_s'):>7.1f} {evals:>12.2f} {med(items, 'peak_rss_mb'):>8.0f}")
    best = pick(workload, size, BEST)
    if tb and best:
        paired = []
        for r in tb:
            peer = [p for p in best if p["round"] == r["round"]]
            if peer:
                paired.append(r["images_per_s"] / peer[0]["images_per_s"])
        print(f"  tailbench / {BEST}: speed {med(tb, 'images_per_s') / med(best, 'images_per_s'):.3f}"
              f" (paired by round {', '.join(f'{p:.3f}' for p in paired)}),"
              f" run wall time {med(tb, 'run_s') / med(best, 'run_s'):.3f},"
              f" peak memory {med(tb, 'peak_rss_mb') / med(best, 'peak_rss_mb'):.2f}")
        print(f"  tailbench resident MB after each epoch, per run: {[r['rss_after_epoch_mb'] for r in tb]}")
    bare = pick(workload, size, "djl-bare")
    if tb and bare:
        print(f"  tailbench / djl-bare (the trainer around the bare DJL step): speed"
              f" {med(tb, 'images_per_s') / med(bare, 'images_per_s'):.3f}")
