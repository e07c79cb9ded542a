# Shared by bench/whispers.sh and bench/sqpipe.sh; source it, do not run it.

# The feature release (21, 25, ...) of the java binary at $1.
java_feature() {
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/ *java.specification.version = //p' | cut -d. -f1
}

# The java binary of a JDK 21 or later: $JAVA_HOME's if it is one, else the newest under
# /usr/lib/jvm. Exits if there is none.
java21() {
  local candidate v found=
  for candidate in /usr/lib/jvm/*/bin/java ${JAVA_HOME:+$JAVA_HOME/bin/java}; do
    [[ -x $candidate ]] || continue
    v=$(java_feature "$candidate")
    [[ $v -ge 21 ]] 2>/dev/null && found=$candidate
  done
  [[ -n $found ]] || { echo "${0##*/}: no JDK 21 or later found (set JAVA_HOME)" >&2; exit 2; }
  echo "$found"
}

# Exits unless the jar at $1 exists, saying how to build it.
require_jar() {
  [[ -f $1 ]] || { echo "${0##*/}: $1 is missing; build it: mvn -B -q -o -DskipTests package" >&2; exit 2; }
}

# Exits unless the anchors script at $1 can run, saying how to point at it.
require_anchors() {
  [[ -x $1 ]] || { echo "${0##*/}: $1 is missing; set ANCHORS to ../shared/bench/anchors.sh" >&2; exit 2; }
}

# The largest and the smallest of the numbers on stdin (separated by spaces or newlines).
largest() { tr ' ' '\n' | grep . | sort -g | tail -1; }
smallest() { tr ' ' '\n' | grep . | sort -g | head -1; }

# a / b to two decimals.
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

# The value of KEY=VALUE in a line such as "go sqpipe n=10 best items/s=123" (figure KEY: items/s).
field() { sed -n "s|.*[ ]$1=\([0-9.]*\).*|\1|p" <<<"$2"; }

# Writes 3 synthetic log files of LINES/3 lines each (bench/logs/main.go, seeds 1-3) into the
# directory $2, and sets the array files to their paths. $1 is LINES. Needs go.
generate_logs() {
  local seed
  command -v go >/dev/null || { echo "${0##*/}: go is missing; install it: apt-get install -y golang-go" >&2; exit 2; }
  go build -o "$2/logs" "$root/bench/logs/main.go"
  files=()
  for seed in 1 2 3; do
    "$2/logs" -generate -lines $(($1 / 3)) -seed "$seed" "$2/app-$seed.log"
    files+=("$2/app-$seed.log")
  done
  sync # the input's dirty pages written back now, not during the first rounds
}
