"""A case card's buttons (bot/telegram/handlers/cards.py), pressed on real cards."""

from __future__ import annotations

import asyncio
import html

import pytest

from bot.models import Category
from bot.telegram import texts
from tests.helpers import OWNER, PITCH, SECOND, Harness, UnsureEngine, button, case_id

GENUINE = (
    "Hi Sam, it was great meeting you at the Berlin product meetup on Thursday. As promised, "
    "here is the name of the book I mentioned: Working in Public. Enjoy!\nMarta"
)
SCAM = (
    "Dear user, your mailbox has exceeded its storage quota. Verify your account within 24 "
    "hours or it will be suspended: click here to log in and confirm your password."
)


def answers(calls) -> list[str]:
    return [c.params.get("text", "") for c in calls if c.method == "answerCallbackQuery"]


async def test_approve_answers_first_then_sends_the_reply_once_and_closes_the_card(
    bot: Harness,
):
    card = await bot.card()
    approve = button(card, "cs1:ap:")

    calls = await bot.press(card, approve)

    assert [c.method for c in calls] == [
        "answerCallbackQuery",  # answered before anything slower
        "sendMessage",  # the reply alone: nothing else may hold it up
        "editMessageText",  # the card, closed
    ]
    answer, reply, closed = calls
    assert answer.params["text"] == texts.APPROVED
    assert closed.params["message_id"] == card.result["message_id"]
    assert "reply_markup" not in closed.params  # a closed card has no buttons
    assert reply.params["chat_id"] == OWNER
    [copy] = reply.buttons
    approved_text = bot.rows("select approved_text from cases where id = ?", case_id(card))[0][0]
    assert copy["copy_text"]["text"] == approved_text == html.unescape(reply.params["text"])
    assert approved_text.strip()

    again = await bot.press(card, approve)

    assert [(c.method, c.params.get("text")) for c in again] == [
        ("answerCallbackQuery", texts.ALREADY["approved"])
    ]


async def test_a_double_tap_on_approve_sends_one_reply(bot: Harness):
    card = await bot.card("Hope you're well! Open to a quick 15-minute chat?", forwarded_from=None)
    approve = button(card, "cs1:ap:")
    before = len(bot.transport.calls)

    # Two presses handled at once, as from a double-tap on a slow phone.
    await asyncio.gather(bot.press(card, approve), bot.press(card, approve))

    calls = bot.transport.calls[before:]
    first, second = sorted(answers(calls), key=lambda text: text != texts.APPROVED)
    assert first == texts.APPROVED
    # The second press finds the reply on its way, or already there; either way it says so.
    assert second in (texts.REPLY_RESENDING, texts.ALREADY["approved"])
    assert len([c for c in calls if c.method == "sendMessage"]) == 1
    [closed] = [c for c in calls if c.method == "editMessageText"]
    assert closed.params["message_id"] == card.result["message_id"]
    assert "Approved" in closed.params["text"] and "reply_markup" not in closed.params
    assert bot.rows("select status from cases") == [("approved",)]


async def test_regenerate_tone_and_back_redraw_the_card_in_place(bot: Harness):
    card = await bot.card()
    case = case_id(card)

    [answer, redrawn] = await bot.press(card, f"cs1:rg:{case}")
    assert (answer.method, redrawn.method) == ("answerCallbackQuery", "editMessageText")
    assert redrawn.params["message_id"] == card.result["message_id"]
    assert redrawn.params["text"] != card.params["text"]

    [_, tones] = await bot.press(card, f"cs1:tn:{case}")
    assert tones.method == "editMessageReplyMarkup"
    assert {f"cs1:ts:{case}:{t}" for t in ("pointed", "firm", "warm")} <= set(tones.callback_data)

    [_, retoned] = await bot.press(card, f"cs1:ts:{case}:firm")
    assert retoned.method == "editMessageText"
    assert "Draft · firm" in retoned.params["text"]
    assert bot.rows("select count(*) from drafts where case_id = ?", case) == [(3,)]

    [_, back] = await bot.press(card, f"cs1:bk:{case}")
    assert back.method == "editMessageReplyMarkup"
    assert f"cs1:ap:{case}" in back.callback_data


