"""Prompts (bot/telegram/handlers/prompts.py and the routing in messages.py): Edit, Fix text
and settings prompts are answered by the next typed message, Reply or not; a forward still
makes a new case; Cancel and /cancel close them; they expire; they survive a restart."""

from __future__ import annotations

import asyncio

from bot.telegram import texts
from tests.fakes.transport import Call
from tests.helpers import PITCH, Harness, app_settings, case_id, harness

CANCEL = "cs1:cx:0"
MINE = "Thanks, but I don't take calls like this."
CALL_ASK = "Quick question: can we hop on a 15 minute call this week?"


def cases(bot: Harness) -> int:
    return bot.rows("select count(*) from cases")[0][0]


async def edit_prompt(bot: Harness) -> tuple[Call, Call]:
    """A card and the Edit prompt pressed on it."""
    card = await bot.card(CALL_ASK)
    [_, prompt] = await bot.press(card, f"cs1:ed:{case_id(card)}")
    assert prompt.params["text"] == texts.EDIT_PROMPT and prompt.callback_data == [CANCEL]
    return card, prompt


async def assert_answers_edit(bot: Harness, card: Call, prompt: Call) -> None:
    """A typed message, not a Reply, becomes the card's new draft: no new case."""
    before = cases(bot)
    [unbuttoned, retired, new_card] = await bot.say(MINE)
    assert unbuttoned.method == "editMessageReplyMarkup"
    assert unbuttoned.params["message_id"] == prompt.result["message_id"]
    assert retired.params["message_id"] == card.result["message_id"]
    assert case_id(new_card) == case_id(card) and "Your version" in new_card.params["text"]
    assert cases(bot) == before
    assert bot.rows("select pending_prompt_message_id from users") == [(None,)]


async def assert_new_case(bot: Harness, text: str = PITCH) -> None:
    before = cases(bot)
    [typing, card] = await bot.say(text)
    assert typing.method == "sendChatAction" and case_id(card)
    assert cases(bot) == before + 1


async def test_a_typed_message_answers_an_edit_prompt(bot: Harness):
    card, prompt = await edit_prompt(bot)
    await assert_answers_edit(bot, card, prompt)
    await assert_new_case(bot)  # answered: the next message is a new case again


async def test_a_typed_message_answers_fix_text(bot: Harness):
    card = await bot.card(CALL_ASK)
    case = case_id(card)
    [_, prompt] = await bot.press(card, f"cs1:ft:{case}")
    assert prompt.params["text"] == texts.FIX_TEXT_PROMPT and prompt.callback_data == [CANCEL]

    fixed = "Hi Sam, we met at PyCon. Coffee next week?"
    [_, retired, _, new_card] = await bot.say(fixed)

    assert (retired.params["message_id"], retired.params["text"]) == (
        card.result["message_id"],
        texts.FIXED_TEXT,
    )
    new = case_id(new_card)
    assert new != case and bot.rows("select text from cases where id = ?", new) == [(fixed,)]
    assert bot.rows("select status from cases where id = ?", case) == [("discarded",)]


async def test_fix_text_can_correct_the_sender_too(bot: Harness):
    card = await bot.card(CALL_ASK, forwarded_from="Messaging")
    [_, prompt] = await bot.press(card, f"cs1:ft:{case_id(card)}")
    assert "From: Their Name" in prompt.params["text"]

    [*_, fixed_card] = await bot.say("From: Anna Smith\nHi Sam, we met at PyCon. Coffee?")

    assert "From: Anna Smith" in fixed_card.params["text"]
    new = case_id(fixed_card)
    assert bot.rows("select text, sender_name from cases where id = ?", new) == [
        ("Hi Sam, we met at PyCon. Coffee?", "Anna Smith")
    ]

    # The line alone fixes only the name; the text stays.
    [_, prompt] = await bot.press(fixed_card, f"cs1:ft:{new}")
    [*_, renamed] = await bot.say("from: Anna Smith-Jones")
    assert bot.rows("select text, sender_name from cases where id = ?", case_id(renamed)) == [
        ("Hi Sam, we met at PyCon. Coffee?", "Anna Smith-Jones")
    ]


