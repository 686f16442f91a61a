"""Commands about the user's own data (bot/telegram/handlers/commands.py): /help, /stats,
/history, /export, /forget, and commands the bot does not know."""

from __future__ import annotations

import json

from bot.telegram import texts
from tests.helpers import OWNER, SECOND, Harness, button, case_id


async def test_help_lists_the_commands_and_an_unknown_command_points_to_it(bot: Harness):
    [help_] = await bot.say("/help")
    assert help_.params["text"] == texts.HELP and "/history" in help_.params["text"]

    [unknown] = await bot.say("/nonsense")
    assert unknown.params["text"] == texts.UNKNOWN_COMMAND
    assert "don't know that command" in unknown.params["text"]


async def test_history_pages_ten_at_a_time_and_shows_only_open_cases(bot: Harness):
    for i in range(12):
        await bot.say(f"Hi, we help agencies like yours grow {i + 10}x. Quick call this week?")
    [first] = await bot.say("/history")
    assert "(1–10)" in first.params["text"]
    assert sum(d.startswith("cs1:op:") for d in first.callback_data) == 10
    assert "cs1:hp:10:all" in first.callback_data and "cs1:hp:0:open" in first.callback_data

    [_, older] = await bot.press(first, "cs1:hp:10:all")
    assert older.method == "editMessageText" and "(11–12)" in older.params["text"]
    assert sum(d.startswith("cs1:op:") for d in older.callback_data) == 2
    assert "cs1:hp:0:all" in older.callback_data  # back to the newer page

    closed = first.callback_data[0].split(":")[2]  # the newest case: discard its card
    card_calls = [c for c in bot.transport.calls if c.method == "sendMessage" and c.callback_data]
    card = next(c for c in card_calls if f"cs1:ap:{closed}" in c.callback_data)
    await bot.press(card, f"cs1:dc:{closed}")
    [_, only_open] = await bot.press(first, "cs1:hp:0:open")
    assert "Open cases" in only_open.params["text"] and "(1–10)" in only_open.params["text"]
    assert f"cs1:op:{closed}" not in only_open.callback_data
    assert "cs1:hp:0:all" in only_open.callback_data


async def test_a_forged_history_page_is_a_stale_button(bot: Harness):
    [listing] = await bot.say("/history")
    [answer] = await bot.press(listing, "cs1:hp:0:everything")
    assert answer.params["text"] == texts.STALE_BUTTON


async def test_history_reopens_a_case_as_a_fresh_card(bot: Harness):
    card = await bot.card()
    [listing] = await bot.say("/history")
    assert "Recent cases" in listing.params["text"]
    reopen = button(listing, "cs1:op:")
    assert reopen == f"cs1:op:{case_id(card)}"

    [answer, retired, reopened] = await bot.press(listing, reopen)

    assert answer.method == "answerCallbackQuery"
    assert (retired.method, retired.params["text"]) == ("editMessageText", texts.CARD_REOPENED)
    assert retired.params["message_id"] == card.result["message_id"]
    assert reopened.method == "sendMessage" and case_id(reopened) == case_id(card)
    assert bot.rows("select card_message_id from cases") == [(reopened.result["message_id"],)]


async def test_export_then_forget_touch_only_that_users_cases(bot: Harness):
    await bot.card(user_id=OWNER)
    await bot.card(user_id=SECOND)
    await bot.card("Open to a quick 15-minute chat next week?", user_id=SECOND)

    [document] = await bot.say("/export", user_id=SECOND)
    assert document.method == "sendDocument" and document.params["chat_id"] == SECOND
    data = json.loads(document.params["document"]["content"])
    assert data["user_id"] == SECOND and len(data["cases"]) == 2
    assert all(c["user_id"] == SECOND for c in data["cases"])
    assert document.params["caption"] == texts.EXPORT_CAPTION.format(cases=2)

    [confirm] = await bot.say("/forget", user_id=SECOND)
    assert "can't be undone" in confirm.params["text"]
    [answer, done] = await bot.press(confirm, button(confirm, "cs1:fg:"), user_id=SECOND)

    assert answer.method == "answerCallbackQuery"
    assert done.method == "editMessageText"
    assert done.params["message_id"] == confirm.result["message_id"]
    assert "deleted 2 case(s)" in done.params["text"]
    assert bot.rows("select count(*) from cases where user_id = ?", SECOND) == [(0,)]
    assert bot.rows("select count(*) from cases where user_id = ?", OWNER) == [(1,)]


async def test_stats_sends_the_chart_with_the_figures_as_its_caption(bot: Harness):
    await bot.card()

    [chart] = await bot.say("/stats")

    assert chart.method == "sendPhoto"
    assert chart.params["photo"]["content"].startswith(b"\x89PNG")
    assert "Cold messages: 1\n  • sales pitch: 1\n" in chart.params["caption"]
    assert "Still waiting for you (last 14 days): 1" in chart.params["caption"]
