"""People's names in free text: one cleaner for every layer that greets someone, and the
"From: Name" line a user puts above a corrected text."""

from __future__ import annotations

import re

MAX_NAME_CHARS = 30
# Words that stand where a name would ("Hi team", "Dear hiring manager") but are not one.
NOT_NAMES = frozenset(
    "there team all everyone sir madam friend friends hiring recruiter recruiting admin "  # noqa: SIM905
    "support info sales hello hi hey dear none null unknown user linkedin".split()
)
_NAME = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
MAX_FROM_CHARS = 80  # a display name, perhaps with a company in brackets
_FROM_LINE = re.compile(r"(?:from|sender)[ \t]*:[ \t]*(\S[^\n]*)", re.IGNORECASE)


def first_name(value: str | None) -> str | None:
    """The first word of value if it reads as a first name, else None ("anna smith" -> "Anna")."""
    if not value or not value.strip():
        return None
    first = value.split()[0]
    match = _NAME.fullmatch(first.strip(".,;:!?\"'()"))
    if not match or len(first) > MAX_NAME_CHARS or len(match.group()) < 2:
        return None
    name = match.group()
    if name.casefold() in NOT_NAMES:
        return None
    return name[0].upper() + name[1:] if name.islower() else name


def from_line(text: str) -> tuple[str | None, str]:
    """("Anna Smith", rest) for a text whose first line is "From: Anna Smith", else
    (None, text). A text that is only that line gives ("Anna Smith", "")."""
    first, _, rest = text.strip().partition("\n")
    match = _FROM_LINE.fullmatch(first.strip())
    if match is None or len(match.group(1).strip()) > MAX_FROM_CHARS:
        return None, text.strip()
    return match.group(1).strip(), rest.strip()
