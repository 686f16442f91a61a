"""Running `coldshoulder run` as a real process against the fake Bot API."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bot.telegram import texts
from tests import databases
from tests.conftest import REPO_ROOT
from tests.fakes.telegram import Call, FakeTelegram
from tests.fakes.transport import TOKEN
from tests.helpers import OWNER, SECOND


class BotProcess:
    """`python -m bot run` in a subprocess, pointed at the fake and a real database.

    `db` is a SQLite file, or any database URL (tests.databases makes fresh ones).
    """

    def __init__(self, fake: FakeTelegram, db: Path | str, log: Path, **env: str):
        self.fake, self.log = fake, log
        self.database_url = f"sqlite+aiosqlite:///{db}" if isinstance(db, Path) else db
        self.env = {
            "PATH": os.environ.get("PATH", ""),
            "HOME": os.environ.get("HOME", str(log.parent)),
            # This checkout's code, whichever checkout the interpreter was installed from.
            "PYTHONPATH": str(REPO_ROOT),
            "TELEGRAM_BOT_TOKEN": TOKEN,
            "COLDSHOULDER_TELEGRAM_API_URL": f"{fake.url}/bot",
            "COLDSHOULDER_ALLOWED_USERS": f"{OWNER},{SECOND}",
            "COLDSHOULDER_DATABASE_URL": self.database_url,
            **env,
        }
        self.proc: subprocess.Popen | None = None

    def start(self, timeout: float = 30) -> BotProcess:
        started = len(self.fake.calls_to("setMyCommands"))
        with self.log.open("ab") as out:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "bot", "run"],
                cwd=self.log.parent,
                env=self.env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        # Ready once post_init registered the commands; updates injected before the first
        # getUpdates simply wait in the fake's queue, as they would at Telegram.
        deadline = time.monotonic() + timeout
        while len(self.fake.calls_to("setMyCommands")) <= started:
            if self.proc.poll() is not None:
                raise AssertionError(f"bot exited with {self.proc.returncode}:\n{self.output()}")
            if time.monotonic() > deadline:
                raise AssertionError(f"bot did not start:\n{self.output()}")
            time.sleep(0.05)
        return self

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def kill(self) -> None:
        """Die at once, as on a power cut: no shutdown code runs."""
        assert self.proc is not None
        self.proc.kill()
        self.proc.wait()

    def output(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""

    def rows(self, sql: str, *args: Any) -> list[tuple]:
        """Rows of a query on the bot's database; `?` placeholders on either database."""
        return databases.rows(self.database_url, sql, *args)


def card_calls(fake: FakeTelegram, chat_id: int) -> list[Call]:
    """Calls that showed a new case card: a sendMessage with a card's buttons, or the edit
    that turned a "Still working on it…" message into the card."""
    sent = [c for c in fake.calls_to("sendMessage") if c.params.get("chat_id") == chat_id]
    working = {
        (c.response.get("result") or {}).get("message_id")
        for c in sent
        if c.params.get("text") == texts.STILL_WORKING
    }
    replaced = [
        c
        for c in fake.calls_to("editMessageText")
        if c.params.get("chat_id") == chat_id
        and int(c.params.get("message_id", 0)) in working
        and _has_case_buttons(c)
    ]
    return [c for c in sent if _has_case_buttons(c)] + replaced


def _has_case_buttons(call: Call) -> bool:
    # Discard is under every open card, the "not sure" one included.
    return any(d.startswith(("cs1:ap:", "cs1:sd:", "cs1:dc:")) for d in callback_data(call))


def callback_data(call: Call) -> list[str]:
    markup = call.params.get("reply_markup") or {}
    rows = markup.get("inline_keyboard", []) if isinstance(markup, dict) else []
    return [b["callback_data"] for row in rows for b in row if "callback_data" in b]


def wait_card(fake: FakeTelegram, chat_id: int, count: int = 1, timeout: float = 15) -> Call:
    """The newest card sent to `chat_id`, once `count` cards have been sent there."""
    calls = fake.wait_for_sync(
        "sendMessage",
        predicate=lambda c: c.params.get("chat_id") == chat_id and _has_case_buttons(c),
        count=count,
        timeout=timeout,
    )
    return calls[-1]


def case_id_of(call: Call) -> int:
    data = next(d for d in callback_data(call) if d.startswith(("cs1:ap:", "cs1:sd:")))
    return int(data.split(":")[2])


def message_id_of(call: Call) -> int:
    return call.response["result"]["message_id"]


def wait_answer(fake: FakeTelegram, query_id: str, timeout: float = 10) -> Call:
    return fake.wait_for_sync(
        "answerCallbackQuery",
        predicate=lambda c: c.params.get("callback_query_id") == query_id,
        timeout=timeout,
    )[-1]


def press(fake: FakeTelegram, user_id: int, card: Call, data: str) -> str:
    """Press a button on a card message; returns the callback query id."""
    update = fake.press(user_id, message_id_of(card), data, chat_id=card.params["chat_id"])
    return update["callback_query"]["id"]


def wait_until(check: Callable[[], Any], timeout: float = 10) -> Any:
    deadline = time.monotonic() + timeout
    while not (result := check()):
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        time.sleep(0.05)
    return result
