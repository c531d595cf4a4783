"""`tandem bench`: turn latency and throughput of a real server on loopback, beside the floor.

It starts ``tandem serve --no-demo`` on a fresh data dir, builds a knowledge base
from banking77 (one document per intent, its training phrasings as questions),
then runs N concurrent conversations of T turns each, drawn from held-out
phrasings, and reports p50/p95/p99 turn latency, turns/s and the server's RSS.
The floor is the same queries' encode + search in-process, one at a time.
"""
from __future__ import annotations

import asyncio
import json
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import aiohttp

ADMIN = "bench-admin-token"
ACTIONS: Counter[str] = Counter()  # what the bot did, over the measured turns


@dataclass
class Result:
    name: str
    requests: int
    errors: int
    seconds: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    per_s: float
    rss_mb: float | None = None

    def line(self) -> str:
        rss = f"  rss {self.rss_mb:.0f} MB" if self.rss_mb is not None else ""
        return (f"{self.name:28s} n={self.requests:6d} errors={self.errors:3d}  p50 {self.p50_ms:6.2f} ms  "
                f"p95 {self.p95_ms:6.2f} ms  p99 {self.p99_ms:6.2f} ms  {self.per_s:7.1f}/s{rss}")


def _pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def summarise(name: str, latencies: list[float], errors: int, seconds: float, rss: float | None = None) -> Result:
    ms = [x * 1000 for x in latencies]
    return Result(name, len(ms), errors, round(seconds, 2), round(_pct(ms, 0.5), 2), round(_pct(ms, 0.95), 2),
                  round(_pct(ms, 0.99), 2), round(len(ms) / seconds, 1) if seconds else 0.0,
                  round(rss, 1) if rss is not None else None)


def load_banking(data: Path, seed: int = 13) -> tuple[list[dict], list[str]]:
    from knowledge.evaluation import banking77

    s = banking77(data, seed)
    by: dict[str, list[str]] = {}
    for text, label in s.train:
        by.setdefault(label, []).append(text)
    docs = [{"id": k, "title": k.replace("_", " "), "text": k.replace("_", " "), "questions": v, "language": "en"}
            for k, v in sorted(by.items())]
    queries = [t for t, _ in s.test]
    random.Random(seed).shuffle(queries)  # the split lists each intent's phrasings together
    return docs, queries


def _own_rss_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def rss_mb(pid: int) -> float | None:
    """The server's resident memory, with its child processes (the encoder's, when it has one)."""
    own = _own_rss_mb(pid)
    if own is None:
        return None
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        children = []
    return own + sum(_own_rss_mb(int(c)) or 0.0 for c in children)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class ServerProcess:
    def __init__(self, env: dict[str, str] | None = None, workers: int | None = None) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.dir = tempfile.mkdtemp(prefix="tandem-bench-")
        cmd = [str(Path(sys.executable).parent / "tandem"), "serve", "--no-demo", "--port", str(self.port),
               "--data-dir", self.dir]
        if workers:
            cmd += ["--workers", str(workers)]
        self.log = open(Path(self.dir) / "server.log", "ab")  # noqa: SIM115
        self.proc = subprocess.Popen(cmd, env={**os.environ, "TANDEM_ADMIN_TOKEN": ADMIN, **(env or {})},
                                     stdout=self.log, stderr=subprocess.STDOUT)

    async def ready(self, session: aiohttp.ClientSession, timeout: float = 240) -> None:
        await wait_until_up(session, self.proc, self.base + "/healthz", timeout,
                            f"tandem serve (see {self.dir}/server.log)")

    def stop(self) -> None:
        stop_process(self.proc, 20)
        self.log.close()


async def wait_until_up(session: aiohttp.ClientSession, proc: subprocess.Popen, url: str, timeout: float,
                        what: str) -> None:
    """Until ``url`` answers 200; an error as soon as the process has exited."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{what} exited with {proc.returncode}")
        try:
            async with session.get(url) as r:
                if r.status == 200:
                    return
        except aiohttp.ClientError:
            pass
        await asyncio.sleep(0.3)
    raise RuntimeError(f"{what} did not start in {timeout:g} s")


async def knowledge_settled(session: aiohttp.ClientSession, base: str, timeout: float = 180.0) -> None:
    """Returns once the server's knowledge layer is fitted on what was ingested (``GET /healthz`` "layer"): its
    fit (a core for 15–20 s on banking77) would otherwise run beside the first timed turns."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        async with session.get(base + "/healthz") as r:
            if r.status == 200 and (await r.json()).get("layer") != "fitting":
                return
        await asyncio.sleep(0.2)


