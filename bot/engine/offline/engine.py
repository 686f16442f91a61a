"""The offline engine: signal rules to assess, prompts/offline templates to draft.

Deterministic and network-free, so it is the default, the fallback when a model fails,
and the second opinion the card shows next to a model's verdict.
"""

from __future__ import annotations

from bot.engine import injection
from bot.engine.offline import classify, drafting
from bot.models import Assessment, Category, Draft, Incoming, Preferences, Tone, Verdict
from bot.prompts import Prompts

ENGINE_NAME = "offline"


class OfflineEngine:
    name = ENGINE_NAME

    def __init__(self, prompts: Prompts):
        self.prompts = prompts
        drafting.check_templates(prompts)

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

    # The bot's workflow awaits its engine; these make the offline one fit that shape.

    async def verdict(
        self, incoming: Incoming, prefs: Preferences, tone: Tone | None = None
    ) -> Verdict:
        return self.assess_and_draft(incoming, prefs, tone)

    async def redraft(
        self,
        incoming: Incoming,
        assessment: Assessment,
        tone: Tone,
        prefs: Preferences,
        variant: int | None = None,
        avoid: str | None = None,
    ) -> Draft:
        return self.draft(incoming, assessment, tone, prefs, variant)
