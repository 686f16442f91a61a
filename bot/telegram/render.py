"""HTML for cards and replies. Every piece of user or sender text is escaped here."""

from __future__ import annotations

from datetime import UTC, datetime
from html import escape

from telegram.constants import MessageLimit

from bot.models import Case, CaseStatus, Category, Preferences
from bot.text import language

MAX_MESSAGE = MessageLimit.MAX_TEXT_LENGTH
MAX_QUOTE = 160
MAX_SIGNALS = 6

HEADLINES = {
    Category.sales_pitch: "🧊 Sales pitch",
    Category.favor_request: "🙏 Favour request",
    Category.meeting_request: "📅 Meeting request",
    Category.recruiting: "💼 Recruiting",
    Category.scam: "⚠️ Looks like a scam",
    Category.genuine: "🤝 Looks genuine",
}

STATUS_LINES = {
    CaseStatus.approved: "✅ <b>Approved.</b> The reply is below, ready to paste.",
    CaseStatus.discarded: "🗑 <b>Discarded.</b> Nothing was sent.",
}


def card(case: Case) -> str:
    """The case card; shortened (never the draft) to fit Telegram's limit."""
    text = _card(case, quote_limit=MAX_QUOTE, excerpt_limit=300)
    if len(text) > MAX_MESSAGE:
        text = _card(case, quote_limit=60, excerpt_limit=0)
    if len(text) > MAX_MESSAGE:
        # Only a pathological draft gets here; cut it rather than fail to show the card.
        text = text[: MAX_MESSAGE - 1] + "…"
    return text


def _card(case: Case, quote_limit: int, excerpt_limit: int) -> str:
    a = case.assessment
    lines: list[str] = []
    if a is None:
        return f"⏳ Case #{case.id}: still working on it."
    lines.append(f"<b>{HEADLINES[a.category]}</b> · {round(a.confidence * 100)}% sure")
    sender = case.incoming.sender_name or a.sender_name
    if sender:
        lines.append(f"From: {escape(sender)}")
    for note in _notes(case):
        lines.append(f"<i>{escape(note)}</i>")
    if a.signals:
        lines.append("")
        lines.append("<b>Why</b>")
        for signal in a.signals[:MAX_SIGNALS]:
            quote = f": “{escape(_cut(signal.quote, quote_limit))}”" if signal.quote else ""
            lines.append(f"• {escape(signal.signal)}{quote}")
    if a.generic:
        lines.append("• reads like a mass template")
    if excerpt_limit and not a.signals:
        lines.append("")
        lines.append(f"<blockquote>{escape(_cut(case.incoming.text, excerpt_limit))}</blockquote>")
    lines.append("")
    if a.category is Category.scam and not case.draft_shown:
        lines.append(
            "The best reply is none: don't click its links, don't share details, "
            "and consider blocking and reporting the sender."
        )
    elif case.draft is not None:
        label = "Your version" if case.draft.edited else f"Draft · {case.draft.tone.value}"
        if a.category is Category.genuine:
            label += " · a normal, friendly reply"
        lines.append(f"<b>{label}</b>")
        lines.append(f"<blockquote>{escape(case.draft.text)}</blockquote>")
    if case.status in STATUS_LINES:
        lines.append("")
        lines.append(STATUS_LINES[case.status])
    lines.append(f"<i>case #{case.id}</i>")
    return "\n".join(lines)


def _notes(case: Case) -> list[str]:
    """The case's notes (a disagreement, a fallback, a repeat sender), the latest draft's
    own, and whether the offline engine had to answer a non-English message in English."""
    notes = [*(case.note or "").splitlines(), case.draft.note if case.draft else None]
    a = case.assessment
    if a and case.draft and case.draft.engine == "offline" and a.language not in ("en", ""):
        notes.append(
            f"This message is in {language.name(a.language)}; the offline engine writes English."
        )
    if case.corrected_from:
        notes.append(f"You corrected this from {case.corrected_from.label}.")
    if case.incoming.source == "screenshot":
        notes.append(
            f"📷 Read from a screenshot: “{_first_words(case.incoming.text)}” "
            "Misread? Tap Fix text."
        )
    return [n for i, n in enumerate(notes) if n and n not in notes[:i]]


def approved_reply(text: str, copy_button: bool) -> str:
    """The final reply alone, so it copies cleanly."""
    if copy_button:
        return escape(text)
    # Too long for a Copy button: a code block copies with one tap in Telegram's apps.
    return f"<pre>{escape(text)}</pre>"


def history(cases: list[Case], now: datetime | None = None) -> str:
    if not cases:
        return "No cases yet. Forward or paste a message and I'll take a look."
    now = now or datetime.now(UTC)
    lines = ["<b>Recent cases</b>"]
    for case in cases:
        category = case.assessment.category.label if case.assessment else "not assessed"
        who = case.incoming.sender_name or (case.assessment and case.assessment.sender_name)
        sender = f" · {escape(who)}" if who else ""
        corrected = f" (corrected from {case.corrected_from.label})" if case.corrected_from else ""
        lines.append(
            f"#{case.id} · {category}{corrected} · {case.status.value}{sender} · "
            f"{_ago(case.created_at, now)}"
        )
    return "\n".join(lines)


def preferences_line(prefs: Preferences) -> str:
    return f"Replies to cold messages use the <b>{prefs.cold_tone.value}</b> tone."


def _first_words(text: str, count: int = 8) -> str:
    words = text.split()
    return " ".join(words[:count]) + ("…" if len(words) > count else "")


def _cut(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _ago(when: datetime, now: datetime) -> str:
    seconds = max(0, int((now - when).total_seconds()))
    for unit, size in (("d", 86400), ("h", 3600), ("min", 60)):
        if seconds >= size:
            return f"{seconds // size} {unit} ago"
    return "just now"


def settings(prefs: Preferences, learned: int) -> str:
    """The /settings menu text: every current value, escaped."""

    def shown(value: str | None, empty: str = "not set") -> str:
        return f"“{escape(_cut(value, 120))}”" if value else f"<i>{empty}</i>"

    overrides = ", ".join(f"{c.label} → {t.value}" for c, t in prefs.category_tones.items())
    reply_language = language.name(prefs.language) if prefs.language else None
    return "\n".join(
        [
            "⚙️ <b>Settings</b>",
            f"Tone for cold messages: <b>{prefs.cold_tone.value}</b>",
            f"Per-category tones: {escape(overrides) if overrides else '<i>none</i>'}",
            f"Style instructions: {shown(prefs.style)}",
            f"Signature: {shown(prefs.signature)}",
            f"Profile: {shown(prefs.profile)}",
            f"Reply language: {shown(reply_language, 'match the sender')}",
            f"Links in replies: {'on' if prefs.share_links else 'off'}",
            f"Learned from your edits: {learned} repl{'y' if learned == 1 else 'ies'}",
        ]
    )
