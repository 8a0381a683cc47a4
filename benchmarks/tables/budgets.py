#!/usr/bin/env python3
"""Derives regression budgets from measured runs, by the rule the regression reports state.

Usage: benchmarks/tables/budgets.py [--max-floor F] [--margin-floor G] [--baseline NAME] DIR...
Each DIR is a tailbench.results.dir (or a folder below one) holding
<Experiment>/<combination>/seed-<n>.json files; every whole run found is one sample, paired with
the baseline's run of the same seed in the same DIR.

Rule, on the last-epoch error: max = mean + max(3 sd, F), rounded up to half a point. A row whose
paired difference from the baseline has mean + max(3 sd, G) below zero also gets
notWorseThan = baseline with that bound, rounded up to half a point, as its margin.
The embedded regression (reports/fashion-mnist-lt-regression.md) uses F = G = 3; the full-data
regression (TableRegressionBudgetsTest, which checks its budgets itself) F = 1.5, G = 3."""
import argparse
import json
import math
import pathlib
import statistics


def whole(result):
    return (result.get("top1Error") and result["epochsCompleted"] >= result["epochs"]
            and (result.get("verdict") or {}).get("status") != "error")


def half_up(value):
    return math.ceil(value * 2 - 1e-9) / 2


def samples(directories):
    """{combination: {(directory, seed): last error}}"""
    runs = {}
    for directory in directories:
        for file in sorted(pathlib.Path(directory).rglob("seed-*.json")):
            result = json.loads(file.read_text())
            if not whole(result):
                continue
            runs.setdefault(result["combination"], {})[(str(directory), result["seed"])] = result["top1Error"]["last"]
    return runs


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("dirs", nargs="+")
    parser.add_argument("--max-floor", type=float, default=3.0)
    parser.add_argument("--margin-floor", type=float, default=3.0)
    parser.add_argument("--baseline", default="crossEntropy")
    args = parser.parse_args()
    runs = samples(args.dirs)
    if args.baseline not in runs:
        raise SystemExit(f"no runs of the baseline {args.baseline} under {args.dirs}")
    reference = runs[args.baseline]
    print("| combination | errors (by seed) | mean | sd | vs " + args.baseline + " (mean, sd) | budget |")
    print("|---|---|---|---|---|---|")
    for combination, errors in runs.items():
        keys = sorted(errors, key=lambda k: (k[1], k[0]))
        values = [errors[k] for k in keys]
        mean = statistics.mean(values)
        sd = statistics.stdev(values) if len(values) > 1 else float("nan")
        budget = f"max {half_up(mean + max(3 * sd, args.max_floor)):.1f}"
        versus = ""
        if combination != args.baseline:
            differences = [errors[k] - reference[k] for k in keys if k in reference]
            if len(differences) > 1:
                mean_d = statistics.mean(differences)
                sd_d = statistics.stdev(differences)
                versus = f"{mean_d:+.2f}, {sd_d:.2f}"
                bound = mean_d + max(3 * sd_d, args.margin_floor)
                if bound < 0:
                    budget += f"; {args.baseline} {half_up(bound):+.1f}"
        print(f"| {combination} | {' / '.join(f'{v:.2f}' for v in values)} | {mean:.2f} | {sd:.2f} | {versus} | {budget} |")


if __name__ == "__main__":
    main()
