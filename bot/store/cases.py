"""Cases and their draft versions.

Status changes are conditional UPDATEs (`... WHERE status = 'drafted'`): of two racing presses
exactly one wins, and the loser is told so. Writes return the case as it now is, built from
what was written, so no caller loads it again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import DateTime, Text, exists, func, insert, literal, null, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.orm import aliased

from bot.models import (
    Assessment,
    BusinessState,
    Case,
    CaseStatus,
    Category,
    Draft,
    Incoming,
    Preferences,
    Verdict,
)
from bot.store.outbox import REPLY, owe
from bot.store.rows import (
    append_text,
    draft_values,
    draft_version,
    insert_case,
    load_case,
    load_cases,
)
from bot.store.schema import CaseRow, DraftRow, SenderRow, StyleExampleRow, UserRow, utcnow
from bot.store.users import style_examples, upsert

DRAFT_COLUMNS = [
    "case_id",
    "version",
    "tone",
    "text",
    "engine",
    "variant",
    "edited",
    "learned",
    "note",
]
# How long whoever drafted a case may take to send its card before recovery sends it instead.
CARD_CLAIM = timedelta(seconds=60)


@dataclass(frozen=True)
class Intake:
    """What storing a new message found: the case to work on (None when the text joined a
    paste still arriving), whether it was stored just now, and the user's preferences."""

    case: Case | None
    new: bool
    prefs: Preferences


@dataclass(frozen=True)
class Transition:
    """The outcome of a conditional status change: `ok` is False when another press won."""

    ok: bool
    case: Case | None


@dataclass(frozen=True)
class Saved:
    """The outcome of saving a verdict. `vouched`: nothing was saved because the verdict
    calls a sender cold whom the user marked genuine."""

    case: Case | None
    vouched: bool = False


