"""Inline keyboards. What each button carries is defined in bot.telegram.callbacks."""

from __future__ import annotations

from telegram import CopyTextButton, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.constants import InlineKeyboardButtonLimit

from bot.models import Assessment, Case, CaseStatus, Category, Preferences, Tone
from bot.preferences import TEXT_LIMITS
from bot.telegram import texts
from bot.telegram.callbacks import Action, pack

HISTORY_PAGE = 10  # cases per /history page


def _button(label: str, action: Action, case_id: int = 0, arg: str | None = None):
    return InlineKeyboardButton(label, callback_data=pack(action, case_id, arg))


def card(case: Case) -> InlineKeyboardMarkup | None:
    """The buttons under a case card; none once the case is closed."""
    if case.status is not CaseStatus.drafted:
        return None
    if case.assessment is not None and case.assessment.uncertain:
        return _question(case, case.assessment)
    if not case.draft_shown:
        if case.business is not None:  # from the owner's chat: no answer is the first offer
            first = [_button(texts.BUTTON_LEAVE_UNANSWERED, Action.leave_unanswered, case.id)]
        else:
            first = []
        return InlineKeyboardMarkup(
            [
                *([first] if first else []),
                [_button(texts.BUTTON_SHOW_DRAFT, Action.show_draft, case.id)],
                *_business_rows(case),
                [_button(texts.BUTTON_DISCARD, Action.discard, case.id)],
            ]
        )
    sends = case.business is not None and case.business.blocked is None
    approve = texts.BUTTON_APPROVE_SEND if sends else texts.BUTTON_APPROVE
    return InlineKeyboardMarkup(
        [
            [
                _button(approve, Action.approve, case.id),
                _button(texts.BUTTON_EDIT, Action.edit, case.id),
            ],
            [
                _button(texts.BUTTON_REGENERATE, Action.regenerate, case.id),
                _button(texts.BUTTON_TONE, Action.tones, case.id),
                _button(texts.BUTTON_DISCARD, Action.discard, case.id),
            ],
            [_button(texts.BUTTON_WRONG_CATEGORY, Action.wrong_category, case.id)]
            + (
                [_button(texts.BUTTON_FIX_TEXT, Action.fix_text, case.id)]
                if case.incoming.source == "screenshot"
                else []
            ),
            *_business_rows(case),
        ]
    )


def _business_rows(case: Case) -> list[list[InlineKeyboardButton]]:
    """A card from the owner's own chat: let this sender through for good, or mute it."""
    if case.business is None:
        return []
    name = case.business.name or case.incoming.sender_name or texts.CARD_SOMEONE
    first = name.split()[0] if name.split() else name
    rows = []
    if case.incoming.sender_id is not None:
        label = texts.BUTTON_LET_THROUGH.format(name=first)
        rows.append([_button(label, Action.let_through, case.id)])
    rows.append([_button(texts.BUTTON_MUTE_CHAT, Action.mute_chat, case.id)])
    return rows


def business(
    paused: bool, allowlist: list[tuple[int, str | None]], muted: list[tuple[int, str | None]]
) -> InlineKeyboardMarkup:
    """/business: pause or resume, and one button per allowed sender and muted chat."""
    toggle = (
        _button(texts.BUTTON_RESUME, Action.pause, 0, "off")
        if paused
        else _button(texts.BUTTON_PAUSE, Action.pause, 0, "on")
    )
    rows = [[toggle]]
    for sender_id, name in allowlist:
        label = texts.BUTTON_DISALLOW.format(name=name or sender_id)
        rows.append([_button(label, Action.disallow, sender_id)])
    for chat_id, name in muted:
        label = texts.BUTTON_UNMUTE.format(name=name or chat_id)
        rows.append([_button(label, Action.unmute, chat_id)])
    return InlineKeyboardMarkup(rows)


def _question(case: Case, a: Assessment) -> InlineKeyboardMarkup:
    """An uncertain card's answers: Genuine or the likely cold category, one tap each, and
    Something else… for the full picker. With no cold reading named, every category."""
    cold = a.cold_reading
    readings = [Category.genuine, cold] if cold else list(Category)
    picks = [_button(texts.BUTTON_READINGS[c], Action.recategorize, case.id, c) for c in readings]
    rows = [picks[i : i + 2] for i in range(0, len(picks), 2)]
    more = [_button(texts.BUTTON_SOMETHING_ELSE, Action.wrong_category, case.id)] if cold else []
    if case.incoming.source == "screenshot":  # a misread text may be what makes it unclear
        more.append(_button(texts.BUTTON_FIX_TEXT, Action.fix_text, case.id))
    if more:
        rows.append(more)
    rows.append([_button(texts.BUTTON_DISCARD, Action.discard, case.id)])
    return InlineKeyboardMarkup(rows)


def category_row(case: Case) -> InlineKeyboardMarkup:
    """Pick the right category for a card; the current one is marked (none while uncertain)."""
    a = case.assessment
    current = a.category if a and not a.uncertain else None
    buttons = [
        _button(_marked(c.label, c is current), Action.recategorize, case.id, c) for c in Category
    ]
    return InlineKeyboardMarkup(
        [buttons[:2], buttons[2:4], buttons[4:], [_button(texts.BUTTON_BACK, Action.back, case.id)]]
    )


