"""Screenshot reading: layout on synthetic OCR lines, then the real OCR on rendered screenshots.

The real-OCR tests need the `ocr` extra (CI installs it with `make install`); they fail, never
skip, without it. They render LinkedIn-like screenshots with Pillow (tests/screenshots.py),
recompress them as Telegram does, and require a character error rate under 2% on the body.
The network is blocked by conftest, so they also prove the models load without a download.
"""

from __future__ import annotations

import asyncio
import io
import threading
import time
import unicodedata

import pytest
from PIL import Image, ImageDraw, ImageFont

from bot.errors import ScreenshotError
from bot.screens import ocr as ocr_module
from bot.screens.layout import Screenshot, layout
from bot.screens.lines import split_header
from bot.screens.ocr import MAX_BYTES, OcrEngine, OcrLine, OcrPage, ocr_available, open_image
from bot.screens.screenshot import read_screenshot
from tests.screenshots import THREADS, Spec, matrix, render, screenshot_bytes, telegram_jpeg

MAX_CER = 0.02


# --- helpers ----------------------------------------------------------------------------------


def levenshtein(a: str, b: str) -> int:
    if len(a) < len(b):
        a, b = b, a
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def normalise(text: str) -> str:
    """Compare text, not typography: NFKC, straight quotes, single spaces."""
    text = unicodedata.normalize("NFKC", text)
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return " ".join(text.split())


def cer(hypothesis: str, reference: str) -> float:
    ref = normalise(reference)
    return levenshtein(normalise(hypothesis), ref) / max(1, len(ref))


def L(text: str, x0: int, y0: int, x1: int | None = None, h: int = 20, score: float = 0.99):
    """A synthetic OCR line; width ~8 px per character unless given."""
    if x1 is None:
        x1 = x0 + 8 * len(text)
    return OcrLine(text, x0, y0, x1, y0 + h, score=score)


def test_levenshtein_and_cer() -> None:
    assert levenshtein("kitten", "sitting") == 3
    assert levenshtein("", "abc") == 3
    assert cer("Hi  Sam’s", "Hi Sam's") == 0.0


# --- layout on synthetic lines (fast) --------------------------------------------------------


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
    assert dropped["9:41"] == "above the title"
    assert dropped["Active now"] == "title subtitle"
    if own_last:
        assert dropped["Not interested, thanks."] == "user's own message"


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
    ("text", "expected"),
    [
        ("Anna Smith · 10:42 AM", ("Anna Smith", "10:42 AM", False)),
        ("Sam Lee10:15 AM", ("Sam Lee", "10:15 AM", False)),
        ("Rahul Mehta -9:14 AM", ("Rahul Mehta", "9:14 AM", False)),
        ("Jessica Brennan·1st", ("Jessica Brennan", None, True)),
        ("Marco Rossi · 1st · Yesterday", ("Marco Rossi", "Yesterday", True)),
        ("You 9:05 AM", ("You", "9:05 AM", False)),
        ("Marco", None),
        ("Could you spare 20 minutes next Tuesday?", None),
        ("Happy Friday", None),
        ("Let's talk 10:30 AM", None),
    ],
)
def test_split_header(text: str, expected: tuple | None) -> None:
    assert split_header(text) == expected


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


# --- validation (no models needed) -----------------------------------------------------------


def png(size: tuple[int, int], mode: str = "RGB", color: object = "white") -> bytes:
    buf = io.BytesIO()
    Image.new(mode, size, color).save(buf, "PNG")
    return buf.getvalue()


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"", "not_an_image"),
        (b"Hi Sam, I help companies like yours", "not_an_image"),
        (b"%PDF-1.7\n" + b"0" * 100, "not_an_image"),
        (b"\xff\xd8\xff" + b"\x00" * (MAX_BYTES + 1), "too_large"),
    ],
)
def test_bad_uploads_are_refused_before_ocr(data: bytes, kind: str) -> None:
    with pytest.raises(ScreenshotError) as caught:
        open_image(data)
    assert caught.value.kind == kind


def test_too_many_pixels_is_refused_from_the_header() -> None:
    with pytest.raises(ScreenshotError) as caught:
        open_image(png((8000, 6000), mode="1", color=1))  # 48 MP, a few KB on disk
    assert caught.value.kind == "too_large"


