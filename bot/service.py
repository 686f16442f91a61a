"""The workflow: the one API the handlers, the webhook's recovery and the CLI call.

Telegram-free. It takes and returns loaded domain objects (a handler loads a pressed case
once and passes it on), so no layer fetches the same case twice.
"""

from __future__ import annotations

import asyncio
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from bot import metrics, preferences
from bot.engine import Engine
from bot.engine.offline import voice
from bot.models import (
    Assessment,
    BusinessChat,
    BusinessConnection,
    BusinessState,
    Case,
    CaseStatus,
    Category,
    Draft,
    Incoming,
    Preferences,
    Prompt,
    PromptKind,
    Signal,
    Tone,
    Verdict,
)
from bot.store import Forgotten, Store, Transition
from bot.store.business import MERGE_WINDOW
from bot.store.outbox import REPLY, Owed
from bot.store.schema import utcnow
from bot.text import names

# Telegram clients split a paste longer than 4,096 characters into several messages sent
# back to back. Only a long message can be the first part of such a split, so only a long
# message waits to see whether more parts follow.
SPLIT_MIN_CHARS = 3500
SPLIT_WINDOW = 2.0
MAX_EDIT_CHARS = 4000
PROMPT_TIMEOUT = 600.0  # seconds a prompt waits for its answer (COLDSHOULDER_PROMPT_TIMEOUT)
VOUCHED_SIGNAL = "you marked this sender as genuine"
MARKED_COLD_SIGNAL = "you marked this sender as cold"


@dataclass(frozen=True)
class Pending:
    """A stored case waiting for the engine, with the preferences it is drafted under."""

    case: Case
    prefs: Preferences


@dataclass(frozen=True)
class Arrived:
    """What a message in the owner's own chat led to: a case to draft and show (new, or
    redrafted for more text: then its card is updated in place), cases the owner's own
    message closed, or why nothing happened (`skipped`)."""

    pending: Pending | None = None
    closed: list[Case] = field(default_factory=list)
    skipped: str | None = None  # owner, disabled, paused, muted, answered, allowed, again


