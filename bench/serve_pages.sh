#!/usr/bin/env bash
# Every page's server time at the 500-school district (docs/BENCHMARKS.md, "Every page's
# server time"): `docket serve` over a copy of the district of bench_supervision (section 6),
# one person per role invited and signed in, then each page's API calls timed N times
# (bench/serve_pages.py). The district database is copied (DISTRICT is never written).
# Usage: bench/serve_pages.sh DISTRICT_DB [BUILD_DIR] [N (default 100)] [WORK_DB]
#   e.g. bench/serve_pages.sh /tmp/docket-district.db build 100 /tmp/dash-district.db
set -euo pipefail
here=$(dirname "$(realpath "$0")")
district=$1
build=${2:-build}
n=${3:-100}
db=${4:-$(mktemp -u /tmp/serve-pages-XXXXXX.db)}
docket=$(realpath "$build/docket")
work=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT
[ -f "$db" ] || cp --sparse=always "$district" "$db"
cat "$db" >/dev/null  # into the page cache: the figures are the warm server's
cd "$work"
"$docket" --db "$db" --lang en -v serve --listen 127.0.0.1:0 --threads 32 --tick-every 0 >serve.out 2>serve.err &
pid=$!
for _ in $(seq 600); do grep -q 'http://' serve.out && break; sleep 0.1; done
url=$(grep -o 'http://[0-9.:]*' serve.out)
echo "date: $(date -u +%FT%TZ)  commit: $(git -C "$here" rev-parse --short HEAD)  load: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 "$here/serve_pages.py" "$docket" "$db" "$url" "$n"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
grep -v ' 200 ' serve.err | grep -i 'error\|warn\| [45][0-9][0-9] ' | head -5 || true
kill -TERM "$pid"
wait "$pid" && echo "server exit: 0"
pid=
