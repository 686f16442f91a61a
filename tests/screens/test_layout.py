"""layout: sender, time and body from synthetic OCR lines (no models, fast)."""

from __future__ import annotations

import pytest

from bot.screens.layout import Screenshot, layout
from bot.screens.ocr import OcrLine
from tests.screenshots import ocr_line as L


def web_lines() -> list[OcrLine]:
    """LinkedIn web at 1280x760: nav, header, profile card, three messages, compose box."""
    return [
        L("Search", 96, 12),
        L("Home", 714, 29),
        L("My Network", 783, 28),
        L("Messaging", 940, 27),
        L("Anna Smith", 35, 78),
        L("Active now", 35, 103),
        L("Anna Smith · 1st", 119, 160),
        L("Founder at Growthly | Helping SaaS teams scale", 119, 185),
        L("View profile", 119, 209),
        L("TODAY", 613, 286),
        L("Anna Smith", 83, 343, 170),
        L("10:02 AM", 180, 344, 240),
        L("Hi Sam, thanks for connecting!", 83, 365),
        L("Sam Lee10:15 AM", 82, 406),
        L("Hi Anna, nice to meet you too.", 82, 428),
        L("Anna Smith · 10:42 AM", 84, 469),
        L("I help companies like yours book 30+ qualified meetings a month", 83, 490, 1040),
        L("without hiring more SDRs.", 83, 511, 300),
        L("Would you be open to a quick 15-minute call this Thursday?", 84, 548, 560),
        L("Seen", 1100, 580),
        L("Write a message...", 42, 630),
        L("GIF", 93, 701, score=0.99),
        L("Send", 1146, 700),
        L("000", 1209, 704, score=0.6),
    ]


def test_web_layout_finds_sender_time_and_last_turn() -> None:
    shot = layout(web_lines(), 1280, 760)
    assert shot.style == "headers"
    assert shot.sender_name == "Anna Smith"
    assert shot.time == "10:42 AM"
    assert shot.body == (
        "I help companies like yours book 30+ qualified meetings a month without hiring more "
        "SDRs.\n\nWould you be open to a quick 15-minute call this Thursday?"
    )
    dropped = dict(shot.dropped)
    assert dropped["Hi Anna, nice to meet you too."] == "user's own message"
    assert dropped["Hi Sam, thanks for connecting!"] == "earlier message"
    for chrome in ("Write a message...", "Send", "GIF", "View profile", "Seen", "TODAY", "Home"):
        assert chrome in dropped
    assert shot.incoming().source == "screenshot"
    assert shot.incoming().sender_name == "Anna Smith"


def test_web_thread_list_is_cut_off_by_the_gutter() -> None:
    thread_list = [
        L("Messaging", 33, 78),
        L("Search messages", 67, 119),
        L("Priya Natarajan", 95, 280, 200),
        L("Mar 2", 312, 281, 353),
        L("Priya: Thanks again for the intro, talk soon!", 95, 304, 336),
        L("Daniel Okafor", 96, 361, 191),
        L("You: Sounds good, see you at the meetup.", 95, 383, 333),
    ]
    pane = [
        L("Rahul Mehta", 383, 77),
        L("Rahul Mehta -9:14 AM", 432, 345),
        L("Hello Sam, are you open to new roles?", 431, 366),
        L("Write a message...", 391, 632),
    ]
    shot = layout(thread_list + pane, 1280, 760)
    assert shot.sender_name == "Rahul Mehta"
    assert shot.body == "Hello Sam, are you open to new roles?"
    assert dict(shot.dropped)["Priya Natarajan"] == "thread list"


def test_web_you_header_is_the_user_and_sender_comes_from_headers_without_a_title() -> None:
    lines = [
        L("Jo Park 9:00 AM", 80, 100),
        L("Quick question about your pricing page.", 80, 122),
        L("You 9:05 AM", 80, 170),
        L("Sure, ask away.", 80, 192),
    ]
    shot = layout(lines, 1000, 600)
    assert shot.sender_name == "Jo Park"
    assert shot.body == "Quick question about your pricing page."
    assert shot.time == "9:00 AM"


