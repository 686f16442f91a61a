"""End to end: `coldshoulder run` as a real process, the fake Bot API, a real database.

Only what a real process shows lives here: polling against an HTTP Bot API (one smoke test),
a restart, a kill -9. Everything a handler does is tested in process, faster and more
precisely: tests/telegram/. Every test runs on a SQLite file and on a PostgreSQL database.
"""

from __future__ import annotations

import time
from pathlib import Path

from bot.telegram import texts
from tests.e2e.helpers import (
    OWNER,
    TOKEN,
    BotProcess,
    callback_data,
    card_calls,
    case_id_of,
    press,
    wait_answer,
    wait_card,
    wait_until,
)
from tests.fakes.html import plain_text
from tests.fakes.telegram import FakeTelegram
from tests.helpers import PITCH


def test_polling_a_forward_gets_a_card_and_the_token_stays_out_of_the_log(
    database_url: str, tmp_path: Path
):
    with FakeTelegram(token=TOKEN) as fake:
        bot = BotProcess(fake, database_url, tmp_path / "bot.log").start()
        try:
            fake.forward(OWNER, PITCH, origin="user")
            card = wait_card(fake, OWNER)
            assert "Sales pitch" in card.params["text"]
            assert fake.calls_to("sendChatAction"), "no typing action while drafting"
            assert bot.rows("select status from cases") == [("drafted",)]
        finally:
            bot.stop()
    assert "getUpdates" in {c.method for c in fake.calls}  # it really polled
    assert TOKEN.split(":")[1] not in bot.output(), "the token leaked into the log"


# --- restarts -----------------------------------------------------------------------------


def test_a_restart_between_card_and_approve_still_approves(database_url: str, tmp_path: Path):
    with FakeTelegram(token=TOKEN) as fake:
        first = BotProcess(fake, database_url, tmp_path / "bot.log").start()
        fake.send_text(OWNER, PITCH)
        card = wait_card(fake, OWNER)
        first.stop()

        second = BotProcess(fake, database_url, tmp_path / "bot.log").start()
        try:
            answer = wait_answer(fake, press(fake, OWNER, card, f"cs1:ap:{case_id_of(card)}"))
            assert answer.params.get("text") == "Approved"
            assert second.rows("select status from cases") == [("approved",)]
        finally:
            second.stop()


def test_a_process_killed_mid_draft_finishes_the_case_after_restart(
    database_url: str, tmp_path: Path
):
    with FakeTelegram(token=TOKEN) as fake:
        first = BotProcess(fake, database_url, tmp_path / "bot.log").start()
        # The typing action is sent after the case is stored and before the draft is shown:
        # hold it so the process dies in between.
        fake.delay_next("sendChatAction", 60)
        fake.send_text(OWNER, PITCH)
        deadline = time.monotonic() + 15
        while not first.rows("select id from cases") and time.monotonic() < deadline:
            time.sleep(0.05)
        assert first.rows("select status from cases") == [("pending",)]
        first.kill()
        assert not card_calls(fake, OWNER)

        second = BotProcess(fake, database_url, tmp_path / "bot.log").start()
        try:
            wait_card(fake, OWNER)
            time.sleep(1)
            assert len(card_calls(fake, OWNER)) == 1
            assert second.rows("select status from cases") == [("drafted",)]
        finally:
            second.stop()


# --- nothing owed is lost, nothing is sent twice -----------------------------------------


def replies_to(fake: FakeTelegram, chat_id: int, text_part: str) -> list:
    """Successful sendMessage calls to `chat_id` whose text holds `text_part`: the reply."""
    return [
        c
        for c in fake.calls_to("sendMessage")
        if c.params.get("chat_id") == chat_id
        and c.status == 200
        and text_part in c.params.get("text", "")
        and not any(d.startswith("cs1:") for d in callback_data(c))
    ]


def test_killed_between_approve_and_reply_the_reply_arrives_once(database_url: str, tmp_path: Path):
    with FakeTelegram(token=TOKEN) as fake:
        first = BotProcess(fake, database_url, tmp_path / "bot.log").start()
        fake.send_text(OWNER, PITCH)
        card = wait_card(fake, OWNER)
        # The approval is stored, then the press is answered, then the reply goes out: hold
        # the answer, so the process dies with the approval stored and the reply not sent.
        fake.delay_next("answerCallbackQuery", 30)
        press(fake, OWNER, card, f"cs1:ap:{case_id_of(card)}")
        wait_until(lambda: first.rows("select status from cases") == [("approved",)])
        first.kill()
        draft = first.rows("select approved_text from cases")[0][0]
        first_line = draft.splitlines()[0]
        assert not replies_to(fake, OWNER, first_line)

        second = BotProcess(fake, database_url, tmp_path / "bot.log").start()
        try:
            wait_until(lambda: replies_to(fake, OWNER, first_line), timeout=15)
            time.sleep(2)  # room for a second copy to show up, if one were coming
            assert len(replies_to(fake, OWNER, first_line)) == 1
            assert second.rows("select count(*) from outbox where sent_at is not null") == [(1,)]
        finally:
            second.stop()


