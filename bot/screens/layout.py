"""Find the message to answer in the OCR lines of a LinkedIn screenshot.

`layout(lines, width, height)` takes the boxes OCR found (`bot.screens.ocr.OcrLine`) and
returns a `Screenshot`: the other person's name, the time of their message, and the body of their
last turn, with the UI chrome removed. It works on position and vocabulary:

1. **Frame.** The compose box ("Write a message…") marks the bottom of the conversation and,
   on the web, the left edge of the conversation pane: a column of lines entirely left of it,
   behind a clear vertical gutter, is the thread list. Everything at or below the compose
   box is the toolbar (Send, GIF, icons).
2. **Title.** The first name-like line near the top is the conversation's title: the
   sender. A phone's status bar ("9:41", "5G", "87%"), LinkedIn's navigation, "Messaging",
   day and time stamps and scraps such as the logo are passed over. Lines above the title
   are dropped, and so are the lines placed right under it, aligned or centred (headline,
   "Active now", "InMail"). A desktop screenshot cropped above the compose box has its
   thread list cut off at the gutter left of the title.
3. **Vocabulary.** Lines LinkedIn's UI produces are dropped wherever they are: buttons,
   "View profile", "Sponsored", "InMail", "Seen", reactions, presence, connection degrees,
   day separators and timestamps (`bot.screens.vocabulary`, shared with text pastes).
4. **Speakers.** If messages sit under "Name · 10:42 AM" headers (LinkedIn web, and the
   mobile app's list style), each block belongs to the header's name: the title's name is
   the sender, any other name ("You", the user's own) is the user. Otherwise the lines are
   chat bubbles: grouped by vertical gaps, timestamps and indentation, a bubble nearer the
   left edge is the sender's and one nearer the right edge is the user's.
5. **Body.** The sender's last turn (their consecutive blocks up to their last one) in
   reading order: wrapped lines joined with spaces, a short line whose successor's first
   word would have fit on it kept as a line break, a larger vertical gap kept as a paragraph.

Pure: no Telegram, no OCR import, no I/O. `bot.screens.screenshot` ties an OCR engine to it.
"""

from __future__ import annotations

import statistics
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from itertools import pairwise
from typing import TYPE_CHECKING

from bot.models import Incoming
from bot.screens.lines import (
    Kind,
    classify,
    is_chrome_text,
    is_split_header,
    same_person,
    split_header,
)
from bot.screens.vocabulary import (
    NAV,
    has_time,
    is_stamp,
    is_status_bar_text,
    looks_like_headline,
    screen_key,
)

if TYPE_CHECKING:
    from bot.screens.ocr import OcrLine

__all__ = ["Screenshot", "layout"]


@dataclass(frozen=True, slots=True)
class Screenshot:
    """What `layout` found.

    body: the sender's last turn, chrome removed ("" when nothing readable is left).
    sender_name: the other person's display name, when the screenshot shows it.
    time: their message's timestamp as shown ("10:42 AM", "Today"), when found.
    style: "headers" (messages under name headers: LinkedIn web), "bubbles" (chat bubbles:
        mobile) or "plain" (no conversation structure found).
    dropped: (text, reason) for every line left out, in reading order, for debugging.
    """

    body: str
    sender_name: str | None = None
    time: str | None = None
    style: str = "plain"
    dropped: tuple[tuple[str, str], ...] = field(default=())

    def incoming(self) -> Incoming:
        return Incoming(text=self.body, sender_name=self.sender_name, source="screenshot")


def _is_junk(line: OcrLine) -> bool:
    """Icons read as text: no letter or digit at all, or a low-confidence scrap."""
    text = line.text.strip()
    if not any(ch.isalnum() for ch in text):
        return True
    return len(text) <= 4 and line.score < 0.75


@dataclass(slots=True)
class _Item:
    """An OCR line as the layout sees it: its box, its text (merged with a header's time that
    OCR read as a separate box) and what it turned out to be."""

    line: OcrLine
    text: str
    kind: str = "text"  # text | stamp | header | card | chrome | status
    name: str | None = None
    time: str | None = None
    x0: int = field(init=False)
    y0: int = field(init=False)
    x1: int = field(init=False)
    y1: int = field(init=False)
    h: int = field(init=False)

    def __post_init__(self) -> None:
        line = self.line
        self.x0, self.y0, self.x1, self.y1, self.h = line.x0, line.y0, line.x1, line.y1, line.height