def mobile_lines(*, own_last: bool = False) -> list[OcrLine]:
    """A 390x844 phone: status bar, title, left bubbles (sender), a right bubble (user)."""
    lines = [
        L("9:41", 24, 13),
        L("Anna Smith", 82, 54, 199),
        L("Active now", 80, 74, 148, h=16),
        L("Today", 174, 342, 217),
        L("Hi Sam, thanks for connecting!", 23, 382, 227, h=18),
        L("10:02 AM", 16, 413, 73, h=16),
        L("Hi Anna, nice to meet you too.", 166, 450, 365, h=18),
        L("10:15 AM", 318, 482, 375, h=16),
        L("I help companies like yours book 30+", 24, 519, 271, h=18),
        L("qualified meetings a month.", 24, 539, 230, h=18),
        L("Would you be open to a quick", 24, 580, 223, h=18),
        L("15-minute call this week?", 24, 600, 200, h=18),
        L("Best,", 24, 640, 60, h=18),
        L("Anna", 24, 660, 60, h=18),
        L("10:42 AM", 16, 690, 73, h=16),
    ]
    if own_last:
        lines += [L("Not interested, thanks.", 200, 730, 365, h=18), L("10:50 AM", 318, 760, 375)]
    return [*lines, L("Write a message...", 61, 778, 184)]


@pytest.mark.parametrize("own_last", [False, True])
def test_mobile_bubbles_left_is_sender_right_is_user(own_last: bool) -> None:
    shot = layout(mobile_lines(own_last=own_last), 390, 844)
    assert shot.style == "bubbles"
    assert shot.sender_name == "Anna Smith"
    assert shot.time == "10:42 AM"
    assert shot.body == (
        "I help companies like yours book 30+ qualified meetings a month.\n\n"
        "Would you be open to a quick 15-minute call this week?\n\nBest,\nAnna"
    )
    dropped = dict(shot.dropped)
    assert dropped["Hi Anna, nice to meet you too."] == "user's own message"
    assert dropped["9:41"] == "status bar"
    assert dropped["Active now"] == "title subtitle"
    if own_last:
        assert dropped["Not interested, thanks."] == "user's own message"


def test_phone_status_bar_is_not_the_title_and_the_users_message_is_not_the_body() -> None:
    """Reported: "9:41", "5G" and the battery above the header made the title search give up;
    the user's own reply, first on screen, was then taken as the message, addressed to them."""
    lines = [
        L("9:41", 51, 20, 111, h=22),
        L(".5G", 421, 23, 498, h=20, score=0.9),
        L("87", 503, 28, 535, h=14),
        L("Jessica Brennan", 132, 90, 344, h=26),
        L("VP of Partnerships at Nimbus Cloud", 132, 125, 430, h=18),
        L("MAR 4", 260, 642, 328),
        L("Sam Lee·4:05 PM", 93, 686, 288),
        L("Hi Jessica, I saw your post about cloud costs.", 94, 726, 518),
        L("Jessica Brennan·4:31 PM", 95, 815, 373),
        L("Thank you Sam! Could you spare 20 minutes?", 93, 852, 555),
        L("Write a message...", 38, 1173, 241),
    ]
    shot = layout(lines, 591, 1280)
    assert shot.sender_name == "Jessica Brennan"
    assert shot.body == "Thank you Sam! Could you spare 20 minutes?"
    dropped = dict(shot.dropped)
    assert dropped[".5G"] == dropped["87"] == dropped["9:41"] == "status bar"
    assert dropped["VP of Partnerships at Nimbus Cloud"] == "title subtitle"


def test_web_logo_messaging_and_weekdays_are_never_the_sender() -> None:
    """Reported: the pane header "Messaging" or a weekday became the sender's name, and the
    headline under the name became the first line of the message."""
    lines = [
        L("in", 77, 11, 111),
        L("Search", 145, 12),
        L("Messaging", 40, 90, 160, h=22),
        L("Tuesday", 330, 92, 390, h=16),
        L("Daniel Okafor", 520, 90, 640, h=22),
        L("Co-Founder & CEO at Ledgerly | Fintech", 520, 116, 760, h=16),
        L("TUESDAY", 800, 300, 860),
        L("Daniel Okafor · 11:20 AM", 560, 340, 760),
        L("Ledgerly automates month-end close for finance teams.", 560, 362, 1000),
        L("Sam Lee · 2:03 PM", 560, 410, 700),
        L("Thanks Daniel, we are all set for now.", 560, 432, 900),
    ]
    shot = layout(lines, 1280, 800)
    assert shot.sender_name == "Daniel Okafor"
    assert shot.body == "Ledgerly automates month-end close for finance teams."
    assert dict(shot.dropped)["Co-Founder & CEO at Ledgerly | Fintech"] == "title subtitle"


