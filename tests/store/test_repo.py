"""The store on a real SQLite file and a real PostgreSQL database: migrations, transitions,
races (within one process and across two replicas), forget/export.

Every test taking `store` or `database_url` runs on both; tests named `test_sqlite_...` check
what only SQLite has (WAL, the folder for the file, upgrading a file in place).
"""

from __future__ import annotations

import asyncio
import sqlite3
import sys
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
async def store(database_url: str):
    s = await Store.open(database_url)
    yield s
    await s.close()


async def drafted_case(store: Store, user: int = USER):
    incoming = Incoming(text="Hi! Quick 15-minute call?", sender_name="Anna Smith")
    case = await store.create_case(user, user, incoming)
    saved = await store.save_verdict(case.id, incoming, make_verdict())
    assert saved is not None
    return saved


async def test_sqlite_open_creates_folder_applies_migrations_and_uses_wal(tmp_path: Path):
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
    assert version == "m004"
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


async def test_unfinished_cases_are_found_after_a_restart(database_url: str):
    store = await Store.open(database_url)
    pending = await store.create_case(USER, USER, Incoming(text="never drafted"))
    no_card = await drafted_case(store)
    shown = await drafted_case(store)
    await store.set_card_message(shown.id, 5)
    await store.close()

    store = await Store.open(database_url)
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


async def test_sqlite_database_from_the_first_release_is_migrated_forward(tmp_path: Path):
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


async def test_a_sender_name_longer_than_its_column_is_cut_not_refused(store: Store):
    # A signed channel post: signature and channel title can each be 128 characters.
    name = f"{'A' * 128} ({'B' * 128})"
    incoming = Incoming(text="Quick call?", sender_name=name)
    case = await store.create_case(USER, USER, incoming)
    saved = await store.save_verdict(case.id, incoming, make_verdict())
    assert saved.incoming.sender_name == name[:256]


# --- the same migrations on both databases ------------------------------------------------


async def test_migrations_reach_head_once_and_match_the_models(database_url: str):
    """The tables Alembic builds are the ones the models describe, on SQLite and PostgreSQL:
    same tables, columns, types and nullability. (Indexes and constraints belong to the
    migrations alone; nothing creates tables from the models.)"""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from alembic.script import ScriptDirectory
    from sqlalchemy import text

    from bot.store.repo import MIGRATIONS_DIR, Base

    await (await Store.open(database_url)).close()
    store = await Store.open(database_url)  # second start: nothing left to apply
    try:
        async with store.engine.connect() as conn:
            version = await conn.scalar(text("select version_num from alembic_version"))
            diffs = await conn.run_sync(
                lambda sync: compare_metadata(MigrationContext.configure(sync), Base.metadata)
            )
    finally:
        await store.close()
    assert version == ScriptDirectory(str(MIGRATIONS_DIR)).get_current_head()
    structural = {"add_index", "remove_index", "add_constraint", "remove_constraint"}
    assert [d for d in diffs if not (isinstance(d, tuple) and d[0] in structural)] == []


async def test_a_first_release_database_with_cases_upgrades_in_place(database_url: str):
    """m001 data survives every later migration (NOT NULL columns added with defaults)."""
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import text
    from sqlalchemy.ext.asyncio import create_async_engine

    from bot.store import MIGRATIONS_DIR

    def to_m001_with_a_case(conn) -> None:
        cfg = Config()
        cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "m001")
        conn.execute(
            text(
                "insert into users (id, preferences, created_at) "
                "values (7, '{}', '2026-01-01 00:00:00+00')"
            )
        )
        conn.execute(
            text(
                "insert into cases (user_id, chat_id, status, text, source, draft_shown, "
                "created_at, updated_at) values (7, 7, 'pending', 'old case', 'paste', true, "
                "'2026-01-01 00:00:00+00', '2026-01-01 00:00:00+00')"
            )
        )

    old = create_async_engine(database_url)
    async with old.begin() as conn:
        await conn.run_sync(to_m001_with_a_case)
    await old.dispose()
    store = await Store.open(database_url)
    try:
        (case,) = await store.recent_cases(7)
        assert case.incoming.text == "old case" and case.usage.prompt_tokens == 0
    finally:
        await store.close()


async def test_a_new_users_first_writes_at_once_all_land(store: Store):
    newcomer = 3004
    await asyncio.gather(
        store.save_preferences(newcomer, Preferences(cold_tone=Tone.brief)),
        *(store.create_case(newcomer, newcomer, Incoming(text=f"hi {i}")) for i in range(3)),
    )
    assert len(await store.recent_cases(newcomer)) == 3