class CaseRepo:
    def __init__(self, sessions: async_sessionmaker[AsyncSession]):
        self._sessions = sessions

    async def intake(
        self, user_id: int, chat_id: int, incoming: Incoming, window: float, status: CaseStatus
    ) -> Intake:
        """Write the message down before any engine runs, so a crash cannot lose it.

        One transaction: the user row (made if new) with their preferences, then the text is
        appended to a paste still arriving in this chat, or stored as a new case. A message
        already on file (a redelivered or replayed update) returns its case.
        """
        since = utcnow() - timedelta(seconds=window)
        async with self._sessions.begin() as s:
            # The case of this Telegram message, if it has one (a message_id of None would
            # match every message-less case).
            known: Any = null()
            if incoming.message_id is not None:
                known = (
                    select(CaseRow.id)
                    .where(CaseRow.chat_id == chat_id, CaseRow.message_id == incoming.message_id)
                    .scalar_subquery()
                )
            collecting = select(func.max(CaseRow.id)).where(
                CaseRow.user_id == user_id,
                CaseRow.chat_id == chat_id,
                CaseRow.status == CaseStatus.collecting.value,
                CaseRow.updated_at >= since,
            )
            user = (
                await s.execute(
                    upsert(s, UserRow)
                    .values(id=user_id, preferences={}, created_at=utcnow())
                    # A no-op update, so RETURNING gives the row whether it was new or not.
                    .on_conflict_do_update(index_elements=["id"], set_={"id": user_id})
                    .returning(
                        UserRow.preferences,
                        known,
                        collecting.scalar_subquery(),
                        _has_examples(user_id),
                    )
                )
            ).one()
            prefs_json, known_id, collecting_id, any_examples = user
            prefs = Preferences.model_validate(prefs_json or {})
            if any_examples:
                prefs.examples = await style_examples(s, user_id)
            if known_id is not None:
                return Intake(await load_case(s, CaseRow.id == known_id), False, prefs)
            if collecting_id is not None and await append_text(s, collecting_id, incoming.text):
                return Intake(None, False, prefs)
            case = await insert_case(s, user_id, chat_id, incoming, status)
            if case is None:  # another replica stored the same message a moment ago
                existing = CaseRow.chat_id == chat_id, CaseRow.message_id == incoming.message_id
                return Intake(await load_case(s, *existing), False, prefs)
            return Intake(case, True, prefs)

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

    async def save_verdict(self, case: Case, verdict: Verdict, sender_key: str | None) -> Saved:
        """pending -> drafted with the first draft; Saved(None) if it was drafted already.

        A cold verdict on a sender the user vouched for is not saved (`vouched`), and the
        count of this sender's earlier cold cases is kept with the case, in the same UPDATE.
        """
        a = verdict.assessment
        cold = a.category.is_cold and sender_key is not None
        conditions = [CaseRow.id == case.id, CaseRow.status == CaseStatus.pending.value]
        earlier: Any = 0
        if cold:
            conditions.append(~_vouched(case.user_id, sender_key))
            earlier = _earlier_cold(case, sender_key)
        usage = verdict.draft.usage
        # A scam card holds its draft back until asked; an uncertain one until the user says
        # what the message is (the draft was written for a guess).
        shown = a.category is not Category.scam and not a.uncertain
        async with self._sessions.begin() as s:
            saved = await s.scalar(
                update(CaseRow)
                .where(*conditions)
                .values(
                    status=CaseStatus.drafted.value,
                    category=a.category.value,
                    confidence=a.confidence,
                    signals=[sig.model_dump() for sig in a.signals],
                    assessment=a.model_dump(mode="json"),
                    engine=verdict.engine,
                    note=verdict.note,
                    draft_shown=shown,
                    sender_key=sender_key,
                    earlier_cold=earlier,
                    prompt_tokens=CaseRow.prompt_tokens + usage.prompt_tokens,
                    completion_tokens=CaseRow.completion_tokens + usage.completion_tokens,
                    updated_at=utcnow(),
                    card_claimed_until=utcnow() + CARD_CLAIM,  # the drafter sends the card
                )
                .returning(CaseRow.earlier_cold)
            )
            if saved is None:
                status = await s.scalar(select(CaseRow.status).where(CaseRow.id == case.id))
                return Saved(None, vouched=cold and status == CaseStatus.pending.value)
            # A case redrafted for new text (Telegram Business: an edit, another message)
            # keeps its earlier drafts.
            version = len(case.drafts) + 1
            await s.execute(insert(DraftRow).values(draft_values(case.id, version, verdict.draft)))
        return Saved(
            case.model_copy(
                update={
                    "status": CaseStatus.drafted,
                    "assessment": a,
                    "engine": verdict.engine,
                    "note": verdict.note,
                    "draft_shown": shown,
                    "earlier_cold": saved,
                    "drafts": [*case.drafts, draft_version(version, verdict.draft, edited=False)],
                    "usage": case.usage + usage,
                }
            )
        )

    async def add_draft(self, case: Case, draft: Draft, *, edited: bool = False) -> Case | None:
        """Append a draft version to an open case; None when the case is not open."""
        async with self._sessions.begin() as s:
            if s.bind.dialect.name == "postgresql":
                # Row lock: concurrent presses take turns at picking the next version.
                await _open_row(s, case.id, case.user_id)
            # One statement picks the version and checks the case is open, so SQLite (no row
            # locks, and a reader may not turn writer in WAL mode) serialises it as a write.
            next_version = (
                select(func.coalesce(func.max(DraftRow.version), 0) + 1)
                .where(DraftRow.case_id == case.id)
                .scalar_subquery()
            )
            values = select(
                literal(case.id),
                next_version,
                literal(draft.tone.value),
                literal(draft.text),
                literal(draft.engine),
                literal(draft.variant),
                literal(edited),
                literal(draft.learned),
                literal(draft.note, type_=Text),
                literal(utcnow(), type_=DateTime(timezone=True)),
            ).where(_is_open(case.id, case.user_id))
            version = await s.scalar(
                insert(DraftRow)
                .from_select([*DRAFT_COLUMNS, "created_at"], values)
                .returning(DraftRow.version)
            )
            if version is None:
                return None
            await s.execute(
                update(CaseRow)
                .where(CaseRow.id == case.id)
                .values(
                    prompt_tokens=CaseRow.prompt_tokens + draft.usage.prompt_tokens,
                    completion_tokens=CaseRow.completion_tokens + draft.usage.completion_tokens,
                    updated_at=utcnow(),
                )
            )
        return case.model_copy(
            update={
                "drafts": [*case.drafts, draft_version(version, draft, edited=edited)],
                "usage": case.usage + draft.usage,
            }
        )

    async def correct(self, case: Case, assessment: Assessment, draft: Draft) -> Case | None:
        """Put an open case under the category the user chose, keeping the engine's original."""
        original = case.corrected_from or (case.assessment.category if case.assessment else None)
        corrected_from = None if original is assessment.category else original
        async with self._sessions.begin() as s:
            result = await s.execute(
                update(CaseRow)
                .where(_is_open(case.id, case.user_id))
                .values(
                    category=assessment.category.value,
                    confidence=assessment.confidence,
                    signals=[sig.model_dump() for sig in assessment.signals],
                    assessment=assessment.model_dump(mode="json"),
                    corrected_from=corrected_from.value if corrected_from else None,
                    draft_shown=True,
                    updated_at=utcnow(),
                )
            )
            if not result.rowcount:
                return None
        corrected = case.model_copy(
            update={
                "assessment": assessment,
                "corrected_from": corrected_from,
                "draft_shown": True,
            }
        )
        return await self.add_draft(corrected, draft)

    async def approve(self, case: Case, card_message_id: int | None = None) -> Transition:
        """drafted -> approved, keeping the final text. A second press changes nothing.
        `card_message_id`: the card pressed (else the case's), where a reply in doubt goes."""
        if case.draft is None:
            return Transition(False, case)
        text = case.draft.text
        owes: dict[str, Any] = {"text": text, "chat_id": case.chat_id}
        values: dict[str, Any] = {"approved_text": text}
        link = case.business
        if link is not None and link.blocked is None:
            # Sent in the owner's own chat, as the owner.
            owes |= {"chat_id": link.chat_id, "business_connection_id": link.connection_id}
            values["business_state"] = BusinessState.sent.value
        else:
            # Copy-ready in the user's chat with the bot.
            owes["card_message_id"] = card_message_id or case.card_message_id
            if link is not None:
                owes["note"] = link.blocked  # not in the owner's chat: the reply says why
        result = await self._transition(
            case, CaseStatus.drafted, CaseStatus.approved, owes=owes, **values
        )
        if result.ok and result.case and link is not None and "business_state" in values:
            state = {"state": BusinessState.sent}
            return Transition(
                True, result.case.model_copy(update={"business": link.model_copy(update=state)})
            )
        return result

    async def discard(self, case: Case, state: BusinessState | None = None) -> Transition:
        """Close without sending; `state` says how a case from the owner's chat ended."""
        values = {"business_state": state.value} if state else {}
        result = await self._transition(case, CaseStatus.drafted, CaseStatus.discarded, **values)
        if result.ok and result.case and result.case.business and state:
            link = result.case.business.model_copy(update={"state": state})
            return Transition(True, result.case.model_copy(update={"business": link}))
        return result

    async def redo(self, case: Case) -> Case | None:
        """drafted -> pending, for a case whose text changed (Telegram Business): it is
        assessed and drafted again, its card kept. None when it is no longer open. The case
        comes back as stored now (its text and every draft so far), not as `case` was."""
        async with self._sessions.begin() as s:
            result = await s.execute(
                update(CaseRow)
                .where(CaseRow.id == case.id, CaseRow.status == CaseStatus.drafted.value)
                .values(status=CaseStatus.pending.value, updated_at=utcnow())
            )
            if not result.rowcount:
                return None
            return await load_case(s, CaseRow.id == case.id)

    async def reopen(self, case: Case) -> Transition:
        """A discarded case can be picked up again from /history."""
        return await self._transition(case, CaseStatus.discarded, CaseStatus.drafted)

    async def set_card_message(self, case: Case, message_id: int) -> Case:
        await self._set(case.id, card_message_id=message_id, card_claimed_until=None)
        return case.model_copy(update={"card_message_id": message_id})

    async def claim_card(self, case_id: int) -> bool:
        """Take over sending a drafted case's card, if it is owed and nobody holds it."""
        now = utcnow()
        async with self._sessions.begin() as s:
            claimed = await s.scalar(
                update(CaseRow)
                .where(CaseRow.id == case_id, _card_owed(now))
                .values(card_claimed_until=now + CARD_CLAIM)
                .returning(CaseRow.id)
            )
            return claimed is not None

    async def release_card(self, case_id: int) -> None:
        """A card send failed: the card is owed again, to the next recovery look."""
        await self._set(case_id, card_claimed_until=None)

    async def release_cards(self) -> None:
        """Free every card claim: for a lone process starting up (see Outbox.release_claims)."""
        async with self._sessions.begin() as s:
            await s.execute(
                update(CaseRow)
                .where(CaseRow.card_message_id.is_(None), CaseRow.card_claimed_until.is_not(None))
                .values(card_claimed_until=None)
            )

    async def show_draft(self, case: Case) -> Case:
        await self._set(case.id, draft_shown=True)
        return case.model_copy(update={"draft_shown": True})

    async def get(self, case_id: int, user_id: int) -> Case | None:
        """The case if it exists and belongs to this user; None otherwise."""
        async with self._sessions() as s:
            return await load_case(s, CaseRow.id == case_id, CaseRow.user_id == user_id)

    async def recent(
        self, user_id: int, limit: int = 10, skip: int = 0, only_open: bool = False
    ) -> list[Case]:
        """The user's newest cases (open ones only, if asked), newest first, after skipping
        the `skip` newest."""
        where = [CaseRow.user_id == user_id]
        if only_open:
            where.append(CaseRow.status == CaseStatus.drafted.value)
        async with self._sessions() as s:
            cases = await load_cases(s, *where, newest=limit, skip=skip)
        return cases[::-1]

    async def page(
        self, user_id: int, skip: int, size: int, only_open: bool = False
    ) -> tuple[list[Case], bool]:
        """A page of the user's cases, newest first, and whether older ones follow."""
        cases = await self.recent(user_id, size + 1, skip, only_open)
        return cases[:size], len(cases) > size

    async def count(self, user_id: int) -> int:
        async with self._sessions() as s:
            return await s.scalar(select(func.count()).where(CaseRow.user_id == user_id)) or 0

    async def unfinished(self, collecting_window: float, idle_for: float = 0.0) -> list[Case]:
        """Cases stored but never shown, claimed for the caller to finish: pending ones
        untouched for `idle_for` seconds (with several replicas, one being drafted elsewhere
        is not unfinished), and drafted ones whose card nobody holds.

        One UPDATE claims them, so two lookers never get the same case.
        """
        now = utcnow()
        stale = now - timedelta(seconds=collecting_window)
        idle = now - timedelta(seconds=idle_for)
        async with self._sessions.begin() as s:
            # A paste whose parts stopped arriving is complete: let it through.
            await s.execute(
                update(CaseRow)
                .where(CaseRow.status == CaseStatus.collecting.value, CaseRow.updated_at < stale)
                .values(status=CaseStatus.pending.value)
            )
            pending = (CaseRow.status == CaseStatus.pending.value) & (CaseRow.updated_at <= idle)
            claimed = await s.scalars(
                update(CaseRow)
                .where(pending | _card_owed(now))
                .values(updated_at=now, card_claimed_until=now + CARD_CLAIM)
                .returning(CaseRow.id)
            )
            return await load_cases(s, CaseRow.id.in_(list(claimed)))

    async def _transition(
        self,
        case: Case,
        old: CaseStatus,
        new: CaseStatus,
        owes: dict[str, Any] | None = None,
        **values: Any,
    ) -> Transition:
        """The status change, if the case is still `old`; `owes` is the reply the change owes
        (text, chat_id, and where it goes), written to the outbox in the same transaction."""
        async with self._sessions.begin() as s:
            result = await s.execute(
                update(CaseRow)
                .where(
                    CaseRow.id == case.id,
                    CaseRow.user_id == case.user_id,
                    CaseRow.status == old.value,
                )
                .values(status=new.value, updated_at=utcnow(), **values)
            )
            if result.rowcount:
                if owes is not None:
                    owe(s, case.id, case.user_id, kind=REPLY, **owes)
                changed = {k: v for k, v in values.items() if k in Case.model_fields}
                return Transition(True, case.model_copy(update={"status": new, **changed}))
            # Another press won: report the case as it is now.
            return Transition(False, await load_case(s, CaseRow.id == case.id))

    async def _set(self, case_id: int, **values: Any) -> None:
        async with self._sessions.begin() as s:
            await s.execute(update(CaseRow).where(CaseRow.id == case_id).values(**values))


