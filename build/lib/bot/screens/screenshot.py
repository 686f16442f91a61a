"""A screenshot in, the message to answer out: OCR (`bot.screens.ocr`) then layout."""

from __future__ import annotations

from typing import Protocol

from bot.errors import ScreenshotError
from bot.screens.layout import Screenshot, layout
from bot.screens.ocr import OcrPage

__all__ = ["read_screenshot"]


class _Reader(Protocol):
    async def read_page(self, image_bytes: bytes) -> OcrPage: ...


async def read_screenshot(engine: _Reader, image_bytes: bytes) -> Screenshot:
    """OCR an image and lay it out. Raises ScreenshotError ("no_text" when no body is left)."""
    page = await engine.read_page(image_bytes)
    if not page.lines:
        raise ScreenshotError("no_text", "no lines")
    shot = layout(page.lines, page.width, page.height)
    if not shot.body.strip():
        raise ScreenshotError("no_text", "no message among the lines")
    return shot
