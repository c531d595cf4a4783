"""A worker killed with -9 mid-conversation: nothing acknowledged is lost, nothing is stored twice."""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path
from typing import Any

import pytest

ADMIN = "fault-admin-token"
PG = os.environ.get("TANDEM_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/test")


def call(base: str, method: str, path: str, body: Any = None, token: str = ADMIN, timeout: float = 10) -> tuple[int, Any]:
    req = urllib.request.Request(base + path, data=None if body is None else json.dumps(body).encode(), method=method)
    req.add_header("Content-Type", "application/json")
    req.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, json.loads(r.read() or b"null")
    except urllib.error.HTTPError as e:
        return e.code, None


def children(pid: int) -> list[int]:
    try:
        return [int(x) for x in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


@pytest.mark.slow
@pytest.mark.postgres
def test_kill_minus_9_loses_nothing_acknowledged(tmp_path: Path, pg_url: str) -> None:
    with socket.create_connection(("127.0.0.1", 6379), timeout=1):
        pass
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "TANDEM_ADMIN_TOKEN": ADMIN, "TANDEM_DATABASE_URL": pg_url,
           "TANDEM_REDIS_URL": "redis://127.0.0.1:6379/0", "TANDEM_SECRET": uuid.uuid4().hex}
    exe = Path(sys.executable).parent / "tandem"
    log = open(tmp_path / "server.log", "wb")  # noqa: SIM115
    parent = subprocess.Popen([str(exe), "serve", "--workers", "2", "--port", str(port), "--data-dir", str(tmp_path)],
                              env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.time() + 180
        while time.time() < deadline:
            try:
                if len(children(parent.pid)) == 2 and call(base, "GET", "/healthz")[0] == 200:
                    break
            except OSError:
                pass
            time.sleep(0.5)
        # both workers ready: each logs where it listens once its model and index are loaded and its port is open
        while time.time() < deadline and (tmp_path / "server.log").read_bytes().count(b"serve.listening") < 2:
            time.sleep(0.5)
        assert (tmp_path / "server.log").read_bytes().count(f'"url": "{base}"'.encode()) == 2
        assert len(children(parent.pid)) == 2
        status, conv = call(base, "POST", "/v1/conversations", {"channel": "web"})
        assert status == 201
        questions = ["I lost my card", "how do I make a transfer", "what are your opening hours", "roaming abroad",
                     "change my mobile plan", "my card was declined", "reset my password", "order a new SIM"]
        acknowledged: list[str] = []
        killed = False
        for i in range(24):
            cmid = f"m{i}"
            text = questions[i % len(questions)] + f" ({i})"
            if i == 8:
                os.kill(children(parent.pid)[0], signal.SIGKILL)
                killed = True
            for _attempt in range(20):  # the client retries with the same client_message_id
                try:
                    status, out = call(base, "POST", f"/v1/conversations/{conv['conversation_id']}/messages",
                                       {"text": text, "client_message_id": cmid}, token=conv["token"], timeout=20)
                except OSError:
                    status = 0
                if status == 200:
                    acknowledged.append(cmid)
                    break
                time.sleep(0.25)
        assert killed and len(acknowledged) == 24
        status, page = call(base, "GET", f"/v1/conversations/{conv['conversation_id']}/events?limit=1000")
        assert status == 200
        customer = [e for e in page["events"] if e["type"] == "customer_message"]
        ids = [e.get("client_message_id") for e in customer]
        assert sorted(ids) == sorted(acknowledged)  # every acknowledged message, each once
        seqs = [e["seq"] for e in page["events"]]
        assert seqs == list(range(1, len(seqs) + 1))
    finally:
        parent.send_signal(signal.SIGTERM)
        try:
            parent.wait(30)
        except subprocess.TimeoutExpired:
            parent.kill()
        for pid in children(parent.pid):
            os.kill(pid, signal.SIGKILL)
        log.close()
