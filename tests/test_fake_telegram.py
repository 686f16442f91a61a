"""The Telegram fake, driven by the real python-telegram-bot client over real HTTP."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import AsyncIterator

import pytest
import telegram
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import BadRequest, EndPointNotFound, InvalidToken, RetryAfter
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
