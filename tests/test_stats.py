"""/stats: the numbers over the last weeks (bot.stats), the chart, and the words (render)."""

from __future__ import annotations

import dataclasses
import io
import re
from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest
from PIL import Image

from bot.models import (
    Assessment,
    Case,
    CaseStatus,
    Category,
    DraftVersion,
    Incoming,
    Tone,
)
from bot.stats import CHART_SIZE, Stats, summarize, week_index
from bot.telegram.render import stats as text_of

NOW = datetime(2025, 3, 20, 12, 0, tzinfo=UTC)
_ids = iter(range(1, 10_000))


def make_case(
    category: Category | None,
    *,
    days_ago: float,
    status: CaseStatus = CaseStatus.drafted,
    edited: list[bool] | None = None,
    corrected_from: Category | None = None,
) -> Case:
    drafts = [
        DraftVersion(version=i + 1, tone=Tone.pointed, text=f"v{i}", engine="offline", edited=e)
        for i, e in enumerate(edited if edited is not None else [False])
    ]
    return Case(
        id=next(_ids),
        user_id=7,
        chat_id=7,
        status=status,
        incoming=Incoming(text="Hi, quick question about your hiring plans."),
        assessment=None if category is None else Assessment(category=category, confidence=0.9),
        drafts=drafts if category is not None else [],
        corrected_from=corrected_from,
        created_at=NOW - timedelta(days=days_ago),
    )


def line_value(text: str, prefix: str) -> int:
    match = re.search(rf"^\s*(?:• )?{re.escape(prefix)}: (\d+)", text, re.MULTILINE)
    assert match, f"no line {prefix!r} in:\n{text}"
    return int(match.group(1))


@pytest.fixture
def cases() -> list[Case]:
    plan = [
        # (category, days ago, status, draft edits, corrected_from)
        (Category.sales_pitch, 0.5, CaseStatus.approved, [False], None),
        (Category.sales_pitch, 3, CaseStatus.approved, [False, True], None),
        (Category.sales_pitch, 9, CaseStatus.discarded, [False], None),
        (Category.sales_pitch, 20, CaseStatus.drafted, [False], None),
        (Category.recruiting, 1, CaseStatus.approved, [True, False], None),  # final not edited
        (Category.recruiting, 15, CaseStatus.discarded, [False], Category.sales_pitch),
        (Category.meeting_request, 30, CaseStatus.approved, [False, False, True], None),
        (Category.scam, 40, CaseStatus.discarded, [False], None),
        (Category.scam, 54, CaseStatus.drafted, [False], None),
        (Category.favor_request, 2, CaseStatus.approved, [False], Category.genuine),
        (Category.genuine, 4, CaseStatus.approved, [False], Category.sales_pitch),
        (Category.genuine, 25, CaseStatus.approved, [True], Category.recruiting),
        (Category.genuine, 35, CaseStatus.discarded, [False], Category.scam),
        (Category.genuine, 36, CaseStatus.drafted, [False], None),
        (None, 0.1, CaseStatus.pending, [], None),  # not judged yet
        # older than 8 weeks (56 days): must not count anywhere
        (Category.sales_pitch, 57, CaseStatus.approved, [True], Category.genuine),
        (Category.scam, 90, CaseStatus.discarded, [False], None),
        (Category.genuine, 200, CaseStatus.approved, [False], Category.sales_pitch),
    ]
    return [
        make_case(cat, days_ago=d, status=s, edited=e, corrected_from=c) for cat, d, s, e, c in plan
    ]


def expected(cases: list[Case], weeks: int = 8) -> dict[str, object]:
    """The numbers, computed straightforwardly and independently of bot.stats."""
    cutoff = NOW - timedelta(days=7 * weeks)
    recent = [c for c in cases if c.created_at > cutoff]
    judged = [c for c in recent if c.assessment]
    cold = Counter(
        c.assessment.category
        for c in judged
        if c.assessment and c.assessment.category != Category.genuine
    )
    approved = [c for c in recent if c.status == CaseStatus.approved]
    return {
        "cold": cold,
        "genuine": sum(1 for c in judged if c.assessment and c.assessment.category == "genuine"),
        "corrections": sum(1 for c in judged if c.corrected_from),
        "cold_to_genuine": sum(
            1
            for c in judged
            if c.corrected_from
            and c.corrected_from != Category.genuine
            and c.assessment
            and c.assessment.category == Category.genuine
        ),
        "genuine_to_cold": sum(
            1
            for c in judged
            if c.corrected_from == Category.genuine
            and c.assessment
            and c.assessment.category != Category.genuine
        ),
        "approved": len(approved),
        "edited": sum(1 for c in approved if c.drafts[-1].edited),
        "discarded": sum(1 for c in recent if c.status == CaseStatus.discarded),
    }


def test_counts_by_category(cases: list[Case]) -> None:
    want = expected(cases)
    text = text_of(summarize(cases, NOW))
    cold: Counter[Category] = want["cold"]  # type: ignore[assignment]
    assert line_value(text, "Cold messages") == sum(cold.values()) == 10
    for category, count in cold.items():
        assert line_value(text, category.label) == count
    assert line_value(text, "Genuine") == want["genuine"] == 4


def test_category_lines_sorted_by_count(cases: list[Case]) -> None:
    text = text_of(summarize(cases, NOW))
    bullets = [line.strip() for line in text.splitlines() if line.strip().startswith("•")]
    counts = [int(b.rsplit(": ", 1)[1]) for b in bullets]
    assert counts == sorted(counts, reverse=True)
    assert bullets[0] == "• sales pitch: 4"


