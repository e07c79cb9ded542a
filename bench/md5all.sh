#!/usr/bin/env bash
# md5all side by side with its anchors, on the same warm tree, in one run. Not a test: it prints
# figures and ratios and asserts nothing but that every implementation printed the same sums.
#
#   bench/md5all.sh [TREE] [ROUNDS]    TREE defaults to /usr/share, ROUNDS to 3
#
# Per round, in this order: ../shared/bench/anchors.sh md5all TREE (Go's bounded MD5All with 20
# workers, then find | xargs -0 -P2 -n64 md5sum), then md5all through bin/stagehand and through
# java -jar, wall time with JVM start-up included. Each figure is the best of the rounds (the
# machine is shared: the best round is the one least disturbed). Then a tree of a few large files
# (LARGE_FILES x LARGE_MIB MiB, under $BENCH_TMP) against its ceiling: the bytes over
# nproc x one core's MessageDigest throughput (bench/Md5Limit.java).
#
# Environment: ANCHORS (path to anchors.sh), BENCH_TMP (default /tmp/md5all-bench),
# LARGE_FILES (4; 0 skips that part), LARGE_MIB (256), WORKERS (md5all --workers; default: its
# own).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
anchors=${ANCHORS:-$root/../shared/bench/anchors.sh}
tree=${1:-/usr/share}
rounds=${2:-3}
tmp=${BENCH_TMP:-/tmp/md5all-bench}
jar=$root/example/target/stagehand-example.jar
workers=${WORKERS:+--workers $WORKERS}
mkdir -p "$tmp"
[[ -f $jar ]] || { echo "md5all.sh: build the jar first: mvn -B -q -DskipTests package" >&2; exit 2; }

