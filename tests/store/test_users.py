"""What the store keeps per user, on both databases: preferences, and a new user met by
several writes (or replicas) at once."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from bot.models import Category, Preferences, Prompt, PromptKind, Tone
from bot.store import Store
from bot.store.schema import utcnow
from tests.helpers import OWNER as USER
from tests.helpers import new_case


async def test_preferences_round_trip(store: Store):
    assert await store.users.preferences(USER) == Preferences()
    prefs = Preferences(cold_tone=Tone.deadpan, category_tones={Category.scam: Tone.firm})
    await store.users.save_preferences(USER, prefs)
    assert await store.users.preferences(USER) == prefs


async def test_a_new_users_first_writes_at_once_all_land(store: Store):
    newcomer = 3004
    await asyncio.gather(
        store.users.save_preferences(newcomer, Preferences(cold_tone=Tone.brief)),
        *(new_case(store, newcomer, f"hi {i}") for i in range(3)),
    )
    assert len(await store.cases.recent(newcomer)) == 3


async def test_a_new_user_first_seen_by_two_replicas_at_once(replicas):
    a, b = replicas
    newcomer = 3003
    cases = await asyncio.gather(*(new_case((a, b)[i % 2], newcomer, f"hi {i}") for i in range(6)))
    assert len({c.id for c in cases}) == 6
    assert len(await a.cases.recent(newcomer)) == 6


async def test_a_senders_judgement_is_the_users_latest_word(store: Store):
    assert await store.users.judgement(USER, "id:5") is None
    await store.users.mark_sender(USER, "id:5", genuine=True)
    assert await store.users.judgement(USER, "id:5") is True
    await store.users.mark_sender(USER, "id:5", genuine=False)
    assert await store.users.judgement(USER, "id:5") is False
    assert await store.users.judgement(USER + 1, "id:5") is None  # another user's word


async def test_one_open_prompt_per_user_fresh_until_it_expires_closed_once(store: Store):
    minute_ago, later = utcnow() - timedelta(minutes=1), utcnow() + timedelta(minutes=1)
    assert await store.users.prompt(USER, minute_ago) is None
    edit = Prompt(PromptKind.edit, 77, case_id=5)
    await store.users.ask(USER, edit)
    assert await store.users.prompt(USER, minute_ago) == edit
    assert (await store.users.prompt(USER, later)).fresh is False  # older than the cutoff

    setting = Prompt(PromptKind.setting, 78, field="signature")
    await store.users.ask(USER, setting)  # replaces the Edit prompt
    assert await store.users.prompt(USER, minute_ago) == setting
    assert await store.users.close_prompt(USER, 77) is False  # not the open one
    assert await store.users.close_prompt(USER, 78) is True
    assert await store.users.close_prompt(USER, 78) is False  # closed once only
    assert await store.users.prompt(USER, minute_ago) is None
