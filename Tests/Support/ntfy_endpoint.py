#!/usr/bin/env python3
"""A stand-in for ntfy's publish API, for tests: no ntfy server is packaged for Debian or PyPI.

    ntfy_endpoint.py OUTFILE [FAIL_COUNT]

Listens on a free loopback port and prints it on stdout (one line), then answers every POST as
ntfy does: the JSON body is parsed, appended to OUTFILE as one line (with the Authorization
header's presence added as "_auth"), and answered with 200 and the message as JSON. The first
FAIL_COUNT requests are answered with 500 instead, for retry tests.
"""

import json
import sys
import time
from http.server import BaseHTTPRequestHandler, HTTPServer

OUT = sys.argv[1]
fail_left = int(sys.argv[2]) if len(sys.argv) > 2 else 0


class Publish(BaseHTTPRequestHandler):
    def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
        global fail_left
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length)
        if fail_left > 0:
            fail_left -= 1
            self.reply(500, {"code": 50001, "http": 500, "error": "stand-in told to fail"})
            return
        try:
            message = json.loads(raw.decode("utf-8"))
        except ValueError:
            self.reply(400, {"code": 40001, "http": 400, "error": "not JSON"})
            return
        message["_path"] = self.path
        message["_auth"] = self.headers.get("Authorization") is not None
        with open(OUT, "a", encoding="utf-8") as f:
            f.write(json.dumps(message, ensure_ascii=False) + "\n")
        answer = {"id": "iidtest", "time": int(time.time()), "event": "message"}
        answer.update({k: v for k, v in message.items() if not k.startswith("_")})
        self.reply(200, answer)

    def reply(self, status: int, body: dict) -> None:
        data = json.dumps(body).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args) -> None:
        pass


server = HTTPServer(("127.0.0.1", 0), Publish)
print(server.server_address[1], flush=True)
server.serve_forever()
