"""Every page talks to its own server only, and loads without a console error (CSP violations included)."""
from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.browser.harness import Server

pytestmark = pytest.mark.browser


def _record(page: Any) -> tuple[list[str], list[str]]:
    urls: list[str] = []
    problems: list[str] = []
    page.on("request", lambda r: urls.append(r.url))
    page.on("websocket", lambda ws: urls.append(ws.url))
    page.on("console", lambda m: problems.append(f"console.{m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(f"pageerror: {e}"))
    return urls, problems


def _assert_own_host(server: Server, urls: list[str]) -> None:
    assert urls, "no request was recorded"
    foreign = [u for u in urls if urlsplit(u).scheme not in ("data", "blob") and urlsplit(u).netloc != server.host]
    assert not foreign, f"requests to other hosts: {foreign}"


@pytest.mark.parametrize("width", [1280, 390])
def test_pages_use_only_their_own_server(server: Server, new_page: Any, width: int) -> None:
    agent = server.token(f"net-agent-{width}", "agent")
    supervisor = server.token(f"net-sup-{width}", "supervisor")

    chat = new_page(width, 800)
    urls, problems = _record(chat)
    chat.goto("/chat")
    chat.fill("#composer-input", "How can I use my phone abroad?")
    chat.press("#composer-input", "Enter")
    expect(chat.locator(".msg-bot:not(.typing)")).to_have_count(1)
    expect(chat.locator("#conn-banner")).to_be_hidden()
    _assert_own_host(server, urls)
    assert any(u.startswith("ws://") for u in urls), urls
    assert not problems, problems

    console = new_page(width, 800)
    urls, problems = _record(console)
    console.goto("/console")
    console.fill("#token", agent)
    console.click("#signin-submit")
    expect(console.locator("#live")).to_have_attribute("data-state", "open")
    _assert_own_host(server, urls)
    assert not problems, problems

    sup = new_page(width, 800)
    urls, problems = _record(sup)
    sup.goto("/supervisor")
    sup.fill("#token", supervisor)
    sup.click("#signin-submit")
    expect(sup.locator("#k-conv .kpi-value")).not_to_be_empty()
    _assert_own_host(server, urls)
    assert not problems, problems