def stop_process(proc: subprocess.Popen, grace_s: float) -> None:
    proc.terminate()
    try:
        proc.wait(grace_s)
    except subprocess.TimeoutExpired:
        proc.kill()


async def open_conversation(session: aiohttp.ClientSession, base: str, channel: str = "web"
                            ) -> tuple[dict[str, Any], str, dict[str, str]]:
    """A new anonymous conversation: its body, its messages URL and its bearer header."""
    async with session.post(base + "/v1/conversations", json={"channel": channel},
                            headers={"Authorization": f"Bearer {ADMIN}"}) as r:
        conv = await r.json()
    return (conv, f"{base}/v1/conversations/{conv['conversation_id']}/messages",
            {"Authorization": f"Bearer {conv['token']}"})


async def run_conversations(base: str, session: aiohttp.ClientSession, queries: list[str], conversations: int,
                            turns: int, seed: int = 1) -> tuple[list[float], int, float]:
    rng = random.Random(seed)
    latencies: list[float] = []
    errors = 0

    async def one(i: int) -> None:
        nonlocal errors
        _, url, auth = await open_conversation(session, base, rng.choice(["web", "mobile"]))
        for t in range(turns):
            text = queries[(i * turns + t) % len(queries)]
            started = time.perf_counter()
            try:
                async with session.post(url, json={"text": text, "client_message_id": f"b{i}-{t}"}, headers=auth) as r:
                    body = await r.json()
                    ok = r.status == 200
                    ACTIONS[((body.get("reply") or {}).get("action") or "silent") if ok else "error"] += 1
                    if ok and body.get("handoff"):
                        ACTIONS["handoff:" + body["handoff"]["reason"]] += 1
            except aiohttp.ClientError:
                ok = False
            latencies.append(time.perf_counter() - started)
            errors += not ok

    started = time.perf_counter()
    await asyncio.gather(*(one(i) for i in range(conversations)))
    return latencies, errors, time.perf_counter() - started


async def run_paced(base: str, session: aiohttp.ClientSession, queries: list[str], conversations: int,
                    rate: float, duration: float, turns: int) -> tuple[list[float], int, float]:
    """Open loop: ``rate`` turns a second in all, spread over ``conversations`` customers who
    each take ``conversations / rate`` seconds between messages, for ``duration`` seconds. A
    conversation that reaches ``turns`` messages ends and a new one starts in its place.
    Returns latencies, errors and seconds."""
    latencies: list[float] = []
    errors = 0
    interval = conversations / rate
    started = time.perf_counter()
    deadline = started + duration

    async def customer(i: int) -> None:
        nonlocal errors
        _, url, auth = await open_conversation(session, base)
        next_at = started + interval * i / conversations
        n = 0
        while True:
            now = time.perf_counter()
            if next_at > now:
                await asyncio.sleep(next_at - now)
            if time.perf_counter() >= deadline:
                return
            text = queries[(i * 7919 + n) % len(queries)]
            t = time.perf_counter()
            try:
                async with session.post(url, json={"text": text, "client_message_id": f"p{i}-{n}-{t}"},
                                        headers=auth) as r:
                    await r.read()
                    ok = r.status == 200
            except aiohttp.ClientError:
                ok = False
            latencies.append(time.perf_counter() - t)
            errors += not ok
            n += 1
            next_at += interval
            if n % turns == 0:
                _, url, auth = await open_conversation(session, base)

    await asyncio.gather(*(customer(i) for i in range(conversations)))
    return latencies, errors, time.perf_counter() - started


SEARCH, TURN = "action_tandem_search", "action_tandem_answer"  # the retrieval action; Tandem's whole turn


