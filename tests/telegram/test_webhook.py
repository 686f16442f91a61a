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
from tests.helpers import (
    Harness,
    app_settings,
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
