"""Hosted mode end to end: two `coldshoulder run` replicas in webhook mode on one PostgreSQL,
behind the fake Bot API's webhook delivery (round-robin, like a load balancer)."""

from __future__ import annotations

import json
import socket
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.helpers import (
    OWNER,
    SECOND,
    TOKEN,
    BotProcess,
    card_calls,
    case_id_of,
    press,
    wait_answer,
    wait_card,
    wait_until,
)
from tests.fakes.telegram import FakeTelegram
from tests.helpers import scraped

SECRET = "test-webhook-secret-0123456789"
PITCH = "Thanks for connecting! I help companies like yours grow. Quick 15-minute call?"

pytestmark = pytest.mark.postgres


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Replica(BotProcess):
    def __init__(self, fake: FakeTelegram, url: str, home: Path, name: str):
        self.port = free_port()
        super().__init__(
            fake,
            url,
            home / f"{name}.log",
            COLDSHOULDER_WEBHOOK_URL="https://bot.example/telegram",
            COLDSHOULDER_WEBHOOK_SECRET=SECRET,
            COLDSHOULDER_LISTEN=f"127.0.0.1:{self.port}",
            COLDSHOULDER_STALE_AFTER="2",
        )

    @property
    def target(self) -> str:
        return f"http://127.0.0.1:{self.port}/telegram"

    def start(self, timeout: float = 30) -> Replica:
        super().start(timeout)
        wait_until(lambda: self.get("/healthz")[0] == 200, timeout=timeout)
        return self

    def get(self, path: str) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}{path}", timeout=2) as r:
                return r.status, r.read().decode()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode()
        except OSError:
            return 0, ""

    def post_update(self, update: dict, secret: str | None) -> int:
        headers = {"Content-Type": "application/json"}
        if secret is not None:
            headers["X-Telegram-Bot-Api-Secret-Token"] = secret
        request = urllib.request.Request(
            self.target, data=json.dumps(update).encode(), headers=headers, method="POST"
        )
        try:
            with urllib.request.urlopen(request, timeout=5) as r:
                return r.status
        except urllib.error.HTTPError as exc:
            return exc.code


@pytest.fixture
def cluster(postgres_url: str, tmp_path: Path) -> Iterator[tuple[FakeTelegram, Replica, Replica]]:
    fake = FakeTelegram(token=TOKEN).start_in_thread()
    one = Replica(fake, postgres_url, tmp_path, "one").start()
    two = Replica(fake, postgres_url, tmp_path, "two").start()
    fake.webhook_targets = [one.target, two.target]
    yield fake, one, two
    for replica in (one, two):
        replica.stop()
        assert TOKEN.split(":")[1] not in replica.output()
        assert SECRET not in replica.output()
    fake.stop()


def final_replies(fake: FakeTelegram, chat: int, after: float) -> list:
    """Calls that put the approved reply in the chat (the card written into it, or a new
    message); a repeat would be a second one."""
    return [
        c
        for c in fake.calls_to("sendMessage") + fake.calls_to("editMessageText")
        if c.params.get("chat_id") == chat
        and c.time >= after
        and c.status == 200
        and "copy_text" in str(c.params)
    ]


def approve_everywhere(fake: FakeTelegram, user_id: int, card) -> dict:
    """Approve a card three times at once: a double tap (two updates, routed to the two
    replicas) and one update Telegram retried, reaching both replicas; returns that one."""
    approve = f"cs1:ap:{case_id_of(card)}"
    first = press(fake, user_id, card, approve)
    second = press(fake, user_id, card, approve)
    third = fake.press(user_id, card.response["result"]["message_id"], approve)
    fake.deliver_to_all_sync(third)
    for query in (first, second):
        wait_answer(fake, query)
    return third


def test_a_card_made_by_one_replica_is_approved_through_the_other(cluster):
    fake, one, two = cluster
    assert fake.webhook_url == "https://bot.example/telegram"
    update = fake.send_text(OWNER, PITCH)
    card = wait_card(fake, OWNER, timeout=20)
    pressed = fake.press(OWNER, card.response["result"]["message_id"], f"cs1:ap:{case_id_of(card)}")
    assert wait_answer(fake, pressed["callback_query"]["id"]).params["text"] == "Approved"
    targets = {
        d.target
        for d in fake.deliveries
        if d.update_id in (update["update_id"], pressed["update_id"])
    }
    assert targets == {one.target, two.target}  # each update landed on a different replica
    assert one.rows("select status from cases") == [("approved",)]


