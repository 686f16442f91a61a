"""Language detection: accuracy on the corpus, speed, and the memory the model holds.

Runs `bot.text.language.detect` (the trimmed model the bot ships) and, when py3langid is
installed, the full py3langid model it was trimmed from through the same steps (links and
handles dropped, MIN_LETTERS, dialects folded, MIN_PROBABILITY). Three sets:

- corpus: every message in data/; its language is English unless
  tests/text/corpus_languages.json names another (the 50 that are not, read by hand);
- written: tests/text/language_samples.jsonl, two LinkedIn-style messages in each of the 42
  languages the bot has names for;
- windows: three pieces of 25 to 200 characters cut from each message of both sets (fixed
  seed), the language of the message they come from: short texts are where detectors differ.

Speed is per message of the corpus and, worst case, per 10 KB adversarial input (every shape
of tests/adversarial.py, plain and behind one "İ"), best of three each.

A verdict is right, unsure (None: too short or below MIN_PROBABILITY) or wrong. Unsure costs
little (the bot then writes in English or asks); wrong costs a reply in the wrong language.
Memory is the growth of the resident set
size when the model is loaded and first used, each model in a fresh process. Prints figures,
asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
if sys.path[0] != str(REPO_ROOT):  # `python bench/language.py`: bench/ is not a package root
    sys.path.insert(0, str(REPO_ROOT))

from bot.text import language  # noqa: E402
from tests.adversarial import SHAPES, repeat  # noqa: E402

DATA = REPO_ROOT / "data"
TRUTH = REPO_ROOT / "tests" / "text" / "corpus_languages.json"
WRITTEN = REPO_ROOT / "tests" / "text" / "language_samples.jsonl"
MIB = 1024 * 1024
TRIMMED = "trimmed (shipped)"
FULL = "py3langid 0.4 (full)"

Detector = Callable[[str], "str | None"]


def rss() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    raise SystemExit("bench/language.py reads /proc/self/status: Linux only")


def corpus() -> list[tuple[str, str]]:
    """(language, text) for every message in data/."""
    truth = json.loads(TRUTH.read_text("utf-8"))
    found = []
    for path in sorted([*DATA.glob("*.jsonl"), *DATA.glob("*/*.jsonl")]):
        for line in path.read_text("utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                found.append((truth.get(record["id"], "en"), record["text"]))
    return found


def written() -> list[tuple[str, str]]:
    lines = WRITTEN.read_text("utf-8").splitlines()
    return [(r["language"], r["text"]) for r in map(json.loads, lines) if r]


def windows(items: list[tuple[str, str]]) -> list[tuple[str, str]]:
    rnd = random.Random(0)
    found = []
    for code, text in items:
        for _ in range(3):
            size = rnd.choice((25, 40, 60, 100, 200))
            start = rnd.randrange(max(1, len(text) - size))
            found.append((code, text[start : start + size]))
    return found


def py3langid_detector() -> Detector | None:
    """The full py3langid model behind the same steps as `language.detect`, if installed."""
    try:
        from py3langid.langid import MODEL_FILE, LanguageIdentifier
    except ImportError:
        return None
    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)

    def detect(text: str) -> str | None:
        if not text:
            return None
        cleaned = language._clean(text)
        if sum(c.isalpha() for c in cleaned) < language.MIN_LETTERS:
            return None
        scores: dict[str, float] = {}
        for label, probability in identifier.rank(cleaned):
            code = language._FOLD.get(label, label)
            scores[code] = scores.get(code, 0.0) + float(probability)
        code, probability = max(scores.items(), key=lambda item: item[1])
        return code if probability >= language.MIN_PROBABILITY and len(code) == 2 else None

    return detect


def detectors() -> dict[str, Detector]:
    found: dict[str, Detector] = {TRIMMED: language.detect}
    reference = py3langid_detector()
    if reference is not None:
        found[FULL] = reference
    return found


def score(detect: Detector, items: list[tuple[str, str]]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for code, text in items:
        verdict = detect(text)
        counts["right" if verdict == code else "unsure" if verdict is None else "wrong"] += 1
    return counts


def speed(detect: Detector, texts: list[str]) -> tuple[float, float]:
    """Mean and worst milliseconds per text, best of three runs each."""
    best = [float("inf")] * len(texts)
    for _ in range(3):
        for i, text in enumerate(texts):
            start = time.perf_counter()
            detect(text)
            best[i] = min(best[i], time.perf_counter() - start)
    return sum(best) / len(best) * 1000, max(best) * 1000


def load_cost(name: str) -> None:
    """In a fresh process: RSS growth from loading the model and a first detection."""
    before = rss()
    detect = language.detect if name == TRIMMED else py3langid_detector()
    assert detect is not None
    detect("Hallo Herr Schmidt, ich bin auf Ihr Profil gestoßen und war beeindruckt.")
    print((rss() - before) / MIB)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--load-cost", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.load_cost:
        load_cost(args.load_cost)
        return 0

    the_corpus, the_written = corpus(), written()
    sets = {
        "corpus": the_corpus,
        "written": the_written,
        "windows": windows(the_corpus + the_written),
    }
    other = sum(code != "en" for code, _ in the_corpus)
    print(
        f"language detection: corpus {len(the_corpus)} messages ({other} not English), "
        f"written {len(the_written)} in {len({c for c, _ in the_written})} languages, "
        f"windows {len(sets['windows'])}"
    )
    print(f"{'detector':22} {'set':8} {'right':>6} {'unsure':>6} {'wrong':>6}  accuracy")
    for name, detect in detectors().items():
        for set_name, items in sets.items():
            counts = score(detect, items)
            accuracy = counts["right"] / len(items)
            print(
                f"{name:22} {set_name:8} {counts['right']:6} {counts['unsure']:6} "
                f"{counts['wrong']:6}  {accuracy:7.1%}"
            )
        mean, worst = speed(detect, [text for _, text in the_corpus])
        shapes = [repeat(unit, 10_000) for unit in SHAPES.values()]
        _, adversarial = speed(detect, shapes + ["İ" + text for text in shapes])
        command = [sys.executable, __file__, "--load-cost", name]
        held = float(subprocess.run(command, capture_output=True, text=True, check=True).stdout)
        print(f"{name:22} speed    {mean:.3f} ms mean, {worst:.2f} ms worst per corpus message")
        print(f"{name:22} speed    {adversarial:.2f} ms worst per 10 KB adversarial input")
        print(f"{name:22} memory   {held:.1f} MiB held once loaded (RSS, fresh process)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