def test_truncated_image_is_not_an_image() -> None:
    data = screenshot_bytes(Spec("mobile", "light", 1, "growthly"))
    with pytest.raises(ScreenshotError) as caught:
        open_image(data[: len(data) // 2])
    assert caught.value.kind == "not_an_image"


def test_huge_images_are_scaled_down_and_transparency_flattened() -> None:
    img = open_image(png((4000, 3000), mode="RGBA", color=(0, 0, 0, 0)))
    assert max(img.size) == ocr_module.OCR_SIDE
    assert img.mode == "RGB"
    assert img.getpixel((10, 10)) == (255, 255, 255)


def test_onnx_runtime_telemetry_is_off() -> None:
    import os

    assert os.environ.get("ORT_DISABLE_TELEMETRY") == "1"


def test_screenshot_error_kinds_are_checked() -> None:
    assert ScreenshotError("no_text").kind == "no_text"
    with pytest.raises(ValueError):
        ScreenshotError("blurry")


async def test_missing_extra_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ocr_module, "ocr_available", lambda: False)
    engine = OcrEngine()
    try:
        with pytest.raises(ScreenshotError) as caught:
            await engine.read_page(png((200, 100)))
    finally:
        engine.close()
    assert caught.value.kind == "ocr_missing"
    assert "coldshoulder[ocr]" in str(caught.value)


async def test_one_ocr_at_a_time_off_the_event_loop() -> None:
    """Passes queue on one worker thread; the event loop keeps running meanwhile."""
    engine = OcrEngine()
    running = 0
    peak = 0
    lock = threading.Lock()

    def fake_ocr(array: object) -> object:
        nonlocal running, peak
        with lock:
            running += 1
            peak = max(peak, running)
        time.sleep(0.05)
        with lock:
            running -= 1
        return None

    engine._ocr = fake_ocr  # loaded: skip the real models
    ticks = 0

    async def ticker() -> None:
        nonlocal ticks
        while True:
            ticks += 1
            await asyncio.sleep(0.005)

    tick_task = asyncio.create_task(ticker())
    try:
        pages = await asyncio.gather(*(engine.read_page(png((300, 200))) for _ in range(4)))
    finally:
        tick_task.cancel()
        engine.close()
    assert peak == 1
    assert ticks >= 10  # the loop was free while the passes ran
    assert all(page == OcrPage(lines=[], width=300, height=200) for page in pages)


# --- the real OCR on rendered screenshots -----------------------------------------------------


@pytest.fixture(scope="module")
def engine():
    assert ocr_available(), "the `ocr` extra is not installed: pip install -e '.[dev,ocr]'"
    engine = OcrEngine()
    yield engine
    engine.close()


_RESULTS: dict[str, Screenshot] = {}


async def read_spec(engine: OcrEngine, spec: Spec) -> Screenshot:
    if spec.name not in _RESULTS:
        _RESULTS[spec.name] = await read_screenshot(engine, screenshot_bytes(spec))
    return _RESULTS[spec.name]


def test_the_matrix_covers_layouts_themes_scales_and_telegram() -> None:
    specs = matrix()
    assert {(s.layout, s.theme, s.scale) for s in specs} == {
        (layout_, theme, scale)
        for layout_ in ("web", "mobile")
        for theme in ("light", "dark")
        for scale in (1, 2)
    }
    for spec in specs:
        with Image.open(io.BytesIO(screenshot_bytes(spec))) as img:
            assert img.format == "JPEG"
            assert max(img.size) <= 1280
        expected_width = (1280 if spec.layout == "web" else 390) * spec.scale
        assert render(spec).width == expected_width


@pytest.mark.parametrize("spec", matrix(), ids=lambda s: s.name)
async def test_real_ocr_reads_the_body_of_rendered_screenshots(
    engine: OcrEngine, spec: Spec
) -> None:
    thread = THREADS[spec.thread]
    shot = await read_spec(engine, spec)
    error = cer(shot.body, thread.expected_body)
    assert error < MAX_CER, f"CER {error:.2%}\n{shot.body}\n---\n{thread.expected_body}"
    assert shot.sender_name == thread.sender
    assert shot.time == expected_time(spec)
    assert shot.style == ("headers" if spec.layout == "web" else "bubbles")
    body = normalise(shot.body).lower()
    for own in thread.own_texts:
        assert normalise(own).lower()[:20] not in body
    lines = {normalise(line).lower().rstrip(".…") for line in shot.body.splitlines()}
    for chrome in ("send", "gif", "inmail", "seen", "today", thread.day.lower(), "9:41"):
        assert chrome not in lines
    for chrome in ("write a message", "view profile", "active now", thread.headline.lower()):
        assert chrome not in body
    assert thread.sender.lower() not in body
    for message in thread.messages:
        if message.time not in thread.expected_body:
            assert message.time.lower() not in body


def expected_time(spec: Spec) -> str:
    """Mobile shows a time under every bubble; web one header per run of messages."""
    messages = THREADS[spec.thread].messages
    last = max(i for i, m in enumerate(messages) if not m.mine)
    if spec.layout == "mobile":
        return messages[last].time
    first = last
    while first > 0 and not messages[first - 1].mine:
        first -= 1
    return messages[first].time


async def test_blank_image_has_no_text(engine: OcrEngine) -> None:
    for theme_color in ("white", (27, 31, 35)):
        buf = io.BytesIO()
        Image.new("RGB", (780, 1280), theme_color).save(buf, "JPEG", quality=82)
        with pytest.raises(ScreenshotError) as caught:
            await read_screenshot(engine, buf.getvalue())
        assert caught.value.kind == "no_text"


async def test_photo_without_a_message_has_no_text(engine: OcrEngine) -> None:
    """Only chrome on screen (an empty conversation): no body, a clear error."""
    img = Image.new("RGB", (390, 844), "white")
    draw = ImageDraw.Draw(img)
    draw.text((28, 13), "9:41", font=ImageFont.load_default(size=15), fill=(25, 25, 25))
    draw.text(
        (60, 780), "Write a message…", font=ImageFont.load_default(size=15), fill=(102, 102, 102)
    )
    with pytest.raises(ScreenshotError) as caught:
        await read_screenshot(engine, telegram_jpeg(img))
    assert caught.value.kind == "no_text"
