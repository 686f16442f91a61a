"""One row of the signal table: a stable id, the signal it shows, category weights, a regex.

Every pattern is written from how cold messages are written in general, never copied from a
sample, and is linear: bounded gaps and no nested quantifiers, so no input can make it
backtrack for long (tests/engine/offline/test_rules.py checks the wording rule).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.models import Category

SP = Category.sales_pitch
FR = Category.favor_request
MR = Category.meeting_request
RC = Category.recruiting
SC = Category.scam
GE = Category.genuine

# Weight spread for signals that mark a message as cold without saying which kind.
COLD_ANY = {SP: 0.5, FR: 0.5, MR: 0.5, RC: 0.4, SC: 0.3}


@dataclass(frozen=True)
class Rule:
    id: str  # stable snake_case key for code and tests; unique per row
    signal: str  # what the card shows; several rows may show the same signal
    weights: dict[Category, float]
    pattern: re.Pattern[str]
    generic: bool = False  # evidence the message is a mass template


def compile_rx(pattern: str) -> re.Pattern[str]:
    # Straight and curly apostrophes are the same thing in pasted text.
    return re.compile(pattern.replace("'", "['’]"), re.IGNORECASE)


def R(
    id: str, signal: str, weights: dict[Category, float], pattern: str, generic: bool = False
) -> Rule:
    return Rule(id, signal, weights, compile_rx(pattern), generic)
