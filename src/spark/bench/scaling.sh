#!/usr/bin/env bash
# How a split scales here: runbook 000's plan on N demo documents (default 100,000) with 1, 2 and 4 local workers
# and on Spark local[2], each run timed from the command's start to its end and rolled back before the next, then a
# Spark run with the driver's heap held to SPARK_HEAP (default 512m; Spark refuses less than 450 MB) to show both
# tasks' memory is bounded by their batches, not their ranges.
# Prints one line a run: what ran, wall seconds, documents/s, and for Spark the tasks' own time from its log.
# Needs `mvn -P spark package` first. Usage: src/spark/bench/scaling.sh [N] [PORT]
set -euo pipefail
cd "$(dirname "$0")/../../.."
N=${1:-100000}
PORT=${2:-27391}
HEAP=${DEMO_HEAP:-8g}
SPARK_HEAP=${SPARK_HEAP:-512m}
JAR=target/ferry.jar
URI="mongodb://127.0.0.1:$PORT/narrative_modeling"
PLAN=plans/user-data-split.yaml
LOGS=$(mktemp -d)
java -Xmx"$HEAP" -jar "$JAR" demo --port "$PORT" --docs "$N" > "$LOGS/demo.out" 2>&1 &
DEMO=$!
trap 'kill $DEMO 2>/dev/null || true' EXIT
until grep -q "Serving" "$LOGS/demo.out"; do
  kill -0 $DEMO 2>/dev/null || { cat "$LOGS/demo.out"; exit 1; }
  sleep 1
done
echo "demo: $N documents; $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg)"

timed() {  # label, then the run's own options
  local label=$1; shift
  local t0 t1 secs
  t0=$(date +%s.%N)
  java -Dferry.log.dir="$LOGS" -jar "$JAR" run --uri "$URI" --plan "$PLAN" "$@" > "$LOGS/run.out" 2>&1 || true
  t1=$(date +%s.%N)
  secs=$(echo "$t1 - $t0" | bc)
  local tasks=""
  if grep -q "Spark application" "$LOGS/run.out"; then
    local log; log=$(ls -t "$LOGS"/spark/run-*.log | head -1)
    tasks=" · tasks: $(grep -o 'partition [0-9]* done: [0-9]* read, [0-9]* quarantined in [0-9]* ms ([^,]*, heap in use [0-9]* MB)' "$log" | tr '\n' ';' || true)"
  fi
  printf '%-28s %8.1f s %10.0f docs/s · %s%s\n' "$label" "$secs" "$(echo "$N / $secs" | bc -l)" \
    "$(grep -m1 -o 'Migration complete[^(]*' "$LOGS/run.out" || tail -1 "$LOGS/run.out")" "$tasks"
  java -jar "$JAR" rollback --uri "$URI" --plan "$PLAN" --yes > "$LOGS/rollback.out" 2>&1 \
    || { echo "rollback failed:"; cat "$LOGS/rollback.out"; exit 1; }
}

timed "1 worker" --partitions 1
timed "2 local workers" --partitions 2
timed "4 local workers" --partitions 4
timed "Spark local[2], 2 tasks" --partitions 2 --runner spark --master 'local[2]'
timed "Spark local[2], heap $SPARK_HEAP" --partitions 2 --runner spark --master 'local[2]' \
  --spark-conf spark.driver.memory="$SPARK_HEAP"
echo "logs: $LOGS"
