"""Links, e-mail addresses and phone numbers: one set of patterns for every layer."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.text import contacts


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Book here: https://calendly.com/anna/15min", ["https://calendly.com/anna/15min"]),
        ("see www.growthly.io today", ["www.growthly.io"]),
        ("our site growthly.io/pricing, or", ["growthly.io/pricing,"]),
        ("a demo at sub.example.com/x", ["sub.example.com/x"]),
        ("mail anna@acme.co.uk now", ["anna@acme.co.uk"]),
        ("call +44 20 7946 0958 today", ["+44 20 7946 0958"]),
        ("tg://resolve?domain=x", ["tg://resolve?domain=x"]),
        ("lnkd.in/gXyZ123", ["lnkd.in/gXyZ123"]),
        # Not contacts: technologies, file names, versions, short numbers, a bare @handle.
        ("ASP.NET and Node.js developer", []),
        ("see notes.txt and v2.3.1", []),
        ("we met in 2019, room 42", []),
        ("ping @anna", []),
        ("", []),
    ],
)
def test_find_all(text: str, found: list[str]) -> None:
    assert contacts.find_all(text) == found
    assert contacts.contains(text) is bool(found)


def test_phones_are_contacts_but_not_links() -> None:
    text = "Sam Lee, +1 (555) 010-9999"
    assert contacts.first(text) == "+1 (555) 010-9999"
    assert contacts.first(text, phones=False) is None
    assert contacts.replace(text, phones=False) == text
    assert contacts.replace(text, "<>") == "Sam Lee, <>"


def test_replace_keeps_what_is_not_a_contact() -> None:
    text = "ASP.NET work: see https://x.example/a and mail a@b.io"
    assert contacts.replace(text, "_") == "ASP.NET work: see _ and mail _"


@pytest.mark.parametrize(
    ("token", "is_link"),
    [
        ("https://a.example/x", True),
        ("www.growthly.io", True),
        ("calendly.com/anna/15min", True),
        ("example.com:8080/x", True),
        ("e.g.", False),
        ("3.14", False),
        ("Hello.", False),
        ("bot.log", False),
        ("anna@acme.com", False),
    ],
)
def test_is_link(token: str, is_link: bool) -> None:
    assert contacts.is_link(token) is is_link


@pytest.mark.parametrize(
    "text",
    ["a" * 50_000, "a." * 25_000, "@" * 5_000, "a@" * 10_000, "-" * 50_000, "a-" * 25_000],
    ids=["letters", "dotted", "ats", "at-pairs", "dashes", "hyphenated"],
)
def test_long_runs_that_never_complete_find_nothing(text: str) -> None:
    """Each pattern starts only where a run starts (see the module docstring), so these are
    read once; here we check the answer, bench/ measures speed."""
    assert contacts.find_all(text) == []
    assert contacts.HANDLE.findall(text) == []


def test_a_long_run_of_digits_is_one_number() -> None:
    text = "1 " * 25_000
    assert contacts.find_all(text) == [text.strip()]


def test_handles() -> None:
    assert contacts.HANDLE.findall("thanks @anna and @bob_2, not me@home") == ["@anna", "@bob_2"]


@settings(max_examples=500)
@given(st.text(alphabet="ab.@:/w+0123456789 ()-Wcomio\n", max_size=40))
def test_the_cheap_check_never_hides_a_contact(text: str) -> None:
    # The check that skips the full pattern must say "maybe" wherever the pattern matches.
    assert contacts._may_hold_contact(text) or contacts.CONTACT.search(text) is None
