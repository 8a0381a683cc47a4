#!/usr/bin/env python3
"""Side by side, by operator: two autograd-profiler Chrome traces of the same run, tailbench's
trainer (TrainerThroughput tailbench with -Dtailbench.bench.trace, libtorch via DJL) and the
PyTorch peer (pytorch_peer.py --trace). Both runs evaluate after every epoch, so evaluation is in
both; every figure is divided by the number of training steps (milliseconds per step).

Top-level means not nested in another profiled operator: forward ops as the network calls them,
backward ops as the autograd engine evaluates them ("bwd XBackward0"). Forward ops are keyed by
name and first input shape where both traces record shapes (Debian's PyTorch 1.13 writes none,
then by name only). "Between operators" is the main thread's time outside any operator: the
framework around the kernels (Java and JNI, or Python), loops, bookkeeping.

Usage: op_profile_compare.py TRAINER_TRACE PEER_TRACE STEPS [--top N]
"""
import argparse
import collections
import json


def top_level(path):
    """Top-level 'X' operator events of the busiest thread, in time order."""
    with open(path) as f:
        events = json.load(f)
    if isinstance(events, dict):  # newer torch.profiler exports wrap them
        events = events["traceEvents"]
    events = [e for e in events if e.get("ph") == "X" and e.get("cat", "cpu_op") in ("cpu_op", "Operator")]
    if not events:
        raise SystemExit(f"{path}: no operator events")
    main = collections.Counter(e["tid"] for e in events).most_common(1)[0][0]
    events = sorted((e for e in events if e["tid"] == main), key=lambda e: (e["ts"], -e["dur"]))
    out, end = [], float("-inf")
    for e in events:
        if e["ts"] >= end:
            out.append(e)
            end = e["ts"] + e["dur"]
    return out


def shape_of(event):
    dims = event.get("shape") or event.get("args", {}).get("Input Dims")
    if dims and isinstance(dims, list) and dims[0]:
        return "x".join(str(d) for d in dims[0])
    return ""


def key(event, with_shapes):
    name = event["name"].replace("autograd::engine::evaluate_function: ", "bwd ")
    if name.startswith("bwd ") or not with_shapes:
        return name
    shape = shape_of(event)
    return f"{name} {shape}" if shape else name


def summarise(events, steps, with_shapes):
    totals, counts = collections.defaultdict(float), collections.Counter()
    for e in events:
        k = key(e, with_shapes)
        totals[k] += e["dur"] / 1000.0 / steps
        counts[k] += 1
    span = (events[-1]["ts"] + events[-1]["dur"] - events[0]["ts"]) / 1000.0 / steps
    return totals, counts, span


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("trainer")
    parser.add_argument("peer")
    parser.add_argument("steps", type=int, help="training steps of each run (epochs x full batches)")
    parser.add_argument("--top", type=int, default=30)
    args = parser.parse_args()
    a, b = top_level(args.trainer), top_level(args.peer)
    with_shapes = any(shape_of(e) for e in a) and any(shape_of(e) for e in b)
    ta, na, span_a = summarise(a, args.steps, with_shapes)
    tb, nb, span_b = summarise(b, args.steps, with_shapes)
    keys = sorted(set(ta) | set(tb), key=lambda k: -max(ta.get(k, 0), tb.get(k, 0)))
    print(f"ms per training step ({args.steps} steps; evaluation included)")
    print(f"{'top-level operator':52} {'tailbench':>9} {'calls':>6} {'PyTorch':>9} {'calls':>6} {'diff':>8}")
    for k in keys[:args.top]:
        x, y = ta.get(k, 0.0), tb.get(k, 0.0)
        print(f"{k[:52]:52} {x:9.3f} {na[k] / args.steps:6.1f} {y:9.3f} {nb[k] / args.steps:6.1f} {x - y:+8.3f}")
    rest_a = sum(ta[k] for k in keys[args.top:] if k in ta)
    rest_b = sum(tb[k] for k in keys[args.top:] if k in tb)
    print(f"{'the other operators':52} {rest_a:9.3f} {'':6} {rest_b:9.3f} {'':6} {rest_a - rest_b:+8.3f}")

    def line(label, x, y):
        print(f"{label:52} {x:9.3f} {'':6} {y:9.3f} {'':6} {x - y:+8.3f}")

    fwd = lambda t: sum(v for k, v in t.items() if not k.startswith("bwd "))
    bwd = lambda t: sum(v for k, v in t.items() if k.startswith("bwd "))
    line("sum: forward, loss, optimizer, evaluation", fwd(ta), fwd(tb))
    line("sum: backward", bwd(ta), bwd(tb))
    line("sum: all operators", fwd(ta) + bwd(ta), fwd(tb) + bwd(tb))
    line("between operators (framework, loop, bookkeeping)", span_a - fwd(ta) - bwd(ta), span_b - fwd(tb) - bwd(tb))
    line("first to last operator", span_a, span_b)
    print(f"{'top-level operator calls per step':52} {len(a) / args.steps:9.1f} {'':6} {len(b) / args.steps:9.1f}")


if __name__ == "__main__":
    main()
