"""Recognise text copied out of LinkedIn's messaging UI and keep only the message to answer.

A conversation copied from LinkedIn (web or mobile) comes with chrome: the sender's name on
its own line, "View Anna's profile", "Anna Smith sent the following message at 10:42 AM",
"Anna Smith  10:42 AM", "· 1st", a headline, "InMail", "Seen", day separators, "Write a
message…" and so on. It may also hold both sides of a thread. `parse_paste` finds the other
person (the sender) and their last turn, and drops the chrome.

It is conservative on purpose: unless the text carries a marker that only LinkedIn's UI
produces (a profile link line, a "sent the following message" header, a connection degree,
the compose box, a name-and-time header at the top of the paste...), the text comes back
unchanged. An ordinary message that opens with "Hi Anna," or ends with "Sent from my iPhone"
is never touched.

Pure string processing: no Telegram, no I/O. Every regular expression is anchored and only
ever runs on one line of bounded length, so parsing is linear in the size of the paste.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from enum import Enum, auto

__all__ = ["Paste", "parse_paste"]


@dataclass(frozen=True, slots=True)
class Paste:
    """What `parse_paste` found.

    body: the message to answer (the sender's last turn, chrome removed); for text that is
        not a LinkedIn copy, `text.strip()` unchanged.
    sender_name: the other person's display name, when the paste shows it.
    is_thread: True when the text was recognised as a copy of a LinkedIn conversation
        (chrome and/or speaker headers found and removed); False means "plain text".
    participants: speaker names seen in the thread, in order of first appearance
        (may include "You" or the user's own name).
    """

    body: str
    sender_name: str | None = None
    is_thread: bool = False
    participants: tuple[str, ...] = field(default=())


# ---------------------------------------------------------------------------------------------
# Line vocabulary
# ---------------------------------------------------------------------------------------------

_SHORT = 120  # lines longer than this are always message text
_HEADLINE_MAX = 220

_WEEKDAYS = (
    "monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    "mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun"
)
_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
_TIME = r"\d{1,2}[:.]\d{2}(?: ?[ap]\.? ?m\.?)?"
_UNITS = "s|sec|secs|m|min|mins|minutes?|h|hr|hrs|hours?|d|days?|w|wk|weeks?|mo|months?|y|yr|years?"
_RELATIVE = rf"(?:\d{{1,3}} ?(?:{_UNITS})(?: ago)?|just now|now)"
_DAY = rf"(?:today|yesterday|(?:{_WEEKDAYS})\.?)"
_DATE = (
    rf"(?:(?:{_MONTHS})\.? \d{{1,2}}(?:st|nd|rd|th)?(?:,? \d{{4}})?"
    rf"|\d{{1,2}} (?:{_MONTHS})\.?(?:,? \d{{4}})?"
    r"|\d{1,2}/\d{1,2}/\d{2,4}|\d{1,2}\.\d{1,2}\.\d{2,4}|\d{4}-\d{2}-\d{2})"
)
# A line that is nothing but a day separator and/or a time: "TODAY", "Jan 5", "MON 10:42 AM",
# "12/03/2024", "10:42 AM", "2h ago".
_STAMP_RE = re.compile(
    rf"(?:(?:{_DAY}|{_DATE})(?: ?[,•·] ?| at | )?)?(?:{_TIME}|{_RELATIVE})?",
    re.IGNORECASE,
)
# Connection degree: "1st", "· 2nd", "3rd+ degree connection", "1st degree connection".
_DEGREE_RE = re.compile(r"(?:[•·] ?)?(?:1st|2nd|3rd\+?)(?: degree(?: connection)?)?", re.IGNORECASE)
# "Mobile • 2h ago", "Web • Active now", "Active 5m ago".
_PRESENCE_RE = re.compile(
    rf"(?:(?:mobile|web|desktop) ?[•·] ?(?:active )?(?:{_RELATIVE}|active now|online)"
    rf"|active {_RELATIVE})",
    re.IGNORECASE,
)
_VIEW_RE = re.compile(r"view (?:(?P<name>.{1,80}?)['’]s? )?(?:full )?profile", re.IGNORECASE)
_SENT_RE = re.compile(r" sent the following messages? at ", re.IGNORECASE)
# "Anna Smith  10:42 AM", "Anna Smith • 10:42 AM", "Anna Smith · 1st": name, separator, rest.
_SPLIT_RE = re.compile(r"\t+| {2,}| ?[•·] ?")
_DEGREE_SUFFIX_RE = re.compile(
    r"(?P<name>.+?)(?: ?[•·] ?(?:1st|2nd|3rd\+?)(?: degree(?: connection)?)?"
    r"| (?:1st|2nd|3rd\+?) degree(?: connection)?)",
    re.IGNORECASE,
)
_TRAILING_TIME_RE = re.compile(rf"(?P<name>.+?) (?P<time>{_TIME})", re.IGNORECASE)
_ELLIPSIS_RE = re.compile(r"(?:…|\.\.\.)$")

# Whole lines that only LinkedIn's UI produces (lowercase, trailing "…"/"..." removed).
_STRONG_CHROME = frozenset(
    {
        "write a message",
        "press enter to send",
        "press enter to send, shift+enter to add a new line",
        "report this message",
        "report this conversation",
        "inmail",
        "open the emoji keyboard",
        "open gif keyboard",
        "open send options",
        "attach an image to your conversation with",
        "maximize compose field",
        "minimize compose field",
        "sponsored inmail",
        "new message",
    }
)
_STATUS = frozenset(
    f"status is {word}" for word in ("online", "offline", "away", "busy", "reachable", "active")
)
# Whole lines that are chrome inside a LinkedIn copy, but could also be ordinary words.
_WEAK_CHROME = frozenset(
    {
        "sent",
        "seen",
        "delivered",
        "read",
        "sending",
        "today",
        "yesterday",
        "reply",
        "like",
        "react",
        "more",
        "accept",
        "ignore",
        "decline",
        "sponsored",
        "active now",
        "online",
        "attach",
        "attach a file",
        "attach an image",
        "send",
        "gif",
        "emoji",
        "message",
        "follow",
        "connect",
        "pending",
        "edited",
        "(edited)",
        "promoted",
        "premium",
        "open profile",
        "view profile",
        "see more",
        "see less",
        "…see more",
        "show more",
        "reply to conversation",
        "forward",
        "delete",
        "load more messages",
        "new",
        "unread",
    }
)
_CHROME_PREFIXES = (
    "seen by ",
    "close your conversation with ",
    "options for your conversation with ",
    "attach an image to your conversation with ",
    "attach a file to your conversation with ",
    "open the options list in your conversation with ",
    "start a video meeting",
    "video call",
    "conversation with ",
)
_CHROME_SUFFIXES = (" is typing", " is typing…", " is typing...", " reacted with")

# Capitalised words that open ordinary sentences, never a display name on its own line.
_NOT_NAME_FIRST = frozenset(
    {
        "hi",
        "hello",
        "hey",
        "dear",
        "thanks",
        "thank",
        "best",
        "regards",
        "cheers",
        "sent",
        "seen",
        "view",
        "today",
        "yesterday",
        "good",
        "kind",
        "warm",
        "warmest",
        "sincerely",
        "re",
        "fwd",
        "fw",
        "subject",
        "sponsored",
        "inmail",
        "reply",
        "like",
        "the",
        "a",
        "an",
        "i",
        "we",
        "my",
        "our",
        "your",
        "this",
        "that",
        "p.s.",
        "ps",
        "ok",
        "okay",
        "yes",
        "no",
        "sure",
        "great",
        "looking",
        "happy",
        "congrats",
        "congratulations",
        "welcome",
        "all",
        "team",
        "new",
        "meeting",
        "call",
        "note",
        "message",
        "status",
        "active",
        "write",
        "press",
        "report",
        "attach",
        "accept",
        "ignore",
        "mobile",
        "web",
        "you're",
        "talk",
        "speak",
        "see",
        "let's",
        "lets",
        "quick",
        "just",
        "please",
        "sorry",
    }
)
_NAME_PARTICLES = frozenset(
    {"van", "von", "de", "der", "den", "da", "di", "du", "la", "le", "del", "bin", "al", "y"}
)
_SELF_NAMES = frozenset({"you", "me"})
_ROLE_WORDS = frozenset(
    {
        "founder",
        "co-founder",
        "cofounder",
        "ceo",
        "cto",
        "coo",
        "cfo",
        "cmo",
        "cro",
        "vp",
        "head",
        "director",
        "manager",
        "recruiter",
        "talent",
        "senior",
        "sr",
        "sales",
        "account",
        "business",
        "growth",
        "helping",
        "partner",
        "chief",
        "engineer",
        "consultant",
        "owner",
        "president",
        "lead",
        "specialist",
        "executive",
        "sdr",
        "bdr",
        "advisor",
        "investor",
        "coach",
        "entrepreneur",
        "marketing",
        "hr",
        "hiring",
        "associate",
        "analyst",
        "principal",
        "strategist",
        "architect",
        "developer",
    }
)
_GREETINGS = ("hi ", "hi,", "hello", "hey", "dear ", "good morning", "good afternoon")


class _Kind(Enum):
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
class _Line:
    kind: _Kind
    raw: str
    name: str | None = None
    wide: bool = False  # NAME_STAMP: separated by two spaces, a tab or a bullet
    header: bool = False  # NAME resolved as a speaker header
    card: bool = False  # NAME resolved as a profile card (degree/presence/headline follows)
    stamped: bool = False  # NAME resolved because a time follows
    headline: bool = False  # TEXT that is the sender's headline under their name


@dataclass(slots=True)
class _Block:
    speaker: str | None
    lines: list[str] = field(default_factory=list)
    has_body: bool = False

    def add(self, line: str) -> None:
        self.lines.append(line)
        if line.strip():
            self.has_body = True


# ---------------------------------------------------------------------------------------------
# Single-line classification
# ---------------------------------------------------------------------------------------------


def _norm(line: str) -> str:
    """Lowercase, single-spaced, trailing ellipsis removed: the key for chrome lookups."""
    return _ELLIPSIS_RE.sub("", " ".join(line.lower().split())).strip()


def _is_symbol(ch: str) -> bool:
    """Emoji and their joiners/selectors (combining accents are letters' business, kept)."""
    return unicodedata.category(ch) in ("So", "Sk", "Me", "Cf") or ch in "\ufe0e\ufe0f"


def _is_emoji_line(line: str) -> bool:
    """A reaction line: emoji and counts only ("👍 2", "❤️", "👏1")."""
    symbol = False
    for ch in line:
        if ch.isspace() or ch.isdigit() or ch in "+×x":
            continue
        cat = unicodedata.category(ch)
        if cat in ("So", "Sk"):
            symbol = True
        elif cat not in ("Mn", "Me", "Cf"):
            return False
    return symbol


def _is_stamp(line: str) -> bool:
    key = " ".join(line.split())
    return 0 < len(key) <= 40 and _STAMP_RE.fullmatch(key) is not None


def _has_time(line: str) -> bool:
    """A stamp that carries a clock or relative time, not just a day ("10:42 AM", "2h")."""
    if _norm(line) in ("now", "just now"):
        return True
    return _is_stamp(line) and any(ch.isdigit() for ch in line)


def _is_degree(line: str) -> bool:
    key = " ".join(line.split())
    return len(key) <= 40 and _DEGREE_RE.fullmatch(key) is not None


def _clean_name(text: str) -> str | None:
    """The display name if `text` reads like one ("Anna Smith", "Anna Smith (She/Her)",
    "Dr. Anna Smith, MBA", "Anna Smith 🚀"), else None."""
    if len(text) > 120:
        return None
    if not text.isascii():
        text = "".join(ch for ch in text if not _is_symbol(ch))  # "Anna Smith 🚀"
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
    if tokens[0].lower() in _NOT_NAME_FIRST or tokens[0].lower().rstrip(":") in _NOT_NAME_FIRST:
        return None
    for i, token in enumerate(tokens):
        first = token[0]
        if not first.isalpha():
            return None
        if first.islower() and not (i > 0 and token in _NAME_PARTICLES):
            return None
        if not all(ch.isalpha() or ch in "'’.-" for ch in token):
            return None
    name = " ".join(tokens)
    if _norm(name) in _STRONG_CHROME or _norm(name) in _WEAK_CHROME:
        return None
    return name


def _looks_like_headline(line: str) -> bool:
    """ "Founder at Growthly | Helping SaaS teams scale", "Senior Recruiter @ Acme"."""
    text = line.strip()
    if not text or len(text) > _HEADLINE_MAX or text[-1] in ".!?,:;":
        return False
    low = text.lower()
    if low.startswith(_GREETINGS):
        return False
    if "|" in text or " @ " in text or " at " in low:
        return True
    first = low.split(maxsplit=1)[0].strip("-–—•·")
    return first in _ROLE_WORDS


def _classify(line: str) -> _Line:
    stripped = line.strip()
    if not stripped:
        return _Line(_Kind.BLANK, line)
    if len(stripped) > _SHORT:
        sent = _SENT_RE.search(stripped, 0, 200)
        if sent and 0 < sent.start() <= 80 and _clean_name(stripped[: sent.start()]):
            return _Line(_Kind.SENT, line, name=_clean_name(stripped[: sent.start()]))
        return _Line(_Kind.TEXT, line)
    key = _norm(stripped)
    if key in _STATUS or _PRESENCE_RE.fullmatch(key):
        return _Line(_Kind.PRESENCE, line)
    if key in _STRONG_CHROME or key.startswith("press enter to send"):
        return _Line(_Kind.CHROME, line)
    if _is_degree(stripped):
        # A bare "1st" could be a list item; "· 1st" and "1st degree" are LinkedIn's.
        strong = "degree" in key or stripped[0] in "•·"
        return _Line(_Kind.DEGREE if strong else _Kind.WEAK, line)
    if _is_stamp(stripped):
        return _Line(_Kind.STAMP, line)
    if (
        key in _WEAK_CHROME
        or key.startswith(_CHROME_PREFIXES)
        or key.endswith(_CHROME_SUFFIXES)
        or _is_emoji_line(stripped)
    ):
        return _Line(_Kind.WEAK, line)
    view = _VIEW_RE.fullmatch(" ".join(stripped.split()))
    if view:
        name = view.group("name")
        return _Line(_Kind.VIEW, line, name=_clean_name(name) if name else None)
    sent = _SENT_RE.search(stripped)
    if sent and _clean_name(stripped[: sent.start()]):
        return _Line(_Kind.SENT, line, name=_clean_name(stripped[: sent.start()]))
    parts = [p for p in _SPLIT_RE.split(stripped) if p]
    if len(parts) >= 2:
        name = _clean_name(parts[0])
        rest = parts[1:]
        if name and all(_is_stamp(p) or _is_degree(p) or _norm(p) in _WEAK_CHROME for p in rest):
            if any(_has_time(p) for p in rest):
                return _Line(_Kind.NAME_STAMP, line, name=name, wide=True)
            if any(_is_degree(p) for p in rest):
                return _Line(_Kind.NAME_DEGREE, line, name=name)
    degree = _DEGREE_SUFFIX_RE.fullmatch(stripped)
    if degree and _clean_name(degree.group("name")):
        return _Line(_Kind.NAME_DEGREE, line, name=_clean_name(degree.group("name")))
    timed = _TRAILING_TIME_RE.fullmatch(stripped)
    if timed and _clean_name(timed.group("name")):
        return _Line(_Kind.NAME_STAMP, line, name=_clean_name(timed.group("name")))
    name = _clean_name(stripped)
    if name:
        return _Line(_Kind.NAME, line, name=name)
    return _Line(_Kind.TEXT, line)


def _split_view_glue(line: str) -> list[str]:
    """Web copies sometimes glue "View Anna’s profile" to the next line: split it off."""
    low = line.lower()
    if not low.lstrip().startswith("view ") or len(line) > 200:
        return [line]
    at = low.find("profile")
    if at < 0:
        return [line]
    end = at + len("profile")
    head, tail = line[:end], line[end:]
    if tail.strip() and _VIEW_RE.fullmatch(" ".join(head.split())):
        return [head, tail]
    return [line]


# ---------------------------------------------------------------------------------------------
# Names
# ---------------------------------------------------------------------------------------------


def _same_person(a: str | None, b: str | None) -> bool:
    """ "Anna" and "Anna Smith" are the same speaker; so are different letter cases."""
    if not a or not b:
        return False
    ta, tb = a.casefold().split(), b.casefold().split()
    short, long_ = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    return long_[: len(short)] == short


def _fuller(a: str, b: str) -> str:
    return b if len(b.split()) > len(a.split()) else a


def _is_self(name: str | None) -> bool:
    return name is not None and name.casefold() in _SELF_NAMES


# ---------------------------------------------------------------------------------------------
# The parse
# ---------------------------------------------------------------------------------------------

_PROOF = (_Kind.CHROME, _Kind.DEGREE, _Kind.PRESENCE, _Kind.VIEW, _Kind.SENT, _Kind.NAME_DEGREE)
_NOISE = (_Kind.CHROME, _Kind.WEAK, _Kind.STAMP, _Kind.DEGREE, _Kind.PRESENCE)


def _resolve_names(lines: list[_Line]) -> None:
    """Decide which NAME lines are speaker headers, and mark headlines under them."""
    n = len(lines)
    nxt = [n] * (n + 1)  # index of the next non-blank line after i
    following = n
    for i in range(n - 1, -1, -1):
        nxt[i] = following
        if lines[i].kind is not _Kind.BLANK:
            following = i
    prev_kind: _Line | None = None
    for i, line in enumerate(lines):
        if line.kind is _Kind.NAME:
            j = nxt[i]
            after = lines[j] if j < n else None
            if after is not None:
                if after.kind is _Kind.STAMP:
                    line.header = line.stamped = True
                elif after.kind in (_Kind.DEGREE, _Kind.PRESENCE):
                    line.header = line.card = True
                elif after.kind in (_Kind.NAME_STAMP, _Kind.SENT, _Kind.NAME_DEGREE):
                    line.header = _same_person(line.name, after.name)
                elif after.kind is _Kind.VIEW:
                    line.header = True
                elif after.kind is _Kind.TEXT and _looks_like_headline(after.raw):
                    k = nxt[j]
                    beyond = lines[k] if k < n else None
                    if beyond is not None and beyond.kind in (
                        _Kind.STAMP,
                        _Kind.DEGREE,
                        _Kind.PRESENCE,
                        _Kind.CHROME,
                        _Kind.WEAK,
                    ):
                        line.header = line.card = True
                        after.headline = True
            if (
                not line.header
                and prev_kind is not None
                and prev_kind.kind is _Kind.VIEW
                and (prev_kind.name is None or _same_person(prev_kind.name, line.name))
            ):
                line.header = True
        if line.kind is not _Kind.BLANK:
            prev_kind = line


def _is_linkedin(lines: list[_Line]) -> bool:
    """True when the lines carry proof of a LinkedIn copy (see the module docstring)."""
    if any(line.kind in _PROOF for line in lines):
        return True
    if any(line.kind is _Kind.NAME and line.header and line.card for line in lines):
        return True
    # A "name, then time" header proves it only at the very top, or when it repeats.
    headers = 0
    at_top = True
    for line in lines:
        is_header = (line.kind is _Kind.NAME_STAMP and line.wide) or (
            line.kind is _Kind.NAME and line.stamped
        )
        if is_header:
            if at_top:
                return True
            headers += 1
            if headers >= 2:
                return True
        if line.kind in (_Kind.TEXT, _Kind.NAME_STAMP) or (
            line.kind is _Kind.NAME and not line.header
        ):
            at_top = False
    return False


def _blocks(lines: list[_Line]) -> tuple[list[_Block], list[str]]:
    """Group body lines under their speaker; return the blocks and the profile-card names."""
    blocks: list[_Block] = [_Block(None)]
    cards: list[str] = []
    card_zone = False  # just under a profile-card name: a headline may follow

    def header(name: str | None, *, card: bool = False) -> None:
        nonlocal card_zone
        current = blocks[-1]
        if current.has_body:
            blocks.append(_Block(name))
        elif name is not None:
            if current.speaker is not None and _same_person(current.speaker, name):
                current.speaker = _fuller(current.speaker, name)
            else:
                current.speaker = name
            current.lines.clear()
        if card and name is not None and name not in cards:
            cards.append(name)
        card_zone = card

    for line in lines:
        kind = line.kind
        if kind is _Kind.BLANK:
            blocks[-1].add("")
        elif kind in (_Kind.DEGREE, _Kind.PRESENCE):
            speaker = blocks[-1].speaker
            if speaker is not None and not blocks[-1].has_body:
                if speaker not in cards:
                    cards.append(speaker)
                card_zone = True
        elif kind in _NOISE:
            if kind is _Kind.STAMP:
                card_zone = False
        elif kind is _Kind.VIEW:
            header(line.name)
        elif kind in (_Kind.SENT, _Kind.NAME_STAMP):
            header(line.name)
            card_zone = False
        elif kind is _Kind.NAME_DEGREE:
            header(line.name, card=True)
        elif kind is _Kind.NAME and line.header:
            header(line.name, card=line.card)
        elif line.headline or (
            card_zone and not blocks[-1].has_body and _looks_like_headline(line.raw)
        ):
            card_zone = False
        else:
            blocks[-1].add(line.raw.rstrip())
            card_zone = False
    return blocks, cards


def _body(lines: list[str]) -> str:
    """Trim the block and collapse runs of blank lines to one."""
    out: list[str] = []
    for line in lines:
        if line.strip():
            out.append(line)
        elif out and out[-1]:
            out.append("")
    while out and not out[-1]:
        out.pop()
    return "\n".join(out)


def _pick_sender(blocks: list[_Block], cards: list[str]) -> str | None:
    """The other person: a profile-card name, else the first speaker who is not "You"."""
    speakers = [b.speaker for b in blocks if b.speaker and b.has_body and not _is_self(b.speaker)]
    for card in cards:
        if _is_self(card):
            continue
        for speaker in speakers:
            if _same_person(card, speaker):
                return speaker
    if speakers:
        return speakers[0]
    named = [c for c in cards if not _is_self(c)]
    return named[0] if len(named) == 1 else None


def parse_paste(text: str) -> Paste:
    """Find the sender and the message to answer in text copied from LinkedIn.

    Text with no LinkedIn markers comes back as `Paste(body=text.strip())`.
    """
    plain = Paste(body=text.strip())
    raw_lines: list[str] = []
    for line in text.splitlines():
        raw_lines.extend(_split_view_glue(line))
    lines = [_classify(line) for line in raw_lines]
    _resolve_names(lines)
    if not _is_linkedin(lines):
        return plain

    blocks, cards = _blocks(lines)
    sender = _pick_sender(blocks, cards)
    participants: list[str] = []
    seen: dict[str, list[str]] = {}  # first name -> spellings already listed
    for block in blocks:
        if block.speaker and block.has_body:
            same = seen.setdefault(block.speaker.casefold().split()[0], [])
            if not any(_same_person(block.speaker, p) for p in same):
                same.append(block.speaker)
                participants.append(block.speaker)

    if sender is None:
        chosen = [b for b in blocks if b.has_body]
    else:
        last = max(
            (i for i, b in enumerate(blocks) if b.has_body and _same_person(b.speaker, sender)),
            default=None,
        )
        if last is None:
            chosen = [b for b in blocks if b.has_body and not _is_self(b.speaker)]
        else:
            first = last
            while first > 0 and (
                not blocks[first - 1].has_body or _same_person(blocks[first - 1].speaker, sender)
            ):
                first -= 1
            chosen = [b for b in blocks[first : last + 1] if b.has_body]
        # The fullest spelling of the sender's name anywhere in the paste.
        for name in [*(b.speaker for b in blocks if b.speaker), *cards]:
            if _same_person(name, sender):
                sender = _fuller(sender, name)

    body = "\n\n".join(_body(b.lines) for b in chosen).strip()
    if not body or len(body) > len(plain.body):
        return plain
    return Paste(
        body=body,
        sender_name=sender,
        is_thread=True,
        participants=tuple(participants),
    )
