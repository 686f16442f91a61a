"""Commands about the user's own data: /help, /stats, /history, /export, /forget."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from telegram import Update
from telegram.constants import MessageLimit

from bot import stats
from bot.telegram import callbacks, keyboards, render, texts
from bot.telegram.context import BotContext
from bot.telegram.delivery import edit_text
from bot.telegram.keyboards import HISTORY_PAGE

STATS_CASES = 10_000


async def on_help(update: Update, context: BotContext) -> None:
    """Commands and tones in one screen."""
    await update.message.reply_html(texts.HELP)


async def on_stats(update: Update, context: BotContext) -> None:
    """This user's last weeks in numbers, and a small chart."""
    cases = await context.service.recent(update.effective_user.id, STATS_CASES)
    summary = stats.summarize(cases, datetime.now(UTC))
    text = render.stats(summary)
    if summary.chart_png and len(text) <= MessageLimit.CAPTION_LENGTH:
        # One message: the chart with the figures as its caption.
        await update.message.reply_photo(summary.chart_png, caption=text)
        return
    await update.message.reply_text(text)
    if summary.chart_png:
        await update.message.reply_photo(summary.chart_png)


async def on_history(update: Update, context: BotContext) -> None:
    """Recent cases, each with a button to reopen it, ten at a time."""
    cases, more = await context.service.history(update.effective_user.id, 0, HISTORY_PAGE)
    await update.message.reply_html(
        render.history(cases), reply_markup=keyboards.history(cases, 0, more)
    )


async def on_history_page(update: Update, context: BotContext) -> None:
    """Another page of /history, or only the open cases, in the same message."""
    query = update.callback_query
    press = callbacks.press_of(query.data)
    skip, only_open = press.case_id, press.arg == "open"
    cases, more = await context.service.history(
        update.effective_user.id, skip, HISTORY_PAGE, only_open
    )
    await query.answer()
    await edit_text(
        query.message,
        render.history(cases, skip=skip, only_open=only_open),
        keyboards.history(cases, skip, more, only_open),
    )


async def on_forget(update: Update, context: BotContext) -> None:
    """Ask before deleting everything."""
    count = await context.service.count_cases(update.effective_user.id)
    await update.message.reply_html(
        texts.FORGET_CONFIRM.format(cases=count), reply_markup=keyboards.forget_confirm()
    )


async def on_forget_confirmed(update: Update, context: BotContext) -> None:
    """Delete everything kept about the user."""
    gone = await context.service.forget(update.effective_user.id)
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


async def on_export(update: Update, context: BotContext) -> None:
    """Send the user's data as a JSON document."""
    user_id = update.effective_user.id
    data = await context.service.export(user_id)
    payload = json.dumps(data, ensure_ascii=False, indent=2).encode()
    await update.message.reply_document(
        document=payload,
        filename=f"coldshoulder-export-{user_id}.json",
        caption=texts.EXPORT_CAPTION.format(cases=len(data["cases"])),
    )


async def on_unknown_command(update: Update, context: BotContext) -> None:
    """Point to /help."""
    await update.message.reply_text(texts.UNKNOWN_COMMAND)
