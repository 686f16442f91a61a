"""Intake: real PTB Message objects in, Incoming / Unsupported out."""

from __future__ import annotations

import datetime as dtm
from typing import Any

import pytest
from telegram import (
    Animation,
    Audio,
    Chat,
    Contact,
    Dice,
    Document,
    Game,
    Location,
    Message,
    MessageOriginChannel,
    MessageOriginChat,
    MessageOriginHiddenUser,
    MessageOriginUser,
    PhotoSize,
    Poll,
    PollOption,
    Sticker,
    Story,
    User,
    Venue,
    Video,
    VideoNote,
    Voice,
)

from bot.models import Incoming
from bot.telegram.intake import (
    MAX_TEXT,
    Intake,
    Unsupported,
    is_link_only,
    read_message,
    read_text,
)

NOW = dtm.datetime(2025, 1, 6, 9, 30, tzinfo=dtm.UTC)
ME = User(id=100, first_name="Bob", last_name="Jones", is_bot=False)
PRIVATE = Chat(id=100, type=Chat.PRIVATE)
ANNA = User(id=200, first_name="Anna", last_name="Smith", is_bot=False)
PITCH = (
    "Hi Bob, I came across your profile and loved your work. We help SaaS teams like yours "
    "3x their pipeline. Open to a quick 15-minute call this week?"
)
LINKEDIN_PASTE = (
    "Anna Smith sent the following messages at 10:42 AM\n"
    "View Anna’s profile\n"
    "Anna Smith\n"
    "Anna Smith  10:42 AM\n"
    f"{PITCH}\n"
    "Seen\n"
    "Write a message…"
)


def make_message(message_id: int = 1, **kwargs: Any) -> Message:
    """A private-chat message from the user, as PTB builds it from an update."""
    kwargs.setdefault("from_user", ME)
    return Message(message_id=message_id, date=NOW, chat=PRIVATE, **kwargs)


def photo() -> tuple[PhotoSize, ...]:
    return (PhotoSize("p1", "u1", 90, 90), PhotoSize("p2", "u2", 1280, 960))


def read(message: Message) -> Intake:
    result = read_message(message)
    assert isinstance(result, Intake), result
    return result


# --- forwards ------------------------------------------------------------------------------


def test_forward_from_a_user() -> None:
    message = make_message(text=PITCH, forward_origin=MessageOriginUser(NOW, ANNA))
    assert read(message).incoming == Incoming(
        text=PITCH, sender_name="Anna Smith", sender_id=200, source="forward"
    )


def test_forward_from_a_user_without_last_name() -> None:
    cher = User(id=201, first_name="Cher", is_bot=False)
    message = make_message(text=PITCH, forward_origin=MessageOriginUser(NOW, cher))
    incoming = read(message).incoming
    assert (incoming.sender_name, incoming.sender_id) == ("Cher", 201)


def test_forward_from_a_hidden_user() -> None:
    origin = MessageOriginHiddenUser(NOW, sender_user_name="Growth Guru")
    incoming = read(make_message(text=PITCH, forward_origin=origin)).incoming
    assert incoming == Incoming(text=PITCH, sender_name="Growth Guru", source="forward")


@pytest.mark.parametrize(
    ("signature", "expected"), [(None, "Acme Sales"), ("Anna Smith", "Anna Smith (Acme Sales)")]
)
def test_forward_from_a_chat(signature: str | None, expected: str) -> None:
    group = Chat(id=-1001, type=Chat.SUPERGROUP, title="Acme Sales")
    origin = MessageOriginChat(NOW, sender_chat=group, author_signature=signature)
    incoming = read(make_message(text=PITCH, forward_origin=origin)).incoming
    assert incoming == Incoming(text=PITCH, sender_name=expected, source="forward")


