"""The database: one async engine, sessions that never expire on commit, schema at start."""
from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager
from typing import Any, TypeVar

import structlog
from sqlalchemy import Connection, Inspector, Table, event, inspect, text
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine
from sqlmodel import SQLModel
from sqlmodel.ext.asyncio.session import AsyncSession

import assistant.models  # noqa: F401  (registers the tables)
import handoff.models  # noqa: F401
import knowledge.models  # noqa: F401

T = TypeVar("T")
log = structlog.get_logger("tandem.db")


class Database:
    def __init__(self, url: str) -> None:
        self.url = url
        self.is_sqlite = url.startswith("sqlite")
        kwargs: dict = {}
        if self.is_sqlite:
            # One connection: SQLite has one writer, and contending writers back off by
            # sleeping (1, 2, 5 … 100 ms). Waiting for the pool's connection is a fair queue.
            # Every unit of work ends its own transaction (Database.session commits or rolls
            # back, run_on_sqlite's functions too), so handing the connection back needs no
            # ROLLBACK: that would be one more trip through aiosqlite's thread per checkout.
            kwargs.update(connect_args={"timeout": 30}, pool_size=1, max_overflow=0, pool_timeout=60,
                          pool_reset_on_return=None)
        else:
            kwargs.update(pool_size=10, max_overflow=10, pool_pre_ping=True)
        self.engine: AsyncEngine = create_async_engine(url, **kwargs)
        if self.is_sqlite:
            event.listen(self.engine.sync_engine, "connect", _sqlite_pragmas)
        self._sessions = async_sessionmaker(self.engine, class_=AsyncSession, expire_on_commit=False)
        self._waiting: list[tuple[Callable[..., Any], tuple[Any, ...], asyncio.Future[Any]]] = []  # run_on_sqlite
        self._tripper: asyncio.Task[None] | None = None

    async def create_schema(self) -> None:
        """Create what is missing. Workers starting together take turns (an advisory lock)."""
        async with self.engine.begin() as conn:
            if not self.is_sqlite:
                await conn.execute(text("SELECT pg_advisory_xact_lock(7455712)"))
            await conn.run_sync(SQLModel.metadata.create_all)
            await conn.run_sync(_add_missing_columns)
            await conn.run_sync(_add_missing_indexes)

    @asynccontextmanager
    async def session(self) -> AsyncIterator[AsyncSession]:
        """A unit of work: commits when the block ends cleanly, rolls back otherwise."""
        async with self._sessions() as session:
            try:
                yield session
                await session.commit()
            except BaseException:
                await session.rollback()
                raise

    async def run_on_sqlite(self, fn: Callable[..., T], *args: Any) -> T:
        """Run ``fn(sqlite3_connection, *args)`` on the pooled connection's own thread, in one trip.

        SQLite only. aiosqlite runs each statement on its connection thread and comes
        back through the event loop; a unit of work that is one function makes one trip,
        so the single connection is held for the statements' time alone. Calls made while
        a trip is on its way go together in the next one (at most ``_TRIP``), each its own
        transaction as before: one wake-up of that thread, and of the loop, for all of them.
        A caller cancelled before its trip leaves has nothing run.
        (``_execute`` and ``_conn`` are aiosqlite's; the pinned version is tested through this path.)
        """
        assert self.is_sqlite
        loop = asyncio.get_running_loop()
        future: asyncio.Future[T] = loop.create_future()
        self._waiting.append((fn, args, future))
        if self._tripper is None or self._tripper.done() or self._tripper.get_loop() is not loop:
            self._tripper = loop.create_task(self._trips())
        return await future

    async def _trips(self) -> None:
        loop = asyncio.get_running_loop()
        while self._waiting:
            # not the cancelled callers, nor any left by a loop that is gone
            batch = [call for call in self._waiting[:_TRIP] if not call[2].done() and call[2].get_loop() is loop]
            del self._waiting[:_TRIP]
            if not batch:
                continue
            try:
                async with self.engine.connect() as conn:
                    raw = await conn.get_raw_connection()
                    aio = raw.driver_connection
                    outcomes = await aio._execute(_each, aio._conn,  # type: ignore[union-attr]
                                                  [(fn, args) for fn, args, _ in batch])
            except asyncio.CancelledError:  # the loop is ending: so are its callers
                for _, _, future in [*batch, *self._waiting]:
                    future.cancel()
                self._waiting.clear()
                raise
            except Exception as exc:  # noqa: BLE001 - every caller of the trip hears it
                outcomes = [(False, exc)] * len(batch)
            for (*_, future), (ok, value) in zip(batch, outcomes):
                if future.done():
                    continue
                try:
                    future.set_result(value) if ok else future.set_exception(value)
                except Exception:  # noqa: BLE001 - an exception a future refuses (StopIteration)
                    future.set_exception(RuntimeError(repr(value)))

    async def purge(self) -> None:
        """After an erasure: on SQLite, the write-ahead log, which still holds the erased rows' old
        pages, is written back and emptied (PostgreSQL reclaims dead rows by its own vacuum)."""
        if not self.is_sqlite:
            return
        for attempt in range(5):
            async with self.engine.connect() as conn:
                busy, _, _ = (await conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")).one()
            if not busy:
                return
            await asyncio.sleep(0.05 * (attempt + 1))  # a reader (another process on this file) holds the log
        log.warning("db.purge_busy",
                    note="the write-ahead log is still read elsewhere; it empties at its next checkpoint")

    async def close(self) -> None:
        """Disposes of the engine once a trip in flight (``run_on_sqlite``) has given its connection back."""
        tripper = self._tripper
        if tripper is not None and not tripper.done() and tripper.get_loop() is asyncio.get_running_loop():
            await asyncio.wait([tripper], timeout=10)
        await self.engine.dispose()


_TRIP = 32  # run_on_sqlite calls in one trip at most: the connection is held for their statements' time


def _each(db: Any, calls: list[tuple[Callable[..., Any], tuple[Any, ...]]]) -> list[tuple[bool, Any]]:
    """Each call on the connection in turn, its result or its error apart from the others'."""
    outcomes: list[tuple[bool, Any]] = []
    for fn, args in calls:
        try:
            outcomes.append((True, fn(db, *args)))
        except Exception as exc:  # noqa: BLE001 - handed to its own caller
            outcomes.append((False, exc))
        if db.in_transaction:  # each call ends its own: one left open is undone, not handed to the next
            db.rollback()
            outcomes[-1] = (False, RuntimeError(f"{getattr(fn, '__name__', fn)!r} left a transaction open"))
    return outcomes


def _sqlite_pragmas(dbapi_conn, _record) -> None:  # type: ignore[no-untyped-def]
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    # what is deleted or replaced (a profile updated, then its customer erased) is overwritten where that costs no
    # more writes (FAST: in the pages written anyway); an erasure overwrites everything it frees (ON, its own)
    cur.execute("PRAGMA secure_delete=FAST")
    cur.close()


@asynccontextmanager
async def overwriting(s: AsyncSession) -> AsyncIterator[None]:
    """Within the block, what SQLite deletes is overwritten, not left in the file's free space (an erasure, what
    retention forgets); elsewhere a no-op."""
    sqlite = s.bind is not None and s.bind.dialect.name == "sqlite"
    if not sqlite:
        yield
        return
    await s.exec(text("PRAGMA secure_delete=ON"))  # type: ignore[call-overload]
    try:
        yield
        await s.flush()
    except BaseException:
        await s.rollback()  # so that the connection takes the statement below, and the error is the block's own
        raise
    finally:
        await s.exec(text("PRAGMA secure_delete=FAST"))  # type: ignore[call-overload]


def _tables_made_before(conn: Connection) -> Iterator[tuple[Table, Inspector]]:
    """The tables the store already has (made by this version or an earlier one), with an inspector of it."""
    have = inspect(conn)
    for table in SQLModel.metadata.sorted_tables:
        if have.has_table(table.name):
            yield table, have


def _add_missing_indexes(conn: Connection) -> None:
    """A table made by an earlier version gets the indexes added since (``create_all`` makes a table's indexes with
    it, never later): retention's on ``conversations.updated_at``."""
    for table, have in _tables_made_before(conn):
        present = {i["name"] for i in have.get_indexes(table.name)}
        for index in table.indexes:
            if index.name not in present:
                index.create(conn)
                log.info("db.index_added", table=table.name, index=index.name)


def _add_missing_columns(conn: Connection) -> None:
    """A table made by an earlier version gets the nullable columns added since (``create_all`` adds
    tables, never columns): a data dir or a database carried over to a newer Tandem keeps working."""
    for table, have in _tables_made_before(conn):
        present = {c["name"] for c in have.get_columns(table.name)}
        for column in table.columns:
            if column.name in present:
                continue
            if not column.nullable or column.primary_key:  # a value every row must have: a migration of its own
                log.warning("db.column_missing", table=table.name, column=column.name,
                            hint="this column cannot be added to existing rows by itself")
                continue
            kind = column.type.compile(dialect=conn.dialect)
            conn.execute(text(f'ALTER TABLE "{table.name}" ADD COLUMN "{column.name}" {kind}'))
            log.info("db.column_added", table=table.name, column=column.name)
