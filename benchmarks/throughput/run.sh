#!/usr/bin/env bash
# Training throughput and per-run wall time of tailbench's trainer against PyTorch eager at its
# best on this CPU (channels_last, inference-mode evaluation) and PyTorch's plain NCHW loop:
# ResNet-8 on 28x28 grey images (Fashion-MNIST-LT) and ResNet-32 on 32x32 colour images
# (CIFAR-10-LT), each on a small (1,982 images) and a full draw, batch 128, evaluation of 1,000
# test images after every epoch, 2 threads. Each measurement runs in its own process; within a
# round every workload runs every mode back to back, in an order that rotates from round to round,
# so that drift on the machine spreads over all of them. The optional mode djl-bare is the
# network's bare DJL step on one fixed batch (no trainer around it). See docs/performance.md.
#
# Usage: benchmarks/throughput/run.sh [--rounds 3] [--workloads resnet8-fmnist,resnet32-cifar]
#          [--sizes small,full] [--modes tailbench,pytorch-channels-last,pytorch-contiguous[,djl-bare]]
#          [--threads 2] [--peer-allocator jemalloc|glibc] [--skip-build]
# Run it on a quiet machine: the numbers are only as good as the machine is idle.
set -euo pipefail

ROUNDS=3
WORKLOADS=resnet8-fmnist,resnet32-cifar
SIZES=small,full
MODES=tailbench,pytorch-channels-last,pytorch-contiguous
THREADS=2
PEER_ALLOCATOR=jemalloc  # PyTorch's CPU performance guide recommends jemalloc or tcmalloc
SKIP_BUILD=false
while [[ $# -gt 0 ]]; do
  case "$1" in
    --rounds) ROUNDS="$2"; shift 2 ;;
    --workloads) WORKLOADS="$2"; shift 2 ;;
    --sizes) SIZES="$2"; shift 2 ;;
    --modes) MODES="$2"; shift 2 ;;
    --threads) THREADS="$2"; shift 2 ;;
    --peer-allocator) PEER_ALLOCATOR="$2"; shift 2 ;;
    --skip-build) SKIP_BUILD=true; shift ;;
    -h|--help) sed -n 2,13p "$0"; exit 0 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done
IFS=, read -r -a WORKLOAD_LIST <<< "$WORKLOADS"
IFS=, read -r -a SIZE_LIST <<< "$SIZES"
IFS=, read -r -a MODE_LIST <<< "$MODES"

# Epochs per workload and size: the first is warm-up, the rest are timed; about a minute or less
# of training per run.
epochs_of() { case "$1-$2" in resnet8-fmnist-small) echo 12 ;; resnet8-fmnist-full) echo 3 ;;
  resnet32-cifar-small) echo 4 ;; resnet32-cifar-full) echo 2 ;; *) echo "unknown workload $1-$2" >&2; exit 2 ;; esac; }
# Training images of each long-tailed draw and test images, as write-data reports them (from
# tailbench's own profile), for the PyTorch peer.
declare -A TRAIN_IMAGES TEST_IMAGES

HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
PY=/usr/bin/python3   # Debian's python3-torch; a pyenv python on PATH has no torch
JEMALLOC=/usr/lib/x86_64-linux-gnu/libjemalloc.so.2
cd "$ROOT"

# --- packages, only when missing ------------------------------------------------------------
if ! "$PY" -c 'import torch' 2>/dev/null || [[ ! -e "$JEMALLOC" ]]; then
  SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO=sudo
  $SUDO apt-get update -q
  $SUDO DEBIAN_FRONTEND=noninteractive apt-get install -y -q python3-torch libjemalloc2
fi

# --- build once -------------------------------------------------------------------------------
# One reactor with tailbench's upstream module (the API): each module writes the class path file
# in turn, the tailbench module last.
source "$HERE/classpath.sh" "$SKIP_BUILD"

# --- environment --------------------------------------------------------------------------------
export DJL_OFFLINE=true OPT_OUT_TRACKING=true
# C1 only, as README recommends for the JVM that trains: C2 compiling on the same 2 cores slowed
# training by about a fifth (docs/performance.md).
JAVA_FLAGS=(-XX:TieredStopAtLevel=1 -Dai.djl.pytorch.num_threads="$THREADS" -Dai.djl.pytorch.num_interop_threads=1
  -Dai.djl.offline=true)

