#!/usr/bin/env bash
# Retrains the semantic-injection head from shared/eval/train (training) and shared/eval (threshold
# and report only), rewriting guardrails-semantic/src/main/resources/dev/guardrails4j/semantic/injection-head.bin
# and docs/semantic-model.md. The same files give the same bytes (fixed seed and order). Window
# embeddings are cached under guardrails-training/target/semantic-embeddings/ (minutes to compute).
#
# Usage: guardrails-training/train-semantic.sh [--train FILE] [--dev FILE] [--out FILE] [--report FILE] [--no-loso]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
./mvnw -q -pl guardrails-training -am package -DskipTests \
  dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile=target/runtime-classpath.txt
module="$root/guardrails-training"
exec java -cp "$module/target/classes:$(cat "$module/target/runtime-classpath.txt")" \
  dev.guardrails4j.training.TrainSemanticInjectionModel "$@"
