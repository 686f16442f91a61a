"""The words and patterns of LinkedIn's messaging UI, shared by text pastes and screenshots.

Day separators and times ("TODAY", "Jan 5", "10:42 AM", "2h ago"), connection degrees
("· 1st"), presence ("Active now", "Mobile • 2h ago"), buttons and other chrome ("Seen",
"Write a message…"), the words that open sentences rather than names, and the words of a
headline ("Founder at Growthly"). Plus the cheap single-string tests built on them.

Every pattern is anchored or a plain search without nested repetition, and the callers run
the unbounded ones on one line of bounded length, so matching stays linear.
"""

from __future__ import annotations

import re
import unicodedata

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
# "12/03/2024", "10:42 AM", "2h ago". Never empty (is_stamp wants a line), so a search over
# long text does not yield an empty match at every position.
_STAMP_RE = re.compile(
    rf"(?:{_DAY}|{_DATE})(?: ?[,•·] ?| at | )?(?:{_TIME}|{_RELATIVE})?|{_TIME}|{_RELATIVE}",
    re.IGNORECASE,
)
# Connection degree: "1st", "· 2nd", "3rd+ degree connection", "1st degree connection".
_DEGREE_RE = re.compile(r"(?:[•·] ?)?(?:1st|2nd|3rd\+?)(?: degree(?: connection)?)?", re.IGNORECASE)
# "Mobile • 2h ago", "Web • Active now", "Active 5m ago".
PRESENCE_RE = re.compile(
    rf"(?:(?:mobile|web|desktop) ?[•·] ?(?:active )?(?:{_RELATIVE}|active now|online)"
    rf"|active {_RELATIVE})",
    re.IGNORECASE,
)
VIEW_RE = re.compile(r"view (?:(?P<name>.{1,80}?)['’]s? )?(?:full )?profile", re.IGNORECASE)
SENT_RE = re.compile(r" sent the following messages? at ", re.IGNORECASE)
# "Anna Smith  10:42 AM", "Anna Smith • 10:42 AM", "Anna Smith · 1st": name, separator, rest.
SPLIT_RE = re.compile(r"\t+| {2,}| ?[•·] ?")
# What ends "Anna Smith · 1st" and "Anna Smith 10:42 AM"; the name is what comes before.
# Suffixes anchored at the end, not "(?P<name>.+?)...": every attempt is bounded, so even a
# search stays linear.
DEGREE_SUFFIX_RE = re.compile(
    r"(?: ?[•·] ?(?:1st|2nd|3rd\+?)(?: degree(?: connection)?)?"
    r"| (?:1st|2nd|3rd\+?) degree(?: connection)?)\Z",
    re.IGNORECASE,
)
TRAILING_TIME_RE = re.compile(rf" {_TIME}\Z", re.IGNORECASE)
_ELLIPSIS_RE = re.compile(r"(?:…|\.\.\.)$")

