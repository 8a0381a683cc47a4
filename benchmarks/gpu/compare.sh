#!/usr/bin/env bash
# ResNet-32 training speed on one GPU: tailbench's loop (DJL, TrainerThroughput device-loop) against
# the same model and loop in PyTorch eager (pytorch_eager_resnet32.py), back to back on the same
# GPU in one run, the data set resident on the GPU and augmented there in batches. Prints and
# writes the ratio tailbench / PyTorch images/s (target >= 1.0). See docs/gpu.md.
#
# Run it on the GPU machine, from the repository root, with the runtime package-runtime.sh built:
#   benchmarks/gpu/compare.sh --runtime target/gpu-runtime --out "$OUT"
# Options: --rounds 3, --images 10000, --classes 10, --batch 128, --warmup-epochs 1, --epochs 3,
#   --threads 2, --device gpu|cpu, --timeout 300 (seconds per measurement), --peer-for-loop (also
#   PyTorch with its per-parameter optimizer loop, what NesterovSgd does), --best (also PyTorch at
#   its best: channels-last, and channels-last with AMP, which tailbench cannot match), --trainer
#   (also the real trainer, RunService, for 2 epochs of CIFAR-10-LT IF 100 on the device).
# Environment: TAILBENCH_PYTHON (python3) and what bin/tailbench-bench reads.
# Writes to --out (default benchmarks/gpu/results/<time>): results.jsonl (one line per
# measurement), summary.json, summary.txt, jni-check.txt, environment.txt, log.txt.
set -uo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
ROUNDS=3 IMAGES=10000 CLASSES=10 BATCH=128 WARMUP=1 EPOCHS=3 THREADS=2 DEVICE=gpu TIMEOUT=300
RUNTIME=target/gpu-runtime OUT="" PEER_FOR_LOOP=false TRAINER=false BEST=false
while [[ $# -gt 0 ]]; do
  case "$1" in
    --runtime) RUNTIME="$2"; shift 2 ;;
    --out) OUT="$2"; shift 2 ;;
    --rounds) ROUNDS="$2"; shift 2 ;;
    --images) IMAGES="$2"; shift 2 ;;
    --classes) CLASSES="$2"; shift 2 ;;
    --batch) BATCH="$2"; shift 2 ;;
    --warmup-epochs) WARMUP="$2"; shift 2 ;;
    --epochs) EPOCHS="$2"; shift 2 ;;
    --threads) THREADS="$2"; shift 2 ;;
    --device) DEVICE="$2"; shift 2 ;;
    --timeout) TIMEOUT="$2"; shift 2 ;;
    --peer-for-loop) PEER_FOR_LOOP=true; shift ;;
    --trainer) TRAINER=true; shift ;;
    --best) BEST=true; shift ;;
    -h|--help) sed -n 2,18p "$0"; exit 0 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done
PY="${TAILBENCH_PYTHON:-python3}"
export TAILBENCH_PYTHON="$PY"
OUT="${OUT:-$HERE/results/$(date +%Y-%m-%dT%H%M%S)}"
mkdir -p "$OUT"
RESULTS="$OUT/results.jsonl" LOG="$OUT/log.txt"
: >"$RESULTS"
LAUNCHER="$RUNTIME/bin/tailbench-bench"
if [[ ! -x "$LAUNCHER" ]]; then
  echo "no runtime at $RUNTIME: build it with benchmarks/gpu/package-runtime.sh and carry it" >&2
  exit 2
fi
# Scratch files stay out of --out: the device tool returns only a few files from there.
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
SMI_ID="${CUDA_VISIBLE_DEVICES:-}"
SMI_ID="${SMI_ID%%,*}"
SMI_ID="${SMI_ID:-0}"
START=$SECONDS

# --- what this is running on ----------------------------------------------------------------------
{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "host: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
  if command -v nvidia-smi >/dev/null; then
    nvidia-smi --query-gpu=index,name,driver_version,memory.total,memory.used --format=csv
  else
    echo "nvidia-smi: not found"
  fi
  "$PY" -c 'import sys, torch; print("python", sys.version.split()[0], sys.executable); print("torch", torch.__version__, "cuda", torch.version.cuda, "cudnn", torch.backends.cudnn.version(), "gpus", torch.cuda.device_count())'
  echo "runtime:"; sed 's/^/  /' "$RUNTIME/MANIFEST.txt"
  env | grep -E '^(PYTORCH_|DJL_|CUDA_|TAILBENCH_|LD_LIBRARY_PATH)' | sort
  echo "settings: rounds=$ROUNDS images=$IMAGES classes=$CLASSES batch=$BATCH warmup=$WARMUP epochs=$EPOCHS threads=$THREADS device=$DEVICE"
} >"$OUT/environment.txt" 2>&1
cat "$OUT/environment.txt"

