"""Making the replies yours (bot/telegram/handlers/settings.py): /start and /tone, /settings
and its buttons, /profile, and the replies to their prompts."""

from __future__ import annotations

from pathlib import Path

from bot.telegram import texts
from tests.fakes.openai import FakeOpenAI
from tests.fakes.transport import Call
from tests.helpers import Harness, app_settings, case_id, harness, llm_settings, model_answer


async def test_start_offers_the_tones_and_the_pick_shapes_the_next_draft(bot: Harness):
    welcome, picker = await bot.say("/start")
    assert "Cold Shoulder" in welcome.params["text"]
    for way in ("Forward", "Paste", "screenshot", "Wrong category?", "Fix text"):
        assert way in welcome.params["text"]
    assert "cs1:pt:0:deadpan" in picker.callback_data
    [commands] = bot.transport.calls_to("setMyCommands")
    assert {c["command"] for c in commands.params["commands"]} >= {
        "start",
        "help",
        "tone",
        "history",
        "forget",
        "export",
    }

    [answer, picked] = await bot.press(picker, "cs1:pt:0:deadpan")
    assert answer.method == "answerCallbackQuery"
    assert picked.params["text"] == texts.TONE_SET.format(tone="deadpan")
    assert picked.params["message_id"] == picker.result["message_id"]  # the welcome stays

    assert "Draft · deadpan" in (await bot.card()).params["text"]


async def test_start_with_a_deep_link_parameter_is_the_same_welcome(bot: Harness):
    welcome, picker = await bot.say("/start from_linkedin_post")
    assert welcome.params["text"] == texts.WELCOME
    assert "cs1:pt:0:pointed" in picker.callback_data


async def test_the_bot_profile_is_set_at_start_up(bot: Harness):
    [description] = bot.transport.calls_to("setMyDescription")
    [short] = bot.transport.calls_to("setMyShortDescription")
    assert description.params["description"] == texts.DESCRIPTION
    assert len(texts.DESCRIPTION) <= 512 and len(texts.SHORT_DESCRIPTION) <= 120
    assert short.params["short_description"] == texts.SHORT_DESCRIPTION


async def test_tone_shows_the_tone_picker(bot: Harness):
    [picker] = await bot.say("/tone")

    assert picker.params["text"].endswith("Pick the tone for cold messages:")
    assert {f"cs1:pt:0:{t}" for t in ("pointed", "deadpan", "firm")} <= set(picker.callback_data)


LEAD_GEN_PITCH = (
    "Hi Sam, thanks for connecting! I help agencies like yours generate 40+ qualified leads "
    "a month with our done-for-you lead generation. Worth a quick call? Best, Priya"
)
PROFILE = "I run a two-person design studio in Leeds. Not interested in lead generation."


async def settings_menu(bot: Harness) -> Call:
    [menu] = await bot.say("/settings")
    assert "<b>Settings</b>" in menu.params["text"]
    return menu


async def set_text(bot: Harness, field: str, value: str) -> str:
    """Tap a setting's button in /settings, answer its prompt; the bot's first answer."""
    [_, prompt] = await bot.press(await settings_menu(bot), f"cs1:se:0:{field}")
    assert prompt.params["text"] == texts.SETTING_PROMPTS[field]
    assert prompt.callback_data == ["cs1:cx:0"]  # Cancel
    [unbuttoned, first, *_] = await bot.say(value, reply_to=prompt.result)
    assert unbuttoned.method == "editMessageReplyMarkup"
    return first.params["text"]


async def test_settings_shape_offline_drafts_and_survive_a_restart(database_url: str):
    settings = app_settings(database_url)
    async with harness(settings) as bot:
        before = (await bot.card(LEAD_GEN_PITCH)).params["text"]
        assert "Draft · pointed" in before and "As my profile says" not in before

        assert await set_text(bot, "signature", "— Sam") == texts.SETTING_SAVED
        [prompt] = await bot.say("/profile")
        assert "Send a short profile" in prompt.params["text"]
        [_, saved, menu] = await bot.say(PROFILE, reply_to=prompt.result)
        assert saved.params["text"] == texts.SETTING_SAVED and "Saved" in saved.params["text"]
        assert "two-person design studio" in menu.params["text"]

        after = (await bot.card(LEAD_GEN_PITCH)).params["text"]
        assert "As my profile says: I run a two-person design studio in Leeds." in after
        assert "— Sam" in after

        # A per-category tone wins over the default.
        await bot.press(await settings_menu(bot), "cs1:cv:0:sales_pitch.firm")
        assert "Draft · firm" in (await bot.card(LEAD_GEN_PITCH)).params["text"]

        # Refused values say why and keep the old one.
        refused = await set_text(bot, "signature", "Sam https://sam.example")
        assert "links in replies are off" in refused
        assert "limit is 500" in await set_text(bot, "style", "x" * 501)

    # The same database under a new Application, as after a restart.
    async with harness(settings) as bot:
        menu = (await settings_menu(bot)).params["text"]
        assert "— Sam" in menu and "two-person design studio" in menu
        assert "sales pitch → firm" in menu
        assert "Draft · firm" in (await bot.card(LEAD_GEN_PITCH)).params["text"]


def prompt_to_model(model: FakeOpenAI) -> str:
    """The user message of the newest request to the model."""
    return model.completions[-1]["messages"][1]["content"]


async def test_style_and_learned_replies_reach_the_model_and_can_be_cleared(
    tmp_path: Path, model: FakeOpenAI
):
    model.default = model_answer(category="sales_pitch", draft="Thank you for my interest.")
    async with harness(llm_settings(f"sqlite+aiosqlite:///{tmp_path / 'cs.db'}", model)) as bot:
        await set_text(bot, "style", "British spelling, no exclamation marks")
        card = await bot.card(LEAD_GEN_PITCH)
        assert "British spelling" in prompt_to_model(model)

        # Edit, approve: the user's words become "how I write".
        case = case_id(card)
        [_, prompt] = await bot.press(card, f"cs1:ed:{case}")
        [_, _, mine] = await bot.say("Cheers, but I'm sorted for leads. B.", reply_to=prompt.result)
        await bot.press(mine, f"cs1:ap:{case}")
        assert bot.rows("select count(*) from style_examples") == [(1,)]

        await bot.card(LEAD_GEN_PITCH)
        assert "Cheers, but I'm sorted for leads. B." in prompt_to_model(model)

        # Clearing both takes them out of the next request.
        menu = await settings_menu(bot)
        assert "Learned from your edits: sales pitch 1" in menu.params["text"]
        assert "cs1:ex:0:sales_pitch" in menu.callback_data
        assert "cs1:ex:0:all" not in menu.callback_data  # one category: no "all" button
        [forgot, redrawn] = await bot.press(menu, "cs1:ex:0:sales_pitch")
        assert forgot.params["text"] == "Forgot 1 reply learned from your edits."
        assert "Learned from your edits: <i>none</i>" in redrawn.params["text"]
        await bot.press(menu, "cs1:sx:0:style")
        assert bot.rows("select count(*) from style_examples") == [(0,)]
        await bot.card(LEAD_GEN_PITCH)
        assert "sorted for leads" not in prompt_to_model(model)
        assert "British spelling" not in prompt_to_model(model)
