"""The whole story in three browsers: customer, agent, supervisor."""
from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.harness import Server

pytestmark = pytest.mark.browser


def _session(page: Any) -> dict[str, Any]:
    return json.loads(page.evaluate("localStorage.getItem('tandem.chat.session')"))


def _say(page: Any, text: str) -> None:
    page.fill("#composer-input", text)
    page.press("#composer-input", "Enter")


def _waiting_handoff(server: Server, conversation_id: str) -> str:
    handoffs = server.call("GET", "/v1/handoffs?status=waiting", token=server.admin)["handoffs"]
    return next(h["id"] for h in handoffs if h["conversation_id"] == conversation_id)


def test_customer_agent_supervisor_journey(server: Server, new_page: Any) -> None:
    agent_token = server.token("alice", "agent")
    supervisor_token = server.token("sam", "supervisor")

    # The agent signs in first, so the request arrives live in the queue.
    agent = new_page()
    agent.goto("/console")
    agent.fill("#token", agent_token)
    agent.click("#signin-submit")
    expect(agent.locator("#live")).to_have_attribute("data-state", "open")

    # The customer asks a banking question and gets an answer with its sources.
    customer = new_page(390, 844)
    customer.goto("/chat")
    _say(customer, "How do I make an international transfer?")
    answer = customer.locator(".msg-bot:not(.typing)").last
    expect(answer.locator(".sources .source").first).to_be_visible()
    expect(answer.locator(".sources")).to_contain_text("International")
    conversation_id = _session(customer)["conversation_id"]

    # ... then asks for a human.
    _say(customer, "I want to talk to a human")
    expect(customer.locator(".notice-wait")).to_be_visible()
    expect(customer.locator("#chat-status")).to_have_attribute("data-state", "waiting_agent")
    handoff_id = _waiting_handoff(server, conversation_id)

    # The request shows up in the agent's queue without a reload; the agent opens and accepts it.
    item = agent.locator(f'#queue-list .qitem[data-id="{handoff_id}"]')
    expect(item).to_be_visible()
    expect(item).to_contain_text("Asked for a person")
    item.click()
    panel = agent.locator(f"#panel-{handoff_id}")
    expect(panel.locator(".line.evidence")).to_contain_text("I want to talk to a human")
    expect(panel.locator(".why")).to_contain_text("Asked for a person")
    expect(panel.locator(".sug").first).to_be_visible()
    panel.get_by_role("button", name="Accept").click()
    reply_box = panel.locator("textarea")
    expect(reply_box).to_be_enabled()
    expect(item).to_be_hidden()
    expect(agent.locator(f'#active-list .qitem[data-id="{handoff_id}"]')).to_be_visible()

    # One click on a reply suggestion fills the reply box; the agent writes their own reply instead.
    panel.locator(".sug-insert").first.click()
    expect(reply_box).not_to_have_value("")
    reply = "Hello, I'm Alice from the transfers team. I can help you with that."
    reply_box.fill(reply)
    reply_box.press("Enter")
    expect(panel.locator(".line-agent .line-text")).to_have_text(reply)

    # The customer sees the advisor join and the reply, styled as an agent message.
    # (the customer's view names no advisor: not "An advisor, Agent, has joined")
    expect(customer.locator(".notice-join")).to_have_text("An advisor has joined the conversation")
    expect(customer.locator(".msg-agent .author")).to_have_text("Advisor")
    expect(customer.locator(".msg-agent .bubble")).to_have_text(reply)
    expect(customer.locator("#chat-status")).to_have_attribute("data-state", "agent")

    # The agent has to go: the conversation goes back to the queue, the customer is told; they take it again.
    panel.get_by_role("button", name="Back to queue").click()
    expect(panel.get_by_role("button", name="Accept")).to_be_visible()
    expect(customer.locator("#chat-status")).to_have_attribute("data-state", "waiting_agent")
    expect(customer.locator(".msg-bot .bubble").last).to_contain_text("back in the queue")
    panel.get_by_role("button", name="Accept").click()
    expect(reply_box).to_be_enabled()
    expect(customer.locator("#chat-status")).to_have_attribute("data-state", "agent")

    # A customer message reaches the agent live.
    _say(customer, "Thanks, it is to a US account")
    expect(panel.locator(".line-customer .line-text").last).to_have_text("Thanks, it is to a US account")

    # The agent hands the conversation back to the bot.
    panel.get_by_role("button", name="Hand back…").click()
    dialog = agent.locator("#close-dialog")
    expect(dialog.locator('input[value="handback"]')).to_be_checked()
    dialog.locator("#close-note").fill("Explained SWIFT transfers")
    dialog.locator("#close-confirm").click()
    expect(panel.locator(".status-badge")).to_have_attribute("data-status", "closed")
    expect(customer.locator("#chat-status")).to_have_attribute("data-state", "bot")
    expect(customer.locator(".notice-info").last).to_contain_text("assistant is back")

    # A reload resumes the same conversation, with a new resume token and the welcome text.
    old_resume = _session(customer)["resume_token"]
    customer.reload()
    expect(customer.locator(".notice-welcome")).to_be_visible()
    expect(customer.locator(".msg-agent .bubble")).to_have_text(reply)
    assert _session(customer)["conversation_id"] == conversation_id
    assert _session(customer)["resume_token"] != old_resume

    # The supervisor finds the escalation, replays it, and exports the log as CSV.
    sup = new_page()
    sup.goto("/supervisor")
    sup.fill("#token", supervisor_token)
    sup.click("#signin-submit")
    row = sup.locator(f'#rows tr[data-id="{handoff_id}"]')
    expect(row).to_contain_text("Asked for a person")
    expect(row).to_contain_text("alice")
    expect(sup.locator("#table-count")).to_have_text("1 escalation")
    expect(row.locator(".badge.outcome")).to_have_text("Handed back")
    expect(sup.locator("#k-handoffs .kpi-value")).not_to_have_text("0")
    row.click()
    drawer = sup.locator("#drawer")
    expect(drawer.locator(".r-line.evidence")).to_contain_text("I want to talk to a human")
    expect(drawer).to_contain_text("Explained SWIFT transfers")
    sup.keyboard.press("Escape")
    expect(drawer).to_be_hidden()

    with sup.expect_download() as info:
        sup.click("#export")
    download = info.value
    assert download.suggested_filename.endswith(".csv")
    content = Path(download.path()).read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(content)))
    assert rows[0][:4] == ["handoff_id", "conversation_id", "customer_id", "reason"]
    assert any(r[0] == handoff_id and r[3] == "human_request" for r in rows[1:])


