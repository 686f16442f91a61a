"""Which rules can match a message, found in one pass with RE2 instead of 160 `re` searches.

RE2 runs every rule's pattern at once in linear time, but its `\\w`, `\\d`, `\\s` and `\\b`
know ASCII only, where Python's `re` knows Unicode. So RE2 reads an ASCII copy of the text
and of the patterns, made with one character map that keeps each character's class: a
Unicode letter becomes an ASCII letter (its base letter where it has one, "ä" -> "a"), a
digit "0", a space " ", anything else "~". Every position keeps its word or non-word
nature, so wherever `re` matches the original, RE2 matches the copy; the copy can only add
false candidates, which `re` then rules out while finding the span to quote. Patterns RE2
cannot read (lookaheads) are always left to `re`.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

import re2

MAX_MEM = 64 << 20  # RE2's budget for the set's lazily built automaton
# re reads these as case variants of ASCII letters; NFKD alone would not say so.
_SPECIAL = {"ı": "i"}


class _AsciiMap(dict[int, str]):
    """str.translate table: each character's ASCII stand-in, worked out once per character."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        if ch.isspace():  # includes \v and \x1c-\x1f, which are \s to re but not to RE2
            out = " "
        elif code < 128:
            out = ch
        elif ch.isdecimal():
            out = "0"
        elif ch.isalnum():
            out = _SPECIAL.get(ch) or _base_letter(ch)
        else:
            out = "~"
        self[code] = out
        return out


def _base_letter(ch: str) -> str:
    base = unicodedata.normalize("NFKD", ch)[:1]
    return base if base.isascii() and base.isalpha() else "x"


_ASCII = _AsciiMap()


def ascii_copy(text: str) -> str:
    """text with every character replaced by its stand-in; the same length."""
    return text.translate(_ASCII)


def ascii_pattern(pattern: str) -> str:
    """The pattern RE2 runs on ascii_copy(text): literals mapped alike, \\Z spelt RE2's way."""
    return ascii_copy(pattern).replace(r"\Z", r"\z")


class Prefilter:
    """The rules, by index, that may match a text."""

    def __init__(self, patterns: Sequence[str]):
        options = re2.Options()
        options.case_sensitive = False
        options.max_mem = MAX_MEM
        self._set = re2.Set.SearchSet(options)
        self._always: list[int] = []
        self._indices: list[int] = []  # set member number -> rule index
        for index, pattern in enumerate(patterns):
            if "(?=" in pattern or "(?!" in pattern or "(?<" in pattern:
                self._always.append(index)
                continue
            self._set.Add(ascii_pattern(pattern))
            self._indices.append(index)
        self._set.Compile()

    def candidates(self, text: str) -> list[int]:
        """Rule indices worth a full `re` search, ascending."""
        members = self._set.Match(ascii_copy(text)) or ()
        return sorted([self._indices[m] for m in members] + self._always)
