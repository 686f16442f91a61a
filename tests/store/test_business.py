"""Telegram Business in the store: connections, chats, the allowlist, and the messages in the
owner's chat that become cases (one case per minute per person, edits, deletions)."""

from __future__ import annotations

from datetime import timedelta

from bot.models import BusinessConnection, BusinessState, CaseStatus, Incoming
from bot.store import Store
from bot.store.outbox import REPLY
from bot.store.schema import utcnow
from tests.helpers import OWNER, make_verdict

CUSTOMER = 777


def connection(**overrides) -> BusinessConnection:
    values = {"id": "bc1", "user_id": OWNER, "user_chat_id": OWNER, "can_reply": True}
    return BusinessConnection(**(values | overrides))


def message(text: str, message_id: int) -> Incoming:
    return Incoming(text=text, sender_name="Priya Patel", sender_id=CUSTOMER, message_id=message_id)


async def stored(store: Store, text: str = "Quick call?", message_id: int = 1, **kw):
    conn = kw.pop("conn", None) or connection()
    return await store.business.store_message(conn, CUSTOMER, message(text, message_id), utcnow())


async def test_a_connection_is_stored_and_a_pause_survives_an_update(store: Store):
    assert await store.business.save_connection(connection()) is None
    assert await store.business.set_paused(OWNER, True) == 1
    before = await store.business.save_connection(connection(can_reply=False))
    assert before is not None and before.can_reply
    now = await store.business.connection("bc1")
    assert now is not None and now.paused and not now.can_reply


async def test_messages_within_a_minute_are_one_case_and_a_redelivery_is_nothing(store: Store):
    await store.business.save_connection(connection())
    first = await stored(store, "Hi Sam!", 10)
    assert first.new and first.case is not None
    case = first.case
    assert case.chat_id == OWNER and case.incoming.source == "business"
    assert case.business is not None and case.business.chat_id == CUSTOMER
    assert case.business.blocked is None and case.business.name == "Priya Patel"
    second = await stored(store, "Quick call this week?", 11)
    assert not second.new and second.case is not None and second.case.id == case.id
    assert second.case.incoming.text == "Hi Sam!\nQuick call this week?"
    again = await stored(store, "Quick call this week?", 11)
    assert again.case is None


async def test_an_edit_rewrites_and_a_deletion_closes(store: Store):
    await store.business.save_connection(connection())
    case = (await stored(store, "Hi", 10)).case
    await stored(store, "Buy now", 11)
    edited = await store.business.edit_message("bc1", CUSTOMER, 11, "Buy today")
    assert edited is not None and edited.incoming.text == "Hi\nBuy today"
    closed, changed = await store.business.delete_messages("bc1", CUSTOMER, [11])
    assert closed == [] and [c.incoming.text for c in changed] == ["Hi"]
    closed, changed = await store.business.delete_messages("bc1", CUSTOMER, [10])
    assert [c.id for c in closed] == [case.id] and changed == []
    assert closed[0].status is CaseStatus.discarded
    assert closed[0].business.state is BusinessState.deleted


async def test_the_owner_writing_closes_open_cases_and_marks_the_chat(store: Store):
    conn = connection()
    await store.business.save_connection(conn)
    case = (await stored(store)).case
    closed = await store.business.owner_wrote(conn, CUSTOMER)
    assert [c.id for c in closed] == [case.id]
    assert closed[0].business.state is BusinessState.answered
    chat = await store.business.chat("bc1", CUSTOMER)
    assert chat is not None and chat.answered


async def test_approve_owes_the_reply_in_the_owners_chat_or_copy_ready(store: Store):
    await store.business.save_connection(connection())
    case = (await stored(store)).case
    drafted = (await store.cases.save_verdict(case, make_verdict(), None)).case
    result = await store.cases.approve(drafted)
    assert result.ok and result.case.business.state is BusinessState.sent
    owed = await store.outbox.claim(case.id, REPLY)
    assert owed.chat_id == CUSTOMER and owed.business_connection_id == "bc1"
    # Telegram refused it there: the owner gets it to paste.
    handed = await store.outbox.hand_over(owed, "refused")
    assert handed.chat_id == OWNER and handed.business_connection_id is None
    refused = await store.cases.get(case.id, OWNER)
    assert refused.business.state is BusinessState.refused

    await store.business.save_connection(connection(id="bc2", can_reply=False))
    other = (await stored(store, "Another", 20, conn=connection(id="bc2", can_reply=False))).case
    assert other.business.blocked == "no_reply"
    drafted = (await store.cases.save_verdict(other, make_verdict(), None)).case
    assert (await store.cases.approve(drafted)).ok
    owed = await store.outbox.claim(other.id, REPLY)
    assert owed.chat_id == OWNER and owed.business_connection_id is None
    assert owed.note == "no_reply"


async def test_the_reply_window_closes_24_hours_after_their_last_message(store: Store):
    await store.business.save_connection(connection())
    old = utcnow() - timedelta(hours=25)
    stored_old = await store.business.store_message(connection(), CUSTOMER, message("x", 1), old)
    assert stored_old.case.business.blocked == "window"


async def test_allowlist_mute_export_and_forget(store: Store):
    await store.business.save_connection(connection())
    await stored(store)
    await store.business.allow(OWNER, CUSTOMER, "Priya Patel")
    assert await store.business.is_allowed(OWNER, CUSTOMER)
    assert await store.business.set_muted(OWNER, CUSTOMER, True) == 1
    assert [c.chat_id for c in await store.business.muted_chats(OWNER)] == [CUSTOMER]
    exported = await store.export(OWNER)
    assert exported["business"]["connections"][0]["id"] == "bc1"
    assert exported["business"]["allowlist"] == [{"sender_id": CUSTOMER, "name": "Priya Patel"}]
    assert exported["business"]["chats"][0]["muted"] is True
    assert exported["cases"][0]["business"]["chat_id"] == CUSTOMER
    gone = await store.forget(OWNER)
    assert gone.cases == 1
    assert await store.business.connection("bc1") is None
    assert await store.business.allowlist(OWNER) == []
    assert await store.business.muted_chats(OWNER) == []
