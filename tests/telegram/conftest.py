"""The real Application on the in-process transport, on each database (tests/helpers.py)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from tests.helpers import Harness, app_settings, harness


@pytest.fixture
async def bot(database_url: str) -> AsyncIterator[Harness]:
    """`build_application` as `coldshoulder run` builds it (offline engine), started."""
    async with harness(app_settings(database_url)) as running_bot:
        yield running_bot
