"""Making the replies yours (bot/telegram/handlers/settings.py): /start and /tone, /settings
and its buttons, /profile, and the replies to their prompts."""

from __future__ import annotations

from bot.telegram import texts
from tests.helpers import Harness


async def test_start_offers_the_tones_and_the_pick_shapes_the_next_draft(bot: Harness):
    [welcome] = await bot.say("/start")
    assert "Cold Shoulder" in welcome.params["text"]
    assert "cs1:pt:0:deadpan" in welcome.callback_data
    [commands] = bot.transport.calls_to("setMyCommands")
    assert {c["command"] for c in commands.params["commands"]} >= {
        "start",
        "help",
        "tone",
        "history",
        "forget",
        "export",
    }

    [answer, picked] = await bot.press(welcome, "cs1:pt:0:deadpan")
    assert answer.method == "answerCallbackQuery"
    assert picked.params["text"] == texts.TONE_SET.format(tone="deadpan")

    assert "Draft · deadpan" in (await bot.card()).params["text"]


async def test_tone_shows_the_tone_picker(bot: Harness):
    [picker] = await bot.say("/tone")

    assert picker.params["text"].endswith("Pick the tone for cold messages:")
    assert {f"cs1:pt:0:{t}" for t in ("pointed", "deadpan", "firm")} <= set(picker.callback_data)
