#!/usr/bin/env python3
"""`fleetsim run --serve PORT` listens on 127.0.0.1 only (issue "Reliability and security").

usage: check_serve_loopback.py FLEETSIM   (from the repository root)
Runs a short scenario with `--serve 0` (a port without a host; 0 = any free port), reads
the announced endpoint, and checks in /proc/net/tcp and /proc/net/tcp6 that the listening
socket of that port is bound to 127.0.0.1 and to no other address (not 0.0.0.0, not ::);
then stops the server with SIGTERM (exit 0). Prints one line per check and
'N passed, M failed'.
"""
import os
import re
import signal
import subprocess
import sys
import tempfile

from checks import check, finish



def listeners(port):
    """Local addresses (hex, as in /proc/net/tcp*) in state LISTEN on `port`."""
    found = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        if not os.path.exists(table):
            continue
        with open(table) as f:
            next(f)
            for line in f:
                fields = line.split()
                addr, hexport = fields[1].split(":")
                if int(hexport, 16) == port and fields[3] == "0A":  # 0A = LISTEN
                    found.append(addr)
    return found


def main():
    exe = os.path.abspath(sys.argv[1])
    with tempfile.TemporaryDirectory() as tmp:
        p = subprocess.Popen([exe, "run", "scenarios/examples/mmc-worker-pool.json", "--set",
                              "controllers.pool.source.count=100", "--serve", "0", "--quiet",
                              "--out", os.path.join(tmp, "r")],
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        try:
            line = p.stderr.readline().strip()
            m = re.fullmatch(r"fleetsim: serving metrics on http://([0-9.]+):(\d+)/metrics", line)
            check(m is not None and m.group(1) == "127.0.0.1",
                  f"--serve 0 announces 127.0.0.1 ({line!r})")
            if m:
                addrs = listeners(int(m.group(2)))
                check(addrs == ["0100007F"],
                      f"the only listening socket on port {m.group(2)} is 127.0.0.1 ({addrs})")
        finally:
            p.send_signal(signal.SIGTERM)
            code = p.wait(timeout=60)
        check(code == 0, f"SIGTERM stops the server, exit 0 (got {code})")
    finish()


if __name__ == "__main__":
    main()
