"""The argument parser: every command, option and help text of `coldshoulder`."""

from __future__ import annotations

import argparse

from bot import __version__
from bot.cli.wording import PROG
from bot.models import Tone

ENGINES = ("offline", "llm")
DATA_DIR = "data"
TONES = tuple(t.value for t in Tone)


def build_parser() -> argparse.ArgumentParser:
    """The parser; `args.command` names the command to run."""
    parser = argparse.ArgumentParser(
        prog=PROG,
        description=(
            "Recognise cold 'connect, then pitch' messages and draft polite, pointed replies. "
            "Everything here runs offline: no network, no keys."
        ),
        epilog="Exit codes: 0 ok, 1 internal failure, 2 bad arguments, input or settings.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    sub.add_parser("run", help="start the Telegram bot (long polling)")

    p = sub.add_parser(
        "draft",
        help="assess one message and draft a reply",
        description="Assess one message and print the verdict, the evidence and a draft reply.",
    )
    p.add_argument(
        "file",
        nargs="?",
        metavar="FILE|-",
        help="the message as a UTF-8 text file; - or none: stdin",
    )
    p.add_argument(
        "--tone",
        choices=TONES,
        help="tone of the draft (default: pointed for cold messages, warm for genuine ones)",
    )
    p.add_argument("--json", action="store_true", help="print one JSON object instead")

    jsonl_help = (
        'JSON Lines, one object per line with a string "text" and an optional "id" '
        "(default: the line number); blank lines are skipped; - reads stdin"
    )
    p = sub.add_parser(
        "assess",
        help="assess and draft a JSONL batch",
        description=(
            "Assess every message of a JSONL file. Each output line has id, category, "
            "confidence, signals, generic, sender_name, draft, tone and engine. The whole "
            "file is checked first: any bad line stops the run before any output."
        ),
    )
    engine_help = "offline (default), or llm (needs OPENAI_API_KEY)"
    data_help = "the corpus: a clone's data/ (*.jsonl and corpus/*.jsonl; default: %(default)s)"
    p.add_argument("--jsonl", required=True, metavar="IN", help=jsonl_help)
    p.add_argument("--out", metavar="OUT", help="write the results here (default: stdout)")
    p.add_argument("--engine", choices=ENGINES, help=engine_help)

    p = sub.add_parser(
        "eval",
        help="score the classifier on a labelled JSONL file, or cross-validate it (--cv)",
        description=(
            "Score the classifier on a labelled JSONL file: per-category precision, recall "
            "and F1, macro-F1, accuracy, confusion matrix, genuine messages called cold, "
            "cold messages called genuine, the share marked uncertain, and calibration per "
            "confidence band with the expected calibration error. With --cv: grouped "
            "cross-validation of the offline classifier on the corpus instead (needs the "
            "train extra)."
        ),
    )
    source = p.add_mutually_exclusive_group(required=True)
    source.add_argument(
        "--jsonl",
        metavar="FILE",
        help=jsonl_help.replace('"text"', '"text" and a "label" (one of the six categories)'),
    )
    source.add_argument(
        "--cv",
        action="store_true",
        help="cross-validate on the corpus: 10 folds, a source's records never split",
    )
    p.add_argument("--data", default=DATA_DIR, metavar="DIR", help=data_help)
    p.add_argument("--engine", choices=ENGINES, help=engine_help)
    p.add_argument("--json", action="store_true", help="print one JSON object instead of tables")
    p.add_argument("--misses", action="store_true", help="list every misclassified message")

    p = sub.add_parser(
        "train",
        help="fit the offline classifier from the corpus",
        description=(
            "Fit the offline classifier from the labelled corpus and write the model file the "
            "package ships. Deterministic: the same corpus gives the same file. Needs the "
            "train extra (pip install 'coldshoulder[train]')."
        ),
    )
    p.add_argument("--data", default=DATA_DIR, metavar="DIR", help=data_help)
    p.add_argument(
        "--out",
        metavar="FILE",
        help="where to write the model (default: the package's own, bot/engine/offline/)",
    )

    sub.add_parser("demo", help="show verdicts and drafts for bundled example messages")
    return parser
