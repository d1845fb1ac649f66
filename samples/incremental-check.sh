#!/usr/bin/env bash
# Manual check for issue 8: the sample app through Maven, with maven-compiler-plugin's
# useIncrementalCompilation both ways. For each mode and each touched file: a clean compile of the
# sample, then touch one source and compile again; every generated source and every file in
# target/classes (resources, service entries, the index, class files) must be byte-identical to
# the clean compile. Needs no `mvn install`: the reactor resolves runtime and processor.
# Usage, from the repository root: samples/incremental-check.sh   (add -o to MVN_FLAGS offline)
set -euo pipefail
cd "$(dirname "$0")/.."
MVN_FLAGS=${MVN_FLAGS:--o -q}
SAMPLE=samples/src/main/java/dev/strata/sample/inventory
TOUCHED=(model/Part.java migrations/V3CreateStock.java migrations/V4SeedReferenceData.java)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

snapshot() { # copies what the sample's compile produced to $1
  mkdir -p "$1"
  cp -r samples/target/classes "$1/classes"
  cp -r samples/target/generated-sources "$1/generated-sources"
}

compile() { # $1: useIncrementalCompilation
  mvn -B $MVN_FLAGS -pl samples -am compile -Dmaven.compiler.useIncrementalCompilation="$1" \
    -Dcheckstyle.skip -Dspotless.check.skip > "$work/mvn.log" 2>&1 || { cat "$work/mvn.log"; exit 1; }
}

failures=0
for mode in false true; do
  for file in "${TOUCHED[@]}"; do
    rm -rf samples/target/classes samples/target/generated-sources samples/target/maven-status
    compile "$mode"
    rm -rf "$work/full" "$work/after"
    snapshot "$work/full"
    sleep 1 # a newer timestamp than the class file, whatever the file system's resolution
    touch "$SAMPLE/$file"
    compile "$mode"
    snapshot "$work/after"
    files=$(cd "$work/full" && find . -type f | wc -l)
    if diff -r "$work/full" "$work/after" > "$work/diff"; then
      echo "useIncrementalCompilation=$mode, touched $file: identical ($files files)"
    else
      echo "useIncrementalCompilation=$mode, touched $file: DIFFERENT"
      cat "$work/diff"
      failures=$((failures + 1))
    fi
  done
done
exit "$failures"