async def test_edit_by_reply_becomes_the_new_draft_and_the_card_returns(bot: Harness):
    card = await bot.card("Quick question: can we hop on a 15 minute call this week?")
    case = case_id(card)

    [answer, prompt] = await bot.press(card, f"cs1:ed:{case}")
    assert answer.method == "answerCallbackQuery"
    assert prompt.params["text"] == texts.EDIT_PROMPT
    assert prompt.callback_data == ["cs1:cx:0"]  # Cancel

    mine = "Thanks, but I don't take calls like this."
    [unbuttoned, retired, new_card] = await bot.say(mine, reply_to=prompt.result)

    assert unbuttoned.method == "editMessageReplyMarkup"
    assert unbuttoned.params["message_id"] == prompt.result["message_id"]

    assert retired.method == "editMessageText"
    assert retired.params["message_id"] == card.result["message_id"]
    assert retired.params["text"] == texts.CARD_MOVED
    assert new_card.method == "sendMessage" and case_id(new_card) == case
    assert "Your version" in new_card.params["text"]
    assert "I don&#x27;t take calls like this." in new_card.params["text"]
    assert bot.rows(
        "select edited, text from drafts where case_id = ? order by version desc limit 1", case
    ) == [(1, mine)]


async def test_discard_closes_the_card_for_good(bot: Harness):
    card = await bot.card("We're hiring! Exciting opportunity for a senior engineer.")
    case = case_id(card)

    [answer, closed] = await bot.press(card, f"cs1:dc:{case}")

    assert answer.params["text"] == texts.DISCARDED
    assert closed.method == "editMessageText" and "reply_markup" not in closed.params
    assert bot.rows("select status from cases where id = ?", case) == [("discarded",)]
    again = await bot.press(card, f"cs1:ap:{case}")
    assert answers(again) == [texts.ALREADY["discarded"]]


async def test_tone_on_a_genuine_card_says_it_is_always_warm(bot: Harness):
    card = await bot.card(GENUINE)

    [answer] = await bot.press(card, f"cs1:tn:{case_id(card)}")

    assert answer.method == "answerCallbackQuery"
    assert answer.params["text"] == texts.GENUINE_TONE and answer.params["show_alert"] is True


async def test_genuine_gets_a_warm_card_and_scam_holds_the_draft_back(bot: Harness):
    genuine = (await bot.card(GENUINE)).params["text"]
    assert "Looks genuine" in genuine and texts.CARD_DRAFT_GENUINE in genuine
    assert "for my interest" not in genuine

    scam = await bot.card(SCAM)
    assert "best reply is none" in scam.params["text"]
    assert "<blockquote>" not in scam.params["text"]

    [_, shown] = await bot.press(scam, button(scam, "cs1:sd:"))

    assert shown.method == "editMessageText"
    assert shown.params["message_id"] == scam.result["message_id"]
    assert "<blockquote>" in shown.params["text"]


async def test_a_press_on_another_users_case_changes_nothing(bot: Harness):
    card = await bot.card()
    case = case_id(card)
    [their_message] = await bot.say("/help", user_id=SECOND)

    calls = await bot.press(their_message, f"cs1:ap:{case}", user_id=SECOND)

    assert answers(calls) == [texts.CASE_MISSING]
    assert "isn't yours" in texts.CASE_MISSING
    assert [c.method for c in calls] == ["answerCallbackQuery"]
    assert bot.rows("select status from cases where id = ?", case) == [("drafted",)]


async def test_a_correction_to_genuine_changes_the_next_verdict_for_that_sender(bot: Harness):
    card = await bot.card(PITCH, forwarded_from="Priya", sender_id=555)
    case = case_id(card)
    assert "Sales pitch" in card.params["text"]

    [_, categories] = await bot.press(card, f"cs1:wc:{case}")
    assert f"cs1:rc:{case}:genuine" in categories.callback_data
    [_, redrawn] = await bot.press(card, f"cs1:rc:{case}:genuine")
    assert "Looks genuine" in redrawn.params["text"]
    assert "You corrected this from sales pitch." in redrawn.params["text"]

    again = (await bot.card(PITCH, forwarded_from="Priya", sender_id=555)).params["text"]
    assert "Looks genuine" in again and "you marked this sender as genuine" in again

    [listing] = await bot.say("/history")
    assert "(corrected from sales pitch)" in listing.params["text"]


