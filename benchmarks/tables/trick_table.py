#!/usr/bin/env python3
"""Aggregates tailbench result files into a markdown table: one row per experiment and
combination, mean and spread of the top-1 error over seeds, next to the published figures the
combination carries (@PaperResult, kept in each result's budget.paper).

Usage: benchmarks/tables/trick_table.py RESULTS_DIR [--title T] [--baseline E.c] [--same-as E.c=F.d ...] > table.md
RESULTS_DIR is tailbench.results.dir (default target/tailbench/results).
--baseline names the row every other row is compared with, seed by seed (paired difference of the
last-epoch error, mean over the seeds both have). --same-as reports row E.c with the runs of row
F.d, for rows whose recipe and schedule are identical (the runner skips one of them); its published
figures are still its own, read from its @PaperRow annotations in the table class's source."""
import argparse
import json
import pathlib
import re
import statistics
import sys

REPOSITORY = pathlib.Path(__file__).resolve().parents[2]
TABLES = REPOSITORY / "benchmarks/src/test/java/dev/tailbench/benchmarks/paper"
PAPER_ROWS = REPOSITORY / "reports/paper-tables/bag-of-tricks.json"


def published(result, variant, imbalance):
    for check in (result.get("budget") or {}).get("paper") or []:
        figure = check["figure"]
        if f"on cifar-10 {variant} IF {imbalance}," in figure:
            return check["error"]
    return None


def declared_checks(experiment, combination):
    """The CIFAR-10 figures a table row references with @PaperRow, shaped like a result's budget.paper
    entries: for a row reported with another row's runs, whose result files carry that row's figures."""
    source = (TABLES / f"{experiment}.java").read_text()
    method = re.search(r"((?:\s*@\w+(?:\([^)]*\))?)*)\s*public Recipe " + re.escape(combination) + r"\(\)", source)
    if method is None:
        sys.exit(f"no combination {combination}() in {TABLES / (experiment + '.java')}")
    rows = {row["id"]: row for row in json.loads(PAPER_ROWS.read_text())["rows"]}
    checks = []
    for row_id in re.findall(r'@PaperRow\("([^"]+)"\)', method.group(1)):
        row = rows[row_id]
        for cell in row["errors"]:
            if cell["dataset"] == "cifar-10":
                checks.append({"figure": f"{cell['error']:.2f}% on cifar-10 {row['variant']} IF {cell['imbalance']}, "
                                         f"{row['backbone']}, {row['epochs']} epochs [{row_id}]",
                               "error": cell["error"]})
    return checks


def published_by_authors(result):
    """Figures published under the authors' own protocol (variant authors), e.g. '17.80 (IF 200)'."""
    cells = []
    for check in (result.get("budget") or {}).get("paper") or []:
        figure = check["figure"]
        if " on cifar-10 authors IF " in figure:
            imbalance = figure.split(" IF ", 1)[1].split(",", 1)[0]
            cells.append(f"{check['error']:.2f} (IF {imbalance})")
    return ", ".join(cells) or "-"


