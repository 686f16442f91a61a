"""Command line: coldshoulder run | draft | assess | eval | demo.

`main(argv)` returns the exit code and never raises for a user's mistake: bad input,
bad settings and unavailable features print one clear message on stderr and return 2.
Batch input is validated in full before anything runs, so a bad file produces a list of
its bad lines and no partial output.
"""

from __future__ import annotations

import argparse
import asyncio
import codecs
import json
import os
import shutil
import sys
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, ClassVar

from pydantic import ValidationError

from bot import __version__, evaluation
from bot.config import Settings
from bot.errors import ColdShoulderError, InputError, PromptError
from bot.models import Category, Incoming, Preferences, Tone, Verdict

if TYPE_CHECKING:
    from bot.engine import Engine, OfflineEngine

PROG = "coldshoulder"
EXIT_OK = 0
EXIT_FAILURE = 1  # something broke that the user could not have prevented
EXIT_USAGE = 2  # bad arguments, input or settings
MAX_REPORTED = 20  # bad lines listed before "... and N more"
ENGINES = ("offline", "llm")
CATEGORIES = tuple(c.value for c in Category)
TONES = tuple(t.value for t in Tone)


class ConfigError(ColdShoulderError):
    """Settings from the environment or .env do not validate."""


class EngineFailure(ColdShoulderError):
    """The engine raised on one message of a batch."""


# --------------------------------------------------------------------------- input


@dataclass(frozen=True)
class Record:
    """One usable line of a JSONL file."""

    line: int
    id: str
    text: str
    label: str | None = None
    generic: bool | None = None


def _stdin_bytes() -> bytes:
    stream = sys.stdin
    if stream is None:
        raise InputError("<stdin>: no standard input to read from")
    if stream.isatty():
        print("Paste the message, then press Ctrl-D on a new line.", file=sys.stderr)
    buffer = getattr(stream, "buffer", None)
    if buffer is not None:
        return buffer.read()
    return stream.read().encode("utf-8")


def read_input(path: str | None) -> tuple[bytes, str]:
    """The bytes of FILE, or of stdin for None or "-", and the name to use in messages."""
    if path is None or path == "-":
        return _stdin_bytes(), "<stdin>"
    try:
        return Path(path).read_bytes(), path
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory, not a file") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None


def _utf8_error(data: bytes, exc: UnicodeDecodeError, name: str, line_offset: int = 0) -> str:
    line = line_offset + data.count(b"\n", 0, exc.start) + 1
    column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
    return (
        f"{name}:{line}: not UTF-8 text (byte 0x{data[exc.start]:02x} at column {column}); "
        "save the file as UTF-8"
    )


