"""The webhook inbox (updates kept before Telegram hears "200 OK") and leases for work that
one replica at a time must do."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.store.schema import InboxRow, LeaseRow, utcnow


class Inbox:
    def __init__(self, sessions: async_sessionmaker[AsyncSession]):
        self._sessions = sessions

    async def receive(self, update_id: int, payload: dict[str, Any]) -> bool:
        """Keep a webhook update; False when this update_id was seen before (a redelivery)."""
        try:
            async with self._sessions.begin() as s:
                s.add(InboxRow(update_id=update_id, payload=payload))
        except IntegrityError:
            return False
        return True

    async def finish(self, update_id: int) -> None:
        async with self._sessions.begin() as s:
            await s.execute(
                update(InboxRow).where(InboxRow.update_id == update_id).values(done_at=utcnow())
            )

    async def stale(self, older_than: float) -> list[tuple[int, dict[str, Any]]]:
        """Claim updates whose handling never finished (a replica died), oldest first."""
        cutoff = utcnow() - timedelta(seconds=older_than)
        async with self._sessions.begin() as s:
            rows = list(
                await s.scalars(
                    select(InboxRow)
                    .where(InboxRow.done_at.is_(None), InboxRow.claimed_at < cutoff)
                    .order_by(InboxRow.update_id)
                    .limit(100)
                    .with_for_update(skip_locked=True)
                )
            )
            for row in rows:
                row.claimed_at = utcnow()
            return [(row.update_id, row.payload) for row in rows]

    async def acquire_lease(self, name: str, holder: str, ttl: float) -> bool:
        """Hold `name` for `ttl` seconds (or renew it); False while another holder has it."""
        now = utcnow()
        until = now + timedelta(seconds=ttl)
        async with self._sessions.begin() as s:
            result = await s.execute(
                update(LeaseRow)
                .where(
                    LeaseRow.name == name,
                    (LeaseRow.holder == holder) | (LeaseRow.expires_at < now),
                )
                .values(holder=holder, expires_at=until)
            )
            if result.rowcount:
                return True
        try:
            async with self._sessions.begin() as s:
                s.add(LeaseRow(name=name, holder=holder, expires_at=until))
        except IntegrityError:
            return False  # someone else holds it
        return True
