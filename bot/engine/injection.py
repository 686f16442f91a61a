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


def find(text: str) -> Signal | None:
    """The first AI-directed instruction in `text`, quoted, or None."""
    match = _PATTERNS.search(text[:20_000])
    return Signal(signal=SIGNAL_NAME, quote=match.group(0)) if match else None
