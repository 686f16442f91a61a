"""Messages the user sends: a forward, a paste or a screenshot to assess, or the answer to
our open prompt (their own version of a draft, a setting's value, a screenshot's fixed text)."""

from __future__ import annotations

import time

from telegram import Document, Message, PhotoSize, Update

from bot import metrics
from bot.errors import ScreenshotError
from bot.models import Prompt, PromptKind
from bot.screens.ocr import MAX_BYTES as MAX_IMAGE_BYTES
from bot.screens.screenshot import read_screenshot
from bot.service import Pending
from bot.telegram import texts
from bot.telegram.context import BotContext
from bot.telegram.delivery import best_effort, retire_card, send_card
from bot.telegram.handlers import prompts, settings
from bot.telegram.intake import MAX_TEXT, Unsupported, image_of, read_message
from bot.telegram.progress import Progress


async def on_message(update: Update, context: BotContext) -> None:
    """A forwarded or pasted message (or the user's answer to our open prompt)."""
    received = time.monotonic()
    message = update.message
    if await _answer_prompt(message, context):
        return
    image = image_of(message)
    if image is not None:
        await _read_screenshot(message, image, context, received)
        return
    read = read_message(message)
    if isinstance(read, Unsupported):
        await message.reply_text(texts.UNSUPPORTED.get(read.kind, texts.UNSUPPORTED_DEFAULT))
        return
    if read.truncated:
        await message.reply_text(texts.TRUNCATED.format(limit=MAX_TEXT))
    incoming = read.incoming.model_copy(update={"message_id": message.message_id})
    pending = await context.service.intake(update.effective_user.id, message.chat_id, incoming)
    await draft_and_show(pending, context, received)


async def on_edited(update: Update, context: BotContext) -> None:
    """Edits of old messages are not re-read; say so."""
    await update.edited_message.reply_text(texts.EDITED)


async def _read_screenshot(
    message: Message, image: PhotoSize | Document, context: BotContext, received: float
) -> None:
    """OCR a screenshot into a case; every way it can fail gets its own clear answer."""
    ocr = context.bot_data.ocr
    if ocr is None:
        await message.reply_text(texts.SCREENSHOTS_OFF)
        return
    if (image.file_size or 0) > MAX_IMAGE_BYTES:
        await message.reply_text(texts.SCREENSHOT_ERRORS["too_large"])
        return
    async with Progress(context.bot, message.chat_id) as progress:  # OCR takes seconds
        data = bytes(await (await image.get_file()).download_as_bytearray())
        try:
            shot = await read_screenshot(ocr, data)
        except ScreenshotError as exc:
            await progress.conclude(message, texts.SCREENSHOT_ERRORS[exc.kind])
            return
        incoming = shot.incoming().model_copy(update={"message_id": message.message_id})
        pending = await context.service.intake(message.from_user.id, message.chat_id, incoming)
        await draft_and_show(pending, context, received, image=data, progress=progress)


async def draft_and_show(
    pending: Pending | None,
    context: BotContext,
    received: float,
    image: bytes | None = None,
    progress: Progress | None = None,
) -> None:
    """The stored case, drafted and shown as a card; `received` is the time.monotonic() at
    which the message reached its handler, the start of the card's latency."""
    if pending is None:  # part of a long paste that another message is collecting
        return
    async with progress or Progress(context.bot, pending.case.chat_id) as shown:
        case = await context.service.draft(pending, image=image)
    if case is not None:  # None: another replica drafted it and shows the card
        await send_card(context.bot, context.service, case, replacing=shown.message_id)
        metrics.CARD_SECONDS.observe(time.monotonic() - received)
    elif shown.message_id is not None:
        await best_effort(context.bot.delete_message(pending.case.chat_id, shown.message_id))


async def _answer_prompt(message: Message, context: BotContext) -> bool:
    """While a prompt is open, the user's next typed message answers it, Reply or not. A
    forward or a picture is a message to assess and leaves the prompt open; an expired
    prompt is closed, said so once, and the message read as new."""
    if not message.text or message.forward_origin is not None:
        return False
    user_id = message.from_user.id
    prompt = await context.service.open_prompt(user_id)
    if prompt is None:
        return False
    if not prompt.fresh:
        if await context.service.close_prompt(user_id, prompt.message_id):
            await prompts.retire(context.bot, message.chat_id, prompt.message_id)
            await message.reply_text(texts.PROMPT_EXPIRED[prompt.kind.value])
        return False
    if prompt.kind is PromptKind.setting:
        await settings.apply_reply(message, prompt, context)  # a refusal keeps it open
        return True
    if not await context.service.close_prompt(user_id, prompt.message_id):
        return False  # cancelled or answered a moment ago: this one is a new message
    await prompts.retire(context.bot, message.chat_id, prompt.message_id)
    if prompt.kind is PromptKind.edit:
        await _take_edit(message, prompt, context)
    else:
        await _fix_text(message, prompt, context)
    return True


async def _take_edit(message: Message, prompt: Prompt, context: BotContext) -> None:
    """The user's own version becomes the new draft; the card moves below it."""
    case = await context.service.case(int(prompt.case_id or 0), message.from_user.id)
    updated = await context.service.edit(case, message.text) if case else None
    if case is None or updated is None:  # approved or discarded since the prompt
        await message.reply_text(texts.CASE_CLOSED)
        return
    if case.card_message_id:
        await retire_card(context.bot, case.chat_id, case.card_message_id, texts.CARD_MOVED)
    await send_card(context.bot, context.service, updated)


async def _fix_text(message: Message, prompt: Prompt, context: BotContext) -> None:
    """The corrected text replaces the misread case: the old card closes, a new one comes."""
    received = time.monotonic()
    old = await context.service.case(int(prompt.case_id or 0), message.from_user.id)
    pending = await context.service.replace_text(old, message.text) if old else None
    if old is None or pending is None:
        await message.reply_text(texts.CASE_CLOSED)
        return
    if old.card_message_id:
        await retire_card(context.bot, old.chat_id, old.card_message_id, texts.FIXED_TEXT)
    await draft_and_show(pending, context, received)
