"""Domain types. Plain pydantic models: nothing here knows about Telegram or HTTP."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from pydantic import BaseModel, Field


class Category(StrEnum):
    sales_pitch = "sales_pitch"
    favor_request = "favor_request"
    meeting_request = "meeting_request"
    recruiting = "recruiting"
    scam = "scam"
    genuine = "genuine"

    @property
    def is_cold(self) -> bool:
        return self is not Category.genuine

    @property
    def label(self) -> str:
        """Human wording, e.g. "sales pitch". The UI spells "favour" as the cards and the
        reasons do; the category's name stays `favor_request`."""
        return self.value.replace("_", " ").replace("favor", "favour")


class Tone(StrEnum):
    pointed = "pointed"
    gracious = "gracious"
    deadpan = "deadpan"
    firm = "firm"
    brief = "brief"
    warm = "warm"


DEFAULT_COLD_TONE = Tone.pointed
DEFAULT_GENUINE_TONE = Tone.warm


class Incoming(BaseModel):
    """One message the user wants answered, however it reached us."""

    text: str
    sender_name: str | None = None  # full display name when the transport shows it
    sender_id: int | None = None  # the sender's Telegram id when a forward reveals it
    source: str = "paste"  # paste | forward | linkedin | screenshot | business | cli
    message_id: int | None = None  # the Telegram message it came in, for idempotent intake
    # The screenshot itself, for a model that reads images; never stored or logged.
    image: bytes | None = Field(default=None, exclude=True, repr=False)


class Signal(BaseModel):
    """One reason for a verdict: a short name and the message's own words that show it."""

    signal: str
    quote: str | None = None


class Assessment(BaseModel):
    category: Category
    confidence: float = Field(ge=0.0, le=1.0)
    signals: list[Signal] = Field(default_factory=list)
    generic: bool = False
    sender_name: str | None = None  # first name, for the greeting
    offer: str | None = None  # what they sell or offer, as a short phrase
    ask: str | None = None  # what they want from the recipient, as a short phrase
    language: str = "en"
    # The engine cannot tell cold from genuine: the card asks the user instead of drafting.
    # `category` stays the best guess; `alternative` is the other likely reading.
    uncertain: bool = False
    alternative: Category | None = None
    # The category is the user's word (a correction, or what they said of this sender
    # before), not a reading of the text: the card says so instead of a likelihood.
    by_user: bool = False

    @property
    def cold_reading(self) -> Category | None:
        """The cold category an uncertain message would be: the guess if it is cold, else the
        alternative if that is; None when neither reading is cold."""
        return next((c for c in (self.category, self.alternative) if c and c.is_cold), None)


class Usage(BaseModel):
    """Model tokens spent; zero for the offline engine."""

    prompt_tokens: int = 0
    completion_tokens: int = 0

    def __add__(self, other: Usage) -> Usage:
        return Usage(
            prompt_tokens=self.prompt_tokens + other.prompt_tokens,
            completion_tokens=self.completion_tokens + other.completion_tokens,
        )


class Draft(BaseModel):
    tone: Tone
    text: str
    engine: str = "offline"
    variant: int = 0
    note: str | None = None  # one line for the card, e.g. why the offline engine answered
    usage: Usage = Field(default_factory=Usage)
    learned: bool = False  # the user's own approved wording, re-addressed (offline engine)


class Verdict(BaseModel):
    assessment: Assessment
    draft: Draft
    engine: str = "offline"
    note: str | None = None  # one line for the card: a fallback, a disagreement


class StyleExample(BaseModel):
    """A reply the user edited and approved: how they write for one category."""

    category: Category
    text: str
    sender_name: str | None = None  # first name it greeted, to swap for the next sender
    # The tone and language it was written in: the offline engine reuses it only for a
    # draft in both (examples learned before these were kept have neither).
    tone: Tone | None = None
    language: str | None = None


