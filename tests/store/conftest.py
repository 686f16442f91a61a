"""Stores for the store tests: one on each database, and two replicas on one PostgreSQL."""

from __future__ import annotations

import pytest

from bot.store import Store


@pytest.fixture
async def store(database_url: str):
    s = await Store.open(database_url)
    yield s
    await s.close()


@pytest.fixture
async def replicas(postgres_url: str):
    """Two stores with their own engines on one PostgreSQL database: two replicas of the bot.

    (SQLite serves one process; its in-process races are tested above.)
    """
    a = await Store.open(postgres_url)
    b = await Store.open(postgres_url)
    yield a, b
    await a.close()
    await b.close()
