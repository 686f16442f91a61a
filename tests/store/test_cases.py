"""Cases in the store, on a real SQLite file and a real PostgreSQL database: transitions,
races (within one process and across two replicas), forget/export.

Every test taking `store` or `database_url` runs on both.
"""

from __future__ import annotations

import asyncio

from bot.models import (
    CaseStatus,
    Category,
    Draft,
    Incoming,
    Tone,
)
from bot.store import Store
from tests.helpers import OWNER, drafted_case, make_verdict, new_case

USER = OWNER
OTHER = 2002


async def test_case_lifecycle_keeps_every_draft(store: Store):
    case = await drafted_case(store)
    assert case.status is CaseStatus.drafted
    assert case.assessment and case.assessment.category is Category.meeting_request
    assert case.assessment.signals[0].quote == "Quick 15-minute call"

    second = Draft(tone=Tone.firm, text="No, thank you.", variant=1)
    case = await store.cases.add_draft(case, second)
    edited = Draft(tone=Tone.firm, text="My own words.")
    case = await store.cases.add_draft(case, edited, edited=True)
    assert [d.version for d in case.drafts] == [1, 2, 3]
    assert case.draft.text == "My own words." and case.draft.edited

    assert await store.cases.get(case.id, USER) == case
    result = await store.cases.approve(case)
    assert result.ok
    assert result.case.status is CaseStatus.approved
    assert result.case.approved_text == "My own words."
    assert await store.cases.get(case.id, USER) == result.case
    # A closed case takes no more drafts.
    assert await store.cases.add_draft(case, second) is None


async def test_an_uncertain_verdict_is_stored_with_its_draft_held_back(store: Store):
    case = await new_case(store, text="Hi! Quick 15-minute call?", sender_name="Anna Smith")
    verdict = make_verdict()
    asks = verdict.assessment.model_copy(
        update={"uncertain": True, "alternative": Category.genuine}
    )

    saved = (
        await store.cases.save_verdict(
            case, verdict.model_copy(update={"assessment": asks}), "name:anna smith"
        )
    ).case

    assert saved.draft_shown is False and saved.assessment.uncertain
    assert saved.draft.text == verdict.draft.text  # kept, only not shown
    stored = await store.cases.get(case.id, USER)
    assert stored == saved and stored.assessment.alternative is Category.genuine

    # The user's pick: the service hands the store a settled assessment and its new draft.
    picked = asks.model_copy(update={"category": Category.genuine, "uncertain": False})
    warm = Draft(tone=Tone.warm, text="Happy to, how about Tuesday?")
    corrected = await store.cases.correct(saved, picked, warm)

    assert corrected.draft_shown and not corrected.assessment.uncertain
    assert corrected.corrected_from is Category.meeting_request
    assert corrected.draft.text == warm.text and corrected.draft.version == 2
    assert await store.cases.get(case.id, USER) == corrected


async def test_second_approve_changes_nothing(store: Store):
    case = await drafted_case(store)
    first, second = await store.cases.approve(case), await store.cases.approve(case)
    assert first.ok and not second.ok
    assert second.case.status is CaseStatus.approved


async def test_the_reply_owed_knows_the_card_that_was_pressed(store: Store):
    case = await drafted_case(store)
    assert case.card_message_id is None  # pressed before the card's id was recorded
    assert (await store.cases.approve(case, card_message_id=77)).ok
    [owed] = await store.outbox.claim_due()
    assert (owed.card_message_id, owed.chat_id, owed.text) == (77, case.chat_id, case.draft.text)

    other = await drafted_case(store)
    other = await store.cases.set_card_message(other, 88)
    assert (await store.cases.approve(other)).ok
    [owed] = await store.outbox.claim_due()
    assert owed.card_message_id == 88


async def test_approve_racing_discard_has_one_winner(store: Store):
    for _ in range(5):
        case = await drafted_case(store)
        results = await asyncio.gather(
            store.cases.approve(case), store.cases.discard(case), store.cases.approve(case)
        )
        assert sum(r.ok for r in results) == 1
        final = await store.cases.get(case.id, USER)
        winner = next(r for r in results if r.ok)
        assert final.status is winner.case.status