@dataclass(slots=True)
class _Block:
    items: list[_Item]
    speaker: str | None = None  # header name, or "them"/"me" for bubbles
    mine: bool = False
    time: str | None = None


class _Layout:
    def __init__(self, lines: list[OcrLine], width: int, height: int) -> None:
        self.width = max(1, width)
        self.height = max(1, height)
        self.dropped: list[tuple[OcrLine, str]] = []
        self.framed = False  # the compose box was found (and the thread list cut off)
        items: list[_Item] = []
        for line in sorted(lines, key=lambda ln: (ln.cy, ln.x0)):
            text = " ".join(line.text.split())
            if not text:
                continue
            if _is_junk(line):
                self.dropped.append((line, "icon"))
                continue
            items.append(_Item(line, text))
        self.items = items
        heights = [it.h for it in items] or [1]
        self.lh = max(1.0, statistics.median(heights))

    def drop(self, item: _Item, reason: str) -> None:
        self.dropped.append((item.line, reason))

    # -- 1. frame ----------------------------------------------------------------------------

    def frame(self) -> None:
        compose = next(
            (
                it
                for it in reversed(self.items)
                if screen_key(it.text).startswith("write a message")
            ),
            None,
        )
        if compose is None:
            return
        self.framed = True
        keep: list[_Item] = []
        for it in self.items:
            if it.y0 >= compose.y0 - self.lh * 0.25:
                self.drop(it, "compose box")
            else:
                keep.append(it)
        self.items = keep
        self.cut_thread_list(compose.x0)

    def cut_thread_list(self, pane_x0: int) -> None:
        """Drop the column of lines left of a clear vertical gutter left of `pane_x0`."""
        gutter = self._gutter_left_of(pane_x0)
        if gutter is not None:
            keep = []
            for it in self.items:
                if it.x1 <= gutter:
                    self.drop(it, "thread list")
                else:
                    keep.append(it)
            self.items = keep

    def _gutter_left_of(self, limit: int) -> int | None:
        """The x of a clear vertical gap left of `limit` with a column (≥ 3 lines) left of it."""
        top = self.height * 0.08  # the navigation bar may span the gutter
        spans = sorted((it.x0, it.x1) for it in self.items if it.y0 > top and it.x0 < limit)
        best = None
        reach = -1
        left_count = 0
        for x0, x1 in spans:
            if reach >= 0 and x0 - reach >= max(4.0, self.width * 0.01) and left_count >= 3:
                best = reach + (x0 - reach) // 2
            reach = max(reach, x1)
            left_count += 1
        if reach >= 0 and limit - reach >= max(4.0, self.width * 0.01) and left_count >= 3:
            best = reach + (limit - reach) // 2
        if best is None:
            return None
        column = [it for it in self.items if it.x1 <= best and it.y0 > top]
        return best if len(column) >= 3 else None

    # -- 2./3. classify and find the title ---------------------------------------------------

    def classify(self) -> None:
        top_band = self.height * 0.12
        merged: list[_Item] = []
        for it in self.items:
            prev = merged[-1] if merged else None
            if (
                prev is not None
                and self._same_row(prev, it)
                and is_split_header(prev.text, it.text)
            ):
                prev.text = f"{prev.text} · {it.text}"
                continue
            merged.append(it)
        self.items = merged
        portrait = self.height >= 1.4 * self.width
        status_band = self.height * 0.05
        for it in self.items:
            key = screen_key(it.text)
            header = split_header(it.text)
            if portrait and it.y1 <= status_band and is_status_bar_text(it.text):
                it.kind = "status"
            elif it.y1 <= top_band and key in NAV:
                it.kind = "chrome"
            elif header is not None:
                it.name, it.time, degree = header
                it.kind = "card" if degree and it.time is None else "header"
            elif is_stamp(it.text):
                it.kind = "stamp"
            elif is_chrome_text(it.text):
                it.kind = "chrome"
            else:
                kind = classify(it.text)
                it.kind = "text"
                it.name = kind.name if kind.kind is Kind.NAME else None

    def _same_row(self, a: _Item, b: _Item) -> bool:
        overlap = min(a.y1, b.y1) - max(a.y0, b.y0)
        return overlap >= 0.6 * min(a.h, b.h) and 0 <= b.x0 - a.x1 <= 4 * max(a.h, b.h)

    def title(self) -> str | None:
        """The conversation's title (the sender); drops what is above and right under it.

        The topmost name in the upper part of the screen, before the first message header:
        the status bar, navigation, chrome, stamps ("Tuesday", "10:42 AM") and scraps of a
        word or two that are not names (a logo, "5G") are passed over. A long line of text
        first means the screen starts mid-conversation: no title. A profile card
        ("Anna Smith · 1st") is the title when the header is not on screen.
        """
        limit = self.height * 0.3
        title: _Item | None = None
        for it in self.items:
            if it.y0 > limit or it.kind == "header":
                break
            if it.kind in ("chrome", "stamp", "status"):
                continue
            if it.kind in ("text", "card") and it.name is not None:
                title = it
                break
            if len(it.text.split()) > 3:
                break
        if title is None:
            for it in self.items:
                if it.kind == "status":
                    self.drop(it, "status bar")
            self.items = [it for it in self.items if it.kind != "status"]
            return None
        keep: list[_Item] = []
        below = title.y1 + 1.5 * title.h
        for it in self.items:
            if it is title:
                self.drop(it, "title")
            elif it.kind == "status":
                self.drop(it, "status bar")
            elif it.y1 <= title.y0 + title.h * 0.3:
                self.drop(it, "above the title")
            elif it.y0 <= below and it.kind != "header" and self._under(title, it):
                self.drop(it, "title subtitle")
            else:
                keep.append(it)
        self.items = keep
        if not self.framed and self.width > self.height:
            # A desktop screenshot cropped above the compose box: the title starts the pane.
            self.cut_thread_list(title.x0)
        return title.name

    @staticmethod
    def _under(title: _Item, it: _Item) -> bool:
        """`it` is placed as the title's subtitle: aligned with it, or centred under it."""
        return it.x0 >= title.x0 - title.h or min(it.x1, title.x1) > max(it.x0, title.x0)

    # -- 4. speakers -------------------------------------------------------------------------

    def header_blocks(self) -> list[_Block]:
        blocks: list[_Block] = []
        for it in self.items:
            if it.kind == "header" and it.time is not None:
                blocks.append(_Block([], speaker=it.name, time=it.time))
                self.drop(it, "message header")
            elif it.kind in ("chrome", "stamp", "card"):
                self.drop(it, it.kind)
            elif not blocks:
                self.drop(it, "before the first message")  # profile card, headline
            else:
                blocks[-1].items.append(it)
        return [b for b in blocks if b.items]

    def bubble_blocks(self, sender: str | None) -> list[_Block]:
        blocks: list[_Block] = []
        current: list[_Item] = []
        times: dict[int, str] = {}  # block index -> a stamp right under it
        card_bottom: float | None = None  # the last line of a profile card, while it goes on
        for it in self.items:
            if it.kind == "card":
                self.drop(it, "profile card")
                card_bottom = it.y1
                continue
            # The card's headline, wrapped over lines close under one another.
            if (
                card_bottom is not None
                and it.kind == "text"
                and (it.y0 - card_bottom <= 0.9 * self.lh or looks_like_headline(it.text))
            ):
                self.drop(it, "profile card")
                card_bottom = it.y1
                continue
            card_bottom = None
            if sender and it.kind == "text" and it.name and it.name.casefold() == sender.casefold():
                self.drop(it, "sender's name")
                continue
            if it.kind in ("chrome", "stamp", "header"):
                if it.kind == "stamp":
                    if current:
                        blocks.append(_Block(current))
                        current = []
                    if blocks and len(blocks) - 1 not in times and has_time(it.text):
                        times[len(blocks) - 1] = it.text
                self.drop(it, it.kind)
                continue
            if current and self._new_bubble(current[-1], it):
                blocks.append(_Block(current))
                current = []
            current.append(it)
        if current:
            blocks.append(_Block(current))
        for i, block in enumerate(blocks):
            left = min(it.x0 for it in block.items)
            right = self.width - max(it.x1 for it in block.items)
            block.mine = left > right and left > self.width * 0.12
            block.speaker = "me" if block.mine else "them"
            block.time = times.get(i)
        return blocks

    def _new_bubble(self, prev: _Item, it: _Item) -> bool:
        gap = it.y0 - prev.y1
        if gap > 1.9 * self.lh:
            return True
        return abs(it.x0 - prev.x0) > 1.5 * self.lh


