"""Polling mode with durable intake: Telegram hears that an update arrived only after it is
in the store's inbox.

`getUpdates` confirms every update below the offset it is called with. PTB's own poller
moves the offset on as soon as an update is fetched, so a process killed before the update
was stored lost it for good. Here the offset moves past an update only once the inbox holds
it; a crash before that means Telegram sends it again, and the inbox drops a repeat. Each
stored update is then handled like a webhook one (`process_stored`), and one the process
died on is handled again at the next start.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import Any

from telegram import Update
from telegram.error import Conflict, NetworkError, RetryAfter
from telegram.ext import Application

from bot.telegram.recovery import process_stored

log = logging.getLogger(__name__)

LONG_POLL = 30  # seconds Telegram may hold a getUpdates call open
MAX_BACKOFF = 30.0


async def serve(app: Application, stop: asyncio.Event) -> None:
    """Run polling mode until `stop` is set."""
    await app.initialize()
    if app.post_init:
        await app.post_init(app)
    await app.start()
    await app.bot.delete_webhook(drop_pending_updates=False)
    tasks: set[asyncio.Task[None]] = set()
    inbox = app.bot_data.store.inbox
    # One polling process: what is unfinished in the inbox was left by its previous run.
    for update_id, payload in await inbox.stale(0.0):
        _handle(app, tasks, update_id, payload)
    log.info("polling mode: waiting for updates")
    try:
        await _poll(app, tasks, stop)
    finally:
        if tasks:
            await asyncio.wait(tasks, timeout=10)
        await app.stop()
        if app.post_shutdown:
            await app.post_shutdown(app)
        await app.shutdown()


async def _poll(app: Application, tasks: set[asyncio.Task[None]], stop: asyncio.Event) -> None:
    inbox = app.bot_data.store.inbox
    offset: int | None = None
    failures = 0
    stopping = asyncio.create_task(stop.wait())
    try:
        while not stop.is_set():
            fetch = asyncio.create_task(
                app.bot.get_updates(
                    offset=offset, timeout=LONG_POLL, allowed_updates=Update.ALL_TYPES
                )
            )
            await asyncio.wait({fetch, stopping}, return_when=asyncio.FIRST_COMPLETED)
            if stop.is_set():
                fetch.cancel()  # nothing fetched now is confirmed: Telegram keeps it
                with contextlib.suppress(asyncio.CancelledError, Exception):
                    await fetch
                return
            try:
                updates = fetch.result()
            except (NetworkError, Conflict, RetryAfter) as exc:
                failures += 1
                wait = min(MAX_BACKOFF, 2.0**failures)
                log.warning("getUpdates failed (%s); trying again in %.0f s", exc, wait)
                await asyncio.wait({stopping}, timeout=wait)
                continue
            failures = 0
            for update in updates:
                payload = update.to_dict()
                if await inbox.receive(update.update_id, payload):
                    _handle(app, tasks, update.update_id, payload)
                # Stored (or stored before): the next getUpdates may confirm it.
                offset = update.update_id + 1
    finally:
        stopping.cancel()


def _handle(
    app: Application, tasks: set[asyncio.Task[None]], update_id: int, payload: dict[str, Any]
) -> None:
    task = asyncio.create_task(process_stored(app, update_id, payload))
    tasks.add(task)
    task.add_done_callback(tasks.discard)
