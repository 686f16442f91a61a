"""Which rules can match a message: a few linear RE2 passes instead of 160 `re` searches.

RE2 runs a whole set of patterns at once in linear time, but its `\\w`, `\\d`, `\\s` and `\\b`
know ASCII only, where Python's `re` knows Unicode. So RE2 reads an ASCII copy of the text
and of the patterns, made with one character map that keeps each character's class: a
Unicode letter becomes an ASCII letter (its base letter where it has one, "ä" -> "a"), a
digit "0", a space " ", anything else "~". Every position keeps its word or non-word
nature, so wherever `re` matches the original, RE2 matches the copy; the copy can only add
false candidates, which `re` then rules out while finding the span to quote. Patterns RE2
cannot read (lookaheads) are always left to `re`.

The patterns go into RE2 sets of GROUP each, not one set. RE2 builds a set's automaton lazily
and keeps every state it built up to its memory budget: one set of all the rules, on a budget
of 64 MB, grew by some 14 KiB with each new message and held about 50 MB after a few thousand.
Ten patterns make far fewer states, so sixteen small sets hold about 12 MB in all, can never
pass GROUP_MEM each, and read a message as fast (`python bench/memory.py`).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

import re2

GROUP = 10  # patterns per RE2 set
GROUP_MEM = 2 << 20  # RE2's budget per set: the program and its lazily built automaton
# Characters whose stand-in is remembered; any more (a flood of distinct CJK or symbols) are
# worked out each time, so the table cannot grow without bound.
_MAP_LIMIT = 1 << 14
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
        if len(self) < _MAP_LIMIT:
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
        options.max_mem = GROUP_MEM
        self._always: list[int] = []
        searchable: list[int] = []
        for index, pattern in enumerate(patterns):
            lookaround = "(?=" in pattern or "(?!" in pattern or "(?<" in pattern
            (self._always if lookaround else searchable).append(index)
        # Each set with the rule index of each of its members.
        self._sets: list[tuple[re2.Set, list[int]]] = []
        for start in range(0, len(searchable), GROUP):
            indices = searchable[start : start + GROUP]
            members = re2.Set.SearchSet(options)
            for index in indices:
                members.Add(ascii_pattern(patterns[index]))
            members.Compile()
            self._sets.append((members, indices))

    def candidates(self, text: str) -> list[int]:
        """Rule indices worth a full `re` search, ascending."""
        copy = ascii_copy(text).encode("ascii")  # once, not once per set
        found = list(self._always)
        for members, indices in self._sets:
            found += [indices[m] for m in members.Match(copy) or ()]
        return sorted(found)
