"""The databases tests run on: a SQLite file, and a real PostgreSQL server.

PostgreSQL comes from `make postgres` (.ci/postgres.sh), which `make test` and .ci/run call;
COLDSHOULDER_TEST_POSTGRES_URL names the server, and the role in it must be allowed to
CREATE DATABASE: every test gets a database of its own, dropped afterwards.
"""

from __future__ import annotations

import asyncio
import os
import re
import secrets
import sqlite3
import time
from collections.abc import Coroutine, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import asyncpg
import pytest
from sqlalchemy.engine import make_url

# Read at import, before the autouse `_isolated_env` fixture clears every COLDSHOULDER_*
# variable. Unset: the server `make postgres` starts.
DEFAULT_POSTGRES_URL = (
    "postgresql+asyncpg://coldshoulder:coldshoulder@127.0.0.1:5432/coldshoulder_test"
)
POSTGRES_URL = os.environ.get("COLDSHOULDER_TEST_POSTGRES_URL") or DEFAULT_POSTGRES_URL

# Parameters for fixtures: every store-backed test runs on both. `-m "not postgres"` leaves
# PostgreSQL out, on purpose and visibly; nothing skips it quietly.
POSTGRES = pytest.param("postgres", marks=pytest.mark.postgres)
DATABASES = ["sqlite", POSTGRES]

T = TypeVar("T")


def run_async(coro: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine on a private event loop in a worker thread: safe from any test, sync or
    async, without touching the test's own loop."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coro).result()


def asyncpg_dsn(url: str) -> str:
    """The libpq-style DSN asyncpg takes, from a SQLAlchemy URL."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


async def _fetch(url: str, sql: str, *args: Any) -> list[tuple]:
    import asyncpg

    conn = await asyncpg.connect(asyncpg_dsn(url), timeout=10)
    try:
        return [tuple(r) for r in await conn.fetch(sql, *args)]
    finally:
        await conn.close()


async def _admin(sql: str) -> None:
    import asyncpg

    conn = await asyncpg.connect(asyncpg_dsn(POSTGRES_URL), timeout=10)
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


def rows(url: str, sql: str, *args: Any) -> list[tuple]:
    """Run one query written for SQLite on either database: each `?` becomes `$1`, `$2`...
    for PostgreSQL (so no `?` may appear inside a string literal)."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        con = sqlite3.connect(parsed.database or ":memory:")
        try:
            return con.execute(sql, args).fetchall()
        finally:
            con.close()
    numbered = iter(range(1, len(args) + 1))
    return run_async(_fetch(url, re.sub(r"\?", lambda _: f"${next(numbered)}", sql), *args))


@contextmanager
def fresh_database(kind: str, directory: Path) -> Iterator[str]:
    """The URL of an empty database: a SQLite file under `directory`, or a PostgreSQL database
    made for this caller on the test server and dropped afterwards."""
    if kind == "sqlite":
        (directory / "data").mkdir(parents=True, exist_ok=True)
        yield f"sqlite+aiosqlite:///{directory / 'data' / 'cs.db'}"
        return
    import asyncpg

    name = f"cs_{secrets.token_hex(6)}"
    try:
        run_async(_admin(f'CREATE DATABASE "{name}"'))
    except (OSError, TimeoutError, asyncpg.PostgresError) as exc:
        problem = repr(exc)
    else:
        problem = None
    if problem:
        shown = make_url(POSTGRES_URL).render_as_string(hide_password=True)
        pytest.fail(
            f"PostgreSQL test server unusable at {shown}: {problem}\n"
            "Start it with `make postgres` (or run the suite with `make test`), or point "
            "COLDSHOULDER_TEST_POSTGRES_URL at a server where that role may CREATE DATABASE.",
            pytrace=False,
        )
    try:
        yield make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        _drop(name)


def _drop(name: str) -> None:
    """Drop a test database. FORCE: a bot process killed mid-test may still hold connections;
    a session we may not end (autovacuum, on a server without our grant) is waited out."""
    for attempt in range(20):
        try:
            run_async(_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            return
        except asyncpg.InsufficientPrivilegeError:
            if attempt == 19:
                raise
            time.sleep(0.25)
