#!/usr/bin/env bash
# Regenerates docs/benchmarks.md: builds guardrails-benchmarks (and the modules it needs) from this
# checkout, runs a short version of the speed benchmarks with JMH (JSON results), and turns the
# results into Markdown with BenchmarkReport. The full run takes about 9 minutes on 2 cores.
#
# Usage: guardrails-benchmarks/run.sh [--quick] [--out FILE] [--results DIR] [--no-build]
#   --quick        a smoke run of about a minute: one iteration, the budget cases only
#   --out FILE     where to write the report (default docs/benchmarks.md)
#   --results DIR  keep JMH's JSON files there (default: a temporary directory)
#   --no-build     reuse the classes and class path of the previous build
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

quick=false
build=true
out="docs/benchmarks.md"
results=""
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=true ;;
    --no-build) build=false ;;
    --out) out="${2:?--out needs a file}"; shift ;;
    --results) results="${2:?--results needs a directory}"; shift ;;
    *) echo "unknown argument $1; use --quick, --out FILE, --results DIR, --no-build" >&2; exit 2 ;;
  esac
  shift
done
results_given="$results"
if [ -z "$results" ]; then
  results="$(mktemp -d)"
  trap 'rm -rf "$results"' EXIT
else
  mkdir -p "$results"
  rm -f "$results"/*.json "$results"/stack-*.txt
fi

started=$(date +%s)
load_before="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"

if $build; then
  # One reactor run packages the modules and writes each one's runtime class path (our own modules
  # resolve to the jars just built in this checkout, never to the local repository).
  ./mvnw -q -pl guardrails-benchmarks -am package -DskipTests \
    dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile=target/runtime-classpath.txt
fi
module="$root/guardrails-benchmarks"
cp="$module/target/classes:$(cat "$module/target/runtime-classpath.txt")"

if $quick; then
  warmup=(-wi 1 -w 1s)
  measure=(-f 1 -i 1 -r 1s)
  slow_warmup=("${warmup[@]}")
  settings="quick smoke run: 1 fork, 1 warm-up and 1 measurement iteration of 1 s"
else
  warmup=(-wi 2 -w 1s)
  measure=(-f 1 -i 3 -r 1s)
  # detector loops over 4 KiB and more take longer to reach their compiled steady state
  slow_warmup=(-wi 2 -w 2s)
  settings="1 fork, 2 warm-up and 3 measurement iterations of 1 s each (detectors, guarded calls, limits and scaling: warm-up iterations of 2 s)"
fi

# jmh NAME REGEX ARGS...: one JMH run whose JSON lands in $results/NAME.json
jmh() {
  local name="$1"; shift
  local regex="$1"; shift
  echo "== $name"
  java -cp "$cp" org.openjdk.jmh.Main "$regex" "${measure[@]}" "${warmup[@]}" "$@" \
    -rf json -rff "$results/$name.json" > "$results/$name.log" 2>&1 \
    || { tail -40 "$results/$name.log" >&2; exit 1; }
}

# slow CMD ARGS...: runs jmh or stack with the detectors' longer warm-up
slow() {
  local saved=("${warmup[@]}")
  warmup=("${slow_warmup[@]}")
  "$@"
  warmup=("${saved[@]}")
}

# stack NAME REGEX ARGS...: one run under the stack profiler, its text kept for the report
stack() {
  local name="$1"; shift
  local regex="$1"; shift
  echo "== profile $name"
  java -cp "$cp" org.openjdk.jmh.Main "$regex" "${measure[@]}" "${warmup[@]}" "$@" -prof "stack:lines=1;top=10" \
    -rf json -rff "$results/$name.profiled" > "$results/stack-$name.txt" 2>&1 \
    || { tail -40 "$results/stack-$name.txt" >&2; exit 1; }
}

# A redis-server on a free loopback port for RedisLimitBenchmarks (guardrails-redis against Bucket4j);
# without redis-server those rows say "not measured" (apt-get install redis-server).
redis_uri=""
redis_pid=""
if command -v redis-server >/dev/null 2>&1; then
  for candidate in $(shuf -i 20000-59999 -n 20); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then
      redis-server --port "$candidate" --bind 127.0.0.1 --save '' --appendonly no > "$results/redis.log" 2>&1 &
      redis_pid=$!
      for _ in $(seq 1 100); do
        if (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then redis_uri="redis://127.0.0.1:$candidate"; break; fi
        sleep 0.1
      done
      break
    fi
  done
fi
stop_redis() { if [ -n "$redis_pid" ]; then kill "$redis_pid" 2>/dev/null || true; fi; }
if [ -z "$results_given" ]; then
  trap 'stop_redis; rm -rf "$results"' EXIT
else
  trap 'stop_redis' EXIT
fi
redis_jmh() {
  if [ -n "$redis_uri" ]; then
    slow jmh limits-redis 'RedisLimitBenchmarks' -p redis="$redis_uri"
  else
    echo "== limits-redis: skipped, no redis-server (apt-get install redis-server)"
  fi
}

cores="$(nproc 2>/dev/null || getconf _NPROCESSORS_ONLN)"
threads=()
for ((t = 1; t <= cores; t *= 2)); do threads+=("$t"); done
if [ "${threads[-1]}" != "$cores" ]; then threads+=("$cores"); fi

if $quick; then
  jmh access 'AccessBenchmarks\.(decision|cel)$' -p policies=1000 -prof gc
  slow jmh detectors 'DetectorBenchmarks' -p detector=default -p size=4096 -p text=ENTITIES -prof gc
  slow jmh deny-list 'DenyListComparison' -p terms=100 -prof gc
  slow jmh pii 'PiiComparison' -p size=4096 -prof gc
  slow jmh phone 'PhoneComparison' -prof gc
  slow jmh chat 'ChatModelBenchmarks' -prof gc
  jmh streaming 'StreamingBenchmarks' -p checks=email
  slow jmh chat-spring-ai 'springai\.ChatClientBenchmarks' -prof gc
  for t in 1 "$cores"; do
    slow jmh "scaling-$t" 'AccessBenchmarks\.decision$' -p policies=1000 -bm thrpt -tu s -t "$t"
  done
  redis_jmh
else
  jmh access 'AccessBenchmarks\.decision$' -p policies=10,100,1000,10000 -prof gc
  jmh access-index 'AccessBenchmarks\.select$' -p policies=1000,10000 -prof gc
  # 10,000 CEL programs per call take tens of milliseconds each: left out of the short run.
  jmh access-cel 'AccessBenchmarks\.cel$' -p policies=10,100,1000 -prof gc
  slow jmh detectors-default 'DetectorBenchmarks' -p detector=default,pii -p size=1024,4096,65536,1048576 \
    -p text=ENTITIES -prof gc
  slow jmh detectors-each 'DetectorBenchmarks' \
    -p detector=secrets,prompt-injection,prompt-injection-rules,invisible-text,exfiltration-links -p size=1024,4096,65536,1048576 \
    -p text=ENTITIES -prof gc
  slow jmh detectors-prose 'DetectorBenchmarks' -p detector=default,pii,secrets,prompt-injection,prompt-injection-rules -p size=4096 -p text=PROSE -prof gc
  # deny-list (100 terms, 4 KiB) is measured by DenyListComparison below.
  slow jmh deny-list 'DenyListComparison' -prof gc
  slow jmh pii 'PiiComparison' -prof gc
  slow jmh phone 'PhoneComparison' -prof gc
  slow jmh chat 'ChatModelBenchmarks' -prof gc
  slow jmh chat-spring-ai 'springai\.ChatClientBenchmarks' -prof gc
  jmh streaming 'StreamingBenchmarks' -prof gc
  slow jmh limits 'limits\.LimitBenchmarks' -prof gc
  redis_jmh
  for t in "${threads[@]}"; do
    slow jmh "scaling-$t" 'AccessBenchmarks\.decision$' -p policies=1000 -bm thrpt -tu s -t "$t"
  done
  stack access-decision-1000-policies 'AccessBenchmarks\.decision$' -p policies=1000
  slow stack default-detectors-4KiB 'DetectorBenchmarks' -p detector=default -p size=4096 -p text=ENTITIES
fi

load_after="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
cpu="$(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ *//' || true)"
jdk="$(java -version 2>&1 | sed -n '1p;3p' | paste -sd ';' - | sed 's/;/; /')"
commit="$(git rev-parse --short=12 HEAD 2>/dev/null || echo unknown)"
if [ -n "$(git status --porcelain --untracked-files=no -- . ':!docs/benchmarks.md' 2>/dev/null)" ]; then
  commit="$commit (with uncommitted changes)"
fi
java -cp "$cp" dev.guardrails4j.benchmarks.report.BenchmarkReport --results "$results" --out "$out" \
  --cpu "${cpu:-$(uname -m)}" --cores "$cores" --load-before "$load_before" --load-after "$load_after" \
  --jdk "$jdk" --commit "$commit" --date "$(date -u '+%Y-%m-%d %H:%M UTC')" --settings "$settings"
echo "Took $(( $(date +%s) - started )) s"
