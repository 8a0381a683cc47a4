#!/usr/bin/env bash
# Does DJL's JNI link against this machine's libtorch? DJL 0.35.1's pytorch-jni jar holds one CUDA
# JNI, built for libtorch 2.7.1 (cu128); a machine whose PyTorch is another version may lack
# symbols it calls. The JVM loads libraries lazily, so a missing function would only kill the
# process when first called: this asks the dynamic linker for every symbol up front (ldd -r), in
# seconds and without Java. See docs/gpu.md.
#
# Usage: benchmarks/gpu/check-jni.sh [RUNTIME_DIR=target/gpu-runtime] [FLAVOR=$PYTORCH_FLAVOR or cu128]
#   PYTORCH_LIBRARY_PATH: the libtorch directory (default: the one of python3's torch)
# Exit status: 0 when everything resolves, 1 when something is missing, 2 when it could not check.
set -uo pipefail

RUNTIME="${1:-target/gpu-runtime}"
FLAVOR="${2:-${PYTORCH_FLAVOR:-cu128}}"
PY="${TAILBENCH_PYTHON:-python3}"
TORCH_LIB="$("$PY" -c 'import os, torch; print(os.path.join(os.path.dirname(torch.__file__), "lib"))' 2>/dev/null)"
LIB="${PYTORCH_LIBRARY_PATH:-$TORCH_LIB}"
JAR="$(ls "$RUNTIME"/lib/pytorch-jni-*.jar 2>/dev/null | head -1)"
if [[ -z "$JAR" || ! -d "$LIB" ]]; then
  echo "check-jni: need the runtime's pytorch-jni jar (got '${JAR}') and a libtorch directory (got '$LIB')" >&2
  exit 2
fi
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

# Python reads the jar: the carried runtime has no jar tool and the machine may have no unzip.
if ! "$PY" - "$JAR" "jnilib/linux-x86_64/$FLAVOR/libdjl_torch.so" "$WORK/libdjl_torch.so" <<'EOF'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as jar, open(sys.argv[3], "wb") as out:
    out.write(jar.read(sys.argv[2]))
EOF
then
  echo "check-jni: $JAR has no JNI for flavor $FLAVOR" >&2
  exit 2
fi

echo "JNI: $(basename "$JAR") flavor $FLAVOR"
if [[ "$LIB" -ef "$TORCH_LIB" ]]; then
  echo "libtorch: $LIB ($("$PY" -c 'import torch; print("torch", torch.__version__, "cuda", torch.version.cuda)'))"
else
  echo "libtorch: $LIB (PYTORCH_LIBRARY_PATH)"
fi
LD_LIBRARY_PATH="$LIB${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" ldd -r "$WORK/libdjl_torch.so" >"$WORK/ldd.txt" 2>&1
NOT_FOUND="$(grep -c 'not found' "$WORK/ldd.txt")"
UNDEFINED="$(grep -c 'undefined symbol' "$WORK/ldd.txt")"
echo "libraries not found: $NOT_FOUND; undefined symbols: $UNDEFINED"
grep 'not found' "$WORK/ldd.txt" | sed 's/^/  /'
if (( UNDEFINED > 0 )); then
  DEMANGLE=cat
  command -v c++filt >/dev/null && DEMANGLE=c++filt
  echo "first undefined symbols (all: $UNDEFINED):"
  sed -n 's/^undefined symbol: \([^ \t]*\).*/\1/p' "$WORK/ldd.txt" | "$DEMANGLE" | head -25 | sed 's/^/  /'
fi
if (( NOT_FOUND + UNDEFINED > 0 )); then
  exit 1
fi
echo "every symbol resolves: the JNI links against this libtorch (whether it also behaves is for the smoke run to show)"
