"""The durable store: users, cases and draft versions, behind SQLAlchemy 2 async.

Every piece of conversation state lives here, so a restart or a second replica never loses
or confuses a case. Status changes are conditional UPDATEs (`... WHERE status = 'drafted'`):
of two racing presses exactly one wins, and the loser is told so.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    delete,
    event,
    func,
    insert,
    literal,
    select,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from bot.models import (
    Assessment,
    Case,
    CaseStatus,
    Category,
    Draft,
    DraftVersion,
    Incoming,
    Preferences,
    StyleExample,
    Usage,
    Verdict,
)

log = logging.getLogger(__name__)

MAX_EXAMPLES = 20  # learned style examples kept in reach of the engines
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
MIGRATION_LOCK_ID = 0x636F6C64  # any fixed number: the PostgreSQL advisory lock for migrations


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    pass


class UserRow(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)  # Telegram user id
    preferences: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # A settings field waiting for the user's reply to our ForceReply prompt.
    pending_setting: Mapped[str | None] = mapped_column(String(32))
    pending_prompt_message_id: Mapped[int | None] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class CaseRow(Base):
    __tablename__ = "cases"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    chat_id: Mapped[int] = mapped_column(BigInteger)
    status: Mapped[str] = mapped_column(String(16), index=True)
    text: Mapped[str] = mapped_column(Text)
    sender_name: Mapped[str | None] = mapped_column(String(256))
    sender_id: Mapped[int | None] = mapped_column(BigInteger)
    source: Mapped[str] = mapped_column(String(32))
    category: Mapped[str | None] = mapped_column(String(32))
    confidence: Mapped[float | None] = mapped_column(Float)
    signals: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON)
    assessment: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    engine: Mapped[str | None] = mapped_column(String(32))
    note: Mapped[str | None] = mapped_column(Text)
    # Scam cards hide the draft until the user asks for it.
    draft_shown: Mapped[bool] = mapped_column(Boolean, default=True)
    approved_text: Mapped[str | None] = mapped_column(Text)
    card_message_id: Mapped[int | None] = mapped_column(BigInteger)
    edit_prompt_message_id: Mapped[int | None] = mapped_column(BigInteger)
    prompt_tokens: Mapped[int] = mapped_column(Integer, default=0)
    completion_tokens: Mapped[int] = mapped_column(Integer, default=0)
    corrected_from: Mapped[str | None] = mapped_column(String(32))
    sender_key: Mapped[str | None] = mapped_column(String(300))
    message_id: Mapped[int | None] = mapped_column(BigInteger)  # the Telegram message
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class SenderRow(Base):
    """A sender the user has judged: marked genuine means never called cold again."""

    __tablename__ = "senders"

    user_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    key: Mapped[str] = mapped_column(String(300), primary_key=True)
    genuine: Mapped[bool] = mapped_column(Boolean)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class StyleExampleRow(Base):
    __tablename__ = "style_examples"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    category: Mapped[str] = mapped_column(String(32))
    text: Mapped[str] = mapped_column(Text)
    sender_name: Mapped[str | None] = mapped_column(String(80))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class InboxRow(Base):
    """A webhook update, kept before Telegram is told it arrived."""

    __tablename__ = "inbox"

    update_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    claimed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    done_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class LeaseRow(Base):
    """Who runs a piece of once-per-cluster work, until when."""

    __tablename__ = "leases"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    holder: Mapped[str] = mapped_column(String(128))
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class DraftRow(Base):
    __tablename__ = "drafts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("cases.id", ondelete="CASCADE"), index=True
    )
    version: Mapped[int] = mapped_column(Integer)
    tone: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)
    engine: Mapped[str] = mapped_column(String(32))
    variant: Mapped[int] = mapped_column(Integer, default=0)
    edited: Mapped[bool] = mapped_column(Boolean, default=False)
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


@dataclass(frozen=True)
class Transition:
    """The outcome of a conditional status change: `ok` is False when another press won."""

    ok: bool
    case: Case | None


@dataclass(frozen=True)
class Forgotten:
    cases: int
    drafts: int


class Store:
    def __init__(self, engine: AsyncEngine):
        self.engine = engine
        self._sessions = async_sessionmaker(engine, expire_on_commit=False)

    @classmethod
    async def open(cls, url: str) -> Store:
        """Connect, create the SQLite folder if needed, and apply migrations."""
        parsed = make_url(url)
        is_sqlite = parsed.get_backend_name() == "sqlite"
        if is_sqlite and parsed.database and parsed.database != ":memory:":
            Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        # pre-ping: a PostgreSQL restart leaves dead connections in the pool; replace them.
        engine = create_async_engine(url, pool_pre_ping=not is_sqlite)
        if is_sqlite:
            event.listen(engine.sync_engine, "connect", _sqlite_pragmas)
        async with engine.begin() as conn:
            if parsed.get_backend_name() == "postgresql":
                # Replicas starting together take turns: the first migrates, the rest wait
                # (DDL is transactional there) and then find nothing left to do.
                await conn.execute(select(func.pg_advisory_xact_lock(MIGRATION_LOCK_ID)))
            await conn.run_sync(_upgrade)
        return cls(engine)

    async def close(self) -> None:
        await self.engine.dispose()

    # users -------------------------------------------------------------------------------

    async def preferences(self, user_id: int) -> Preferences:
        """The user's settings, with their learned style examples (newest first)."""
        async with self._sessions() as s:
            row = await s.get(UserRow, user_id)
            prefs = Preferences.model_validate(row.preferences) if row else Preferences()
            examples = await s.scalars(
                select(StyleExampleRow)
                .where(StyleExampleRow.user_id == user_id)
                .order_by(StyleExampleRow.id.desc())
                .limit(MAX_EXAMPLES)
            )
            prefs.examples = [
                StyleExample(category=e.category, text=e.text, sender_name=e.sender_name)
                for e in examples
            ]
            return prefs

    async def save_preferences(self, user_id: int, prefs: Preferences) -> None:
        async with self._sessions.begin() as s:
            row = await _ensure_user(s, user_id)
            row.preferences = prefs.model_dump(mode="json", exclude={"examples"})

    async def set_pending_setting(
        self, user_id: int, field: str | None, message_id: int | None
    ) -> None:
        """Remember which setting the user's next reply to `message_id` is for."""
        async with self._sessions.begin() as s:
            row = await _ensure_user(s, user_id)
            row.pending_setting, row.pending_prompt_message_id = field, message_id

    async def pending_setting(self, user_id: int, message_id: int) -> str | None:
        """The setting a reply to `message_id` edits, if that prompt is still open."""
        async with self._sessions() as s:
            row = await s.get(UserRow, user_id)
            if row is None or row.pending_prompt_message_id != message_id:
                return None
            return row.pending_setting

    async def add_style_example(self, user_id: int, example: StyleExample) -> None:
        async with self._sessions.begin() as s:
            await _ensure_user(s, user_id)
            s.add(
                StyleExampleRow(
                    user_id=user_id,
                    category=example.category.value,
                    text=example.text,
                    sender_name=example.sender_name,
                )
            )

    async def count_style_examples(self, user_id: int) -> int:
        async with self._sessions() as s:
            return (
                await s.scalar(select(func.count()).where(StyleExampleRow.user_id == user_id)) or 0
            )

    async def clear_style_examples(self, user_id: int) -> int:
        async with self._sessions.begin() as s:
            result = await s.execute(
                delete(StyleExampleRow).where(StyleExampleRow.user_id == user_id)
            )
            return result.rowcount or 0

    # senders -----------------------------------------------------------------------------

    async def mark_sender(self, user_id: int, key: str, *, genuine: bool) -> None:
        for attempt in range(2):  # a concurrent first mark of the same sender: update it
            try:
                async with self._sessions.begin() as s:
                    await _ensure_user(s, user_id)
                    row = await s.get(SenderRow, (user_id, key))
                    if row is None:
                        s.add(SenderRow(user_id=user_id, key=key, genuine=genuine))
                    else:
                        row.genuine, row.updated_at = genuine, utcnow()
                return
            except IntegrityError:
                if attempt:
                    raise

    async def sender_is_genuine(self, user_id: int, key: str) -> bool:
        async with self._sessions() as s:
            row = await s.get(SenderRow, (user_id, key))
            return bool(row and row.genuine)

    async def cold_cases_from(self, user_id: int, key: str, before_case: int) -> int:
        """How many earlier cases from this sender ended up cold."""
        async with self._sessions() as s:
            return (
                await s.scalar(
                    select(func.count()).where(
                        CaseRow.user_id == user_id,
                        CaseRow.sender_key == key,
                        CaseRow.id < before_case,
                        CaseRow.category.is_not(None),
                        CaseRow.category != Category.genuine.value,
                    )
                )
                or 0
            )

    async def correct(
        self, case_id: int, user_id: int, assessment: Assessment, draft: Draft
    ) -> Case | None:
        """Put an open case under the category the user chose, keeping the engine's original."""
        async with self._sessions.begin() as s:
            row = await _open_case_row(s, case_id, user_id)
            if row is None:
                return None
            if row.corrected_from is None and row.category != assessment.category.value:
                row.corrected_from = row.category
            elif row.corrected_from == assessment.category.value:
                row.corrected_from = None  # changed back: no correction after all
            row.category = assessment.category.value
            row.confidence = assessment.confidence
            row.signals = [sig.model_dump() for sig in assessment.signals]
            row.assessment = assessment.model_dump(mode="json")
            row.draft_shown = True
            row.updated_at = utcnow()
        return await self.add_draft(case_id, user_id, draft)

    # cases -------------------------------------------------------------------------------

    async def create_case(
        self,
        user_id: int,
        chat_id: int,
        incoming: Incoming,
        status: CaseStatus = CaseStatus.pending,
    ) -> Case:
        """Write the message down before any engine runs, so a crash cannot lose it.

        A message already on file (a redelivered or replayed update) returns its case.
        """
        if incoming.message_id is not None:
            existing = await self.case_for_message(chat_id, incoming.message_id)
            if existing is not None:
                return existing
        try:
            return await self._insert_case(user_id, chat_id, incoming, status)
        except IntegrityError:
            # Another replica stored the same message a moment ago.
            existing = await self.case_for_message(chat_id, incoming.message_id)
            if existing is None:
                raise
            return existing

    async def case_for_message(self, chat_id: int, message_id: int | None) -> Case | None:
        """The case made from this Telegram message, if there is one."""
        async with self._sessions() as s:
            case_id = await s.scalar(
                select(CaseRow.id).where(
                    CaseRow.chat_id == chat_id, CaseRow.message_id == message_id
                )
            )
        return await self._load(case_id) if case_id else None

    async def _insert_case(
        self, user_id: int, chat_id: int, incoming: Incoming, status: CaseStatus
    ) -> Case:
        async with self._sessions.begin() as s:
            await _ensure_user(s, user_id)
            row = CaseRow(
                user_id=user_id,
                chat_id=chat_id,
                status=status.value,
                text=incoming.text,
                sender_name=_clip(incoming.sender_name, CaseRow.sender_name),
                sender_id=incoming.sender_id,
                source=incoming.source,
                message_id=incoming.message_id,
            )
            s.add(row)
            await s.flush()
            return _to_case(row, [])

    async def append_part(self, user_id: int, chat_id: int, text: str, window: float) -> int | None:
        """Add `text` to a paste still arriving in this chat; None when there is none."""
        since = utcnow() - timedelta(seconds=window)
        async with self._sessions.begin() as s:
            row = await s.scalar(
                select(CaseRow)
                .where(
                    CaseRow.user_id == user_id,
                    CaseRow.chat_id == chat_id,
                    CaseRow.status == CaseStatus.collecting.value,
                    CaseRow.updated_at >= since,
                )
                .order_by(CaseRow.id.desc())
                .limit(1)
                .with_for_update()
            )
            if row is None:
                return None
            row.text = f"{row.text}\n{text}"
            row.updated_at = utcnow()
            return row.id

    async def finish_collecting(self, case_id: int, quiet_for: float) -> bool | None:
        """collecting -> pending once no part arrived for `quiet_for` seconds.

        True: now pending; False: still receiving parts; None: someone else moved it on.
        """
        quiet_since = utcnow() - timedelta(seconds=quiet_for)
        async with self._sessions.begin() as s:
            result = await s.execute(
                update(CaseRow)
                .where(
                    CaseRow.id == case_id,
                    CaseRow.status == CaseStatus.collecting.value,
                    CaseRow.updated_at < quiet_since,
                )
                .values(status=CaseStatus.pending.value, updated_at=utcnow())
            )
            if result.rowcount:
                return True
            status = await s.scalar(select(CaseRow.status).where(CaseRow.id == case_id))
            return False if status == CaseStatus.collecting.value else None

    async def save_verdict(
        self, case_id: int, incoming: Incoming, verdict: Verdict, sender_key: str | None = None
    ) -> Case | None:
        """pending -> drafted with the first draft; None if the case was already drafted."""
        a = verdict.assessment
        async with self._sessions.begin() as s:
            result = await s.execute(
                update(CaseRow)
                .where(CaseRow.id == case_id, CaseRow.status == CaseStatus.pending.value)
                .values(
                    status=CaseStatus.drafted.value,
                    text=incoming.text,
                    sender_name=_clip(incoming.sender_name, CaseRow.sender_name),
                    category=a.category.value,
                    confidence=a.confidence,
                    signals=[sig.model_dump() for sig in a.signals],
                    assessment=a.model_dump(mode="json"),
                    engine=verdict.engine,
                    note=verdict.note,
                    draft_shown=a.category is not Category.scam,
                    sender_key=sender_key,
                    prompt_tokens=CaseRow.prompt_tokens + verdict.draft.usage.prompt_tokens,
                    completion_tokens=(
                        CaseRow.completion_tokens + verdict.draft.usage.completion_tokens
                    ),
                    updated_at=utcnow(),
                )
            )
            if not result.rowcount:
                return None
            s.add(_draft_row(case_id, 1, verdict.draft, edited=False))
        return await self._load(case_id)

    async def add_draft(
        self, case_id: int, user_id: int, draft: Draft, *, edited: bool = False
    ) -> Case | None:
        """Append a draft version to an open case; None when the case is not open."""
        async with self._sessions.begin() as s:
            if s.bind.dialect.name == "postgresql":
                # Row lock: concurrent presses take turns at picking the next version.
                await _open_case_row(s, case_id, user_id)
            # One statement picks the version and checks the case is open, so SQLite (no row
            # locks, and a reader may not turn writer in WAL mode) serialises it as a write.
            next_version = (
                select(func.coalesce(func.max(DraftRow.version), 0) + 1)
                .where(DraftRow.case_id == case_id)
                .scalar_subquery()
            )
            is_open = select(CaseRow.id).where(
                CaseRow.id == case_id,
                CaseRow.user_id == user_id,
                CaseRow.status == CaseStatus.drafted.value,
            )
            values = select(
                literal(case_id),
                next_version,
                literal(draft.tone.value),
                literal(draft.text),
                literal(draft.engine),
                literal(draft.variant),
                literal(edited),
                literal(draft.note, type_=Text),
                literal(utcnow(), type_=DateTime(timezone=True)),
            ).where(is_open.exists())
            inserted = await s.execute(
                insert(DraftRow).from_select(
                    [
                        "case_id",
                        "version",
                        "tone",
                        "text",
                        "engine",
                        "variant",
                        "edited",
                        "note",
                        "created_at",
                    ],
                    values,
                )
            )
            if not inserted.rowcount:
                return None
            await s.execute(
                update(CaseRow)
                .where(CaseRow.id == case_id)
                .values(
                    edit_prompt_message_id=None,
                    prompt_tokens=CaseRow.prompt_tokens + draft.usage.prompt_tokens,
                    completion_tokens=CaseRow.completion_tokens + draft.usage.completion_tokens,
                    updated_at=utcnow(),
                )
            )
        return await self._load(case_id)

    async def set_card_message(self, case_id: int, message_id: int) -> None:
        await self._set(case_id, card_message_id=message_id)

    async def show_draft(self, case_id: int, user_id: int) -> None:
        async with self._sessions.begin() as s:
            await s.execute(
                update(CaseRow)
                .where(CaseRow.id == case_id, CaseRow.user_id == user_id)
                .values(draft_shown=True)
            )

    async def set_edit_prompt(self, case_id: int, message_id: int | None) -> None:
        await self._set(case_id, edit_prompt_message_id=message_id)

    async def case_for_edit_prompt(self, user_id: int, message_id: int) -> Case | None:
        """The open case whose "send me your version" prompt the user replied to."""
        async with self._sessions() as s:
            case_id = await s.scalar(
                select(CaseRow.id).where(
                    CaseRow.user_id == user_id,
                    CaseRow.edit_prompt_message_id == message_id,
                    CaseRow.status == CaseStatus.drafted.value,
                )
            )
        return await self._load(case_id) if case_id else None

    async def approve(self, case_id: int, user_id: int) -> Transition:
        """drafted -> approved, keeping the final text. A second press changes nothing."""
        case = await self.get_case(case_id, user_id)
        if case is None or case.draft is None:
            return Transition(False, case)
        ok = await self._transition(
            case_id,
            user_id,
            CaseStatus.drafted,
            CaseStatus.approved,
            approved_text=case.draft.text,
        )
        return Transition(ok, await self.get_case(case_id, user_id))

    async def discard(self, case_id: int, user_id: int) -> Transition:
        ok = await self._transition(case_id, user_id, CaseStatus.drafted, CaseStatus.discarded)
        return Transition(ok, await self.get_case(case_id, user_id))

    async def reopen(self, case_id: int, user_id: int) -> Transition:
        """A discarded case can be picked up again from /history."""
        ok = await self._transition(case_id, user_id, CaseStatus.discarded, CaseStatus.drafted)
        return Transition(ok, await self.get_case(case_id, user_id))

    async def get_case(self, case_id: int, user_id: int) -> Case | None:
        """The case if it exists and belongs to this user; None otherwise."""
        case = await self._load(case_id)
        return case if case is not None and case.user_id == user_id else None

    async def recent_cases(self, user_id: int, limit: int = 10) -> list[Case]:
        async with self._sessions() as s:
            ids = await s.scalars(
                select(CaseRow.id)
                .where(CaseRow.user_id == user_id)
                .order_by(CaseRow.id.desc())
                .limit(limit)
            )
            ids = list(ids)
        return [c for c in [await self._load(i) for i in ids] if c is not None]

    async def unfinished_cases(self, collecting_window: float, idle_for: float = 0.0) -> list[Case]:
        """Cases a previous process acknowledged but never showed a card for.

        `idle_for` skips cases touched more recently: with several replicas, one still being
        drafted elsewhere is not unfinished.
        """
        stale = utcnow() - timedelta(seconds=collecting_window)
        idle = utcnow() - timedelta(seconds=idle_for)
        async with self._sessions.begin() as s:
            # A paste whose parts stopped arriving is complete: let it through.
            await s.execute(
                update(CaseRow)
                .where(CaseRow.status == CaseStatus.collecting.value, CaseRow.updated_at < stale)
                .values(status=CaseStatus.pending.value)
            )
            ids = list(
                await s.scalars(
                    select(CaseRow.id)
                    .where(
                        (CaseRow.status == CaseStatus.pending.value)
                        | (
                            (CaseRow.status == CaseStatus.drafted.value)
                            & CaseRow.card_message_id.is_(None)
                        ),
                        CaseRow.updated_at <= idle,
                    )
                    .order_by(CaseRow.id)
                )
            )
        return [c for c in [await self._load(i) for i in ids] if c is not None]

    # webhook inbox and leases -------------------------------------------------------------

    async def receive_update(self, update_id: int, payload: dict[str, Any]) -> bool:
        """Keep a webhook update; False when this update_id was seen before (a redelivery)."""
        try:
            async with self._sessions.begin() as s:
                s.add(InboxRow(update_id=update_id, payload=payload))
        except IntegrityError:
            return False
        return True

    async def finish_update(self, update_id: int) -> None:
        await self._set_inbox(update_id, done_at=utcnow())

    async def stale_updates(self, older_than: float) -> list[tuple[int, dict[str, Any]]]:
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

    async def ping(self) -> None:
        """Raises if the database cannot be reached (for /healthz)."""
        async with self._sessions() as s:
            await s.execute(select(1))

    async def forget(self, user_id: int) -> Forgotten:
        """Delete everything kept about a user; report how much went."""
        async with self._sessions.begin() as s:
            case_ids = select(CaseRow.id).where(CaseRow.user_id == user_id)
            drafts = await s.execute(delete(DraftRow).where(DraftRow.case_id.in_(case_ids)))
            cases = await s.execute(delete(CaseRow).where(CaseRow.user_id == user_id))
            await s.execute(delete(StyleExampleRow).where(StyleExampleRow.user_id == user_id))
            await s.execute(delete(SenderRow).where(SenderRow.user_id == user_id))
            await s.execute(delete(UserRow).where(UserRow.id == user_id))
        return Forgotten(cases=cases.rowcount or 0, drafts=drafts.rowcount or 0)

    async def export(self, user_id: int) -> dict[str, Any]:
        """Everything kept about a user, as plain JSON-able data."""
        prefs = await self.preferences(user_id)
        cases = await self.recent_cases(user_id, limit=1_000_000)
        async with self._sessions() as s:
            senders = list(await s.scalars(select(SenderRow).where(SenderRow.user_id == user_id)))
        return {
            "user_id": user_id,
            "exported_at": utcnow().isoformat(),
            "preferences": prefs.model_dump(mode="json"),
            "senders": [{"key": r.key, "genuine": r.genuine} for r in senders],
            "cases": [c.model_dump(mode="json") for c in reversed(cases)],
        }

    # internals ---------------------------------------------------------------------------

    async def _transition(
        self, case_id: int, user_id: int, old: CaseStatus, new: CaseStatus, **values: Any
    ) -> bool:
        async with self._sessions.begin() as s:
            result = await s.execute(
                update(CaseRow)
                .where(
                    CaseRow.id == case_id,
                    CaseRow.user_id == user_id,
                    CaseRow.status == old.value,
                )
                .values(status=new.value, updated_at=utcnow(), **values)
            )
            return bool(result.rowcount)

    async def _set_inbox(self, update_id: int, **values: Any) -> None:
        async with self._sessions.begin() as s:
            await s.execute(
                update(InboxRow).where(InboxRow.update_id == update_id).values(**values)
            )

    async def _set(self, case_id: int, **values: Any) -> None:
        async with self._sessions.begin() as s:
            await s.execute(update(CaseRow).where(CaseRow.id == case_id).values(**values))

    async def _load(self, case_id: int) -> Case | None:
        async with self._sessions() as s:
            row = await s.get(CaseRow, case_id)
            if row is None:
                return None
            drafts = list(
                await s.scalars(
                    select(DraftRow).where(DraftRow.case_id == case_id).order_by(DraftRow.version)
                )
            )
            return _to_case(row, drafts)


