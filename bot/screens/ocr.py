"""Text lines out of a screenshot: RapidOCR 3 on ONNX Runtime, one image at a time.

The `ocr` extra (`pip install 'coldshoulder[ocr]'`) brings rapidocr, onnxruntime and Pillow.
The detection and recognition models ship inside the rapidocr wheel; `OcrEngine` points
RapidOCR at those files explicitly, so nothing is ever downloaded at run time (a missing file
is an "ocr_missing" error, not a download). The angle classifier is off: screenshots are
upright.

One engine per process, loaded on first use (not at start-up: a few hundred MB), in its own
worker thread, on one ONNX Runtime thread: on a shared two-core machine (load average near
5) a pass took about 2 s at the median that way and 1.6 times as long with ONNX Runtime's
default of one thread per core, whose threads wait on each other whenever another process
holds a core; the process peaks near 0.6 GB (bench/ocr.py). Passes run one at a time and
never on the event loop. Validation (size caps, "is this an image") happens before a pass is
queued, so a bad upload gets its answer at once.

No Telegram here: bytes in, `OcrLine`s out. Errors carry a kind and a short fact as detail
("21000000 bytes", "8000x6000 pixels"); the wording for the user is the renderer's.
"""

from __future__ import annotations

import asyncio
import importlib.util
import io
import logging
import os
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.errors import ScreenshotError

if TYPE_CHECKING:
    from PIL import Image

__all__ = [
    "DEFAULT_THREADS",
    "MAX_BYTES",
    "MAX_PIXELS",
    "OCR_SIDE",
    "OcrEngine",
    "OcrLine",
    "OcrPage",
    "ocr_available",
    "open_image",
]

# Before onnxruntime is imported anywhere in this process (rapidocr imports it lazily).
os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")

log = logging.getLogger(__name__)

MAX_BYTES = 20 * 1024 * 1024  # an upload larger than this is refused unread
MAX_PIXELS = 40_000_000  # 40 megapixels: refused before decoding
OCR_SIDE = 2000  # images are scaled down so their long side is at most this before OCR
MIN_SIDE = 8  # smaller than this in either direction cannot hold a line of text

DEFAULT_THREADS = 1  # predictable on a busy machine; see the module docstring
OCR_EXTRA = "coldshoulder[ocr]"  # the detail of an "ocr_missing" error: what to install


@dataclass(frozen=True, slots=True)
class OcrLine:
    """One recognised line: its text, its box in image pixels, a 0..1 score."""

    text: str
    x0: int
    y0: int
    x1: int
    y1: int
    score: float = 1.0

    @property
    def height(self) -> int:
        return max(1, self.y1 - self.y0)

    @property
    def cy(self) -> float:
        return (self.y0 + self.y1) / 2


@dataclass(frozen=True, slots=True)
class OcrPage:
    """The lines of one image, top to bottom, and the size of the image they were read on."""

    lines: list[OcrLine]
    width: int
    height: int


def ocr_available() -> bool:
    """True when the `ocr` extra is installed (an import check; no model is loaded)."""
    return all(
        importlib.util.find_spec(name) is not None for name in ("rapidocr", "onnxruntime", "PIL")
    )


def _probe(image_bytes: bytes) -> Image.Image:
    """Cheap checks from the header alone: byte size, format, pixel count, minimum size."""
    if len(image_bytes) > MAX_BYTES:
        raise ScreenshotError("too_large", f"{len(image_bytes)} bytes")
    if not image_bytes:
        raise ScreenshotError("not_an_image", "0 bytes")
    try:
        from PIL import Image, UnidentifiedImageError
    except ImportError as exc:  # pragma: no cover - the extra brings Pillow
        raise ScreenshotError("ocr_missing", OCR_EXTRA) from exc
    try:
        img = Image.open(io.BytesIO(image_bytes))
    except Image.DecompressionBombError as exc:
        raise ScreenshotError("too_large", "decompression bomb") from exc
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as exc:
        raise ScreenshotError("not_an_image", "unknown format") from exc
    width, height = img.size
    if width * height > MAX_PIXELS:
        raise ScreenshotError("too_large", f"{width}x{height} pixels")
    if min(width, height) < MIN_SIDE:
        raise ScreenshotError("no_text", f"{width}x{height} pixels")
    return img


