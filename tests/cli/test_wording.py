"""The sentences the CLI prints for each error, from the error's data."""

from __future__ import annotations

import pytest

from bot.cli import wording
from bot.cli.errors import (
    BadLine,
    BadLines,
    ConfigError,
    EmptyMessage,
    EngineFailure,
    FileError,
    NoMessages,
    NotUtf8,
    Problem,
)
from bot.errors import PromptError


@pytest.mark.parametrize(
    ("problem", "sentence"),
    [
        (
            Problem("not_utf8", value=0xE9, column=4),
            "not UTF-8 text (byte 0xe9 at column 4); save the file as UTF-8",
        ),
        (
            Problem("not_json", value="Expecting value", column=1),
            "not valid JSON (Expecting value at column 1)",
        ),
        (
            Problem("not_object", got="array"),
            'expected a JSON object like {"text": "..."}, got a list',
        ),
        (Problem("missing", field="text"), 'missing "text"'),
        (Problem("wrong_type", field="text", got="null"), '"text" must be a string, got null'),
        (
            Problem("wrong_type", field="id", got="object"),
            '"id" must be a string or a whole number, got an object',
        ),
        (
            Problem("wrong_type", field="generic", got="string"),
            '"generic" must be true or false, got a string',
        ),
        (Problem("empty", field="id"), '"id" is empty'),
        (
            Problem("unknown_label", value="spam"),
            "unknown label 'spam' (expected one of: sales_pitch, favor_request, "
            "meeting_request, recruiting, scam, genuine)",
        ),
        (Problem("repeated_id", value="a", other_line=3), "id 'a' repeats the id on line 3"),
    ],
)
def test_each_problem_reads_as_one_phrase(problem: Problem, sentence: str) -> None:
    assert wording.problem(problem) == sentence


def test_bad_lines_lists_twenty_then_counts_the_rest() -> None:
    lines = [BadLine(n, (Problem("missing", field="text"), Problem("empty", field="id")))
             for n in range(2, 27)]  # fmt: skip
    text = wording.describe(BadLines("f.jsonl", lines))
    rows = text.splitlines()
    assert rows[0] == "f.jsonl: 25 bad line(s); nothing was processed:"
    assert rows[1] == '  f.jsonl:2: missing "text"; "id" is empty'
    assert rows[20].startswith("  f.jsonl:21:")
    assert rows[21:] == ["  ... and 5 more"]
    assert "... and" not in wording.describe(BadLines("f", lines[:20]))


@pytest.mark.parametrize(
    ("error", "sentence"),
    [
        (FileError("a.txt", "missing"), "a.txt: no such file"),
        (FileError("d", "directory"), "d: is a directory, not a file"),
        (FileError("a", "unreadable", "Permission denied"), "a: cannot read (Permission denied)"),
        (FileError("o", "unwritable", "No space"), "o: cannot write (No space)"),
        (FileError("<stdin>", "no_stdin"), "<stdin>: no standard input to read from"),
        (
            NotUtf8("m.txt", 2, 5, 0xE9),
            "m.txt:2: not UTF-8 text (byte 0xe9 at column 5); save the file as UTF-8",
        ),
        (EmptyMessage("m.txt"), "m.txt: the file is empty; nothing to assess"),
        (EmptyMessage("<stdin>"), "<stdin>: no message on stdin; nothing to assess"),
        (NoMessages("f", empty=True), "f: no messages (the input is empty)"),
        (NoMessages("f", empty=False), "f: no messages (the input has only blank lines)"),
        (
            EngineFailure("f", 7, "llm", RuntimeError("boom")),
            "f:7: the llm engine failed on this message (RuntimeError: boom)",
        ),
        (PromptError("prompt file not found: x"), "prompt file not found: x"),
    ],
)
def test_describe(error: Exception, sentence: str) -> None:
    assert wording.describe(error) == sentence


def test_config_errors_say_what_to_set() -> None:
    assert wording.describe(ConfigError("llm_needs_key")).startswith(
        "--engine llm needs OPENAI_API_KEY"
    )
    assert "@BotFather" in wording.describe(ConfigError("no_token"))
    assert "needs COLDSHOULDER_WEBHOOK_SECRET" in wording.describe(
        ConfigError("webhook_needs_secret")
    )


def test_invalid_settings_is_one_paragraph_naming_each_variable() -> None:
    error = ConfigError(
        "invalid",
        [
            ("COLDSHOULDER_LISTEN", "Value error, 'x' is not host:port"),
            ("COLDSHOULDER_PROMPTS_DIR", "COLDSHOULDER_PROMPTS_DIR does not exist."),
        ],
    )
    assert wording.describe(error) == (
        "configuration error: COLDSHOULDER_LISTEN: 'x' is not host:port; "
        "COLDSHOULDER_PROMPTS_DIR does not exist. "
        "Fix the variable in the environment or in .env (see deploy/.env.example)."
    )
