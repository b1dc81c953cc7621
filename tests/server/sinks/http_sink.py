#!/usr/bin/env python3
"""A local HTTP sink standing in for WeCom and DingTalk group robots in tests.

http_sink.py FOLDER [--fail-every N]: listens on a free loopback port, prints it on the
first line of stdout, and answers each POST:
  - a path starting with /always-fail: HTTP 500, every time;
  - a path starting with /errcode: HTTP 200 with {"errcode": 310000, ...} (a robot's refusal);
  - otherwise every N-th request (N > 0) HTTP 500 on purpose, the others 200 with
    {"errcode": 0, "errmsg": "ok"} after writing the body to FOLDER/NNNN.json.
Stops on SIGTERM.
"""
import argparse
import json
import os
import signal
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def main():
    p = argparse.ArgumentParser()
    p.add_argument("folder")
    p.add_argument("--fail-every", type=int, default=0)
    a = p.parse_args()
    os.makedirs(a.folder, exist_ok=True)
    state = {"seen": 0, "kept": 0}
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def answer(self, code, body):
            data = json.dumps(body).encode()
            self.send_response(code)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            if self.path.startswith("/always-fail"):
                return self.answer(500, {"error": "always fails"})
            if self.path.startswith("/errcode"):
                return self.answer(200, {"errcode": 310000, "errmsg": "keywords not in content"})
            with lock:
                state["seen"] += 1
                if a.fail_every > 0 and state["seen"] % a.fail_every == 0:
                    return self.answer(500, {"error": "failed on purpose"})
                state["kept"] += 1
                path = os.path.join(a.folder, "%04d.json" % state["kept"])
            with open(path + ".tmp", "wb") as f:
                f.write(json.dumps({"path": self.path, "body": json.loads(body)}, ensure_ascii=False).encode())
            os.rename(path + ".tmp", path)
            self.answer(200, {"errcode": 0, "errmsg": "ok"})

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    print(server.server_address[1], flush=True)
    signal.signal(signal.SIGTERM, lambda *_: threading.Thread(target=server.shutdown).start())
    server.serve_forever()
    server.server_close()


if __name__ == "__main__":
    sys.exit(main())
