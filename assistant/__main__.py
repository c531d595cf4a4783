"""The `tandem` command: serve, ingest, train."""
from __future__ import annotations

import argparse
import asyncio
import errno
import os
import sys
from collections.abc import Callable
from pathlib import Path


def _serve(args: argparse.Namespace) -> int:
    from aiohttp import web

    from assistant.config import load_config
    from assistant.logging import configure_logging
    from assistant.server import create_app

    config = load_config(
        args.config, host=args.host, port=args.port, data_dir=args.data_dir, demo=False if args.no_demo else None
    )
    configure_logging(config.log_level, config.log_json, config.log_file)
    if args.workers > 1:
        return _serve_workers(args, config)
    app = create_app(config)
    app.on_startup.append(_freeze_heap)  # runs once the services (and the demo) are up
    app.on_shutdown.append(_stopping)
    try:
        web.run_app(app, host=config.host, port=config.port, access_log=None,
                    print=lambda *_: _listening(config.host, config.port), shutdown_timeout=10,
                    reuse_port=args.reuse_port or None)
    except OSError as exc:  # the port taken, or not ours to open: said in one line, not a traceback
        if exc.errno not in (errno.EADDRINUSE, errno.EACCES, errno.EADDRNOTAVAIL):
            raise
        import structlog

        structlog.get_logger("tandem.server").error("serve.cannot_listen", host=config.host, port=config.port,
                                                    error=exc.strerror)
        print(f"tandem serve: cannot listen on {config.host}:{config.port}: {exc.strerror}", file=sys.stderr)
        return 1
    return 0


async def _stopping(_app: object) -> None:
    """Said when a stop is asked for (SIGTERM, Ctrl+C): the conversations' sockets close, then the services."""
    import structlog

    structlog.get_logger("tandem.server").info("serve.stopping", pid=os.getpid())


def _listening(host: str, port: int) -> None:
    """Said once the port is open (aiohttp's own banner goes to stdout, not the log): where to point a browser."""
    import structlog

    shown = f"[{host}]" if ":" in host else host
    structlog.get_logger("tandem.server").info("serve.listening", url=f"http://{shown}:{port}",
                                               chat=f"http://{shown}:{port}/chat", pid=os.getpid())


async def _freeze_heap(_app: object) -> None:
    """Put what start-up built (modules, models, the knowledge base as loaded) out of the cycle
    collector's reach: it lives as long as the process, and scanning its ~240k objects made
    every full collection a ~120 ms pause of the event loop (docs/measurements.md)."""
    import gc

    gc.collect()
    gc.freeze()


