"""Telegram's HTML parse mode, as strict as the Bot API: both fakes read message text with it.

`plain_text(html)` returns the text Telegram would store, or raises `EntityError` with the
words Telegram uses ("Bad Request: can't parse entities: ...") for what it refuses:
- a tag outside the supported set (https://core.telegram.org/bots/api#html-style), or an
  attribute it does not know (`<blockquote expandable>`, `<a href>`, `<span class="tg-spoiler">`,
  `<code class="language-…">` inside `<pre>`, `<tg-emoji emoji-id>`);
- a tag closed out of order or never closed, a closing tag never opened;
- a blockquote inside a blockquote, or any tag inside `<code>` or `<pre>` (but the language
  `<code>` of a `<pre>`);
- a named entity other than &lt; &gt; &amp; &quot;, or a stray "<".
"""

from __future__ import annotations

import html
from html.parser import HTMLParser

__all__ = ["EntityError", "plain_text"]

_ATTRIBUTES: dict[str, set[str]] = {
    "b": set(),
    "strong": set(),
    "i": set(),
    "em": set(),
    "u": set(),
    "ins": set(),
    "s": set(),
    "strike": set(),
    "del": set(),
    "tg-spoiler": set(),
    "span": {"class"},
    "a": {"href"},
    "tg-emoji": {"emoji-id"},
    "code": {"class"},
    "pre": set(),
    "blockquote": {"expandable"},
}
_NAMED_ENTITIES = {"lt", "gt", "amp", "quot"}


class EntityError(ValueError):
    pass


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.open: list[str] = []
        self.text: list[str] = []

    def fail(self, why: str) -> None:
        raise EntityError(f"Bad Request: can't parse entities: {why}")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _ATTRIBUTES:
            self.fail(f"unsupported start tag {tag!r}")
        for name, value in attrs:
            if name not in _ATTRIBUTES[tag]:
                self.fail(f"unsupported attribute {name!r} of tag {tag!r}")
            if tag == "span" and value != "tg-spoiler":
                self.fail("span needs class tg-spoiler")
        if tag == "a" and not dict(attrs).get("href"):
            self.fail("a link needs its href")
        inside = self.open[-1] if self.open else None
        if inside == "code" or (inside == "pre" and tag != "code"):
            self.fail(f"tag {tag!r} inside {inside!r}")
        if tag == "blockquote" and "blockquote" in self.open:
            self.fail("blockquote inside a blockquote")
        self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.fail(f"self-closing tag {tag!r}")

    def handle_endtag(self, tag: str) -> None:
        if not self.open or self.open[-1] != tag:
            self.fail(f"unmatched end tag {tag!r}")
        self.open.pop()

    def handle_data(self, data: str) -> None:
        if "<" in data:
            self.fail("a stray '<' (escape it as &lt;)")
        self.text.append(data)

    def handle_entityref(self, name: str) -> None:
        if name not in _NAMED_ENTITIES:
            self.fail(f"unsupported entity &{name};")
        self.text.append(html.unescape(f"&{name};"))

    def handle_charref(self, name: str) -> None:
        self.text.append(html.unescape(f"&#{name};"))

    def handle_comment(self, data: str) -> None:
        self.fail("a comment")

    def unknown_decl(self, data: str) -> None:
        self.fail("a declaration")


def plain_text(markup: str) -> str:
    """The text Telegram keeps of an HTML-mode message; raises EntityError if it refuses it."""
    parser = _Parser()
    parser.feed(markup)
    parser.close()
    if parser.open:
        parser.fail(f"tag {parser.open[-1]!r} is never closed")
    if parser.rawdata:  # a "<" the parser could not read as a tag
        parser.fail("a stray '<' (escape it as &lt;)")
    return "".join(parser.text)
