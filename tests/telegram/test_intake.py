"""Intake: real PTB Message objects in, Incoming / Unsupported out."""

from __future__ import annotations

import datetime as dtm
import random
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
    PART_LIMIT,
    Intake,
    Unsupported,
    incoming_from_message,
    is_link_only,
    merge_parts,
    read_message,
    read_messages,
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
    assert incoming_from_message(message) == Incoming(
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
    words = "Lorem ipsum dolor sit amet, consectetur adipiscing elit. "
    text = (words * (PART_LIMIT // len(words) + 1))[:PART_LIMIT].rstrip() + "!"
    text = text[:PART_LIMIT]
    assert len(text) == PART_LIMIT
    result = read(make_message(text=text))
    assert result.incoming.text == text
    assert not result.truncated
    assert result.original_length == PART_LIMIT


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
    assert incoming_from_message(message) == Unsupported(kind)


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


# --- split pastes --------------------------------------------------------------------------


def _long_text(seed: int, paragraphs: int = 40) -> str:
    rng = random.Random(seed)
    vocab = ["we", "help", "saas", "teams", "grow", "pipeline", "quickly", "with", "outbound"]
    out = []
    for _ in range(paragraphs):
        sentences = []
        for _ in range(rng.randint(3, 8)):
            words = [rng.choice(vocab) for _ in range(rng.randint(5, 15))]
            sentences.append(" ".join(words).capitalize() + rng.choice(".!?"))
        out.append(" ".join(sentences))
    return "\n".join(out)


def _client_split(text: str, limit: int = PART_LIMIT) -> list[str]:
    """How Telegram clients send a long text: cut at the last line break (else space) before
    the limit and drop that whitespace."""
    parts = []
    while len(text) > limit:
        window = text[: limit + 1]
        cut = window.rfind("\n")
        if cut <= 0:
            cut = window.rfind(" ")
        if cut <= 0:  # nothing to cut at: cut at the limit, mid-word
            parts.append(text[:limit])
            text = text[limit:]
            continue
        parts.append(text[:cut])
        text = text[cut + 1 :]
    parts.append(text)
    return parts


@pytest.mark.parametrize("seed", range(5))
def test_merge_parts_undoes_a_client_split_at_line_breaks(seed: int) -> None:
    text = _long_text(seed)
    parts = _client_split(text)
    assert len(parts) >= 3
    assert all(len(p) <= PART_LIMIT for p in parts)
    assert merge_parts(parts) == text


@pytest.mark.parametrize("seed", range(5))
def test_merge_parts_undoes_a_client_split_mid_sentence(seed: int) -> None:
    text = _long_text(seed).replace("\n", " ")  # one paragraph: cuts fall between words
    parts = _client_split(text)
    assert len(parts) >= 3
    assert merge_parts(parts) == text


@pytest.mark.parametrize("seed", range(5))
def test_merge_parts_undoes_a_hard_cut_through_a_long_token(seed: int) -> None:
    """With no whitespace to cut at, a client cuts at the limit, mid-word."""
    rng = random.Random(seed)
    token = "https://example.com/?" + "".join(rng.choice("abcdef0123") for _ in range(9000))
    text = f"Here is my deck:\n{token}\nThoughts?"
    parts = _client_split(text)
    assert len(parts) >= 3
    assert merge_parts(parts) == text


@pytest.mark.parametrize("seed", range(5))
def test_merge_parts_keeps_whitespace_left_at_a_seam(seed: int) -> None:
    """A client that keeps the whitespace in one of the parts: nothing may be added."""
    text = _long_text(seed)
    rng = random.Random(seed)
    parts, start = [], 0
    while len(text) - start > PART_LIMIT:
        cut = text.rfind(rng.choice(" \n"), start + 1, start + PART_LIMIT)
        cut += rng.choice((0, 1))  # the whitespace ends one part or starts the next
        parts.append(text[start:cut])
        start = cut
    parts.append(text[start:])
    assert len(parts) >= 3
    assert merge_parts(parts) == text


def test_merge_parts_edge_cases() -> None:
    assert merge_parts([]) == ""
    assert merge_parts(["only"]) == "only"
    assert merge_parts(["a", "", "b"]) == "a b"  # a word cut before a lower-case word
    assert (
        merge_parts(["Line one.\nEnds here.", "Starts here"])
        == "Line one.\nEnds here.\nStarts here"
    )
    assert merge_parts(["Short line.", "Next line"]) == "Short line.\nNext line"
    long_paragraph = "One paragraph. " * 300
    assert merge_parts([long_paragraph.strip(), "Goes on"]) == long_paragraph + "Goes on"
    assert merge_parts(["Line one.\ncut in the", "middle"]) == "Line one.\ncut in the middle"
    assert merge_parts(["kept ", "space"]) == "kept space"


def test_read_messages_joins_parts_and_parses_the_whole_paste() -> None:
    filler = ("We help teams grow. " * 200).strip()
    text = f"Anna Smith  10:42 AM\nHi Bob,\n{filler}\n{filler}\nCall on Thursday?"
    parts = _client_split(text)
    assert len(parts) >= 2
    messages = [make_message(i, text=p) for i, p in enumerate(parts, 1)]
    result = read_messages(messages)
    assert isinstance(result, Intake)
    assert result.incoming == Incoming(
        text=f"Hi Bob,\n{filler}\n{filler}\nCall on Thursday?",
        sender_name="Anna Smith",
        source="linkedin",
    )


def test_read_messages_keeps_the_forward_origin_of_the_first_part() -> None:
    origin = MessageOriginUser(NOW, ANNA)
    messages = [
        make_message(1, text="First half of the pitch,", forward_origin=origin),
        make_message(2, text="and the second half.", forward_origin=origin),
    ]
    result = read_messages(messages)
    assert isinstance(result, Intake)
    assert result.incoming == Incoming(
        text="First half of the pitch, and the second half.",
        sender_name="Anna Smith",
        sender_id=200,
        source="forward",
    )


def test_read_messages_without_text() -> None:
    assert read_messages([]) == Unsupported("empty")
    assert read_messages([make_message(**UNSUPPORTED["voice"])]) == Unsupported("voice")