def fmt(values):
    if not values:
        return "-"
    mean = statistics.fmean(values)
    if len(values) == 1:
        return f"{mean:.2f}"  # one seed: no spread to report
    return f"{mean:.2f} ± {statistics.stdev(values):.2f}"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("results")
    parser.add_argument("--title", default="Trick table")
    parser.add_argument("--baseline", default="ReweightingTable.crossEntropy")
    parser.add_argument("--same-as", action="append", default=[], metavar="E.c=F.d")
    args = parser.parse_args()
    rows = {}
    for path in sorted(pathlib.Path(args.results).glob("*/*/seed-*.json")):
        result = json.loads(path.read_text())
        if result.get("top1Error") is None:
            print(f"skipping {path}: no finished epoch", file=sys.stderr)
            continue
        key = (result["experiment"], result["combination"])
        rows.setdefault(key, []).append(result)
    if not rows:
        sys.exit(f"no results under {args.results}")
    aliases = {}
    for alias in args.same_as:
        row, _, source = alias.partition("=")
        aliases[tuple(row.split(".", 1))] = tuple(source.split(".", 1))
    for row, source in aliases.items():
        if source in rows and row not in rows:
            # the source's runs, under this row's own published figures
            checks = declared_checks(*row)
            rows[row] = [dict(r, budget={"paper": checks}) for r in rows[source]]
    baseline = {r["seed"]: r["top1Error"]["last"] for r in rows.get(tuple(args.baseline.split(".", 1)), [])}
    first = next(iter(rows.values()))[0]
    print(f"# {args.title}\n")
    # The result records the data directory as the run saw it; the table names only its last part,
    # so that no machine's path ends up in a report.
    data_source = first['dataset']['source']
    data_source = data_source if data_source.startswith("embedded") else f"<data dir>/{pathlib.Path(data_source).name}"
    print(f"Data: {first['dataset']['name']} ({data_source}), imbalance {first['dataset']['imbalance']:g}, "
          f"{first['dataset']['trainSize']} training images; backbone {first['backbone']}; "
          f"device {first['device']['used']} ({first['device']['description']}); "
          f"tailbench {first['versions']['tailbench']}, DJL {first['versions']['djl']}, libtorch {first['versions']['engine']}.\n")
    print("Errors are top-1 % on the balanced test set, mean ± sample standard deviation over seeds. "
          "Validation-selected: the test error at the epoch the held-out validation images select; best-on-test: the "
          "lowest test error over the epochs (the papers' figure, which peeks at the test set). "
          "Published figures are CIFAR-10-LT (ResNet-32, 200 or 400 epochs), best epoch, for comparison only; "
          "the last column holds figures published under their authors' own data and schedule "
          "(reports/paper-tables/beyond-the-bag.json).\n")
    print(f"Δ is the paired difference of the last-epoch error from {args.baseline}, same seed, mean over common seeds "
          "(negative: fewer errors), with its 95% Student-t interval when there are several seeds; an interval that "
          "excludes 0 is marked *.\n")
    print("| experiment | combination | epochs | seeds | last-epoch error | Δ | validation-selected error | best-on-test error | few-shot acc. | published cui IF100 | published cao IF100 | published, authors' protocol |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for (experiment, combination), results in sorted(rows.items()):
        seeds = sorted(r["seed"] for r in results)
        last = [r["top1Error"]["last"] for r in results]
        # "bestOnTest" since 2026-12-07, "best" in files written before
        best = [r["top1Error"].get("bestOnTest", r["top1Error"].get("best")) for r in results]
        # The test error at the epoch the validation split selects; absent before 2026-12-07.
        selected = [r["top1Error"]["validationSelected"] for r in results
                    if r["top1Error"].get("validationSelected") is not None]
        few = [r["shots"]["few"] for r in results if r.get("shots") and r["shots"].get("few") is not None]
        cui = published(results[0], "cui", 100)
        cao = published(results[0], "cao", 100)
        paired = [r["top1Error"]["last"] - baseline[r["seed"]] for r in results if r["seed"] in baseline]
        same_as_baseline = f"{experiment}.{combination}" == args.baseline or \
            ".".join(aliases.get((experiment, combination), ())) == args.baseline
        delta = "-" if not paired or same_as_baseline else difference(paired)
        name = combination
        if (experiment, combination) in aliases:
            source = aliases[(experiment, combination)]
            name += f" (runs of {source[0]}.{source[1]})"
        print(f"| {experiment} | {name} | {results[0]['epochs']} | {','.join(map(str, seeds))} | {fmt(last)} | {delta} | "
              f"{fmt(selected) if selected else '-'} | {fmt(best)} | {fmt(few)} | {'-' if cui is None else f'{cui:.2f}'} | {'-' if cao is None else f'{cao:.2f}'} | {published_by_authors(results[0])} |")


# Two-sided 95% quantiles of Student's t for 1 to 10 degrees of freedom.
T975 = [12.7062, 4.3027, 3.1824, 2.7764, 2.5706, 2.4469, 2.3646, 2.3060, 2.2622, 2.2281]


def difference(paired):
    mean = statistics.fmean(paired)
    if len(paired) < 2:
        return f"{mean:+.2f}"
    half = T975[min(len(paired) - 1, len(T975)) - 1] * statistics.stdev(paired) / len(paired) ** 0.5
    mark = "*" if mean + half < 0 or mean - half > 0 else ""
    return f"{mean:+.2f} ({mean - half:+.2f} to {mean + half:+.2f}){mark}"


if __name__ == "__main__":
    main()
