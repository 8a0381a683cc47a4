# Sourced by run.sh, profile.sh and op_profile.sh from the repository root: compiles the tailbench
# module's main and test classes (unless $1 is "true" and the class path file exists) and sets CP
# to the test class path the benchmark's Java modes run on.
CLASSPATH_FILE=target/bench-classpath.txt
if [[ "${1:-false}" != true || ! -f "$CLASSPATH_FILE" ]]; then
  mkdir -p target
  ./mvnw -q -B -DskipTests test-compile dependency:build-classpath -pl tailbench -am -Dmdep.includeScope=test \
      -Dmdep.outputFile="$PWD/$CLASSPATH_FILE"
fi
CP="tailbench/target/test-classes:tailbench/target/classes:$(cat "$CLASSPATH_FILE")"
