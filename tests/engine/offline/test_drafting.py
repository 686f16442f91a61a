"""Offline drafting from the real prompts/offline templates. Assessments are built by hand,
so these tests do not depend on the classifier."""

from __future__ import annotations

import itertools
import json
import os
import re
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.engine.offline import drafting
from bot.models import Assessment, Category, Draft, Preferences, Tone
from bot.prompts import Prompts, slots
from tests.conftest import REPO_ROOT

CATEGORIES = list(Category)
TONES = list(Tone)
COLD = [c for c in Category if c.is_cold and c is not Category.scam]

LINK = re.compile(
    r"https?://|www\.|\b[\w-]+\.(?:com|net|org|io|ai|co|ly|me|app|dev|xyz)\b",
    re.IGNORECASE,
)
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.\w")
PHONE = re.compile(r"\+?\d[\d\s().-]{6,}\d")
SNARK = (
    "for my interest",
    "profile would have saved",
    "would have told you",
    "permission to sell",
    "networking event",
    "rest of the list",
    "rest of your list",
    "sales sequence",
    "pitch",
    "free work",
    "i'll pass",
    "not interested",
)
SCAM_ENGAGEMENT = (
    "tell me more",
    "more information",
    "more details",
    "send me",
    "send over",
    "let me know",
    "get in touch",
    "call me",
    "your number",
    "your email",
    "your address",
    "happy to",
)

MESSAGES = [
    "Hi! I help companies like yours scale with AI-powered outreach. Open to a quick chat?",
    "Thanks for connecting! Would you have 15 minutes next week for a quick call?",
    "Could you take a look at our demo and share your thoughts? Would mean a lot!",
    "I came across your profile and think you'd be a great fit for a Senior PM role.",
    "Congratulations! You have been selected for a crypto investment with 40% returns.",
    "Great meeting you at the conference on Tuesday, as promised here's my note about the intro.",
]

LONG_OFFER = "an end-to-end outbound lead generation and appointment setting"  # 60 chars
LONG_ASK = "detailed written feedback on the new onboarding flow we shipped"  # 63 chars


def assessment(category: Category, **fields: object) -> Assessment:
    return Assessment(category=category, confidence=0.9, **fields)


def make(
    prompts: Prompts,
    category: Category,
    tone: Tone,
    *,
    text: str = MESSAGES[0],
    variant: int | None = None,
    prefs: Preferences | None = None,
    **fields: object,
) -> Draft:
    return drafting.draft(
        prompts,
        text=text,
        assessment=assessment(category, **fields),
        tone=tone,
        prefs=prefs or Preferences(),
        variant=variant,
    )


def every_variant(
    prompts: Prompts, category: Category, tone: Tone, **fields: object
) -> list[Draft]:
    """One draft per eligible variant, reached the way Regenerate reaches them."""
    first = make(prompts, category, tone, variant=0, **fields)
    drafts = [first]
    for i in range(1, 50):
        d = make(prompts, category, tone, variant=i, **fields)
        if d.variant == 0:
            break
        drafts.append(d)
    return drafts


def body_words(text: str) -> int:
    return len(text.split())


def contact_in(text: str) -> str | None:
    for pattern in (LINK, EMAIL, PHONE):
        found = pattern.search(text)
        if found:
            return found.group()
    return None


FIELD_SETS = {
    "bare": {},
    "named": {"sender_name": "Anna"},
    "full": {"sender_name": "Bartholomew", "offer": LONG_OFFER, "ask": LONG_ASK},
}


# --------------------------------------------------------------------------- every cell


CELLS = list(itertools.product(CATEGORIES, TONES))


def cell(category: Category, tone: Tone) -> str:
    """The template file a failure points at."""
    return drafting.body_file(category, tone)


def test_every_category_and_tone_drafts_cleanly(prompts: Prompts) -> None:
    """Every file, every eligible variant, bare, named and with long slots; one list of
    failures naming the file, so a single broken template fails the test."""
    failures = []
    for (category, tone), (kind, fields) in itertools.product(CELLS, FIELD_SETS.items()):
        where = f"{cell(category, tone)} ({kind})"
        drafts = every_variant(prompts, category, tone, **fields)
        if len(drafts) < 2:
            failures.append(f"{where}: Regenerate needs at least two eligible variants")
        for d in drafts:
            problems = [
                ("tone or engine", d.tone is not tone or d.engine != "offline"),
                ("blank or untrimmed", not d.text or d.text.strip() != d.text),
                ("too long", body_words(d.text) > drafting.MAX_DRAFT_WORDS),
                ("contact", contact_in(d.text) is not None),
                ("placeholder", "$" in d.text or "None" in d.text),
                ("blank lines", "\n\n\n" in d.text),
            ]
            failures += [f"{where}: {what}: {d.text!r}" for what, bad in problems if bad]
    assert failures == []


