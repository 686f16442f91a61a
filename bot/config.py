"""Settings: one pydantic-settings model read from the environment and an optional .env file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from pydantic import AliasChoices, Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict
from sqlalchemy.engine import make_url

PACKAGE_ROOT = Path(__file__).resolve().parent
DEFAULT_PROMPTS_DIR = PACKAGE_ROOT.parent / "prompts"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="COLDSHOULDER_",
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
        env_ignore_empty=True,  # `KEY=` in .env means unset, not an empty secret
    )

    telegram_bot_token: SecretStr | None = Field(
        default=None, validation_alias=AliasChoices("TELEGRAM_BOT_TOKEN")
    )
    telegram_api_url: str = "https://api.telegram.org/bot"
    allowed_users: Annotated[frozenset[int], NoDecode] = frozenset()

    openai_api_key: SecretStr | None = Field(
        default=None, validation_alias=AliasChoices("OPENAI_API_KEY")
    )
    openai_base_url: str | None = Field(
        default=None, validation_alias=AliasChoices("OPENAI_BASE_URL")
    )
    model: str = "gpt-4o-mini"

    # Kept out of repr: a PostgreSQL URL carries a password. redacted() masks it.
    database_url: str = Field(default="sqlite+aiosqlite:///./data/coldshoulder.db", repr=False)

    webhook_url: str | None = None
    webhook_secret: SecretStr | None = None
    listen: str = "127.0.0.1:8080"

    concurrent_updates: int = Field(default=32, ge=1, le=4096)
    # Bot API requests per second across all chats (Telegram's flood limit); 0 turns the
    # throttle off, for a local test server. 429s are waited out either way.
    telegram_rate_limit: float = Field(default=30, ge=0)

    # How long an update may sit unfinished before the replica holding the recovery lease
    # takes it over (its own replica may have died); an undrafted case waits at most this.
    stale_after: float = Field(default=120.0, gt=0)
    # Webhook mode: /healthz answers 503 once the oldest message the bot owes a user (an
    # approved reply) has waited this many seconds without Telegram taking it.
    outbox_stuck_after: float = Field(default=300.0, gt=0)

    # Seconds an Edit, Fix text or settings prompt waits for its answer; after that the
    # user's next message is read as a new message (and the bot says the prompt expired).
    prompt_timeout: float = Field(default=600.0, gt=0)

    llm_concurrency: int = Field(default=8, ge=1, le=256)
    llm_timeout: float = Field(default=30.0, gt=0, le=600)
    # Seconds a case may wait for the model, retries and queueing included; then the card
    # shows the offline draft with a note saying why.
    case_budget: float = Field(default=20.0, gt=0, le=600)
    vision: bool = False

    prompts_dir: Path = DEFAULT_PROMPTS_DIR

    @field_validator("allowed_users", mode="before")
    @classmethod
    def _parse_allowed_users(cls, value: object) -> object:
        """Accept "123, 456" (the documented form) and name the first bad entry."""
        if not isinstance(value, str):
            return value
        ids: set[int] = set()
        for raw in value.split(","):
            entry = raw.strip()
            if not entry:
                continue
            try:
                ids.add(int(entry))
            except ValueError:
                raise ValueError(
                    f"COLDSHOULDER_ALLOWED_USERS: {entry!r} is not a Telegram user id "
                    "(expected comma-separated numbers, e.g. 123456789,987654321)"
                ) from None
        return frozenset(ids)

    @field_validator("listen")
    @classmethod
    def _check_listen(cls, value: str) -> str:
        host, sep, port = value.rpartition(":")
        if not sep or not host or not port.isdigit() or not 0 < int(port) < 65536:
            raise ValueError(f"COLDSHOULDER_LISTEN: {value!r} is not host:port")
        return value

    @field_validator("prompts_dir")
    @classmethod
    def _check_prompts_dir(cls, value: Path) -> Path:
        if not value.is_dir():
            raise ValueError(f"COLDSHOULDER_PROMPTS_DIR: {str(value)!r} is not a directory")
        return value

    @property
    def listen_host(self) -> str:
        return self.listen.rpartition(":")[0]

    @property
    def listen_port(self) -> int:
        return int(self.listen.rpartition(":")[2])

    @property
    def llm_enabled(self) -> bool:
        return self.openai_api_key is not None and bool(self.openai_api_key.get_secret_value())

    def redacted(self) -> dict[str, object]:
        """Settings as a dict safe to log: secrets show only whether they are set."""
        out: dict[str, object] = {}
        for name, value in self.model_dump().items():
            if isinstance(value, SecretStr):
                out[name] = "**set**" if value.get_secret_value() else None
            elif name == "database_url":
                out[name] = make_url(value).render_as_string(hide_password=True)
            elif isinstance(value, frozenset):
                out[name] = sorted(value)
            else:
                out[name] = str(value) if isinstance(value, Path) else value
        return out
