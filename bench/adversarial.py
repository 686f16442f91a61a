"""The worst single message: the offline engine and intake on 10 KB adversarial strings.

Each shape of tests/adversarial.py (runs of "@", ".", spaces; words without spaces; mixed
scripts; "İ"; a LinkedIn thread...) is repeated to --size characters, plus every shape with
one "İ" in front (a non-ASCII letter changes how strings are stored and case-folded). Every
input goes through intake as a paste and as a forward (`read_text`) and then through
`assess_and_draft`, best of --repeats after an untimed first run. Prints the slowest inputs
and asserts nothing; the goal is under 20 ms for the worst.
"""

from __future__ import annotations

import argparse
import platform
import sys
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
if str(REPO_ROOT) not in sys.path:  # `python bench/adversarial.py` from a clone
    sys.path.insert(0, str(REPO_ROOT))

from bench.engine import pin_to_one_core  # noqa: E402
from bot.config import Settings  # noqa: E402
from bot.engine import make_offline_engine  # noqa: E402
from bot.models import Incoming  # noqa: E402
from bot.telegram.intake import Intake, read_text  # noqa: E402
from tests.adversarial import SHAPES, repeat  # noqa: E402

GOAL_MS = 20.0


def inputs(size: int) -> dict[str, str]:
    texts = {name: repeat(unit, size) for name, unit in SHAPES.items()}
    texts |= {f"İ+{name}": "İ" + text[:-1] for name, text in list(texts.items())}
    return texts


def one_message(engine, text: str) -> float:
    """Seconds for intake (paste and forward) and the engine's verdict on what it read."""
    start = time.perf_counter()
    read_text(text, source="forward")
    read = read_text(text)
    incoming = read.incoming if isinstance(read, Intake) else Incoming(text=text)
    engine.assess_and_draft(incoming)
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10_000, help="characters per input")
    parser.add_argument("--repeats", type=int, default=3, help="timed runs per input (best)")
    parser.add_argument("--top", type=int, default=10, help="slowest inputs to list")
    args = parser.parse_args(argv)

    pinned = pin_to_one_core()
    engine = make_offline_engine(Settings())
    texts = inputs(args.size)
    times: dict[str, float] = {}
    for name, text in texts.items():
        one_message(engine, text)  # loads the language model, fills caches
        times[name] = min(one_message(engine, text) for _ in range(args.repeats))

    ranked = sorted(times.items(), key=lambda item: item[1], reverse=True)
    print(
        f"adversarial input: intake + offline assess_and_draft, {platform.python_implementation()} "
        f"{platform.python_version()}, {pinned}"
    )
    print(f"inputs          {len(texts)} shapes x {args.size:,} chars, best of {args.repeats}")
    worst_name, worst = ranked[0]
    verdict = "under" if worst * 1e3 < GOAL_MS else "OVER"
    print(
        f"worst           {worst * 1e3:.1f} ms ({worst_name}), {verdict} the {GOAL_MS:.0f} ms goal"
    )
    print(f"median          {sorted(times.values())[len(times) // 2] * 1e3:.1f} ms")
    for name, seconds in ranked[: args.top]:
        print(f"  {seconds * 1e3:8.1f} ms  {name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