def webhook_call(sender: str, text: str, message_id: str, action: str = SEARCH) -> dict[str, Any]:
    """A Rasa server's call to its action endpoint for ``action``."""
    return {
        "next_action": action, "sender_id": sender, "version": "3.6.21",
        "domain": {"slots": {}, "responses": {}, "actions": [action]},
        "tracker": {"sender_id": sender, "slots": {}, "latest_message": {"text": text, "message_id": message_id,
                                                                          "intent": {}},
                    "events": [], "paused": False, "followup_action": None, "active_loop": {},
                    "latest_action_name": None},
    }


async def run_webhook(url: str, session: aiohttp.ClientSession, queries: list[str], senders: int, calls: int,
                      tag: str, action: str = SEARCH) -> tuple[list[float], int, float]:
    """``senders`` Rasa conversations at once, each waiting for its action before the next."""
    latencies: list[float] = []
    errors = 0

    async def one(i: int) -> None:
        nonlocal errors
        for n in range(calls):
            body = webhook_call(f"{tag}-{i}", queries[(i * calls + n) % len(queries)], f"{tag}-{i}-{n}", action)
            t = time.perf_counter()
            try:
                async with session.post(url, json=body) as r:
                    out = await r.json()
                    ok = r.status == 200 and bool(out.get("responses"))
            except (aiohttp.ClientError, ValueError):
                ok = False
            latencies.append(time.perf_counter() - t)
            errors += not ok

    started = time.perf_counter()
    await asyncio.gather(*(one(i) for i in range(senders)))
    return latencies, errors, time.perf_counter() - started


class RasaSdkServer:
    """rasa-sdk's own action server (Sanic) running ``assistant.bench_actions``, on loopback."""

    def __init__(self, docs: list[dict], encoder: str) -> None:
        self._tmp = tempfile.TemporaryDirectory(prefix="tandem-bench-rasa-")
        path = Path(self._tmp.name) / "docs.json"
        path.write_text(json.dumps(docs), encoding="utf-8")
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "rasa_sdk", "--actions", "assistant.bench_actions", "-p", str(self.port), "--quiet"],
            env={**os.environ, "SANIC_HOST": "127.0.0.1", "TANDEM_BENCH_DOCS": str(path),
                 "TANDEM_BENCH_ENCODER": encoder, "HF_HUB_OFFLINE": "1"},
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )

    async def ready(self, session: aiohttp.ClientSession, timeout: float = 180) -> None:
        await wait_until_up(session, self.proc, self.base + "/health", timeout, "rasa-sdk's action server")

    def stop(self) -> None:
        stop_process(self.proc, 10)
        self._tmp.cleanup()


async def run_resumes(base: str, session: aiohttp.ClientSession, queries: list[str], conversations: int = 20,
                      rounds: int = 10) -> tuple[list[float], int, float]:
    """A conversation left on one channel and resumed on another, one resume at a time."""
    tokens: list[str] = []
    for i in range(conversations):
        conv, url, auth = await open_conversation(session, base)
        async with session.post(url, json={"text": queries[i % len(queries)]}, headers=auth) as r:
            await r.read()
        tokens.append(conv["resume_token"])
    latencies: list[float] = []
    errors = 0
    started = time.perf_counter()
    for n in range(rounds):
        for i, token in enumerate(tokens):
            t = time.perf_counter()
            async with session.post(base + "/v1/conversations/resume",
                                    json={"resume_token": token, "channel": "mobile" if n % 2 == 0 else "web"}) as r:
                body = await r.json()
            latencies.append(time.perf_counter() - t)
            if r.status == 200:
                tokens[i] = body["resume_token"]  # tokens rotate: the next resume uses the new one
            else:
                errors += 1
    return latencies, errors, time.perf_counter() - started


