"""The chat survives a dropped connection: it shows that it is reconnecting, and a message
whose answer was lost on the way is sent again without being stored twice."""
from __future__ import annotations

import json
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.harness import Server

pytestmark = pytest.mark.browser


def test_reconnect_resends_without_duplicates(server: Server, new_page: Any) -> None:
    page = new_page(390, 844)
    connections: list[Any] = []

    def route(ws: Any) -> None:
        connections.append(ws)
        n = len(connections)
        if n == 1:
            # The first connection carries the customer's message to the server, then drops
            # before the answer comes back.
            upstream = ws.connect_to_server()

            def forward(message: Any) -> None:
                upstream.send(message)
                if "unfreeze" in str(message):
                    ws.close()

            ws.on_message(forward)
        elif n == 2:
            ws.close()  # the first retry fails too: the page shows that it is reconnecting
        else:
            ws.connect_to_server()

    page.route_web_socket("**/v1/conversations/*/stream*", route)
    page.goto("/chat")
    page.fill("#composer-input", "How do I freeze my card?")
    page.press("#composer-input", "Enter")
    expect(page.locator(".msg-bot:not(.typing)")).to_have_count(1)
    # The first message may go over HTTP while the socket is still opening; the second must
    # go over the socket, whose answer the route then drops.
    expect(page.locator("#chat-status[data-conn='open']")).to_have_count(1)

    page.fill("#composer-input", "And how do I unfreeze it?")
    page.press("#composer-input", "Enter")
    expect(page.locator("#conn-banner")).to_be_visible()
    expect(page.locator("#conn-text")).to_contain_text("Reconnecting")
    expect(page.locator("#conn-banner")).to_be_hidden()
    expect(page.locator(".msg-bot:not(.typing)")).to_have_count(2)

    mine = page.locator(".msg-customer", has_text="unfreeze")
    expect(mine).to_have_count(1)
    expect(mine).not_to_have_attribute("data-status", "sending")
    assert len(connections) >= 3

    session = json.loads(page.evaluate("localStorage.getItem('tandem.chat.session')"))
    events = server.call("GET", f"/v1/conversations/{session['conversation_id']}/events", token=session["token"])["events"]
    said = [e["text"] for e in events if e["type"] == "customer_message"]
    assert said == ["How do I freeze my card?", "And how do I unfreeze it?"]
