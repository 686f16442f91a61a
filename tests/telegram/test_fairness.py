"""Fair turns (bot/telegram/fairness.py): a flood from one user leaves room for the others."""

from __future__ import annotations

import asyncio

from telegram import Bot

from bot.telegram.fairness import FairUpdateProcessor
from tests.fakes.transport import TOKEN, RecordingRequest
from tests.helpers import OWNER, SECOND, app_settings, build_app, make_message_update


async def test_a_flood_from_one_user_does_not_hold_up_another():
    processor = FairUpdateProcessor(limit=4, per_user=2)
    bot = Bot(TOKEN)
    release = asyncio.Event()
    running: list[int] = []
    most_at_once = {OWNER: 0, SECOND: 0}

    async def work(user: int) -> None:
        running.append(user)
        most_at_once[user] = max(most_at_once[user], running.count(user))
        if user == OWNER:
            await release.wait()  # the flood's drafts are slow
        running.remove(user)

    flood = [
        asyncio.create_task(
            processor.process_update(make_message_update(bot, f"m{i}", user_id=OWNER), work(OWNER))
        )
        for i in range(20)
    ]
    await asyncio.sleep(0.05)
    other = make_message_update(bot, "hello", user_id=SECOND)
    # The other user's update finishes while all twenty of the flood are still unfinished.
    await asyncio.wait_for(processor.process_update(other, work(SECOND)), timeout=1)
    assert not any(task.done() for task in flood)
    assert most_at_once[OWNER] == 2

    release.set()
    await asyncio.gather(*flood)
    assert processor.busy_users == 0  # no state kept for idle users


async def test_the_bot_takes_turns_this_way(database_url: str):
    app = build_app(app_settings(database_url, concurrent_updates=7), RecordingRequest())
    assert isinstance(app.update_processor, FairUpdateProcessor)
    assert app.update_processor.limit == 7
