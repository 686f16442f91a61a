"""Telegram Business: the owner's connected account, its chats, the allowlist, and the
messages there that became cases.

A message in a connected chat is stored with its case in one transaction; the message's key
(connection, chat, message id) makes a redelivered update a no-op, and several messages from
one person within a minute join one case. Closing a case here (the owner answered, the
sender deleted it) is a conditional UPDATE like every other status change.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.models import (
    BusinessChat,
    BusinessConnection,
    BusinessState,
    Case,
    CaseStatus,
    Incoming,
)
from bot.store.rows import insert_case, load_case, load_cases
from bot.store.schema import (
    AllowedSenderRow,
    BusinessChatRow,
    BusinessConnectionRow,
    BusinessMessageRow,
    CaseRow,
    utcnow,
)
from bot.store.users import ensure_user, upsert

MERGE_WINDOW = 60.0  # seconds: messages from one person this close together are one case
OPEN = (CaseStatus.pending.value, CaseStatus.drafted.value)


@dataclass(frozen=True)
class Stored:
    """A message from the owner's chat, stored: its case, and whether the case is new
    (False: the text joined an open case). None case: a redelivered message."""

    case: Case | None
    new: bool


class BusinessRepo:
    def __init__(self, sessions: async_sessionmaker[AsyncSession]):
        self._sessions = sessions

    # --- connections ---------------------------------------------------------------------

    async def save_connection(self, c: BusinessConnection) -> BusinessConnection | None:
        """Store a connection as Telegram reports it (pause kept); the one it replaces, or
        None for a new connection."""
        async with self._sessions.begin() as s:
            await ensure_user(s, c.user_id)
            row = await s.get(BusinessConnectionRow, c.id, with_for_update=True)
            before = _connection(row) if row else None
            values = {
                "user_id": c.user_id,
                "user_chat_id": c.user_chat_id,
                "is_enabled": c.is_enabled,
                "can_reply": c.can_reply,
                "can_read": c.can_read,
                "rights": c.rights,
                "updated_at": utcnow(),
            }
            if row is None:
                await s.execute(
                    upsert(s, BusinessConnectionRow)
                    .values(id=c.id, paused=False, created_at=utcnow(), **values)
                    .on_conflict_do_update(index_elements=["id"], set_=values)
                )
            else:
                for key, value in values.items():
                    setattr(row, key, value)
        return before

    async def connection(self, connection_id: str) -> BusinessConnection | None:
        async with self._sessions() as s:
            row = await s.get(BusinessConnectionRow, connection_id)
            return _connection(row) if row else None

    async def connections(self, user_id: int) -> list[BusinessConnection]:
        """The owner's connections, newest first."""
        async with self._sessions() as s:
            rows = await s.scalars(
                select(BusinessConnectionRow)
                .where(BusinessConnectionRow.user_id == user_id)
                .order_by(BusinessConnectionRow.created_at.desc())
            )
            return [_connection(r) for r in rows]

    async def set_paused(self, user_id: int, paused: bool) -> int:
        """Pause or resume every connection of the owner; how many there are."""
        async with self._sessions.begin() as s:
            result = await s.execute(
                update(BusinessConnectionRow)
                .where(BusinessConnectionRow.user_id == user_id)
                .values(paused=paused, updated_at=utcnow())
            )
            return result.rowcount or 0

    # --- chats and the allowlist ---------------------------------------------------------

    async def chat(self, connection_id: str, chat_id: int) -> BusinessChat | None:
        async with self._sessions() as s:
            row = await s.get(BusinessChatRow, (connection_id, chat_id))
            return _chat(row) if row else None

    async def muted_chats(self, user_id: int) -> list[BusinessChat]:
        async with self._sessions() as s:
            rows = await s.scalars(
                select(BusinessChatRow)
                .where(BusinessChatRow.user_id == user_id, BusinessChatRow.muted)
                .order_by(BusinessChatRow.name)
            )
            return [_chat(r) for r in rows]

    async def set_muted(self, user_id: int, chat_id: int, muted: bool) -> int:
        """Mute or unmute the owner's chat with this person (on every connection)."""
        async with self._sessions.begin() as s:
            result = await s.execute(
                update(BusinessChatRow)
                .where(BusinessChatRow.user_id == user_id, BusinessChatRow.chat_id == chat_id)
                .values(muted=muted, updated_at=utcnow())
            )
            return result.rowcount or 0

    async def allow(self, user_id: int, sender_id: int, name: str | None) -> None:
        async with self._sessions.begin() as s:
            await s.execute(
                upsert(s, AllowedSenderRow)
                .values(user_id=user_id, sender_id=sender_id, name=name, created_at=utcnow())
                .on_conflict_do_nothing()
            )

    async def disallow(self, user_id: int, sender_id: int) -> int:
        async with self._sessions.begin() as s:
            result = await s.execute(
                delete(AllowedSenderRow).where(
                    AllowedSenderRow.user_id == user_id, AllowedSenderRow.sender_id == sender_id
                )
            )
            return result.rowcount or 0

    async def allowlist(self, user_id: int) -> list[tuple[int, str | None]]:
        """(sender id, name) of everyone the owner lets through, by name."""
        async with self._sessions() as s:
            rows = await s.execute(
                select(AllowedSenderRow.sender_id, AllowedSenderRow.name)
                .where(AllowedSenderRow.user_id == user_id)
                .order_by(AllowedSenderRow.name)
            )
            return [(sender, name) for sender, name in rows.all()]

    async def is_allowed(self, user_id: int, sender_id: int) -> bool:
        async with self._sessions() as s:
            return (await s.get(AllowedSenderRow, (user_id, sender_id))) is not None

    # --- messages ------------------------------------------------------------------------

    async def owner_wrote(self, connection: BusinessConnection, chat_id: int) -> list[Case]:
        """The owner wrote in this chat: it counts as answered from now on, and its open
        cases close as answered by them. Returns the cases closed."""
        async with self._sessions.begin() as s:
            await self._touch_chat(s, connection, chat_id, answered=True)
            return await _close(s, connection.id, chat_id, None, BusinessState.answered)

    async def store_message(
        self,
        connection: BusinessConnection,
        chat_id: int,
        incoming: Incoming,
        sent_at: datetime,
        window: float = MERGE_WINDOW,
    ) -> Stored:
        """The other person's message: joined to their open case from the last `window`
        seconds, or a new case (pending) in the owner's bot chat."""
        message_id = int(incoming.message_id or 0)
        async with self._sessions.begin() as s:
            await ensure_user(s, connection.user_id)
            await self._touch_chat(
                s, connection, chat_id, name=incoming.sender_name, last_incoming_at=sent_at
            )
            key = (connection.id, chat_id, message_id)
            if await s.get(BusinessMessageRow, key) is not None:
                return Stored(None, False)  # a redelivered update
            since = utcnow() - timedelta(seconds=window)
            recent = await s.scalar(
                select(BusinessMessageRow.case_id)
                .join(CaseRow, CaseRow.id == BusinessMessageRow.case_id)
                .where(
                    BusinessMessageRow.connection_id == connection.id,
                    BusinessMessageRow.chat_id == chat_id,
                    BusinessMessageRow.sent_at >= since,
                    CaseRow.status.in_(OPEN),
                )
                .order_by(BusinessMessageRow.sent_at.desc())
                .limit(1)
            )
            case_id, new = recent, False
            if case_id is None:
                stored = await insert_case(
                    s,
                    connection.user_id,
                    connection.user_chat_id,
                    incoming.model_copy(update={"message_id": None, "source": "business"}),
                    CaseStatus.pending,
                    business_connection_id=connection.id,
                    business_chat_id=chat_id,
                )
                assert stored is not None  # no message id: nothing to conflict with
                case_id, new = stored.id, True
            s.add(
                BusinessMessageRow(
                    connection_id=connection.id,
                    chat_id=chat_id,
                    message_id=message_id,
                    user_id=connection.user_id,
                    case_id=case_id,
                    text=incoming.text,
                    sent_at=utcnow(),
                )
            )
            await s.flush()
            if not new:
                await _rebuild_text(s, case_id)
            return Stored(await load_case(s, CaseRow.id == case_id), new)

    async def edit_message(
        self, connection_id: str, chat_id: int, message_id: int, text: str
    ) -> Case | None:
        """The other person edited a message that is part of an open case: its case, with
        the text as it now reads; None when no open case holds it."""
        async with self._sessions.begin() as s:
            row = await s.get(BusinessMessageRow, (connection_id, chat_id, message_id))
            if row is None:
                return None
            row.text = text
            await s.flush()
            return await _rebuild_text(s, row.case_id)

    async def delete_messages(
        self, connection_id: str, chat_id: int, message_ids: list[int]
    ) -> tuple[list[Case], list[Case]]:
        """Messages deleted in the owner's chat: (open cases that lost every message, now
        closed as deleted; open cases that lost some, with their text rebuilt)."""
        async with self._sessions.begin() as s:
            case_ids = set(
                await s.scalars(
                    select(BusinessMessageRow.case_id).where(
                        BusinessMessageRow.connection_id == connection_id,
                        BusinessMessageRow.chat_id == chat_id,
                        BusinessMessageRow.message_id.in_(message_ids),
                    )
                )
            )
            if not case_ids:
                return [], []
            await s.execute(
                delete(BusinessMessageRow).where(
                    BusinessMessageRow.connection_id == connection_id,
                    BusinessMessageRow.chat_id == chat_id,
                    BusinessMessageRow.message_id.in_(message_ids),
                )
            )
            left = set(
                await s.scalars(
                    select(BusinessMessageRow.case_id).where(
                        BusinessMessageRow.case_id.in_(case_ids)
                    )
                )
            )
            gone = case_ids - left
            closed = await _close(s, connection_id, chat_id, gone, BusinessState.deleted)
            changed = [c for i in sorted(left) if (c := await _rebuild_text(s, i)) is not None]
            return closed, changed

    async def last_message_id(self, case_id: int) -> int | None:
        """The newest of the case's messages in the owner's chat (to mark it read)."""
        async with self._sessions() as s:
            return await s.scalar(
                select(func.max(BusinessMessageRow.message_id)).where(
                    BusinessMessageRow.case_id == case_id
                )
            )

    async def open_cases(self, connection_id: str) -> list[Case]:
        """The connection's cases still waiting for the owner."""
        async with self._sessions() as s:
            return await load_cases(
                s,
                CaseRow.business_connection_id == connection_id,
                CaseRow.status == CaseStatus.drafted.value,
            )

    async def _touch_chat(
        self, s: AsyncSession, connection: BusinessConnection, chat_id: int, **values: Any
    ) -> None:
        values = {k: v for k, v in values.items() if v is not None} | {"updated_at": utcnow()}
        await s.execute(
            upsert(s, BusinessChatRow)
            .values(
                {
                    "connection_id": connection.id,
                    "chat_id": chat_id,
                    "user_id": connection.user_id,
                    "answered": False,
                    "muted": False,
                }
                | values
            )
            .on_conflict_do_update(index_elements=["connection_id", "chat_id"], set_=values)
        )


