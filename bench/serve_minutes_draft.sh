#!/usr/bin/env bash
# The minutes' draft of one meeting (GET /api/meetings/ID/minutes-draft, docs/BENCHMARKS.md section 14)
# timed N times on one keep-alive connection (curl's %{time_total} on loopback), signed in as
# s0001's clerk on a database bench/serve_pages.sh prepared (its accounts and password).
# Usage: bench/serve_minutes_draft.sh DOCKET DB MEETING_ID [N (default 100)]
set -euo pipefail
docket=$1; db=$2; id=$3; n=${4:-100}
work=$(mktemp -d /tmp/serve-draft-XXXXXX)
"$docket" --db "$db" --lang en serve --listen 127.0.0.1:0 --threads 4 --tick-every 0 >"$work/out" 2>"$work/err" &
pid=$!
for _ in $(seq 600); do grep -q 'http://' "$work/out" && break; sleep 0.1; done
url=$(grep -o 'http://[0-9.:]*' "$work/out")
cookie=$(curl -s -D - -o /dev/null -H 'Content-Type: application/json' -d '{"person":"s0001-clk","password":"Lantern#2026"}' "$url/api/session" | grep -i '^set-cookie' | sed 's/^[Ss]et-[Cc]ookie: //; s/;.*//')
args=(-s -H "Cookie: $cookie" -w '%{http_code} %{time_total}\n')
for _ in $(seq $((n + 3))); do args+=(-o /dev/null "$url/api/meetings/$id/minutes-draft?lang=zh"); done
curl "${args[@]}" | tail -n "$n" | python3 -c '
import sys, statistics
rows=[l.split() for l in sys.stdin if l.strip()]
codes={c for c,_ in rows}; t=sorted(float(x)*1000 for _,x in rows)
print("codes", codes, "median %.2f ms" % statistics.median(t), "p99 %.2f" % t[int(round(0.99*(len(t)-1)))], "max %.2f" % t[-1], "n", len(t))'
kill "$pid"; wait "$pid" 2>/dev/null || true
rm -rf "$work"
