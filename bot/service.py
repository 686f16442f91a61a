"""The case workflow: store first, then assess and draft, then redraft on request.

Telegram-free: the handlers call these and render what comes back.
"""

from __future__ import annotations

import asyncio
import weakref

from bot.engine import Engine
from bot.metrics import METRICS
from bot.models import (
    Assessment,
    Case,
    CaseStatus,
    Category,
    Draft,
    Incoming,
    Preferences,
    Signal,
    StyleExample,
    Tone,
    Verdict,
)
from bot.store import Store, Transition

# Telegram clients split a paste longer than 4,096 characters into several messages sent
# back to back. Only a long message can be the first part of such a split, so only a long
# message waits to see whether more parts follow.
SPLIT_MIN_CHARS = 3500
SPLIT_WINDOW = 2.0
MAX_EDIT_CHARS = 4000


class Cases:
    def __init__(self, store: Store, engine: Engine, split_window: float = SPLIT_WINDOW):
        self.store = store
        self.engine = engine
        self.split_window = split_window
        # Weak values: a chat's lock lives only while someone holds or awaits it.
        self._chat_locks: weakref.WeakValueDictionary[int, asyncio.Lock] = (
            weakref.WeakValueDictionary()
        )

    async def intake(self, user_id: int, chat_id: int, incoming: Incoming) -> Case | None:
        """Write the message down before any engine runs, so a crash cannot lose it.

        Returns the case still to draft (or to show), or None when there is nothing left to
        do: the text joined a paste still arriving, or this message (a redelivered update)
        already has its card.
        """
        # Updates are handled concurrently; the per-chat lock keeps the parts of one paste in
        # the order Telegram delivered them (the lock is taken before the first await).
        lock = self._chat_locks.setdefault(chat_id, asyncio.Lock())
        async with lock:
            if incoming.message_id is not None:
                known = await self.store.case_for_message(chat_id, incoming.message_id)
                if known is not None:
                    return known if _needs_work(known) else None
            joined = await self.store.append_part(
                user_id, chat_id, incoming.text, self.split_window
            )
            if joined is not None:
                return None
            long_paste = len(incoming.text) >= SPLIT_MIN_CHARS
            status = CaseStatus.collecting if long_paste else CaseStatus.pending
            case = await self.store.create_case(user_id, chat_id, incoming, status=status)
        if case.status not in (CaseStatus.collecting, CaseStatus.pending):
            return case if _needs_work(case) else None  # another replica stored it first
        if long_paste and not await self._wait_for_parts(case.id):
            return None
        return case

    async def draft(self, case_id: int, user_id: int, image: bytes | None = None) -> Case | None:
        """Assess and draft a pending case; an already drafted case comes back as it is.

        `image` is the screenshot the text was read from, for a model that reads images.
        None when another replica drafted it meanwhile (it shows the card, not us).
        """
        case = await self.store.get_case(case_id, user_id)
        if case is None or case.status is not CaseStatus.pending:
            return case
        prefs = await self.store.preferences(user_id)
        incoming = case.incoming.model_copy(update={"image": image})
        verdict = await self.engine.verdict(incoming, prefs)
        METRICS.inc("coldshoulder_cases_total", category=verdict.assessment.category.value)
        METRICS.inc("coldshoulder_verdicts_total", engine=verdict.engine)
        if verdict.engine != self.engine.name:
            METRICS.inc("coldshoulder_llm_fallbacks_total")
        key = sender_key(case.incoming, verdict.assessment)
        verdict = await self._apply_sender_history(case, verdict, key, prefs)
        return await self.store.save_verdict(case.id, case.incoming, verdict, sender_key=key)

    async def correct(self, case_id: int, user_id: int, category: Category) -> Case | None:
        """The user says the category is wrong: redraft under theirs and remember the sender."""
        case = await self.store.get_case(case_id, user_id)
        if case is None or case.assessment is None or case.status is not CaseStatus.drafted:
            return None
        assessment = case.assessment.model_copy(
            update={
                "category": category,
                "confidence": 1.0,
                "generic": case.assessment.generic and category.is_cold,
            }
        )
        prefs = await self.store.preferences(user_id)
        draft = await self.engine.redraft(
            case.incoming, assessment, prefs.tone_for(category), prefs
        )
        key = sender_key(case.incoming, assessment)
        if key:
            await self.store.mark_sender(user_id, key, genuine=category is Category.genuine)
        return await self.store.correct(case.id, user_id, assessment, draft)

    async def regenerate(self, case_id: int, user_id: int) -> Case | None:
        """A different variant in the same tone."""
        case = await self.store.get_case(case_id, user_id)
        if case is None or case.draft is None:
            return None
        return await self._redraft(
            case, case.draft.tone, case.draft.variant + 1, avoid=case.draft.text
        )

    async def retone(self, case_id: int, user_id: int, tone: Tone) -> Case | None:
        case = await self.store.get_case(case_id, user_id)
        if case is None or case.draft is None:
            return None
        return await self._redraft(case, tone, None)

    async def edit(self, case: Case, text: str) -> Case | None:
        """The user's own words become the newest draft version."""
        if case.draft is None:
            return None
        draft = Draft(tone=case.draft.tone, text=text.strip()[:MAX_EDIT_CHARS], engine="user")
        return await self.store.add_draft(case.id, case.user_id, draft, edited=True)

    async def approve(self, case_id: int, user_id: int) -> Transition:
        """Close the case; a reply the user edited becomes a style example for its category."""
        result = await self.store.approve(case_id, user_id)
        case = result.case
        if result.ok and case and case.draft and case.draft.edited and case.assessment:
            example = StyleExample(
                category=case.assessment.category,
                text=case.draft.text,
                sender_name=case.assessment.sender_name,
            )
            await self.store.add_style_example(user_id, example)
        return result

    async def discard(self, case_id: int, user_id: int) -> Transition:
        return await self.store.discard(case_id, user_id)

    async def _redraft(
        self, case: Case, tone: Tone, variant: int | None, avoid: str | None = None
    ) -> Case | None:
        if case.assessment is None:
            return None
        prefs = await self.store.preferences(case.user_id)
        draft = await self.engine.redraft(
            case.incoming, case.assessment, tone, prefs, variant=variant, avoid=avoid
        )
        return await self.store.add_draft(case.id, case.user_id, draft)

    async def _apply_sender_history(
        self, case: Case, verdict: Verdict, key: str | None, prefs: Preferences
    ) -> Verdict:
        """A sender the user vouched for is never called cold; a repeat offender is named."""
        if key is None:
            return verdict
        a = verdict.assessment
        if a.category.is_cold and await self.store.sender_is_genuine(case.user_id, key):
            trusted = a.model_copy(
                update={
                    "category": Category.genuine,
                    "confidence": 1.0,
                    "generic": False,
                    "signals": [Signal(signal=VOUCHED_SIGNAL), *a.signals][:6],
                }
            )
            draft = await self.engine.redraft(
                case.incoming, trusted, prefs.tone_for(Category.genuine), prefs
            )
            return verdict.model_copy(update={"assessment": trusted, "draft": draft})
        if a.category.is_cold:
            earlier = await self.store.cold_cases_from(case.user_id, key, before_case=case.id)
            if earlier >= 2:
                line = f"{_ordinal(earlier + 1)} cold message from this sender."
                note = f"{verdict.note}\n{line}" if verdict.note else line
                return verdict.model_copy(update={"note": note})
        return verdict

    async def _wait_for_parts(self, case_id: int) -> bool:
        """True once the paste is complete and this caller owns it."""
        while True:
            await asyncio.sleep(self.split_window / 4)
            done = await self.store.finish_collecting(case_id, quiet_for=self.split_window)
            if done is not False:  # True: complete; None: another process took it
                return bool(done)


VOUCHED_SIGNAL = "you marked this sender as genuine"


def _needs_work(case: Case) -> bool:
    """Pending, or drafted but its card never went out."""
    return case.status is CaseStatus.pending or (
        case.status is CaseStatus.drafted and case.card_message_id is None
    )


def sender_key(incoming: Incoming, assessment: Assessment | None) -> str | None:
    """Who sent it: the Telegram id when a forward shows it, else the name, case-folded."""
    if incoming.sender_id is not None:
        return f"id:{incoming.sender_id}"
    name = incoming.sender_name or (assessment.sender_name if assessment else None)
    name = " ".join((name or "").split()).casefold()
    return f"name:{name}" if name else None


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