async def run_customer_views(base: str, session: aiohttp.ClientSession, queries: list[str], customers: int = 20,
                             rounds: int = 10) -> tuple[list[float], int, float]:
    """The customer 360 an agent opens (GET /v1/customers/{id}): profile, recent events, past
    conversations and open handoffs, for customers with 50 events and 3 conversations each."""
    admin = {"Authorization": f"Bearer {ADMIN}"}
    ids = [f"bench-customer-{i}" for i in range(customers)]
    kinds = ["purchase", "page_view", "ticket", "trip", "login"]
    for i, cid in enumerate(ids):
        async with session.put(f"{base}/v1/customers/{cid}", headers=admin, json={
                "name": f"Customer {i}", "language": "en", "tier": "premium" if i % 3 == 0 else "standard",
                "products": ["current_account", "visa_classic"],
                "consents": {"personalization": True, "marketing": i % 2 == 0}}) as r:
            r.raise_for_status()
        async with session.post(f"{base}/v1/customers/{cid}/events", headers=admin, json={
                "events": [{"type": kinds[n % len(kinds)], "data": {"n": n}} for n in range(50)]}) as r:
            r.raise_for_status()
        for n in range(3):
            async with session.post(base + "/v1/conversations", headers=admin,
                                    json={"channel": "web", "customer_id": cid}) as r:
                r.raise_for_status()
                conv = await r.json()
            async with session.post(f"{base}/v1/conversations/{conv['conversation_id']}/messages",
                                    headers={"Authorization": f"Bearer {conv['token']}"},
                                    json={"text": queries[(i * 3 + n) % len(queries)]}) as r:
                await r.read()
    latencies: list[float] = []
    errors = 0
    started = time.perf_counter()
    for _ in range(rounds):
        for cid in ids:
            t = time.perf_counter()
            async with session.get(f"{base}/v1/customers/{cid}", headers=admin) as r:
                body = await r.json()
            latencies.append(time.perf_counter() - t)
            errors += r.status != 200 or len(body.get("past_conversations", [])) != 3
    return latencies, errors, time.perf_counter() - started


def floor(queries: list[str], docs: list[dict], encoder_name: str) -> Result:
    """Encode + search of the same queries, in-process, one at a time: what a turn cannot beat."""
    import numpy as np

    from knowledge import worker_init
    from knowledge.encoders import load_encoder
    from knowledge.index import VectorIndex

    worker_init()
    enc = load_encoder(encoder_name)
    texts = [q for d in docs for q in d["questions"]]
    vectors = enc.encode(texts)
    index = VectorIndex.build(enc.dim, np.arange(len(texts)), vectors)
    latencies = []
    started = time.perf_counter()
    for q in queries:
        t = time.perf_counter()
        index.search(enc.encode([q], query=True), 64)
        latencies.append(time.perf_counter() - t)
    return summarise(f"floor (encode+search, {encoder_name})", latencies, 0, time.perf_counter() - started)


async def bench(data: Path, conversations: int, turns: int, encoder: str, warmup: int,
                rate: float | None = None, duration: float = 60.0, webhook: bool = True) -> list[Result]:
    docs, queries = load_banking(data)
    results = []
    server = ServerProcess(env={"TANDEM_KNOWLEDGE__ENCODER": encoder})
    try:
        conn = aiohttp.TCPConnector(limit=conversations + 8)
        async with aiohttp.ClientSession(connector=conn) as session:
            await server.ready(session)
            for i in range(0, len(docs), 20):
                async with session.post(server.base + "/v1/knowledge/documents", json={"documents": docs[i:i + 20]},
                                        headers={"Authorization": f"Bearer {ADMIN}"}) as r:
                    r.raise_for_status()
            await knowledge_settled(session, server.base)
            await run_conversations(server.base, session, queries, min(conversations, 8), warmup, seed=99)
            ACTIONS.clear()
            if rate:
                # a first stretch at the same rate fills the caches of active conversations (their idle
                # timeouts are 60 and 180 s) and settles the allocator before RSS is taken
                await run_paced(server.base, session, queries, conversations, rate, min(200.0, duration / 3), turns)
            rss_before = rss_mb(server.proc.pid)
            if rate:
                lat, errors, secs = await run_paced(server.base, session, queries, conversations, rate, duration,
                                                       turns)
                name = f"tandem paced {rate:g}/s ({conversations} conv, {duration:g} s)"
            else:
                lat, errors, secs = await run_conversations(server.base, session, queries, conversations, turns)
                name = f"tandem turns ({conversations} conv)"
            rss_after = rss_mb(server.proc.pid)
            results.append(summarise(name, lat, errors, secs, rss_after))
            if rss_before is not None and rss_after is not None:
                results[-1].name += f" rss0 {rss_before:.0f}MB ({(rss_after - rss_before) / rss_before:+.1%})"
            lat, errors, secs = await run_resumes(server.base, session, queries)
            results.append(summarise("resume (web <-> mobile)", lat, errors, secs))
            lat, errors, secs = await run_customer_views(server.base, session, queries)
            results.append(summarise("customer 360 (GET, one at a time)", lat, errors, secs))
            if webhook:
                calls = 3 * max(1, turns)  # long enough to be more than its own start
                await run_webhook(server.base + "/webhook", session, queries, 4, 2, "warm", TURN)
                lat, errors, secs = await run_webhook(server.base + "/webhook", session, queries, conversations,
                                                      calls, "tandem-" + TURN, TURN)
                results.append(summarise(f"tandem /webhook {TURN} ({conversations} senders)", lat, errors, secs))
                results += await _same_action(server, session, docs, queries, encoder, conversations, calls)
    finally:
        server.stop()
    results.append(floor(queries[: conversations * turns], docs, encoder))
    return results


