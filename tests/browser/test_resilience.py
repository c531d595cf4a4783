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


def test_going_offline_is_said_at_once_and_answers_come_each_under_its_question(server: Server, new_page: Any) -> None:
    """The network gone, the page says so at once (not after a silent wait on a socket that no longer answers); two
    questions typed meanwhile are sent when it is back, and each answer shows under its own question, in the order
    the conversation stored them."""
    page = new_page(390, 844)
    page.goto("/chat")
    page.fill("#composer-input", "How do I freeze my card?")
    page.press("#composer-input", "Enter")
    expect(page.locator(".msg-bot:not(.typing)")).to_have_count(1)
    expect(page.locator("#chat-status[data-conn='open']")).to_have_count(1)

    page.context.set_offline(True)
    expect(page.locator("#conn-banner")).to_be_visible(timeout=3_000)
    page.fill("#composer-input", "What is the limit for instant transfers?")
    page.press("#composer-input", "Enter")
    page.wait_for_timeout(1_600)  # not the same words twice: both are sent
    page.fill("#composer-input", "How do I change my address?")
    page.press("#composer-input", "Enter")
    page.context.set_offline(False)
    expect(page.locator(".msg-bot:not(.typing)")).to_have_count(3)
    expect(page.locator("#conn-banner")).to_be_hidden()

    shown = page.eval_on_selector_all("#log .msg:not(.typing)", "ns => ns.map(n => n.dataset.seq)")
    assert shown == [str(n) for n in range(1, 7)], shown
    authors = page.eval_on_selector_all("#log .msg:not(.typing)", "ns => ns.map(n => n.dataset.author)")
    assert authors == ["customer", "bot"] * 3, authors
