#!/usr/bin/env python3
"""The server time of every page's API calls at the 500-school district (docs/BENCHMARKS.md,
"Every page's server time"). Run by bench/serve_pages.sh, which prepares the database and
starts `docket serve`; this signs in one person per role and times, for each page, each
request the page makes when it opens (web/*.js), N times in a row on one keep-alive
connection (curl's %{time_total} on loopback: the server's time plus a loopback round trip).
Prints one line per request (median, p99, max in ms) and per page (the sum of its
requests' medians: the page's server time when its requests run one after another), then
the supervisor's roll-up cold, warm, and one school's row derived alone.

Usage: serve_pages.py DOCKET DB URL [N]
"""
import json
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request

docket, db, url = sys.argv[1], sys.argv[2], sys.argv[3]
n = int(sys.argv[4]) if len(sys.argv) > 4 else 100
school = "s0001"
term = "2026-autumn"
people = {
    "supervisor": "district-sup",
    "clerk": f"{school}-clk",
    "principal": f"{school}-pri",
    "secretary": f"{school}-sec",
    "member": f"{school}-m1",
}
password = "Lantern#2026"


def request(method, path, body=None, cookie=None, csrf=None):
    headers = {"Content-Type": "application/json"}
    if cookie:
        headers["Cookie"] = cookie
    if csrf:
        headers["X-CSRF-Token"] = csrf
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url + path, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(req) as r:
            return r.headers, r.read()
    except urllib.error.HTTPError as e:
        raise SystemExit(f"{method} {path}: {e.code} {e.read().decode()}")


def sign_in(person):
    out = subprocess.run([docket, "--db", db, "--json", "user", "invite", person], check=True,
                         capture_output=True, text=True).stdout
    token = json.loads(out)["token"]
    request("POST", "/api/invitations/accept", {"token": token, "password": password})
    headers, body = request("POST", "/api/session", {"person": person, "password": password})
    cookie = headers["Set-Cookie"].split(";")[0]
    return cookie, json.loads(body)["csrf"]


def times(path, cookie, count):
    """`count` GETs of `path` on one connection: each one's time in ms."""
    args = ["curl", "-s", "-H", f"Cookie: {cookie}", "-w", "%{http_code} %{time_total}\\n"]
    for _ in range(count):
        args += ["-o", "/dev/null", url + path]
    out = subprocess.run(args, check=True, capture_output=True, text=True).stdout.split("\n")
    got = [line.split() for line in out if line.strip()]
    bad = [code for code, _ in got if code != "200"]
    if bad:
        print(f"GET {path}: status {bad[0]}")
    return [float(t) * 1000 for _, t in got]


def p99(xs):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(0.99 * (len(xs) - 1))))]


def first_id(path, cookie):
    _, body = request("GET", path, cookie=cookie)
    items = json.loads(body)
    return items[0]["id"] if items else None


cookies = {role: sign_in(p) for role, p in people.items()}
ck = {role: c for role, (c, _) in cookies.items()}

# Supervisor's roll-up: cold (the whole derived), warm.
rollup = f"/api/reports/semester/district/{term}/rollup?format=json"
t0 = time.monotonic()
request("GET", rollup, cookie=ck["supervisor"])
cold = (time.monotonic() - t0) * 1000
warm = times(rollup, ck["supervisor"], 20)
# What a school whose chain moved costs: its row derived alone, as the roll-up at the school
# derives it the first time (the district's chains end in the future, so the server cannot
# write to them now; tests/app/rollup_cache_test.cc shows a moved school derived alone).
t0 = time.monotonic()
request("GET", f"/api/reports/semester/{school}/{term}/rollup?format=json", cookie=ck["supervisor"])
moved = (time.monotonic() - t0) * 1000
print(f"rollup cold (whole derived): {cold:.1f} ms")
print(f"rollup warm: median {statistics.median(warm):.2f} ms, max {max(warm):.2f} ms (20)")
print(f"one school's row derived alone (its roll-up, first time): {moved:.1f} ms")

meeting = first_id(f"/api/items?org={school}&workflow=meeting&limit=1", ck["clerk"])