ROUND_RATIOS: list[float] = []  # Tandem's rate over rasa-sdk's, round by round (the last bench)


async def _same_action(server: ServerProcess, session: aiohttp.ClientSession, docs: list[dict], queries: list[str],
                       encoder: str, senders: int, calls: int, rounds: int = 3) -> list[Result]:
    """The same retrieval action on Tandem's ``/webhook`` and on rasa-sdk's own server, in alternating
    rounds with both servers up: the machine's speed drifts within minutes, and a round of each in
    turn sees the same drift."""
    sdk = RasaSdkServer(docs, encoder)
    try:
        await sdk.ready(session)
        for base in (server.base, sdk.base):
            await run_webhook(base + "/webhook", session, queries, 4, 2, "warm")
        ours: list[tuple[list[float], int, float]] = []
        theirs: list[tuple[list[float], int, float]] = []
        for n in range(rounds):
            ours.append(await run_webhook(server.base + "/webhook", session, queries, senders, calls, f"tandem-{n}"))
            theirs.append(await run_webhook(sdk.base + "/webhook", session, queries, senders, calls, f"sdk-{n}"))
        ROUND_RATIOS[:] = [(len(a[0]) / a[2]) / (len(b[0]) / b[2]) for a, b in zip(ours, theirs)]

        def merged(runs: list[tuple[list[float], int, float]]) -> tuple[list[float], int, float]:
            return [x for r in runs for x in r[0]], sum(r[1] for r in runs), sum(r[2] for r in runs)

        return [summarise(f"tandem /webhook {SEARCH} ({senders} senders, {rounds} rounds)", *merged(ours)),
                summarise(f"rasa-sdk /webhook {SEARCH} (Sanic, {senders} senders, {rounds} rounds)", *merged(theirs),
                          rss_mb(sdk.proc.pid))]
    finally:
        sdk.stop()


def main(data: Path, conversations: int, turns: int, encoder: str, as_json: bool, warmup: int = 3,
         rate: float | None = None, duration: float = 60.0) -> int:
    results = asyncio.run(bench(data, conversations, turns, encoder, warmup, rate, duration, webhook=rate is None))
    if as_json:
        print(json.dumps([asdict(r) for r in results], indent=2))
    else:
        for r in results:
            print(r.line())
        tandem, fl = results[0], results[-1]
        print(f"turn p50 / floor p50 = {tandem.p50_ms / fl.p50_ms:.2f}x")
        hooks = {r.name.split()[0]: r for r in results if f"/webhook {SEARCH}" in r.name}
        if {"tandem", "rasa-sdk"} <= set(hooks):
            print(f"/webhook {SEARCH} throughput, Tandem / rasa-sdk = "
                  f"{hooks['tandem'].per_s / hooks['rasa-sdk'].per_s:.2f}x "
                  f"(rounds: {', '.join(f'{r:.2f}x' for r in ROUND_RATIOS)})")
        print("bot actions:", dict(ACTIONS))
    return 0 if all(r.errors == 0 for r in results) else 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main(Path("../shared/data"), 64, 10, "use-m3", False))
