"""Cards: escaped HTML, the evidence, the draft, and always within Telegram's limit."""

from __future__ import annotations

import html
from datetime import UTC, datetime, timedelta

import pytest
from telegram.constants import MessageLimit

from bot.models import (
    Assessment,
    BusinessLink,
    BusinessState,
    Case,
    CaseStatus,
    Category,
    DraftVersion,
    Incoming,
    Signal,
    Tone,
)
from bot.telegram import render, texts
from tests.fakes.html import plain_text

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)


def make_case(
    category: Category = Category.sales_pitch,
    draft: str = "Thank you for my interest.",
    signals: list[Signal] | None = None,
    **fields,
) -> Case:
    assessment = Assessment(
        category=category,
        confidence=0.87,
        signals=signals
        if signals is not None
        else [Signal(signal="pitches right after connecting", quote="Thanks for connecting!")],
        generic=True,
    )
    values = {
        "id": 42,
        "user_id": 1,
        "chat_id": 1,
        "status": CaseStatus.drafted,
        "incoming": Incoming(text="Thanks for connecting! I help companies like yours."),
        "assessment": assessment,
        "drafts": [DraftVersion(version=1, tone=Tone.pointed, text=draft, engine="offline")],
        "created_at": NOW,
        "draft_shown": category is not Category.scam,
    }
    values.update(fields)
    return Case(**values)


def test_card_shows_verdict_evidence_sender_and_draft():
    case = make_case(incoming=Incoming(text="x", sender_name="Anna <Smith>"))
    text = render.card(case)
    assert text.startswith("<b>🧊 Sales pitch</b> · likely (87%)\nFrom: Anna &lt;Smith&gt;\n")
    assert "pitches right after connecting: “Thanks for connecting!”" in text
    assert "Draft · pointed" in text
    assert "<blockquote>Thank you for my interest.</blockquote>" in text
    assert "mass template" in text
    assert "#42" not in text  # no case number on the card
    plain_text(text)  # Telegram would parse it


def test_the_draft_comes_before_the_reasons_which_fold_away():
    signals = [Signal(signal=f"reason {n}", quote=f"quote {n}") for n in range(6)]
    text = render.card(make_case(signals=signals))
    draft, why = text.index("Draft · pointed"), text.index("<b>Why</b>")
    assert draft < why
    assert text[why - len("<blockquote expandable>") : why] == "<blockquote expandable>"
    assert [f"reason {n}" in text for n in range(6)] == [True] * 3 + [False] * 3
    assert "mass template" in text  # the fourth bullet: three signals and the template remark
    assert plain_text(text).endswith("• reads like a mass template")

    ungeneric = make_case(signals=signals)
    ungeneric.assessment.generic = False
    assert [f"reason {n}" in render.card(ungeneric) for n in range(6)] == [True] * 4 + [False] * 2


@pytest.mark.parametrize(
    ("confidence", "words"),
    [
        (0.97, "very likely (97%)"),
        (0.9, "very likely (90%)"),
        (0.75, "likely (75%)"),
        (0.55, "possibly (55%)"),
        (0.996, "very likely (99%)"),
    ],
)
def test_confidence_reads_as_a_word_with_its_percentage(confidence: float, words: str):
    case = make_case()
    case.assessment.confidence = confidence
    assert render.card(case).startswith(f"<b>🧊 Sales pitch</b> · {words}\n")


def test_the_users_own_call_is_not_shown_as_a_likelihood():
    case = make_case()
    case.assessment.confidence, case.assessment.by_user = 1.0, True
    assert render.card(case).startswith("<b>🧊 Sales pitch</b> · as you said\n")


def test_everything_from_the_message_is_escaped():
    case = make_case(
        draft="<b>bold</b> & <a href='x'>",
        signals=[Signal(signal="link to a demo", quote="<script>alert(1)</script>")],
    )
    text = render.card(case)
    assert "<script>" not in text and "&lt;script&gt;" in text
    assert "<a href" not in text and "&lt;b&gt;bold&lt;/b&gt; &amp;" in text


def test_genuine_card_says_so_and_scam_card_holds_the_draft_back():
    genuine = render.card(make_case(Category.genuine, draft="Great to hear from you!"))
    assert "Looks genuine" in genuine and texts.CARD_DRAFT_GENUINE in genuine
    assert "Great to hear from you!" in genuine

    scam = render.card(make_case(Category.scam, draft="No thank you."))
    assert "best reply is none" in scam
    assert "No thank you." not in scam
    shown = render.card(make_case(Category.scam, draft="No thank you.", draft_shown=True))
    assert "No thank you." in shown


