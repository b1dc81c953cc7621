#!/usr/bin/env bash
# Reads through the server by a signed-in person (docs/BENCHMARKS.md, "Server"): the demo's
# database (a semester of school-a), li signed in with a session cookie, then wrk with 32
# connections for 10 s on each of: one item (GET /api/items/ID), li's inbox (GET /api/inbox),
# school-a's semester report (GET /api/reports/semester/school-a/2026-spring, JSON),
# and school-a's item list (GET /api/items?org=school-a). Loopback only; stops the server.
# Usage: bench/serve_reads.sh [BUILD_DIR] [SECONDS (default 10)]
set -euo pipefail
here=$(dirname "$(realpath "$0")")
source "$here/serve_lib.sh"
build=${1:-build}
seconds=${2:-10}
conns=${3:-32}
docket=$(realpath "$build/docket")
work=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT
cd "$work"
"$docket" --lang en demo --db bench.db >/dev/null
serve_signed_in "$docket" bench.db
item=$(curl -sf -H "Cookie: $cookie" "$url/api/items?org=school-a" | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')
for path in "/api/items/$item" "/api/inbox" "/api/reports/semester/school-a/2026-spring" "/api/items?org=school-a"; do
  code=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" "$url$path")
  echo "== GET $path (status $code, $(curl -s -H "Cookie: $cookie" "$url$path" | wc -c) bytes)"
  wrk -t"$(( conns < 2 ? 1 : 2 ))" -c"$conns" -d"${seconds}s" --latency -H "Cookie: $cookie" "$url$path" | grep -E 'Requests/sec|Non-2xx|Latency  |99%|errors'
done
kill -TERM "$pid"
wait "$pid" && echo "server exit: 0"
pid=
