"""Reading the CLI's input: one message from a file or stdin, or a JSONL batch.

A batch is validated in full before anything runs, so a bad file produces a list of its
bad lines and no partial output.
"""

from __future__ import annotations

import codecs
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.cli import wording
from bot.cli.errors import (
    BadLine,
    BadLines,
    EmptyMessage,
    FileError,
    JsonType,
    NoMessages,
    NotUtf8,
    Problem,
)
from bot.models import Category

CATEGORIES = tuple(c.value for c in Category)
STDIN = "<stdin>"  # the name messages give standard input


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
        raise FileError(STDIN, "no_stdin")
    if stream.isatty():
        print(wording.PASTE_PROMPT, file=sys.stderr)
    buffer = getattr(stream, "buffer", None)
    if buffer is not None:
        return buffer.read()
    return stream.read().encode("utf-8")


def read_input(path: str | None) -> tuple[bytes, str]:
    """The bytes of FILE, or of stdin for None or "-", and the name to use in messages."""
    if path is None or path == "-":
        return _stdin_bytes(), STDIN
    try:
        return Path(path).read_bytes(), path
    except FileNotFoundError:
        raise FileError(path, "missing") from None
    except IsADirectoryError:
        raise FileError(path, "directory") from None
    except OSError as exc:
        raise FileError(path, "unreadable", str(exc.strerror or exc)) from None


def decode_message(data: bytes, name: str) -> str:
    """One message from raw bytes: strict UTF-8 (a BOM is allowed), not blank."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - data.rfind(b"\n", 0, exc.start)
        raise NotUtf8(name, line, column, data[exc.start]) from None
    if not text.strip():
        raise EmptyMessage(name)
    return text.strip()


def json_type(value: object) -> JsonType:
    """The JSON name of a value json.loads returned."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    return "array" if isinstance(value, list) else "object"


def line_problems(obj: object, *, labelled: bool) -> list[Problem]:
    """Everything wrong with one parsed line (all of it, not only the first problem)."""
    if not isinstance(obj, dict):
        return [Problem("not_object", got=json_type(obj))]
    problems: list[Problem] = []
    text = obj.get("text")
    if "text" not in obj:
        problems.append(Problem("missing", field="text"))
    elif not isinstance(text, str):
        problems.append(Problem("wrong_type", field="text", got=json_type(text)))
    elif not text.strip():
        problems.append(Problem("empty", field="text"))
    if "id" in obj:
        ident = obj["id"]
        if isinstance(ident, bool) or not isinstance(ident, str | int):
            problems.append(Problem("wrong_type", field="id", got=json_type(ident)))
        elif str(ident).strip() == "":
            problems.append(Problem("empty", field="id"))
    if labelled:
        label = obj.get("label")
        if "label" not in obj:
            problems.append(Problem("missing", field="label"))
        elif not isinstance(label, str):
            problems.append(Problem("wrong_type", field="label", got=json_type(label)))
        elif label not in CATEGORIES:
            problems.append(Problem("unknown_label", value=label))
        generic = obj.get("generic")
        if generic is not None and not isinstance(generic, bool):
            problems.append(Problem("wrong_type", field="generic", got=json_type(generic)))
    return problems


def parse_jsonl(data: bytes, name: str, *, labelled: bool = False) -> list[Record]:
    """Every record of a JSONL file, or BadLines listing every bad line.

    Blank lines are skipped; everything else must be a JSON object with a non-empty
    string "text" (and, when labelled, a known "label"). A missing "id" becomes the
    1-based line number.
    """
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    bad: list[BadLine] = []
    records: list[Record] = []
    seen_ids: dict[str, int] = {}
    for number, raw in enumerate(data.split(b"\n"), start=1):
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            problem = Problem("not_utf8", value=raw[exc.start], column=exc.start + 1)
            bad.append(BadLine(number, (problem,)))
            continue
        if not line.strip():
            continue
        try:
            obj: Any = json.loads(line)
        except json.JSONDecodeError as exc:
            bad.append(BadLine(number, (Problem("not_json", value=exc.msg, column=exc.colno),)))
            continue
        problems = line_problems(obj, labelled=labelled)
        if problems:
            bad.append(BadLine(number, tuple(problems)))
            continue
        ident = str(obj["id"]).strip() if "id" in obj else str(number)
        if ident in seen_ids:
            repeated = Problem("repeated_id", value=ident, other_line=seen_ids[ident])
            bad.append(BadLine(number, (repeated,)))
            continue
        seen_ids[ident] = number
        label, generic = obj.get("label"), obj.get("generic")
        records.append(
            Record(
                line=number,
                id=ident,
                text=obj["text"],
                label=label if isinstance(label, str) else None,
                generic=generic if isinstance(generic, bool) else None,
            )
        )
    if bad:
        raise BadLines(name, bad)
    if not records:
        raise NoMessages(name, empty=not data.strip())
    return records
