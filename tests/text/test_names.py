"""The shared first-name cleaner: what a greeting may call the sender."""

from __future__ import annotations

import pytest

from bot.text import names


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("anna", "Anna"),
        ("Anna Schmidt", "Anna"),
        ("O'Brien", "O'Brien"),
        ("Zoë", "Zoë"),
        ("there", None),
        ("Team", None),
        ("@growth", None),
        ("x1", None),
        ("J.", None),
        ("https://evil.example.com", None),
        (None, None),
    ],
)
def test_first_name(raw: str | None, expected: str | None) -> None:
    assert names.first_name(raw) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("From: Anna Smith\nHello there", ("Anna Smith", "Hello there")),
        ("  sender:Anna\n\n Hello  ", ("Anna", "Hello")),
        ("FROM: Anna Smith (Acme)", ("Anna Smith (Acme)", "")),
        ("Hello\nFrom: Anna", (None, "Hello\nFrom: Anna")),  # only a first line counts
        ("From the team at Acme: hello", (None, "From the team at Acme: hello")),
        ("From:\nHello", (None, "From:\nHello")),
        ("From: " + "x" * 81 + "\nHello", (None, "From: " + "x" * 81 + "\nHello")),
    ],
)
def test_a_from_line_names_the_sender(text: str, expected: tuple[str | None, str]) -> None:
    assert names.from_line(text) == expected
