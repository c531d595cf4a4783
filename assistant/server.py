"""create_app: the only place where Tandem's concrete parts are built and wired."""
from __future__ import annotations

import weakref
from collections.abc import AsyncIterator

import structlog
from aiohttp import web

from assistant import keys
from assistant.config import SHIPPED_DIR, Config
from assistant.demo import holds_demo, load_demo
from assistant.middleware import Metrics, request_context
from assistant.routes import setup_routes
from assistant.services import build_services
from assistant.views.common import close_sockets
from handoff.bus import Bus
from knowledge.encoders import Encoder


_SHIPPED_ACTIONS = (SHIPPED_DIR / "actions.toml").resolve()


def create_app(config: Config, *, encoder: Encoder | None = None, bus: Bus | None = None) -> web.Application:
    """The aiohttp application. Nothing is opened until it starts (cleanup context)."""
    app = web.Application(middlewares=[request_context], client_max_size=config.max_body_bytes)
    app[keys.config] = config
    app[keys.metrics] = Metrics()
    app[keys.sockets] = weakref.WeakSet()
    app.on_shutdown.append(close_sockets)

    async def services_ctx(app: web.Application) -> AsyncIterator[None]:
        async with build_services(config, encoder=encoder, bus=bus) as svc:
            demo = config.config_file("demo")
            if config.demo:
                await load_demo(svc, demo)
            # the demo company's fraud line and app screens for its customers; another company's, or none
            demo_words = demo / "tone.toml"
            demo_store = await holds_demo(svc)
            if demo_store and not config.demo:
                structlog.get_logger("tandem.server").warning(
                    "demo.still_in_store", data_dir=str(config.data_dir),
                    hint="the demo's documents and customers are still in this store; start from a new --data-dir")
            # (not once the demo is turned off: a company that started on it and moved on speaks its own words)
            house = config.dialogue.house_words or (demo_words if demo_words.exists() and demo_store and config.demo
                                                    else None)
            actions = config.config_dir / "actions.toml"
            if not demo_store and actions.exists() and actions.resolve() == _SHIPPED_ACTIONS:
                # another company on the demo bank's catalogue: the bot offers none of the demo's products, and
                # the advisors are suggested only what any company can do as written (README: "A company's own
                # files")
                svc.assist.narrow_to_any_company()
                structlog.get_logger("tandem.server").warning(
                    "actions.demo_catalogue", path=str(actions), bot_offers=False,
                    kept=[a.id for a in svc.assist.catalogue.actions],
                    hint="set TANDEM_CONFIG_DIR to a copy of configs/ with the company's own actions.toml")
            if house is not None:  # (a company's own file that is not there stops the start: its words are missing)
                svc.dialogue.speak_as_the_house(house)
            app[keys.services] = svc
            yield

    app.cleanup_ctx.append(services_ctx)
    setup_routes(app)
    return app
