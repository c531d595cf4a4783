"""Shared fixtures: the real encoder (loaded once), real apps on SQLite and PostgreSQL."""
from __future__ import annotations

import asyncio
import os
import re
import tempfile
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from assistant.config import Config, load_config
from knowledge.encoders import Encoder, load_encoder

ADMIN = "test-admin-token"
SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
PG_DSN = os.environ.get("TANDEM_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/test")


# Every log line the suite makes, the servers it starts included (they inherit TANDEM_LOG_FILE),
# lands in one file that is scanned at the end: a card number or an e-mail address in it fails the run.
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}", re.IGNORECASE)
_DIGITS = re.compile(r"(?<![\w.-])\d(?:[ -]?\d){12,18}(?![\w.-])")


def _luhn(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch) * (2 if i % 2 else 1)
        total += d - 9 if d > 9 else d
    return total % 10 == 0


def pii_in(line: str) -> list[str]:
    """The e-mail addresses and card numbers (13-19 digits, Luhn-valid) found in ``line``. Written
    apart from assistant/pii.py, which is what this checks."""
    found = [m.group(0) for m in _EMAIL.finditer(line)]
    found += [m.group(0) for m in _DIGITS.finditer(line) if _luhn(re.sub(r"[ -]", "", m.group(0)))]
    return found


_OWN_LOG = "TANDEM_TESTS_OWN_LOG"  # set when the log file is this run's own (removed when it is clean)
_LOG_START = 0  # where this run's lines begin in an exported log file, which is appended to, never emptied


def pytest_configure(config: pytest.Config) -> None:
    global _LOG_START
    from assistant.logging import configure_logging

    if "TANDEM_LOG_FILE" not in os.environ:
        own = Path(tempfile.gettempdir()) / f"tandem-tests-{os.getpid()}.log"
        own.unlink(missing_ok=True)
        os.environ["TANDEM_LOG_FILE"] = os.environ[_OWN_LOG] = str(own)
    path = Path(os.environ["TANDEM_LOG_FILE"])
    _LOG_START = path.stat().st_size if path.exists() else 0
    configure_logging("info", json=True, file=path)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    path = Path(os.environ["TANDEM_LOG_FILE"])
    lines = []
    if path.exists():
        with path.open("rb") as f:
            f.seek(_LOG_START)
            lines = f.read().decode("utf-8", errors="replace").splitlines()
    leaks = [(line, found) for line in lines if (found := pii_in(line))]
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None:
        reporter.write_line(f"logs: {len(lines)} lines in {path}, {len(leaks)} with a card number or an e-mail")
        for line, found in leaks[:20]:
            reporter.write_line(f"  {found}: {line[:300]}", red=True)
    if leaks:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
    elif os.environ.get(_OWN_LOG) == str(path):
        path.unlink(missing_ok=True)


@pytest.fixture(scope="session")
def encoder() -> Encoder:
    return load_encoder("use-m3")


def make_config(data_dir: Path, **overrides: Any) -> Config:
    return load_config(None, data_dir=data_dir, demo=overrides.pop("demo", False), admin_token=ADMIN, **overrides)


def _run_sync(coro: Any) -> Any:
    """Run a coroutine to completion on a loop of its own (fixtures here are synchronous)."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coro).result()


async def _pg(sql: str | None = None) -> bool:
    import asyncpg

    try:
        conn = await asyncio.wait_for(asyncpg.connect(PG_DSN), 5)
    except (OSError, asyncio.TimeoutError, asyncpg.PostgresError):
        return False
    try:
        if sql:
            await conn.execute(sql)
    finally:
        await conn.close()
    return True


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh PostgreSQL database for one test, dropped after it."""
    name = f"tandem_t_{uuid.uuid4().hex[:10]}"
    if not _run_sync(_pg(f'CREATE DATABASE "{name}"')):
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL is not reachable at " + PG_DSN)
        pytest.skip("PostgreSQL is not reachable")
    base = PG_DSN.rsplit("/", 1)[0].replace("postgresql://", "postgresql+asyncpg://")
    try:
        yield f"{base}/{name}"
    finally:
        _run_sync(_pg(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest) -> str | None:
    return None if request.param == "sqlite" else request.getfixturevalue("pg_url")


@pytest.fixture
def app_factory(tmp_path: Path, encoder: Encoder) -> Callable[..., Any]:
    from assistant.server import create_app

    def factory(data_dir: Path | None = None, **overrides: Any):  # type: ignore[no-untyped-def]
        config = make_config(data_dir or tmp_path / "data", **overrides)
        return create_app(config, encoder=encoder)

    return factory


@pytest.fixture
async def client(aiohttp_client: Any, app_factory: Callable[..., Any], database_url: str | None) -> Any:
    """The real app with the real model, once on SQLite and once on PostgreSQL."""
    return await aiohttp_client(app_factory(database_url=database_url))


def auth(token: str = ADMIN) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}
