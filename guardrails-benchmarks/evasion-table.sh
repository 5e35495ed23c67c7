#!/usr/bin/env bash
# Regenerates the per-class evasion table in docs/detection-quality.md (between the
# evasion-classes markers) from the core evasion suite: EvasionSuiteTests runs the default detector
# set, as `guardrails scan` without --detectors picks it, over
# guardrails-core/src/test/resources/evasion/cases.jsonl (written by generate.py next to it) and
# writes the table. evaluate.sh keeps the table when it rewrites the rest of the report.
#
# Usage: guardrails-benchmarks/evasion-table.sh [--out FILE]   (default docs/detection-quality.md)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
out="docs/detection-quality.md"
if [ "${1:-}" = "--out" ]; then
  out="${2:?--out needs a file}"
fi
table="$(mktemp)"
trap 'rm -f "$table"' EXIT

./mvnw -q -pl guardrails-core -am test -Dtest=EvasionSuiteTests -Dsurefire.failIfNoSpecifiedTests=false \
  -Devasion.report="$table" > /dev/null

block="$(mktemp)"
trap 'rm -f "$table" "$block"' EXIT
{
  echo "<!-- evasion-classes:start -->"
  echo "### Evasion classes (the project's evasion suite)"
  echo
  echo "Disguised values written for the suite (one per evasion class and detector family where the class applies: card, e-mail, phone, IBAN, AWS key, GitHub token, private key block, JWT, prompt injection; \`guardrails-core/src/test/resources/evasion/cases.jsonl\`), scanned by the default detector set as \`guardrails scan\` picks it without \`--detectors\`. Caught: a finding of the family's detector (and type, for PII) overlaps the disguised value. Redacted whole: the findings cover every letter and digit of the disguised value (injections are blocked, not redacted, and count as whole). Ordinary texts with the same separators, encodings and scripts (\`negatives.jsonl\`) give no finding; \`EvasionSuiteTests\` asserts both. Regenerate with \`guardrails-benchmarks/evasion-table.sh\`."
  echo
  cat "$table"
  echo "<!-- evasion-classes:end -->"
} > "$block"

if grep -q "<!-- evasion-classes:start -->" "$out"; then
  awk -v blockfile="$block" '
    /<!-- evasion-classes:start -->/ { while ((getline line < blockfile) > 0) print line; skip = 1; next }
    /<!-- evasion-classes:end -->/ { skip = 0; next }
    !skip { print }
  ' "$out" > "$out.tmp"
else
  # first time: before the "How to regenerate" section
  awk -v blockfile="$block" '
    /^## How to regenerate/ { while ((getline line < blockfile) > 0) print line; print "" }
    { print }
  ' "$out" > "$out.tmp"
fi
mv "$out.tmp" "$out"
echo "Wrote the evasion classes table into $out"
