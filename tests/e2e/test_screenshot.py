"""Screenshots end to end: a photo through the fake Bot API (getFile, download) to a card."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from tests.e2e.helpers import (
    OWNER,
    TOKEN,
    BotProcess,
    callback_data,
    case_id_of,
    message_id_of,
    press,
    wait_answer,
    wait_card,
    wait_reply,
    wait_until,
)
from tests.fakes.telegram import FakeTelegram
from tests.screenshots import THREADS, Spec, screenshot_bytes

SPEC = Spec(layout="mobile", theme="light", scale=2, thread="growthly")


@pytest.fixture
def bot(tmp_path: Path) -> Iterator[tuple[FakeTelegram, BotProcess]]:
    fake = FakeTelegram(token=TOKEN).start_in_thread()
    process = BotProcess(fake, tmp_path / "cs.db", tmp_path / "bot.log").start()
    yield fake, process
    process.stop()
    fake.stop()


def photo(file_id: str, width: int = 1280, height: int = 2000) -> dict:
    size = {"file_id": file_id, "file_unique_id": f"u{file_id}", "width": width}
    return {"photo": [size | {"height": height, "file_size": 100_000}]}


def test_a_screenshot_becomes_a_card_that_says_where_its_text_came_from(bot):
    fake, process = bot
    fake.add_file("shot1", screenshot_bytes(SPEC), "photos/shot1.jpg")
    fake.send_raw_message(OWNER, **photo("shot1"), caption="another one of these")
    card = wait_card(fake, OWNER, timeout=60).params["text"]
    thread = THREADS[SPEC.thread]
    first_words = " ".join(thread.expected_body.split()[:5])
    assert f"Read from a screenshot: “{first_words}" in card
    assert f"From: {thread.sender}" in card
    stored = process.rows("select text, source from cases")[0]
    assert stored[1] == "screenshot"
    assert "qualified meetings a month" in stored[0]
    assert "another one of these" not in stored[0]  # the caption is the user's note
    assert thread.own_texts[0] not in stored[0]  # the user's own reply is not the message


def test_fix_text_replaces_a_misread_case(bot):
    fake, process = bot
    fake.add_file("shot2", screenshot_bytes(SPEC), "photos/shot2.jpg")
    fake.send_raw_message(OWNER, **photo("shot2"))
    card = wait_card(fake, OWNER, timeout=60)
    case = case_id_of(card)
    assert f"cs1:ft:{case}" in callback_data(card)
    wait_answer(fake, press(fake, OWNER, card, f"cs1:ft:{case}"))
    prompt = wait_reply(fake, OWNER, "as it should read")
    wait_until(lambda: process.rows("select pending_setting from users")[0][0] == f"fix:{case}")
    fake.reply_to(OWNER, message_id_of(prompt), "Hi Sam, we met at PyCon. Coffee next week?")
    fixed = wait_card(fake, OWNER, count=2)
    assert "Hi Sam, we met at PyCon" in fixed.params["text"]
    assert process.rows("select status from cases where id = ?", case) == [("discarded",)]


@pytest.mark.parametrize(
    ("content", "mime", "answer"),
    [
        (b"%PDF-1.4 not an image", "image/png", "couldn't open that file"),
        ("blank", "image/png", "couldn't find a message"),
    ],
)
def test_unreadable_images_get_a_clear_answer(bot, content, mime, answer):
    fake, process = bot
    if content == "blank":
        buffer = io.BytesIO()
        Image.new("RGB", (800, 600), "white").save(buffer, format="PNG")
        content = buffer.getvalue()
    fake.add_file("doc9", content, "documents/shot.png")
    document = {
        "file_id": "doc9",
        "file_unique_id": "udoc9",
        "file_name": "shot.png",
        "mime_type": mime,
        "file_size": len(content),
    }
    fake.send_raw_message(OWNER, document=document)
    wait_reply(fake, OWNER, answer, timeout=60)
    assert process.rows("select count(*) from cases") == [(0,)]


def test_a_huge_image_is_refused_before_download(bot):
    fake, _process = bot
    fake.send_raw_message(
        OWNER,
        photo=[{"file_id": "big", "file_unique_id": "ubig", "width": 9000, "height": 9000,
                "file_size": 30_000_000}],
    )  # fmt: skip
    wait_reply(fake, OWNER, "too large")
    assert not fake.calls_to("getFile")
