"""Inline keyboards. What each button carries is defined in bot.telegram.callbacks."""

from __future__ import annotations

from telegram import CopyTextButton, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.constants import InlineKeyboardButtonLimit

from bot.models import Case, CaseStatus, Category, Preferences, Tone
from bot.preferences import TEXT_FIELDS
from bot.telegram.callbacks import Action, pack


def _button(label: str, action: Action, case_id: int = 0, arg: str | None = None):
    return InlineKeyboardButton(label, callback_data=pack(action, case_id, arg))


def card(case: Case) -> InlineKeyboardMarkup | None:
    """The buttons under a case card; none once the case is closed."""
    if case.status is not CaseStatus.drafted:
        return None
    if not case.draft_shown:
        return InlineKeyboardMarkup(
            [
                [_button("Show a draft anyway", Action.show_draft, case.id)],
                [_button("🗑 Discard", Action.discard, case.id)],
            ]
        )
    return InlineKeyboardMarkup(
        [
            [
                _button("✅ Approve", Action.approve, case.id),
                _button("✏️ Edit", Action.edit, case.id),
            ],
            [
                _button("🔄 Regenerate", Action.regenerate, case.id),
                _button("🎚 Tone", Action.tones, case.id),
                _button("🗑 Discard", Action.discard, case.id),
            ],
            [_button("Wrong category?", Action.wrong_category, case.id)]
            + (
                [_button("📝 Fix text", Action.fix_text, case.id)]
                if case.incoming.source == "screenshot"
                else []
            ),
        ]
    )


def category_row(case: Case) -> InlineKeyboardMarkup:
    """Pick the right category for a card; the current one is marked."""
    current = case.assessment.category if case.assessment else None
    buttons = [
        _button(("• " if c is current else "") + c.label, Action.recategorize, case.id, c)
        for c in Category
    ]
    return InlineKeyboardMarkup(
        [buttons[:2], buttons[2:4], buttons[4:], [_button("⬅️ Back", Action.back, case.id)]]
    )


def settings(prefs: Preferences, learned: int) -> InlineKeyboardMarkup:
    """The /settings menu: one button per setting, and Clear for the text ones that are set."""
    rows = [
        [
            _button(f"🎚 Tone: {prefs.cold_tone.value}", Action.default_tone_menu),
            _button("Per-category tones", Action.category_tones),
        ]
    ]
    for field, (label, _limit) in TEXT_FIELDS.items():
        row = [_button(f"✏️ {label.capitalize()}", Action.edit_setting, 0, field)]
        if getattr(prefs, field):
            row.append(_button("✖ Clear", Action.clear_setting, 0, field))
        rows.append(row)
    links = "on" if prefs.share_links else "off"
    rows.append([_button(f"🔗 Links in replies: {links}", Action.links)])
    if learned:
        rows.append([_button(f"🧹 Forget {learned} learned replies", Action.clear_examples)])
    return InlineKeyboardMarkup(rows)


def category_tone_list(prefs: Preferences) -> InlineKeyboardMarkup:
    rows = []
    for category in Category:
        chosen = prefs.category_tones.get(category)
        shown = chosen.value if chosen else f"default ({prefs.tone_for(category).value})"
        rows.append([_button(f"{category.label}: {shown}", Action.category_tone, 0, category)])
    rows.append([_button("⬅️ Settings", Action.settings)])
    return InlineKeyboardMarkup(rows)


def category_tone_picker(prefs: Preferences, category: Category) -> InlineKeyboardMarkup:
    current = prefs.category_tones.get(category)
    buttons = [
        _button(
            ("• " if tone is current else "") + tone.value,
            Action.set_category_tone,
            0,
            f"{category.value}.{tone.value}",
        )
        for tone in Tone
    ]
    default = _button(
        ("• " if current is None else "") + "default",
        Action.set_category_tone,
        0,
        f"{category.value}.default",
    )
    back = _button("⬅️ Back", Action.category_tones)
    return InlineKeyboardMarkup([buttons[:3], buttons[3:], [default, back]])


def tone_row(case: Case) -> InlineKeyboardMarkup:
    current = case.draft.tone if case.draft else None
    buttons = [
        _button(("• " if tone is current else "") + tone.value, Action.set_tone, case.id, tone)
        for tone in Tone
    ]
    return InlineKeyboardMarkup(
        [buttons[:3], buttons[3:], [_button("⬅️ Back", Action.back, case.id)]]
    )


def default_tone_picker(current: Tone) -> InlineKeyboardMarkup:
    buttons = [
        _button(("• " if tone is current else "") + tone.value, Action.default_tone, 0, tone)
        for tone in Tone
    ]
    return InlineKeyboardMarkup(
        [buttons[:3], buttons[3:], [_button("⚙️ All settings", Action.settings)]]
    )


def history(cases: list[Case]) -> InlineKeyboardMarkup | None:
    if not cases:
        return None
    rows = [
        [_button(f"Open #{c.id} · {_category_label(c)}", Action.open, c.id)] for c in cases[:10]
    ]
    return InlineKeyboardMarkup(rows)


def forget_confirm() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[_button("Delete everything", Action.forget), _button("Keep my data", Action.keep)]]
    )


def copy(text: str) -> InlineKeyboardMarkup | None:
    """One-tap copy, when Telegram allows it for a text this long."""
    if len(text) > InlineKeyboardButtonLimit.MAX_COPY_TEXT:
        return None
    return InlineKeyboardMarkup([[InlineKeyboardButton("📋 Copy", copy_text=CopyTextButton(text))]])


def _category_label(case: Case) -> str:
    return case.assessment.category.label if case.assessment else "not assessed yet"
