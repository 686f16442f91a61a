"""Intake: python-telegram-bot messages in, domain objects out.

Pure functions (no network, no handlers) that turn what the user sent into an `Incoming`, or
into an `Unsupported` that tells the handler which kind of message it could not read.

- A forward takes the sender from `message.forward_origin` (every origin kind); source
  "forward".
- A paste goes through `parse_paste`: a LinkedIn copy gives its message and sender with
  source "linkedin", anything else is kept as is with source "paste".
- A message from a Telegram Business chat is answered to its author; source "business".
- A text longer than `MAX_TEXT` is cut; `read_message` / `read_text` say so (`Intake`).
"""

from __future__ import annotations

from dataclasses import dataclass

from telegram import (
    Document,
    Message,
    MessageOriginChannel,
    MessageOriginChat,
    MessageOriginHiddenUser,
    MessageOriginUser,
    PhotoSize,
)

from bot.models import Incoming
from bot.screens.paste import parse_paste
from bot.text import contacts

__all__ = [
    "MAX_TEXT",
    "Intake",
    "Unsupported",
    "read_message",
    "read_text",
]

MAX_TEXT = 20_000  # characters kept of one case's text, after merging a split paste
_TRUNCATE_BACKTRACK = 200  # cut at a whitespace this close to MAX_TEXT, not mid-word

# Attributes checked in order when a message has no text to read. Order matters where PTB
# fills two: a GIF has `animation` and `document`, a venue has `venue` and `location`.
_ATTACHMENT_KINDS: tuple[tuple[str, str], ...] = (
    ("sticker", "sticker"),
    ("voice", "voice"),
    ("video_note", "video_note"),
    ("animation", "animation"),
    ("video", "video"),
    ("audio", "audio"),
    ("live_photo", "photo_without_caption"),
    ("photo", "photo_without_caption"),
    ("paid_media", "paid_media"),
    ("document", "document"),
    ("venue", "venue"),
    ("location", "location"),
    ("contact", "contact"),
    ("poll", "poll"),
    ("dice", "dice"),
    ("game", "game"),
    ("story", "story"),
    ("checklist", "checklist"),
    ("invoice", "invoice"),
    ("giveaway", "giveaway"),
    ("gift", "gift"),
    ("unique_gift", "gift"),
)

_LINK_WRAPPERS = "<>()[]{}\"'«»“”‘’.,;!"


@dataclass(frozen=True, slots=True)
class Unsupported:
    """A message intake cannot read; `kind` picks the handler's answer.

    Kinds: "empty", "link_only", "photo_without_caption", "sticker", "voice", "video_note",
    "animation", "video", "audio", "paid_media", "document", "venue", "location", "contact",
    "poll", "dice", "game", "story", "checklist", "invoice", "giveaway", "gift".
    """

    kind: str


@dataclass(frozen=True, slots=True)
class Intake:
    """An `Incoming`, plus what intake noticed on the way in.

    truncated: the text was longer than MAX_TEXT and was cut (at a word boundary when one is
        near); the handler can say so. original_length: characters before cutting.
    """

    incoming: Incoming
    truncated: bool = False
    original_length: int = 0


def read_message(message: Message) -> Intake | Unsupported:
    """Read one Telegram message: text or caption, and who wrote it."""
    text = _text_of(message)
    if text is None or not text.strip():
        return Unsupported(_attachment_kind(message) or "empty")
    sender_name, sender_id, source = _origin(message)
    return read_text(text, sender_name=sender_name, sender_id=sender_id, source=source)


def read_text(
    text: str,
    *,
    sender_name: str | None = None,
    sender_id: int | None = None,
    source: str | None = None,
) -> Intake | Unsupported:
    """Turn text into an `Intake`.

    `source=None` means "the user pasted it": LinkedIn chrome is removed (`parse_paste`) and
    the source becomes "linkedin" or "paste". Any other source (a forward, a business chat)
    keeps the text as written and the sender given.
    """
    if not text.strip():
        return Unsupported("empty")
    if source is None:
        paste = parse_paste(text)
        body = paste.body
        if paste.is_thread:
            source, sender_name = "linkedin", paste.sender_name
        else:
            source = "paste"
    else:
        body = text.strip()
    if is_link_only(body):
        return Unsupported("link_only")
    kept, truncated = _truncate(body)
    incoming = Incoming(text=kept, sender_name=sender_name, sender_id=sender_id, source=source)
    return Intake(incoming=incoming, truncated=truncated, original_length=len(body))


def is_link_only(text: str) -> bool:
    """True when the text is nothing but one or more links."""
    tokens = text.split()
    if not tokens:
        return False
    return all(contacts.is_link(token.strip(_LINK_WRAPPERS) or token) for token in tokens)


# ---------------------------------------------------------------------------------------------


def _text_of(message: Message) -> str | None:
    return message.text if message.text is not None else message.caption


def _attachment_kind(message: Message) -> str | None:
    for attribute, kind in _ATTACHMENT_KINDS:
        if getattr(message, attribute, None):
            return kind
    return None


def _origin(message: Message) -> tuple[str | None, int | None, str | None]:
    """(sender name, sender id, source); source None means the user's own paste."""
    origin = message.forward_origin
    if isinstance(origin, MessageOriginUser):
        user = origin.sender_user
        if message.from_user is not None and user.id == message.from_user.id:
            return None, None, None  # the user forwarded their own paste
        return user.full_name, user.id, "forward"
    if isinstance(origin, MessageOriginHiddenUser):
        return origin.sender_user_name or None, None, "forward"
    if isinstance(origin, MessageOriginChat):
        title = origin.sender_chat.effective_name
        return _signed(origin.author_signature, title), None, "forward"
    if isinstance(origin, MessageOriginChannel):
        return _signed(origin.author_signature, origin.chat.effective_name), None, "forward"
    if origin is not None:
        return None, None, "forward"  # an origin type newer than this code
    if message.business_connection_id and message.from_user is not None:
        # Someone wrote to the user's business account. The handler must skip the owner's
        # own outgoing messages, which arrive the same way.
        return message.from_user.full_name, message.from_user.id, "business"
    return None, None, None


def _signed(signature: str | None, title: str | None) -> str | None:
    """ "Anna Smith (Acme News)" for a signed post, else the chat's title."""
    if signature and title:
        return f"{signature} ({title})"
    return signature or title or None


def _truncate(text: str) -> tuple[str, bool]:
    if len(text) <= MAX_TEXT:
        return text, False
    cut = text[:MAX_TEXT]
    space = max(cut.rfind(" "), cut.rfind("\n"))
    if space >= MAX_TEXT - _TRUNCATE_BACKTRACK:
        cut = cut[:space]
    return cut.rstrip(), True


def image_of(message: Message) -> PhotoSize | Document | None:
    """The picture to read as a screenshot: the largest photo size, or an image sent as a
    file. A caption on it is the user's own note, not the message to answer."""
    if message.photo:
        return max(message.photo, key=lambda size: size.width * size.height)
    document = message.document
    if document and (document.mime_type or "").startswith("image/"):
        return document
    return None
