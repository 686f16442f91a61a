"""The approved reply is owed until Telegram has it: failures on the way are retried from the
outbox (bot/telegram/delivery.py), and the reply arrives exactly once."""

from __future__ import annotations

import asyncio

from bot.store.outbox import REPLY
from bot.telegram import texts
from bot.telegram.delivery import deliver_due
from tests.fakes.transport import Call
from tests.helpers import OWNER, Harness, button, case_id, counted


def replies(bot: Harness, since: int) -> list:
    """Successful sendMessage calls made since call number `since`: the reply, if it got out."""
    return [
        c
        for c in bot.transport.calls[since:]
        if c.method == "sendMessage" and c.status == 200 and c.params["chat_id"] == OWNER
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
    bot.transport.fail_next("sendMessage", 500, "Internal Server Error")

    calls = await bot.press(card, button(card, "cs1:ap:"))

    assert [c.method for c in calls][:2] == ["answerCallbackQuery", "sendMessage"]
    assert calls[1].status == 500
    assert "Approved" in calls[-1].params["text"]  # the card still closed
    await wait_for(lambda: replies(bot, before))  # the loop retries after its backoff
    await asyncio.sleep(1.5)  # time for a wrong second attempt to show up
    [reply] = replies(bot, before)
    assert bot.rows("select count(*) from outbox where sent_at is not null") == [(1,)]
    assert bot.rows("select message_id from outbox") == [(reply.result["message_id"],)]


async def test_five_429s_in_a_row_still_deliver_the_reply(bot: Harness):
    card = await bot.card()
    before = len(bot.transport.calls)
    for _ in range(5):
        bot.transport.fail_next("sendMessage", 429, retry_after=1)

    await bot.press(card, button(card, "cs1:ap:"))

    await wait_for(lambda: replies(bot, before), timeout=20)
    assert len(replies(bot, before)) == 1
    failed = [c for c in bot.transport.calls[before:] if c.status == 429]
    assert len(failed) == 5


async def test_a_second_press_offers_a_reply_that_has_not_arrived(bot: Harness):
    card = await bot.card()
    case = case_id(card)
    before = len(bot.transport.calls)
    # Telegram refuses the reply outright: the next automatic try is an hour away.
    bot.transport.fail_next("sendMessage", 400, "Bad Request: something odd")
    await bot.press(card, button(card, "cs1:ap:"))
    assert not replies(bot, before)

    calls = await bot.press(card, f"cs1:ap:{case}")

    assert calls[0].params["text"] == texts.REPLY_RESENDING
    assert len(replies(bot, before)) == 1
    again = await bot.press(card, f"cs1:ap:{case}")
    assert again[0].params["text"] == texts.ALREADY["approved"]
    assert len(replies(bot, before)) == 1


async def test_a_failed_press_answer_or_card_edit_does_not_cost_the_reply(bot: Harness):
    card = await bot.card()
    before = len(bot.transport.calls)
    bot.transport.fail_next("answerCallbackQuery", 500)
    bot.transport.fail_next("editMessageText", 500)

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


def shown(bot: Harness, card: Call, since: int) -> list:
    """Successful calls since call number `since` that put the approved reply in the chat: a
    message of its own, or the card written into it."""
    return replies(bot, since) + [
        c
        for c in bot.transport.calls[since:]
        if c.method == "editMessageText"
        if c.status == 200
        and c.params["message_id"] == card.result["message_id"]
        and c.params["text"].startswith(texts.REPLY_IN_CARD)
    ]


async def test_a_reply_whose_sender_died_mid_send_goes_into_its_card(bot: Harness):
    """A sender that died holding the reply may have sent it: the next process writes it
    into the card (an edit, which cannot double) rather than send a second message."""
    card = await bot.card()
    service = bot.app.bot_data.service
    case = await service.case(case_id(card), OWNER)
    assert (await service.approve(case, card.result["message_id"])).ok
    assert await service.claim_reply(case) is not None  # ... and the sender dies holding it
    before = len(bot.transport.calls)
    doubted = counted("coldshoulder_outbox_in_doubt_total")

    await service.release_claims()  # the next process starts
    assert await deliver_due(bot.bot, service) == 1
    assert counted("coldshoulder_outbox_in_doubt_total") == doubted + 1

    [edit] = bot.transport.calls[before:]
    assert edit.method == "editMessageText"
    assert edit.params["message_id"] == card.result["message_id"]
    assert edit.params["text"].startswith(texts.REPLY_IN_CARD)
    [copy] = edit.buttons
    assert copy["copy_text"]["text"] == bot.rows("select approved_text from cases")[0][0]
    assert bot.rows("select message_id, in_doubt from outbox") == [
        (card.result["message_id"], True)
    ]


async def test_a_reply_that_timed_out_is_not_sent_twice(bot: Harness):
    card = await bot.card()
    before = len(bot.transport.calls)
    bot.transport.time_out_next("sendMessage")  # Telegram took it; the answer never came

    await bot.press(card, button(card, "cs1:ap:"))
    await wait_for(lambda: len(shown(bot, card, before)) == 2, timeout=15)

    [sent, written] = shown(bot, card, before)
    assert (sent.method, written.method) == ("sendMessage", "editMessageText")
    await asyncio.sleep(1.5)  # room for a third
    assert len(shown(bot, card, before)) == 2
    assert bot.rows("select sent_at is not null, in_doubt from outbox") == [(True, True)]


async def test_the_card_of_a_reply_in_doubt_gone_means_a_new_message(bot: Harness):
    card = await bot.card()
    service = bot.app.bot_data.service
    case = await service.case(case_id(card), OWNER)
    await service.approve(case, card.result["message_id"])
    await service.claim_reply(case)
    await service.release_claims()
    bot.transport.fail_next("editMessageText", 400, "Bad Request: message to edit not found")
    before = len(bot.transport.calls)

    assert await deliver_due(bot.bot, service) == 1

    [reply] = replies(bot, before)
    assert bot.rows("select message_id from outbox") == [(reply.result["message_id"],)]
