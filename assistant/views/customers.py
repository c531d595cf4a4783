"""Customer 360 endpoints and /v1/analyze."""
from __future__ import annotations

from aiohttp import web

from assistant.errors import NotFound, ValidationFailed
from assistant.profile import staff_view
from assistant.schemas import CUSTOMER_ID, AnalyzeIn, CustomerEventsIn, CustomerIn
from assistant.views.common import ok, parse, require, services

_ID_MAX = 128


def _customer_id(request: web.Request, *, writing: bool = False) -> str:
    """The id in the path; one longer than any stored is nobody to read, and no id to write."""
    cid = request.match_info["customer_id"]
    if len(cid) > _ID_MAX or not CUSTOMER_ID.match(cid):
        if writing:
            raise ValidationFailed(f"a customer id is at most {_ID_MAX} characters, with no control character and no "
                                   "space at either end")
        raise NotFound("no such customer", code="customer_not_found")
    return cid


async def put_customer(request: web.Request) -> web.Response:
    await require(request, "admin")
    body = await parse(request, CustomerIn)
    fields = body.model_dump(exclude_unset=True)
    if "consents" in fields and fields["consents"] is not None:
        fields["consents"] = {k: v for k, v in fields["consents"].items() if v is not None}
    fields = {k: v for k, v in fields.items() if v is not None or k in ("name", "segment", "tier")}
    return ok(await services(request).customers.upsert(_customer_id(request, writing=True), fields))


async def get_customer(request: web.Request) -> web.Response:
    who = await require(request, "agent", "admin")
    view = await services(request).customers.view(_customer_id(request))
    if view is None:
        raise NotFound("no such customer", code="customer_not_found")
    return ok(view if who.is_admin else staff_view(view))


async def delete_customer(request: web.Request) -> web.Response:
    await require(request, "admin")
    if not await services(request).customers.erase(_customer_id(request)):
        raise NotFound("no such customer", code="customer_not_found")
    return web.Response(status=204)


async def add_events(request: web.Request) -> web.Response:
    await require(request, "admin")
    body = await parse(request, CustomerEventsIn)
    recorded = await services(request).customers.add_events(
        _customer_id(request), [e.model_dump() for e in body.events]
    )
    if recorded is None:
        raise NotFound("no such customer", code="customer_not_found")
    return ok({"recorded": recorded})


async def analyze(request: web.Request) -> web.Response:
    await require(request, "agent", "admin")
    body = await parse(request, AnalyzeIn)
    result = await services(request).analyzer.analyze(body.text, body.language, careful=True)
    return ok(result.as_dict())
