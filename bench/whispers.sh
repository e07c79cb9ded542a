#!/usr/bin/env bash
# Whispers side by side: Go's daisy chain of N goroutines (../shared/bench/anchors.sh whispers N)
# and Stagehand's of N virtual threads over rendezvous channels (io.github.stagehand.benchmarks.
# Whispers in the benchmarks jar), alternating, RUNS times each, one process per run as Go does.
# Stagehand runs twice per round: with the JVM options of docs/adr/0010 (one carrier, the serial
# collector with a young generation that holds the chain's 100,000 stacks, and on JDK 25+ an AOT
# cache trained by one chain, as the measured run makes it, once per build of the jar) and with
# the JVM's defaults.
# Prints every run, then the best (smallest) time of each and the ratios Stagehand/Go: below 1.00
# Stagehand is faster (target: below 1.00). The machine is shared and noisy: compare ratios from
# one call, never absolute times across calls.
#
#   bench/whispers.sh [N] [RUNS]        N defaults to 100000, RUNS to 5
#
# Environment: ANCHORS (path to anchors.sh), JAVA_OPTS (extra JVM options for both Stagehand runs).
# Build the jar first: mvn -B -q -o -DskipTests package
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
source "$root/bench/common.sh"
anchors=${ANCHORS:-$root/../shared/bench/anchors.sh}
n=${1:-100000}
runs=${2:-5}
jar=$root/benchmarks/target/benchmarks.jar
require_jar "$jar"
require_anchors "$anchors"
java=$(java21)
tuned=(-Djdk.virtualThreadScheduler.parallelism=1 -XX:+UseSerialGC -Xmn1g)
cache=${jar%.jar}.aot
if [[ $(java_feature "$java") -ge 25 ]]; then
  if [[ ! -f $cache || $jar -nt $cache ]]; then
    "$java" "${tuned[@]}" -XX:AOTCacheOutput="$cache" -Xlog:aot=off -Xlog:cds=off \
      -cp "$jar" io.github.stagehand.benchmarks.Whispers -n "$n" >/dev/null 2>&1 || true
    rm -f "$cache.config"
  fi
  [[ -f $cache ]] && tuned+=(-XX:AOTCache="$cache" -Xlog:aot=off -Xlog:cds=off)
fi

echo "whispers n=$n, $runs runs each; $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg)"
go_s='' ours_s='' plain_s=''
for ((r = 1; r <= runs; r++)); do
  go_line=$("$anchors" whispers "$n")
  # shellcheck disable=SC2086
  ours_line=$("$java" "${tuned[@]}" ${JAVA_OPTS:-} -cp "$jar" io.github.stagehand.benchmarks.Whispers -n "$n")
  # shellcheck disable=SC2086
  plain_line=$("$java" ${JAVA_OPTS:-} -cp "$jar" io.github.stagehand.benchmarks.Whispers -n "$n")
  for line in "$go_line" "$ours_line" "$plain_line"; do
    [[ $(field result "$line") == $((n + 1)) ]] || { echo "whispers.sh: wrong result: $line" >&2; exit 1; }
  done
  go_s+=" $(field elapsed "$go_line")"
  ours_s+=" $(field elapsed "$ours_line")"
  plain_s+=" $(field elapsed "$plain_line")"
  echo "run $r: $go_line | $ours_line | JVM defaults: $(field elapsed "$plain_line")s"
done
go_b=$(smallest <<<"$go_s") ours_b=$(smallest <<<"$ours_s") plain_b=$(smallest <<<"$plain_s")
echo
echo "| whispers n=$n, best of $runs | seconds | / Go |"
echo "|---|---:|---:|"
echo "| Go | $go_b | 1.00 |"
echo "| Stagehand, ADR 0010 options | $ours_b | $(ratio "$ours_b" "$go_b") |"
echo "| Stagehand, JVM defaults | $plain_b | $(ratio "$plain_b" "$go_b") |"
echo "ratio Stagehand/Go (time) = $(ratio "$ours_b" "$go_b"); target: < 1.00"
