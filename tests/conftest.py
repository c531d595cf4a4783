"""Shared fixtures: the real encoder (loaded once), real apps on SQLite and PostgreSQL."""
from __future__ import annotations

import asyncio
import os
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
