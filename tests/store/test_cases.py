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
    Case,
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


async def new_case(store: Store, user: int = USER, text: str = "Hi! Quick call?", **fields) -> Case:
    status = fields.pop("status", CaseStatus.pending)
    stored = await store.cases.intake(user, user, Incoming(text=text, **fields), 2.0, status)
    assert stored.case is not None
    return stored.case


async def drafted_case(store: Store, user: int = USER) -> Case:
    incoming = Incoming(text="Hi! Quick 15-minute call?", sender_name="Anna Smith")
    case = await new_case(store, user, incoming.text, sender_name="Anna Smith")
    saved = await store.cases.save_verdict(case, incoming, make_verdict(), None)
    assert saved.case is not None
    return saved.case


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
    assert version == "m005"
    assert mode == "wal"


async def test_case_lifecycle_keeps_every_draft(store: Store):
    case = await drafted_case(store)
    assert case.status is CaseStatus.drafted
    assert case.assessment and case.assessment.category is Category.meeting_request
    assert case.assessment.signals[0].quote == "Quick 15-minute call"

    second = Draft(tone=Tone.firm, text="No, thank you.", variant=1)
    case = await store.cases.add_draft(case, second)
    edited = Draft(tone=Tone.firm, text="My own words.")
    case = await store.cases.add_draft(case, edited, edited=True)
    assert [d.version for d in case.drafts] == [1, 2, 3]
    assert case.draft.text == "My own words." and case.draft.edited

    assert await store.cases.get(case.id, USER) == case
    result = await store.cases.approve(case)
    assert result.ok
    assert result.case.status is CaseStatus.approved
    assert result.case.approved_text == "My own words."
    assert await store.cases.get(case.id, USER) == result.case
    # A closed case takes no more drafts.
    assert await store.cases.add_draft(case, second) is None


async def test_second_approve_changes_nothing(store: Store):
    case = await drafted_case(store)
    first, second = await store.cases.approve(case), await store.cases.approve(case)
    assert first.ok and not second.ok
    assert second.case.status is CaseStatus.approved


async def test_approve_racing_discard_has_one_winner(store: Store):
    for _ in range(5):
        case = await drafted_case(store)
        results = await asyncio.gather(
            store.cases.approve(case), store.cases.discard(case), store.cases.approve(case)
        )
        assert sum(r.ok for r in results) == 1
        final = await store.cases.get(case.id, USER)
        winner = next(r for r in results if r.ok)
        assert final.status is winner.case.status


async def test_other_users_cannot_touch_a_case(store: Store):
    case = await drafted_case(store)
    assert await store.cases.get(case.id, OTHER) is None
    forged = case.model_copy(update={"user_id": OTHER})
    assert not (await store.cases.approve(forged)).ok
    assert not (await store.cases.discard(forged)).ok
    assert await store.cases.add_draft(forged, Draft(tone=Tone.brief, text="x")) is None
    assert (await store.cases.get(case.id, USER)).status is CaseStatus.drafted
    assert await store.cases.get(999_999, USER) is None


async def test_discarded_case_can_be_reopened(store: Store):
    case = await drafted_case(store)
    discarded = await store.cases.discard(case)
    assert discarded.ok
    reopened = await store.cases.reopen(discarded.case)
    assert reopened.ok and reopened.case.status is CaseStatus.drafted
    assert not (await store.cases.reopen(discarded.case)).ok


async def test_edit_prompt_is_found_by_the_reply(store: Store):
    case = await drafted_case(store)
    await store.cases.set_edit_prompt(case, 77)
    assert (await store.cases.for_edit_prompt(USER, 77)).id == case.id
    assert await store.cases.for_edit_prompt(OTHER, 77) is None
    await store.cases.add_draft(case, Draft(tone=Tone.pointed, text="mine"), edited=True)
    assert await store.cases.for_edit_prompt(USER, 77) is None  # used up


