"""parse_paste: LinkedIn chrome out, the sender's last turn kept, plain text untouched."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.screens.paste import Paste, parse_paste

# --- fixtures: what copying from LinkedIn actually gives ------------------------------------

WEB_MINIMAL = """Anna Smith
  10:42 AM
Hi Bob, thanks for connecting! I help SaaS founders like you book 20+ demos a month.
Open to a quick 15-minute call this week?"""

WEB_FULL = """Anna Smith sent the following messages at 10:42 AM
View Anna’s profile
Anna Smith
Anna Smith  10:42 AM
Hi Bob,

I came across your profile and was impressed by your work at Initech.


We help companies like yours 3x their pipeline in 90 days.

Would you be open to a quick 15-minute call this week?

Best,
Anna
Seen
Write a message…
Press Enter to Send
"""

WEB_FULL_BODY = """Hi Bob,

I came across your profile and was impressed by your work at Initech.

We help companies like yours 3x their pipeline in 90 days.

Would you be open to a quick 15-minute call this week?

Best,
Anna"""

# Bob (the user) answered last; the message to answer is still Anna's last turn, which is two
# message blocks in a row. The web copy glues "View …’s profile" to the next line.
WEB_THREAD_USER_LAST = """Jan 5
View Anna Smith’s profileAnna Smith
Anna Smith  10:42 AM
Hi Bob, thanks for connecting!
I help founders like you scale outbound. Open to a quick chat?
Bob Jones  11:05 AM
Thanks Anna, not right now.
TODAY
Anna Smith sent the following messages at 9:15 AM
View Anna Smith’s profile
Anna Smith
Anna Smith  9:15 AM
Just bumping this to the top of your inbox, Bob!
👍 1
Anna Smith  9:16 AM
Would Thursday at 2pm work?
You  9:40 AM
I said no.
Seen
Write a message…
Attach an image to your conversation with Anna Smith
Press Enter to Send"""

MOBILE_CARD = """Anna Smith
· 1st
Founder at Growthly | Helping B2B SaaS founders book more demos
Mobile • 2h ago

TODAY
Anna Smith • 10:42 AM
Hey Bob 👋 Loved your recent post about hiring!
Quick question — are you the right person to talk to about outbound?
Seen"""

MOBILE_STATUS = """Anna Smith (She/Her)
Status is online
Active now

