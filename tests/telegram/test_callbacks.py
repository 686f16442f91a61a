"""Callback data: compact, versioned, and checked on the way back in."""

from __future__ import annotations

import pytest
from telegram.constants import InlineKeyboardButtonLimit

from bot.models import Tone
from bot.telegram.callbacks import ARGS, Action, Press, pack, pattern, unpack

BIGGEST_CASE_ID = 10**12 - 1


@pytest.mark.parametrize("action", list(Action))
def test_every_packed_value_fits_telegram_limit_and_round_trips(action: Action):
    # Every argument the action accepts, or none; the longest is the one that could overflow.
    args = sorted(ARGS.get(action, [None]), key=lambda a: len(a or ""))
    for arg in args:
        data = pack(action, BIGGEST_CASE_ID, arg)
        assert len(data.encode()) <= InlineKeyboardButtonLimit.MAX_CALLBACK_DATA
        assert unpack(data) == Press(action, BIGGEST_CASE_ID, arg)


@pytest.mark.parametrize(
    "data",
    [
        None,
        "",
        "cs0:ap:1",  # another version
        "cs1:zz:1",  # unknown action
        "cs1:ap:-1",
        "cs1:ap:abc",
        "cs1:ap:1:extra",  # approve takes no argument
        "cs1:ts:1",  # set_tone needs one
        "cs1:ts:1:rude",  # not a tone
        "cs1:cv:0:scam.rude",
        "cs1:se:0:preferences",  # not a text setting
        "cs1:se:0:bogus",
        "cs1:rc:1:spam",
        "cs1:ap:1\n",
        "cs1:ap:" + "9" * 40,
    ],
)
def test_forged_or_foreign_data_is_rejected(data: str | None):
    assert unpack(data) is None


def test_every_tone_is_a_valid_argument():
    for tone in Tone:
        assert unpack(pack(Action.set_tone, 7, tone.value)) == Press(Action.set_tone, 7, tone)


@pytest.mark.parametrize("action", list(Action))
def test_each_pattern_takes_only_its_own_valid_data(action: Action):
    matches = pattern(action)
    arg = sorted(ARGS.get(action, [None]), key=lambda a: len(a or ""))[0]
    assert matches(pack(action, 5, arg))
    others = [a for a in Action if a is not action]
    assert not any(matches(pack(o, 5, sorted(ARGS.get(o, [None]), key=str)[0])) for o in others)
    # The right prefix with a wrong or missing argument falls through to the stale handler.
    assert not matches(f"cs1:{action.value}:5:bogus")
    if action in ARGS:
        assert not matches(f"cs1:{action.value}:5")
