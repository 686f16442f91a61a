"""The workflow on a real store: intake, drafting, what the user's judgements change."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.models import CaseStatus, Category, Incoming, Preferences, Tone
from bot.service import MARKED_COLD_SIGNAL, VOUCHED_SIGNAL, Service
from bot.store import Store
from bot.telegram import render, texts
from tests.helpers import UnsureEngine

PITCH = (
    "Hi Sam, thanks for connecting! I help agencies like yours generate 40+ qualified leads "
    "a month with our done-for-you lead generation. Worth a quick call? Best, Priya"
)

FRIENDLY = (
    "Hi Sam, it was great meeting you at the Berlin product meetup on Thursday. As promised, "
    "here is the name of the book I mentioned: Working in Public. Enjoy! Marta"
)
NO_COLD_READING = "Hi Sam, good to see you again yesterday. Marta"


@pytest.fixture
async def service(database_url: str, offline_engine):
    store = await Store.open(database_url)
    yield Service(store, offline_engine)
    await store.close()


@pytest.fixture
async def unsure(database_url: str, offline_engine):
    """The offline engine, unsure of the pitch (or genuine?), the friendly note (or a meeting
    request?) and a note it names no cold reading for."""
    engine = UnsureEngine(
        offline_engine,
        {PITCH: Category.genuine, FRIENDLY: Category.meeting_request, NO_COLD_READING: None},
    )
    store = await Store.open(database_url)
    yield Service(store, engine)
    await store.close()


async def drafted(service: Service, text: str, message_id: int | None = None, **incoming):
    pending = await service.intake(1, 1, Incoming(text=text, message_id=message_id, **incoming))
    return await service.draft(pending)


async def test_a_sender_marked_genuine_is_never_called_cold_again(service: Service):
    first = await drafted(service, PITCH, sender_name="Priya Kapoor", sender_id=77)
    assert first.assessment.category is Category.sales_pitch
    corrected = await service.correct(first, Category.genuine)
    assert corrected.assessment.category is Category.genuine
    assert corrected.corrected_from is Category.sales_pitch
    assert corrected.draft.tone is Tone.warm
    assert await service.case(first.id, 1) == corrected

    again = await drafted(service, PITCH, sender_name="Priya Kapoor", sender_id=77)
    assert again.assessment.category is Category.genuine
    assert again.assessment.signals[0].signal == VOUCHED_SIGNAL
    assert "for my interest" not in again.draft.text
    assert await service.case(again.id, 1) == again
    stranger = await drafted(service, PITCH, sender_name="Someone Else", sender_id=78)
    assert stranger.assessment.category is Category.sales_pitch


async def test_the_third_cold_message_from_a_sender_is_flagged(service: Service):
    cases = [await drafted(service, PITCH, sender_name="Priya Kapoor") for _ in range(3)]
    assert [c.earlier_cold for c in cases] == [0, 1, 2]
    cards = [render.card(c) for c in cases]
    assert "cold message from this sender" not in cards[0] + cards[1]
    assert "3rd cold message from this sender." in cards[2]
    assert await service.case(cases[2].id, 1) == cases[2]


async def test_an_edited_approved_reply_becomes_a_style_example(service: Service):
    case = await drafted(service, PITCH, sender_name="Priya Kapoor")
    case = await service.edit(case, "Hi Priya, I'm all set for leads, thanks.")
    assert (await service.approve(case)).ok
    prefs = await service.preferences(1)
    assert [e.text for e in prefs.examples] == ["Hi Priya, I'm all set for leads, thanks."]
    assert prefs.examples[0].category is Category.sales_pitch
    assert (prefs.examples[0].tone, prefs.examples[0].language) == (Tone.pointed, "en")

    unedited = await drafted(service, PITCH, sender_name="Leo Grant")
    assert unedited.draft.text == "Hi Leo, I'm all set for leads, thanks."
    assert unedited.draft.learned and texts.CARD_DRAFT_LEARNED in render.card(unedited)
    await service.approve(unedited)
    assert await service.learned_examples(1) == {Category.sales_pitch: 1}  # only edits teach
    assert await service.clear_examples(1) == 1
    assert (await service.preferences(1)).examples == []


async def test_a_redelivered_message_shows_its_card_only_when_nobody_else_is(service: Service):
    case = await drafted(service, PITCH, message_id=41)
    again = Incoming(text=PITCH, message_id=41)
    assert await service.intake(1, 1, again) is None  # the drafter is sending the card
    await service.card_unsent(case)  # ... and failed
    redelivered = await service.intake(1, 1, again)
    assert redelivered is not None and redelivered.case.id == case.id
    assert await service.intake(1, 1, again) is None  # now the redelivery holds it


async def test_a_learned_reply_carries_the_signature_once(service: Service):
    await service.change_preferences(1, lambda p: p.model_copy(update={"signature": "— Sam"}))
    case = await drafted(service, PITCH, sender_name="Priya Kapoor")
    assert case.draft.text.endswith("\n\n— Sam")
    case = await service.edit(case, "Hi Priya, thank you for my interest, but no.\n\n— Sam")
    assert (await service.approve(case)).ok

    again = await drafted(service, PITCH, sender_name="Leo Grant")
    assert again.draft.text == "Hi Leo, thank you for my interest, but no.\n\n— Sam"


async def test_preferences_survive_reopening_the_store(tmp_path: Path):
    url = f"sqlite+aiosqlite:///{tmp_path}/cs.db"
    store = await Store.open(url)
    prefs = Preferences(style="No exclamation marks", signature="B.", language="de")
    await store.users.save_preferences(5, prefs)
    await store.close()
    store = await Store.open(url)
    try:
        assert await store.users.preferences(5) == prefs
        assert (await store.export(5))["preferences"]["signature"] == "B."
    finally:
        await store.close()


async def test_a_correction_only_touches_an_open_case(service: Service):
    case = await drafted(service, PITCH)
    assert (await service.discard(case)).ok
    assert await service.correct(case, Category.genuine) is None
    assert await service.case(case.id, 2) is None  # not theirs
    stored = await service.case(case.id, 1)
    assert stored.status is CaseStatus.discarded and stored.corrected_from is None


async def test_what_the_service_returns_is_what_the_store_holds(service: Service):
    """Writes build the case in memory instead of loading it again: the two must agree."""
    case = await drafted(service, PITCH, message_id=10, sender_name="Priya Kapoor")
    assert await service.case(case.id, 1) == case
    case = await service.card_sent(case, 555)
    case = await service.regenerate(case)
    assert case.draft.version == 2
    assert await service.case(case.id, 1) == case
    case = await service.retone(case, Tone.brief)
    case = await service.edit(case, "  My own words.  ")
    assert await service.case(case.id, 1) == case
    approved = (await service.approve(case)).case
    assert approved.status is CaseStatus.approved and approved.approved_text == "My own words."
    assert await service.case(case.id, 1) == approved
    again = await service.approve(case)
    assert not again.ok and again.case.status is CaseStatus.approved


async def test_a_redelivered_message_is_one_case(service: Service):
    case = await drafted(service, PITCH, message_id=42)
    # Drafted, its card on the way: the redelivery leaves it to the drafter.
    assert await service.intake(1, 1, Incoming(text=PITCH, message_id=42)) is None
    await service.card_sent(case, 7)
    assert await service.intake(1, 1, Incoming(text=PITCH, message_id=42)) is None
    assert await service.count_cases(1) == 1


async def test_an_uncertain_case_holds_its_draft_back_until_the_user_picks(unsure: Service):
    case = await drafted(unsure, PITCH, sender_name="Priya Kapoor", sender_id=77)
    assert case.assessment.uncertain and case.assessment.category is Category.sales_pitch
    assert case.assessment.alternative is Category.genuine
    assert not case.draft_shown
    assert await unsure.case(case.id, 1) == case

    picked = await unsure.correct(case, Category.genuine)

    assert not picked.assessment.uncertain and picked.draft_shown
    assert picked.assessment.category is Category.genuine
    assert picked.corrected_from is Category.sales_pitch
    assert picked.draft.version == 2 and picked.draft.tone is Tone.warm
    assert await unsure.case(case.id, 1) == picked


async def test_a_sender_picked_as_cold_is_not_asked_about_again(unsure: Service):
    first = await drafted(unsure, FRIENDLY, sender_name="Marta Ruiz", sender_id=88)
    assert first.assessment.uncertain and first.assessment.category is Category.genuine
    picked = await unsure.correct(first, Category.sales_pitch)
    assert picked.corrected_from is Category.genuine and picked.draft.tone is Tone.pointed

    again = await drafted(unsure, FRIENDLY, sender_name="Marta Ruiz", sender_id=88)

    # Cold, by the user's word on the sender; which cold category is this message's reading.
    assert not again.assessment.uncertain and again.draft_shown
    assert again.assessment.category is Category.meeting_request
    assert again.assessment.signals[0].signal == MARKED_COLD_SIGNAL
    assert again.draft.tone is Tone.pointed
    assert await unsure.case(again.id, 1) == again
    stranger = await drafted(unsure, FRIENDLY, sender_name="Marta Ruiz", sender_id=89)
    assert stranger.assessment.uncertain and not stranger.draft_shown


async def test_a_vouched_sender_is_genuine_and_not_asked_about_again(unsure: Service):
    for text, sender in ((FRIENDLY, 90), (PITCH, 91)):  # the engine's guess genuine, then cold
        first = await drafted(unsure, text, sender_id=sender)
        await unsure.correct(first, Category.genuine)

        again = await drafted(unsure, text, sender_id=sender)

        assert again.assessment.category is Category.genuine, text
        assert not again.assessment.uncertain and again.draft_shown
        assert again.assessment.signals[0].signal == VOUCHED_SIGNAL
        assert again.draft.tone is Tone.warm
        assert await unsure.case(again.id, 1) == again


async def test_a_cold_sender_is_still_asked_when_the_engine_names_no_cold_reading(
    unsure: Service,
):
    first = await drafted(unsure, NO_COLD_READING, sender_id=92)
    await unsure.correct(first, Category.recruiting)

    again = await drafted(unsure, NO_COLD_READING, sender_id=92)

    assert again.assessment.uncertain and not again.draft_shown


async def test_regenerate_never_shows_a_wording_twice_across_edits_and_tone_changes(
    service: Service,
):
    """Issue 13: Regenerate walks the case's wordings; an edit or a Tone detour does not send
    it back to one already shown."""
    case = await drafted(service, PITCH)
    tone = case.draft.tone
    shown = [case.draft.text]
    for _ in range(4):
        case = await service.regenerate(case)
        shown.append(case.draft.text)
    case = await service.edit(case, "My own words.")
    case = await service.regenerate(case)
    shown.append(case.draft.text)
    case = await service.retone(case, Tone.brief)
    case = await service.retone(case, tone)  # back again: not the first wording a second time
    shown.append(case.draft.text)
    case = await service.regenerate(case)
    shown.append(case.draft.text)
    assert len(set(shown)) == len(shown) == 8
    assert [d.variant for d in case.drafts if d.tone is tone and not d.edited] == list(range(8))


async def test_a_genuine_card_counts_every_draft_whatever_the_tone(service: Service):
    case = await drafted(service, "Thank you so much for the talk last week, it was wonderful.")
    assert case.assessment.category is Category.genuine
    first = case.draft.text
    case = await service.retone(case, Tone.deadpan)
    assert case.draft.tone is Tone.warm and case.draft.text != first
    case = await service.regenerate(case)
    assert len({d.text for d in case.drafts}) == 3
