"""Everything a running Tandem is made of, built in one place and closed in reverse."""
from __future__ import annotations

import asyncio
import secrets
from collections.abc import AsyncIterator, Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import structlog
from sqlalchemy.exc import IntegrityError
from rasa_sdk.executor import ActionExecutor

from assistant.assist import AgentAssist
from assistant.auth import Authenticator, Signer
from assistant.coverage import Coverage
from assistant.config import SHIPPED_DIR, Config
from assistant.db import Database
from assistant.dialogue import Dialogue, RedisKeyedLocks
from assistant.heads import LinearHead
from assistant.intents import SENSITIVE_TOPICS, HumanRequestDetector
from assistant.models import Setting
from assistant.nlu import Analyzer, EncodedSentiment
from assistant.profile import CustomerService
from assistant.pii import redact_payment_data
from assistant.rasa_actions import build_executor
from assistant.record import RecordNotes
from assistant.sentiment import SentimentHead
from assistant.tone import TonePolicy
from assistant.training import head_path
from handoff.bus import Bus, LocalBus, RedisBus
from handoff.nba import Catalogue
from handoff.policy import EscalationPolicy
from handoff.presence import AgentPresence, SharedPresence
from handoff.service import HandoffService
from knowledge import worker_init
from knowledge.base import KnowledgeBase
from knowledge.batching import run_in
from knowledge.encoders import Encoder, ProcessEncoder, load_encoder

log = structlog.get_logger("tandem.services")


@dataclass(frozen=True)
class Services:
    config: Config
    db: Database
    executor: ThreadPoolExecutor
    knowledge: KnowledgeBase
    analyzer: Analyzer
    customers: CustomerService
    handoffs: HandoffService
    dialogue: Dialogue
    assist: AgentAssist
    auth: Authenticator
    bus: Bus
    presence: AgentPresence
    rasa: ActionExecutor


async def _secret(config: Config, db: Database) -> str:
    if config.secret:
        return config.secret
    try:
        async with db.session() as s:
            if await s.get(Setting, "secret") is None:
                s.add(Setting(key="secret", value=secrets.token_urlsafe(32)))
    except IntegrityError:
        pass  # another worker stored one first
    async with db.session() as s:
        stored = await s.get(Setting, "secret")
    assert stored is not None
    return stored.value