class Service:
    def __init__(
        self,
        store: Store,
        engine: Engine,
        split_window: float = SPLIT_WINDOW,
        prompt_timeout: float = PROMPT_TIMEOUT,
    ):
        self.store = store
        self.engine = engine
        self.split_window = split_window
        self.prompt_timeout = prompt_timeout
        self.merge_window = MERGE_WINDOW
        # Weak values: a chat's lock lives only while someone holds or awaits it.
        self._chat_locks: weakref.WeakValueDictionary[int, asyncio.Lock] = (
            weakref.WeakValueDictionary()
        )

    # --- a new message -----------------------------------------------------------------

    async def intake(self, user_id: int, chat_id: int, incoming: Incoming) -> Pending | None:
        """Write the message down before any engine runs, so a crash cannot lose it.

        Returns the case still to draft (or to show), or None when there is nothing left to
        do: the text joined a paste still arriving, or this message (a redelivered update)
        already has its card.
        """
        long_paste = len(incoming.text) >= SPLIT_MIN_CHARS
        status = CaseStatus.collecting if long_paste else CaseStatus.pending
        # Updates are handled concurrently; the per-chat lock keeps the parts of one paste in
        # the order Telegram delivered them (the lock is taken before the first await).
        lock = self._chat_locks.setdefault(chat_id, asyncio.Lock())
        async with lock:
            stored = await self.store.cases.intake(
                user_id, chat_id, incoming, self.split_window, status
            )
        case = stored.case
        if case is None:
            return None
        if not stored.new:
            # Stored before (a redelivery, or another replica was first): draft it if nobody
            # has, show its card if it is owed and nobody else is sending it.
            if case.status is CaseStatus.pending:
                return Pending(case, stored.prefs)
            owed = case.status is CaseStatus.drafted and case.card_message_id is None
            if owed and await self.store.cases.claim_card(case.id):
                return Pending(case, stored.prefs)
            return None
        if long_paste:
            if not await self._wait_for_parts(case.id):
                return None
            # The parts were joined in the store: read the whole text back.
            case = await self.store.cases.get(case.id, user_id)
        return Pending(case, stored.prefs) if case else None

    async def draft(self, pending: Pending, image: bytes | None = None) -> Case | None:
        """Assess and draft a pending case; an already drafted case comes back as it is.

        `image` is the screenshot the text was read from, for a model that reads images.
        None when another replica drafted it meanwhile (it shows the card, not us).
        """
        case, prefs = pending.case, pending.prefs
        if case.status is not CaseStatus.pending:
            return case
        incoming = case.incoming.model_copy(update={"image": image})
        verdict = await self.engine.verdict(incoming, prefs)
        metrics.CASES.labels(category=verdict.assessment.category.value).inc()
        metrics.VERDICTS.labels(engine=verdict.engine).inc()
        if verdict.engine != self.engine.name:
            metrics.LLM_FALLBACKS.inc()
        key = sender_key(case.incoming, verdict.assessment)
        if verdict.assessment.uncertain and key:
            # The user already said what this sender is: no need to ask again.
            verdict = await self._judged(case, verdict, prefs, key)
        saved = await self.store.cases.save_verdict(case, verdict, key)
        if saved.vouched:
            # A sender the user vouched for is never called cold.
            trusted = await self._settled(case, verdict, prefs, Category.genuine, VOUCHED_SIGNAL)
            saved = await self.store.cases.save_verdict(case, trusted, key)
        return saved.case

    async def resume(self, case: Case) -> Case | None:
        """Draft a case a previous process stored but never finished."""
        prefs = await self.store.users.preferences(case.user_id)
        return await self.draft(Pending(case, prefs))

    async def unfinished(self, idle_for: float = 0.0) -> list[Case]:
        """Cases stored but never shown: pending, or drafted with no card."""
        return await self.store.cases.unfinished(self.split_window, idle_for)

    async def card_sent(self, case: Case, message_id: int) -> Case:
        return await self.store.cases.set_card_message(case, message_id)

    async def card_unsent(self, case: Case) -> None:
        """Sending the card failed: the recovery loop's next look sends it."""
        await self.store.cases.release_card(case.id)

    # --- the card's buttons ------------------------------------------------------------

    async def case(self, case_id: int, user_id: int) -> Case | None:
        """The case if it exists and belongs to this user."""
        return await self.store.cases.get(case_id, user_id)

    async def correct(self, case: Case, category: Category) -> Case | None:
        """The user says the category is wrong, or answers an uncertain card: redraft under
        theirs and remember the sender."""
        if case.assessment is None or case.status is not CaseStatus.drafted:
            return None
        assessment = case.assessment.model_copy(
            update={
                "category": category,
                "confidence": 1.0,
                "by_user": True,
                "generic": case.assessment.generic and category.is_cold,
                "uncertain": False,  # the user said what it is: the card shows the draft
            }
        )
        prefs = await self.store.users.preferences(case.user_id)
        draft = await self.engine.redraft(
            case.incoming, assessment, prefs.tone_for(category), prefs
        )
        key = sender_key(case.incoming, assessment)
        if key:
            await self.store.users.mark_sender(
                case.user_id, key, genuine=category is Category.genuine
            )
        return await self.store.cases.correct(case, assessment, draft)

    async def regenerate(self, case: Case) -> Case | None:
        """A different variant in the same tone."""
        if case.draft is None:
            return None
        tone = case.draft.tone
        return await self._redraft(case, tone, _next_press(case, tone), avoid=case.draft.text)

    async def retone(self, case: Case, tone: Tone) -> Case | None:
        """The case in another tone: a tone shown before goes on to a wording not yet shown."""
        if case.draft is None:
            return None
        press = _next_press(case, tone)
        return await self._redraft(case, tone, None if press == 0 else press)

    async def ask_for_edit(self, case: Case, prompt_message_id: int) -> None:
        """The user's next message becomes their own version of the draft."""
        await self.store.users.ask(
            case.user_id, Prompt(PromptKind.edit, prompt_message_id, case_id=case.id)
        )

    async def ask_for_text(self, case: Case, prompt_message_id: int) -> None:
        """The user's next message is the corrected text of a misread screenshot."""
        await self.store.users.ask(
            case.user_id, Prompt(PromptKind.fix_text, prompt_message_id, case_id=case.id)
        )

    async def edit(self, case: Case, text: str) -> Case | None:
        """The user's own words become the newest draft version."""
        if case.draft is None:
            return None
        draft = Draft(tone=case.draft.tone, text=text.strip()[:MAX_EDIT_CHARS], engine="user")
        return await self.store.cases.add_draft(case, draft, edited=True)

    async def show_draft(self, case: Case) -> Case:
        """Reveal the draft a scam card holds back."""
        return await self.store.cases.show_draft(case)

    async def approve(self, case: Case, card_message_id: int | None = None) -> Transition:
        """Close the case; a reply the user edited becomes a style example for its category.
        `card_message_id`: the card pressed (the case may not have recorded it yet), where the
        reply goes if sending it ends in doubt."""
        result = await self.store.cases.approve(case, card_message_id)
        approved = result.case
        edited = result.ok and approved and approved.draft and approved.draft.edited
        if edited and approved.assessment:
            prefs = await self.store.users.preferences(case.user_id)
            # The full name where the message came with one, so the surname is known too.
            full = approved.incoming.sender_name or approved.assessment.sender_name
            example = voice.example(
                approved.draft.text,
                approved.assessment.model_copy(update={"sender_name": full}),
                approved.incoming.text,
                tone=approved.draft.tone,
                signature=prefs.signature,
            )
            if example is not None:
                await self.store.users.add_style_example(case.user_id, example)
        return result

    # --- messages owed (the outbox) ------------------------------------------------------

    async def claim_reply(self, case: Case) -> Owed | None:
        """The approved reply, claimed for sending, while it is owed and nobody else sends it."""
        return await self.store.outbox.claim(case.id, REPLY)

    async def reply_delivered(self, case: Case) -> bool | None:
        """Whether the approved reply reached the user (None: no reply was owed)."""
        return await self.store.outbox.is_sent(case.id, REPLY)

    async def refused(self, owed: Owed, error: str) -> None:
        """Telegram refused the message itself: no automatic retries; a press asks again."""
        await self.store.outbox.refused(owed, error)

    async def release_claims(self) -> None:
        """A lone process starting up: messages and cards its dead predecessor was sending
        are due now."""
        await self.store.outbox.release_claims()
        await self.store.cases.release_cards()

    async def claim_due(self) -> list[Owed]:
        """Owed messages whose (next) attempt is due, claimed for sending."""
        return await self.store.outbox.claim_due()

    async def delivered(self, owed: Owed, message_id: int) -> None:
        await self.store.outbox.sent(owed, message_id)

    async def undelivered(
        self, owed: Owed, retry_in: float, error: str, in_doubt: bool = False
    ) -> None:
        """Telegram did not take it, or (`in_doubt`) may have: due again in `retry_in`
        seconds."""
        metrics.OUTBOX_RETRIES.labels(kind=owed.kind).inc()
        await self.store.outbox.retry(owed, retry_in, error, in_doubt)

    async def discard(self, case: Case) -> Transition:
        return await self.store.cases.discard(case)

    async def reopen(self, case: Case) -> Case:
        """A case from /history, open again: a discarded one reopens, an unfinished one drafts."""
        if case.status is CaseStatus.discarded:
            case = (await self.store.cases.reopen(case)).case or case
        if case.status in (CaseStatus.pending, CaseStatus.collecting):
            case = await self.resume(case.model_copy(update={"status": CaseStatus.pending})) or case
        return case

    async def replace_text(self, case: Case, text: str) -> Pending | None:
        """A misread screenshot's corrected text: the old case closes, a new one is stored.
        A first line "From: Name" corrects the sender; alone, it keeps the text."""
        sender, body = names.from_line(text)
        if not (await self.store.cases.discard(case)).ok:
            return None
        fixed = case.incoming.model_copy(
            update={
                "text": body or case.incoming.text,
                "sender_name": sender or case.incoming.sender_name,
                "message_id": None,
            }
        )
        return await self.intake(case.user_id, case.chat_id, fixed)

    # --- the user's history and data ---------------------------------------------------

    async def recent(self, user_id: int, limit: int) -> list[Case]:
        return await self.store.cases.recent(user_id, limit)

    async def history(
        self, user_id: int, skip: int, size: int, only_open: bool = False
    ) -> tuple[list[Case], bool]:
        """One page of /history, newest first, and whether there are older cases."""
        return await self.store.cases.page(user_id, skip, size, only_open)

    async def count_cases(self, user_id: int) -> int:
        return await self.store.cases.count(user_id)

    async def export(self, user_id: int) -> dict[str, Any]:
        return await self.store.export(user_id)

    async def forget(self, user_id: int) -> Forgotten:
        return await self.store.forget(user_id)

    # --- settings ----------------------------------------------------------------------

    async def preferences(self, user_id: int) -> Preferences:
        return await self.store.users.preferences(user_id)

    async def learned_examples(self, user_id: int) -> dict[Category, int]:
        """Replies learned from the user's edits, counted per category."""
        return await self.store.users.count_style_examples(user_id)

    async def clear_examples(self, user_id: int, category: Category | None = None) -> int:
        return await self.store.users.clear_style_examples(user_id, category)

    async def change_preferences(
        self, user_id: int, change: Callable[[Preferences], Preferences]
    ) -> Preferences:
        """Apply a checked change (a function from bot.preferences); SettingError refuses it
        and nothing is saved."""
        prefs = change(await self.store.users.preferences(user_id))
        await self.store.users.save_preferences(user_id, prefs)
        return prefs

    async def set_default_tone(self, user_id: int, tone: Tone) -> Preferences:
        return await self.change_preferences(
            user_id, lambda p: p.model_copy(update={"cold_tone": tone})
        )

    async def answer_setting(self, user_id: int, prompt: Prompt, value: str) -> Preferences:
        """The user's answer to a settings prompt: saved and the prompt closed, or SettingError
        (the old value stays and the prompt stays open)."""
        prefs = await self.change_preferences(
            user_id, lambda p: preferences.set_text(p, str(prompt.field), value)
        )
        await self.store.users.close_prompt(user_id, prompt.message_id)
        return prefs

    # --- prompts (at most one open per user) --------------------------------------------

    async def ask_for_setting(self, user_id: int, field: str, prompt_message_id: int) -> None:
        """The user's next message is the new value of a text setting."""
        await self.store.users.ask(
            user_id, Prompt(PromptKind.setting, prompt_message_id, field=field)
        )

    async def open_prompt(self, user_id: int) -> Prompt | None:
        """The prompt the user has not answered; `fresh` False once it has timed out."""
        asked_after = utcnow() - timedelta(seconds=self.prompt_timeout)
        return await self.store.users.prompt(user_id, asked_after)

    async def close_prompt(self, user_id: int, prompt_message_id: int) -> bool:
        """Close that prompt if it is still open; True for the one caller that closed it."""
        return await self.store.users.close_prompt(user_id, prompt_message_id)

    # --- Telegram Business: the owner's own chats ----------------------------------------

    async def connect(self, connection: BusinessConnection) -> BusinessConnection | None:
        """Store the connection as Telegram reports it; the one it replaced (None: new)."""
        return await self.store.business.save_connection(connection)

    async def connection(self, connection_id: str) -> BusinessConnection | None:
        return await self.store.business.connection(connection_id)

    async def connections(self, user_id: int) -> list[BusinessConnection]:
        return await self.store.business.connections(user_id)

    async def open_business_cases(self, connection_id: str) -> list[Case]:
        return await self.store.business.open_cases(connection_id)

    async def business_message(
        self,
        connection: BusinessConnection,
        chat_id: int,
        incoming: Incoming | None,
        sent_at: datetime,
    ) -> Arrived:
        """A message in a connected chat: the other person's (`incoming`), or the owner's
        own (None). The owner's closes the chat's open cards and marks it answered; the
        other person's becomes a case unless the bot is paused, the chat is muted or
        answered before, or the sender is on the allowlist."""
        if incoming is None:
            return Arrived(
                closed=await self.store.business.owner_wrote(connection, chat_id), skipped="owner"
            )
        skipped = await self._business_skip(connection, chat_id, incoming.sender_id)
        if skipped:
            return Arrived(skipped=skipped)
        lock = self._chat_locks.setdefault(hash((connection.id, chat_id)), asyncio.Lock())
        async with lock:
            stored = await self.store.business.store_message(
                connection, chat_id, incoming, sent_at, self.merge_window
            )
        if stored.case is None:
            return Arrived(skipped="again")
        prefs = await self.store.users.preferences(connection.user_id)
        if stored.new:
            return Arrived(pending=Pending(stored.case, prefs))
        return Arrived(pending=await self._redo(stored.case, prefs))

    async def business_catch_up(self, drafted: Pending) -> Pending | None:
        """A new case's card is out: if more of the person's messages joined the case while
        it was drafted, the case to draft again (its card is then updated)."""
        case = await self.store.cases.get(drafted.case.id, drafted.case.user_id)
        if case is None or case.incoming.text == drafted.case.incoming.text:
            return None
        return await self._redo(case, drafted.prefs)

    async def business_edit(
        self, connection_id: str, chat_id: int, message_id: int, text: str
    ) -> Pending | None:
        """The other person edited a message of an open case: the case to redraft."""
        case = await self.store.business.edit_message(connection_id, chat_id, message_id, text)
        if case is None:
            return None
        return await self._redo(case, await self.store.users.preferences(case.user_id))

    async def business_deleted(
        self, connection_id: str, chat_id: int, message_ids: list[int]
    ) -> tuple[list[Case], list[Pending]]:
        """Messages deleted in the owner's chat: cases closed because nothing is left of
        them, and cases to redraft without the deleted part."""
        closed, changed = await self.store.business.delete_messages(
            connection_id, chat_id, message_ids
        )
        redo = []
        for case in changed:
            pending = await self._redo(case, await self.store.users.preferences(case.user_id))
            if pending is not None:
                redo.append(pending)
        return closed, redo

    async def leave_unanswered(self, case: Case) -> Transition:
        return await self.store.cases.discard(case, BusinessState.unanswered)

    async def let_through(self, case: Case) -> Transition:
        """The sender goes on the owner's allowlist and this card closes."""
        if case.incoming.sender_id is not None:
            await self.store.business.allow(
                case.user_id, case.incoming.sender_id, case.incoming.sender_name
            )
        return await self.store.cases.discard(case, BusinessState.allowed)

    async def mute(self, case: Case) -> Transition:
        """No more cases from this chat; this card closes."""
        if case.business is not None:
            await self.store.business.set_muted(case.user_id, case.business.chat_id, True)
        return await self.store.cases.discard(case, BusinessState.muted)

    async def last_business_message(self, case: Case) -> int | None:
        return await self.store.business.last_message_id(case.id)

    async def set_paused(self, user_id: int, paused: bool) -> int:
        return await self.store.business.set_paused(user_id, paused)

    async def unmute(self, user_id: int, chat_id: int) -> int:
        return await self.store.business.set_muted(user_id, chat_id, False)

    async def disallow(self, user_id: int, sender_id: int) -> int:
        return await self.store.business.disallow(user_id, sender_id)

    async def allowlist(self, user_id: int) -> list[tuple[int, str | None]]:
        return await self.store.business.allowlist(user_id)

    async def muted_chats(self, user_id: int) -> list[BusinessChat]:
        return await self.store.business.muted_chats(user_id)

    async def hand_over(self, owed: Owed, note: str) -> Owed | None:
        """A reply Telegram refused in the owner's chat, owed to the owner copy-ready."""
        return await self.store.outbox.hand_over(owed, note)

    async def _business_skip(
        self, connection: BusinessConnection, chat_id: int, sender_id: int | None
    ) -> str | None:
        if not connection.is_enabled:
            return "disabled"
        if connection.paused:
            return "paused"
        chat = await self.store.business.chat(connection.id, chat_id)
        if chat is not None and chat.muted:
            return "muted"
        if chat is not None and chat.answered:
            return "answered"
        if sender_id is not None and await self.store.business.is_allowed(
            connection.user_id, sender_id
        ):
            return "allowed"
        return None

    async def _redo(self, case: Case, prefs: Preferences) -> Pending | None:
        """A drafted case whose text changed goes back to pending, to be drafted again; one
        still pending is drafted from the stored text by whoever holds it."""
        redone = await self.store.cases.redo(case)
        return Pending(redone, prefs) if redone is not None else None

    # --- internals ---------------------------------------------------------------------

    async def _redraft(
        self, case: Case, tone: Tone, variant: int | None, avoid: str | None = None
    ) -> Case | None:
        if case.assessment is None:
            return None
        prefs = await self.store.users.preferences(case.user_id)
        draft = await self.engine.redraft(
            case.incoming, case.assessment, tone, prefs, variant=variant, avoid=avoid
        )
        return await self.store.cases.add_draft(case, draft)

    async def _judged(self, case: Case, verdict: Verdict, prefs: Preferences, key: str) -> Verdict:
        """An uncertain verdict on a sender the user judged before, settled by that judgement;
        unchanged (the card asks) for a sender never judged, or a cold one with no cold
        reading to draft under."""
        genuine = await self.store.users.judgement(case.user_id, key)
        if genuine:
            return await self._settled(case, verdict, prefs, Category.genuine, VOUCHED_SIGNAL)
        cold = verdict.assessment.cold_reading
        if genuine is False and cold is not None:
            return await self._settled(case, verdict, prefs, cold, MARKED_COLD_SIGNAL)
        return verdict

    async def _settled(
        self, case: Case, verdict: Verdict, prefs: Preferences, category: Category, signal: str
    ) -> Verdict:
        """The verdict under the category the user's word on the sender gives it."""
        a = verdict.assessment
        settled: Assessment = a.model_copy(
            update={
                "category": category,
                "confidence": 1.0,
                "by_user": True,
                "generic": a.generic and category.is_cold,
                "uncertain": False,
                "signals": [Signal(signal=signal), *a.signals][:6],
            }
        )
        # Always redrafted: an uncertain verdict's draft was written for a guess.
        draft = await self.engine.redraft(case.incoming, settled, prefs.tone_for(category), prefs)
        return verdict.model_copy(update={"assessment": settled, "draft": draft})

    async def _wait_for_parts(self, case_id: int) -> bool:
        """True once the paste is complete and this caller owns it."""
        while True:
            await asyncio.sleep(self.split_window / 4)
            done = await self.store.cases.finish_collecting(case_id, quiet_for=self.split_window)
            if done is not False:  # True: complete; None: another process took it
                return bool(done)


def _next_press(case: Case, tone: Tone) -> int:
    """The first Regenerate press not yet shown on this case in this tone, so a wording is
    never shown twice until all have been (edits and a Tone detour do not reset the count).
    Genuine drafts read warm whatever the tone, so for them every draft counts."""
    genuine = case.assessment is not None and case.assessment.category is Category.genuine
    shown = [
        d.variant
        for d in case.drafts
        if not d.edited and d.engine != "user" and (genuine or d.tone is tone)
    ]
    return max(shown) + 1 if shown else 0


def sender_key(incoming: Incoming, assessment: Assessment | None) -> str | None:
    """Who sent it: the Telegram id when a forward shows it, else the name, case-folded."""
    if incoming.sender_id is not None:
        return f"id:{incoming.sender_id}"
    name = incoming.sender_name or (assessment.sender_name if assessment else None)
    name = " ".join((name or "").split()).casefold()
    return f"name:{name}" if name else None
