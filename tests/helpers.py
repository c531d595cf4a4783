"""Small helpers the integration tests share."""
from __future__ import annotations

from typing import Any

ADMIN = "test-admin-token"

DOCS = [
    {"id": "pin", "title": "Reset your PIN", "language": "en",
     "text": "You can reset your PIN in the app under Cards > PIN. A new PIN works at once.",
     "questions": ["I forgot my PIN", "how do I change my PIN", "my PIN is blocked"]},
    {"id": "transfer", "title": "Make a transfer", "language": "en",
     "text": "Send money from Payments > New transfer. Transfers in euros arrive the same day.",
     "questions": ["how do I send money", "make a bank transfer", "transfer money to a friend"]},
    {"id": "virement-international", "title": "Virement international", "language": "fr",
     "text": "Pour un virement hors zone euro, allez dans Paiements > International. Comptez 2 à 4 jours.",
     "questions": ["comment envoyer de l'argent à l'étranger", "virement vers les États-Unis"]},
    {"id": "card-lost", "title": "Lost or stolen card", "language": "en", "tags": ["cards"],
     "text": "Block a lost card at once in Cards > Block. A replacement arrives within 5 days.",
     "questions": ["I lost my card", "my card was stolen", "block my card"]},
]


def h(token: str = ADMIN) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def ingest(client: Any, docs: list[dict[str, Any]] = DOCS) -> None:
    r = await client.post("/v1/knowledge/documents", json={"documents": docs}, headers=h())
    assert r.status == 200, await r.text()
    assert await r.json() == {"ingested": len(docs)}


async def conversation(client: Any, **body: Any) -> dict[str, Any]:
    r = await client.post("/v1/conversations", json={"channel": "web", **body}, headers=h())
    assert r.status == 201, await r.text()
    return await r.json()


async def say(client: Any, conv: dict[str, Any], text: str, **extra: Any) -> dict[str, Any]:
    r = await client.post(f"/v1/conversations/{conv['conversation_id']}/messages", json={"text": text, **extra},
                          headers=h(conv["token"]))
    assert r.status == 200, await r.text()
    return await r.json()


async def reply_after(client: Any, *messages: str, **body: Any) -> dict[str, Any]:
    """A new conversation (``body``: its channel, language…) in which ``messages`` are said in turn:
    the response to the last."""
    conv = await conversation(client, **body)
    for text in messages[:-1]:
        await say(client, conv, text)
    return await say(client, conv, messages[-1])


async def events(client: Any, conv: dict[str, Any], after: int = 0) -> list[dict[str, Any]]:
    r = await client.get(f"/v1/conversations/{conv['conversation_id']}/events?after={after}", headers=h(conv["token"]))
    assert r.status == 200, await r.text()
    return (await r.json())["events"]


async def token(client: Any, subject: str, *roles: str) -> str:
    r = await client.post("/v1/auth/tokens", json={"subject": subject, "roles": list(roles)}, headers=h())
    assert r.status == 201, await r.text()
    return (await r.json())["token"]


def assert_error(status: int, body: dict[str, Any], expected_status: int, code: str | None = None) -> None:
    assert status == expected_status, body
    assert set(body) == {"error", "request_id"}, body
    assert set(body["error"]) >= {"code", "message"}
    if code:
        assert body["error"]["code"] == code, body
