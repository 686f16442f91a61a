"""Telegram Business end to end: `coldshoulder run` as a real process, the fake Bot API's
business connections and chats (tests/fakes/telegram.py), a real database.

The fake refuses a send as the owner whose connection is unknown, disabled or cannot reply,
or whose chat has been quiet for 24 hours, as Telegram does; every send it takes is kept in
`fake.sent_as_owner`.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.helpers import (
    OWNER,
    TOKEN,
    BotProcess,
    callback_data,
    card_calls,
    message_id_of,
    press,
    wait_until,
)
from tests.fakes.telegram import Call, FakeTelegram
from tests.helpers import PITCH

CONNECTION = "bc1"
PRIYA, OMAR, LENA, JOHN, KIM = 7001, 7002, 7003, 7004, 7005


@pytest.fixture
def running(database_url: str, tmp_path: Path) -> Iterator[tuple[FakeTelegram, BotProcess]]:
    with FakeTelegram(token=TOKEN) as fake:
        bot = BotProcess(fake, database_url, tmp_path / "bot.log").start()
        try:
            yield fake, bot
        finally:
            bot.stop()
    assert "Traceback" not in bot.output(), bot.output()


def connected(fake: FakeTelegram, **kw) -> Call:
    """Connect OWNER's account; the greeting it gets in the bot chat."""
    fake.connect_business(OWNER, CONNECTION, **kw)
    return fake.wait_for_sync("sendMessage", lambda c: "Connected to your" in _text(c))[-1]


def business_card(fake: FakeTelegram, name: str = "Priya Patel", count: int = 1) -> Call:
    """The newest card for a message in OWNER's chat with `name`."""
    return fake.wait_for_sync(
        "sendMessage",
        lambda c: c.params.get("chat_id") == OWNER and f"In your chat with {name}" in _text(c),
        count=count,
        timeout=15,
    )[-1]


def card_edit(fake: FakeTelegram, card: Call, text_part: str) -> Call:
    """The edit of `card` whose text holds `text_part`."""
    return fake.wait_for_sync(
        "editMessageText",
        lambda c: c.params.get("message_id") == message_id_of(card) and text_part in _text(c),
        timeout=15,
    )[-1]


def data(card: Call, prefix: str) -> str:
    return next(d for d in callback_data(card) if d.startswith(prefix))


def nothing_to(fake: FakeTelegram, chat_id: int) -> bool:
    """No message of the bot's own in that chat (a send as the owner is the only kind)."""
    return not [
        c
        for c in fake.calls_to("sendMessage")
        if c.params.get("chat_id") == chat_id and not c.params.get("business_connection_id")
    ]


def settled(fake: FakeTelegram, sentinel_name: str, sentinel_id: int) -> None:
    """Updates are handled concurrently: a message that makes a card, once its card is
    here and a moment has passed, shows the ones sent before it were handled too."""
    cards = len(card_calls(fake, OWNER))
    fake.business_message(CONNECTION, sentinel_id, PITCH, first_name=sentinel_name)
    business_card(fake, f"{sentinel_name} Patel")
    wait_until(lambda: len(card_calls(fake, OWNER)) > cards)
    time.sleep(1)


def _text(call: Call) -> str:
    return str(call.params.get("text", ""))


def test_a_strangers_message_is_a_card_and_approve_sends_it_once_as_the_owner(running):
    fake, bot = running
    greeting = connected(fake)
    assert greeting.params["chat_id"] == OWNER and "/business" in _text(greeting)

    fake.business_message(CONNECTION, PRIYA, PITCH)
    card = business_card(fake)
    assert "Sales pitch" in _text(card)
    assert not fake.sent_as_owner(CONNECTION, PRIYA), "sent before Approve"
    # A double tap: one reply in the chat, as the owner.
    approve = data(card, "cs1:ap:")
    press(fake, OWNER, card, approve)
    press(fake, OWNER, card, approve)
    wait_until(lambda: fake.sent_as_owner(CONNECTION, PRIYA))
    time.sleep(1.5)
    sent = fake.sent_as_owner(CONNECTION, PRIYA)
    assert len(sent) == 1
    [call] = [c for c in fake.calls_to("sendMessage") if c.params.get("chat_id") == PRIYA]
    assert call.params["business_connection_id"] == CONNECTION and call.status == 200
    assert bot.rows("select status, business_state from cases") == [("approved", "sent")]
    card_edit(fake, card, "Sent in your chat with Priya Patel")
    assert nothing_to(fake, PRIYA)


