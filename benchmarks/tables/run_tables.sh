#!/usr/bin/env bash
# Runs the paper's tables (benchmarks/src/test/java/dev/tailbench/benchmarks/paper/) one row and
# seed per JVM, several JVMs at once, and skips every row and seed whose result file already
# exists. A run that is killed therefore loses only the rows in flight, and the programme can be
# spread over several sittings: start the same command again.
#
# Why one JVM per row with one intra-op thread each: on a 2-core machine two single-threaded
# trainings together process about 1,800 images/s where one two-threaded training processes about
# 1,300 (ResNet-8 on 28x28 images; see reports/fashion-mnist-lt-tricks.md).
#
# Usage: benchmarks/tables/run_tables.sh [options] [TABLE...]   (default: all tables)
#   --results DIR     tailbench.results.dir (default /tmp/fm-tables)
#   --seeds LIST      comma-separated seeds, run seed by seed (default 1,2,3)
#   --workers N       JVMs at once (default: number of cores)
#   --threads N       intra-op threads per JVM (default 1)
#   --skip T.row      leave a row out (repeatable), e.g. a row whose recipe another table runs
#   --only T.row      run only the rows named (repeatable); with --skip, a row must pass both
#   --package P       the experiments' package under dev.tailbench.benchmarks (default paper;
#                     twin: the PyTorch twin's TwinRecipes, run by benchmarks/twin/run_twin.sh;
#                     . : the package itself, e.g. FashionMnistLtRegression)
#   --dry-run         print the units that would run
#   -D key=value      any tailbench configuration key (repeatable); the defaults below give the
#                     Fashion-MNIST-LT CPU scale of reports/fashion-mnist-lt-tricks.md
set -euo pipefail
cd "$(dirname "$0")/../.."

results=/tmp/fm-tables
seeds=1,2,3
workers=$(nproc)
threads=1
dry=false
skips=()
onlys=()
package=paper
props=(-Dtailbench.dataset=fashion-mnist -Dtailbench.backbone=resnet8 -Dtailbench.epochs=10
       -Dtailbench.data.dir="$(realpath ../shared/datasets 2>/dev/null || echo ../shared/datasets)")
tables=()
while [ $# -gt 0 ]; do
  case "$1" in
    --results) results=$2; shift 2 ;;
    --seeds) seeds=$2; shift 2 ;;
    --workers) workers=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    --skip) skips+=("$2"); shift 2 ;;
    --only) onlys+=("$2"); shift 2 ;;
    --package) package=$2; shift 2 ;;
    --dry-run) dry=true; shift ;;
    -D) props+=("-D$2"); shift 2 ;;
    -D*) props+=("$1"); shift ;;
    -h|--help) sed -n '2,24p' "$0"; exit 0 ;;
    -*) echo "unknown option $1" >&2; exit 2 ;;
    *) tables+=("$1"); shift ;;
  esac
done
if [ "$package" = . ]; then
  paper=benchmarks/src/test/java/dev/tailbench/benchmarks
  fqcn_prefix=dev.tailbench.benchmarks
else
  paper=benchmarks/src/test/java/dev/tailbench/benchmarks/$package
  fqcn_prefix=dev.tailbench.benchmarks.$package
