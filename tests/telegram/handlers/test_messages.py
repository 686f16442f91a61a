"""What the user sends (bot/telegram/handlers/messages.py): forwards, pastes, the kinds of
message the bot cannot read, and long pastes Telegram splits in two."""

from __future__ import annotations

import asyncio
import io
import logging
import threading
import time
from collections.abc import AsyncIterator
from itertools import pairwise
from pathlib import Path

import pytest
from PIL import Image

from bot.engine import OfflineEngine
from bot.models import Assessment, Incoming
from bot.telegram import progress, texts
from bot.telegram.progress import STILL_WORKING_AFTER, TYPING_EVERY
from tests.fakes.openai import FakeOpenAI
from tests.fakes.telegram import media
from tests.fakes.transport import Call
from tests.helpers import (
    MODEL_KEY,
    OWNER,
    PITCH,
    SECOND,
    Harness,
    app_settings,
    case_id,
    counted,
    harness,
    llm_settings,
    make_message_update,
    model_answer,
)
from tests.screenshots import THREADS, Spec, screenshot_bytes


async def test_a_forward_gets_typing_then_a_card_with_verdict_evidence_and_draft(bot: Harness):
    calls = await bot.say(PITCH, forwarded_from="Recruiter", sender_id=777)

    assert [c.method for c in calls] == ["sendChatAction", "sendMessage"]
    typing, card = calls
    assert typing.params == {"chat_id": OWNER, "action": "typing"}
    assert card.params["chat_id"] == OWNER
    assert card.params["parse_mode"] == "HTML"
    text = card.params["text"]
    assert "Sales pitch" in text
    assert "<b>Why</b>" in text and "“" in text  # quoted evidence
    assert "Draft · pointed" in text
    assert [b["text"].split()[-1] for b in card.buttons] == [
        "Approve",
        "Edit",
        "Regenerate",
        "Tone",
        "Discard",
        "category?",
    ]
    assert {d.split(":")[1] for d in card.callback_data} == {"ap", "ed", "rg", "tn", "dc", "wc"}
    stored = bot.rows("select status, category, card_message_id from cases")
    assert stored == [("drafted", "sales_pitch", card.result["message_id"])]
    assert case_id(card) == bot.rows("select id from cases")[0][0]


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("sticker", "only read text"),
        ("voice", "voice messages"),
        ("video", "videos"),
        ("location", "only read text"),
        ("contact", "only read text"),
        ("poll", "only read text"),
        ("document", "only read text"),
    ],
)
async def test_media_gets_a_clear_answer(bot: Harness, kind: str, expected: str):
    calls = await bot.send(make_message_update(bot.bot, **media(kind)))

    assert [c.method for c in calls] == ["sendMessage"]
    assert expected in calls[0].params["text"]
    assert bot.rows("select count(*) from cases") == [(0,)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("   \n\t ", "empty"),
        ("https://example.com/deck", "only a link"),
    ],
)
async def test_empty_and_link_only_text_get_a_clear_answer(bot: Harness, text, expected):
    calls = await bot.say(text)

    assert [c.method for c in calls] == ["sendMessage"]
    assert expected in calls[0].params["text"]
    assert bot.rows("select count(*) from cases") == [(0,)]


async def test_an_edited_message_is_acknowledged_not_ignored(bot: Harness):
    original = make_message_update(bot.bot, "Hello there")
    await bot.send(original)

    calls = await bot.say("Hello there, edited", edits=original.message.message_id)

    assert [(c.method, c.params["text"]) for c in calls] == [("sendMessage", texts.EDITED)]
    assert "edited a message" in texts.EDITED


async def test_a_4096_character_paste_split_in_two_gets_one_card(bot: Harness):
    bot.app.bot_data.service.split_window = 0.5  # the wait for more parts, shortened
    paste = (PITCH + " ") * 40
    first = asyncio.create_task(bot.say(paste[:4096]))
    await asyncio.sleep(0.1)  # the second part arrives while the first waits for it
    second = await bot.say("P.S. our case studies are attached.")
    calls = await first + second

    cards = [c for c in calls if c.method == "sendMessage" and c.callback_data]
    assert len(cards) == 1, "a split paste made two cases"
    [(text,)] = bot.rows("select text from cases where id = ?", case_id(cards[0]))
    assert text.startswith(PITCH) and text.endswith("P.S. our case studies are attached.")
    assert bot.rows("select count(*) from cases") == [(1,)]


