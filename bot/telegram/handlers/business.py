"""Telegram Business: the owner's own account, connected to the bot.

Updates from the owner's chats (`business_connection`, `business_message`,
`edited_business_message`, `deleted_business_messages`) turn into cards in the owner's chat
with the bot. Nothing here ever writes to the other person: the only message that goes
there is a reply the owner approved, through the outbox (handlers/cards.py, delivery.py).
"""

from __future__ import annotations

import logging
import time

from telegram import BusinessConnection as TelegramConnection
from telegram import InlineKeyboardMarkup, Update
from telegram.error import TelegramError

from bot.models import BusinessConnection
from bot.service import Pending
from bot.telegram import callbacks, keyboards, render, texts
from bot.telegram.context import BotContext
from bot.telegram.delivery import best_effort, edit_text, redraw_card, send_card
from bot.telegram.handlers.messages import draft_and_show
from bot.telegram.intake import Unsupported, read_message

log = logging.getLogger(__name__)


async def on_connection(update: Update, context: BotContext) -> None:
    """The owner connected, changed or disconnected the bot: store it and tell them."""
    connection = _domain(update.business_connection)
    if connection.user_id not in context.settings.allowed_users:
        log.info("business connection from a user who is not allowed; ignored")
        return
    before = await context.service.connect(connection)
    chat = connection.user_chat_id
    if not connection.is_enabled:
        if before is None or before.is_enabled:
            await best_effort(context.bot.send_message(chat, texts.BUSINESS_DISCONNECTED))
    elif before is None or not before.is_enabled:
        rights = "" if connection.can_reply else texts.BUSINESS_NO_REPLY_RIGHT
        await context.bot.send_message(chat, texts.BUSINESS_GREETING.format(rights=rights))
    elif before.rights != connection.rights:
        await best_effort(context.bot.send_message(chat, texts.BUSINESS_RIGHTS_CHANGED))
    # Open cards say what Approve does now (send as the owner, or hand over the text).
    for case in await context.service.open_business_cases(connection.id):
        await best_effort(redraw_card(context.bot, case))


async def on_message(update: Update, context: BotContext) -> None:
    """A message in one of the owner's chats: maybe a case; the owner's own closes cards."""
    received = time.monotonic()
    message = update.business_message
    connection = await _connection(context, message.business_connection_id)
    if connection is None or message.from_user is None:
        return
    from_owner = message.from_user.id == connection.user_id
    if from_owner and message.sender_business_bot is not None:
        return  # a reply the owner approved, sent by a bot: not the owner typing
    incoming = None
    if not from_owner:
        read = read_message(message)
        if isinstance(read, Unsupported):
            return  # a sticker or a voice note: nothing to draft for, and nobody to tell
        incoming = read.incoming.model_copy(update={"message_id": message.message_id})
    arrived = await context.service.business_message(
        connection, message.chat_id, incoming, message.date
    )
    for case in arrived.closed:
        await redraw_card(context.bot, case)
    if arrived.pending is not None:
        await _show(context, arrived.pending, received)
    elif arrived.skipped:
        log.debug("business message not a case: %s", arrived.skipped)


async def on_edited(update: Update, context: BotContext) -> None:
    """The other person edited a message of an open card: the card is redrafted in place."""
    message = update.edited_business_message
    if (message.text or message.caption) is None:
        return
    if await _connection(context, message.business_connection_id) is None:
        return
    pending = await context.service.business_edit(
        message.business_connection_id,
        message.chat_id,
        message.message_id,
        message.text or message.caption or "",
    )
    if pending is not None:
        await _show(context, pending, time.monotonic())


async def on_deleted(update: Update, context: BotContext) -> None:
    """The other person deleted messages: a card with nothing left closes, others redraft."""
    deleted = update.deleted_business_messages
    if await _connection(context, deleted.business_connection_id) is None:
        return
    closed, redo = await context.service.business_deleted(
        deleted.business_connection_id, deleted.chat.id, list(deleted.message_ids)
    )
    for case in closed:
        await redraw_card(context.bot, case)
    for pending in redo:
        await _show(context, pending, time.monotonic())


