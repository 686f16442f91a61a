"""What the user sees when something goes wrong (bot/telegram/handlers/errors.py)."""

from __future__ import annotations

import logging

import pytest
from telegram.error import BadRequest

from bot.telegram import texts
from tests.helpers import Harness, case_id


@pytest.mark.parametrize(
    "data",
    [
        "cs1:se:0:bogus",
        "cs1:ap:notanumber",
        "cs1:ap:1:DROP TABLE",
        "cs1:zz:1",
        "garbage",
    ],
)
async def test_forged_button_data_gets_the_expired_answer(bot: Harness, data: str):
    [message] = await bot.say("/help")

    calls = await bot.press(message, data)

    assert [(c.method, c.params.get("text")) for c in calls] == [
        ("answerCallbackQuery", texts.STALE_BUTTON)
    ]
    assert "expired" in texts.STALE_BUTTON


async def test_an_error_is_logged_and_the_user_told_their_message_is_kept(
    bot: Harness, caplog: pytest.LogCaptureFixture
):
    def is_card(params: dict) -> bool:
        return "cs1:ap:" in str(params.get("reply_markup"))

    bot.transport.fail_next("sendMessage", 400, "Bad Request: boom", when=is_card)

    calls = await bot.say("Quick call this week? Let's explore synergies!")

    assert [(c.method, c.status) for c in calls] == [
        ("sendChatAction", 200),
        ("sendMessage", 400),  # the card, refused
        ("sendMessage", 200),  # the apology
    ]
    assert calls[-1].params["text"] == texts.ERROR and "Your message is saved" in texts.ERROR
    [logged] = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert logged.exc_info is not None  # the traceback goes to the log, not to the user
    assert isinstance(logged.exc_info[1], BadRequest) and str(logged.exc_info[1]) == "Boom"

    [listing] = await bot.say("/history")
    assert "meeting request" in listing.params["text"]


async def test_a_press_that_failed_after_its_answer_is_not_answered_twice(bot: Harness):
    card = await bot.card()
    case = case_id(card)
    bot.transport.fail_next("editMessageText", 400, "Bad Request: boom")

    calls = await bot.press(card, f"cs1:rg:{case}")

    assert [(c.method, c.status) for c in calls] == [
        ("answerCallbackQuery", 200),  # the handler's own answer
        ("editMessageText", 400),  # then it failed
        ("sendMessage", 200),  # the error handler speaks in the chat, not with a second answer
    ]
    assert calls[-1].params["text"] == texts.BUTTON_ERROR
