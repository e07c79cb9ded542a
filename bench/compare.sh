#!/usr/bin/env bash
# This checkout against another one (a worktree of an earlier commit), side by side, alternating
# which goes first: the seed pipeline at buffer 64 on the JVM's default carriers (items/s), the
# log analyzer at the @Stage defaults and as a plain loop (best seconds of 5 rounds after
# logs --bench's warm-up, 300,000 lines), and close() after an early exit of the 100-stage chain
# (CloseLatency, 50 closes in a fresh JVM). One line per figure, tagged [base] or [this]; then,
# per figure and side, the fewest, the median and the most over the repetitions. Use it to show
# that a change costs nothing beyond the run-to-run spread; the core-to-core round trip printed
# first and last (bench/CoreLatency.java) names the machine's state.
#
#   bench/compare.sh BASE_DIR [REPS]      default REPS: 3
#
# Both checkouts must be built: mvn -B -q -DskipTests package in each (git worktree add BASE_DIR
# COMMIT makes the other one). Needs go for the log files (apt-get install golang-go).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
source "$root/bench/common.sh"
base=${1:-}
reps=${2:-3}
[[ -n $base && -d $base && $reps =~ ^[1-9][0-9]*$ ]] ||
  { echo "usage: ${0##*/} BASE_DIR [REPS]  (a built checkout; REPS a positive integer)" >&2; exit 2; }
for dir in "$root" "$base"; do
  require_jar "$dir/example/target/stagehand-example.jar"
  require_jar "$dir/benchmarks/target/benchmarks.jar"
done
java=$(java21)

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
generate_logs 300000 "$tmp"

run() { # $1 tag, $2 checkout
  echo "[$1] $("$2/bin/stagehand" squares --bench --n 2000000 --workers 2 --buffer 64 | tail -1)"
  "$2/bin/stagehand" logs --bench --rounds 5 "${files[@]}" | grep -E 'variant=(defaults|loop) ' | sed "s/^/[$1] /"
  echo "[$1] $("$java" -cp "$2/benchmarks/target/benchmarks.jar" io.github.stagehand.benchmarks.CloseLatency 50 | tail -1)"
}
echo "$("$java" "$root/bench/CoreLatency.java" | tail -1); load $(cut -d' ' -f1-3 /proc/loadavg)"
for ((r = 1; r <= reps; r++)); do
  if ((r % 2)); then run base "$base"; run this "$root"; else run this "$root"; run base "$base"; fi
done | tee "$tmp/lines"
echo "$("$java" "$root/bench/CoreLatency.java" | tail -1)"
echo
for figure in 'items/s' 'defaults best s' 'loop best s' 'p50' 'p99'; do
  for side in base this; do
    case $figure in
      items/s) values=$(grep "^\[$side\] .*sqpipe" "$tmp/lines" | sed 's/.*items\/s=\([0-9]*\).*/\1/') ;;
      'defaults best s') values=$(grep "^\[$side\] .*variant=defaults" "$tmp/lines" | sed 's/.* s=\([0-9.]*\).*/\1/') ;;
      'loop best s') values=$(grep "^\[$side\] .*variant=loop" "$tmp/lines" | sed 's/.* s=\([0-9.]*\).*/\1/') ;;
      *) values=$(grep "^\[$side\] close" "$tmp/lines" | sed "s/.*$figure=\([0-9.]*\)ms.*/\1/") ;;
    esac
    sorted=$(sort -g <<<"$values")
    n=$(grep -c . <<<"$sorted")
    echo "$figure [$side]: fewest $(head -1 <<<"$sorted") median $(sed -n "$(((n + 1) / 2))p" <<<"$sorted") most $(tail -1 <<<"$sorted") (n=$n)"
  done
done
