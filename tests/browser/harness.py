"""A real `tandem serve` on a free port, a small HTTP client for it, and headless Chromium.

Shared by the browser tests (tests/browser/conftest.py) and the screenshot script.
"""
from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("TANDEM_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run",
]
ADMIN_TOKEN = "browser-admin-token"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class ApiFailure(AssertionError):
    pass


@dataclass
class Server:
    """A running `tandem serve` subprocess and a tiny JSON client for it."""

    base: str
    data_dir: Path
    process: subprocess.Popen[bytes]
    log_path: Path
    admin: str = ADMIN_TOKEN
    _log: Any = field(default=None, repr=False)

    @property
    def host(self) -> str:
        return self.base.split("://", 1)[1]

    def call(self, method: str, path: str, body: Any = None, token: str | None = None) -> Any:
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(self.base + path, data=data, method=method)
        req.add_header("Content-Type", "application/json")
        if token:
            req.add_header("Authorization", f"Bearer {token}")
        try:
            with urllib.request.urlopen(req, timeout=30) as res:
                raw = res.read()
        except urllib.error.HTTPError as exc:
            raise ApiFailure(f"{method} {path} -> {exc.code}: {exc.read().decode(errors='replace')}") from None
        return json.loads(raw) if raw else None

    def token(self, subject: str, *roles: str) -> str:
        return self.call("POST", "/v1/auth/tokens", {"subject": subject, "roles": list(roles)}, self.admin)["token"]

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
        if self._log is not None:
            self._log.close()


def start_server(data_dir: Path, *, demo: bool = True, timeout: float = 120.0) -> Server:
    """Start `tandem serve` on a free port and wait for GET /healthz == 200."""
    data_dir.mkdir(parents=True, exist_ok=True)
    port = free_port()
    env = {
        **os.environ,
        "TANDEM_ADMIN_TOKEN": ADMIN_TOKEN,
        "HF_HUB_OFFLINE": "1",
        "TRANSFORMERS_OFFLINE": "1",
        "TANDEM_LOG_LEVEL": os.environ.get("TANDEM_LOG_LEVEL", "warning"),
    }
    cmd = [sys.executable, "-m", "assistant", "serve", "--host", "127.0.0.1", "--port", str(port), "--data-dir", str(data_dir)]
    if not demo:
        cmd.append("--no-demo")
    log_path = data_dir / "server.log"
    log = open(log_path, "wb")  # noqa: SIM115 - closed in Server.stop
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    server = Server(f"http://127.0.0.1:{port}", data_dir, proc, log_path, _log=log)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            server.stop()
            raise RuntimeError(f"tandem serve exited with {proc.returncode}:\n{log_path.read_text(errors='replace')[-4000:]}")
        try:
            with urllib.request.urlopen(server.base + "/healthz", timeout=2) as res:
                if res.status == 200:
                    return server
        except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
            pass
        time.sleep(0.25)
    server.stop()
    raise RuntimeError(f"tandem serve did not become healthy in {timeout:.0f}s:\n{log_path.read_text(errors='replace')[-4000:]}")


def chromium_available() -> bool:
    return Path(CHROMIUM).exists() or shutil.which(CHROMIUM) is not None


def launch(playwright: Any) -> Any:
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
