#!/usr/bin/env python3
"""kill -9 of `docket serve` during a write load, ROUNDS times (docs/BENCHMARKS.md, "Server").

Each round starts the server on the same real database (synchronous=FULL, on the ordinary
disk under /var/tmp), has 8 clients create tasks as li (POST /api/items) and write down the
id of every creation the server acknowledged (201), kills the server with SIGKILL after a
random 0.3-1.5 s, then checks that every acknowledged item is in the database and that
`docket audit verify` passes. Usage: bench/serve_kill9.py [BUILD_DIR] [ROUNDS (default 50)]
"""
import http.client, json, os, random, re, signal, sqlite3, subprocess, sys, tempfile, threading, time

build = sys.argv[1] if len(sys.argv) > 1 else "build"
rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 50
docket = os.path.realpath(os.path.join(build, "docket"))
source = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))
work = tempfile.mkdtemp(dir="/var/tmp", prefix="docket-kill9.")
db = os.path.join(work, "kill9.db")

def run(*args):
    return subprocess.run([docket, "--db", db, *args], capture_output=True, text=True, cwd=work)

assert run("init", "--simulation").returncode == 0
assert run("org", "load", os.path.join(source, "workflows/examples/org.yaml")).returncode == 0
assert run("workflow", "load").returncode == 0
token = json.loads(run("--json", "user", "invite", "li").stdout)["token"]

def start():
    p = subprocess.Popen([docket, "--db", db, "serve", "--listen", "127.0.0.1:0", "--tick-every", "0"],
                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=work)
    line = p.stdout.readline()
    port = int(re.search(r":(\d+)", line.split("http://")[1]).group(1))
    return p, port

def request(port, method, path, body=None, headers=None):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    c.request(method, path, body=json.dumps(body) if body is not None else None,
              headers={"Content-Type": "application/json", **(headers or {})})
    r = c.getresponse()
    data = r.read()
    return r.status, r.getheader("Set-Cookie"), data

server, port = start()
request(port, "POST", "/api/invitations/accept", {"token": token, "password": "Lantern#2026"})
status, cookie, data = request(port, "POST", "/api/session", {"person": "li", "password": "Lantern#2026"})
assert status == 200, data
headers = {"Cookie": cookie.split(";")[0], "X-CSRF-Token": json.loads(data)["csrf"]}
server.terminate(); server.wait()

acknowledged = []
lost_total, failures, started = 0, 0, time.time()
body = {"workflow": "task", "org": "school-a", "fields": {"title": "kill9", "owner": "li", "due_date": "2027-06-30"}}
for n in range(rounds):
    server, port = start()
    stop = threading.Event()
    mine = []
    def client():
        while not stop.is_set():
            try:
                status, _, data = request(port, "POST", "/api/items", body, headers)
                if status == 201:
                    mine.append(json.loads(data)["item"]["id"])
            except Exception:
                return  # the server is gone
    threads = [threading.Thread(target=client) for _ in range(8)]
    for t in threads: t.start()
    time.sleep(random.uniform(0.3, 1.5))
    server.send_signal(signal.SIGKILL)
    server.wait()
    stop.set()
    for t in threads: t.join()
    con = sqlite3.connect(db)
    present = {row[0] for row in con.execute("SELECT id FROM items")}
    con.close()
    lost = [i for i in mine if i not in present]
    verify = run("audit", "verify")
    acknowledged += mine
    lost_total += len(lost)
    if lost or verify.returncode != 0:
        failures += 1
        print(f"round {n + 1}: {len(lost)} acknowledged item(s) lost; verify exit {verify.returncode}: {verify.stderr.strip()}")
print(f"{rounds} kill -9 rounds in {time.time() - started:.0f} s: {len(acknowledged)} acknowledged creations, "
      f"{lost_total} lost, {failures} round(s) failing (lost or not verifying)")
subprocess.run(["rm", "-rf", work])
sys.exit(1 if failures else 0)