async def test_split_paste_parts_join_one_case(store: Store):
    pending = CaseStatus.pending
    first = await new_case(store, text="part one", status=CaseStatus.collecting)
    joined = await store.cases.intake(USER, USER, Incoming(text="part two"), 2.0, pending)
    assert joined.case is None and not joined.new
    elsewhere = await store.cases.intake(OTHER, OTHER, Incoming(text="x"), 2.0, pending)
    assert elsewhere.case is not None and elsewhere.new
    done = store.cases.finish_collecting
    assert await done(first.id, quiet_for=5.0) is False  # parts still fresh
    assert await done(first.id, quiet_for=0.0) is True
    assert await done(first.id, quiet_for=0.0) is None  # already moved on
    case = await store.cases.get(first.id, USER)
    assert case.incoming.text == "part one\npart two"
    assert case.status is CaseStatus.pending


async def test_unfinished_cases_are_found_after_a_restart(database_url: str):
    store = await Store.open(database_url)
    pending = await new_case(store, text="never drafted")
    no_card = await drafted_case(store)
    shown = await drafted_case(store)
    await store.cases.set_card_message(shown, 5)
    await store.close()

    store = await Store.open(database_url)
    found = {c.id for c in await store.cases.unfinished(collecting_window=2.0)}
    await store.close()
    assert found == {pending.id, no_card.id}


async def test_preferences_round_trip(store: Store):
    assert await store.users.preferences(USER) == Preferences()
    prefs = Preferences(cold_tone=Tone.deadpan, category_tones={Category.scam: Tone.firm})
    await store.users.save_preferences(USER, prefs)
    assert await store.users.preferences(USER) == prefs


async def test_forget_deletes_everything_and_counts(store: Store):
    await drafted_case(store)
    case = await drafted_case(store)
    await store.cases.add_draft(case, Draft(tone=Tone.brief, text="again"))
    kept = await drafted_case(store, user=OTHER)
    gone = await store.forget(USER)
    assert (gone.cases, gone.drafts) == (2, 3)
    assert await store.cases.recent(USER) == []
    assert await store.cases.count(USER) == 0
    assert await store.cases.count(OTHER) == 1
    assert (await store.cases.get(kept.id, OTHER)) is not None


async def test_export_holds_cases_and_drafts(store: Store):
    case = await drafted_case(store)
    data = await store.export(USER)
    assert data["user_id"] == USER
    assert [c["id"] for c in data["cases"]] == [case.id]
    assert data["cases"][0]["drafts"][0]["text"].startswith("Thanks for my interest")


async def test_token_usage_adds_up_per_case(store: Store):
    from bot.models import Usage

    incoming = Incoming(text="Quick call?")
    case = await new_case(store, text=incoming.text)
    verdict = make_verdict()
    verdict.draft.usage = Usage(prompt_tokens=1000, completion_tokens=60)
    case = (await store.cases.save_verdict(case, incoming, verdict, None)).case
    again = Draft(
        tone=Tone.firm,
        text="No.",
        engine="llm",
        usage=Usage(prompt_tokens=900, completion_tokens=20),
    )
    case = await store.cases.add_draft(case, again)
    assert (case.usage.prompt_tokens, case.usage.completion_tokens) == (1900, 80)
    exported = await store.export(USER)
    assert exported["cases"][0]["usage"] == {"prompt_tokens": 1900, "completion_tokens": 80}


async def test_sqlite_database_from_the_first_release_is_migrated_forward(tmp_path: Path):
    """m001 databases (before token usage) upgrade in place and keep their cases."""
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import create_engine

    from bot.store.migrate import MIGRATIONS_DIR

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
        (case,) = await store.cases.recent(1)
        assert case.incoming.text == "old case" and case.usage.prompt_tokens == 0
    finally:
        await store.close()


async def test_a_sender_name_longer_than_its_column_is_cut_not_refused(store: Store):
    # A signed channel post: signature and channel title can each be 128 characters.
    name = f"{'A' * 128} ({'B' * 128})"
    incoming = Incoming(text="Quick call?", sender_name=name)
    case = await new_case(store, text=incoming.text, sender_name=name)
    saved = (await store.cases.save_verdict(case, incoming, make_verdict(), None)).case
    assert saved.incoming.sender_name == name[:256]
    assert await store.cases.get(case.id, USER) == saved