@pytest.mark.parametrize(
    ("signature", "expected"), [(None, "Growth Weekly"), ("Max", "Max (Growth Weekly)")]
)
def test_forward_from_a_channel(signature: str | None, expected: str) -> None:
    channel = Chat(id=-1002, type=Chat.CHANNEL, title="Growth Weekly")
    origin = MessageOriginChannel(NOW, chat=channel, message_id=77, author_signature=signature)
    incoming = read(make_message(text=PITCH, forward_origin=origin)).incoming
    assert incoming == Incoming(text=PITCH, sender_name=expected, source="forward")


def test_forwarded_text_is_not_parsed_as_linkedin() -> None:
    """A stranger's forwarded words are theirs, even if they look like LinkedIn chrome."""
    message = make_message(text=LINKEDIN_PASTE, forward_origin=MessageOriginUser(NOW, ANNA))
    incoming = read(message).incoming
    assert incoming.text == LINKEDIN_PASTE
    assert incoming.source == "forward"


def test_forwarding_your_own_paste_counts_as_a_paste() -> None:
    message = make_message(text=LINKEDIN_PASTE, forward_origin=MessageOriginUser(NOW, ME))
    incoming = read(message).incoming
    assert incoming == Incoming(text=PITCH, sender_name="Anna Smith", source="linkedin")


def test_forwarded_caption() -> None:
    message = make_message(
        photo=photo(), caption=PITCH, forward_origin=MessageOriginUser(NOW, ANNA)
    )
    assert read(message).incoming.text == PITCH


# --- pastes --------------------------------------------------------------------------------


def test_plain_paste() -> None:
    incoming = read(make_message(text=f"  {PITCH}\n")).incoming
    assert incoming == Incoming(text=PITCH, source="paste")


def test_linkedin_paste() -> None:
    incoming = read(make_message(text=LINKEDIN_PASTE)).incoming
    assert incoming == Incoming(text=PITCH, sender_name="Anna Smith", source="linkedin")


def test_linkedin_thread_where_the_user_replied_last() -> None:
    text = (
        "Anna Smith  10:42 AM\nHi Bob, thanks for connecting!\n"
        "Bob Jones  11:05 AM\nHi Anna, what is this about?\n"
        f"Anna Smith  11:20 AM\n{PITCH}\n"
        "Bob Jones  11:30 AM\nNo thanks."
    )
    incoming = read(make_message(text=text)).incoming
    assert incoming == Incoming(text=PITCH, sender_name="Anna Smith", source="linkedin")


@pytest.mark.parametrize("attachment", ["photo", "document", "video", "animation"])
def test_caption_counts_as_text(attachment: str) -> None:
    media: dict[str, Any] = {
        "photo": {"photo": photo()},
        "document": {"document": Document("d", "du", file_name="pitch.pdf")},
        "video": {"video": Video("v", "vu", 640, 480, 10)},
        "animation": {
            "animation": Animation("a", "au", 320, 240, 3),
            "document": Document("a", "au"),
        },
    }[attachment]
    incoming = read(make_message(caption=PITCH, **media)).incoming
    assert incoming == Incoming(text=PITCH, source="paste")


