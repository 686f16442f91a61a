"""Memory of the bot's process: idle after start, then while the offline engine reads cases.

Imports the bot's stack (the Telegram application, the store, the handlers) and builds the
engine as `coldshoulder run` does without a model key, and reports the resident set size
(RSS). Then runs --n cases (assess + draft) over the messages in data/ (English and some
German, Spanish, Russian, Chinese...) and the written samples of tests/text (two in each of
42 languages), about one case in seven not in English, and reports RSS as it goes: what the
first cases cost (lazy models, caches) and, after --warm cases, the growth per 1,000 cases.
Every case is a new text
(a message's sentences in a shuffled order behind a numbered greeting), as in real use, so
no cache of earlier texts can hide growth. `--trace` also lists the largest Python allocation
sites of the warm run (tracemalloc, which slows it down). Prints figures, asserts nothing;
the goal is under 150 MB after 5,000 cases and no growth once warm.
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import re
import sys
import tracemalloc
from collections import Counter
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
if sys.path[0] != str(REPO_ROOT):  # `python bench/memory.py`: bench/bot.py is not `bot`
    sys.path.insert(0, str(REPO_ROOT))

DATA = REPO_ROOT / "data"
WRITTEN = REPO_ROOT / "tests" / "text" / "language_samples.jsonl"
NAMES = ("Sam", "Ana", "Jörg", "Lucía", "Дмитрий", "Wei", "Priya", "Tom")
MIB = 1024 * 1024


def rss() -> int:
    """Resident set size in bytes, from /proc (Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    raise SystemExit("bench/memory.py reads /proc/self/status: Linux only")


def texts() -> list[str]:
    """Every message in data/ and the written samples in 42 languages, in a fixed order."""
    found = []
    for path in [*sorted([*DATA.glob("*.jsonl"), *DATA.glob("*/*.jsonl")]), WRITTEN]:
        for line in path.read_text("utf-8").splitlines():
            if line.strip():
                found.append(json.loads(line)["text"])
    return found


def case(messages: list[str], i: int) -> str:
    """Case i: a message, its sentences shuffled, behind a numbered greeting."""
    sentences = re.split(r"(?<=[.!?\n])\s+", messages[i % len(messages)])
    random.Random(i).shuffle(sentences)
    return f"Hi {NAMES[i % len(NAMES)]} #{i},\n" + " ".join(sentences)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=5_000, help="cases to run")
    parser.add_argument("--warm", type=int, default=1_000, help="cases before growth is measured")
    parser.add_argument("--trace", action="store_true", help="tracemalloc the warm run")
    args = parser.parse_args(argv)

    start = rss()
    import bot.telegram.app  # noqa: F401  (PTB, the store, SQLAlchemy, the handlers)
    from bot.config import Settings
    from bot.engine import make_engine
    from bot.models import Incoming

    engine = make_engine(Settings(_env_file=None), "offline")
    messages = texts()
    gc.collect()
    idle = rss()
    print(f"memory: the bot's process (RSS), offline engine, {len(messages)} messages")
    print(f"interpreter       {start / MIB:6.1f} MiB")
    print(f"idle after start  {idle / MIB:6.1f} MiB (imports, engine built)")

    marks = sorted({1, 10, 100, args.warm, *range(args.warm, args.n + 1, args.warm), args.n})
    at_warm = 0
    languages: Counter[str] = Counter()
    for i in range(args.n):
        if i == args.warm and args.trace:
            tracemalloc.start(10)
            before = tracemalloc.take_snapshot()
        verdict = engine.assess_and_draft(Incoming(text=case(messages, i)))
        languages[verdict.assessment.language] += 1
        done = i + 1
        if done in marks:
            now = rss()
            if done == args.warm:
                at_warm = now
            print(f"after {done:>6,} cases {now / MIB:6.1f} MiB")
    end = rss()
    other = args.n - languages["en"]
    print(f"not in English    {other:,} of {args.n:,} cases, {len(languages) - 1} languages")
    warm_cases = args.n - args.warm
    if warm_cases > 0 and at_warm:
        per_thousand = (end - at_warm) / warm_cases * 1000
        cases = f"cases {args.warm:,}-{args.n:,}"
        print(f"growth once warm  {per_thousand / 1024:+.1f} KiB per 1,000 cases ({cases})")
    if args.trace and warm_cases > 0:
        after = tracemalloc.take_snapshot()
        print("largest growth by allocation site (tracemalloc, warm run):")
        for stat in after.compare_to(before, "traceback")[:8]:
            frame = stat.traceback[-1]
            print(f"  {stat.size_diff / 1024:+9.1f} KiB {stat.count_diff:+7,} blocks  {frame}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
