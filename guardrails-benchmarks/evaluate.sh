#!/usr/bin/env bash
# Regenerates docs/detection-quality.md: builds guardrails-benchmarks (and the modules it needs)
# from this checkout, then runs DetectionQualityReport on the labelled data in shared/eval.
#
# Usage: guardrails-benchmarks/evaluate.sh [--eval DIR] [--out FILE] [--commit SHA]
# Defaults: --eval ../shared/eval (relative to the repository root, else the nearest shared/eval
# above it), --out docs/detection-quality.md, --commit from git. Runs from any directory.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

# One reactor run packages the modules and writes each one's runtime class path (our own modules
# resolve to the jars just built in this checkout, never to the local repository).
./mvnw -q -pl guardrails-benchmarks -am package -DskipTests \
  dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile=target/runtime-classpath.txt

module="$root/guardrails-benchmarks"
exec java -cp "$module/target/classes:$(cat "$module/target/runtime-classpath.txt")" \
  dev.guardrails4j.benchmarks.quality.DetectionQualityReport "$@"
