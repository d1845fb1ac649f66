#!/bin/sh
# Strata vs Flyway vs raw JDBC: builds the reactor offline (no tests), then runs every scenario,
# prints the Markdown table and writes bench/RESULTS.md (bench/RESULTS-quick.md with `--quick`,
# a smaller first look).
set -eu
cd "$(dirname "$0")/.."
mvn -B -o -q -pl bench -am compile
exec java -cp "bench/target/classes:$(cat bench/target/bench.classpath)" \
  dev.strata.bench.Bench --work bench/target/work "$@"