def decode_message(data: bytes, name: str) -> str:
    """One message from raw bytes: strict UTF-8 (a BOM is allowed), not blank."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(_utf8_error(data, exc, name)) from None
    if not text.strip():
        what = "no message on stdin" if name == "<stdin>" else "the file is empty"
        raise InputError(f"{name}: {what}; nothing to assess")
    return text.strip()


def _json_type(value: object) -> str:
    if value is None:
        return "null"
    return {
        bool: "a boolean",
        int: "a number",
        float: "a number",
        str: "a string",
        list: "a list",
        dict: "an object",
    }.get(type(value), type(value).__name__)


def _line_problems(
    obj: object, *, labelled: bool
) -> tuple[list[str], str | None, str | None, bool | None]:
    """What is wrong with one parsed line, plus its text, label and generic flag."""
    if not isinstance(obj, dict):
        return (
            [f'expected a JSON object like {{"text": "..."}}, got {_json_type(obj)}'],
            None,
            None,
            None,
        )
    problems: list[str] = []
    text = obj.get("text")
    if "text" not in obj:
        problems.append('missing "text"')
    elif not isinstance(text, str):
        problems.append(f'"text" must be a string, got {_json_type(text)}')
    elif not text.strip():
        problems.append('"text" is empty')
    if "id" in obj:
        ident = obj["id"]
        if isinstance(ident, bool) or not isinstance(ident, str | int):
            problems.append(f'"id" must be a string or a whole number, got {_json_type(ident)}')
        elif str(ident).strip() == "":
            problems.append('"id" is empty')
    label = obj.get("label")
    if labelled:
        if "label" not in obj:
            problems.append('missing "label"')
        elif not isinstance(label, str):
            problems.append(f'"label" must be a string, got {_json_type(label)}')
        elif label not in CATEGORIES:
            problems.append(f"unknown label {label!r} (expected one of: {', '.join(CATEGORIES)})")
    generic = obj.get("generic")
    if labelled and generic is not None and not isinstance(generic, bool):
        problems.append(f'"generic" must be true or false, got {_json_type(generic)}')
    return (
        problems,
        text if isinstance(text, str) else None,
        label if isinstance(label, str) else None,
        generic if isinstance(generic, bool) else None,
    )


def parse_jsonl(data: bytes, name: str, *, labelled: bool = False) -> list[Record]:
    """Every record of a JSONL file, or InputError listing every bad line.

    Blank lines are skipped; everything else must be a JSON object with a non-empty
    string "text" (and, when labelled, a known "label"). A missing "id" becomes the
    1-based line number.
    """
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    problems: list[str] = []
    records: list[Record] = []
    seen_ids: dict[str, int] = {}
    for number, raw in enumerate(data.split(b"\n"), start=1):
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            problems.append(_utf8_error(raw, exc, name, line_offset=number - 1))
            continue
        if not line.strip():
            continue
        try:
            obj: Any = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(f"{name}:{number}: not valid JSON ({exc.msg} at column {exc.colno})")
            continue
        line_problems, text, label, generic = _line_problems(obj, labelled=labelled)
        ident = str(obj["id"]).strip() if isinstance(obj, dict) and "id" in obj else str(number)
        if not line_problems and ident in seen_ids:
            line_problems.append(f"id {ident!r} repeats the id on line {seen_ids[ident]}")
        if line_problems:
            problems.append(f"{name}:{number}: {'; '.join(line_problems)}")
            continue
        seen_ids[ident] = number
        assert text is not None
        records.append(Record(line=number, id=ident, text=text, label=label, generic=generic))
    if problems:
        shown = problems[:MAX_REPORTED]
        more = len(problems) - len(shown)
        lines = [f"{name}: {len(problems)} bad line(s); nothing was processed:"]
        lines += [f"  {p}" for p in shown]
        if more:
            lines.append(f"  ... and {more} more")
        raise InputError("\n".join(lines))
    if not records:
        what = "is empty" if not data.strip() else "has only blank lines"
        raise InputError(f"{name}: no messages (the input {what})")
    return records


# --------------------------------------------------------------------------- settings, engine


def _env_name(field: str) -> str:
    spec = Settings.model_fields.get(field)
    alias = spec.validation_alias if spec is not None else None
    choices = getattr(alias, "choices", None)
    if choices:
        return str(choices[0])
    if field.isupper():
        return field
    return f"COLDSHOULDER_{field.upper()}"


def describe_settings_error(exc: ValidationError) -> str:
    """One paragraph naming each bad variable; never echoes a secret."""
    parts = []
    for err in exc.errors():
        field = str(err["loc"][0]) if err["loc"] else "settings"
        env = _env_name(field)
        msg = str(err["msg"]).removeprefix("Value error, ")
        if not msg.startswith(env):
            msg = f"{env}: {msg[:1].lower()}{msg[1:]}"
        parts.append(msg.rstrip("."))
    return (
        "configuration error: "
        + "; ".join(parts)
        + ". Fix the variable in the environment or in .env (see deploy/.env.example)."
    )


def load_settings() -> Settings:
    try:
        return Settings()
    except ValidationError as exc:
        raise ConfigError(describe_settings_error(exc)) from None


def offline_engine() -> OfflineEngine:
    """The offline engine: `draft` and `demo` are deterministic and need no network."""
    from bot.engine import make_offline_engine  # imported late: `run` and --help need no engine

    return make_offline_engine(load_settings())


def build_engine(requested: str | None) -> Engine:
    """The engine `assess` and `eval` asked for with --engine: offline unless llm."""
    from bot.engine import make_engine  # imported late, as above

    settings = load_settings()
    if requested == "llm" and not settings.llm_enabled:
        raise ConfigError(
            "--engine llm needs OPENAI_API_KEY (and OPENAI_BASE_URL for a server other than "
            "OpenAI's); see deploy/.env.example"
        )
    return make_engine(settings, requested or "offline")


def verdict_record(ident: str, verdict: Verdict) -> dict[str, Any]:
    """The contract's per-message output object (assess lines, draft --json)."""
    a = verdict.assessment
    return {
        "id": ident,
        "category": a.category.value,
        "confidence": round(a.confidence, 3),
        "signals": [{"signal": s.signal, "quote": s.quote} for s in a.signals],
        "generic": a.generic,
        "sender_name": a.sender_name,
        "draft": verdict.draft.text,
        "tone": verdict.draft.tone.value,
        "engine": verdict.engine,
    }


