"""Slots: the sender's first name, what they offer, what they ask."""

from __future__ import annotations

import pytest

from bot.engine.offline import classify, slots
from bot.models import Category


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Would you be open to a chat next week?\n\nBest,\nMaria", "Maria"),
        ("Quick question about your roadmap.\nThanks, Jonas", "Jonas"),
        ("Hi, I'm Priya from Growthly and we help startups scale.", "Priya"),
        ("Hello there. My name is Tomasz and I run a design studio.", "Tomasz"),
        ("Did you receive my previous email?\nRegards,\nSgt. Rebecca.", "Rebecca"),
        ("Let me know what you think.\n\nCheers,\n[Your Name]", None),
        ("Let me know what you think.\n\nBest regards,\nThe Growth Team", None),
        ("I'm writing to ask about your service. I'm interested in the pro plan.", None),
        ("Thanks!\nBest", None),
        ("Do you have 15 minutes this week for a quick call? Best, Priya", "Priya"),
        ("Great to connect. Thank you for connecting!", None),
        ("Would love your thoughts. Thanks so much. Cheers", None),
        ("", None),
    ],
)
def test_sender_name(text: str, name: str | None) -> None:
    assert slots.sender_name(text) == name
    assert classify.assess(text).sender_name == name


@pytest.mark.parametrize(
    ("text", "offer", "ask"),
    [
        (
            "We help agencies like yours with lead generation. Worth a 15-minute call?",
            "lead generation",
            "a 15-minute call",
        ),
        (
            "Our SEO services put clients on the first page of Google. Can we hop on a quick call?",
            "SEO services",
            "a quick call",
        ),
        ("Could you write me a short testimonial for my coaching page?", None, "a testimonial"),
        ("Would you be willing to endorse me for Python on LinkedIn?", None, "an endorsement"),
        (
            "Let's exchange links: I'll link to your blog if you link to mine.",
            "a link exchange",
            "a link exchange",
        ),
    ],
)
def test_offer_and_ask(text: str, offer: str | None, ask: str | None) -> None:
    a = classify.assess(text)
    assert a.category.is_cold
    assert a.offer == offer
    assert a.ask == ask


def test_scam_slots_never_echo_the_bait() -> None:
    a = classify.assess("Verify your account now: login here or your mailbox will be closed.")
    assert a.category is Category.scam
    assert a.offer is None and a.ask is None


# --------------------------------------------------------------------------- genuine messages

MAYA = (
    "Hi Maya, great to meet you at the PyData meetup on Thursday. I was the one asking about "
    "your talk on survival models for churn. You mentioned you'd be happy to share the slides; "
    "could you send them over when you get a chance? No rush at all.\n\nThanks again,\nTom"
)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Thank you so much for the recommendation letter! No need to reply.", "no_reply"),
        ("Loved your talk. Don't feel you need to respond, just wanted to say thanks.", "no_reply"),
        ("Would you be willing to be a reference for me? I'm applying to Stripe.", "reference"),
        ("Could you write me a letter of recommendation for the MSc?", "reference"),
        ("We'd love to invite you to give a talk at our meetup in March.", "invitation"),
        ("Hi Ana, Jon suggested I reach out to you about your work on search.", "introduction"),
        ("It's been ages! How have you been? We should catch up.", "catch_up"),
        (MAYA, "request"),
        ("Moving to Lisbon next month. Do you have any tips on neighbourhoods?", "question"),
        ("What's the title of that book you mentioned at dinner?", "question"),
        ("Thought you'd enjoy this article on pricing.", "sharing"),
        ("Thank you for your support over the years, it meant a lot.", "thanks"),
        ("Congratulations on the new role!", "thanks"),
        ("Hope the move went well.", "note"),
    ],
)
def test_genuine_kind(text: str, kind: str) -> None:
    assert slots.genuine_kind(text).value == kind


@pytest.mark.parametrize(
    ("text", "question"),
    [
        ("Do you have any tips on neighbourhoods to live in?", "neighbourhoods to live in"),
        ("What's the title of that book you mentioned?", "the title of that book I mentioned"),
        ("Any thoughts on my plan for the launch?", "your plan for the launch"),
        ("How are you?", None),
        ("What do you think about it?", None),  # "you" cannot be said back without a guess
    ],
)
def test_question_is_phrased_from_the_replys_side(text: str, question: str | None) -> None:
    assert slots.question(text) == question


@pytest.mark.parametrize(
    ("text", "thing"),
    [
        (MAYA, "the slides"),  # "send them over" is what was named before
        ("Could you send me the link to the repo you showed?", "the link to the repo I showed"),
        ("Can you take a look at my PR before standup?", "your PR"),
        ("Could you send it over?", None),  # nothing named it
        ("Please send https://evil.example/x when you can.", None),
    ],
)
def test_request_is_phrased_from_the_replys_side(text: str, thing: str | None) -> None:
    assert slots.request(text) == thing


def test_event_contact_and_meeting() -> None:
    assert slots.event(MAYA) == "the PyData meetup"
    assert slots.met_in_person(MAYA)
    assert slots.event("Thanks for speaking at our summit.") == "your summit"
    assert slots.mutual_contact("Hi Ana, Jon suggested I reach out to you.") == "Jon"
    assert slots.mutual_contact("I was referred to you by Priya at Acme.") == "Priya"
    assert slots.mutual_contact("Thanks suggested I reach out.") is None
    assert slots.asks_to_meet("Hey Raj, quick call today? The deploy is failing.")
    assert slots.asks_to_meet("Let's grab a coffee next time you're in Sydney.")
    assert not slots.asks_to_meet(MAYA)
    assert not slots.asks_to_meet("Thank you for taking the time to speak with me on Tuesday.")


@pytest.mark.parametrize(
    ("text", "kind", "meet"),
    [
        (
            "We were in Leadership Ann Arbor together. So what's been up with you?",
            "catch_up",
            False,
        ),
        (
            "Friend A, meet Friend B! Hope you two get a chance to meet sometime!",
            "introduction",
            False,
        ),
        ("I hope I can get on your calendar for 30 minutes next week.", None, True),
        ("Lets talk. I'd like to speak to you for just 5 min at the conference.", None, True),
    ],
)
def test_harder_readings(text: str, kind: str | None, meet: bool) -> None:
    if kind:
        assert slots.genuine_kind(text).value == kind
    assert slots.asks_to_meet(text) is meet
