"""Browser fixtures: one real `tandem serve` for the session, one headless Chromium for this package.

Chromium is package-scoped, not session-scoped: while Playwright's sync API is started it keeps an
event loop marked as running in the main thread, which would stop pytest-asyncio from running the
async tests collected after this package. Tearing Playwright down at the end of the package keeps
the two worlds apart; the browser tests themselves are plain synchronous functions.
"""
from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser.harness import Server, chromium_available, launch, start_server


def _no_running_loop() -> None:
    """Playwright's sync API refuses to start inside a running asyncio loop; the fixtures here never run in one."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return
    pytest.fail("browser fixtures must not run inside an asyncio loop: keep browser tests synchronous")


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    srv = start_server(Path(tmp_path_factory.mktemp("tandem-browser")) / "data")
    try:
        yield srv
    finally:
        srv.stop()


@pytest.fixture(scope="package")
def browser() -> Iterator[Any]:
    if not chromium_available():
        pytest.skip("Chromium is not installed (apt-get install -y chromium)")
    _no_running_loop()
    from playwright.sync_api import sync_playwright

    pw = sync_playwright().start()
    try:
        b = launch(pw)
        try:
            yield b
        finally:
            b.close()
    finally:
        pw.stop()


@pytest.fixture
def new_page(browser: Any, server: Server) -> Iterator[Callable[..., Any]]:
    """Open a page in a fresh browser context (its own storage), closed after the test."""
    contexts: list[Any] = []

    def make(width: int = 1280, height: int = 800, **options: Any) -> Any:
        ctx = browser.new_context(viewport={"width": width, "height": height}, base_url=server.base,
                                  accept_downloads=True, **options)
        ctx.set_default_timeout(10_000)
        contexts.append(ctx)
        return ctx.new_page()

    yield make
    for ctx in contexts:
        ctx.close()
