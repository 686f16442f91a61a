"""Preferences: validation, and what they do to offline drafts."""

from __future__ import annotations

import pytest

from bot import preferences
from bot.errors import SettingError
from bot.models import Category, Incoming, Preferences, StyleExample, Tone
from bot.telegram import texts

PITCH = (
    "Hi Sam, thanks for connecting! I help agencies like yours generate 40+ qualified leads "
    "a month with our done-for-you lead generation. Worth a quick call? Best, Priya"
)
PROFILE = "I run a two-person design studio in Leeds. Not interested in lead generation."


# --- validation -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value", "complaint"),
    [
        ("style", "x" * 501, "limit is 500"),
        ("style", "   ", "empty"),
        ("signature", "Sam — https://sam.example", "links in replies are off"),
        ("signature", "Sam, sam@studio.example", "links in replies are off"),
        ("profile", "y" * 601, "limit is 600"),
        ("language", "Klingon", "don't know the language"),
        ("nonsense", "x", "no setting"),
    ],
)
def test_bad_text_settings_are_refused_with_a_reason(field, value, complaint):
    with pytest.raises(SettingError) as refused:
        preferences.set_text(Preferences(), field, value)
    assert complaint in refusal(refused.value)


def refusal(exc: SettingError) -> str:
    """The refusal as the bot words it."""
    return texts.setting_refused(exc.reason, exc.field, exc.value, exc.length, exc.limit)


def test_good_text_settings_are_cleaned_and_kept():
    prefs = preferences.set_text(Preferences(), "style", "  British spelling\x00, no emoji ")
    assert prefs.style == "British spelling, no emoji"
    assert preferences.set_text(prefs, "language", "Deutsch").language == "de"
    linked = Preferences(share_links=True)
    assert preferences.set_text(linked, "signature", "Sam — https://sam.example").signature


def test_links_cannot_be_turned_off_under_a_linked_signature():
    prefs = Preferences(share_links=True, signature="https://sam.example")
    with pytest.raises(SettingError) as refused:
        preferences.toggle_links(prefs)
    assert "signature contains a link" in refusal(refused.value)
    assert preferences.toggle_links(Preferences()).share_links


def test_category_tone_and_back_to_default():
    prefs = preferences.set_category_tone(Preferences(), Category.scam, Tone.firm)
    assert prefs.tone_for(Category.scam) is Tone.firm
    assert prefs.tone_for(Category.sales_pitch) is Tone.pointed
    prefs = preferences.set_category_tone(prefs, Category.scam, None)
    assert prefs.tone_for(Category.scam) is Tone.pointed


def test_genuine_is_always_warm_whatever_the_tones_say():
    prefs = preferences.set_category_tone(Preferences(), Category.genuine, Tone.deadpan)
    assert prefs.category_tones == {}
    stored = Preferences(cold_tone=Tone.deadpan, category_tones={Category.genuine: Tone.firm})
    assert stored.tone_for(Category.genuine) is Tone.warm


# --- offline drafts -------------------------------------------------------------------------


def test_offline_draft_quotes_the_profile_and_adds_the_signature(offline_engine):
    prefs = Preferences(profile=PROFILE, signature="— Sam")
    verdict = offline_engine.assess_and_draft(Incoming(text=PITCH), prefs)
    assert verdict.assessment.category is Category.sales_pitch
    assert "As my profile says: I run a two-person design studio in Leeds." in verdict.draft.text
    assert verdict.draft.text.endswith("\n\n— Sam")


def test_a_per_category_tone_wins_over_the_default(offline_engine):
    prefs = Preferences(cold_tone=Tone.deadpan, category_tones={Category.sales_pitch: Tone.brief})
    assert offline_engine.assess_and_draft(Incoming(text=PITCH), prefs).draft.tone is Tone.brief
    other = "Hi! Do you have 15 minutes for a quick call next week to explore synergies?"
    assert offline_engine.assess_and_draft(Incoming(text=other), prefs).draft.tone is Tone.deadpan


def test_offline_prefers_the_users_own_wording_greeting_the_new_sender(offline_engine):
    example = StyleExample(
        category=Category.sales_pitch,
        text="Hi Marco, not for me, but thanks for thinking of me.",
        sender_name="Marco",
        tone=Tone.pointed,
        language="en",
    )
    prefs = Preferences(examples=[example])
    verdict = offline_engine.assess_and_draft(Incoming(text=PITCH, sender_name="Priya K"), prefs)
    assert verdict.draft.text == "Hi Priya, not for me, but thanks for thinking of me."
    # Another tone asks for the templates; Regenerate moves on to them too.
    firm = offline_engine.assess_and_draft(Incoming(text=PITCH), prefs, tone=Tone.firm)
    assert "thinking of me" not in firm.draft.text
    again = offline_engine.draft(
        Incoming(text=PITCH), verdict.assessment, Tone.pointed, prefs, variant=1
    )
    assert again.text != verdict.draft.text