async def _ensure_user(s: AsyncSession, user_id: int) -> UserRow:
    row = await s.get(UserRow, user_id)
    if row is None:
        # Two updates (or two replicas) can meet a new user at once: whoever inserts second
        # finds the row instead of failing on the primary key.
        upsert = postgresql.insert if s.bind.dialect.name == "postgresql" else sqlite.insert
        await s.execute(upsert(UserRow).values(id=user_id, preferences={}).on_conflict_do_nothing())
        row = await s.get(UserRow, user_id)
        assert row is not None
    return row


def _clip(value: str | None, column: Any) -> str | None:
    """Cut to the column's length: PostgreSQL refuses a longer string where SQLite keeps it."""
    return value[: column.type.length] if value else value


async def _open_case_row(s: AsyncSession, case_id: int, user_id: int) -> CaseRow | None:
    """The user's case if it is open (drafted), locked for this transaction."""
    return await s.scalar(
        select(CaseRow)
        .where(
            CaseRow.id == case_id,
            CaseRow.user_id == user_id,
            CaseRow.status == CaseStatus.drafted.value,
        )
        .with_for_update()
    )


def _draft_row(case_id: int, version: int, draft: Draft, *, edited: bool) -> DraftRow:
    return DraftRow(
        case_id=case_id,
        version=version,
        tone=draft.tone.value,
        text=draft.text,
        engine=draft.engine,
        variant=draft.variant,
        edited=edited,
        note=draft.note,
    )


def _to_case(row: CaseRow, drafts: list[DraftRow]) -> Case:
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
        drafts=[
            DraftVersion(
                version=d.version,
                tone=d.tone,
                text=d.text,
                engine=d.engine,
                variant=d.variant,
                edited=d.edited,
                note=d.note,
            )
            for d in drafts
        ],
        draft_shown=row.draft_shown if row.draft_shown is not None else True,
        approved_text=row.approved_text,
        card_message_id=row.card_message_id,
        edit_prompt_message_id=row.edit_prompt_message_id,
        usage=Usage(
            prompt_tokens=row.prompt_tokens or 0, completion_tokens=row.completion_tokens or 0
        ),
        corrected_from=row.corrected_from,
        created_at=created if created.tzinfo else created.replace(tzinfo=UTC),
    )


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # WAL lets readers and one writer work at once; the busy timeout rides out short locks.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _upgrade(connection: Connection) -> None:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.attributes["connection"] = connection
    command.upgrade(cfg, "head")