# Runs a command under an allocator: jemalloc without decay (platform notes: fastest and lowest
# peak for DJL; jemalloc with default decay was very slow) or glibc's default malloc.
with_allocator() {
  local allocator="$1"; shift
  if [[ "$allocator" == jemalloc ]]; then
    LD_PRELOAD="$JEMALLOC" MALLOC_CONF=dirty_decay_ms:-1,muzzy_decay_ms:-1,narenas:1 "$@"
  else
    env -u LD_PRELOAD -u MALLOC_CONF "$@"
  fi
}

WORK="$(mktemp -d /tmp/tailbench-throughput.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$HERE/results"
OUT="$HERE/results/$(date +%Y-%m-%dT%H%M%S).jsonl"
LOG="$WORK/stderr.log"

# Appends one measurement: the mode's JSON line plus round, size and allocator.
record() {
  local round="$1" size="$2" allocator="$3"; shift 3
  local line
  if ! line="$("$@" 2>>"$LOG" | grep '^{"mode"' | tail -1)" || [[ -z "$line" ]]; then
    echo "measurement failed: $*; last stderr lines:" >&2; tail -20 "$LOG" >&2; exit 1
  fi
  "$PY" -c 'import json,sys; d=json.loads(sys.argv[1]); d.update(round=int(sys.argv[2]), size=sys.argv[3], allocator=sys.argv[4]); print(json.dumps(d))' \
    "$line" "$round" "$size" "$allocator" | tee -a "$OUT"
}

measure() {
  local round="$1" workload="$2" size="$3" mode="$4" epochs
  epochs="$(epochs_of "$workload" "$size")"
  case "$mode" in
    tailbench) record "$round" "$size" jemalloc with_allocator jemalloc \
      java "${JAVA_FLAGS[@]}" -cp "$CP" dev.tailbench.bench.TrainerThroughput tailbench "$workload" "$size" \
        "$epochs" "$THREADS" "$WORK/$workload-$size" ;;
    djl-bare) record "$round" "$size" jemalloc with_allocator jemalloc \
      java "${JAVA_FLAGS[@]}" -cp "$CP" dev.tailbench.bench.TrainerThroughput djl-bare "$workload" "$size" \
        "$epochs" "$THREADS" ;;
    pytorch-channels-last|pytorch-contiguous) record "$round" "$size" "$PEER_ALLOCATOR" \
      with_allocator "$PEER_ALLOCATOR" "$PY" "$HERE/pytorch_peer.py" --workload "$workload" \
        --train-images "${TRAIN_IMAGES[$workload-$size]}" --test-images "${TEST_IMAGES[$workload-$size]}" --epochs "$epochs" \
        --threads "$THREADS" --memory-format "${mode#pytorch-}" ;;
    *) echo "unknown mode $mode" >&2; exit 2 ;;
  esac
}

echo "rounds=$ROUNDS workloads=$WORKLOADS sizes=$SIZES modes=$MODES threads=$THREADS peer allocator=$PEER_ALLOCATOR" >&2
echo "host: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
# The synthetic files, written once per workload and size by a separate process (not measured).
for workload in "${WORKLOAD_LIST[@]}"; do
  for size in "${SIZE_LIST[@]}"; do
    written="$(java -cp "$CP" dev.tailbench.bench.TrainerThroughput write-data "$workload" "$size" \
      "$WORK/$workload-$size" 2>>"$LOG" | grep '^{"mode"')"
    TRAIN_IMAGES[$workload-$size]="$("$PY" -c 'import json,sys; print(json.loads(sys.argv[1])["train_images"])' "$written")"
    TEST_IMAGES[$workload-$size]="$("$PY" -c 'import json,sys; print(json.loads(sys.argv[1])["test_images"])' "$written")"
  done
done
START=$SECONDS
for ((round = 1; round <= ROUNDS; round++)); do
  for workload in "${WORKLOAD_LIST[@]}"; do
    for size in "${SIZE_LIST[@]}"; do
      # Rotate the order of the modes from round to round.
      for ((k = 0; k < ${#MODE_LIST[@]}; k++)); do
        measure "$round" "$workload" "$size" "${MODE_LIST[$(((k + round - 1) % ${#MODE_LIST[@]}))]}"
      done
    done
  done
done
echo "measured in $((SECONDS - START)) s; raw lines: $OUT" >&2
"$PY" "$HERE/summary.py" "$OUT"