@pytest.mark.parametrize("tone", TONES)
def test_genuine_is_never_snarky(prompts: Prompts, tone: Tone) -> None:
    for fields in FIELD_SETS.values():
        for d in every_variant(prompts, Category.genuine, tone, **fields):
            lowered = d.text.lower()
            assert not [s for s in SNARK if s in lowered], d.text


@pytest.mark.parametrize("tone", TONES)
def test_scam_never_engages(prompts: Prompts, tone: Tone) -> None:
    fields = {"sender_name": "Anna", "offer": "a crypto fund", "ask": "your bank details"}
    for d in every_variant(prompts, Category.scam, tone, **fields):
        lowered = d.text.lower()
        assert "?" not in d.text, d.text
        assert not [s for s in SCAM_ENGAGEMENT if s in lowered], d.text
        assert "crypto" not in lowered and "bank" not in lowered, "scam content echoed"
        assert body_words(d.text) <= 25, "scam replies stay short"


@pytest.mark.parametrize("category", COLD)
def test_pointed_carries_the_point(prompts: Prompts, category: Category) -> None:
    """The default cold tone makes at least one of the seed writers' points in most variants."""
    points = (
        "for my interest",
        "profile",
        "permission to",
        "networking event",
        "connecting isn't",
        "just connected",
        "after connecting",
        "moments ago",
        "paid work",
        "unspecified length",
        "stay in touch, not",
        "not how i like to start",
    )
    drafts = every_variant(prompts, category, Tone.pointed, offer="a CRM", ask="a call")
    making_a_point = [d for d in drafts if any(p in d.text.lower() for p in points)]
    assert len(making_a_point) >= len(drafts) - 1, [d.text for d in drafts]


def test_tones_differ_for_the_same_message(prompts: Prompts) -> None:
    for category in CATEGORIES:
        texts = {make(prompts, category, tone, text=MESSAGES[1]).text for tone in TONES}
        assert len(texts) == len(TONES), category


def test_brief_is_short(prompts: Prompts) -> None:
    for category in CATEGORIES:
        for d in every_variant(prompts, category, Tone.brief, **FIELD_SETS["full"]):
            sentences = [s for s in re.split(r"[.!?]+(?:\s|$)", d.text) if s.strip()]
            assert len(sentences) <= 3 and body_words(d.text) <= 30, d.text


# --------------------------------------------------------------------------- slots


def test_greeting_uses_the_first_name(prompts: Prompts) -> None:
    failures = []
    for category, tone in CELLS:
        drafts = every_variant(prompts, category, tone, sender_name="anna")
        if not any("Anna" in d.text.splitlines()[0] for d in drafts):
            failures.append(f"{cell(category, tone)}: no variant greets Anna")
        if "$greeting" in prompts.variants(drafting.body_file(category, tone))[0]:
            # capitalised, never as typed
            failures += [f"{cell(category, tone)}: {d.text!r}" for d in drafts if "anna" in d.text]
    assert failures == []


@pytest.mark.parametrize("tone", TONES)
def test_greeting_without_a_name(prompts: Prompts, tone: Tone) -> None:
    nameless = set(prompts.variants(drafting.greeting_file(tone))) - {
        g for g in prompts.variants(drafting.greeting_file(tone)) if "name" in slots(g)
    }
    for category in CATEGORIES:
        for sender in (None, "", "   ", "there", "@growth_hacker", "12345"):
            for d in every_variant(prompts, category, tone, sender_name=sender):
                assert "None" not in d.text and "$" not in d.text
                first_line = d.text.splitlines()[0]
                if any(first_line.startswith(g) for g in nameless):
                    continue
                # variants without a greeting (e.g. "No, thank you.") are fine too
                assert not first_line.startswith(("Hi ", "Hello ", "Dear ")) or any(
                    first_line.startswith(g) for g in nameless
                ), first_line


def test_name_is_the_first_word_only(prompts: Prompts) -> None:
    d = make(prompts, Category.sales_pitch, Tone.pointed, sender_name="Jean-Luc Picard")
    assert "Jean-Luc," in d.text and "Picard" not in d.text


def test_offer_and_ask_variants_only_when_known(prompts: Prompts) -> None:
    failures = []
    offer, ask = "zebra accounting software", "a zebra walkthrough"
    for category, tone in CELLS:
        needs = [slots(v) for v in prompts.variants(drafting.body_file(category, tone))]
        plain = [s for s in needs if not s & {"offer", "ask", "name", "profile"}]
        fillable = [s for s in needs if not s & {"name", "profile"}]
        quoting_needs = [s for s in fillable if s & {"offer", "ask"}]
        without = every_variant(prompts, category, tone)
        with_both = every_variant(prompts, category, tone, offer=offer, ask=ask)
        quoting = [d for d in with_both if "zebra" in d.text]
        counts = (len(without), len(with_both), len(quoting))
        quoted = 0 if category is Category.scam else len(quoting_needs)
        if counts != (len(plain), len(fillable), quoted):
            failures.append(f"{cell(category, tone)}: {counts} drafts")
    assert failures == []


