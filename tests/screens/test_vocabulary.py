"""vocabulary: stamps, degrees and headlines; every pattern stays linear on long input."""

from __future__ import annotations

import re
import time

import pytest

from bot.screens import vocabulary
from bot.screens.vocabulary import (
    has_time,
    is_degree,
    is_stamp,
    is_status_bar_text,
    looks_like_headline,
)

PATTERNS = {
    name: value for name, value in vars(vocabulary).items() if isinstance(value, re.Pattern)
}


@pytest.mark.parametrize(
    ("text", "stamp", "timed"),
    [
        ("10:42 AM", True, True),
        ("TODAY", True, False),
        ("Jan 5", True, True),  # a digit: a date counts as a time here
        ("MON 10:42 AM", True, True),
        ("12/03/2024", True, True),
        ("2h ago", True, True),
        ("just now", True, True),
        ("Happy Friday", False, False),
        ("10:42 AM" * 10, False, False),  # longer than any stamp
    ],
)
def test_stamps(text: str, stamp: bool, timed: bool) -> None:
    assert (is_stamp(text), has_time(text)) == (stamp, timed)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("· 1st", True), ("3rd+ degree connection", True), ("1st", True), ("first", False)],
)
def test_degrees(text: str, expected: bool) -> None:
    assert is_degree(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Founder at Growthly | Helping SaaS teams scale", True),
        ("Senior Recruiter @ Acme", True),
        ("VP of Partnerships", True),
        ("Hi Sam, I work at Acme", False),
        ("Would you be open to a call at 3?", False),
    ],
)
def test_headlines(text: str, expected: bool) -> None:
    assert looks_like_headline(text) is expected


@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_pattern_is_linear_on_long_repeats(name: str) -> None:
    """A pattern that backtracks quadratically takes seconds here; a linear one milliseconds."""
    pattern = PATTERNS[name]
    units = [" ", "\t ", "a", "1", "1st ", "10:42 ", "· 1st ", "view ", "mon ", "mobile • "]
    start = time.perf_counter()
    for unit in units:
        text = unit * (10_000 // len(unit)) + "!"
        pattern.search(text)
        pattern.split(text)
        pattern.fullmatch(text)
    assert time.perf_counter() - start < 1.5


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("9:41", True),
        (".5G", True),
        ("ull 5G 87", True),
        ("87%", True),
        ("LTE", True),
        ("Jo Li", False),
        ("Anna Kowalski", False),
        ("Hi", False),
    ],
)
def test_status_bar_text(text: str, status: bool) -> None:
    assert is_status_bar_text(text) is status
