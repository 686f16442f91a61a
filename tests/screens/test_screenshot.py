"""The real OCR on the rendered test set: sender, body and the user's own messages.

These need the `ocr` extra (CI installs it with `make install`) and the fonts `make fonts`
installs; they fail, never skip, without them. The set (tests/screenshots.py `matrix()`) is
27 LinkedIn screens: the iPhone and Android apps and the web, light and dark, recompressed as
Telegram does. Each is read ONCE by the real OCR (a module fixture) and laid out; the tests
then check the whole set: the sender right in at least 95 %, a mean character error rate on
the body of at most 3 % (and at most 10 % on any one image), and the user's own message never
chosen. The network is blocked by conftest, so they also prove the models load without a
download.
"""

from __future__ import annotations

import io
import statistics
from collections import Counter
from collections.abc import Iterator

import pytest
from PIL import Image, ImageDraw

from bot.errors import ScreenshotError
from bot.screens.layout import Screenshot, layout
from bot.screens.ocr import OcrEngine, ocr_available
from bot.screens.screenshot import read_screenshot
from bot.screens.vocabulary import is_stamp
from tests.screenshots import (
    THREADS,
    Spec,
    cer,
    font,
    levenshtein,
    matrix,
    normalise,
    render,
    screenshot_bytes,
    telegram_jpeg,
)

SENDER_SHARE = 0.95  # the sender's name right in at least this share of the set
MAX_MEAN_CER = 0.03  # the body's character error rate, averaged over the set
MAX_IMAGE_CER = 0.10  # and on any one screenshot


def test_levenshtein_and_cer() -> None:
    assert levenshtein("kitten", "sitting") == 3
    assert levenshtein("", "abc") == 3
    assert cer("Hi  Sam’s", "Hi Sam's") == 0.0


@pytest.fixture(scope="module")
def engine() -> Iterator[OcrEngine]:
    assert ocr_available(), "the `ocr` extra is not installed: pip install -e '.[dev,ocr]'"
    engine = OcrEngine()
    yield engine
    engine.close()


@pytest.fixture(scope="module")
def readings(engine: OcrEngine) -> list[tuple[Spec, Screenshot]]:
    """Every screenshot of the set through the real OCR and the layout, once per module."""
    out = []
    for spec in matrix():
        page = engine.read_sync(screenshot_bytes(spec))
        out.append((spec, layout(page.lines, page.width, page.height)))
    return out