def test_corrections(cases: list[Case]) -> None:
    want = expected(cases)
    text = text_of(summarize(cases, NOW))
    assert line_value(text, "Your corrections") == want["corrections"] == 5
    assert f"{want['cold_to_genuine']} cold → genuine" in text
    assert want["cold_to_genuine"] == 3
    assert f"{want['genuine_to_cold']} genuine → cold" in text
    assert "1 to another cold category" in text


def test_approvals_split_by_final_draft_edited(cases: list[Case]) -> None:
    want = expected(cases)
    text = text_of(summarize(cases, NOW))
    approved, edited = want["approved"], want["edited"]
    assert (approved, edited) == (7, 3)
    assert f"Replies approved: {approved} ({approved - edited} as drafted, {edited} edited)" in text
    assert line_value(text, "Discarded") == want["discarded"] == 4


def test_plain_text_and_short(cases: list[Case]) -> None:
    text = text_of(summarize(cases, NOW))
    assert "<" not in text and ">" not in text.replace("→", "")
    assert len(text) <= 900
    assert "8 weeks" in text


def test_old_cases_are_excluded() -> None:
    old = [
        make_case(Category.sales_pitch, days_ago=57, status=CaseStatus.approved),
        make_case(Category.genuine, days_ago=100, corrected_from=Category.scam),
    ]
    stats = summarize(old, NOW)
    assert stats.chart_png is None
    assert "No messages" in text_of(stats)
    recent = make_case(Category.scam, days_ago=55.9, status=CaseStatus.discarded)
    stats = summarize([*old, recent], NOW)
    assert line_value(text_of(stats), "Cold messages") == 1
    assert line_value(text_of(stats), "scam") == 1
    assert "sales pitch" not in text_of(stats)
    assert line_value(text_of(stats), "Your corrections") == 0
    assert "Replies approved: 0" in text_of(stats)


def test_weeks_parameter_narrows_the_window(cases: list[Case]) -> None:
    want = expected(cases, weeks=2)
    text = text_of(summarize(cases, NOW, weeks=2))
    cold: Counter[Category] = want["cold"]  # type: ignore[assignment]
    assert line_value(text, "Cold messages") == sum(cold.values()) == 5
    assert line_value(text, "Genuine") == want["genuine"] == 1
    assert "2 weeks" in text


@pytest.mark.parametrize("cases", [[], [make_case(None, days_ago=0, status=CaseStatus.pending)]])
def test_empty_is_friendly(cases: list[Case]) -> None:
    stats = summarize(cases, NOW)
    assert stats.chart_png is None
    assert "No messages" in text_of(stats)
    assert "paste" in text_of(stats).lower()


def test_only_genuine_has_text_but_no_chart() -> None:
    stats = summarize([make_case(Category.genuine, days_ago=1)], NOW)
    assert line_value(text_of(stats), "Genuine") == 1
    assert line_value(text_of(stats), "Cold messages") == 0
    assert stats.chart_png is None


def test_an_unanswered_uncertain_case_is_neither_cold_nor_genuine_but_waits() -> None:
    answered = make_case(Category.sales_pitch, days_ago=1)
    unanswered = [make_case(c, days_ago=2) for c in (Category.sales_pitch, Category.genuine)]
    for case in unanswered:
        case.assessment = case.assessment.model_copy(update={"uncertain": True})
    stats = summarize([answered, *unanswered], NOW)
    text = text_of(stats)
    assert line_value(text, "Cold messages") == 1 and line_value(text, "sales pitch") == 1
    assert line_value(text, "Genuine") == 0
    assert line_value(text, "Still waiting for you (last 14 days)") == 3


def test_an_open_card_older_than_two_weeks_is_not_waiting() -> None:
    fresh, old = (make_case(Category.sales_pitch, days_ago=d) for d in (13, 15))
    text = text_of(summarize([fresh, old], NOW))
    assert line_value(text, "Cold messages") == 2
    assert line_value(text, "Still waiting for you (last 14 days)") == 1


def test_chart_is_a_png(cases: list[Case]) -> None:
    stats = summarize(cases, NOW)
    assert stats.chart_png is not None
    assert stats.chart_png.startswith(b"\x89PNG\r\n\x1a\n")
    with Image.open(io.BytesIO(stats.chart_png)) as image:
        image.load()
        assert image.format == "PNG"
        assert image.size == CHART_SIZE == (800, 400)
        colours = {rgb for _, rgb in image.convert("RGB").getcolors(maxcolors=1 << 16) or []}
    # every cold category present in the window shows its bar colour
    assert (0x00, 0x72, 0xB2) in colours  # sales pitch
    assert (0xD5, 0x5E, 0x00) in colours  # scam


def test_chart_for_one_message_and_for_many() -> None:
    one = summarize([make_case(Category.recruiting, days_ago=0)], NOW)
    many = summarize([make_case(Category.sales_pitch, days_ago=i % 50) for i in range(1234)], NOW)
    for stats in (one, many):
        assert stats.chart_png is not None
        with Image.open(io.BytesIO(stats.chart_png)) as image:
            assert image.size == CHART_SIZE


def test_stats_is_frozen(cases: list[Case]) -> None:
    stats = summarize(cases, NOW)
    assert isinstance(stats, Stats)
    with pytest.raises(dataclasses.FrozenInstanceError):
        stats.approved = 0  # type: ignore[misc]


def test_week_index_rolls_back_from_now_and_handles_naive_times() -> None:
    assert week_index(NOW - timedelta(days=6.9), NOW) == 0
    assert week_index(NOW - timedelta(days=7), NOW) == 1
    assert week_index(NOW + timedelta(hours=1), NOW) == 0
    naive = (NOW - timedelta(days=15)).replace(tzinfo=None)
    assert week_index(naive, NOW) == 2
    assert week_index(NOW - timedelta(days=15), NOW.replace(tzinfo=None)) == 2