async def test_a_message_slow_to_read_does_not_hold_up_another_users_card(
    bot: Harness, monkeypatch: pytest.MonkeyPatch
):
    """The offline engine reads in its own thread: while one message is stuck there, the event
    loop turns another user's forward into a card. On the loop, the stuck read would block
    the loop until its wait ran out, and only then let the other message in."""
    slow_text = "Hi Sam, this message takes the engine a long time to read. Quick call next week?"
    entered, release = threading.Event(), threading.Event()
    released: list[bool] = []
    assess = OfflineEngine.assess

    def slow_assess(self: OfflineEngine, incoming: Incoming) -> Assessment:
        if incoming.text == slow_text:
            entered.set()
            released.append(release.wait(timeout=5))
        return assess(self, incoming)

    monkeypatch.setattr(OfflineEngine, "assess", slow_assess)
    slow = asyncio.create_task(bot.say(slow_text, forwarded_from="Slow"))
    async with asyncio.timeout(10):  # longer than the read's own wait, so that fails first
        while not entered.is_set():
            await asyncio.sleep(0.01)

    other = await bot.say(PITCH, user_id=SECOND, forwarded_from="Priya")
    release.set()
    await slow

    assert released == [True], "the other card waited for the slow read to give up"
    [card] = [c for c in other if c.method == "sendMessage"]
    assert card.params["chat_id"] == SECOND and "Sales pitch" in card.params["text"]
    assert bot.rows("select count(*) from cases where status = 'drafted'") == [(2,)]


# --- with the LLM engine: the real openai client against tests/fakes/openai.py ------------

CALL_REQUEST = "Thanks for connecting! I help companies like yours. Quick 15-minute call?"


def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite+aiosqlite:///{tmp_path / 'cs.db'}"


async def test_the_card_shows_the_models_verdict_evidence_and_draft(
    tmp_path: Path, model: FakeOpenAI, caplog: pytest.LogCaptureFixture
):
    caplog.set_level(logging.INFO)
    async with harness(llm_settings(sqlite_url(tmp_path), model)) as bot:
        card = (await bot.card(CALL_REQUEST)).params["text"]
        tokens = bot.rows("select prompt_tokens, completion_tokens from cases")

    assert "Meeting request" in card and "likely (88%)" in card
    assert "vague call request: “Quick 15-minute call?”" in card
    assert "networking event" in card
    assert "offline draft" not in card
    assert len(model.completions) == 1
    assert tokens[0][0] > 0 and tokens[0][1] > 0
    assert MODEL_KEY not in caplog.text


async def test_a_bad_key_is_reported_once_and_offline_drafts_follow(
    tmp_path: Path, model: FakeOpenAI, caplog: pytest.LogCaptureFixture
):
    caplog.set_level(logging.INFO)
    async with harness(llm_settings(sqlite_url(tmp_path), model, key="sk-wrong-key")) as bot:
        first = (await bot.card(CALL_REQUEST)).params["text"]
        second = (await bot.card(CALL_REQUEST, user_id=SECOND)).params["text"]

    assert "rejected the API key" in first and "OPENAI_API_KEY" in first
    assert "rejected the API key" not in second and "offline draft" in second
    assert len(model.completions) == 1
    assert "sk-wrong-key" not in caplog.text


