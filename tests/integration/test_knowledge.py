"""Knowledge through the API and the CLI: upsert, delete, filters, cross-lingual, files, restarts."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.helpers import DOCS, conversation, h, ingest, say


async def search(client: Any, query: str, **extra: Any) -> dict[str, Any]:
    r = await client.post("/v1/knowledge/search", json={"query": query, **extra}, headers=h())
    assert r.status == 200, await r.text()
    return await r.json()


async def test_upsert_replaces_and_delete_removes_at_once(client: Any) -> None:
    await ingest(client)
    assert (await search(client, "my PIN is blocked"))["results"][0]["document_id"] == "pin"
    changed = {"id": "pin", "title": "Opening hours", "text": "We are open 9 to 5.",
               "questions": ["when are you open", "opening hours"]}
    await ingest(client, [changed])
    out = await search(client, "what time do you open?")
    assert out["results"][0]["document_id"] == "pin" and out["results"][0]["title"] == "Opening hours"
    assert "PIN" not in out["results"][0]["snippet"]
    r = await client.delete("/v1/knowledge/documents/pin", headers=h())
    assert r.status == 204
    assert all(x["document_id"] != "pin" for x in (await search(client, "opening hours", k=10))["results"])


_GUIDE = "\n\n".join([
    "Storms, hail and snow.", "Damage caused by a storm, hail or the weight of snow on roofs is covered by every home "
    "policy, without any state of natural disaster. Take photos of the damage before any repair and keep the invoices "
    "of emergency repairs such as tarping a roof, which are refunded on top of the main settlement. " * 2,
    "Deadlines.", "You have 5 working days to report storm damage, and 30 days after the decree is published for a "
    "natural disaster. A report sent before the decree is kept: just confirm the decree's number.",
    "The expert's visit.", "An expert is sent within 10 days of your report to assess the damage. Be there for the "
    "visit, list the damaged belongings with their invoices, and do not throw anything away before the visit. " * 2,
    "Payment of the settlement.", "The settlement is paid within three months of the decree or of the day you sent "
    "your estimate of the losses, whichever is later. Rehousing costs are covered for up to 12 months. " * 2,
])


async def test_a_long_guide_is_answered_with_its_section_not_whole(client: Any) -> None:
    """A guide of four sections (over 1,200 characters): a question on one of them is answered with that section, its
    heading first, not the guide whole, and the search shows the passage that matched rather than the guide's
    opening."""
    await ingest(client)
    await ingest(client, [{"id": "disaster-guide", "title": "Natural disasters and storms: the full guide",
                           "text": _GUIDE, "language": "en",
                           "questions": ["My house was damaged by a storm", "How am I paid after a flood?"]}])
    conv = await conversation(client)
    out = await say(client, conv, "when does the expert come to see the damage?")
    text = out["reply"]["text"]
    assert out["reply"]["sources"] and out["reply"]["sources"][0]["document_id"] == "disaster-guide", out
    assert "The expert's visit. An expert is sent within 10 days" in text and "three months" not in text, text
    assert len(text) < len(_GUIDE) / 2, text
    out = await say(client, await conversation(client), "how long do I have to report storm damage?")
    assert "5 working days" in out["reply"]["text"] and "expert" not in out["reply"]["text"], out["reply"]["text"]
    found = (await search(client, "within how many months is the settlement paid after the decree?"))["results"][0]
    assert found["document_id"] == "disaster-guide" and found["snippet"].startswith("Payment of the settlement"), found


async def test_what_the_knowledge_holds_is_listed(client: Any) -> None:
    """GET /v1/knowledge/documents: each document's id, title, language and tags, by id; one tag's, or those whose id
    or title has the words asked; refused without a staff token; a language given as a name is refused on ingest."""
    await ingest(client)
    r = await client.get("/v1/knowledge/documents", headers=h())
    body = await r.json()
    assert r.status == 200 and body["count"] == len(DOCS), body
    assert [d["id"] for d in body["documents"]] == sorted(d["id"] for d in DOCS)
    card = next(d for d in body["documents"] if d["id"] == "card-lost")
    assert card == {"id": "card-lost", "title": "Lost or stolen card", "language": "en", "tags": ["cards"],
                    "translations": []}, card
    tagged = await (await client.get("/v1/knowledge/documents?tag=cards", headers=h())).json()
    assert [d["id"] for d in tagged["documents"]] == ["card-lost"], tagged
    named = await (await client.get("/v1/knowledge/documents?q=virement", headers=h())).json()
    assert [d["id"] for d in named["documents"]] == ["virement-international"], named
    assert (await client.get("/v1/knowledge/documents")).status == 401
    r = await client.post("/v1/knowledge/documents", headers=h(), json={"documents": [
        {"id": "x", "title": "X", "text": "Some text.", "language": "français"}]})
    assert r.status == 422 and "error" in await r.json()
    assert (await (await client.get("/v1/knowledge/documents", headers=h())).json())["count"] == len(DOCS)


async def test_a_translation_the_company_names_is_one_subject_in_the_customer_s_language(client: Any) -> None:
    """"annulation" and "cancellation" written apart, the English one saying more: paired as the company says
    (``translation_of``), listed as each other's translation, and a French customer whose question the English one
    answers best is answered from the French one."""
    await ingest(client)
    await ingest(client, [
        {"id": "cancellation", "title": "Cancelling a booking", "language": "en", "translation_of": "annulation",
         "text": "You can cancel a booking in your account under My trips, up to 48 hours before arrival, at no cost. "
                 "Later than that, the first night is charged. Non-refundable rates cannot be cancelled.",
         "questions": ["how do I cancel my booking", "cancel a reservation", "can I cancel for free"]},
        {"id": "annulation", "title": "Annuler", "language": "fr",
         "text": "Annulation gratuite jusqu'à 48 h avant l'arrivée, dans Mes voyages."}])
    body = await (await client.get("/v1/knowledge/documents", headers=h())).json()
    listed = {d["id"]: d for d in body["documents"]}
    assert listed["cancellation"]["translations"] == ["annulation"], listed["cancellation"]
    assert listed["annulation"]["translations"] == ["cancellation"], listed["annulation"]
    out = await say(client, await conversation(client, language="fr"), "comment annuler ma réservation gratuitement ?")
    assert [s["document_id"] for s in out["reply"]["sources"]][:1] == ["annulation"], out["reply"]
    r = await client.post("/v1/knowledge/documents", headers=h(), json={"documents": [
        {"id": "y", "title": "Y", "text": "Some text.", "translation_of": "\u0000"}]})
    assert r.status == 422 and "error" in await r.json()


async def test_filters_scores_and_the_in_scope_decision(client: Any) -> None:
    await ingest(client)
    out = await search(client, "send money abroad", k=3, language="fr")
    assert [x["document_id"] for x in out["results"]] == ["virement-international"]
    out = await search(client, "I lost my card", tags=["cards"])
    assert [x["document_id"] for x in out["results"]] == ["card-lost"]
    out = await search(client, "how do I send money to a friend", k=4)
    scores = [x["score"] for x in out["results"]]
    assert scores == sorted(scores, reverse=True) and out["in_scope"] is True
    assert (await search(client, "recommend a good pizza place in Naples"))["in_scope"] is False


async def test_a_document_that_says_no_language_is_given_the_one_it_is_written_in(client: Any) -> None:
    """Without "language", a French article is French to the language filter (and to the turn, which then answers a
    French question in French), an English one English."""
    await ingest(client, [
        {"id": "dimanche", "title": "Livraison le dimanche", "questions": ["Vous livrez le dimanche ?"],
         "text": "Oui : depuis décembre, nous livrons aussi le dimanche dans les grandes villes, sans frais."},
        {"id": "sunday", "title": "Sunday delivery", "questions": ["Do you deliver on Sunday?"],
         "text": "Yes: since December we also deliver on Sundays in the main cities, at no extra cost."}])
    out = await search(client, "livraison le dimanche", k=2, language="fr")
    assert [(x["document_id"], x["language"]) for x in out["results"]] == [("dimanche", "fr")], out
    out = await search(client, "do you deliver on sunday", k=2, language="en")
    assert [(x["document_id"], x["language"]) for x in out["results"]] == [("sunday", "en")], out


async def test_a_question_shouted_in_capitals_finds_what_it_finds_in_lower_case(client: Any) -> None:
    docs = json.loads((Path(__file__).parents[2] / "configs" / "demo" / "knowledge.json").read_text(encoding="utf-8"))
    await ingest(client, docs["documents"] if isinstance(docs, dict) else docs)
    for question in ("why was my card declined?", "comment augmenter mon plafond ?", "i forgot my pin code"):
        calm, shouted = await search(client, question), await search(client, question.upper())
        assert shouted["results"][0]["document_id"] == calm["results"][0]["document_id"], (question, shouted)
        assert shouted["results"][0]["score"] == calm["results"][0]["score"] and shouted["in_scope"], shouted


async def test_search_works_across_languages_both_ways(client: Any) -> None:
    await ingest(client)
    assert (await search(client, "j'ai perdu ma carte bancaire"))["results"][0]["document_id"] == "card-lost"
    assert (await search(client, "how long does an international transfer to the US take"))["results"][0][
        "document_id"] == "virement-international"


async def test_in_a_bilingual_base_the_words_do_not_pull_a_question_to_its_own_language(client: Any) -> None:
    # 44 of the demo's articles, 22 in each language: a French question whose answer exists only in English
    # (and back) shares words with an article on another topic in its own language
    docs = json.loads((Path(__file__).parents[2] / "configs" / "demo" / "knowledge.json").read_text(encoding="utf-8"))
    ids = {d["id"] for d in docs["documents"]}
    # each topic in one language only: the demo's translations ("card-declined-fr" of "card-declined") left out
    await ingest(client, [d for d in docs["documents"] if d["id"][:-3] not in ids])
    for query, answer in [("Comment bloquer temporairement ma carte ?", "freeze-unfreeze-card"),  # not lost-stolen-card-fr
                          ("How can I deposit cash?", "depot-especes"),  # not atm-withdrawal-limits
                          ("Mon téléphone ne capte pas à l'étranger", "roaming-fr"),  # and its own language still
                          ("I lost my card", "lost-stolen-card-en")]:
        assert (await search(client, query, k=3))["results"][0]["document_id"] == answer, query


async def test_french_typed_without_accents_finds_the_english_article(client: Any) -> None:
    """An English base never writes "résilier" or "espèces": typed plain, the French words are given their accents
    before they are encoded (the multilingual encoder reads "resilier" as little more than noise)."""
    docs = json.loads((Path(__file__).parents[2] / "configs" / "demo" / "knowledge.json").read_text(encoding="utf-8"))
    await ingest(client, [d for d in docs["documents"] if d.get("language") == "en"])
    for query, answer in [("comment deposer des especes ?", "depot-especes-en"),
                          ("mon pere est decede, que devient son compte ?", "bereavement"),
                          ("je veux resilier mon compte", "close-account"),
                          ("ma carte est gelee", "freeze-unfreeze-card")]:
        assert (await search(client, query, k=3))["results"][0]["document_id"] == answer, query


async def test_the_index_follows_the_store_after_a_crash(aiohttp_client: Any, app_factory: Any, tmp_path: Path) -> None:
    data = tmp_path / "kb"
    client = await aiohttp_client(app_factory(data))
    await ingest(client)
    await client.close()  # a clean stop: the snapshot holds the store's version
    snapshot = json.loads((data / "index" / "kb.json").read_text())
    (data / "index" / "kb.json").write_text(json.dumps({**snapshot, "version": snapshot["version"] - 1}))
    again = await aiohttp_client(app_factory(data))  # as after a crash between commit and snapshot
    assert (await search(again, "I forgot my PIN"))["results"][0]["document_id"] == "pin"
    r = await again.get("/healthz")
    assert (await r.json())["documents"] == len(DOCS)


def test_tandem_ingest_reads_json_jsonl_csv_and_markdown(tmp_path: Path) -> None:
    files = tmp_path / "kb"
    files.mkdir()
    (files / "a.json").write_text(json.dumps({"documents": [DOCS[0]]}))
    (files / "b.jsonl").write_text(json.dumps(DOCS[1]) + "\n")
    (files / "c.csv").write_text("question,answer\nhow do I close my account?,Close it in Settings > Account.\n"
                                 "close my account,Close it in Settings > Account.\n")
    (files / "roaming.md").write_text("# Roaming abroad\n\nRoaming is free in the EU. Elsewhere, buy a pass.\n")
    data = tmp_path / "data"
    exe = Path(sys.executable).parent / "tandem"
    done = subprocess.run([str(exe), "ingest", str(files), "--data-dir", str(data), "--language", "en"],
                          capture_output=True, text=True, timeout=300, env={"HF_HUB_OFFLINE": "1", "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr
    assert "ingested 4 documents" in done.stdout and "removed" not in done.stdout
    # a question/answer file with an answer edited, read again: the new answer replaces the old under the same id (a
    # document named by its first question); a question taken out of it takes its document with it
    (files / "c.csv").write_text("question,answer\nhow do I close my account?,Close it in Settings > Close.\n")
    env = {"HF_HUB_OFFLINE": "1", "PATH": "/usr/bin:/bin"}
    again = subprocess.run([str(exe), "ingest", str(files / "c.csv"), "--data-dir", str(data), "--language", "en"],
                           capture_output=True, text=True, timeout=300, env=env)
    assert again.returncode == 0 and "ingested 1 documents" in again.stdout, again.stderr
    assert "removed" not in again.stdout, again.stdout
    (files / "c.csv").write_text("question,answer\nhow do I shut my account?,Close it in Settings > Close.\n")
    again = subprocess.run([str(exe), "ingest", str(files / "c.csv"), "--data-dir", str(data), "--language", "en"],
                           capture_output=True, text=True, timeout=300, env=env)
    assert "removed 1 no longer in their files" in again.stdout, again.stdout
    # emptied to its header: said, and its documents go with its rows
    (files / "c.csv").write_text("question,answer\n")
    emptied = subprocess.run([str(exe), "ingest", str(files / "c.csv"), "--data-dir", str(data)],
                             capture_output=True, text=True, timeout=300, env=env)
    assert emptied.returncode == 0 and f"{files / 'c.csv'}: no document in it" in emptied.stderr, emptied.stderr
    assert "removed 1 no longer in their files" in emptied.stdout, emptied.stdout
    # a row with a comma unquoted, a file that is not there: said so, nothing written, no traceback
    (files / "c.csv").write_text("question,answer\nhow do I close my account?,No, not from the app.\n")
    for path in (files / "c.csv", files / "gone.json"):
        bad = subprocess.run([str(exe), "ingest", str(path), "--data-dir", str(data)], capture_output=True, text=True,
                             timeout=300, env=env)
        assert bad.returncode == 2 and bad.stderr.startswith(f"tandem ingest: {path}"), bad.stderr
        assert "Traceback" not in bad.stderr, bad.stderr


async def test_tandem_ingest_url_sends_the_files_to_a_running_server(client: Any, tmp_path: Path) -> None:
    """`tandem ingest --url`: the documents go through the running server's API, searchable there at once (not into
    a data dir it would read only after a restart); an answer sheet's row taken out is deleted there too; a wrong
    token is said in one line, exit 1."""
    import asyncio

    from tests.helpers import ADMIN

    files = tmp_path / "kb"
    files.mkdir()
    (files / "c.csv").write_text("question,answer\nhow do I close my account?,Close it in Settings > Account.\n"
                                 "how do I order a chequebook?,Order it in Settings > Cheques.\n")
    exe = Path(sys.executable).parent / "tandem"
    url = str(client.server.make_url("")).rstrip("/")

    async def ingest_cli(*extra: str) -> tuple[int, str, str]:
        proc = await asyncio.create_subprocess_exec(
            str(exe), "ingest", str(files / "c.csv"), "--language", "en", "--url", url, *extra,
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
            env={"HF_HUB_OFFLINE": "1", "PATH": "/usr/bin:/bin", "TANDEM_ADMIN_TOKEN": ADMIN})
        out, err = await asyncio.wait_for(proc.communicate(), 300)
        return proc.returncode or 0, out.decode(), err.decode()

    code, out, err = await ingest_cli()
    assert code == 0 and f"ingested 2 documents into {url}" in out, (out, err)
    assert (await search(client, "I want a chequebook"))["results"][0]["title"] == "how do I order a chequebook?"
    (files / "c.csv").write_text("question,answer\nhow do I close my account?,Close it in Settings > Account.\n")
    code, out, err = await ingest_cli()
    assert code == 0 and "removed 1 no longer in their files" in out, (out, err)
    listed = await (await client.get("/v1/knowledge/documents", headers=h())).json()
    assert [d["title"] for d in listed["documents"]] == ["how do I close my account?"], listed
    code, out, err = await ingest_cli("--token", "wrong")
    assert code == 1 and err.strip().endswith("answered 401: invalid token") and "Traceback" not in err, err


async def test_the_encoder_process_ranks_and_scores_as_the_server_does(
        aiohttp_client: Any, app_factory: Any, tmp_path: Path) -> None:
    """With the encoder in its own process, that process also ranks each query (knowledge/ranking.py)
    and computes the sentiment's word models beside each embedding: the same answers, scores and
    sentiment as computed in the server; after a write it ranks again only once it has the new version."""
    import asyncio

    from assistant.server import create_app
    from knowledge.encoders import ProcessEncoder
    from tests.conftest import make_config
    from tests.helpers import conversation, say

    here = await aiohttp_client(app_factory(tmp_path / "here"))
    child = ProcessEncoder("use-m3")

    async def ranked_there(query: str) -> bool:
        before = child.ranked
        await search(there, query)
        return child.ranked > before

    async def until_ranked_there() -> None:
        for _ in range(100):  # the ranking reaches the child just after the layer is fitted
            if await ranked_there("when does the ranking arrive"):
                return
            await asyncio.sleep(0.1)
        raise AssertionError("the encoder's process never ranked")

    try:
        there = await aiohttp_client(create_app(make_config(tmp_path / "there"), encoder=child))
        for client in (here, there):
            await ingest(client)
        await until_ranked_there()
        start, memo_start = child.ranked, child.memo.hits
        queries = ["my PIN is blocked!!", "how do I send money to a friend", "this is awful, I lost my card",
                   "j'ai perdu ma carte"]
        for query in queries:
            want, got = await search(here, query, k=4), await search(there, query, k=4)
            assert [x["document_id"] for x in got["results"]] == [x["document_id"] for x in want["results"]]
            assert all(abs(a["score"] - b["score"]) < 2e-4 for a, b in zip(got["results"], want["results"]))
            assert [x["matched"] for x in got["results"]] == [x["matched"] for x in want["results"]]
            assert got["in_scope"] == want["in_scope"]
        assert child.ranked - start == len(queries)
        a, b = await conversation(here), await conversation(there)
        for query in queries:
            want, got = await say(here, a, query), await say(there, b, query)
            assert got["sentiment"] == want["sentiment"]
            assert (got["reply"]["action"], got["reply"]["sources"]) == (want["reply"]["action"], want["reply"]["sources"])
        assert child.ranked - start == 2 * len(queries)
        # each turn's sentiment words, and VADER's scores for the three English ones
        assert child.memo.hits - memo_start == 2 * len(queries) - 1

        # a document deleted: no search sees it, whether the child has the new version yet or not
        gone = (await search(there, "how do I send money to a friend"))["results"][0]["document_id"]
        r = await there.delete(f"/v1/knowledge/documents/{gone}", headers=h())
        assert r.status in (200, 204)
        for _ in range(3):
            assert gone not in [x["document_id"] for x in (await search(there, "how do I send money to a friend"))["results"]]
        await until_ranked_there()
        assert gone not in [x["document_id"] for x in (await search(there, "how do I send money to a friend"))["results"]]

        # the encoder's process killed: a new one takes over, and is handed the ranking again
        import os
        import signal

        pid = child.pid
        assert pid is not None
        want = await search(there, "my PIN is blocked!!", k=4)  # ranked by the process about to go
        os.kill(pid, signal.SIGKILL)
        got = await search(there, "my PIN is blocked!!", k=4)  # by the server, while the new one gets the ranking
        assert [x["document_id"] for x in got["results"]] == [x["document_id"] for x in want["results"]]
        assert child.pid != pid
        await until_ranked_there()
    finally:
        child.close()


async def test_a_follow_up_reads_the_question_before_it_again_without_encoding_it_again(client: Any) -> None:
    """A turn's message is kept as searched for a while: a follow-up that reads it again ("how long does it
    take?" weighed against the question before) gets the same documents without another encoder call; not
    once the knowledge changed, nor once a customer was erased (their words go with them)."""
    from assistant import keys

    await ingest(client)
    kb = client.server.app[keys.services].knowledge
    asked = "how do I send money to a friend"
    first = await kb.search(asked, k=5, text_models=True)
    calls = kb._batcher.calls
    again = await kb.search(asked, k=5, recent=True)
    assert kb._batcher.calls == calls, "searched again"
    assert [(x.document_id, x.score) for x in again.hits] == [(x.document_id, x.score) for x in first.hits]
    assert again.in_scope == first.in_scope
    await kb.search(asked, k=5)  # a bare search is always made anew
    assert kb._batcher.calls == calls + 1
    await ingest(client, [{"id": "fees", "title": "Fees", "text": "Transfers in euros are free."}])
    await kb.search(asked, k=5, recent=True)
    assert kb._batcher.calls == calls + 2, "kept across a write"
    await kb.search(asked, k=5, text_models=True)
    kb.forget_searches()
    await kb.search(asked, k=5, recent=True)
    assert kb._batcher.calls == calls + 4, "kept after an erasure"


async def test_healthz_says_whether_the_knowledge_layer_is_fitted_on_what_is_stored(client: Any) -> None:
    """After a write the supervised layer is refitted off the loop: `GET /healthz` says "fitting" meanwhile and
    "current" once it matches the store (a benchmark waits for it before timing turns)."""
    import asyncio

    await ingest(client)
    for _ in range(300):
        body = await (await client.get("/healthz")).json()
        assert body["status"] == "ok" and body["layer"] in ("fitting", "current"), body
        if body["layer"] == "current":
            break
        await asyncio.sleep(0.1)
    assert body["layer"] == "current", body


async def test_a_word_the_base_writes_with_capitals_is_read_so_when_typed_in_lower_case(client: Any) -> None:
    """"how do i get an esim": the encoder reads "esim" as another word than the base's "eSIM" (0.40, not in scope);
    the base's own capitals are given back, as its accents are ("iban" → "IBAN"), but not to "us"."""
    docs = json.loads((Path(__file__).parents[2] / "configs" / "demo" / "knowledge.json").read_text(encoding="utf-8"))
    await ingest(client, docs["documents"])
    for query, answer in [("how do i get an esim", "sim-replacement-esim"), ("where do i find my iban", "rib-iban-en")]:
        out = await search(client, query, k=3)
        assert out["in_scope"] and out["results"][0]["document_id"] in (answer, answer.removesuffix("-en")), (query, out)
    from knowledge.layer import case_map, restore_accents

    cases = case_map(["Contact us about your IBAN", "my IBAN please", "IBAN", "US dollars", "the US", "tell us", "eSIM",
                      "an eSIM", "VALIDITY"])
    assert restore_accents("send us my iban and my esim validity", cases) == "send us my IBAN and my eSIM validity"


