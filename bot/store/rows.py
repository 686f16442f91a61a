"""Cases as rows: loading them with their drafts, and the statements shared by the writes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.models import (
    Assessment,
    BusinessLink,
    BusinessState,
    Case,
    CaseStatus,
    Draft,
    DraftVersion,
    Incoming,
    Usage,
)
from bot.store.schema import (
    BusinessChatRow,
    BusinessConnectionRow,
    CaseRow,
    DraftRow,
    utcnow,
)
from bot.store.users import upsert

# Telegram lets a business bot reply in a chat for 24 hours after the other person's last
# message there.
REPLY_WINDOW = timedelta(hours=24)


async def load_cases(
    s: AsyncSession, *where: Any, newest: int | None = None, skip: int = 0
) -> list[Case]:
    """Cases matching `where`, oldest first, with their drafts: two queries however many.
    `newest` keeps that many of the newest, after skipping the `skip` newest."""
    query = select(CaseRow).where(*where)
    if newest is not None:
        query = query.order_by(CaseRow.id.desc()).offset(skip).limit(newest)
    rows = sorted(await s.scalars(query), key=lambda r: r.id)
    if not rows:
        return []
    drafts: dict[int, list[DraftRow]] = {r.id: [] for r in rows}
    for d in await s.scalars(
        select(DraftRow).where(DraftRow.case_id.in_(drafts)).order_by(DraftRow.version)
    ):
        drafts[d.case_id].append(d)
    links = await _business_links(s, rows)
    return [to_case(r, drafts[r.id], links.get(r.id)) for r in rows]


async def _business_links(s: AsyncSession, rows: list[CaseRow]) -> dict[int, BusinessLink]:
    """The owner's-chat side of the cases that came from one: one more query, only if any."""
    linked = [r for r in rows if r.business_connection_id is not None]
    if not linked:
        return {}
    connection_ids = {r.business_connection_id for r in linked}
    connections = {
        c.id: c
        for c in await s.scalars(
            select(BusinessConnectionRow).where(BusinessConnectionRow.id.in_(connection_ids))
        )
    }
    chats = {
        (c.connection_id, c.chat_id): c
        for c in await s.scalars(
            select(BusinessChatRow).where(BusinessChatRow.connection_id.in_(connection_ids))
        )
    }
    now = utcnow()
    return {
        r.id: business_link(
            r, connections.get(r.business_connection_id), chats.get(_chat_key(r)), now
        )
        for r in linked
    }


def _chat_key(row: CaseRow) -> tuple[str | None, int | None]:
    return row.business_connection_id, row.business_chat_id


def business_link(
    row: CaseRow,
    connection: BusinessConnectionRow | None,
    chat: BusinessChatRow | None,
    now: datetime,
) -> BusinessLink:
    return BusinessLink(
        connection_id=str(row.business_connection_id),
        chat_id=int(row.business_chat_id or 0),
        name=chat.name if chat else row.sender_name,
        state=BusinessState(row.business_state) if row.business_state else None,
        blocked=reply_blocked(connection, chat, now),
    )


def reply_blocked(
    connection: BusinessConnectionRow | None, chat: BusinessChatRow | None, now: datetime
) -> str | None:
    """Why the bot cannot send in that chat as the owner now; None when it can."""
    if connection is None:
        return "unknown"
    if not connection.is_enabled:
        return "disabled"
    if not connection.can_reply:
        return "no_reply"
    last = chat.last_incoming_at if chat else None
    if last is None or now - _aware(last) > REPLY_WINDOW:
        return "window"
    return None


def _aware(when: datetime) -> datetime:
    return when if when.tzinfo else when.replace(tzinfo=UTC)


async def load_case(s: AsyncSession, *where: Any) -> Case | None:
    cases = await load_cases(s, *where)
    return cases[0] if cases else None


async def append_text(s: AsyncSession, case_id: int, text: str) -> bool:
    """Add a part to a paste still arriving; False when it stopped collecting meanwhile."""
    result = await s.execute(
        update(CaseRow)
        .where(CaseRow.id == case_id, CaseRow.status == CaseStatus.collecting.value)
        .values(text=CaseRow.text + "\n" + text, updated_at=utcnow())
    )
    return bool(result.rowcount)


async def insert_case(
    s: AsyncSession,
    user_id: int,
    chat_id: int,
    incoming: Incoming,
    status: CaseStatus,
    **business: Any,
) -> Case | None:
    """A new case; None when this Telegram message already has one. `business`: the
    business_connection_id and business_chat_id of a message in the owner's own chat."""
    created = utcnow()
    row = (
        await s.execute(
            upsert(s, CaseRow)
            .values(
                user_id=user_id,
                chat_id=chat_id,
                status=status.value,
                text=incoming.text,
                sender_name=_clip(incoming.sender_name, CaseRow.sender_name),
                sender_id=incoming.sender_id,
                source=incoming.source,
                message_id=incoming.message_id,
                created_at=created,
                updated_at=created,
                **business,
            )
            .on_conflict_do_nothing(index_elements=["chat_id", "message_id"])
            .returning(CaseRow.id)
        )
    ).first()
    if row is None:
        return None
    return Case(
        id=row[0],
        user_id=user_id,
        chat_id=chat_id,
        status=status,
        incoming=_as_stored(incoming),
        created_at=created,
    )


def _clip(value: str | None, column: Any) -> str | None:
    """Cut to the column's length: PostgreSQL refuses a longer string where SQLite keeps it."""
    return value[: column.type.length] if value else value


def _as_stored(incoming: Incoming) -> Incoming:
    """The message as a case keeps it: the name cut to its column, no screenshot."""
    name = _clip(incoming.sender_name, CaseRow.sender_name)
    return incoming.model_copy(update={"sender_name": name, "image": None})


def draft_values(case_id: int, version: int, draft: Draft) -> dict[str, Any]:
    return {
        "case_id": case_id,
        "version": version,
        "tone": draft.tone.value,
        "text": draft.text,
        "engine": draft.engine,
        "variant": draft.variant,
        "edited": False,
        "learned": draft.learned,
        "note": draft.note,
        "created_at": utcnow(),
    }


def draft_version(version: int, draft: Draft, *, edited: bool) -> DraftVersion:
    return DraftVersion(
        version=version,
        tone=draft.tone,
        text=draft.text,
        engine=draft.engine,
        variant=draft.variant,
        edited=edited,
        learned=draft.learned,
        note=draft.note,
    )


def to_case(row: CaseRow, drafts: list[DraftRow], business: BusinessLink | None = None) -> Case:
    created = row.created_at or utcnow()
    return Case(
        id=row.id,
        user_id=row.user_id,
        chat_id=row.chat_id,
        status=CaseStatus(row.status),
        incoming=Incoming(
            text=row.text,
            sender_name=row.sender_name,
            sender_id=row.sender_id,
            source=row.source,
            message_id=row.message_id,
        ),
        assessment=Assessment.model_validate(row.assessment) if row.assessment else None,
        engine=row.engine,
        note=row.note,
        drafts=[DraftVersion.model_validate(d, from_attributes=True) for d in drafts],
        draft_shown=row.draft_shown if row.draft_shown is not None else True,
        approved_text=row.approved_text,
        card_message_id=row.card_message_id,
        usage=Usage(
            prompt_tokens=row.prompt_tokens or 0, completion_tokens=row.completion_tokens or 0
        ),
        corrected_from=row.corrected_from,
        earlier_cold=row.earlier_cold or 0,
        created_at=_aware(created),
        business=business,
    )