def run_batch(engine: Engine, records: Sequence[Record], name: str) -> list[Verdict]:
    """Every record through the engine, in input order; model calls overlap up to the
    engine's own concurrency limit, with progress on stderr."""
    return asyncio.run(_run_batch(engine, records, name))


async def _run_batch(engine: Engine, records: Sequence[Record], name: str) -> list[Verdict]:
    progress = Progress(len(records), enabled=engine.name != "offline")

    async def one(record: Record) -> Verdict:
        try:
            verdict = await engine.verdict(Incoming(text=record.text, source="cli"), Preferences())
        except Exception as exc:
            raise EngineFailure(
                f"{name}:{record.line}: the {engine.name} engine failed on this message "
                f"({type(exc).__name__}: {exc})"
            ) from exc
        progress.step(fallback=verdict.engine != engine.name)
        return verdict

    try:
        # Offline verdicts are synchronous, so gather runs them one by one; LLM calls overlap.
        return list(await asyncio.gather(*(one(r) for r in records)))
    finally:
        progress.done()
        if hasattr(engine, "aclose"):
            await engine.aclose()


class Progress:
    """A one-line progress bar on stderr (redrawn on a terminal, else a final summary)."""

    def __init__(self, total: int, enabled: bool, stream: IO[str] | None = None):
        self.total, self.enabled = total, enabled
        self.stream = stream or sys.stderr
        self.count = self.fallbacks = 0
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())

    def step(self, fallback: bool) -> None:
        self.count += 1
        self.fallbacks += fallback
        if self.enabled and self.tty:
            filled = 30 * self.count // max(self.total, 1)
            bar = "#" * filled + "." * (30 - filled)
            self.stream.write(f"\r[{bar}] {self.count}/{self.total}")
            self.stream.flush()

    def done(self) -> None:
        if not self.enabled:
            return
        if self.tty:
            self.stream.write("\n")
        note = f", {self.fallbacks} answered offline (model unavailable)" if self.fallbacks else ""
        self.stream.write(f"{PROG}: {self.count}/{self.total} messages assessed{note}\n")


# --------------------------------------------------------------------------- presentation


class Style:
    """ANSI styling, on only for a terminal and only when NO_COLOR is not set."""

    CODES: ClassVar[dict[str, str]] = {
        "bold": "1",
        "dim": "2",
        "red": "31",
        "green": "32",
        "yellow": "33",
        "cyan": "36",
    }
    CATEGORY_COLOUR: ClassVar[dict[Category, str]] = {
        Category.genuine: "green",
        Category.scam: "red",
    }

    def __init__(self, enabled: bool):
        self.enabled = enabled

    @classmethod
    def for_stream(cls, stream: IO[str]) -> Style:
        isatty = getattr(stream, "isatty", None)
        tty = bool(isatty and isatty())
        return cls(tty and not os.environ.get("NO_COLOR"))

    def __call__(self, text: str, *names: str) -> str:
        if not self.enabled or not names:
            return text
        codes = ";".join(self.CODES[n] for n in names)
        return f"\033[{codes}m{text}\033[0m"

    def category(self, category: Category, text: str) -> str:
        return self(text, "bold", self.CATEGORY_COLOUR.get(category, "yellow"))


def _width() -> int:
    return max(50, min(shutil.get_terminal_size((100, 24)).columns, 100))


def _clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _indent_block(text: str, prefix: str, width: int) -> str:
    out = []
    for line in text.splitlines():
        if not line.strip():
            out.append(prefix.rstrip())
            continue
        out.append(
            textwrap.fill(
                line,
                width=width,
                initial_indent=prefix,
                subsequent_indent=prefix,
                break_long_words=False,
                break_on_hyphens=False,
            )
        )
    return "\n".join(out)


