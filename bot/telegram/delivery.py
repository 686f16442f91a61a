"""Sending and redrawing cards, shared by the handlers and recovery."""

from __future__ import annotations

import logging

from telegram import InlineKeyboardMarkup, Message
from telegram.error import BadRequest
from telegram.ext import ExtBot

from bot.models import Case
from bot.service import Service
from bot.telegram import keyboards, render

log = logging.getLogger(__name__)


async def send_card(bot: ExtBot, service: Service, case: Case) -> Case:
    """Send a case card and remember which message it is."""
    sent = await bot.send_message(
        case.chat_id, render.card(case), reply_markup=keyboards.card(case)
    )
    return await service.card_sent(case, sent.message_id)


async def redraw(message: Message | None, case: Case | None) -> None:
    """Redraw a card in place."""
    if message is None or case is None:
        return
    await edit_text(message, render.card(case), keyboards.card(case))


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
