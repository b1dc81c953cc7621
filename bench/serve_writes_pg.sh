#!/usr/bin/env bash
# Durable writes through two servers on one PostgreSQL against one server on SQLite
# (docs/BENCHMARKS.md, issue 17), in one run on the same disk: li, principal of a district's
# 32 schools, signed in, creates tasks (POST /api/items: an item and its audit entry in one
# transaction) with 32 connections for SECONDS — first to one `docket serve` on a SQLite
# file (synchronous=FULL, the group commit), then 16 connections to each of two `docket
# serve` processes on one throw-away PostgreSQL 15 cluster (scripts/pg-cluster, fsync and
# synchronous_commit on, its data on the same disk). Two workloads on each: every creation
# in one school (one chain: the servers take turns at its head), and the creations spread
# over the 32 schools in turn (32 chains). Prints each rate and the ratios; afterwards every
# chain verifies on both.
# Usage: bench/serve_writes_pg.sh [BUILD_DIR] [SECONDS (default 10)] [DIR (default /var/tmp)]
set -euo pipefail
here=$(dirname "$(realpath "$0")")
source "$here/serve_lib.sh"
build=${1:-build}
seconds=${2:-10}
docket=$(realpath "$build/docket")
work=$(mktemp -d "${3:-/var/tmp}/docket-writes-pg.XXXXXX")
chmod 755 "$work"
pid=
pid2=
cluster="$work/pg"
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; [ -n "$pid2" ] && kill "$pid2" 2>/dev/null; wait 2>/dev/null;
      "$here/../scripts/pg-cluster" stop "$cluster" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
cd "$work"

python3 - > district.yaml <<'PY'
schools = [f"s{i:02d}" for i in range(1, 33)]
print("roles:\n  principal: {labels: {zh: 校长, en: Principal}}\n  admin: {labels: {zh: 系统管理员, en: Administrator}}")
print("organizations:\n  - {id: district, name: {zh: 区, en: District}, kind: supervisor}")
for s in schools:
    print(f"  - {{id: {s}, parent: district, name: {{zh: 学校{s}, en: School {s}}}, kind: school}}")
print("people:\n  - id: li\n    name: {zh: 李校长, en: Li}\n    roles:")
for s in schools:
    print(f"      - {{org: {s}, role: principal}}")
print("  - {id: zhao, name: {zh: 赵, en: Zhao}, roles: [{org: district, role: admin}]}")
PY
# setup DB: a simulation with that district and the shipped workflows.
setup() {
  "$docket" --db "$1" init --simulation >/dev/null
  "$docket" --db "$1" org load district.yaml >/dev/null
  "$docket" --db "$1" workflow load >/dev/null
}
# post_lua SCHOOLS: li's creations in the first SCHOOLS schools in turn, with the session
# signed in last (serve_signed_in's cookie, csrf).
post_lua() {
  cat > post.lua <<LUA
local n = 0
local h = { ["Content-Type"] = "application/json", ["Cookie"] = "$cookie", ["X-CSRF-Token"] = "$csrf" }
request = function()
  n = n + 1
  local school = string.format("s%02d", (n % $1) + 1)
  return wrk.format("POST", "/api/items", h, '{"workflow":"task","org":"' .. school .. '","fields":{"title":"bench","owner":"li","due_date":"2027-06-30"}}')
end
LUA
}
rate() { awk '/Requests\/sec/ {print $2}' "$1"; }
report() { grep -E 'Requests/sec|Non-2xx|99%|errors' "$1" | sed 's/^/  /'; }

setup bench.db
serve_signed_in "$docket" bench.db
for schools in 1 32; do
  echo "== SQLite: one server, 32 connections, $schools school(s)"
  post_lua "$schools"
  wrk -t2 -c32 -d"${seconds}s" --latency -s post.lua "$url" > "sqlite-$schools.txt"
  report "sqlite-$schools.txt"
done
kill -TERM "$pid"; wait "$pid" || true; pid=
"$docket" --db bench.db audit verify | tail -1

PG_CLUSTER_OPTIONS="-c fsync=on -c synchronous_commit=on" "$here/../scripts/pg-cluster" start "$cluster" >/dev/null
[ -f "$cluster/url" ] || { echo "no PostgreSQL 15 (scripts/pg-cluster)"; exit 1; }
echo "PostgreSQL: fsync $(psql "$(cat "$cluster/url")" -XAtc 'show fsync'), synchronous_commit $(psql "$(cat "$cluster/url")" -XAtc 'show synchronous_commit')"
pg=$(cat "$cluster/url")
setup "$pg"
mkdir -p one two
cd one; serve_signed_in "$docket" "$pg"; cd ..
# The second server on the same database: the session is in the database, so li's cookie
# serves on both.
"$docket" --db "$pg" --lang en serve --listen 127.0.0.1:0 --threads 32 --tick-every 0 >two/serve.out 2>two/serve.err &
pid2=$!
for _ in $(seq 100); do grep -q 'http://' two/serve.out && break; sleep 0.05; done
url2=$(grep -o 'http://[0-9.:]*' two/serve.out)
for schools in 1 32; do
  echo "== PostgreSQL 15: two servers on one database, 16 connections each, $schools school(s)"
  post_lua "$schools"
  wrk -t1 -c16 -d"${seconds}s" --latency -s post.lua "$url" > "pg1-$schools.txt" &
  w1=$!
  wrk -t1 -c16 -d"${seconds}s" --latency -s post.lua "$url2" > "pg2-$schools.txt"
  wait "$w1"
  echo " server 1:"; report "pg1-$schools.txt"
  echo " server 2:"; report "pg2-$schools.txt"
done
kill -TERM "$pid" "$pid2"; wait "$pid" || true; wait "$pid2" || true; pid=; pid2=
"$docket" --db "$pg" audit verify | tail -1
for schools in 1 32; do
  python3 - "$schools" "$(rate "sqlite-$schools.txt")" "$(rate "pg1-$schools.txt")" "$(rate "pg2-$schools.txt")" <<'PY'
import sys
schools = sys.argv[1]
sqlite, one, two = map(float, sys.argv[2:])
print(f"{schools} school(s): SQLite, one server: {sqlite:.0f} req/s; PostgreSQL, two servers: "
      f"{one:.0f} + {two:.0f} = {one + two:.0f} req/s ({(one + two) / sqlite:.2f}x SQLite's)")
PY
done
