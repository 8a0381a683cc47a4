#!/usr/bin/env bash
# Launcher of the carried runtime (package-runtime.sh copies it to <runtime>/bin/tailbench-bench):
# runs tailbench's speed benchmarks (TrainerThroughput) with the jlink'd Java and the jars beside
# it, on a machine with no Java and no network, against the libtorch of the machine's Python
# PyTorch. See docs/gpu.md.
#
# Usage: tailbench-bench [-Dkey=value ...] <device-loop|tailbench|djl-bare|write-data> [arguments]
#   e.g. tailbench-bench device-loop --device gpu --out /tmp/java.json
#        tailbench-bench -Dtailbench.device=gpu tailbench 2 2
# Environment (each has a default found here): TAILBENCH_PYTHON (python3), PYTORCH_LIBRARY_PATH,
# PYTORCH_VERSION, PYTORCH_FLAVOR, TAILBENCH_CUDART_DIR, DJL_CACHE_DIR, TAILBENCH_JAVA_OPTS.
set -euo pipefail

HERE="$(cd "$(dirname "$0")/.." && pwd)"
PY="${TAILBENCH_PYTHON:-python3}"

# DJL loads every library in this directory, then its JNI; the machine's PyTorch has one.
if [[ -z "${PYTORCH_LIBRARY_PATH:-}" ]]; then
  PYTORCH_LIBRARY_PATH="$("$PY" -c 'import os, torch; print(os.path.join(os.path.dirname(torch.__file__), "lib"))')"
fi
# PYTORCH_VERSION and PYTORCH_FLAVOR choose the JNI DJL extracts from the pytorch-jni jar (a version
# other than the jar's own makes DJL download one, which fails offline). The jar's only CUDA JNI is
# 2.7.1 / cu128, so that is named even where the library is another version: whether it links is
# what benchmarks/gpu/check-jni.sh tells (docs/gpu.md, "the libtorch version").
export PYTORCH_LIBRARY_PATH
export PYTORCH_VERSION="${PYTORCH_VERSION:-2.7.1}"
export PYTORCH_FLAVOR="${PYTORCH_FLAVOR:-cu128}"
export DJL_OFFLINE=true OPT_OUT_TRACKING=true
export DJL_CACHE_DIR="${DJL_CACHE_DIR:-${TMPDIR:-/tmp}/tailbench-djl-cache}"
export ENGINE_CACHE_DIR="${ENGINE_CACHE_DIR:-$DJL_CACHE_DIR}"

# DJL counts GPUs and reads their memory through libcudart, loaded by name with JNA; in PyTorch's
# wheels libcudart sits where only libtorch's RPATH finds it. Name the directory torch uses.
if [[ -z "${TAILBENCH_CUDART_DIR+set}" ]]; then
  TAILBENCH_CUDART_DIR="$("$PY" - <<'EOF'
import glob, os, torch
lib = os.path.join(os.path.dirname(torch.__file__), "lib")
site = os.path.dirname(os.path.dirname(torch.__file__))
found = (sorted(glob.glob(os.path.join(lib, "libcudart.so*")))
         + sorted(glob.glob(os.path.join(site, "nvidia", "**", "libcudart.so*"), recursive=True))
         + sorted(glob.glob("/usr/local/cuda/lib64/libcudart.so*")))
print(os.path.dirname(found[0]) if found else "")
EOF
)"
fi

JAVA_OPTS=(-Dai.djl.offline=true)
if [[ -n "$TAILBENCH_CUDART_DIR" ]]; then
  JAVA_OPTS+=("-Djna.library.path=$TAILBENCH_CUDART_DIR")
fi
while [[ $# -gt 0 && "$1" == -D* ]]; do
  JAVA_OPTS+=("$1")
  shift
done
# shellcheck disable=SC2086 # TAILBENCH_JAVA_OPTS is a list of options
exec "$HERE/java/bin/java" "${JAVA_OPTS[@]}" ${TAILBENCH_JAVA_OPTS:-} -cp "$HERE/lib/*" \
  dev.tailbench.bench.TrainerThroughput "$@"
