"""The prompt loader and the offline template files, tested two ways: a render table and
every file under prompts/offline rendered with a full sample context."""

from __future__ import annotations

import re
import shutil
import tomllib
from pathlib import Path

import pytest

from bot.config import DEFAULT_PROMPTS_DIR
from bot.engine.offline import drafting
from bot.engine.offline.slots import GenuineKind
from bot.errors import MissingVariables, PromptError
from bot.models import Category, Tone
from bot.prompts import NOTES_FILE, Prompts, render, slots, split_variants

OFFLINE_ROOT = DEFAULT_PROMPTS_DIR / "offline"
OFFLINE_FILES = sorted(
    p.relative_to(DEFAULT_PROMPTS_DIR).as_posix() for p in OFFLINE_ROOT.rglob("*.txt")
)

# Every slot an offline template may use, filled with something plausible.
SAMPLE = {
    "greeting": "Hi Sam,",
    "name": "Sam",
    "offer": "a lead generation service",
    "ask": "a quick call next week",
    "closing": "All the best.",
    "profile": "I run a two-person design studio",
    # the parts a shape is made of
    "opening": "Thanks for the message.",
    "reason": "I'll pass.",
    "line": "Connecting isn't permission to sell.",
    "response": "Thank you, that's kind of you.",
    "meeting": "Happy to find a time.",
    "end": "Goodbye.",
    # what a genuine message gives
    "question": "neighbourhoods in Lisbon",
    "request": "the slides",
    "event": "the PyData meetup",
    "contact": "Jon",
    # facts the user's profile states: they render as nothing
    "notlooking": "",
    "paidwork": "",
    "notbuying": "",
    "nomeetings": "",
}

LINK = re.compile(
    r"https?://|www\.|\b[\w-]+\.(?:com|net|org|io|ai|co|ly|me|app|dev)\b|[\w.+-]+@[\w-]+\.\w"
    r"|\+?\d[\d\s().-]{6,}\d",
    re.IGNORECASE,
)


# --------------------------------------------------------------------------- render table


@pytest.mark.parametrize(
    ("template", "values", "expected"),
    [
        ("Hi $first,", {"first": "Anna"}, "Hi Anna,"),
        ("Hi ${first}!", {"first": "Anna"}, "Hi Anna!"),
        ("$greeting\n\nNo thanks.", {"greeting": "Hello,"}, "Hello,\n\nNo thanks."),
        ("Costs $$5.", {}, "Costs $5."),
        ("No slots at all.", {"unused": "ignored"}, "No slots at all."),
        ("$a and $b", {"a": 1, "b": 2.5}, "1 and 2.5"),
        ("$offer", {"offer": "$ask"}, "$ask"),  # values are not re-expanded
    ],
)
def test_render_table(template: str, values: dict[str, object], expected: str) -> None:
    assert render(template, "t", **values) == expected


@pytest.mark.parametrize(
    ("template", "values", "missing"),
    [
        ("Hi $first,", {}, {"first"}),
        ("Hi $first,", {"first": None}, {"first"}),
        ("$greeting $offer $ask", {"greeting": "Hi,"}, {"offer", "ask"}),
    ],
)
def test_render_refuses_missing_values(
    template: str, values: dict[str, object], missing: set[str]
) -> None:
    with pytest.raises(MissingVariables) as caught:
        render(template, "t", **values)
    assert caught.value.missing == missing


def test_render_can_fill_a_slot_called_name() -> None:
    assert render("Hi $name,", "t", name="Anna") == "Hi Anna,"
    assert render("$greeting not $offer, $$0.", "t", greeting="Hi,", offer="a CRM") == (
        "Hi, not a CRM, $0."
    )
    with pytest.raises(MissingVariables):
        render("Hi $name,", "t", name=None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("one", ["one"]),
        ("one\n---\ntwo", ["one", "two"]),
        ("one\n  ---  \n\n---\ntwo\n", ["one", "two"]),  # blank variants dropped
        ("a -- b\n----\nc", ["a -- b\n----\nc"]),  # only a line of exactly --- splits
        ("", []),
    ],
)
def test_split_variants(text: str, expected: list[str]) -> None:
    assert split_variants(text) == expected