def test_the_owner_the_answered_and_the_allowlisted_get_no_card(running):
    fake, bot = running
    connected(fake)
    # The owner's own message: never a case, and their chat counts as answered.
    fake.business_message(CONNECTION, OWNER, "Hi Omar, good to hear from you!", chat_id=OMAR)
    settled(fake, "Kim", KIM)
    fake.business_message(CONNECTION, OMAR, PITCH, first_name="Omar")
    # Let Lena through from her card; her next message is no case.
    fake.business_message(CONNECTION, LENA, PITCH, first_name="Lena")
    lena = business_card(fake, "Lena Patel")
    press(fake, OWNER, lena, data(lena, "cs1:ba:"))
    card_edit(fake, lena, "always gets through")
    fake.business_message(CONNECTION, LENA, "One more thing: a quick call?", first_name="Lena")
    # A command or a greeting in the owner's chat: the bot's own handlers never answer it.
    fake.business_message(CONNECTION, JOHN, "/start", first_name="John")
    fake.business_message(CONNECTION, JOHN, "/help", first_name="John")
    settled(fake, "Ann", 7100)
    names = [_text(c).splitlines()[0] for c in card_calls(fake, OWNER)]
    assert not [n for n in names if "Omar" in n], names
    assert len([n for n in names if "Lena" in n]) == 1, names
    for chat in (OMAR, LENA, JOHN, KIM):
        assert nothing_to(fake, chat) and not fake.sent_as_owner(CONNECTION, chat)
    assert bot.rows("select sender_id from business_allowlist") == [(LENA,)]


def test_edit_delete_pause_resume_and_disconnect(running):
    fake, _bot = running
    connected(fake)
    update = fake.business_message(CONNECTION, PRIYA, "Hello Sam")
    card = business_card(fake)
    message_id = update["business_message"]["message_id"]
    fake.edit_business_message(CONNECTION, PRIYA, message_id, PITCH)
    card_edit(fake, card, "Sales pitch")
    fake.delete_business_messages(CONNECTION, PRIYA, [message_id])
    card_edit(fake, card, "They deleted the message")

    fake.send_text(OWNER, "/business")
    status = fake.wait_for_sync("sendMessage", lambda c: "Your own Telegram" in _text(c))[-1]
    press(fake, OWNER, status, "cs1:bp:0:on")
    fake.wait_for_sync("editMessageText", lambda c: "paused" in _text(c))
    cards = len(card_calls(fake, OWNER))
    fake.business_message(CONNECTION, OMAR, PITCH, first_name="Omar")
    time.sleep(1)  # handled while paused (updates run concurrently: not after the resume)
    press(fake, OWNER, status, "cs1:bp:0:off")
    fake.wait_for_sync("editMessageText", lambda c: "▶️ on" in _text(c))
    fake.business_message(CONNECTION, LENA, PITCH, first_name="Lena")
    lena = business_card(fake, "Lena Patel")
    time.sleep(1)
    assert len(card_calls(fake, OWNER)) == cards + 1  # Omar's came while paused

    # Disconnected: the open card says Approve hands over the text, and it does.
    fake.connect_business(OWNER, CONNECTION, enabled=False)
    card_edit(fake, lena, "your account is disconnected")
    press(fake, OWNER, lena, data(lena, "cs1:ap:"))
    copy_ready = fake.wait_for_sync(
        "sendMessage", lambda c: c.params.get("chat_id") == OWNER and "copy_text" in str(c.params)
    )[-1]
    assert "disconnected" in _text(copy_ready)
    assert not fake.sent_as_owner(CONNECTION, LENA)


def test_without_can_reply_approve_gives_copy_ready_text(running):
    fake, _bot = running
    greeting = connected(fake, can_reply=False)
    assert "doesn't let me reply" in _text(greeting)
    fake.business_message(CONNECTION, PRIYA, PITCH)
    card = business_card(fake)
    assert "Approve gives you the text to paste" in _text(card)
    press(fake, OWNER, card, data(card, "cs1:ap:"))
    copy_ready = fake.wait_for_sync(
        "sendMessage", lambda c: c.params.get("chat_id") == OWNER and "copy_text" in str(c.params)
    )[-1]
    assert "business_connection_id" not in copy_ready.params
    time.sleep(1)
    assert not fake.sent_as_owner(CONNECTION, PRIYA)
    assert not [c for c in fake.calls_to("sendMessage") if c.params.get("chat_id") == PRIYA]
