#!/usr/bin/env bash
# Durable writes through the server (docs/BENCHMARKS.md, "Server"): li, signed in, creates
# tasks (POST /api/items: an item and its audit entry in one transaction, synchronous=FULL)
# with 1 connection and then with 32, each for SECONDS, on one real database file in
# DIR (default: a new folder under /var/tmp, the ordinary disk). Loopback only.
# Usage: bench/serve_writes.sh [BUILD_DIR] [SECONDS (default 10)] [DIR]
set -euo pipefail
here=$(dirname "$(realpath "$0")")
source "$here/serve_lib.sh"
build=${1:-build}
seconds=${2:-10}
docket=$(realpath "$build/docket")
work=$(mktemp -d "${3:-/var/tmp}/docket-writes.XXXXXX")
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT
cd "$work"
"$docket" --db bench.db init --simulation >/dev/null
"$docket" --db bench.db org load "$here/../workflows/examples/org.yaml" >/dev/null
"$docket" --db bench.db workflow load >/dev/null
serve_signed_in "$docket" bench.db
cat > post.lua <<LUA
wrk.method = "POST"
wrk.body = '{"workflow":"task","org":"school-a","fields":{"title":"bench","owner":"li","due_date":"2027-06-30"}}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Cookie"] = "$cookie"
wrk.headers["X-CSRF-Token"] = "$csrf"
LUA
for conns in 1 32; do
  echo "== POST /api/items, $conns connection(s)"
  wrk -t"$(( conns < 2 ? 1 : 2 ))" -c"$conns" -d"${seconds}s" --latency -s post.lua "$url/api/items" |
    grep -E 'Requests/sec|Non-2xx|Latency  |99%|errors'
done
echo "items: $(sqlite3 bench.db 'SELECT count(*) FROM items' 2>/dev/null || echo '?')"
kill -TERM "$pid"
wait "$pid" && echo "server exit: 0"
pid=
"$docket" --db bench.db audit verify | tail -1
