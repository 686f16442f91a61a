"""The buttons under a card: an uncertain case asks for its reading instead of offering a draft."""

from __future__ import annotations

from datetime import UTC, datetime

from telegram import InlineKeyboardMarkup

from bot.models import Assessment, Case, CaseStatus, Category, DraftVersion, Incoming, Tone
from bot.telegram import keyboards, texts


def unsure(category: Category, alternative: Category | None, **fields) -> Case:
    """Case 42: the engine could not tell cold from genuine; its draft (for the guess) held back."""
    values = {
        "id": 42,
        "user_id": 1,
        "chat_id": 1,
        "status": CaseStatus.drafted,
        "incoming": Incoming(text="Hi Sam, loved your talk. Coffee sometime?"),
        "assessment": Assessment(
            category=category, confidence=0.55, uncertain=True, alternative=alternative
        ),
        "drafts": [DraftVersion(version=1, tone=Tone.warm, text="Sure!", engine="offline")],
        "draft_shown": False,
        "created_at": datetime(2026, 11, 23, tzinfo=UTC),
    }
    return Case(**(values | fields))


def rows(markup: InlineKeyboardMarkup | None) -> list[list[tuple[str, str]]]:
    assert markup is not None
    return [[(b.text, b.callback_data) for b in row] for row in markup.inline_keyboard]


def test_an_uncertain_card_offers_genuine_and_the_cold_reading_then_more_then_discard():
    asked = rows(keyboards.card(unsure(Category.genuine, Category.sales_pitch)))
    assert asked == [
        [("🤝 Genuine", "cs1:rc:42:genuine"), ("🧊 Sales pitch", "cs1:rc:42:sales_pitch")],
        [(texts.BUTTON_SOMETHING_ELSE, "cs1:wc:42")],
        [(texts.BUTTON_DISCARD, "cs1:dc:42")],
    ]


def test_the_cold_reading_is_the_guess_when_the_guess_is_cold():
    asked = rows(keyboards.card(unsure(Category.recruiting, Category.genuine)))
    assert asked[0] == [
        ("🤝 Genuine", "cs1:rc:42:genuine"),
        ("💼 Recruiting", "cs1:rc:42:recruiting"),
    ]
    data = [d for row in asked for _, d in row]
    assert not any(d.startswith(("cs1:ap:", "cs1:sd:", "cs1:rg:", "cs1:ed:")) for d in data)


def test_with_no_cold_reading_every_category_is_one_tap_away():
    asked = rows(keyboards.card(unsure(Category.genuine, None)))
    picks = [d for row in asked[:-1] for _, d in row]
    assert picks == [f"cs1:rc:42:{c.value}" for c in Category]
    assert asked[-1] == [(texts.BUTTON_DISCARD, "cs1:dc:42")]


def test_a_screenshot_case_can_fix_its_text_from_the_question():
    screenshot = Incoming(text="Hi Sam, coffee?", source="screenshot")
    asked = rows(keyboards.card(unsure(Category.genuine, Category.scam, incoming=screenshot)))
    assert asked[0][1] == ("⚠️ Scam", "cs1:rc:42:scam")
    assert (texts.BUTTON_FIX_TEXT, "cs1:ft:42") in asked[1]


def test_the_picker_opened_from_the_question_marks_no_category_as_current():
    picker = rows(keyboards.category_row(unsure(Category.genuine, Category.sales_pitch)))
    labels = [label for row in picker for label, _ in row]
    assert not any(label.startswith("•") for label in labels)
    assert "cs1:bk:42" in [d for row in picker for _, d in row]


def test_a_closed_uncertain_case_has_no_buttons_and_history_says_not_sure():
    assert keyboards.card(unsure(Category.genuine, None, status=CaseStatus.discarded)) is None
    [[(label, data)], _switch] = rows(
        keyboards.history([unsure(Category.genuine, Category.recruiting)])
    )
    assert label == "Open #42 · not sure" and data == "cs1:op:42"
