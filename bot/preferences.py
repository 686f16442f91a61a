"""Changing a user's preferences: every text setting is checked before it replaces the old.

Pure functions over the Preferences model: they return a new value or raise SettingError
saying what to fix (as data: the wording is the renderer's), and never half-apply a change.
"""

from __future__ import annotations

import re
from typing import Any

from bot.errors import SettingError
from bot.models import Category, Preferences, Tone
from bot.text import contacts, language

# The text settings, each with its longest value in characters.
TEXT_LIMITS: dict[str, int] = {"style": 500, "signature": 120, "profile": 600, "language": 40}

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def _refused(reason: str, field: str, **details: Any) -> SettingError:
    return SettingError(reason, field, **details)


def set_text(prefs: Preferences, field: str, value: str) -> Preferences:
    """The preferences with `field` set to `value`, or SettingError saying what to fix."""
    if field not in TEXT_LIMITS:
        raise _refused("unknown_field", field)
    limit = TEXT_LIMITS[field]
    text = _CONTROL.sub("", value).strip()
    if not text:
        raise _refused("empty", field)
    if len(text) > limit:
        raise _refused("too_long", field, length=len(text), limit=limit)
    if field == "language":
        code = language.normalise(text)
        if code is None:
            raise _refused("unknown_language", field, value=text)
        return prefs.model_copy(update={"language": code})
    if field == "signature" and not prefs.share_links:
        found = contacts.first(text, phones=False)
        if found:
            raise _refused("link_in_signature", field, value=found)
    return prefs.model_copy(update={field: text})


def clear(prefs: Preferences, field: str) -> Preferences:
    if field not in TEXT_LIMITS:
        raise _refused("unknown_field", field)
    return prefs.model_copy(update={field: None})


def set_category_tone(prefs: Preferences, category: Category, tone: Tone | None) -> Preferences:
    """A tone for one category; None goes back to the default. Genuine messages always get
    a warm reply, so a tone for them (only forged button data asks) is not kept."""
    tones = dict(prefs.category_tones)
    if tone is None or not category.is_cold:
        tones.pop(category, None)
    else:
        tones[category] = tone
    return prefs.model_copy(update={"category_tones": tones})


def toggle_links(prefs: Preferences) -> Preferences:
    """Links on or off. Turning them off with a link in the signature is refused."""
    if prefs.share_links and prefs.signature and contacts.contains(prefs.signature, phones=False):
        raise _refused("signature_has_link", "signature")
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
