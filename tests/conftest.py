"""Shared fixtures: isolated environment, no network but loopback, real prompts directory."""

from __future__ import annotations

import ipaddress
import os
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.config import DEFAULT_PROMPTS_DIR, Settings
from bot.prompts import Prompts
from tests.databases import DATABASES, POSTGRES, fresh_database, postgres_server

REPO_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = REPO_ROOT / "data"

_real_connect = socket.socket.connect


def _guarded_connect(self: socket.socket, address: object) -> object:
    """Any connection that leaves the machine fails the test (tests talk only to fakes)."""
    if self.family in (socket.AF_INET, socket.AF_INET6) and isinstance(address, tuple):
        host = address[0]
        try:
            loopback = ipaddress.ip_address(host).is_loopback
        except ValueError:
            loopback = host == "localhost"
        if not loopback:
            raise RuntimeError(f"test tried to reach the network: {address!r}")
    return _real_connect(self, address)


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(socket.socket, "connect", _guarded_connect)


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No developer .env or exported key leaks into a test; each test gets its own cwd."""
    for name in list(os.environ):
        if name.startswith(("COLDSHOULDER_", "OPENAI_")) or name == "TELEGRAM_BOT_TOKEN":
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)


@pytest.fixture
def settings() -> Settings:
    return Settings(_env_file=None)


@pytest.fixture(scope="session")
def prompts() -> Prompts:
    return Prompts(DEFAULT_PROMPTS_DIR)


@pytest.fixture(scope="session")
def offline_engine(prompts: Prompts):
    from bot.engine.offline import OfflineEngine  # imported late: tests of other parts run alone

    return OfflineEngine(prompts)


# --- databases (tests/databases.py) ---------------------------------------------------------


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "postgres: runs against the real PostgreSQL test server")


@pytest.fixture(scope="session", name="postgres_server")
def _postgres_server() -> Iterator[str]:
    """The PostgreSQL server for this session, started on first use: a run without PostgreSQL
    tests (`-m "not postgres"`) never starts it."""
    with postgres_server() as url:
        yield url


@pytest.fixture(params=DATABASES)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database for this test: a SQLite file, then a PostgreSQL database."""
    server = request.getfixturevalue("postgres_server") if request.param == "postgres" else None
    with fresh_database(request.param, tmp_path, server) as url:
        yield url


# The param only carries the `postgres` mark, so `-m "not postgres"` leaves these out too.
@pytest.fixture(params=[POSTGRES])
def postgres_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh PostgreSQL database, for what only a shared server has (several replicas)."""
    server = request.getfixturevalue("postgres_server")
    with fresh_database(request.param, tmp_path, server) as url:
        yield url
