"""HTML for cards and replies. Every piece of user or sender text is escaped here; the
wording comes from texts."""

from __future__ import annotations

from datetime import UTC, datetime
from html import escape

from telegram.constants import MessageLimit

from bot.models import Assessment, BusinessConnection, Case, CaseStatus, Category, Preferences
from bot.stats import WAITING_DAYS, Stats, day
from bot.telegram import keyboards, texts
from bot.text import language

MAX_MESSAGE = MessageLimit.MAX_TEXT_LENGTH
MAX_QUOTE = 160
MAX_REASONS = 4  # bullets under "Why"; the rest add length, not trust


def card(case: Case) -> str:
    """The case card; shortened to fit Telegram's limit: quotes first, the draft last."""
    text = _card(case, quote_limit=MAX_QUOTE, excerpt_limit=300)
    if len(text) > MAX_MESSAGE:
        text = _card(case, quote_limit=60, excerpt_limit=0)
    if len(text) > MAX_MESSAGE:
        # Only a pathological draft gets here: cut it (whole tags kept) rather than fail.
        text = _card(case, quote_limit=60, excerpt_limit=0, draft_limit=MAX_MESSAGE // 2)
    return text


def _card(case: Case, quote_limit: int, excerpt_limit: int, draft_limit: int | None = None) -> str:
    """Verdict, sender and notes; the draft, the part one acts on; then the reasons, folded
    into an expandable quote whose first lines still read on their own."""
    a = case.assessment
    if a is None:
        return texts.CARD_WORKING
    where = _where(case)
    if a.uncertain:
        # A question, not a verdict: no category, no percentage, and (below) no draft.
        lines = [texts.CARD_UNSURE_HEADLINE]
        if case.status is CaseStatus.drafted:
            lines.append(texts.CARD_UNSURE_ASK)
    else:
        lines = [_headline(case, a)]
    sender = case.incoming.sender_name or a.sender_name
    if where:
        lines = [where, *lines]
    elif sender:
        lines.append(texts.CARD_FROM.format(sender=escape(sender)))
    lines += [f"<i>{escape(note)}</i>" for note in _notes(case)]
    lines += _blocked(case)
    if not a.uncertain:  # an uncertain card's draft waits for the user's answer
        lines += ["", *_draft(case, a, draft_limit)]
    # Reasons that quote the message, or else the message itself to judge by.
    if a.signals or not excerpt_limit:
        folded = [texts.CARD_WHY, *_reasons(a, quote_limit)]
    else:
        folded = [texts.CARD_THEIR_MESSAGE, escape(_cut(case.incoming.text, excerpt_limit))]
        folded += [texts.CARD_GENERIC] if a.generic else []
    if len(folded) > 1:
        lines += ["", "<blockquote expandable>" + "\n".join(folded) + "</blockquote>"]
    lines += _status(case)
    return "\n".join(lines)


def _where(case: Case) -> str | None:
    """ "In your chat with NAME" for a message that arrived in the owner's own chat."""
    if case.business is None:
        return None
    return texts.CARD_IN_CHAT.format(name=escape(business_name(case)))


def business_name(case: Case) -> str:
    link = case.business
    name = (link.name if link else None) or case.incoming.sender_name
    return name or texts.CARD_SOMEONE


def _blocked(case: Case) -> list[str]:
    """Why Approve gives the owner the text instead of sending it in their chat."""
    link = case.business
    if link is None or link.blocked is None or link.state is not None:
        return []
    if case.status not in (CaseStatus.drafted, CaseStatus.approved):
        return []
    why = texts.BUSINESS_BLOCKED.get(link.blocked, link.blocked)
    return [f"<i>{escape(texts.CARD_BLOCKED.format(why=why))}</i>"]


def _status(case: Case) -> list[str]:
    state = case.business.state if case.business else None
    if state is not None:
        line = texts.BUSINESS_STATUS_LINES[state.value]
        return ["", line.format(name=escape(business_name(case)))]
    if case.status in texts.STATUS_LINES:
        return ["", texts.STATUS_LINES[case.status]]
    return []


def _headline(case: Case, a: Assessment) -> str:
    headline = texts.HEADLINES[a.category]
    if a.by_user:
        return texts.CARD_HEADLINE_CORRECTED.format(headline=headline)
    # A reading from text is never certain: 99.6% shows as 99, not 100.
    percent = min(99, round(a.confidence * 100))
    return texts.CARD_HEADLINE.format(
        headline=headline, likely=texts.likelihood(a.confidence), percent=percent
    )


def _reasons(a: Assessment, quote_limit: int) -> list[str]:
    """At most MAX_REASONS bullets, the template remark kept when it applies."""
    shown = a.signals[: MAX_REASONS - 1 if a.generic else MAX_REASONS]
    bullets = [
        f"• {escape(s.signal)}" + (f": “{escape(_cut(s.quote, quote_limit))}”" if s.quote else "")
        for s in shown
    ]
    if a.generic:
        bullets.append(texts.CARD_GENERIC)
    return bullets


def _draft(case: Case, a: Assessment, limit: int | None = None) -> list[str]:
    """The draft, or a scam card's advice instead of it."""
    draft = case.draft
    if a.category is Category.scam and not case.draft_shown:
        return [texts.CARD_SCAM_ADVICE]
    if draft is None:
        return []
    if draft.edited:
        label = texts.CARD_YOUR_VERSION
    elif draft.learned:
        label = texts.CARD_DRAFT_LEARNED
    elif a.category is Category.genuine:
        label = texts.CARD_DRAFT_GENUINE
    else:
        label = texts.CARD_DRAFT.format(tone=draft.tone.value)
    text = _cut(draft.text, limit) if limit else draft.text
    return [f"<b>{label}</b>", f"<blockquote>{escape(text)}</blockquote>"]


def _notes(case: Case) -> list[str]:
    """The case's notes (a disagreement, a fallback, a repeat sender), the latest draft's
    own, and whether the offline engine had to answer a non-English message in English."""
    a = case.assessment
    # An uncertain card shows no draft, so nothing about it either.
    draft = None if a and a.uncertain else case.draft
    notes = [*(case.note or "").splitlines(), draft.note if draft else None]
    if case.earlier_cold >= 2:
        notes.append(texts.NOTE_REPEAT_SENDER.format(nth=texts.ordinal(case.earlier_cold + 1)))
    if a and draft and draft.engine == "offline" and a.language not in ("en", ""):
        notes.append(texts.NOTE_OFFLINE_LANGUAGE.format(language=language.name(a.language)))
    if case.corrected_from:
        notes.append(texts.NOTE_CORRECTED.format(category=case.corrected_from.label))
    if case.incoming.source == "screenshot":
        notes.append(texts.NOTE_SCREENSHOT.format(first_words=_first_words(case.incoming.text)))
    return [n for i, n in enumerate(notes) if n and n not in notes[:i]]


def approved_reply(text: str, note: str | None = None) -> str:
    """The final reply alone, so it copies cleanly; `note` (a bot.models.BusinessLink
    `blocked` code) says first why it did not go out in the owner's own chat."""
    said = ""
    if note:
        why = texts.BUSINESS_BLOCKED.get(note, note)
        said = f"<i>{escape(texts.NOT_SENT_THERE.format(why=why))}</i>\n\n"
    if keyboards.copy(text) is not None:  # the Copy button under it copies the reply alone
        return said + escape(text)
    # Too long for a Copy button: a code block copies with one tap in Telegram's apps.
    return f"{said}<pre>{escape(text)}</pre>\n\n<i>{texts.LONG_REPLY_HINT}</i>"


def reply_in_card(text: str, note: str | None = None) -> str:
    """The reply written into its card instead of a message of its own (see
    bot/telegram/delivery.py): a line saying it is approved, then the reply."""
    return f"{texts.REPLY_IN_CARD}\n\n{approved_reply(text, note)}"


def history(
    cases: list[Case], now: datetime | None = None, skip: int = 0, only_open: bool = False
) -> str:
    if not cases:
        return texts.HISTORY_NONE_OPEN if only_open else texts.HISTORY_EMPTY
    now = now or datetime.now(UTC)
    title = texts.HISTORY_OPEN_TITLE if only_open else texts.HISTORY_TITLE
    lines = [title + texts.HISTORY_PAGE.format(first=skip + 1, last=skip + len(cases))]
    for case in cases:
        a = case.assessment
        who = case.incoming.sender_name or (a.sender_name if a else None)
        corrected = case.corrected_from
        lines.append(
            texts.HISTORY_LINE.format(
                case_id=case.id,
                category=_history_category(case),
                corrected=texts.HISTORY_CORRECTED.format(category=corrected.label)
                if corrected
                else "",
                status=case.status.value,
                sender=f" · {escape(who)}" if who else "",
                ago=_ago(case.created_at, now),
            )
        )
    return "\n".join(lines)


def business(
    connection: BusinessConnection,
    allowlist: list[tuple[int, str | None]],
    muted: list[tuple[int, str | None]],
) -> str:
    """/business: the connection, what it lets the bot do, the allowlist and muted chats."""

    def names(people: list[tuple[int, str | None]]) -> str:
        return ", ".join(escape(name or str(i)) for i, name in people) or texts.SETTINGS_NONE

    return texts.BUSINESS_STATUS.format(
        state=texts.BUSINESS_STATE[connection.is_enabled],
        can_reply=texts.YES_NO[connection.can_reply],
        can_read=texts.YES_NO[connection.can_read],
        paused=texts.BUSINESS_PAUSED[connection.paused],
        allowlist=names(allowlist),
        muted=names(muted),
    )


def preferences_line(prefs: Preferences) -> str:
    return texts.PREFERENCES_LINE.format(tone=prefs.cold_tone.value)


def settings(prefs: Preferences, learned: dict[Category, int]) -> str:
    """The /settings menu text: every current value, escaped."""

    def shown(value: str | None, empty: str = texts.SETTINGS_NOT_SET) -> str:
        return f"“{escape(_cut(value, 120))}”" if value else f"<i>{empty}</i>"

    overrides = ", ".join(f"{c.label} → {t.value}" for c, t in prefs.category_tones.items())
    reply_language = language.name(prefs.language) if prefs.language else None
    return texts.SETTINGS_LINES.format(
        cold_tone=prefs.cold_tone.value,
        overrides=escape(overrides) if overrides else texts.SETTINGS_NONE,
        style=shown(prefs.style),
        signature=shown(prefs.signature),
        profile=shown(prefs.profile),
        language=shown(reply_language, texts.SETTINGS_MATCH_SENDER),
        links=texts.ON_OFF[prefs.share_links],
        learned=", ".join(
            texts.LEARNED_IN.format(category=c.label, count=n) for c, n in sorted(learned.items())
        )
        or texts.SETTINGS_NONE,
    )


def stats(summary: Stats) -> str:
    """The /stats text: plain, short, the numbers in words."""
    weeks = summary.weeks
    period = texts.STATS_PERIOD.get(weeks) or texts.STATS_PERIOD_WEEKS.format(weeks=weeks)
    if not summary.judged:
        return texts.STATS_EMPTY.format(period=period)
    lines = [texts.STATS_TITLE.format(period=period, since=day(summary.since)), ""]
    lines.append(texts.STATS_COLD.format(count=summary.cold_total))
    for category, count in summary.cold:
        lines.append(texts.STATS_CATEGORY.format(category=category.label, count=count))
    lines.append(texts.STATS_GENUINE.format(count=summary.genuine))
    kinds = ", ".join(
        f"{n} {texts.STATS_CORRECTION_KINDS[kind]}" for kind, n in summary.correction_kinds
    )
    corrections = texts.STATS_CORRECTIONS.format(count=summary.corrections)
    lines.append(corrections + (f" ({kinds})" if kinds else ""))
    approved = texts.STATS_APPROVED.format(count=summary.approved)
    if summary.approved:
        drafted = summary.approved - summary.edited
        approved += texts.STATS_APPROVED_SPLIT.format(drafted=drafted, edited=summary.edited)
    lines.append(approved)
    lines.append(texts.STATS_DISCARDED.format(count=summary.discarded))
    if summary.waiting:
        lines.append(texts.STATS_WAITING.format(count=summary.waiting, days=WAITING_DAYS))
    return "\n".join(lines)


def _history_category(case: Case) -> str:
    a = case.assessment
    if a is None:
        return texts.HISTORY_NOT_ASSESSED
    return texts.HISTORY_UNSURE if a.uncertain else a.category.label


def _first_words(text: str, count: int = 8) -> str:
    words = text.split()
    return " ".join(words[:count]) + ("…" if len(words) > count else "")


def _cut(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _ago(when: datetime, now: datetime) -> str:
    seconds = max(0, int((now - when).total_seconds()))
    for unit, size in texts.AGO_UNITS:
        if seconds >= size:
            return texts.AGO.format(count=seconds // size, unit=unit)
    return texts.JUST_NOW
