"""Fair turns: one user's flood of forwards never holds up another user's card.

PTB's default update processor lets the first N updates in, whoever sent them, so a user who
forwards fifty messages at once fills every slot and the next user waits behind all fifty.
Here each user may have only a few updates in progress; the rest of theirs wait for one of
those, not for a slot everybody shares, and other users' updates go straight through.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor

PER_USER = 4  # enough for a button press to pass a user's own slow draft
# PTB's own gate (acquired before ours) is left wide open: ours does the limiting.
UNLIMITED = 1_000_000


class FairUpdateProcessor(BaseUpdateProcessor):
    def __init__(self, limit: int, per_user: int = PER_USER):
        super().__init__(max_concurrent_updates=UNLIMITED)
        self.limit = limit
        self._slots = asyncio.Semaphore(limit)
        self._per_user = per_user
        self._users: dict[int | None, tuple[asyncio.Semaphore, int]] = {}

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        sender = update.effective_user if isinstance(update, Update) else None
        user = sender.id if sender else None
        turn = self._enter(user)
        try:
            async with turn, self._slots:
                await coroutine
        finally:
            self._leave(user)

    @property
    def busy_users(self) -> int:
        """Users with an update in progress or waiting for its turn."""
        return len(self._users)

    def _enter(self, user: int | None) -> asyncio.Semaphore:
        turn, users = self._users.get(user, (asyncio.Semaphore(self._per_user), 0))
        self._users[user] = (turn, users + 1)
        return turn

    def _leave(self, user: int | None) -> None:
        turn, users = self._users[user]
        if users == 1:
            del self._users[user]  # nothing of theirs in flight: keep no state per idle user
        else:
            self._users[user] = (turn, users - 1)

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to close."""
