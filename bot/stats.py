"""`/stats` for one user: what came in over the last weeks, as text and a small bar chart.

Pure: takes cases and the current time, returns the numbers and PNG bytes (Pillow only);
bot.telegram.render words them.
Weeks are rolling 7-day windows ending at `now`; week 0 is the latest.
"""

from __future__ import annotations

import io
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from PIL import Image, ImageDraw, ImageFont

from bot.models import Case, CaseStatus, Category

WEEK = timedelta(days=7)
WAITING_DAYS = 14
# An open card older than this is one the user let go, not one waiting for them.
WAITING = timedelta(days=WAITING_DAYS)
CHART_SIZE = (800, 400)

COLD_CATEGORIES: tuple[Category, ...] = tuple(c for c in Category if c.is_cold)

# One colour per cold category, distinguishable for common colour-vision deficiencies.
COLOURS: dict[Category, str] = {
    Category.sales_pitch: "#0072B2",
    Category.favor_request: "#E69F00",
    Category.meeting_request: "#009E73",
    Category.recruiting: "#CC79A7",
    Category.scam: "#D55E00",
}


@dataclass(frozen=True)
class Stats:
    """The numbers /stats shows; the words are the renderer's."""

    weeks: int
    since: datetime  # the start of the window
    judged: int  # cases the engine assessed in the window
    # Cold per category (most first) and genuine; a "not sure" case never answered is in neither.
    cold: list[tuple[Category, int]]
    genuine: int
    corrections: int
    # How the corrections went: "to_genuine", "to_cold", "between_cold" -> count, most first.
    correction_kinds: list[tuple[str, int]]
    approved: int
    edited: int  # approved replies the user had edited
    discarded: int
    waiting: int  # open cards from the last WAITING_DAYS days: older ones are not "waiting"
    chart_png: bytes | None

    @property
    def cold_total(self) -> int:
        return sum(count for _, count in self.cold)


