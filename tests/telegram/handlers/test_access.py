"""The gate (bot/telegram/handlers/access.py): strangers and group chats stop here."""

from __future__ import annotations

from bot.telegram import texts
from tests.helpers import GROUP, OWNER, PITCH, STRANGER, Harness, button


async def test_a_stranger_is_told_their_id_and_costs_nothing(bot: Harness):
    calls = await bot.say(PITCH, user_id=STRANGER)

    assert [c.method for c in calls] == ["sendMessage"]
    assert calls[0].params["chat_id"] == STRANGER
    assert calls[0].params["text"] == texts.stranger(STRANGER)
    assert str(STRANGER) in calls[0].params["text"]
    assert "COLDSHOULDER_ALLOWED_USERS" in calls[0].params["text"]
    assert bot.rows("select count(*) from cases") == [(0,)]
    assert bot.rows("select count(*) from users where id = ?", STRANGER) == [(0,)]


async def test_a_stranger_pressing_a_button_is_turned_away(bot: Harness):
    card = await bot.card()

    calls = await bot.press(card, button(card, "cs1:ap:"), user_id=STRANGER)

    assert [(c.method, c.params.get("text")) for c in calls] == [
        ("answerCallbackQuery", texts.STRANGER_BUTTON)
    ]
    assert bot.rows("select status from cases") == [("drafted",)]


async def test_a_group_chat_gets_one_line_and_no_card(bot: Harness):
    calls = await bot.say(PITCH, user_id=OWNER, chat_id=GROUP)

    assert [c.method for c in calls] == ["sendMessage"]
    assert calls[0].params["chat_id"] == GROUP
    assert calls[0].params["text"] == texts.GROUP_CHAT
    assert "\n" not in calls[0].params["text"]
    assert bot.rows("select count(*) from cases") == [(0,)]
