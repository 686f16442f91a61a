"""The Telegram fake, driven by the real python-telegram-bot client over real HTTP."""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from collections.abc import AsyncIterator, Awaitable, Callable

import pytest
import telegram
from aiohttp import web
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import (
    BadRequest,
    Conflict,
    EndPointNotFound,
    Forbidden,
    InvalidToken,
    RetryAfter,
)
from telegram.ext import Application, ContextTypes, MessageHandler, filters

from tests.fakes.telegram import NOT_MODIFIED, FakeTelegram, media

TOKEN = "123:ABC"
USER = 1001


@pytest.fixture
async def fake() -> AsyncIterator[FakeTelegram]:
    async with FakeTelegram(token=TOKEN) as fake:
        yield fake


@pytest.fixture
async def bot(fake: FakeTelegram) -> AsyncIterator[telegram.Bot]:
    async with telegram.Bot(TOKEN, base_url=f"{fake.url}/bot") as bot:
        yield bot


def keyboard(*data: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[InlineKeyboardButton(d.title(), callback_data=d) for d in data]])


async def test_get_me_is_the_bot_user(bot: telegram.Bot, fake: FakeTelegram) -> None:
    me = await bot.get_me()
    assert (me.id, me.is_bot, me.username) == (123, True, "coldshoulder_test_bot")
    assert [c.method for c in fake.calls] == ["getMe", "getMe"]  # Bot.initialize() + ours


async def test_send_then_edit_and_not_modified(bot: telegram.Bot, fake: FakeTelegram) -> None:
    sent = await bot.send_message(USER, "<b>Draft</b> ready", parse_mode="HTML",
                                  reply_markup=keyboard("approve", "reject"))  # fmt: skip
    again = await bot.send_message(USER, "second")
    assert (sent.message_id, again.message_id) == (1, 2)
    assert sent.text == "Draft ready" and sent.from_user.id == 123
    assert sent.chat.type == "private"
    assert sent.reply_markup == keyboard("approve", "reject")
    call = fake.calls_to("sendMessage")[0]
    assert call.params["chat_id"] == USER and call.params["text"] == "<b>Draft</b> ready"
    assert call.params["reply_markup"]["inline_keyboard"][0][1]["callback_data"] == "reject"

    edited = await bot.edit_message_text("Sent ✅", chat_id=USER, message_id=1)
    assert edited.text == "Sent ✅" and edited.reply_markup is None  # markup dropped, as real
    assert fake.messages(USER)[0]["text"] == "Sent ✅"
    with pytest.raises(BadRequest, match=r"(?i)message is not modified"):
        await bot.edit_message_text("Sent ✅", chat_id=USER, message_id=1)
    assert fake.calls[-1].status == 400
    assert fake.calls[-1].response["description"] == NOT_MODIFIED
    with pytest.raises(BadRequest, match=r"(?i)message to edit not found"):
        await bot.edit_message_text("x", chat_id=USER, message_id=99)


async def test_markup_edit_and_limits(bot: telegram.Bot, fake: FakeTelegram) -> None:
    await bot.send_message(USER, "hi", reply_markup=keyboard("a"))
    await bot.edit_message_reply_markup(USER, 1, reply_markup=keyboard("b"))
    assert fake.messages(USER)[0]["reply_markup"] == keyboard("b").to_dict()
    with pytest.raises(BadRequest, match=r"(?i)message is not modified"):
        await bot.edit_message_reply_markup(USER, 1, reply_markup=keyboard("b"))
    with pytest.raises(BadRequest, match=r"(?i)button_data_invalid"):
        await bot.send_message(USER, "hi", reply_markup=keyboard("x" * 65))
    await bot.send_message(USER, "ok", reply_markup=keyboard("é" * 32))  # 64 bytes exactly
    with pytest.raises(BadRequest, match=r"(?i)message is too long"):
        await bot.send_message(USER, "x" * 4097)
    assert len(fake.messages(USER)) == 2


