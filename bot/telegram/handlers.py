"""Handlers: parse the update, call the workflow, render. No business rules live here."""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from telegram import ForceReply, InlineKeyboardMarkup, Message, Update
from telegram.constants import ChatAction, ChatType
from telegram.error import BadRequest
from telegram.ext import ApplicationHandlerStop, CallbackContext, ExtBot

from bot.cases import Cases
from bot.config import Settings
from bot.engine import Engine
from bot.models import Case, CaseStatus, Tone
from bot.store import Store, Transition
from bot.telegram import keyboards, render, texts
from bot.telegram.intake import MAX_TEXT, Unsupported, read_message

log = logging.getLogger(__name__)


@dataclass
class Services:
    """Long-lived clients, created in post_init and closed in post_shutdown."""

    settings: Settings | None = None
    store: Store | None = None
    engine: Engine | None = None
    cases: Cases | None = None


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


# --- gate (runs before every other handler) ---------------------------------------------


async def gate(update: Update, context: BotContext) -> None:
    """Let only allowed users in private chats through; answer everyone else once."""
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


# --- commands -----------------------------------------------------------------------------


async def on_start(update: Update, context: BotContext) -> None:
    """Onboarding: what the bot does, how to forward, the current tone and a picker."""
    await _send_tone_picker(update, context, texts.WELCOME)


async def on_help(update: Update, context: BotContext) -> None:
    """Commands and tones in one screen."""
    await update.message.reply_html(texts.HELP)


async def on_tone(update: Update, context: BotContext) -> None:
    """Show the default-tone picker."""
    await _send_tone_picker(update, context, texts.TONE_PICKER)


async def _send_tone_picker(update: Update, context: BotContext, template: str) -> None:
    prefs = await context.store.preferences(update.effective_user.id)
    await update.message.reply_html(
        template.format(tone_line=render.preferences_line(prefs)),
        reply_markup=keyboards.default_tone_picker(prefs.cold_tone),
    )


async def on_history(update: Update, context: BotContext) -> None:
    """Recent cases, each with a button to reopen it."""
    cases = await context.store.recent_cases(update.effective_user.id, limit=10)
    await update.message.reply_html(render.history(cases), reply_markup=keyboards.history(cases))


async def on_forget(update: Update, context: BotContext) -> None:
    """Ask before deleting everything."""
    cases = await context.store.recent_cases(update.effective_user.id, limit=1_000_000)
    await update.message.reply_html(
        texts.FORGET_CONFIRM.format(cases=len(cases)), reply_markup=keyboards.forget_confirm()
    )


async def on_export(update: Update, context: BotContext) -> None:
    """Send the user's data as a JSON document."""
    user_id = update.effective_user.id
    data = await context.store.export(user_id)
    payload = json.dumps(data, ensure_ascii=False, indent=2).encode()
    await update.message.reply_document(
        document=payload,
        filename=f"coldshoulder-export-{user_id}.json",
        caption=texts.EXPORT_CAPTION.format(cases=len(data["cases"])),
    )


async def on_unknown_command(update: Update, context: BotContext) -> None:
    """Point to /help."""
    await update.message.reply_text(texts.UNKNOWN_COMMAND)


# --- messages -----------------------------------------------------------------------------


async def on_message(update: Update, context: BotContext) -> None:
    """A forwarded or pasted message (or the user's own version of a draft)."""
    message = update.message
    if await _take_edit(message, context):
        return
    read = read_message(message)
    if isinstance(read, Unsupported):
        await message.reply_text(texts.UNSUPPORTED.get(read.kind, texts.UNSUPPORTED_DEFAULT))
        return
    user_id = update.effective_user.id
    case = await context.cases.intake(user_id, message.chat_id, read.incoming)
    if read.truncated:
        await message.reply_text(texts.TRUNCATED.format(limit=MAX_TEXT))
    if case is None:  # part of a long paste that another message is collecting
        return
    await context.bot.send_chat_action(message.chat_id, ChatAction.TYPING)
    case = await context.cases.draft(case.id, user_id)
    await send_card(context.bot, context.store, case)


async def on_edited(update: Update, context: BotContext) -> None:
    """Edits of old messages are not re-read; say so."""
    await update.edited_message.reply_text(texts.EDITED)


