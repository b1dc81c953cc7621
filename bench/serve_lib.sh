# Sourced by bench/serve_*.sh. serve_signed_in DOCKET DB: starts `docket serve` on DB (in the
# current folder: serve.out, serve.err; 32 workers; no scheduled tick), invites li, sets her
# password and signs her in. Sets pid (the server's), url, cookie ("docket_session=...")
# and csrf (the session's CSRF token).
serve_signed_in() {
  local docket=$1 db=$2 token session
  token=$("$docket" --db "$db" --json user invite li | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
  "$docket" --db "$db" --lang en serve --listen 127.0.0.1:0 --threads 32 --tick-every 0 >serve.out 2>serve.err &
  pid=$!
  for _ in $(seq 100); do grep -q 'http://' serve.out && break; sleep 0.05; done
  url=$(grep -o 'http://[0-9.:]*' serve.out)
  curl -sf -X POST "$url/api/invitations/accept" -H 'Content-Type: application/json' \
       -d "{\"token\":\"$token\",\"password\":\"Lantern#2026\"}" >/dev/null
  session=$(curl -sf -D - -X POST "$url/api/session" -H 'Content-Type: application/json' \
       -d '{"person":"li","password":"Lantern#2026"}')
  cookie=$(printf '%s\n' "$session" | grep -i '^set-cookie' | sed 's/^[^:]*: *//; s/;.*//')
  csrf=$(printf '%s\n' "$session" | tail -1 | python3 -c 'import json,sys; print(json.load(sys.stdin)["csrf"])')
}
