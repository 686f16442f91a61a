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

Pure string processing: no Telegram, no I/O. Lines are classified one at a time
(`bot.screens.lines`), so parsing is linear in the size of the paste.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.screens.lines import Kind, Line, classify, same_person
from bot.screens.vocabulary import SELF_NAMES, VIEW_RE, looks_like_headline

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


@dataclass(slots=True)
class _Block:
    speaker: str | None
    lines: list[str] = field(default_factory=list)
    has_body: bool = False

    def add(self, line: str) -> None:
        self.lines.append(line)
        if line.strip():
            self.has_body = True


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
    if tail.strip() and VIEW_RE.fullmatch(" ".join(head.split())):
        return [head, tail]
    return [line]


def _fuller(a: str, b: str) -> str:
    return b if len(b.split()) > len(a.split()) else a


def _is_self(name: str | None) -> bool:
    return name is not None and name.casefold() in SELF_NAMES


_PROOF = (Kind.CHROME, Kind.DEGREE, Kind.PRESENCE, Kind.VIEW, Kind.SENT, Kind.NAME_DEGREE)
_NOISE = (Kind.CHROME, Kind.WEAK, Kind.STAMP, Kind.DEGREE, Kind.PRESENCE)


def _resolve_names(lines: list[Line]) -> None:
    """Decide which NAME lines are speaker headers, and mark headlines under them."""
    n = len(lines)
    nxt = [n] * (n + 1)  # index of the next non-blank line after i
    following = n
    for i in range(n - 1, -1, -1):
        nxt[i] = following
        if lines[i].kind is not Kind.BLANK:
            following = i
    prev_kind: Line | None = None
    for i, line in enumerate(lines):
        if line.kind is Kind.NAME:
            j = nxt[i]
            after = lines[j] if j < n else None
            if after is not None:
                if after.kind is Kind.STAMP:
                    line.header = line.stamped = True
                elif after.kind in (Kind.DEGREE, Kind.PRESENCE):
                    line.header = line.card = True
                elif after.kind in (Kind.NAME_STAMP, Kind.SENT, Kind.NAME_DEGREE):
                    line.header = same_person(line.name, after.name)
                elif after.kind is Kind.VIEW:
                    line.header = True
                elif after.kind is Kind.TEXT and looks_like_headline(after.raw):
                    k = nxt[j]
                    beyond = lines[k] if k < n else None
                    if beyond is not None and beyond.kind in (
                        Kind.STAMP,
                        Kind.DEGREE,
                        Kind.PRESENCE,
                        Kind.CHROME,
                        Kind.WEAK,
                    ):
                        line.header = line.card = True
                        after.headline = True
            if (
                not line.header
                and prev_kind is not None
                and prev_kind.kind is Kind.VIEW
                and (prev_kind.name is None or same_person(prev_kind.name, line.name))
            ):
                line.header = True
        if line.kind is not Kind.BLANK:
            prev_kind = line


def _is_linkedin(lines: list[Line]) -> bool:
    """True when the lines carry proof of a LinkedIn copy (see the module docstring)."""
    if any(line.kind in _PROOF for line in lines):
        return True
    if any(line.kind is Kind.NAME and line.header and line.card for line in lines):
        return True
    # A "name, then time" header proves it only at the very top, or when it repeats.
    headers = 0
    at_top = True
    for line in lines:
        is_header = (line.kind is Kind.NAME_STAMP and line.wide) or (
            line.kind is Kind.NAME and line.stamped
        )
        if is_header:
            if at_top:
                return True
            headers += 1
            if headers >= 2:
                return True
        if line.kind in (Kind.TEXT, Kind.NAME_STAMP) or (
            line.kind is Kind.NAME and not line.header
        ):
            at_top = False
    return False


def _blocks(lines: list[Line]) -> tuple[list[_Block], list[str]]:
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
            if current.speaker is not None and same_person(current.speaker, name):
                current.speaker = _fuller(current.speaker, name)
            else:
                current.speaker = name
            current.lines.clear()
        if card and name is not None and name not in cards:
            cards.append(name)
        card_zone = card

    for line in lines:
        kind = line.kind
        if kind is Kind.BLANK:
            blocks[-1].add("")
        elif kind in (Kind.DEGREE, Kind.PRESENCE):
            speaker = blocks[-1].speaker
            if speaker is not None and not blocks[-1].has_body:
                if speaker not in cards:
                    cards.append(speaker)
                card_zone = True
        elif kind in _NOISE:
            if kind is Kind.STAMP:
                card_zone = False
        elif kind is Kind.VIEW:
            header(line.name)
        elif kind in (Kind.SENT, Kind.NAME_STAMP):
            header(line.name)
            card_zone = False
        elif kind is Kind.NAME_DEGREE:
            header(line.name, card=True)
        elif kind is Kind.NAME and line.header:
            header(line.name, card=line.card)
        elif line.headline or (
            card_zone and not blocks[-1].has_body and looks_like_headline(line.raw)
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
            if same_person(card, speaker):
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
    # A line's kind depends on its text alone, so a repeated line (blank lines, "Seen", a
    # flood of "Best,") is classified once; each gets its own Line for the flags set later.
    kinds: dict[str, Line] = {}
    lines = []
    for raw in raw_lines:
        known = kinds.get(raw)
        if known is None:
            known = kinds[raw] = classify(raw)
        lines.append(Line(known.kind, raw, known.name, known.wide))
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
            if not any(same_person(block.speaker, p) for p in same):
                same.append(block.speaker)
                participants.append(block.speaker)

    if sender is None:
        chosen = [b for b in blocks if b.has_body]
    else:
        last = max(
            (i for i, b in enumerate(blocks) if b.has_body and same_person(b.speaker, sender)),
            default=None,
        )
        if last is None:
            chosen = [b for b in blocks if b.has_body and not _is_self(b.speaker)]
        else:
            first = last
            while first > 0 and (
                not blocks[first - 1].has_body or same_person(blocks[first - 1].speaker, sender)
            ):
                first -= 1
            chosen = [b for b in blocks[first : last + 1] if b.has_body]
        # The fullest spelling of the sender's name anywhere in the paste.
        for name in [*(b.speaker for b in blocks if b.speaker), *cards]:
            if same_person(name, sender):
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