def test_errors_are_shown(server: Server, new_page: Any) -> None:
    page = new_page()
    page.goto("/console")
    page.fill("#token", "tdm_not-a-real-token")
    page.click("#signin-submit")
    expect(page.locator("#signin-error")).to_have_text(
        "This token is not valid. Check it, or ask an administrator for a new one.")

    supervisor_only = server.token("viewer", "supervisor")
    page.fill("#token", supervisor_only)
    page.click("#signin-submit")
    expect(page.locator("#signin-error")).to_contain_text("agent role")

    agent_only = server.token("bob", "agent")
    page.goto("/supervisor")
    page.fill("#token", agent_only)
    page.click("#signin-submit")
    expect(page.locator("#signin-error")).to_contain_text("supervisor role")

    page.goto("/console?lang=fr")  # said in the page's language, not the server's English
    page.fill("#token", "tdm_not-a-real-token")
    page.click("#signin-submit")
    expect(page.locator("#signin-error")).to_contain_text("Ce jeton n’est pas valide")


def test_a_long_source_title_stays_inside_a_phone_s_screen(new_page: Any) -> None:
    """"Remboursement et contestation d'un paiement par carte (chargeback)" is wider than a 390 px screen: the chip
    ends in an ellipsis, and neither the answer nor the page runs off the screen."""
    page = new_page(390, 844, locale="fr-FR")
    page.goto("/chat")
    _say(page, "Comment contester un paiement par carte auprès d'un commerçant ?")
    answer = page.locator(".msg-bot:not(.typing)").last
    chip = answer.locator(".sources .source").first
    expect(chip).to_be_visible()
    expect(chip).to_have_attribute("title", re.compile("chargeback"))
    for box in (chip.bounding_box(), answer.locator(".bubble").bounding_box()):
        assert box is not None and box["x"] + box["width"] <= 390, box
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_a_conversation_opened_on_another_device_speaks_its_language(server: Server, new_page: Any) -> None:
    """A French conversation, resumed on a browser set to English whose reader chose no language: the page's own
    words are French too."""
    conv = server.call("POST", "/v1/conversations", {"channel": "mobile", "language": "fr"})
    server.call("POST", f"/v1/conversations/{conv['conversation_id']}/messages",
                {"text": "comment bloquer ma carte ?"}, token=conv["token"])
    session = json.dumps({k: conv[k] for k in ("conversation_id", "token", "resume_token")})
    page = new_page(390, 844, locale="en-GB")
    page.add_init_script(f"localStorage.setItem('tandem.chat.session', {json.dumps(session)})")
    page.goto("/chat")
    expect(page.locator(".msg-bot").first).to_be_visible()
    expect(page.locator("h1")).to_have_text("Aide et support")


