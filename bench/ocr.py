"""Screenshot OCR benchmark: accuracy per layout, seconds per image, peak memory.

Renders the screenshot test set (tests/screenshots.py `matrix()`: LinkedIn on iPhone,
Android and the web, light and dark, recompressed as Telegram does), loads the engine, warms
it up on one image, then reads every image --repeat times through the real OCR and the layout
code. Prints, per layout: the share of screens whose sender's name is right, the mean and
worst character error rate of the body, and how often the user's own message was taken for
the body; then the seconds per image (decoding and OCR, the layout apart: p50, p90, max) with
the number of ONNX Runtime threads, the machine's cores and its load average while it ran
(a busy machine is slower: the figures are what this machine did, not a promise), the model
load time and the process's peak RSS. Asserts nothing: `python bench/ocr.py`.
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
from collections import defaultdict
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
# `python bench/ocr.py` puts bench/ first on the path, where bench/bot.py would shadow the
# `bot` package: the repository root goes in front of it.
sys.path[:0] = [str(REPO_ROOT)]

from bot.screens.layout import layout  # noqa: E402
from bot.screens.ocr import DEFAULT_THREADS, OcrEngine  # noqa: E402
from tests.screenshots import THREADS, cer, matrix, normalise, screenshot_bytes  # noqa: E402


def peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024 / 1024 if sys.platform == "darwin" else peak / 1024  # bytes vs KiB


def quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=2, help="passes over the image set")
    parser.add_argument(
        "--threads",
        type=int,
        default=DEFAULT_THREADS,
        help=f"ONNX Runtime intra-op threads (default {DEFAULT_THREADS}; 0: one per core)",
    )
    parser.add_argument("--verbose", action="store_true", help="one line per image")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")  # the engine logs its models

    specs = matrix()
    images = [(spec, screenshot_bytes(spec)) for spec in specs]
    rss_before = peak_rss_mb()
    engine = OcrEngine(threads=args.threads or None)
    start = time.perf_counter()
    engine._load()
    load_s = time.perf_counter() - start
    rss_loaded = peak_rss_mb()
    engine.read_sync(images[0][1])  # warm-up pass

    ocr_s: dict[str, list[float]] = defaultdict(list)
    layout_s: list[float] = []
    rows: dict[str, tuple[str, bool, float, bool]] = {}  # name -> layout, sender ok, CER, own
    load_avg: list[float] = []
    for _ in range(max(1, args.repeat)):
        for spec, data in images:
            start = time.perf_counter()
            page = engine.read_sync(data)
            middle = time.perf_counter()
            shot = layout(page.lines, page.width, page.height)
            layout_s.append(time.perf_counter() - middle)
            ocr_s[spec.kind].append(middle - start)
            load_avg.append(os.getloadavg()[0])
            thread = THREADS[spec.thread]
            body = normalise(shot.body).lower()
            own = any(normalise(text).lower()[:24] in body for text in thread.own_texts)
            error = cer(shot.body, thread.expected_body)
            rows[spec.name] = (spec.kind, shot.sender_name == thread.sender, error, own)
            if args.verbose:
                print(
                    f"  {spec.name:44s} {middle - start:5.2f} s  CER {error:6.2%}  "
                    f"sender {shot.sender_name!r}"
                )
    engine.close()

    every = [s for values in ocr_s.values() for s in values]
    print(
        f"OCR benchmark: {platform.python_implementation()} {platform.python_version()}, "
        f"{os.cpu_count()} cores, ONNX Runtime threads={args.threads or 'one per core'}"
        f", load average {statistics.fmean(load_avg):.1f} while reading"
    )
    print(f"{len(images)} screenshots, {len(every)} reads; model load {load_s:.2f} s")
    print()
    print(
        f"{'layout':10s} {'images':>6s} {'sender':>7s} {'CER mean':>9s} {'CER max':>8s} "
        f"{'own msg':>7s} {'s p50':>6s} {'s p90':>6s} {'s max':>6s}"
    )
    for kind in [*ocr_s, "all"]:
        picked = [r for r in rows.values() if kind in ("all", r[0])]
        seconds = every if kind == "all" else ocr_s[kind]
        right = sum(r[1] for r in picked)
        errors = [r[2] for r in picked]
        print(
            f"{kind:10s} {len(picked):6d} {right / len(picked):7.0%} "
            f"{statistics.fmean(errors):9.2%} {max(errors):8.2%} {sum(r[3] for r in picked):7d} "
            f"{statistics.median(seconds):6.2f} {quantile(seconds, 0.9):6.2f} {max(seconds):6.2f}"
        )
    print()
    print(f"layout: {statistics.median(layout_s) * 1000:.1f} ms p50 per image")
    print(
        f"peak RSS: {peak_rss_mb():.0f} MB "
        f"(before load {rss_before:.0f} MB, after load {rss_loaded:.0f} MB)"
    )


if __name__ == "__main__":
    main()
