"""Settings handlers: /settings, /tone, /profile and the menu's buttons.

Thin like the others: the checks live in bot.preferences (through the service), the
wording in texts.
"""

from __future__ import annotations

from collections.abc import Callable

from telegram import InlineKeyboardMarkup, Message, Update

from bot import preferences
from bot.errors import SettingError
from bot.models import Preferences, Prompt
from bot.telegram import callbacks, keyboards, render, texts
from bot.telegram.context import BotContext
from bot.telegram.delivery import edit_text
from bot.telegram.handlers import prompts


async def on_start(update: Update, context: BotContext) -> None:
    """Onboarding: what the bot does and the three ways in, then the tone picker in a message
    of its own, so picking a tone leaves the welcome as it was. A /start parameter (a deep
    link's source tag) changes nothing."""
    await update.message.reply_html(texts.WELCOME)
    await on_tone(update, context)


async def on_tone(update: Update, context: BotContext) -> None:
    """Show the default-tone picker."""
    prefs = await context.service.preferences(update.effective_user.id)
    await update.message.reply_html(
        texts.TONE_PICKER.format(tone_line=render.preferences_line(prefs)),
        reply_markup=keyboards.default_tone_picker(prefs.cold_tone),
    )


async def on_settings(update: Update, context: BotContext) -> None:
    """The settings menu: every current value, each with a button to change it."""
    text, markup = await _settings_view(context, update.effective_user.id)
    await update.message.reply_html(text, reply_markup=markup)


async def on_profile(update: Update, context: BotContext) -> None:
    """A shortcut into /settings: ask for the profile."""
    await _ask_setting(context, update.effective_chat.id, update.effective_user.id, "profile")


async def on_default_tone(update: Update, context: BotContext) -> None:
    """Save the default tone picked in /start or /tone."""
    query = update.callback_query
    tone = callbacks.press_of(query.data).tone
    prefs = await context.service.set_default_tone(update.effective_user.id, tone)
    await query.answer()
    await edit_text(
        query.message,
        texts.TONE_SET.format(tone=prefs.cold_tone.value),
        keyboards.default_tone_picker(prefs.cold_tone),
    )


async def on_settings_menu(update: Update, context: BotContext) -> None:
    """Back to the settings menu."""
    await update.callback_query.answer()
    text, markup = await _settings_view(context, update.effective_user.id)
    await edit_text(update.callback_query.message, text, markup)


async def on_default_tone_menu(update: Update, context: BotContext) -> None:
    """The default-tone picker, from the settings menu."""
    prefs = await context.service.preferences(update.effective_user.id)
    await update.callback_query.answer()
    await edit_text(
        update.callback_query.message,
        texts.TONE_PICKER.format(tone_line=render.preferences_line(prefs)),
        keyboards.default_tone_picker(prefs.cold_tone),
    )


async def on_edit_setting(update: Update, context: BotContext) -> None:
    """Ask for a text setting's new value."""
    field = callbacks.press_of(update.callback_query.data).arg
    await update.callback_query.answer()
    await _ask_setting(context, update.effective_chat.id, update.effective_user.id, field)


async def on_clear_setting(update: Update, context: BotContext) -> None:
    """Clear a text setting."""
    field = callbacks.press_of(update.callback_query.data).arg
    await _change_preferences(update, context, lambda p: preferences.clear(p, field))


async def on_links(update: Update, context: BotContext) -> None:
    """Links in replies on or off."""
    await _change_preferences(update, context, preferences.toggle_links)


async def on_category_tones(update: Update, context: BotContext) -> None:
    """The list of categories, each with its tone."""
    prefs = await context.service.preferences(update.effective_user.id)
    await update.callback_query.answer()
    await edit_text(
        update.callback_query.message,
        texts.CATEGORY_TONES,
        keyboards.category_tone_list(prefs),
    )


async def on_category_tone(update: Update, context: BotContext) -> None:
    """The tones for one category."""
    category = callbacks.press_of(update.callback_query.data).category
    prefs = await context.service.preferences(update.effective_user.id)
    await update.callback_query.answer()
    await edit_text(
        update.callback_query.message,
        texts.CATEGORY_TONE.format(category=category.label),
        keyboards.category_tone_picker(prefs, category),
    )


async def on_set_category_tone(update: Update, context: BotContext) -> None:
    """Save one category's tone, then back to the list."""
    category, tone = callbacks.press_of(update.callback_query.data).category_tone
    prefs = await context.service.change_preferences(
        update.effective_user.id, lambda p: preferences.set_category_tone(p, category, tone)
    )
    await update.callback_query.answer()
    await edit_text(
        update.callback_query.message, texts.CATEGORY_TONES, keyboards.category_tone_list(prefs)
    )


async def on_clear_examples(update: Update, context: BotContext) -> None:
    """Forget the replies learned from the user's edits: one category's, or all."""
    category = callbacks.press_of(update.callback_query.data).category_or_all
    count = await context.service.clear_examples(update.effective_user.id, category)
    await update.callback_query.answer(texts.EXAMPLES_CLEARED.format(replies=texts.replies(count)))
    text, markup = await _settings_view(context, update.effective_user.id)
    await edit_text(update.callback_query.message, text, markup)


async def _settings_view(context: BotContext, user_id: int) -> tuple[str, InlineKeyboardMarkup]:
    prefs = await context.service.preferences(user_id)
    learned = await context.service.learned_examples(user_id)
    return render.settings(prefs, learned), keyboards.settings(prefs, learned)


async def _ask_setting(
    context: BotContext, chat_id: int, user_id: int, field: str, text: str | None = None
) -> None:
    """Prompt for one text setting; the user's next typed message is its value."""
    prompt_id = await prompts.ask(context, chat_id, text or texts.SETTING_PROMPTS[field])
    await context.service.ask_for_setting(user_id, field, prompt_id)


async def _change_preferences(
    update: Update, context: BotContext, change: Callable[[Preferences], Preferences]
) -> None:
    """Apply a change from the settings menu, or say why it was refused; redraw the menu."""
    user_id = update.effective_user.id
    try:
        await context.service.change_preferences(user_id, change)
    except SettingError as exc:
        await update.callback_query.answer(_refusal(exc)[:200], show_alert=True)
        return
    await update.callback_query.answer()
    text, markup = await _settings_view(context, user_id)
    await edit_text(update.callback_query.message, text, markup)


async def apply_reply(message: Message, prompt: Prompt, context: BotContext) -> None:
    """The user's answer to a settings prompt: checked, then saved; or refused with why."""
    user_id, field = message.from_user.id, str(prompt.field)
    try:
        await context.service.answer_setting(user_id, prompt, message.text)
    except SettingError as exc:
        # The old value stays, and the refusal is the new prompt: the next message tries again.
        await prompts.retire(context.bot, message.chat_id, prompt.message_id)
        await _ask_setting(context, message.chat_id, user_id, field, _refusal(exc))
        return
    await prompts.retire(context.bot, message.chat_id, prompt.message_id)
    await message.reply_text(texts.SETTING_SAVED)
    text, markup = await _settings_view(context, user_id)
    await message.reply_html(text, reply_markup=markup)


def _refusal(exc: SettingError) -> str:
    return texts.setting_refused(exc.reason, exc.field, exc.value, exc.length, exc.limit)
