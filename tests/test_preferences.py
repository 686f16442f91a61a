"""Preferences: validation, and what they do to offline drafts, the workflow and the LLM."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot import preferences
from bot.errors import SettingError
from bot.models import (
    CaseStatus,
    Category,
    Incoming,
    Preferences,
    StyleExample,
    Tone,
)
from bot.service import VOUCHED_SIGNAL, Cases
from bot.store import Store

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
    with pytest.raises(SettingError, match=complaint):
        preferences.set_text(Preferences(), field, value)


def test_good_text_settings_are_cleaned_and_kept():
    prefs = preferences.set_text(Preferences(), "style", "  British spelling\x00, no emoji ")
    assert prefs.style == "British spelling, no emoji"
    assert preferences.set_text(prefs, "language", "Deutsch").language == "de"
    linked = Preferences(share_links=True)
    assert preferences.set_text(linked, "signature", "Sam — https://sam.example").signature


def test_links_cannot_be_turned_off_under_a_linked_signature():
    prefs = Preferences(share_links=True, signature="https://sam.example")
    with pytest.raises(SettingError, match="signature contains a link"):
        preferences.toggle_links(prefs)
    assert preferences.toggle_links(Preferences()).share_links


def test_category_tone_and_back_to_default():
    prefs = preferences.set_category_tone(Preferences(), Category.scam, Tone.firm)
    assert prefs.tone_for(Category.scam) is Tone.firm
    assert prefs.tone_for(Category.sales_pitch) is Tone.pointed
    prefs = preferences.set_category_tone(prefs, Category.scam, None)
    assert prefs.tone_for(Category.scam) is Tone.pointed


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


# --- the workflow on a real store -----------------------------------------------------------


@pytest.fixture
async def workflow(tmp_path: Path, offline_engine):
    store = await Store.open(f"sqlite+aiosqlite:///{tmp_path}/cs.db")
    yield Cases(store, offline_engine)
    await store.close()


async def drafted(workflow: Cases, text: str, **incoming):
    case = await workflow.intake(1, 1, Incoming(text=text, **incoming))
    return await workflow.draft(case.id, 1)


async def test_a_sender_marked_genuine_is_never_called_cold_again(workflow: Cases):
    first = await drafted(workflow, PITCH, sender_name="Priya Kapoor", sender_id=77)
    assert first.assessment.category is Category.sales_pitch
    corrected = await workflow.correct(first.id, 1, Category.genuine)
    assert corrected.assessment.category is Category.genuine
    assert corrected.corrected_from is Category.sales_pitch
    assert corrected.draft.tone is Tone.warm

    again = await drafted(workflow, PITCH, sender_name="Priya Kapoor", sender_id=77)
    assert again.assessment.category is Category.genuine
    assert again.assessment.signals[0].signal == VOUCHED_SIGNAL
    assert "for my interest" not in again.draft.text
    stranger = await drafted(workflow, PITCH, sender_name="Someone Else", sender_id=78)
    assert stranger.assessment.category is Category.sales_pitch


async def test_the_third_cold_message_from_a_sender_is_flagged(workflow: Cases):
    notes = []
    for _ in range(3):
        case = await drafted(workflow, PITCH, sender_name="Priya Kapoor")
        notes.append(case.note or "")
    assert "cold message from this sender" not in notes[0] + notes[1]
    assert "3rd cold message from this sender." in notes[2]


async def test_an_edited_approved_reply_becomes_a_style_example(workflow: Cases):
    case = await drafted(workflow, PITCH, sender_name="Priya Kapoor")
    case = await workflow.edit(case, "Hi Priya, I'm all set for leads, thanks.")
    assert (await workflow.approve(case.id, 1)).ok
    prefs = await workflow.store.preferences(1)
    assert [e.text for e in prefs.examples] == ["Hi Priya, I'm all set for leads, thanks."]
    assert prefs.examples[0].category is Category.sales_pitch

    unedited = await drafted(workflow, PITCH, sender_name="Leo Grant")
    assert unedited.draft.text == "Hi Leo, I'm all set for leads, thanks."
    await workflow.approve(unedited.id, 1)
    assert await workflow.store.count_style_examples(1) == 1  # only edits teach
    assert await workflow.store.clear_style_examples(1) == 1
    assert (await workflow.store.preferences(1)).examples == []


async def test_preferences_survive_reopening_the_store(tmp_path: Path):
    url = f"sqlite+aiosqlite:///{tmp_path}/cs.db"
    store = await Store.open(url)
    prefs = Preferences(style="No exclamation marks", signature="B.", language="de")
    await store.save_preferences(5, prefs)
    await store.close()
    store = await Store.open(url)
    try:
        assert await store.preferences(5) == prefs
        assert (await store.export(5))["preferences"]["signature"] == "B."
    finally:
        await store.close()


async def test_a_correction_only_touches_an_open_case(workflow: Cases):
    case = await drafted(workflow, PITCH)
    await workflow.discard(case.id, 1)
    assert await workflow.correct(case.id, 1, Category.genuine) is None
    assert await workflow.correct(case.id, 2, Category.genuine) is None  # not theirs
    stored = await workflow.store.get_case(case.id, 1)
    assert stored.status is CaseStatus.discarded and stored.corrected_from is None


@pytest.mark.parametrize(
    ("call", "data"),
    [
        (lambda: preferences.set_text(Preferences(), "nope", "x"), ("unknown_field", "nope")),
        (lambda: preferences.set_text(Preferences(), "style", "  "), ("empty", "style")),
        (lambda: preferences.set_text(Preferences(), "language", "Klingon"),
         ("unknown_language", "language")),
        (lambda: preferences.clear(Preferences(), "nope"), ("unknown_field", "nope")),
    ],
)  # fmt: skip
def test_refusals_carry_data(call, data: tuple[str, str]) -> None:
    with pytest.raises(SettingError) as refused:
        call()
    assert (refused.value.reason, refused.value.field) == data


def test_too_long_carries_the_length_and_the_limit() -> None:
    with pytest.raises(SettingError) as refused:
        preferences.set_text(Preferences(), "signature", "x" * 121)
    e = refused.value
    assert (e.reason, e.field, e.length, e.limit) == ("too_long", "signature", 121, 120)
    assert str(e) == (
        "That signature is 121 characters; the limit is 120. "
        "Nothing was changed: send a shorter one."
    )


def test_a_link_in_the_signature_is_named() -> None:
    with pytest.raises(SettingError) as refused:
        preferences.set_text(Preferences(), "signature", "Sam, sam.example.com")
    assert (refused.value.reason, refused.value.value) == ("link_in_signature", "sam.example.com")