async def _take_edit(message: Message, context: BotContext) -> bool:
    """If this replies to our "send me your version" prompt, it becomes the new draft."""
    replied = message.reply_to_message
    if replied is None or not message.text:
        return False
    case = await context.store.case_for_edit_prompt(message.from_user.id, replied.message_id)
    if case is None:
        return False
    updated = await context.cases.edit(case, message.text)
    if updated is None:
        return False
    if case.card_message_id:
        await _edit_card_text(context.bot, case.chat_id, case.card_message_id, texts.CARD_MOVED)
    await send_card(context.bot, context.store, updated)
    return True


# --- buttons ------------------------------------------------------------------------------


async def on_approve(update: Update, context: BotContext) -> None:
    """Close the card and send the reply alone, ready to copy."""
    case = await _close(update, context, context.cases.approve, texts.APPROVED)
    if case is None:
        return
    final = case.approved_text or ""
    copy = keyboards.copy(final)
    await context.bot.send_message(
        case.chat_id, render.approved_reply(final, copy is not None), reply_markup=copy
    )
    if copy is None:
        await context.bot.send_message(case.chat_id, texts.LONG_REPLY_HINT)


async def on_discard(update: Update, context: BotContext) -> None:
    """Close the card without sending anything."""
    await _close(update, context, context.cases.discard, texts.DISCARDED)


async def on_regenerate(update: Update, context: BotContext) -> None:
    """A different draft in the same tone."""
    case = await _pressed_case(update, context)
    if case is None:
        return
    await _answer_redraft(update, await context.cases.regenerate(case.id, case.user_id))


async def on_set_tone(update: Update, context: BotContext) -> None:
    """Redraft the card in the chosen tone."""
    case = await _pressed_case(update, context)
    if case is None:
        return
    tone = Tone(keyboards.unpack(update.callback_query.data).arg)
    await _answer_redraft(update, await context.cases.retone(case.id, case.user_id, tone))


async def on_tones(update: Update, context: BotContext) -> None:
    """Swap the card's buttons for the row of tones."""
    case = await _pressed_case(update, context, need_open=True)
    if case is None:
        return
    await update.callback_query.answer()
    await _edit_markup(update.callback_query.message, keyboards.tone_row(case))


async def on_back(update: Update, context: BotContext) -> None:
    """Back from the tone row to the card's buttons."""
    case = await _pressed_case(update, context)
    if case is None:
        return
    await update.callback_query.answer()
    await _edit_markup(update.callback_query.message, keyboards.card(case))


async def on_edit(update: Update, context: BotContext) -> None:
    """Ask for the user's own version of the reply."""
    case = await _pressed_case(update, context, need_open=True)
    if case is None:
        return
    await update.callback_query.answer()
    prompt = await context.bot.send_message(
        case.chat_id,
        texts.EDIT_PROMPT,
        reply_markup=ForceReply(selective=True, input_field_placeholder=texts.EDIT_PLACEHOLDER),
    )
    await context.store.set_edit_prompt(case.id, prompt.message_id)


async def on_show_draft(update: Update, context: BotContext) -> None:
    """Reveal the draft a scam card holds back."""
    case = await _pressed_case(update, context, need_open=True)
    if case is None:
        return
    await context.store.show_draft(case.id, case.user_id)
    await update.callback_query.answer()
    await _show(update.callback_query.message, await context.store.get_case(case.id, case.user_id))


async def on_open(update: Update, context: BotContext) -> None:
    """Reopen a case from /history as a fresh card at the bottom of the chat."""
    case = await _pressed_case(update, context)
    if case is None:
        return
    if case.status is CaseStatus.discarded:
        case = (await context.store.reopen(case.id, case.user_id)).case or case
    if case.status in (CaseStatus.pending, CaseStatus.collecting):
        case = await context.cases.draft(case.id, case.user_id) or case
    await update.callback_query.answer()
    if case.card_message_id and case.status is CaseStatus.drafted:
        await _edit_card_text(context.bot, case.chat_id, case.card_message_id, texts.CARD_REOPENED)
    await send_card(context.bot, context.store, case)


async def on_default_tone(update: Update, context: BotContext) -> None:
    """Save the default tone picked in /start or /tone."""
    query = update.callback_query
    press = keyboards.unpack(query.data)
    user_id = update.effective_user.id
    prefs = await context.store.preferences(user_id)
    prefs = prefs.model_copy(update={"cold_tone": Tone(press.arg)})
    await context.store.save_preferences(user_id, prefs)
    await query.answer()
    await _edit_text(
        query.message,
        texts.TONE_SET.format(tone=prefs.cold_tone.value),
        keyboards.default_tone_picker(prefs.cold_tone),
    )


