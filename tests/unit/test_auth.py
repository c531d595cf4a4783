from pathlib import Path
from typing import Any

from sqlalchemy import text

from assistant.auth import Authenticator, Signer, hash_token
from assistant.db import Database
from assistant.models import ApiToken


def test_conversation_and_resume_tokens_are_signed() -> None:
    s = Signer("secret")
    tok = s.conversation_token("c_1")
    assert s.read_conversation_token(tok) == "c_1"
    assert s.read_conversation_token(tok.replace("c_1", "c_2")) is None
    assert Signer("other").read_conversation_token(tok) is None
    assert s.read_resume_token(s.resume_token("c_1", 3)) == ("c_1", 3)
    assert s.read_resume_token("rs1.c_1.4." + s.resume_token("c_1", 3).split(".")[-1]) is None


def test_customer_assertions_expire_and_cannot_be_forged() -> None:
    s = Signer("secret")
    a = s.customer_assertion("cust.with.dots", ttl_s=60)
    assert s.read_customer_assertion(a, max_age_s=600) == "cust.with.dots"
    assert s.read_customer_assertion(s.customer_assertion("x", ttl_s=-5), 600) is None
    assert s.read_customer_assertion(s.customer_assertion("x", ttl_s=6000), 600) is None
    assert Signer("other").read_customer_assertion(a, 600) is None


async def test_a_database_from_before_token_lifetimes_gains_the_column_and_keeps_its_tokens(
        tmp_path: Path, database_url: str | None) -> None:
    db = Database(database_url or f"sqlite+aiosqlite:///{tmp_path / 'old.db'}")
    try:
        async with db.engine.begin() as old:  # the table as an earlier version made it
            await old.execute(text("CREATE TABLE api_tokens (token_hash VARCHAR(64) PRIMARY KEY, subject VARCHAR(160)"
                                   " NOT NULL, roles JSON NOT NULL, created_at TIMESTAMP WITH TIME ZONE NOT NULL)"))
            await old.execute(text("INSERT INTO api_tokens VALUES (:h, 'ana', '[\"agent\"]', '2026-01-02 03:04:05')"),
                              {"h": hash_token("tdm_old")})
        await db.create_schema()
        await db.create_schema()  # a second start finds nothing to add
        who = await Authenticator(Signer("s"), None, 3600).authenticate(db.session, "tdm_old")
        assert who.subject == "ana" and who.roles == {"agent"}
        async with db.session() as s:
            old_row = await s.get(ApiToken, hash_token("tdm_old"))
            assert old_row is not None and old_row.expires_at is None  # it never expires: revoke it
            _, row = await Authenticator(Signer("s"), None, 3600).issue(s, "bo", ["supervisor"])
        assert row.expires_at is not None
    finally:
        await db.engine.dispose()


async def test_a_database_from_before_the_retention_index_gains_it(tmp_path: Path, database_url: str | None) -> None:
    """A conversations table made before retention had its index on ``updated_at``: the next start adds it (once)."""
    from sqlalchemy import inspect

    db = Database(database_url or f"sqlite+aiosqlite:///{tmp_path / 'old.db'}")
    try:
        async with db.engine.begin() as old:
            await old.execute(text("DROP TABLE IF EXISTS conversations CASCADE" if database_url
                                   else "DROP TABLE IF EXISTS conversations"))
            await old.execute(text("CREATE TABLE conversations (id VARCHAR(64) PRIMARY KEY, customer_id VARCHAR(128), "
                                   "channel VARCHAR(32) NOT NULL, language VARCHAR(8), state VARCHAR(16) NOT NULL, "
                                   "last_seq INTEGER NOT NULL, resume_version INTEGER NOT NULL, "
                                   "created_at TIMESTAMP WITH TIME ZONE NOT NULL, "
                                   "updated_at TIMESTAMP WITH TIME ZONE NOT NULL)"))
        await db.create_schema()
        await db.create_schema()  # a second start finds nothing to add

        def indexed(conn: Any) -> set[str]:
            return {c for i in inspect(conn).get_indexes("conversations") for c in i["column_names"]}

        async with db.engine.begin() as conn:
            assert "updated_at" in await conn.run_sync(indexed)
    finally:
        await db.engine.dispose()
