"""Connecting to the database and bringing its schema to the newest migration."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import event, func, select
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
MIGRATION_LOCK_ID = 0x636F6C64  # any fixed number: the PostgreSQL advisory lock for migrations


async def connect(url: str) -> AsyncEngine:
    """Connect, create the SQLite folder if needed, and apply migrations."""
    parsed = make_url(url)
    is_sqlite = parsed.get_backend_name() == "sqlite"
    if is_sqlite and parsed.database and parsed.database != ":memory:":
        Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    # pre-ping: a PostgreSQL restart leaves dead connections in the pool; replace them.
    engine = create_async_engine(url, pool_pre_ping=not is_sqlite)
    if is_sqlite:
        event.listen(engine.sync_engine, "connect", _sqlite_pragmas)
    async with engine.begin() as conn:
        if parsed.get_backend_name() == "postgresql":
            # Replicas starting together take turns: the first migrates, the rest wait
            # (DDL is transactional there) and then find nothing left to do.
            await conn.execute(select(func.pg_advisory_xact_lock(MIGRATION_LOCK_ID)))
        await conn.run_sync(upgrade)
    return engine


def upgrade(connection: Connection) -> None:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.attributes["connection"] = connection
    command.upgrade(cfg, "head")


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # WAL lets readers and one writer work at once; the busy timeout rides out short locks.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()
