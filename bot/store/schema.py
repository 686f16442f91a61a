"""The tables, as SQLAlchemy declarative models. Migrations in `migrations/` create them."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    pass


class UserRow(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)  # Telegram user id
    preferences: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # The open prompt (bot.models.Prompt): what the user's next message answers
    # ("edit:<case>", "fix:<case>" or a settings field), the prompt message and when it was
    # asked (prompts expire).
    pending_setting: Mapped[str | None] = mapped_column(String(32))
    pending_prompt_message_id: Mapped[int | None] = mapped_column(BigInteger)
    pending_prompt_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class CaseRow(Base):
    __tablename__ = "cases"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    chat_id: Mapped[int] = mapped_column(BigInteger)
    status: Mapped[str] = mapped_column(String(16), index=True)
    text: Mapped[str] = mapped_column(Text)
    sender_name: Mapped[str | None] = mapped_column(String(256))
    sender_id: Mapped[int | None] = mapped_column(BigInteger)
    source: Mapped[str] = mapped_column(String(32))
    category: Mapped[str | None] = mapped_column(String(32))
    confidence: Mapped[float | None] = mapped_column(Float)
    signals: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON)
    assessment: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    engine: Mapped[str | None] = mapped_column(String(32))
    note: Mapped[str | None] = mapped_column(Text)
    # Scam cards hide the draft until the user asks for it.
    draft_shown: Mapped[bool] = mapped_column(Boolean, default=True)
    approved_text: Mapped[str | None] = mapped_column(Text)
    card_message_id: Mapped[int | None] = mapped_column(BigInteger)
    # A drafted case with no card owes one; whoever sends it holds it until then, so the
    # recovery loop does not send a second. A failed send lets go at once.
    card_claimed_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # Unused since m007 (an Edit prompt is the user's open prompt now); dropping a column
    # rebuilds the table on SQLite, which is not worth it for an empty column.
    edit_prompt_message_id: Mapped[int | None] = mapped_column(BigInteger)
    prompt_tokens: Mapped[int] = mapped_column(Integer, default=0)
    completion_tokens: Mapped[int] = mapped_column(Integer, default=0)
    corrected_from: Mapped[str | None] = mapped_column(String(32))
    sender_key: Mapped[str | None] = mapped_column(String(300))
    message_id: Mapped[int | None] = mapped_column(BigInteger)  # the Telegram message
    # Earlier cases from the same sender that were cold, counted when this one was drafted.
    earlier_cold: Mapped[int] = mapped_column(Integer, default=0)
    # A message in the owner's own chat (Telegram Business): the connection, that chat, and
    # how the case ended there (bot.models.BusinessState).
    business_connection_id: Mapped[str | None] = mapped_column(String(64))
    business_chat_id: Mapped[int | None] = mapped_column(BigInteger)
    business_state: Mapped[str | None] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class SenderRow(Base):
    """A sender the user has judged: marked genuine means never called cold again."""

    __tablename__ = "senders"

    user_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    key: Mapped[str] = mapped_column(String(300), primary_key=True)
    genuine: Mapped[bool] = mapped_column(Boolean)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class StyleExampleRow(Base):
    __tablename__ = "style_examples"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    category: Mapped[str] = mapped_column(String(32))
    text: Mapped[str] = mapped_column(Text)
    sender_name: Mapped[str | None] = mapped_column(String(80))
    tone: Mapped[str | None] = mapped_column(String(16))
    language: Mapped[str | None] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class InboxRow(Base):
    """A webhook update, kept before Telegram is told it arrived."""

    __tablename__ = "inbox"

    update_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    claimed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    done_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class OutboxRow(Base):
    """A message the bot owes a user, written with the state change that owes it and
    delivered (and retried) until Telegram has it: the approved reply, for now."""

    __tablename__ = "outbox"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[int] = mapped_column(Integer, ForeignKey("cases.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(BigInteger)
    chat_id: Mapped[int] = mapped_column(BigInteger)
    kind: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    due_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # A sender holds the row until then; a dead sender's claim simply runs out.
    claimed_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # Telegram refused it (the user blocked the bot, the chat is gone): no more automatic
    # tries; the user's next press on the card tries again.
    refused_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    message_id: Mapped[int | None] = mapped_column(BigInteger)
    # The card of the case: a reply in doubt (see Outbox) is written into it.
    card_message_id: Mapped[int | None] = mapped_column(BigInteger)
    # A sender died (or timed out) mid-send: Telegram may have it already.
    in_doubt: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    last_error: Mapped[str | None] = mapped_column(String(200))
    # Sent as the owner in their own chat (Telegram Business) through this connection.
    business_connection_id: Mapped[str | None] = mapped_column(String(64))
    # One line shown under a copy-ready reply: why it did not go out in the owner's chat.
    note: Mapped[str | None] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class BusinessConnectionRow(Base):
    """A user's Telegram account connected to the bot (Telegram Business)."""

    __tablename__ = "business_connections"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(BigInteger, index=True)  # the owner
    user_chat_id: Mapped[int] = mapped_column(BigInteger)
    is_enabled: Mapped[bool] = mapped_column(Boolean)
    can_reply: Mapped[bool] = mapped_column(Boolean, default=False)
    can_read: Mapped[bool] = mapped_column(Boolean, default=False)
    rights: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    paused: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class BusinessChatRow(Base):
    """A chat in the owner's account: answered by the owner, muted, when they last wrote."""

    __tablename__ = "business_chats"

    connection_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    chat_id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    user_id: Mapped[int] = mapped_column(BigInteger, index=True)  # the owner
    name: Mapped[str | None] = mapped_column(String(256))
    answered: Mapped[bool] = mapped_column(Boolean, default=False)
    muted: Mapped[bool] = mapped_column(Boolean, default=False)
    last_incoming_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class BusinessMessageRow(Base):
    """One message in the owner's chat that became (part of) a case: several messages from
    one person within a minute are one case, and an edit or a deletion finds its case here.
    The primary key also makes a redelivered update a no-op."""

    __tablename__ = "business_messages"

    connection_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    chat_id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    message_id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    user_id: Mapped[int] = mapped_column(BigInteger, index=True)  # the owner
    case_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("cases.id", ondelete="CASCADE"), index=True
    )
    text: Mapped[str] = mapped_column(Text)
    sent_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class AllowedSenderRow(Base):
    """Someone the owner always lets through: their messages never become cases."""

    __tablename__ = "business_allowlist"

    user_id: Mapped[int] = mapped_column(BigInteger, primary_key=True)  # the owner
    sender_id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    name: Mapped[str | None] = mapped_column(String(256))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class LeaseRow(Base):
    """Who runs a piece of once-per-cluster work, until when."""

    __tablename__ = "leases"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    holder: Mapped[str] = mapped_column(String(128))
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class DraftRow(Base):
    __tablename__ = "drafts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("cases.id", ondelete="CASCADE"), index=True
    )
    version: Mapped[int] = mapped_column(Integer)
    tone: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)
    engine: Mapped[str] = mapped_column(String(32))
    variant: Mapped[int] = mapped_column(Integer, default=0)
    edited: Mapped[bool] = mapped_column(Boolean, default=False)
    learned: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