async def test_other_users_cannot_touch_a_case(store: Store):
    case = await drafted_case(store)
    assert await store.cases.get(case.id, OTHER) is None
    forged = case.model_copy(update={"user_id": OTHER})
    assert not (await store.cases.approve(forged)).ok
    assert not (await store.cases.discard(forged)).ok
    assert await store.cases.add_draft(forged, Draft(tone=Tone.brief, text="x")) is None
    assert (await store.cases.get(case.id, USER)).status is CaseStatus.drafted
    assert await store.cases.get(999_999, USER) is None


async def test_discarded_case_can_be_reopened(store: Store):
    case = await drafted_case(store)
    discarded = await store.cases.discard(case)
    assert discarded.ok
    reopened = await store.cases.reopen(discarded.case)
    assert reopened.ok and reopened.case.status is CaseStatus.drafted
    assert not (await store.cases.reopen(discarded.case)).ok


async def test_split_paste_parts_join_one_case(store: Store):
    pending = CaseStatus.pending
    first = await new_case(store, text="part one", status=CaseStatus.collecting)
    joined = await store.cases.intake(USER, USER, Incoming(text="part two"), 2.0, pending)
    assert joined.case is None and not joined.new
    elsewhere = await store.cases.intake(OTHER, OTHER, Incoming(text="x"), 2.0, pending)
    assert elsewhere.case is not None and elsewhere.new
    done = store.cases.finish_collecting
    assert await done(first.id, quiet_for=5.0) is False  # parts still fresh
    assert await done(first.id, quiet_for=0.0) is True
    assert await done(first.id, quiet_for=0.0) is None  # already moved on
    case = await store.cases.get(first.id, USER)
    assert case.incoming.text == "part one\npart two"
    assert case.status is CaseStatus.pending


async def test_unfinished_cases_are_found_after_a_restart(database_url: str):
    store = await Store.open(database_url)
    pending = await new_case(store, text="never drafted")
    no_card = await drafted_case(store)
    shown = await drafted_case(store)
    await store.cases.set_card_message(shown, 5)
    await store.close()

    store = await Store.open(database_url)
    held = {c.id for c in await store.cases.unfinished(collecting_window=2.0, idle_for=60)}
    assert held == set()  # its drafter holds the card; the pending one is too fresh
    await store.cases.release_cards()  # what a lone process does at start-up
    found = {c.id for c in await store.cases.unfinished(collecting_window=2.0)}
    again = await store.cases.unfinished(collecting_window=2.0, idle_for=5)
    await store.close()
    assert found == {pending.id, no_card.id}
    assert again == []  # claimed by the first look


async def test_one_sender_at_a_time_holds_a_cards_claim(store: Store):
    case = await drafted_case(store)
    assert await store.cases.claim_card(case.id) is False  # its drafter holds it
    await store.cases.release_card(case.id)
    assert await store.cases.claim_card(case.id) is True
    assert await store.cases.claim_card(case.id) is False
    await store.cases.set_card_message(case, 7)
    await store.cases.release_card(case.id)
    assert await store.cases.claim_card(case.id) is False  # shown: nothing owed


async def test_a_failed_card_send_is_owed_again_at_once(store: Store):
    case = await drafted_case(store)
    assert await store.cases.unfinished(collecting_window=2.0) == []
    await store.cases.release_card(case.id)
    assert [c.id for c in await store.cases.unfinished(collecting_window=2.0)] == [case.id]


async def test_forget_deletes_everything_and_counts(store: Store):
    await drafted_case(store)
    case = await drafted_case(store)
    await store.cases.add_draft(case, Draft(tone=Tone.brief, text="again"))
    kept = await drafted_case(store, user=OTHER)
    gone = await store.forget(USER)
    assert (gone.cases, gone.drafts) == (2, 3)
    assert await store.cases.recent(USER) == []
    assert await store.cases.count(USER) == 0
    assert await store.cases.count(OTHER) == 1
    assert (await store.cases.get(kept.id, OTHER)) is not None


async def test_export_holds_cases_and_drafts(store: Store):
    case = await drafted_case(store)
    data = await store.export(USER)
    assert data["user_id"] == USER
    assert [c["id"] for c in data["cases"]] == [case.id]
    assert data["cases"][0]["drafts"][0]["text"].startswith("Thanks for my interest")


