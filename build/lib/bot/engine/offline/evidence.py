"""Evidence: which rules a message matches, and the message's own words that show each signal.

Quotes are always verbatim substrings of the message, trimmed to a short phrase, so the card
can show them as proof and the user can find them in the text.
"""

from __future__ import annotations

import re
from itertools import pairwise
from typing import NamedTuple

from bot.engine.offline.features import MAX_CHARS as MAX_TEXT
from bot.engine.offline.features import WORD
from bot.engine.offline.prefilter import Prefilter
from bot.engine.offline.rule import GE, Rule, compile_rx
from bot.engine.offline.rules import RULES
from bot.models import Category, Signal

MAX_QUOTE = 80
MAX_SIGNALS = 6

# Not a category vote: template residue only says "mass template" (genuine templates have it too).
MERGE_FIELD = compile_rx(
    r"\{\{?\s?[A-Za-z_][\w ./-]{0,40}\s?\}\}?"
    r"|\[(?:your|their|recipient|first|last|full|company|name|person|potential|insert|specific"
    r"|topic|problem|product|industry|field|title|role|date|event|link|survey|organi[sz]ation"
    r"|benefit"
    r"|mutual|project|add|solution|target)[^\]\n]{0,50}\]|\(\s?(?:employer|mobile\s+number"
    r"|email\s+address"
    r"|whatever|[\w' ]{0,30}?(?:removed|business(?:\s+name)?|company\s+name))\s?\)|_{5,}"
)
SPECIFIC_QUESTION = compile_rx(r"(?:^|[.!?]\s+|\n)([^.!?\n]{12,160}\?)")
PERSONAL_DETAIL = compile_rx(
    r"\bi\s+saw\s+that\s+you(?:'ve|\s+have)?\s+(?:worked|work|wrote|built|spoke|are\s+an?)\b"
    r"|\byour\s+name\s+(?:came\s+up|was\s+mentioned)\s+(?:in\s+connection\s+with|when)\b"
)


# When the rules found nothing for the verdict, the words the learned model leaned on most
# are quoted instead, under one of these names.
WORDING_SIGNALS = {
    Category.sales_pitch: "words typical of a sales pitch",
    Category.favor_request: "words typical of a favour request",
    Category.meeting_request: "words typical of a meeting request",
    Category.recruiting: "words typical of recruiting",
    Category.scam: "words typical of a scam",
    Category.genuine: "words typical of a personal note",
}
MAX_WORDING = 2
TELLING = 20  # candidates looked at for those quotes
# Too common to show as proof of anything.
_PLAIN = frozenset(
    {
        "about",
        "after",
        "again",
        "also",
        "been",
        "could",
        "from",
        "have",
        "here",
        "just",
        "more",
        "really",
        "some",
        "than",
        "that",
        "their",
        "them",
        "there",
        "these",
        "they",
        "this",
        "those",
        "very",
        "what",
        "when",
        "which",
        "while",
        "with",
        "would",
        "your",
        "yours",
    }
)


_PREFILTER = Prefilter([rule.pattern.pattern for rule in RULES])


class Hit(NamedTuple):
    rule: Rule
    match: re.Match[str]


def find(text: str) -> list[Hit]:
    """Every rule that matches, in table order (the order the scorer depends on)."""
    hits = []
    for index in _PREFILTER.candidates(text):
        rule = RULES[index]
        m = rule.pattern.search(text)
        if m:
            hits.append(Hit(rule, m))
    return hits


def signals(text: str, hits: list[Hit], top: Category, merge: re.Match[str] | None) -> list[Signal]:
    """The reasons for the verdict, most important first, deduplicated by signal."""
    ranked = sorted(hits, key=lambda h: -h.rule.weights.get(top, 0.0))
    out: list[Signal] = []
    shown: set[str] = set()
    for rule, m in ranked:
        w = rule.weights.get(top, 0.0)
        # A genuine verdict shows genuine evidence only; a cold one shows its own evidence
        # plus the "mass template" tells.
        if w <= 0 and not (top.is_cold and rule.generic):
            continue
        if rule.signal in shown:
            continue
        shown.add(rule.signal)
        out.append(Signal(signal=rule.signal, quote=quote(text, m.start(), m.end())))
    if top.is_cold and merge:
        out.append(
            Signal(signal="merge-field residue", quote=quote(text, merge.start(), merge.end()))
        )
    if top is GE and len(out) < MAX_SIGNALS:
        q = SPECIFIC_QUESTION.search(text) if "?" in text else None
        if q:
            out.append(Signal(signal="specific question", quote=quote(text, q.start(1), q.end(1))))
    return out[:MAX_SIGNALS]


def wording(text: str, telling: list[str], top: Category) -> list[Signal]:
    """The model's telling word pairs, quoted where they stand in the message."""
    tokens = [(m.group().lower(), m.start(), m.end()) for m in WORD.finditer(text[:MAX_TEXT])]
    spans: dict[str, tuple[int, int]] = {}
    for (first, start, _), (second, _, end) in pairwise(tokens):
        spans.setdefault(f"{first} {second}", (start, end))
    out: list[Signal] = []
    taken: list[tuple[int, int]] = []
    for feature in telling:
        words = feature.split(" ")
        # A single word proves little to a reader; numbers, placeholders and filler nothing.
        if len(words) != 2 or feature not in spans:
            continue
        if not any(len(w) >= 4 and w.isalpha() and w not in _PLAIN for w in words):
            continue
        start, end = spans[feature]
        if any(start < e and s < end for s, e in taken):
            continue
        taken.append((start, end))
        out.append(Signal(signal=WORDING_SIGNALS[top], quote=quote(text, start, end)))
        if len(out) == MAX_WORDING:
            break
    return out


def quote(text: str, start: int, end: int) -> str:
    """The matched words, trimmed to a short verbatim phrase (always a substring of text)."""
    start, end = _strip_span(text, start, end)
    if end - start > MAX_QUOTE:
        cut = text.rfind(" ", start, start + MAX_QUOTE)
        end = cut if cut > start + MAX_QUOTE // 2 else start + MAX_QUOTE
        start, end = _strip_span(text, start, end)
    return text[start:end]


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " \t\r\n,;:-–—":
        start += 1
    while end > start and text[end - 1] in " \t\r\n,;:-–—":
        end -= 1
    return start, end
