"""Shared factories: Telegram updates as Telegram sends them, and the real Application on the
in-process transport (tests/fakes/transport.py)."""

from __future__ import annotations

import itertools
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from prometheus_client.parser import text_string_to_metric_families
from telegram import Bot, Update
from telegram.ext import Application

from bot import metrics
from bot.config import Settings
from bot.engine import Engine
from bot.models import (
    Assessment,
    Case,
    CaseStatus,
    Category,
    Draft,
    Incoming,
    Preferences,
    Signal,
    Tone,
    Verdict,
)
from bot.store import Store
from bot.telegram.app import build_application
from tests import databases
from tests.fakes.openai import FakeOpenAI
from tests.fakes.transport import TOKEN, Call, RecordingRequest, chat

OWNER = 1001  # an allowed user
SECOND = 1002  # another allowed user
STRANGER = 4242  # not in COLDSHOULDER_ALLOWED_USERS
GROUP = -100500  # a group chat

PITCH = (
    "Hi Sam, thanks for connecting! I help companies like yours generate 30+ qualified "
    "leads a month with our done-for-you outreach. Do you have 15 minutes this week for a "
    "quick call? Best, Priya"
)

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
    sender_id: int | None = None,
    reply_to: dict[str, Any] | None = None,
    edits: int | None = None,
    **fields: Any,
) -> Update:
    """A new message from `user_id` in their private chat (or in `chat_id`).

    `forwarded_from` makes it a forward from a user who hides their account (with `sender_id`:
    from that user's visible account); `reply_to` a reply to that message (a `Call.result`);
    `edits` an edit of the message with that id; `fields` adds anything else
    (`**media("sticker")` from tests.fakes.telegram, for example)."""
    message: dict[str, Any] = {
        "message_id": next(_message_ids) if edits is None else edits,
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
        origin: dict[str, Any] = {"type": "hidden_user", "sender_user_name": forwarded_from}
        if sender_id is not None:
            sender = {"id": sender_id, "is_bot": False, "first_name": forwarded_from}
            origin = {"type": "user", "sender_user": sender}
        message["forward_origin"] = origin | {"date": int(time.time()) - 3600}
    if reply_to is not None:
        message["reply_to_message"] = reply_to
    if edits is not None:
        message["edit_date"] = int(time.time())
    kind = "message" if edits is None else "edited_message"
    return Update.de_json({"update_id": next(_update_ids), kind: message}, bot)


CUSTOMER = 5151  # someone writing to OWNER's own Telegram account (Telegram Business)
CONNECTION = "bc-owner-1"


def business_connection(
    connection_id: str = CONNECTION,
    *,
    user_id: int = OWNER,
    enabled: bool = True,
    can_reply: bool = True,
    can_read: bool = True,
) -> dict[str, Any]:
    """A BusinessConnection as the Bot API sends it."""
    return {
        "id": connection_id,
        "user": user(user_id),
        "user_chat_id": user_id,
        "date": int(time.time()),
        "is_enabled": enabled,
        "rights": {"can_reply": can_reply, "can_read_messages": can_read},
    }


def make_connection_update(bot: Bot, **kw: Any) -> Update:
    return Update.de_json(
        {"update_id": next(_update_ids), "business_connection": business_connection(**kw)}, bot
    )


def make_business_update(
    bot: Bot,
    text: str,
    *,
    from_id: int = CUSTOMER,
    chat_id: int = CUSTOMER,
    connection_id: str = CONNECTION,
    message_id: int | None = None,
    edited: bool = False,
    first_name: str = "Priya",
    **fields: Any,
) -> Update:
    """A message in OWNER's own chat with `chat_id`: written by that person (`from_id`
    CUSTOMER) or by the owner (`from_id` OWNER); `edited` makes it an edit of `message_id`."""
    sender = {"id": from_id, "is_bot": False, "first_name": first_name, "last_name": "Patel"}
    if from_id == OWNER:
        sender = user(OWNER)
    message = {
        "message_id": message_id or next(_message_ids),
        "date": int(time.time()),
        "chat": {"id": chat_id, "type": "private", "first_name": "Priya"},
        "from": sender,
        "business_connection_id": connection_id,
        "text": text,
        **fields,
    }
    if edited:
        message["edit_date"] = int(time.time())
    kind = "edited_business_message" if edited else "business_message"
    return Update.de_json({"update_id": next(_update_ids), kind: message}, bot)


def make_deleted_update(
    bot: Bot, message_ids: list[int], *, chat_id: int = CUSTOMER, connection_id: str = CONNECTION
) -> Update:
    deleted = {
        "business_connection_id": connection_id,
        "chat": {"id": chat_id, "type": "private", "first_name": "Priya"},
        "message_ids": message_ids,
    }
    return Update.de_json(
        {"update_id": next(_update_ids), "deleted_business_messages": deleted}, bot
    )


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
        "allowed_users": frozenset({OWNER, SECOND}),
        "database_url": database_url,
    }
    return Settings(_env_file=None, **(values | overrides))


MODEL_KEY = "sk-fake"  # the key the fake OpenAI server accepts


def llm_settings(
    database_url: str, model: FakeOpenAI, key: str = MODEL_KEY, **overrides: Any
) -> Settings:
    """Settings with the LLM engine on: the real openai client, pointed at `model`."""
    values = {"openai_api_key": key, "openai_base_url": model.url, "llm_timeout": 5}
    return app_settings(database_url, **(values | overrides))