def _utc(moment: datetime) -> datetime:
    """Aware UTC; a naive time is taken to be UTC already (as SQLite hands them back)."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def week_index(created_at: datetime, now: datetime) -> int:
    """0 for the last 7 days, 1 for the 7 days before, ...; the future counts as 0."""
    age = _utc(now) - _utc(created_at)
    return max(0, age // WEEK)


def _in_window(cases: list[Case], now: datetime, weeks: int) -> list[Case]:
    return [c for c in cases if week_index(c.created_at, now) < weeks]


def day(moment: datetime) -> str:
    """ "6 Dec": how /stats and its chart name a day."""
    return f"{moment.day} {moment:%b}"


def summarize(cases: list[Case], now: datetime, weeks: int = 8) -> Stats:
    """Totals over the last `weeks` weeks, and cold messages per week as a PNG chart."""
    weeks = max(1, weeks)
    recent = _in_window(cases, now, weeks)
    judged = [c for c in recent if c.assessment is not None]
    # A "not sure" case the user never answered is neither cold nor genuine.
    decided = [c for c in judged if c.assessment is not None and not c.assessment.uncertain]
    cold = [c for c in decided if c.assessment is not None and c.assessment.category.is_cold]
    by_category = Counter(c.assessment.category for c in cold if c.assessment is not None)
    order = {category: i for i, category in enumerate(Category)}
    corrected = [c for c in judged if c.corrected_from is not None]
    approved = [c for c in recent if c.status is CaseStatus.approved]
    return Stats(
        weeks=weeks,
        since=_utc(now) - weeks * WEEK,
        judged=len(judged),
        cold=sorted(by_category.items(), key=lambda kv: (-kv[1], order[kv[0]])),
        genuine=len(decided) - len(cold),
        corrections=len(corrected),
        correction_kinds=_correction_kinds(corrected).most_common(),
        approved=len(approved),
        edited=sum(1 for c in approved if c.draft is not None and c.draft.edited),
        discarded=sum(1 for c in recent if c.status is CaseStatus.discarded),
        waiting=sum(
            1
            for c in judged
            if c.status is CaseStatus.drafted and _utc(now) - _utc(c.created_at) < WAITING
        ),
        chart_png=_chart(cold, now, weeks) if cold else None,
    )


def _correction_kinds(corrected: list[Case]) -> Counter[str]:
    kinds: Counter[str] = Counter()
    for case in corrected:
        before = case.corrected_from
        after = case.assessment.category if case.assessment is not None else None
        if before is None or after is None or before is after:
            continue
        if before.is_cold and not after.is_cold:
            kinds["to_genuine"] += 1
        elif not before.is_cold and after.is_cold:
            kinds["to_cold"] += 1
        else:
            kinds["between_cold"] += 1
    return kinds


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    try:
        return ImageFont.load_default(size=size)
    except (TypeError, OSError):  # Pillow < 10.1 or no FreeType: the small bitmap font
        return ImageFont.load_default()


def _nice_step(top: int) -> int:
    """Gridline step giving at most ~5 lines up to `top`."""
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000):
        if top / step <= 5:
            return step
    return max(1, top // 5)


def _chart(cold: list[Case], now: datetime, weeks: int) -> bytes:
    """Stacked bars: cold messages per week, coloured by category, oldest week on the left."""
    counts: list[Counter[Category]] = [Counter() for _ in range(weeks)]
    for case in cold:
        if case.assessment is not None:
            counts[weeks - 1 - week_index(case.created_at, now)][case.assessment.category] += 1
    present = [c for c in COLD_CATEGORIES if any(week[c] for week in counts)]

    width, height = CHART_SIZE
    image = Image.new("RGB", CHART_SIZE, "white")
    draw = ImageDraw.Draw(image)
    title_font, font, small = _font(22), _font(16), _font(14)

    draw.text((20, 14), "Cold messages per week", fill="#222222", font=title_font)

    # Legend: one row under the title, only the categories that occur.
    x, y = 20, 48
    for category in present:
        draw.rectangle((x, y + 3, x + 14, y + 17), fill=COLOURS[category])
        draw.text((x + 20, y), category.label, fill="#333333", font=font)
        x += 20 + int(draw.textlength(category.label, font=font)) + 22

    left, right, top, bottom = 50, width - 20, 100, height - 40
    peak = max(sum(week.values()) for week in counts)
    step = _nice_step(peak)
    scale_top = max(step, -(-peak // step) * step)
    span = bottom - top

    for value in range(0, scale_top + 1, step):
        y = bottom - round(value / scale_top * span)
        draw.line((left, y, right, y), fill="#E4E4E4" if value else "#888888", width=1)
        label = str(value)
        draw.text(
            (left - 8 - draw.textlength(label, font=small), y - 8),
            label,
            fill="#555555",
            font=small,
        )

    slot = (right - left) / weeks
    bar = max(4, round(slot * 0.62))
    for i, week in enumerate(counts):
        centre = left + slot * (i + 0.5)
        x0, x1 = round(centre - bar / 2), round(centre + bar / 2)
        y = bottom
        for category in COLD_CATEGORIES:
            n = week[category]
            if not n:
                continue
            y_top = bottom - round((sum(week[c] for c in _upto(category)) / scale_top) * span)
            draw.rectangle((x0, y_top, x1, y - 1), fill=COLOURS[category])
            y = y_top
        total = sum(week.values())
        if total:
            label = str(total)
            draw.text(
                (centre - draw.textlength(label, font=small) / 2, y - 20),
                label,
                fill="#222222",
                font=small,
            )
        start = _utc(now) - (weeks - i) * WEEK
        label = "last 7 days" if i == weeks - 1 else day(start)
        draw.text(
            (centre - draw.textlength(label, font=small) / 2, bottom + 8),
            label,
            fill="#555555",
            font=small,
        )

    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def _upto(category: Category) -> tuple[Category, ...]:
    """Cold categories stacked up to and including `category` (bottom first)."""
    return COLD_CATEGORIES[: COLD_CATEGORIES.index(category) + 1]
