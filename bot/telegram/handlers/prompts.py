"""Prompts: Edit, Fix text and the settings ask for one typed answer; Cancel and /cancel.

A prompt carries an inline Cancel button rather than ForceReply: one message can't have
both, and the reply matters less than the tap. The open prompt is kept in the store
(bot.models.Prompt), so the user's next typed message answers it with or without Reply,
after a restart and on any replica; handlers/messages.py does the routing.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import ExtBot

from bot.telegram import keyboards, texts
from bot.telegram.context import BotContext
from bot.telegram.delivery import best_effort, edit_markup, edit_text


async def ask(context: BotContext, chat_id: int, text: str) -> int:
    """Send a prompt with its Cancel button; the caller stores it under the returned id."""
    prompt = await context.bot.send_message(chat_id, text, reply_markup=keyboards.prompt())
    return prompt.message_id


async def retire(bot: ExtBot, chat_id: int, message_id: int) -> None:
    """An answered, replaced or expired prompt loses its Cancel button (it may be gone)."""
    await best_effort(bot.edit_message_reply_markup(chat_id, message_id, reply_markup=None))


async def on_cancel(update: Update, context: BotContext) -> None:
    """The Cancel button: closes the prompt it sits on, if that one is still open. The data
    names nothing, so a forged or old press can close at most the presser's own prompt."""
    query = update.callback_query
    closed = await context.service.close_prompt(update.effective_user.id, query.message.message_id)
    await best_effort(query.answer(texts.CANCELLED if closed else texts.PROMPT_CLOSED))
    if closed:
        await best_effort(edit_text(query.message, texts.CANCELLED, None))
    else:
        await best_effort(edit_markup(query.message, None))


async def on_cancel_command(update: Update, context: BotContext) -> None:
    """/cancel: close whatever prompt is open."""
    user_id, chat_id = update.effective_user.id, update.effective_chat.id
    prompt = await context.service.open_prompt(user_id)
    if prompt is None or not await context.service.close_prompt(user_id, prompt.message_id):
        await update.message.reply_text(texts.NOTHING_TO_CANCEL)
        return
    await retire(context.bot, chat_id, prompt.message_id)
    await update.message.reply_text(texts.CANCELLED)
