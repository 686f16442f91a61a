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
