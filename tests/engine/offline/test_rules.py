"""The signal table: stable ids, display names, and no wording copied from the samples."""

from __future__ import annotations

import json
import re

import pytest

from bot.engine.offline import classify, evidence, slots
from bot.engine.offline.rules import BY_ID, RULES
from tests.conftest import DATA_DIR

SAMPLE_FILES = ("dev_samples.jsonl", "dev_samples_more.jsonl", "written/fresh_samples.jsonl")
COPIED_RUN = 5  # this many consecutive literal words from a sample is copying, not a cue


def test_ids_are_unique_snake_case() -> None:
    ids = [r.id for r in RULES]
    assert len(ids) == len(set(ids))
    assert [i for i in ids if not re.fullmatch(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*", i)] == []
    assert len(BY_ID) == len(RULES)


def test_every_rule_shows_a_signal_and_weighs_something() -> None:
    for rule in RULES:
        assert rule.signal and rule.signal == rule.signal.strip(), rule.id
        assert rule.weights and any(w > 0 for w in rule.weights.values()), rule.id


@pytest.mark.parametrize(
    "ids",
    [classify.FEEDBACK_RULES, classify.RELATIONSHIP_RULES, classify.WRONG_NUMBER_RULES],
    ids=["feedback", "relationship", "wrong_number"],
)
def test_precedence_rules_name_real_rows(ids: frozenset[str]) -> None:
    assert ids - BY_ID.keys() == set()


# --------------------------------------------------------------------------- sample wording


def literal_runs(pattern: str) -> list[list[str]]:
    """Runs of words a regex matches literally, in order: r"\\bvery\\s+nice\\s+(?:a|b)" gives
    [["very", "nice"]]. Groups, classes, alternation and quantified letters end a run."""
    pattern = pattern.replace("['’]", "'")
    runs: list[list[str]] = []
    words: list[str] = []
    word = ""
    skip = False
    i = 0

    def end_run() -> None:
        nonlocal words
        if len(words) > 1:
            runs.append(words)
        words = []

    while i < len(pattern):
        ch = pattern[i]
        nxt = pattern[i + 1 : i + 2]
        if ch == "\\" and nxt in ("s", "b"):
            skip = False
            if word:
                words.append(word.lower())
                word = ""
            i += 2
            if nxt == "s" and pattern[i : i + 1] in ("+", "*", "?"):
                i += 1
            continue
        if ch == " " and pattern[i + 1 : i + 2] not in ("?", "*", "{"):
            skip = False
            if word:
                words.append(word.lower())
                word = ""
            i += 1
            continue
        if skip or ((ch.isalpha() or ch in "'-") and nxt in ("?", "*", "{", "+")):
            # A quantified letter ("colou?r"): that word is not literal; skip to its end.
            skip = ch.isalpha() or ch in "'-?*+{},0123456789"
            if word or skip:
                word = ""
                end_run()
            i += 1
            continue
        if ch.isalpha() or ch in "'-":
            word += ch
            i += 1
            continue
        # Anything else (a group, a class, "|", an escape) ends the run.
        if word:
            words.append(word.lower())
        word = ""
        end_run()
        i += 2 if ch == "\\" else 1
    if word:
        words.append(word.lower())
    end_run()
    return runs


def _normal(text: str) -> str:
    return " ".join(text.replace("’", "'").lower().split())


def copied_phrases(patterns: dict[str, str], samples: list[str]) -> list[str]:
    """'<name>: <phrase>' for every COPIED_RUN-word literal run that a sample contains."""
    corpus = "\n".join(_normal(s) for s in samples)
    found = []
    for name, pattern in patterns.items():
        for run in literal_runs(pattern):
            for i in range(len(run) - COPIED_RUN + 1):
                phrase = " ".join(run[i : i + COPIED_RUN])
                if re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", corpus):
                    found.append(f"{name}: {phrase}")
    return found


def _samples() -> list[str]:
    texts = []
    for name in SAMPLE_FILES:
        with (DATA_DIR / name).open(encoding="utf-8") as f:
            texts += [json.loads(line)["text"] for line in f if line.strip()]
    return texts


def _all_patterns() -> dict[str, str]:
    patterns = {rule.id: rule.pattern.pattern for rule in RULES}
    patterns["merge_field"] = evidence.MERGE_FIELD.pattern
    patterns["personal_detail"] = evidence.PERSONAL_DETAIL.pattern
    patterns |= {f"offer {p}": rx.pattern for p, rx in slots.OFFERS}
    patterns |= {f"ask {p}": rx.pattern for p, rx in slots.ASKS}
    return patterns


def test_literal_runs_reads_words_not_regex_syntax() -> None:
    assert literal_runs(r"\bvery\s+nice\s+(?:a|b)\s+day\b") == [["very", "nice"]]
    assert literal_runs(r"\bthanks\s+for\s+connecting|\bwe're\s+hiring\b") == [
        ["thanks", "for", "connecting"],
        ["we're", "hiring"],
    ]
    assert literal_runs(r"\bcolou?r\s+me\s+happy") == [["me", "happy"]]


def test_no_rule_copies_five_words_from_a_sample() -> None:
    assert copied_phrases(_all_patterns(), _samples()) == []


def test_the_copy_check_catches_a_planted_phrase() -> None:
    tokens = max(_samples(), key=len).split()
    start = next(i for i in range(len(tokens)) if all(t.isalpha() for t in tokens[i : i + 6]))
    words = tokens[start : start + 6]
    planted = r"\b" + r"\s+".join(words) + r"\b"
    assert copied_phrases({"planted": planted}, _samples()) == [
        f"planted: {' '.join(w.lower() for w in words[:5])}",
        f"planted: {' '.join(w.lower() for w in words[1:6])}",
    ]
