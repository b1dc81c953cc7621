#!/usr/bin/env bash
# The server's request rate: wrk against /healthz of `docket serve` on a fresh simulation
# database, 32 connections for 10 s (docs/BENCHMARKS.md, "Server"). Loopback only; stops the
# server it started. Usage: bench/serve_healthz.sh [BUILD_DIR] [THREADS (default 32)]
set -euo pipefail
build=${1:-build}
threads=${2:-32}
docket=$(realpath "$build/docket")
work=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; rm -rf "$work"' EXIT
cd "$work"
"$docket" --db bench.db init --simulation >/dev/null
"$docket" --db bench.db --lang en serve --listen 127.0.0.1:0 --threads "$threads" >serve.out 2>serve.err &
pid=$!
for _ in $(seq 100); do grep -q 'http://' serve.out && break; sleep 0.05; done
url=$(grep -o 'http://[0-9.:]*' serve.out)
wrk -t2 -c32 -d10s --latency "$url/healthz"
kill -TERM "$pid"
wait "$pid"
echo "server exit: $?"
