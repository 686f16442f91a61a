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

from bot.errors import InputError
from bot.models import Category

MAX_REPORTED = 20  # bad lines listed before "... and N more"
CATEGORIES = tuple(c.value for c in Category)


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
