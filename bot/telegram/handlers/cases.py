"""Handlers: parse the update, call the workflow, render. No business rules live here."""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime

from telegram import Document, ForceReply, Message, PhotoSize, Update
from telegram.constants import ChatAction, ChatType
from telegram.ext import ApplicationHandlerStop, ExtBot

from bot import stats
from bot.errors import ScreenshotError
from bot.metrics import METRICS
from bot.models import Case, CaseStatus, Category, Incoming, Tone
from bot.screens.ocr import MAX_BYTES as MAX_IMAGE_BYTES
from bot.screens.screenshot import read_screenshot
from bot.store import Store, Transition
from bot.telegram import keyboards, render, texts
from bot.telegram.context import BotContext, edit_markup, edit_text, retire_card
from bot.telegram.handlers import settings as settings_menu
from bot.telegram.intake import MAX_TEXT, Unsupported, image_of, read_message

log = logging.getLogger(__name__)

FIX_PREFIX = "fix:"  # a pending "setting" that is really a screenshot's corrected text


# --- gate (runs before every other handler) ---------------------------------------------


async def gate(update: Update, context: BotContext) -> None:
    """Let only allowed users in private chats through; answer everyone else once."""
    METRICS.inc("coldshoulder_updates_total")
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


async def on_help(update: Update, context: BotContext) -> None:
    """Commands and tones in one screen."""
    await update.message.reply_html(texts.HELP)


async def on_stats(update: Update, context: BotContext) -> None:
    """This user's last weeks in numbers, and a small chart."""
    cases = await context.store.recent_cases(update.effective_user.id, limit=10_000)
    summary = stats.summarize(cases, datetime.now(UTC))
    await update.message.reply_text(summary.text)
    if summary.chart_png:
        await update.message.reply_photo(summary.chart_png)


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
    if await _take_pending(message, context) or await _take_edit(message, context):
        return
    image = image_of(message)
    if image is not None:
        await _read_screenshot(message, image, context)
        return
    read = read_message(message)
    if isinstance(read, Unsupported):
        await message.reply_text(texts.UNSUPPORTED.get(read.kind, texts.UNSUPPORTED_DEFAULT))
        return
    if read.truncated:
        await message.reply_text(texts.TRUNCATED.format(limit=MAX_TEXT))
    incoming = read.incoming.model_copy(update={"message_id": message.message_id})
    await _new_case(message.chat_id, update.effective_user.id, incoming, context)


async def _read_screenshot(
    message: Message, image: PhotoSize | Document, context: BotContext
) -> None:
    """OCR a screenshot into a case; every way it can fail gets its own clear answer."""
    ocr = context.bot_data.ocr
    if ocr is None:
        await message.reply_text(texts.SCREENSHOTS_OFF)
        return
    if (image.file_size or 0) > MAX_IMAGE_BYTES:
        await message.reply_text(texts.SCREENSHOT_ERRORS["too_large"])
        return
    await context.bot.send_chat_action(message.chat_id, ChatAction.TYPING)
    data = bytes(await (await image.get_file()).download_as_bytearray())
    try:
        shot = await read_screenshot(ocr, data)
    except ScreenshotError as exc:
        await message.reply_text(texts.SCREENSHOT_ERRORS[exc.kind])
        return
    incoming = shot.incoming().model_copy(update={"message_id": message.message_id})
    await _new_case(message.chat_id, message.from_user.id, incoming, context, image=data)


async def _new_case(
    chat_id: int,
    user_id: int,
    incoming: Incoming,
    context: BotContext,
    image: bytes | None = None,
) -> None:
    case = await context.cases.intake(user_id, chat_id, incoming)
    if case is None:  # part of a long paste that another message is collecting
        return
    await context.bot.send_chat_action(chat_id, ChatAction.TYPING)
    case = await context.cases.draft(case.id, user_id, image=image)
    if case is not None:  # None: another replica drafted it and shows the card
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
        await retire_card(context.bot, case.chat_id, case.card_message_id, texts.CARD_MOVED)
    await send_card(context.bot, context.store, updated)
    return True


