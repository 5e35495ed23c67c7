#!/usr/bin/env bash
# Retrains the prompt-injection model from shared/eval/train (training) and shared/eval (threshold
# and report), rewriting guardrails-core/src/main/resources/dev/guardrails4j/injection-model.bin and
# docs/injection-model.md. The same files give the same bytes (fixed seed and order).
#
# Usage: guardrails-training/train.sh [--train FILE] [--dev FILE] [--out FILE] [--report FILE] [--no-loso]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
./mvnw -q -pl guardrails-training -am package -DskipTests \
  dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile=target/runtime-classpath.txt
module="$root/guardrails-training"
exec java -cp "$module/target/classes:$(cat "$module/target/runtime-classpath.txt")" \
  dev.guardrails4j.training.TrainInjectionModel "$@"