async def test_a_cards_latency_runs_from_the_message_to_the_card(tmp_path: Path, model: FakeOpenAI):
    model.reply(model_answer(), delay=0.3)
    cards = counted("coldshoulder_card_seconds_count")
    waited = counted("coldshoulder_card_seconds_sum")
    answered = counted("coldshoulder_llm_calls_total", outcome="ok")
    async with harness(llm_settings(sqlite_url(tmp_path), model)) as bot:
        await bot.card(CALL_REQUEST)
        await bot.say("   ")  # answered, but no card: nothing to time

    assert counted("coldshoulder_card_seconds_count") == cards + 1
    assert counted("coldshoulder_card_seconds_sum") - waited >= 0.3  # the model's time is in it
    assert counted("coldshoulder_llm_calls_total", outcome="ok") == answered + 1


# --- progress while a case takes its time -------------------------------------------------


async def test_a_slow_model_gets_renewed_typing_and_one_still_working_message_the_card_replaces(
    tmp_path: Path, model: FakeOpenAI
):
    model.reply(model_answer(), delay=12)
    async with harness(llm_settings(sqlite_url(tmp_path), model, llm_timeout=30)) as bot:
        calls = await bot.say(CALL_REQUEST, forwarded_from="Priya")
        shown = bot.rows("select card_message_id from cases")

    start, end = calls[0].at, calls[-1].at
    typing = [c.at for c in calls if c.method == "sendChatAction"]
    assert typing[0] == start and len(typing) >= 4
    assert max(b - a for a, b in pairwise([*typing, end])) < TYPING_EVERY + 0.5
    sent = [c for c in calls if c.method == "sendMessage"]
    assert [c.params["text"] for c in sent] == [texts.STILL_WORKING]
    assert STILL_WORKING_AFTER <= sent[0].at - start < STILL_WORKING_AFTER + 1
    card = calls[-1]
    assert card.method == "editMessageText"
    assert card.params["message_id"] == sent[0].result["message_id"] == shown[0][0]
    assert "Meeting request" in card.params["text"] and card.buttons
    assert end - start >= 12


async def test_a_hung_model_gives_the_offline_card_within_the_budget(
    tmp_path: Path, model: FakeOpenAI
):
    model.hang(60)
    settings = llm_settings(sqlite_url(tmp_path), model, llm_timeout=60, case_budget=3)
    async with harness(settings) as bot:
        started = time.monotonic()
        calls = await bot.say(CALL_REQUEST, forwarded_from="Priya")
        took = time.monotonic() - started

    assert 3 <= took < 4
    card = calls[-1]
    assert card.method == "sendMessage" and card.buttons
    assert "offline draft: the model took longer than 3 s" in card.params["text"]


