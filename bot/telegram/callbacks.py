"""Callback data: typed and versioned, `cs1:<action>:<case id>[:<argument>]`.

Everything a button needs is in the store, so the data is tiny, survives restarts, and a
forged value can at worst name a case, which the handler then checks belongs to the presser.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from telegram.constants import InlineKeyboardButtonLimit

from bot.models import Category, Tone
from bot.preferences import TEXT_LIMITS

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
    wrong_category = "wc"  # open the category row on a card
    recategorize = "rc"  # argument: category
    settings = "sm"  # show the settings menu; case id 0
    default_tone_menu = "dt"  # the default-tone picker, from the settings menu
    edit_setting = "se"  # argument: text field
    clear_setting = "sx"  # argument: text field
    category_tones = "cm"  # the per-category tone list
    category_tone = "cq"  # argument: category; opens its tone row
    set_category_tone = "cv"  # argument: "<category>.<tone or default>"
    links = "lk"  # toggle links in replies
    clear_examples = "ex"  # forget learned style examples; argument: category or "all"
    fix_text = "ft"  # correct the text read from a screenshot
    cancel_prompt = "cx"  # case id 0; the prompt is the message the button is on
    history_page = "hp"  # the "case id" is how many newer cases to skip; argument: all, open
    # Telegram Business: cards from the owner's own chats, and /business.
    leave_unanswered = "bl"
    let_through = "ba"  # the card's sender goes on the allowlist
    mute_chat = "bm"
    pause = "bp"  # case id 0; argument: on (pause) or off (resume)
    disallow = "bd"  # the "case id" is the sender's Telegram id
    unmute = "bu"  # the "case id" is the chat's id


# Arguments each action accepts; anything else is rejected by unpack().
HISTORY_FILTERS = frozenset({"all", "open"})
ARGS: dict[Action, frozenset[str]] = {
    Action.history_page: HISTORY_FILTERS,
    Action.pause: frozenset({"on", "off"}),
    Action.set_tone: frozenset(Tone),
    Action.default_tone: frozenset(Tone),
    Action.recategorize: frozenset(Category),
    Action.edit_setting: frozenset(TEXT_LIMITS),
    Action.clear_setting: frozenset(TEXT_LIMITS),
    Action.category_tone: frozenset(Category),
    Action.clear_examples: frozenset({*Category, "all"}),
    Action.set_category_tone: frozenset(
        f"{c.value}.{t}" for c in Category for t in [*Tone, "default"]
    ),
}

_DATA = re.compile(rf"{PREFIX}:([a-z]{{2}}):(\d{{1,12}})(?::([a-z_.]{{1,32}}))?")


@dataclass(frozen=True)
class Press:
    action: Action
    case_id: int
    arg: str | None = None

    @property
    def tone(self) -> Tone:
        return Tone(self.arg)

    @property
    def category(self) -> Category:
        return Category(self.arg)

    @property
    def category_or_all(self) -> Category | None:
        """clear_examples' argument: a category, or None for "all"."""
        return None if self.arg == "all" else Category(self.arg)

    @property
    def category_tone(self) -> tuple[Category, Tone | None]:
        """set_category_tone's "<category>.<tone or default>"."""
        category, _, tone = (self.arg or "").partition(".")
        return Category(category), None if tone == "default" else Tone(tone)


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
    allowed = ARGS.get(action)
    if (allowed is None) != (arg is None) or (allowed is not None and arg not in allowed):
        return None
    return Press(action, int(match[2]), arg)


def pattern(action: Action) -> Callable[[object], bool]:
    """The CallbackQueryHandler pattern of one action: it matches only data that unpacks
    fully and validly as that action, so a handler never sees a malformed press (anything
    else falls through to the stale-button handler)."""

    def matches(data: object) -> bool:
        press = unpack(data) if isinstance(data, str) else None
        return press is not None and press.action is action

    return matches


def press_of(data: str | None) -> Press:
    """The press a matched handler was called for (its pattern already validated it)."""
    press = unpack(data)
    if press is None:
        raise ValueError("callback data that no pattern matched reached a handler")
    return press