def test_language_switch(new_page: Any) -> None:
    linked = new_page(locale="en-US")  # a link that says the language opens in it, whatever the browser's
    linked.goto("/chat?lang=fr")
    expect(linked.locator("h1")).to_have_text("Aide et support")
    page = new_page(locale="fr-FR")
    page.goto("/chat")
    expect(page.locator("h1")).to_have_text("Aide et support")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    page.get_by_role("button", name="EN", exact=True).click()
    expect(page.locator("h1")).to_have_text("Help & support")
    expect(page.locator("#composer-input")).to_have_attribute("placeholder", "Write a message…")
    page.reload()
    expect(page.locator("h1")).to_have_text("Help & support")


def test_the_chat_page_suggests_the_company_s_own_questions(new_page: Any) -> None:
    """The intro and the suggested questions are the company's (tone.toml [page.*]; the demo bank's here), in the
    page's language; a click sends one."""
    page = new_page(locale="fr-FR")
    page.goto("/chat")
    expect(page.locator("#suggestions .chip").first).to_have_text("J’ai perdu ma carte")
    expect(page.locator("#intro")).to_contain_text("vos virements ou votre forfait mobile")
    expect(page.locator("#suggestions .chip").last).to_have_text("Parler à un conseiller")
    expect(page).to_have_title("Aide et support — chat")
    page.get_by_role("button", name="EN", exact=True).click()
    expect(page.locator("#suggestions .chip").first).to_have_text("I lost my card")
    expect(page).to_have_title("Help & support — chat")
    page.locator("#suggestions .chip").first.click()
    expect(page.locator(".msg-bot:not(.typing)").last.locator(".sources")).to_contain_text("Lost or stolen card")


def test_an_advisor_sees_the_requests_in_their_languages_first(server: Server, new_page: Any) -> None:
    """Signed in for French only: a French request comes before an English one that ranks higher (fraud)."""
    def waiting(language: str, *messages: str) -> str:
        conv = server.call("POST", "/v1/conversations", {"channel": "web", "language": language})
        for text in messages:
            server.call("POST", f"/v1/conversations/{conv['conversation_id']}/messages", {"text": text},
                        token=conv["token"])
        return _waiting_handoff(server, conv["conversation_id"])

    english = waiting("en", "I want an agent", "someone is using my card, I see payments I did not make")
    french = waiting("fr", "je veux parler à un conseiller")
    queue = {x["id"]: x for x in server.call("GET", "/v1/handoffs?status=waiting", token=server.admin)["handoffs"]}
    assert queue[english]["priority"] > queue[french]["priority"], queue
    agent = new_page()
    agent.goto("/console")
    agent.fill("#token", server.token("louise", "agent"))
    agent.uncheck('input[name="lang"][value="en"]')
    agent.click("#signin-submit")
    expect(agent.locator("#live")).to_have_attribute("data-state", "open")
    expect(agent.locator("#queue-list .qitem").first).to_have_attribute("data-id", french)
    expect(agent.locator(f'#queue-list .qitem[data-id="{english}"]')).to_be_visible()  # still there, after


