"""What the user sees when something goes wrong, or a button is not ours any more."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.constants import ChatType

from bot import metrics
from bot.telegram import texts
from bot.telegram.context import BotContext
from bot.telegram.handlers import access

log = logging.getLogger(__name__)


async def on_stale_button(update: Update, context: BotContext) -> None:
    """Any button we did not make, or no longer understand."""
    await update.callback_query.answer(texts.STALE_BUTTON)


async def on_error(update: object, context: BotContext) -> None:
    """Log the traceback, then tell the user their message is safe."""
    log.error("error while handling an update", exc_info=context.error)
    metrics.ERRORS.inc()
    if not isinstance(update, Update) or update.effective_chat is None:
        return
    if access.is_business(update):
        return  # the chat is the owner's with someone else: never write there
    if update.effective_chat.type != ChatType.PRIVATE:
        return
    try:
        # A press is never answered here: its handler may have answered it already, and a
        # press takes one answer. A message in the chat says what happened either way.
        wording = texts.BUTTON_ERROR if update.callback_query else texts.ERROR
        await context.bot.send_message(update.effective_chat.id, wording)
    except Exception:  # the error handler must never raise itself
        log.warning("could not tell the user about an error", exc_info=True)
