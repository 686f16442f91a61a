"""The outbox: an approval owes its reply in the same transaction; claims are exclusive."""

from __future__ import annotations

import asyncio

from bot.store import Store, outbox
from bot.store.outbox import REPLY
from tests.helpers import drafted_case


async def test_approve_owes_exactly_one_reply(store: Store):
    case = await drafted_case(store)
    first, second = await asyncio.gather(store.cases.approve(case), store.cases.approve(case))
    assert sorted([first.ok, second.ok]) == [False, True]
    assert await store.outbox.is_sent(case.id, REPLY) is False
    owed = await store.outbox.claim(case.id, REPLY)
    assert owed is not None and owed.text == case.draft.text and owed.chat_id == case.chat_id
    assert (await store.outbox.backlog()).unsent == 1


async def test_discard_owes_nothing(store: Store):
    case = await drafted_case(store)
    assert (await store.cases.discard(case)).ok
    assert await store.outbox.is_sent(case.id, REPLY) is None
    assert await store.outbox.claim_due() == []


async def test_a_claimed_message_is_nobody_elses_until_sent_or_given_back(store: Store):
    case = await drafted_case(store)
    await store.cases.approve(case)
    claims = await asyncio.gather(*(store.outbox.claim(case.id, REPLY) for _ in range(5)))
    [owed] = [c for c in claims if c is not None]
    assert await store.outbox.claim_due() == []  # held

    await store.outbox.retry(owed, 0.0, "500 Internal Server Error")
    [again] = await store.outbox.claim_due()
    assert again.id == owed.id and again.attempts == 1

    await store.outbox.sent(again, 4242)
    assert await store.outbox.is_sent(case.id, REPLY) is True
    assert await store.outbox.claim(case.id, REPLY) is None
    assert await store.outbox.claim_due() == []
    assert (await store.outbox.backlog()).unsent == 0


async def test_a_retry_waits_its_turn(store: Store):
    case = await drafted_case(store)
    await store.cases.approve(case)
    owed = await store.outbox.claim(case.id, REPLY)
    await store.outbox.retry(owed, 60.0, "429 Too Many Requests")
    assert await store.outbox.claim_due() == []  # not due for a minute
    assert (await store.outbox.backlog()).unsent == 1


async def test_forget_drops_what_is_owed(store: Store):
    case = await drafted_case(store)
    await store.cases.approve(case)
    await store.forget(case.user_id)
    assert await store.outbox.claim_due() == []
    assert (await store.outbox.backlog()).unsent == 0


async def test_two_replicas_never_claim_the_same_message(replicas):
    a, b = replicas
    case = await drafted_case(a)
    await a.cases.approve(case)
    claims = await asyncio.gather(a.outbox.claim_due(), b.outbox.claim_due())
    assert sorted(len(c) for c in claims) == [0, 1]


async def test_a_lone_process_restarting_takes_back_its_dead_claims(store: Store):
    case = await drafted_case(store)
    await store.cases.approve(case)
    assert await store.outbox.claim(case.id, REPLY) is not None  # then the process died
    assert await store.outbox.claim_due() == []
    await store.outbox.release_claims()
    [owed] = await store.outbox.claim_due()
    assert owed.case_id == case.id
    assert owed.in_doubt  # it may have reached the chat before the process died


async def test_what_may_have_reached_telegram_is_in_doubt_and_what_failed_is_not(
    store: Store, monkeypatch
):
    case = await drafted_case(store)
    await store.cases.approve(case)
    owed = await store.outbox.claim(case.id, REPLY)
    assert not owed.in_doubt
    await store.outbox.retry(owed, 0.0, "500 Internal Server Error")  # refused: not there
    [again] = await store.outbox.claim_due()
    assert not again.in_doubt

    # A claim that runs out was never given back: its sender died or hung mid-send.
    monkeypatch.setattr(outbox, "CLAIM_SECONDS", 0.05)
    await store.outbox.retry(again, 0.0, "500")
    assert await store.outbox.claim(case.id, REPLY) is not None
    await asyncio.sleep(0.1)
    [expired] = await store.outbox.claim_due()
    assert expired.in_doubt
    await store.outbox.sent(expired, 7)

    # A timeout leaves it open whether Telegram took it.
    other = await drafted_case(store)
    await store.cases.approve(other)
    timed_out = await store.outbox.claim(other.id, REPLY)
    await store.outbox.retry(timed_out, 0.0, "TimedOut", in_doubt=True)
    [doubted] = await store.outbox.claim_due()
    assert doubted.in_doubt


async def test_a_refused_message_waits_for_the_user_and_is_not_a_backlog(store: Store):
    case = await drafted_case(store)
    await store.cases.approve(case)
    owed = await store.outbox.claim(case.id, REPLY)
    await store.outbox.refused(owed, "Forbidden")
    assert await store.outbox.claim_due() == []  # no automatic retries
    assert (await store.outbox.backlog()).unsent == 0  # not stuck: blocked by the user
    assert await store.outbox.is_sent(case.id, REPLY) is False
    again = await store.outbox.claim(case.id, REPLY)  # the user pressed Approve again
    assert again is not None
    await store.outbox.sent(again, 7)
    assert await store.outbox.is_sent(case.id, REPLY) is True
