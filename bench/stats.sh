#!/usr/bin/env bash
# What per-stage statistics cost (issue 14), side by side:
#
#  1. Off: the JMH hand-offs (Stagehand's rendezvous and buffered channels, one to one) and the
#     seed pipeline (GENERATED, buffers 0 and 64) from this tree's benchmarks jar against the same
#     benchmarks from BASELINE_JAR, a benchmarks jar built before statistics existed. The two take
#     turns, REPS times; each figure is the best of its repetitions, and current / baseline is
#     printed (1.00 = no difference; compare it with the spread between repetitions).
#  2. On: the seed pipeline with stats(...) (GENERATED_STATS) against without (GENERATED) in the
#     same JMH runs, and md5all --stats against md5all over DIR, taking turns REPS times, best of
#     each (the page cache warmed first; target: at most 1.05).
#
#   BASELINE_JAR=/path/to/old/benchmarks.jar bench/stats.sh [DIR] [REPS]    defaults: /usr/share 3
#
# Without BASELINE_JAR, part 1 is skipped. To build a baseline jar from the commit before
# statistics: git worktree add /tmp/old 7b89b22 && (cd /tmp/old && mvn -B -q -o -DskipTests package)
# then BASELINE_JAR=/tmp/old/benchmarks/target/benchmarks.jar. Build this tree's jars first:
# mvn -B -q -o -DskipTests package
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
source "$root/bench/common.sh"
dir=${1:-/usr/share}
reps=${2:-3}
[[ $reps =~ ^[1-9][0-9]*$ && -d $dir ]] || { echo "usage: ${0##*/} [DIR] [REPS]" >&2; exit 2; }
jar=$root/benchmarks/target/benchmarks.jar
require_jar "$jar"
require_jar "$root/example/target/stagehand-example.jar"
java=$(java21)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
jmh=(-f 1 -wi 2 -i 3 -w 1s -r 1s -rf csv)

echo "bench/stats.sh: $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg); $("$java" "$root/bench/CoreLatency.java" | tail -1)"

# Prints "NAME SCORE" per result line of a JMH csv: the benchmark, its parameters, its score.
scores() {
  awk -F, 'NR > 1 {
    gsub(/"/, ""); name = $1; sub(/.*\./, "", name)
    for (i = 8; i <= NF; i++) name = name "/" $i
    print name, $5
  }' "$1"
}

# One JMH call of the hand-offs and the seed pipeline on jar $1, wirings $2, results to $3.
bench() {
  "$java" -jar "$1" 'RendezvousHandOffBenchmark.oneToOne|BufferedHandOffBenchmark.oneToOne' \
    -p contender=STAGEHAND -p capacity=64 "${jmh[@]}" -rff "$3.a.csv" >"$3.log" 2>&1 ||
    { cat "$3.log" >&2; exit 1; }
  "$java" -jar "$1" SeedPipelineBenchmark -p wiring="$2" "${jmh[@]}" -rff "$3.b.csv" >"$3.log" 2>&1 ||
    { cat "$3.log" >&2; exit 1; }
  { scores "$3.a.csv"; scores "$3.b.csv"; } >"$3"
}

declare -A best_cur best_base
keep() { # keep ARRAY FILE: the best score per name
  local -n into=$1
  while read -r name score; do
    if [[ -z ${into[$name]:-} ]] || awk -v a="$score" -v b="${into[$name]}" 'BEGIN { exit !(a > b) }'; then
      into[$name]=$score
    fi
  done <"$2"
}

for ((r = 1; r <= reps; r++)); do
  if [[ -n ${BASELINE_JAR:-} ]]; then
    if ((r % 2)); then
      bench "$BASELINE_JAR" GENERATED "$tmp/base"; bench "$jar" GENERATED,GENERATED_STATS "$tmp/cur"
    else
      bench "$jar" GENERATED,GENERATED_STATS "$tmp/cur"; bench "$BASELINE_JAR" GENERATED "$tmp/base"
    fi
    keep best_base "$tmp/base"
  else
    bench "$jar" GENERATED,GENERATED_STATS "$tmp/cur"
  fi
  keep best_cur "$tmp/cur"
  echo "rep $r (ops/s): $(tr '\n' ' ' <"$tmp/cur")"
  if [[ -n ${BASELINE_JAR:-} ]]; then
    echo "rep $r baseline (ops/s): $(tr '\n' ' ' <"$tmp/base")"
  fi
done

echo
echo "| benchmark | current ops/s | baseline ops/s | current / baseline |"
echo "|---|---:|---:|---:|"
for name in $(printf '%s\n' "${!best_cur[@]}" | sort); do
  [[ $name == *GENERATED_STATS* ]] && continue
  base=${best_base[$name]:-}
  echo "| $name | ${best_cur[$name]} | ${base:--} | $([[ -n $base ]] && ratio "${best_cur[$name]}" "$base" || echo -) |"
done
echo
echo "| seed pipeline | without stats ops/s | with stats ops/s | with / without |"
echo "|---|---:|---:|---:|"
for name in $(printf '%s\n' "${!best_cur[@]}" | grep '/GENERATED/' | sort); do
  on=${best_cur[${name/\/GENERATED\//\/GENERATED_STATS\/}]}
  echo "| ${name#*/} | ${best_cur[$name]} | $on | $(ratio "$on" "${best_cur[$name]}") |"
done

# md5all over DIR, with and without --stats, taking turns
"$root/bin/stagehand" md5all "$dir" >/dev/null 2>&1 || true # warm the page cache
off=() on=()
for ((r = 1; r <= reps; r++)); do
  for mode in off on; do
    args=(md5all "$dir")
    [[ $mode == on ]] && args=(md5all --stats "$dir")
    start=$(date +%s.%N)
    "$root/bin/stagehand" "${args[@]}" >/dev/null 2>"$tmp/err" || true
    seconds=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.3f", b - a }')
    if [[ $mode == on ]]; then on+=("$seconds"); else off+=("$seconds"); fi
  done
  echo "md5all rep $r (s): without ${off[-1]} with --stats ${on[-1]}"
done
off_b=$(smallest <<<"${off[*]}") on_b=$(smallest <<<"${on[*]}")
echo
echo "| md5all $dir | without stats s | with --stats s | with / without (target <= 1.05) |"
echo "|---|---:|---:|---:|"
echo "| best of $reps | $off_b | $on_b | $(ratio "$on_b" "$off_b") |"
echo
echo "the last --stats table:"
cat "$tmp/err"
