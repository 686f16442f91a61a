"""Telegram Business in process: the real Application on the recording transport."""

from __future__ import annotations

import json

from tests.helpers import (
    CONNECTION,
    CUSTOMER,
    OWNER,
    PITCH,
    STRANGER,
    Harness,
    business_connection,
    button,
    make_business_update,
    make_connection_update,
    make_deleted_update,
)


async def connect(bot: Harness, **kw) -> None:
    calls = await bot.send(make_connection_update(bot.bot, **kw))
    assert [c.method for c in calls][:1] == ["sendMessage"], calls


async def card_of(bot: Harness, text: str = PITCH, **kw):
    calls = await bot.send(make_business_update(bot.bot, text, **kw))
    cards = [c for c in calls if c.method == "sendMessage" and c.params["chat_id"] == OWNER]
    assert cards, calls
    return calls, cards[-1]


async def test_connect_greets_the_owner_in_the_bot_chat(bot: Harness):
    calls = await bot.send(make_connection_update(bot.bot))
    assert [c.method for c in calls] == ["sendMessage"]
    assert calls[0].params["chat_id"] == OWNER
    assert "Connected to your Telegram account" in calls[0].params["text"]
    assert "/business" in calls[0].params["text"]


async def test_a_strangers_message_becomes_a_card_and_approve_sends_as_the_owner(bot: Harness):
    await connect(bot)
    calls, card = await card_of(bot)
    # Nothing is ever sent to the customer's chat before Approve.
    assert all(c.params.get("chat_id") != CUSTOMER for c in calls)
    assert "In your chat with Priya Patel" in card.params["text"]
    approve = button(card, "cs1:ap:")
    calls = await bot.press(card, approve)
    sent = [c for c in calls if c.method == "sendMessage"]
    assert len(sent) == 1
    assert sent[0].params["chat_id"] == CUSTOMER
    assert sent[0].params["business_connection_id"] == CONNECTION
    assert "parse_mode" not in sent[0].params
    again = await bot.press(card, approve)
    assert not [c for c in again if c.method == "sendMessage"]


async def test_the_owners_own_message_is_never_a_case_and_closes_the_card(bot: Harness):
    await connect(bot)
    await card_of(bot)
    calls = await bot.send(make_business_update(bot.bot, "Hi Priya, thanks!", from_id=OWNER))
    edits = [c for c in calls if c.method == "editMessageText"]
    assert len(edits) == 1 and "Answered by you" in edits[0].params["text"]
    assert not [c for c in calls if c.method == "sendMessage"]
    # The chat counts as answered now: their next message is no case.
    calls = await bot.send(make_business_update(bot.bot, PITCH))
    assert calls == []


async def test_an_edit_redraws_the_card_and_a_deletion_closes_it(bot: Harness):
    await connect(bot)
    update = make_business_update(bot.bot, "Hello")
    message_id = update.business_message.message_id
    calls = await bot.send(update)
    card = next(c for c in calls if c.method == "sendMessage")
    calls = await bot.send(make_business_update(bot.bot, PITCH, message_id=message_id, edited=True))
    edits = [c for c in calls if c.method == "editMessageText"]
    assert edits and edits[-1].params["message_id"] == card.result["message_id"]
    assert "Sales pitch" in edits[-1].params["text"]
    calls = await bot.send(make_deleted_update(bot.bot, [message_id]))
    edits = [c for c in calls if c.method == "editMessageText"]
    assert edits and "deleted the message" in edits[-1].params["text"]


async def test_no_reply_right_gives_copy_ready_text(bot: Harness):
    await connect(bot, can_reply=False)
    _, card = await card_of(bot)
    assert "Approve gives you the text to paste" in card.params["text"]
    calls = await bot.press(card, button(card, "cs1:ap:"))
    sent = [c for c in calls if c.method == "sendMessage"]
    assert len(sent) == 1 and sent[0].params["chat_id"] == OWNER
    assert "business_connection_id" not in sent[0].params
    assert any("copy_text" in b for b in sent[0].buttons)


