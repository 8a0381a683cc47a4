#!/usr/bin/env python3
"""Compares tailbench's results with the PyTorch twin's (benchmarks/twin/twin.py) recipe by recipe.

Usage: twin_table.py TAILBENCH_RESULTS_DIR TWIN_RESULTS_DIR [--experiment NAME] [--baseline crossEntropy]
                     [--threshold 1.0] [--map TAILBENCH_NAME=TWIN_NAME ...] > table.md

TAILBENCH_RESULTS_DIR is searched recursively for tailbench result files (schema
"tailbench-result/..."): the combination and seed are read from "combination" and "seed", the
error is "top1Error.last" (the last curve point's test error: for post-hoc logit adjustment the
adjusted network's). TWIN_RESULTS_DIR is searched recursively for twin.py's files ("side":
"pytorch"; "recipe", "seed", "lastError"). Runs that did not finish are left out with a warning.

Per recipe the table gives each side's mean error +- sample sd over its seeds, each side's paired
difference from the baseline (same side, same seed; mean +- sd over the seeds that have both),
the effect gap (tailbench's mean difference minus the twin's) and the error gap (tailbench's mean
error minus the twin's), each with a standard error sqrt(sd_a^2 / n_a + sd_b^2 / n_b) where both
sides have two seeds or more, and whether |effect gap| <= --threshold. Standard library only.
"""
import argparse
import json
import math
import os
import statistics
import sys

RECIPES = ("crossEntropy", "balancedSoftmax", "drwCostSensitive", "drsClassBalanced", "posthocLogitAdjustment",
           "inputMixupFineTune")


def warn(message):
    print(f"twin_table.py: {message}", file=sys.stderr)


def json_files(root):
    if not os.path.isdir(root):
        sys.exit(f"twin_table.py: {root} is not a directory")
    for directory, _, names in sorted(os.walk(root)):
        for name in sorted(names):
            if name.endswith(".json"):
                path = os.path.join(directory, name)
                try:
                    with open(path) as f:
                        yield path, json.load(f)
                except (OSError, ValueError) as e:
                    warn(f"skipped {path}: {e}")


def tailbench_runs(root, experiment, names, wanted):
    runs, origin, settings = {}, {}, set()
    for path, data in json_files(root):
        if not isinstance(data, dict) or not str(data.get("schema", "")).startswith("tailbench-result"):
            continue
        if experiment and data.get("experiment") != experiment:
            continue
        combination = names.get(data.get("combination"), data.get("combination"))
        if combination not in wanted:
            continue
        seed = data.get("seed")
        top1 = data.get("top1Error") or {}
        error = top1.get("last")
        if error is None and data.get("curve"):
            error = data["curve"][-1].get("testError")
        verdict = (data.get("verdict") or {}).get("status")
        if error is None or verdict == "error" or (data.get("epochsCompleted") or 0) < (data.get("epochs") or 0):
            warn(f"skipped unfinished tailbench run {path} (verdict {verdict}, "
                 f"{data.get('epochsCompleted')} of {data.get('epochs')} epochs)")
            continue
        key = (combination, seed)
        if key in runs:
            if origin[key][0] != data.get("experiment"):
                sys.exit(f"twin_table.py: {combination} seed {seed} is in two experiments ({origin[key][0]}: "
                         f"{origin[key][1]}, {data.get('experiment')}: {path}); choose one with --experiment")
            warn(f"{combination} seed {seed}: {path} repeats {origin[key][1]}; kept the first")
            continue
        runs[key] = float(error)
        origin[key] = (data.get("experiment"), path)
        schedule = data.get("schedule") or {}
        device = data.get("device") or {}
        settings.add((data.get("experiment"), schedule.get("epochs"), tuple(schedule.get("milestones") or ()),
                      schedule.get("warmupEpochs"), (data.get("versions") or {}).get("engine"), device.get("threads")))
    return runs, settings


def twin_runs(root):
    runs, origin, settings = {}, {}, set()
    for path, data in json_files(root):
        if not isinstance(data, dict) or data.get("side") != "pytorch":
            continue
        key = (data.get("recipe"), data.get("seed"))
        if data.get("lastError") is None:
            warn(f"skipped twin file without lastError: {path}")
            continue
        if key in runs:
            warn(f"{key[0]} seed {key[1]}: {path} repeats {origin[key]}; kept the first")
            continue
        runs[key] = float(data["lastError"])
        origin[key] = path
        protocol = data.get("protocol") or {}
        settings.add((data.get("epochs"), tuple(protocol.get("milestones") or ()), protocol.get("warmupEpochs"),
                      data.get("torchVersion"), data.get("threads")))
    return runs, settings


def by_recipe(runs):
    table = {}
    for (recipe, seed), error in runs.items():
        table.setdefault(recipe, {})[seed] = error
    return table


def summary(values):
    """(mean, sd or None, n) of a list, None for an empty one."""
    if not values:
        return None
    sd = statistics.stdev(values) if len(values) > 1 else None
    return statistics.fmean(values), sd, len(values)