def test_a_french_advisor_reads_why_each_suggestion_is_there_in_french(server: Server, new_page: Any) -> None:
    """The suggestions' reasons come as codes and values (``reasons``): the console words them in its own
    language; the English ``why`` stays for API clients."""
    conv = server.call("POST", "/v1/conversations", {"channel": "web", "language": "fr"})
    server.call("POST", f"/v1/conversations/{conv['conversation_id']}/messages",
                {"text": "Je veux parler à un conseiller : comment faire un virement international ?"},
                token=conv["token"])
    handoff_id = _waiting_handoff(server, conv["conversation_id"])
    packet = server.call("GET", f"/v1/handoffs/{handoff_id}", token=server.admin)
    article = next(a for a in packet["suggested_actions"] if a["kind"] == "article")
    assert article["why"].startswith("the knowledge answers"), article
    assert article["reasons"][0]["code"] == "knowledge", article

    agent = new_page(locale="fr-FR")
    agent.goto("/console")
    agent.fill("#token", server.token("louise", "agent"))
    agent.click("#signin-submit")
    agent.locator(f'#queue-list .qitem[data-id="{handoff_id}"]').click()
    whys = agent.locator(f"#panel-{handoff_id} .sug-why")
    expect(whys.first).to_be_visible()
    expect(agent.locator(f"#panel-{handoff_id} .suggestions")).to_contain_text("la base de connaissances répond à")
    expect(agent.locator(f"#panel-{handoff_id} .suggestions")).not_to_contain_text("the knowledge answers")
    agent.get_by_role("button", name="EN", exact=True).click()
    expect(agent.locator(f"#panel-{handoff_id} .suggestions")).to_contain_text("the knowledge answers")


def test_every_console_counts_the_agents_online_as_they_come_and_go(server: Server, new_page: Any) -> None:
    def console(name: str) -> Any:
        page = new_page()
        page.goto("/console")
        page.fill("#token", server.token(name, "agent"))
        page.click("#signin-submit")
        expect(page.locator("#live")).to_have_attribute("data-state", "open")
        return page

    first = console("ana-presence")
    expect(first.locator("#online")).not_to_have_attribute("title", re.compile("ben-presence"))
    second = console("ben-presence")
    expect(first.locator("#online")).to_have_attribute("title", re.compile("ben-presence"))
    expect(second.locator("#online")).to_have_attribute("title", re.compile("ana-presence"))
    second.context.close()
    expect(first.locator("#online")).not_to_have_attribute("title", re.compile("ben-presence"))


def test_the_supervisor_log_follows_the_queue_without_a_reload(server: Server, new_page: Any) -> None:
    """An escalation opened after the page loaded shows up by itself, waiting with nobody on it; accepted, it shows
    its agent; released back to the queue, nobody again (who held it last is in the row's title); taken again, the
    drawer tells each advisor who took it and the release between them."""
    sup = new_page()
    sup.add_init_script("window.TANDEM_REFRESH_MS = 300")
    sup.goto("/supervisor")
    sup.fill("#token", server.token("sam", "supervisor"))
    sup.click("#signin-submit")
    expect(sup.locator("#updated")).to_contain_text("updated")

    conv = server.call("POST", "/v1/conversations", {"channel": "web"}, server.admin)
    said = server.call("POST", f"/v1/conversations/{conv['conversation_id']}/messages",
                       {"text": "I want to talk to a human about my statement"}, conv["token"])
    hid = said["handoff"]["id"]
    row = sup.locator(f'#rows tr[data-id="{hid}"]')
    expect(row.locator(".badge.outcome")).to_have_text("Waiting")
    zoe = server.token("agent-zoe", "agent")
    server.call("POST", f"/v1/handoffs/{hid}/accept", token=zoe)
    expect(row.locator(".badge.outcome")).to_have_text("In progress")
    expect(row).to_contain_text("zoe")
    server.call("POST", f"/v1/handoffs/{hid}/release", token=zoe)
    expect(row.locator(".badge.outcome")).to_have_text("Waiting")
    expect(row).not_to_contain_text("zoe")
    expect(row.locator('td span[title*="zoe"]')).to_have_count(1)
    # the drawer's timeline: taken by zoe, back in the queue, waiting again
    server.call("POST", f"/v1/handoffs/{hid}/accept", token=server.token("agent-yan", "agent"))
    expect(row).to_contain_text("yan")
    row.click()
    steps = sup.locator("#drawer .d-timeline li")
    expect(steps).to_have_count(4)
    expect(steps.nth(1)).to_contain_text("Accepted by agent-zoe")
    expect(steps.nth(2)).to_contain_text("Back in the queue · agent-zoe left")
    expect(steps.nth(3)).to_contain_text("Accepted by agent-yan")