def test_slots_lists_placeholders() -> None:
    assert slots("$greeting ${name} costs $$5 $offer") == {"greeting", "name", "offer"}


# --------------------------------------------------------------------------- every file


def test_offline_directory_has_every_category_and_tone() -> None:
    for category in Category:
        if category is Category.genuine:
            continue  # genuine replies are per kind of message, and always warm
        for tone in Tone:
            assert f"offline/{category.value}/{tone.value}.txt" in OFFLINE_FILES
    for kind in GenuineKind:
        assert f"offline/genuine/{kind.value}.txt" in OFFLINE_FILES
    assert set(drafting.required_files()) <= set(OFFLINE_FILES)


def test_every_offline_file_renders_with_full_context(prompts: Prompts) -> None:
    """All files in one test; the failures name the file, so any one broken template fails."""
    failures = []
    for name in OFFLINE_FILES:
        variants = prompts.variants(name)
        if not variants:
            failures.append(f"{name}: no variants")
        for variant in variants:
            if not slots(variant) <= set(SAMPLE):
                failures.append(f"{name}: unknown slot in {variant!r}")
                continue
            out = render(variant, name, **SAMPLE)
            if slots(variant) & set(drafting.PROFILE_FACTS):
                out = out.strip()  # a fact slot renders as nothing; drafting tidies the space
            problems = [
                ("leftover $", "$" in out),
                ("link-like text", LINK.search(out) is not None),
                ("None", "None" in out),
                ("blank or untrimmed", not out or out.strip() != out),
            ]
            failures += [f"{name}: {what} in {out!r}" for what, bad in problems if bad]
    assert failures == []


def test_every_offline_file_is_plain_english_text(prompts: Prompts) -> None:
    failures = []
    for name in OFFLINE_FILES:
        text = prompts.text(name)
        if not re.fullmatch(r"[\x20-\x7e\n’‘“”—–]*", text):
            failures.append(f"{name}: unexpected characters")
        if "<" in text or "*" in text or "_" in text:
            failures.append(f"{name}: markup")
    assert failures == []


def test_real_templates_pass_the_startup_check(prompts: Prompts) -> None:
    drafting.check_templates(prompts)


# --------------------------------------------------------------------------- startup check


@pytest.fixture
def prompts_copy(tmp_path: Path) -> Path:
    root = tmp_path / "prompts"
    shutil.copytree(DEFAULT_PROMPTS_DIR, root)
    return root


def test_check_templates_accepts_an_unchanged_copy(prompts_copy: Path) -> None:
    drafting.check_templates(Prompts(prompts_copy))


@pytest.mark.parametrize(
    "relative",
    [
        "offline/sales_pitch/pointed.txt",
        "offline/genuine/thanks.txt",
        "offline/cold/lines/pointed.txt",
        "offline/scam/brief.txt",
        "offline/greetings/firm.txt",
        "offline/closings/deadpan.txt",
    ],
)
def test_check_templates_fails_on_a_missing_file(prompts_copy: Path, relative: str) -> None:
    (prompts_copy / relative).unlink()
    with pytest.raises(PromptError, match=re.escape(relative)):
        drafting.check_templates(Prompts(prompts_copy))