async def _take_pending(message: Message, context: BotContext) -> bool:
    """A reply to one of our prompts: a setting's new value, or a screenshot's fixed text."""
    replied = message.reply_to_message
    if replied is None or not message.text:
        return False
    field = await context.store.pending_setting(message.from_user.id, replied.message_id)
    if field is None:
        return False
    if field.startswith(FIX_PREFIX):
        await _fix_text(message, int(field.removeprefix(FIX_PREFIX)), context)
    else:
        await settings_menu.apply_reply(message, field, context)
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
    await edit_markup(update.callback_query.message, keyboards.tone_row(case))


async def on_back(update: Update, context: BotContext) -> None:
    """Back from the tone row to the card's buttons."""
    case = await _pressed_case(update, context)
    if case is None:
        return
    await update.callback_query.answer()
    await edit_markup(update.callback_query.message, keyboards.card(case))


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
        await retire_card(context.bot, case.chat_id, case.card_message_id, texts.CARD_REOPENED)
    await send_card(context.bot, context.store, case)


async def on_forget_confirmed(update: Update, context: BotContext) -> None:
    """Delete everything kept about the user."""
    gone = await context.store.forget(update.effective_user.id)
    await update.callback_query.answer()
    await edit_text(
        update.callback_query.message,
        texts.FORGOTTEN.format(cases=gone.cases, drafts=gone.drafts),
        None,
    )


async def on_forget_cancelled(update: Update, context: BotContext) -> None:
    """Keep everything."""
    await update.callback_query.answer()
    await edit_text(update.callback_query.message, texts.FORGET_CANCELLED, None)


async def on_fix_text(update: Update, context: BotContext) -> None:
    """Ask for the corrected text of a misread screenshot."""
    case = await _pressed_case(update, context, need_open=True)
    if case is None:
        return
    await update.callback_query.answer()
    prompt = await context.bot.send_message(
        case.chat_id, texts.FIX_TEXT_PROMPT, reply_markup=ForceReply(selective=True)
    )
    await context.store.set_pending_setting(
        case.user_id, f"{FIX_PREFIX}{case.id}", prompt.message_id
    )


async def _fix_text(message: Message, case_id: int, context: BotContext) -> None:
    """The corrected text replaces the misread case: the old card closes, a new one comes."""
    user_id = message.from_user.id
    await context.store.set_pending_setting(user_id, None, None)
    old = await context.store.get_case(case_id, user_id)
    if old is None or not (await context.cases.discard(case_id, user_id)).ok:
        await message.reply_text(texts.CASE_CLOSED)
        return
    if old.card_message_id:
        await retire_card(context.bot, old.chat_id, old.card_message_id, texts.FIXED_TEXT)
    fixed = old.incoming.model_copy(update={"text": message.text.strip(), "message_id": None})
    await _new_case(old.chat_id, user_id, fixed, context)


async def on_wrong_category(update: Update, context: BotContext) -> None:
    """Swap the card's buttons for the six categories."""
    case = await _pressed_case(update, context, need_open=True)
    if case is None:
        return
    await update.callback_query.answer()
    await edit_markup(update.callback_query.message, keyboards.category_row(case))


async def on_recategorize(update: Update, context: BotContext) -> None:
    """Redraft the card under the category the user chose, and remember the sender."""
    case = await _pressed_case(update, context, need_open=True)
    if case is None:
        return
    category = Category(keyboards.unpack(update.callback_query.data).arg)
    await _answer_redraft(update, await context.cases.correct(case.id, case.user_id, category))


async def on_stale_button(update: Update, context: BotContext) -> None:
    """Any button we did not make, or no longer understand."""
    await update.callback_query.answer(texts.STALE_BUTTON)


# --- errors -------------------------------------------------------------------------------


async def on_error(update: object, context: BotContext) -> None:
    """Log the traceback, then tell the user their message is safe."""
    log.error("error while handling an update", exc_info=context.error)
    METRICS.inc("coldshoulder_errors_total")
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
    await edit_text(message, render.card(case), keyboards.card(case))
