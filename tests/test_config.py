"""Settings: defaults, parsing, clear errors, secrets that stay secret."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from pydantic import ValidationError

from bot.config import Settings
from bot.logs import RedactSecrets


def test_defaults_match_the_design(settings: Settings):
    assert settings.telegram_api_url == "https://api.telegram.org/bot"
    assert settings.allowed_users == frozenset()
    assert settings.database_url == "sqlite+aiosqlite:///./data/coldshoulder.db"
    assert settings.listen == "127.0.0.1:8080"
    assert settings.llm_concurrency == 8
    assert settings.llm_timeout == 30
    assert settings.case_budget == 20
    assert settings.vision is False
    assert not settings.llm_enabled


def test_environment_names_are_the_documented_ones(monkeypatch: pytest.MonkeyPatch):
    env = {
        "TELEGRAM_BOT_TOKEN": "123:secret-token",
        "COLDSHOULDER_TELEGRAM_API_URL": "http://127.0.0.1:9/bot",
        "COLDSHOULDER_ALLOWED_USERS": " 12, 34 ,",
        "OPENAI_API_KEY": "sk-test",
        "OPENAI_BASE_URL": "http://127.0.0.1:11434/v1",
        "COLDSHOULDER_MODEL": "llama3",
        "COLDSHOULDER_DATABASE_URL": "sqlite+aiosqlite:///x.db",
        "COLDSHOULDER_WEBHOOK_URL": "https://bot.example/hook",
        "COLDSHOULDER_WEBHOOK_SECRET": "hook-secret",
        "COLDSHOULDER_LISTEN": "0.0.0.0:9000",
        "COLDSHOULDER_LLM_CONCURRENCY": "3",
        "COLDSHOULDER_LLM_TIMEOUT": "12.5",
        "COLDSHOULDER_VISION": "true",
    }
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    s = Settings(_env_file=None)
    assert s.telegram_bot_token.get_secret_value() == "123:secret-token"
    assert s.telegram_api_url == "http://127.0.0.1:9/bot"
    assert s.allowed_users == frozenset({12, 34})
    assert s.llm_enabled and s.openai_base_url == "http://127.0.0.1:11434/v1"
    assert s.model == "llama3"
    assert (s.listen_host, s.listen_port) == ("0.0.0.0", 9000)
    assert (s.llm_concurrency, s.llm_timeout, s.vision) == (3, 12.5, True)
    assert s.webhook_secret.get_secret_value() == "hook-secret"


def test_dotenv_file_is_read(tmp_path: Path):
    (tmp_path / ".env").write_text("COLDSHOULDER_ALLOWED_USERS=5\nCOLDSHOULDER_MODEL=m\n")
    s = Settings()  # the autouse fixture made tmp_path the working directory
    assert s.allowed_users == frozenset({5})
    assert s.model == "m"


@pytest.mark.parametrize("bad", ["12,abc", "12;34", "1.5", "@alice"])
def test_malformed_allowed_users_names_the_bad_entry(monkeypatch: pytest.MonkeyPatch, bad: str):
    monkeypatch.setenv("COLDSHOULDER_ALLOWED_USERS", bad)
    with pytest.raises(ValidationError) as info:
        Settings(_env_file=None)
    message = str(info.value)
    assert "COLDSHOULDER_ALLOWED_USERS" in message
    bad_entry = next(e.strip() for e in bad.split(",") if not e.strip().isdigit())
    assert repr(bad_entry) in message


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("COLDSHOULDER_LISTEN", "8080"),
        ("COLDSHOULDER_LISTEN", "host:99999"),
        ("COLDSHOULDER_LLM_CONCURRENCY", "0"),
        ("COLDSHOULDER_LLM_TIMEOUT", "-1"),
        ("COLDSHOULDER_VISION", "maybe"),
        ("COLDSHOULDER_PROMPTS_DIR", "/nonexistent/prompts"),
    ],
)
def test_invalid_values_are_rejected(monkeypatch: pytest.MonkeyPatch, name: str, value: str):
    monkeypatch.setenv(name, value)
    with pytest.raises(ValidationError):
        Settings(_env_file=None)


def test_secrets_never_show_in_repr_or_redacted_dump(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "123:very-secret")
    monkeypatch.setenv("OPENAI_API_KEY", "sk-very-secret")
    monkeypatch.setenv("COLDSHOULDER_DATABASE_URL", "postgresql+asyncpg://u:pw-secret@db/cs")
    s = Settings(_env_file=None)
    shown = repr(s) + str(s.redacted())
    for secret in ("very-secret", "pw-secret"):
        assert secret not in shown
    assert s.redacted()["telegram_bot_token"] == "**set**"


def test_log_filter_scrubs_the_token_from_messages_and_exceptions(
    caplog: pytest.LogCaptureFixture,
):
    logger = logging.getLogger("test.redact")
    token = "123:" + "very-secret"  # built, so the traceback's source line can't leak it
    logger.addFilter(RedactSecrets([token]))
    try:
        raise RuntimeError(f"POST http://127.0.0.1:8081/bot{token}/getMe failed")
    except RuntimeError:
        with caplog.at_level(logging.INFO, logger="test.redact"):
            logger.info("calling %s", f"http://127.0.0.1:8081/bot{token}/getMe")
            logger.exception("request failed")
    assert "very-secret" not in caplog.text
    assert "bot***/getMe" in caplog.text
