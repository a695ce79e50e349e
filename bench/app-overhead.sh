#!/usr/bin/env bash
# Added wall time and peak RSS of test apps with vs without the agent: N rounds, alternating, medians and
# ratios. Usage: bench/app-overhead.sh ROUNDS MODULE PACKAGE "Main args..." ["Main args..." ...]
# (build first: mvn -B -DskipTests -DskipITs install). JAVA_OPTS applies to both runs; AGENT names another agent jar.
# START=warm (default): the agent's caches (woven classes, JDK patches, file hashes) are kept between runs.
# START=rebuilt: warm, but each round runs a fresh copy of the application's jar (its own code rebuilt,
#   the framework unchanged). START=cold: each run with the agent starts with empty caches (a new
#   user.home and ledger directory, first filled by an untimed run without the agent so that the
#   program's own caches there are warm for both), as the first start on a machine; the OS page cache stays warm.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="$1"; module="$2"; package="$3"; shift 3
agent="${AGENT:-$PWD/agent/target/runledger-agent.jar}"   # AGENT=another build, to compare
app="$PWD/test-apps/$module/target/$module-0.1.0-SNAPSHOT.jar"
deps="$(cat "test-apps/$module/target/classpath.txt")"
start="${START:-warm}"
case "$start" in warm|rebuilt|cold) ;; *) echo "START must be warm, rebuilt or cold" >&2; exit 2;; esac
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
echo "start: $start"

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
printf '%-28s %12s %12s %10s %12s %12s %10s\n' app "ms without" "ms with" ratio "MB without" "MB with" ratio
for spec in "$@"; do
  read -r main args <<< "${spec//OUT/$work/out}"
  : > "$work/t0"; : > "$work/t1"; : > "$work/m0"; : > "$work/m1"
  for r in $(seq "$rounds"); do
    jar="$app"
    if [ "$start" = rebuilt ]; then jar="$work/$module-$r.jar"; cp "$app" "$jar"; touch "$jar"; fi
    home="$HOME"; ledger="$work/ledger"
    if [ "$start" = cold ]; then
      home="$work/home-$main-$r"; ledger="$work/ledger-$main-$r"; mkdir -p "$home"
      # one untimed run without the agent first: what the program keeps under user.home (ND4J's native
      # libraries, unpacked by JavaCPP) is then there for both timed runs, and only the agent's caches are empty
      # shellcheck disable=SC2086
      java ${JAVA_OPTS:-} -Duser.home="$home" -cp "$jar:$deps" "$package.$main" $args >/dev/null 2>&1 || true
    fi
    for v in 0 1; do
      flag=""; [ "$v" = 1 ] && flag="-javaagent:$agent=dir=$ledger"
      t0=$(date +%s%N)
      # shellcheck disable=SC2086
      /usr/bin/time -f '%M' -o "$work/rss" java ${JAVA_OPTS:-} -Duser.home="$home" $flag -cp "$jar:$deps" "$package.$main" $args >/dev/null 2>&1
      t1=$(date +%s%N)
      echo $(( (t1 - t0) / 1000000 )) >> "$work/t$v"
      tail -1 "$work/rss" >> "$work/m$v"
    done
  done
  awk -v n="$main" -v a="$(median < "$work/t0")" -v b="$(median < "$work/t1")" -v c="$(median < "$work/m0")" -v d="$(median < "$work/m1")" \
    'BEGIN {printf "%-28s %12d %12d %10.3f %12.1f %12.1f %10.3f\n", n, a, b, b / a, c / 1024, d / 1024, d / c}'
done
