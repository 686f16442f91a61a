"""A fake Telegram Bot API server: real HTTP on loopback, so the real PTB client runs against it.

    async with FakeTelegram() as fake:                  # on the test's event loop
        bot = telegram.Bot(fake.token, base_url=f"{fake.url}/bot")
    fake = FakeTelegram().start_in_thread()             # own loop, for subprocess tests
    ...; fake.stop()

Test code injects updates (`send_text`, `forward`, `press`, ...) that the bot receives through
real `getUpdates` long polling, and reads back what the bot did (`calls`, `wait_for`,
`messages`). State is guarded by one lock, so test code may run on any thread.

Webhook mode: after `setWebhook`, injected updates are POSTed (JSON, with the
`X-Telegram-Bot-Api-Secret-Token` header when a secret was set) to the webhook, in order, one
at a time, retried until a 2xx answer, as Telegram does. Tests point delivery at the replicas
behind the registered (public) URL with `fake.webhook_targets = [url1, url2]` (round-robin,
and a failed attempt moves on to the next target); `deliveries` records every attempt,
`wait_delivered(update)` waits for the 2xx and `deliver_to_all(update)` posts one update to
every target at once (a duplicate delivery). Only loopback targets are ever posted to.
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import itertools
import json
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import aiohttp
from aiohttp import web

from tests.fakes.html import EntityError, plain_text
from tests.fakes.server import LoopbackServer

NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup "
    "are exactly the same as a current content and reply markup of the message"
)
# Parameters that are plain strings on the wire; every other value is JSON-decoded if it can be.
_STRING_PARAMS = {"text", "caption", "callback_query_id", "parse_mode", "url", "action",
                  "secret_token", "language_code", "file_id", "inline_message_id",
                  "business_connection_id"}  # fmt: skip
_DEFAULT_DESCRIPTIONS = {400: "Bad Request", 401: "Unauthorized", 403: "Forbidden: bot was "
                         "blocked by the user", 404: "Not Found", 409: "Conflict",
                         500: "Internal Server Error", 502: "Bad Gateway"}  # fmt: skip
_MEDIA = {  # minimal but valid Bot API objects, for `send_raw_message(uid, **media("photo"))`
    "sticker": {"sticker": {"file_id": "stk1", "file_unique_id": "ustk1", "type": "regular",
                            "width": 512, "height": 512, "is_animated": False,
                            "is_video": False, "emoji": "👍"}},
    "voice": {"voice": {"file_id": "voc1", "file_unique_id": "uvoc1", "duration": 3,
                        "mime_type": "audio/ogg", "file_size": 4096}},
    "photo": {"photo": [{"file_id": "pho1s", "file_unique_id": "upho1s", "width": 90,
                         "height": 60, "file_size": 1200},
                        {"file_id": "pho1", "file_unique_id": "upho1", "width": 1280,
                         "height": 853, "file_size": 98000}]},
    "document": {"document": {"file_id": "doc1", "file_unique_id": "udoc1",
                              "file_name": "cv.pdf", "mime_type": "application/pdf",
                              "file_size": 20480}},
    "location": {"location": {"latitude": 52.52, "longitude": 13.405}},
    "contact": {"contact": {"phone_number": "+15550100", "first_name": "Jane", "user_id": 42}},
    "poll": {"poll": {"id": "poll1", "question": "Coffee?", "total_voter_count": 0,
                      "options": [{"text": "Yes", "voter_count": 0, "persistent_id": "o1"},
                                  {"text": "No", "voter_count": 0, "persistent_id": "o2"}],
                      "is_closed": False, "is_anonymous": True, "type": "regular",
                      "allows_multiple_answers": False, "allows_revoting": True,
                      "members_only": False}},
    "video": {"video": {"file_id": "vid1", "file_unique_id": "uvid1", "width": 640,
                        "height": 360, "duration": 12, "mime_type": "video/mp4"}},
}  # fmt: skip


def media(kind: str) -> dict[str, Any]:
    """Message fields for a media kind (sticker, voice, photo, document, location, ...)."""
    return copy.deepcopy(_MEDIA[kind])


class ApiError(Exception):
    """A Bot API error response: HTTP status plus description (and optional parameters)."""

    def __init__(self, status: int, description: str, parameters: dict | None = None) -> None:
        super().__init__(description)
        self.status, self.description, self.parameters = status, description, parameters


@dataclass
class Call:
    """One request the bot made. `params` are decoded; uploads are {filename, content, ...}."""

    method: str
    params: dict[str, Any]
    time: float
    status: int = 200
    response: dict[str, Any] = field(default_factory=dict)


@dataclass
class _Fault:
    method: str
    error: ApiError
    times: int
    when: Callable[[dict[str, Any]], bool] | None


@dataclass
class WebhookDelivery:
    """One webhook POST attempt: the target's HTTP status, or why there was no answer."""

    update_id: int
    target: str
    status: int | None
    error: str | None
    time: float

    @property
    def ok(self) -> bool:
        return self.status is not None and 200 <= self.status < 300


_LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def _is_loopback(url: str) -> bool:
    try:
        return urlsplit(url).hostname in _LOOPBACK
    except ValueError:
        return False


