"""Finishing what failed or died: messages the outbox still owes (any replica, row by row),
cases stored but never shown (a card nobody holds is sent within seconds; an undrafted case
is drafted once its drafter is surely gone), and (in webhook mode) updates kept in the inbox
but never handled (one replica at a time, under a lease). Runs for as long as the bot does,
in polling and in webhook mode."""

from __future__ import annotations

import asyncio
import logging
import os
import socket
from typing import Any

from telegram import Update
from telegram.ext import Application

from bot import metrics
from bot.config import Settings
from bot.telegram.context import Services
from bot.telegram.delivery import deliver_due, send_card

log = logging.getLogger(__name__)

RECOVERY_LEASE = "recovery"
RECOVERY_EVERY = 5.0  # seconds between looks for work a dead replica left behind
OUTBOX_EVERY = 1.0  # seconds between looks for owed messages whose retry is due
# A case still being drafted takes at most the model's budget plus OCR; after that plus this
# margin nobody is working on it.
DRAFT_MARGIN = 30.0


def pending_for(settings: Settings) -> float:
    """Seconds a case may stay undrafted before recovery drafts it (a second draft of a case
    still in progress is wasted work, never a second card: only one draft is saved)."""
    return min(settings.stale_after, settings.case_budget + DRAFT_MARGIN)


async def recover(app: Application, idle_for: float = 0.0) -> None:
    """Finish cases a previous process stored but never showed: the user gets each card once."""
    services: Services = app.bot_data
    unfinished = await services.service.unfinished(idle_for)
    for case in unfinished:
        try:
            drafted = await services.service.resume(case)
            if drafted is not None:
                await send_card(app.bot, services.service, drafted)
        except Exception:
            log.exception("could not finish case %s after restart", case.id)
    if unfinished:
        log.info("finished %d case(s) left over from the previous run", len(unfinished))


async def process_stored(app: Application, update_id: int, payload: dict[str, Any]) -> None:
    """Run one update from the webhook inbox through the handlers, then mark it done."""
    try:
        await app.process_update(Update.de_json(payload, app.bot))
    except Exception:
        log.exception("update %s failed; it stays in the inbox for a retry", update_id)
        return
    await app.bot_data.store.inbox.finish(update_id)


async def recovery_loop(app: Application, settings: Settings) -> None:
    """Deliver owed messages as they fall due; on exactly one replica at a time (a lease),
    replay unfinished updates and finish cases a dead or failed handler left behind."""
    holder = f"{socket.gethostname()}:{os.getpid()}"
    services: Services = app.bot_data
    inbox = services.store.inbox
    passes_per_look = round(RECOVERY_EVERY / OUTBOX_EVERY)
    tick = 0
    while True:
        try:
            await deliver_due(app.bot, services.service)
            if tick % passes_per_look == 0 and await inbox.acquire_lease(
                RECOVERY_LEASE, holder, ttl=RECOVERY_EVERY * 3
            ):
                for update_id, payload in await inbox.stale(settings.stale_after):
                    log.info("replaying update %s left unfinished", update_id)
                    metrics.UPDATES_REPLAYED.inc()
                    await process_stored(app, update_id, payload)
                await recover(app, idle_for=pending_for(settings))
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("recovery pass failed")
        tick += 1
        await asyncio.sleep(OUTBOX_EVERY)
