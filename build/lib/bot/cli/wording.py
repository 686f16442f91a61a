"""Every sentence the command line says on stderr: its errors and its notes."""

from __future__ import annotations

from bot.cli.errors import (
    BadLines,
    ConfigError,
    EmptyMessage,
    EngineFailure,
    FileError,
    NoMessages,
    NotUtf8,
    Problem,
)
from bot.models import Category

PROG = "coldshoulder"
MAX_REPORTED = 20  # bad lines listed before "... and N more"
PASTE_PROMPT = "Paste the message, then press Ctrl-D on a new line."
FIX_SETTINGS = "Fix the variable in the environment or in .env (see deploy/.env.example)."

# How a JSON value's type reads in a sentence ("got a list").
GOT = {
    "null": "null",
    "boolean": "a boolean",
    "number": "a number",
    "string": "a string",
    "array": "a list",
    "object": "an object",
}
# What each field must hold ('"id" must be a string or a whole number').
EXPECTED = {
    "text": "a string",
    "id": "a string or a whole number",
    "label": "a string",
    "generic": "true or false",
}
FILE_REASONS = {
    "no_stdin": "no standard input to read from",
    "missing": "no such file",
    "directory": "is a directory, not a file",
    "unreadable": "cannot read ({detail})",
    "unwritable": "cannot write ({detail})",
}
CONFIG_PROBLEMS = {
    "llm_needs_key": (
        "--engine llm needs OPENAI_API_KEY (and OPENAI_BASE_URL for a server other than "
        "OpenAI's); see deploy/.env.example"
    ),
    "no_token": (
        "TELEGRAM_BOT_TOKEN is not set. Create a bot with @BotFather and put its token in "
        "the environment or in .env (see deploy/.env.example)."
    ),
    "needs_train_extra": (
        "training and cross-validation need scikit-learn: pip install 'coldshoulder[train]' "
        "(in a clone: make install does it)"
    ),
    "webhook_needs_secret": (
        "webhook mode needs COLDSHOULDER_WEBHOOK_SECRET: a long random string (A-Z, a-z, "
        "0-9, _ and -) that Telegram sends with every update, e.g. `openssl rand -hex 32`"
    ),
}


def not_utf8(byte: int, column: int) -> str:
    return f"not UTF-8 text (byte 0x{byte:02x} at column {column}); save the file as UTF-8"


def problem(p: Problem) -> str:
    """One problem of one JSONL line, e.g. 'missing "text"'."""
    got = GOT.get(p.got or "", p.got)
    match p.kind:
        case "not_utf8":
            return not_utf8(int(p.value or 0), p.column or 0)
        case "not_json":
            return f"not valid JSON ({p.value} at column {p.column})"
        case "not_object":
            return f'expected a JSON object like {{"text": "..."}}, got {got}'
        case "missing":
            return f'missing "{p.field}"'
        case "wrong_type":
            return f'"{p.field}" must be {EXPECTED[p.field or ""]}, got {got}'
        case "empty":
            return f'"{p.field}" is empty'
        case "unknown_label":
            categories = ", ".join(c.value for c in Category)
            return f"unknown label {p.value!r} (expected one of: {categories})"
        case "repeated_id":
            return f"id {p.value!r} repeats the id on line {p.other_line}"
    raise ValueError(f"unknown problem kind: {p.kind!r}")


def bad_lines(exc: BadLines) -> str:
    """A header and up to MAX_REPORTED bad lines, each with all of its problems."""
    shown = exc.lines[:MAX_REPORTED]
    out = [f"{exc.name}: {len(exc.lines)} bad line(s); nothing was processed:"]
    out += [f"  {exc.name}:{b.line}: {'; '.join(map(problem, b.problems))}" for b in shown]
    if len(exc.lines) > len(shown):
        out.append(f"  ... and {len(exc.lines) - len(shown)} more")
    return "\n".join(out)


def invalid_settings(invalid: tuple[tuple[str, str], ...]) -> str:
    """One paragraph naming each bad variable with pydantic's reason (never its value)."""
    parts = []
    for variable, message in invalid:
        message = message.removeprefix("Value error, ")
        if not message.startswith(variable):
            message = f"{variable}: {message[:1].lower()}{message[1:]}"
        parts.append(message.rstrip("."))
    return f"configuration error: {'; '.join(parts)}. {FIX_SETTINGS}"


def describe(exc: Exception) -> str:
    """What the user reads after "coldshoulder: " for an error that ends a command."""
    match exc:
        case FileError():
            return f"{exc.name}: " + FILE_REASONS[exc.reason].format(detail=exc.detail)
        case NotUtf8():
            return f"{exc.name}:{exc.line}: {not_utf8(exc.byte, exc.column)}"
        case EmptyMessage():
            what = "no message on stdin" if exc.name == "<stdin>" else "the file is empty"
            return f"{exc.name}: {what}; nothing to assess"
        case BadLines():
            return bad_lines(exc)
        case NoMessages():
            what = "is empty" if exc.empty else "has only blank lines"
            return f"{exc.name}: no messages (the input {what})"
        case ConfigError(problem="invalid"):
            return invalid_settings(exc.invalid)
        case ConfigError():
            return CONFIG_PROBLEMS[exc.problem]
        case EngineFailure():
            error = f"{type(exc.error).__name__}: {exc.error}"
            return (
                f"{exc.name}:{exc.line}: the {exc.engine} engine failed on this message ({error})"
            )
    return str(exc)  # errors from elsewhere (PromptError) carry their own sentence


def wrote(count: int, path: str) -> str:
    return f"{PROG}: wrote {count} verdict(s) to {path}"


def trained(records: int, groups: int, path: str) -> str:
    return f"Trained on {records} records from {groups} sources; wrote {path}"


def fold_done(fold: int, folds: int) -> str:
    return f"cross-validation: fold {fold} of {folds} done"


def assessed(count: int, total: int, fallbacks: int) -> str:
    """The batch summary; `fallbacks` verdicts came from the offline engine instead."""
    note = f", {fallbacks} answered offline (model unavailable)" if fallbacks else ""
    return f"{PROG}: {count}/{total} messages assessed{note}"
