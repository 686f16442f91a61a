"""The durable store: every piece of conversation state, behind SQLAlchemy 2 async.

A restart or a second replica never loses or confuses a case: nothing lives in process
memory. `Store` holds one repository per aggregate (cases, users, the webhook inbox, the
outbox of messages owed).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker

from bot.store.business import BusinessRepo
from bot.store.cases import CaseRepo, Intake, Saved, Transition
from bot.store.inbox import Inbox
from bot.store.migrate import connect
from bot.store.outbox import Outbox
from bot.store.rows import load_cases
from bot.store.schema import (
    AllowedSenderRow,
    BusinessChatRow,
    BusinessConnectionRow,
    BusinessMessageRow,
    CaseRow,
    DraftRow,
    OutboxRow,
    SenderRow,
    StyleExampleRow,
    UserRow,
    utcnow,
)
from bot.store.users import UserRepo

__all__ = ["Forgotten", "Intake", "Saved", "Store", "Transition"]


@dataclass(frozen=True)
class Forgotten:
    cases: int
    drafts: int


class Store:
    def __init__(self, engine: AsyncEngine):
        self.engine = engine
        self._sessions = async_sessionmaker(engine, expire_on_commit=False)
        self.cases = CaseRepo(self._sessions)
        self.users = UserRepo(self._sessions)
        self.inbox = Inbox(self._sessions)
        self.outbox = Outbox(self._sessions)
        self.business = BusinessRepo(self._sessions)

    @classmethod
    async def open(cls, url: str) -> Store:
        """Connect and apply migrations."""
        return cls(await connect(url))

    async def close(self) -> None:
        await self.engine.dispose()

    async def ping(self) -> None:
        """Raises if the database cannot be reached (for /healthz)."""
        async with self._sessions() as s:
            await s.execute(select(1))

    async def forget(self, user_id: int) -> Forgotten:
        """Delete everything kept about a user; report how much went."""
        async with self._sessions.begin() as s:
            case_ids = select(CaseRow.id).where(CaseRow.user_id == user_id)
            drafts = await s.execute(delete(DraftRow).where(DraftRow.case_id.in_(case_ids)))
            await s.execute(delete(OutboxRow).where(OutboxRow.user_id == user_id))
            await s.execute(delete(BusinessMessageRow).where(BusinessMessageRow.user_id == user_id))
            for owned in (BusinessChatRow, BusinessConnectionRow, AllowedSenderRow):
                await s.execute(delete(owned).where(owned.user_id == user_id))
            cases = await s.execute(delete(CaseRow).where(CaseRow.user_id == user_id))
            await s.execute(delete(StyleExampleRow).where(StyleExampleRow.user_id == user_id))
            await s.execute(delete(SenderRow).where(SenderRow.user_id == user_id))
            await s.execute(delete(UserRow).where(UserRow.id == user_id))
        return Forgotten(cases=cases.rowcount or 0, drafts=drafts.rowcount or 0)

    async def export(self, user_id: int) -> dict[str, Any]:
        """Everything kept about a user, as plain JSON-able data."""
        prefs = await self.users.preferences(user_id)
        async with self._sessions() as s:
            cases = await load_cases(s, CaseRow.user_id == user_id)
            senders = list(await s.scalars(select(SenderRow).where(SenderRow.user_id == user_id)))
            chats = list(
                await s.scalars(select(BusinessChatRow).where(BusinessChatRow.user_id == user_id))
            )
        connections = await self.business.connections(user_id)
        allowlist = await self.business.allowlist(user_id)
        return {
            "user_id": user_id,
            "exported_at": utcnow().isoformat(),
            "preferences": prefs.model_dump(mode="json"),
            "senders": [{"key": r.key, "genuine": r.genuine} for r in senders],
            "cases": [c.model_dump(mode="json") for c in cases],
            "business": {
                "connections": [c.model_dump(mode="json") for c in connections],
                "chats": [
                    {
                        "connection_id": c.connection_id,
                        "chat_id": c.chat_id,
                        "name": c.name,
                        "answered": c.answered,
                        "muted": c.muted,
                    }
                    for c in chats
                ],
                "allowlist": [{"sender_id": i, "name": n} for i, n in allowlist],
            },
        }
