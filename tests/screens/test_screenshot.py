"""The real OCR on rendered screenshots: read_screenshot end to end, and its error measure.

These need the `ocr` extra (CI installs it with `make install`); they fail, never skip,
without it. They render LinkedIn-like screenshots with Pillow (tests/screenshots.py),
recompress them as Telegram does, and require a character error rate under 2% on the body.
The network is blocked by conftest, so they also prove the models load without a download.
"""

from __future__ import annotations

import io

import pytest
from PIL import Image, ImageDraw, ImageFont

from bot.errors import ScreenshotError
from bot.screens.layout import Screenshot
from bot.screens.ocr import OcrEngine, ocr_available
from bot.screens.screenshot import read_screenshot
from tests.screenshots import (
    THREADS,
    Spec,
    cer,
    levenshtein,
    matrix,
    normalise,
    render,
    screenshot_bytes,
    telegram_jpeg,
)

MAX_CER = 0.02


def test_levenshtein_and_cer() -> None:
    assert levenshtein("kitten", "sitting") == 3
    assert levenshtein("", "abc") == 3
    assert cer("Hi  Sam’s", "Hi Sam's") == 0.0


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


@pytest.mark.parametrize("color", ["white", (27, 31, 35)], ids=["light", "dark"])
async def test_blank_image_has_no_text(engine: OcrEngine, color: object) -> None:
    buf = io.BytesIO()
    Image.new("RGB", (780, 1280), color).save(buf, "JPEG", quality=82)
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
