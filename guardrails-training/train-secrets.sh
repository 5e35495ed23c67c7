#!/usr/bin/env bash
# Retrains the secrets pair model from shared/eval/train/secrets.jsonl (training) and
# shared/eval/secrets.jsonl (threshold and report), rewriting
# guardrails-core/src/main/resources/dev/guardrails4j/secret-pair-model.bin and docs/secret-pair-model.md.
# The same files give the same bytes (fixed seed and order).
#
# Usage: guardrails-training/train-secrets.sh [--train FILE] [--dev FILE] [--out FILE] [--report FILE]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
./mvnw -q -pl guardrails-training -am package -DskipTests \
  dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile=target/runtime-classpath.txt
module="$root/guardrails-training"
exec java -cp "$module/target/classes:$(cat "$module/target/runtime-classpath.txt")" \
  dev.guardrails4j.training.TrainSecretPairModel "$@"