def _check_loopback(url: str) -> str:
    if not _is_loopback(url):
        raise AssertionError(f"webhook target {url!r} is not a loopback address")
    return url


def _update_kind(update: dict) -> str:
    return next((k for k in update if k != "update_id"), "")


def _plain(text: str, parse_mode: str | None) -> str:
    """The text Telegram stores: HTML parsed as strictly as Telegram does (a 400 for what it
    refuses), Markdown left as is."""
    if (parse_mode or "").lower() == "html":
        try:
            return plain_text(text)
        except EntityError as exc:
            raise ApiError(400, str(exc)) from None
    return text


def _inline_markup(p: dict) -> dict | None:
    """The request's inline keyboard (the only markup Telegram echoes back), validated."""
    markup = p.get("reply_markup") or {}
    for row in markup.get("inline_keyboard", []):
        for button in row:
            data = button.get("callback_data")
            if data is not None and not 1 <= len(data.encode()) <= 64:
                raise ApiError(400, "Bad Request: BUTTON_DATA_INVALID")
    return markup if "inline_keyboard" in markup else None


def _file(file_id: str, content: bytes, **fields: Any) -> dict:
    return {"file_id": file_id, "file_unique_id": f"u{file_id}", "file_size": len(content)} | fields


class FakeTelegram(LoopbackServer):
    def __init__(self, token: str = "123:ABC", bot_username: str = "coldshoulder_test_bot") -> None:
        self.token = token
        self.bot_user = {
            "id": int(token.split(":")[0]),
            "is_bot": True,
            "first_name": "Cold Shoulder",
            "username": bot_username,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
        }
        self.url = ""
        self.calls: list[Call] = []
        self.answered_callbacks: list[dict[str, Any]] = []
        self.webhook_url = ""  # the registered (public) URL; "" = no webhook, getUpdates mode
        self.description = self.short_description = ""  # the bot's profile texts
        self.webhook_secret: str | None = None
        self.webhook_max_connections: int | None = None
        self.webhook_allowed_updates: list[str] | None = None
        self.webhook_retry_delay = 0.2  # seconds between attempts of one update
        self.webhook_max_attempts = 50  # then the update is dropped, as Telegram gives up
        self.webhook_timeout = 10.0  # seconds a target may take to answer one POST
        self.deliveries: list[WebhookDelivery] = []  # every webhook POST attempt
        self._webhook_targets: list[str] = []
        self._rr = 0  # round-robin position over the targets, advanced on every attempt
        self._delivered: set[int] = set()  # update ids that got a 2xx answer
        self._session: aiohttp.ClientSession | None = None
        self._deliverer: asyncio.Task | None = None
        self.commands: dict[str, list[dict]] = {}  # scope/language key -> commands
        self.files: dict[str, tuple[str, bytes]] = {}  # file_id -> (file_path, content)
        self._lock = threading.RLock()
        self._cond = threading.Condition(self._lock)  # wakes sync waiters
        self._waiters: set[asyncio.Future] = set()  # wakes async waiters, on any loop
        self._updates: list[dict] = []  # pending (unconfirmed) updates
        self._update_ids = itertools.count(1)
        self._msg_ids: dict[int, itertools.count] = {}
        self._chats: dict[int, dict] = {}
        self._messages: dict[tuple[int, int], dict] = {}  # (chat_id, message_id) -> Message
        self._raw_text: dict[tuple[int, int], str] = {}  # bot text as sent, for "not modified"
        self._queries: set[str] = set()  # callback query ids the bot may answer
        self._query_ids = itertools.count(1)
        self._faults: list[_Fault] = []
        self._delays: list[tuple[str, float, bool]] = []
        self._closing = False
        # Telegram Business: connected accounts (id -> BusinessConnection JSON), and the
        # messages in their chats, the bot's sends as the owner among them.
        self.business_connections: dict[str, dict] = {}
        self.business_messages: dict[tuple[str, int, int], dict] = {}
        self._business_ids = itertools.count(1)
        self._last_incoming: dict[tuple[str, int], float] = {}  # for the 24-hour window

    # --- lifecycle -------------------------------------------------------------------------

    async def start(self) -> FakeTelegram:
        app = web.Application()
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        app.router.add_get("/file/bot{token}/{path:.+}", self._download)
        self.url = f"http://127.0.0.1:{await self.serve(app)}"
        self._session = aiohttp.ClientSession()
        self._deliverer = asyncio.create_task(self._deliver_forever())  # on the serving loop
        return self

    async def close(self) -> None:
        self._closing = True  # pending long polls return [] at once
        self._notify()
        if self._deliverer:
            self._deliverer.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._deliverer
        if self._session:
            await self._session.close()
        if self._runner:
            await self._runner.cleanup()

    # --- waiting (thread-safe) -------------------------------------------------------------

    def _notify(self) -> None:
        with self._lock:
            waiters, self._waiters = self._waiters, set()
            self._cond.notify_all()
        for fut in waiters:
            with contextlib.suppress(RuntimeError):  # RuntimeError: that loop is closed
                fut.get_loop().call_soon_threadsafe(lambda f=fut: f.done() or f.set_result(None))

    async def _wait(self, check: Callable[[], Any], timeout: float) -> Any:
        """Wait until `check()` (run under the lock) is truthy; return its last value."""
        deadline = time.monotonic() + timeout
        while True:
            with self._lock:
                if (result := check()) or self._closing:
                    return result
                fut = asyncio.get_running_loop().create_future()
                self._waiters.add(fut)
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return result
            try:
                await asyncio.wait_for(fut, remaining)
            except TimeoutError:
                with self._lock:
                    self._waiters.discard(fut)

    def _matching(self, method: str, predicate: Callable[[Call], bool] | None) -> list[Call]:
        return [c for c in self.calls if c.method == method and (not predicate or predicate(c))]

    async def wait_for(
        self,
        method: str,
        predicate: Callable[[Call], bool] | None = None,
        count: int = 1,
        timeout: float = 10,
    ) -> list[Call]:
        """Wait until `count` calls of `method` matching `predicate` are recorded; return them."""

        def enough() -> list[Call]:
            found = self._matching(method, predicate)
            return found if len(found) >= count else []

        return await self._wait(enough, timeout) or self._timed_out(method, count, timeout)

    def wait_for_sync(
        self,
        method: str,
        predicate: Callable[[Call], bool] | None = None,
        count: int = 1,
        timeout: float = 10,
    ) -> list[Call]:
        with self._cond:
            ok = self._cond.wait_for(
                lambda: len(self._matching(method, predicate)) >= count, timeout
            )
            return (
                self._matching(method, predicate) if ok else self._timed_out(method, count, timeout)
            )

    def _timed_out(self, method: str, count: int, timeout: float) -> list[Call]:
        seen = [(c.method, c.status) for c in self.calls]
        raise AssertionError(f"no {count} x {method} within {timeout}s; calls so far: {seen}")

    # --- reading what the bot did ----------------------------------------------------------

    def calls_to(self, method: str) -> list[Call]:
        with self._lock:
            return self._matching(method, None)

    def messages(self, chat_id: int) -> list[dict]:
        """The bot's messages in a chat as they are now (edits applied, deletions gone)."""
        with self._lock:
            return [
                copy.deepcopy(m)
                for (c, _), m in sorted(self._messages.items())
                if c == chat_id and m["from"]["id"] == self.bot_user["id"]
            ]

    def fail_next(
        self,
        method: str,
        status: int = 429,
        retry_after: int = 1,
        times: int = 1,
        description: str | None = None,
        when: Callable[[dict[str, Any]], bool] | None = None,
    ) -> None:
        """Make the next `times` calls of `method` (whose params satisfy `when`) fail."""
        params = {"retry_after": retry_after} if status == 429 else None
        if description is None:
            description = (
                f"Too Many Requests: retry after {retry_after}"
                if status == 429
                else _DEFAULT_DESCRIPTIONS.get(status, "Error")
            )
        with self._lock:
            self._faults.append(_Fault(method, ApiError(status, description, params), times, when))

    def delay_next(self, method: str, seconds: float, times: int = 1, after: bool = False) -> None:
        """Make the next `times` calls of `method` take `seconds` before answering. `after`:
        the call takes effect (and is recorded) first, then the answer waits, so a process
        killed meanwhile never learns that it went through."""
        with self._lock:
            self._delays.extend([(method, seconds, after)] * times)

    def add_file(self, file_id: str, content: bytes, file_path: str | None = None) -> None:
        """Make `getFile` and the file download URL serve `content` for `file_id`."""
        with self._lock:
            self.files[file_id] = (file_path or f"documents/{file_id}", content)

    # --- injecting updates -----------------------------------------------------------------

    def inject(self, update: dict) -> dict:
        """Queue a raw update (update_id assigned if missing) for getUpdates or the webhook."""
        with self._lock:
            update.setdefault("update_id", next(self._update_ids))
            self._updates.append(update)
        self._notify()
        return update

    def _user(self, user_id: int, first_name: str, username: str | None) -> dict:
        user = {"id": user_id, "is_bot": False, "first_name": first_name, "language_code": "en"}
        return user | ({"username": username} if username else {})

    def _chat(self, chat_id: int, chat_type: str = "", user: dict | None = None) -> dict:
        with self._lock:
            if chat_id not in self._chats:
                if not chat_type:
                    chat_type = "private" if chat_id > 0 else "supergroup"
                chat: dict[str, Any] = {"id": chat_id, "type": chat_type}
                if chat_type == "private" and user:
                    chat |= {k: user[k] for k in ("first_name", "username") if k in user}
                elif chat_type != "private":
                    chat["title"] = f"Test chat {chat_id}"
                self._chats[chat_id] = chat
                self._msg_ids[chat_id] = itertools.count(1)
            return self._chats[chat_id]

    def _store(self, chat_id: int, sender: dict, fields: dict, chat_type: str = "") -> dict:
        with self._lock:
            chat = self._chat(chat_id, chat_type, None if sender["is_bot"] else sender)
            msg = {
                "message_id": next(self._msg_ids[chat_id]),
                "from": sender,
                "chat": chat,
                "date": int(time.time()),
            } | fields
            self._messages[(chat_id, msg["message_id"])] = msg
            return copy.deepcopy(msg)

    def send_raw_message(
        self,
        user_id: int,
        *,
        chat_id: int | None = None,
        chat_type: str = "",
        first_name: str = "Alice",
        username: str | None = "alice",
        **fields: Any,
    ) -> dict:
        """A user's message with arbitrary fields (see `media()`); returns the update."""
        sender = self._user(user_id, first_name, username)
        msg = self._store(user_id if chat_id is None else chat_id, sender, fields, chat_type)
        return self.inject({"message": msg})

    def send_text(self, user_id: int, text: str, **kw: Any) -> dict:
        """A text message; a leading /command gets its bot_command entity, as Telegram adds."""
        if text.startswith("/") and "entities" not in kw:
            command = text.split()[0]
            kw["entities"] = [{"type": "bot_command", "offset": 0, "length": len(command)}]
        return self.send_raw_message(user_id, text=text, **kw)

    def forward(
        self, user_id: int, text: str | None = None, origin: str | dict = "user", **kw: Any
    ) -> dict:
        """A forwarded message; `origin` is a kind (user, hidden_user, chat, channel) or a dict."""
        date = int(time.time()) - 3600
        if isinstance(origin, str):
            origin = {
                "user": {"type": "user", "sender_user": self._user(777, "Recruiter", "recruiter")},
                "hidden_user": {"type": "hidden_user", "sender_user_name": "Hidden Recruiter"},
                "chat": {
                    "type": "chat",
                    "sender_chat": {"id": -1001, "type": "supergroup", "title": "Hiring Group"},
                },
                "channel": {
                    "type": "channel",
                    "message_id": 55,
                    "chat": {"id": -1002, "type": "channel", "title": "Jobs", "username": "jobs"},
                },
            }[origin] | {"date": date}
        fields = {"text": text} if text is not None else {}
        return self.send_raw_message(user_id, forward_origin=origin, **fields, **kw)

    def reply_to(self, user_id: int, reply_to_message_id: int, text: str, **kw: Any) -> dict:
        """A user's reply to a stored (usually the bot's) message."""
        with self._lock:
            target = self._messages[(kw.get("chat_id") or user_id, reply_to_message_id)]
            replied = {k: v for k, v in target.items() if k != "reply_to_message"}
            return self.send_raw_message(user_id, text=text, reply_to_message=replied, **kw)

    def edit_text(
        self, user_id: int, message_id: int, text: str, chat_id: int | None = None
    ) -> dict:
        """The user edits their earlier message: an edited_message update."""
        with self._lock:
            msg = self._messages[(user_id if chat_id is None else chat_id, message_id)]
            msg |= {"text": text, "edit_date": int(time.time())}
            return self.inject({"edited_message": copy.deepcopy(msg)})

    def press(
        self,
        user_id: int,
        message_id: int,
        data: str | None = None,
        *,
        button: str | None = None,
        chat_id: int | None = None,
        first_name: str = "Alice",
        username: str | None = "alice",
    ) -> dict:
        """Press an inline button (by `data`, or by its `button` label); returns the update.

        The query id is `update["callback_query"]["id"]`."""
        with self._lock:
            msg = copy.deepcopy(self._messages[(chat_id or user_id, message_id)])
            if button is not None:
                rows = msg.get("reply_markup", {}).get("inline_keyboard", [])
                data = next(b["callback_data"] for r in rows for b in r if b["text"] == button)
            query_id = str(4_000_000_000 + next(self._query_ids))
            self._queries.add(query_id)
        query = {
            "id": query_id,
            "from": self._user(user_id, first_name, username),
            "chat_instance": f"ci{chat_id or user_id}",
            "message": msg,
            "data": data,
        }
        return self.inject({"callback_query": query})

    # --- Telegram Business -----------------------------------------------------------------

    def connect_business(
        self,
        owner_id: int,
        connection_id: str = "bc1",
        *,
        enabled: bool = True,
        can_reply: bool = True,
        can_read: bool = True,
        quiet: bool = False,
    ) -> dict:
        """The owner connects the bot to their account (or changes or ends the connection):
        a business_connection update, unless `quiet` (then only getBusinessConnection knows)."""
        connection = {
            "id": connection_id,
            "user": self._user(owner_id, "Sam", "sam"),
            "user_chat_id": owner_id,
            "date": int(time.time()),
            "is_enabled": enabled,
            "rights": {"can_reply": can_reply, "can_read_messages": can_read},
        }
        with self._lock:
            self.business_connections[connection_id] = connection
        return {} if quiet else self.inject({"business_connection": copy.deepcopy(connection)})

    def business_message(
        self,
        connection_id: str,
        from_id: int,
        text: str,
        *,
        chat_id: int | None = None,
        first_name: str = "Priya",
        last_name: str = "Patel",
    ) -> dict:
        """A message in the owner's chat with `chat_id` (default: the writer's own id), from
        that person or (`from_id` the owner's id) from the owner themselves."""
        with self._lock:
            connection = self.business_connections[connection_id]
            owner = connection["user"]
            chat_id = from_id if chat_id is None else chat_id
            sender = owner if from_id == owner["id"] else self._user(from_id, first_name, None)
            if sender is not owner:
                sender = sender | {"last_name": last_name}
                self._last_incoming[(connection_id, chat_id)] = time.time()
            msg = {
                "message_id": next(self._business_ids),
                "from": sender,
                "chat": {"id": chat_id, "type": "private", "first_name": first_name},
                "date": int(time.time()),
                "business_connection_id": connection_id,
                "text": text,
            }
            self.business_messages[(connection_id, chat_id, msg["message_id"])] = msg
        return self.inject({"business_message": copy.deepcopy(msg)})

    def edit_business_message(
        self, connection_id: str, chat_id: int, message_id: int, text: str
    ) -> dict:
        with self._lock:
            msg = self.business_messages[(connection_id, chat_id, message_id)]
            msg |= {"text": text, "edit_date": int(time.time())}
            return self.inject({"edited_business_message": copy.deepcopy(msg)})

    def delete_business_messages(
        self, connection_id: str, chat_id: int, message_ids: list[int]
    ) -> dict:
        with self._lock:
            for message_id in message_ids:
                self.business_messages.pop((connection_id, chat_id, message_id), None)
        deleted = {
            "business_connection_id": connection_id,
            "chat": {"id": chat_id, "type": "private", "first_name": "Priya"},
            "message_ids": message_ids,
        }
        return self.inject({"deleted_business_messages": deleted})

    def sent_as_owner(self, connection_id: str, chat_id: int) -> list[dict]:
        """What the bot sent in the owner's chat, as the owner."""
        with self._lock:
            return [
                copy.deepcopy(m)
                for (c, chat, _), m in sorted(self.business_messages.items())
                if c == connection_id and chat == chat_id and "sender_business_bot" in m
            ]

    def _business_connection(self, p: dict) -> dict:
        connection = self.business_connections.get(str(p.get("business_connection_id")))
        if connection is None:
            raise ApiError(400, "Bad Request: BUSINESS_CONNECTION_INVALID")
        if not connection["is_enabled"]:
            raise ApiError(400, "Bad Request: BUSINESS_CONNECTION_NOT_ALLOWED")
        return connection

    def _business_send(self, p: dict) -> dict:
        """sendMessage as the owner: refused unless the connection is enabled, may reply,
        and the other person wrote in the last 24 hours."""
        text = self._text(p)
        with self._lock:
            connection = self._business_connection(p)
            if not connection["rights"].get("can_reply"):
                raise ApiError(403, "Forbidden: BOT_ACCESS_FORBIDDEN")
            chat_id = p.get("chat_id")
            last = self._last_incoming.get((connection["id"], chat_id))
            if last is None or time.time() - last > 24 * 3600:
                raise ApiError(403, "Forbidden: BOT_ACCESS_FORBIDDEN")
            msg = {
                "message_id": next(self._business_ids),
                "from": connection["user"],
                "chat": {"id": chat_id, "type": "private", "first_name": "Priya"},
                "date": int(time.time()),
                "business_connection_id": connection["id"],
                "sender_business_bot": self.bot_user,
                "text": text,
            }
            self.business_messages[(connection["id"], chat_id, msg["message_id"])] = msg
            return copy.deepcopy(msg)

    def _api_getBusinessConnection(self, p: dict) -> dict:
        with self._lock:
            connection = self.business_connections.get(str(p.get("business_connection_id")))
            if connection is None:
                raise ApiError(400, "Bad Request: BUSINESS_CONNECTION_INVALID")
            return copy.deepcopy(connection)

    def _api_readBusinessMessage(self, p: dict) -> bool:
        with self._lock:
            connection = self._business_connection(p)
            if not connection["rights"].get("can_read_messages"):
                raise ApiError(403, "Forbidden: BOT_ACCESS_FORBIDDEN")
            key = (connection["id"], p.get("chat_id"), p.get("message_id"))
            if key not in self.business_messages:
                raise ApiError(400, "Bad Request: message to read not found")
            self.business_messages[key]["read"] = True
        return True

    # --- webhook delivery ------------------------------------------------------------------

    @property
    def webhook_targets(self) -> list[str]:
        """Where deliveries go: these replicas if set, else the registered webhook URL."""
        with self._lock:
            return list(self._webhook_targets)

    @webhook_targets.setter
    def webhook_targets(self, urls: list[str] | None) -> None:
        checked = [_check_loopback(u) for u in urls or []]
        with self._lock:
            self._webhook_targets = checked
        self._notify()

    def _targets(self) -> list[str]:
        return self._webhook_targets or ([self.webhook_url] if self.webhook_url else [])

    def _headers(self) -> dict[str, str]:
        secret = self.webhook_secret
        return {"X-Telegram-Bot-Api-Secret-Token": secret} if secret else {}

    def _next_for_webhook(self) -> dict | None:
        """Under the lock: the first pending update the webhook should get (None: nothing)."""
        if not self.webhook_url:
            return None
        allowed = self.webhook_allowed_updates
        if allowed:  # Telegram does not send the kinds the bot did not ask for
            self._updates = [u for u in self._updates if _update_kind(u) in allowed]
        return self._updates[0] if self._updates else None

    async def _deliver_forever(self) -> None:
        while not self._closing:
            update = await self._wait(self._next_for_webhook, 60)
            if update and not self._closing:
                await self._deliver(update)

    def _pending(self, update_id: int) -> bool:
        return any(u["update_id"] == update_id for u in self._updates)

    async def _deliver(self, update: dict) -> None:
        """Post one update until a target answers 2xx (or the webhook goes, or we give up)."""
        update_id = update["update_id"]
        for _ in range(self.webhook_max_attempts):
            with self._lock:
                if not self.webhook_url or not self._pending(update_id):
                    return  # deleteWebhook (the update stays for getUpdates) or dropped
                targets = self._targets()
                target = targets[self._rr % len(targets)]
                self._rr += 1
                headers, body = self._headers(), copy.deepcopy(update)
            record = await self._post(target, body, headers)
            with self._lock:
                if record.ok:
                    self._updates = [u for u in self._updates if u["update_id"] != update_id]
            if record.ok:
                return
            await asyncio.sleep(self.webhook_retry_delay)
        with self._lock:  # Telegram gives up eventually; so do we, to unblock the queue
            self._updates = [u for u in self._updates if u["update_id"] != update_id]

    async def _post(self, target: str, update: dict, headers: dict[str, str]) -> WebhookDelivery:
        """One POST attempt, recorded in `deliveries`. Never leaves loopback."""
        status, error = None, None
        if not _is_loopback(target):
            error = f"refused: {target} is not a loopback address (set fake.webhook_targets)"
        else:
            assert self._session is not None, "not started"
            try:
                async with self._session.post(
                    target,
                    json=update,
                    headers=headers,
                    timeout=aiohttp.ClientTimeout(total=self.webhook_timeout),
                ) as response:
                    await response.read()
                    status = response.status
            except (aiohttp.ClientError, TimeoutError, OSError) as e:
                error = f"{type(e).__name__}: {e}"
        record = WebhookDelivery(update["update_id"], target, status, error, time.time())
        with self._lock:
            self.deliveries.append(record)
            if record.ok:
                self._delivered.add(record.update_id)
        self._notify()
        return record

    async def _post_to_all(self, update: dict) -> list[WebhookDelivery]:
        with self._lock:
            update.setdefault("update_id", next(self._update_ids))
            targets, headers = self._targets(), self._headers()
        if not targets:
            raise AssertionError("no webhook target: call setWebhook or set fake.webhook_targets")
        posts = [self._post(t, copy.deepcopy(update), headers) for t in targets]
        return list(await asyncio.gather(*posts))

    async def deliver_to_all(self, update: dict) -> list[WebhookDelivery]:
        """POST one update to every target at once, concurrently, once each (no retries).

        Bypasses the queue: it simulates a duplicate delivery (e.g. a retried webhook)
        reaching every replica; pass an update the queue already delivered for exactly that.
        Returns one record per target, in target order. Awaitable from any event loop."""
        assert self._loop or self._session, "not started"
        serving = self._loop or asyncio.get_running_loop()
        if serving is asyncio.get_running_loop():
            return await self._post_to_all(update)
        future = asyncio.run_coroutine_threadsafe(self._post_to_all(update), serving)
        return await asyncio.wrap_future(future)

    def deliver_to_all_sync(self, update: dict, timeout: float = 30) -> list[WebhookDelivery]:
        """`deliver_to_all` from a thread that is not the fake's (thread mode only)."""
        assert self._loop, "not started with start_in_thread()"
        future = asyncio.run_coroutine_threadsafe(self._post_to_all(update), self._loop)
        return future.result(timeout)

    def _success(self, update_id: int) -> WebhookDelivery | None:
        return next((d for d in self.deliveries if d.update_id == update_id and d.ok), None)

    def _not_delivered(self, update_id: int, timeout: float) -> WebhookDelivery:
        with self._lock:
            tried = [(d.target, d.status or d.error) for d in self.deliveries
                     if d.update_id == update_id]  # fmt: skip
        raise AssertionError(
            f"update {update_id} not delivered (2xx) within {timeout}s; "
            f"webhook {self.webhook_url!r}, attempts: {tried}"
        )

    async def wait_delivered(self, update: int | dict, timeout: float = 10) -> WebhookDelivery:
        """Wait until the update (or update_id) got a 2xx webhook answer; return that attempt."""
        update_id = update["update_id"] if isinstance(update, dict) else update
        found = await self._wait(lambda: self._success(update_id), timeout)
        return found or self._not_delivered(update_id, timeout)

    def wait_delivered_sync(self, update: int | dict, timeout: float = 10) -> WebhookDelivery:
        update_id = update["update_id"] if isinstance(update, dict) else update
        with self._cond:
            if self._cond.wait_for(lambda: self._success(update_id), timeout):
                return self._success(update_id)  # type: ignore[return-value]
        return self._not_delivered(update_id, timeout)

    # --- HTTP ------------------------------------------------------------------------------

    async def _download(self, request: web.Request) -> web.StreamResponse:
        if request.match_info["token"] != self.token:
            return _unauthorized()
        with self._lock:
            by_path = {path: content for path, content in self.files.values()}
        if (content := by_path.get(request.match_info["path"])) is None:
            raise web.HTTPNotFound()
        return web.Response(body=content)

    @staticmethod
    async def _params(request: web.Request) -> dict[str, Any]:
        params: dict[str, Any] = dict(request.query)
        if request.content_type == "application/json":
            return params | await request.json()
        for key, value in (await request.post()).items():
            if isinstance(value, web.FileField):
                params[key] = {
                    "filename": value.filename,
                    "content": value.file.read(),
                    "content_type": value.content_type,
                }
            elif key in _STRING_PARAMS:
                params[key] = value
            else:
                try:
                    params[key] = json.loads(value)
                except ValueError:
                    params[key] = value
        return params

    async def _handle(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return _unauthorized()
        name = request.match_info["method"]
        method = next((m for m in _METHODS if m.lower() == name.lower()), name)
        params = await self._params(request)
        with self._lock:
            delay = next((d for d in self._delays if d[0] == method), None)
            if delay:
                self._delays.remove(delay)
        if delay and not delay[2]:
            await asyncio.sleep(delay[1])
        try:
            self._fault(method, params)
            if method not in _METHODS:
                raise ApiError(404, "Not Found: method not found")
            handler = getattr(self, f"_api_{method}")
            result = await handler(params) if method == "getUpdates" else handler(params)
            status, body = 200, {"ok": True, "result": result}
        except ApiError as e:
            status, body = (
                e.status,
                {"ok": False, "error_code": e.status, "description": e.description},
            )
            if e.parameters:
                body["parameters"] = e.parameters
        with self._lock:
            self.calls.append(Call(method, params, time.time(), status, body))
        self._notify()
        if delay and delay[2]:
            await asyncio.sleep(delay[1])
        return web.json_response(body, status=status)

    def _fault(self, method: str, params: dict) -> None:
        with self._lock:
            for fault in self._faults:
                if fault.method == method and (not fault.when or fault.when(params)):
                    fault.times -= 1
                    self._faults = [f for f in self._faults if f.times > 0]
                    raise fault.error

    # --- Bot API methods -------------------------------------------------------------------

    async def _api_getUpdates(self, p: dict) -> list[dict]:
        offset, limit = int(p.get("offset", 0)), int(p.get("limit", 100))
        with self._lock:
            if self.webhook_url:
                raise ApiError(
                    409,
                    "Conflict: can't use getUpdates method while webhook is "
                    "active; use deleteWebhook to delete the webhook first",
                )
            if offset < 0:
                self._updates = self._updates[offset:]
            elif offset:
                self._updates = [u for u in self._updates if u["update_id"] >= offset]
        return await self._wait(  # a webhook set meanwhile takes the updates, not this poll
            lambda: [] if self.webhook_url else copy.deepcopy(self._updates[:limit]),
            float(p.get("timeout", 0)),
        )

    def _api_getMe(self, p: dict) -> dict:
        return self.bot_user

    def _api_deleteWebhook(self, p: dict) -> bool:
        """Stop delivery; pending updates stay queued for getUpdates unless dropped."""
        with self._lock:
            self.webhook_url = ""
            self.webhook_secret = None
            self.webhook_max_connections = self.webhook_allowed_updates = None
            if p.get("drop_pending_updates"):
                self._updates.clear()
        return True

    def _api_setWebhook(self, p: dict) -> bool:
        if not p.get("url"):  # an empty URL removes the webhook, as in the real API
            return self._api_deleteWebhook(p)
        secret = p.get("secret_token")
        if secret is not None and not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", str(secret)):
            raise ApiError(400, "Bad Request: secret token contains unallowed characters")
        with self._lock:
            self.webhook_url = str(p["url"])
            self.webhook_secret = str(secret) if secret else None
            self.webhook_max_connections = p.get("max_connections")
            self.webhook_allowed_updates = p.get("allowed_updates")
            if p.get("drop_pending_updates"):
                self._updates.clear()
        return True

    def _api_getWebhookInfo(self, p: dict) -> dict:
        with self._lock:
            info: dict[str, Any] = {
                "url": self.webhook_url,
                "has_custom_certificate": False,
                "pending_update_count": len(self._updates),
            }
            if self.webhook_url and self.webhook_max_connections:
                info["max_connections"] = self.webhook_max_connections
            if self.webhook_url and self.webhook_allowed_updates:
                info["allowed_updates"] = self.webhook_allowed_updates
            failed = next((d for d in reversed(self.deliveries) if not d.ok), None)
            if self.webhook_url and failed:
                info["last_error_date"] = int(failed.time)
                info["last_error_message"] = (
                    failed.error or f"Wrong response from the webhook: {failed.status}"
                )
        return info

    @staticmethod
    def _commands_key(p: dict) -> str:
        scope = json.dumps(p.get("scope", {"type": "default"}), sort_keys=True)
        return f"{scope}|{p.get('language_code', '')}"

    def _api_setMyCommands(self, p: dict) -> bool:
        self.commands[self._commands_key(p)] = p["commands"]
        return True

    def _api_setMyDescription(self, p: dict) -> bool:
        if len(p.get("description", "")) > 512:
            raise ApiError(400, "Bad Request: description is too long")
        self.description = p.get("description", "")
        return True

    def _api_setMyShortDescription(self, p: dict) -> bool:
        if len(p.get("short_description", "")) > 120:
            raise ApiError(400, "Bad Request: short description is too long")
        self.short_description = p.get("short_description", "")
        return True

    def _api_getMyCommands(self, p: dict) -> list[dict]:
        return self.commands.get(self._commands_key(p), [])

    def _api_deleteMyCommands(self, p: dict) -> bool:
        self.commands.pop(self._commands_key(p), None)
        return True

    def _bot_message(self, p: dict, fields: dict, raw_text: str = "") -> dict:
        if markup := _inline_markup(p):
            fields["reply_markup"] = markup
        if not isinstance(p.get("chat_id"), int):
            raise ApiError(400, "Bad Request: chat not found")
        reply_id = p.get("reply_to_message_id") or (p.get("reply_parameters") or {}).get(
            "message_id"
        )
        with self._lock:
            if (target := self._messages.get((p["chat_id"], reply_id))) is not None:
                fields["reply_to_message"] = {
                    k: v for k, v in target.items() if k != "reply_to_message"
                }
            msg = self._store(p["chat_id"], self.bot_user, fields)
            self._raw_text[(p["chat_id"], msg["message_id"])] = raw_text
        return msg

    @staticmethod
    def _text(p: dict, key: str = "text", limit: int = 4096) -> str:
        text = _plain(p.get(key) or "", p.get("parse_mode"))
        if key == "text" and not text.strip():
            raise ApiError(400, "Bad Request: message text is empty")
        if len(text) > limit:
            what = "message" if key == "text" else "message caption"
            raise ApiError(400, f"Bad Request: {what} is too long")
        return text

    def _api_sendMessage(self, p: dict) -> dict:
        if p.get("business_connection_id"):
            return self._business_send(p)
        return self._bot_message(p, {"text": self._text(p)}, p.get("text", ""))

    def _upload(self, p: dict, key: str) -> tuple[str, str, bytes]:
        """Register an uploaded (or referenced) file; return (file_id, file_name, content)."""
        value = p.get(key)
        if isinstance(value, dict) and "content" in value:
            with self._lock:
                file_id = f"{key}{len(self.files) + 1}"
            self.add_file(file_id, value["content"], f"{key}s/{value['filename']}")
            return file_id, value["filename"], value["content"]
        if not isinstance(value, str):
            raise ApiError(400, f"Bad Request: there is no {key} in the request")
        return value, value.rsplit("/", 1)[-1], self.files.get(value, ("", b""))[1]

    def _caption(self, p: dict) -> dict:
        return {"caption": self._text(p, "caption", 1024)} if p.get("caption") else {}

    def _api_sendDocument(self, p: dict) -> dict:
        file_id, name, content = self._upload(p, "document")
        doc = _file(file_id, content, file_name=name)
        return self._bot_message(p, {"document": doc} | self._caption(p))

    def _api_sendPhoto(self, p: dict) -> dict:
        file_id, _, content = self._upload(p, "photo")
        size = _file(file_id, content, width=800, height=600)
        return self._bot_message(p, {"photo": [size]} | self._caption(p))

    def _own_message(self, p: dict, action: str) -> tuple[tuple[int, int], dict]:
        key = (p.get("chat_id"), p.get("message_id"))
        msg = self._messages.get(key)  # type: ignore[arg-type]
        if msg is None:
            raise ApiError(400, f"Bad Request: message to {action} not found")
        if msg["from"]["id"] != self.bot_user["id"] and action == "edit":
            raise ApiError(400, "Bad Request: message can't be edited")
        return key, msg  # type: ignore[return-value]

    def _edit(self, p: dict, text: str | None, raw: str | None) -> dict:
        markup = _inline_markup(p)  # omitted markup removes the keyboard, as in the real API
        with self._lock:
            key, msg = self._own_message(p, "edit")
            same_text = raw is None or raw == self._raw_text.get(key)
            if same_text and markup == msg.get("reply_markup"):
                raise ApiError(400, NOT_MODIFIED)
            if text is not None:
                msg["text"], self._raw_text[key] = text, raw or ""
            msg["edit_date"] = int(time.time())
            msg.pop("reply_markup", None)
            if markup:
                msg["reply_markup"] = markup
            return copy.deepcopy(msg)

    def _api_editMessageText(self, p: dict) -> dict:
        return self._edit(p, self._text(p), p.get("text", ""))

    def _api_editMessageReplyMarkup(self, p: dict) -> dict:
        return self._edit(p, None, None)

    def _api_deleteMessage(self, p: dict) -> bool:
        with self._lock:
            key, _ = self._own_message(p, "delete")
            del self._messages[key]
        return True

    def _api_answerCallbackQuery(self, p: dict) -> bool:
        with self._lock:
            if p.get("callback_query_id") not in self._queries:
                raise ApiError(
                    400,
                    "Bad Request: query is too old and response timeout "
                    "expired or query ID is invalid",
                )
            self.answered_callbacks.append(p)
        return True

    def _api_getFile(self, p: dict) -> dict:
        with self._lock:
            if p.get("file_id") not in self.files:
                raise ApiError(400, "Bad Request: invalid file_id")
            path, content = self.files[p["file_id"]]
        return _file(p["file_id"], content, file_path=path)

    def _ok(self, p: dict) -> bool:
        return True

    _api_sendChatAction = _api_close = _api_logOut = _ok


def _unauthorized() -> web.Response:
    return web.json_response(
        {"ok": False, "error_code": 401, "description": "Unauthorized"}, status=401
    )


_METHODS = {name.removeprefix("_api_") for name in dir(FakeTelegram) if name.startswith("_api_")}