def open_image(image_bytes: bytes) -> Image.Image:
    """Validate an upload and decode it to RGB, scaled down for OCR if it is huge.

    Raises ScreenshotError: "too_large" (over MAX_BYTES or MAX_PIXELS), "not_an_image"
    (nothing Pillow can decode), "no_text" (too small to hold text), "ocr_missing" (no Pillow).
    """
    from PIL import Image, ImageOps

    img = _probe(image_bytes)
    width, height = img.size
    try:
        longest = max(width, height)
        if longest > OCR_SIDE and img.format == "JPEG":
            img.draft("RGB", (width * OCR_SIDE // longest, height * OCR_SIDE // longest))
        img.load()
        img = ImageOps.exif_transpose(img) or img  # phone photos carry their rotation in EXIF
        if img.mode in ("RGBA", "LA", "PA") or (img.mode == "P" and "transparency" in img.info):
            rgba = img.convert("RGBA")
            flat = Image.new("RGB", rgba.size, (255, 255, 255))
            flat.paste(rgba, mask=rgba.getchannel("A"))
            img = flat
        else:
            img = img.convert("RGB")
    except Image.DecompressionBombError as exc:
        raise ScreenshotError("too_large", "decompression bomb") from exc
    except (OSError, ValueError, SyntaxError) as exc:  # truncated or corrupt data
        raise ScreenshotError("not_an_image", "damaged data") from exc
    if max(img.size) > OCR_SIDE:
        ratio = OCR_SIDE / max(img.size)
        size = (max(1, round(img.width * ratio)), max(1, round(img.height * ratio)))
        img = img.resize(size, Image.Resampling.LANCZOS)
    return img


class OcrEngine:
    """RapidOCR loaded once, run one image at a time in a dedicated worker thread.

    `threads` is ONNX Runtime's intra-op threads (None: its default, one per core).
    """

    def __init__(self, *, threads: int | None = DEFAULT_THREADS) -> None:
        self._threads = threads
        self._ocr: Any = None
        self._load_lock = threading.Lock()
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="ocr")

    def close(self) -> None:
        """Stop the worker thread; queued passes are cancelled."""
        self._executor.shutdown(wait=False, cancel_futures=True)

    def _load(self) -> Any:
        if self._ocr is not None:
            return self._ocr
        with self._load_lock:
            if self._ocr is not None:
                return self._ocr
            if not ocr_available():
                raise ScreenshotError("ocr_missing", OCR_EXTRA)
            try:
                from rapidocr import RapidOCR
                from rapidocr.inference_engine.base import FileInfo, InferSession
            except ImportError as exc:
                raise ScreenshotError("ocr_missing", OCR_EXTRA) from exc

            params: dict[str, Any] = {
                "Global.use_cls": False,  # screenshots are upright: no angle classifier
                "Global.log_level": "error",
                # One line per recognition run: batches pad every line to the widest one,
                # which on the web's long lines costs time and ~400 MB at peak.
                "Rec.rec_batch_num": 1,
            }
            if self._threads:
                params["EngineConfig.onnxruntime.intra_op_num_threads"] = self._threads
            ocr = RapidOCR(params=params)
            # Pin the default models to the files bundled in the wheel: RapidOCR downloads a
            # model whose file is missing, and we never want a download at run time.
            models: list[str] = []
            for section in (ocr.cfg.Det, ocr.cfg.Rec):
                info = InferSession.get_model_url(
                    FileInfo(
                        engine_type=section.engine_type,
                        ocr_version=section.ocr_version,
                        task_type=section.task_type,
                        lang_type=section.lang_type,
                        model_type=section.model_type,
                    )
                )
                path = Path(ocr.cfg.Global.model_root_dir) / Path(info["model_dir"]).name
                if not path.is_file():
                    raise ScreenshotError("ocr_missing", str(path))  # a broken rapidocr install
                section.model_path = str(path)
                models.append(path.name)
            import numpy as np

            ocr(np.full((96, 96, 3), 255, dtype=np.uint8))  # loads both sessions now
            self._ocr = ocr
            log.info("OCR engine ready: %s", ", ".join(models))
            return ocr

    async def read_page(self, image_bytes: bytes) -> OcrPage:
        """The text lines of an image, top to bottom. Raises ScreenshotError."""
        _probe(image_bytes)  # a bad upload is answered at once, not after the queue
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, self.read_sync, image_bytes)

    def read_sync(self, image_bytes: bytes) -> OcrPage:
        """The blocking pass (runs in the worker thread; benchmarks may call it directly)."""
        img = open_image(image_bytes)
        ocr = self._load()
        import numpy as np

        array = np.asarray(img)[:, :, ::-1]  # RapidOCR takes OpenCV's BGR order
        result = ocr(np.ascontiguousarray(array))
        lines: list[OcrLine] = []
        boxes = getattr(result, "boxes", None)
        txts = getattr(result, "txts", None)
        scores = getattr(result, "scores", None)
        if boxes is not None and txts:
            for quad, text, score in zip(boxes, txts, scores or [1.0] * len(txts), strict=False):
                text = str(text).strip()
                if not text:
                    continue
                xs = [float(p[0]) for p in quad]
                ys = [float(p[1]) for p in quad]
                x0, y0, x1, y1 = round(min(xs)), round(min(ys)), round(max(xs)), round(max(ys))
                lines.append(OcrLine(text, x0, y0, x1, y1, score=float(score)))
        lines.sort(key=lambda line: (line.y0, line.x0))
        return OcrPage(lines=lines, width=img.width, height=img.height)