fi
if [ ${#tables[@]} -eq 0 ]; then
  for f in "$paper"/*Table.java; do tables+=("$(basename "$f" .java)"); done
fi

# Whether a result file is the result of a whole run (every epoch, no error): the partial result
# that a crashed run leaves must be run again.
finished() {
  [ -f "$1" ] && python3 - "$1" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
complete = r.get("top1Error") and r["epochsCompleted"] >= r["epochs"] and (r.get("verdict") or {}).get("status") != "error"
sys.exit(0 if complete else 1)
PY
}

# Units in seed-major order, so that a partial programme has whole tables for the first seeds.
units=()
IFS=, read -ra seed_list <<<"$seeds"
for seed in "${seed_list[@]}"; do
  for table in "${tables[@]}"; do
    source_file="$paper/$table.java"
    [ -f "$source_file" ] || { echo "no table $table ($source_file)" >&2; exit 2; }
    for row in $(grep -oP 'public Recipe \K\w+(?=\(\))' "$source_file"); do
      skip=false
      if [ ${#onlys[@]} -gt 0 ]; then
        skip=true
        for o in "${onlys[@]}"; do [ "$o" = "$table.$row" ] && skip=false; done
      fi
      for s in "${skips[@]+"${skips[@]}"}"; do [ "$s" = "$table.$row" ] && skip=true; done
      $skip && continue
      finished "$results/$fqcn_prefix.$table/$row/seed-$seed.json" && continue
      units+=("$table $row $seed")
    done
  done
done
echo "${#units[@]} row(s) and seed(s) to run, $workers at once, results in $results"
if $dry; then printf '%s\n' "${units[@]+"${units[@]}"}"; exit 0; fi
[ ${#units[@]} -eq 0 ] && exit 0

# Compile once, then run the JUnit console launcher on the compiled classes: no Maven per unit,
# and no two Maven builds writing target/ at the same time.
# In one reactor with the modules the benchmarks use, so that their entries are the modules'
# compiled classes; each module writes the file in turn and the benchmarks module, built last, wins.
mvn -B -q -Pbenchmarks test-compile dependency:build-classpath -pl benchmarks -am -Dmdep.includeScope=test \
    -Dmdep.outputFile="$PWD/target/tables-classpath.txt"
console_version=$(grep -oP 'junit-platform-engine-\K[0-9.]+(?=\.jar)' target/tables-classpath.txt | head -n1)
mvn -B -q dependency:copy -Dartifact="org.junit.platform:junit-platform-console-standalone:$console_version" \
    -DoutputDirectory=target/tables-launcher
classpath="target/tables-launcher/junit-platform-console-standalone-$console_version.jar:benchmarks/target/test-classes"
classpath+=":$(tr ':' '\n' <target/tables-classpath.txt | grep -v '/org/junit/' | paste -sd:)"

export DJL_OFFLINE=true OPT_OUT_TRACKING=true
jemalloc=/usr/lib/x86_64-linux-gnu/libjemalloc.so.2
if [ -e "$jemalloc" ]; then
  export LD_PRELOAD=$jemalloc MALLOC_CONF=dirty_decay_ms:-1,muzzy_decay_ms:-1,narenas:1
fi
mkdir -p "$results/logs"
# The -D options, one per line, so that a value with spaces (a data directory) stays one argument.
printf '%s\n' "${props[@]}" >"$results/logs/properties"
export classpath results threads fqcn_prefix
export -f finished
run_unit() {
  local table=$1 row=$2 seed=$3
  local log="$results/logs/$table.$row.seed-$seed.log"
  local unit_props
  mapfile -t unit_props <"$results/logs/properties"
  # Allure's listener is on the test class path: its results go with the tables' results, not
  # into the source tree's target/allure-results.
  java -Dai.djl.offline=true -Dtailbench.threads="$threads" -Dtailbench.seeds="$seed" \
      -Dtailbench.results.dir="$results" -Dallure.results.directory="$results/allure-results" \
      "${unit_props[@]}" -cp "$classpath" \
      org.junit.platform.console.ConsoleLauncher execute --disable-banner --disable-ansi-colors \
      --details=summary --select-unique-id \
      "[engine:tailbench]/[experiment:$fqcn_prefix.$table]/[combination:$row]" \
      >"$log" 2>&1
  # The launcher's exit status says whether budgets held; what counts here is a whole result.
  if finished "$results/$fqcn_prefix.$table/$row/seed-$seed.json"; then
    echo "done   $table.$row seed $seed: $(grep -oP 'seed \d+: \Klast error .*?%' "$log" | tail -n1)"
  else
    echo "FAILED $table.$row seed $seed: see $log"
    return 1
  fi
}
export -f run_unit
if ! printf '%s\n' "${units[@]}" | xargs -P "$workers" -L 1 bash -c 'run_unit $0 $1 $2'; then
  echo "some rows failed: run the same command again to retry them (finished rows are skipped)" >&2
  exit 1
fi