async def test_scripted_429_surfaces_as_retry_after(bot: telegram.Bot, fake: FakeTelegram) -> None:
    fake.fail_next("sendMessage", status=429, retry_after=3)
    with pytest.raises(RetryAfter) as exc:
        await bot.send_message(USER, "hi")
    assert "Retry in 3 seconds" in str(exc.value)
    await bot.send_message(USER, "hi")  # only the next call failed
    assert [c.status for c in fake.calls_to("sendMessage")] == [429, 200]


async def test_long_poll_returns_injected_update_quickly(
    bot: telegram.Bot, fake: FakeTelegram
) -> None:
    started = time.monotonic()
    poll = asyncio.create_task(bot.get_updates(timeout=5))
    await fake.wait_for("getMe")  # Bot.__aenter__ ran; let the poll reach the server
    await asyncio.sleep(0.2)
    update = fake.forward(USER, "Hi! Quick question about your availability", origin="channel")
    (received,) = await poll
    assert time.monotonic() - started < 3
    assert received.update_id == update["update_id"]
    assert received.message.forward_origin.chat.title == "Jobs"
    assert received.message.text.startswith("Hi!")


async def test_long_poll_times_out_empty_and_offset_confirms(
    bot: telegram.Bot, fake: FakeTelegram
) -> None:
    started = time.monotonic()
    assert await bot.get_updates(timeout=1) == ()
    assert time.monotonic() - started >= 0.9
    first = fake.send_text(USER, "one")
    second = fake.send_raw_message(USER, **media("photo"), caption="look")
    updates = await bot.get_updates(limit=1)
    assert [u.update_id for u in updates] == [first["update_id"]]
    (update,) = await bot.get_updates(offset=first["update_id"] + 1)
    assert update.update_id == second["update_id"] and update.message.caption == "look"
    assert update.message.photo[-1].width == 1280
    assert await bot.get_updates(offset=second["update_id"] + 1) == ()


async def test_injected_messages_parse_as_real_updates(
    bot: telegram.Bot, fake: FakeTelegram
) -> None:
    kinds = ["sticker", "voice", "photo", "document", "location", "contact", "poll", "video"]
    for kind in kinds:
        fake.send_raw_message(USER, **media(kind))
    for origin in ["user", "hidden_user", "chat", "channel"]:
        fake.forward(USER, "We are hiring!", origin=origin)
    fake.edit_text(USER, 1, "edited")
    fake.send_text(-100500, "in a group", chat_type="supergroup", username=None)
    updates = await bot.get_updates()
    assert [bool(getattr(u.message, k)) for u, k in zip(updates, kinds, strict=False)] == [True] * 8
    origins = [u.message.forward_origin for u in updates[8:12]]
    assert [o.type for o in origins] == ["user", "hidden_user", "chat", "channel"]
    assert origins[1].sender_user_name and origins[3].chat.type == "channel"
    assert updates[12].edited_message.text == "edited" and updates[12].edited_message.edit_date
    assert updates[13].message.chat.type == "supergroup" and updates[13].message.chat.title


async def test_press_and_answer(bot: telegram.Bot, fake: FakeTelegram) -> None:
    await bot.send_message(USER, "Draft", reply_markup=keyboard("approve"))
    await bot.edit_message_text("Draft v2", USER, 1, reply_markup=keyboard("approve"))
    update = fake.press(USER, 1, button="Approve")
    (received,) = await bot.get_updates()
    query = received.callback_query
    assert query.data == "approve" and query.message.text == "Draft v2"
    await bot.answer_callback_query(update["callback_query"]["id"], text="Done")
    assert fake.answered_callbacks[0]["text"] == "Done"
    with pytest.raises(BadRequest, match=r"(?i)query is too old"):
        await bot.answer_callback_query("nope")


