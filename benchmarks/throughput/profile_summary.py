#!/usr/bin/python3
"""Sorts a JFR recording's main-thread samples (jfr print --json, jdk.ExecutionSample and
jdk.NativeMethodSample) into the trainer's parts, weighted by their sampling periods: each sample goes to the part of the innermost
frame on its stack that names one (so backward inside the batch loop counts as backward, not as
the loop). Prints samples and shares per part.

Usage: profile_summary.py samples.json
"""
import collections
import json
import sys

# (part, substrings of "Class.method" frames); the first part whose pattern an inner frame matches.
PARTS = [
    ("augmentation (RandomCropFlip)", ["RandomCropFlip."]),
    ("batch gather (DeviceImages.batch)", ["DeviceImages.batch"]),
    ("optimizer step (NesterovSgd)", ["NesterovSgd."]),
    ("backward", ["GradientCollector.backward"]),
    ("loss read (one float per batch)", ["NDArray.getFloat", "PtNDArray.getFloat"]),
    ("forward + loss", ["BatchObjective.", "NoMixup.", "MixedForward.", "LossFunction."]),
    ("evaluation", ["Evaluation."]),
    ("checkpoint writing", ["PeriodicCheckpoints.", "ResumePoints.", "RunFiles.save", "NetworkBytes."]),
    ("result files", ["RunRecords.", "ResultStore.", "RunReporter.", "SharedEpochSaver."]),
    ("progress lines", ["Progress."]),
    ("sampler", ["tricks.sampling."]),
    ("batch loop (scopes, closing, JNI)", ["BatchLoop.", "EpochLoop."]),
    ("data loading and long-tail draw", ["PreparedData.", "DatasetLoader.", "LongTailSubset.", "IdxReader.",
                                         "CifarBinaryReader."]),
    ("model set-up", ["Training.", "NativeEngine."]),
]


def frames(event):
    stack = event["values"]["stackTrace"]
    if not stack:
        return []
    return [f["method"]["type"]["name"] + "." + f["method"]["name"] for f in stack["frames"]]


def part_of(names):
    for name in names:  # innermost first
        for part, patterns in PARTS:
            if any(p in name for p in patterns):
                return part
    return "other (JVM start, engine load, JIT, GC)"


events = json.load(open(sys.argv[1]))["recording"]["events"]
# The profile settings sample a thread running Java every 10 ms and one in native code every 20 ms,
# so a native sample stands for twice the time.
PERIOD_MS = {"jdk.ExecutionSample": 10, "jdk.NativeMethodSample": 20}
ms = collections.Counter()
samples = 0
for event in events:
    thread = event["values"].get("sampledThread") or {}
    if thread.get("javaName") != "main":
        continue
    samples += 1
    ms[part_of(frames(event))] += PERIOD_MS[event["type"]]
total = sum(ms.values())
print(f"\nmain thread: {samples} samples, about {total / 1000:.1f} s (Java sampled every 10 ms, native every 20 ms)")
for part, t in ms.most_common():
    print(f"  {part:<40} {t / 1000:7.1f} s {100 * t / total:6.1f}%")
