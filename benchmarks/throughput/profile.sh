#!/usr/bin/env bash
# Where an epoch's time goes: runs the tailbench mode of the throughput benchmark once under Java
# Flight Recorder (JDK built-in, settings "profile": Java stacks every 10 ms, threads in native
# code every 20 ms) and sorts the main thread's samples into the trainer's parts by the innermost
# trainer frame on the stack (profile_summary.py). Native (libtorch) time is attributed to the
# Java call that entered it, which is what tells the step from the bookkeeping around it.
#
# Usage: benchmarks/throughput/profile.sh [workload=resnet8-fmnist] [size=small] [epochs=12]
#          [--skip-build]
# Writes benchmarks/throughput/results/profile-<workload>-<size>-<timestamp>.txt
set -euo pipefail
WORKLOAD="${1:-resnet8-fmnist}"
SIZE="${2:-small}"
EPOCHS="${3:-12}"
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
JEMALLOC=/usr/lib/x86_64-linux-gnu/libjemalloc.so.2
cd "$ROOT"
source "$HERE/classpath.sh" "$([[ "${4:-}" == --skip-build ]] && echo true || echo false)"
WORK="$(mktemp -d /tmp/tailbench-profile.XXXXXX)"
trap '[[ -n "${KEEP_WORK:-}" ]] || rm -rf "$WORK"' EXIT
export DJL_OFFLINE=true OPT_OUT_TRACKING=true
java -cp "$CP" dev.tailbench.bench.TrainerThroughput write-data "$WORKLOAD" "$SIZE" "$WORK/data" >/dev/null 2>&1
LD_PRELOAD="$JEMALLOC" MALLOC_CONF=dirty_decay_ms:-1,muzzy_decay_ms:-1,narenas:1 \
  java -XX:TieredStopAtLevel=1 -XX:StartFlightRecording=settings=profile,filename="$WORK/run.jfr" \
    -Dai.djl.pytorch.num_threads=2 -Dai.djl.pytorch.num_interop_threads=1 -Dai.djl.offline=true \
    -cp "$CP" dev.tailbench.bench.TrainerThroughput tailbench "$WORKLOAD" "$SIZE" "$EPOCHS" 2 "$WORK/data" \
    > "$WORK/line.json" 2> "$WORK/stderr.log"
jfr print --json --stack-depth 64 --events jdk.ExecutionSample,jdk.NativeMethodSample "$WORK/run.jfr" > "$WORK/samples.json"
mkdir -p "$HERE/results"
OUT="$HERE/results/profile-$WORKLOAD-$SIZE-$(date +%Y-%m-%dT%H%M%S).txt"
{ echo "git $(git rev-parse --short HEAD 2>/dev/null || echo unknown), $(nproc) cores, workload $WORKLOAD $SIZE, $EPOCHS epochs"
  grep '^{"mode"' "$WORK/line.json"
  python3 "$HERE/profile_summary.py" "$WORK/samples.json"; } | tee "$OUT"
echo "written: $OUT" >&2
