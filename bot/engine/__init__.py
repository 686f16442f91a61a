"""Assess a message and draft a reply. `make_engine` picks the engine the settings ask for."""

from __future__ import annotations

from bot.config import Settings
from bot.engine.offline import OfflineEngine
from bot.prompts import Prompts


def make_offline_engine(settings: Settings) -> OfflineEngine:
    return OfflineEngine(Prompts(settings.prompts_dir))


__all__ = ["OfflineEngine", "make_offline_engine"]
