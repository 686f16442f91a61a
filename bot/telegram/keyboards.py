"""Inline keyboards and their callback data.

Callback data is typed and versioned: `cs1:<action>:<case id>[:<argument>]`. Everything a
button needs is in the store, so the data is tiny, survives restarts, and a forged value can
at worst name a case, which the handler then checks belongs to the presser.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from telegram import CopyTextButton, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.constants import InlineKeyboardButtonLimit

from bot.models import Case, CaseStatus, Tone

PREFIX = "cs1"


class Action(StrEnum):
    approve = "ap"
    edit = "ed"
    regenerate = "rg"
    tones = "tn"  # open the tone row
    set_tone = "ts"  # argument: tone
    back = "bk"
    discard = "dc"
    show_draft = "sd"  # scam cards hide the draft until asked
    open = "op"  # from /history
    default_tone = "pt"  # argument: tone; case id 0
    forget = "fg"  # case id 0
    keep = "fx"  # cancel /forget; case id 0


# Arguments each action accepts; anything else is rejected by unpack().
_ARGS: dict[Action, frozenset[str]] = {
    Action.set_tone: frozenset(Tone),
    Action.default_tone: frozenset(Tone),
}

_DATA = re.compile(rf"{PREFIX}:([a-z]{{2}}):(\d{{1,12}})(?::([a-z_]{{1,16}}))?")


@dataclass(frozen=True)
class Press:
    action: Action
    case_id: int
    arg: str | None = None


def pack(action: Action, case_id: int = 0, arg: str | None = None) -> str:
    data = f"{PREFIX}:{action.value}:{case_id}" + (f":{arg}" if arg else "")
    if len(data.encode()) > InlineKeyboardButtonLimit.MAX_CALLBACK_DATA:
        raise ValueError(f"callback data too long: {data!r}")
    return data


def unpack(data: str | None) -> Press | None:
    """The press a button carries, or None for anything we did not make."""
    match = _DATA.fullmatch(data or "")
    if not match:
        return None
    try:
        action = Action(match[1])
    except ValueError:
        return None
    arg = match[3]
    allowed = _ARGS.get(action)
    if (allowed is None) != (arg is None) or (allowed is not None and arg not in allowed):
        return None
    return Press(action, int(match[2]), arg)


def pattern(action: Action) -> str:
    """Anchored regex for one action's CallbackQueryHandler."""
    return rf"^{PREFIX}:{action.value}:"


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
        ]
    )


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
    cold_tones = [t for t in Tone if t is not Tone.warm] + [Tone.warm]
    buttons = [
        _button(("• " if tone is current else "") + tone.value, Action.default_tone, 0, tone)
        for tone in cold_tones
    ]
    return InlineKeyboardMarkup([buttons[:3], buttons[3:]])


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
