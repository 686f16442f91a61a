"""The buttons on a case card: approve, edit, regenerate, tone, category, discard, reopen."""

from __future__ import annotations

from collections.abc import Callable

from telegram import CallbackQuery, InlineKeyboardMarkup, Update

from bot.models import Case, CaseStatus, Category
from bot.service import Transition
from bot.telegram import callbacks, keyboards, render, texts
from bot.telegram.context import BotContext
from bot.telegram.delivery import (
    best_effort,
    deliver,
    edit_markup,
    redraw,
    retire_card,
    send_card,
)
from bot.telegram.handlers import prompts


async def on_approve(update: Update, context: BotContext) -> None:
    """Close the card and send the reply alone, ready to copy. The approval and the reply it
    owes are stored together; the reply goes out now, or later from the outbox, exactly once."""
    case = await _pressed_case(update, context)
    if case is None:
        return
    query = update.callback_query
    pressed = query.message.message_id if query.message else None
    result = await context.service.approve(case, pressed)
    again = not result.ok and result.case and result.case.status is CaseStatus.approved
    if again and await context.service.reply_delivered(result.case) is False:
        # Approved before, but the reply has not reached the chat: offer it again.
        await best_effort(query.answer(texts.REPLY_RESENDING))
        await _send_reply(context, result.case)
        return
    if not result.ok:
        await _refuse(query, result)
        return
    await best_effort(query.answer(texts.APPROVED))
    await _send_reply(context, result.case)
    # The card closed, as the case now stands: the send may have changed it (Telegram
    # refused the reply in the owner's chat).
    now = await context.service.case(case.id, case.user_id)
    await best_effort(redraw(query.message, now))


async def _send_reply(context: BotContext, case: Case) -> None:
    """Deliver the owed reply now, unless another press or process is already on it."""
    owed = await context.service.claim_reply(case)
    if owed is not None:
        await deliver(context.bot, context.service, owed)


async def on_discard(update: Update, context: BotContext) -> None:
    """Close the card without sending anything."""
    case = await _pressed_case(update, context)
    if case is not None:
        await _close(update, await context.service.discard(case), texts.DISCARDED)


async def on_regenerate(update: Update, context: BotContext) -> None:
    """A different draft in the same tone."""
    case = await _pressed_case(update, context)
    if case is not None:
        await _answer_redraft(update, await context.service.regenerate(case))


async def on_set_tone(update: Update, context: BotContext) -> None:
    """Redraft the card in the chosen tone."""
    case = await _pressed_case(update, context)
    if case is not None:
        tone = callbacks.press_of(update.callback_query.data).tone
        await _answer_redraft(update, await context.service.retone(case, tone))


async def on_tones(update: Update, context: BotContext) -> None:
    """Swap the card's buttons for the row of tones; a genuine card has no tones to pick."""
    case = await _pressed_case(update, context, need_open=True)
    if case is None:
        return
    if case.assessment and case.assessment.category is Category.genuine:
        await update.callback_query.answer(texts.GENUINE_TONE, show_alert=True)
        return
    await update.callback_query.answer()
    await edit_markup(update.callback_query.message, keyboards.tone_row(case))


async def on_back(update: Update, context: BotContext) -> None:
    """Back from the tone or category row to the card's buttons."""
    await _swap_buttons(update, context, keyboards.card, need_open=False)


async def on_wrong_category(update: Update, context: BotContext) -> None:
    """Swap the card's buttons for the six categories."""
    await _swap_buttons(update, context, keyboards.category_row, need_open=True)


async def on_recategorize(update: Update, context: BotContext) -> None:
    """Redraft the card under the category the user chose, and remember the sender."""
    case = await _pressed_case(update, context, need_open=True)
    if case is not None:
        category = callbacks.press_of(update.callback_query.data).category
        await _answer_redraft(update, await context.service.correct(case, category))


async def on_edit(update: Update, context: BotContext) -> None:
    """Ask for the user's own version of the reply."""
    case = await _pressed_case(update, context, need_open=True)
    if case is None:
        return
    await update.callback_query.answer()
    prompt_id = await prompts.ask(context, case.chat_id, texts.EDIT_PROMPT)
    await context.service.ask_for_edit(case, prompt_id)