def test_killed_after_telegram_took_the_reply_it_is_not_sent_again(
    database_url: str, tmp_path: Path
):
    """The window no new message can close: Telegram has the reply, the bot dies before it
    records that. After the restart the reply is in doubt, so it goes into the card (an
    edit) instead of out again."""
    with FakeTelegram(token=TOKEN) as fake:
        first = BotProcess(fake, database_url, tmp_path / "bot.log").start()
        fake.send_text(OWNER, PITCH)
        card = wait_card(fake, OWNER)
        fake.delay_next("sendMessage", 30, after=True)  # delivered, answer held
        press(fake, OWNER, card, f"cs1:ap:{case_id_of(card)}")
        draft = wait_until(lambda: first.rows("select approved_text from cases")[0][0])
        first_line = draft.splitlines()[0]
        wait_until(lambda: replies_to(fake, OWNER, first_line))
        first.kill()
        assert first.rows("select count(*) from outbox where sent_at is null") == [(1,)]

        second = BotProcess(fake, database_url, tmp_path / "bot.log").start()
        try:
            card_id = card.response["result"]["message_id"]
            wait_until(
                lambda: (
                    second.rows("select message_id, in_doubt from outbox")
                    in ([(card_id, True)], [(card_id, 1)])
                ),
                timeout=15,
            )
            time.sleep(1)
            assert len(replies_to(fake, OWNER, first_line)) == 1  # not sent a second time
            [held] = [m for m in fake.messages(OWNER) if m["message_id"] == card_id]
            assert held["text"].startswith(plain_text(texts.REPLY_IN_CARD))
            assert draft in held["text"]
            [[copy]] = held["reply_markup"]["inline_keyboard"]
            assert copy["copy_text"]["text"] == draft
        finally:
            second.stop()


def test_a_500_on_the_card_still_brings_the_card(database_url: str, tmp_path: Path):
    with FakeTelegram(token=TOKEN) as fake:
        # Default settings: a failed card is owed again at once, not after STALE_AFTER (120 s).
        bot = BotProcess(fake, database_url, tmp_path / "bot.log").start()
        try:
            fake.fail_next("sendMessage", 500, description="Internal Server Error")
            fake.send_text(OWNER, PITCH)
            wait_card(fake, OWNER, timeout=15)  # picked up again by the recovery loop
            time.sleep(2)
            assert len(card_calls(fake, OWNER)) == 1
        finally:
            bot.stop()


def test_an_update_fetched_by_a_process_killed_at_once_is_handled_once(
    database_url: str, tmp_path: Path
):
    with FakeTelegram(token=TOKEN) as fake:
        first = BotProcess(fake, database_url, tmp_path / "bot.log").start()
        update = fake.send_text(OWNER, PITCH)
        # Die as soon as Telegram has handed the update over, before or just after the bot
        # stored it: either way it is confirmed only once stored, so it is not lost.
        fake.wait_for_sync(
            "getUpdates",
            predicate=lambda c: any(
                u["update_id"] == update["update_id"] for u in c.response.get("result", [])
            ),
            timeout=15,
        )
        first.kill()

        second = BotProcess(fake, database_url, tmp_path / "bot.log").start()
        try:
            wait_card(fake, OWNER, timeout=20)
            time.sleep(2)
            assert len(card_calls(fake, OWNER)) == 1
            assert second.rows("select count(*) from cases") == [(1,)]
        finally:
            second.stop()


def test_a_500_then_five_429s_on_the_reply_deliver_it_once(database_url: str, tmp_path: Path):
    with FakeTelegram(token=TOKEN) as fake:
        bot = BotProcess(fake, database_url, tmp_path / "bot.log").start()
        try:
            fake.send_text(OWNER, PITCH)
            card = wait_card(fake, OWNER)
            fake.fail_next("sendMessage", 500, description="Internal Server Error")
            press(fake, OWNER, card, f"cs1:ap:{case_id_of(card)}")
            wait_until(lambda: fake.calls_to("sendMessage")[-1].status == 500)
            fake.fail_next("sendMessage", 429, retry_after=1, times=5)
            draft = wait_until(lambda: bot.rows("select approved_text from cases")[0][0])
            first_line = draft.splitlines()[0]
            wait_until(lambda: replies_to(fake, OWNER, first_line), timeout=30)
            time.sleep(2)
            assert len(replies_to(fake, OWNER, first_line)) == 1
            refused = [c.status for c in fake.calls_to("sendMessage") if c.status != 200]
            assert refused == [500, 429, 429, 429, 429, 429]
        finally:
            bot.stop()