async def on_forget_confirmed(update: Update, context: BotContext) -> None:
    """Delete everything kept about the user."""
    gone = await context.store.forget(update.effective_user.id)
    await update.callback_query.answer()
    await _edit_text(
        update.callback_query.message,
        texts.FORGOTTEN.format(cases=gone.cases, drafts=gone.drafts),
        None,
    )


async def on_forget_cancelled(update: Update, context: BotContext) -> None:
    """Keep everything."""
    await update.callback_query.answer()
    await _edit_text(update.callback_query.message, texts.FORGET_CANCELLED, None)


async def on_stale_button(update: Update, context: BotContext) -> None:
    """Any button we did not make, or no longer understand."""
    await update.callback_query.answer(texts.STALE_BUTTON)


# --- errors -------------------------------------------------------------------------------


async def on_error(update: object, context: BotContext) -> None:
    """Log the traceback, then tell the user their message is safe."""
    log.error("error while handling an update", exc_info=context.error)
    if not isinstance(update, Update) or update.effective_chat is None:
        return
    if update.effective_chat.type != ChatType.PRIVATE:
        return
    try:
        if update.callback_query:
            await update.callback_query.answer(texts.ERROR[:200], show_alert=True)
        else:
            await context.bot.send_message(update.effective_chat.id, texts.ERROR)
    except Exception:  # the error handler must never raise itself
        log.warning("could not tell the user about an error", exc_info=True)


# --- shared helpers -----------------------------------------------------------------------


async def send_card(bot: ExtBot, store: Store, case: Case) -> None:
    """Send a case card and remember which message it is."""
    sent = await bot.send_message(
        case.chat_id, render.card(case), reply_markup=keyboards.card(case)
    )
    await store.set_card_message(case.id, sent.message_id)


async def _pressed_case(
    update: Update, context: BotContext, need_open: bool = False
) -> Case | None:
    """The pressed button's case, if it exists and belongs to the presser; else answers."""
    query = update.callback_query
    press = keyboards.unpack(query.data)
    if press is None:
        await query.answer(texts.STALE_BUTTON)
        return None
    case = await context.store.get_case(press.case_id, update.effective_user.id)
    if case is None:
        await query.answer(texts.CASE_MISSING)
        return None
    if need_open and case.status is not CaseStatus.drafted:
        await query.answer(texts.ALREADY.get(case.status.value, texts.CASE_MISSING))
        return None
    return case


async def _close(
    update: Update,
    context: BotContext,
    transition: Callable[[int, int], Awaitable[Transition]],
    done: str,
) -> Case | None:
    """Run a closing transition; of two racing presses only the winner gets the case back."""
    case = await _pressed_case(update, context)
    if case is None:
        return None
    result = await transition(case.id, case.user_id)
    query = update.callback_query
    if not result.ok:
        await query.answer(texts.ALREADY.get(result.case.status.value, texts.CASE_MISSING))
        return None
    await query.answer(done)
    await _show(query.message, result.case)
    return result.case


async def _answer_redraft(update: Update, case: Case | None) -> None:
    query = update.callback_query
    if case is None:
        await query.answer(texts.CASE_CLOSED)
        return
    await query.answer()
    await _show(query.message, case)


async def _show(message: Message | None, case: Case | None) -> None:
    """Redraw a card in place."""
    if message is None or case is None:
        return
    await _edit_text(message, render.card(case), keyboards.card(case))


async def _edit_text(message: Message, text: str, markup: InlineKeyboardMarkup | None) -> None:
    try:
        await message.edit_text(text, reply_markup=markup)
    except BadRequest as exc:
        if "not modified" not in str(exc).lower():
            raise


async def _edit_markup(message: Message, markup: InlineKeyboardMarkup | None) -> None:
    try:
        await message.edit_reply_markup(reply_markup=markup)
    except BadRequest as exc:
        if "not modified" not in str(exc).lower():
            raise


async def _edit_card_text(bot: ExtBot, chat_id: int, message_id: int, text: str) -> None:
    """Retire an old card; it may be gone already, which is fine."""
    try:
        await bot.edit_message_text(text, chat_id=chat_id, message_id=message_id)
    except BadRequest as exc:
        log.info("could not retire card %s: %s", message_id, exc)
