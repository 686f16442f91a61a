"""Making the replies yours, end to end: settings, corrections and learning, in a real process."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.e2e.helpers import (
    OWNER,
    TOKEN,
    BotProcess,
    callback_data,
    case_id_of,
    message_id_of,
    press,
    send_for_card,
    wait_answer,
    wait_card,
    wait_reply,
    wait_until,
)
from tests.fakes.openai import FakeOpenAI
from tests.fakes.telegram import FakeTelegram

PITCH = (
    "Hi Sam, thanks for connecting! I help agencies like yours generate 40+ qualified leads "
    "a month with our done-for-you lead generation. Worth a quick call? Best, Priya"
)
PROFILE = "I run a two-person design studio in Leeds. Not interested in lead generation."


@pytest.fixture
def telegram() -> Iterator[FakeTelegram]:
    fake = FakeTelegram(token=TOKEN).start_in_thread()
    yield fake
    fake.stop()


def new_reply(fake: FakeTelegram, user: int, contains: str, action: Callable[[], object]):
    """Run `action`, then wait for a reply containing `contains` that was not there before."""

    def matches(call) -> bool:
        return call.params.get("chat_id") == user and contains in call.params["text"]

    before = len([c for c in fake.calls_to("sendMessage") if matches(c)])
    action()
    return fake.wait_for_sync("sendMessage", predicate=matches, count=before + 1)[-1]


def settings_menu(fake: FakeTelegram, user: int):
    """A fresh /settings menu (not an earlier one still in the chat)."""

    def is_menu(call) -> bool:
        return call.params.get("chat_id") == user and "<b>Settings</b>" in call.params["text"]

    before = len([c for c in fake.calls_to("sendMessage") if is_menu(c)])
    fake.send_text(user, "/settings")
    return fake.wait_for_sync("sendMessage", predicate=is_menu, count=before + 1)[-1]


def set_text(fake: FakeTelegram, bot: BotProcess, user: int, field: str, value: str) -> str:
    """Tap a setting's button, answer the prompt, and return the bot's answer."""
    menu = settings_menu(fake, user)
    before = len(fake.calls_to("sendMessage"))
    wait_answer(fake, press(fake, user, menu, f"cs1:se:0:{field}"))
    prompt = fake.wait_for_sync("sendMessage", count=before + 1)[-1]
    assert prompt.params["reply_markup"]["force_reply"] is True
    wait_until(
        lambda: (
            bot.rows("select pending_prompt_message_id from users where id = ?", user)
            == [(message_id_of(prompt),)]
        )
    )
    before = len(fake.calls_to("sendMessage"))
    fake.reply_to(user, message_id_of(prompt), value)
    return fake.wait_for_sync("sendMessage", count=before + 1)[before].params["text"]


def test_settings_shape_offline_drafts_and_survive_a_restart(telegram, tmp_path: Path):
    bot = BotProcess(telegram, tmp_path / "cs.db", tmp_path / "bot.log").start()
    try:
        before = send_for_card(telegram, OWNER, PITCH).params["text"]
        assert "Draft · pointed" in before and "As my profile says" not in before

        assert set_text(telegram, bot, OWNER, "signature", "— Sam").startswith("Saved")
        prompt = new_reply(
            telegram, OWNER, "Send a short profile", lambda: telegram.send_text(OWNER, "/profile")
        )
        wait_until(lambda: bot.rows("select pending_setting from users")[0][0] == "profile")
        new_reply(
            telegram,
            OWNER,
            "Saved",
            lambda: telegram.reply_to(OWNER, message_id_of(prompt), PROFILE),
        )

        after = send_for_card(telegram, OWNER, PITCH).params["text"]
        assert "As my profile says: I run a two-person design studio in Leeds." in after
        assert "— Sam" in after

        # A per-category tone wins over the default.
        menu = settings_menu(telegram, OWNER)
        wait_answer(telegram, press(telegram, OWNER, menu, "cs1:cv:0:sales_pitch.firm"))
        assert "Draft · firm" in send_for_card(telegram, OWNER, PITCH).params["text"]

        # Refused values say why and keep the old one.
        refused = set_text(telegram, bot, OWNER, "signature", "Sam https://sam.example")
        assert "links in replies are off" in refused
        refused = set_text(telegram, bot, OWNER, "style", "x" * 501)
        assert "limit is 500" in refused
    finally:
        bot.stop()

    bot = BotProcess(telegram, tmp_path / "cs.db", tmp_path / "bot.log").start()
    try:
        menu = settings_menu(telegram, OWNER).params["text"]
        assert "— Sam" in menu and "two-person design studio" in menu
        assert "sales pitch → firm" in menu
        assert "Draft · firm" in send_for_card(telegram, OWNER, PITCH).params["text"]
    finally:
        bot.stop()


def test_a_correction_to_genuine_changes_the_next_verdict_for_that_sender(telegram, tmp_path: Path):
    bot = BotProcess(telegram, tmp_path / "cs.db", tmp_path / "bot.log").start()
    try:
        origin = {
            "type": "user",
            "date": 1_700_000_000,
            "sender_user": {"id": 555, "is_bot": False, "first_name": "Priya"},
        }
        telegram.forward(OWNER, PITCH, origin=origin)
        card = wait_card(telegram, OWNER)
        case = case_id_of(card)
        assert "Sales pitch" in card.params["text"]

        wait_answer(telegram, press(telegram, OWNER, card, f"cs1:wc:{case}"))
        row = telegram.wait_for_sync("editMessageReplyMarkup")[-1]
        assert f"cs1:rc:{case}:genuine" in callback_data(row)
        wait_answer(telegram, press(telegram, OWNER, card, f"cs1:rc:{case}:genuine"))
        redrawn = telegram.wait_for_sync(
            "editMessageText", predicate=lambda c: "Looks genuine" in c.params["text"]
        )[-1]
        assert "You corrected this from sales pitch." in redrawn.params["text"]

        telegram.forward(OWNER, PITCH, origin=origin)
        again = wait_card(telegram, OWNER, count=2).params["text"]
        assert "Looks genuine" in again and "you marked this sender as genuine" in again

        listing = new_reply(
            telegram, OWNER, "Recent cases", lambda: telegram.send_text(OWNER, "/history")
        ).params["text"]
        assert "(corrected from sales pitch)" in listing
    finally:
        bot.stop()


def model_answer(draft: str) -> dict:
    return {
        "category": "sales_pitch",
        "confidence": 0.9,
        "signals": [
            {"signal": "pitches right after connecting", "quote": "thanks for connecting!"}
        ],
        "sender_name": "Priya",
        "their_ask": "a call",
        "language": "en",
        "generic": True,
        "draft": draft,
    }


def test_style_and_learned_replies_reach_the_model_and_can_be_cleared(telegram, tmp_path: Path):
    model = FakeOpenAI(api_key="sk-fake").start_in_thread()
    model.default = model_answer("Thank you for my interest.")
    bot = BotProcess(
        telegram,
        tmp_path / "cs.db",
        tmp_path / "bot.log",
        OPENAI_API_KEY="sk-fake",
        OPENAI_BASE_URL=model.url,
    ).start()
    try:
        set_text(telegram, bot, OWNER, "style", "British spelling, no exclamation marks")
        card = send_for_card(telegram, OWNER, PITCH)
        assert "British spelling" in model.completions[-1]["messages"][1]["content"]

        # Edit, approve: the user's words become "how I write".
        case = case_id_of(card)
        wait_answer(telegram, press(telegram, OWNER, card, f"cs1:ed:{case}"))
        prompt = wait_reply(telegram, OWNER, "your version")
        wait_until(
            lambda: bot.rows("select edit_prompt_message_id from cases where id = ?", case)[0][0]
        )
        telegram.reply_to(OWNER, message_id_of(prompt), "Cheers, but I'm sorted for leads. B.")
        mine = wait_card(telegram, OWNER, count=2)
        wait_answer(telegram, press(telegram, OWNER, mine, f"cs1:ap:{case}"))
        wait_until(lambda: bot.rows("select count(*) from style_examples")[0][0] == 1)

        send_for_card(telegram, OWNER, PITCH)
        user = model.completions[-1]["messages"][1]["content"]
        assert "Cheers, but I'm sorted for leads. B." in user

        # Clearing both takes them out of the next request.
        menu = settings_menu(telegram, OWNER)
        assert "cs1:ex:0" in callback_data(menu)
        wait_answer(telegram, press(telegram, OWNER, menu, "cs1:ex:0"))
        wait_answer(telegram, press(telegram, OWNER, menu, "cs1:sx:0:style"))
        wait_until(lambda: bot.rows("select count(*) from style_examples")[0][0] == 0)
        send_for_card(telegram, OWNER, PITCH)
        user = model.completions[-1]["messages"][1]["content"]
        assert "sorted for leads" not in user and "British spelling" not in user
    finally:
        bot.stop()
        model.stop()


def test_stats_sends_a_summary_and_a_chart(telegram, tmp_path: Path):
    bot = BotProcess(telegram, tmp_path / "cs.db", tmp_path / "bot.log").start()
    try:
        send_for_card(telegram, OWNER, PITCH)
        telegram.send_text(OWNER, "/stats")
        summary = wait_reply(telegram, OWNER, "sales pitch").params["text"]
        assert "1" in summary
        photo = telegram.wait_for_sync("sendPhoto")[-1]
        assert photo.params["photo"]["content"].startswith(b"\x89PNG")
    finally:
        bot.stop()