def my_meetings_topics(cookie, person):
    """The ids of the meetings web/my_meetings.js shows the member first (every coming one, the
    latest 10 held, of the bodies the person sits on), as its ?refers= asks for their topics."""
    _, body = request("GET", f"/api/orgs?org={school}", cookie=cookie)
    bodies = {b["id"] for o in json.loads(body) for b in o.get("bodies", [])
              if person in b.get("members", []) or person in b.get("attendees", [])}
    _, body = request("GET", f"/api/items?org={school}&workflow=meeting", cookie=cookie)
    mine = sorted((m for m in json.loads(body) if m["fields"].get("body") in bodies),
                  key=lambda m: (str(m["fields"].get("scheduled_at", "")), m["id"]))
    coming = [m["id"] for m in mine if m["state"] in ("planned", "notified", "postponed")]
    held = [m["id"] for m in mine if m["state"] in ("held", "minutes_drafted", "minutes_signed", "archived")][::-1]
    return ",".join(str(i) for i in coming + held[:10])


shown = my_meetings_topics(ck["member"], people["member"])
decision = first_id(f"/api/items?org={school}&workflow=decision&limit=1", ck["principal"])
report_item = first_id(f"/api/items?org={school}&workflow=semester-report&limit=1", ck["supervisor"])

# What each page asks for when it opens (web/*.js); "on demand" rows are asked for on a click.
pages = [
    ("everyone", "sign-in / top bar", "clerk", ["/api/session", f"/api/orgs?org={school}"]),
    ("clerk", "meetings (list)", "clerk",
     [f"/api/orgs?org={school}", f"/api/people?org={school}", f"/api/items?org={school}&workflow=meeting&limit=50"]),
    ("clerk", "one meeting", "clerk",
     [f"/api/items/{meeting}", f"/api/orgs?org={school}", f"/api/people?org={school}",
      f"/api/items?org={school}&workflow=matter&refers=meeting:{meeting}"]),
    ("clerk", "one meeting: history, minutes draft (on demand)", "clerk",
     [f"/api/items/{meeting}/history", f"/api/meetings/{meeting}/minutes-draft?lang=zh"]),
    ("principal", "my tasks", "principal", [f"/api/items?org={school}&workflow=task&limit=50"]),
    ("principal", "decisions", "principal",
     [f"/api/items?org={school}&workflow=decision&limit=50", f"/api/people?org={school}",
      f"/api/items/{decision}/progress", f"/api/items?org={school}&workflow=task&parent={decision}"]),
    ("member", "my meetings", "member",
     [f"/api/orgs?org={school}", f"/api/people?org={school}", f"/api/items?org={school}&workflow=meeting",
      f"/api/items?org={school}&workflow=matter&refers=meeting:{shown}"]),
    ("secretary", "temporary actions", "secretary",
     [f"/api/people?org={school}", f"/api/items?org={school}&workflow=temporary-action",
      f"/api/items?org={school}&workflow=meeting"]),
    ("supervisor", "supervision (roll-up)", "supervisor",
     ["/api/orgs", f"/api/items?org={school}&workflow=semester-report", rollup]),
    ("supervisor", "roll-up exports", "supervisor",
     [f"/api/reports/semester/district/{term}/rollup?format=csv&lang=zh",
      f"/api/reports/semester/district/{term}/rollup?format=xlsx&lang=zh"]),
    ("supervisor", "one school", "supervisor",
     [f"/api/reports/semester/{school}/{term}/rollup?format=json", f"/api/items/{report_item}",
      f"/api/orgs/{school}/findings?term={term}", f"/api/reports/semester/{school}/{term}?format=json"]),
    ("supervisor", "one school: verify, export (on demand)", "supervisor",
     [f"/api/audit/verify?org={school}", f"/api/orgs/{school}/audit/export"]),
    ("public", "public page", "clerk", [f"/public/{school}"]),
    ("anyone", "the whole directory (before: every page)", "clerk", ["/api/orgs", "/api/people"]),
]

print(f"\n{'role':<11} {'page':<40} {'request':<70} {'median':>8} {'p99':>8} {'max':>8}")
summary = []
for role, page, who, paths in pages:
    total = 0.0
    for path in paths:
        times(path, ck[who], 3)  # warm-up
        ts = times(path, ck[who], n)
        med = statistics.median(ts)
        total += med
        print(f"{role:<11} {page:<40} {path[:70]:<70} {med:8.2f} {p99(ts):8.2f} {max(ts):8.2f}")
    summary.append((role, page, total))
print(f"\n{'role':<11} {'page':<40} {'sum of medians (ms)':>20}")
for role, page, total in summary:
    flag = "" if total < 20 else "  over 20 ms"
    print(f"{role:<11} {page:<40} {total:20.2f}{flag}")
