"""OcrEngine and upload validation, without the models: a fake pass stands in for RapidOCR."""

from __future__ import annotations

import asyncio
import os
import threading
import time
from collections.abc import Iterator
from types import SimpleNamespace

import pytest

from bot.errors import ScreenshotError
from bot.screens import ocr as ocr_module
from bot.screens.ocr import MAX_BYTES, OcrEngine, OcrLine, OcrPage, open_image
from tests.screenshots import Spec, png, screenshot_bytes


@pytest.fixture
def engine() -> Iterator[OcrEngine]:
    engine = OcrEngine()
    yield engine
    engine.close()


def _truncated_jpeg() -> bytes:
    data = screenshot_bytes(Spec("mobile", "light", 1, "growthly"))
    return data[: len(data) // 2]


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"", "not_an_image"),
        (b"Hi Sam, I help companies like yours", "not_an_image"),
        (b"%PDF-1.7\n" + b"0" * 100, "not_an_image"),
        (b"\xff\xd8\xff" + b"\x00" * (MAX_BYTES + 1), "too_large"),
        (png((8000, 6000), mode="1", color=1), "too_large"),  # 48 MP from the header, few KB
        (png((4, 300)), "no_text"),  # too narrow to hold a line of text
        (_truncated_jpeg(), "not_an_image"),  # the header reads, the pixels do not
    ],
    ids=["empty", "text", "pdf", "bytes", "pixels", "tiny", "truncated"],
)
async def test_bad_uploads_are_refused_without_an_ocr_pass(
    engine: OcrEngine, data: bytes, kind: str
) -> None:
    passes: list[object] = []
    engine._ocr = passes.append  # loaded: a pass would be recorded
    with pytest.raises(ScreenshotError) as caught:
        await engine.read_page(data)
    assert caught.value.kind == kind
    assert passes == []


def test_huge_images_are_scaled_down_and_transparency_flattened() -> None:
    img = open_image(png((4000, 3000), mode="RGBA", color=(0, 0, 0, 0)))
    assert max(img.size) == ocr_module.OCR_SIDE
    assert img.mode == "RGB"
    assert img.getpixel((10, 10)) == (255, 255, 255)


def test_onnx_runtime_telemetry_is_off() -> None:
    assert os.environ.get("ORT_DISABLE_TELEMETRY") == "1"


def test_screenshot_error_kinds_are_checked() -> None:
    assert ScreenshotError("no_text").kind == "no_text"
    with pytest.raises(ValueError):
        ScreenshotError("blurry")


async def test_missing_extra_says_what_to_install(
    engine: OcrEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ocr_module, "ocr_available", lambda: False)
    with pytest.raises(ScreenshotError) as caught:
        await engine.read_page(png((200, 100)))
    assert (caught.value.kind, caught.value.detail) == ("ocr_missing", "coldshoulder[ocr]")


async def test_a_pass_becomes_lines_top_to_bottom(engine: OcrEngine) -> None:
    """RapidOCR's quadrilaterals become boxes; blank texts are dropped; lines sort by y, x."""
    result = SimpleNamespace(
        boxes=[
            [[10, 52], [90, 50], [91, 70], [11, 72]],
            [[5, 10], [60, 10], [60, 30], [5, 30]],
            [[0, 0], [9, 0], [9, 9], [0, 9]],
        ],
        txts=["  second line ", "first", "  "],
        scores=[0.9, 0.8, 0.5],
    )
    engine._ocr = lambda array: result
    page = await engine.read_page(png((300, 200)))
    assert page == OcrPage(
        lines=[OcrLine("first", 5, 10, 60, 30, 0.8), OcrLine("second line", 10, 50, 91, 72, 0.9)],
        width=300,
        height=200,
    )


async def test_one_ocr_at_a_time_off_the_event_loop(engine: OcrEngine) -> None:
    """Passes queue on one worker thread; the event loop keeps running meanwhile."""
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
    assert peak == 1
    assert ticks >= 10  # the loop was free while the passes ran
    assert all(page == OcrPage(lines=[], width=300, height=200) for page in pages)
