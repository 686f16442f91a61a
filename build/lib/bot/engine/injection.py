"""Text in a message that talks to an AI ("ignore your previous instructions") is a signal.

Real people do not write to a stranger's assistant; this is someone trying to steer the
recipient's tools, so the card shows it and the scam score goes up.
"""

from __future__ import annotations

import re

from bot.models import Signal

SIGNAL_NAME = "instructions aimed at an AI"

_PATTERNS = re.compile(
    r"ignore (?:all |any |the |your )*(?:previous|prior|above|earlier) "
    r"(?:instructions|prompts?|directions|rules)"
    r"|disregard (?:all |any |the |your )*(?:previous|prior|above) (?:instructions|prompts?)"
    r"|forget (?:all |your )*(?:previous|prior) instructions"
    r"|as an? (?:AI|artificial intelligence|language model|LLM|AI assistant)\b[^.\n]{0,40}"
    r"(?:reply|respond|answer|write|say|output)"
    r"|(?:you are|you're) (?:now )?(?:ChatGPT|an? (?:AI|LLM|language model))\b"
    r"|(?:reveal|print|repeat|show) (?:me )?(?:your|the) (?:system )?prompt"
    r"|(?:new|updated) system (?:prompt|instructions)"
    r"|\bsystem prompt\b",
    re.IGNORECASE,
)


# Every pattern above contains one of these; most messages contain none, so the regex
# (slow on long text) runs only where it can match.
_CUES = ("instruction", "prompt", " ai", "artificial", "model", "llm", "chatgpt")


def find(text: str) -> Signal | None:
    """The first AI-directed instruction in `text`, quoted, or None."""
    head = text[:6_000]  # as much as the rules read
    lowered = " " + head.lower()  # so " ai" also finds "AI" at the very start
    if not any(cue in lowered for cue in _CUES):
        return None
    match = _PATTERNS.search(head)
    return Signal(signal=SIGNAL_NAME, quote=match.group(0)) if match else None
