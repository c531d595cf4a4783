"""PNG screenshots of /chat, /console and /supervisor with realistic data.

    .venv/bin/python -m tests.browser.screenshots --out screenshots/

Starts its own `tandem serve` on a temporary data dir (demo knowledge base and customers),
plays a few weeks of conversations through the public API — contained ones, escalations that
were resolved or handed back, some waiting, some in progress — drives the pages in headless
Chromium, and writes each page at 1280x800 and 390x844 (plus a few detail views).

The API stamps everything "now"; so that the supervisor's per-day chart has a history to
draw, closed escalations are then moved back in time in the SQLite store (``--no-history``
skips that step).
"""
from __future__ import annotations

import argparse
import json
import random
import sqlite3
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from tests.browser.harness import Server, launch, start_server

SIZES = {"desktop": (1280, 800), "phone": (390, 844)}

# (customer_id or None, language, customer messages, outcome or None when the bot kept it, agent, days ago)
HISTORY: list[tuple[str | None, str, list[str], str | None, str | None, int]] = [
    (None, "en", ["How do I make an international transfer?"], None, None, 12),
    (None, "fr", ["Comment faire un virement instantané ?"], None, None, 12),
    ("demo-tom-eriksen", "en", ["How much does roaming cost in the US?"], None, None, 11),
    (None, "en", ["I want to talk to a human"], "resolved", "alice", 11),
    (None, "fr", ["J'ai oublié mon code PIN"], None, None, 10),
    ("demo-sarah-okafor", "en", ["Someone made a payment I didn't authorise, I think it's fraud"], "resolved", "bob", 10),
    (None, "en", ["How do I freeze my card?"], None, None, 9),
    (None, "en", ["What's the weather in Oslo?", "Can you book me a table for tonight?"], "handback", "chloe", 9),
    (None, "fr", ["Je veux parler à un conseiller"], "resolved", "alice", 8),
    ("demo-nadia-benali", "fr", ["Comment obtenir mon RIB ?"], None, None, 8),
    (None, "en", ["Why was my card declined?"], None, None, 7),
    ("demo-tom-eriksen", "en", ["My father passed away, what happens to his account?"], "resolved", "bob", 7),
    (None, "en", ["Can I get a call back please?"], "resolved", "chloe", 6),
    (None, "fr", ["Comment changer de forfait mobile ?"], None, None, 6),
    (None, "en", ["How do I reset my password?"], None, None, 5),
    (None, "en", ["Tell me a joke", "Who won the football last night?"], "handback", "alice", 5),
    ("demo-nadia-benali", "fr", ["Je souhaite parler à un conseiller pour mon compte pro"], "resolved", "bob", 4),
    (None, "en", ["How do I set up Apple Pay?"], None, None, 4),
    (None, "fr", ["Quel est le taux du compte épargne ?"], None, None, 3),
    (None, "en", ["I was scammed by a fake delivery text"], "resolved", "alice", 3),
    (None, "en", ["What are the ATM withdrawal limits?"], None, None, 2),
    (None, "en", ["Can I speak to an agent?"], "handback", "chloe", 2),
    (None, "fr", ["Déposer des espèces, c'est possible ?"], None, None, 1),
    (None, "en", ["How do I keep my number when switching?"], None, None, 1),
    (None, "fr", ["Je veux parler à quelqu'un"], "resolved", "bob", 1),
    (None, "en", ["How do I buy extra mobile data?"], None, None, 0),
]