async def on_fix_text(update: Update, context: BotContext) -> None:
    """Ask for the corrected text of a misread screenshot."""
    case = await _pressed_case(update, context, need_open=True)
    if case is None:
        return
    await update.callback_query.answer()
    prompt_id = await prompts.ask(context, case.chat_id, texts.FIX_TEXT_PROMPT)
    await context.service.ask_for_text(case, prompt_id)


async def on_show_draft(update: Update, context: BotContext) -> None:
    """Reveal the draft a scam card holds back."""
    case = await _pressed_case(update, context, need_open=True)
    if case is None:
        return
    shown = await context.service.show_draft(case)
    await update.callback_query.answer()
    await redraw(update.callback_query.message, shown)


async def on_open(update: Update, context: BotContext) -> None:
    """Reopen a case from /history as a fresh card at the bottom of the chat."""
    case = await _pressed_case(update, context)
    if case is None:
        return
    case = await context.service.reopen(case)
    await update.callback_query.answer()
    if case.card_message_id and case.status is CaseStatus.drafted:
        await retire_card(context.bot, case.chat_id, case.card_message_id, texts.CARD_REOPENED)
    await send_card(context.bot, context.service, case)


async def on_leave_unanswered(update: Update, context: BotContext) -> None:
    """A card from the owner's chat closes with no reply; the message is marked read when
    the connection allows it."""
    case = await _pressed_case(update, context)
    if case is None:
        return
    closed = await _close(
        update, await context.service.leave_unanswered(case), texts.LEFT_UNANSWERED
    )
    if closed is not None and closed.business is not None:
        await _mark_read(context, closed)


async def _mark_read(context: BotContext, case: Case) -> None:
    link = case.business
    connection = await context.service.connection(link.connection_id) if link else None
    message_id = await context.service.last_business_message(case)
    if link and connection and connection.is_enabled and connection.can_read and message_id:
        await best_effort(
            context.bot.read_business_message(link.connection_id, link.chat_id, message_id)
        )


async def on_let_through(update: Update, context: BotContext) -> None:
    """The card's sender goes on the allowlist: never a card for them again."""
    case = await _pressed_case(update, context)
    if case is not None:
        name = render.business_name(case)
        done = texts.LET_THROUGH.format(name=name)[:200]
        await _close(update, await context.service.let_through(case), done)


async def on_mute_chat(update: Update, context: BotContext) -> None:
    """No more cards from the chat this card came from."""
    case = await _pressed_case(update, context)
    if case is not None:
        await _close(update, await context.service.mute(case), texts.MUTED)


async def _pressed_case(
    update: Update, context: BotContext, need_open: bool = False
) -> Case | None:
    """The pressed button's case, if it exists and belongs to the presser; else answers."""
    query = update.callback_query
    press = callbacks.press_of(query.data)
    case = await context.service.case(press.case_id, update.effective_user.id)
    if case is None:
        await query.answer(texts.CASE_MISSING)
        return None
    if need_open and case.status is not CaseStatus.drafted:
        await query.answer(texts.ALREADY.get(case.status.value, texts.CASE_MISSING))
        return None
    return case


async def _swap_buttons(
    update: Update,
    context: BotContext,
    buttons: Callable[[Case], InlineKeyboardMarkup | None],
    need_open: bool,
) -> None:
    """Show another row of buttons under the pressed card."""
    case = await _pressed_case(update, context, need_open=need_open)
    if case is not None:
        await update.callback_query.answer()
        await edit_markup(update.callback_query.message, buttons(case))


async def _close(update: Update, result: Transition, done: str) -> Case | None:
    """Answer a closing transition; of two racing presses only the winner gets the case."""
    query = update.callback_query
    if not result.ok:
        await _refuse(query, result)
        return None
    await query.answer(done)
    await redraw(query.message, result.case)
    return result.case


async def _refuse(query: CallbackQuery, result: Transition) -> None:
    status = result.case.status.value if result.case else None
    await query.answer(texts.ALREADY.get(status, texts.CASE_MISSING))


async def _answer_redraft(update: Update, case: Case | None) -> None:
    query = update.callback_query
    if case is None:
        await query.answer(texts.CASE_CLOSED)
        return
    await query.answer()
    await redraw(query.message, case)
