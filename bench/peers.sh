#!/bin/bash
# Docket's transition benchmark and the peer engines of ../shared/peers, at the same N, in
# one run; prints the ratios as `figure: value unit` lines.
#
#   bench/peers.sh [N] [RUNS]        (defaults 2000 and 3; figures are medians of RUNS)
#
# Needs build/ (or $BUILD) with bench_transitions, Node 20 and npm. The peer scripts are
# copied to a temporary folder and installed there (npm compiles better-sqlite3, about a
# minute); set PEERS_INSTALLED=DIR to reuse an installed copy. Databases go to $BENCH_DB_DIR
# (default /tmp). synchronous=FULL and WAL for everyone.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
N=${1:-2000}
RUNS=${2:-3}
BUILD=${BUILD:-$root/build}
DBDIR=${BENCH_DB_DIR:-/tmp}
PEERS_SRC=${PEERS_SRC:-$root/../shared/peers}
bench="$BUILD/bench/bench_transitions"
[ -x "$bench" ] || { echo "no $bench: build first (cmake --build $BUILD --target bench_transitions)" >&2; exit 1; }

if [ -n "${PEERS_INSTALLED:-}" ]; then
  peers=$PEERS_INSTALLED
else
  peers=$(mktemp -d /tmp/docket-peers.XXXXXX)
  cp -r "$PEERS_SRC"/. "$peers"
  echo "# installing the peers in $peers (npm install)" >&2
  (cd "$peers" && npm install --foreground-scripts --no-audit --no-fund >/dev/null 2>"$peers/npm.log") ||
    { echo "npm install failed; see $peers/npm.log" >&2; exit 1; }
fi

out=$(mktemp /tmp/docket-peers-results.XXXXXX)
for r in $(seq 1 "$RUNS"); do
  echo "# run $r of $RUNS" >&2
  "$bench" --n "$N" --runs 1 --only full --dir "$DBDIR" | sed -n 's/^docket_full: \([0-9.]*\).*/docket \1/p' >> "$out"
  (cd "$peers" && export PEER_DB_DIR="$DBDIR" &&
    node bench-baseline.mjs "$N" | sed 's/^/baseline /' &&
    node bench-xstate.mjs "$N" cold | sed 's/^/xstate_cold /' &&
    node bench-xstate.mjs "$N" hot | sed 's/^/xstate_hot /' &&
    node bench-bpmn.mjs "$N" cold | sed 's/^/bpmn_cold /' &&
    node bench-bpmn.mjs "$N" hot | sed 's/^/bpmn_hot /') |
    sed -E 's/^([a-z_]+) .*"transitions_per_s":([0-9.]+).*/\1 \2/' >> "$out"
done
echo "# raw lines: $out" >&2
python3 - "$out" "$N" "$RUNS" "$DBDIR" <<'PY'
import sys, statistics
rows = {}
for line in open(sys.argv[1]):
    name, value = line.split()
    rows.setdefault(name, []).append(float(value))
med = {k: statistics.median(v) for k, v in rows.items()}
print(f"# n={sys.argv[2]} items x 5 transitions, median of {sys.argv[3]} runs, WAL, synchronous=FULL, databases in {sys.argv[4]}")
for k in ["docket", "baseline", "xstate_cold", "xstate_hot", "bpmn_cold", "bpmn_hot"]:
    print(f"{k}: {med[k]:.0f} transitions/s")
d = med["docket"]
for k in ["baseline", "xstate_cold", "xstate_hot", "bpmn_cold", "bpmn_hot"]:
    print(f"ratio_vs_{k}: {d / med[k]:.2f} x")
PY
