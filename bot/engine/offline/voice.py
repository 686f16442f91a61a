"""The user's own voice: replies they edited and approved, kept as examples and reused.

`example()` turns an approved edit into a `StyleExample` with only what would suit another
sender: the signature is dropped (the drafts add it), and so is every sentence about the
earlier sender (their company, product or event, their offer or ask, a link). The greeting
stays; `own_wording()` re-addresses it to the next sender.

`own_wording()` gives the offline engine the examples it may reuse for a draft: same
category, same tone, same language, never for a genuine message (that reply answers what
this person asked).
"""

from __future__ import annotations

import re
from itertools import pairwise

from bot.models import Assessment, Category, Preferences, StyleExample, Tone
from bot.text import contacts, names

MAX_REUSED_WORDS = 90  # a longer edit was written for one particular message
MIN_KEPT_WORDS = 4  # less than this left after the sender's specifics: nothing to reuse

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_NAME_PART = re.compile(r"[^\W\d_]+")  # "GrowthLab's" -> "GrowthLab", "s"
_GREETINGS = frozenset({"hi", "hello", "hey", "dear"})


def example(
    text: str, assessment: Assessment, message: str, tone: Tone, signature: str | None
) -> StyleExample | None:
    """The reusable part of an approved edit, or None when nothing general is left."""
    body = _without_signature(text, signature)
    specific = _specifics(assessment, message)
    first = names.first_name(assessment.sender_name)
    greeting, body = _greeting(body, first)
    lines = []
    for line in body.splitlines():
        kept = [s for s in _SENTENCE_END.split(line) if not _mentions(s, specific)]
        lines.append(" ".join(kept))
    rest = re.sub(r"\n{3,}", "\n\n", "\n".join(lines).strip())
    if len(_WORD.findall(rest)) < MIN_KEPT_WORDS:
        return None
    general = greeting + rest
    return StyleExample(
        category=assessment.category,
        text=general,
        sender_name=assessment.sender_name,
        tone=tone,
        language=assessment.language,
    )


def own_wording(prefs: Preferences, assessment: Assessment, tone: Tone) -> list[str]:
    """The user's learned replies that fit this draft, newest first, greeting the new
    sender by name (or "there")."""
    category = assessment.category
    if category is Category.genuine:
        return []
    name = names.first_name(assessment.sender_name)
    found: list[str] = []
    for learned in prefs.examples_for(category):
        if learned.tone is not tone or learned.language != assessment.language:
            continue
        text = contacts.replace(_without_signature(learned.text, prefs.signature)).strip()
        old = names.first_name(learned.sender_name)
        if old:
            text = re.sub(rf"\b{re.escape(old)}\b", name or "there", text)
        if text and len(text.split()) <= MAX_REUSED_WORDS and text not in found:
            found.append(text)
    return found


def _greeting(text: str, first: str | None) -> tuple[str, str]:
    """("Hi Priya, ", rest) when the text opens by greeting the sender by first name."""
    if first:
        found = re.match(rf"\s*(?:\S+[ \t]+){{0,2}}{re.escape(first)}\b[^\w\s]*\s*", text)
        if found:
            return found.group().lstrip(), text[found.end() :]
    return "", text


def _without_signature(text: str, signature: str | None) -> str:
    """The text without the user's signature at its end (the drafts add it once). Compared
    word by word, so a signature the user's editor re-wrapped still matches."""
    text = text.strip()
    signed = (signature or "").split()
    tokens = list(re.finditer(r"\S+", text))
    if not signed or [t.group() for t in tokens[-len(signed) :]] != signed:
        return text
    if len(tokens) == len(signed):
        return ""
    return text[: tokens[-len(signed)].start()].rstrip()


def _specifics(assessment: Assessment, message: str) -> set[str]:
    """Lower-cased words and phrases that belong to the earlier sender: the offer and the ask
    phrases, their surname, and names (capitalised words) their message used."""
    found = {p.casefold() for p in (assessment.offer, assessment.ask) if p and len(p) > 3}
    first = names.first_name(assessment.sender_name)
    for part in (assessment.sender_name or "").split()[1:]:
        found.add(part.casefold().strip(".,"))
    for sentence in _SENTENCE_END.split(message):
        words = _NAME_PART.findall(sentence)
        # A sentence's first word is capitalised anyway; "Hi Sam" names the user, not them.
        for before, word in pairwise(words):
            if before.casefold() in _GREETINGS or word == first:
                continue
            if word[0].isupper() and word.casefold() not in _COMMON:
                found.add(word.casefold())
    return found


def _mentions(sentence: str, specific: set[str]) -> bool:
    if contacts.contains(sentence):
        return True
    lowered = sentence.casefold()
    words = {w.casefold() for w in _NAME_PART.findall(sentence)}
    return any((p in lowered) if " " in p else (p in words) for p in specific)


# Capitalised words that name nobody in particular.
_COMMON = frozenset(
    "i linkedin monday tuesday wednesday thursday friday saturday sunday "  # noqa: SIM905
    "january february march april may june july august september october november december "
    "ai ceo cto cfo coo vp hr b2b saas".split()
)