def unsure(category: Category, alternative: Category | None, **fields) -> Case:
    """A case the engine could not call cold or genuine, its draft (for the guess) held back."""
    case = make_case(category, draft="Lovely to hear from you, let's meet!", **fields)
    a = case.assessment.model_copy(update={"uncertain": True, "alternative": alternative})
    return case.model_copy(update={"assessment": a, "draft_shown": False})


def test_an_uncertain_card_asks_and_shows_no_draft_and_no_percentage():
    case = unsure(
        Category.genuine,
        Category.sales_pitch,
        incoming=Incoming(text="Hi! Loved your talk.", sender_name="Priya"),
    )
    text = render.card(case)
    assert text.startswith(texts.CARD_UNSURE_HEADLINE)
    assert texts.CARD_UNSURE_ASK in text
    assert "From: Priya" in text
    assert "pitches right after connecting: “Thanks for connecting!”" in text
    assert "let&#x27;s meet" not in text and "<blockquote>" not in text
    assert "Draft ·" not in text
    assert "%" not in text
    assert "Looks genuine" not in text and "Sales pitch" not in text


def test_an_uncertain_card_without_reasons_quotes_the_message_and_skips_draft_notes():
    held_back = DraftVersion(
        version=1,
        tone=Tone.warm,
        text="Sure, let's meet!",
        engine="offline",
        note="offline draft: the model was rate-limited",
    )
    text = render.card(
        unsure(Category.sales_pitch, Category.genuine, signals=[], drafts=[held_back])
    )
    assert (
        "<blockquote expandable><b>Their message</b>\n"
        "Thanks for connecting! I help companies like yours.\n"
        "• reads like a mass template</blockquote>"
    ) in text
    assert "rate-limited" not in text and "let&#x27;s meet" not in text


def test_a_closed_uncertain_card_no_longer_asks():
    text = render.card(unsure(Category.genuine, Category.recruiting, status=CaseStatus.discarded))
    assert texts.CARD_UNSURE_HEADLINE in text and "Discarded" in text
    assert texts.CARD_UNSURE_ASK not in text


def test_history_says_not_sure_for_an_unanswered_uncertain_case():
    text = render.history([unsure(Category.genuine, Category.sales_pitch, id=7)], now=NOW)
    assert "#7 · not sure · drafted" in text
    assert "genuine" not in text


def test_closed_cards_say_what_happened():
    assert "Approved" in render.card(make_case(status=CaseStatus.approved))
    assert "Discarded" in render.card(make_case(status=CaseStatus.discarded))


def test_a_huge_card_is_shortened_not_rejected():
    signals = [Signal(signal="s" * 50, quote="q" * 3000) for _ in range(6)]
    case = make_case(signals=signals, draft="word " * 700)
    text = render.card(case)
    assert len(text) <= MessageLimit.MAX_TEXT_LENGTH
    assert "word word" in text
    plain_text(text)

    for draft in ("x" * 10_000, "<b>&" * 3_000):
        text = render.card(make_case(draft=draft))
        assert len(plain_text(text)) <= MessageLimit.MAX_TEXT_LENGTH


def test_history_lists_cases_with_status_and_age():
    cases = [
        make_case(id=3, status=CaseStatus.approved, created_at=NOW - timedelta(hours=2)),
        make_case(id=2, status=CaseStatus.discarded, created_at=NOW - timedelta(days=3)),
    ]
    text = render.history(cases, now=NOW)
    assert "#3 · sales pitch · approved · 2 h ago" in text
    assert "#2 · sales pitch · discarded · 3 d ago" in text
    assert "No cases yet" in render.history([], now=NOW)


def test_long_approved_reply_goes_in_a_copyable_block():
    assert render.approved_reply("a < b") == "a &lt; b"  # alone: it copies cleanly
    text = "a < b " * 50  # past the Copy button's 256 characters
    long = render.approved_reply(text)
    assert long.startswith(f"<pre>{html.escape(text, quote=False)}</pre>")
    assert texts.LONG_REPLY_HINT in long  # one message: the block and how to copy it
    plain_text(long)


def test_a_reply_written_into_its_card_says_it_is_approved():
    assert render.reply_in_card("a < b") == f"{texts.REPLY_IN_CARD}\n\na &lt; b"
    noted = render.reply_in_card("Thanks!", "window")
    why = texts.BUSINESS_BLOCKED["window"]
    assert f"<i>{html.escape(texts.NOT_SENT_THERE.format(why=why))}</i>" in noted
    plain_text(noted)


def test_a_reply_telegram_refused_in_the_owners_chat_is_not_called_sent():
    link = BusinessLink(connection_id="c1", chat_id=5, name="Ana", state=BusinessState.refused)
    text = render.card(make_case(status=CaseStatus.approved, business=link))
    assert "refused it in your chat with Ana" in text and "Sent in" not in text
    plain_text(text)