def test_an_approve_on_both_replicas_at_once_sends_one_reply(cluster):
    fake, one, _two = cluster
    fake.send_text(SECOND, PITCH)
    card = wait_card(fake, SECOND, timeout=20)
    started = time.time()
    third = approve_everywhere(fake, SECOND, card)
    time.sleep(1.5)
    assert len(final_replies(fake, SECOND, started)) == 1
    assert one.rows("select count(*) from inbox where update_id = ?", third["update_id"]) == [(1,)]


def test_a_forged_webhook_request_changes_nothing(cluster):
    _fake, one, _two = cluster
    forged = {
        "update_id": 999_001,
        "message": {
            "message_id": 1,
            "date": int(time.time()),
            "chat": {"id": OWNER, "type": "private"},
            "from": {"id": OWNER, "is_bot": False, "first_name": "Mallory"},
            "text": PITCH,
        },
    }
    assert one.post_update(forged, secret=None) == 403
    assert one.post_update(forged, secret="wrong-" + SECRET) == 403
    time.sleep(0.5)
    assert one.rows("select count(*) from inbox") == [(0,)]
    assert one.rows("select count(*) from cases") == [(0,)]
    assert "wrong-" not in one.output()
    status, metrics = one.get("/metrics")
    assert status == 200 and scraped(metrics, "coldshoulder_webhook_rejected_total") == 2
    status, health = one.get("/healthz")
    assert status == 200 and json.loads(health)["store"] == "ok"


def test_a_replica_killed_mid_case_loses_nothing(cluster):
    fake, one, two = cluster
    # The typing action comes after the case is stored and before the card: hold it there.
    fake.delay_next("sendChatAction", 60)
    update = fake.send_text(OWNER, PITCH)
    wait_until(lambda: one.rows("select count(*) from cases") == [(1,)], timeout=15)
    handled_by = next(d.target for d in fake.deliveries if d.update_id == update["update_id"])
    victim, survivor = (one, two) if handled_by == one.target else (two, one)
    victim.kill()
    fake.webhook_targets = [survivor.target]
    card = wait_card(fake, OWNER, timeout=45)
    time.sleep(2)
    assert len(card_calls(fake, OWNER)) == 1
    assert survivor.rows("select status from cases") == [("drafted",)]
    assert case_id_of(card) == survivor.rows("select id from cases")[0][0]
    replays = scraped(survivor.get("/metrics")[1], "coldshoulder_updates_replayed_total")
    assert replays == 1  # the update the victim acknowledged, replayed from the inbox


def test_telegram_business_on_two_replicas_sends_one_reply_as_the_owner(cluster):
    """Business updates are asked for and reach the replicas; a double Approve, on both
    replicas at once, sends one reply in the owner's chat."""
    fake, one, two = cluster
    assert {"business_connection", "business_message"} <= set(fake.webhook_allowed_updates or [])
    connected = fake.connect_business(OWNER, "bc1")
    fake.wait_for_sync(
        "sendMessage", lambda c: "Connected to your" in str(c.params.get("text")), timeout=20
    )
    message = fake.business_message("bc1", 7001, PITCH)
    card = fake.wait_for_sync(
        "sendMessage",
        lambda c: c.params.get("chat_id") == OWNER and "cs1:ap:" in str(c.params),
        timeout=20,
    )[-1]
    approve_everywhere(fake, OWNER, card)
    wait_until(lambda: fake.sent_as_owner("bc1", 7001), timeout=15)
    time.sleep(1.5)
    assert len(fake.sent_as_owner("bc1", 7001)) == 1
    delivered = {fake.wait_delivered_sync(u).target for u in (connected, message)}
    assert delivered <= {one.target, two.target}
    assert "In your chat with Priya Patel" in card.params["text"]
    assert one.rows("select status, business_state from cases") == [("approved", "sent")]
