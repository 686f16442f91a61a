"""What the store keeps per user: preferences, the open prompt, learned style examples, and
the senders the user judged."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.models import Category, Preferences, Prompt, PromptKind, StyleExample
from bot.store.schema import SenderRow, StyleExampleRow, UserRow, utcnow

MAX_EXAMPLES = 20  # learned style examples kept in reach of the engines


class UserRepo:
    def __init__(self, sessions: async_sessionmaker[AsyncSession]):
        self._sessions = sessions

    async def preferences(self, user_id: int) -> Preferences:
        """The user's settings, with their learned style examples (newest first)."""
        async with self._sessions() as s:
            row = await s.get(UserRow, user_id)
            prefs = Preferences.model_validate(row.preferences) if row else Preferences()
            prefs.examples = await style_examples(s, user_id)
            return prefs

    async def save_preferences(self, user_id: int, prefs: Preferences) -> None:
        async with self._sessions.begin() as s:
            row = await ensure_user(s, user_id)
            row.preferences = prefs.model_dump(mode="json", exclude={"examples"})

    async def ask(self, user_id: int, prompt: Prompt) -> None:
        """Open `prompt`, replacing any other: the user's next message answers it."""
        async with self._sessions.begin() as s:
            row = await ensure_user(s, user_id)
            row.pending_setting = _topic(prompt)
            row.pending_prompt_message_id = prompt.message_id
            row.pending_prompt_at = utcnow()

    async def prompt(self, user_id: int, asked_after: datetime) -> Prompt | None:
        """The open prompt, `fresh` if it was asked after `asked_after`."""
        fresh = UserRow.pending_prompt_at > asked_after  # NULL (asked before m007): stale
        async with self._sessions() as s:
            found = (
                await s.execute(
                    select(UserRow.pending_setting, UserRow.pending_prompt_message_id, fresh).where(
                        UserRow.id == user_id, UserRow.pending_prompt_message_id.is_not(None)
                    )
                )
            ).first()
        if found is None or found[0] is None:
            return None
        return _prompt(found[0], found[1], bool(found[2]))

    async def close_prompt(self, user_id: int, message_id: int) -> bool:
        """Close the prompt sent as `message_id` if it is still the open one. Only one caller
        gets True: an answer, a Cancel and an expiry notice never both act on it."""
        async with self._sessions.begin() as s:
            result = await s.execute(
                update(UserRow)
                .where(UserRow.id == user_id, UserRow.pending_prompt_message_id == message_id)
                .values(
                    pending_setting=None, pending_prompt_message_id=None, pending_prompt_at=None
                )
            )
            return bool(result.rowcount)

    async def add_style_example(self, user_id: int, example: StyleExample) -> None:
        async with self._sessions.begin() as s:
            await ensure_user(s, user_id)
            s.add(
                StyleExampleRow(
                    user_id=user_id,
                    category=example.category.value,
                    text=example.text,
                    sender_name=example.sender_name,
                    tone=example.tone.value if example.tone else None,
                    language=example.language,
                )
            )

    async def count_style_examples(self, user_id: int) -> dict[Category, int]:
        """How many replies were learned, per category (categories with none left out)."""
        async with self._sessions() as s:
            rows = await s.execute(
                select(StyleExampleRow.category, func.count())
                .where(StyleExampleRow.user_id == user_id)
                .group_by(StyleExampleRow.category)
            )
            return {Category(category): count for category, count in rows.all()}

    async def clear_style_examples(self, user_id: int, category: Category | None = None) -> int:
        """Forget the learned replies of one category, or all of them."""
        which = [StyleExampleRow.user_id == user_id]
        if category is not None:
            which.append(StyleExampleRow.category == category.value)
        async with self._sessions.begin() as s:
            result = await s.execute(delete(StyleExampleRow).where(*which))
            return result.rowcount or 0

    async def judgement(self, user_id: int, key: str) -> bool | None:
        """How the user judged this sender: True genuine, False cold, None never."""
        async with self._sessions() as s:
            return await s.scalar(
                select(SenderRow.genuine).where(SenderRow.user_id == user_id, SenderRow.key == key)
            )

    async def mark_sender(self, user_id: int, key: str, *, genuine: bool) -> None:
        for attempt in range(2):  # a concurrent first mark of the same sender: update it
            try:
                async with self._sessions.begin() as s:
                    await ensure_user(s, user_id)
                    row = await s.get(SenderRow, (user_id, key))
                    if row is None:
                        s.add(SenderRow(user_id=user_id, key=key, genuine=genuine))
                    else:
                        row.genuine, row.updated_at = genuine, utcnow()
                return
            except IntegrityError:
                if attempt:
                    raise


async def ensure_user(s: AsyncSession, user_id: int) -> UserRow:
    row = await s.get(UserRow, user_id)
    if row is None:
        # Two updates (or two replicas) can meet a new user at once: whoever inserts second
        # finds the row instead of failing on the primary key.
        await s.execute(
            upsert(s, UserRow).values(id=user_id, preferences={}).on_conflict_do_nothing()
        )
        row = await s.get(UserRow, user_id)
        assert row is not None
    return row


def upsert(s: AsyncSession, table: Any) -> Any:
    """INSERT with ON CONFLICT, in the session's dialect (both speak it the same way)."""
    dialect = postgresql if s.bind.dialect.name == "postgresql" else sqlite
    return dialect.insert(table)


async def style_examples(s: AsyncSession, user_id: int) -> list[StyleExample]:
    rows = await s.scalars(
        select(StyleExampleRow)
        .where(StyleExampleRow.user_id == user_id)
        .order_by(StyleExampleRow.id.desc())
        .limit(MAX_EXAMPLES)
    )
    return [
        StyleExample(
            category=e.category,
            text=e.text,
            sender_name=e.sender_name,
            tone=e.tone,
            language=e.language,
        )
        for e in rows
    ]


def _topic(prompt: Prompt) -> str:
    """The stored form: "edit:<case>", "fix:<case>" or the setting's field name."""
    if prompt.kind is PromptKind.setting:
        return str(prompt.field)
    return f"{prompt.kind.value}:{prompt.case_id}"


def _prompt(topic: str, message_id: int, fresh: bool) -> Prompt:
    kind, sep, case_id = topic.partition(":")
    if sep:
        return Prompt(PromptKind(kind), message_id, case_id=int(case_id), fresh=fresh)
    return Prompt(PromptKind.setting, message_id, field=topic, fresh=fresh)