def model_answer(**overrides: Any) -> dict[str, Any]:
    """What the model answers for a cold meeting request (the LLM engine's JSON schema)."""
    answer = {
        "category": "meeting_request",
        "confidence": 0.88,
        "signals": [{"signal": "vague call request", "quote": "Quick 15-minute call?"}],
        "sender_name": None,
        "their_ask": "a 15-minute call",
        "language": "en",
        "generic": True,
        "draft": "Thank you for my interest. A stranger at a networking event wouldn't book a "
        "meeting in the first minute either. I'll pass, with best wishes.",
    }
    return answer | overrides


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


class Harness:
    """The running application, its transport and its database; `send` hands it one update
    and returns the Bot API calls that update made."""

    def __init__(self, app: Application, transport: RecordingRequest) -> None:
        self.app, self.transport, self.bot = app, transport, app.bot
        self.database_url: str = app.bot_data.settings.database_url

    async def send(self, update: Update) -> list[Call]:
        before = len(self.transport.calls)
        await self.app.process_update(update)
        return self.transport.calls[before:]

    async def say(self, text: str, **kw: Any) -> list[Call]:
        """`text` from OWNER (or as `kw` says: see make_message_update)."""
        return await self.send(make_message_update(self.bot, text, **kw))

    async def press(self, message: Call, data: str, *, user_id: int = OWNER) -> list[Call]:
        """Press the button with `data` under the message `message` sent."""
        return await self.send(
            make_callback_update(self.bot, data, message.result, user_id=user_id)
        )

    async def card(self, text: str = PITCH, **kw: Any) -> Call:
        """Send `text` (forwarded, unless `kw` says otherwise) and return its card: the
        sendMessage with the case's buttons, after the typing action."""
        kw.setdefault("forwarded_from", "Priya")
        calls = await self.say(text, **kw)
        assert [c.method for c in calls] == ["sendChatAction", "sendMessage"], calls
        return calls[-1]

    def rows(self, sql: str, *args: Any) -> list[tuple]:
        """Rows of a query on the bot's database (`?` placeholders, on either database)."""
        return databases.rows(self.database_url, sql, *args)


@asynccontextmanager
async def harness(settings: Settings) -> AsyncIterator[Harness]:
    """The real Application for `settings`, started, on a fresh RecordingRequest."""
    transport = RecordingRequest()
    app = build_app(settings, transport)
    async with running(app):
        yield Harness(app, transport)


def counted(name: str, **labels: str) -> float:
    """A sample of the bot's metrics registry now (0 before its first count). The registry
    lasts as long as the process, so a test compares before and after."""
    return metrics.REGISTRY.get_sample_value(name, labels) or 0.0


def scraped(exposition: str, name: str, **labels: str) -> float | None:
    """A sample of a /metrics page, read by prometheus_client's own parser (None: absent)."""
    for family in text_string_to_metric_families(exposition):
        for sample in family.samples:
            if sample.name == name and sample.labels == labels:
                return sample.value
    return None


def button(message: Call, prefix: str) -> str:
    """The callback data of the message's button that starts with `prefix`."""
    return next(d for d in message.callback_data if d.startswith(prefix))


def case_id(card: Call) -> int:
    """The id of the case a card shows (its approve, show-draft or discard button names it)."""
    data = next(d for d in card.callback_data if d.startswith(("cs1:ap:", "cs1:sd:", "cs1:dc:")))
    return int(data.split(":")[2])


class UnsureEngine:
    """`inner`, except that it cannot tell cold from genuine for the texts in `unsure`: their
    verdicts come back uncertain, with that text's other likely reading (as the offline engine
    will mark them; until it does, this is how a test gets one)."""

    def __init__(self, inner: Engine, unsure: dict[str, Category | None]) -> None:
        self.inner, self.unsure, self.name = inner, unsure, inner.name
        self.concurrency = inner.concurrency

    async def verdict(
        self, incoming: Incoming, prefs: Preferences, tone: Tone | None = None
    ) -> Verdict:
        verdict = await self.inner.verdict(incoming, prefs, tone)
        if incoming.text not in self.unsure:
            return verdict
        alternative = self.unsure[incoming.text]
        a = verdict.assessment.model_copy(update={"uncertain": True, "alternative": alternative})
        return verdict.model_copy(update={"assessment": a})

    async def redraft(self, *args: Any, **kwargs: Any) -> Draft:
        return await self.inner.redraft(*args, **kwargs)


# --- cases in a store (tests/store, tests/test_service.py) ---------------------------------


def make_verdict(text: str = "Hi! Quick 15-minute call?") -> Verdict:
    assessment = Assessment(
        category=Category.meeting_request,
        confidence=0.8,
        signals=[Signal(signal="vague call request", quote="Quick 15-minute call")],
        generic=True,
    )
    return Verdict(
        assessment=assessment,
        draft=Draft(tone=Tone.pointed, text=f"Thanks for my interest. ({text})"),
    )


async def new_case(
    store: Store, user: int = OWNER, text: str = "Hi! Quick call?", **fields
) -> Case:
    status = fields.pop("status", CaseStatus.pending)
    stored = await store.cases.intake(user, user, Incoming(text=text, **fields), 2.0, status)
    assert stored.case is not None
    return stored.case


async def drafted_case(store: Store, user: int = OWNER) -> Case:
    """A stored case with its first draft: a meeting request from Anna Smith."""
    case = await new_case(store, user, "Hi! Quick 15-minute call?", sender_name="Anna Smith")
    saved = await store.cases.save_verdict(case, make_verdict(), None)
    assert saved.case is not None
    return saved.case