class Seeder:
    def __init__(self, server: Server) -> None:
        self.server = server
        self.agents = {name: server.token(name, "agent") for name in ("alice", "bob", "chloe")}
        self.closed: list[tuple[str, int]] = []

    def conversation(self, customer_id: str | None, language: str, channel: str = "web") -> dict[str, Any]:
        body: dict[str, Any] = {"channel": channel, "language": language}
        if customer_id:
            body["customer_id"] = customer_id
        return self.server.call("POST", "/v1/conversations", body, self.server.admin)

    def say(self, conv: dict[str, Any], text: str) -> dict[str, Any]:
        return self.server.call("POST", f"/v1/conversations/{conv['conversation_id']}/messages", {"text": text}, conv["token"])

    def handoff_of(self, conv: dict[str, Any]) -> str | None:
        events = self.server.call("GET", f"/v1/conversations/{conv['conversation_id']}/events", token=conv["token"])["events"]
        ids = [e["handoff_id"] for e in events if e["type"] == "handoff_requested"]
        return ids[-1] if ids else None

    def agent(self, name: str, handoff_id: str, action: str, body: Any = None) -> Any:
        return self.server.call("POST", f"/v1/handoffs/{handoff_id}/{action}", body, self.agents[name])

    def history(self) -> None:
        for customer_id, language, messages, outcome, agent, days_ago in HISTORY:
            conv = self.conversation(customer_id, language)
            for text in messages:
                self.say(conv, text)
            handoff_id = self.handoff_of(conv)
            if handoff_id and outcome and agent:
                self.agent(agent, handoff_id, "accept")
                hello = "Bonjour, je m'occupe de votre demande." if language == "fr" else "Hello, I'm looking into this for you."
                self.agent(agent, handoff_id, "messages", {"text": hello})
                self.agent(agent, handoff_id, "close", {"outcome": outcome, "note": "Handled from the seed script"})
                self.closed.append((conv["conversation_id"], days_ago))
            elif days_ago:
                self.closed.append((conv["conversation_id"], days_ago))

    def live(self) -> dict[str, Any]:
        """Today's queue: two waiting, one in progress with alice."""
        lucas = self.conversation("demo-lucas-moreau", "fr", channel="mobile")
        self.say(lucas, "Comment changer de forfait mobile ?")
        self.say(lucas, "Je veux parler à un conseiller stp, j'ai une question sur ma facture")

        camille = self.conversation("demo-camille-laurent", "fr")
        self.say(camille, "Ma carte a été débitée deux fois pour le même achat, c'est vraiment inadmissible !")

        james = self.conversation("demo-james-whitfield", "en")
        self.say(james, "How do I freeze my card?")
        self.say(james, "There are two payments on my card I didn't make, I think it's fraud")
        james_handoff = self.handoff_of(james)
        assert james_handoff, "the fraud message should have opened a handoff"
        self.agent("alice", james_handoff, "accept")
        self.agent("alice", james_handoff, "messages", {
            "text": "Hello James, I'm Alice from the card security team. I've frozen your card as a precaution. "
                    "Could you tell me the amounts and dates of the two payments?"})
        self.say(james, "Thanks. £84.20 on 3 March and £129.99 on 4 March, both to an online shop I've never heard of.")
        return {"james": james_handoff}

    def spread_history(self, data_dir: Path) -> None:
        """Move the seeded past conversations (and their handoffs and events) back in time."""
        rng = random.Random(7)
        db = sqlite3.connect(data_dir / "tandem.db")
        fmt = "%Y-%m-%d %H:%M:%S.%f"

        def shift(value: str | None, delta: timedelta) -> str | None:
            return None if value is None else (datetime.strptime(value, fmt) + delta).strftime(fmt)

        try:
            with db:
                for conversation_id, days_ago in self.closed:
                    delta = -timedelta(days=days_ago, hours=rng.uniform(0, 8))
                    wait = timedelta(seconds=rng.choice([35, 50, 70, 95, 140, 185, 260, 410]))
                    created, updated = db.execute(
                        "SELECT created_at, updated_at FROM conversations WHERE id = ?", (conversation_id,)).fetchone()
                    db.execute("UPDATE conversations SET created_at = ?, updated_at = ? WHERE id = ?",
                               (shift(created, delta), shift(updated, delta), conversation_id))
                    for seq, at in db.execute("SELECT seq, at FROM events WHERE conversation_id = ?", (conversation_id,)).fetchall():
                        db.execute("UPDATE events SET at = ? WHERE conversation_id = ? AND seq = ?",
                                   (shift(at, delta), conversation_id, seq))
                    for hid, created_h, accepted, closed in db.execute(
                            "SELECT id, created_at, accepted_at, closed_at FROM handoffs WHERE conversation_id = ?",
                            (conversation_id,)).fetchall():
                        db.execute("UPDATE handoffs SET created_at = ?, accepted_at = ?, closed_at = ? WHERE id = ?", (
                            shift(created_h, delta), shift(accepted, delta + wait),
                            shift(closed, delta + wait + timedelta(minutes=rng.uniform(3, 14))), hid))
        finally:
            db.close()


