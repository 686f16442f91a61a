"""The case workflow: store first, then assess and draft, then redraft on request.

Telegram-free: the handlers call these and render what comes back.
"""

from __future__ import annotations

import asyncio
import weakref

from bot.engine import Engine
from bot.models import Case, CaseStatus, Draft, Incoming, Tone
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

        Returns the pending case, or None when the text joined a paste still arriving.
        """
        # Updates are handled concurrently; the per-chat lock keeps the parts of one paste in
        # the order Telegram delivered them (the lock is taken before the first await).
        lock = self._chat_locks.setdefault(chat_id, asyncio.Lock())
        async with lock:
            joined = await self.store.append_part(
                user_id, chat_id, incoming.text, self.split_window
            )
            if joined is not None:
                return None
            long_paste = len(incoming.text) >= SPLIT_MIN_CHARS
            status = CaseStatus.collecting if long_paste else CaseStatus.pending
            case = await self.store.create_case(user_id, chat_id, incoming, status=status)
        if long_paste and not await self._wait_for_parts(case.id):
            return None
        return case

    async def draft(self, case_id: int, user_id: int) -> Case | None:
        """Assess and draft a pending case; an already drafted case comes back as it is."""
        case = await self.store.get_case(case_id, user_id)
        if case is None or case.status is not CaseStatus.pending:
            return case
        prefs = await self.store.preferences(user_id)
        verdict = await self.engine.verdict(case.incoming, prefs)
        saved = await self.store.save_verdict(case.id, case.incoming, verdict)
        return saved or await self.store.get_case(case_id, user_id)

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
        return await self.store.approve(case_id, user_id)

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

    async def _wait_for_parts(self, case_id: int) -> bool:
        """True once the paste is complete and this caller owns it."""
        while True:
            await asyncio.sleep(self.split_window / 4)
            done = await self.store.finish_collecting(case_id, quiet_for=self.split_window)
            if done is not False:  # True: complete; None: another process took it
                return bool(done)