@pytest.mark.parametrize(
    ("relative", "content", "complaint"),
    [
        ("offline/recruiting/firm.txt", "", "0 variants"),
        ("offline/recruiting/firm.txt", "\n---\n   \n---\n", "0 variants"),
        ("offline/sales_pitch/brief.txt", "$greeting no.\n---\n$greeting $price.\n", "$price"),
        ("offline/scam/firm.txt", "$greeting no.\n---\nNo.\n---\n$greeting not $offer.", "$offer"),
        (
            "offline/genuine/thanks.txt",
            "$greeting a.\n---\n$greeting b.\n---\nc $closing",
            "$closing",
        ),
        ("offline/meeting_request/warm.txt", "a.\n---\n$ask b.\n---\n$offer c.", "no slot"),
        ("offline/genuine/no_reply.txt", "a.\n---\nb.", "need at least 3"),
        ("offline/cold/shapes/firm.txt", "$greeting $reason\n---\n$greeting $offer", "$offer"),
        (
            "offline/favor_request/deadpan.txt",
            "$greeting a.\n---\nb.\n---\n$greeting a.",
            "duplicate",
        ),
        ("offline/sales_pitch/gracious.txt", "$greeting a.\n---\nb.\n---\nc $5 off", "invalid"),
        ("offline/sales_pitch/warm.txt", "$greeting a.\n---\nb.\n---\nsee example.com", "link"),
        ("offline/greetings/pointed.txt", "Hi,\n---\nHello,", "$name"),
        ("offline/greetings/pointed.txt", "Hi $name,\n---\nHello $name,", "nameless"),
        ("offline/greetings/pointed.txt", "Hi $name,\n---\nHi $offer,\n---\nHi,", "$offer"),
    ],
)
def test_check_templates_fails_on_a_broken_file(
    prompts_copy: Path, relative: str, content: str, complaint: str
) -> None:
    (prompts_copy / relative).write_text(content, encoding="utf-8")
    with pytest.raises(PromptError) as caught:
        drafting.check_templates(Prompts(prompts_copy))
    assert relative in str(caught.value)
    assert complaint in str(caught.value)


FULL_CONTEXT = {
    **SAMPLE,
    "greeting": "Hi Anna,",
    "name": "Anna",
    "offer": "lead generation",
    "ask": "a 15-minute call",
    "closing": "Best of luck.",
    "preferences": "Tone: pointed.",
    "avoid": "none",
    "message": "Thanks for connecting! Quick call?",
    "assessment": "category: sales_pitch",
    "tone": "pointed",
    "problem": "the answer was not valid JSON",
    "style": "British spelling",
    "profile": "I run a design studio.",
    "language": "the language of the message",
    "examples": "- (sales_pitch) Thanks, but no.",
    "links": "none",
}


@pytest.mark.parametrize(
    "path",
    sorted(p for p in DEFAULT_PROMPTS_DIR.rglob("*") if p.is_file() and p.name != NOTES_FILE),
    ids=lambda p: str(p.relative_to(DEFAULT_PROMPTS_DIR)),
)
def test_every_prompt_file_renders_with_a_full_context(prompts: Prompts, path) -> None:
    name = str(path.relative_to(DEFAULT_PROMPTS_DIR))
    for variant in prompts.variants(name) if name.startswith("offline/") else [prompts.text(name)]:
        assert slots(variant) <= set(FULL_CONTEXT), f"{name}: unknown slot"
        out = render(variant, name, **FULL_CONTEXT)
        assert "$" not in out.replace("$$", ""), name


NOTES_CONTEXT = {
    "reason": "the model timed out",
    "reading": "genuine",
    "label": "sales pitch",
    "model": "'gpt-x'",
    "status": 503,
    "seconds": "20",
    "field": "'style'",
    "value": "'Klingon'",
    "length": 501,
    "limit": 500,
}


def test_every_note_renders_with_a_full_context(prompts: Prompts) -> None:
    notes = tomllib.loads(prompts.text(NOTES_FILE))
    problems = []
    for section, table in notes.items():
        for name, template in table.items():
            key = f"{section}.{name}"
            if not slots(template) <= set(NOTES_CONTEXT):
                problems.append(f"{key}: unknown slot")
                continue
            out = prompts.note(key, **NOTES_CONTEXT)
            if "$" in out.replace("$$", "") or "\n" in out:
                problems.append(f"{key}: {out!r}")
    assert notes and problems == []


def test_a_missing_note_fails_loudly(prompts: Prompts) -> None:
    with pytest.raises(PromptError, match=r"no note 'model\.nonexistent'"):
        prompts.note("model.nonexistent")