def show(stats, signed=False):
    if stats is None:
        return "—"
    mean, sd, n = stats
    text = f"{mean:+.2f}" if signed else f"{mean:.2f}"
    return f"{text} ± {sd:.2f} (n={n})" if sd is not None else f"{text} (n={n})"


def paired(errors, baseline):
    seeds = sorted(set(errors) & set(baseline))
    return summary([errors[s] - baseline[s] for s in seeds])


def gap(a, b):
    """(a mean - b mean, standard error or None), None if either side is missing."""
    if a is None or b is None:
        return None
    se = math.sqrt(a[1] ** 2 / a[2] + b[1] ** 2 / b[2]) if a[1] is not None and b[1] is not None else None
    return a[0] - b[0], se


def show_gap(g):
    if g is None:
        return "—"
    return f"{g[0]:+.2f} ± {g[1]:.2f}" if g[1] is not None else f"{g[0]:+.2f}"


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("tailbench_dir")
    p.add_argument("twin_dir")
    p.add_argument("--experiment", help="only tailbench results of this experiment (class simple name)")
    p.add_argument("--baseline", default="crossEntropy")
    p.add_argument("--threshold", type=float, default=1.0, help="largest |effect gap| that counts as agreeing")
    p.add_argument("--map", action="append", default=[], metavar="TAILBENCH=TWIN",
                   help="a tailbench combination name that is a twin recipe under another name")
    args = p.parse_args(argv)
    names = {}
    for entry in args.map:
        if "=" not in entry:
            p.error(f"--map {entry}: expected TAILBENCH_NAME=TWIN_NAME")
        left, right = entry.split("=", 1)
        names[left] = right

    tw_runs, tw_settings = twin_runs(args.twin_dir)
    wanted = set(RECIPES) | {recipe for recipe, _ in tw_runs}
    tb_runs, tb_settings = tailbench_runs(args.tailbench_dir, args.experiment, names, wanted)
    tb, tw = by_recipe(tb_runs), by_recipe(tw_runs)
    recipes = [r for r in RECIPES if r in tb or r in tw]
    recipes += sorted(r for r in set(tb) & set(tw) if r not in RECIPES)
    if not recipes:
        sys.exit("twin_table.py: no results of the twin's recipes on either side")
    tb_base, tw_base = tb.get(args.baseline, {}), tw.get(args.baseline, {})

    print("# tailbench vs PyTorch twin: effect of each recipe (top-1 error %, last epoch)")
    print()
    print(f"tailbench: `{args.tailbench_dir}`" + (f" (experiment {args.experiment})" if args.experiment else "")
          + "; twin: `" + args.twin_dir + "`.")
    for experiment, epochs, milestones, warmup, engine, threads in sorted(tb_settings, key=str):
        print(f"- tailbench {experiment}: {epochs} epochs, milestones {list(milestones)}, warm-up {warmup}, "
              f"{engine}, {threads} thread(s)")
    for epochs, milestones, warmup, torch_version, threads in sorted(tw_settings, key=str):
        print(f"- twin: {epochs} epochs, milestones {list(milestones)}, warm-up {warmup}, torch {torch_version}, "
              f"{threads} thread(s)")
    if len(tb_settings) > 1 or len(tw_settings) > 1:
        print("- **warning: more than one setting on a side; the rows mix them**")
    print()
    print(f"Δ = recipe − {args.baseline}, paired by seed on each side. Effect gap = tailbench Δ − twin Δ; "
          f"error gap = tailbench error − twin error (± standard error). "
          f"Agrees: |effect gap| ≤ {args.threshold:g}.")
    print()
    print("| recipe | tailbench error | twin error | tailbench Δ | twin Δ | effect gap | error gap | agrees |")
    print("|---|---|---|---|---|---|---|---|")
    disagreements = 0
    for recipe in recipes:
        tb_errors, tw_errors = tb.get(recipe, {}), tw.get(recipe, {})
        tb_stats, tw_stats = summary(list(tb_errors.values())), summary(list(tw_errors.values()))
        error_gap = gap(tb_stats, tw_stats)
        if recipe == args.baseline:
            tb_delta = tw_delta = effect = None
            verdict = "baseline"
        else:
            tb_delta, tw_delta = paired(tb_errors, tb_base), paired(tw_errors, tw_base)
            effect = gap(tb_delta, tw_delta)
            if effect is None:
                verdict = "—"
            else:
                agrees = abs(effect[0]) <= args.threshold
                verdict = "yes" if agrees else "**no**"
                disagreements += not agrees
        print(f"| {recipe} | {show(tb_stats)} | {show(tw_stats)} | {show(tb_delta, True)} | {show(tw_delta, True)} | "
              f"{show_gap(effect)} | {show_gap(error_gap)} | {verdict} |")
    print()
    missing = [r for r in RECIPES if r not in tb or r not in tw]
    if missing:
        print(f"Missing on a side: {', '.join(missing)}.")
    print(f"{disagreements} recipe(s) with |effect gap| > {args.threshold:g}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