java=
for candidate in ${JAVA_HOME:+$JAVA_HOME/bin/java} /usr/lib/jvm/*/bin/java; do
  v=$("$candidate" -XshowSettings:properties -version 2>&1 | sed -n 's/ *java.specification.version = //p')
  [[ ${v%%.*} -ge 21 ]] && java=$candidate
done

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }
best() { tr ' ' '\n' | grep . | sort -g | head -1 | awk '{ printf "%.2f", $1 }'; }
last() { awk '{ printf "%.2f", $NF }' <<<"$1"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
cpu() { /usr/bin/time -f '%U %S' -o "$tmp/cpu" "$@" >/dev/null 2>&1 || true; awk '{ printf "%.2f", $1 + $2 }' "$tmp/cpu"; }
warm() { find "$1" -type f -print0 | xargs -0 -r cat >/dev/null 2>&1 || true; }

echo "tree $tree: $(find "$tree" -type f | wc -l) files, $(du -sb --apparent-size "$tree" 2>/dev/null | cut -f1) bytes; $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg)"
warm "$tree"

go_s='' md5sum_s='' ours_s='' jar_s='' md5sum_cpu='' ours_cpu='' agree=yes
for ((r = 1; r <= rounds; r++)); do
  lines=$("$anchors" md5all "$tree")
  go_s+=" $(sed -n 's/^go md5all.* seconds=//p' <<<"$lines")"
  md5sum_s+=" $(sed -n 's/^md5sum xargs.* seconds=//p' <<<"$lines")"
  t0=$(now); "$root/bin/stagehand" md5all $workers "$tree" >"$tmp/ours.out" 2>"$tmp/ours.err" || true; t1=$(now)
  ours_s+=" $(elapsed "$t0" "$t1")"
  # CPU seconds (user + sys) too: less disturbed than wall time when the machine is shared
  md5sum_cpu+=" $(cpu bash -c "find '$tree' -type f -print0 | xargs -0 -P2 -n64 md5sum >/dev/null")"
  ours_cpu+=" $(cpu "$java" -jar "$jar" md5all $workers "$tree")"
  t0=$(now); "$java" -jar "$jar" md5all $workers "$tree" >/dev/null 2>&1 || true; t1=$(now)
  jar_s+=" $(elapsed "$t0" "$t1")"
  LC_ALL=C sort -k2 "$tmp/ours.out" | cmp -s - "${ANCHORS_BIN:-/tmp/stagehand-anchors}/md5sum.out" || agree=no
  echo "round $r: go $(last "$go_s") md5sum $(last "$md5sum_s") bin/stagehand md5all $(last "$ours_s") java -jar $(last "$jar_s"); CPU s: md5sum $(last "$md5sum_cpu") md5all $(last "$ours_cpu")"
done
go_b=$(best <<<"$go_s") md5sum_b=$(best <<<"$md5sum_s") ours_b=$(best <<<"$ours_s") jar_b=$(best <<<"$jar_s")
echo
md5sum_c=$(best <<<"$md5sum_cpu") ours_c=$(best <<<"$ours_cpu")
echo "| $tree, warm, best of $rounds | wall s | vs md5sum -P2 | CPU s |"
echo "|---|---:|---:|---:|"
echo "| find \| xargs -0 -P2 -n64 md5sum | $md5sum_b | 1.00 | $md5sum_c |"
echo "| Go MD5All (20 workers) | $go_b | $(ratio "$go_b" "$md5sum_b") | |"
echo "| bin/stagehand md5all | $ours_b | $(ratio "$ours_b" "$md5sum_b") | |"
echo "| java -jar stagehand-example.jar md5all | $jar_b | $(ratio "$jar_b" "$md5sum_b") | $ours_c |"
echo "md5all agrees with md5sum: $agree (stderr: $(wc -l <"$tmp/ours.err") lines); target: bin/stagehand <= 0.80 x md5sum"

# A few large files: the digest itself is the bottleneck, so the ceiling is nproc cores each
# running MessageDigest flat out on bytes already in memory.
large=$tmp/large
files=${LARGE_FILES:-4} mib=${LARGE_MIB:-256}
[[ $files -gt 0 ]] || exit 0
if [[ $(find "$large" -type f 2>/dev/null | wc -l) -ne $files ]] || [[ $(stat -c %s "$large/f1" 2>/dev/null) != $((mib << 20)) ]]; then
  rm -rf "$large" && mkdir -p "$large"
  for ((i = 1; i <= files; i++)); do head -c $((mib << 20)) /dev/urandom >"$large/f$i"; done
fi
warm "$large"
limits=$("$java" -cp "$jar" "$root/bench/Md5Limit.java" md5 "$large" ${WORKERS:-})
rate=$(awk '/^ceiling/ { print $3 }' <<<"$limits")
inside=$(awk '/^pipeline/ { printf "%.2f", $3 }' <<<"$limits")
bytes=$((files * (mib << 20)))
limit=$(awk -v b="$bytes" -v r="$rate" -v c="$(nproc)" 'BEGIN { printf "%.2f", b / (c * r) }')
large_s='' large_md5sum_s=''
for ((r = 1; r <= rounds; r++)); do
  t0=$(now); "$root/bin/stagehand" md5all $workers "$large" >/dev/null; t1=$(now)
  large_s+=" $(elapsed "$t0" "$t1")"
  t0=$(now); find "$large" -type f -print0 | xargs -0 -P2 -n1 md5sum >/dev/null; t1=$(now)
  large_md5sum_s+=" $(elapsed "$t0" "$t1")"
done
large_b=$(best <<<"$large_s") large_md5sum_b=$(best <<<"$large_md5sum_s")
echo
echo "| $files x $mib MiB, warm, best of $rounds | wall s | vs ceiling |"
echo "|---|---:|---:|"
echo "| ceiling: $bytes B / ($(nproc) x $(awk -v r="$rate" 'BEGIN { printf "%.0f", r / 1e6 }') MB/s, one core's MessageDigest MD5) | $limit | 1.00 |"
echo "| md5all pipeline in a warm JVM (no start-up) | $inside | $(ratio "$inside" "$limit") |"
echo "| bin/stagehand md5all (JVM start-up included) | $large_b | $(ratio "$large_b" "$limit") |"
echo "| find \| xargs -0 -P2 -n1 md5sum | $large_md5sum_b | $(ratio "$large_md5sum_b" "$limit") |"
echo "target: <= 1.20 x ceiling"
