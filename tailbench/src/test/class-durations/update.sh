#!/usr/bin/env bash
# Rewrites .surefire-class-durations from the last `mvn test` of the tailbench module: one line per
# test class with its whole time in ms (its @BeforeAll training included, which Surefire's own
# per-method statistics leave out), in Surefire's statistics format, longest first. Run it after
# adding a long test class, from any directory.
set -euo pipefail
module="$(cd "$(dirname "$0")/../../.." && pwd)"
reports="$module/target/surefire-reports"
ls "$reports"/TEST-*.xml >/dev/null
for report in "$reports"/TEST-*.xml; do
  grep -m1 -o '<testsuite [^>]*>' "$report" | sed -E 's/.* name="([^"]+)".* time="([^"]+)".*/\2 \1/'
done | awk '{ printf "1,%d,%s,class\n", $1 * 1000, $2 }' | sort -t, -k2 -rn \
  > "$module/src/test/class-durations/.surefire-class-durations"
