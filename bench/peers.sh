#!/usr/bin/env bash
# Stagehand beside the Java libraries a reader would otherwise reach for, on two workloads, in one
# call: the log analyzer (read -> parse x4 -> explode -> count over LINES synthetic lines in 3
# files, example/.../Logs.java) and the seed pipeline (gen 0..N-1 -> sq x2 -> merge -> sum, N=2M).
# Each is written seven ways over the very same methods (benchmarks/.../peers/): Stagehand's
# generated pipeline (logs: at its @Stage defaults; seed: buffers 64), the plain loop, Reactor
# (parallel(W).runOn(Schedulers.parallel())), RxJava (parallel(W).runOn(Schedulers.computation())),
# Pekko Streams (W workers between a Balance and a Merge, each .async), the JDK's parallel stream
# and Stream.gather(Gatherers.mapConcurrent(W, ...)); every result is checked against the loop's.
#
# Warm: one JVM per workload and repetition, the variants taking turns untimed for WARMUP s (and at
# least 3 turns), then ROUNDS interleaved rounds; each variant's best and median seconds. Fresh
# (logs only): one JVM per variant, FRESH_ROUNDS rounds with no other warm-up: what a program
# started for one job sees. Logs table: each figure over the loop's same figure (time / loop time:
# below 1.00 faster than the loop). Seed table: items/s, and each over Stagehand's (above 1.00
# faster than Stagehand); the loop's time ratio is useless there (the JIT vectorises the loop to
# billions of items/s). With REPS > 1, a best is the best of the repetitions' and a median the
# median of theirs. The core-to-core round trip (bench/CoreLatency.java) before and after tells
# which minutes the figures come from (docs/performance.md, "Two carriers or one").
#
#   bench/peers.sh [LINES] [REPS]      defaults: 300000 1
#
# Environment: WARMUP (s, default 8), ROUNDS (default 7), FRESH_ROUNDS (default 5), N (seed ints,
# default 2000000), VARIANTS (a comma-separated subset, default all; loop is always kept),
# PEERS_JAVA_OPTS (added to every JVM). Needs go (apt-get install golang-go), a JDK 21 or later
# (gatherer needs 24 or later and is left out before) and the benchmarks jar:
# mvn -B -q -o -DskipTests package
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
source "$root/bench/common.sh"
usage="usage: ${0##*/} [LINES] [REPS]  (positive integers; WARMUP a number of seconds, ROUNDS, FRESH_ROUNDS and N positive integers)"
lines=${1:-300000}
reps=${2:-1}
warmup=${WARMUP:-8}
rounds=${ROUNDS:-7}
fresh_rounds=${FRESH_ROUNDS:-5}
n=${N:-2000000}
(($# <= 2)) || { echo "$usage" >&2; exit 2; }
for arg in "$lines" "$reps" "$rounds" "$fresh_rounds" "$n"; do
  [[ $arg =~ ^[1-9][0-9]*$ ]] || { echo "$usage" >&2; exit 2; }
done
[[ $warmup =~ ^[0-9]+(\.[0-9]+)?$ ]] || { echo "$usage" >&2; exit 2; }
((lines >= 3)) || { echo "${0##*/}: LINES must be at least 3 (3 files)" >&2; exit 2; }
jar=$root/benchmarks/target/benchmarks.jar
require_jar "$jar"
java=$(java21)

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
generate_logs "$lines" "$tmp"

all_variants=(stagehand loop reactor rxjava pekko parallel gatherer)
variants=()
for v in "${all_variants[@]}"; do
  [[ -z ${VARIANTS:-} || $v == loop || ,$VARIANTS, == *,$v,* ]] && variants+=("$v")
done
for v in ${VARIANTS:+${VARIANTS//,/ }}; do
  [[ " ${all_variants[*]} " == *" $v "* ]] || { echo "${0##*/}: VARIANTS: no variant $v (${all_variants[*]})" >&2; exit 2; }
done
if (($(java_feature "$java") < 24)); then # Stream.gather is JDK 24+
  kept=()
  for v in "${variants[@]}"; do [[ $v == gatherer ]] || kept+=("$v"); done
  variants=("${kept[@]}")
fi
list=$(IFS=,; echo "${variants[*]}")
# Pekko 1.7 reaches for sun.misc.Unsafe, which JDK 24+ warns about on stderr unless told
opts=(--sun-misc-unsafe-memory-access=allow)
peers() {
  # shellcheck disable=SC2086 # PEERS_JAVA_OPTS is a list of options
  "$java" "${opts[@]}" ${PEERS_JAVA_OPTS:-} -cp "$jar" io.github.stagehand.benchmarks.peers.Peers "$@" ||
    { echo "${0##*/}: Peers $* failed" >&2; exit 1; }
}
core_latency() { echo "$("$java" "$root/bench/CoreLatency.java" | tail -1); load $(cut -d' ' -f1-3 /proc/loadavg)"; }
# The number after "KEY=" in a line ("best s", "median items/s", ...).
value() { sed -n "s|.* $1=\([0-9.]*\).*|\1|p" <<<"$2"; }
median() { tr ' ' '\n' | grep . | sort -g | awk '{ v[NR] = $1 } END { print NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

echo "peers logs lines=$((lines / 3 * 3)) (3 files), seed n=$n; $reps repetitions; warm-up ${warmup} s, $rounds rounds; fresh $fresh_rounds rounds; $(nproc) cores; $("$java" -version 2>&1 | head -1)"
echo "before: $(core_latency)"

declare -A figures=() # "WORKLOAD VARIANT FIGURE" -> the repetitions' figures, separated by spaces
warm() {  # WORKLOAD ARGS...: one warm JVM; its output, then its summary lines' figures kept
  local workload=$1 out v line figure
  shift
  out=$(peers "$workload" --variants "$list" --warm-up "$warmup" --rounds "$rounds" "$@")
  echo "$out"
  for v in "${variants[@]}"; do
    line=$(grep "^peers $workload variant=$v " <<<"$out") ||
      { echo "${0##*/}: no summary line for $workload variant=$v" >&2; exit 1; }
    for figure in 'best s' 'median s' 'best items/s' 'median items/s'; do
      figures[$workload $v $figure]+=" $(value "$figure" "$line")"
    done
  done
}
for ((r = 1; r <= reps; r++)); do
  warm logs "${files[@]}"
  warm seed --n "$n"
done
for v in "${variants[@]}"; do
  out=$(peers logs --fresh --variants "$v" --rounds "$fresh_rounds" "${files[@]}")
  echo "$out"
  line=$(grep "^peers logs fresh variant=$v " <<<"$out")
  figures[fresh $v best s]=$(value 'best s' "$line")
  figures[fresh $v median s]=$(value 'median s' "$line")
done
echo "after: $(core_latency)"

# The figure over the repetitions: a best's best, a median's median.
over_reps() {  # KEY
  case $1 in
    *best\ s) smallest <<<"${figures[$1]}" ;;
    *best\ items/s) largest <<<"${figures[$1]}" ;;
    *) median <<<"${figures[$1]}" ;;
  esac
}
logs_best_loop=$(over_reps 'logs loop best s') logs_median_loop=$(over_reps 'logs loop median s')
fresh_best_loop=${figures[fresh loop best s]} fresh_median_loop=${figures[fresh loop median s]}
echo
echo "| logs, $((lines / 3 * 3)) lines | warm best s | warm best / loop | warm median / loop | fresh best / loop | fresh median / loop |"
echo "|---|---:|---:|---:|---:|---:|"
for v in "${variants[@]}"; do
  best=$(over_reps "logs $v best s") median=$(over_reps "logs $v median s")
  echo "| $v | $best | $(ratio "$best" "$logs_best_loop") | $(ratio "$median" "$logs_median_loop") |" \
    "$(ratio "${figures[fresh $v best s]}" "$fresh_best_loop") | $(ratio "${figures[fresh $v median s]}" "$fresh_median_loop") |"
done
echo "(time / the plain loop's time in the same mode: below 1.00 faster than the loop. Warm: $rounds rounds after"
echo " ${warmup} s of turns, one JVM; fresh: $fresh_rounds rounds, one JVM per variant, no other warm-up)"
seed_best=$(over_reps 'seed stagehand best items/s') seed_median=$(over_reps 'seed stagehand median items/s')
echo
echo "| seed, $n ints | warm best items/s | warm median items/s | best / Stagehand | median / Stagehand |"
echo "|---|---:|---:|---:|---:|"
for v in "${variants[@]}"; do
  best=$(over_reps "seed $v best items/s") median=$(over_reps "seed $v median items/s")
  printf '| %s | %.0f | %.0f | %s | %s |\n' "$v" "$best" "$median" \
    "$(ratio "$best" "$seed_best")" "$(ratio "$median" "$seed_median")"
done
echo "(items/s / Stagehand's items/s, buffers 64: above 1.00 faster than Stagehand. Warm only)"
