#!/usr/bin/env bash
# Training throughput of tailbench's trainer against PyTorch eager and against a bare DJL step.
# ResNet-32, CIFAR-10-LT IF 100 (12,406 images), batch 128, CPU, 2 threads. Each measurement runs
# in its own process; the modes alternate within every round so that drift on the machine
# (thermal, neighbours) spreads over all of them. See docs/performance.md.
#
# Usage: benchmarks/throughput/run.sh [--rounds 3] [--epochs 2] [--threads 2]
#          [--allocator jemalloc|glibc|both] [--peer-allocator glibc|jemalloc] [--skip-build]
# Run it on a quiet machine: the numbers are only as good as the machine is idle.
set -euo pipefail

ROUNDS=3
EPOCHS=2            # the first epoch is warm-up and excluded from images_per_s
THREADS=2
ALLOCATOR=jemalloc  # for the Java modes
PEER_ALLOCATOR=glibc  # PyTorch as a PyTorch user runs it
SKIP_BUILD=false
while [[ $# -gt 0 ]]; do
  case "$1" in
    --rounds) ROUNDS="$2"; shift 2 ;;
    --epochs) EPOCHS="$2"; shift 2 ;;
    --threads) THREADS="$2"; shift 2 ;;
    --allocator) ALLOCATOR="$2"; shift 2 ;;
    --peer-allocator) PEER_ALLOCATOR="$2"; shift 2 ;;
    --skip-build) SKIP_BUILD=true; shift ;;
    -h|--help) sed -n 2,9p "$0"; exit 0 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done
case "$ALLOCATOR" in jemalloc) ALLOCATORS=(jemalloc) ;; glibc) ALLOCATORS=(glibc) ;;
  both) ALLOCATORS=(jemalloc glibc) ;; *) echo "--allocator: jemalloc, glibc or both" >&2; exit 2 ;; esac

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
CLASSPATH_FILE=target/bench-classpath.txt
if [[ "$SKIP_BUILD" != true || ! -f "$CLASSPATH_FILE" ]]; then
  # One reactor with tailbench's upstream module (the API): each module writes the file in turn,
  # the tailbench module last.
  mkdir -p target
  mvn -q -B -DskipTests test-compile dependency:build-classpath -pl tailbench -am -Dmdep.includeScope=test \
      -Dmdep.outputFile="$PWD/$CLASSPATH_FILE"
fi
CP="tailbench/target/test-classes:tailbench/target/classes:$(cat "$CLASSPATH_FILE")"

# --- environment --------------------------------------------------------------------------------
export DJL_OFFLINE=true OPT_OUT_TRACKING=true
JAVA_FLAGS=(-Dai.djl.pytorch.num_threads="$THREADS" -Dai.djl.pytorch.num_interop_threads=1 -Dai.djl.offline=true)

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

# Appends one measurement: the mode's JSON line plus round and allocator.
record() {
  local round="$1" allocator="$2"; shift 2
  local line
  if ! line="$("$@" 2>>"$LOG" | grep '^{"mode"' | tail -1)" || [[ -z "$line" ]]; then
    echo "measurement failed: $*; last stderr lines:" >&2; tail -20 "$LOG" >&2; exit 1
  fi
  "$PY" -c 'import json,sys; d=json.loads(sys.argv[1]); d.update(round=int(sys.argv[2]), allocator=sys.argv[3]); print(json.dumps(d))' \
    "$line" "$round" "$allocator" | tee -a "$OUT"
}

echo "rounds=$ROUNDS epochs=$EPOCHS threads=$THREADS java allocator(s)=${ALLOCATORS[*]} peer allocator=$PEER_ALLOCATOR" >&2
echo "host: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
# Synthetic CIFAR-10 files, written once by a separate process (not part of any measurement).
java -cp "$CP" dev.tailbench.bench.TrainerThroughput write-data 0 0 "$WORK/data" 2>>"$LOG" >/dev/null
START=$SECONDS
for ((round = 1; round <= ROUNDS; round++)); do
  for allocator in "${ALLOCATORS[@]}"; do
    record "$round" "$allocator" with_allocator "$allocator" \
      java "${JAVA_FLAGS[@]}" -cp "$CP" dev.tailbench.bench.TrainerThroughput tailbench "$EPOCHS" "$THREADS" "$WORK/data"
  done
  record "$round" "$PEER_ALLOCATOR" with_allocator "$PEER_ALLOCATOR" \
    "$PY" "$HERE/pytorch_peer.py" "$EPOCHS" "$THREADS"
  for allocator in "${ALLOCATORS[@]}"; do
    record "$round" "$allocator" with_allocator "$allocator" \
      java "${JAVA_FLAGS[@]}" -cp "$CP" dev.tailbench.bench.TrainerThroughput djl-bare "$EPOCHS" "$THREADS"
  done
done
echo "measured in $((SECONDS - START)) s; raw lines: $OUT" >&2

# --- summary ------------------------------------------------------------------------------------
"$PY" - "$OUT" "$PEER_ALLOCATOR" <<'EOF'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
peer_alloc = sys.argv[2]
def med(mode, alloc, key):
    v = [r[key] for r in rows if r["mode"] == mode and r["allocator"] == alloc]
    return statistics.median(v) if v else float("nan")
print(f"\n{'mode':<10} {'allocator':<9} {'runs':>4} {'images/s (median)':>18} {'min..max':>15} {'peak RSS MB':>12}")
for mode in ("tailbench", "pytorch", "djl-bare"):
    for alloc in sorted({r["allocator"] for r in rows if r["mode"] == mode}):
        v = [r["images_per_s"] for r in rows if r["mode"] == mode and r["allocator"] == alloc]
        print(f"{mode:<10} {alloc:<9} {len(v):>4} {statistics.median(v):>18.1f} {min(v):>7.1f}..{max(v):<7.1f}"
              f" {med(mode, alloc, 'peak_rss_mb'):>12.0f}")
py, py_mem = med("pytorch", peer_alloc, "images_per_s"), med("pytorch", peer_alloc, "peak_rss_mb")
print()
for alloc in sorted({r["allocator"] for r in rows if r["mode"] == "tailbench"}):
    tb, bare = med("tailbench", alloc, "images_per_s"), med("djl-bare", alloc, "images_per_s")
    print(f"[{alloc}] tailbench / pytorch speed   {tb / py:.3f}")
    print(f"[{alloc}] tailbench / djl-bare speed  {tb / bare:.3f}  (trainer loop overhead {100 * (1 - tb / bare):.1f}%)")
    print(f"[{alloc}] tailbench / pytorch peak memory {med('tailbench', alloc, 'peak_rss_mb') / py_mem:.2f}")
    rss = [r["rss_after_epoch_mb"] for r in rows if r["mode"] == "tailbench" and r["allocator"] == alloc]
    print(f"[{alloc}] tailbench RSS after each epoch (MB), per run: {rss}")
EOF
