"""Changing a user's preferences: every text setting is checked before it replaces the old.

Pure functions over the Preferences model: they return a new value or raise SettingError
with a sentence the user can act on, and never half-apply a change.
"""

from __future__ import annotations

import re

from bot.errors import SettingError
from bot.models import Category, Preferences, Tone
from bot.text import contacts, language

# field -> (label for messages, maximum characters)
TEXT_FIELDS: dict[str, tuple[str, int]] = {
    "style": ("style instructions", 500),
    "signature": ("signature", 120),
    "profile": ("profile", 600),
    "language": ("reply language", 40),
}

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def set_text(prefs: Preferences, field: str, value: str) -> Preferences:
    """The preferences with `field` set to `value`, or SettingError saying what to fix."""
    if field not in TEXT_FIELDS:
        raise SettingError(f"There is no setting called {field!r}.")
    label, limit = TEXT_FIELDS[field]
    text = _CONTROL.sub("", value).strip()
    if not text:
        raise SettingError(f"That {label} is empty. Send the text, or tap Clear to remove it.")
    if len(text) > limit:
        raise SettingError(
            f"That {label} is {len(text)} characters; the limit is {limit}. "
            "Nothing was changed: send a shorter one."
        )
    if field == "language":
        code = language.normalise(text)
        if code is None:
            raise SettingError(
                f"I don't know the language {text!r}. Send a name or a code such as "
                "English, de, or Español; or tap Clear to match the sender."
            )
        return prefs.model_copy(update={"language": code})
    if field == "signature" and not prefs.share_links:
        found = contacts.first(text, phones=False)
        if found:
            raise SettingError(
                f"Your signature contains {found!r}, and links in replies are off. "
                "Send a signature without it, or turn links on in /settings first."
            )
    return prefs.model_copy(update={field: text})


def clear(prefs: Preferences, field: str) -> Preferences:
    if field not in TEXT_FIELDS:
        raise SettingError(f"There is no setting called {field!r}.")
    return prefs.model_copy(update={field: None})


def set_category_tone(prefs: Preferences, category: Category, tone: Tone | None) -> Preferences:
    """A tone for one category; None goes back to the default."""
    tones = dict(prefs.category_tones)
    if tone is None:
        tones.pop(category, None)
    else:
        tones[category] = tone
    return prefs.model_copy(update={"category_tones": tones})


def toggle_links(prefs: Preferences) -> Preferences:
    """Links on or off. Turning them off with a link in the signature is refused."""
    if prefs.share_links and prefs.signature and contacts.contains(prefs.signature, phones=False):
        raise SettingError(
            "Your signature contains a link. Change or clear the signature first, then turn "
            "links off."
        )
    return prefs.model_copy(update={"share_links": not prefs.share_links})


def profile_line(prefs: Preferences) -> str | None:
    """The profile's first sentence, for an offline draft: "As my profile says: ..."."""
    if not prefs.profile:
        return None
    first = re.split(r"(?<=[.!?])\s|\n", prefs.profile.strip(), maxsplit=1)[0]
    first = first.strip().rstrip(".!?")
    if not prefs.share_links:
        first = contacts.replace(first, phones=False).strip(" ,;:-")
    if not first or len(first) > 160:
        return None
    return first
