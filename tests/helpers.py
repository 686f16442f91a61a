"""Shared factories: Telegram updates as Telegram sends them, and the real Application on the
in-process transport (tests/fakes/transport.py)."""

from __future__ import annotations

import itertools
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from telegram import Bot, Update
from telegram.ext import Application

from bot.config import Settings
from bot.telegram.app import build_application
from tests.fakes.transport import TOKEN, RecordingRequest, chat

OWNER = 1001  # an allowed user
STRANGER = 4242  # not in COLDSHOULDER_ALLOWED_USERS
GROUP = -100500  # a group chat

_update_ids = itertools.count(1)
_message_ids = itertools.count(1)
_query_ids = itertools.count(1)


def user(user_id: int = OWNER) -> dict[str, Any]:
    return {"id": user_id, "is_bot": False, "first_name": "Sam", "language_code": "en"}


def make_message_update(
    bot: Bot,
    text: str | None = None,
    *,
    user_id: int = OWNER,
    chat_id: int | None = None,
    forwarded_from: str | None = None,
    **fields: Any,
) -> Update:
    """A new message from `user_id` in their private chat (or in `chat_id`). `forwarded_from`
    makes it a forward from a user who hides their account; `fields` adds anything else
    (`**media("sticker")` from tests.fakes.telegram, for example)."""
    message: dict[str, Any] = {
        "message_id": next(_message_ids),
        "date": int(time.time()),
        "chat": chat(user_id if chat_id is None else chat_id),
        "from": user(user_id),
        **fields,
    }
    if text is not None:
        message["text"] = text
        command = text.split()[0] if text.startswith("/") else ""
        if command:  # Telegram marks a leading command; CommandHandler matches on that
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(command)}]
    if forwarded_from is not None:
        message["forward_origin"] = {
            "type": "hidden_user",
            "date": int(time.time()) - 3600,
            "sender_user_name": forwarded_from,
        }
    return Update.de_json({"update_id": next(_update_ids), "message": message}, bot)


def make_callback_update(
    bot: Bot, data: str, message: dict[str, Any], *, user_id: int = OWNER
) -> Update:
    """A press of a button with `data` under `message` (a Message as the Bot API returned it,
    e.g. `transport.calls_to("sendMessage")[-1].result`)."""
    query = {
        "id": str(next(_query_ids)),
        "from": user(user_id),
        "chat_instance": f"ci{message['chat']['id']}",
        "message": message,
        "data": data,
    }
    return Update.de_json({"update_id": next(_update_ids), "callback_query": query}, bot)


def app_settings(database_url: str, **overrides: Any) -> Settings:
    """Settings for the bot under test: OWNER allowed, offline engine, no .env file."""
    values: dict[str, Any] = {
        "telegram_bot_token": TOKEN,
        "allowed_users": frozenset({OWNER}),
        "database_url": database_url,
    }
    return Settings(_env_file=None, **(values | overrides))


def build_app(settings: Settings, transport: RecordingRequest) -> Application:
    """The real `build_application`, its Bot talking to `transport`."""
    return build_application(settings, request=transport)


@asynccontextmanager
async def running(app: Application) -> AsyncIterator[Application]:
    """The application as `run_polling` starts it (initialize, then post_init) and stops it
    (shutdown, then post_shutdown), without polling: the test hands it updates itself."""
    try:
        async with app:
            await app.post_init(app)
            yield app
    finally:
        await app.post_shutdown(app)
