"""Offline engine benchmark: assess + draft throughput and per-message latency.

Single process, pinned to one core where the OS allows it. The labelled dev samples are
repeated until there are at least --n messages; a warm-up pass runs first (template files,
regex compilation, caches). Prints figures and asserts nothing: `make bench`.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import statistics
import sys
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = Path(__file__).resolve().parents[1] / "data" / "dev_samples.jsonl"

if str(REPO_ROOT) not in sys.path:  # `python bench/engine.py` from a clone without install
    sys.path.insert(0, str(REPO_ROOT))

from bench.common import load_texts, percentile  # noqa: E402
from bot.config import Settings  # noqa: E402
from bot.engine import make_offline_engine  # noqa: E402
from bot.engine.offline import model  # noqa: E402
from bot.models import Incoming  # noqa: E402


def pin_to_one_core() -> str:
    if hasattr(os, "sched_setaffinity"):
        cpu = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpu})
        return f"pinned to CPU {cpu}"
    return "not pinned (no sched_setaffinity on this OS)"


def peak_rss_mib() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # Linux reports KiB, macOS bytes.
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="JSONL with a text field")
    parser.add_argument("--n", type=int, default=10_000, help="messages to time (at least)")
    parser.add_argument("--warmup", type=int, default=500, help="untimed messages first")
    args = parser.parse_args(argv)

    texts = load_texts(args.data)
    repeats = -(-args.n // len(texts))
    messages = [Incoming(text=t, source="cli") for t in texts] * repeats
    pinned = pin_to_one_core()

    model_path = Path(model.__file__).with_name(model.MODEL_FILE)
    t0 = time.perf_counter()
    model.read(model_path)
    load_ms = (time.perf_counter() - t0) * 1000
    engine = make_offline_engine(Settings())
    for incoming in messages[: args.warmup]:
        engine.assess_and_draft(incoming)

    latencies_ns: list[int] = []
    clock = time.perf_counter_ns
    started = clock()
    for incoming in messages:
        t0 = clock()
        engine.assess_and_draft(incoming)
        latencies_ns.append(clock() - t0)
    wall = (clock() - started) / 1e9

    ms = sorted(x / 1e6 for x in latencies_ns)
    mean_chars = statistics.fmean(len(t) for t in texts)
    print(
        f"offline engine: assess + draft, {platform.python_implementation()} "
        f"{platform.python_version()}, {pinned}"
    )
    print(
        f"data            {args.data} ({len(texts)} messages, mean {mean_chars:.0f} chars, "
        f"longest {max(len(t) for t in texts):,})"
    )
    print(f"model file      {model_path.stat().st_size / 1024:.0f} KiB, read in {load_ms:.0f} ms")
    print(f"messages        {len(messages):,} ({repeats} passes, {args.warmup} warm-up untimed)")
    print(f"throughput      {len(messages) / wall:,.0f} messages/s ({wall:.2f} s wall)")
    print(f"latency p50     {percentile(ms, 50):.3f} ms")
    print(f"latency p99     {percentile(ms, 99):.3f} ms")
    print(f"latency max     {ms[-1]:.3f} ms")
    print(f"peak RSS        {peak_rss_mib():.1f} MiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
