"""Command line: coldshoulder run | draft | assess | eval | demo.

`main(argv)` returns the exit code and never raises for a user's mistake: bad input,
bad settings and unavailable features print one clear message on stderr and return 2.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib.util
import json
import os
import sys
from collections import deque
from collections.abc import AsyncIterator, Callable, Iterator, Sequence
from contextlib import aclosing, contextmanager
from importlib import resources
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from pydantic import ValidationError

from bot import corpus
from bot.cli import reports, wording
from bot.cli.errors import ConfigError, EngineFailure, FileError
from bot.cli.jsonl import STDIN, Record, decode_message, parse_jsonl, read_input
from bot.cli.parser import build_parser
from bot.cli.wording import PROG
from bot.config import Settings
from bot.corpus import Message
from bot.errors import InputError, PromptError
from bot.models import Incoming, Preferences, Tone, Verdict

if TYPE_CHECKING:
    from bot.engine import Engine, OfflineEngine

EXIT_OK = 0
EXIT_FAILURE = 1  # something broke that the user could not have prevented
EXIT_USAGE = 2  # bad arguments, input or settings
DEMO_FILE = "bot/data/demo_messages.jsonl"  # the name error messages give the bundled file


# --------------------------------------------------------------------------- settings, engine


def env_name(field: str) -> str:
    """The environment variable that sets a Settings field."""
    spec = Settings.model_fields.get(field)
    alias = spec.validation_alias if spec is not None else None
    choices = getattr(alias, "choices", None)
    if choices:
        return str(choices[0])
    if field.isupper():
        return field
    return f"COLDSHOULDER_{field.upper()}"


def load_settings() -> Settings:
    try:
        return Settings()
    except ValidationError as exc:
        invalid = [
            (env_name(str(err["loc"][0]) if err["loc"] else "settings"), str(err["msg"]))
            for err in exc.errors()
        ]
        raise ConfigError("invalid", invalid) from None


def offline_engine() -> OfflineEngine:
    """The offline engine: `draft` and `demo` are deterministic and need no network."""
    from bot.engine import make_offline_engine  # imported late: `run` and --help need no engine

    return make_offline_engine(load_settings())


def build_engine(requested: str | None) -> Engine:
    """The engine `assess` and `eval` asked for with --engine: offline unless llm."""
    from bot.engine import make_engine  # imported late, as above

    settings = load_settings()
    if requested == "llm" and not settings.llm_enabled:
        raise ConfigError("llm_needs_key")
    return make_engine(settings, requested or "offline")


def run_batch(engine: Engine, records: Sequence[Record], name: str) -> list[Verdict]:
    """Every record's verdict, in input order (for commands that need them all at once)."""

    async def collect() -> list[Verdict]:
        async with aclosing(verdicts(engine, records, name)) as stream:
            return [verdict async for _, verdict in stream]

    return asyncio.run(collect())


async def verdicts(
    engine: Engine, records: Sequence[Record], name: str
) -> AsyncIterator[tuple[Record, Verdict]]:
    """Each record with its verdict, in input order, as soon as it and those before it are
    done, with progress on stderr. Twice the engine's own concurrency are in flight: model
    calls overlap up to the engine's limit even behind a slow one, and memory stays flat
    however long the input."""
    progress = reports.Progress(len(records), enabled=engine.name != "offline")

    async def one(record: Record) -> Verdict:
        try:
            verdict = await engine.verdict(Incoming(text=record.text, source="cli"), Preferences())
        except Exception as exc:
            raise EngineFailure(name, record.line, engine.name, exc) from exc
        progress.step(fallback=verdict.engine != engine.name)
        return verdict

    window = 2 * engine.concurrency
    pending: deque[tuple[Record, asyncio.Task[Verdict]]] = deque()
    try:
        for record in records:
            pending.append((record, asyncio.ensure_future(one(record))))
            if len(pending) >= window:
                first, task = pending.popleft()
                yield first, await task
        while pending:
            first, task = pending.popleft()
            yield first, await task
    finally:
        for _, task in pending:  # after a failure: the rest of the window is not wanted
            task.cancel()
        await asyncio.gather(*(task for _, task in pending), return_exceptions=True)
        progress.done()
        if hasattr(engine, "aclose"):
            await engine.aclose()


@contextmanager
def output(out_path: str | None) -> Iterator[IO[str]]:
    """stdout, or a temporary file beside OUT that replaces OUT only once the block has
    finished: a failed run leaves no partial file."""
    if out_path is None or out_path == "-":
        yield sys.stdout
        return
    target = Path(out_path)
    tmp = target.with_name(f".{target.name}.tmp")
    try:
        with tmp.open("w", encoding="utf-8") as stream:
            yield stream
        tmp.replace(target)
    except OSError as exc:
        raise FileError(out_path, "unwritable", str(exc.strerror or exc)) from None
    finally:
        tmp.unlink(missing_ok=True)


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


# --------------------------------------------------------------------------- commands


def cmd_draft(args: argparse.Namespace) -> int:
    data, name = read_input(args.file)
    text = decode_message(data, name)
    engine = offline_engine()
    tone = Tone(args.tone) if args.tone else None
    verdict = engine.assess_and_draft(Incoming(text=text, source="cli"), tone=tone)
    out = sys.stdout
    if args.json:
        ident = "-" if name == STDIN else name
        out.write(reports.dump(reports.verdict_record(ident, verdict), pretty=True) + "\n")
    else:
        out.write(
            reports.render_verdict(verdict, reports.Style.for_stream(out), reports.width()) + "\n"
        )
    return EXIT_OK


