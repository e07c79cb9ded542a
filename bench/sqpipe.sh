#!/usr/bin/env bash
# The seed pipeline (gen -> sq x WORKERS -> merge over N ints) side by side: the anchors
# (../shared/bench/anchors.sh sqpipe N WORKERS B: Go, j.u.c queues + virtual threads, Jox with
# select(send, done)) and Stagehand's generated wiring (bin/stagehand squares --bench, which runs
# on one carrier, docs/adr/0010; and the same with the JVM's default carriers), for buffer 0
# and 64. REPS repetitions, the order of the two alternating, each figure the best
# items/s of its own rounds; then the best of the repetitions and the ratios Stagehand/Go,
# Stagehand/j.u.c and Stagehand/Jox (above 1.00 Stagehand is faster; targets vs Go: >= 2.00
# unbuffered, >= 3.00 with buffer 64). Compare ratios from one call, never absolute numbers.
#
#   bench/sqpipe.sh [N] [WORKERS] [REPS]      defaults: 2000000 2 3
#
# At the defaults this takes a while (the Jox anchor moves ~0.1 M items/s unbuffered, and each
# anchor runs 5 rounds); N=500000 gives a quicker, noisier look. Environment: ANCHORS (path to
# anchors.sh), BUFFERS (default "0 64").
# Build the example jar first: mvn -B -q -o -DskipTests package
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
source "$root/bench/common.sh"
anchors=${ANCHORS:-$root/../shared/bench/anchors.sh}
n=${1:-2000000}
workers=${2:-2}
reps=${3:-3}
require_jar "$root/example/target/stagehand-example.jar"
require_anchors "$anchors"

echo "sqpipe n=$n workers=$workers, $reps repetitions; $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg)"
run_anchors() { anchor_lines=$("$anchors" sqpipe "$n" "$workers" "$1"); }
run_ours() {
  ours_line=$("$root/bin/stagehand" squares --bench --n "$n" --workers "$workers" --buffer "$1" | tail -1)
  # shellcheck disable=SC2097,SC2098 # the default carriers: one per core; a later -D wins
  cores_line=$(STAGEHAND_JAVA_OPTS="-Djdk.virtualThreadScheduler.parallelism=$(nproc) ${STAGEHAND_JAVA_OPTS:-}" \
    "$root/bin/stagehand" squares --bench --n "$n" --workers "$workers" --buffer "$1" | tail -1)
}

table=()
for b in ${BUFFERS:-0 64}; do
  go='' juc='' jox='' ours='' cores=''
  for ((r = 1; r <= reps; r++)); do
    if ((r % 2)); then run_anchors "$b"; run_ours "$b"; else run_ours "$b"; run_anchors "$b"; fi
    go+=" $(field items/s "$(grep '^go sqpipe' <<<"$anchor_lines")")"
    juc+=" $(field items/s "$(grep '^java-juc sqpipe' <<<"$anchor_lines")")"
    jox+=" $(field items/s "$(grep '^java-jox sqpipe' <<<"$anchor_lines")")"
    ours+=" $(field items/s "$ours_line")"
    cores+=" $(field items/s "$cores_line")"
    echo "buffer $b, rep $r (items/s): go ${go##* } j.u.c ${juc##* } jox ${jox##* } stagehand ${ours##* } (default carriers ${cores##* })"
  done
  go_b=$(largest <<<"$go") juc_b=$(largest <<<"$juc") jox_b=$(largest <<<"$jox") ours_b=$(largest <<<"$ours") cores_b=$(largest <<<"$cores")
  case $b in 0) target=' (target >= 2.00)' ;; 64) target=' (target >= 3.00)' ;; *) target='' ;; esac
  table+=("| $b | $go_b | $juc_b | $jox_b | $ours_b | $(ratio "$ours_b" "$go_b")$target | $(ratio "$ours_b" "$juc_b") | $(ratio "$ours_b" "$jox_b") | $cores_b | $(ratio "$cores_b" "$go_b") |")
done
echo
echo "| buffer | Go items/s | j.u.c items/s | Jox items/s | Stagehand (one carrier) items/s | Stagehand/Go | Stagehand/j.u.c | Stagehand/Jox | Stagehand, default carriers | / Go |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
printf '%s\n' "${table[@]}"
echo "(best of $reps repetitions each; n=$n workers=$workers)"
