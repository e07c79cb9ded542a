#!/usr/bin/env bash
# logship side by side with two anchors, on the same access log, in one call: LINES generated
# access-log lines (Combined and Common Log Format, about 1% malformed) loaded into a fresh SQLite
# database by
#   logship  bin/stagehand logship --batch 500: the pipeline (read -> parse x2 -> two sinks)
#   loop     bin/stagehand logship --batch 500 --loop: the same reads, parse and batched inserts
#            as one plain loop on one thread (example/.../LogshipLoop.java)
#   sqlite3  sqlite3's own .import of the same rows as CSV (exported from the first logship
#            database), into the same schema with the same pragmas, in one transaction: SQLite
#            alone, no parsing (its CSV has no NULL, so it stores '' where logship stores NULL)
# Wall time, JVM start included, each variant once per repetition in turns whose order rotates;
# then each variant's best and median, and the ratios of logship's to the others'. Target:
# logship <= 0.70x the loop's time. The core-to-core round trip (bench/CoreLatency.java) before
# and after tells which minutes the figures come from (docs/performance.md, "Two carriers or one").
# Not a test: it asserts only that logship and the loop stored the same counts.
#
#   bench/logship.sh [LINES] [REPS]      defaults: 1000000 5
#
# Environment: BENCH_TMP (default: a new directory under /tmp, removed at the end),
# STAGEHAND_JAVA_OPTS (as for bin/stagehand). Needs sqlite3 (apt-get install sqlite3) and the
# example jar: mvn -B -q -o -DskipTests package
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
source "$root/bench/common.sh"
lines=${1:-1000000}
reps=${2:-5}
for arg in "$lines" "$reps"; do
  [[ $arg =~ ^[1-9][0-9]*$ ]] || { echo "usage: ${0##*/} [LINES] [REPS]  (positive integers)" >&2; exit 2; }
done
require_jar "$root/example/target/stagehand-example.jar"
command -v sqlite3 >/dev/null || { echo "${0##*/}: sqlite3 is missing; install it: apt-get install -y sqlite3" >&2; exit 2; }
if [[ -n ${BENCH_TMP:-} ]]; then
  tmp=$BENCH_TMP
  mkdir -p "$tmp"
else
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
fi
java=$(java21)

# The log: one request a second or two from 2023-11-14 on, 80% in the Combined format, and about
# 1% malformed (cut short, a bad status, a month that is none, a line of garbage).
LC_ALL=C awk -v n="$lines" -v seed=1 '
BEGIN {
  srand(seed)
  split("GET GET GET GET POST HEAD PUT DELETE", methods, " ")
  split("200 200 200 200 200 304 301 404 500 403", statuses, " ")
  split("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36|curl/8.5.0|Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15|Googlebot/2.1 (+http://www.google.com/bot.html)|-", agents, "|")
  t = 1700000000
  for (i = 0; i < n; i++) {
    t += int(rand() * 2)
    host = int(rand() * 223) + 1 "." int(rand() * 256) "." int(rand() * 256) "." int(rand() * 256)
    user = rand() < 0.9 ? "-" : "user" int(rand() * 100)
    request = methods[int(rand() * 8) + 1] " /api/v" int(rand() * 3) "/items/" int(rand() * 100000) "?q=" int(rand() * 1000) " HTTP/1.1"
    size = rand() < 0.05 ? "-" : int(rand() * 50000)
    line = host " - " user " [" strftime("%d/%b/%Y:%H:%M:%S", t, 1) " +0000] \"" request "\" " statuses[int(rand() * 10) + 1] " " size
    if (rand() < 0.8) line = line " \"https://example.com/page/" int(rand() * 1000) "\" \"" agents[int(rand() * 5) + 1] "\""
    r = rand()
    if (r < 0.003) line = substr(line, 1, int(length(line) * rand()))
    else if (r < 0.006) sub(/ [0-9][0-9][0-9] /, " 2x0 ", line)
    else if (r < 0.008) line = "garbage " int(rand() * 1e9)
    else if (r < 0.01) sub(/\/[A-Z][a-z][a-z]\//, "/Foo/", line)
    print line
  }
}' >"$tmp/access.log"
sync # the log's dirty pages written back now, not during the first repetition

echo "logship lines=$lines ($(du -m "$tmp/access.log" | cut -f1) MiB), $reps repetitions; $(nproc) cores"
echo "before: $("$java" "$root/bench/CoreLatency.java" | tail -1); load $(cut -d' ' -f1-3 /proc/loadavg)"

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }
median() { tr ' ' '\n' | grep . | sort -g | awk '{ v[NR] = $1 } END { printf "%.3f", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
fresh() { rm -f "$tmp/$1" "$tmp/$1-wal" "$tmp/$1-shm"; }

run_logship() {  # DB [--loop]: prints the summary line
  fresh "$1"
  "$root/bin/stagehand" logship --batch 500 --db "$tmp/$1" ${2:-} "$tmp/access.log"
}

# The rows for sqlite3 as CSV, from one logship load, and the schema logship makes.
run_logship rows.db >/dev/null
sqlite3 -csv "$tmp/rows.db" 'SELECT * FROM requests' >"$tmp/requests.csv"
sqlite3 -csv "$tmp/rows.db" 'SELECT * FROM rejects' >"$tmp/rejects.csv"
schema=$(sqlite3 "$tmp/rows.db" .schema)
run_sqlite3() {
  fresh sqlite3.db
  sqlite3 "$tmp/sqlite3.db" >/dev/null <<EOF
PRAGMA journal_mode = WAL;
PRAGMA synchronous = NORMAL;
$schema
BEGIN;
.import --csv '$tmp/requests.csv' requests
.import --csv '$tmp/rejects.csv' rejects
COMMIT;
EOF
}

names=(logship loop sqlite3)
declare -A secs=()
expected=''
for ((r = 1; r <= reps; r++)); do
  summary=''
  for ((k = 0; k < ${#names[@]}; k++)); do
    name=${names[(k + r - 1) % ${#names[@]}]}
    t0=$(now)
    case $name in
      logship) out=$(run_logship logship.db) ;;
      loop) out=$(run_logship loop.db --loop) ;;
      sqlite3) out=$(run_sqlite3) ;;
    esac
    t1=$(now)
    if [[ $name != sqlite3 ]]; then
      counted=${out#*: }
      : "${expected:=$counted}"
      [[ $counted == "$expected" ]] || { echo "${0##*/}: $name stored $counted, but $expected before" >&2; exit 1; }
    fi
    secs[$name]+=" $(elapsed "$t0" "$t1")"
    summary+=" $name $(elapsed "$t0" "$t1")"
  done
  echo "rep $r (s):$summary"
done
echo "logship and the loop each stored $expected"
echo "after: $("$java" "$root/bench/CoreLatency.java" | tail -1); load $(cut -d' ' -f1-3 /proc/loadavg)"

declare -A best=() med=()
for name in "${names[@]}"; do
  best[$name]=$(smallest <<<"${secs[$name]}")
  med[$name]=$(median <<<"${secs[$name]}")
done
echo
echo "| logship, $lines lines, --batch 500 | best s | median s | logship / this, best | logship / this, median |"
echo "|---|---:|---:|---:|---:|"
for name in "${names[@]}"; do
  echo "| $name | ${best[$name]} | ${med[$name]} | $(ratio "${best[logship]}" "${best[$name]}") | $(ratio "${med[logship]}" "${med[$name]}") |"
done
echo "(target: logship <= 0.70x the loop's time)"
