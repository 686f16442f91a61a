"""The store against a real SQLite file: migrations, transitions, races, forget/export."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import pytest

from bot.models import (
    Assessment,
    CaseStatus,
    Category,
    Draft,
    Incoming,
    Preferences,
    Signal,
    Tone,
    Verdict,
)
from bot.store import Store

USER = 1001
OTHER = 2002


def make_verdict(text: str = "Hi! Quick 15-minute call?") -> Verdict:
    assessment = Assessment(
        category=Category.meeting_request,
        confidence=0.8,
        signals=[Signal(signal="vague call request", quote="Quick 15-minute call")],
        generic=True,
    )
    return Verdict(
        assessment=assessment,
        draft=Draft(tone=Tone.pointed, text=f"Thanks for my interest. ({text})"),
    )


@pytest.fixture
async def store(tmp_path: Path):
    s = await Store.open(f"sqlite+aiosqlite:///{tmp_path}/nested/dir/cs.db")
    yield s
    await s.close()


async def drafted_case(store: Store, user: int = USER):
    incoming = Incoming(text="Hi! Quick 15-minute call?", sender_name="Anna Smith")
    case = await store.create_case(user, user, incoming)
    saved = await store.save_verdict(case.id, incoming, make_verdict())
    assert saved is not None
    return saved


async def test_open_creates_folder_applies_migrations_and_uses_wal(tmp_path: Path):
    path = tmp_path / "a" / "b" / "cs.db"
    store = await Store.open(f"sqlite+aiosqlite:///{path}")
    await store.close()
    store = await Store.open(f"sqlite+aiosqlite:///{path}")  # second start: no-op upgrade
    await store.close()
    con = sqlite3.connect(path)
    tables = {r[0] for r in con.execute("select name from sqlite_master where type='table'")}
    version = con.execute("select version_num from alembic_version").fetchone()[0]
    mode = con.execute("pragma journal_mode").fetchone()[0]
    con.close()
    assert {"users", "cases", "drafts", "alembic_version"} <= tables
    assert version == "m002"
    assert mode == "wal"


async def test_case_lifecycle_keeps_every_draft(store: Store):
    case = await drafted_case(store)
    assert case.status is CaseStatus.drafted
    assert case.assessment and case.assessment.category is Category.meeting_request
    assert case.assessment.signals[0].quote == "Quick 15-minute call"

    second = Draft(tone=Tone.firm, text="No, thank you.", variant=1)
    case = await store.add_draft(case.id, USER, second)
    edited = Draft(tone=Tone.firm, text="My own words.")
    case = await store.add_draft(case.id, USER, edited, edited=True)
    assert [d.version for d in case.drafts] == [1, 2, 3]
    assert case.draft.text == "My own words." and case.draft.edited

    result = await store.approve(case.id, USER)
    assert result.ok
    assert result.case.status is CaseStatus.approved
    assert result.case.approved_text == "My own words."
    # A closed case takes no more drafts.
    assert await store.add_draft(case.id, USER, second) is None


async def test_second_approve_changes_nothing(store: Store):
    case = await drafted_case(store)
    first, second = await store.approve(case.id, USER), await store.approve(case.id, USER)
    assert first.ok and not second.ok
    assert second.case.status is CaseStatus.approved


async def test_approve_racing_discard_has_one_winner(store: Store):
    for _ in range(5):
        case = await drafted_case(store)
        results = await asyncio.gather(
            store.approve(case.id, USER), store.discard(case.id, USER), store.approve(case.id, USER)
        )
        assert sum(r.ok for r in results) == 1
        final = await store.get_case(case.id, USER)
        winner = next(r for r in results if r.ok)
        assert final.status is winner.case.status


async def test_other_users_cannot_touch_a_case(store: Store):
    case = await drafted_case(store)
    assert await store.get_case(case.id, OTHER) is None
    assert not (await store.approve(case.id, OTHER)).ok
    assert not (await store.discard(case.id, OTHER)).ok
    assert await store.add_draft(case.id, OTHER, Draft(tone=Tone.brief, text="x")) is None
    assert (await store.get_case(case.id, USER)).status is CaseStatus.drafted
    assert await store.get_case(999_999, USER) is None


async def test_discarded_case_can_be_reopened(store: Store):
    case = await drafted_case(store)
    assert (await store.discard(case.id, USER)).ok
    reopened = await store.reopen(case.id, USER)
    assert reopened.ok and reopened.case.status is CaseStatus.drafted
    assert not (await store.reopen(case.id, USER)).ok


async def test_edit_prompt_is_found_by_the_reply(store: Store):
    case = await drafted_case(store)
    await store.set_edit_prompt(case.id, 77)
    assert (await store.case_for_edit_prompt(USER, 77)).id == case.id
    assert await store.case_for_edit_prompt(OTHER, 77) is None
    await store.add_draft(case.id, USER, Draft(tone=Tone.pointed, text="mine"), edited=True)
    assert await store.case_for_edit_prompt(USER, 77) is None  # used up


async def test_split_paste_parts_join_one_case(store: Store):
    first = await store.create_case(
        USER, USER, Incoming(text="part one"), status=CaseStatus.collecting
    )
    assert await store.append_part(USER, USER, "part two", window=2.0) == first.id
    assert await store.append_part(OTHER, OTHER, "elsewhere", window=2.0) is None
    assert await store.finish_collecting(first.id, quiet_for=5.0) is False  # parts still fresh
    assert await store.finish_collecting(first.id, quiet_for=0.0) is True
    assert await store.finish_collecting(first.id, quiet_for=0.0) is None  # already moved on
    case = await store.get_case(first.id, USER)
    assert case.incoming.text == "part one\npart two"
    assert case.status is CaseStatus.pending


async def test_unfinished_cases_are_found_after_a_restart(tmp_path: Path):
    url = f"sqlite+aiosqlite:///{tmp_path}/cs.db"
    store = await Store.open(url)
    pending = await store.create_case(USER, USER, Incoming(text="never drafted"))
    no_card = await drafted_case(store)
    shown = await drafted_case(store)
    await store.set_card_message(shown.id, 5)
    await store.close()

    store = await Store.open(url)
    found = {c.id for c in await store.unfinished_cases(collecting_window=2.0)}
    await store.close()
    assert found == {pending.id, no_card.id}


async def test_preferences_round_trip(store: Store):
    assert await store.preferences(USER) == Preferences()
    prefs = Preferences(cold_tone=Tone.deadpan, category_tones={Category.scam: Tone.firm})
    await store.save_preferences(USER, prefs)
    assert await store.preferences(USER) == prefs


async def test_forget_deletes_everything_and_counts(store: Store):
    await drafted_case(store)
    case = await drafted_case(store)
    await store.add_draft(case.id, USER, Draft(tone=Tone.brief, text="again"))
    kept = await drafted_case(store, user=OTHER)
    gone = await store.forget(USER)
    assert (gone.cases, gone.drafts) == (2, 3)
    assert await store.recent_cases(USER) == []
    assert (await store.get_case(kept.id, OTHER)) is not None


async def test_export_holds_cases_and_drafts(store: Store):
    case = await drafted_case(store)
    data = await store.export(USER)
    assert data["user_id"] == USER
    assert [c["id"] for c in data["cases"]] == [case.id]
    assert data["cases"][0]["drafts"][0]["text"].startswith("Thanks for my interest")


async def test_token_usage_adds_up_per_case(store: Store):
    from bot.models import Usage

    incoming = Incoming(text="Quick call?")
    case = await store.create_case(USER, USER, incoming)
    verdict = make_verdict()
    verdict.draft.usage = Usage(prompt_tokens=1000, completion_tokens=60)
    await store.save_verdict(case.id, incoming, verdict)
    again = Draft(
        tone=Tone.firm,
        text="No.",
        engine="llm",
        usage=Usage(prompt_tokens=900, completion_tokens=20),
    )
    case = await store.add_draft(case.id, USER, again)
    assert (case.usage.prompt_tokens, case.usage.completion_tokens) == (1900, 80)
    exported = await store.export(USER)
    assert exported["cases"][0]["usage"] == {"prompt_tokens": 1900, "completion_tokens": 80}


async def test_a_database_from_the_first_release_is_migrated_forward(tmp_path: Path):
    """m001 databases (before token usage) upgrade in place and keep their cases."""
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import create_engine

    from bot.store import MIGRATIONS_DIR

    path = tmp_path / "old.db"
    sync = create_engine(f"sqlite:///{path}")
    with sync.begin() as conn:
        cfg = Config()
        cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "m001")
        conn.exec_driver_sql(
            "insert into users (id, preferences, created_at) values (1, '{}', '2026-01-01')"
        )
        conn.exec_driver_sql(
            "insert into cases (user_id, chat_id, status, text, source, draft_shown, "
            "created_at, updated_at) values (1, 1, 'pending', 'old case', 'paste', 1, "
            "'2026-01-01', '2026-01-01')"
        )
    sync.dispose()
    store = await Store.open(f"sqlite+aiosqlite:///{path}")
    try:
        (case,) = await store.recent_cases(1)
        assert case.incoming.text == "old case" and case.usage.prompt_tokens == 0
    finally:
        await store.close()