def test_the_set_covers_phones_and_the_web_as_users_send_them() -> None:
    specs = matrix()
    assert len(specs) >= 24
    assert len({s.name for s in specs}) == len(specs)
    kinds = Counter(s.kind for s in specs)
    assert set(kinds) == {"ios", "android", "web"} and min(kinds.values()) >= 8
    assert {(s.kind, s.theme) for s in specs} == {
        (k, t) for k in ("ios", "android", "web") for t in ("light", "dark")
    }
    phones = [s for s in specs if s.kind != "web"]
    assert {s.bubbles for s in phones} == {True, False}
    assert {s.subtitle for s in specs} == {"headline", "active"}
    assert {s.thread_list for s in specs if s.kind == "web"} == {True, False}
    assert any(s.cropped for s in specs)  # a desktop screenshot cut above the compose box
    assert any(not THREADS[s.thread].sender.isascii() for s in specs)  # "Łukasz", "Sofía"
    threads = [THREADS[s.thread] for s in specs]
    assert any(t.messages[-1].mine for t in threads)  # the user's own message is the last
    assert any(t.messages[0].mine for t in threads)  # the user's own message is the first
    assert any(t.turn[1] > t.turn[0] for t in threads)  # several of theirs in a row
    assert any(any(m.day for m in t.messages) for t in threads)  # a day separator between
    assert Counter(s.thread for s in specs).most_common()[-1][1] >= 2
    for spec in specs[:: len(specs) // 6]:
        with Image.open(io.BytesIO(screenshot_bytes(spec))) as img:
            assert img.format == "JPEG"
            assert max(img.size) <= 1280
        expected = {"ios": 390, "android": 412, "web": 1440 if spec.wide else 1280}[spec.kind]
        assert render(spec).width == round(expected * spec.scale)


def test_the_sender_is_the_other_person(readings: list[tuple[Spec, Screenshot]]) -> None:
    names = [(spec.name, THREADS[spec.thread].sender, shot.sender_name) for spec, shot in readings]
    right = sum(expected == got for _, expected, got in names)
    wrong = [(name, got) for name, expected, got in names if expected != got]
    assert right / len(names) >= SENDER_SHARE, wrong
    for name, got in wrong:  # a misread name, never another line of the screen
        assert got is not None, name
        assert not is_stamp(got) and got.casefold() not in ("messaging", "sam lee"), (name, got)


def test_the_body_is_their_latest_turn(readings: list[tuple[Spec, Screenshot]]) -> None:
    errors = {
        spec.name: cer(shot.body, THREADS[spec.thread].expected_body) for spec, shot in readings
    }
    worst = max(errors, key=errors.__getitem__)
    assert statistics.fmean(errors.values()) <= MAX_MEAN_CER, errors
    assert errors[worst] <= MAX_IMAGE_CER, (worst, errors[worst])


def test_the_users_own_message_is_never_chosen(readings: list[tuple[Spec, Screenshot]]) -> None:
    for spec, shot in readings:
        body = normalise(shot.body).lower()
        for own in THREADS[spec.thread].own_texts:
            assert normalise(own).lower()[:24] not in body, spec.name


def test_no_screen_furniture_in_the_body(readings: list[tuple[Spec, Screenshot]]) -> None:
    """No status bar, header, headline, stamp or button; their messages are one message."""
    for spec, shot in readings:
        thread = THREADS[spec.thread]
        start, end = thread.turn
        body = normalise(shot.body).lower()
        lines = {normalise(line).lower().rstrip(".…") for line in shot.body.splitlines()}
        for chrome in ("send", "gif", "inmail", "seen", "today", "9:41", "10:24", "5g", "87%"):
            assert chrome not in lines, (spec.name, chrome)
        days = [thread.day, *(m.day for m in thread.messages if m.day)]
        assert not lines & {day.lower() for day in days}, spec.name
        for chrome in ("write a message", "view profile", "active now", "messaging"):
            assert chrome not in body, (spec.name, chrome)
        assert thread.headline.lower()[:24] not in body, spec.name
        assert thread.sender.lower() not in body, spec.name
        for message in thread.messages:
            if message.time not in thread.expected_body:
                assert message.time.lower() not in body, (spec.name, message.time)
        first, last = thread.messages[start].text, thread.messages[end].text
        assert normalise(first).lower()[:16] in body, spec.name
        assert normalise(last).lower()[-16:] in body, spec.name
        turn_times = {m.time for m in thread.messages[start : end + 1]}
        assert shot.time is None or shot.time in turn_times, (spec.name, shot.time)
        assert shot.style == ("headers" if spec.kind == "web" or not spec.bubbles else "bubbles")


async def test_read_screenshot_end_to_end(engine: OcrEngine) -> None:
    spec = Spec("android", "dark", 2.625, "datapulse", bubbles=True)
    shot = await read_screenshot(engine, screenshot_bytes(spec))
    assert shot.sender_name == "Kevin Zhang"
    assert cer(shot.body, THREADS["datapulse"].expected_body) <= MAX_MEAN_CER
    assert shot.incoming().source == "screenshot"


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
    draw.text((28, 13), "9:41", font=font("inter-bold", 15), fill=(25, 25, 25))
    draw.text((60, 780), "Write a message…", font=font("inter", 15), fill=(102, 102, 102))
    with pytest.raises(ScreenshotError) as caught:
        await read_screenshot(engine, telegram_jpeg(img))
    assert caught.value.kind == "no_text"
