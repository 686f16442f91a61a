"""The gate: runs before every other handler."""

from __future__ import annotations

from telegram import Update
from telegram.constants import ChatType
from telegram.ext import ApplicationHandlerStop

from bot import metrics
from bot.telegram import texts
from bot.telegram.context import BotContext


async def gate(update: Update, context: BotContext) -> None:
    """Let only allowed users in private chats through; answer everyone else once."""
    metrics.UPDATES.inc()
    if is_business(update):
        # From the owner's own chats, written by anyone: handlers/business.py checks that
        # the connection belongs to an allowed user, and never answers the writer.
        return
    user, chat = update.effective_user, update.effective_chat
    if user is None or chat is None:
        raise ApplicationHandlerStop
    if chat.type != ChatType.PRIVATE:
        if update.callback_query:
            await update.callback_query.answer(texts.GROUP_CHAT)
        elif update.effective_message and update.message:
            await update.message.reply_text(texts.GROUP_CHAT)
        raise ApplicationHandlerStop
    if user.id not in context.settings.allowed_users:
        if update.callback_query:
            await update.callback_query.answer(texts.STRANGER_BUTTON)
        elif update.message:
            await update.message.reply_html(texts.stranger(user.id))
        raise ApplicationHandlerStop


def is_business(update: Update) -> bool:
    """An update from a connected account (Telegram Business), not from the bot's chats."""
    return bool(
        update.business_connection
        or update.business_message
        or update.edited_business_message
        or update.deleted_business_messages
    )
