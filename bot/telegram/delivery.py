"""Sending and redrawing cards, and delivering what the outbox owes; shared by the handlers
and recovery."""

from __future__ import annotations

import logging
from collections.abc import Awaitable
from datetime import timedelta
from typing import TypeVar

from telegram import InlineKeyboardMarkup, Message
from telegram.error import (
    BadRequest,
    Forbidden,
    NetworkError,
    RetryAfter,
    TelegramError,
    TimedOut,
)
from telegram.ext import ExtBot

from bot import metrics
from bot.models import Case
from bot.service import Owed, Service
from bot.telegram import keyboards, render

log = logging.getLogger(__name__)
T = TypeVar("T")

MAX_BACKOFF = 60.0  # seconds between attempts after repeated 5xx or network failures


async def deliver(bot: ExtBot, service: Service, owed: Owed) -> bool:
    """Send one owed message and mark it sent; on failure, schedule the next attempt.
    True when Telegram has it."""
    try:
        if owed.business_connection_id is not None:
            # In the owner's own chat, as the owner: the reply as written, nothing else.
            sent = await bot.send_message(
                owed.chat_id,
                owed.text,
                parse_mode=None,
                business_connection_id=owed.business_connection_id,
            )
            message_id = sent.message_id
        else:
            message_id = await _copy_ready(bot, owed)
    except RetryAfter as exc:
        await service.undelivered(owed, _seconds(exc.retry_after), "429 Too Many Requests")
        return False
    except (BadRequest, Forbidden) as exc:
        # The chat is gone or the bot was blocked: trying again changes nothing until the
        # user comes back and presses Approve again.
        log.warning("Telegram refused owed message %s: %s", owed.id, exc)
        if owed.business_connection_id is not None:
            # Not in the owner's chat (no right, the window closed): the owner gets the text.
            handed = await service.hand_over(owed, "refused")
            return handed is not None and await deliver(bot, service, handed)
        await service.refused(owed, type(exc).__name__)
        return False
    except NetworkError as exc:  # 5xx, timeouts, connection errors
        # A timeout leaves it unknown whether Telegram took the message.
        doubt = isinstance(exc, TimedOut)
        backoff = min(MAX_BACKOFF, 2.0**owed.attempts)
        await service.undelivered(owed, backoff, type(exc).__name__, in_doubt=doubt)
        return False
    await service.delivered(owed, message_id)
    return True


async def _copy_ready(bot: ExtBot, owed: Owed) -> int:
    """The reply for the user to paste, alone in a message of its own with a Copy button;
    the id of the message that holds it. A reply in doubt (an earlier try may have reached
    the chat) is written into its card instead: an edit that, repeated, changes nothing
    ("not modified"), where a second message would show the reply twice."""
    markup = keyboards.copy(owed.text)
    if owed.in_doubt and owed.card_message_id is not None:
        metrics.OUTBOX_IN_DOUBT.inc()
        try:
            await bot.edit_message_text(
                render.reply_in_card(owed.text, owed.note),
                chat_id=owed.chat_id,
                message_id=owed.card_message_id,
                reply_markup=markup,
            )
            return owed.card_message_id
        except BadRequest as exc:
            if "not modified" in str(exc).lower():
                return owed.card_message_id
            log.info("reply %s not written into its card, sent anew: %s", owed.id, exc)
    sent = await bot.send_message(
        owed.chat_id, render.approved_reply(owed.text, owed.note), reply_markup=markup
    )
    return sent.message_id


async def deliver_due(bot: ExtBot, service: Service) -> int:
    """Every owed message whose attempt is due; how many got through."""
    done = 0
    for owed in await service.claim_due():
        done += await deliver(bot, service, owed)
    return done


async def best_effort(call: Awaitable[T]) -> T | None:
    """A press answer, a card redraw, a typing indicator: worth one try, never worth
    failing the work around it."""
    try:
        return await call
    except TelegramError as exc:
        log.info("best-effort Bot API call failed: %s", exc)
        return None


def _seconds(value: int | float | timedelta) -> float:
    # PTB 22 gives retry_after in seconds, or as a timedelta when PTB_TIMEDELTA is set.
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


async def send_card(
    bot: ExtBot, service: Service, case: Case, replacing: int | None = None
) -> Case:
    """Send a case card and remember which message it is. `replacing`: a "Still working"
    message the card takes the place of; if it cannot be edited, the card comes as a new
    message and the stale one goes."""
    text, markup = render.card(case), keyboards.card(case)
    try:
        if replacing:
            try:
                await bot.edit_message_text(
                    text, chat_id=case.chat_id, message_id=replacing, reply_markup=markup
                )
                return await service.card_sent(case, replacing)
            except BadRequest as exc:  # deleted by the user, say
                log.info("could not turn message %s into the card: %s", replacing, exc)
                await best_effort(bot.delete_message(case.chat_id, replacing))
        sent = await bot.send_message(case.chat_id, text, reply_markup=markup)
    except TelegramError:
        await service.card_unsent(case)  # owed again: recovery tries within seconds
        raise
    return await service.card_sent(case, sent.message_id)


async def redraw_card(bot: ExtBot, case: Case) -> None:
    """Redraw a case's card where it is, by its id (no press to answer): a card for a
    message in the owner's chat that changed, closed or lost its connection."""
    if case.card_message_id is None:
        return
    try:
        await bot.edit_message_text(
            render.card(case),
            chat_id=case.chat_id,
            message_id=case.card_message_id,
            reply_markup=keyboards.card(case),
        )
    except BadRequest as exc:
        if "not modified" not in str(exc).lower():
            log.info("could not redraw card %s: %s", case.card_message_id, exc)


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
