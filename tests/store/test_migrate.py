"""Migrations on a real SQLite file and a real PostgreSQL database: applied once, matching the
models, upgrading old databases in place, replicas starting together."""

from __future__ import annotations

import asyncio
import sqlite3
import sys
from pathlib import Path

from bot.models import CaseStatus
from bot.store import Store
from tests.helpers import drafted_case


async def test_sqlite_open_creates_folder_applies_migrations_and_uses_wal(tmp_path: Path):
    path = tmp_path / "a" / "b" / "cs.db"
    store = await Store.open(f"sqlite+aiosqlite:///{path}")
    await store.close()
    store = await Store.open(f"sqlite+aiosqlite:///{path}")  # second start: no-op upgrade
    await store.close()
    con = sqlite3.connect(path)
    tables = {r[0] for r in con.execute("select name from sqlite_master where type='table'")}
    version = con.execute("select version_num from alembic_version").fetchone()[0]
    mode = con.execute("pragma journal_mode").fetchone()[0]
    con.close()
    assert {"users", "cases", "drafts", "alembic_version"} <= tables
    assert version == "m011"
    assert mode == "wal"


async def test_sqlite_database_from_the_first_release_is_migrated_forward(tmp_path: Path):
    """m001 databases (before token usage) upgrade in place and keep their cases."""
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import create_engine

    from bot.store.migrate import MIGRATIONS_DIR

    path = tmp_path / "old.db"
    sync = create_engine(f"sqlite:///{path}")
    with sync.begin() as conn:
        cfg = Config()
        cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "m001")
        conn.exec_driver_sql(
            "insert into users (id, preferences, created_at) values (1, '{}', '2026-01-01')"
        )
        conn.exec_driver_sql(
            "insert into cases (user_id, chat_id, status, text, source, draft_shown, "
            "created_at, updated_at) values (1, 1, 'pending', 'old case', 'paste', 1, "
            "'2026-01-01', '2026-01-01')"
        )
    sync.dispose()
    store = await Store.open(f"sqlite+aiosqlite:///{path}")
    try:
        (case,) = await store.cases.recent(1)
        assert case.incoming.text == "old case" and case.usage.prompt_tokens == 0
    finally:
        await store.close()


async def test_migrations_reach_head_once_and_match_the_models(database_url: str):
    """The tables Alembic builds are the ones the models describe, on SQLite and PostgreSQL:
    same tables, columns, types and nullability. (Indexes and constraints belong to the
    migrations alone; nothing creates tables from the models.)"""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from alembic.script import ScriptDirectory
    from sqlalchemy import text

    from bot.store.migrate import MIGRATIONS_DIR
    from bot.store.schema import Base

    await (await Store.open(database_url)).close()
    store = await Store.open(database_url)  # second start: nothing left to apply
    try:
        async with store.engine.connect() as conn:
            version = await conn.scalar(text("select version_num from alembic_version"))
            diffs = await conn.run_sync(
                lambda sync: compare_metadata(MigrationContext.configure(sync), Base.metadata)
            )
    finally:
        await store.close()
    assert version == ScriptDirectory(str(MIGRATIONS_DIR)).get_current_head()
    structural = {"add_index", "remove_index", "add_constraint", "remove_constraint"}
    assert [d for d in diffs if not (isinstance(d, tuple) and d[0] in structural)] == []


async def test_a_first_release_database_with_cases_upgrades_in_place(database_url: str):
    """m001 data survives every later migration (NOT NULL columns added with defaults)."""
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import text
    from sqlalchemy.ext.asyncio import create_async_engine

    from bot.store.migrate import MIGRATIONS_DIR

    def to_m001_with_a_case(conn) -> None:
        cfg = Config()
        cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "m001")
        conn.execute(
            text(
                "insert into users (id, preferences, created_at) "
                "values (7, '{}', '2026-01-01 00:00:00+00')"
            )
        )
        conn.execute(
            text(
                "insert into cases (user_id, chat_id, status, text, source, draft_shown, "
                "created_at, updated_at) values (7, 7, 'pending', 'old case', 'paste', true, "
                "'2026-01-01 00:00:00+00', '2026-01-01 00:00:00+00')"
            )
        )

    old = create_async_engine(database_url)
    async with old.begin() as conn:
        await conn.run_sync(to_m001_with_a_case)
    await old.dispose()
    store = await Store.open(database_url)
    try:
        (case,) = await store.cases.recent(7)
        assert case.incoming.text == "old case" and case.usage.prompt_tokens == 0
    finally:
        await store.close()


async def test_two_replicas_starting_together_migrate_once(postgres_url: str):
    """Replicas are processes: three start at once on an empty database, all come up."""
    script = (
        "import asyncio, sys\n"
        "from bot.store import Store\n"
        "async def main():\n"
        "    await (await Store.open(sys.argv[1])).close()\n"
        "asyncio.run(main())\n"
    )
    procs = [
        await asyncio.create_subprocess_exec(
            sys.executable, "-c", script, postgres_url, stderr=asyncio.subprocess.PIPE
        )
        for _ in range(3)
    ]
    results = [await asyncio.wait_for(p.communicate(), timeout=60) for p in procs]
    failed = [
        err.decode()[-600:] for p, (_, err) in zip(procs, results, strict=True) if p.returncode
    ]
    assert failed == []
    store = await Store.open(postgres_url)
    try:
        assert (await drafted_case(store)).status is CaseStatus.drafted
    finally:
        await store.close()
