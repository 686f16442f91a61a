"""Assess a message and draft a reply. `make_engine` picks the engine the settings ask for."""

from __future__ import annotations

from typing import Protocol

from bot.config import Settings
from bot.engine.offline import OfflineEngine
from bot.models import Assessment, Draft, Incoming, Preferences, Tone, Verdict
from bot.prompts import Prompts


class Engine(Protocol):
    """What the bot's workflow needs from an engine (offline or LLM)."""

    name: str
    concurrency: int  # verdicts it works on at once; a batch keeps twice that in flight

    async def verdict(
        self, incoming: Incoming, prefs: Preferences, tone: Tone | None = None
    ) -> Verdict: ...

    async def redraft(
        self,
        incoming: Incoming,
        assessment: Assessment,
        tone: Tone,
        prefs: Preferences,
        variant: int | None = None,
        avoid: str | None = None,
    ) -> Draft: ...


def make_offline_engine(settings: Settings) -> OfflineEngine:
    return OfflineEngine(Prompts(settings.prompts_dir))


def make_engine(settings: Settings, requested: str | None = None) -> Engine:
    """The LLM engine when a key is set (or asked for), else the offline engine."""
    offline = make_offline_engine(settings)
    use_llm = requested == "llm" or (requested is None and settings.llm_enabled)
    if not use_llm:
        return offline
    from bot.engine.llm import LLMEngine  # imported late: the offline path needs no SDK

    return LLMEngine(settings, offline.prompts, offline)


__all__ = ["Engine", "OfflineEngine", "make_engine", "make_offline_engine"]