def _serve_workers(args: argparse.Namespace, config) -> int:  # type: ignore[no-untyped-def]
    """N processes on one port (SO_REUSEPORT); the first loads the demo, the rest wait for it."""
    import signal
    import subprocess
    import time

    if config.sqlalchemy_url.startswith("sqlite") or not config.redis_url:
        print("tandem serve --workers needs TANDEM_DATABASE_URL (PostgreSQL) and TANDEM_REDIS_URL", file=sys.stderr)
        return 2
    base = [sys.executable, "-m", "assistant", "serve", "--workers", "1", "--reuse-port",
            "--host", config.host, "--port", str(config.port), "--data-dir", str(config.data_dir)]
    if args.config:
        base += ["--config", args.config]
    # the encoder processes are the machine's: the workers share them out (one each at least)
    env = {**os.environ,
           "TANDEM_KNOWLEDGE__ENCODER_PROCESSES": str(max(1, config.knowledge.encoder_processes // args.workers))}
    procs = [subprocess.Popen(base + ([] if i == 0 and config.demo else ["--no-demo"]), env=env)
             for i in range(args.workers)]

    def stop(*_: object) -> None:
        for p in procs:
            if p.poll() is None:
                p.terminate()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    try:
        while any(p.poll() is None for p in procs):
            time.sleep(0.5)
    finally:
        stop()
    return max((p.returncode or 0) for p in procs)


def _ingest(args: argparse.Namespace) -> int:
    from assistant.config import load_config
    from assistant.logging import configure_logging
    from assistant.services import build_services
    from knowledge.ingest import READABLE, read_documents

    config = load_config(args.config, data_dir=args.data_dir, demo=False)
    configure_logging(config.log_level, config.log_json, config.log_file)
    from assistant.language import written_in

    skipped: list[Path] = []
    empty: list[Path] = []
    try:
        docs = [written_in(d) for d in read_documents([Path(p) for p in args.paths], language=args.language,
                                                      skipped=skipped, empty=empty)]
    except ValueError as exc:  # a file missing, a CSV row with a comma unquoted, a document without text
        print(f"tandem ingest: {exc}", file=sys.stderr)
        return 2
    if skipped:  # a folder's script or notes: said, not read
        names = ", ".join(str(p) for p in skipped[:5]) + (f" and {len(skipped) - 5} more" if len(skipped) > 5 else "")
        print(f"tandem ingest: left out (not {', '.join(READABLE)}): {names}", file=sys.stderr)
    for path in empty:  # said, so that a file saved with its header only is not taken for one ingested
        print(f"tandem ingest: {path}: no document in it", file=sys.stderr)

    if args.url:
        return _ingest_into(args.url.rstrip("/"), args.token or os.environ.get("TANDEM_ADMIN_TOKEN", ""), docs,
                            empty, args.batch)

    async def run() -> int:
        from tqdm import tqdm

        async with build_services(config) as svc:
            with tqdm(total=len(docs), unit="doc", desc="ingest", file=sys.stderr) as bar:
                for i in range(0, len(docs), args.batch):
                    batch = docs[i: i + args.batch]
                    await svc.knowledge.upsert(batch)
                    bar.update(len(batch))
            # a question/answer file read again: what it no longer has (an answer edited: the old one) goes; emptied
            # to its header, all of it
            gone = _no_longer_in_files(docs, empty, svc.knowledge.tagged_with)
            for document_id in gone:
                await svc.knowledge.delete(document_id)
        return len(docs), len(gone)

    n, removed = asyncio.run(run())
    print(f"ingested {n} documents into {config.data_dir}" + (f", removed {removed} no longer in their files"
                                                                if removed else ""))
    return 0


def _no_longer_in_files(docs: list, empty: list[Path],  # type: ignore[type-arg]
                        tagged_with: Callable[[str], list[str]]) -> list[str]:
    """A question/answer file read again: the ids of the documents it no longer has (an answer taken out; a file emptied
    to its header, all of them), from ``tagged_with(tag)``, the ids a knowledge base holds under a file's tag."""
    from knowledge.ingest import source_tag

    kept = {d.id for d in docs}
    read = {t for d in docs for t in d.tags if t.startswith("file:")}
    read |= {source_tag(p) for p in empty if p.suffix.lower() == ".csv"}
    return [i for tag in sorted(read) for i in tagged_with(tag) if i not in kept]


def _ingest_into(url: str, token: str, docs: list, empty: list[Path], batch: int) -> int:  # type: ignore[type-arg]
    """``tandem ingest --url``: the documents sent to a running server through its API (searchable there at once, on
    every worker), and a question/answer file's documents it no longer has deleted there."""
    import json
    import urllib.error
    import urllib.parse
    import urllib.request
    from dataclasses import asdict

    from tqdm import tqdm

    def call(method: str, path: str, body: object = None) -> object:
        req = urllib.request.Request(url + path, method=method, headers={
            "Authorization": f"Bearer {token}", "Content-Type": "application/json"},
            data=None if body is None else json.dumps(body, ensure_ascii=False).encode())
        with urllib.request.urlopen(req, timeout=300) as r:
            raw = r.read()
            return json.loads(raw) if raw else None

    try:
        with tqdm(total=len(docs), unit="doc", desc="ingest", file=sys.stderr) as bar:
            part: list[dict[str, object]] = []
            size = 0
            for d in docs:
                one = {k: list(v) if isinstance(v, tuple) else v for k, v in asdict(d).items() if v is not None}
                weight = len(json.dumps(one, ensure_ascii=False).encode())
                # a call at most ``batch`` documents, and under a server's body limit (1 MB by default)
                if part and (len(part) >= batch or size + weight > 400_000):
                    call("POST", "/v1/knowledge/documents", {"documents": part})
                    bar.update(len(part))
                    part, size = [], 0
                part.append(one)
                size += weight
            if part:
                call("POST", "/v1/knowledge/documents", {"documents": part})
                bar.update(len(part))
        gone = _no_longer_in_files(docs, empty, lambda tag: [d["id"] for d in call(  # type: ignore[index]
            "GET", "/v1/knowledge/documents?tag=" + urllib.parse.quote(tag))["documents"]])
        for document_id in gone:
            call("DELETE", "/v1/knowledge/documents/" + urllib.parse.quote(document_id, safe=""))
    except urllib.error.HTTPError as exc:  # a token refused, a document the server refuses: its own words
        try:
            said = json.loads(exc.read())["error"]["message"]
        except (ValueError, KeyError, TypeError):
            said = exc.reason
        print(f"tandem ingest: {url} answered {exc.code}: {said}", file=sys.stderr)
        return 1
    except (urllib.error.URLError, OSError) as exc:
        print(f"tandem ingest: cannot reach {url}: {getattr(exc, 'reason', exc)}", file=sys.stderr)
        return 1
    except (ValueError, KeyError, TypeError):  # a 200 that is not Tandem's answer: another server at that address
        print(f"tandem ingest: {url} is not a Tandem server (its answers are not Tandem's)", file=sys.stderr)
        return 1
    print(f"ingested {len(docs)} documents into {url}" + (f", removed {len(gone)} no longer in their files"
                                                          if gone else ""))
    return 0


def _train(args: argparse.Namespace) -> int:
    from assistant.config import load_config
    from assistant.training import train

    config = load_config(args.config)
    print(train(config, args.what, Path(args.data), encoder_name=args.encoder or config.knowledge.encoder,
                folds=args.folds))
    return 0


def _eval_nba(args: argparse.Namespace) -> int:
    import json

    from assistant.config import load_config
    from handoff.nba import Catalogue
    from handoff.nba_eval import evaluate, evaluate_split, load_cases
    from knowledge import worker_init
    from knowledge.encoders import load_encoder

    config = load_config(args.config)
    worker_init()
    encoder = load_encoder(args.encoder or config.knowledge.encoder, threads=1)
    actions = config.config_dir / "actions.toml"
    weights = Catalogue.load(actions).weights if actions.exists() else None

    def encode(texts: list[str], query: bool):  # type: ignore[no-untyped-def]
        return encoder.encode(texts, query=query)

    cases = load_cases(Path(args.data))
    if args.test:
        result = evaluate_split(cases, load_cases(Path(args.test)), encode, weights=weights)
    else:
        result = evaluate(cases, encode, folds=args.folds, weights=weights)
    result["encoder"] = encoder.name
    if args.json:
        print(json.dumps(result))
    else:
        for key, value in result.items():
            print(f"{key:>18}  {value}")
    return 0


def _eval_retrieval(args: argparse.Namespace) -> int:
    import tempfile
    from concurrent.futures import ThreadPoolExecutor
    from contextlib import asynccontextmanager

    from assistant.config import load_config
    from assistant.db import Database
    from knowledge import worker_init
    from knowledge.base import KnowledgeBase
    from knowledge.encoders import load_encoder
    from knowledge.evaluation import run

    from assistant.logging import configure_logging

    overrides = {"encoder": args.encoder} if args.encoder else {}
    config = load_config(args.config)
    configure_logging("warning", config.log_json, config.log_file)
    kcfg = config.knowledge.model_copy(update=overrides)
    encoder = load_encoder(kcfg.encoder, threads=1)
    executor = ThreadPoolExecutor(max(1, config.executor_threads), initializer=worker_init)

    @asynccontextmanager
    async def make_kb(name: str):  # type: ignore[no-untyped-def]
        with tempfile.TemporaryDirectory(prefix=f"tandem-eval-{name}-") as tmp:
            db = Database(f"sqlite+aiosqlite:///{tmp}/kb.db")
            await db.create_schema()
            kb = KnowledgeBase(encoder, executor, db.session, index_dir=None,
                               in_scope_threshold=kcfg.in_scope_threshold, chunk_chars=kcfg.chunk_chars,
                               layer=kcfg.layer, layer_alpha=kcfg.layer_alpha,
                               layer_in_scope_threshold=kcfg.layer_in_scope_threshold,
                               layer_wait_s=kcfg.layer_wait_s, lexical_weight=kcfg.lexical_weight)
            await kb.start()
            try:
                yield kb
            finally:
                await db.close()

    async def main() -> None:
        print(f"encoder {encoder.name}  in_scope_threshold {kcfg.in_scope_threshold}")
        async for report in run(make_kb, Path(args.data), args.sets.split(",")):
            print(report.line(), flush=True)

    asyncio.run(main())
    executor.shutdown()
    return 0


def _import_customers(args: argparse.Namespace) -> int:
    from assistant.config import load_config
    from assistant.customer_import import read_customers
    from assistant.logging import configure_logging
    from assistant.services import build_services

    config = load_config(args.config, data_dir=args.data_dir, demo=False)
    configure_logging("warning", config.log_json, config.log_file)
    try:
        customers = read_customers(Path(args.file))
    except (ValueError, UnicodeDecodeError) as exc:  # a file missing, a row without id, a line that is not JSON
        print(f"tandem import customers: {exc}", file=sys.stderr)
        return 2

    async def run() -> tuple[int, int]:
        from tqdm import tqdm

        events = 0
        async with build_services(config) as svc:
            for customer_id, profile, evs in tqdm(customers, unit="customer", desc="import", file=sys.stderr):
                await svc.customers.upsert(customer_id, profile)
                if evs:
                    events += await svc.customers.add_events(customer_id, evs) or 0
        return len(customers), events

    n, e = asyncio.run(run())
    print(f"imported {n} customers and {e} events into {config.data_dir}")
    return 0


def _bench(args: argparse.Namespace) -> int:
    from assistant.bench import main as bench_main

    return bench_main(Path(args.data), args.conversations, args.turns, args.encoder, args.json,
                      rate=args.rate, duration=args.duration)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="tandem", description="Tandem: agent-assist and chatbot backend")
    sub = parser.add_subparsers(dest="command", required=True)

    serve = sub.add_parser("serve", help="run the server")
    serve.add_argument("--host", default=None)
    serve.add_argument("--port", type=int, default=None)
    serve.add_argument("--data-dir", default=None)
    serve.add_argument("--config", default=None, help="a TOML file over configs/default.toml")
    serve.add_argument("--no-demo", action="store_true", help="start without the demo data")
    serve.add_argument("--workers", type=int, default=1, help="processes (PostgreSQL and Redis required above 1)")
    serve.add_argument("--reuse-port", action="store_true", help=argparse.SUPPRESS)
    serve.set_defaults(fn=_serve)

    ingest = sub.add_parser("ingest", help="add documents from JSON, JSONL, CSV or Markdown files")
    ingest.add_argument("paths", nargs="+")
    ingest.add_argument("--data-dir", default=None)
    ingest.add_argument("--config", default=None)
    ingest.add_argument("--language", default=None, help="language of documents that do not say")
    ingest.add_argument("--batch", type=int, default=200)
    ingest.add_argument("--url", default=None, help="a running server to send them to (http://host:port), "
                                                    "instead of the data dir's store")
    ingest.add_argument("--token", default=None, help="an admin token for --url (default: $TANDEM_ADMIN_TOKEN)")
    ingest.set_defaults(fn=_ingest)

    train = sub.add_parser("train", help="train a head over sentence embeddings (configs/models/)")
    train.add_argument("what", choices=["sentiment", "human"])
    train.add_argument("--data", default=str(Path("..") / "shared" / "data"))
    train.add_argument("--encoder", default=None)
    train.add_argument("--config", default=None)
    train.add_argument("--folds", type=int, default=0,
                       help="sentiment: also cross-validate over train + val (k folds, 3 shuffles)")
    train.set_defaults(fn=_train)
    imp = sub.add_parser("import", help="import data")
    imp_sub = imp.add_subparsers(dest="what", required=True)
    cust = imp_sub.add_parser("customers", help="customers from a CSV or JSONL CRM export")
    cust.add_argument("file")
    cust.add_argument("--data-dir", default=None)
    cust.add_argument("--config", default=None)
    cust.set_defaults(fn=_import_customers)

    bench = sub.add_parser("bench", help="turn latency and throughput on loopback, beside the floor")
    bench.add_argument("--data", default=str(Path("..") / "shared" / "data"))
    bench.add_argument("--conversations", type=int, default=64)
    bench.add_argument("--turns", type=int, default=10)
    bench.add_argument("--encoder", default="use-m3")
    bench.add_argument("--json", action="store_true")
    bench.add_argument("--rate", type=float, default=None,
                       help="open loop: this many turns a second in all (a soak), instead of as fast as possible")
    bench.add_argument("--duration", type=float, default=60.0, help="seconds of the paced run (with --rate)")
    bench.set_defaults(fn=_bench)

    ev = sub.add_parser("eval", help="measure quality on ../shared/data")
    ev_sub = ev.add_subparsers(dest="what", required=True)
    retr = ev_sub.add_parser("retrieval", help="top-1, top-5 and out-of-scope detection")
    retr.add_argument("--data", default=str(Path("..") / "shared" / "data"))
    retr.add_argument("--sets", default="banking77,clinc150,wikit_fr")
    retr.add_argument("--encoder", default=None)
    retr.add_argument("--config", default=None)
    retr.set_defaults(fn=_eval_retrieval)
    nba = ev_sub.add_parser("nba", help="hit@1 / hit@5 of the document the real agent sent (k-fold, or --test)")
    nba.add_argument("--data", default=str(Path("..") / "shared" / "data" / "twitter_cdp" / "dev.json"),
                     help="conversations to build the catalogue from (and to test on, by k-fold)")
    nba.add_argument("--test", default=None, help="conversations to test on instead of k-fold")
    nba.add_argument("--folds", type=int, default=5)
    nba.add_argument("--encoder", default=None)
    nba.add_argument("--config", default=None)
    nba.add_argument("--json", action="store_true")
    nba.set_defaults(fn=_eval_nba)
    return parser


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    args = build_parser().parse_args(argv)
    from assistant.config import ConfigError
    from handoff.rules import RulesError

    try:
        return int(args.fn(args) or 0)
    except (ConfigError, RulesError) as exc:  # a setting or a rules file as written: one line naming the file
        print(f"tandem {args.command}: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
