"""The composition root (bot/telegram/app.py), in process: what `build_application` sets up
around the handlers. The handlers themselves: tests/telegram/handlers/.

`build_application` as `coldshoulder run` builds it, its Bot on the in-process transport of
tests/fakes/transport.py (the `bot` fixture, tests/telegram/conftest.py).
"""

from __future__ import annotations

import time

from bot.telegram import texts
from tests.helpers import PITCH, Harness


async def test_start_up_registers_the_commands(bot: Harness):
    [call] = bot.transport.calls_to("setMyCommands")
    assert [c["command"] for c in call.params["commands"]] == [n for n, _ in texts.COMMANDS]


async def test_a_telegram_429_is_waited_out(bot: Harness):
    bot.transport.fail_next("sendMessage", 429, retry_after=1)
    started = time.monotonic()

    calls = await bot.say(PITCH, forwarded_from="Priya")

    assert [(c.method, c.status) for c in calls] == [
        ("sendChatAction", 200),
        ("sendMessage", 429),
        ("sendMessage", 200),  # the same card, sent again after retry_after
    ]
    assert calls[1].params == calls[2].params and calls[2].callback_data
    assert time.monotonic() - started >= 1