def render_verdict(verdict: Verdict, style: Style, width: int) -> str:
    """The verdict, the evidence and the draft, for a person."""
    a = verdict.assessment
    label = a.category.label.capitalize()
    lines = [
        f"{style('Verdict', 'bold')}  {style.category(a.category, label)}"
        f"  {style(f'({a.category.value}, confidence {a.confidence:.2f})', 'dim')}",
    ]
    if a.category.is_cold:
        generic = "yes, reads like a mass template" if a.generic else "no, written for you"
        lines.append(f"{style('Generic', 'bold')}  {generic}")
    lines.append(f"{style('Sender ', 'bold')}  {a.sender_name or style('unknown', 'dim')}")
    lines.append(style("Why", "bold"))
    if not a.signals:
        lines.append(style("  (no signals: nothing in the message stood out)", "dim"))
    for signal in a.signals:
        name = signal.signal.replace("_", " ")
        if signal.quote:
            quote = _clip(signal.quote, max(30, width - len(name) - 10))
            lines.append(f"  • {name}: {style('“' + quote + '”', 'cyan')}")
        else:
            lines.append(f"  • {name}")
    if verdict.note:
        lines.append(style(f"Note: {verdict.note}", "dim"))
    lines.append(f"{style('Draft', 'bold')}  {style(f'tone: {verdict.draft.tone.value}', 'dim')}")
    lines.append(_indent_block(verdict.draft.text, "    ", width))
    return "\n".join(lines)


def _dump(obj: object, *, pretty: bool = False) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=2 if pretty else None)


# --------------------------------------------------------------------------- commands


def cmd_draft(args: argparse.Namespace) -> int:
    data, name = read_input(args.file)
    text = decode_message(data, name)
    engine = offline_engine()
    tone = Tone(args.tone) if args.tone else None
    verdict = engine.assess_and_draft(Incoming(text=text, source="cli"), tone=tone)
    out = sys.stdout
    if args.json:
        ident = "-" if name == "<stdin>" else name
        out.write(_dump(verdict_record(ident, verdict), pretty=True) + "\n")
    else:
        out.write(render_verdict(verdict, Style.for_stream(out), _width()) + "\n")
    return EXIT_OK


def _write_output(lines: list[str], out_path: str | None) -> None:
    payload = "".join(line + "\n" for line in lines)
    if out_path is None or out_path == "-":
        sys.stdout.write(payload)
        return
    target = Path(out_path)
    tmp = target.with_name(f".{target.name}.tmp")
    try:
        tmp.write_text(payload, encoding="utf-8")
        tmp.replace(target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise InputError(f"{out_path}: cannot write ({exc.strerror or exc})") from None


def cmd_assess(args: argparse.Namespace) -> int:
    data, name = read_input(args.jsonl)
    records = parse_jsonl(data, name)
    engine = build_engine(args.engine)
    verdicts = run_batch(engine, records, name)
    lines = [_dump(verdict_record(r.id, v)) for r, v in zip(records, verdicts, strict=True)]
    _write_output(lines, args.out)
    if args.out and args.out != "-":
        print(f"{PROG}: wrote {len(lines)} verdict(s) to {args.out}", file=sys.stderr)
    return EXIT_OK


def evaluate(records: Sequence[Record], verdicts: Sequence[Verdict]) -> dict[str, Any]:
    """The eval report as plain data (the --json object); the figures come from
    bot.evaluation, this adds which lines were wrong."""
    y_true = [r.label for r in records if r.label is not None]
    predicted = [v.assessment for v in verdicts]
    flagged = [
        (r.generic, a.generic)
        for r, a in zip(records, predicted, strict=True)
        if r.generic is not None
    ]
    return {
        **evaluation.summary(
            y_true, [a.category.value for a in predicted], [a.confidence for a in predicted]
        ),
        "generic": evaluation.flag_scores([t for t, _ in flagged], [p for _, p in flagged]),
        "misclassified": [
            {
                "id": r.id,
                "line": r.line,
                "label": r.label,
                "predicted": a.category.value,
                "confidence": round(a.confidence, 3),
            }
            for r, a in zip(records, predicted, strict=True)
            if r.label != a.category.value
        ],
    }


def _rounded(obj: Any, places: int = 4) -> Any:
    if isinstance(obj, float):
        return round(obj, places)
    if isinstance(obj, dict):
        return {k: _rounded(v, places) for k, v in obj.items()}
    if isinstance(obj, list):
        return [_rounded(v, places) for v in obj]
    return obj


SHORT = {
    "sales_pitch": "sales",
    "favor_request": "favor",
    "meeting_request": "meeting",
    "recruiting": "recruit",
    "scam": "scam",
    "genuine": "genuine",
}


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.1%}"