def settings(prefs: Preferences, learned: dict[Category, int]) -> InlineKeyboardMarkup:
    """The /settings menu: one button per setting, and Clear for the text ones that are set."""
    rows = [
        [
            _button(
                texts.BUTTON_DEFAULT_TONE.format(tone=prefs.cold_tone.value),
                Action.default_tone_menu,
            ),
            _button(texts.BUTTON_CATEGORY_TONES, Action.category_tones),
        ]
    ]
    for field in TEXT_LIMITS:
        label = texts.SETTING_LABELS[field].capitalize()
        row = [
            _button(texts.BUTTON_EDIT_SETTING.format(label=label), Action.edit_setting, 0, field)
        ]
        if getattr(prefs, field):
            row.append(_button(texts.BUTTON_CLEAR, Action.clear_setting, 0, field))
        rows.append(row)
    links = texts.ON_OFF[prefs.share_links]
    rows.append([_button(texts.BUTTON_LINKS.format(state=links), Action.links)])
    forget = [
        _button(
            texts.BUTTON_FORGET_EXAMPLES.format(category=category.label, count=count),
            Action.clear_examples,
            0,
            category,
        )
        for category, count in sorted(learned.items())
    ]
    if len(forget) > 1:
        total = texts.BUTTON_FORGET_ALL_EXAMPLES.format(count=sum(learned.values()))
        forget.append(_button(total, Action.clear_examples, 0, "all"))
    rows += [forget[i : i + 2] for i in range(0, len(forget), 2)]
    return InlineKeyboardMarkup(rows)


def category_tone_list(prefs: Preferences) -> InlineKeyboardMarkup:
    rows = []
    for category in Category:
        if not category.is_cold:
            continue  # genuine messages always get a warm reply: nothing to choose
        chosen = prefs.category_tones.get(category)
        default = texts.BUTTON_CATEGORY_DEFAULT.format(tone=prefs.tone_for(category).value)
        shown = texts.BUTTON_CATEGORY_TONE.format(
            category=category.label, tone=chosen.value if chosen else default
        )
        rows.append([_button(shown, Action.category_tone, 0, category)])
    rows.append([_button(texts.BUTTON_SETTINGS, Action.settings)])
    return InlineKeyboardMarkup(rows)


def category_tone_picker(prefs: Preferences, category: Category) -> InlineKeyboardMarkup:
    current = prefs.category_tones.get(category)
    buttons = [
        _button(
            _marked(tone.value, tone is current),
            Action.set_category_tone,
            0,
            f"{category.value}.{tone.value}",
        )
        for tone in Tone
    ]
    default = _button(
        _marked(texts.BUTTON_DEFAULT, current is None),
        Action.set_category_tone,
        0,
        f"{category.value}.default",
    )
    back = _button(texts.BUTTON_BACK, Action.category_tones)
    return InlineKeyboardMarkup([buttons[:3], buttons[3:], [default, back]])


def tone_row(case: Case) -> InlineKeyboardMarkup:
    current = case.draft.tone if case.draft else None
    buttons = [
        _button(_marked(tone.value, tone is current), Action.set_tone, case.id, tone)
        for tone in Tone
    ]
    return InlineKeyboardMarkup(
        [buttons[:3], buttons[3:], [_button(texts.BUTTON_BACK, Action.back, case.id)]]
    )


def default_tone_picker(current: Tone) -> InlineKeyboardMarkup:
    buttons = [
        _button(_marked(tone.value, tone is current), Action.default_tone, 0, tone) for tone in Tone
    ]
    return InlineKeyboardMarkup(
        [buttons[:3], buttons[3:], [_button(texts.BUTTON_ALL_SETTINGS, Action.settings)]]
    )


def history(
    cases: list[Case], skip: int = 0, more: bool = False, only_open: bool = False
) -> InlineKeyboardMarkup | None:
    """An Open button per case, then paging and the all/open switch."""
    if not cases and not skip and not only_open:
        return None  # no cases at all
    rows = [
        [
            _button(
                texts.BUTTON_OPEN.format(case_id=c.id, category=_category_label(c)),
                Action.open,
                c.id,
            )
        ]
        for c in cases
    ]
    view = "open" if only_open else "all"
    paging = []
    if skip:
        newer = max(0, skip - HISTORY_PAGE)
        paging.append(_button(texts.BUTTON_NEWER, Action.history_page, newer, view))
    if more:
        paging.append(_button(texts.BUTTON_OLDER, Action.history_page, skip + len(cases), view))
    if paging:
        rows.append(paging)
    switch = (texts.BUTTON_ALL_CASES, "all") if only_open else (texts.BUTTON_ONLY_OPEN, "open")
    rows.append([_button(switch[0], Action.history_page, 0, switch[1])])
    return InlineKeyboardMarkup(rows)


def forget_confirm() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[_button(texts.BUTTON_FORGET, Action.forget), _button(texts.BUTTON_KEEP, Action.keep)]]
    )


def copy(text: str) -> InlineKeyboardMarkup | None:
    """One-tap copy, when Telegram allows it for a text this long."""
    if len(text) > InlineKeyboardButtonLimit.MAX_COPY_TEXT:
        return None
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(texts.BUTTON_COPY, copy_text=CopyTextButton(text))]]
    )


def _category_label(case: Case) -> str:
    a = case.assessment
    if a is None:
        return texts.BUTTON_NOT_ASSESSED
    return texts.BUTTON_UNSURE if a.uncertain else a.category.label


def _marked(label: str, current: bool) -> str:
    return texts.BUTTON_CURRENT.format(label=label) if current else label


def prompt() -> InlineKeyboardMarkup:
    """Under a prompt: one tap drops it."""
    return InlineKeyboardMarkup([[_button(texts.BUTTON_CANCEL, Action.cancel_prompt)]])
