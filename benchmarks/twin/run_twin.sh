#!/usr/bin/env bash
# The PyTorch twin (issue 15): trains the six recipes of TwinRecipes on the full Fashion-MNIST-LT
# with tailbench and with plain PyTorch (twin.py) on the very training images tailbench draws,
# three seeds each, and writes the comparison table.
#
# Usage: benchmarks/twin/run_twin.sh [--results DIR] [--workers N] [--table FILE]
#   --results DIR  where both sides' results go (default /tmp/twin); finished runs are skipped, so
#                  a killed programme resumes where it stopped
#   --workers N    runs at once per side, one intra-op thread each (default: number of cores)
#   --table FILE   the Markdown table (default reports/pytorch-twin.md)
# Needs ../shared/datasets/fashion-mnist and Debian's python3-torch (installed when missing and
# apt-get is usable).
set -euo pipefail
cd "$(dirname "$0")/../.."

results=/tmp/twin
workers=$(nproc)
table=reports/pytorch-twin.md
while [ $# -gt 0 ]; do
  case "$1" in
    --results) results=$2; shift 2 ;;
    --workers) workers=$2; shift 2 ;;
    --table) table=$2; shift 2 ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
data=$(realpath ../shared/datasets)
python=/usr/bin/python3
if ! "$python" -c 'import torch' 2>/dev/null; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-torch >/dev/null
fi

# tailbench's side: the tables' runner, one row and seed per JVM.
benchmarks/tables/run_tables.sh --package twin --results "$results/tailbench" --workers "$workers" TwinRecipes

# The training images tailbench drew, for the twin.
classpath="benchmarks/target/test-classes:$(cat target/tables-classpath.txt)"
java -Dai.djl.offline=true -Dtailbench.data.dir="$data" -cp "$classpath" \
    dev.tailbench.benchmarks.twin.SubsetExport "$results/subset.json"

# The twin's side.
mkdir -p "$results/pytorch/logs"
export python data results
run_twin() {
  local recipe=$1 seed=$2
  local out="$results/pytorch/$recipe/seed-$seed.json"
  [ -f "$out" ] && return 0
  mkdir -p "$(dirname "$out")"
  if "$python" benchmarks/twin/twin.py --subset "$results/subset.json" --data-dir "$data/fashion-mnist" \
      --recipe "$recipe" --seed "$seed" --threads 1 --out "$out" \
      >"$results/pytorch/logs/$recipe.seed-$seed.log" 2>&1; then
    echo "done   twin $recipe seed $seed"
  else
    echo "FAILED twin $recipe seed $seed: see $results/pytorch/logs/$recipe.seed-$seed.log"
    return 1
  fi
}
export -f run_twin
recipes=$(grep -oP 'public Recipe \K\w+(?=\(\))' benchmarks/src/test/java/dev/tailbench/benchmarks/twin/TwinRecipes.java)
for seed in 1 2 3; do for recipe in $recipes; do echo "$recipe $seed"; done; done \
  | xargs -P "$workers" -L 1 bash -c 'run_twin $0 $1'

"$python" benchmarks/twin/twin_table.py "$results/tailbench/dev.tailbench.benchmarks.twin.TwinRecipes" "$results/pytorch" >"$table"
echo "wrote $table"