async def test_upload_document_and_download(bot: telegram.Bot, fake: FakeTelegram) -> None:
    sent = await bot.send_document(USER, b"a,b\n1,2\n", filename="export.csv", caption="data")
    upload = fake.calls_to("sendDocument")[0].params["document"]
    assert (upload["filename"], upload["content"]) == ("export.csv", b"a,b\n1,2\n")
    assert sent.document.file_name == "export.csv" and sent.caption == "data"
    async with telegram.Bot(TOKEN, base_url=f"{fake.url}/bot",
                            base_file_url=f"{fake.url}/file/bot") as bot2:  # fmt: skip
        file = await bot2.get_file(sent.document.file_id)
        assert bytes(await file.download_as_bytearray()) == b"a,b\n1,2\n"


async def test_wrong_token_and_unknown_method(bot: telegram.Bot, fake: FakeTelegram) -> None:
    with pytest.raises(InvalidToken, match="rejected by the server"):
        async with telegram.Bot("123:WRONG", base_url=f"{fake.url}/bot"):
            pass
    with pytest.raises(EndPointNotFound) as exc:  # how PTB reports the API's 404
        await bot.do_api_request("sendTelepathy", api_kwargs={"chat_id": USER})
    assert "method not found" in str(exc.value.__cause__)
    assert fake.calls[-1].method == "sendTelepathy" and fake.calls[-1].status == 404


async def test_application_polls_and_replies(fake: FakeTelegram) -> None:
    async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Reply with the same text."""
        await update.message.reply_text(f"echo: {update.message.text}", do_quote=True)

    app = (
        Application.builder()
        .token(TOKEN)
        .base_url(f"{fake.url}/bot")
        .base_file_url(f"{fake.url}/file/bot")
        .build()
    )
    app.add_handler(MessageHandler(filters.TEXT, echo))
    async with app:
        await app.start()
        await app.updater.start_polling(poll_interval=0, timeout=5)
        fake.send_text(USER, "hi there")
        (call,) = await fake.wait_for("sendMessage")
        started = time.monotonic()
        await app.updater.stop()
        await app.stop()
    assert time.monotonic() - started < 3
    assert call.params["text"] == "echo: hi there"
    assert call.params["reply_parameters"]["message_id"] == 1
    assert fake.messages(USER)[0]["reply_to_message"]["text"] == "hi there"
    assert [c.method for c in fake.calls[:3]] == ["getMe", "deleteWebhook", "getUpdates"]


async def test_wait_for_times_out_with_a_useful_message(fake: FakeTelegram) -> None:
    with pytest.raises(AssertionError, match="no 1 x sendMessage"):
        await fake.wait_for("sendMessage", timeout=0.2)


def test_thread_mode_wakes_a_long_poll_from_another_thread() -> None:
    async def echo_once(url: str) -> None:
        async with telegram.Bot(TOKEN, base_url=f"{url}/bot") as bot:
            (update,) = await bot.get_updates(timeout=10)
            await bot.send_message(update.message.chat_id, f"echo: {update.message.text}")

    with FakeTelegram(token=TOKEN) as fake:
        worker = threading.Thread(target=asyncio.run, args=(echo_once(fake.url),))
        worker.start()
        fake.wait_for_sync("getMe")
        time.sleep(0.2)  # the bot is now parked in getUpdates
        fake.send_text(USER, "hello")
        (call,) = fake.wait_for_sync("sendMessage", lambda c: c.params["text"].startswith("echo"))
        worker.join(10)
        assert call.params == {"chat_id": USER, "text": "echo: hello"}
        assert [m["text"] for m in fake.messages(USER)] == ["echo: hello"]
        reply = fake.reply_to(USER, 2, "thanks")
        assert reply["message"]["reply_to_message"]["text"] == "echo: hello"


# --- webhook delivery ---------------------------------------------------------------------

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
PUBLIC_URL = "https://coldshoulder.example/telegram/webhook"  # the load balancer's address


class Receiver:
    """One bot replica's webhook endpoint on loopback: records what arrives, answers as told."""

    def __init__(self) -> None:
        self.got: list[tuple[str | None, dict]] = []  # (secret header, update)
        self.answers: list[int] = []  # statuses for the next requests; then 200
        self.on_update: Callable[[dict], Awaitable[None]] | None = None
        self.url = ""
        self._runner: web.AppRunner | None = None

    @property
    def ids(self) -> list[int]:
        return [update["update_id"] for _, update in self.got]

    async def _handle(self, request: web.Request) -> web.Response:
        update = await request.json()
        self.got.append((request.headers.get(SECRET_HEADER), update))
        if self.on_update:
            await self.on_update(update)
        return web.Response(status=self.answers.pop(0) if self.answers else 200)

    async def start(self) -> Receiver:
        app = web.Application()
        app.router.add_post("/telegram/webhook", self._handle)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=1)
        await self._runner.setup()
        sock = socket.socket()
        sock.bind(("127.0.0.1", 0))
        await web.SockSite(self._runner, sock).start()
        self.url = f"http://127.0.0.1:{sock.getsockname()[1]}/telegram/webhook"
        return self

    async def close(self) -> None:
        if self._runner:
            await self._runner.cleanup()