async def test_private_chat_handlers_never_answer_a_business_message(bot: Harness):
    await connect(bot)
    for text in ("/start", "/help", "/nonsense", "hello"):
        calls = await bot.send(make_business_update(bot.bot, text))
        assert all(c.params.get("chat_id") != CUSTOMER for c in calls), (text, calls)


SCAM = (
    "Dear friend, you have won $2,000,000 in the international lottery. To claim your prize "
    "send your bank account details and a processing fee of $200 by Western Union today."
)


async def test_business_pause_and_resume(bot: Harness):
    await connect(bot)
    calls = await bot.say("/business")
    status = calls[-1]
    assert "connected" in status.params["text"] and "Reply for you: yes" in status.params["text"]
    calls = await bot.press(status, "cs1:bp:0:on")
    assert "paused" in calls[-1].params["text"]
    assert await bot.send(make_business_update(bot.bot, PITCH)) == []
    await bot.press(status, "cs1:bp:0:off")
    await card_of(bot, chat_id=CUSTOMER + 1, from_id=CUSTOMER + 1)


async def test_let_through_adds_to_the_allowlist_and_business_can_remove_it(bot: Harness):
    await connect(bot)
    _, card = await card_of(bot)
    let_through = button(card, "cs1:ba:")
    assert any("Always let Priya through" in b["text"] for b in card.buttons)
    calls = await bot.press(card, let_through)
    assert "always gets through" in calls[-1].params["text"]
    # Someone on the allowlist is never a case, in any chat.
    other_chat = make_business_update(bot.bot, PITCH, chat_id=CUSTOMER + 7)
    assert await bot.send(other_chat) == []
    status = (await bot.say("/business"))[-1]
    assert "Priya Patel" in status.params["text"]
    await bot.press(status, f"cs1:bd:{CUSTOMER}")
    await card_of(bot, chat_id=CUSTOMER + 8)


async def test_a_muted_chat_gets_no_cards_until_unmuted(bot: Harness):
    await connect(bot)
    _, card = await card_of(bot)
    await bot.press(card, button(card, "cs1:bm:"))
    assert await bot.send(make_business_update(bot.bot, PITCH)) == []
    status = (await bot.say("/business"))[-1]
    assert "Unmute" in str(status.buttons)
    await bot.press(status, f"cs1:bu:{CUSTOMER}")
    await card_of(bot)


async def test_a_scam_card_offers_leave_unanswered_first_and_marks_it_read(bot: Harness):
    await connect(bot)
    _, card = await card_of(bot, SCAM)
    assert card.callback_data[0].startswith("cs1:bl:"), card.callback_data
    calls = await bot.press(card, card.callback_data[0])
    assert "readBusinessMessage" in [c.method for c in calls]
    assert all(
        c.params.get("chat_id") != CUSTOMER or c.method == "readBusinessMessage" for c in calls
    )
    assert (
        "Left unanswered" in [c for c in calls if c.method == "editMessageText"][-1].params["text"]
    )


async def test_disconnect_says_so_on_open_cards(bot: Harness):
    await connect(bot)
    _, card = await card_of(bot)
    calls = await bot.send(make_connection_update(bot.bot, enabled=False))
    edits = [c for c in calls if c.method == "editMessageText"]
    assert edits and "disconnected" in edits[-1].params["text"]
    assert edits[-1].params["message_id"] == card.result["message_id"]
    calls = await bot.press(card, button(card, "cs1:ap:"))
    sent = [c for c in calls if c.method == "sendMessage"]
    assert len(sent) == 1 and sent[0].params["chat_id"] == OWNER


