"""The README shows what the bot really sends: its command list and its example card."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from bot.models import Case, CaseStatus, DraftVersion, Preferences
from bot.telegram import keyboards, render, texts
from bot.telegram.intake import read_text
from tests.conftest import REPO_ROOT
from tests.fakes.html import plain_text

README = (REPO_ROOT / "README.md").read_text(encoding="utf-8")


def test_the_readme_names_exactly_the_commands_the_bot_registers():
    paragraph = README[README.index("Commands: `/start`") :].split("\n\n", 1)[0]
    named = re.findall(r"`/([a-z_]+)", paragraph)
    assert sorted(set(named)) == sorted(name for name, _ in texts.COMMANDS)


async def test_the_readme_card_is_the_card_the_bot_shows_for_its_example(offline_engine):
    intro = "fold away in Telegram\nuntil tapped):\n\n```\n"
    shown = README[README.index(intro) + len(intro) :].split("```", 1)[0]
    example = README[README.index("later get: *") + len("later get: *") :].split("*", 1)[0]
    incoming = read_text(" ".join(example.strip('"').split())).incoming
    verdict = await offline_engine.verdict(incoming, Preferences())
    case = Case(
        id=1,
        user_id=1,
        chat_id=1,
        status=CaseStatus.drafted,
        incoming=incoming,
        assessment=verdict.assessment,
        drafts=[
            DraftVersion(
                version=1, tone=verdict.draft.tone, text=verdict.draft.text, engine="offline"
            )
        ],
        created_at=datetime.now(UTC),
    )
    buttons = [" ".join(f"[{b.text}]" for b in row) for row in keyboards.card(case).inline_keyboard]
    assert shown == plain_text(render.card(case)) + "\n" + "\n".join(buttons) + "\n"