def render_eval(report: dict[str, Any], name: str, engine: str, show_misses: bool) -> str:
    n = report["n"]
    labels = report["labels"]
    out = [f"Evaluated {n} message(s) from {name} with the {engine} engine", ""]
    out.append(f"{'category':<17}{'precision':>10}{'recall':>8}{'F1':>7}{'support':>9}")
    for label, s in report["per_category"].items():
        out.append(
            f"{label:<17}{s['precision']:>10.3f}{s['recall']:>8.3f}{s['f1']:>7.3f}{s['support']:>9}"
        )
    out.append("")
    correct = round(report["accuracy"] * n)
    out.append(f"accuracy             {report['accuracy']:.3f}  ({correct} of {n})")
    out.append(
        f"macro-F1             {report['macro_f1']:.3f}  "
        f"(over {len(report['macro_over'])} categories present)"
    )
    support = report["per_category"]["genuine"]["support"]
    g = report["genuine_as_cold"]
    g_count = f"  ({round(g * support)} of {support} genuine)" if g is not None else ""
    out.append(f"genuine called cold  {_pct(g)}{g_count}  <- the costly mistake")
    out.append(f"cold called genuine  {_pct(report['cold_as_genuine'])}")
    if report["generic"]:
        gen = report["generic"]
        out.append(
            f"generic flag         accuracy {gen['accuracy']:.3f}, precision "
            f"{gen['precision']:.3f}, recall {gen['recall']:.3f} (n={gen['n']})"
        )
    out += ["", "Confusion (rows: true label, columns: predicted)"]
    out.append(" " * 17 + "".join(f"{SHORT.get(lb, lb)[:8]:>9}" for lb in labels))
    for true in labels:
        row = report["confusion"][true]
        out.append(f"{true:<17}" + "".join(f"{row[p] or '.':>9}" for p in labels))
    out += ["", "Calibration (does the confidence mean what it says?)"]
    out.append(f"{'confidence':<13}{'n':>5}{'accuracy':>10}{'mean conf':>11}")
    for band in report["calibration"]["bands"]:
        acc = "-" if band["accuracy"] is None else f"{band['accuracy']:.3f}"
        mean = "-" if band["mean_confidence"] is None else f"{band['mean_confidence']:.3f}"
        out.append(f"{band['band']:<13}{band['n']:>5}{acc:>10}{mean:>11}")
    out.append(f"expected calibration error (ECE) {report['calibration']['ece']:.3f}")
    misses = report["misclassified"]
    if show_misses and misses:
        out += ["", f"Misclassified ({len(misses)})"]
        for m in misses:
            out.append(
                f"  {name}:{m['line']}  id={m['id']}  {m['label']} -> {m['predicted']}"
                f"  ({m['confidence']:.2f})"
            )
    elif misses:
        out += ["", f"{len(misses)} misclassified; --misses lists them"]
    return "\n".join(out)


def cmd_eval(args: argparse.Namespace) -> int:
    data, name = read_input(args.jsonl)
    records = parse_jsonl(data, name, labelled=True)
    engine = build_engine(args.engine)
    verdicts = run_batch(engine, records, name)
    report = evaluate(records, verdicts)
    report = {"file": name, "engine": engine.name, **report}
    if args.json:
        sys.stdout.write(_dump(_rounded(report), pretty=True) + "\n")
    else:
        sys.stdout.write(render_eval(report, name, engine.name, args.misses) + "\n")
    return EXIT_OK


DEMO_FILE = "bot/data/demo_messages.jsonl"


def demo_messages() -> tuple[list[Record], dict[str, str]]:
    """The bundled examples and their titles (id -> title)."""
    data = (resources.files("bot") / "data" / "demo_messages.jsonl").read_bytes()
    records = parse_jsonl(data, DEMO_FILE)
    titles = {}
    for line in data.decode("utf-8").splitlines():
        if line.strip():
            obj = json.loads(line)
            titles[str(obj.get("id", ""))] = str(obj.get("title") or "")
    return records, titles


