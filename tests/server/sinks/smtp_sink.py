#!/usr/bin/env python3
"""A local SMTP sink for tests (Debian python3-aiosmtpd).

smtp_sink.py FOLDER [--refuse-every N]: listens on a free loopback port, prints it on the
first line of stdout, and writes each message it accepts to FOLDER/NNNN.eml. Every N-th
message (N > 0) is refused with "451 try again later", on purpose, before it is written.
Stops on SIGTERM.
"""
import argparse
import asyncio
import os
import signal
import socket
import sys
import threading

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, folder, refuse_every):
        self.folder = folder
        self.refuse_every = refuse_every
        self.seen = 0
        self.kept = 0
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.seen += 1
            if self.refuse_every > 0 and self.seen % self.refuse_every == 0:
                return "451 4.3.0 try again later (refused on purpose)"
            self.kept += 1
            path = os.path.join(self.folder, "%04d.eml" % self.kept)
        with open(path + ".tmp", "wb") as f:
            f.write(envelope.original_content or envelope.content)
        os.rename(path + ".tmp", path)
        return "250 OK"


def main():
    p = argparse.ArgumentParser()
    p.add_argument("folder")
    p.add_argument("--refuse-every", type=int, default=0)
    a = p.parse_args()
    os.makedirs(a.folder, exist_ok=True)
    # aiosmtpd's Controller cannot take port 0: ask the system for a free port first.
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    controller = Controller(Sink(a.folder, a.refuse_every), hostname="127.0.0.1", port=port)
    controller.start()
    print(port, flush=True)
    done = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: done.set())
    signal.signal(signal.SIGINT, lambda *_: done.set())
    done.wait()
    controller.stop()


if __name__ == "__main__":
    sys.exit(main())
