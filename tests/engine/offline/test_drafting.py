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

from bot import evaluation
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


PRESSES = 25  # Regenerate presses a test walks; every cell has at least MIN_WORDINGS wordings


def every_variant(
    prompts: Prompts, category: Category, tone: Tone, *, presses: int = PRESSES, **fields: object
) -> list[Draft]:
    """The drafts of the first presses of Regenerate (all of them when there are fewer)."""
    text = str(fields.pop("text", MESSAGES[0]))
    prefs = fields.pop("prefs", None)
    total = drafting.wordings(
        prompts,
        text=text,
        assessment=assessment(category, **fields),
        tone=tone,
        prefs=prefs or Preferences(),  # type: ignore[arg-type]
    )
    return [
        make(prompts, category, tone, text=text, variant=i, prefs=prefs, **fields)  # type: ignore[arg-type]
        for i in range(min(presses, total))
    ]


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
        if len({d.text for d in drafts}) < PRESSES:
            failures.append(f"{where}: fewer than {PRESSES} distinct wordings")
        expected = Tone.warm if category is Category.genuine else tone
        for d in drafts:
            problems = [
                ("tone or engine", d.tone is not expected or d.engine != "offline"),
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


@pytest.mark.parametrize("category", [*COLD, Category.scam])
def test_every_pointed_cold_draft_carries_one_of_the_products_lines(
    prompts: Prompts, category: Category
) -> None:
    """Thank you for my interest; my profile would have saved you the effort; connecting is
    not permission to sell; not at a networking event. The good wishes don't count here."""
    core = [name for name in evaluation.PRODUCT_LINES if name != "wish them success"]
    for fields in (*FIELD_SETS.values(), {"offer": "a CRM", "ask": "a call"}):
        for text in MESSAGES:
            for d in every_variant(prompts, category, Tone.pointed, text=text, **fields):
                assert set(evaluation.product_lines(d.text)) & set(core), d.text


def test_tones_differ_for_the_same_message(prompts: Prompts) -> None:
    for category in [c for c in CATEGORIES if c.is_cold]:
        texts = {make(prompts, category, tone, text=MESSAGES[1]).text for tone in TONES}
        assert len(texts) == len(TONES), category


def test_brief_is_short(prompts: Prompts) -> None:
    for category in [c for c in CATEGORIES if c.is_cold]:  # genuine reads warm, whatever the tone
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
        # capitalised, never as typed
        failures += [f"{cell(category, tone)}: {d.text!r}" for d in drafts if "anna" in d.text]
    assert failures == []


@pytest.mark.parametrize("tone", TONES)
def test_greeting_without_a_name(prompts: Prompts, tone: Tone) -> None:
    greetings = prompts.variants(drafting.greeting_file(tone)) + prompts.variants(
        drafting.greeting_file(Tone.warm)  # genuine replies are warm whatever the tone
    )
    nameless = {g for g in greetings if "name" not in slots(g)}
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


def test_offer_and_ask_are_quoted_only_when_known_and_never_to_scams(prompts: Prompts) -> None:
    failures = []
    offer, ask = "zebra accounting software", "a zebra walkthrough"
    for category, tone in CELLS:
        without = every_variant(prompts, category, tone)
        with_both = every_variant(prompts, category, tone, presses=60, offer=offer, ask=ask)
        quoting = [d for d in with_both if "zebra" in d.text]
        if any("zebra" in d.text for d in without):
            failures.append(f"{cell(category, tone)}: quotes what it was not told")
        if category.is_cold and category is not Category.scam and not quoting:
            failures.append(f"{cell(category, tone)}: never quotes the offer or ask")
        if category in (Category.scam, Category.genuine) and quoting:
            failures.append(f"{cell(category, tone)}: echoes a cold offer or ask")
    assert failures == []


@pytest.mark.parametrize(
    "phrase", ["feedback on your product", "a blurb for your book", "SEO services", "a new role"]
)
def test_offer_and_ask_phrases_are_quoted_as_written(prompts: Prompts, phrase: str) -> None:
    """The classifiers phrase these for the reply; drafting must not rewrite them."""
    for category in (Category.sales_pitch, Category.favor_request, Category.recruiting):
        drafts = every_variant(prompts, category, Tone.firm, presses=80, offer=phrase, ask=phrase)
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
    assert {d.variant for d in drafts} == {0}, "a first draft is press 0"
    texts = [d.text for d in drafts]
    assert len(set(texts)) >= 28, "30 messages should rarely share a reply"
    reasons = {d.text.split("\n\n", 1)[-1] for d in drafts}
    assert len(reasons) >= 28, "not just the greeting differs"


def test_regenerate_always_changes_the_text(prompts: Prompts) -> None:
    failures = []
    for (category, tone), fields, text in itertools.product(CELLS, FIELD_SETS.values(), MESSAGES):
        first = make(prompts, category, tone, text=text, **fields)
        again = make(prompts, category, tone, text=text, variant=first.variant + 1, **fields)
        if again.text == first.text or again.variant == first.variant:
            failures.append(f"{cell(category, tone)} {fields}: {text[:30]!r}")
    assert failures == []


@pytest.mark.parametrize(
    ("category", "tone", "text"),
    [
        (Category.favor_request, Tone.pointed, MESSAGES[2]),
        (Category.scam, Tone.brief, MESSAGES[4]),
        (Category.meeting_request, Tone.firm, MESSAGES[1]),
        (Category.genuine, Tone.warm, "Thank you so much for the talk. No need to reply!"),
        (Category.genuine, Tone.warm, "Could you send me the slides from your talk?"),
    ],
)
def test_regenerate_never_repeats_a_wording_until_all_were_shown(
    prompts: Prompts, category: Category, tone: Tone, text: str
) -> None:
    """Presses 0..n-1 show n different texts, press n is the first again; each press is the
    same text every time it is asked for."""
    a = assessment(category, ask="a review")
    total = drafting.wordings(prompts, text=text, assessment=a, tone=tone, prefs=Preferences())
    assert total >= drafting.MIN_WORDINGS
    presses = min(total, 400)
    seen = [
        make(prompts, category, tone, text=text, ask="a review", variant=i).text
        for i in range(presses)
    ]
    assert len(set(seen)) == presses
    if presses == total:
        wrapped = make(prompts, category, tone, text=text, ask="a review", variant=total)
        assert wrapped.text == seen[0] and wrapped.variant == total  # the press, as given
    again = make(prompts, category, tone, text=text, ask="a review", variant=7)
    assert again.text == seen[7]


def test_each_category_and_tone_has_twenty_wordings(prompts: Prompts) -> None:
    failures = []
    for category, tone in CELLS:
        texts = {d.text for d in every_variant(prompts, category, tone, presses=20)}
        if len(texts) < 20:
            failures.append(f"{cell(category, tone)}: {len(texts)}")
    assert failures == []


def test_same_message_two_senders_first_drafts_differ(prompts: Prompts) -> None:
    """The same pitch sent by two people does not get the same sentence twice."""
    a = make(prompts, Category.sales_pitch, Tone.pointed, text=MESSAGES[0] + " Anna")
    b = make(prompts, Category.sales_pitch, Tone.pointed, text=MESSAGES[0] + " Bob")
    assert a.text != b.text


def test_variant_index_wraps_and_accepts_large_numbers(prompts: Prompts) -> None:
    a = assessment(Category.recruiting)
    n = drafting.wordings(
        prompts, text=MESSAGES[0], assessment=a, tone=Tone.warm, prefs=Preferences()
    )
    first = make(prompts, Category.recruiting, Tone.warm, variant=1)
    later = make(prompts, Category.recruiting, Tone.warm, variant=1 + 1000 * n)
    assert first.text == later.text
    assert (first.variant, later.variant) == (1, 1 + 1000 * n)  # the press, for the next one


def test_offline_engine_uses_drafting(offline_engine: object, prompts: Prompts) -> None:
    from bot.models import Incoming

    incoming = Incoming(text=MESSAGES[0], sender_name="Anna Smith")
    a = assessment(Category.sales_pitch, sender_name="Anna")
    via_engine = offline_engine.draft(incoming, a, Tone.pointed)  # type: ignore[attr-defined]
    direct = make(prompts, Category.sales_pitch, Tone.pointed, sender_name="Anna")
    assert via_engine == direct


# --------------------------------------------------------------------------- genuine replies

MAYA = (
    "Hi Maya, great to meet you at the PyData meetup on Thursday. I was the one asking about "
    "your talk on survival models for churn. You mentioned you'd be happy to share the slides; "
    "could you send them over when you get a chance? No rush at all.\n\nThanks again,\nTom"
)
OFFERS_TO_MEET = re.compile(
    r"find a time|times that work|what suits you|happy to talk|glad to talk|\bcall\b|coffee",
    re.IGNORECASE,
)
# Words that would make a promise or a fact the user never gave.
INVENTED = re.compile(
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|tonight|"
    r"next week|this week|by the end of|within|attached|i'?ve sent|here (?:they|it) (?:is|are)|"
    r"yes, i can|of course i will|i'd be happy to help)\b|\d",
    re.IGNORECASE,
)

# (the message, words every press of the reply must contain (any of), a kind's own words)
GENUINE_CASES = {
    "thanks": ("Thank you so much for the advice last year, it changed my career.", r"thank"),
    "no_reply": ("Thanks for the intro to Sam, it went great. No need to reply!", r"thank"),
    "question": (
        "Moving to Lisbon next month. Do you have any tips on neighbourhoods to live in?",
        r"come back to you|get back to you",
    ),
    "request": (MAYA, r"come back to you|get back to you"),
    "reference": (
        "Hi! I'm applying to Stripe; would you be willing to be a reference for me?",
        r"reference|vouch",
    ),
    "invitation": (
        "We'd love to invite you to give a talk at our meetup in March.",
        r"invitation|thinking of me|asked",
    ),
    "introduction": (
        "Hi Ana, Jon suggested I reach out to you about your work on search ranking.",
        r"introduction|in touch|connect",
    ),
    "catch_up": ("It's been ages since Zendesk! How have you been?", r"hear from you|message"),
    "sharing": ("Thought you'd enjoy this article on pricing psychology.", r"shar|pass|this"),
}


@pytest.mark.parametrize("kind", list(GENUINE_CASES))
def test_each_genuine_kind_gets_its_own_reply(prompts: Prompts, kind: str) -> None:
    text, must = GENUINE_CASES[kind]
    drafts = every_variant(prompts, Category.genuine, Tone.warm, text=text, presses=30)
    assert len({d.text for d in drafts}) == len(drafts)
    for d in drafts:
        assert re.search(must, d.text, re.IGNORECASE), (kind, d.text)
        assert not OFFERS_TO_MEET.search(d.text), f"offers to meet unasked: {d.text}"
        assert not INVENTED.search(d.text), f"invents a fact or commitment: {d.text}"
        assert not [s for s in SNARK if s in d.text.lower()], d.text


def test_a_question_is_answered_with_its_topic_never_an_answer(prompts: Prompts) -> None:
    text, _ = GENUINE_CASES["question"]
    drafts = every_variant(prompts, Category.genuine, Tone.warm, text=text, presses=40)
    assert any("neighbourhoods to live in" in d.text for d in drafts)
    assert all("come back to you" in d.text or "get back to you" in d.text for d in drafts)


def test_no_need_to_reply_gets_a_short_warm_line(prompts: Prompts) -> None:
    text, _ = GENUINE_CASES["no_reply"]
    for d in every_variant(prompts, Category.genuine, Tone.warm, text=text, presses=40):
        assert len(d.text) <= 90 and body_words(d.text) <= 14, d.text
        assert "come back" not in d.text and "?" not in d.text


def test_the_demo_message_is_answered_on_its_ask(prompts: Prompts) -> None:
    d = make(prompts, Category.genuine, Tone.warm, text=MAYA, sender_name="Tom")
    assert d.text.startswith("Hi Tom,") or d.text.startswith("Hello Tom,")
    assert "the slides" in d.text
    assert "PyData meetup" in d.text  # the event opening goes first when there is one
    assert not OFFERS_TO_MEET.search(d.text)


def test_only_a_message_that_asks_to_meet_gets_an_offer_to_meet(prompts: Prompts) -> None:
    asks = "Congrats on the new role, Alex! Let's grab a coffee next time you're in Sydney."
    drafts = every_variant(prompts, Category.genuine, Tone.warm, text=asks, presses=30)
    assert all(OFFERS_TO_MEET.search(d.text) for d in drafts)
    assert all(evaluation.offers_meeting(d.text) for d in drafts)
    unasked = "Congrats on the new role, Alex! Well deserved."
    drafts = every_variant(prompts, Category.genuine, Tone.warm, text=unasked, presses=30)
    assert not any(evaluation.offers_meeting(d.text) for d in drafts)


@pytest.mark.parametrize("tone", TONES)
def test_genuine_reads_warm_whatever_the_tone(prompts: Prompts, tone: Tone) -> None:
    warm = make(prompts, Category.genuine, Tone.warm, text=MAYA, sender_name="Tom", variant=3)
    other = make(prompts, Category.genuine, tone, text=MAYA, sender_name="Tom", variant=3)
    assert other == warm and other.tone is Tone.warm


# --------------------------------------------------------------------------- no assumptions

# Statements about the user's situation the engine cannot know without the profile.
ABOUT_THE_USER = re.compile(
    r"not looking|background|paid work|my clients|clients pay|my job|calendar is|"
    r"don't take (?:introductory )?calls|don't buy|keep that (?:time|work)|stretched|schedule",
    re.IGNORECASE,
)


def test_without_a_profile_no_draft_says_anything_about_the_users_situation(
    prompts: Prompts,
) -> None:
    failures = []
    for category, tone in CELLS:
        if category is Category.genuine:
            continue
        for fields in ({}, {"offer": "a new role", "ask": "a review"}):
            for d in every_variant(prompts, category, tone, presses=80, **fields):
                if ABOUT_THE_USER.search(d.text):
                    failures.append(f"{cell(category, tone)}: {d.text!r}")
    assert failures == []


@pytest.mark.parametrize(
    ("category", "profile", "said"),
    [
        (
            Category.recruiting,
            "Happy in my role at Acme, not looking for new roles.",
            "not looking",
        ),
        (Category.favor_request, "I'm a freelance UX consultant.", "paid work"),
        (Category.meeting_request, "No cold calls, please: write to me.", "introductory calls"),
        (Category.sales_pitch, "Founder at Acme. No sales pitches.", "cold pitches"),
    ],
)
def test_a_statement_about_the_user_only_when_the_profile_says_so(
    prompts: Prompts, category: Category, profile: str, said: str
) -> None:
    prefs = Preferences(profile=profile)
    with_profile = make(prompts, category, Tone.pointed, prefs=prefs)
    assert said in with_profile.text, "the profile's own reason speaks first"
    for d in every_variant(prompts, category, Tone.pointed, presses=80):
        assert said not in d.text, d.text


@settings(max_examples=80, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.sampled_from(
            [
                "Could you send me",
                "the slides at https://evil.example/x",
                "Do you have any tips on",
                "joe@evil.example.org",
                "great to meet you at the",
                "PyData meetup",
                "Jon suggested I reach out",
                "+1 (555) 010-9999",
                "What's",
                "your",
                "you",
                "?",
                "No need to reply.",
                "[Name]",
                "{first_name}",
                "x" * 70,
            ]
        ),
        max_size=10,
    )
)
def test_any_genuine_message_gives_a_safe_short_reply(prompts: Prompts, parts: list[str]) -> None:
    text = " ".join(parts)
    for d in every_variant(prompts, Category.genuine, Tone.warm, text=text, presses=5):
        assert contact_in(d.text) is None and "evil" not in d.text, d.text
        assert not re.search(r"[\[\]{}$]", d.text), d.text
        assert len(d.text) <= 300 and body_words(d.text) <= drafting.MAX_DRAFT_WORDS, d.text
