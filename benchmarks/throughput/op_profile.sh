#!/usr/bin/env bash
# The trainer and the PyTorch peer (channels-last) op by op: one run of each under libtorch's
# autograd profiler (DJL's JniUtils.startProfile for tailbench, torch.profiler for PyTorch), the
# same workload, epochs and evaluation as run.sh, then op_profile_compare.py side by side in
# milliseconds per training step. Answers what the JFR profile (profile.sh) cannot: whether a gap
# is in libtorch's kernels or between them. Profiled runs are slower; their speeds are not
# measurements.
#
# Usage: benchmarks/throughput/op_profile.sh [workload=resnet8-fmnist] [size=small] [epochs=4]
#          [--skip-build]
# Writes benchmarks/throughput/results/op-profile-<workload>-<size>-<timestamp>.txt
set -euo pipefail
WORKLOAD="${1:-resnet8-fmnist}"
SIZE="${2:-small}"
EPOCHS="${3:-4}"
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
JEMALLOC=/usr/lib/x86_64-linux-gnu/libjemalloc.so.2
PY=/usr/bin/python3
cd "$ROOT"
source "$HERE/classpath.sh" "$([[ "${4:-}" == --skip-build ]] && echo true || echo false)"
WORK="$(mktemp -d /tmp/tailbench-op-profile.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT
export DJL_OFFLINE=true OPT_OUT_TRACKING=true
written="$(java -cp "$CP" dev.tailbench.bench.TrainerThroughput write-data "$WORKLOAD" "$SIZE" "$WORK/data" 2>/dev/null \
  | grep '^{"mode"')"
read -r TRAIN TEST < <("$PY" -c 'import json,sys; d=json.loads(sys.argv[1]); print(d["train_images"], d["test_images"])' "$written")
STEPS=$(( EPOCHS * (TRAIN / 128) ))
export LD_PRELOAD="$JEMALLOC" MALLOC_CONF=dirty_decay_ms:-1,muzzy_decay_ms:-1,narenas:1
java -XX:TieredStopAtLevel=1 -Dtailbench.bench.trace="$WORK/tailbench.json" \
  -Dai.djl.pytorch.num_threads=2 -Dai.djl.pytorch.num_interop_threads=1 -Dai.djl.offline=true \
  -cp "$CP" dev.tailbench.bench.TrainerThroughput tailbench "$WORKLOAD" "$SIZE" "$EPOCHS" 2 "$WORK/data" \
  > "$WORK/tailbench.line" 2> "$WORK/stderr.log"
"$PY" "$HERE/pytorch_peer.py" --workload "$WORKLOAD" --train-images "$TRAIN" --test-images "$TEST" \
  --epochs "$EPOCHS" --threads 2 --memory-format channels-last --trace "$WORK/pytorch.json" > "$WORK/pytorch.line"
unset LD_PRELOAD MALLOC_CONF
mkdir -p "$HERE/results"
OUT="$HERE/results/op-profile-$WORKLOAD-$SIZE-$(date +%Y-%m-%dT%H%M%S).txt"
{ echo "git $(git rev-parse --short HEAD 2>/dev/null || echo unknown), $(nproc) cores, workload $WORKLOAD $SIZE," \
    "$EPOCHS epochs, $TRAIN training images, $TEST test images, $STEPS training steps"
  grep '^{"mode"' "$WORK/tailbench.line"
  cat "$WORK/pytorch.line"
  "$PY" "$HERE/op_profile_compare.py" "$WORK/tailbench.json" "$WORK/pytorch.json" "$STEPS" --top 30; } | tee "$OUT"
echo "written: $OUT" >&2