async def test_a_typed_message_answers_a_settings_prompt(bot: Harness):
    [prompt] = await bot.say("/profile")
    assert prompt.callback_data == [CANCEL]

    [_, saved, menu] = await bot.say("I run a two-person design studio in Leeds.")

    assert saved.params["text"] == texts.SETTING_SAVED
    assert "two-person design studio" in menu.params["text"]
    assert cases(bot) == 0


async def test_a_forward_during_an_edit_prompt_is_a_new_case_and_the_prompt_stays(bot: Harness):
    card, prompt = await edit_prompt(bot)

    await bot.card(PITCH)  # forwarded
    assert cases(bot) == 2

    await assert_answers_edit(bot, card, prompt)


async def test_cancel_button_closes_the_prompt_and_the_next_message_is_new(bot: Harness):
    _, prompt = await edit_prompt(bot)

    [answer, edited] = await bot.press(prompt, CANCEL)

    assert answer.params["text"] == texts.CANCELLED
    assert edited.method == "editMessageText" and edited.params["text"] == texts.CANCELLED
    assert edited.params["message_id"] == prompt.result["message_id"]
    await assert_new_case(bot)
    [again, unbuttoned] = await bot.press(prompt, CANCEL)  # an old press changes nothing
    assert again.params["text"] == texts.PROMPT_CLOSED
    assert unbuttoned.method == "editMessageReplyMarkup"


async def test_a_cancel_pressed_on_another_message_leaves_the_prompt_open(bot: Harness):
    card, prompt = await edit_prompt(bot)

    [answer, _] = await bot.press(card, CANCEL)  # forged: the data under the card

    assert answer.params["text"] == texts.PROMPT_CLOSED
    await assert_answers_edit(bot, card, prompt)


async def test_slash_cancel_closes_the_prompt(bot: Harness):
    _, prompt = await edit_prompt(bot)

    [unbuttoned, said] = await bot.say("/cancel")

    assert unbuttoned.params["message_id"] == prompt.result["message_id"]
    assert said.params["text"] == texts.CANCELLED
    await assert_new_case(bot)
    [nothing] = await bot.say("/cancel")
    assert nothing.params["text"] == texts.NOTHING_TO_CANCEL


async def test_a_refused_setting_says_why_and_asks_again(bot: Harness):
    [prompt] = await bot.say("/settings")
    [_, prompt] = await bot.press(prompt, "cs1:se:0:style")

    [unbuttoned, refusal] = await bot.say("x" * 501)

    assert unbuttoned.params["message_id"] == prompt.result["message_id"]
    assert "limit is 500" in refusal.params["text"]
    assert refusal.callback_data == [CANCEL]  # the refusal is the new prompt
    [_, saved, _] = await bot.say("British spelling")
    assert saved.params["text"] == texts.SETTING_SAVED
    assert cases(bot) == 0


async def test_an_expired_prompt_is_not_used_and_says_so_once(database_url: str):
    async with harness(app_settings(database_url, prompt_timeout=0.05)) as bot:
        card, prompt = await edit_prompt(bot)
        await asyncio.sleep(0.1)

        [unbuttoned, notice, _, new_card] = await bot.say(CALL_ASK)

        assert unbuttoned.params["message_id"] == prompt.result["message_id"]
        assert notice.params["text"] == texts.PROMPT_EXPIRED["edit"]
        assert case_id(new_card) != case_id(card) and cases(bot) == 2
        await assert_new_case(bot)  # said once


async def test_an_open_prompt_survives_a_restart(database_url: str):
    settings = app_settings(database_url)
    async with harness(settings) as bot:
        card, prompt = await edit_prompt(bot)
    async with harness(settings) as bot:
        await assert_answers_edit(bot, card, prompt)