# --- /business ----------------------------------------------------------------------------


async def on_business(update: Update, context: BotContext) -> None:
    """The connection, its rights, pause and resume, the allowlist and muted chats."""
    text, markup = await _status(context, update.effective_user.id)
    await update.message.reply_html(text, reply_markup=markup)


async def on_pause(update: Update, context: BotContext) -> None:
    """Pause or resume new cards from the owner's chats."""
    query = update.callback_query
    paused = callbacks.press_of(query.data).arg == "on"
    await context.service.set_paused(update.effective_user.id, paused)
    await _redraw_status(update, context, texts.PAUSED if paused else texts.RESUMED)


async def on_disallow(update: Update, context: BotContext) -> None:
    """Take a sender off the allowlist."""
    sender_id = callbacks.press_of(update.callback_query.data).case_id
    await context.service.disallow(update.effective_user.id, sender_id)
    await _redraw_status(update, context, texts.DISALLOWED)


async def on_unmute(update: Update, context: BotContext) -> None:
    """Cards again for a muted chat."""
    chat_id = callbacks.press_of(update.callback_query.data).case_id
    await context.service.unmute(update.effective_user.id, chat_id)
    await _redraw_status(update, context, texts.UNMUTED)


async def _redraw_status(update: Update, context: BotContext, said: str) -> None:
    await update.callback_query.answer(said)
    text, markup = await _status(context, update.effective_user.id)
    await edit_text(update.callback_query.message, text, markup)


async def _status(context: BotContext, user_id: int) -> tuple[str, InlineKeyboardMarkup | None]:
    connections = await context.service.connections(user_id)
    if not connections:
        return texts.BUSINESS_NONE, None
    allowlist = await context.service.allowlist(user_id)
    muted = [(c.chat_id, c.name) for c in await context.service.muted_chats(user_id)]
    connection = connections[0]
    return render.business(connection, allowlist, muted), keyboards.business(
        connection.paused, allowlist, muted
    )


# --- helpers ------------------------------------------------------------------------------


async def _show(context: BotContext, pending: Pending, received: float) -> None:
    """Draft the case; a new one gets its card, a changed one has its card redrawn."""
    if pending.case.card_message_id is None:
        await draft_and_show(pending, context, received)
        # Messages that joined the case while it was drafted: the card catches up.
        again = await context.service.business_catch_up(pending)
        if again is not None:
            await _show(context, again, received)
        return
    case = await context.service.draft(pending)
    if case is not None:
        await send_card(context.bot, context.service, case, replacing=case.card_message_id)


async def _connection(context: BotContext, connection_id: str | None) -> BusinessConnection | None:
    """The stored connection, or Telegram's word on one we missed; None unless it belongs
    to an allowed user."""
    if not connection_id:
        return None
    connection = await context.service.connection(connection_id)
    if connection is None:
        try:
            fetched = await context.bot.get_business_connection(connection_id)
        except TelegramError as exc:
            log.warning("could not fetch business connection: %s", exc)
            return None
        connection = _domain(fetched)
        if connection.user_id not in context.settings.allowed_users:
            return None  # nothing is kept about someone the bot does not serve
        await context.service.connect(connection)
    if connection.user_id not in context.settings.allowed_users:
        return None
    return connection


def _domain(c: TelegramConnection) -> BusinessConnection:
    rights = c.rights.to_dict() if c.rights else {}
    return BusinessConnection(
        id=c.id,
        user_id=c.user.id,
        user_chat_id=c.user_chat_id,
        is_enabled=c.is_enabled,
        can_reply=bool(rights.get("can_reply")),
        can_read=bool(rights.get("can_read_messages")),
        rights={k: bool(v) for k, v in rights.items()},
    )
