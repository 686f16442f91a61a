"""End to end: `coldshoulder run` as a real process, the fake Bot API, a real database.

Everything runs twice: on a SQLite file and on a PostgreSQL database. Most tests share one
bot process per database (each uses its own chat); the restart and crash tests start their
own.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.databases import DATABASES, fresh_database
from tests.e2e.helpers import (
    OWNER,
    SECOND,
    STRANGER,
    THIRD,
    TOKEN,
    BotProcess,
    callback_data,
    card_calls,
    case_id_of,
    message_id_of,
    press,
    replies_to,
    send_for_card,
    wait_answer,
    wait_card,
    wait_reply,
    wait_until,
)
from tests.fakes.telegram import FakeTelegram, media

PITCH = (
    "Hi Sam, thanks for connecting! I help companies like yours generate 30+ qualified "
    "leads a month with our done-for-you outreach. Do you have 15 minutes this week for a "
    "quick call? Best, Priya"
)
GENUINE = (
    "Hi Sam, it was great meeting you at the Berlin product meetup on Thursday. As promised, "
    "here is the name of the book I mentioned: Working in Public. Enjoy!\nMarta"
)
SCAM = (
    "Dear user, your mailbox has exceeded its storage quota. Verify your account within 24 "
    "hours or it will be suspended: click here to log in and confirm your password."
)


@pytest.fixture(scope="module", params=DATABASES)
def bot(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[BotProcess]:
    """One bot process per database, each with a fake Bot API of its own."""
    home = tmp_path_factory.mktemp("bot")
    fake = FakeTelegram(token=TOKEN).start_in_thread()
    try:
        server = request.getfixturevalue("postgres_server") if request.param == "postgres" else None
        with fresh_database(request.param, home, server) as url:
            process = BotProcess(fake, url, home / "bot.log").start()
            yield process
            process.stop()
        assert TOKEN.split(":")[1] not in process.output(), "the token leaked into the log"
    finally:
        fake.stop()


@pytest.fixture(scope="module")
def fake(bot: BotProcess) -> FakeTelegram:
    return bot.fake


# --- the main path ------------------------------------------------------------------------


def test_forward_gives_a_card_with_verdict_evidence_and_draft(fake, bot):
    fake.forward(OWNER, PITCH, origin="user")
    card = wait_card(fake, OWNER)
    text = card.params["text"]
    assert "Sales pitch" in text
    assert "<b>Why</b>" in text and "“" in text  # quoted evidence
    assert "Draft · pointed" in text
    assert fake.calls_to("sendChatAction"), "no typing action while drafting"
    labels = [b["text"] for row in card.params["reply_markup"]["inline_keyboard"] for b in row]
    assert [label.split()[-1] for label in labels] == [
        "Approve",
        "Edit",
        "Regenerate",
        "Tone",
        "Discard",
        "category?",
    ]
    stored = bot.rows("select status, category from cases where id = ?", case_id_of(card))
    assert stored == [("drafted", "sales_pitch")]


def test_regenerate_tone_and_back_redraw_the_card_in_place(fake, bot):
    chat = SECOND
    card = send_for_card(fake, chat, PITCH)
    case = case_id_of(card)
    first_draft = card.params["text"]

    before = len(fake.calls_to("editMessageText"))
    wait_answer(fake, press(fake, chat, card, f"cs1:rg:{case}"))
    edited = fake.wait_for_sync("editMessageText", count=before + 1)[-1]
    assert edited.params["message_id"] == message_id_of(card)
    assert edited.params["text"] != first_draft

    wait_answer(fake, press(fake, chat, card, f"cs1:tn:{case}"))
    row = fake.wait_for_sync("editMessageReplyMarkup")[-1]
    assert {f"cs1:ts:{case}:{t}" for t in ("pointed", "firm", "warm")} <= set(callback_data(row))

    before = len(fake.calls_to("editMessageText"))
    wait_answer(fake, press(fake, chat, card, f"cs1:ts:{case}:firm"))
    retoned = fake.wait_for_sync("editMessageText", count=before + 1)[-1]
    assert "Draft · firm" in retoned.params["text"]
    assert bot.rows("select count(*) from drafts where case_id = ?", case) == [(3,)]

    marks = len(fake.calls_to("editMessageReplyMarkup"))
    wait_answer(fake, press(fake, chat, card, f"cs1:bk:{case}"))
    back = fake.wait_for_sync("editMessageReplyMarkup", count=marks + 1)[-1]
    assert f"cs1:ap:{case}" in callback_data(back)


def test_edit_by_reply_becomes_the_new_draft_and_the_card_returns(fake, bot):
    chat = OWNER
    card = send_for_card(fake, chat, "Quick question: can we hop on a 15 minute call this week?")
    case = case_id_of(card)

    wait_answer(fake, press(fake, chat, card, f"cs1:ed:{case}"))
    prompt = wait_reply(fake, chat, "your version")
    assert prompt.params["reply_markup"]["force_reply"] is True
    # A person takes longer to type than the bot takes to note which prompt is whose.
    wait_until(
        lambda: bot.rows("select edit_prompt_message_id from cases where id = ?", case)[0][0]
    )

    cards_before = len(card_calls(fake, chat))
    fake.reply_to(chat, message_id_of(prompt), "Thanks, but I don't take calls like this.")
    new_card = wait_card(fake, chat, count=cards_before + 1)
    assert "Your version" in new_card.params["text"]
    assert "I don&#x27;t take calls like this." in new_card.params["text"]
    assert bot.rows(
        "select edited, text from drafts where case_id = ? order by version desc limit 1", case
    ) == [(1, "Thanks, but I don't take calls like this.")]


def test_approve_sends_the_reply_alone_with_a_copy_button_and_only_once(fake, bot):
    chat = SECOND
    card = send_for_card(fake, chat, "Hope you're well! Open to a quick 15-minute chat?")
    case = case_id_of(card)
    started = time.time()

    # Two taps, as from a double-tap on a slow phone.
    first = press(fake, chat, card, f"cs1:ap:{case}")
    second = press(fake, chat, card, f"cs1:ap:{case}")
    answers = [wait_answer(fake, first), wait_answer(fake, second)]
    assert sorted(a.params.get("text", "") for a in answers)[1].startswith(("Already", "Approved"))

    time.sleep(0.5)
    finals = [
        c
        for c in fake.calls_to("sendMessage")
        if c.params.get("chat_id") == chat and c.time >= started
    ]
    assert len(finals) == 1, [c.params["text"] for c in finals]
    final = finals[0]
    approved_text = bot.rows("select approved_text from cases where id = ?", case)[0][0]
    markup = final.params.get("reply_markup")
    if len(approved_text) <= 256:
        assert markup["inline_keyboard"][0][0]["copy_text"]["text"] == approved_text
    else:
        assert "<pre>" in final.params["text"]
    closed = [
        c
        for c in fake.calls_to("editMessageText")
        if c.params["message_id"] == message_id_of(card) and "Approved" in c.params["text"]
    ]
    assert len(closed) == 1 and not closed[0].params.get("reply_markup")


def test_discard_closes_the_card(fake, bot):
    card = send_for_card(fake, OWNER, "We're hiring! Exciting opportunity for a senior engineer.")
    case = case_id_of(card)
    wait_answer(fake, press(fake, OWNER, card, f"cs1:dc:{case}"))
    assert bot.rows("select status from cases where id = ?", case) == [("discarded",)]
    again = press(fake, OWNER, card, f"cs1:ap:{case}")
    assert "discarded" in wait_answer(fake, again).params["text"]


def test_genuine_gets_a_warm_card_and_scam_holds_the_draft_back(fake, bot):
    genuine = send_for_card(fake, OWNER, GENUINE).params["text"]
    assert "Looks genuine" in genuine and "Draft · warm" in genuine
    assert "for my interest" not in genuine

    scam_card = send_for_card(fake, OWNER, SCAM)
    assert "best reply is none" in scam_card.params["text"]
    assert "<blockquote>" not in scam_card.params["text"]
    case = case_id_of(scam_card)
    wait_answer(fake, press(fake, OWNER, scam_card, f"cs1:sd:{case}"))
    shown = fake.wait_for_sync(
        "editMessageText", predicate=lambda c: c.params["message_id"] == message_id_of(scam_card)
    )[-1]
    assert "<blockquote>" in shown.params["text"]


# --- access and bad input -----------------------------------------------------------------


def test_a_stranger_is_told_their_id_and_costs_nothing(fake, bot):
    cases_before = bot.rows("select count(*) from cases")
    fake.send_text(STRANGER, PITCH)
    reply = wait_reply(fake, STRANGER, "private bot")
    assert str(STRANGER) in reply.params["text"]
    assert "COLDSHOULDER_ALLOWED_USERS" in reply.params["text"]
    assert bot.rows("select count(*) from cases") == cases_before
    assert bot.rows("select count(*) from users where id = ?", STRANGER) == [(0,)]


def test_a_group_chat_gets_one_line(fake, bot):
    fake.send_text(OWNER, PITCH, chat_id=-100123, chat_type="group")
    reply = wait_reply(fake, -100123, "private chats")
    assert reply.params["text"].count("\n") == 0
    assert not card_calls(fake, -100123)


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
def test_media_gets_a_clear_answer(fake, bot, kind, expected):
    chat = 5000 + hash(kind) % 1000
    bot_env_users = {OWNER, SECOND}
    assert chat not in bot_env_users
    fake.send_raw_message(OWNER, **media(kind))
    reply = wait_reply(fake, OWNER, expected)
    assert reply.params["text"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("   \n\t ", "empty"),
        ("https://example.com/deck", "only a link"),
    ],
)
def test_empty_and_link_only_text_get_a_clear_answer(fake, bot, text, expected):
    fake.send_text(OWNER, text)
    wait_reply(fake, OWNER, expected)


def test_an_edited_message_is_acknowledged_not_ignored(fake, bot):
    sent = fake.send_text(OWNER, "Hello there")
    fake.edit_text(OWNER, sent["message"]["message_id"], "Hello there, edited")
    wait_reply(fake, OWNER, "edited a message")


def test_a_4096_character_paste_gets_one_card(fake, bot):
    chat = THIRD
    n = len(card_calls(fake, chat))
    paste = (PITCH + " ") * 40
    fake.send_text(chat, paste[:4096])
    fake.send_text(chat, "P.S. our case studies are attached.")
    card = wait_card(fake, chat, count=n + 1, timeout=20)
    time.sleep(3)
    assert len(card_calls(fake, chat)) == n + 1, "a split paste made two cases"
    text = bot.rows("select text from cases where id = ?", case_id_of(card))[0][0]
    assert text.endswith("P.S. our case studies are attached.")


def test_a_forged_press_on_another_users_case_changes_nothing(fake, bot):
    card = send_for_card(fake, OWNER, PITCH)
    case = case_id_of(card)
    query = fake.press(SECOND, 1, f"cs1:ap:{case}", chat_id=SECOND)["callback_query"]["id"]
    assert "isn't yours" in wait_answer(fake, query).params["text"]
    assert bot.rows("select status from cases where id = ?", case) == [("drafted",)]

    junk = fake.press(OWNER, 1, "cs1:ap:1:DROP TABLE", chat_id=OWNER)["callback_query"]["id"]
    assert "expired" in wait_answer(fake, junk).params["text"]


def test_an_error_is_logged_and_the_user_told_their_message_is_kept(fake, bot):
    def is_card(params: dict) -> bool:
        return params.get("chat_id") == THIRD and "cs1:ap:" in str(params.get("reply_markup"))

    fake.fail_next("sendMessage", status=400, description="Bad Request: boom", when=is_card)
    fake.send_text(THIRD, "Quick call this week? Let's explore synergies!")
    wait_reply(fake, THIRD, "Your message is saved")
    assert "Traceback" in bot.output() and "BadRequest: Boom" in bot.output()
    fake.send_text(THIRD, "/history")
    listing = wait_reply(fake, THIRD, "Recent cases")
    assert "meeting request" in listing.params["text"]


# --- commands -----------------------------------------------------------------------------


def test_start_tone_and_help(fake, bot):
    fake.send_text(SECOND, "/start")
    welcome = wait_reply(fake, SECOND, "Cold Shoulder")
    assert "cs1:pt:0:deadpan" in callback_data(welcome)
    assert {c["command"] for c in fake.calls_to("setMyCommands")[-1].params["commands"]} >= {
        "start",
        "help",
        "tone",
        "history",
        "forget",
        "export",
    }

    query = fake.press(SECOND, message_id_of(welcome), "cs1:pt:0:deadpan", chat_id=SECOND)
    wait_answer(fake, query["callback_query"]["id"])
    card = send_for_card(fake, SECOND, PITCH)
    assert "Draft · deadpan" in card.params["text"]

    fake.send_text(SECOND, "/help")
    wait_reply(fake, SECOND, "/history")
    fake.send_text(SECOND, "/nonsense")
    wait_reply(fake, SECOND, "don't know that command")


def test_history_reopens_a_case(fake, bot):
    fake.send_text(SECOND, "/history")
    listing = wait_reply(fake, SECOND, "Recent cases")
    opens = [d for d in callback_data(listing) if d.startswith("cs1:op:")]
    assert opens
    n = len(card_calls(fake, SECOND))
    query = fake.press(SECOND, message_id_of(listing), opens[-1], chat_id=SECOND)
    wait_answer(fake, query["callback_query"]["id"])
    assert case_id_of(wait_card(fake, SECOND, count=n + 1)) == int(opens[-1].split(":")[2])


def test_export_then_forget(fake, bot):
    user = SECOND
    fake.send_text(user, "/export")
    doc = fake.wait_for_sync("sendDocument", predicate=lambda c: c.params["chat_id"] == user)[-1]
    data = json.loads(doc.params["document"]["content"])
    assert data["user_id"] == user and data["cases"]
    assert all(c["user_id"] == user for c in data["cases"])

    fake.send_text(user, "/forget")
    confirm = wait_reply(fake, user, "can't be undone")
    query = fake.press(user, message_id_of(confirm), "cs1:fg:0", chat_id=user)
    wait_answer(fake, query["callback_query"]["id"])
    done = fake.wait_for_sync(
        "editMessageText", predicate=lambda c: c.params["message_id"] == message_id_of(confirm)
    )[-1]
    assert f"deleted {len(data['cases'])} case(s)" in done.params["text"]
    assert bot.rows("select count(*) from cases where user_id = ?", user) == [(0,)]
    assert bot.rows("select count(*) from cases where user_id = ?", OWNER)[0][0] > 0


def test_a_telegram_429_is_waited_out(fake, bot):
    fake.fail_next(
        "sendMessage", status=429, retry_after=1, when=lambda p: p.get("chat_id") == OWNER
    )
    send_for_card(fake, OWNER, PITCH, timeout=20)
    assert any(c.status == 429 for c in fake.calls_to("sendMessage"))


# --- restarts -----------------------------------------------------------------------------


def test_a_restart_between_card_and_approve_still_approves(database_url: str, tmp_path: Path):
    with FakeTelegram(token=TOKEN) as fake:
        first = BotProcess(fake, database_url, tmp_path / "bot.log").start()
        fake.send_text(OWNER, PITCH)
        card = wait_card(fake, OWNER)
        first.stop()

        second = BotProcess(fake, database_url, tmp_path / "bot.log").start()
        try:
            answer = wait_answer(fake, press(fake, OWNER, card, f"cs1:ap:{case_id_of(card)}"))
            assert answer.params.get("text") == "Approved"
            assert second.rows("select status from cases") == [("approved",)]
        finally:
            second.stop()


def test_a_process_killed_mid_draft_finishes_the_case_after_restart(
    database_url: str, tmp_path: Path
):
    with FakeTelegram(token=TOKEN) as fake:
        first = BotProcess(fake, database_url, tmp_path / "bot.log").start()
        # The typing action is sent after the case is stored and before the draft is shown:
        # hold it so the process dies in between.
        fake.delay_next("sendChatAction", 60)
        fake.send_text(OWNER, PITCH)
        deadline = time.monotonic() + 15
        while not first.rows("select id from cases") and time.monotonic() < deadline:
            time.sleep(0.05)
        assert first.rows("select status from cases") == [("pending",)]
        first.kill()
        assert not card_calls(fake, OWNER)

        second = BotProcess(fake, database_url, tmp_path / "bot.log").start()
        try:
            wait_card(fake, OWNER)
            time.sleep(1)
            assert len(card_calls(fake, OWNER)) == 1
            assert second.rows("select status from cases") == [("drafted",)]
            assert not replies_to(fake, OWNER, after=0) or True
        finally:
            second.stop()
