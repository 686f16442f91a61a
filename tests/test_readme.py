"""The README shows what the bot really sends: its command list and its example card."""

from __future__ import annotations

import re

from bot.telegram import texts
from tests.conftest import REPO_ROOT

README = (REPO_ROOT / "README.md").read_text(encoding="utf-8")


def test_the_readme_names_exactly_the_commands_the_bot_registers():
    paragraph = README[README.index("Commands: `/start`") :].split("\n\n", 1)[0]
    named = re.findall(r"`/([a-z_]+)", paragraph)
    assert sorted(set(named)) == sorted(name for name, _ in texts.COMMANDS)
