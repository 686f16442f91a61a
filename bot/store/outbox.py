"""The outbox: messages the bot owes users, claimed, sent and marked one at a time.

A row is written in the same transaction as the state change that owes it (Approve writes
the reply), so a crash can never leave the state changed and the message forgotten. A
sender claims a row for a short while before sending; a sender that dies mid-send loses the
claim when it runs out, and another takes the row over. The row is marked sent with the
Telegram message id right after Telegram accepts it.

A sender can die (or time out) after Telegram accepted a message and before the row says so;
sendMessage has no idempotency key, so another try could show the message twice. Such a row
is marked in doubt when it is claimed again, and a reply in doubt is written into its card
(an edit, which a repeat cannot double) instead of being sent again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.models import BusinessState
from bot.store.schema import CaseRow, OutboxRow, utcnow

REPLY = "reply"  # the approved reply, sent alone so the user can copy it
CLAIM_SECONDS = 30.0  # longer than any single send, retries by the HTTP client included
BATCH = 50


@dataclass(frozen=True)
class Owed:
    """One message owed, as a sender sees it."""

    id: int
    case_id: int
    user_id: int
    chat_id: int
    kind: str
    text: str
    attempts: int
    # Set: sent as the owner in their own chat `chat_id` through this business connection.
    business_connection_id: str | None = None
    # Why a copy-ready reply did not go out in the owner's chat (a code: "window", ...).
    note: str | None = None
    # The case's card in `chat_id`, if known: where a reply in doubt goes.
    card_message_id: int | None = None
    # An earlier try may have reached Telegram: do not send it again as a new message.
    in_doubt: bool = False


@dataclass(frozen=True)
class Backlog:
    unsent: int
    oldest: datetime | None


def owe(
    session: AsyncSession,
    case_id: int,
    user_id: int,
    chat_id: int,
    kind: str,
    text: str,
    business_connection_id: str | None = None,
    note: str | None = None,
    card_message_id: int | None = None,
) -> None:
    """Add the owed message to a transaction that is changing the state that owes it."""
    session.add(
        OutboxRow(
            case_id=case_id,
            user_id=user_id,
            chat_id=chat_id,
            kind=kind,
            text=text,
            business_connection_id=business_connection_id,
            note=note,
            card_message_id=card_message_id,
        )
    )


class Outbox:
    def __init__(self, sessions: async_sessionmaker[AsyncSession]):
        self._sessions = sessions

    async def claim(self, case_id: int, kind: str) -> Owed | None:
        """Claim the case's unsent message of this kind, unless it is sent or held."""
        return await self._claim(OutboxRow.case_id == case_id, OutboxRow.kind == kind)

    async def claim_due(self) -> list[Owed]:
        """Claim unsent messages whose time has come, oldest first."""
        now = utcnow()
        async with self._sessions() as s:
            ids = list(
                await s.scalars(
                    select(OutboxRow.id)
                    .where(
                        OutboxRow.sent_at.is_(None),
                        OutboxRow.refused_at.is_(None),
                        OutboxRow.due_at <= now,
                        _free(now),
                    )
                    .order_by(OutboxRow.id)
                    .limit(BATCH)
                )
            )
        claimed = [await self._claim(OutboxRow.id == i) for i in ids]
        return [owed for owed in claimed if owed is not None]

    async def sent(self, owed: Owed, message_id: int) -> None:
        async with self._sessions.begin() as s:
            await s.execute(
                update(OutboxRow)
                .where(OutboxRow.id == owed.id)
                .values(
                    sent_at=utcnow(), message_id=message_id, claimed_until=None, refused_at=None
                )
            )

    async def retry(self, owed: Owed, after: float, error: str, in_doubt: bool = False) -> None:
        """Give the claim back; the message is due again in `after` seconds. `in_doubt`: the
        try timed out, so Telegram may have it."""
        doubt = {"in_doubt": True} if in_doubt else {}
        async with self._sessions.begin() as s:
            await s.execute(
                update(OutboxRow)
                .where(OutboxRow.id == owed.id, OutboxRow.sent_at.is_(None))
                .values(
                    attempts=OutboxRow.attempts + 1,
                    due_at=utcnow() + timedelta(seconds=after),
                    claimed_until=None,
                    last_error=error[:200],
                    **doubt,
                )
            )

    async def refused(self, owed: Owed, error: str) -> None:
        """Telegram will not take it: stop trying until the user asks again."""
        async with self._sessions.begin() as s:
            await s.execute(
                update(OutboxRow)
                .where(OutboxRow.id == owed.id, OutboxRow.sent_at.is_(None))
                .values(
                    attempts=OutboxRow.attempts + 1,
                    refused_at=utcnow(),
                    claimed_until=None,
                    last_error=error[:200],
                )
            )

    async def hand_over(self, owed: Owed, note: str) -> Owed | None:
        """Telegram refused a reply in the owner's own chat: owe it to the owner instead,
        copy-ready in the bot chat, still claimed by this sender; the case says it was
        refused. None if it was sent."""
        async with self._sessions.begin() as s:
            row = (
                await s.execute(
                    update(OutboxRow)
                    .where(OutboxRow.id == owed.id, OutboxRow.sent_at.is_(None))
                    .values(
                        chat_id=owed.user_id,
                        business_connection_id=None,
                        note=note[:300],
                        due_at=utcnow(),
                    )
                    .returning(OutboxRow)
                )
            ).scalar_one_or_none()
            if row is None:
                return None
            await s.execute(
                update(CaseRow)
                .where(CaseRow.id == owed.case_id)
                .values(business_state=BusinessState.refused.value)
            )
            return _owed(row)

    async def release_claims(self) -> None:
        """Free every claim: for a lone process starting up, whose earlier self held them
        when it died, perhaps mid-send: they are in doubt. (Replicas never call this; a dead
        replica's claims run out instead.)"""
        async with self._sessions.begin() as s:
            await s.execute(
                update(OutboxRow)
                .where(OutboxRow.sent_at.is_(None), OutboxRow.claimed_until.is_not(None))
                .values(claimed_until=None, in_doubt=True)
            )

    async def is_sent(self, case_id: int, kind: str) -> bool | None:
        """True when delivered, False while owed, None when nothing of the kind is owed."""
        async with self._sessions() as s:
            sent_at = await s.execute(
                select(OutboxRow.sent_at).where(
                    OutboxRow.case_id == case_id, OutboxRow.kind == kind
                )
            )
            row = sent_at.first()
        return None if row is None else row[0] is not None

    async def backlog(self) -> Backlog:
        async with self._sessions() as s:
            count, oldest = (
                await s.execute(
                    select(func.count(), func.min(OutboxRow.created_at)).where(
                        OutboxRow.sent_at.is_(None), OutboxRow.refused_at.is_(None)
                    )
                )
            ).one()
        return Backlog(count, oldest)

    async def _claim(self, *where: ColumnElement[bool]) -> Owed | None:
        """One conditional UPDATE: of two senders racing for a row, exactly one gets it. A
        claim that ran out was never given back: its sender died or hung mid-send."""
        now = utcnow()
        async with self._sessions.begin() as s:
            row = (
                await s.execute(
                    update(OutboxRow)
                    .where(*where, OutboxRow.sent_at.is_(None), _free(now))
                    .values(
                        claimed_until=now + timedelta(seconds=CLAIM_SECONDS),
                        in_doubt=OutboxRow.in_doubt | OutboxRow.claimed_until.is_not(None),
                    )
                    .returning(OutboxRow)
                )
            ).scalar_one_or_none()
            return _owed(row) if row is not None else None


def _free(now: datetime):
    return or_(OutboxRow.claimed_until.is_(None), OutboxRow.claimed_until < now)


def _owed(row: OutboxRow) -> Owed:
    return Owed(
        id=row.id,
        case_id=row.case_id,
        user_id=row.user_id,
        chat_id=row.chat_id,
        kind=row.kind,
        text=row.text,
        attempts=row.attempts,
        business_connection_id=row.business_connection_id,
        note=row.note,
        card_message_id=row.card_message_id,
        in_doubt=bool(row.in_doubt),
    )
