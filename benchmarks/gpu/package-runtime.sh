#!/usr/bin/env bash
# Builds what a GPU machine with no Java and no network needs to run tailbench's speed benchmarks:
# a jlink'd Java runtime, tailbench's classes, its benchmark classes, its runtime dependencies built
# with the gpu profile (no CPU natives: libtorch comes from the machine's Python PyTorch) and a
# launcher. Run it here (with Maven's repository filled); carry the output to the GPU machine.
# See docs/gpu.md.
#
# Usage: benchmarks/gpu/package-runtime.sh [OUTPUT_DIR=target/gpu-runtime]
#   MVN_FLAGS (default -o: everything is in ~/.m2 after a build; empty to let Maven fetch)
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
OUT="${1:-$ROOT/target/gpu-runtime}"
MVN_FLAGS="${MVN_FLAGS--o}"
# What travels to the device machine: the repository's files and the carried paths together.
LIMIT_MIB=64
cd "$ROOT"

rm -rf "$OUT"
mkdir -p "$OUT/lib" "$OUT/bin"
TRIM="$(mktemp -d)"
trap 'rm -rf "$TRIM"' EXIT

# Rewrites a jar without the given entries (paths inside the jar; a folder goes with its content).
drop_from_jar() {
  local jar="$1"
  shift
  rm -rf "$TRIM/jar" && mkdir "$TRIM/jar"
  (cd "$TRIM/jar" && jar --extract --file "$jar" && rm -rf -- "$@" && jar --create --file "$jar" .)
}

# A jar's native libraries (entries matching a pattern) for every platform but Linux x86-64.
foreign_natives() {
  jar --list --file "$1" | grep -E "$2" | grep -v -e '/linux-x86-64/' -e '/linux-x86_64/'
}

# --- jars -------------------------------------------------------------------------------------
# The jars are made with the JDK's jar tool from the compiled classes, which needs no Maven plugin
# beyond the build's own (maven-jar-plugin is not otherwise used, so not in every local repository).
# shellcheck disable=SC2086
# Compiled, and the runtime dependencies copied, in one reactor of the tailbench module and the API
# module it uses (compile and runtime scope: what the trainer needs at run time, none of the test
# tools). -Dgpu switches the cpu-* profiles off, so pytorch-native-cpu (107 MB) is not among them.
# shellcheck disable=SC2086
mvn -B -q $MVN_FLAGS -Dgpu test-compile dependency:copy-dependencies -pl tailbench -am -DincludeScope=runtime \
    -DexcludeGroupIds=dev.tailbench -DoutputDirectory="$OUT/lib"
jar --create --file "$OUT/lib/tailbench-api.jar" -C tailbench-api/target/classes .
jar --create --file "$OUT/lib/tailbench.jar" -C tailbench/target/classes .
# The embedded Fashion-MNIST-LT subset (2.6 MiB) is for experiments; the benchmarks make their data.
drop_from_jar "$OUT/lib/tailbench.jar" dev/tailbench/data/embedded
# The benchmarks live in test sources (not part of tailbench's jar): only their package travels.
jar --create --file "$OUT/lib/tailbench-bench.jar" -C tailbench/target/test-classes dev/tailbench/bench

if ls "$OUT/lib" | grep -q pytorch-native; then
  echo "a pytorch-native jar was copied: the gpu profile did not leave the CPU natives out" >&2
  exit 1
fi
# Jars no benchmark mode reaches, left out to fit the transfer limit (docs/gpu.md, packaging):
#   pdfbox*, fontbox, graphics2d, VectorGraphics2D, animated-gif-lib
#                            XChart's PDF, SVG, EPS and GIF export; tailbench draws PNG only
# (AssertJ with byte-buddy and Allure were left out here too until they left the tailbench
# module's runtime dependencies: AssertJ is test-only, Allure is tailbench-allure's.)
for unused in pdfbox- fontbox- graphics2d- VectorGraphics2D- animated-gif-lib-; do
  rm -f "$OUT/lib/$unused"*.jar