@pytest.mark.parametrize(
    "phrase", ["feedback on your product", "a blurb for your book", "SEO services", "a new role"]
)
def test_offer_and_ask_phrases_are_quoted_as_written(prompts: Prompts, phrase: str) -> None:
    """The classifiers phrase these for the reply; drafting must not rewrite them."""
    for category in (Category.sales_pitch, Category.favor_request, Category.recruiting):
        drafts = every_variant(prompts, category, Tone.firm, offer=phrase, ask=phrase)
        assert any(phrase in d.text for d in drafts), category
        if "your" in phrase:
            mangled = phrase.replace("your", "my")
            assert not any(mangled in d.text for d in drafts)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("feedback on your product", "feedback on your product"),
        ("A quick call", "a quick call"),
        ("Salesforce consulting", "Salesforce consulting"),
        ("  lead   generation\n services ", "lead generation services"),
        ("a demo at https://evil.example.com/x", "a demo"),
        ("a demo (see calendly.com/joe)", "a demo"),
        ("feedback — mail me at joe@example.org", "feedback"),
        ("a call on +44 20 7946 0958", "a call"),
        ("ASP.NET contract role", "ASP.NET contract role"),
        ("https://only.a.link", None),
        ("", None),
        (None, None),
        ("a" * 80, None),
        (
            "a lead generation service, which books fifteen meetings a month for founders",
            "a lead generation service",
        ),
    ],
)
def test_clean_phrase(raw: str | None, expected: str | None) -> None:
    assert drafting.clean_phrase(raw) == expected


def test_links_in_slot_values_never_reach_the_draft(prompts: Prompts) -> None:
    fields = {
        "sender_name": "www.evil.example",
        "offer": "our tool at https://evil.example.com/?ref=1 and evil.io/x",
        "ask": "book at calendly.com/joe, mail joe@evil.example.org or call +1 (555) 010-9999",
    }
    for category, tone in itertools.product(CATEGORIES, TONES):
        for d in every_variant(prompts, category, tone, **fields):
            assert contact_in(d.text) is None, d.text
            assert "evil" not in d.text and "calendly" not in d.text, d.text


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    name=st.one_of(st.none(), st.text(max_size=40)),
    offer=st.one_of(st.none(), st.text(max_size=300)),
    ask=st.one_of(st.none(), st.text(max_size=300)),
    link=st.sampled_from(["https://x.example.com/a", "www.example.com", "bit.ly/3abc", ""]),
    category=st.sampled_from(CATEGORIES),
    tone=st.sampled_from(TONES),
)
def test_any_slot_values_give_a_safe_short_draft(
    prompts: Prompts,
    name: str | None,
    offer: str | None,
    ask: str | None,
    link: str,
    category: Category,
    tone: Tone,
) -> None:
    fields = {
        "sender_name": name,
        "offer": None if offer is None else f"{offer} {link}",
        "ask": None if ask is None else f"{link} {ask}",
    }
    for d in every_variant(prompts, category, tone, **fields):
        assert body_words(d.text) <= drafting.MAX_DRAFT_WORDS
        if link:
            assert link not in d.text
        for value in (fields["offer"], fields["ask"]):
            cleaned = drafting.clean_phrase(value)
            assert cleaned is None or len(cleaned) <= drafting.MAX_SLOT_CHARS


# --------------------------------------------------------------------------- signature


def test_signature_goes_on_its_own_line(prompts: Prompts) -> None:
    plain = make(prompts, Category.recruiting, Tone.gracious, sender_name="Anna")
    signed = make(
        prompts,
        Category.recruiting,
        Tone.gracious,
        sender_name="Anna",
        prefs=Preferences(signature="  Maria Lopez\nHead of Operations "),
    )
    assert signed.text == f"{plain.text}\n\nMaria Lopez\nHead of Operations"
    assert signed.variant == plain.variant


@pytest.mark.parametrize("signature", [None, "", "   "])
def test_no_signature_adds_nothing(prompts: Prompts, signature: str | None) -> None:
    plain = make(prompts, Category.genuine, Tone.warm)
    d = make(prompts, Category.genuine, Tone.warm, prefs=Preferences(signature=signature))
    assert d.text == plain.text


# --------------------------------------------------------------------------- choice of variant


def test_same_input_same_draft(prompts: Prompts) -> None:
    for category, tone in itertools.product(CATEGORIES, TONES):
        a = make(prompts, category, tone, text=MESSAGES[2], sender_name="Anna", offer="a CRM")
        b = make(prompts, category, tone, text=MESSAGES[2], sender_name="Anna", offer="a CRM")
        assert a == b


