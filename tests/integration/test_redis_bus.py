"""Live events cross processes through Redis: two apps on one database see each other."""
from __future__ import annotations

import os
import uuid
from typing import Any

import pytest

import asyncio

from assistant import keys
from tests.helpers import conversation, h, ingest, say, token


def svc_presence(client: Any) -> Any:
    return client.app[keys.services].presence

REDIS = os.environ.get("TANDEM_TEST_REDIS", "redis://127.0.0.1:6379/0")


def _redis_up() -> bool:
    import socket

    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1):
            return True
    except OSError:
        return False


async def _two_workers(aiohttp_client: Any, app_factory: Any, pg_url: str, tmp_path: Any) -> tuple[Any, Any]:
    """Two apps on one PostgreSQL database and one Redis, signing with the same secret."""
    if not _redis_up():
        if os.environ.get("CI"):
            pytest.fail("Redis is not reachable")
        pytest.skip("Redis is not reachable")
    secret = uuid.uuid4().hex
    one = await aiohttp_client(app_factory(tmp_path / "w1", database_url=pg_url, redis_url=REDIS, secret=secret))
    two = await aiohttp_client(app_factory(tmp_path / "w2", database_url=pg_url, redis_url=REDIS, secret=secret))
    return one, two


@pytest.mark.postgres
async def test_an_agent_on_one_worker_sees_a_customer_on_another(aiohttp_client: Any, app_factory: Any, pg_url: str,
                                                                 tmp_path: Any) -> None:
    one, two = await _two_workers(aiohttp_client, app_factory, pg_url, tmp_path)
    await ingest(one)
    agent = await token(one, "agent-redis", "agent")
    async with one.ws_connect(f"/v1/agents/stream?token={agent}") as ws:
        assert (await ws.receive_json(timeout=5))["kind"] == "queue"
        conv = await conversation(two)
        for _ in range(50):  # presence reaches the other worker through Redis within seconds
            r = await two.get("/v1/handoffs", headers=h())
            if svc_presence(two).any_online():
                break
            await asyncio.sleep(0.1)
        out = await say(two, conv, "I want to talk to a human")
        assert "No advisor" not in out["reply"]["text"]  # worker two knows an agent is online on one
        frame = await ws.receive_json(timeout=5)
        while frame["kind"] == "presence":
            frame = await ws.receive_json(timeout=5)
        assert frame["kind"] == "handoff_waiting" and frame["handoff"]["id"] == out["handoff"]["id"]
    r = await one.get(f"/v1/conversations/{conv['conversation_id']}/events", headers=h(conv["token"]))
    assert r.status == 200 and len((await r.json())["events"]) == 3


@pytest.mark.postgres
async def test_knowledge_written_by_one_worker_is_found_by_another(aiohttp_client: Any, app_factory: Any,
                                                                   pg_url: str, tmp_path: Any) -> None:
    import asyncio

    if not _redis_up():
        pytest.skip("Redis is not reachable")
    one = await aiohttp_client(app_factory(tmp_path / "w1", database_url=pg_url, redis_url=REDIS))
    two = await aiohttp_client(app_factory(tmp_path / "w2", database_url=pg_url, redis_url=REDIS))
    await ingest(one)
    for _ in range(50):
        r = await two.post("/v1/knowledge/search", json={"query": "I forgot my PIN"}, headers=h())
        results = (await r.json())["results"]
        if results and results[0]["document_id"] == "pin":
            break
        await asyncio.sleep(0.1)
    else:
        pytest.fail("the second worker never saw the first one's documents")


@pytest.mark.postgres
async def test_replies_stay_paired_with_their_messages_across_workers(aiohttp_client: Any, app_factory: Any,
                                                                  pg_url: str, tmp_path: Any) -> None:
    import asyncio

    if not _redis_up():
        pytest.skip("Redis is not reachable")
    secret = uuid.uuid4().hex
    one = await aiohttp_client(app_factory(tmp_path / "w1", database_url=pg_url, redis_url=REDIS, secret=secret))
    two = await aiohttp_client(app_factory(tmp_path / "w2", database_url=pg_url, redis_url=REDIS, secret=secret))
    await ingest(one)
    await ingest(two)
    conv = await conversation(one)
    questions = ["I forgot my PIN", "how do I send money", "my card was stolen", "send money abroad",
                 "block my card", "change my PIN", "transfer to a friend", "virement vers les États-Unis"]

    async def send(i: int, text: str) -> Any:
        client = one if i % 2 else two
        return await client.post(f"/v1/conversations/{conv['conversation_id']}/messages",
                                 json={"text": text, "client_message_id": f"x{i}"}, headers=h(conv["token"]))

    replies = await asyncio.gather(*(send(i, q) for i, q in enumerate(questions)))
    assert all(r.status == 200 for r in replies)
    r = await one.get(f"/v1/conversations/{conv['conversation_id']}/events", headers=h(conv["token"]))
    events = (await r.json())["events"]
    assert [e["seq"] for e in events] == list(range(1, len(events) + 1))
    customer = [e for e in events if e["type"] == "customer_message"]
    assert sorted(e["text"] for e in customer) == sorted(questions)
    for e in customer:  # each message's reply comes right after it, before anyone else's message
        nxt = next(x for x in events if x["seq"] == e["seq"] + 1)
        assert nxt["type"] in ("bot_message", "handoff_requested"), events


@pytest.mark.postgres
async def test_an_erasure_on_one_worker_reaches_the_other_worker_s_caches(aiohttp_client: Any, app_factory: Any,
                                                                          pg_url: str, tmp_path: Any) -> None:
    """Worker two remembers Eve's profile for its turns; erased (and a new Eve created without consent)
    on worker one, worker two must not greet the new Eve with the old one's name."""
    one, two = await _two_workers(aiohttp_client, app_factory, pg_url, tmp_path)
    await ingest(one)
    eve = {"name": "Eve Martin", "language": "en", "consents": {"personalization": True}}
    assert (await one.put("/v1/customers/eve-x", json=eve, headers=h())).status == 200
    out = await say(two, await conversation(two, customer_id="eve-x"), "I forgot my PIN")
    assert out["reply"]["tone"]["personalized"] is True  # worker two has Eve's profile cached now
    assert (await one.delete("/v1/customers/eve-x", headers=h())).status == 204
    fresh = {"language": "en", "consents": {"personalization": False}}
    assert (await one.put("/v1/customers/eve-x", json=fresh, headers=h())).status == 200
    for _ in range(50):  # the notice crosses Redis within moments
        out = await say(two, await conversation(two, customer_id="eve-x"), "I forgot my PIN")
        if out["reply"]["tone"]["personalized"] is False:
            break
        await asyncio.sleep(0.1)
    assert out["reply"]["tone"]["personalized"] is False and "Eve" not in out["reply"]["text"], out["reply"]
