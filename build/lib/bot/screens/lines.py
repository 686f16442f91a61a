"""What one line of LinkedIn's messaging UI is: chrome, a stamp, a header, a name or text.

`classify` knows the lines of a text paste; `is_chrome_text`, `split_header` and
`is_split_header` add what OCR makes of a screen (headers glued or split across boxes).
Pure string work on top of `bot.screens.vocabulary`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum, auto

from bot.screens.vocabulary import (
    CHROME_PREFIXES,
    CHROME_SUFFIXES,
    DEGREE_HEAD_RE,
    DEGREE_SUFFIX_RE,
    NAME_PARTICLES,
    NOT_NAME_FIRST,
    PRESENCE_RE,
    SCREEN_CHROME,
    SCREEN_SPLIT_RE,
    SENT_RE,
    SEPARATORS,
    SPLIT_RE,
    STATUS,
    STRONG_CHROME,
    TRAILING_TIME_RE,
    VIEW_RE,
    WEAK_CHROME,
    has_time,
    is_degree,
    is_emoji_line,
    is_stamp,
    is_symbol,
    norm,
    screen_key,
)

_SHORT = 120  # lines longer than this are always message text


class Kind(Enum):
    """What a line is, from its own text alone."""

    BLANK = auto()
    TEXT = auto()
    CHROME = auto()  # chrome that proves the text was copied from LinkedIn
    WEAK = auto()  # chrome-looking line that proves nothing on its own
    STAMP = auto()  # a day separator or a time on its own line (weak chrome)
    DEGREE = auto()  # "· 1st", "1st degree connection" (proof, and a profile-card marker)
    PRESENCE = auto()  # "Status is online", "Mobile • 2h ago" (proof, profile-card marker)
    VIEW = auto()  # "View Anna's profile" (proof; header element)
    SENT = auto()  # "Anna Smith sent the following message at 10:42 AM" (proof; header)
    NAME_STAMP = auto()  # "Anna Smith  10:42 AM" (header)
    NAME_DEGREE = auto()  # "Anna Smith · 1st" (proof; profile-card header)
    NAME = auto()  # a line that could be a display name: decided by its neighbours


@dataclass(slots=True)
class Line:
    """A classified line; the flags are set later, from its neighbours (`bot.screens.paste`)."""

    kind: Kind
    raw: str
    name: str | None = None
    wide: bool = False  # NAME_STAMP: separated by two spaces, a tab or a bullet
    header: bool = False  # NAME resolved as a speaker header
    card: bool = False  # NAME resolved as a profile card (degree/presence/headline follows)
    stamped: bool = False  # NAME resolved because a time follows
    headline: bool = False  # TEXT that is the sender's headline under their name


def _clean_name(text: str) -> str | None:
    """The display name if `text` reads like one ("Anna Smith", "Anna Smith (She/Her)",
    "Dr. Anna Smith, MBA", "Anna Smith 🚀"), else None."""
    if len(text) > 120:
        return None
    if not text.isascii():
        text = "".join(ch for ch in text if not is_symbol(ch))  # "Anna Smith 🚀"
    text = text.strip()
    if not text or len(text) > 80 or not text[0].isalpha():
        return None
    # Pronouns and badges in parentheses: "(She/Her)", "(Hiring)".
    out: list[str] = []
    depth = 0
    for ch in text:
        if ch == "(":
            depth += 1
        elif ch == ")":
            if depth == 0:
                return None
            depth -= 1
        elif depth == 0:
            out.append(ch)
    if depth:
        return None
    head, *creds = "".join(out).split(",")
    for cred in creds:
        cred = cred.strip()
        if not cred or len(cred) > 12 or " " in cred or not cred[0].isupper():
            return None
    tokens = head.split()
    if not 1 <= len(tokens) <= 5:
        return None
    if tokens[0].lower() in NOT_NAME_FIRST or tokens[0].lower().rstrip(":") in NOT_NAME_FIRST:
        return None
    for i, token in enumerate(tokens):
        first = token[0]
        if not first.isalpha():
            return None
        if first.islower() and not (i > 0 and token in NAME_PARTICLES):
            return None
        if not all(ch.isalpha() or ch in "'’.-" for ch in token):
            return None
    name = " ".join(tokens)
    if norm(name) in STRONG_CHROME or norm(name) in WEAK_CHROME:
        return None
    return name


def same_person(a: str | None, b: str | None) -> bool:
    """ "Anna" and "Anna Smith" are the same speaker; so are different letter cases."""
    if not a or not b:
        return False
    ta, tb = a.casefold().split(), b.casefold().split()
    short, long_ = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    return long_[: len(short)] == short


def _name_before(suffix: re.Pattern[str], text: str) -> str | None:
    """The display name in front of `suffix` at the end of `text` ("Anna Smith · 1st")."""
    match = suffix.search(text, 1)  # the leftmost match leaves the shortest name
    return _clean_name(text[: match.start()]) if match else None


def classify(line: str) -> Line:
    """What `line` is, from its own text (a paste line, or an OCR line on a screen)."""
    stripped = line.strip()
    if not stripped:
        return Line(Kind.BLANK, line)
    if len(stripped) > _SHORT:
        sent = SENT_RE.search(stripped, 0, 200)
        if sent and 0 < sent.start() <= 80 and _clean_name(stripped[: sent.start()]):
            return Line(Kind.SENT, line, name=_clean_name(stripped[: sent.start()]))
        return Line(Kind.TEXT, line)
    key = norm(stripped)
    if key in STATUS or PRESENCE_RE.fullmatch(key):
        return Line(Kind.PRESENCE, line)
    if key in STRONG_CHROME or key.startswith("press enter to send"):
        return Line(Kind.CHROME, line)
    if is_degree(stripped):
        # A bare "1st" could be a list item; "· 1st" and "1st degree" are LinkedIn's.
        strong = "degree" in key or stripped[0] in "•·"
        return Line(Kind.DEGREE if strong else Kind.WEAK, line)
    if is_stamp(stripped):
        return Line(Kind.STAMP, line)
    if (
        key in WEAK_CHROME
        or key.startswith(CHROME_PREFIXES)
        or key.endswith(CHROME_SUFFIXES)
        or is_emoji_line(stripped)
    ):
        return Line(Kind.WEAK, line)
    view = VIEW_RE.fullmatch(" ".join(stripped.split()))
    if view:
        name = view.group("name")
        return Line(Kind.VIEW, line, name=_clean_name(name) if name else None)
    sent = SENT_RE.search(stripped)
    if sent and _clean_name(stripped[: sent.start()]):
        return Line(Kind.SENT, line, name=_clean_name(stripped[: sent.start()]))
    parts = [p for p in SPLIT_RE.split(stripped) if p]
    if len(parts) >= 2:
        name = _clean_name(parts[0])
        rest = parts[1:]
        if name and all(is_stamp(p) or is_degree(p) or norm(p) in WEAK_CHROME for p in rest):
            if any(has_time(p) for p in rest):
                return Line(Kind.NAME_STAMP, line, name=name, wide=True)
            if any(is_degree(p) for p in rest):
                return Line(Kind.NAME_DEGREE, line, name=name)
    name = _name_before(DEGREE_SUFFIX_RE, stripped)
    if name:
        return Line(Kind.NAME_DEGREE, line, name=name)
    name = _name_before(TRAILING_TIME_RE, stripped)
    if name:
        return Line(Kind.NAME_STAMP, line, name=name)
    name = _clean_name(stripped)
    if name:
        return Line(Kind.NAME, line, name=name)
    return Line(Kind.TEXT, line)


# ---------------------------------------------------------------------------------------------
# On screenshots: what OCR makes of a header
# ---------------------------------------------------------------------------------------------

_CHROME_KINDS = (Kind.CHROME, Kind.WEAK, Kind.PRESENCE, Kind.DEGREE, Kind.VIEW)


def is_chrome_text(text: str) -> bool:
    key = screen_key(text)
    if not key:
        return True
    if key in SCREEN_CHROME or key.startswith("write a message"):
        return True
    kind = classify(text).kind
    if kind in _CHROME_KINDS:
        return True
    parts = [p.strip() for p in SCREEN_SPLIT_RE.split(text.strip())]
    parts = [p for p in parts if p]
    if len(parts) >= 2:  # "InMail · Active now", "Seen · 10:42 AM"
        return all(is_chrome_text(p) or is_stamp(p) for p in parts)
    return False


def split_header(text: str) -> tuple[str, str | None, bool] | None:
    """A name followed by a time and/or a connection degree, however OCR glued them.

    "Anna Smith · 10:42 AM", "Sam Lee10:15 AM", "Rahul Mehta -9:14 AM", "Jo Li·1st" →
    (name, time or None, has_degree); None when the text is not such a header.
    """
    text = text.strip()
    if len(text) > 100:
        return None
    for i in range(2, len(text)):
        if text[i].isspace():
            continue
        head = text[:i].rstrip(SEPARATORS)
        tail = text[i:].strip(SEPARATORS)
        if not head or not tail:
            continue
        degree = DEGREE_HEAD_RE.match(tail)
        rest = tail[degree.end() :].strip(SEPARATORS) if degree else tail
        if rest and not is_stamp(rest):
            continue
        if not degree and not rest:
            continue
        name = _clean_name(head)
        if name:
            return name, rest or None, degree is not None
    return None


def is_split_header(left: str, right: str) -> bool:
    """A name with a time or degree right of it on the same row: one header OCR read as two
    boxes ("Anna Smith" + "10:02 AM")."""
    return _clean_name(left) is not None and (
        is_stamp(right) or DEGREE_HEAD_RE.fullmatch(right.strip()) is not None
    )
