"""The signal table, split by category. Order matters: ties go to the earlier row."""

from __future__ import annotations

from bot.engine.offline.rule import Rule
from bot.engine.offline.rules import favour, genuine, meeting, recruiting, sales, scam

RULES: tuple[Rule, ...] = (
    *scam.RULES,
    *recruiting.RULES,
    *sales.RULES,
    *meeting.RULES,
    *favour.RULES,
    *genuine.RULES,
)
BY_ID: dict[str, Rule] = {rule.id: rule for rule in RULES}

__all__ = ["BY_ID", "RULES", "Rule"]