async def test_a_still_working_message_that_cannot_be_edited_gives_way_to_a_new_card(
    tmp_path: Path, model: FakeOpenAI, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(progress, "STILL_WORKING_AFTER", 0.3)
    model.reply(model_answer(), delay=1)
    async with harness(llm_settings(sqlite_url(tmp_path), model)) as bot:
        bot.transport.fail_next("editMessageText", 400, "Bad Request: message to edit not found")
        calls = await bot.say(CALL_REQUEST, forwarded_from="Priya")
        shown = bot.rows("select card_message_id from cases")

    methods = [c.method for c in calls if c.method != "sendChatAction"]
    assert methods == ["sendMessage", "editMessageText", "deleteMessage", "sendMessage"]
    still, _, deleted, card = (c for c in calls if c.method != "sendChatAction")
    assert still.params["text"] == texts.STILL_WORKING
    assert deleted.params["message_id"] == still.result["message_id"]
    assert card.buttons and shown[0][0] == card.result["message_id"]


# --- screenshots: getFile, the download, OCR ----------------------------------------------

SHOT = Spec(layout="mobile", theme="light", scale=2, thread="growthly")


@pytest.fixture
async def sqlite_bot(tmp_path: Path) -> AsyncIterator[Harness]:
    """The offline bot on SQLite only: screenshots are slow to read, one database will do."""
    async with harness(app_settings(sqlite_url(tmp_path))) as running_bot:
        yield running_bot


def photo(file_id: str, file_size: int = 100_000, side: int = 2000) -> dict:
    """A photo message's field: one size, `side` pixels high."""
    size = {"file_id": file_id, "file_unique_id": f"u{file_id}", "width": 1280, "height": side}
    return {"photo": [size | {"file_size": file_size}]}


async def send_screenshot(bot: Harness, file_id: str, **fields) -> list[Call]:
    bot.transport.add_file(file_id, screenshot_bytes(SHOT), f"photos/{file_id}.jpg")
    return await bot.send(make_message_update(bot.bot, **photo(file_id), **fields))


async def test_a_screenshot_becomes_a_card_that_says_where_its_text_came_from(
    sqlite_bot: Harness,
):
    calls = await send_screenshot(sqlite_bot, "shot1", caption="another one of these")

    assert calls[0].method == "sendChatAction"  # "typing…" at once, renewed while OCR runs
    # On a busy machine OCR can take over 8 s: then "Still working" comes and becomes the card.
    shown = [c for c in calls if c.method != "sendChatAction"]
    assert [c.method for c in shown] in (
        ["getFile", "download", "sendMessage"],
        ["getFile", "download", "sendMessage", "editMessageText"],
    )
    assert shown[0].params["file_id"] == "shot1"
    assert shown[1].params["file_path"] == "photos/shot1.jpg"
    card = calls[-1].params["text"]
    thread = THREADS[SHOT.thread]
    first_words = " ".join(thread.expected_body.split()[:5])
    assert f"Read from a screenshot: “{first_words}" in card
    assert f"From: {thread.sender}" in card
    [(text, source)] = sqlite_bot.rows("select text, source from cases")
    assert source == "screenshot"
    assert "qualified meetings a month" in text
    assert "another one of these" not in text  # the caption is the user's note
    assert thread.own_texts[0] not in text  # the user's own reply is not the message


async def test_fix_text_replaces_a_misread_case(sqlite_bot: Harness):
    card = (await send_screenshot(sqlite_bot, "shot2"))[-1]
    case = case_id(card)
    assert f"cs1:ft:{case}" in card.callback_data

    [_, prompt] = await sqlite_bot.press(card, f"cs1:ft:{case}")
    assert (
        prompt.params["text"] == texts.FIX_TEXT_PROMPT
        and "as it should read" in texts.FIX_TEXT_PROMPT
    )
    assert sqlite_bot.rows("select pending_setting from users") == [(f"fix:{case}",)]
    fixed = "Hi Sam, we met at PyCon. Coffee next week?"
    [_, retired, _, new_card] = await sqlite_bot.say(fixed, reply_to=prompt.result)

    assert (retired.params["message_id"], retired.params["text"]) == (
        card.result["message_id"],
        texts.FIXED_TEXT,
    )
    assert "Hi Sam, we met at PyCon" in new_card.params["text"]
    assert case_id(new_card) != case
    assert sqlite_bot.rows("select status from cases where id = ?", case) == [("discarded",)]


def blank_png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (800, 600), "white").save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("content", "answer"),
    [
        (b"%PDF-1.4 not an image", "couldn't open that file"),
        (blank_png(), "couldn't find a message"),
    ],
    ids=["not-an-image", "blank"],
)
async def test_unreadable_images_get_a_clear_answer(sqlite_bot: Harness, content, answer):
    sqlite_bot.transport.add_file("doc9", content, "documents/shot.png")
    document = {
        "file_id": "doc9",
        "file_unique_id": "udoc9",
        "file_name": "shot.png",
        "mime_type": "image/png",
        "file_size": len(content),
    }

    calls = await sqlite_bot.send(make_message_update(sqlite_bot.bot, document=document))

    assert [c.method for c in calls] == ["sendChatAction", "getFile", "download", "sendMessage"]
    assert answer in calls[-1].params["text"]
    assert sqlite_bot.rows("select count(*) from cases") == [(0,)]


async def test_a_huge_image_is_refused_before_download(sqlite_bot: Harness):
    huge = photo("big", file_size=30_000_000, side=9000)

    calls = await sqlite_bot.send(make_message_update(sqlite_bot.bot, **huge))

    assert [c.method for c in calls] == ["sendMessage"]  # no getFile, no download
    assert "too large" in calls[0].params["text"]
