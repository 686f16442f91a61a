"""The real Application, in process: real Updates through every handler, Bot API calls recorded.

`build_application` as `coldshoulder run` builds it (SQLite store, offline engine), its Bot on
the in-process transport of tests/fakes/transport.py. Each test hands updates to
`app.process_update` and checks the Bot API calls that one update made.
"""

from __future__ import annotations

import html
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from telegram import Update
from telegram.ext import Application

from bot.telegram import texts
from tests.fakes.telegram import media
from tests.fakes.transport import Call, RecordingRequest
from tests.helpers import (
    GROUP,
    OWNER,
    STRANGER,
    app_settings,
    build_app,
    make_callback_update,
    make_message_update,
    running,
)

PITCH = (
    "Hi Sam, thanks for connecting! I help companies like yours generate 30+ qualified "
    "leads a month with our done-for-you outreach. Do you have 15 minutes this week for a "
    "quick call? Best, Priya"
)


class Harness:
    """The running application and its transport; `send` returns the calls one update made."""

    def __init__(self, app: Application, transport: RecordingRequest) -> None:
        self.app, self.transport, self.bot = app, transport, app.bot

    async def send(self, update: Update) -> list[Call]:
        before = len(self.transport.calls)
        await self.app.process_update(update)
        return self.transport.calls[before:]

    async def card(self, text: str = PITCH) -> Call:
        """Forward `text` and return the card (the sendMessage with the case's buttons)."""
        calls = await self.send(make_message_update(self.bot, text, forwarded_from="Priya"))
        assert [c.method for c in calls] == ["sendChatAction", "sendMessage"], calls
        return calls[-1]


@pytest.fixture
async def bot(tmp_path: Path) -> AsyncIterator[Harness]:
    transport = RecordingRequest()
    app = build_app(app_settings(f"sqlite+aiosqlite:///{tmp_path / 'cs.db'}"), transport)
    async with running(app):
        yield Harness(app, transport)


def button(card: Call, prefix: str) -> str:
    """The callback data of the card's button that starts with `prefix`."""
    return next(d for d in card.callback_data if d.startswith(prefix))


async def test_start_up_registers_the_commands(bot: Harness):
    [call] = bot.transport.calls_to("setMyCommands")
    assert [c["command"] for c in call.params["commands"]] == [n for n, _ in texts.COMMANDS]


async def test_a_forward_gets_typing_then_a_card_with_buttons(bot: Harness):
    calls = await bot.send(make_message_update(bot.bot, PITCH, forwarded_from="Priya"))

    assert [c.method for c in calls] == ["sendChatAction", "sendMessage"]
    typing, card = calls
    assert typing.params == {"chat_id": OWNER, "action": "typing"}
    assert card.params["chat_id"] == OWNER
    assert card.params["parse_mode"] == "HTML"
    approve = button(card, "cs1:ap:")
    assert approve.split(":")[2].isdigit()  # names the stored case
    assert {d.split(":")[1] for d in card.callback_data} >= {"ap", "ed", "rg", "tn", "dc"}


async def test_approve_answers_and_sends_the_copy_ready_reply_once(bot: Harness):
    card = await bot.card()
    approve = button(card, "cs1:ap:")

    calls = await bot.send(make_callback_update(bot.bot, approve, card.result))

    assert [c.method for c in calls] == [
        "answerCallbackQuery",  # answered before anything slower
        "editMessageText",  # the card, closed
        "sendMessage",  # the reply alone
    ]
    answer, closed, reply = calls
    assert answer.params["text"] == texts.APPROVED
    assert closed.params["message_id"] == card.result["message_id"]
    assert "reply_markup" not in closed.params  # a closed card has no buttons
    assert reply.params["chat_id"] == OWNER
    [copy] = reply.buttons
    assert copy["copy_text"]["text"] == html.unescape(reply.params["text"])
    assert copy["copy_text"]["text"].strip()

    again = await bot.send(make_callback_update(bot.bot, approve, card.result))

    assert [c.method for c in again] == ["answerCallbackQuery"]
    assert again[0].params["text"] == texts.ALREADY["approved"]


async def test_a_stranger_is_told_their_id(bot: Harness):
    calls = await bot.send(make_message_update(bot.bot, PITCH, user_id=STRANGER))

    assert [c.method for c in calls] == ["sendMessage"]
    assert calls[0].params["chat_id"] == STRANGER
    assert calls[0].params["text"] == texts.stranger(STRANGER)


async def test_a_stranger_pressing_a_button_is_turned_away(bot: Harness):
    card = await bot.card()
    foreign = make_callback_update(bot.bot, button(card, "cs1:ap:"), card.result, user_id=STRANGER)

    calls = await bot.send(foreign)

    assert [(c.method, c.params.get("text")) for c in calls] == [
        ("answerCallbackQuery", texts.STRANGER_BUTTON)
    ]


async def test_a_group_chat_gets_the_private_chats_only_answer(bot: Harness):
    calls = await bot.send(make_message_update(bot.bot, PITCH, chat_id=GROUP))

    assert [c.method for c in calls] == ["sendMessage"]
    assert calls[0].params["chat_id"] == GROUP
    assert calls[0].params["text"] == texts.GROUP_CHAT


async def test_a_sticker_gets_the_cannot_read_this_answer(bot: Harness):
    calls = await bot.send(make_message_update(bot.bot, **media("sticker")))

    assert [c.method for c in calls] == ["sendMessage"]
    assert calls[0].params["text"] == texts.UNSUPPORTED["sticker"]


@pytest.mark.parametrize(
    "data",
    [
        "cs1:se:0:bogus",
        "cs1:ap:notanumber",
        "cs1:zz:1",
        "garbage",
    ],
)
async def test_forged_button_data_gets_the_expired_answer(bot: Harness, data: str):
    message = (await bot.send(make_message_update(bot.bot, "/help")))[-1].result

    calls = await bot.send(make_callback_update(bot.bot, data, message))

    assert [(c.method, c.params.get("text")) for c in calls] == [
        ("answerCallbackQuery", texts.STALE_BUTTON)
    ]