def test_a_wrapped_headline_under_a_phone_profile_card_is_not_a_message() -> None:
    lines = [
        L("Daniel Okafor", 133, 91, 308, h=26),
        L("Active now", 133, 124, 240, h=18),
        L("Daniel Okafor·1st", 181, 371, 412, h=26),
        L("Co-Founder & CEO at Ledgerly | Fintech for modern", 58, 411, 532, h=18),
        L("finance teams", 228, 439, 362, h=18),
        L("TUESDAY", 248, 523, 343, h=18),
        L("Hi Sam, great to connect!", 35, 581, 415, h=22),
        L("11:20 AM", 23, 640, 115, h=18),
        L("Write a message...", 38, 1173, 241),
    ]
    shot = layout(lines, 591, 1280)
    assert shot.style == "bubbles"
    assert (shot.sender_name, shot.body) == ("Daniel Okafor", "Hi Sam, great to connect!")
    assert dict(shot.dropped)["finance teams"] == "profile card"


def test_a_headline_centred_under_a_centred_title_is_not_a_message() -> None:
    """An app that centres the header: the headline is wider than the name, so it starts left
    of it; it is still the title's subtitle, not the first bubble of the sender's turn."""
    lines = [
        L("Rahul Mehta", 220, 90, 370, h=26),
        L("Senior Talent Partner @ Brightlane", 150, 123, 440, h=18),
        L("MONDAY", 249, 719, 340, h=18),
        L("Hello Sam, are you open to new roles?", 34, 775, 441, h=22),
        L("9:14 AM", 21, 820, 107, h=18),
        L("Write a message...", 38, 1171, 242),
    ]
    shot = layout(lines, 591, 1280)
    assert (shot.sender_name, shot.body) == ("Rahul Mehta", "Hello Sam, are you open to new roles?")


def test_a_desktop_screenshot_cut_above_the_compose_box_loses_its_thread_list() -> None:
    lines = [
        L("Messaging", 90, 90, 175, h=22),
        L("Kevin Zhang", 512, 90, 607, h=22),
        L("Account Executive at DataPulse", 512, 112, 692, h=16),
        L("Kevin Zhang", 156, 217, 238),
        L("10:12 AM", 430, 218, 482),
        L("Kevin: Does Thursday at 2 PM work for a 20-minute ca...", 156, 240, 476),
        L("Olivia Brandt", 156, 297, 240),
        L("Olivia: Thanks again for the intro, talk soon!", 156, 320, 402),
        L("Kevin Zhang · 10:11 AM", 568, 547, 714),
        L("We help data teams cut dashboard load times in half.", 568, 571, 1000),
        L("Chris Nolan", 156, 577, 232),
        L("You: Sounds good, see you at the meetup.", 156, 600, 396),
        L("Does Thursday at 2 PM work for a 20-minute call?", 568, 629, 900),
    ]
    shot = layout(lines, 1280, 664)
    assert shot.sender_name == "Kevin Zhang"
    assert shot.body == (
        "We help data teams cut dashboard load times in half.\n\n"
        "Does Thursday at 2 PM work for a 20-minute call?"
    )
    assert dict(shot.dropped)["You: Sounds good, see you at the meetup."] == "thread list"


def test_reflow_joins_wraps_keeps_hard_breaks_and_hyphen_breaks() -> None:
    lines = [
        L("Anna Smith", 80, 10),
        L("Anna Smith 10:00 AM", 80, 100),
        L("Hi Sam,", 80, 122, 140),
        L("our team builds dashboards for fintech and we would love a 15-", 80, 144, 580),
        L("minute chat about your reporting stack next week.", 80, 166, 470),
    ]
    shot = layout(lines, 1000, 600)
    assert shot.body == (
        "Hi Sam,\nour team builds dashboards for fintech and we would love a 15-minute chat "
        "about your reporting stack next week."
    )


@pytest.mark.parametrize(
    "chrome",
    [
        "Write a message…",
        "Press Enter to Send",
        "View profile",
        "Sponsored",
        "InMail",
        "Seen",
        "Like",
        "Reply",
        "Active now",
        "Status is online",
        "InMail · Active now",
        "👍 2",
    ],
)
def test_chrome_lines_never_reach_the_body(chrome: str) -> None:
    lines = [
        L("Anna Smith", 80, 10),
        L("Anna Smith 10:00 AM", 80, 100),
        L("Can we talk about your hiring plans?", 80, 122),
        L(chrome, 80, 144),
    ]
    shot = layout(lines, 1000, 600)
    assert shot.body == "Can we talk about your hiring plans?"


def test_no_text_gives_an_empty_body() -> None:
    assert layout([], 800, 600) == Screenshot(body="", style="plain")
    only_chrome = [L("9:41", 20, 10), L("Write a message...", 60, 500), L("Send", 300, 500)]
    assert layout(only_chrome, 390, 844).body == ""