# Whole lines that only LinkedIn's UI produces (lowercase, trailing "…"/"..." removed).
STRONG_CHROME = frozenset(
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
STATUS = frozenset(
    f"status is {word}" for word in ("online", "offline", "away", "busy", "reachable", "active")
)
# Whole lines that are chrome inside a LinkedIn copy, but could also be ordinary words.
WEAK_CHROME = frozenset(
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
CHROME_PREFIXES = (
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
CHROME_SUFFIXES = (" is typing", " is typing…", " is typing...", " reacted with")

# Capitalised words that open ordinary sentences, never a display name on its own line.
NOT_NAME_FIRST = frozenset(
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
NAME_PARTICLES = frozenset(
    {"van", "von", "de", "der", "den", "da", "di", "du", "la", "le", "del", "bin", "al", "y"}
)
SELF_NAMES = frozenset({"you", "me"})
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

# ---------------------------------------------------------------------------------------------
# On screenshots only
# ---------------------------------------------------------------------------------------------

# LinkedIn's global navigation and the thread list's controls; chrome in the top band.
NAV = frozenset(
    {
        "search",
        "home",
        "my network",
        "jobs",
        "messaging",
        "notifications",
        "me",
        "for business",
        "learning",
        "post",
        "try premium for free",
        "try premium for $0",
        "reactivate premium",
    }
)
# Whole lines that are UI on a screen, wherever they are.
SCREEN_CHROME = frozenset(
    {
        "messaging",  # the pane's own title, never a person
        "search messages",
        "focused",
        "unread",
        "my connections",
        "other",
        "archived",
        "starred",
        "spam",
        "for business",
        "my network",
        "notifications",
        "drafts",
        "sent",
        "type a message",
        "write a reply",
        "aa",
        "compose message",
        "new message",
        "manage conversation",
        "mark as unread",
        "mute conversation",
        "delete conversation",
        "view profile",
        "view full profile",
        "sponsored",
        "promoted",
        "inmail",
        "sponsored inmail",
        "verified",
        "premium",
        "open to work",
        "hiring",
    }
)
# A phone's status bar: the clock, network, signal and battery ("9:41", "5G", "87%", "LTE"),
# and what OCR makes of the signal bars next to them (".5G", "ull 5G"). A whole line of these.
_STATUS_TOKEN_RE = re.compile(
    r"\d{1,2}[:.]\d{2}|\d{1,3}%?|[2-5]g\+?|5ge|lte\+?|volte|wi-?fi|h\+|[a-z]{1,2}|ull|ill",
    re.IGNORECASE,
)


_NETWORKS = frozenset({"lte", "lte+", "volte", "wifi", "wi-fi", "h+", "e"})


def is_status_bar_text(text: str) -> bool:
    """Every word of `text` could be a status bar item ("9:41", ".5G 87", "87%")."""
    words = [w.strip(".,:;·•'\"`|!()[]-–—_~*") for w in text.split()]
    words = [w for w in words if w]
    if not 0 < len(words) <= 6 or not all(_STATUS_TOKEN_RE.fullmatch(w) for w in words):
        return False
    # A clock, a percentage or a network: "Jo Li", a short name, is not a status bar.
    return any(any(ch.isdigit() for ch in w) or w.lower() in _NETWORKS for w in words)


# Between the parts of "InMail · Active now", "Seen · 10:42 AM" (the parts are stripped after:
# "\s*[·•|]\s*" would rescan a run of whitespace from every position in it).
SCREEN_SPLIT_RE = re.compile(r"[·•|]| {2,}")
# What OCR puts between a name and the time glued to it ("Rahul Mehta -9:14 AM").
SEPARATORS = " \t·•.-–—|,:;"
# A connection degree opening what follows a name ("1st · Yesterday").
DEGREE_HEAD_RE = re.compile(
    r"(?:1st|2nd|3rd\+?)(?: degree(?: connection)?)?[\s·•.\-–|,]*", re.IGNORECASE
)


# ---------------------------------------------------------------------------------------------
# Single-string tests
# ---------------------------------------------------------------------------------------------


def norm(line: str) -> str:
    """Lowercase, single-spaced, trailing ellipsis removed: the key for chrome lookups."""
    return _ELLIPSIS_RE.sub("", " ".join(line.lower().split())).strip()


def is_symbol(ch: str) -> bool:
    """Emoji and their joiners/selectors (combining accents are letters' business, kept)."""
    return unicodedata.category(ch) in ("So", "Sk", "Me", "Cf") or ch in "\ufe0e\ufe0f"


def is_emoji_line(line: str) -> bool:
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


def is_stamp(line: str) -> bool:
    key = " ".join(line.split())
    return 0 < len(key) <= 40 and _STAMP_RE.fullmatch(key) is not None


def has_time(line: str) -> bool:
    """A stamp that carries a clock or relative time, not just a day ("10:42 AM", "2h")."""
    if norm(line) in ("now", "just now"):
        return True
    return is_stamp(line) and any(ch.isdigit() for ch in line)


def is_degree(line: str) -> bool:
    key = " ".join(line.split())
    return len(key) <= 40 and _DEGREE_RE.fullmatch(key) is not None


def screen_key(text: str) -> str:
    """Lowercase, single-spaced, without trailing dots/ellipsis (OCR reads "…" as "...")."""
    return " ".join(text.lower().split()).rstrip(".…").strip()


def looks_like_headline(line: str) -> bool:
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
