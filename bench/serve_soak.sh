# Soak (docs/BENCHMARKS.md, "Server"): `docket serve` on the demo's database, li signed in,
# 32 connections, 1 request in 10 a creation (POST /api/items), the rest GET /api/items/ID.
# First the saturation rate of that mix (10 s, no pause), then the pause per request that
# holds it at 80 % of saturation, calibrated in short runs (wrk pauses a whole number of
# milliseconds: the script spreads a fractional pause over a thread's requests), then
# SECONDS (default 600) at that pace while the server's resident memory is sampled every
# 10 s. Passes when there are no errors and no non-2xx answers, the rate held is 75-85 % of
# saturation, and the resident memory after the first minute stays within 10 % of its
# first sample after that minute.
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
connections=32

# mix PAUSE_MS: the request mix, each connection pausing PAUSE_MS (a fraction allowed) on
# average before each request.
mix() {
  cat > mix.lua <<LUA
local n, owed = 0, 0
request = function()
  n = n + 1
  local h = { ["Cookie"] = "$cookie", ["X-CSRF-Token"] = "$csrf", ["Content-Type"] = "application/json" }
  if n % 10 == 0 then
    return wrk.format("POST", "/api/items", h, '{"workflow":"task","org":"school-a","fields":{"title":"soak","owner":"li","due_date":"2027-06-30"}}')
  end
  return wrk.format("GET", "/api/items/$item", h)
end
delay = function()
  owed = owed + $1
  local whole = math.floor(owed)
  owed = owed - whole
  return whole
end
LUA
}
rate() { awk '/Requests\/sec/ {print $2}' "$1"; }

mix 0
wrk -t2 -c$connections -d10s -s mix.lua "$url" > saturation.txt
saturation=$(rate saturation.txt)
target=$(python3 -c "print($saturation * 0.8)")
# rate = connections / (latency + pause): start from the latency at saturation, then correct
# the latency from each calibration run's rate.
pause=$(python3 -c "print(max(0.0, 1000 * ($connections / $target - $connections / $saturation)))")
for round in 1 2 3 4; do
  mix "$pause"
  wrk -t2 -c$connections -d10s -s mix.lua "$url" > calibrate.txt
  got=$(rate calibrate.txt)
  printf 'calibration %d: pause %.3f ms per request -> %.0f req/s (target %.0f)\n' "$round" "$pause" "$got" "$target"
  read -r pause done < <(python3 -c "
c, t, r, p = $connections, $target, $got, $pause
latency = max(0.0, 1000 * c / r - p)
print(max(0.0, 1000 * c / t - latency), int(abs(r - t) <= 0.02 * t))")
  [ "$done" = 1 ] && break
done
mix "$pause"
printf 'saturation of the mix %.0f req/s; soak at %.0f req/s (pause %.3f ms per request per connection) for %d s\n' "$saturation" "$target" "$pause" "$seconds"
( for _ in $(seq $(( seconds / 10 ))); do sleep 10; awk '/VmRSS/ {print $2}' /proc/$pid/status; done > rss.txt ) &
sampler=$!
wrk -t2 -c$connections -d"${seconds}s" --latency -s mix.lua "$url" > soak.txt
wait "$sampler" || true
grep -E 'requests in|Requests/sec|Non-2xx|Socket errors|99%' soak.txt
held=$(rate soak.txt)
python3 - "$held" "$saturation" <<'PY'
import sys
held, saturation = float(sys.argv[1]), float(sys.argv[2])
share = held * 100 / saturation
print(f"held {held:.0f} req/s = {share:.1f} % of saturation {saturation:.0f}")
rss = [int(x) for x in open("rss.txt").read().split()]
after = rss[6:] if len(rss) > 6 else rss  # from the end of the first minute
first, peak = after[0], max(after)
print(f"resident memory (KiB) after the first minute: first {first}, max {peak}, last {after[-1]} "
      f"({(peak - first) * 100 / first:.1f} % above the first)")
sys.exit(0 if peak <= first * 1.10 and 75 <= share <= 85 else 1)
PY
errors=$(grep -cE 'Non-2xx|Socket errors' soak.txt || true)
kill -TERM "$pid"; wait "$pid" || true; pid=
[ "$errors" = 0 ] && echo "soak: 0 errors" || { echo "soak: errors"; exit 1; }