done
# pytorch-jni and JNA carry native code for many platforms; a GPU machine uses Linux x86-64's.
JNI_JAR="$(ls "$OUT"/lib/pytorch-jni-*.jar)"
JNA_JAR="$(ls "$OUT"/lib/jna-*.jar)"
# shellcheck disable=SC2046 # one entry per line, none with spaces
drop_from_jar "$JNI_JAR" $(foreign_natives "$JNI_JAR" 'djl_torch')
# shellcheck disable=SC2046
drop_from_jar "$JNA_JAR" $(foreign_natives "$JNA_JAR" 'jnidispatch')

# --- Java runtime -------------------------------------------------------------------------------
# The modules the jars use, as jdeps finds them following tailbench's classes through the others
# (the dependency jars given as a class path: as targets, modular ones whose optional requirements
# are absent, such as commons-compress without commons-lang3, stop jdeps), plus jdk.unsupported
# (JNA and protobuf reach sun.misc.Unsafe reflectively, which jdeps may not see), java.logging and
# jdk.zipfs (jars read as file systems).
CLASS_PATH="$(cd "$OUT/lib" && ls ./*.jar | grep -v '^\./tailbench' | sed "s|^\./|$OUT/lib/|" | paste -sd:)"
MODULES="$(jdeps --multi-release 17 --ignore-missing-deps --print-module-deps --recursive --class-path "$CLASS_PATH" \
  "$OUT/lib/tailbench-api.jar" "$OUT/lib/tailbench.jar" "$OUT/lib/tailbench-bench.jar")"
MODULES="$MODULES,jdk.unsupported,java.logging,jdk.zipfs"
# java.desktop (AWT, Java2D, image I/O: 12 of the runtime's MiB) serves the charts and DJL's image
# classes, which no benchmark mode uses; without it the runtime fits the limit.
MODULES="$(tr ',' '\n' <<<"$MODULES" | grep -vx java.desktop | sort -u | paste -sd,)"
jlink --add-modules "$MODULES" --strip-debug --no-header-files --no-man-pages --compress=2 --output "$OUT/java"
# Debian's libjvm.so keeps its symbol table (3 MiB); jlink's --strip-native-debug-symbols leaves it.
if command -v strip >/dev/null; then
  find "$OUT/java" -name '*.so' -exec strip --strip-unneeded {} +
fi

cp "$HERE/runtime-launcher.sh" "$OUT/bin/tailbench-bench"
chmod +x "$OUT/bin/tailbench-bench"
cat >"$OUT/MANIFEST.txt" <<EOF
Built $(date -u +%Y-%m-%dT%H:%M:%SZ) from $(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet HEAD || echo ' (with uncommitted changes)')
Java: $("$OUT/java/bin/java" -version 2>&1 | head -1), modules: $MODULES
Launcher: bin/tailbench-bench (see its header); checks: benchmarks/gpu/check-jni.sh, benchmarks/gpu/compare.sh
EOF

# --- size -----------------------------------------------------------------------------------------
echo "runtime: $OUT"
du -sh "$OUT/java" "$OUT/lib" | sed 's/^/  /'
echo "  largest jars:"
ls -S "$OUT/lib" | head -6 | while read -r jar; do echo "    $(du -h "$OUT/lib/$jar" | cut -f1) $jar"; done
RUNTIME_KIB="$(du -sk "$OUT" | cut -f1)"
TREE_KIB="$(git -C "$ROOT" ls-files -z | (cd "$ROOT" && xargs -0 du -ck 2>/dev/null) | tail -1 | cut -f1)"
echo "total: $((RUNTIME_KIB / 1024)) MiB ($RUNTIME_KIB KiB); with the repository's tracked files" \
  "($((TREE_KIB / 1024)) MiB) $(((RUNTIME_KIB + TREE_KIB) / 1024)) MiB against the $LIMIT_MIB MiB transfer limit"
if ((RUNTIME_KIB + TREE_KIB > LIMIT_MIB * 1024)); then
  echo "over the limit: see docs/gpu.md (packaging) for what to trim" >&2
  exit 1
fi
