"""The labelled corpus in data/: its schema, its size per label, and no message twice."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from itertools import combinations

import pytest

from bot import corpus
from bot.models import Category
from tests.conftest import DATA_DIR

SHINGLE = 5  # words
NEAR = 0.5  # share of the shorter text's shingles found in the other


@pytest.fixture(scope="module")
def messages() -> list[corpus.Message]:
    return corpus.load(DATA_DIR)


def shingles(text: str) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text.casefold())
    return {tuple(words[i : i + SHINGLE]) for i in range(max(1, len(words) - SHINGLE + 1))}


def near_duplicates(messages: list[corpus.Message]) -> list[tuple[str, str]]:
    """Pairs of messages from different groups that share most of the shorter one's text."""
    sets = [shingles(m.text) for m in messages]
    holders: defaultdict[tuple[str, ...], list[int]] = defaultdict(list)
    for i, found in enumerate(sets):
        for shingle in found:
            holders[shingle].append(i)
    shared: Counter[tuple[int, int]] = Counter()
    for indexes in holders.values():
        if len(indexes) < 50:  # a stock phrase in many messages proves nothing
            shared.update(combinations(indexes, 2))
    return [
        (messages[i].id, messages[j].id)
        for (i, j), count in shared.items()
        if messages[i].group != messages[j].group
        and count / min(len(sets[i]), len(sets[j])) >= NEAR
    ]


def test_every_record_has_its_provenance_and_a_unique_id(messages):
    assert len({m.id for m in messages}) == len(messages)
    for m in messages:
        assert m.source.startswith(("http://", "https://")) or ":" in m.source, m.id
        assert m.text.strip() and len(m.text) <= 4000, m.id


def test_the_corpus_is_big_enough_per_label(messages):
    counts = Counter(m.label for m in messages)
    assert len(messages) >= 600
    assert counts[Category.genuine] >= 200
    assert all(counts[c] >= 60 for c in Category if c.is_cold), counts


def test_no_message_is_in_the_corpus_twice(messages):
    texts = Counter(" ".join(m.text.casefold().split()) for m in messages)
    assert [t[:60] for t, n in texts.items() if n > 1] == []
    assert near_duplicates(messages) == []


def test_the_near_duplicate_check_catches_a_copy_from_another_page(messages):
    original = next(m for m in messages if len(m.text) > 300)
    copy = original.model_copy(
        update={
            "id": "copy",
            "source": "https://elsewhere.example/post",
            "text": original.text[20:],
        }
    )
    assert near_duplicates([original, copy]) == [(original.id, "copy")]


def test_project_written_messages_stay_out_of_the_corpus(messages):
    assert (DATA_DIR / "written" / "fresh_samples.jsonl").exists()
    assert not any(m.id.startswith("fresh-") for m in messages)