async def _rebuild_text(s: AsyncSession, case_id: int) -> Case | None:
    """An open case's text from its messages, in the order they were sent."""
    parts = list(
        await s.scalars(
            select(BusinessMessageRow.text)
            .where(BusinessMessageRow.case_id == case_id)
            .order_by(BusinessMessageRow.message_id)
        )
    )
    result = await s.execute(
        update(CaseRow)
        .where(CaseRow.id == case_id, CaseRow.status.in_(OPEN))
        .values(text="\n".join(parts), updated_at=utcnow())
    )
    if not result.rowcount:
        return None
    return await load_case(s, CaseRow.id == case_id)


async def _close(
    s: AsyncSession,
    connection_id: str,
    chat_id: int,
    case_ids: set[int] | None,
    state: BusinessState,
) -> list[Case]:
    """Close the chat's open cases (or those of `case_ids`) as discarded, with `state`."""
    where = [
        CaseRow.business_connection_id == connection_id,
        CaseRow.business_chat_id == chat_id,
        CaseRow.status.in_(OPEN),
    ]
    if case_ids is not None:
        where.append(CaseRow.id.in_(case_ids))
    closed = list(
        await s.scalars(
            update(CaseRow)
            .where(*where)
            .values(
                status=CaseStatus.discarded.value, business_state=state.value, updated_at=utcnow()
            )
            .returning(CaseRow.id)
        )
    )
    return await load_cases(s, CaseRow.id.in_(closed)) if closed else []


def _connection(row: BusinessConnectionRow) -> BusinessConnection:
    return BusinessConnection(
        id=row.id,
        user_id=row.user_id,
        user_chat_id=row.user_chat_id,
        is_enabled=row.is_enabled,
        can_reply=row.can_reply,
        can_read=row.can_read,
        rights=row.rights or {},
        paused=row.paused,
    )


def _chat(row: BusinessChatRow) -> BusinessChat:
    return BusinessChat(
        connection_id=row.connection_id,
        chat_id=row.chat_id,
        name=row.name,
        answered=row.answered,
        muted=row.muted,
        last_incoming_at=row.last_incoming_at,
    )