@asynccontextmanager
async def build_services(
    config: Config, *, encoder: Encoder | None = None, bus: Bus | None = None
) -> AsyncIterator[Services]:
    config.data_dir.mkdir(parents=True, exist_ok=True)
    db = Database(config.sqlalchemy_url)
    # each encoder process keeps one thread waiting on it while it encodes a batch
    waiting = config.knowledge.encoder_processes - 1 if config.knowledge.encoder_process else 0
    executor = ThreadPoolExecutor(max_workers=max(1, config.executor_threads) + waiting, thread_name_prefix="tandem-cpu",
                                  initializer=worker_init)
    stack = AsyncExitStack()
    try:
        await db.create_schema()
        signer = Signer(await _secret(config, db))
        if encoder is None and config.knowledge.encoder_process:
            own = ProcessEncoder(config.knowledge.encoder, processes=config.knowledge.encoder_processes)
            stack.callback(own.close)
            encoder = own
        encoder = encoder or load_encoder(config.knowledge.encoder)
        kb = KnowledgeBase(
            encoder, executor, db.session,
            index_dir=config.data_dir / "index",
            in_scope_threshold=config.knowledge.in_scope_threshold,
            chunk_chars=config.knowledge.chunk_chars,
            max_batch=config.knowledge.max_batch,
            layer=config.knowledge.layer,
            layer_alpha=config.knowledge.layer_alpha,
            layer_in_scope_threshold=config.knowledge.layer_in_scope_threshold,
            layer_wait_s=config.knowledge.layer_wait_s,
            lexical_weight=config.knowledge.lexical_weight,
        )
        await kb.start()
        stack.push_async_callback(kb.close)  # a layer fit in flight ends before the engine is disposed
        if not db.is_sqlite or config.redis_url:  # other processes may write the knowledge too
            follower = asyncio.get_running_loop().create_task(kb.follow())
            stack.push_async_callback(_stopped, follower)
        sentiment = SentimentHead.load(head_path(config, "sentiment", encoder.name))
        if isinstance(encoder, ProcessEncoder):  # its word models are computed beside the embedding
            for slot, model in sentiment.text_models().items():
                await run_in(executor, encoder.offload, slot, model)
        human_file = head_path(config, "human", encoder.name)
        human = HumanRequestDetector(LinearHead.load(human_file) if human_file.exists() else None)
        analyzer = Analyzer(kb.embed, sentiment, human, _analysis_sentiment(config, encoder.name, executor))
        if bus is None and config.redis_url:
            redis_bus = RedisBus(config.redis_url)
            await redis_bus.start()
            stack.push_async_callback(redis_bus.close)
            bus = redis_bus
        bus = bus or LocalBus()
        presence: AgentPresence = AgentPresence()
        if config.redis_url:
            shared = SharedPresence(config.redis_url)
            await shared.start()
            stack.push_async_callback(shared.close)
            presence = shared
        escalation_file = config.config_file("escalation.toml")
        escalation = EscalationPolicy.load(escalation_file, defaults=SHIPPED_DIR / "escalation.toml")
        topic_words = escalation.topic_words()
        analyzer.own_topics(topic_words, source=str(escalation_file))
        log = structlog.get_logger("tandem.config")
        for topic in topic_words:
            if not escalation.is_sensitive(topic):
                log.warning("config.topic_not_handed_over", topic=topic, file=str(escalation_file),
                            hint="name it in [sensitive_topic] topics too, or its words are read for nothing")
        for topic in escalation.rules.get("sensitive_topic", {}).get("topics", []):
            # (emergency and injury: told by assistant/tone.py)
            if topic not in SENSITIVE_TOPICS and topic not in topic_words and topic not in ("emergency", "injury"):
                # a topic named but never told: nothing would ever be handed over for it
                log.warning("config.unknown_topic", topic=topic, file=str(escalation_file),
                            hint="give its words in [sensitive_topic] words, or use a built-in topic's name")
        handoffs = HandoffService(db.session, bus, escalation, presence,
                                  mask=redact_payment_data if config.dialogue.mask_stored else None)
        stack.push_async_callback(handoffs.close_watchers)
        customers = CustomerService(db.session, handoffs, purge=db.purge)
        locks = None
        if config.redis_url:
            locks = RedisKeyedLocks(config.redis_url)
            stack.push_async_callback(locks.close)
        actions_file = config.config_dir / "actions.toml"
        catalogue = _read_rules(actions_file, Catalogue.load) if actions_file.exists() else None
        assist = AgentAssist(db.session, handoffs, customers, kb, catalogue, bus)
        await assist.start()
        stack.push_async_callback(assist.close)
        tone = TonePolicy.load(config.config_file("tone.toml"), defaults=SHIPPED_DIR / "tone.toml")
        dialogue = Dialogue(
            sessions=db.session, knowledge=kb, analyzer=analyzer, customers=customers, handoffs=handoffs,
            escalation=escalation, tone=tone, bus=bus,
            signer=signer, config=config.dialogue, locks=locks, assist=assist, connect=db.engine.begin,
            run_on_sqlite=db.run_on_sqlite if db.is_sqlite else None,
            record=_read_rules(config.config_dir / "events.toml", RecordNotes.load),
            coverage=_read_rules(config.config_dir / "coverage.toml", Coverage.load),
        )
        erasures = asyncio.get_running_loop().create_task(dialogue.follow_erasures())
        stack.push_async_callback(_stopped, erasures)
        if config.dialogue.keep_conversations_days:
            keeper = asyncio.get_running_loop().create_task(
                dialogue.keep_conversations(config.dialogue.keep_conversations_days, db.purge))
            stack.push_async_callback(_stopped, keeper)
        services = Services(
            config=config, db=db, executor=executor, knowledge=kb, analyzer=analyzer, customers=customers,
            handoffs=handoffs, dialogue=dialogue, assist=assist,
            auth=Authenticator(signer, config.admin_token, config.auth.token_ttl_days * 86400), bus=bus,
            presence=presence,
            rasa=build_executor(dialogue, customers, kb, tone),
        )
        yield services
        await kb.save()
    finally:
        await stack.aclose()
        await db.close()
        executor.shutdown(wait=True, cancel_futures=True)


async def _stopped(task: asyncio.Task[None]) -> None:
    """Cancels a background task and waits for it to end, so that what it holds (a database connection in the middle
    of a poll) is given back before the engine is disposed: cancelled only, it would end after, its connection left
    for the garbage collector ("unclosed connection")."""
    task.cancel()
    await asyncio.wait([task])  # its end, whatever it was (a cancellation of the shutdown itself still propagates)
    if not task.cancelled() and (exc := task.exception()) is not None:  # it failed before: said, and on we go
        log.warning("background_task.failed", error=type(exc).__name__)


def _analysis_sentiment(config: Config, turn_encoder: str, executor: ThreadPoolExecutor) -> EncodedSentiment | None:
    """POST /v1/analyze's own sentiment model, when one is configured and trained."""
    name = config.sentiment.analysis_encoder
    if not name or name == turn_encoder:
        return None
    path = head_path(config, "sentiment", name)
    if not path.exists():
        log.warning("sentiment.analysis_head_missing", encoder=name, path=str(path),
                    hint=f"tandem train sentiment --encoder {name}; /v1/analyze uses the turn's head meanwhile")
        return None
    return EncodedSentiment(name, SentimentHead.load(path), executor)


_T = TypeVar("_T")


def _read_rules(path: Path, load: Callable[[Path], _T]) -> _T:
    """A company's rules file read by ``load``; what it cannot read stops the start in one line naming the file."""
    from handoff.rules import RulesError

    try:
        return load(path)
    except RulesError:
        raise
    except (ValueError, KeyError, TypeError, AttributeError) as exc:  # TOMLDecodeError is a ValueError
        raise RulesError(f"{path}: {exc.__class__.__name__}: {exc}") from None
