"""What the user sees while a case is worked on: "typing…" renewed until the card is ready
and, when that takes a while, one "Still working on it…" message that the card replaces."""

from __future__ import annotations

import asyncio
import contextlib

from telegram import Message
from telegram.constants import ChatAction
from telegram.ext import ExtBot

from bot.telegram import texts
from bot.telegram.delivery import best_effort

# Telegram shows "typing…" for about five seconds, or until the bot sends something.
TYPING_EVERY = 4.0
STILL_WORKING_AFTER = 8.0


class Progress:
    """Keeps the chat informed until `stop()`; `message_id` is then the "Still working"
    message, if one was sent, for the card to take its place.

        async with Progress(bot, chat_id) as progress:
            case = await service.draft(pending)
        await send_card(bot, service, case, replacing=progress.message_id)

    Entering a started one does nothing, so a caller may hand its Progress on to a helper
    that enters it again; stopping is idempotent too.
    """

    def __init__(self, bot: ExtBot, chat_id: int) -> None:
        self.bot, self.chat_id = bot, chat_id
        self.message_id: int | None = None
        self._task: asyncio.Task[None] | None = None
        self._started = 0.0
        self._announced = False  # the "Still working" message was tried (it is said once)
        self._announcing = False  # ... and is on its way right now
        self._stopping = asyncio.Event()

    async def __aenter__(self) -> Progress:
        if self._task is None and not self._stopping.is_set():
            self._started = asyncio.get_running_loop().time()
            await self._typing()  # at once, before any other work
            self._task = asyncio.create_task(self._run(), name=f"progress-{self.chat_id}")
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()

    async def stop(self) -> None:
        """End the indicators; a "Still working" message being sent right now is waited for,
        so its id is known and nothing arrives after the card."""
        if self._task is None:
            return
        self._stopping.set()
        if not self._announcing:
            self._task.cancel()  # a typing call in flight is not worth waiting for
        with contextlib.suppress(asyncio.CancelledError):
            await self._task
        self._task = None

    async def conclude(self, reply_to: Message, text: str) -> None:
        """End with `text` instead of a card, in place of the "Still working" message if
        there is one."""
        await self.stop()
        if self.message_id is not None:
            edited = await best_effort(
                self.bot.edit_message_text(text, chat_id=self.chat_id, message_id=self.message_id)
            )
            if edited is not None:
                return
        await reply_to.reply_text(text)

    async def _run(self) -> None:
        loop = asyncio.get_running_loop()
        while not self._stopping.is_set():
            wake = TYPING_EVERY
            if not self._announced:
                wake = min(wake, max(0.0, self._started + STILL_WORKING_AFTER - loop.time()))
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stopping.wait(), wake)
                return
            if not self._announced and loop.time() - self._started >= STILL_WORKING_AFTER:
                await self._say_still_working()
            # Sending a message clears "typing…", so it is renewed after one too.
            await self._typing()

    async def _typing(self) -> None:
        # A courtesy: a failed indicator must not hold up the case.
        await best_effort(self.bot.send_chat_action(self.chat_id, ChatAction.TYPING))

    async def _say_still_working(self) -> None:
        # Not cancelled half-way (see stop): its id must be known for the card to replace it.
        self._announced = self._announcing = True
        try:
            sent = await best_effort(self.bot.send_message(self.chat_id, texts.STILL_WORKING))
        finally:
            self._announcing = False
        if sent is not None:
            self.message_id = sent.message_id
