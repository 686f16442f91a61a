"""The composition root: builds the Application and registers every handler."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal

from telegram import BotCommand, Update
from telegram.constants import ParseMode
from telegram.ext import (
    AIORateLimiter,
    Application,
    BusinessConnectionHandler,
    BusinessMessagesDeletedHandler,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    Defaults,
    MessageHandler,
    TypeHandler,
    filters,
)
from telegram.request import BaseRequest

from bot.config import Settings
from bot.engine import make_engine
from bot.screens.ocr import OcrEngine, ocr_available
from bot.service import Service
from bot.store import Store
from bot.telegram import polling, texts, webhook
from bot.telegram.callbacks import Action, pattern
from bot.telegram.context import BotContext, Services
from bot.telegram.delivery import best_effort
from bot.telegram.fairness import FairUpdateProcessor
from bot.telegram.handlers import (
    access,
    business,
    cards,
    commands,
    errors,
    messages,
    prompts,
)
from bot.telegram.handlers import settings as settings_menu
from bot.telegram.recovery import recover, recovery_loop

log = logging.getLogger(__name__)


def file_url(base_url: str) -> str:
    """Bot API file URL next to a base URL: https://host/bot -> https://host/file/bot."""
    root, sep, tail = base_url.rstrip("/").rpartition("/")
    return f"{root}/file/{tail}" if sep else f"{base_url}/file"


def build_application(settings: Settings, request: BaseRequest | None = None) -> Application:
    """The bot, every handler registered. `request` replaces the HTTP transport (tests)."""
    if settings.telegram_bot_token is None:
        raise ValueError("TELEGRAM_BOT_TOKEN is not set: create a bot with @BotFather")
    builder = Application.builder()
    if request is not None:
        builder = builder.request(request).get_updates_request(request)
    app = (
        builder.token(settings.telegram_bot_token.get_secret_value())
        .base_url(settings.telegram_api_url)
        .base_file_url(file_url(settings.telegram_api_url))
        .defaults(Defaults(parse_mode=ParseMode.HTML))
        .context_types(ContextTypes(context=BotContext, bot_data=Services))
        # One slow draft, or one user's flood of forwards, never holds up another user.
        .concurrent_updates(FairUpdateProcessor(settings.concurrent_updates))
        # Waits out Telegram 429s (Retry-After) instead of failing the handler.
        .rate_limiter(AIORateLimiter(overall_max_rate=settings.telegram_rate_limit, max_retries=3))
        .post_init(_post_init)
        .post_shutdown(_post_shutdown)
        .build()
    )
    app.bot_data.settings = settings
    register(app)
    return app


