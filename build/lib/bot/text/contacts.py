"""Links, e-mail addresses, phone numbers and @handles in free text: one set of patterns.

Used wherever the bot must notice or remove contact details: intake (a message that is only
a link), language detection (links are not words), settings (no links in a signature while
links are off), the offline drafts (slots never carry contacts) and the LLM output check.

Every pattern is linear. A lookbehind lets a match start only where a run of its characters
starts, so a long run that never completes (50,000 letters, "a.a.a…", "@@@…") is read once,
not once per position.
"""

from __future__ import annotations

import re

# Top-level domains a bare "name.tld" must end with to count as a link. A short list on
# purpose: "node.js" or "file.py" in a sentence are not links.
TLDS = (
    "com|net|org|edu|gov|io|ai|co|ly|me|app|dev|xyz|info|biz|gg|to|us|uk|de|fr|ru|in|eu"
    "|link|site|online|store|tech|page"
)
LINK = re.compile(
    r"(?<![\w+.-])[a-z][a-z0-9+.-]*://\S+"  # any scheme: https://, ftp://, tg://
    r"|(?<![\w.-])www\.\S+"
    # name.tld and sub.name.tld/path, starting where the dotted run starts ("a.b.c", not "b.c")
    rf"|(?<![\w-])(?<![\w-]\.)(?:[\w-]+\.)+(?:{TLDS})\b(?:[/?#:]\S*)?",
    re.IGNORECASE,
)
EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
PHONE = re.compile(r"\+?\d[\d ().-]{6,}\d")
HANDLE = re.compile(r"(?<!\w)@\w+")
# E-mail first, so "anna@acme.com" is one match and not a link inside an address.
CONTACT = re.compile("|".join(f"(?:{p.pattern})" for p in (EMAIL, LINK, PHONE)), re.IGNORECASE)
# What every contact detail contains somewhere: an "@", "://", "www.", a dot before a known
# TLD, or a phone's run of digits. Checking this first is cheaper than CONTACT, and most
# messages hold no contact detail at all. Each pattern starts with a fixed character, which
# `re` can skip to directly.
_DOT_TLD = re.compile(rf"\.(?i:{TLDS})\b")
_DIGIT_RUN = re.compile(r"\d[\d ().-]{6,}\d")  # PHONE without its optional "+"


def _may_hold_contact(text: str) -> bool:
    return (
        "@" in text
        or "://" in text
        or "www." in text.lower()
        or _DOT_TLD.search(text) is not None
        or _DIGIT_RUN.search(text) is not None
    )


# Names of technologies that read like domains: never links.
NOT_LINKS = frozenset({"asp.net", "vb.net", "ado.net"})


def find_all(text: str, *, phones: bool = True) -> list[str]:
    """Every link and e-mail address in text, in order; phone numbers too unless phones=False
    (a phone number is contact data, but not a link)."""
    if not _may_hold_contact(text):
        return []
    return [m.group() for m in CONTACT.finditer(text) if _counts(m, phones)]


def first(text: str, *, phones: bool = True) -> str | None:
    """The first contact detail in text (see find_all), or None."""
    found = find_all(text, phones=phones)
    return found[0] if found else None


def contains(text: str, *, phones: bool = True) -> bool:
    return first(text, phones=phones) is not None


def replace(text: str, repl: str = "", *, phones: bool = True) -> str:
    """text with every contact detail (see find_all) replaced by repl."""
    if not _may_hold_contact(text):
        return text
    return CONTACT.sub(lambda m: repl if _counts(m, phones) else m.group(), text)


def is_link(token: str) -> bool:
    """True when the whole token (no spaces) is a link: "https://…", "www.…", "lnkd.in/x"."""
    m = LINK.fullmatch(token)
    return m is not None and _counts(m, phones=False)


def _counts(m: re.Match[str], phones: bool) -> bool:
    if PHONE.fullmatch(m.group()):
        return phones
    return m.group().casefold() not in NOT_LINKS