async def test_several_messages_within_a_minute_are_one_card(bot: Harness):
    await connect(bot)
    _, card = await card_of(bot, "Hi Sam!")
    calls = await bot.send(make_business_update(bot.bot, PITCH))
    assert not [
        c for c in calls if c.method == "sendMessage" and "In your chat" in c.params.get("text", "")
    ]
    edits = [c for c in calls if c.method == "editMessageText"]
    assert edits[-1].params["message_id"] == card.result["message_id"]
    assert bot.rows("select count(*) from cases") == [(1,)]


async def test_an_unknown_connection_is_fetched_from_telegram(bot: Harness):
    bot.transport.business_connections[CONNECTION] = business_connection()
    calls = await bot.send(make_business_update(bot.bot, PITCH))
    assert calls[0].method == "getBusinessConnection"
    assert any(c.method == "sendMessage" and c.params["chat_id"] == OWNER for c in calls)


async def test_export_and_forget_include_the_connection(bot: Harness):
    await connect(bot)
    await card_of(bot)
    calls = await bot.say("/export")
    exported = json.loads(calls[-1].params["document"]["content"])
    assert exported["business"]["connections"][0]["id"] == CONNECTION
    assert exported["cases"][0]["business"]["chat_id"] == CUSTOMER


async def test_a_message_arriving_while_the_first_is_drafted_reaches_the_card(bot: Harness):
    await connect(bot)
    engine = bot.app.bot_data.service.engine
    verdict = engine.verdict

    async def slow_verdict(incoming, prefs, tone=None):
        if incoming.text == "Hi Sam!":  # the second message arrives meanwhile
            await bot.send(make_business_update(bot.bot, PITCH))
        return await verdict(incoming, prefs, tone)

    engine.verdict = slow_verdict
    calls = await bot.send(make_business_update(bot.bot, "Hi Sam!"))
    edits = [c for c in bot.transport.calls if c.method == "editMessageText"]
    card = next(
        c for c in calls if c.method == "sendMessage" and "In your chat" in c.params["text"]
    )
    assert edits and edits[-1].params["message_id"] == card.result["message_id"]
    assert "Sales pitch" in edits[-1].params["text"]
    assert bot.rows("select text from cases") == [("Hi Sam!\n" + PITCH,)]


async def test_a_reply_telegram_refuses_in_the_chat_comes_to_the_owner_to_paste(bot: Harness):
    await connect(bot)
    _, card = await card_of(bot)
    bot.transport.fail_next(
        "sendMessage", 403, "Forbidden: BOT_ACCESS_FORBIDDEN",
        when=lambda p: "business_connection_id" in p,
    )  # fmt: skip
    calls = await bot.press(card, button(card, "cs1:ap:"))
    sends = [c for c in calls if c.method == "sendMessage"]
    assert [c.params["chat_id"] for c in sends] == [CUSTOMER, OWNER]
    assert sends[0].status == 403
    assert "Telegram refused to send it in that chat" in sends[1].params["text"]
    assert any("copy_text" in b for b in sends[1].buttons)
    # The card does not claim it was sent.
    [closed] = [c for c in calls if c.method == "editMessageText"]
    assert closed.params["message_id"] == card.result["message_id"]
    assert "Telegram refused it in your chat" in closed.params["text"]
    assert bot.rows("select business_state from cases") == [("refused",)]
    again = await bot.press(card, button(card, "cs1:ap:"))
    assert not [c for c in again if c.method == "sendMessage"]


async def test_a_connection_of_someone_not_allowed_is_ignored(bot: Harness):
    assert await bot.send(make_connection_update(bot.bot, user_id=STRANGER)) == []
    bot.transport.business_connections["bc-x"] = business_connection("bc-x", user_id=STRANGER)
    calls = await bot.send(make_business_update(bot.bot, PITCH, connection_id="bc-x"))
    assert [c.method for c in calls] == ["getBusinessConnection"]
    assert bot.rows("select count(*) from cases") == [(0,)]
    assert bot.rows("select count(*) from business_connections") == [(0,)]
