#!/usr/bin/env bash
# The log analyzer (read -> parse x4 -> explode -> count over LINES synthetic log lines in 3
# files) six ways: Stagehand's generated pipeline at its @Stage defaults and with the README's
# buffers for fine-grained stages, a plain Java loop over the same methods and a parallel stream
# (bin/stagehand logs --bench, example/.../LogsBench.java), and Go's blog-style pipeline over
# unbuffered channels and its plain loop (bench/logs/main.go). Every stage does little per line,
# so the pipelines' cost is mostly their hand-offs: this measures whether a pipeline of that
# grain pays for itself against the loop it replaces.
# REPS repetitions, the order of Java and Go alternating; each figure is the best seconds of its
# own 5 rounds (Java after its variants took turns untimed for 8 s, until G1 stopped growing the
# heap: docs/performance.md). The table gives each variant's best and worst over
# the repetitions, its time / the Java plain loop (below 1.00 faster than the loop; target for
# Stagehand defaults: <= 1.00), and Go pipeline time / Stagehand time (above 1.00 Stagehand is
# faster; target for Stagehand defaults: >= 2.00). Compare ratios from one call, never absolute
# numbers; the core-to-core round trip printed first (bench/CoreLatency.java) tells which regime
# the machine was in.
#
#   bench/logs.sh [LINES] [REPS]      defaults: 300000 3
#
# Environment: ROUNDS (timed rounds per variant, default 5), STAGEHAND_JAVA_OPTS (as for
# bin/stagehand). Needs go (apt-get install golang-go) and the example jar:
# mvn -B -q -o -DskipTests package
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
source "$root/bench/common.sh"
lines=${1:-300000}
reps=${2:-3}
rounds=${ROUNDS:-5}
for arg in "$lines" "$reps" "$rounds"; do
  [[ $arg =~ ^[1-9][0-9]*$ ]] || { echo "usage: ${0##*/} [LINES] [REPS]  (positive integers; ROUNDS too)" >&2; exit 2; }
done
((lines >= 3)) || { echo "${0##*/}: LINES must be at least 3 (3 files)" >&2; exit 2; }
require_jar "$root/example/target/stagehand-example.jar"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
generate_logs "$lines" "$tmp"

echo "logs lines=$((lines / 3 * 3)) (3 files), $reps repetitions of $rounds rounds; $(nproc) cores"
echo "$("$(java21)" "$root/bench/CoreLatency.java" | tail -1); load $(cut -d' ' -f1-3 /proc/loadavg)"

java_variants=(defaults tuned loop parallel)
go_modes=(pipeline loop)
declare -A secs=()      # variant -> the repetitions' best seconds, separated by spaces
declare -A lines_of=()  # variant -> its last line in this repetition
run_java() {
  local out v line
  out=$("$root/bin/stagehand" logs --bench --rounds "$rounds" "${files[@]}")
  for v in "${java_variants[@]}"; do
    line=$(grep "^stagehand logs variant=$v " <<<"$out" | tail -1) ||
      { echo "${0##*/}: no line for variant=$v from bin/stagehand logs --bench:" >&2; echo "$out" >&2; exit 1; }
    lines_of[java-$v]=$line
  done
}
run_go() {
  local m
  for m in "${go_modes[@]}"; do
    lines_of[go-$m]=$("$tmp/logs" -mode "$m" -rounds "$rounds" "${files[@]}" | tail -1)
  done
}

names=(java-defaults java-tuned java-loop java-parallel go-pipeline go-loop)
expected=''
for ((r = 1; r <= reps; r++)); do
  lines_of=()
  if ((r % 2)); then run_java; run_go; else run_go; run_java; fi
  summary=''
  for name in "${names[@]}"; do
    line=${lines_of[$name]}
    s=$(field s "$line") counted="keys=$(field keys "$line") total=$(field total "$line")"
    [[ -n $s ]] || { echo "${0##*/}: no s= in: $line" >&2; exit 1; }
    : "${expected:=$counted}"
    if [[ $counted != "$expected" ]]; then
      echo "${0##*/}: the variants disagree (expected $expected):" >&2
      for n in "${names[@]}"; do echo "  $n: ${lines_of[$n]}" >&2; done
      exit 1
    fi
    secs[$name]+=" $s"
    summary+=" $name $s"
  done
  echo "rep $r (s):$summary; $("$(java21)" "$root/bench/CoreLatency.java" | tail -1)"
done
echo "all variants counted $expected"

declare -A best=() worst=()
for name in "${names[@]}"; do
  best[$name]=$(smallest <<<"${secs[$name]}")
  worst[$name]=$(largest <<<"${secs[$name]}")
done
loop=${best[java-loop]} go_pipe=${best[go-pipeline]}
row() {  # NAME LABEL [/ JAVA LOOP TARGET] [GO / THIS]
  echo "| $2 | ${best[$1]} | ${worst[$1]} | $(ratio "${best[$1]}" "$loop")${3:-} | ${4:--} |"
}
echo
echo "| logs, $((lines / 3 * 3)) lines | best s | worst of the reps' bests s | time / Java loop | Go pipeline / this |"
echo "|---|---:|---:|---:|---:|"
row java-defaults 'Stagehand defaults' ' (target <= 1.00)' "$(ratio "$go_pipe" "${best[java-defaults]}") (target >= 2.00)"
row java-tuned 'Stagehand tuned (buffers 1024)' '' "$(ratio "$go_pipe" "${best[java-tuned]}")"
row java-loop 'Java plain loop'
row java-parallel 'Java parallelStream'
row go-pipeline 'Go pipeline (unbuffered)'
row go-loop 'Go loop'
echo "(best of $reps repetitions of $rounds rounds each; ratios from the best figures. Targets: Stagehand"
echo " defaults <= 1.00x the Java plain loop's time, and Go pipeline / Stagehand defaults >= 2.00)"
