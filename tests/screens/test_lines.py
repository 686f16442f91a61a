"""lines: what OCR makes of a LinkedIn header, and single-line classification."""

from __future__ import annotations

import pytest

from bot.screens.lines import Kind, classify, is_chrome_text, is_split_header, split_header


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Anna Smith · 10:42 AM", ("Anna Smith", "10:42 AM", False)),
        ("Sam Lee10:15 AM", ("Sam Lee", "10:15 AM", False)),
        ("Rahul Mehta -9:14 AM", ("Rahul Mehta", "9:14 AM", False)),
        ("Jessica Brennan·1st", ("Jessica Brennan", None, True)),
        ("Marco Rossi · 1st · Yesterday", ("Marco Rossi", "Yesterday", True)),
        ("You 9:05 AM", ("You", "9:05 AM", False)),
        ("Marco", None),
        ("Could you spare 20 minutes next Tuesday?", None),
        ("Happy Friday", None),
        ("Let's talk 10:30 AM", None),
    ],
)
def test_split_header(text: str, expected: tuple | None) -> None:
    assert split_header(text) == expected


@pytest.mark.parametrize(
    ("text", "kind", "name"),
    [
        ("", Kind.BLANK, None),
        ("Write a message…", Kind.CHROME, None),
        ("Status is online", Kind.PRESENCE, None),
        ("· 1st", Kind.DEGREE, None),
        ("1st", Kind.WEAK, None),  # could be a list item
        ("TODAY", Kind.STAMP, None),
        ("Seen", Kind.WEAK, None),
        ("View Anna’s profile", Kind.VIEW, "Anna"),
        ("Anna Smith sent the following message at 10:42 AM", Kind.SENT, "Anna Smith"),
        ("Anna Smith  10:42 AM", Kind.NAME_STAMP, "Anna Smith"),
        ("Anna Smith 10:42 AM", Kind.NAME_STAMP, "Anna Smith"),
        ("Anna Smith · 1st", Kind.NAME_DEGREE, "Anna Smith"),
        ("Anna Smith 2nd degree connection", Kind.NAME_DEGREE, "Anna Smith"),
        ("Dr. Anna Smith, MBA (She/Her) 🚀", Kind.NAME, "Dr. Anna Smith"),
        ("Hi Bob, quick one.", Kind.TEXT, None),
    ],
)
def test_classify(text: str, kind: Kind, name: str | None) -> None:
    line = classify(text)
    assert (line.kind, line.name) == (kind, name)


@pytest.mark.parametrize(
    ("text", "chrome"),
    [("InMail · Active now", True), ("Seen · 10:42 AM", True), ("Hi · there", False)],
)
def test_chrome_text_on_screens(text: str, chrome: bool) -> None:
    assert is_chrome_text(text) is chrome


@pytest.mark.parametrize(
    ("left", "right", "expected"),
    [("Anna Smith", "10:02 AM", True), ("Anna Smith", "1st", True), ("Hi Sam", "10:02 AM", False)],
)
def test_a_header_split_across_two_boxes(left: str, right: str, expected: bool) -> None:
    assert is_split_header(left, right) is expected