# --- can DJL's JNI link against this libtorch? ----------------------------------------------------
if [[ "$DEVICE" == gpu ]]; then
  "$HERE/check-jni.sh" "$RUNTIME" >"$OUT/jni-check.txt" 2>&1
  echo "JNI check exit $?: $(grep -m1 'undefined symbols' "$OUT/jni-check.txt")" | tee -a "$OUT/jni-check.txt"
fi

# Runs one measurement: its JSON line, with round, variant, exit status, wall seconds and the GPU
# memory nvidia-smi saw at most while it ran (whole device, sampled every 100 ms), goes to
# results.jsonl; a failed one leaves a line saying so and the end of its log.
measure() {
  local round="$1" variant="$2"; shift 2
  local json="$WORK/last.json" smi="$WORK/smi.csv" sampler="" status began=$SECONDS
  rm -f "$json" "$smi"
  if [[ "$DEVICE" == gpu ]] && command -v nvidia-smi >/dev/null; then
    nvidia-smi --query-gpu=memory.used --format=csv,noheader,nounits -i "$SMI_ID" -lms 100 >"$smi" 2>/dev/null &
    sampler=$!
  fi
  echo "== round $round $variant: $*" >>"$LOG"
  timeout "$TIMEOUT" "$@" >"$json.out" 2>>"$LOG"
  status=$?
  [[ -n "$sampler" ]] && kill "$sampler" 2>/dev/null && wait "$sampler" 2>/dev/null
  grep '^{"mode"' "$json.out" | tail -1 >"$json"
  "$PY" - "$json" "$round" "$variant" "$status" "$((SECONDS - began))" "$smi" "$LOG" "$RESULTS" <<'EOF'
import json, sys
path, rnd, variant, status, seconds, smi, log, results = sys.argv[1:]
try:
    line = json.load(open(path))
except (OSError, ValueError):
    line = {"mode": variant.split(":")[0], "failed": True, "log_tail": open(log).read().splitlines()[-15:]}
try:
    used = [float(v) for v in open(smi).read().split() if v.replace(".", "", 1).isdigit()]
except OSError:
    used = []
line.update(round=int(rnd), variant=variant, exit_status=int(status), wall_seconds=int(seconds),
            smi_peak_used_mb=max(used) if used else None)
with open(results, "a") as out:
    out.write(json.dumps(line) + "\n")
speed = line.get("images_per_s", "FAILED")
print(f"round {rnd} {variant:<28} exit {status:>3}  {speed} images/s  peak {line.get('peak_memory_mb')} MB"
      f" ({line.get('peak_memory_kind')}), nvidia-smi peak {line['smi_peak_used_mb']} MB, {seconds} s")
EOF
  rm -f "$json" "$json.out" "$smi"
}

COMMON=(--device "$DEVICE" --images "$IMAGES" --classes "$CLASSES" --batch "$BATCH" --warmup-epochs "$WARMUP"
  --epochs "$EPOCHS" --threads "$THREADS")
java_run() { measure "$1" "tailbench-device-loop" "$LAUNCHER" device-loop "${COMMON[@]}"; }
peer_run() { measure "$1" "pytorch-eager" "$PY" "$HERE/pytorch_eager_resnet32.py" "${COMMON[@]}"; }
for ((round = 1; round <= ROUNDS; round++)); do
  # Alternate who goes first, so that drift (clocks, temperature) does not favour one side.
  if (( round % 2 == 1 )); then java_run "$round"; peer_run "$round"; else peer_run "$round"; java_run "$round"; fi
  if [[ "$BEST" == true ]]; then
    measure "$round" "pytorch-eager:channels-last" "$PY" "$HERE/pytorch_eager_resnet32.py" "${COMMON[@]}" \
      --memory-format channels-last
    measure "$round" "pytorch-eager:channels-last-amp" "$PY" "$HERE/pytorch_eager_resnet32.py" "${COMMON[@]}" \
      --memory-format channels-last --amp
  fi
  if [[ "$PEER_FOR_LOOP" == true ]]; then
    measure "$round" "pytorch-eager:foreach-off" "$PY" "$HERE/pytorch_eager_resnet32.py" "${COMMON[@]}" --foreach off
  fi
