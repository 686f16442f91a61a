"""The bot as a real process with the LLM engine: fake Bot API and fake OpenAI server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.helpers import OWNER, SECOND, TOKEN, BotProcess, send_for_card
from tests.fakes.openai import FakeOpenAI
from tests.fakes.telegram import FakeTelegram

PITCH = "Thanks for connecting! I help companies like yours. Quick 15-minute call?"


def model_answer(**overrides) -> dict:
    answer = {
        "category": "meeting_request",
        "confidence": 0.88,
        "signals": [{"signal": "vague call request", "quote": "Quick 15-minute call?"}],
        "sender_name": None,
        "their_ask": "a 15-minute call",
        "language": "en",
        "generic": True,
        "draft": "Thank you for my interest. A stranger at a networking event wouldn't book a "
        "meeting in the first minute either. I'll pass, with best wishes.",
    }
    answer.update(overrides)
    return answer


@pytest.fixture
def servers() -> Iterator[tuple[FakeTelegram, FakeOpenAI]]:
    telegram = FakeTelegram(token=TOKEN).start_in_thread()
    model = FakeOpenAI(api_key="sk-fake").start_in_thread()
    yield telegram, model
    model.stop()
    telegram.stop()


def start_bot(telegram: FakeTelegram, model: FakeOpenAI, home: Path, key: str) -> BotProcess:
    return BotProcess(
        telegram,
        home / "cs.db",
        home / "bot.log",
        OPENAI_API_KEY=key,
        OPENAI_BASE_URL=model.url,
        COLDSHOULDER_LLM_TIMEOUT="5",
    ).start()


def test_the_card_shows_the_models_verdict_evidence_and_draft(servers, tmp_path: Path):
    telegram, model = servers
    model.default = model_answer()
    bot = start_bot(telegram, model, tmp_path, "sk-fake")
    try:
        card = send_for_card(telegram, OWNER, PITCH).params["text"]
        assert "Meeting request" in card and "88% sure" in card
        assert "vague call request: “Quick 15-minute call?”" in card
        assert "networking event" in card
        assert "offline draft" not in card
        tokens = bot.rows("select prompt_tokens, completion_tokens from cases")
        assert tokens[0][0] > 0 and tokens[0][1] > 0
    finally:
        bot.stop()
    assert "sk-fake" not in bot.output()


def test_a_bad_key_is_reported_once_and_offline_drafts_follow(servers, tmp_path: Path):
    telegram, model = servers
    bot = start_bot(telegram, model, tmp_path, "sk-wrong-key")
    try:
        first = send_for_card(telegram, OWNER, PITCH).params["text"]
        second = send_for_card(telegram, SECOND, PITCH).params["text"]
    finally:
        bot.stop()
    assert "rejected the API key" in first and "OPENAI_API_KEY" in first
    assert "rejected the API key" not in second and "offline draft" in second
    assert len(model.completions) == 1
    assert "sk-wrong-key" not in bot.output()