@pytest.fixture
async def receivers() -> AsyncIterator[tuple[Receiver, Receiver]]:
    a, b = await Receiver().start(), await Receiver().start()
    yield a, b
    await a.close()
    await b.close()


def closed_port_url() -> str:
    """A loopback URL nobody listens on: a replica that is down."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/telegram/webhook"


async def until(check: Callable[[], object], timeout: float = 5) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, "condition not met in time"
        await asyncio.sleep(0.01)


async def test_webhook_delivers_with_the_secret_and_the_bot_replies(
    bot: telegram.Bot, fake: FakeTelegram, receivers: tuple[Receiver, Receiver]
) -> None:
    a, _ = receivers

    async def reply(raw: dict) -> None:  # the bot's webhook handler: the normal API replies
        update = Update.de_json(raw, bot)
        if update.message:
            await bot.send_message(update.message.chat_id, f"echo: {update.message.text}")

    a.on_update = reply
    with pytest.raises(BadRequest, match="unallowed characters"):
        await bot.set_webhook(a.url, secret_token="no spaces allowed")
    assert await bot.set_webhook(
        a.url, secret_token="s3cret_T0ken", max_connections=5, allowed_updates=["message"]
    )
    assert fake.webhook_secret == "s3cret_T0ken"
    info = await bot.get_webhook_info()
    assert (info.url, info.max_connections, info.allowed_updates) == (a.url, 5, ("message",))
    with pytest.raises(Conflict, match="webhook is active"):
        await bot.get_updates()

    first = fake.send_text(USER, "hi")
    record = await fake.wait_delivered(first)
    assert (record.target, record.status, record.error) == (a.url, 200, None)
    assert a.got == [("s3cret_T0ken", first)]
    await fake.wait_for("sendMessage")
    assert [m["text"] for m in fake.messages(USER)] == ["echo: hi"]

    fake.edit_text(USER, 1, "hi (edited)")  # an edited_message: not in allowed_updates
    second = fake.send_text(USER, "again")
    await fake.wait_delivered(second["update_id"])
    assert a.ids == [first["update_id"], second["update_id"]]
    assert (await bot.get_webhook_info()).pending_update_count == 0


async def test_webhook_without_secret_sends_no_header(
    bot: telegram.Bot, fake: FakeTelegram, receivers: tuple[Receiver, Receiver]
) -> None:
    a, _ = receivers
    await bot.set_webhook(a.url)
    update = fake.send_text(USER, "hi")
    await fake.wait_delivered(update)
    assert a.got == [(None, update)]


async def test_targets_take_deliveries_round_robin(
    bot: telegram.Bot, fake: FakeTelegram, receivers: tuple[Receiver, Receiver]
) -> None:
    a, b = receivers
    with pytest.raises(AssertionError, match="not a loopback"):
        fake.webhook_targets = [a.url, "http://10.0.0.1/telegram/webhook"]
    fake.webhook_targets = [a.url, b.url]
    await bot.set_webhook(PUBLIC_URL, secret_token="lb")
    ids = [fake.send_text(USER, f"message {i}")["update_id"] for i in range(4)]
    await fake.wait_delivered(ids[-1])
    assert a.ids == [ids[0], ids[2]] and b.ids == [ids[1], ids[3]]
    assert {secret for secret, _ in a.got + b.got} == {"lb"}
    assert [(d.update_id, d.target) for d in fake.deliveries] == [
        (ids[0], a.url), (ids[1], b.url), (ids[2], a.url), (ids[3], b.url)
    ]  # fmt: skip


async def test_non_2xx_is_retried_in_order(
    bot: telegram.Bot, fake: FakeTelegram, receivers: tuple[Receiver, Receiver]
) -> None:
    a, _ = receivers
    a.answers = [500]
    await bot.set_webhook(a.url)
    first, second = fake.send_text(USER, "one"), fake.send_text(USER, "two")
    await fake.wait_delivered(second, timeout=5)
    assert a.ids == [first["update_id"], first["update_id"], second["update_id"]]
    attempts = [d for d in fake.deliveries if d.update_id == first["update_id"]]
    assert [d.status for d in attempts] == [500, 200]
    assert attempts[1].time - attempts[0].time >= 0.15  # backed off before the retry
    info = await bot.get_webhook_info()
    assert info.last_error_message == "Wrong response from the webhook: 500"


async def test_a_replica_that_is_down_is_routed_around(
    bot: telegram.Bot, fake: FakeTelegram, receivers: tuple[Receiver, Receiver]
) -> None:
    _, b = receivers
    dead = closed_port_url()
    fake.webhook_targets = [dead, b.url]
    await bot.set_webhook(PUBLIC_URL)
    ids = [fake.send_text(USER, f"message {i}")["update_id"] for i in range(3)]
    await fake.wait_delivered(ids[-1], timeout=5)
    assert b.ids == ids  # all of them, each once, in order
    failed = [d for d in fake.deliveries if d.target == dead]
    assert failed and all(d.status is None and d.error for d in failed)
    assert all(d.ok for d in fake.deliveries if d.target == b.url)


async def test_never_delivered_times_out_with_the_attempts(
    bot: telegram.Bot, fake: FakeTelegram
) -> None:
    await bot.set_webhook(PUBLIC_URL)  # no targets: the public URL is never posted to
    update = fake.send_text(USER, "hi")
    with pytest.raises(AssertionError, match=r"not delivered.*not a loopback address"):
        await fake.wait_delivered(update, timeout=0.5)


async def test_deliver_to_all_hits_every_target_at_once(
    bot: telegram.Bot, fake: FakeTelegram, receivers: tuple[Receiver, Receiver]
) -> None:
    a, b = receivers
    fake.webhook_targets = [a.url, b.url]
    await bot.set_webhook(PUBLIC_URL, secret_token="dup")
    update = fake.send_text(USER, "hi")
    await fake.wait_delivered(update)
    assert (a.ids, b.ids) == ([update["update_id"]], [])

    arrived, both = 0, asyncio.Event()

    async def meet(_: dict) -> None:  # answers only once both replicas hold the update
        nonlocal arrived
        arrived += 1
        if arrived == 2:
            both.set()
        await asyncio.wait_for(both.wait(), 2)  # sequential delivery would time out: 500

    a.on_update = b.on_update = meet
    records = await fake.deliver_to_all(update)
    assert [(r.target, r.status) for r in records] == [(a.url, 200), (b.url, 200)]
    assert a.got[-1] == b.got[-1] == ("dup", update)
    assert (a.ids, b.ids) == ([update["update_id"]] * 2, [update["update_id"]])


async def test_delete_webhook_returns_pending_updates_to_get_updates(
    bot: telegram.Bot, fake: FakeTelegram
) -> None:
    fake.webhook_targets = [closed_port_url()]
    await bot.set_webhook(PUBLIC_URL)
    first, second = fake.send_text(USER, "one"), fake.send_text(USER, "two")
    await until(lambda: fake.deliveries)
    assert (await bot.get_webhook_info()).pending_update_count == 2
    await bot.delete_webhook()
    await asyncio.sleep(0.3)
    tried = len(fake.deliveries)
    await asyncio.sleep(0.5)
    assert len(fake.deliveries) == tried  # delivery stopped
    assert {d.update_id for d in fake.deliveries} == {first["update_id"]}
    updates = await bot.get_updates()
    assert [u.update_id for u in updates] == [first["update_id"], second["update_id"]]

    await bot.set_webhook(PUBLIC_URL)
    await bot.delete_webhook(drop_pending_updates=True)
    assert await bot.get_updates() == ()


async def test_thread_mode_delivers_from_the_fakes_own_loop(
    receivers: tuple[Receiver, Receiver],
) -> None:
    a, b = receivers  # served by this test's loop; the fake runs on its own thread's loop
    fake = FakeTelegram(token=TOKEN).start_in_thread()
    try:
        async with telegram.Bot(TOKEN, base_url=f"{fake.url}/bot") as bot:
            await bot.set_webhook(PUBLIC_URL, secret_token="t")
        fake.webhook_targets = [a.url, b.url]
        first = fake.send_text(USER, "one")
        assert (await fake.wait_delivered(first)).target == a.url
        second = fake.send_text(USER, "two")
        assert (await asyncio.to_thread(fake.wait_delivered_sync, second)).target == b.url
        assert [r.status for r in await fake.deliver_to_all(first)] == [200, 200]
        records = await asyncio.to_thread(fake.deliver_to_all_sync, second)
        assert [r.target for r in records] == [a.url, b.url] and all(r.ok for r in records)
        assert (a.ids, b.ids) == ([1, 1, 2], [2, 1, 2])
    finally:
        await asyncio.to_thread(fake.stop)


async def test_business_sends_are_checked_and_recorded(bot: telegram.Bot, fake: FakeTelegram):
    """A send as the owner needs a known, enabled connection that may reply, in a chat the
    other person wrote in; getBusinessConnection and readBusinessMessage answer too."""
    fake.connect_business(USER, "bc1", quiet=True)
    connection = await bot.get_business_connection("bc1")
    assert connection.user.id == USER and connection.rights.can_reply
    with pytest.raises(BadRequest, match=r"(?i)business_connection_invalid"):
        await bot.send_message(7001, "Hi", business_connection_id="nope")
    with pytest.raises(Forbidden):  # Priya never wrote: no chat to reply in
        await bot.send_message(7001, "Hi", business_connection_id="bc1")
    update = fake.business_message("bc1", 7001, "Quick call?")
    sent = await bot.send_message(7001, "No, thanks.", business_connection_id="bc1")
    assert sent.business_connection_id == "bc1" and sent.from_user.id == USER
    assert [m["text"] for m in fake.sent_as_owner("bc1", 7001)] == ["No, thanks."]
    assert fake.calls_to("sendMessage")[-1].params["business_connection_id"] == "bc1"
    message_id = update["business_message"]["message_id"]
    assert await bot.read_business_message("bc1", 7001, message_id)

    fake.connect_business(USER, "bc1", can_reply=False, quiet=True)
    with pytest.raises(Forbidden):
        await bot.send_message(7001, "Hi", business_connection_id="bc1")
    fake.connect_business(USER, "bc1", enabled=False, quiet=True)
    with pytest.raises(BadRequest, match=r"(?i)not_allowed"):
        await bot.send_message(7001, "Hi", business_connection_id="bc1")
    assert len(fake.sent_as_owner("bc1", 7001)) == 1
