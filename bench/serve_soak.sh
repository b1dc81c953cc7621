#!/usr/bin/env bash
# Soak (docs/BENCHMARKS.md, "Server"): `docket serve` on the demo's database, li signed in;
# first the saturation rate of GET /api/items/ID with 32 connections (10 s), then SECONDS
# (default 600) at 80 % of it — wrk paced by a per-request delay, 1 request in 10 a
# creation (POST /api/items) — while the server's resident memory is sampled every 10 s.
# Passes when there are no errors and no non-2xx answers, and the resident memory after
# the first minute stays within 10 % of its first sample after that minute.
# Usage: bench/serve_soak.sh [BUILD_DIR] [SECONDS (default 600)]
set -euo pipefail
here=$(dirname "$(realpath "$0")")
source "$here/serve_lib.sh"
build=${1:-build}
seconds=${2:-600}
docket=$(realpath "$build/docket")
work=$(mktemp -d /var/tmp/docket-soak.XXXXXX)
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT
cd "$work"
"$docket" --lang en demo --db bench.db >/dev/null
serve_signed_in "$docket" bench.db
item=$(curl -sf -H "Cookie: $cookie" "$url/api/items?org=school-a" | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')
wrk -t2 -c32 -d10s -H "Cookie: $cookie" "$url/api/items/$item" > saturation.txt
saturation=$(awk '/Requests\/sec/ {print int($2)}' saturation.txt)
target=$(( saturation * 8 / 10 ))
# 32 connections at target/32 requests a second each: a pause of 32000/target ms per request,
# less the request's own time at saturation (wrk's mean latency), which wrk does not subtract.
latency_us=$(awk '/Latency/ {v=$2; u=substr(v, length(v)-1); n=v+0; if (u=="ms") n*=1000; else if (u=="us") n*=1; else n*=1000000; print int(n); exit}' saturation.txt)
delay=$(( (32000000 / target - latency_us) / 1000 ))
[ "$delay" -lt 1 ] && delay=1
echo "saturation $saturation req/s; soak at <= $target req/s (delay ${delay} ms per request per connection) for ${seconds} s"
cat > mix.lua <<LUA
local n = 0
request = function()
  n = n + 1
  local h = { ["Cookie"] = "$cookie", ["X-CSRF-Token"] = "$csrf", ["Content-Type"] = "application/json" }
  if n % 10 == 0 then
    return wrk.format("POST", "/api/items", h, '{"workflow":"task","org":"school-a","fields":{"title":"soak","owner":"li","due_date":"2027-06-30"}}')
  end
  return wrk.format("GET", "/api/items/$item", h)
end
delay = function() return $delay end
LUA
( for _ in $(seq $(( seconds / 10 ))); do sleep 10; awk '/VmRSS/ {print $2}' /proc/$pid/status; done > rss.txt ) &
sampler=$!
wrk -t2 -c32 -d"${seconds}s" --latency -s mix.lua "$url" > soak.txt
wait "$sampler" || true
grep -E 'requests in|Requests/sec|Non-2xx|Socket errors|99%' soak.txt
python3 - "$seconds" <<'PY'
import sys
rss = [int(x) for x in open("rss.txt").read().split()]
after = rss[6:] if len(rss) > 6 else rss  # from the end of the first minute
first, peak = after[0], max(after)
print(f"resident memory (KiB) after the first minute: first {first}, max {peak}, last {after[-1]} "
      f"({(peak - first) * 100 / first:.1f} % above the first)")
sys.exit(0 if peak <= first * 1.10 else 1)
PY
errors=$(grep -cE 'Non-2xx|Socket errors' soak.txt || true)
kill -TERM "$pid"; wait "$pid" || true; pid=
[ "$errors" = 0 ] && echo "soak: 0 errors" || { echo "soak: errors"; exit 1; }