def test_a_text_of_4096_characters() -> None:
    limit = 4096  # Telegram's longest message
    words = "Lorem ipsum dolor sit amet, consectetur adipiscing elit. "
    text = (words * (limit // len(words) + 1))[:limit].rstrip() + "!"
    text = text[:limit]
    assert len(text) == limit
    result = read(make_message(text=text))
    assert result.incoming.text == text
    assert not result.truncated
    assert result.original_length == limit


def test_long_text_is_truncated_with_a_flag() -> None:
    text = "word " * (MAX_TEXT // 5 + 1000)
    result = read_text(text)
    assert isinstance(result, Intake)
    assert result.truncated
    assert result.original_length == len(text.strip())
    assert len(result.incoming.text) <= MAX_TEXT
    assert len(result.incoming.text) > MAX_TEXT - 300
    assert result.incoming.text.endswith("word")  # cut at a word boundary


def test_text_at_the_limit_is_not_truncated() -> None:
    text = "x" * MAX_TEXT
    result = read_text(text)
    assert isinstance(result, Intake)
    assert (result.truncated, result.incoming.text) == (False, text)


def test_business_message_is_from_its_author() -> None:
    message = make_message(text=PITCH, from_user=ANNA, business_connection_id="bc1")
    assert read(message).incoming == Incoming(
        text=PITCH, sender_name="Anna Smith", sender_id=200, source="business"
    )


# --- unsupported ---------------------------------------------------------------------------

UNSUPPORTED: dict[str, dict[str, Any]] = {
    "sticker": {"sticker": Sticker("s", "su", 512, 512, False, False, Sticker.REGULAR)},
    "voice": {"voice": Voice("v", "vu", 5)},
    "video": {"video": Video("v", "vu", 640, 480, 10)},
    "video_note": {"video_note": VideoNote("n", "nu", 240, 5)},
    "audio": {"audio": Audio("a", "au", 120)},
    "animation": {"animation": Animation("g", "gu", 320, 240, 3), "document": Document("g", "gu")},
    "document": {"document": Document("d", "du", file_name="deck.pdf")},
    "photo_without_caption": {"photo": photo()},
    "location": {"location": Location(longitude=13.4, latitude=52.5)},
    "venue": {
        "venue": Venue(Location(13.4, 52.5), "Café", "Main St 1"),
        "location": Location(13.4, 52.5),
    },
    "contact": {"contact": Contact("+15550100", "Anna")},
    "poll": {
        "poll": Poll(
            "1",
            "Coffee?",
            [PollOption("Yes", 0, persistent_id="y"), PollOption("No", 0, persistent_id="n")],
            0,
            False,
            True,
            Poll.REGULAR,
            False,
            allows_revoting=False,
            members_only=False,
        )
    },
    "dice": {"dice": Dice(4, "🎲")},
    "game": {"game": Game("Snake", "Eat", photo())},
    "story": {"story": Story(Chat(5, Chat.PRIVATE), 9)},
}


@pytest.mark.parametrize("kind", list(UNSUPPORTED))
def test_unsupported_kinds(kind: str) -> None:
    message = make_message(**UNSUPPORTED[kind])
    assert read_message(message) == Unsupported(kind)


@pytest.mark.parametrize("kind", ["sticker", "voice", "photo_without_caption"])
def test_forwarded_unsupported_kinds(kind: str) -> None:
    message = make_message(forward_origin=MessageOriginUser(NOW, ANNA), **UNSUPPORTED[kind])
    assert read_message(message) == Unsupported(kind)


def test_photo_with_a_blank_caption_has_no_caption() -> None:
    message = make_message(photo=photo(), caption=" \n ")
    assert read_message(message) == Unsupported("photo_without_caption")


@pytest.mark.parametrize("text", ["", " ", "\n\t \n", "\u3000"])
def test_empty_and_whitespace(text: str) -> None:
    assert read_message(make_message(text=text)) == Unsupported("empty")


def test_message_with_nothing_at_all_is_empty() -> None:
    assert read_message(make_message()) == Unsupported("empty")


@pytest.mark.parametrize(
    "text",
    [
        "https://calendly.com/anna/15min",
        "  www.growthly.io  ",
        "calendly.com/anna/15min",
        "<https://example.com/demo?utm=li>",
        "https://a.example/x\nhttps://b.example/y",
        "lnkd.in/gXyZ123",
    ],
)
def test_link_only(text: str) -> None:
    assert read_message(make_message(text=text)) == Unsupported("link_only")


@pytest.mark.parametrize(
    "text",
    ["Book a call: https://calendly.com/anna", "e.g.", "3.14", "Hello.", "Thanks!!"],
)
def test_text_with_words_is_not_link_only(text: str) -> None:
    assert not is_link_only(text)