class Preferences(BaseModel):
    """How one user wants replies to sound."""

    cold_tone: Tone = DEFAULT_COLD_TONE
    category_tones: dict[Category, Tone] = Field(default_factory=dict)
    style: str | None = None  # free-text instructions for the model, <= 500 characters
    signature: str | None = None
    profile: str | None = None  # who I am, what I do, what I'm not interested in, my links
    language: str | None = None  # ISO 639-1 code for replies; None: match the sender
    share_links: bool = False  # may drafts (and the signature) carry the profile's links?
    # Learned from edited-then-approved drafts, newest first; kept in their own table.
    examples: list[StyleExample] = Field(default_factory=list)

    def tone_for(self, category: Category) -> Tone:
        """The tone a fresh draft gets: warm for genuine, always (nobody real gets the cold
        shoulder); else the per-category choice, else the default."""
        if category is Category.genuine:
            return DEFAULT_GENUINE_TONE
        return self.category_tones.get(category, self.cold_tone)

    def examples_for(self, category: Category) -> list[StyleExample]:
        return [e for e in self.examples if e.category is category]


class CaseStatus(StrEnum):
    collecting = "collecting"  # a long paste still arriving in parts
    pending = "pending"  # stored, waiting for the engine
    drafted = "drafted"  # card shown, waiting for the user
    approved = "approved"
    discarded = "discarded"


class DraftVersion(BaseModel):
    version: int
    tone: Tone
    text: str
    engine: str
    variant: int = 0
    edited: bool = False
    learned: bool = False
    note: str | None = None


class BusinessConnection(BaseModel):
    """The owner's Telegram account connected to the bot (Telegram Business): what the bot
    may do there, and whether the owner paused it."""

    id: str
    user_id: int  # the owner
    user_chat_id: int  # the owner's private chat with the bot: where cards go
    is_enabled: bool = True
    can_reply: bool = False
    can_read: bool = False  # may mark messages read (readBusinessMessage)
    rights: dict[str, bool] = Field(default_factory=dict)  # every right Telegram reported
    paused: bool = False


class BusinessChat(BaseModel):
    """One chat in the owner's account, as the bot has seen it."""

    connection_id: str
    chat_id: int
    name: str | None = None
    answered: bool = False  # the owner wrote in it: never a case again
    muted: bool = False
    last_incoming_at: datetime | None = None  # the other person's newest message


class BusinessState(StrEnum):
    """How a case from the owner's own chat ended, beyond approved or discarded."""

    sent = "sent"  # approved to go out in that chat, as the owner
    refused = "refused"  # approved, but Telegram refused it there: the owner pastes it
    answered = "answered"  # the owner replied there themselves
    deleted = "deleted"  # the sender deleted their message(s)
    unanswered = "unanswered"  # left unanswered (scam)
    allowed = "allowed"  # the owner put the sender on their allowlist
    muted = "muted"  # the owner muted the chat for the bot


class BusinessLink(BaseModel):
    """Where a case came from when it arrived in the owner's own chat, and whether Approve
    can send the reply there now (`blocked` None) or must hand over the text instead."""

    connection_id: str
    chat_id: int
    name: str | None = None
    state: BusinessState | None = None
    # Why the reply cannot go out as the owner right now: "disabled", "no_reply",
    # "window" (24 hours since their last message) or "unknown" (no such connection).
    blocked: str | None = None


class Case(BaseModel):
    """One message the user asked about, with every draft made for it."""

    id: int
    user_id: int
    chat_id: int
    status: CaseStatus
    incoming: Incoming
    assessment: Assessment | None = None
    engine: str | None = None
    note: str | None = None
    drafts: list[DraftVersion] = Field(default_factory=list)
    draft_shown: bool = True
    approved_text: str | None = None
    card_message_id: int | None = None
    usage: Usage = Field(default_factory=Usage)
    corrected_from: Category | None = None  # the engine's category, when the user changed it
    earlier_cold: int = 0  # earlier cases from the same sender that were cold
    created_at: datetime
    business: BusinessLink | None = None  # a message in the owner's own chat

    @property
    def draft(self) -> DraftVersion | None:
        return self.drafts[-1] if self.drafts else None


class PromptKind(StrEnum):
    edit = "edit"  # the user's own version of a case's draft
    fix_text = "fix"  # the corrected text of a misread screenshot
    setting = "setting"  # a text setting's new value


@dataclass(frozen=True)
class Prompt:
    """The question the bot asked and the user has not answered: at most one per user.

    `message_id` is the bot's prompt message; `fresh` is False once it has been open longer
    than the prompt timeout (then the next message is read as new, not as the answer)."""

    kind: PromptKind
    message_id: int
    case_id: int | None = None  # edit and fix_text
    field: str | None = None  # setting
    fresh: bool = True
