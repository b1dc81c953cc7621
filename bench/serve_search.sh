#!/usr/bin/env bash
# GET /api/items searched and paged (?q=, ?limit=, ?after=) over a school-sized store: one
# school with N tasks (default 5,000; one created by the CLI, the rest copies of it written
# with sqlite3, titles 第K号任务 and one of ten subjects, Chinese and Latin), `docket serve`
# on loopback, a read-only API token, curl timing each request 20 times: the median and the
# slowest (docs/BENCHMARKS.md, "Searching a school's items"). Stops the server it started.
# Usage: bench/serve_search.sh [BUILD_DIR] [N]
set -euo pipefail
build=${1:-build}
n=${2:-5000}
docket=$(realpath "$build/docket")
src=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d /tmp/search-bench-XXXXXX)
pid=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT
cd "$work"
d() { "$docket" --db bench.db "$@"; }
d init --simulation >/dev/null
d org load "$src/workflows/examples/org.yaml" >/dev/null
d workflow load >/dev/null
d --as wang item create task --org school-a --set title=第0号任务 --set owner=li --set due_date=2027-06-30 >/dev/null
sqlite3 bench.db <<SQL
WITH RECURSIVE k(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM k WHERE n < $n - 1)
INSERT INTO items(org, workflow, workflow_version, state, fields, parent, version, created_at, updated_at)
SELECT i.org, i.workflow, i.workflow_version, i.state,
       json_set(i.fields, '$.title', '第' || k.n || '号任务 ' ||
         CASE k.n % 10 WHEN 0 THEN '食堂改造' WHEN 1 THEN '校舍维修 Repair' WHEN 2 THEN '实验室安全'
           WHEN 3 THEN '教师培训 Training' WHEN 4 THEN '预算审议' WHEN 5 THEN '绿化工程'
           WHEN 6 THEN '招生计划' WHEN 7 THEN '课程改革' WHEN 8 THEN '家校沟通' ELSE '安全演练 Drill' END),
       NULL, 1, i.created_at, i.updated_at
FROM k, items i WHERE i.id = (SELECT min(id) FROM items);
SQL
echo "items in school-a: $(sqlite3 bench.db "SELECT count(*) FROM items WHERE org='school-a'")"
token=$(d --json token create --for zhao --org school-a --scope read | sed -n 's/.*"token": *"\([^"]*\)".*/\1/p')
"$docket" --db bench.db serve --listen 127.0.0.1:0 >serve.out 2>serve.err &
pid=$!
for _ in $(seq 100); do grep -q 'http://' serve.out && break; sleep 0.05; done
url=$(grep -o 'http://[0-9.:]*' serve.out)
measure() {  # LABEL QUERY
  local times
  times=$(for _ in $(seq 20); do
    curl -s -o /dev/null -w '%{time_total}\n' -H "Authorization: Bearer $token" "$url/api/items?org=school-a&$2"
  done | sort -n)
  local count
  count=$(curl -s -H "Authorization: Bearer $token" "$url/api/items?org=school-a&$2" | python3 -c 'import json, sys; print(len(json.load(sys.stdin)))')
  printf '%-46s %5s items  median %6.1f ms  slowest %6.1f ms\n' "$1" "$count" \
    "$(echo "$times" | sed -n 10p | awk '{print $1 * 1000}')" "$(echo "$times" | tail -1 | awk '{print $1 * 1000}')"
}
canteen=%E9%A3%9F%E5%A0%82  # 食堂
measure "q=食堂 (1 in 10 match), limit=50" "q=$canteen&limit=50"
measure "q=repair (Latin, 1 in 10), limit=50" "q=repair&limit=50"
measure "q=没有 (no match: every item read)" "q=%E6%B2%A1%E6%9C%89"
measure "q=食堂, limit=500" "q=$canteen&limit=500"
measure "limit=50 (no search)" "limit=50"
measure "the whole list (no q, limit or after)" "workflow=task"
# The store's statement alone (SqliteStore::ListItems with a search that matches nothing: every
# item's fields read by json_each), timed by sqlite3, best of 5.
for _ in 1 2 3 4 5; do
  printf '%s\n' ".timer on" "SELECT count(*) FROM items WHERE org='school-a' AND EXISTS (SELECT 1 FROM json_each(items.fields) f
    WHERE f.type='text' AND instr(lower(f.value), '没有') > 0);" | sqlite3 bench.db | sed -n 's/^Run Time: real \([0-9.]*\).*/\1/p'
done | sort -n | head -1 | awk '{printf "the search statement in sqlite3, no match, %d items: %.1f ms (best of 5)\n", '"$n"', $1 * 1000}'
