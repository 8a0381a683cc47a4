#!/usr/bin/env bash
# Decoding and the papers' training transform: tailbench (ImageDecoder + PaperTransforms on a pool
# of threads; the JDK's own JPEG reader as a second Java mode) against PyTorch's DataLoader with
# PIL and torchvision (as many worker processes), on generated JPEGs of ImageNet's typical size,
# alternating within each round. Needs python3-torch, python3-torchvision, python3-pil (apt).
#
# Usage: benchmarks/decode/run.sh [--rounds 3] [--workers 1,2] [--images 256] [--jit default|c1]
#          [--skip-build]
# --jit c1 runs the Java modes with -XX:TieredStopAtLevel=1 (README's advice for a JVM that only
# trains on the CPU); the default JIT's C2 is what pixel loops need (docs/performance.md).
# Writes benchmarks/decode/results/<timestamp>.jsonl and prints medians.
set -euo pipefail
ROUNDS=3
WORKERS=1,2
IMAGES=256
SKIP_BUILD=false
JIT=default
while [[ $# -gt 0 ]]; do
  case "$1" in
    --rounds) ROUNDS="$2"; shift 2 ;;
    --workers) WORKERS="$2"; shift 2 ;;
    --images) IMAGES="$2"; shift 2 ;;
    --jit) JIT="$2"; shift 2 ;;
    --skip-build) SKIP_BUILD=true; shift ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
PY=/usr/bin/python3
cd "$ROOT"
for pkg in python3-torch python3-torchvision python3-pil; do
  dpkg -s "$pkg" >/dev/null 2>&1 || apt-get install -y "$pkg" >/dev/null
done
source "$ROOT/benchmarks/throughput/classpath.sh" "$SKIP_BUILD"
WORK="$(mktemp -d /tmp/tailbench-decode.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT
"$PY" "$HERE/make_images.py" "$WORK/jpegs" "$IMAGES"
mkdir -p "$HERE/results"
OUT="$HERE/results/$(date +%Y-%m-%dT%H%M%S).jsonl"
IFS=, read -r -a WORKER_LIST <<< "$WORKERS"
JAVA_FLAGS=()
[[ "$JIT" == c1 ]] && JAVA_FLAGS=(-XX:TieredStopAtLevel=1)
echo "rounds=$ROUNDS workers=$WORKERS images=$IMAGES jit=$JIT; $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
record() {
  local round="$1"; shift
  "$@" 2>/dev/null | grep '^{"mode"' | "$PY" -c 'import json,sys; d=json.loads(sys.stdin.read()); d["round"]=int(sys.argv[1]); d["jit"]=sys.argv[2] if d["mode"].startswith("tailbench") else "python"; print(json.dumps(d))' "$round" "$JIT" | tee -a "$OUT"
}
for round in $(seq 1 "$ROUNDS"); do
  for workers in "${WORKER_LIST[@]}"; do
    for mode in decode train; do
      # The order rotates with the round so that drift spreads over the three.
      runs=(java-tailbench java-jdk pytorch)
      shift_by=$(( (round - 1) % 3 ))
      runs=("${runs[@]:$shift_by}" "${runs[@]:0:$shift_by}")
      for run in "${runs[@]}"; do
        case "$run" in
          java-tailbench) record "$round" java "${JAVA_FLAGS[@]}" -cp "$CP" dev.tailbench.bench.DecodeThroughput "$WORK/jpegs" "$mode" "$workers" tailbench ;;
          java-jdk) record "$round" java "${JAVA_FLAGS[@]}" -cp "$CP" dev.tailbench.bench.DecodeThroughput "$WORK/jpegs" "$mode" "$workers" jdk ;;
          pytorch) record "$round" "$PY" "$HERE/pytorch_pipeline.py" "$WORK/jpegs" --mode "$mode" --workers "$workers" ;;
        esac
      done
    done
  done
done
"$PY" - "$OUT" <<'PYEOF'
import collections, json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
groups = collections.defaultdict(list)
for r in rows:
    name = r["mode"] + ("/" + r["reader"] if "reader" in r else "")
    groups[(r["mode"].split("-", 1)[1], r["workers"], name)].append(r["images_per_s"])
print(f"{'mode':8} {'workers':>7} {'run':28} {'images/s median':>16} {'min..max':>16}")
for (mode, workers, name), v in sorted(groups.items()):
    print(f"{mode:8} {workers:7d} {name:28} {statistics.median(v):16.1f} {min(v):8.1f}..{max(v):<8.1f}")
for mode in ("decode", "train"):
    for workers in sorted({k[1] for k in groups}):
        t = groups.get((mode, workers, f"tailbench-{mode}/tailbench"))
        p = groups.get((mode, workers, f"pytorch-{mode}"))
        if t and p:
            print(f"{mode} with {workers} workers: tailbench / PyTorch DataLoader {statistics.median(t) / statistics.median(p):.2f}")
PYEOF
echo "raw lines: $OUT" >&2
