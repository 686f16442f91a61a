"""The aiohttp server of webhook mode: the Telegram webhook, /healthz and /metrics.

An update is acknowledged only once it is in the store's inbox, so a replica that dies
after saying "200 OK" loses nothing: the recovery loop (one replica at a time, under a
lease) replays what was never finished. A repeated update_id is dropped.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
from datetime import UTC
from typing import Any
from urllib.parse import urlsplit

from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from telegram import Update
from telegram.ext import Application

from bot import metrics
from bot.config import Settings
from bot.store import Store
from bot.store.schema import utcnow
from bot.telegram.recovery import process_stored

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
SERVICES = web.AppKey("services", dict)


def webhook_path(settings: Settings) -> str:
    """The path Telegram posts to: the one in COLDSHOULDER_WEBHOOK_URL, or /telegram."""
    path = urlsplit(settings.webhook_url or "").path.rstrip("/")
    return path or "/telegram"


def make_web_app(app: Application, settings: Settings) -> web.Application:
    web_app = web.Application(client_max_size=2 * 1024 * 1024)
    web_app[SERVICES] = {"bot": app, "settings": settings, "tasks": set()}
    web_app.router.add_post(webhook_path(settings), on_update)
    web_app.router.add_get("/healthz", on_healthz)
    web_app.router.add_get("/metrics", on_metrics)
    return web_app


async def on_update(request: web.Request) -> web.Response:
    """One update from Telegram: check the secret, keep it, acknowledge, then handle it."""
    services = request.app[SERVICES]
    settings: Settings = services["settings"]
    expected = (
        settings.webhook_secret.get_secret_value().encode() if settings.webhook_secret else b""
    )
    given = request.headers.get(SECRET_HEADER, "").encode()
    if not expected or not hmac.compare_digest(given, expected):
        # Never log what was sent: a wrong secret may be a right one with a typo.
        log.warning("webhook request with a wrong or missing secret from %s", request.remote)
        metrics.WEBHOOK_REJECTED.inc()
        return web.Response(status=403, text="forbidden")
    try:
        payload = await request.json()
        update_id = int(payload["update_id"])
    except (ValueError, KeyError, TypeError, json.JSONDecodeError):
        return web.Response(status=400, text="not an update")
    app: Application = services["bot"]
    if not await app.bot_data.store.inbox.receive(update_id, payload):
        metrics.WEBHOOK_DUPLICATES.inc()
        return web.Response(text="duplicate")
    # Handle after answering: Telegram waits for nobody's LLM call.
    task = asyncio.create_task(process_stored(app, update_id, payload))
    services["tasks"].add(task)
    task.add_done_callback(services["tasks"].discard)
    return web.Response(text="ok")


async def on_healthz(request: web.Request) -> web.Response:
    """Store reachable, owed messages going out, and the state of the model connection."""
    app: Application = request.app[SERVICES]["bot"]
    settings: Settings = request.app[SERVICES]["settings"]
    services = app.bot_data
    body: dict[str, Any] = {"store": "ok", "outbox": "ok", "llm": "off"}
    status = 200
    try:
        await services.store.ping()
        unsent, oldest = await _owed_backlog(services.store)
    except Exception as exc:
        body["store"] = f"unreachable: {type(exc).__name__}"
        status = 503
    else:
        if oldest > settings.outbox_stuck_after:
            body["outbox"] = f"stuck: {unsent} unsent, the oldest owed for {oldest:.0f} s"
            status = 503
    broken = getattr(services.engine, "broken", None)
    if getattr(services.engine, "name", "offline") == "llm":
        body["llm"] = f"open: {broken}" if broken else "closed"
    body["ok"] = status == 200
    return web.json_response(body, status=status)


async def on_metrics(request: web.Request) -> web.Response:
    # The backlog is read here, once per scrape, rather than kept current by the recovery
    # loop: collectors are synchronous and the store is not, and one query per scrape is
    # both fresher and cheaper than one per loop pass (every second) on every replica.
    app: Application = request.app[SERVICES]["bot"]
    try:
        unsent, oldest = await _owed_backlog(app.bot_data.store)
    except Exception as exc:
        # The counters are worth serving without the store; the backlog is then unknown.
        log.warning("outbox backlog unreadable for /metrics: %s", type(exc).__name__)
        unsent, oldest = float("nan"), float("nan")
    metrics.OUTBOX_UNSENT.set(unsent)
    metrics.OUTBOX_OLDEST_SECONDS.set(oldest)
    return web.Response(
        body=generate_latest(metrics.REGISTRY), headers={"Content-Type": CONTENT_TYPE_LATEST}
    )


async def _owed_backlog(store: Store) -> tuple[int, float]:
    """Messages owed and not yet delivered, and how many seconds the oldest has waited."""
    backlog = await store.outbox.backlog()
    if backlog.oldest is None:
        return backlog.unsent, 0.0
    # SQLite hands timestamps back without their zone; they are UTC.
    oldest = backlog.oldest if backlog.oldest.tzinfo else backlog.oldest.replace(tzinfo=UTC)
    return backlog.unsent, (utcnow() - oldest).total_seconds()


async def serve(app: Application, settings: Settings, stop: asyncio.Event) -> None:
    """Run webhook mode until `stop` is set."""
    await app.initialize()
    if app.post_init:
        await app.post_init(app)
    await app.start()
    web_app = make_web_app(app, settings)
    runner = web.AppRunner(web_app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, settings.listen_host, settings.listen_port)
    await site.start()
    await app.bot.set_webhook(
        settings.webhook_url,
        secret_token=settings.webhook_secret.get_secret_value(),
        allowed_updates=Update.ALL_TYPES,
    )
    log.info("webhook mode: listening on %s", settings.listen)
    try:
        await stop.wait()
    finally:
        # Other replicas keep serving: the webhook stays registered.
        await runner.cleanup()
        pending = list(web_app[SERVICES]["tasks"])
        if pending:
            await asyncio.wait(pending, timeout=10)
        await app.stop()
        if app.post_shutdown:
            await app.post_shutdown(app)
        await app.shutdown()