def test_choice_ignores_whitespace_and_case_only(prompts: Prompts) -> None:
    a = make(prompts, Category.sales_pitch, Tone.pointed, text="Quick call?  Next week")
    b = make(prompts, Category.sales_pitch, Tone.pointed, text="quick call?\nnext week ")
    assert a == b


def test_choice_is_stable_across_processes() -> None:
    """hashlib, not hash(): PYTHONHASHSEED must not change which reply a message gets."""
    script = (
        "import json; from bot.config import DEFAULT_PROMPTS_DIR; from bot.prompts import Prompts;"
        "from bot.engine.offline import drafting; from bot.models import *;"
        "p = Prompts(DEFAULT_PROMPTS_DIR);"
        "print(json.dumps([drafting.draft(p, text=f'message {i}', assessment=Assessment("
        "category=c, confidence=0.5), tone=Tone.pointed, prefs=Preferences(), variant=None).text"
        " for i in range(5) for c in Category]))"
    )
    outputs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        run = subprocess.run(
            [sys.executable, "-c", script],
            cwd=REPO_ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        outputs.append(json.loads(run.stdout))
    assert outputs[0] == outputs[1]


def cold_messages(n: int) -> list[str]:
    openers = ["Hi there!", "Hello,", "Hey!", "Good morning,", "Thanks for connecting!"]
    pitches = [
        "I help SaaS founders book more demos.",
        "We build AI agents for sales teams.",
        "Our agency doubles LinkedIn engagement in 30 days.",
        "I noticed your impressive background.",
        "We work with companies like yours.",
        "I run a growth studio for B2B brands.",
    ]
    return [f"{openers[i % 5]} {pitches[i % 6]} Open to a quick chat? (ref {i})" for i in range(n)]


@pytest.mark.parametrize(
    ("category", "tone"),
    [(Category.sales_pitch, Tone.pointed), (Category.meeting_request, Tone.deadpan)],
)
def test_different_messages_get_varied_drafts(
    prompts: Prompts, category: Category, tone: Tone
) -> None:
    messages = cold_messages(30)
    drafts = [make(prompts, category, tone, text=m, offer="a CRM") for m in messages]
    eligible = len(every_variant(prompts, category, tone, offer="a CRM"))
    assert {d.variant for d in drafts} == set(range(eligible)), "every variant gets used"
    texts = [d.text for d in drafts]
    assert len(set(texts)) >= 20, "30 messages should rarely share a reply"
    most_common = max(texts.count(t) for t in set(texts))
    assert most_common <= 4


def test_regenerate_always_changes_the_text(prompts: Prompts) -> None:
    failures = []
    for (category, tone), fields, text in itertools.product(CELLS, FIELD_SETS.values(), MESSAGES):
        first = make(prompts, category, tone, text=text, **fields)
        again = make(prompts, category, tone, text=text, variant=first.variant + 1, **fields)
        if again.text == first.text or again.variant == first.variant:
            failures.append(f"{cell(category, tone)} {fields}: {text[:30]!r}")
    assert failures == []


def test_regenerate_cycles_through_every_eligible_variant(prompts: Prompts) -> None:
    eligible = len(every_variant(prompts, Category.favor_request, Tone.pointed, ask="a review"))
    first = make(prompts, Category.favor_request, Tone.pointed, ask="a review")
    seen = [first.text]
    current = first
    for _ in range(eligible - 1):
        current = make(
            prompts,
            Category.favor_request,
            Tone.pointed,
            ask="a review",
            variant=current.variant + 1,
        )
        seen.append(current.text)
    assert len(set(seen)) == eligible
    wrapped = make(
        prompts, Category.favor_request, Tone.pointed, ask="a review", variant=current.variant + 1
    )
    assert wrapped.text == first.text


def test_variant_index_wraps_and_accepts_large_numbers(prompts: Prompts) -> None:
    n = len(every_variant(prompts, Category.recruiting, Tone.warm))
    a = make(prompts, Category.recruiting, Tone.warm, variant=1)
    b = make(prompts, Category.recruiting, Tone.warm, variant=1 + 1000 * n)
    assert a.text == b.text and a.variant == b.variant == 1


def test_offline_engine_uses_drafting(offline_engine: object, prompts: Prompts) -> None:
    from bot.models import Incoming

    incoming = Incoming(text=MESSAGES[0], sender_name="Anna Smith")
    a = assessment(Category.sales_pitch, sender_name="Anna")
    via_engine = offline_engine.draft(incoming, a, Tone.pointed)  # type: ignore[attr-defined]
    direct = make(prompts, Category.sales_pitch, Tone.pointed, sender_name="Anna")
    assert via_engine == direct
