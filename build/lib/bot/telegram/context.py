"""The typed context every handler gets: long-lived services instead of loose bot_data keys."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from telegram.ext import CallbackContext, ExtBot

from bot.config import Settings
from bot.engine import Engine
from bot.screens.ocr import OcrEngine
from bot.service import Service
from bot.store import Store


@dataclass
class Services:
    """Long-lived clients, created in post_init and closed in post_shutdown."""

    settings: Settings | None = None
    store: Store | None = None
    engine: Engine | None = None
    service: Service | None = None
    ocr: OcrEngine | None = None  # None: the `ocr` extra is not installed
    background: asyncio.Task[None] | None = None  # the recovery loop (telegram/recovery.py)


class BotContext(CallbackContext[ExtBot, dict, dict, Services]):
    """Typed access to the services handlers use."""

    @property
    def settings(self) -> Settings:
        assert self.bot_data.settings is not None
        return self.bot_data.settings

    @property
    def service(self) -> Service:
        assert self.bot_data.service is not None
        return self.bot_data.service