def _line_gap(blocks: list[_Block], lh: float) -> float:
    """The usual vertical gap between two wrapped lines of one paragraph (often ~0)."""
    gaps = []
    for block in blocks:
        items = sorted(block.items, key=lambda it: (it.y0, it.x0))
        gaps.extend(b.y0 - a.y1 for a, b in pairwise(items))
    if not gaps:
        return 0.0
    gaps.sort()
    return min(gaps[len(gaps) // 4], 0.15 * lh)


def _paragraphs(items: list[_Item], lh: float, line_gap: float) -> str:
    """Reflow a block's lines: soft wraps joined, hard breaks and paragraph gaps kept."""
    items = sorted(items, key=lambda it: (it.y0, it.x0))
    right = max(it.x1 for it in items)
    out = items[0].text
    for prev, it in pairwise(items):
        if it.y0 - prev.y1 > line_gap + 0.4 * lh:
            out += "\n\n" + it.text
            continue
        first = it.text.split()[0]
        char_w = (prev.x1 - prev.x0) / max(1, len(prev.text))
        if prev.text.endswith("-") and prev.text[-2:-1].isalnum() and first[:1].islower():
            out += it.text  # "15-" + "minute": the line broke after a hyphen
        elif right - prev.x1 > (len(first) + 1.5) * char_w:
            out += "\n" + it.text  # the next word would have fitted: the author broke the line
        else:
            out += " " + it.text
    return out


def layout(lines: list[OcrLine], width: int, height: int) -> Screenshot:
    """Find the sender, the time and the message body in a screenshot's OCR lines."""
    state = _Layout(lines, width, height)
    state.frame()
    state.classify()
    title = state.title()

    headers = [it for it in state.items if it.kind == "header" and it.time is not None]
    spellings = [title] if title else []
    spellings += [it.name for it in state.items if it.kind == "card" and it.name]
    if headers:
        style = "headers"
        blocks = state.header_blocks()
        speakers = [b.speaker for b in blocks if b.speaker]
        sender = title
        if sender is None or not any(_same_name(sender, s) for s in speakers):
            others = [s for s in speakers if s and s.casefold() not in ("you", "me")]
            sender = others[0] if others else title
        for block in blocks:
            block.mine = not _same_name(block.speaker, sender)
        spellings += speakers
    else:
        style = "bubbles" if state.items else "plain"
        blocks = state.bubble_blocks(title)
        sender = title
    sender = _best_spelling(sender, spellings)

    theirs = [i for i, b in enumerate(blocks) if not b.mine]
    chosen: list[_Block] = []
    if theirs:
        last = theirs[-1]
        first = last
        while first > 0 and not blocks[first - 1].mine:
            first -= 1
        chosen = blocks[first : last + 1]
    for block in blocks:
        if block not in chosen:
            for it in block.items:
                state.drop(it, "user's own message" if block.mine else "earlier message")

    line_gap = _line_gap(blocks, state.lh)
    body = "\n\n".join(_paragraphs(b.items, state.lh, line_gap) for b in chosen).strip()
    time = next((b.time for b in reversed(chosen) if b.time), None)
    if time is None and chosen and style == "bubbles":
        time = _stamp_above(state, chosen[0])
    dropped = tuple(
        (line.text, reason) for line, reason in sorted(state.dropped, key=lambda d: d[0].cy)
    )
    return Screenshot(body=body, sender_name=sender, time=time, style=style, dropped=dropped)


def _fold(name: str) -> str:
    """Accents off, case folded: OCR reads "Rossi" as "Rossì" now and then."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def _same_name(a: str | None, b: str | None) -> bool:
    return a is not None and b is not None and same_person(_fold(a), _fold(b))


def _best_spelling(sender: str | None, spellings: list[str]) -> str | None:
    """The sender's name as the screen shows it most often (title, card, headers); on a tie,
    the fullest spelling, then the earliest."""
    if sender is None:
        return None
    same = [name for name in spellings if _same_name(name, sender)] or [sender]
    counts = Counter(same)
    return max(same, key=lambda name: (counts[name], len(name.split()), -same.index(name)))


def _stamp_above(state: _Layout, block: _Block) -> str | None:
    """The nearest timestamp or day separator above a bubble ("Today", "10:42 AM")."""
    top = min(it.y0 for it in block.items)
    above = [line for line, reason in state.dropped if reason == "stamp" and line.y1 <= top]
    if not above:
        return None
    return " ".join(max(above, key=lambda line: line.y1).text.split())