@pytest.fixture
def unsure(bot: Harness) -> Harness:
    """The bot with an engine that cannot tell whether PITCH is a pitch or genuine, nor whether
    GENUINE is genuine or a meeting request (tests.helpers.UnsureEngine)."""
    service = bot.app.bot_data.service
    readings = {PITCH: Category.genuine, GENUINE: Category.meeting_request}
    service.engine = UnsureEngine(service.engine, readings)
    return bot


def labels(card) -> list[str]:
    return [b["text"] for b in card.buttons]


async def test_an_unsure_card_asks_and_a_cold_pick_drafts_and_is_remembered(unsure: Harness):
    card = await unsure.card(PITCH, forwarded_from="Priya", sender_id=555)
    case = case_id(card)
    text = card.params["text"]

    assert text.startswith(texts.CARD_UNSURE_HEADLINE) and texts.CARD_UNSURE_ASK in text
    assert "From: Priya" in text and "<b>Why</b>" in text
    assert "%" not in text and "Draft ·" not in text and "<blockquote>" not in text
    assert labels(card) == ["🤝 Genuine", "🧊 Sales pitch", "Something else…", "🗑 Discard"]
    assert card.callback_data == [
        f"cs1:rc:{case}:genuine",
        f"cs1:rc:{case}:sales_pitch",
        f"cs1:wc:{case}",
        f"cs1:dc:{case}",
    ]
    assert unsure.rows("select draft_shown from cases where id = ?", case) == [(False,)]

    [answer, redrawn] = await unsure.press(card, f"cs1:rc:{case}:sales_pitch")

    assert (answer.method, redrawn.method) == ("answerCallbackQuery", "editMessageText")
    assert redrawn.params["message_id"] == card.result["message_id"]
    drafted = redrawn.params["text"]
    assert "Sales pitch</b> · as you said" in drafted and "Draft · pointed" in drafted
    assert "<blockquote>" in drafted and texts.CARD_UNSURE_HEADLINE not in drafted
    assert f"cs1:ap:{case}" in redrawn.callback_data
    assert unsure.rows("select draft_shown from cases where id = ?", case) == [(True,)]

    again = await unsure.card(PITCH, forwarded_from="Priya", sender_id=555)

    assert "Sales pitch</b> · as you said" in again.params["text"]
    assert "you marked this sender as cold" in again.params["text"]
    assert "Draft · pointed" in again.params["text"]
    assert f"cs1:ap:{case_id(again)}" in again.callback_data


async def test_an_unsure_card_picked_genuine_gets_a_warm_draft_and_vouches(unsure: Harness):
    card = await unsure.card(GENUINE, forwarded_from="Marta", sender_id=556)
    case = case_id(card)
    assert labels(card)[:2] == ["🤝 Genuine", "📅 Meeting request"]
    [(held_back,)] = unsure.rows("select text from drafts where case_id = ?", case)
    assert held_back.strip() and html.escape(held_back) not in card.params["text"]

    [_, redrawn] = await unsure.press(card, f"cs1:rc:{case}:genuine")

    assert "Looks genuine</b> · as you said" in redrawn.params["text"]
    assert texts.CARD_DRAFT_GENUINE in redrawn.params["text"]
    assert f"cs1:ap:{case}" in redrawn.callback_data
    assert unsure.rows("select genuine from senders where key = ?", "id:556") == [(True,)]

    again = (await unsure.card(GENUINE, forwarded_from="Marta", sender_id=556)).params["text"]

    assert "Looks genuine</b> · as you said" in again
    assert "you marked this sender as genuine" in again and texts.CARD_DRAFT_GENUINE in again


async def test_something_else_opens_the_picker_and_back_returns_to_the_question(
    unsure: Harness,
):
    card = await unsure.card(PITCH, forwarded_from="Priya", sender_id=557)
    case = case_id(card)

    [_, picker] = await unsure.press(card, f"cs1:wc:{case}")
    assert picker.method == "editMessageReplyMarkup"
    assert {f"cs1:rc:{case}:{c.value}" for c in Category} <= set(picker.callback_data)
    [_, back] = await unsure.press(card, f"cs1:bk:{case}")
    assert back.callback_data == card.callback_data

    [_, redrawn] = await unsure.press(card, f"cs1:rc:{case}:recruiting")
    assert "Recruiting</b> · as you said" in redrawn.params["text"]
    assert "You corrected this from sales pitch." in redrawn.params["text"]

    [listing] = await unsure.say("/history")
    assert f"#{case} · recruiting (corrected from sales pitch)" in listing.params["text"]