# --- the same migrations on both databases ------------------------------------------------


async def test_migrations_reach_head_once_and_match_the_models(database_url: str):
    """The tables Alembic builds are the ones the models describe, on SQLite and PostgreSQL:
    same tables, columns, types and nullability. (Indexes and constraints belong to the
    migrations alone; nothing creates tables from the models.)"""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from alembic.script import ScriptDirectory
    from sqlalchemy import text

    from bot.store.migrate import MIGRATIONS_DIR
    from bot.store.schema import Base

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

    from bot.store.migrate import MIGRATIONS_DIR

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
        (case,) = await store.cases.recent(7)
        assert case.incoming.text == "old case" and case.usage.prompt_tokens == 0
    finally:
        await store.close()


async def test_a_new_users_first_writes_at_once_all_land(store: Store):
    newcomer = 3004
    await asyncio.gather(
        store.users.save_preferences(newcomer, Preferences(cold_tone=Tone.brief)),
        *(new_case(store, newcomer, f"hi {i}") for i in range(3)),
    )
    assert len(await store.cases.recent(newcomer)) == 3


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
            (store.cases.discard if i % 3 == 0 else store.cases.approve)(case)
            for i, store in enumerate([a, b] * 8)
        ]
        results = await asyncio.gather(*presses)
        assert sum(r.ok for r in results) == 1
        winner = next(r for r in results if r.ok)
        final = await b.cases.get(case.id, USER)
        assert final.status is winner.case.status
        assert (final.approved_text is not None) == (final.status is CaseStatus.approved)


async def test_two_replicas_adding_drafts_number_every_version_once(replicas):
    a, b = replicas
    case = await drafted_case(a)
    drafts = [Draft(tone=Tone.firm, text=f"take {i}", variant=i) for i in range(10)]
    added = await asyncio.gather(
        *((a, b)[i % 2].cases.add_draft(case, d) for i, d in enumerate(drafts))
    )
    assert all(c is not None for c in added)
    final = await a.cases.get(case.id, USER)
    assert [d.version for d in final.drafts] == list(range(1, 12))
    assert {d.text for d in final.drafts[1:]} == {d.text for d in drafts}


async def test_two_replicas_joining_parts_of_one_paste_lose_none(replicas):
    a, b = replicas
    first = await new_case(a, text="part 0", status=CaseStatus.collecting)
    joined = await asyncio.gather(
        *(
            (a, b)[i % 2].cases.intake(USER, USER, Incoming(text=f"part {i}"), 60, first.status)
            for i in range(1, 9)
        )
    )
    assert [j.case for j in joined] == [None] * 8
    text = (await b.cases.get(first.id, USER)).incoming.text
    assert sorted(text.split("\n")) == [f"part {i}" for i in range(9)]


async def test_a_new_user_first_seen_by_two_replicas_at_once(replicas):
    a, b = replicas
    newcomer = 3003
    cases = await asyncio.gather(*(new_case((a, b)[i % 2], newcomer, f"hi {i}") for i in range(6)))
    assert len({c.id for c in cases}) == 6
    assert len(await a.cases.recent(newcomer)) == 6


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
        results = await asyncio.gather(*(store.cases.add_draft(case, d) for d in drafts))
        assert all(r is not None for r in results)
        final = await store.cases.get(case.id, USER)
        assert sorted(d.version for d in final.drafts) == list(range(1, 10))
        assert {d.text for d in final.drafts} >= {d.text for d in drafts}
    finally:
        await store.close()


async def test_messages_without_a_telegram_id_are_never_taken_for_each_other(store: Store):
    """Only a Telegram message id makes two intakes the same message (CLI and fixed text
    have none)."""
    first = await new_case(store, text="one")
    second = await new_case(store, text="two")
    assert first.id != second.id
    again = await store.cases.intake(
        USER, USER, Incoming(text="one", message_id=9), 2.0, first.status
    )
    repeat = await store.cases.intake(
        USER, USER, Incoming(text="one", message_id=9), 2.0, first.status
    )
    assert again.new and not repeat.new and repeat.case.id == again.case.id
    assert await store.cases.count(USER) == 3
