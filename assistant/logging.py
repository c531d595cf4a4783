"""structlog, configured once: context vars first, ISO UTC time, PII redacted, JSON out."""
from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Any

import structlog

from assistant.pii import redact


def _redact_event(_: Any, __: str, event: dict[str, Any]) -> dict[str, Any]:
    for key, value in event.items():
        if isinstance(value, str):
            event[key] = redact(value)
        elif isinstance(value, (dict, list, tuple)):
            event[key] = redact(repr(value)) if _has_text(value) else value
    return event


def _has_text(value: Any) -> bool:
    return any(isinstance(v, str) for v in (value.values() if isinstance(value, dict) else value))


def configure_logging(level: str = "info", json: bool | None = None, file: Path | None = None) -> None:
    """Route structlog and the stdlib through one renderer; JSON unless on a terminal. With ``file``,
    the same lines, as JSON, are also appended there (several processes may share one file)."""
    if json is None:
        json = not sys.stderr.isatty()
    shared: list[Any] = [
        structlog.contextvars.merge_contextvars,
        structlog.stdlib.add_log_level,
        structlog.stdlib.add_logger_name,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
        structlog.processors.format_exc_info,
        _redact_event,
    ]
    renderer = structlog.processors.JSONRenderer() if json else structlog.dev.ConsoleRenderer(colors=False)
    structlog.configure(
        processors=[*shared, structlog.stdlib.ProcessorFormatter.wrap_for_formatter],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        cache_logger_on_first_use=True,
    )
    handler = logging.StreamHandler()
    handler.setFormatter(
        structlog.stdlib.ProcessorFormatter(
            foreign_pre_chain=shared,
            processors=[structlog.stdlib.ProcessorFormatter.remove_processors_meta, renderer],
        )
    )
    handlers: list[logging.Handler] = [handler]
    if file is not None:
        copy = logging.FileHandler(file, encoding="utf-8")  # append mode: one write a line
        copy.setFormatter(structlog.stdlib.ProcessorFormatter(
            foreign_pre_chain=shared,
            processors=[structlog.stdlib.ProcessorFormatter.remove_processors_meta,
                        structlog.processors.JSONRenderer()],
        ))
        handlers.append(copy)
    root = logging.getLogger()
    for old in root.handlers:
        if old not in handlers and isinstance(old, logging.FileHandler):
            old.close()
    root.handlers[:] = handlers
    root.setLevel(level.upper())
    logging.getLogger("aiohttp.access").setLevel(logging.WARNING)
    # rasa-sdk says "Registered function for 'action_tandem_…'" for each action at every start, Rasa or not
    logging.getLogger("rasa_sdk.executor").setLevel(logging.WARNING)
