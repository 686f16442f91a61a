"""The typed context every handler gets, and the small message-editing helpers they share."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from telegram import InlineKeyboardMarkup, Message
from telegram.error import BadRequest
from telegram.ext import CallbackContext, ExtBot

from bot.config import Settings
from bot.engine import Engine
from bot.screens.ocr import OcrEngine
from bot.service import Cases
from bot.store import Store

log = logging.getLogger(__name__)


@dataclass
class Services:
    """Long-lived clients, created in post_init and closed in post_shutdown."""

    settings: Settings | None = None
    store: Store | None = None
    engine: Engine | None = None
    cases: Cases | None = None
    ocr: OcrEngine | None = None  # None: the `ocr` extra is not installed


class BotContext(CallbackContext[ExtBot, dict, dict, Services]):
    """Typed access to the services, instead of loose bot_data keys."""

    @property
    def settings(self) -> Settings:
        assert self.bot_data.settings is not None
        return self.bot_data.settings

    @property
    def store(self) -> Store:
        assert self.bot_data.store is not None
        return self.bot_data.store

    @property
    def cases(self) -> Cases:
        assert self.bot_data.cases is not None
        return self.bot_data.cases


# "message is not modified" is Telegram saying the screen already shows this: not an error.


async def edit_text(message: Message, text: str, markup: InlineKeyboardMarkup | None) -> None:
    try:
        await message.edit_text(text, reply_markup=markup)
    except BadRequest as exc:
        if "not modified" not in str(exc).lower():
            raise


async def edit_markup(message: Message, markup: InlineKeyboardMarkup | None) -> None:
    try:
        await message.edit_reply_markup(reply_markup=markup)
    except BadRequest as exc:
        if "not modified" not in str(exc).lower():
            raise


async def retire_card(bot: ExtBot, chat_id: int, message_id: int, text: str) -> None:
    """Retire an old card; it may be gone already, which is fine."""
    try:
        await bot.edit_message_text(text, chat_id=chat_id, message_id=message_id)
    except BadRequest as exc:
        log.info("could not retire card %s: %s", message_id, exc)
