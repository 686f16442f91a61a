"""What can go wrong in a command, as data. `wording.describe` turns each into the line
the user reads, so the sentences live in one place and tests can check the facts."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from bot.errors import ColdShoulderError, InputError

ProblemKind = Literal[
    "not_utf8",  # value: the first bad byte, column: where
    "not_json",  # value: the JSON parser's message, column: where
    "not_object",  # got: the JSON type the line holds instead
    "missing",  # field
    "wrong_type",  # field, got
    "empty",  # field
    "unknown_label",  # value: the label
    "repeated_id",  # value: the id, other_line: where it first appeared
]
JsonType = Literal["null", "boolean", "number", "string", "array", "object"]
FileReason = Literal["no_stdin", "missing", "directory", "unreadable", "unwritable"]
ConfigProblem = Literal[
    "invalid", "llm_needs_key", "no_token", "webhook_needs_secret", "needs_train_extra"
]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one line of a JSONL file."""

    kind: ProblemKind
    field: str | None = None
    got: JsonType | None = None
    value: str | int | None = None
    column: int | None = None
    other_line: int | None = None


@dataclass(frozen=True)
class BadLine:
    line: int  # 1-based
    problems: tuple[Problem, ...]


class FileError(InputError):
    """A file (or stdin) cannot be read or written; `detail` is the operating system's
    reason for "unreadable" and "unwritable"."""

    def __init__(self, name: str, reason: FileReason, detail: str = ""):
        self.name, self.reason, self.detail = name, reason, detail
        super().__init__(name, reason, detail)


class NotUtf8(InputError):
    """A single message is not UTF-8 text."""

    def __init__(self, name: str, line: int, column: int, byte: int):
        self.name, self.line, self.column, self.byte = name, line, column, byte
        super().__init__(name, line, column, byte)


class EmptyMessage(InputError):
    """A single message is empty or blank."""

    def __init__(self, name: str):
        self.name = name
        super().__init__(name)


class BadLines(InputError):
    """Lines of a JSONL file that cannot be used; every one is listed, in file order."""

    def __init__(self, name: str, lines: Sequence[BadLine]):
        self.name, self.lines = name, tuple(lines)
        super().__init__(name, len(self.lines))


class NoMessages(InputError):
    """A JSONL file holds no message at all.

    `empty`: nothing but ASCII whitespace; else its lines are blank only to Unicode (a
    no-break space, say).
    """

    def __init__(self, name: str, empty: bool):
        self.name, self.empty = name, empty
        super().__init__(name, empty)


class ConfigError(ColdShoulderError):
    """The settings cannot run this command; for "invalid", `invalid` holds each bad
    variable with pydantic's message (which never quotes a secret)."""

    def __init__(self, problem: ConfigProblem, invalid: Sequence[tuple[str, str]] = ()):
        self.problem, self.invalid = problem, tuple(invalid)
        super().__init__(problem, *(variable for variable, _ in self.invalid))


class EngineFailure(ColdShoulderError):
    """The engine raised on one message of a batch; `error` is what it raised."""

    def __init__(self, name: str, line: int, engine: str, error: Exception):
        self.name, self.line, self.engine, self.error = name, line, engine, error
        super().__init__(name, line, engine)
