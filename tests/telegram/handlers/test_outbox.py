"""The approved reply is owed until Telegram has it: failures on the way are retried from the
outbox (bot/telegram/delivery.py), and the reply arrives exactly once, written into its
card."""

from __future__ import annotations

import asyncio

from bot.store.outbox import REPLY
from bot.telegram import texts
from tests.helpers import OWNER, Harness, button, case_id


def replies(bot: Harness, since: int) -> list:
    """Successful calls made since call number `since` that put the reply in the chat: the
    card written into it, or a new message when the card is gone."""
    return [
        c
        for c in bot.transport.calls[since:]
        if c.method in ("editMessageText", "sendMessage")
        and c.status == 200
        and c.params["chat_id"] == OWNER
        and c.params["text"].startswith(texts.REPLY_READY)
    ]


async def wait_for(condition, timeout: float = 10.0) -> None:
    """Poll `condition` while the bot's background loop works."""
    deadline = asyncio.get_running_loop().time() + timeout
    while not condition():
        assert asyncio.get_running_loop().time() < deadline, "timed out"
        await asyncio.sleep(0.05)


async def test_a_500_on_the_reply_is_retried_and_the_reply_arrives_once(bot: Harness):
    card = await bot.card()
    before = len(bot.transport.calls)
    bot.transport.fail_next("editMessageText", 500, "Internal Server Error")

    calls = await bot.press(card, button(card, "cs1:ap:"))

    assert [(c.method, c.status) for c in calls] == [
        ("answerCallbackQuery", 200),
        ("editMessageText", 500),
    ]
    await wait_for(lambda: replies(bot, before))  # the loop retries after its backoff
    await asyncio.sleep(1.5)  # time for a wrong second attempt to show up
    [reply] = replies(bot, before)
    assert reply.params["message_id"] == card.result["message_id"]
    assert bot.rows("select message_id, sent_at is not null from outbox") == [
        (card.result["message_id"], True)
    ]


async def test_five_429s_in_a_row_still_deliver_the_reply(bot: Harness):
    card = await bot.card()
    before = len(bot.transport.calls)
    for _ in range(5):
        bot.transport.fail_next("editMessageText", 429, retry_after=1)

    await bot.press(card, button(card, "cs1:ap:"))

    await wait_for(lambda: replies(bot, before), timeout=20)
    assert len(replies(bot, before)) == 1
    failed = [c for c in bot.transport.calls[before:] if c.status == 429]
    assert len(failed) == 5


async def test_a_repeated_write_after_a_crash_counts_as_the_reply(bot: Harness):
    """A sender that died after Telegram took the edit repeats it: Telegram answers "not
    modified", which means the reply is there. Nothing is sent anew."""
    card = await bot.card()
    before = len(bot.transport.calls)
    bot.transport.fail_next(
        "editMessageText", 400, "Bad Request: message is not modified: specified new message"
    )

    await bot.press(card, button(card, "cs1:ap:"))

    assert not [c for c in bot.transport.calls[before:] if c.method == "sendMessage"]
    assert bot.rows("select message_id, sent_at is not null from outbox") == [
        (card.result["message_id"], True)
    ]


async def test_a_reply_whose_card_is_gone_comes_as_a_new_message(bot: Harness):
    card = await bot.card()
    before = len(bot.transport.calls)
    bot.transport.fail_next("editMessageText", 400, "Bad Request: message to edit not found")

    await bot.press(card, button(card, "cs1:ap:"))

    [reply] = replies(bot, before)
    assert reply.method == "sendMessage"
    [copy] = reply.buttons
    assert copy["copy_text"]["text"] == bot.rows("select approved_text from cases")[0][0]
    assert bot.rows("select message_id from outbox") == [(reply.result["message_id"],)]


async def test_a_second_press_offers_a_reply_that_has_not_arrived(bot: Harness):
    card = await bot.card()
    case = case_id(card)
    before = len(bot.transport.calls)
    # Telegram refuses the reply outright: the next automatic try is an hour away.
    bot.transport.fail_next("editMessageText", 400, "Bad Request: something odd")
    bot.transport.fail_next("sendMessage", 400, "Bad Request: something odd")
    await bot.press(card, button(card, "cs1:ap:"))
    assert not replies(bot, before)

    calls = await bot.press(card, f"cs1:ap:{case}")

    assert calls[0].params["text"] == texts.REPLY_RESENDING
    assert len(replies(bot, before)) == 1
    again = await bot.press(card, f"cs1:ap:{case}")
    assert again[0].params["text"] == texts.ALREADY["approved"]
    assert len(replies(bot, before)) == 1


async def test_a_failed_press_answer_does_not_cost_the_reply(bot: Harness):
    card = await bot.card()
    before = len(bot.transport.calls)
    bot.transport.fail_next("answerCallbackQuery", 500)

    await bot.press(card, button(card, "cs1:ap:"))

    assert len(replies(bot, before)) == 1
    assert bot.rows("select kind, sent_at is not null from outbox") == [(REPLY, True)]


async def test_a_failed_typing_indicator_does_not_hold_up_the_card(bot: Harness):
    bot.transport.fail_next("sendChatAction", 500)
    calls = await bot.say("Hi! We help SaaS teams book more demos. Quick call?")
    assert [(c.method, c.status) for c in calls] == [
        ("sendChatAction", 500),
        ("sendMessage", 200),
    ]
    assert bot.rows("select status from cases") == [("drafted",)]