def cmd_demo(args: argparse.Namespace) -> int:
    records, titles = demo_messages()
    engine = offline_engine()
    out = sys.stdout
    style = Style.for_stream(out)
    width = _width()
    rule = style("─" * width, "dim")
    out.write(
        style("Cold Shoulder", "bold")
        + f" · offline engine · {len(records)} example messages\n"
        + style("Thank you for my interest. Connecting is not permission to sell.", "dim")
        + "\n"
    )
    for i, (record, verdict) in enumerate(
        zip(records, run_batch(engine, records, DEMO_FILE), strict=True), start=1
    ):
        out.write(f"\n{rule}\n")
        out.write(
            style(f"{i}/{len(records)}  {titles.get(record.id) or record.id}", "bold") + "\n\n"
        )
        out.write(style(_indent_block(record.text, "  │ ", width), "dim") + "\n\n")
        out.write(render_verdict(verdict, style, width) + "\n")
    out.write(f"\n{rule}\n")
    out.write("Try your own: coldshoulder draft message.txt  (or paste: coldshoulder draft -)\n")
    return EXIT_OK


def cmd_run(args: argparse.Namespace) -> int:
    settings = load_settings()
    if settings.telegram_bot_token is None or not settings.telegram_bot_token.get_secret_value():
        raise ConfigError(
            "TELEGRAM_BOT_TOKEN is not set. Create a bot with @BotFather and put its token in "
            "the environment or in .env (see deploy/.env.example)."
        )
    if settings.webhook_url and not (
        settings.webhook_secret and settings.webhook_secret.get_secret_value()
    ):
        raise ConfigError(
            "webhook mode needs COLDSHOULDER_WEBHOOK_SECRET: a long random string (A-Z, a-z, "
            "0-9, _ and -) that Telegram sends with every update, e.g. `openssl rand -hex 32`"
        )
    from bot.logs import setup_logging  # imported late: the bot's stack loads only for `run`
    from bot.telegram.app import run

    secrets = [settings.telegram_bot_token, settings.openai_api_key, settings.webhook_secret]
    setup_logging([s.get_secret_value() for s in secrets if s is not None])
    run(settings)
    return EXIT_OK


# --------------------------------------------------------------------------- parser


def build_parser() -> argparse.ArgumentParser:
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

    p = sub.add_parser("run", help="start the Telegram bot (long polling)")
    p.set_defaults(func=cmd_run)

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
    p.set_defaults(func=cmd_draft)

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
    p.add_argument("--jsonl", required=True, metavar="IN", help=jsonl_help)
    p.add_argument("--out", metavar="OUT", help="write the results here (default: stdout)")
    p.add_argument("--engine", choices=ENGINES, help=engine_help)
    p.set_defaults(func=cmd_assess)

    p = sub.add_parser(
        "eval",
        help="score the classifier on a labelled JSONL file",
        description=(
            "Score the classifier on a labelled JSONL file: per-category precision, recall "
            "and F1, macro-F1, accuracy, confusion matrix, genuine messages called cold, "
            "and calibration per confidence band with the expected calibration error."
        ),
    )
    p.add_argument(
        "--jsonl",
        required=True,
        metavar="FILE",
        help=jsonl_help.replace('"text"', '"text" and a "label" (one of the six categories)'),
    )
    p.add_argument("--engine", choices=ENGINES, help=engine_help)
    p.add_argument("--json", action="store_true", help="print one JSON object instead of tables")
    p.add_argument("--misses", action="store_true", help="list every misclassified message")
    p.set_defaults(func=cmd_eval)

    p = sub.add_parser("demo", help="show verdicts and drafts for bundled example messages")
    p.set_defaults(func=cmd_demo)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; returns the exit code."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version, or a usage error (already printed)
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    try:
        return int(args.func(args))
    except (InputError, ConfigError, PromptError) as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except EngineFailure as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return EXIT_FAILURE
    except BrokenPipeError:
        # `coldshoulder assess ... | head`: the reader left; that is not an error.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except KeyboardInterrupt:
        return 130
