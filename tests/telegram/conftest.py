"""The real Application on the in-process transport, on each database (tests/helpers.py)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from tests.fakes.openai import FakeOpenAI
from tests.helpers import MODEL_KEY, Harness, app_settings, harness, model_answer


@pytest.fixture
async def bot(database_url: str) -> AsyncIterator[Harness]:
    """`build_application` as `coldshoulder run` builds it (offline engine), started."""
    async with harness(app_settings(database_url)) as running_bot:
        yield running_bot


@pytest.fixture
async def model() -> AsyncIterator[FakeOpenAI]:
    """The fake OpenAI server (tests/fakes/openai.py) on the test's loop: the real openai
    client of the LLM engine talks to it over loopback HTTP. It answers `model_answer()`."""
    async with FakeOpenAI(api_key=MODEL_KEY) as fake:
        fake.default = model_answer()
        yield fake
