"""The offline engine: no network, deterministic."""

from bot.engine.offline.engine import OfflineEngine

__all__ = ["OfflineEngine"]
