#!/usr/bin/env bash
# Builds the Allure HTML report of the last `mvn test` with history, so that trends (pass rate,
# durations, each test's past results) show across runs, e.g. nightly:
#   1. the history kept from the previous report goes into target/allure-results/history/;
#   2. `mvn allure:report` builds target/site/allure-maven-plugin/;
#   3. that report's history/ is kept for the next run.
# Usage: benchmarks/allure/report.sh [HISTORY_DIR]
# HISTORY_DIR defaults to $TAILBENCH_ALLURE_HISTORY, else ~/.cache/tailbench/allure-history; a CI
# job keeps it between runs (a cache or an artifact).
set -euo pipefail
cd "$(dirname "$0")/../.."
history=${1:-${TAILBENCH_ALLURE_HISTORY:-$HOME/.cache/tailbench/allure-history}}
results=target/allure-results
report=target/site/allure-maven-plugin
if [ ! -d "$results" ]; then
  echo "no $results: run mvn test first" >&2
  exit 1
fi
if [ -d "$history" ]; then
  mkdir -p "$results/history"
  cp -R "$history"/. "$results/history/"
fi
mvn -B -q allure:report
mkdir -p "$history"
cp -R "$report/history"/. "$history/"
echo "report: $report/index.html; history kept in $history"