def _wait_until(fn: Any, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if fn():
            return
        time.sleep(0.1)
    raise TimeoutError("condition not met")


def shoot(server: Server, seeder: Seeder, live: dict[str, Any], out: Path, browser: Any) -> list[Path]:
    written: list[Path] = []

    def context(size: str, **extra: Any) -> Any:
        w, h = SIZES[size]
        ctx = browser.new_context(viewport={"width": w, "height": h}, base_url=server.base, locale="en-GB",
                                  color_scheme="light", **extra)
        ctx.set_default_timeout(15_000)
        return ctx

    def snap(page: Any, name: str, size: str, full_page: bool = False) -> None:
        w, h = SIZES[size]
        page.wait_for_timeout(450)  # let entrance animations settle
        path = out / f"{name}-{w}x{h}{'-full' if full_page else ''}.png"
        page.screenshot(path=str(path), full_page=full_page)
        written.append(path)

    # -- chat: the empty widget, then a conversation an advisor has joined -------------------------
    for size in SIZES:
        ctx = context(size)
        page = ctx.new_page()
        page.goto("/chat")
        page.wait_for_selector("#suggestions .chip")
        snap(page, "chat-start", size)
        ctx.close()

    ctx = context("desktop")
    page = ctx.new_page()
    page.goto("/chat")
    page.fill("#composer-input", "How do I make an international transfer?")
    page.press("#composer-input", "Enter")
    page.wait_for_selector(".msg-bot:not(.typing) .sources")
    page.fill("#composer-input", "It's to the US. Can I talk to a human? I want to check the fees.")
    page.press("#composer-input", "Enter")
    page.wait_for_selector(".notice-wait")
    session = json.loads(page.evaluate("localStorage.getItem('tandem.chat.session')"))
    handoffs = server.call("GET", "/v1/handoffs?status=waiting", token=server.admin)["handoffs"]
    chat_handoff = next(h["id"] for h in handoffs if h["conversation_id"] == session["conversation_id"])
    seeder.agent("bob", chat_handoff, "accept")
    seeder.agent("bob", chat_handoff, "messages", {
        "text": "Hi, I'm Bob. For a transfer to the US the fee is €15, and the exchange rate is shown before you confirm. "
                "Would you like me to walk you through it?"})
    page.wait_for_selector(".msg-agent")
    page.fill("#composer-input", "Yes please!")
    page.press("#composer-input", "Enter")
    page.wait_for_selector(".msg-customer >> text=Yes please!")
    _wait_until(lambda: page.locator('.msg-customer[data-status="sending"]').count() == 0)
    snap(page, "chat", "desktop")
    session = json.loads(page.evaluate("localStorage.getItem('tandem.chat.session')"))
    ctx.close()

    # the same conversation resumed on a phone (a new resume token, the welcome text)
    ctx = context("phone")
    ctx.add_init_script(f"localStorage.setItem('tandem.chat.session', {json.dumps(json.dumps(session))})")
    page = ctx.new_page()
    page.goto("/chat?channel=mobile")
    page.wait_for_selector(".notice-welcome")
    snap(page, "chat", "phone")
    ctx.close()

    # -- console ---------------------------------------------------------------------------------------
    alice = seeder.agents["alice"]
    james = live["james"]
    waiting = server.call("GET", "/v1/handoffs?status=waiting", token=server.admin)["handoffs"]
    for size in SIZES:
        ctx = context(size)
        page = ctx.new_page()
        page.goto("/console")
        page.wait_for_selector("#token")
        snap(page, "console-signin", size)
        page.fill("#token", alice)
        page.click("#signin-submit")
        page.wait_for_selector('#live[data-state="open"]')
        page.wait_for_selector("#queue-list .qitem")
        if size == "phone":
            snap(page, "console-queue", size)
        if waiting:
            page.click(f'.qitem[data-id="{waiting[0]["id"]}"]')
            page.wait_for_selector(f'#panel-{waiting[0]["id"]} .assist', state="attached")
            if size == "phone":
                page.click('.mobile-nav button[data-view="queue"]')
        page.click(f'.qitem[data-id="{james}"]')
        page.wait_for_selector(f"#panel-{james} .assist .customer", state="attached")
        page.wait_for_selector(f"#panel-{james} .sug-insert:not([disabled])", state="attached")
        snap(page, "console", size)
        if size == "phone":
            page.click('.mobile-nav button[data-view="details"]')
            snap(page, "console-details", size)
        else:
            page.locator(f"#panel-{james} .assist").evaluate(
                "el => { const card = el.querySelector('.suggestions').closest('.card');"
                " el.scrollTop += card.getBoundingClientRect().top - el.getBoundingClientRect().top - 12; }")
            snap(page, "console-details", size)
        ctx.close()

    # -- supervisor --------------------------------------------------------------------------------------
    supervisor = server.token("sam", "supervisor")
    for size in SIZES:
        ctx = context(size)
        page = ctx.new_page()
        page.goto("/supervisor")
        page.fill("#token", supervisor)
        page.click("#signin-submit")
        page.wait_for_selector("#rows tr")
        page.wait_for_selector("#chart-days svg rect")
        snap(page, "supervisor", size)
        snap(page, "supervisor", size, full_page=True)
        page.evaluate("window.scrollTo(0, document.querySelector('.table-card').offsetTop - 70)")
        snap(page, "supervisor-log", size)
        page.click("#rows tr[data-id] .row-link >> nth=0")
        page.wait_for_selector("#drawer .d-body")
        row = next(r for r in server.call("GET", "/v1/escalations", token=server.admin)["escalations"] if r["outcome"])
        page.keyboard.press("Escape")
        page.click(f'#rows tr[data-id="{row["handoff_id"]}"] .row-link')
        page.wait_for_selector("#drawer .replay")
        snap(page, "supervisor-detail", size)
        ctx.close()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", default="screenshots", help="folder for the PNG files")
    parser.add_argument("--no-history", action="store_true", help="keep every seeded conversation on today's date")
    args = parser.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="tandem-shots-") as tmp:
        data_dir = Path(tmp) / "data"
        server = start_server(data_dir)
        try:
            seeder = Seeder(server)
            seeder.history()
            if not args.no_history:
                seeder.spread_history(data_dir)
            live = seeder.live()
            with sync_playwright() as pw:
                browser = launch(pw)
                try:
                    written = shoot(server, seeder, live, out, browser)
                finally:
                    browser.close()
        finally:
            server.stop()
    for path in written:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