done
if [[ "$TRAINER" == true ]]; then
  # The whole trainer (files, long-tail draw, evaluation; images/s counts training only), epoch 2.
  measure 1 "tailbench-trainer" "$LAUNCHER" "-Dtailbench.device=$DEVICE" tailbench resnet32-cifar full 2 "$THREADS"
fi
echo "measured in $((SECONDS - START)) s" | tee -a "$LOG"

# --- summary --------------------------------------------------------------------------------------
"$PY" - "$RESULTS" "$OUT" <<'EOF' | tee "$OUT/summary.txt"
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
ok = [r for r in rows if not r.get("failed") and r.get("exit_status") == 0]
def of(variant):
    return [r for r in ok if r["variant"] == variant]
summary = {"measurements": len(rows), "failed": [f"round {r['round']} {r['variant']}" for r in rows if r not in ok]}
print(f"{'variant':<28} {'runs':>4} {'images/s median':>16} {'min..max':>17} {'peak MB':>9} {'nvidia-smi MB':>14}")
for variant in dict.fromkeys(r["variant"] for r in rows):
    runs = of(variant)
    if not runs:
        print(f"{variant:<28} {0:>4} {'failed':>16}")
        continue
    speed = [r["images_per_s"] for r in runs]
    peaks = [r.get("peak_memory_mb", r.get("peak_rss_mb")) for r in runs]
    peak = statistics.median(p for p in peaks if p is not None) if any(p is not None for p in peaks) else float("nan")
    smi = [r["smi_peak_used_mb"] for r in runs if r.get("smi_peak_used_mb") is not None]
    summary[variant] = {"runs": len(runs), "images_per_s_median": statistics.median(speed), "min": min(speed),
                        "max": max(speed), "peak_memory_mb_median": peak,
                        "smi_peak_used_mb_median": statistics.median(smi) if smi else None}
    print(f"{variant:<28} {len(runs):>4} {statistics.median(speed):>16.1f} {min(speed):>8.1f}..{max(speed):<8.1f}"
          f" {peak:>9.0f} {statistics.median(smi) if smi else float('nan'):>14.0f}")
java, peer = of("tailbench-device-loop"), of("pytorch-eager")
checks = {r.get("data_checksum") for r in java + peer} | {None}
if len(checks - {None}) > 1:
    print("WARNING: the two sides trained on different data (data_checksum differs)")
if java and peer:
    ratio = summary["tailbench-device-loop"]["images_per_s_median"] / summary["pytorch-eager"]["images_per_s_median"]
    paired = sorted(j["images_per_s"] / p["images_per_s"] for j in java for p in peer if j["round"] == p["round"])
    memory = summary["tailbench-device-loop"]["peak_memory_mb_median"] / summary["pytorch-eager"]["peak_memory_mb_median"]
    summary.update(ratio_speed=round(ratio, 3), ratio_speed_paired=[round(x, 3) for x in paired],
                   ratio_peak_memory=round(memory, 3), target_speed=1.0, target_met=ratio >= 1.0,
                   gpu=java[0]["device"].get("gpu"), torch=peer[0]["versions"]["torch"],
                   libtorch_djl_loaded=java[0]["versions"].get("libtorch_path"))
    print(f"\ntailbench / PyTorch eager, speed (medians): {ratio:.3f}  (target >= 1.0: {'met' if ratio >= 1.0 else 'NOT met'})")
    print(f"  paired by round: {', '.join(f'{x:.3f}' for x in paired)}")
    print(f"tailbench / PyTorch eager, peak memory ({java[0]['peak_memory_kind']}): {memory:.2f}")
    print(f"device: {java[0]['device']['description']}; PyTorch {peer[0]['versions']['torch']}")
    for variant, key in (("pytorch-eager:channels-last", "ratio_speed_channels_last"),
                         ("pytorch-eager:channels-last-amp", "ratio_speed_channels_last_amp")):
        if of(variant):
            r = summary["tailbench-device-loop"]["images_per_s_median"] / summary[variant]["images_per_s_median"]
            summary[key] = round(r, 3)
            note = " (AMP: tailbench runs float32, DJL has no autocast)" if variant.endswith("amp") else ""
            print(f"tailbench / {variant}, speed (medians): {r:.3f}{note}")
else:
    print("\nno ratio: one side has no successful measurement (see log.txt and jni-check.txt)")
json.dump(summary, open(f"{sys.argv[2]}/summary.json", "w"), indent=2)
EOF