def cmd_assess(args: argparse.Namespace) -> int:
    data, name = read_input(args.jsonl)
    records = parse_jsonl(data, name)  # the whole input is checked before anything runs
    engine = build_engine(args.engine)

    async def write(out: IO[str]) -> int:
        written = 0
        async with aclosing(verdicts(engine, records, name)) as stream:
            async for record, verdict in stream:
                out.write(reports.dump(reports.verdict_record(record.id, verdict)) + "\n")
                out.flush()  # a reader sees each line as it is ready
                written += 1
        return written

    with output(args.out) as out:
        written = asyncio.run(write(out))
    if args.out and args.out != "-":
        print(wording.wrote(written, args.out), file=sys.stderr)
    return EXIT_OK


def cmd_eval(args: argparse.Namespace) -> int:
    if args.cv:
        return cmd_eval_cv(args)
    data, name = read_input(args.jsonl)
    records = parse_jsonl(data, name, labelled=True)
    engine = build_engine(args.engine)
    verdicts = run_batch(engine, records, name)
    report = {"file": name, "engine": engine.name, **reports.eval_report(records, verdicts)}
    if args.json:
        sys.stdout.write(reports.dump(reports.rounded(report), pretty=True) + "\n")
    else:
        sys.stdout.write(reports.render_eval(report, name, engine.name, args.misses) + "\n")
    return EXIT_OK


def cmd_eval_cv(args: argparse.Namespace) -> int:
    require_train_extra()
    from bot.learning import validate

    messages = read_corpus(args.data)
    predictions = validate.cross_validate(
        messages,
        progress=lambda fold, folds: print(wording.fold_done(fold, folds), file=sys.stderr),
    )
    report = {
        "file": args.data,
        "engine": "offline",
        "cv": {
            "folds": validate.FOLDS,
            "records": len(messages),
            "groups": len({m.group for m in messages}),
        },
        **reports.cv_report(predictions),
        # The drafts of the shipped engine on the same corpus (drafting is not fitted).
        "drafts": corpus_rubric(messages),
    }
    if args.json:
        sys.stdout.write(reports.dump(reports.rounded(report), pretty=True) + "\n")
    else:
        sys.stdout.write(reports.render_eval(report, args.data, "offline", args.misses) + "\n")
    return EXIT_OK


def corpus_rubric(messages: Sequence[Message]) -> dict[str, Any]:
    """The draft rubric of the offline engine's first drafts for every corpus message."""
    records = [Record(line=i, id=m.id, text=m.text) for i, m in enumerate(messages, start=1)]
    verdicts = run_batch(offline_engine(), records, "corpus")
    return reports.draft_rubric([m.text for m in messages], verdicts)


def cmd_train(args: argparse.Namespace) -> int:
    require_train_extra()
    from bot.engine.offline import model
    from bot.learning import train

    messages = read_corpus(args.data)
    target = args.out or str(Path(model.__file__).with_name(model.MODEL_FILE))
    data = train.fit(train.examples(messages))
    try:
        model.write(data, Path(target))
    except OSError as exc:
        raise FileError(target, "unwritable", str(exc.strerror or exc)) from None
    groups = len({m.group for m in messages})
    print(wording.trained(len(messages), groups, target), file=sys.stderr)
    return EXIT_OK


def read_corpus(directory: str) -> list[Message]:
    path = Path(directory)
    if not path.is_dir():
        if not path.exists():
            raise FileError(directory, "missing")
        raise FileError(directory, "unreadable", "not a directory")
    try:
        messages = corpus.load(path)
    except ValueError as exc:
        raise FileError(directory, "unreadable", str(exc)) from None
    if not messages:
        raise FileError(directory, "unreadable", "no labelled records in it")
    return messages


def require_train_extra() -> None:
    """bot.learning needs scikit-learn, which only the train extra installs."""
    if importlib.util.find_spec("sklearn") is None:
        raise ConfigError("needs_train_extra")


def cmd_demo(args: argparse.Namespace) -> int:
    records, titles = demo_messages()
    verdicts = run_batch(offline_engine(), records, DEMO_FILE)
    out = sys.stdout
    style = reports.Style.for_stream(out)
    out.write(reports.render_demo(records, titles, verdicts, style, reports.width()))
    return EXIT_OK


def cmd_run(args: argparse.Namespace) -> int:
    settings = load_settings()
    if settings.telegram_bot_token is None or not settings.telegram_bot_token.get_secret_value():
        raise ConfigError("no_token")
    if settings.webhook_url and not (
        settings.webhook_secret and settings.webhook_secret.get_secret_value()
    ):
        raise ConfigError("webhook_needs_secret")
    from bot.logs import setup_logging  # imported late: the bot's stack loads only for `run`
    from bot.telegram.app import run

    secrets = [settings.telegram_bot_token, settings.openai_api_key, settings.webhook_secret]
    setup_logging([s.get_secret_value() for s in secrets if s is not None])
    run(settings)
    return EXIT_OK


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "run": cmd_run,
    "draft": cmd_draft,
    "assess": cmd_assess,
    "eval": cmd_eval,
    "train": cmd_train,
    "demo": cmd_demo,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; returns the exit code."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version, or a usage error (already printed)
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    try:
        return COMMANDS[args.command](args)
    except (InputError, ConfigError, PromptError) as exc:
        print(f"{PROG}: {wording.describe(exc)}", file=sys.stderr)
        return EXIT_USAGE
    except EngineFailure as exc:
        print(f"{PROG}: {wording.describe(exc)}", file=sys.stderr)
        return EXIT_FAILURE
    except BrokenPipeError:
        # `coldshoulder assess ... | head`: the reader left; that is not an error.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except KeyboardInterrupt:
        return 130
