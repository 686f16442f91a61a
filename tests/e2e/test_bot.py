"""End to end: `coldshoulder run` as a real process, the fake Bot API, a real database.

Only what a real process shows lives here: polling against an HTTP Bot API (one smoke test),
a restart, a kill -9. Everything a handler does is tested in process, faster and more
precisely: tests/telegram/. Every test runs on a SQLite file and on a PostgreSQL database.
"""

from __future__ import annotations

import time
from pathlib import Path

from tests.e2e.helpers import (
    OWNER,
    TOKEN,
    BotProcess,
    card_calls,
    case_id_of,
    press,
    wait_answer,
    wait_card,
)
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