async def test_token_usage_adds_up_per_case(store: Store):
    from bot.models import Usage

    case = await new_case(store, text="Quick call?")
    verdict = make_verdict()
    verdict.draft.usage = Usage(prompt_tokens=1000, completion_tokens=60)
    case = (await store.cases.save_verdict(case, verdict, None)).case
    again = Draft(
        tone=Tone.firm,
        text="No.",
        engine="llm",
        usage=Usage(prompt_tokens=900, completion_tokens=20),
    )
    case = await store.cases.add_draft(case, again)
    assert (case.usage.prompt_tokens, case.usage.completion_tokens) == (1900, 80)
    exported = await store.export(USER)
    assert exported["cases"][0]["usage"] == {"prompt_tokens": 1900, "completion_tokens": 80}


async def test_a_sender_name_longer_than_its_column_is_cut_not_refused(store: Store):
    # A signed channel post: signature and channel title can each be 128 characters.
    name = f"{'A' * 128} ({'B' * 128})"
    case = await new_case(store, text="Quick call?", sender_name=name)
    assert case.incoming.sender_name == name[:256]
    saved = (await store.cases.save_verdict(case, make_verdict(), None)).case
    assert saved.incoming.sender_name == name[:256]
    assert await store.cases.get(case.id, USER) == saved


# --- two replicas on one database ---------------------------------------------------------


async def test_two_replicas_racing_approve_and_discard_have_one_winner(replicas):
    a, b = replicas
    for _ in range(5):
        case = await drafted_case(a)
        presses = [
            (store.cases.discard if i % 3 == 0 else store.cases.approve)(case)
            for i, store in enumerate([a, b] * 8)
        ]
        results = await asyncio.gather(*presses)
        assert sum(r.ok for r in results) == 1
        winner = next(r for r in results if r.ok)
        final = await b.cases.get(case.id, USER)
        assert final.status is winner.case.status
        assert (final.approved_text is not None) == (final.status is CaseStatus.approved)


async def test_two_replicas_adding_drafts_number_every_version_once(replicas):
    a, b = replicas
    case = await drafted_case(a)
    drafts = [Draft(tone=Tone.firm, text=f"take {i}", variant=i) for i in range(10)]
    added = await asyncio.gather(
        *((a, b)[i % 2].cases.add_draft(case, d) for i, d in enumerate(drafts))
    )
    assert all(c is not None for c in added)
    final = await a.cases.get(case.id, USER)
    assert [d.version for d in final.drafts] == list(range(1, 12))
    assert {d.text for d in final.drafts[1:]} == {d.text for d in drafts}


async def test_two_replicas_joining_parts_of_one_paste_lose_none(replicas):
    a, b = replicas
    first = await new_case(a, text="part 0", status=CaseStatus.collecting)
    joined = await asyncio.gather(
        *(
            (a, b)[i % 2].cases.intake(USER, USER, Incoming(text=f"part {i}"), 60, first.status)
            for i in range(1, 9)
        )
    )
    assert [j.case for j in joined] == [None] * 8
    text = (await b.cases.get(first.id, USER)).incoming.text
    assert sorted(text.split("\n")) == [f"part {i}" for i in range(9)]


async def test_drafts_added_at_once_all_land_with_distinct_versions(database_url: str):
    """A double-tap on Regenerate: two drafts for one case at the same moment."""
    store = await Store.open(database_url)
    try:
        case = await drafted_case(store)
        drafts = [Draft(tone=Tone.brief, text=f"draft {i}") for i in range(8)]
        results = await asyncio.gather(*(store.cases.add_draft(case, d) for d in drafts))
        assert all(r is not None for r in results)
        final = await store.cases.get(case.id, USER)
        assert sorted(d.version for d in final.drafts) == list(range(1, 10))
        assert {d.text for d in final.drafts} >= {d.text for d in drafts}
    finally:
        await store.close()


async def test_messages_without_a_telegram_id_are_never_taken_for_each_other(store: Store):
    """Only a Telegram message id makes two intakes the same message (CLI and fixed text
    have none)."""
    first = await new_case(store, text="one")
    second = await new_case(store, text="two")
    assert first.id != second.id
    again = await store.cases.intake(
        USER, USER, Incoming(text="one", message_id=9), 2.0, first.status
    )
    repeat = await store.cases.intake(
        USER, USER, Incoming(text="one", message_id=9), 2.0, first.status
    )
    assert again.new and not repeat.new and repeat.case.id == again.case.id
    assert await store.cases.count(USER) == 3
