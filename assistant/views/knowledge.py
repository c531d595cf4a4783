"""Knowledge endpoints: upsert, delete, search."""
from __future__ import annotations

from aiohttp import web

from assistant.errors import NotFound
from assistant.language import written_in
from assistant.schemas import DocumentsIn, SearchIn
from assistant.views.common import ok, parse, require, services
from knowledge.base import DocumentIn
from knowledge.texting import unaccented


async def upsert_documents(request: web.Request) -> web.Response:
    await require(request, "admin")
    body = await parse(request, DocumentsIn)
    docs = [
        written_in(DocumentIn(id=d.id, title=d.title, text=d.text, questions=tuple(d.questions), language=d.language,
                              tags=tuple(d.tags), translation_of=d.translation_of))
        for d in body.documents
    ]
    await services(request).knowledge.upsert(docs)
    return ok({"ingested": len(docs)})


async def list_documents(request: web.Request) -> web.Response:
    """What the knowledge base holds: each document's id, title, language and tags, and its translations (paired by
    ``translation_of`` or found), to check an ingest or find the id a question/answer row was given (``?tag=`` one
    tag's; ``?q=`` ids and titles with these words)."""
    await require(request, "agent", "admin")
    tag = request.query.get("tag")
    words = unaccented(request.query.get("q", "").lower()).split()
    kb = services(request).knowledge
    docs = [{"id": i, "title": d.title, "language": d.language, "tags": sorted(d.tags),
             "translations": sorted(kb.translations(i))}
            for i, d in kb.listing()
            if (tag is None or tag in d.tags) and all(w in unaccented(f"{i} {d.title}".lower()) for w in words)]
    return ok({"documents": docs, "count": len(docs)})


async def delete_document(request: web.Request) -> web.Response:
    await require(request, "admin")
    if not await services(request).knowledge.delete(request.match_info["document_id"]):
        raise NotFound("no such document", code="document_not_found")
    return web.Response(status=204)


async def search(request: web.Request) -> web.Response:
    await require(request, "agent", "admin")
    body = await parse(request, SearchIn)
    result = await services(request).knowledge.search(body.query, body.k, language=body.language, tags=body.tags)
    return ok({
        "results": [
            {"document_id": h.document_id, "score": h.score, "title": h.title, "snippet": h.snippet,
             "language": h.language, "matched": h.matched}
            for h in result.hits
        ],
        "in_scope": result.in_scope,
    })
