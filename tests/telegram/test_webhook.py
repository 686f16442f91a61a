"""Webhook mode's HTTP side in-process (bot/telegram/webhook.py): the real Application behind
the real aiohttp app, on the recording transport and each database. Replicas as processes
are tests/e2e/test_webhook.py."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from aiohttp.test_utils import TestClient, TestServer
from prometheus_client import CONTENT_TYPE_LATEST

from bot.telegram.webhook import SECRET_HEADER, SERVICES, make_web_app
from tests.fakes.transport import Call
from tests.helpers import (
    Harness,
    app_settings,
    button,
    counted,
    harness,
    make_message_update,
    scraped,
)

SECRET = "test-webhook-secret-0123456789"


@asynccontextmanager
async def served(bot: Harness) -> AsyncIterator[TestClient]:
    """The web app of webhook mode around the running bot, on a loopback port."""
    web_app = make_web_app(bot.app, bot.app.bot_data.settings)
    async with TestClient(TestServer(web_app)) as client:
        yield client


async def page(client: TestClient) -> str:
    response = await client.get("/metrics")
    assert response.status == 200
    assert response.headers["Content-Type"] == CONTENT_TYPE_LATEST
    return await response.text()


async def owe_a_reply(bot: Harness) -> Call:
    """Approve a card while Telegram fails the reply once: it stays owed for the second the
    backoff waits (or until the next press of Approve). Returns the card."""
    card = await bot.card()
    bot.transport.fail_next("sendMessage", 500, "Internal Server Error")
    await bot.press(card, button(card, "cs1:ap:"))
    assert bot.rows("select count(*) from outbox where sent_at is null") == [(1,)]
    return card


async def test_metrics_show_the_owed_reply_until_it_is_delivered(bot: Harness):
    async with served(bot) as client:
        empty = await page(client)
        assert scraped(empty, "coldshoulder_outbox_unsent") == 0
        assert scraped(empty, "coldshoulder_outbox_oldest_owed_seconds") == 0

        retries = counted("coldshoulder_outbox_retries_total", kind="reply")
        card = await owe_a_reply(bot)
        await asyncio.sleep(0.2)
        owing = await page(client)
        assert scraped(owing, "coldshoulder_outbox_unsent") == 1
        assert 0.2 <= scraped(owing, "coldshoulder_outbox_oldest_owed_seconds") < 60
        assert scraped(owing, "coldshoulder_outbox_retries_total", kind="reply") == retries + 1

        await bot.press(card, button(card, "cs1:ap:"))  # a second press sends it now
        paid = await page(client)
        assert scraped(paid, "coldshoulder_outbox_unsent") == 0
        assert scraped(paid, "coldshoulder_outbox_oldest_owed_seconds") == 0


async def test_healthz_is_503_while_a_reply_is_owed_past_the_threshold(database_url: str):
    settings = app_settings(database_url, outbox_stuck_after=0.3)
    async with harness(settings) as bot, served(bot) as client:
        healthy = await client.get("/healthz")
        assert healthy.status == 200
        assert await healthy.json() == {"store": "ok", "outbox": "ok", "llm": "off", "ok": True}

        card = await owe_a_reply(bot)
        await asyncio.sleep(0.4)
        stuck = await client.get("/healthz")
        assert stuck.status == 503
        body = await stuck.json()
        assert body["outbox"].startswith("stuck: 1 unsent, the oldest owed for ")
        assert body["store"] == "ok" and body["ok"] is False

        await bot.press(card, button(card, "cs1:ap:"))  # delivered: healthy again
        assert (await client.get("/healthz")).status == 200


async def test_healthz_stays_200_while_the_owed_reply_is_younger_than_the_threshold(bot: Harness):
    async with served(bot) as client:
        await owe_a_reply(bot)
        response = await client.get("/healthz")
        assert response.status == 200 and (await response.json())["outbox"] == "ok"


async def test_refused_and_redelivered_webhook_requests_are_counted(database_url: str):
    settings = app_settings(database_url, webhook_secret=SECRET)
    async with harness(settings) as bot, served(bot) as client:
        path = "/telegram"
        update = make_message_update(bot.bot, "/help").to_dict()
        rejected = counted("coldshoulder_webhook_rejected_total")
        duplicates = counted("coldshoulder_webhook_duplicates_total")

        forged = await client.post(path, json=update, headers={SECRET_HEADER: "wrong"})
        first = await client.post(path, json=update, headers={SECRET_HEADER: SECRET})
        again = await client.post(path, json=update, headers={SECRET_HEADER: SECRET})

        await asyncio.gather(*client.server.app[SERVICES]["tasks"])  # the /help it handles
        assert [forged.status, first.status, again.status] == [403, 200, 200]
        assert await again.text() == "duplicate"
        exposition = await page(client)
        assert scraped(exposition, "coldshoulder_webhook_rejected_total") == rejected + 1
        assert scraped(exposition, "coldshoulder_webhook_duplicates_total") == duplicates + 1
        assert "wrong" not in exposition and SECRET not in exposition
