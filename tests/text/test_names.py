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