async def test_a_turn_waits_for_a_knowledge_refit_once_not_once_a_search(client: Any) -> None:
    """While an admin's write is being fitted, a search waits for it (at most ``layer_wait_s``); a chat turn
    searches several times (the message, its parts, the question before it), and waits that bound once in all."""
    import asyncio
    import time

    from assistant import keys
    from knowledge.base import one_wait
    from tests.helpers import conversation, say

    await ingest(client)
    kb = client.server.app[keys.services].knowledge
    await kb.settled()
    bound, refit = 0.6, asyncio.get_running_loop().create_future()  # a refit that takes longer than the bound
    kb._layer_wait, kb._layer_task = bound, refit
    try:
        started = time.monotonic()
        for query in ("I forgot my PIN", "how do I send money", "I lost my card"):
            await kb.search(query, k=3)
        assert time.monotonic() - started >= 3 * bound, "each search on its own waits its bound"
        started = time.monotonic()
        with one_wait():
            found = [await kb.search(query, k=3) for query in ("I forgot my PIN", "how do I send money")]
        assert time.monotonic() - started < 2 * bound
        assert [r.hits[0].document_id for r in found] == ["pin", "transfer"]
        conv = await conversation(client)
        started = time.monotonic()
        out = await say(client, conv, "I forgot my PIN. And how do I send money to a friend?")
        assert time.monotonic() - started < 2 * bound, "the turn waited once a search"
        assert out["reply"]["action"] == "answer", out
    finally:
        refit.cancel()
        kb._layer_task = None