Hi Bob! I noticed we're both in the SaaS space.
Would love to connect and share how we helped Acme grow 300%.
Reply
Like"""

INMAIL = """Sponsored
InMail
Anna Smith
Founder at Growthly | Growth hacker | 10x your pipeline
Jan 5
Exclusive invitation: Growth Summit 2025
Hi Bob,
As a leader in tech, you're invited to our exclusive summit.
Accept
Ignore
Report this message"""

# A thread where the user's side is signed with a name and the sender opened the thread.
NAMED_THREAD = """MON
Priya Raman  · 2nd  4:03 PM
Hello Bob, I'd love your feedback on our new analytics tool. Could you give it a try?
Bob Jones  4:20 PM
Who are you?
TUE
Priya Raman  · 2nd  8:01 AM
Just following up! Here's the link: example.com/demo
Bob Jones  8:30 AM
Please stop."""


@pytest.mark.parametrize(
    ("paste", "sender", "body"),
    [
        (
            WEB_MINIMAL,
            "Anna Smith",
            "Hi Bob, thanks for connecting! I help SaaS founders like you book 20+ demos a month.\n"
            "Open to a quick 15-minute call this week?",
        ),
        (WEB_FULL, "Anna Smith", WEB_FULL_BODY),
        (
            MOBILE_CARD,
            "Anna Smith",
            "Hey Bob 👋 Loved your recent post about hiring!\n"
            "Quick question — are you the right person to talk to about outbound?",
        ),
        (
            MOBILE_STATUS,
            "Anna Smith",
            "Hi Bob! I noticed we're both in the SaaS space.\n"
            "Would love to connect and share how we helped Acme grow 300%.",
        ),
        (
            INMAIL,
            "Anna Smith",
            "Exclusive invitation: Growth Summit 2025\nHi Bob,\n"
            "As a leader in tech, you're invited to our exclusive summit.",
        ),
    ],
    ids=["web-minimal", "web-full", "mobile-card", "mobile-status", "inmail"],
)
def test_linkedin_paste_keeps_only_the_message(paste: str, sender: str, body: str) -> None:
    result = parse_paste(paste)
    assert result.is_thread
    assert result.sender_name == sender
    assert result.body == body


def test_thread_where_user_replied_last_answers_the_senders_last_turn() -> None:
    result = parse_paste(WEB_THREAD_USER_LAST)
    assert result.sender_name == "Anna Smith"
    assert (
        result.body
        == "Just bumping this to the top of your inbox, Bob!\n\nWould Thursday at 2pm work?"
    )
    assert result.participants == ("Anna Smith", "Bob Jones", "You")
    for noise in ("I said no", "not right now", "View", "Seen", "Write a message", "👍", "TODAY"):
        assert noise not in result.body


def test_named_thread_takes_the_opener_as_sender() -> None:
    result = parse_paste(NAMED_THREAD)
    assert result.sender_name == "Priya Raman"
    assert result.body == "Just following up! Here's the link: example.com/demo"
    assert result.participants == ("Priya Raman", "Bob Jones")


def test_thread_that_the_user_opened_uses_the_profile_card() -> None:
    paste = (
        "Anna Smith\n· 1st\nFounder at Growthly\nStatus is online\n\n"
        "Bob Jones  9:00 AM\nHi Anna, saw your talk — do you have the slides?\n"
        "Anna Smith  9:30 AM\nSure! Also, want a demo of Growthly?\n"
        "Bob Jones  9:45 AM\nNo thanks."
    )
    result = parse_paste(paste)
    assert result.sender_name == "Anna Smith"
    assert result.body == "Sure! Also, want a demo of Growthly?"


def test_you_is_never_the_sender() -> None:
    paste = "You  9:00 AM\nHi, saw your post.\nAnna Smith  9:10 AM\nThanks! Want to buy our tool?"
    result = parse_paste(paste)
    assert result.sender_name == "Anna Smith"
    assert result.body == "Thanks! Want to buy our tool?"


def test_name_variants_are_cleaned() -> None:
    paste = "Dr. Anna Smith, MBA 🚀  10:42 AM\nHi Bob, quick one."
    assert parse_paste(paste) == Paste(
        body="Hi Bob, quick one.",
        sender_name="Dr. Anna Smith",
        is_thread=True,
        participants=("Dr. Anna Smith",),
    )


def test_inmail_and_sponsored_noise_is_dropped() -> None:
    result = parse_paste(INMAIL)
    for noise in ("Sponsored", "InMail", "Founder at", "Jan 5", "Accept", "Ignore", "Report"):
        assert noise not in result.body


def test_chrome_without_a_speaker_still_cleans_the_body() -> None:
    paste = "InMail\nHi Bob, we are hiring a Head of Data.\nReply\nWrite a message…"
    result = parse_paste(paste)
    assert result.is_thread
    assert result.sender_name is None
    assert result.body == "Hi Bob, we are hiring a Head of Data."


PLAIN = [
    "Hi Anna,\n\nThanks for connecting! I help SaaS founders grow.\n\nBest,\nJohn Doe",
    "Hey Bob, quick question about your hiring plans.\n\nSent from my iPhone",
    "Anna Smith\nHead of Growth, Acme\n\nHi Bob — we met at the Berlin meetup last week.",
    "Agenda for Monday:\nMonday\n10:00 AM\nKickoff with the team",
    "Today\nI wanted to follow up on my note from yesterday.",
    "John Smith\nJane Doe\nPeter Parker\nThese three will join the call.",
    "Thanks!\n👍",
    "Dear Mr. Smith,\n\nI am writing on behalf of Acme.\n\nKind regards,\nMaria\n"
    "Sales Director at Acme | B2B growth",
    "Sponsored\nCheck out our new product launch!",
    "Reminder:\nAnna Smith\n10:00 AM\nBring the contract.",
    "  Hi there,   I   saw your profile.  \n\n\n  Let's talk.  ",
    "Sent\nSeen\nLike",
    "Meeting with Anna Smith  Tue 10:00 AM",
    "Line one\r\nLine two\r\n",
    "Podium:\n1st\nJane Doe 2nd\nJohn Roe\n3rd",
    "Jane Doe\n2nd\nRace results attached.",
    "Anna Smith\nStatus is pending\nReport this to HR\nWrite a message to the team.",
]


@pytest.mark.parametrize("text", PLAIN)
def test_plain_text_comes_back_unchanged(text: str) -> None:
    assert parse_paste(text) == Paste(body=text.strip())


def test_empty_and_blank() -> None:
    assert parse_paste("") == Paste(body="")
    assert parse_paste(" \n\t ") == Paste(body="")


def test_all_chrome_falls_back_to_the_text() -> None:
    paste = "View Anna’s profile\nAnna Smith\nSeen"
    assert parse_paste(paste) == Paste(body=paste)


def test_large_paste_is_linear() -> None:
    block = "Anna Smith  10:42 AM\n" + "Hi Bob, we help teams like yours grow. " * 20 + "\n"
    paste = block * (100_000 // len(block) + 1)
    one_line = "x" * 100_000
    spaces = " " * 50_000 + "!"
    start = time.perf_counter()
    for text in (paste, one_line, spaces, "View " * 20_000, "Anna Smith\n" * 9_000):
        parse_paste(text)
    # A generous bound: the point is "not quadratic", which would take minutes here.
    assert time.perf_counter() - start < 5


_FRAGMENTS = [
    "Anna Smith",
    "  10:42 AM",
    "Anna Smith  10:42 AM",
    "View Anna’s profile",
    "View Anna Smith’s profileAnna Smith",
    "Anna Smith sent the following message at 10:42 AM",
    "· 1st",
    "Founder at X | Growth hacker",
    "InMail",
    "Sponsored",
    "Seen",
    "TODAY",
    "Jan 5",
    "👍 2",
    "You  9:40 AM",
    "Write a message…",
    "Hi Bob,",
    "",
    "Would you be open to a quick call?",
]


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(), st.lists(st.sampled_from(_FRAGMENTS)).map("\n".join)))
def test_parse_never_raises_and_never_grows(text: str) -> None:
    result = parse_paste(text)
    assert len(result.body) <= len(text)
    if not result.is_thread:
        assert result.body == text.strip()
        assert result.sender_name is None
