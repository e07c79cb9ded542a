#!/usr/bin/env bash
# What per-stage statistics cost (issue 14), side by side:
#
#  1. Off: the JMH hand-offs (Stagehand's rendezvous and buffered channels, one to one) and the
#     seed pipeline (GENERATED, buffers 0 and 64) from this tree's benchmarks jar against the same
#     benchmarks from BASELINE_JAR, a benchmarks jar built before statistics existed. The two take
#     turns, REPS times. The tables give the best and the median of the repetitions, and the ratio
#     of the medians (1.00 = no difference): on this machine one repetition now and then runs far
#     from the rest (a buffered hand-off once at twice its usual rate), which moves a best, not a
#     median.
#  2. On: the seed pipeline with stats(...) (GENERATED_STATS) against without (GENERATED) in the
#     same JMH runs, and md5all --stats against md5all over DIR, taking turns REPS times, best and
#     median of each (the page cache warmed first; target: at most 1.05).
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
    gsub(/"/, ""); gsub(/\r/, ""); name = $1; sub(/.*\./, "", name)
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

declare -A all_cur all_base
keep() { # keep ARRAY FILE: every repetition's score per name
  local -n into=$1
  while read -r name score; do
    into[$name]+=" $score"
  done <"$2"
}
median() { tr ' ' '\n' | grep . | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
# "best median" of the scores of NAME in ARRAY, in M ops/s
figures() { local -n of=$1; printf '%.3f %.3f' "$(largest <<<"${of[$2]}")e-6" "$(median <<<"${of[$2]}")e-6"; }

for ((r = 1; r <= reps; r++)); do
  if [[ -n ${BASELINE_JAR:-} ]]; then
    if ((r % 2)); then
      bench "$BASELINE_JAR" GENERATED "$tmp/base"; bench "$jar" GENERATED,GENERATED_STATS "$tmp/cur"
    else
      bench "$jar" GENERATED,GENERATED_STATS "$tmp/cur"; bench "$BASELINE_JAR" GENERATED "$tmp/base"
    fi
    keep all_base "$tmp/base"
  else
    bench "$jar" GENERATED,GENERATED_STATS "$tmp/cur"
  fi
  keep all_cur "$tmp/cur"
  echo "rep $r (ops/s): $(tr '\n' ' ' <"$tmp/cur")"
  if [[ -n ${BASELINE_JAR:-} ]]; then
    echo "rep $r baseline (ops/s): $(tr '\n' ' ' <"$tmp/base")"
  fi
done

echo
echo "Off: this tree against the baseline jar, M ops/s, best and median of $reps repetitions"
echo "| benchmark | current best | current median | baseline best | baseline median | current / baseline, medians |"
echo "|---|---:|---:|---:|---:|---:|"
for name in $(printf '%s\n' "${!all_cur[@]}" | sort); do
  [[ $name == *GENERATED_STATS* ]] && continue
  read -r cb cm <<<"$(figures all_cur "$name")"
  if [[ -n ${all_base[$name]:-} ]]; then
    read -r bb bm <<<"$(figures all_base "$name")"
    echo "| $name | $cb | $cm | $bb | $bm | $(ratio "$cm" "$bm") |"
  else
    echo "| $name | $cb | $cm | - | - | - |"
  fi
done
echo
echo "On: the seed pipeline with stats(...) against without, in the same JMH runs, M ops/s"
echo "| seed pipeline | without best | without median | with best | with median | with / without, medians |"
echo "|---|---:|---:|---:|---:|---:|"
for name in $(printf '%s\n' "${!all_cur[@]}" | grep '/GENERATED/' | sort); do
  read -r ob om <<<"$(figures all_cur "$name")"
  read -r sb sm <<<"$(figures all_cur "${name/\/GENERATED\//\/GENERATED_STATS\/}")"
  echo "| ${name#*/} | $ob | $om | $sb | $sm | $(ratio "$sm" "$om") |"
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
off_m=$(median <<<"${off[*]}") on_m=$(median <<<"${on[*]}")
echo "| md5all $dir | without stats s | with --stats s | with / without (target <= 1.05) |"
echo "|---|---:|---:|---:|"
echo "| best of $reps | $off_b | $on_b | $(ratio "$on_b" "$off_b") |"
echo "| median of $reps | $off_m | $on_m | $(ratio "$on_m" "$off_m") |"
echo
echo "the last --stats table:"
cat "$tmp/err"