def _card_owed(now: Any) -> Any:
    """A drafted case with no card that nobody is sending."""
    return (
        (CaseRow.status == CaseStatus.drafted.value)
        & CaseRow.card_message_id.is_(None)
        & or_(CaseRow.card_claimed_until.is_(None), CaseRow.card_claimed_until <= now)
    )


def _has_examples(user_id: int) -> Any:
    return exists().where(StyleExampleRow.user_id == user_id)


def _is_open(case_id: int, user_id: int) -> Any:
    return exists().where(
        CaseRow.id == case_id,
        CaseRow.user_id == user_id,
        CaseRow.status == CaseStatus.drafted.value,
    )


def _vouched(user_id: int, key: str) -> Any:
    return exists().where(SenderRow.user_id == user_id, SenderRow.key == key, SenderRow.genuine)


def _earlier_cold(case: Case, key: str) -> Any:
    """How many earlier cases from this sender ended up cold (a scalar subquery)."""
    other = aliased(CaseRow)
    return (
        select(func.count())
        .select_from(other)
        .where(
            other.user_id == case.user_id,
            other.sender_key == key,
            other.id < case.id,
            other.category.is_not(None),
            other.category != Category.genuine.value,
        )
        .scalar_subquery()
    )


async def _open_row(s: AsyncSession, case_id: int, user_id: int) -> CaseRow | None:
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
