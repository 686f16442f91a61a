"""The offline engine: signal rules to assess, prompts/offline templates to draft.

Deterministic and network-free, so it is the default, the fallback when a model fails,
and the second opinion the card shows next to a model's verdict.

The bot awaits it: `verdict` and `redraft` run the work in the engine's worker threads, so a
message that takes a while to read does not hold up every other user's update on the event
loop. The plain methods (`assess_and_draft`...) stay synchronous for the CLI and benchmarks.
A thread takes turns with the loop only between Python steps: one regex search holds the GIL
to its end, which is one more reason every pattern is linear (tests/test_regex_linear.py).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

from bot.engine import injection
from bot.engine.offline import classify, drafting
from bot.models import Assessment, Category, Draft, Incoming, Preferences, Tone, Verdict
from bot.prompts import Prompts

ENGINE_NAME = "offline"
# Two, so a quick message need not queue behind a slow one. Under the GIL more threads would
# add no speed, only contention for it.
WORKERS = 2
T = TypeVar("T")


class OfflineEngine:
    name = ENGINE_NAME
    concurrency = WORKERS

    def __init__(self, prompts: Prompts):
        self.prompts = prompts
        drafting.check_templates(prompts)
        # Started on first use, again after aclose (a closed engine can still be awaited).
        self._worker: ThreadPoolExecutor | None = None

    def assess(self, incoming: Incoming) -> Assessment:
        assessment = classify.assess(incoming.text)
        steering = injection.find(incoming.text)
        if steering is not None:
            # Trying to steer the reader's AI is deceptive, whatever else the message is.
            assessment = assessment.model_copy(
                update={
                    "category": Category.scam,
                    "confidence": max(assessment.confidence, 0.75),
                    "signals": [steering, *assessment.signals][:6],
                    "offer": None,
                    "ask": None,
                    "uncertain": False,  # steering is a deliberate act: nothing to ask about
                    "alternative": None,
                }
            )
        if incoming.sender_name:
            # The transport knows the sender better than any sign-off we can parse.
            first = incoming.sender_name.strip().split()[0]
            assessment = assessment.model_copy(update={"sender_name": first})
        return assessment

    def draft(
        self,
        incoming: Incoming,
        assessment: Assessment,
        tone: Tone,
        prefs: Preferences | None = None,
        variant: int | None = None,
    ) -> Draft:
        return drafting.draft(
            self.prompts,
            text=incoming.text,
            assessment=assessment,
            tone=tone,
            prefs=prefs or Preferences(),
            variant=variant,
        )

    def assess_and_draft(
        self,
        incoming: Incoming,
        prefs: Preferences | None = None,
        tone: Tone | None = None,
        variant: int | None = None,
    ) -> Verdict:
        prefs = prefs or Preferences()
        assessment = self.assess(incoming)
        chosen = tone or prefs.tone_for(assessment.category)
        draft = self.draft(incoming, assessment, chosen, prefs, variant)
        return Verdict(assessment=assessment, draft=draft, engine=self.name)

    # The bot's workflow awaits its engine; these run the work off the event loop.

    async def verdict(
        self, incoming: Incoming, prefs: Preferences, tone: Tone | None = None
    ) -> Verdict:
        return await self._off_loop(self.assess_and_draft, incoming, prefs, tone)

    async def redraft(
        self,
        incoming: Incoming,
        assessment: Assessment,
        tone: Tone,
        prefs: Preferences,
        variant: int | None = None,
        avoid: str | None = None,
    ) -> Draft:
        return await self._off_loop(self.draft, incoming, assessment, tone, prefs, variant)

    async def aclose(self) -> None:
        worker, self._worker = self._worker, None
        if worker is not None:
            worker.shutdown(wait=False)

    async def _off_loop(self, work: Callable[..., T], *args: object) -> T:
        if self._worker is None:
            self._worker = ThreadPoolExecutor(WORKERS, thread_name_prefix="offline-engine")
        return await asyncio.get_running_loop().run_in_executor(self._worker, work, *args)
