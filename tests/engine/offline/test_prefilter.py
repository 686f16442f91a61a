"""The RE2 prefilter never hides a rule that `re` would match, on any text."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot import corpus
from bot.engine.offline.prefilter import Prefilter, ascii_copy
from bot.engine.offline.rules import RULES
from tests.adversarial import SHAPES, repeat
from tests.conftest import DATA_DIR

PREFILTER = Prefilter([rule.pattern.pattern for rule in RULES])
# Pieces of the rules' own vocabulary and the characters where re and RE2 part ways.
PIECES = [
    "we help companies like yours",
    "quick call",
    "15-minute",
    "gespräch",
    "GESPRÄCH",
    "recruiting for",
    "LİNKEDİN",
    "lınkedın",
    "ſales",
    "\u212aindly",
    "£5,000",
    "€",
    "I’m",
    "don’t",
    "\u2003",
    "\x1c",
    "\v",
    "\u00a0",
    "٣",
    "é",
    "Ü",
    "\u0301",
    "—",
    "\n",
    "http://x.io",
    "wrong number",
    "Jana, meet Omar",
]


def matching(text: str) -> set[int]:
    return {i for i, rule in enumerate(RULES) if rule.pattern.search(text)}


def test_corpus_messages_lose_no_rule() -> None:
    for message in corpus.load(DATA_DIR):
        assert matching(message.text) <= set(PREFILTER.candidates(message.text)), message.id


# Phrases the rules know, then respelt where re and RE2 read characters differently.
PHRASES = ["we are recruiting for", "quick call", "wrong number", "I help companies like yours"]
RESPELLINGS = [
    lambda t: t.replace(" ", "\x1c"),  # \s to re, not to RE2
    lambda t: t.replace(" ", "\v"),
    lambda t: t.replace(" ", "\u2003"),  # an em space
    lambda t: t.replace("i", "ı"),  # dotless i: re folds it to "i"
    lambda t: t.upper().replace("I", "İ"),  # dotted capital I
    lambda t: t.replace("s", "ſ"),  # long s
    lambda t: t.replace("k", "\u212a"),  # Kelvin sign
]


def test_respelt_phrases_lose_no_rule() -> None:
    checked = 0
    for phrase in PHRASES:
        for respell in RESPELLINGS:
            text = respell(phrase)
            if text != phrase and matching(text):
                checked += 1
                assert matching(text) <= set(PREFILTER.candidates(text)), text
    assert checked >= 15  # the respellings still read as the phrases to re


def test_it_actually_filters() -> None:
    # A prefilter that names every rule would pass the test above and save nothing.
    assert len(PREFILTER.candidates("Thanks for lunch yesterday, see you Friday!")) < 10


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=8)), max_size=12))
def test_no_text_loses_a_rule(parts: list[str]) -> None:
    text = " ".join(parts)
    assert matching(text) <= set(PREFILTER.candidates(text))


@given(st.text())
def test_ascii_copy_keeps_length_and_word_nature(text: str) -> None:
    copy = ascii_copy(text)
    assert copy.isascii() and len(copy) == len(text)
    for original, stand_in in zip(text, copy, strict=True):
        assert original.isalnum() == stand_in.isalnum(), (original, unicodedata.name(original, ""))
        assert original.isspace() == stand_in.isspace()


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_a_long_adversarial_run_before_a_phrase_loses_no_rule(shape: str) -> None:
    """Each RE2 set has a small memory budget; a text that makes it build and drop many
    states must still name every rule, not fail quietly and name none."""
    text = repeat(SHAPES[shape], 5_900) + " Hi, we help companies like yours. Quick call?"
    expected = matching(text)
    assert expected and expected <= set(PREFILTER.candidates(text))
