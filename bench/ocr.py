"""Screenshot OCR benchmark: seconds per image and peak memory, with the body's CER.

Renders the test matrix (tests/screenshots.py: LinkedIn-like web and mobile layouts, light
and dark, 1x and 2x, recompressed as Telegram does), loads the engine, warms it up on one
image, then reads every image --repeat times through the real OCR and layout code. Prints
model load time, p50/max seconds per image, the process's peak RSS (ru_maxrss) and the
character error rate of each body. Asserts nothing: `python bench/ocr.py`.
"""

from __future__ import annotations

import argparse
import logging
import os
import platform
import resource
import statistics
import sys
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
if str(REPO_ROOT) not in sys.path:  # `python bench/ocr.py` from a clone without install
    sys.path.insert(0, str(REPO_ROOT))

from bot.screens.layout import layout  # noqa: E402
from bot.screens.ocr import OcrEngine  # noqa: E402
from tests.screenshots import THREADS, cer, matrix, screenshot_bytes  # noqa: E402


def peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024 / 1024 if sys.platform == "darwin" else peak / 1024  # bytes vs KiB


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=2, help="passes over the image set")
    parser.add_argument("--threads", type=int, default=None, help="ONNX Runtime intra-op threads")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")  # the engine logs its models

    specs = matrix()
    images = [(spec, screenshot_bytes(spec)) for spec in specs]
    rss_before = peak_rss_mb()
    engine = OcrEngine(threads=args.threads)
    start = time.perf_counter()
    engine._load()
    load_s = time.perf_counter() - start
    rss_loaded = peak_rss_mb()
    engine.read_sync(images[0][1])  # warm-up pass

    seconds: list[float] = []
    errors: dict[str, float] = {}
    for _ in range(max(1, args.repeat)):
        for spec, data in images:
            start = time.perf_counter()
            page = engine.read_sync(data)
            shot = layout(page.lines, page.width, page.height)
            seconds.append(time.perf_counter() - start)
            errors[spec.name] = cer(shot.body, THREADS[spec.thread].expected_body)
    engine.close()

    print(
        f"OCR benchmark: {platform.python_implementation()} {platform.python_version()}, "
        f"{os.cpu_count()} CPUs, threads={args.threads or 'default'}"
    )
    print(f"load: {load_s:.2f} s")
    print(
        f"per image ({len(seconds)} reads of {len(images)} images): "
        f"p50 {statistics.median(seconds):.2f} s, max {max(seconds):.2f} s, "
        f"mean {statistics.fmean(seconds):.2f} s"
    )
    print(
        f"peak RSS: {peak_rss_mb():.0f} MB "
        f"(before load {rss_before:.0f} MB, after load {rss_loaded:.0f} MB)"
    )
    print("body CER per image:")
    for name, error in errors.items():
        print(f"  {name:32s} {error:6.2%}")


if __name__ == "__main__":
    main()