# --- two replicas on one database ---------------------------------------------------------


@pytest.fixture
async def replicas(postgres_url: str):
    """Two stores with their own engines on one PostgreSQL database: two replicas of the bot.

    (SQLite serves one process; its in-process races are tested above.)
    """
    a = await Store.open(postgres_url)
    b = await Store.open(postgres_url)
    yield a, b
    await a.close()
    await b.close()


async def test_two_replicas_racing_approve_and_discard_have_one_winner(replicas):
    a, b = replicas
    for _ in range(5):
        case = await drafted_case(a)
        presses = [
            (store.discard if i % 3 == 0 else store.approve)(case.id, USER)
            for i, store in enumerate([a, b] * 8)
        ]
        results = await asyncio.gather(*presses)
        assert sum(r.ok for r in results) == 1
        winner = next(r for r in results if r.ok)
        final = await b.get_case(case.id, USER)
        assert final.status is winner.case.status
        assert (final.approved_text is not None) == (final.status is CaseStatus.approved)


async def test_two_replicas_adding_drafts_number_every_version_once(replicas):
    a, b = replicas
    case = await drafted_case(a)
    drafts = [Draft(tone=Tone.firm, text=f"take {i}", variant=i) for i in range(10)]
    added = await asyncio.gather(
        *((a, b)[i % 2].add_draft(case.id, USER, d) for i, d in enumerate(drafts))
    )
    assert all(c is not None for c in added)
    final = await a.get_case(case.id, USER)
    assert [d.version for d in final.drafts] == list(range(1, 12))
    assert {d.text for d in final.drafts[1:]} == {d.text for d in drafts}


async def test_two_replicas_joining_parts_of_one_paste_lose_none(replicas):
    a, b = replicas
    first = await a.create_case(USER, USER, Incoming(text="part 0"), status=CaseStatus.collecting)
    joined = await asyncio.gather(
        *((a, b)[i % 2].append_part(USER, USER, f"part {i}", window=60) for i in range(1, 9))
    )
    assert joined == [first.id] * 8
    text = (await b.get_case(first.id, USER)).incoming.text
    assert sorted(text.split("\n")) == [f"part {i}" for i in range(9)]


async def test_a_new_user_first_seen_by_two_replicas_at_once(replicas):
    a, b = replicas
    newcomer = 3003
    cases = await asyncio.gather(
        *((a, b)[i % 2].create_case(newcomer, newcomer, Incoming(text=f"hi {i}")) for i in range(6))
    )
    assert len({c.id for c in cases}) == 6
    assert len(await a.recent_cases(newcomer)) == 6


async def test_two_replicas_starting_together_migrate_once(postgres_url: str):
    """Replicas are processes: three start at once on an empty database, all come up."""
    script = (
        "import asyncio, sys\n"
        "from bot.store import Store\n"
        "async def main():\n"
        "    await (await Store.open(sys.argv[1])).close()\n"
        "asyncio.run(main())\n"
    )
    procs = [
        await asyncio.create_subprocess_exec(
            sys.executable, "-c", script, postgres_url, stderr=asyncio.subprocess.PIPE
        )
        for _ in range(3)
    ]
    results = [await asyncio.wait_for(p.communicate(), timeout=60) for p in procs]
    failed = [
        err.decode()[-600:] for p, (_, err) in zip(procs, results, strict=True) if p.returncode
    ]
    assert failed == []
    store = await Store.open(postgres_url)
    try:
        assert (await drafted_case(store)).status is CaseStatus.drafted
    finally:
        await store.close()


async def test_drafts_added_at_once_all_land_with_distinct_versions(database_url: str):
    """A double-tap on Regenerate: two drafts for one case at the same moment."""
    store = await Store.open(database_url)
    try:
        case = await drafted_case(store)
        drafts = [Draft(tone=Tone.brief, text=f"draft {i}") for i in range(8)]
        results = await asyncio.gather(*(store.add_draft(case.id, USER, d) for d in drafts))
        assert all(r is not None for r in results)
        final = await store.get_case(case.id, USER)
        assert sorted(d.version for d in final.drafts) == list(range(1, 10))
        assert {d.text for d in final.drafts} >= {d.text for d in drafts}
    finally:
        await store.close()