def register(app: Application) -> None:
    """Every handler, in one list. Order matters within a group: first match wins."""
    # Group -1 runs first for every update: strangers and group chats stop here.
    app.add_handler(TypeHandler(Update, access.gate), group=-1)

    # Telegram Business first: updates from the owner's own chats. Every MessageFilter
    # matches a business message too, so the private-chat handlers below are restricted to
    # the bot's own chat with filters.UpdateType.MESSAGE / EDITED_MESSAGE as well.
    app.add_handler(BusinessConnectionHandler(business.on_connection))
    app.add_handler(MessageHandler(filters.UpdateType.BUSINESS_MESSAGE, business.on_message))
    app.add_handler(MessageHandler(filters.UpdateType.EDITED_BUSINESS_MESSAGE, business.on_edited))
    app.add_handler(BusinessMessagesDeletedHandler(business.on_deleted))

    by_command = {
        "start": settings_menu.on_start,
        "help": commands.on_help,
        "settings": settings_menu.on_settings,
        "tone": settings_menu.on_tone,
        "profile": settings_menu.on_profile,
        "stats": commands.on_stats,
        "history": commands.on_history,
        "forget": commands.on_forget,
        "export": commands.on_export,
        "business": business.on_business,
        "cancel": prompts.on_cancel_command,
    }
    for name, callback in by_command.items():
        app.add_handler(CommandHandler(name, callback, filters=filters.UpdateType.MESSAGE))
    # After the known commands: anything else starting with "/" is an unknown command.
    app.add_handler(
        MessageHandler(filters.COMMAND & filters.UpdateType.MESSAGE, commands.on_unknown_command)
    )
    app.add_handler(MessageHandler(filters.UpdateType.EDITED_MESSAGE, messages.on_edited))
    # Every other new message: text, forwards, captions, and the kinds we can't read.
    app.add_handler(MessageHandler(filters.UpdateType.MESSAGE, messages.on_message))

    buttons = {
        Action.approve: cards.on_approve,
        Action.discard: cards.on_discard,
        Action.regenerate: cards.on_regenerate,
        Action.tones: cards.on_tones,
        Action.set_tone: cards.on_set_tone,
        Action.back: cards.on_back,
        Action.edit: cards.on_edit,
        Action.show_draft: cards.on_show_draft,
        Action.open: cards.on_open,
        Action.default_tone: settings_menu.on_default_tone,
        Action.forget: commands.on_forget_confirmed,
        Action.keep: commands.on_forget_cancelled,
        Action.wrong_category: cards.on_wrong_category,
        Action.recategorize: cards.on_recategorize,
        Action.settings: settings_menu.on_settings_menu,
        Action.default_tone_menu: settings_menu.on_default_tone_menu,
        Action.edit_setting: settings_menu.on_edit_setting,
        Action.clear_setting: settings_menu.on_clear_setting,
        Action.links: settings_menu.on_links,
        Action.category_tones: settings_menu.on_category_tones,
        Action.category_tone: settings_menu.on_category_tone,
        Action.set_category_tone: settings_menu.on_set_category_tone,
        Action.clear_examples: settings_menu.on_clear_examples,
        Action.fix_text: cards.on_fix_text,
        Action.history_page: commands.on_history_page,
        Action.cancel_prompt: prompts.on_cancel,
        Action.leave_unanswered: cards.on_leave_unanswered,
        Action.let_through: cards.on_let_through,
        Action.mute_chat: cards.on_mute_chat,
        Action.pause: business.on_pause,
        Action.disallow: business.on_disallow,
        Action.unmute: business.on_unmute,
    }
    for action, callback in buttons.items():
        app.add_handler(CallbackQueryHandler(callback, pattern=pattern(action)))
    # Last: buttons from old versions or forged data.
    app.add_handler(CallbackQueryHandler(errors.on_stale_button))

    app.add_error_handler(errors.on_error)


async def _post_init(app: Application) -> None:
    services: Services = app.bot_data
    settings = services.settings
    services.store = await Store.open(settings.database_url)
    services.engine = make_engine(settings)
    services.service = Service(
        services.store, services.engine, prompt_timeout=settings.prompt_timeout
    )
    # OCR loads its models on the first screenshot, not at start-up (a few hundred MB).
    services.ocr = OcrEngine() if ocr_available() else None
    await app.bot.set_my_commands([BotCommand(n, d) for n, d in texts.COMMANDS])
    # The profile a new user sees before pressing Start; cosmetic, so never fatal.
    await best_effort(app.bot.set_my_description(texts.DESCRIPTION))
    await best_effort(app.bot.set_my_short_description(texts.SHORT_DESCRIPTION))
    if not settings.webhook_url:
        # One polling process: whatever is unfinished was left by its previous run. In webhook
        # mode the recovery loop does this under a lease, skipping cases still in progress.
        await services.service.release_claims()
        await recover(app)
    # Owed messages, stranded cases and unfinished updates, for as long as the bot runs.
    services.background = asyncio.create_task(recovery_loop(app, settings))


async def _post_shutdown(app: Application) -> None:
    services: Services = app.bot_data
    if services.background is not None:
        services.background.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await services.background  # before the store it uses closes
    if services.engine is not None and hasattr(services.engine, "aclose"):
        await services.engine.aclose()
    if services.ocr is not None:
        services.ocr.close()
    if services.store is not None:
        await services.store.close()


def run(settings: Settings) -> None:
    """`coldshoulder run`: webhook mode when COLDSHOULDER_WEBHOOK_URL is set, else polling."""
    app = build_application(settings)
    log.info("starting with settings %s", settings.redacted())
    asyncio.run(_serve_until_signalled(app, settings))


async def _serve_until_signalled(app: Application, settings: Settings) -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    if settings.webhook_url:
        await webhook.serve(app, settings, stop)
    else:
        await polling.serve(app, stop)
